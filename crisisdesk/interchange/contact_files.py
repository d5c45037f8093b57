"""Reading and writing whole contacts files: the format is recognised from the content."""

from __future__ import annotations

from pathlib import Path

from crisisdesk.domain.contacts import Contact
from crisisdesk.domain.errors import CrisisdeskError, InvalidInput, Problem
from crisisdesk.domain.i18n import _
from crisisdesk.interchange.csvfile import read_csv, write_csv
from crisisdesk.interchange.records import ReadResult
from crisisdesk.interchange.textfile import decode
from crisisdesk.interchange.vcard import looks_like_vcard, read_vcards, write_vcards

EXPORT_SUFFIXES = (".vcf", ".csv")


def read_contacts_bytes(data: bytes, source: str) -> ReadResult:
    """Parse a vCard or CSV file. Raises InvalidInput when it is not a contacts file at
    all; otherwise problems in single records are listed in the result."""
    text, encoding = decode(data, source)
    if looks_like_vcard(text):
        return read_vcards(text, source, encoding)
    if text.lstrip().upper().startswith("BEGIN:"):
        raise InvalidInput([Problem(source, 1, _("not a vCard (it must start with BEGIN:VCARD)"))])
    return read_csv(text, source, encoding)


def read_contacts_file(path: Path) -> ReadResult:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise CrisisdeskError(
            _("{path}: cannot be read ({reason})").format(path=path, reason=exc.strerror)
        ) from None
    return read_contacts_bytes(data, str(path))


def export_text(contacts: list[Contact], path: Path) -> str:
    """The text of a .vcf or .csv export, chosen by the file name's suffix."""
    suffix = Path(path).suffix.lower()
    if suffix == ".vcf":
        return write_vcards(contacts)
    if suffix == ".csv":
        return write_csv(contacts)
    raise CrisisdeskError(_("{path}: export to a .vcf (vCard) or .csv file").format(path=path))
