"""A blank activity log sheet for writing by hand, in the manner of ICS 214.

When the laptop is gone or the power is out, the scribe keeps the log on paper: the
incident name, the operational period, who keeps the sheet, then ruled rows with time /
who / what. Continuation sheets are numbered. The sheet fills whatever height the page
leaves it, so A4 and Letter both get as many rows as fit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from crisisdesk.export.pdfbase import FONT, FONT_BOLD, GREY

ROW_HEIGHT = 7.5 * mm  # room for handwriting
LINE = colors.HexColor("#8a8a8a")


@dataclass(frozen=True)
class LogSheetLabels:
    title: str  # "ACTIVITY LOG"
    sheet: str  # "Sheet {number}"
    continuation: str  # "Continuation sheet {number}"
    incident: str
    period: str
    period_from: str
    period_to: str
    name: str
    position: str
    time: str
    who: str
    what: str
    prepared_by: str
    signature: str
    date_time: str

    @classmethod
    def translated(cls, _: Callable[[str], str]) -> LogSheetLabels:
        return cls(
            title=_("ACTIVITY LOG"),
            sheet=_("Sheet {number}"),
            continuation=_("Continuation sheet {number}"),
            incident=_("1. Incident name"),
            period=_("2. Operational period"),
            period_from=_("from (date, time)"),
            period_to=_("to (date, time)"),
            name=_("3. Name"),
            position=_("4. Position in the crisis team"),
            time=_("Time"),
            who=_("Who"),
            what=_("What happened, was decided or done"),
            prepared_by=_("5. Prepared by (name, position)"),
            signature=_("Signature"),
            date_time=_("Date, time"),
        )


class LogSheet(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One sheet; it takes all the height left on its page."""

    def __init__(self, number: int, labels: LogSheetLabels) -> None:
        super().__init__()
        self.number = number
        self.labels = labels
        self.rows = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, avail_height
        return avail_width, avail_height

    def draw(self) -> None:
        c = self.canv
        w, top = self.width, self.height
        lab = self.labels
        c.saveState()
        c.setStrokeColor(LINE)
        c.setLineWidth(0.6)
        # Title line
        c.setFont(FONT_BOLD, 13)
        c.setFillColor(colors.black)
        c.drawString(0, top - 12, lab.title)
        c.setFont(FONT_BOLD, 10)
        sheet = lab.sheet if self.number == 1 else lab.continuation
        c.drawRightString(w, top - 12, sheet.format(number=self.number))
        y = top - 20
        # Header fields: label above a box to write in.
        box = 11 * mm

        def field(x: float, width: float, label: str, yy: float) -> None:
            c.setFont(FONT, 7)
            c.setFillColor(GREY)
            c.rect(x, yy - box, width, box)
            c.drawString(x + 2, yy - 8, label)

        half = w / 2
        field(0, w, lab.incident, y)
        y -= box
        field(0, half, f"{lab.period}: {lab.period_from}", y)
        field(half, half, lab.period_to, y)
        y -= box
        field(0, half, lab.name, y)
        field(half, half, lab.position, y)
        y -= box + 4 * mm
        # The log: column heads, then ruled rows down to the footer.
        footer = box + 4 * mm
        time_w, who_w = 18 * mm, 32 * mm
        head_h = 6 * mm
        c.setFillColor(colors.HexColor("#eeeeee"))
        c.rect(0, y - head_h, w, head_h, fill=1)
        c.setFillColor(colors.black)
        c.setFont(FONT_BOLD, 8.5)
        c.drawString(2, y - head_h + 5, lab.time)
        c.drawString(time_w + 2, y - head_h + 5, lab.who)
        c.drawString(time_w + who_w + 2, y - head_h + 5, lab.what)
        table_top = y
        y -= head_h
        self.rows = int((y - footer) // ROW_HEIGHT)
        bottom = y - self.rows * ROW_HEIGHT
        for row in range(self.rows + 1):
            ry = y - row * ROW_HEIGHT
            c.line(0, ry, w, ry)
        for x in (0, time_w, time_w + who_w, w):
            c.line(x, table_top, x, bottom)
        # Footer: who prepared the sheet.
        fy = bottom - 3 * mm
        field(0, w * 0.5, lab.prepared_by, fy)
        field(w * 0.5, w * 0.25, lab.signature, fy)
        field(w * 0.75, w * 0.25, lab.date_time, fy)
        c.restoreState()
