"""What every crisisdesk PDF shares: embedded fonts, styles and the page frame.

reportlab's base-14 fonts are not embedded and lack many characters (ë, ı, €, …), so
every PDF embeds DejaVu, shipped in ``crisisdesk/resources/fonts``. Every page carries
the organisation, the document title, CONFIDENTIAL, page x of y and, for exercises, an
EXERCISE watermark and banner — printouts travel, and must say what they are.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

FONT_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_MONO = "DejaVuSansMono"

PAPER = {"a4": A4, "letter": LETTER}

RED = colors.HexColor("#b3261e")
AMBER = colors.HexColor("#a15c00")
GREEN = colors.HexColor("#1e7b34")
GREY = colors.HexColor("#5f6368")
LIGHT = colors.HexColor("#eeeeee")


def register_fonts() -> None:
    """Register the embedded fonts with reportlab (idempotent)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in (
        (FONT, "DejaVuSans.ttf"),
        (FONT_BOLD, "DejaVuSans-Bold.ttf"),
        (FONT_ITALIC, "DejaVuSans-Oblique.ttf"),
        (FONT_MONO, "DejaVuSansMono.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD
    )


def paper_size(name: str) -> tuple[float, float]:
    try:
        width, height = PAPER[name.lower()]
    except KeyError:
        raise ValueError(f"unknown paper size '{name}' (choose a4 or letter)") from None
    return float(width), float(height)


def styles() -> StyleSheet1:
    """Paragraph styles in the embedded fonts."""
    register_fonts()
    sheet = StyleSheet1()
    sheet.add(ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5))
    sheet.add(ParagraphStyle("small", parent=sheet["body"], fontSize=8, leading=10))
    sheet.add(ParagraphStyle("cell", parent=sheet["body"], fontSize=8.5, leading=10.5))
    sheet.add(ParagraphStyle("cellbold", parent=sheet["cell"], fontName=FONT_BOLD))
    sheet.add(ParagraphStyle("mono", parent=sheet["body"], fontName=FONT_MONO, fontSize=8.5))
    sheet.add(
        ParagraphStyle(
            "title", parent=sheet["body"], fontName=FONT_BOLD, fontSize=20, leading=25, spaceAfter=8
        )
    )
    sheet.add(
        ParagraphStyle(
            "h1",
            parent=sheet["body"],
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=10,
            spaceAfter=6,
        )
    )
    sheet.add(
        ParagraphStyle(
            "h2",
            parent=sheet["body"],
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
        )
    )
    sheet.add(
        ParagraphStyle(
            "banner",
            parent=sheet["body"],
            fontName=FONT_BOLD,
            fontSize=13,
            leading=17,
            alignment=TA_CENTER,
            textColor=colors.white,
            backColor=RED,
            borderPadding=(4, 4, 4, 4),
            spaceAfter=8,
        )
    )
    return sheet


@dataclass(frozen=True)
class PageFrame:
    """What is printed around every page's content."""

    title: str  # the document, e.g. "Incident log"
    organisation: str = ""
    reference: str = ""  # e.g. "incident 3f2a…" or "plan v3.2"
    printed: str = ""  # e.g. "printed 2026-11-27 14:02 +01:00"
    confidential: str = "CONFIDENTIAL"
    exercise: str | None = None  # the word to print when this is an exercise, e.g. "EXERCISE"
    page_label: str = "page {page} of {pages}"
    extra_metadata: dict[str, str] = field(default_factory=dict)


def _draw_frame(canv: rl_canvas.Canvas, frame: PageFrame, page: int, pages: int) -> None:
    width, height = canv._pagesize
    margin = 15 * mm
    canv.saveState()
    if frame.exercise:
        canv.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.10))
        canv.setFont(FONT_BOLD, 90)
        canv.translate(width / 2, height / 2)
        canv.rotate(45)
        canv.drawCentredString(0, -30, frame.exercise)
        canv.rotate(-45)
        canv.translate(-width / 2, -height / 2)
    canv.setFont(FONT, 8)
    canv.setFillColor(GREY)
    canv.drawString(margin, height - 10 * mm, frame.organisation)
    canv.drawRightString(width - margin, height - 10 * mm, frame.title)
    canv.setStrokeColor(LIGHT)
    canv.line(margin, height - 11.5 * mm, width - margin, height - 11.5 * mm)
    canv.line(margin, 13 * mm, width - margin, 13 * mm)
    canv.setFont(FONT_BOLD, 8)
    canv.setFillColor(RED)
    label = frame.confidential
    if frame.exercise:
        label = f"{frame.exercise} · {label}"
    canv.drawString(margin, 9 * mm, label)
    canv.setFont(FONT, 8)
    canv.setFillColor(GREY)
    canv.drawCentredString(
        width / 2, 9 * mm, " · ".join(x for x in (frame.reference, frame.printed) if x)
    )
    canv.drawRightString(width - margin, 9 * mm, frame.page_label.format(page=page, pages=pages))
    canv.restoreState()


def _canvas_class(frame: PageFrame) -> type[rl_canvas.Canvas]:
    """A canvas that holds pages back until the end, so each can say 'page x of y'."""

    class FramedCanvas(rl_canvas.Canvas):  # type: ignore[misc]  # reportlab is untyped
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                _draw_frame(self, frame, number, pages)
                super().showPage()
            super().save()

    return FramedCanvas


def build_pdf(
    out: Path | IO[bytes],
    story: Sequence[Flowable],
    frame: PageFrame,
    *,
    pagesize: tuple[float, float] = A4,
    author: str = "",
    subject: str = "",
    on_page: Callable[[int], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> None:
    """Lay out ``story`` and write the PDF with the page frame on every page.

    ``on_page`` is called with the number of each page as it is laid out; ``on_progress``
    with (done, total) as flowables are laid out, for a progress bar. A story holding a
    ``TableOfContents`` is laid out in as many passes as its page numbers need; headings
    made with ``toc_heading`` become its entries and the PDF's outline.
    """
    register_fonts()
    target = str(out) if isinstance(out, Path) else out
    story = list(story)
    multi_pass = any(isinstance(f, TableOfContents) for f in story)
    doc = _TocDocTemplate(
        story_length=len(story),
        passes=_EXPECTED_PASSES if multi_pass else 1,
        on_progress=on_progress,
        filename=target,
        pagesize=pagesize,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=frame.title,
        author=author,
        subject=subject,
        creator="crisisdesk",
        # Start every page in the embedded font: otherwise each page references
        # reportlab's default (unembedded) Helvetica.
        initialFontName=FONT,
    )

    def page_done(canv: rl_canvas.Canvas, _doc: Any) -> None:
        if on_page is not None:
            on_page(canv.getPageNumber())

    if multi_pass:
        doc.multiBuild(
            story, onFirstPage=page_done, onLaterPages=page_done, canvasmaker=_canvas_class(frame)
        )
    else:
        doc.build(
            story, onFirstPage=page_done, onLaterPages=page_done, canvasmaker=_canvas_class(frame)
        )
    if on_progress is not None:
        on_progress(doc.total, doc.total)


# A table of contents needs two passes (titles, then page numbers), rarely a third.
_EXPECTED_PASSES = 2


_toc_keys = itertools.count(1)


def toc_heading(text: str, style: ParagraphStyle, level: int = 0) -> Paragraph:
    """A heading that becomes a table-of-contents entry (at ``level``, 0 = top), a
    bookmark the entry links to and an entry in the PDF viewer's outline (in a document
    without a table of contents, only the last two)."""
    heading = Paragraph(text, style)
    key = f"toc{next(_toc_keys)}"
    heading.toc_entry = (level, text, key)  # read by _TocDocTemplate.afterFlowable
    return heading


class _TocDocTemplate(SimpleDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """Registers ``toc_heading`` entries and reports layout progress."""

    def __init__(
        self,
        *,
        story_length: int,
        passes: int,
        on_progress: Callable[[int, int], None] | None,
        filename: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(filename, **kwargs)
        self._story_length = max(story_length, 1)
        self.total = self._story_length * passes
        self._pass = 0
        self._on_progress = on_progress

    def build(self, flowables: list[Flowable], *args: Any, **kwargs: Any) -> None:
        self._pass += 1  # multiBuild calls build once per pass
        super().build(flowables, *args, **kwargs)

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "toc_entry", None)
        if entry is not None:
            level, text, key = entry
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(plain_text(text), key, level=level, closed=level > 0)
            self.notify("TOCEntry", (level, text, self.page, key))

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        super().handle_flowable(flowables)
        # clean_hanging() passes reportlab's own list of page-start actions: not the story.
        if self._on_progress is not None and flowables is not self._hanging:
            # What is left of the story (split flowables go back in, so clamp).
            done_in_pass = max(0, self._story_length - len(flowables))
            done = (self._pass - 1) * self._story_length + done_in_pass
            # Never claim to be done before the last pass has ended.
            self._on_progress(min(done, self.total - 1), self.total)


def plain_text(markup: str) -> str:
    """Paragraph markup without its tags and entities, e.g. for the PDF outline."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def text_table(data: Sequence[Sequence[Any]], **kwargs: Any) -> Table:
    """reportlab's Table, its plain-text cells in the embedded font: reportlab's default
    for them is Helvetica, which is not embedded (and lacks letters such as Ł).
    Styles set afterwards (setStyle) add to this one."""
    made = Table(data, **kwargs)
    made.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT)]))
    return made


CELL_PADDING = 12  # reportlab's default left + right padding of a table cell
GRID = colors.HexColor("#9e9e9e")


def table_style(header_rows: int = 1) -> TableStyle:
    """The grid of a printed list: thin lines, a light header, top-aligned cells."""
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), LIGHT))
    return TableStyle(commands)


def column_widths(
    cells: Sequence[Sequence[str]],
    width: float,
    font: str | Sequence[str] = FONT,
    size: float = 8.5,
    *,
    whole_lines: Sequence[int] = (),
) -> list[float]:
    """Share ``width`` among a table's columns by the text they hold (plain text per
    cell, lines separated by newlines): every column gets at least its longest word, so
    no word is cut in half, and the columns in ``whole_lines`` (phone numbers) their
    longest line; then the rest goes where the lines are longest."""
    register_fonts()
    columns = max((len(row) for row in cells), default=0)
    if columns == 0:
        return []
    fonts = [font] * columns if isinstance(font, str) else list(font)
    least = [CELL_PADDING + 6.0] * columns
    wanted = [CELL_PADDING + 6.0] * columns
    for row in cells:
        for index, text in enumerate(row):
            for line in text.splitlines() or [""]:
                words = line.split() or [""]
                face = fonts[index]
                longest_word = max(stringWidth(w, face, size) for w in words)
                if index in whole_lines:
                    longest_word = stringWidth(line, face, size)
                least[index] = max(least[index], longest_word + CELL_PADDING)
                wanted[index] = max(wanted[index], stringWidth(line, face, size) + CELL_PADDING)
    if sum(least) >= width:
        return [w * width / sum(least) for w in least]
    spare = width - sum(least)
    extra = [want - low for want, low in zip(wanted, least, strict=True)]
    if sum(extra) <= spare:  # everything fits on one line: share out what is left evenly
        bonus = (spare - sum(extra)) / columns
        return [want + bonus for want in wanted]
    return [low + spare * e / sum(extra) for low, e in zip(least, extra, strict=True)]
