"""Embedding the evidence into a PDF and signing it (pyHanko, PAdES).

The signature is a certifying (author) signature with DocMDP "no changes allowed" over
the whole document, including the embedded log and manifest, with a visible stamp.
No timestamp server is used (the app is offline): the signing time is the laptop's.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pyhanko import stamp
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _
from crisisdesk.export.evidence import LOG_NAME, MANIFEST_NAME, Manifest

FIELD_NAME = "CrisisdeskSignature"


class SigningError(CrisisdeskError):
    """The PDF could not be signed."""


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    mime_type: str
    description: str


@dataclass(frozen=True)
class StampPlace:
    """Where the visible signature goes: page index (0 = first) and box in points."""

    page: int
    box: tuple[int, int, int, int]


def evidence_attachments(log: bytes, manifest: Manifest) -> list[Attachment]:
    return [
        Attachment(
            LOG_NAME,
            log,
            "application/jsonl",
            "crisisdesk incident log: one canonical JSON event per line, hash-chained",
        ),
        Attachment(
            MANIFEST_NAME,
            manifest.to_bytes(),
            "application/json",
            "crisisdesk manifest: incident, event count, chain head, algorithm",
        ),
    ]


def _embed(
    writer: IncrementalPdfFileWriter, attachments: Sequence[Attachment], when: datetime
) -> None:
    for item in attachments:
        spec = embed.FileSpec(
            file_spec_string=item.name,
            file_name=item.name,
            embedded_data=embed.EmbeddedFileObject.from_file_data(
                writer,
                data=item.data,
                mime_type=item.mime_type,
                params=embed.EmbeddedFileParams(creation_date=when, modification_date=when),
            ),
            description=item.description,
            af_relationship=generic.NameObject("/Data"),
        )
        embed.embed_file(writer, spec)


def ascii_text(text: str) -> str:
    """The stamp uses a standard PDF font: fold accents, drop what it cannot show."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return folded or "?"


def finish_pdf(
    pdf: bytes,
    attachments: Sequence[Attachment],
    *,
    when: datetime,
    signer: signers.Signer | None = None,
    stamp_place: StampPlace | None = None,
    chain_head: str = "",
    event_count: int = 0,
) -> bytes:
    """Embed ``attachments`` and, with a ``signer``, certify the whole document."""
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        _embed(writer, attachments, when)
        out = io.BytesIO()
        if signer is None:
            writer.write(out)  # type: ignore[no-untyped-call]
            return out.getvalue()
        cert = signer.signing_cert
        if cert is None:
            raise SigningError(_("the signing key has no certificate"))
        signer_name = str(cert.subject.native.get("common_name", ""))
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            certify=True,
            docmdp_permissions=MDPPerm.NO_CHANGES,
            subfilter=SigSeedSubFilter.PADES,
            md_algorithm="sha256",
            name=signer_name,
            reason=_("crisisdesk incident log, chain head {head}").format(head=chain_head),
        )
        spec = None
        if stamp_place is not None:
            spec = fields.SigFieldSpec(FIELD_NAME, on_page=stamp_place.page, box=stamp_place.box)
        style = stamp.TextStampStyle(
            stamp_text=(
                ascii_text(_("Digitally signed by"))
                + " %(signer)s\n"
                + ascii_text(_("Time"))
                + ": %(ts)s\n"
                + ascii_text(_("Events"))
                + ": %(count)s\n"
                + ascii_text(_("Chain head"))
                + ":\n%(head1)s\n%(head2)s"
            ),
            border_width=1,
        )
        pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec)
        pdf_signer.sign_pdf(
            writer,
            output=out,
            appearance_text_params={
                "signer": ascii_text(signer_name),
                "count": str(event_count),
                "head1": chain_head[:32],
                "head2": chain_head[32:],
            },
        )
        return out.getvalue()
    except CrisisdeskError:
        raise
    except Exception as exc:  # pyHanko raises many kinds; the user needs one message
        raise SigningError(_("could not sign the PDF: {error}").format(error=exc)) from exc
