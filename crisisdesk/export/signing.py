"""Embedding the evidence into a PDF and signing it (pyHanko, PAdES).

The signature is a certifying (author) signature with DocMDP "no changes allowed" over
the whole document, including the embedded log and manifest, with a visible stamp.
No timestamp server is used (the app is offline): the signing time is the laptop's.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pyhanko import stamp
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.font.api import FontEngineFactory
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _
from crisisdesk.export.evidence import LOG_NAME, MANIFEST_NAME, Manifest
from crisisdesk.export.pdfbase import FONT_DIR

FIELD_NAME = "CrisisdeskSignature"
# The stamp is written in the DejaVu Sans every crisisdesk PDF embeds (a subset of it),
# so a signer called Zoë or Ñúñez keeps the accents and no viewer substitutes a font.
STAMP_FONT = FONT_DIR / "DejaVuSans.ttf"
STAMP_FONT_SIZE = 9


class SigningError(CrisisdeskError):
    """The PDF could not be signed."""


class _ThousandthsGlyphs(GlyphAccumulator):
    """pyHanko's glyph accumulator, measuring in thousandths of an em as PDF does.

    pyHanko 0.38 writes glyph widths (/W) in the font's own units. That is right for
    fonts of 1000 units per em, but DejaVu has 2048, so the stamp's letters stood twice
    their width apart and ran out of the box. Here HarfBuzz shapes at 1000 units per em
    and every width is scaled to match.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._to_thousandths = 1000 / self.units_per_em
        self.hb_font.scale = (1000, 1000)
        self.units_per_em = 1000
        # FontForge's timestamp table: fontTools cannot subset it and says so on stderr
        if "FFTM" in self.tt:
            del self.tt["FFTM"]

    def _get_cid_and_width(self, glyph_id: int) -> tuple[int, int]:
        if glyph_id not in self._glyphs:
            cid, width = super()._get_cid_and_width(glyph_id)
            self._glyphs[glyph_id] = (cid, round(width * self._to_thousandths))
        result: tuple[int, int] = self._glyphs[glyph_id]
        return result


class _StampFont(FontEngineFactory):
    """Makes the stamp's font engine from the font's bytes (pyHanko's own
    ``GlyphAccumulatorFactory`` opens the file and never closes it)."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: object = None
    ) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()  # type: ignore[no-untyped-call]
        return _ThousandthsGlyphs(
            writer, io.BytesIO(self._data), STAMP_FONT_SIZE, obj_stream=obj_stream
        )


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
                _("Digitally signed by")
                + " %(signer)s\n"
                + _("Time")
                + ": %(ts)s\n"
                + _("Events")
                + ": %(count)s\n"
                + _("Chain head")
                + ":\n%(head1)s\n%(head2)s"
            ),
            text_box_style=TextBoxStyle(
                font=_StampFont(STAMP_FONT.read_bytes()),
                font_size=STAMP_FONT_SIZE,
                leading=STAMP_FONT_SIZE + 2,
            ),
            border_width=1,
        )
        pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec)
        pdf_signer.sign_pdf(
            writer,
            output=out,
            appearance_text_params={
                "signer": signer_name,
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
