"""An incident's current state, folded from its events (the events are the truth).

``Projector`` applies events one by one, so a view can fold in only the new ones;
``project`` folds a whole log. Nothing here reads a clock: times that depend on "now"
(durations, overdue items, deadlines) take ``now`` as an argument.

Event payloads (written by services/incidents.py):

- incident.started: title, crisis_type, severity, exercise, lead, detected_at, phase
- log.entry: kind, text
- entry.corrected (``corrects`` names the event): text
- item.checked / item.unchecked: item; item.not_applicable: item, reason;
  item.note: item, text; item.assigned: item, owner
- phase.moved: from, to, open_must (list of {id, text})
- call.recorded: contact_id, name, outcome, note
- scope.added: scope_id, kind, name, status, note; scope.status: scope_id, status, note
- clock.checked: laptop_time, trusted_time, offset_seconds, source
- deadline.enabled: regime; deadline.triggered: moment, at; notice.sent: notice, at
- incident.closed: summary
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from crisisdesk.domain.clock import parse_iso
from crisisdesk.domain.deadlines import Deadline, Moment, OrgRule, evaluate
from crisisdesk.domain.events import Event, EventKind
from crisisdesk.domain.playbook import ChecklistItem, Playbook


class ItemStatus:
    OPEN = "open"
    DONE = "done"
    NOT_APPLICABLE = "n/a"


class CallOutcome:
    REACHED = "reached"
    NO_ANSWER = "no-answer"
    VOICEMAIL = "voicemail"
    WRONG_NUMBER = "wrong-number"

    ALL = (REACHED, NO_ANSWER, VOICEMAIL, WRONG_NUMBER)


class ScopeKind:
    SYSTEM = "system"
    DEVICE = "device"
    USER = "user"
    DATA = "data"

    ALL = (SYSTEM, DEVICE, USER, DATA)


class ScopeStatus:
    SUSPECTED = "suspected"
    CONFIRMED = "confirmed"
    ISOLATED = "isolated"
    RESTORED = "restored"

    ALL = (SUSPECTED, CONFIRMED, ISOLATED, RESTORED)


# Kinds that change state beyond the log itself: the projection needs only these (the
# log entries, usually the bulk of a long incident, are read page by page by the log).
STATE_KINDS: tuple[str, ...] = (
    EventKind.INCIDENT_STARTED,
    EventKind.INCIDENT_CLOSED,
    EventKind.ENTRY_CORRECTED,
    EventKind.ITEM_CHECKED,
    EventKind.ITEM_UNCHECKED,
    EventKind.ITEM_NOT_APPLICABLE,
    EventKind.ITEM_NOTE,
    EventKind.ITEM_ASSIGNED,
    EventKind.PHASE_MOVED,
    EventKind.CALL_RECORDED,
    EventKind.SCOPE_ADDED,
    EventKind.SCOPE_STATUS,
    EventKind.CLOCK_CHECKED,
    EventKind.DEADLINE_ENABLED,
    EventKind.DEADLINE_DISABLED,
    EventKind.DEADLINE_TRIGGERED,
    EventKind.NOTICE_SENT,
)


@dataclass
class PhaseState:
    key: str
    title: str
    intervals: list[tuple[datetime, datetime | None]] = field(default_factory=list)

    @property
    def started_at(self) -> datetime | None:
        return self.intervals[0][0] if self.intervals else None

    @property
    def ended_at(self) -> datetime | None:
        if not self.intervals or self.intervals[-1][1] is None:
            return None
        return self.intervals[-1][1]

    @property
    def active(self) -> bool:
        return bool(self.intervals) and self.intervals[-1][1] is None

    def duration(self, now: datetime) -> timedelta:
        """Time spent in this phase (all visits), up to ``now`` when it is current."""
        return sum(((end or now) - start for start, end in self.intervals), timedelta())


@dataclass(frozen=True)
class Note:
    at: datetime
    author: str
    text: str


@dataclass
class ItemState:
    item: ChecklistItem
    phase_key: str
    status: str = ItemStatus.OPEN
    by: str = ""  # who ticked it / marked it n/a
    at: datetime | None = None
    reason: str = ""  # why not applicable
    owner: str = ""  # assigned owner (a role or a person)
    notes: list[Note] = field(default_factory=list)
    due_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status == ItemStatus.OPEN

    def overdue(self, now: datetime) -> bool:
        return self.is_open and self.due_at is not None and now > self.due_at


@dataclass(frozen=True)
class CallAttempt:
    outcome: str
    at: datetime
    author: str
    note: str = ""
    event_id: str = ""


@dataclass
class CallState:
    contact_id: str
    name: str
    attempts: list[CallAttempt] = field(default_factory=list)

    @property
    def last(self) -> CallAttempt | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def reached(self) -> bool:
        return any(a.outcome == CallOutcome.REACHED for a in self.attempts)


@dataclass
class ScopeEntry:
    id: str
    kind: str
    name: str
    status: str
    changed_at: datetime
    history: list[tuple[datetime, str, str]] = field(default_factory=list)  # (at, status, note)


@dataclass(frozen=True)
class ClockCheck:
    laptop_time: datetime
    trusted_time: datetime
    offset: timedelta  # trusted minus laptop: add it to laptop times to get true times
    source: str
    event_id: str = ""


@dataclass
class IncidentState:
    incident_id: str
    playbook: Playbook
    title: str = ""
    crisis_type: str = ""
    severity: str = ""
    exercise: bool = False
    lead: str = ""
    detected_at: datetime | None = None
    started_at: datetime | None = None
    closed_at: datetime | None = None
    current_phase: str | None = None
    phases: list[PhaseState] = field(default_factory=list)
    items: dict[str, ItemState] = field(default_factory=dict)
    calls: dict[str, CallState] = field(default_factory=dict)
    scope: dict[str, ScopeEntry] = field(default_factory=dict)
    clock_checks: list[ClockCheck] = field(default_factory=list)
    enabled_deadlines: list[str] = field(default_factory=list)
    moments: dict[str, datetime] = field(default_factory=dict)
    notices_sent: dict[str, list[datetime]] = field(default_factory=dict)
    corrections: dict[str, list[str]] = field(default_factory=dict)  # target id -> ids
    event_count: int = 0

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def phase(self, key: str) -> PhaseState | None:
        return next((p for p in self.phases if p.key == key), None)

    def phase_items(self, key: str) -> list[ItemState]:
        return [s for s in self.items.values() if s.phase_key == key]

    def open_must_items(self, key: str) -> list[ItemState]:
        return [s for s in self.phase_items(key) if s.item.must and s.is_open]

    def overdue_items(self, now: datetime) -> list[ItemState]:
        return [s for s in self.items.values() if s.overdue(now)]

    def elapsed(self, now: datetime) -> timedelta:
        """Time since detection (up to closing for a closed incident)."""
        if self.detected_at is None:
            return timedelta()
        return (self.closed_at or now) - self.detected_at

    @property
    def last_clock_check(self) -> ClockCheck | None:
        return self.clock_checks[-1] if self.clock_checks else None

    @property
    def calls_reached(self) -> int:
        return sum(1 for c in self.calls.values() if c.reached)

    def deadlines(self, now: datetime, org_rules: Iterable[OrgRule] = ()) -> list[Deadline]:
        moments = dict(self.moments)
        if self.detected_at is not None:
            moments.setdefault(Moment.DETECTED, self.detected_at)
        if self.started_at is not None:
            moments.setdefault(Moment.STARTED, self.started_at)
        return evaluate(
            enabled=self.enabled_deadlines,
            moments=moments,
            sent=self.notices_sent,
            now=now,
            org_rules=org_rules,
        )


class Projector:
    """Folds events into an ``IncidentState``, one at a time, in log order."""

    def __init__(self, incident_id: str, playbook: Playbook) -> None:
        self.state = IncidentState(incident_id=incident_id, playbook=playbook)
        for phase in playbook.incident_phases:
            self.state.phases.append(PhaseState(phase.key, phase.title))
            for item in phase.items:
                self.state.items[item.id] = ItemState(item=item, phase_key=phase.key)

    def apply_all(self, events: Iterable[Event]) -> IncidentState:
        for event in events:
            self.apply(event)
        return self.state

    def apply(self, event: Event) -> None:
        s = self.state
        s.event_count = max(s.event_count, event.seq)
        at = parse_iso(event.occurred_at)
        p = event.payload
        kind = event.kind
        if kind == EventKind.INCIDENT_STARTED:
            s.title = p.get("title", "")
            s.crisis_type = p.get("crisis_type", "")
            s.severity = p.get("severity", "")
            s.exercise = bool(p.get("exercise", False))
            s.lead = p.get("lead", "")
            s.detected_at = parse_iso(p["detected_at"]) if p.get("detected_at") else at
            s.started_at = at
            first = p.get("phase") or (s.phases[0].key if s.phases else None)
            if first:
                self._enter(first, at)
            for item in s.items.values():  # playbook due times run from the start
                if item.item.due_minutes is not None:
                    item.due_at = at + timedelta(minutes=item.item.due_minutes)
        elif kind == EventKind.INCIDENT_CLOSED:
            self._leave(at)
            s.closed_at = at
        elif kind == EventKind.ENTRY_CORRECTED and event.corrects:
            s.corrections.setdefault(event.corrects, []).append(event.id)
        elif kind in _ITEM_KINDS:
            self._apply_item(event, at)
        elif kind == EventKind.PHASE_MOVED:
            self._leave(at)
            self._enter(p["to"], at)
        elif kind == EventKind.CALL_RECORDED:
            call = s.calls.setdefault(
                p["contact_id"], CallState(contact_id=p["contact_id"], name=p.get("name", ""))
            )
            call.name = p.get("name", call.name)
            call.attempts.append(
                CallAttempt(p["outcome"], at, event.author, p.get("note", ""), event.id)
            )
        elif kind == EventKind.SCOPE_ADDED:
            entry = ScopeEntry(p["scope_id"], p["kind"], p["name"], p["status"], at)
            entry.history.append((at, p["status"], p.get("note", "")))
            s.scope[entry.id] = entry
        elif kind == EventKind.SCOPE_STATUS:
            scoped = s.scope.get(p["scope_id"])
            if scoped is not None:
                scoped.status = p["status"]
                scoped.changed_at = at
                scoped.history.append((at, p["status"], p.get("note", "")))
        elif kind == EventKind.CLOCK_CHECKED:
            s.clock_checks.append(
                ClockCheck(
                    laptop_time=parse_iso(p["laptop_time"]),
                    trusted_time=parse_iso(p["trusted_time"]),
                    offset=timedelta(seconds=float(p["offset_seconds"])),
                    source=p.get("source", ""),
                    event_id=event.id,
                )
            )
        elif kind == EventKind.DEADLINE_ENABLED:
            if p["regime"] not in s.enabled_deadlines:
                s.enabled_deadlines.append(p["regime"])
        elif kind == EventKind.DEADLINE_DISABLED:
            if p["regime"] in s.enabled_deadlines:
                s.enabled_deadlines.remove(p["regime"])
        elif kind == EventKind.DEADLINE_TRIGGERED:
            s.moments[p["moment"]] = parse_iso(p["at"])
        elif kind == EventKind.NOTICE_SENT:
            s.notices_sent.setdefault(p["notice"], []).append(parse_iso(p["at"]))

    def _enter(self, key: str, at: datetime) -> None:
        phase = self.state.phase(key)
        if phase is None:  # a phase the frozen playbook does not know: keep it visible
            phase = PhaseState(key, key)
            self.state.phases.append(phase)
        phase.intervals.append((at, None))
        self.state.current_phase = key

    def _leave(self, at: datetime) -> None:
        current = self.state.phase(self.state.current_phase or "")
        if current is not None and current.active:
            start, _end = current.intervals[-1]
            current.intervals[-1] = (start, at)

    def _apply_item(self, event: Event, at: datetime) -> None:
        p = event.payload
        item = self.state.items.get(p["item"])
        if item is None:
            return
        if event.kind == EventKind.ITEM_CHECKED:
            item.status, item.by, item.at, item.reason = ItemStatus.DONE, event.author, at, ""
        elif event.kind == EventKind.ITEM_UNCHECKED:
            item.status, item.by, item.at, item.reason = ItemStatus.OPEN, "", None, ""
        elif event.kind == EventKind.ITEM_NOT_APPLICABLE:
            item.status, item.by, item.at = ItemStatus.NOT_APPLICABLE, event.author, at
            item.reason = p.get("reason", "")
        elif event.kind == EventKind.ITEM_NOTE:
            item.notes.append(Note(at, event.author, p.get("text", "")))
        elif event.kind == EventKind.ITEM_ASSIGNED:
            item.owner = p.get("owner", "")


_ITEM_KINDS = frozenset(
    {
        EventKind.ITEM_CHECKED,
        EventKind.ITEM_UNCHECKED,
        EventKind.ITEM_NOT_APPLICABLE,
        EventKind.ITEM_NOTE,
        EventKind.ITEM_ASSIGNED,
    }
)


def project(incident_id: str, playbook: Playbook, events: Iterable[Event]) -> IncidentState:
    """Fold a whole log (or just its STATE_KINDS events) into the incident's state."""
    return Projector(incident_id, playbook).apply_all(events)
