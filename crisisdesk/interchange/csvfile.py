"""Contacts in CSV: as Google Contacts and Outlook export them, and crisisdesk's own.

The flavour is recognised from the header row. crisisdesk's own columns
(``OWN_COLUMNS``) are documented in the README; several numbers or labels in one cell
are separated by ``;``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from crisisdesk.domain.contacts import Channel, ChannelKind, Contact
from crisisdesk.domain.errors import Problem
from crisisdesk.domain.i18n import _
from crisisdesk.interchange.records import ImportedContact, ReadResult

OWN_COLUMNS = (
    "name",
    "kind",
    "organisation",
    "job_title",
    "internal",
    "mobile",
    "landline",
    "email",
    "other",
    "labels",
    "notes",
    "availability",
    "last_verified",
)
MULTI_SEPARATOR = ";"

# Outlook's column -> channel kind (the export has one column per kind of number).
_OUTLOOK_PHONES = {
    "Mobile Phone": ChannelKind.MOBILE,
    "Car Phone": ChannelKind.MOBILE,
    "Primary Phone": ChannelKind.LANDLINE,
    "Business Phone": ChannelKind.LANDLINE,
    "Business Phone 2": ChannelKind.LANDLINE,
    "Company Main Phone": ChannelKind.LANDLINE,
    "Home Phone": ChannelKind.LANDLINE,
    "Home Phone 2": ChannelKind.LANDLINE,
    "Other Phone": ChannelKind.LANDLINE,
    "Assistant's Phone": ChannelKind.LANDLINE,
    "Callback": ChannelKind.LANDLINE,
    "Business Fax": ChannelKind.OTHER,
    "Home Fax": ChannelKind.OTHER,
    "Other Fax": ChannelKind.OTHER,
    "Pager": ChannelKind.OTHER,
    "Radio Phone": ChannelKind.OTHER,
}
_OUTLOOK_EMAILS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
_GOOGLE_SLOT = re.compile(r"^(Phone|E-mail) (\d+) - (Label|Type|Value)$")
_GOOGLE_MULTI = " ::: "


@dataclass(frozen=True)
class Flavour:
    name: str
    recognise: Callable[[set[str]], bool]
    row: Callable[[dict[str, str]], tuple[Contact | None, list[str]]]


def _get(row: dict[str, str], *keys: str) -> str:
    for key in keys:
        value = (row.get(key) or "").strip()
        if value:
            return value
    return ""


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _named(
    row: dict[str, str],
    name: str,
    organisation: str,
    title: str,
    channels: list[Channel],
    **kw: object,
) -> tuple[Contact | None, list[str]]:
    if not any(row.values()):
        return None, []  # an empty row: skipped, not a problem
    kind = "person" if name else "organisation"
    name = name or organisation
    if not name:
        return None, [_("no name and no organisation in this row")]
    return (
        Contact(
            id="",
            name=name,
            kind=kind,
            organisation=organisation,
            job_title=title,
            internal=False,
            channels=tuple(channels),
            **kw,  # type: ignore[arg-type]
        ),
        [],
    )


def _split(text: str, separator: str = MULTI_SEPARATOR) -> list[str]:
    return [part.strip() for part in text.split(separator) if part.strip()]


# -- Google Contacts ---------------------------------------------------------------------
def _google_recognise(columns: set[str]) -> bool:
    return (
        "Phone 1 - Value" in columns
        or "E-mail 1 - Value" in columns
        or ("Given Name" in columns and "Family Name" in columns)
    )


def _google_row(row: dict[str, str]) -> tuple[Contact | None, list[str]]:
    slots: dict[tuple[str, str], dict[str, str]] = {}
    for key, value in row.items():
        match = _GOOGLE_SLOT.match(key or "")
        if match:
            slots.setdefault((match[1], match[2]), {})[match[3]] = (value or "").strip()
    channels = []
    for (what, _n), slot in sorted(slots.items(), key=lambda kv: (kv[0][0], int(kv[0][1]))):
        label = (slot.get("Label") or slot.get("Type") or "").lstrip("* ").strip()
        for value in _split(slot.get("Value", ""), _GOOGLE_MULTI):
            if what == "E-mail":
                kind = ChannelKind.EMAIL
            elif label.lower() in ("mobile", "cell", "iphone"):
                kind = ChannelKind.MOBILE
            elif "fax" in label.lower() or label.lower() == "pager":
                kind = ChannelKind.OTHER
            else:
                kind = ChannelKind.LANDLINE
            channels.append(Channel(kind=kind, value=value, label=label))
    name = _get(row, "Name") or _join(
        _get(row, "Name Prefix"),
        _get(row, "First Name", "Given Name"),
        _get(row, "Middle Name", "Additional Name"),
        _get(row, "Last Name", "Family Name"),
        _get(row, "Name Suffix"),
    )
    labels = [
        label.lstrip("* ").strip()
        for label in _split(_get(row, "Labels", "Group Membership"), _GOOGLE_MULTI)
    ]
    labels = [lab for lab in labels if lab and lab.lower() not in ("mycontacts", "starred")]
    return _named(
        row,
        name,
        _get(row, "Organization Name", "Organization 1 - Name"),
        _get(row, "Organization Title", "Organization 1 - Title"),
        channels,
        labels=tuple(labels),
        notes=_get(row, "Notes"),
    )


# -- Outlook -------------------------------------------------------------------------------
def _outlook_recognise(columns: set[str]) -> bool:
    return "E-mail Address" in columns and (
        "Mobile Phone" in columns or "Business Phone" in columns
    )


def _outlook_row(row: dict[str, str]) -> tuple[Contact | None, list[str]]:
    channels = [
        Channel(kind=kind, value=value, label=column.lower())
        for column, kind in _OUTLOOK_PHONES.items()
        for value in [_get(row, column)]
        if value
    ]
    channels += [
        Channel(kind=ChannelKind.EMAIL, value=value)
        for column in _OUTLOOK_EMAILS
        for value in [_get(row, column)]
        if value
    ]
    # Outlook's "Title" is the honorific (Mr., Dr.); the function is "Job Title".
    name = _join(
        _get(row, "First Name"),
        _get(row, "Middle Name"),
        _get(row, "Last Name"),
        _get(row, "Suffix"),
    )
    return _named(
        row,
        name,
        _get(row, "Company"),
        _join(_get(row, "Job Title"), _get(row, "Department") and f"({_get(row, 'Department')})"),
        channels,
        labels=tuple(_split(_get(row, "Categories"))),
        notes=_get(row, "Notes"),
    )


# -- crisisdesk's own CSV --------------------------------------------------------------------
_YES = ("yes", "true", "1", "internal", "ja")
_NO = ("no", "false", "0", "external", "nee", "")


def _own_recognise(columns: set[str]) -> bool:
    return {"name", "kind", "mobile", "landline", "email"} <= columns


def _own_row(row: dict[str, str]) -> tuple[Contact | None, list[str]]:
    problems: list[str] = []
    kind = _get(row, "kind").lower() or "person"
    if kind not in ("person", "organisation"):
        problems.append(_("kind '{kind}' must be person or organisation").format(kind=kind))
    internal_text = _get(row, "internal").lower()
    if internal_text not in _YES + _NO:
        problems.append(_("internal '{value}' must be yes or no").format(value=internal_text))
    verified = None
    if _get(row, "last_verified"):
        try:
            verified = date.fromisoformat(_get(row, "last_verified"))
        except ValueError:
            problems.append(
                _("last_verified '{value}' is not a date (YYYY-MM-DD)").format(
                    value=_get(row, "last_verified")
                )
            )
    channels = [
        Channel(kind=kind_, value=value)
        for kind_ in (
            ChannelKind.MOBILE,
            ChannelKind.LANDLINE,
            ChannelKind.EMAIL,
            ChannelKind.OTHER,
        )
        for value in _split(_get(row, kind_))
    ]
    if problems:
        return None, problems
    contact, more = _named(
        row,
        _get(row, "name"),
        _get(row, "organisation"),
        _get(row, "job_title"),
        channels,
        labels=tuple(_split(_get(row, "labels"))),
        notes=_get(row, "notes"),
        availability=_get(row, "availability"),
        last_verified=verified,
    )
    if contact is not None:
        contact = replace(contact, kind=kind, internal=internal_text in _YES)
    return contact, more


FLAVOURS = (
    Flavour("crisisdesk CSV", _own_recognise, _own_row),
    Flavour("Google Contacts CSV", _google_recognise, _google_row),
    Flavour("Outlook CSV", _outlook_recognise, _outlook_row),
)


def read_csv(text: str, source: str, encoding: str) -> ReadResult:
    result = ReadResult(source, "CSV", encoding)
    try:
        dialect = csv.Sniffer().sniff(text[:4096].splitlines()[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except (csv.Error, IndexError):
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        result.problems.append(
            Problem(source, 1, _("cannot read the header row: {e}").format(e=exc))
        )
        return result
    flavour = next((f for f in FLAVOURS if f.recognise(set(header))), None)
    if flavour is None:
        result.problems.append(
            Problem(
                source,
                1,
                _(
                    "unknown columns ({found}): expected a Google Contacts or Outlook CSV "
                    "export, or crisisdesk's own CSV with the columns {own}"
                ).format(
                    found=", ".join(h for h in header[:8] if h) or _("none"),
                    own=", ".join(OWN_COLUMNS),
                ),
            )
        )
        return result
    result.format = flavour.name
    duplicates = {h for h in header if h and header.count(h) > 1}
    if duplicates:
        result.problems.append(
            Problem(
                source,
                1,
                _("column(s) named twice: {names}").format(names=", ".join(sorted(duplicates))),
            )
        )
        return result
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.problems.append(Problem(source, line, _("not valid CSV: {e}").format(e=exc)))
            break
        start, line = line, reader.line_num + 1
        if not cells or not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            result.problems.append(
                Problem(
                    source,
                    start,
                    _("{found} columns, but the header has {expected}").format(
                        found=len(cells), expected=len(header)
                    ),
                )
            )
            continue
        contact, problems = flavour.row(dict(zip(header, cells, strict=True)))
        result.problems.extend(Problem(source, start, p) for p in problems)
        if contact is not None:
            result.contacts.append(ImportedContact(start, contact))
    return result


def write_csv(contacts: list[Contact]) -> str:
    """crisisdesk's own CSV (UTF-8): every field, numbers as stored (E.164 when known)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(OWN_COLUMNS)
    sep = f"{MULTI_SEPARATOR} "
    for c in contacts:
        by_kind = {
            kind: sep.join(ch.e164 or ch.value for ch in c.channels if ch.kind == kind)
            for kind in ChannelKind.ALL
        }
        writer.writerow(
            [
                c.name,
                c.kind,
                c.organisation,
                c.job_title,
                "yes" if c.internal else "no",
                by_kind[ChannelKind.MOBILE],
                by_kind[ChannelKind.LANDLINE],
                by_kind[ChannelKind.EMAIL],
                by_kind[ChannelKind.OTHER],
                sep.join(c.labels),
                c.notes,
                c.availability,
                c.last_verified.isoformat() if c.last_verified else "",
            ]
        )
    return out.getvalue()
