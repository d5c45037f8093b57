"""The incident log as a PDF, in the manner of an ICS 214 activity log.

Cover (what, who, when, chain head, checkpoint code, clock checks, room for the visible
signature), phase summary, the full timeline, call log, scope register, deadlines and
notices, and a last page "prepared by" with a line for a handwritten signature. Every
page carries the frame from ``pdfbase`` (CONFIDENTIAL, page x of y, EXERCISE).

The timeline, thousands of rows long, is a ``FastTable`` (see fasttable.py): reportlab's
own Table takes most of a minute for 10,000 rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from crisisdesk.domain.checkpoint import checkpoint_code
from crisisdesk.domain.clock import format_duration, parse_iso
from crisisdesk.domain.deadlines import Deadline
from crisisdesk.domain.events import Event
from crisisdesk.domain.i18n import _
from crisisdesk.domain.incident import IncidentSummary
from crisisdesk.domain.labels import (
    call_outcome_label,
    crisis_type_label,
    deadline_status_label,
    runs_from_label,
    scope_kind_label,
    scope_status_label,
    severity_label,
)
from crisisdesk.domain.projection import IncidentState, ItemStatus
from crisisdesk.export.evidence import Manifest
from crisisdesk.export.fasttable import FastTable, Row, TableLook, make_row
from crisisdesk.export.pdfbase import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    FONT_MONO,
    GREY,
    LIGHT,
    PageFrame,
    build_pdf,
    styles,
    text_table,
)
from crisisdesk.export.signing import StampPlace
from crisisdesk.export.timeline import TimelineRow, timeline_rows

CELL_SIZE = 8
# The visible signature goes at the bottom of the cover; the cover leaves this free.
STAMP_PLACE = StampPlace(page=0, box=(int(15 * mm), int(22 * mm), int(120 * mm), int(56 * mm)))
COVER_RESERVED = 40 * mm


@dataclass(frozen=True)
class IncidentLogData:
    organisation: str
    summary: IncidentSummary
    playbook_title: str
    state: IncidentState
    deadlines: Sequence[Deadline]
    events: Sequence[Event]
    manifest: Manifest
    prepared_by: str
    prepared_role: str
    printed_at: datetime  # aware; the exporter's clock
    signed: bool


@lru_cache(maxsize=1)
def _styles() -> StyleSheet1:
    """The style sheet, built once (building it per cell dominated a long export)."""
    return styles()


def _p(text: str, style: str = "cell") -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), _styles()[style])


def _fits(text: str, width: float) -> bool:
    """Short single-line text goes in as a plain string: far cheaper than a Paragraph."""
    return "\n" not in text and stringWidth(text, FONT, CELL_SIZE) <= width - 6


def _fmt(when: datetime | None) -> str:
    if when is None:
        return "—"
    local = when.astimezone()
    return f"{when.astimezone().strftime('%Y-%m-%d')} {when.strftime('%H:%M')} UTC · " + (
        local.strftime("%H:%M %Z") or local.strftime("%H:%M %z")
    )


def _fmt_iso(text: str | None) -> str:
    return _fmt(parse_iso(text)) if text else "—"


def _grid(data: list[list[Any]], widths: Sequence[float], header: bool = True) -> Table:
    table = text_table(data, colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        commands += [
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _cover(data: IncidentLogData) -> list[Flowable]:
    s = _styles()
    summary, state, manifest = data.summary, data.state, data.manifest
    story: list[Flowable] = []
    if summary.exercise:
        story.append(Paragraph(escape(_("EXERCISE — not a real incident")), s["banner"]))
    story.append(Paragraph(escape(_("Incident log")), s["h2"]))
    story.append(Paragraph(escape(summary.title), s["title"]))
    status = _("closed") if summary.closed_at else _("open (still running when printed)")
    rows = [
        (_("Organisation"), data.organisation or "—"),
        (_("Incident"), summary.id),
        (
            _("Type / severity"),
            f"{crisis_type_label(summary.crisis_type)} / {severity_label(summary.severity)}",
        ),
        (_("Status"), status),
        (_("Detected"), _fmt_iso(summary.detected_at)),
        (_("Declared"), _fmt_iso(summary.declared_at)),
        (_("Closed"), _fmt_iso(summary.closed_at)),
        (_("Crisis lead"), summary.lead or "—"),
        (
            _("Playbook"),
            _("{title} ({id}), version {version}").format(
                title=data.playbook_title, id=summary.playbook_id, version=summary.playbook_version
            ),
        ),
        (_("Events in the log"), str(manifest.event_count)),
        (_("Chain head (SHA-256)"), manifest.chain_head),
        (_("Checkpoint code"), checkpoint_code(manifest.event_count, manifest.chain_head)),
        (_("Printed"), _fmt(data.printed_at)),
    ]
    table = _grid([[_p(k, "cellbold"), _p(v)] for k, v in rows], [45 * mm, 135 * mm], header=False)
    table.setStyle(
        TableStyle([("FONT", (1, 10), (1, 11), FONT_MONO, 8)])  # chain head and code
    )
    story.append(table)
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(escape(_("Clock checks")), s["h2"]))
    if state.clock_checks:
        clock_rows: list[list[Any]] = [
            [_("laptop time"), _("trusted time"), _("offset"), _("source")]
        ]
        for check in state.clock_checks:
            seconds = check.offset.total_seconds()
            clock_rows.append(
                [
                    _fmt(check.laptop_time),
                    _fmt(check.trusted_time),
                    f"{seconds:+.0f} s",
                    _p(check.source),
                ]
            )
        story.append(_grid(clock_rows, [55 * mm, 55 * mm, 20 * mm, 50 * mm]))
    else:
        story.append(
            _p(_("No clock check was recorded: times are the laptop's clock, unverified."), "small")
        )
    story.append(Spacer(1, 3 * mm))
    how = (
        _(
            "This document is signed. Its attachments hold the machine-readable log "
            "(incident-log.jsonl) and a manifest; `crisisdesk verify FILE.pdf --trust "
            "CERT.crt` checks the signature, the whole file and the hash chain."
        )
        if data.signed
        else _(
            "This document is NOT signed. Its attachments hold the machine-readable log "
            "(incident-log.jsonl) and a manifest with the chain head."
        )
    )
    story.append(_p(how, "small"))
    story.append(CondPageBreak(COVER_RESERVED))  # never let the cover run into the stamp
    story.append(PageBreak())
    return story


def _phases(data: IncidentLogData) -> list[Flowable]:
    s = _styles()
    state = data.state
    now = data.printed_at
    story: list[Flowable] = [Paragraph(escape(_("Phase summary")), s["h1"])]
    rows: list[list[Any]] = [
        [_("phase"), _("start"), _("end"), _("duration"), _("checklist")],
    ]
    details: list[Flowable] = []
    for phase in state.phases:
        items = state.phase_items(phase.key)
        done = sum(1 for i in items if i.status == ItemStatus.DONE)
        na = [i for i in items if i.status == ItemStatus.NOT_APPLICABLE]
        open_must = state.open_must_items(phase.key)
        checklist = _("{done} of {n} done, {na} not applicable, {must} open must-items").format(
            done=done, n=len(items), na=len(na), must=len(open_must)
        )
        rows.append(
            [
                _p(phase.title),
                _p(_fmt(phase.started_at)),
                _p(_fmt(phase.ended_at) if not phase.active else _("(current)")),
                format_duration(phase.duration(state.closed_at or now)) if phase.intervals else "—",
                _p(checklist),
            ]
        )
        for item in na:
            details.append(
                _p(
                    _("{phase} · not applicable: {item} — reason: {reason}").format(
                        phase=phase.title, item=item.item.text, reason=item.reason
                    ),
                    "small",
                )
            )
        for item in open_must:
            details.append(
                _p(
                    _("{phase} · OPEN must-item: {item}").format(
                        phase=phase.title, item=item.item.text
                    ),
                    "small",
                )
            )
    story.append(_grid(rows, [40 * mm, 38 * mm, 38 * mm, 18 * mm, 46 * mm]))
    if details:
        story.append(Spacer(1, 2 * mm))
        story.extend(details)
    return story


TIMELINE_WIDTHS = (11 * mm, 33 * mm, 27 * mm, 25 * mm, 84 * mm)
TIMELINE_LOOK = TableLook(
    widths=TIMELINE_WIDTHS,
    font=FONT,
    bold=FONT_BOLD,
    size=CELL_SIZE,
    leading=10,
    header_fill=LIGHT,
    rule=LIGHT,
    first_column=GREY,
)


def _timeline_row(row: TimelineRow) -> Row:
    when = f"{row.occurred_utc}\n{row.occurred_local}"
    if row.recorded_utc:
        when += "\n" + _("entered {at}").format(at=row.recorded_utc)
    what = [(row.text, FONT)]
    for fix in row.corrected_by:
        what.append(
            (
                _("corrected by #{seq} ({who}): {text}").format(
                    seq=fix.seq, who=fix.author, text=fix.text
                ),
                FONT_ITALIC,
            )
        )
    return make_row(
        [[(str(row.seq), FONT)], [(when, FONT)], [(row.author, FONT)], [(row.label, FONT)], what],
        TIMELINE_LOOK,
    )


def _timeline(data: IncidentLogData) -> list[Flowable]:
    s = _styles()
    header = make_row(
        [
            [(h, FONT_BOLD)]
            for h in ("#", _("UTC / local"), _("who"), _("kind"), _("what happened"))
        ],
        TIMELINE_LOOK,
    )
    rows = [_timeline_row(row) for row in timeline_rows(data.events)]
    return [
        PageBreak(),
        Paragraph(escape(_("Timeline (activity log)")), s["h1"]),
        _p(
            _(
                "Times are UTC with the printing laptop's local time below. Entries typed in "
                "later than they happened show when they were entered. Corrections appear "
                "under the entry they correct and again in their own place."
            ),
            "small",
        ),
        Spacer(1, 2 * mm),
        FastTable(header, rows, TIMELINE_LOOK),
    ]


def _calls(data: IncidentLogData) -> list[Flowable]:
    s = _styles()
    story: list[Flowable] = [Paragraph(escape(_("Call log")), s["h1"])]
    rows: list[list[Any]] = [
        [_("who was called"), _("time (UTC)"), _("outcome"), _("by"), _("note")]
    ]
    for call in data.state.calls.values():
        for attempt in call.attempts:
            rows.append(
                [
                    _p(call.name),
                    attempt.at.strftime("%Y-%m-%d %H:%M"),
                    _p(call_outcome_label(attempt.outcome)),
                    _p(attempt.author),
                    _p(attempt.note),
                ]
            )
    if len(rows) == 1:
        story.append(_p(_("No calls were recorded."), "small"))
    else:
        story.append(_grid(rows, [45 * mm, 30 * mm, 25 * mm, 30 * mm, 50 * mm]))
    return story


def _scope(data: IncidentLogData) -> list[Flowable]:
    s = _styles()
    story: list[Flowable] = [Paragraph(escape(_("Scope register")), s["h1"])]
    rows: list[list[Any]] = [[_("kind"), _("name"), _("status"), _("history (UTC)")]]
    for entry in data.state.scope.values():
        history = "\n".join(
            f"{at.strftime('%Y-%m-%d %H:%M')} {scope_status_label(status)}"
            + (f" — {note}" if note else "")
            for at, status, note in entry.history
        )
        rows.append(
            [
                _p(scope_kind_label(entry.kind)),
                _p(entry.name),
                _p(scope_status_label(entry.status)),
                _p(history),
            ]
        )
    if len(rows) == 1:
        story.append(_p(_("No systems, devices, users or data were registered."), "small"))
    else:
        story.append(_grid(rows, [20 * mm, 50 * mm, 25 * mm, 85 * mm]))
    return story


def _deadlines(data: IncidentLogData) -> list[Flowable]:
    s = _styles()
    story: list[Flowable] = [Paragraph(escape(_("Deadlines and notices")), s["h1"])]
    rows: list[list[Any]] = [[_("notice"), _("runs from"), _("due"), _("sent"), _("status")]]
    names = {d.key: d.short for d in data.deadlines}
    for deadline in data.deadlines:
        runs_from = runs_from_label(deadline.runs_from, names)
        rows.append(
            [
                _p(f"{deadline.name} ({deadline.regime})"),
                _p(runs_from + (" " + _("(assumed)") if deadline.assumed else "")),
                _p(_fmt(deadline.due_at)),
                _p(_fmt(deadline.sent_at)),
                _p(deadline_status_label(deadline.status)),
            ]
        )
    if len(rows) == 1:
        story.append(_p(_("No deadlines were enabled for this incident."), "small"))
    else:
        story.append(_grid(rows, [50 * mm, 30 * mm, 38 * mm, 38 * mm, 24 * mm]))
    return story


def _prepared_by(data: IncidentLogData) -> list[Flowable]:
    s = _styles()
    rows = [
        [_p(_("Prepared by"), "cellbold"), _p(data.prepared_by)],
        [_p(_("Role"), "cellbold"), _p(data.prepared_role)],
        [_p(_("Date"), "cellbold"), _p(_fmt(data.printed_at))],
        [_p(_("Signature"), "cellbold"), ""],
    ]
    table = text_table(
        rows, colWidths=[35 * mm, 110 * mm], rowHeights=[None, None, None, 22 * mm], hAlign="LEFT"
    )
    table.setStyle(
        TableStyle(
            [
                # the empty signature cell would otherwise set reportlab's unembedded Helvetica
                ("FONT", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (1, 3), (1, 3), 0.8, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [
        PageBreak(),
        Paragraph(escape(_("Prepared by")), s["h1"]),
        _p(
            _(
                "I declare that this log is a complete record of the incident as recorded in "
                "crisisdesk, chain head {head} after {n} events."
            ).format(head=data.manifest.chain_head, n=data.manifest.event_count),
            "body",
        ),
        Spacer(1, 6 * mm),
        KeepTogether([table]),
    ]


def build_incident_log(
    data: IncidentLogData,
    out: IO[bytes],
    *,
    on_page: Callable[[int], None] | None = None,
) -> StampPlace:
    """Write the unsigned PDF; returns where the visible signature belongs."""
    story: list[Flowable] = []
    story += _cover(data)
    story += _phases(data)
    story += _timeline(data)
    story += [PageBreak(), *_calls(data), Spacer(1, 6 * mm), *_scope(data)]
    story += [Spacer(1, 6 * mm), *_deadlines(data)]
    story += _prepared_by(data)
    frame = PageFrame(
        title=_("Incident log"),
        organisation=data.organisation,
        reference=_("incident {id}").format(id=data.summary.id[:8]),
        printed=_("printed {at}").format(
            at=data.printed_at.astimezone().strftime("%Y-%m-%d %H:%M %z")
        ),
        confidential=_("CONFIDENTIAL"),
        exercise=_("EXERCISE") if data.summary.exercise else None,
        page_label=_("page {page} of {pages}"),
    )
    build_pdf(
        out,
        story,
        frame,
        author=data.prepared_by,
        subject=_("Incident log {id}").format(id=data.summary.id),
        on_page=on_page,
    )
    return STAMP_PLACE
