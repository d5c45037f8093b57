"""The post-incident report: a readable PDF for management and the board.

Summary, the timeline picture (phases as bars on a time axis, key events as numbered
markers with a legend), the figures derived from the log, regulatory notices against
their deadlines, decisions, what happened / worked / to improve, and the improvement
actions. Exercises say EXERCISE in a banner and on every page (pdfbase's frame).

The caller (a service) prepares every value; this module only lays it out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from crisisdesk.domain.actions import ActionItem, LinkKind
from crisisdesk.domain.evaluation import Figures, figure_rows, notice_rows
from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import action_status_label, marker_label
from crisisdesk.domain.messages import format_time
from crisisdesk.domain.timeline_chart import Chart
from crisisdesk.export.pdfbase import (
    AMBER,
    FONT,
    FONT_BOLD,
    GREEN,
    GREY,
    LIGHT,
    RED,
    PageFrame,
    build_pdf,
    styles,
    text_table,
)

# One colour per phase (colour-blind-safe Okabe-Ito palette), by phase key.
PHASE_COLOURS = {
    "identification": colors.HexColor("#0072B2"),
    "isolation": colors.HexColor("#D55E00"),
    "recovery": colors.HexColor("#009E73"),
    "communication": colors.HexColor("#CC79A7"),
    "aftercare": colors.HexColor("#E69F00"),
}
MARKER_COLOURS = {"decision": RED, "message": GREEN, "notice": AMBER}


@dataclass(frozen=True)
class ReportData:
    organisation: str
    incident_id: str
    figures: Figures
    chart: Chart
    summary: Sequence[tuple[str, str]]  # (label, value) rows of the summary table
    what_happened: str
    what_worked: str
    what_to_improve: str
    actions: Sequence[ActionItem]
    tz: tzinfo
    printed: str  # "printed 2026-03-02 14:02 (UTC+01:00)"


def link_text(a: ActionItem) -> str:
    if a.link_kind == LinkKind.PLAN_SECTION:
        return _("plan section: {ref}").format(ref=a.link_ref)
    if a.link_kind == LinkKind.PLAYBOOK_ITEM:
        return _("playbook item: {ref}").format(ref=a.link_ref.replace(":", ": ", 1))
    return "-"


def timeline_drawing(c: Chart, width: float) -> Drawing:
    """The timeline picture: one labelled row per phase, markers above, time axis below."""
    label_w = 48 * mm
    row_h = 7 * mm
    top = 9 * mm  # space for the marker row
    axis_h = 9 * mm
    height = top + row_h * len(c.rows) + axis_h
    d = Drawing(width, height)
    d.initialFontName = FONT  # the renderer's starting font: else unembedded Helvetica
    x0, x1 = label_w, width - 3 * mm

    def x(at: float) -> float:
        return float(x0 + at * (x1 - x0))

    # Grid, axis and ticks first: the bars are drawn over the grid.
    y_axis = axis_h
    d.add(Line(x0, y_axis, x1, y_axis, strokeColor=GREY, strokeWidth=0.6))
    for tick in c.ticks:
        d.add(Line(x(tick.at), y_axis, x(tick.at), y_axis - 1.5 * mm, strokeColor=GREY))
        d.add(
            Line(x(tick.at), y_axis, x(tick.at), height - top, strokeColor=LIGHT, strokeWidth=0.4)
        )
        d.add(
            String(
                x(tick.at),
                y_axis - 5 * mm,
                tick.label,
                fontName=FONT,
                fontSize=7,
                textAnchor="middle",
                fillColor=GREY,
            )
        )
    for n, row in enumerate(c.rows):
        y = y_axis + row_h * (len(c.rows) - n - 1)
        if n % 2 == 0:
            d.add(
                Rect(x0, y, x1 - x0, row_h, fillColor=colors.HexColor("#f6f6f6"), strokeColor=None)
            )
        title = row.title if len(row.title) <= 34 else row.title[:33] + "…"
        d.add(
            String(2, y + row_h / 2 - 3, title, fontName=FONT, fontSize=7.5, fillColor=colors.black)
        )
        colour = PHASE_COLOURS.get(row.key, GREY)
        for bar in row.bars:
            w = max(x(bar.end) - x(bar.start), 1.2)
            d.add(
                Rect(
                    x(bar.start),
                    y + 1.5 * mm,
                    w,
                    row_h - 3 * mm,
                    fillColor=colour,
                    strokeColor=None,
                )
            )
    # Markers: start and end as dashed lines, numbered events as triangles with numbers.
    marker_y = height - top
    for m in c.markers:
        mx = x(m.at)
        if m.kind in ("detected", "closed"):
            d.add(
                Line(
                    mx,
                    y_axis,
                    mx,
                    marker_y + 6 * mm,
                    strokeColor=colors.black,
                    strokeWidth=0.8,
                    strokeDashArray=[2, 2],
                )
            )
            d.add(
                String(
                    mx + (2 if m.kind == "detected" else -2),
                    marker_y + 5 * mm,
                    marker_label(m.kind),
                    fontName=FONT_BOLD,
                    fontSize=6.5,
                    textAnchor="start" if m.kind == "detected" else "end",
                )
            )
        elif m.kind == "inject":
            d.add(Line(mx, marker_y, mx, marker_y + 2 * mm, strokeColor=GREY, strokeWidth=0.8))
        else:
            colour = MARKER_COLOURS.get(m.kind, GREY)
            d.add(
                Polygon(
                    [mx, marker_y, mx - 2.2, marker_y + 4, mx + 2.2, marker_y + 4],
                    fillColor=colour,
                    strokeColor=colour,
                )
            )
            d.add(
                String(
                    mx,
                    marker_y + 5,
                    str(m.number),
                    fontName=FONT_BOLD,
                    fontSize=6.5,
                    textAnchor="middle",
                    fillColor=colour,
                )
            )
    return d


def _table(rows: list[list[Any]], widths: list[float], header: bool = True) -> Table:
    table = text_table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, LIGHT),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), LIGHT))
    table.setStyle(TableStyle(style))
    return table


def _paragraphs(text: str, style: Any, empty: str) -> list[Flowable]:
    """Plain text with line breaks kept; '- ' lines as they are."""
    if not text.strip():
        return [Paragraph(f"<i>{escape(empty)}</i>", style)]
    blocks = [b for b in text.strip().split("\n\n") if b.strip()]
    return [Paragraph(escape(b).replace("\n", "<br/>"), style) for b in blocks]


def report_story(data: ReportData, width: float) -> list[Flowable]:
    s = styles()
    s.add(ParagraphStyle("item", parent=s["body"], spaceAfter=3))
    f = data.figures
    cell, bold = s["cell"], s["cellbold"]

    def p(text: str, style: Any = cell) -> Paragraph:
        return Paragraph(escape(text), style)

    def when(value: Any) -> str:
        # The offset is said once, under the timeline, so times fit their columns.
        return f"{value.astimezone(data.tz):%Y-%m-%d %H:%M}" if value is not None else "-"

    zone = format_time(f.until, data.tz).rsplit(" ", 1)[1].strip("()")

    story: list[Flowable] = []
    if f.exercise:
        story.append(Paragraph(escape(_("EXERCISE — NOT A REAL INCIDENT")), s["banner"]))
    story.append(Paragraph(escape(_("Post-incident report")), s["title"]))
    story.append(Paragraph(escape(f.title), s["h1"]))
    story.append(
        _table([[p(k, bold), p(v)] for k, v in data.summary], [50 * mm, width - 50 * mm], False)
    )

    story += [
        Paragraph(escape(_("Timeline")), s["h2"]),
        timeline_drawing(data.chart, width),
        Paragraph(escape(_("All times are local time, {zone}.").format(zone=zone)), s["small"]),
    ]
    legend = data.chart.legend
    if legend:
        rows = [[p("#", bold), p(_("Time"), bold), p(_("Kind"), bold), p(_("What"), bold)]]
        rows += [
            [p(str(m.number)), p(when(m.time)), p(marker_label(m.kind)), p(m.text)] for m in legend
        ]
        story.append(Spacer(1, 2 * mm))
        story.append(_table(rows, [8 * mm, 42 * mm, 20 * mm, width - 70 * mm]))

    story += [CondPageBreak(60 * mm), Paragraph(escape(_("Figures from the log")), s["h2"])]
    story.append(
        _table([[p(k, bold), p(v)] for k, v in figure_rows(f)], [70 * mm, width - 70 * mm], False)
    )
    if f.notices:
        story.append(CondPageBreak(40 * mm))
        story.append(Paragraph(escape(_("Regulatory notices")), s["h2"]))
        rows = [
            [p(_("Notice"), bold), p(_("Deadline"), bold), p(_("Sent"), bold), p(_("Result"), bold)]
        ]
        rows += [[p(a), p(b), p(c_), p(d)] for a, b, c_, d in notice_rows(f, data.tz, short=True)]
        story.append(_table(rows, [55 * mm, 30 * mm, 30 * mm, width - 115 * mm]))
    if f.open_must_items:
        story.append(Paragraph(escape(_("Must-items still open")), s["h2"]))
        story += [Paragraph("• " + escape(text), s["item"]) for text in f.open_must_items]

    story.append(Paragraph(escape(_("Decisions")), s["h2"]))
    if f.decisions:
        rows = [[p(_("Time"), bold), p(_("Decision"), bold)]]
        rows += [[p(when(d.at)), p(d.text)] for d in f.decisions]
        story.append(_table(rows, [30 * mm, width - 30 * mm]))
    else:
        story.append(Paragraph("<i>" + escape(_("No decisions were logged.")) + "</i>", s["body"]))

    for heading, text in (
        (_("What happened"), data.what_happened),
        (_("What worked"), data.what_worked),
        (_("What to improve"), data.what_to_improve),
    ):
        story.append(CondPageBreak(30 * mm))
        story.append(Paragraph(escape(heading), s["h2"]))
        story += _paragraphs(text, s["item"], _("(not filled in yet)"))

    story.append(Paragraph(escape(_("Improvement actions")), s["h2"]))
    if data.actions:
        rows = [
            [
                p(_("Action"), bold),
                p(_("Owner"), bold),
                p(_("Due"), bold),
                p(_("Status"), bold),
                p(_("Changes"), bold),
            ]
        ]
        rows += [
            [
                p(a.text),
                p(a.owner or "-"),
                p(a.due or "-"),
                p(action_status_label(a.status)),
                p(link_text(a)),
            ]
            for a in data.actions
        ]
        story.append(_table(rows, [width - 122 * mm, 30 * mm, 20 * mm, 20 * mm, 52 * mm]))
    else:
        story.append(
            Paragraph("<i>" + escape(_("No improvement actions recorded.")) + "</i>", s["body"])
        )
    return story


def build_report(
    data: ReportData,
    out: Path | IO[bytes],
    *,
    pagesize: tuple[float, float],
    on_page: Callable[[int], None] | None = None,
) -> None:
    width = pagesize[0] - 30 * mm
    frame = PageFrame(
        title=_("Post-incident report"),
        organisation=data.organisation,
        reference=_("incident {id}").format(id=data.incident_id[:8]),
        printed=data.printed,
        confidential=_("CONFIDENTIAL"),
        exercise=_("EXERCISE") if data.figures.exercise else None,
        page_label=_("page {page} of {pages}"),
    )
    build_pdf(
        out,
        report_story(data, width),
        frame,
        pagesize=pagesize,
        subject=data.figures.title,
        on_page=on_page,
    )
