"""A plain, fast table flowable for very long listings (the incident timeline).

reportlab's ``Table`` measures every cell through Paragraph objects and lays out each
table as a whole: for a 10,000-row log that takes most of a minute. Here every cell is
wrapped once into lines with ``simpleSplit`` when the row is added, rows are split
across pages by simple arithmetic, and a page's text goes out as one text object.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

PAD = 3.0


@dataclass(frozen=True)
class Line:
    text: str
    font: str


@dataclass(frozen=True)
class Row:
    cells: tuple[tuple[Line, ...], ...]
    height: float


@dataclass(frozen=True)
class TableLook:
    widths: tuple[float, ...]
    font: str
    bold: str
    size: float
    leading: float
    header_fill: colors.Color
    rule: colors.Color
    first_column: colors.Color


def wrap_cell(parts: Sequence[tuple[str, str]], width: float, look: TableLook) -> tuple[Line, ...]:
    """``parts`` are (text, font) paragraphs of one cell; each wraps to the width."""
    lines: list[Line] = []
    room = width - 2 * PAD
    for text, font in parts:
        for paragraph in text.split("\n"):
            if stringWidth(paragraph, font, look.size) <= room:  # most cells: one line
                lines.append(Line(paragraph, font))
                continue
            for piece in simpleSplit(paragraph, font, look.size, room) or [""]:
                lines.append(Line(piece, font))
    return tuple(lines)


def make_row(cells: Sequence[Sequence[tuple[str, str]]], look: TableLook) -> Row:
    wrapped = tuple(wrap_cell(parts, w, look) for parts, w in zip(cells, look.widths, strict=True))
    height = max(len(c) for c in wrapped) * look.leading + 2 * PAD
    return Row(wrapped, height)


class FastTable(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Rows under a header repeated on every page; splits between rows."""

    def __init__(self, header: Row, rows: Sequence[Row], look: TableLook) -> None:
        super().__init__()
        self.header = header
        self.rows = list(rows)
        self.look = look
        self.width = sum(look.widths)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.height = self.header.height + sum(r.height for r in self.rows)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        used = self.header.height
        fit = 0
        for row in self.rows:
            if used + row.height > avail_height:
                break
            used += row.height
            fit += 1
        if fit == 0:
            return []
        if fit == len(self.rows):
            return [self]
        return [
            FastTable(self.header, self.rows[:fit], self.look),
            FastTable(self.header, self.rows[fit:], self.look),
        ]

    def draw(self) -> None:
        canv = self.canv
        look = self.look
        y = self.height
        canv.saveState()
        canv.setFillColor(look.header_fill)
        canv.rect(0, y - self.header.height, self.width, self.header.height, stroke=0, fill=1)
        canv.setStrokeColor(look.rule)
        canv.setLineWidth(0.25)
        text = canv.beginText()
        text.setFillColor(colors.black)
        current_font = ""
        current_colour = colors.black
        for index, row in enumerate([self.header, *self.rows]):
            x = 0.0
            for column, (cell, width) in enumerate(zip(row.cells, look.widths, strict=True)):
                line_y = y - PAD - look.size
                for line in cell:
                    font = look.bold if index == 0 else line.font
                    if font != current_font:
                        text.setFont(font, look.size, look.leading)
                        current_font = font
                    colour = look.first_column if column == 0 and index > 0 else colors.black
                    if colour is not current_colour:
                        text.setFillColor(colour)
                        current_colour = colour
                    text.setTextOrigin(x + PAD, line_y)
                    text.textOut(line.text)
                    line_y -= look.leading
                x += width
            y -= row.height
            canv.line(0, y, self.width, y)
        canv.drawText(text)
        canv.restoreState()
