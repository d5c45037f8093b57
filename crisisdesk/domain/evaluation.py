"""Figures for the evaluation, derived from an incident's event log — never typed in.

- time to identify / contain / recover: from detection to the first time the team
  moved on from the identification / isolation / recovery phase to a later one (or
  closed the incident in it);
- time to the first stakeholder message: from detection to the first communication
  log entry (a message marked as sent is logged as one) or regulatory notice sent;
- each regulatory notice against its deadline;
- calls made and the share of people reached;
- checklist items done / not applicable / open (must-items open named).

Times are ``occurred_at`` (when it happened, which a paper-log entry may put earlier
than when it was typed). A corrected log entry counts with its latest correction's text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from crisisdesk.domain.clock import format_duration, parse_iso
from crisisdesk.domain.deadlines import DeadlineStatus, OrgRule
from crisisdesk.domain.events import Event, EventKind, LogEntryKind
from crisisdesk.domain.i18n import _
from crisisdesk.domain.messages import format_time
from crisisdesk.domain.playbook import PhaseKey, Playbook
from crisisdesk.domain.projection import ItemStatus, project


@dataclass(frozen=True)
class NoticeFigure:
    key: str
    name: str
    due_at: datetime | None
    sent_at: datetime | None
    on_time: bool | None  # None: not sent (yet) or no fixed deadline
    margin: timedelta | None  # due minus sent (negative when late)


@dataclass(frozen=True)
class PhaseSpan:
    key: str
    title: str
    intervals: tuple[tuple[datetime, datetime], ...]  # open intervals end at the report time


@dataclass(frozen=True)
class KeyEvent:
    at: datetime
    kind: str  # "detected", "decision", "message", "notice", "closed", "inject"
    text: str
    seq: int = 0


@dataclass(frozen=True)
class Figures:
    title: str
    exercise: bool
    detected_at: datetime | None
    started_at: datetime | None
    closed_at: datetime | None
    until: datetime  # the end of what the figures cover: closing time, else "now"
    duration: timedelta | None  # detection to close (or until)
    time_to_identify: timedelta | None
    time_to_contain: timedelta | None
    time_to_recover: timedelta | None
    time_to_first_message: timedelta | None
    notices: tuple[NoticeFigure, ...]
    calls_made: int  # call attempts recorded
    people_called: int
    people_reached: int
    items_done: int
    items_not_applicable: int
    items_open: int
    open_must_items: tuple[str, ...]
    phases: tuple[PhaseSpan, ...]
    decisions: tuple[KeyEvent, ...]
    key_events: tuple[KeyEvent, ...]  # for the timeline picture, in time order

    @property
    def reach_rate(self) -> float | None:
        """Share of the people called who were reached (None when nobody was called)."""
        if not self.people_called:
            return None
        return self.people_reached / self.people_called

    @property
    def items_total(self) -> int:
        return self.items_done + self.items_not_applicable + self.items_open


def _since(start: datetime | None, end: datetime | None) -> timedelta | None:
    if start is None or end is None:
        return None
    return end - start


def _phase_done_times(playbook: Playbook, log: Sequence[Event]) -> dict[str, datetime]:
    """When each phase was first done: the team moved on to a later phase, or closed
    the incident while in it. Going back to an earlier phase does not count."""
    order = {p.key: n for n, p in enumerate(playbook.incident_phases)}
    done: dict[str, datetime] = {}
    current: str | None = None
    for event in log:
        at = parse_iso(event.occurred_at)
        if event.kind == EventKind.INCIDENT_STARTED:
            current = event.payload.get("phase") or next(iter(order), None)
        elif event.kind == EventKind.PHASE_MOVED:
            source, target = event.payload.get("from"), event.payload.get("to")
            if (
                source in order
                and target in order
                and order[target] > order[source]
                and source not in done
            ):
                done[source] = at
            current = target
        elif event.kind == EventKind.INCIDENT_CLOSED and current and current not in done:
            done[current] = at
    return done


def _texts(events: Sequence[Event]) -> dict[str, str]:
    """The current text of each log entry: its latest correction's, if corrected."""
    texts = {e.id: str(e.payload.get("text", "")) for e in events if e.kind == EventKind.LOG_ENTRY}
    for e in events:
        if e.kind == EventKind.ENTRY_CORRECTED and e.corrects in texts:
            texts[e.corrects] = str(e.payload.get("text", ""))
    return texts


def figures(
    incident_id: str,
    playbook: Playbook,
    events: Iterable[Event],
    now: datetime,
    org_rules: Iterable[OrgRule] = (),
) -> Figures:
    """Every evaluation figure of one incident, from its whole event log."""
    log = list(events)
    state = project(incident_id, playbook, log)
    until = state.closed_at or now
    detected = state.detected_at
    texts = _texts(log)
    done = _phase_done_times(playbook, log)

    entries = [e for e in log if e.kind == EventKind.LOG_ENTRY]
    decisions = tuple(
        sorted(
            (
                KeyEvent(parse_iso(e.occurred_at), "decision", texts[e.id], e.seq)
                for e in entries
                if e.payload.get("kind") == LogEntryKind.DECISION
            ),
            key=lambda k: (k.at, k.seq),
        )
    )
    messages = [
        KeyEvent(parse_iso(e.occurred_at), "message", texts[e.id], e.seq)
        for e in entries
        if e.payload.get("kind") == LogEntryKind.COMMUNICATION
    ]
    deadlines = state.deadlines(until, org_rules)
    notice_names = {d.key: d.name for d in deadlines}
    notices_sent = [
        KeyEvent(
            parse_iso(str(e.payload["at"])),
            "notice",
            notice_names.get(str(e.payload.get("notice")), str(e.payload.get("notice", ""))),
            e.seq,
        )
        for e in log
        if e.kind == EventKind.NOTICE_SENT and e.payload.get("at")
    ]
    injects = [
        KeyEvent(parse_iso(e.occurred_at), "inject", str(e.payload.get("text", "")), e.seq)
        for e in log
        if e.kind == EventKind.INJECT_SHOWN
    ]
    first_message = min((k.at for k in [*messages, *notices_sent]), default=None)

    notices = []
    for d in deadlines:
        if d.status == DeadlineStatus.INFO and d.sent_at is None:
            on_time, margin = None, None
        elif d.sent_at is not None and d.due_at is not None:
            on_time, margin = d.sent_at <= d.due_at, d.due_at - d.sent_at
        else:
            on_time, margin = (False if d.status == DeadlineStatus.OVERDUE else None), None
        notices.append(NoticeFigure(d.key, d.name, d.due_at, d.sent_at, on_time, margin))

    items = list(state.items.values())
    phases = tuple(
        PhaseSpan(
            p.key,
            p.title,
            tuple((start, end or until) for start, end in p.intervals),
        )
        for p in state.phases
    )
    key_events: list[KeyEvent] = []
    if detected is not None:
        key_events.append(KeyEvent(detected, "detected", state.title, 0))
    key_events += [*decisions, *messages, *notices_sent, *injects]
    if state.closed_at is not None:
        key_events.append(KeyEvent(state.closed_at, "closed", "", state.event_count))
    return Figures(
        title=state.title,
        exercise=state.exercise,
        detected_at=detected,
        started_at=state.started_at,
        closed_at=state.closed_at,
        until=until,
        duration=_since(detected, until),
        time_to_identify=_since(detected, done.get(PhaseKey.IDENTIFICATION)),
        time_to_contain=_since(detected, done.get(PhaseKey.ISOLATION)),
        time_to_recover=_since(detected, done.get(PhaseKey.RECOVERY)),
        time_to_first_message=_since(detected, first_message),
        notices=tuple(notices),
        calls_made=sum(len(c.attempts) for c in state.calls.values()),
        people_called=len(state.calls),
        people_reached=state.calls_reached,
        items_done=sum(1 for s in items if s.status == ItemStatus.DONE),
        items_not_applicable=sum(1 for s in items if s.status == ItemStatus.NOT_APPLICABLE),
        items_open=sum(1 for s in items if s.is_open),
        open_must_items=tuple(s.item.text for s in items if s.is_open and s.item.must),
        phases=phases,
        decisions=decisions,
        key_events=tuple(sorted(key_events, key=lambda k: (k.at, k.seq))),
    )


def draft_what_happened(f: Figures, tz: tzinfo) -> str:
    """The 'what happened' text pre-filled from the log, for the team to edit."""

    def when(value: datetime | None) -> str:
        return format_time(value, tz) if value is not None else _("not recorded")

    def span(value: timedelta | None) -> str:
        return format_duration(value) if value is not None else _("not reached")

    lines = [
        (_("EXERCISE: ") if f.exercise else "") + f.title,
        "",
        _("Detected: {at}").format(at=when(f.detected_at)),
        _("Started in crisisdesk: {at}").format(at=when(f.started_at)),
        _("Closed: {at}").format(at=when(f.closed_at))
        if f.closed_at
        else _("Still open at {at}").format(at=when(f.until)),
        "",
        _("Time to identify: {t}").format(t=span(f.time_to_identify)),
        _("Time to contain: {t}").format(t=span(f.time_to_contain)),
        _("Time to recover: {t}").format(t=span(f.time_to_recover)),
        _("Time to first stakeholder message: {t}").format(t=span(f.time_to_first_message)),
        "",
        _("Phases:"),
    ]
    for phase in f.phases:
        if phase.intervals:
            total = sum((end - start for start, end in phase.intervals), timedelta())
            first = phase.intervals[0][0]
            lines.append(
                _("- {title}: from {start}, {total} in all").format(
                    title=phase.title, start=when(first), total=format_duration(total)
                )
            )
    if f.decisions:
        lines += ["", _("Key decisions:")]
        lines += [f"- {when(d.at)}: {d.text}" for d in f.decisions]
    return "\n".join(lines)


def figure_rows(f: Figures) -> list[tuple[str, str]]:
    """The figures as (label, value) lines: what the CLI prints and the report tabulates."""

    def span(value: timedelta | None) -> str:
        return format_duration(value) if value is not None else _("not reached")

    rate = f"{f.reach_rate:.0%}" if f.reach_rate is not None else "-"
    return [
        (_("Duration (detection to close)"), span(f.duration)),
        (_("Time to identify"), span(f.time_to_identify)),
        (_("Time to contain"), span(f.time_to_contain)),
        (_("Time to recover"), span(f.time_to_recover)),
        (_("Time to first stakeholder message"), span(f.time_to_first_message)),
        (
            _("Calls"),
            _("{made} made, {reached} of {called} people reached ({rate})").format(
                made=f.calls_made, reached=f.people_reached, called=f.people_called, rate=rate
            ),
        ),
        (
            _("Checklist"),
            _("{done} done, {na} not applicable, {open} open ({must} must-items open)").format(
                done=f.items_done,
                na=f.items_not_applicable,
                open=f.items_open,
                must=len(f.open_must_items),
            ),
        ),
    ]


def notice_result(n: NoticeFigure) -> str:
    if n.on_time is True:
        return _("sent on time ({margin} before the deadline)").format(
            margin=format_duration(n.margin or timedelta())
        )
    if n.on_time is False and n.sent_at is not None:
        return _("sent late ({late} after the deadline)").format(
            late=format_duration(-(n.margin or timedelta()))
        )
    if n.on_time is False:
        return _("not sent; deadline passed")
    if n.due_at is None:
        return _("not due (yet)")
    return _("not sent")


def notice_rows(f: Figures, tz: tzinfo, short: bool = False) -> list[tuple[str, str, str, str]]:
    """(notice, due, sent, result) for each regulatory notice; ``short`` leaves the UTC
    offset out of the times (for tables that state it once)."""

    def when(value: datetime | None) -> str:
        if value is None:
            return "-"
        return f"{value.astimezone(tz):%Y-%m-%d %H:%M}" if short else format_time(value, tz)

    return [(n.name, when(n.due_at), when(n.sent_at), notice_result(n)) for n in f.notices]
