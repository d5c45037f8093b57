"""Running an incident: every action is one event, appended in its own transaction.

The incident's state is never stored apart from its events: ``state()`` folds them
(``domain.projection``). The summary row in ``incidents`` is a cache updated in the
same transaction as the event that changes it (current phase, status).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crisisdesk.domain.cascade import Cascade, build_cascade
from crisisdesk.domain.clock import to_iso
from crisisdesk.domain.contacts import Contact
from crisisdesk.domain.deadlines import Deadline, Moment, OrgRule, notice_keys, regime_keys
from crisisdesk.domain.errors import CrisisdeskError, NotFound, Rejected
from crisisdesk.domain.event_text import CATEGORY_KINDS
from crisisdesk.domain.events import Event, EventKind, LogEntryKind
from crisisdesk.domain.i18n import _
from crisisdesk.domain.ids import new_id
from crisisdesk.domain.incident import SEVERITIES, IncidentStatus
from crisisdesk.domain.playbook import CRISIS_TYPES, Playbook
from crisisdesk.domain.projection import (
    STATE_KINDS,
    CallOutcome,
    IncidentState,
    ItemStatus,
    ScopeKind,
    ScopeStatus,
    project,
)
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.incident_index import IncidentIndex
from crisisdesk.store import contacts_repo, deadline_rules_repo, incidents_repo


class InvalidValue(CrisisdeskError):
    """A field given to an incident action is not acceptable (says which and why)."""


@dataclass(frozen=True)
class CallResult:
    event: Event
    backup: Contact | None  # whom to call instead, when the callee was not reached


def _require(value: str, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidValue(_("{field} must not be empty").format(field=field))
    return text


def _choice(value: str, allowed: Sequence[str], field: str) -> str:
    if value not in allowed:
        raise InvalidValue(
            _("{field} '{value}' is not one of: {allowed}").format(
                field=field, value=value, allowed=", ".join(allowed)
            )
        )
    return value


class IncidentService(IncidentIndex):
    """Starting and running incidents; ``all``, ``get`` and ``running`` come from the index."""

    # -- reading ------------------------------------------------------------------
    def now(self) -> datetime:
        """The laptop's time as the services see it (injected in tests)."""
        return self._ctx.clock.now()

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of the incident whose id is or starts with ``id_or_prefix``."""
        text = id_or_prefix.strip()
        if not text:
            raise NotFound(_("no incident id given"))
        ids = incidents_repo.find_incident_ids(self._conn, text)
        if not ids:
            raise NotFound(
                _("no incident with id '{id}' (crisisdesk incident list shows them)").format(
                    id=text
                )
            )
        if len(ids) > 1 and text not in ids:
            raise NotFound(
                _("'{id}' matches {n} incidents; type more of the id").format(id=text, n=len(ids))
            )
        return text if text in ids else ids[0]

    def playbook(self, incident_id: str) -> Playbook:
        self.get(incident_id)
        return incidents_repo.frozen_playbook(self._conn, incident_id)

    def state(self, incident_id: str) -> IncidentState:
        """The incident's current state, folded from its state-changing events."""
        playbook = self.playbook(incident_id)
        state = project(
            incident_id,
            playbook,
            incidents_repo.iter_events(self._conn, incident_id, kinds=STATE_KINDS),
        )
        state.event_count = self.get(incident_id).event_count
        return state

    def events(self, incident_id: str) -> Iterator[Event]:
        return incidents_repo.iter_events(self._conn, incident_id)

    def event(self, event_id: str) -> Event:
        event = incidents_repo.get_event(self._conn, event_id)
        if event is None:
            raise NotFound(_("no event with id {id}").format(id=event_id))
        return event

    def log_page(
        self,
        incident_id: str,
        *,
        limit: int = 200,
        after_seq: int | None = None,
        newest_first: bool = False,
        categories: Sequence[str] = (),
        search: str = "",
    ) -> list[Event]:
        """A page of the log for lazy loading; ``categories`` are log-entry kinds
        (observation, decision ...) and/or event_text categories (call, checklist ...)."""
        entry_kinds = tuple(c for c in categories if c in LogEntryKind.ALL)
        kinds = tuple(k for c in categories for k in CATEGORY_KINDS.get(c, ()))
        if categories and not entry_kinds and not kinds:
            return []
        return incidents_repo.page_events(
            self._conn,
            incident_id,
            limit=limit,
            after_seq=after_seq,
            newest_first=newest_first,
            kinds=kinds or None,
            entry_kinds=entry_kinds or None,
            search=search.strip(),
        )

    def deadlines(self, incident_id: str, state: IncidentState | None = None) -> list[Deadline]:
        state = state or self.state(incident_id)
        return state.deadlines(self._ctx.clock.now(), self.deadline_rules())

    def deadline_rules(self) -> list[OrgRule]:
        return deadline_rules_repo.list_rules(self._conn)

    def add_deadline_rule(
        self, key: str, name: str, trigger: str, hours: float, description: str = ""
    ) -> Changed:
        key = _require(key, _("rule key"))
        if key in regime_keys():
            raise InvalidValue(_("'{key}' is a built-in deadline").format(key=key))
        _choice(trigger, Moment.ALL, _("trigger"))
        if hours <= 0:
            raise InvalidValue(_("hours must be more than 0"))
        rule = OrgRule(key, _require(name, _("rule name")), trigger, float(hours), description)
        with self._ctx.handbook.transaction() as conn:
            if any(r.key == key for r in deadline_rules_repo.list_rules(conn)):
                raise Rejected(_("a deadline rule '{key}' exists already").format(key=key))
            deadline_rules_repo.insert_rule(conn, rule)
        return self._ctx.notifier.notify(Changed.of(Area.INCIDENTS))

    def cascade(self, incident_id: str, state: IncidentState | None = None) -> Cascade:
        state = state or self.state(incident_id)
        names = {c.id: c.name for c in contacts_repo.list_contacts(self._conn)}
        return build_cascade(contacts_repo.list_call_edges(self._conn), names, state.calls)

    def find_contact(self, text: str) -> Contact:
        """A contact by id, or by a name that matches exactly one (case-insensitive)."""
        needle = _require(text, _("contact"))
        contact = contacts_repo.get_contact(self._conn, needle)
        if contact is not None:
            return contact
        contacts = contacts_repo.list_contacts(self._conn)
        exact = [c for c in contacts if c.name.casefold() == needle.casefold()]
        matches = exact or [c for c in contacts if needle.casefold() in c.name.casefold()]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFound(_("no contact named '{name}'").format(name=needle))
        raise NotFound(
            _("'{name}' matches {n} contacts ({names}); be more precise").format(
                name=needle, n=len(matches), names=", ".join(c.name for c in matches[:5])
            )
        )

    # -- writing ------------------------------------------------------------------
    def start(
        self,
        *,
        title: str,
        playbook: Playbook,
        severity: str = "high",
        exercise: bool = False,
        detected_at: datetime | None = None,
        lead: str = "",
        crisis_type: str | None = None,
        deadlines: Sequence[str] | None = None,
    ) -> str:
        """Start an incident with the playbook frozen into it; returns its id.

        ``deadlines``: regimes to enable (default: the playbook's suggestions).
        """
        title = _require(title, _("title"))
        _choice(severity, SEVERITIES, _("severity"))
        kind = crisis_type or playbook.crisis_type
        _choice(kind, CRISIS_TYPES, _("crisis type"))
        if not playbook.incident_phases:
            raise InvalidValue(_("playbook '{id}' has no incident phases").format(id=playbook.id))
        now = self._ctx.clock.now()
        detected = detected_at or now
        if detected.tzinfo is None:
            raise InvalidValue(_("the detection time needs a time zone"))
        if detected > now:
            raise InvalidValue(
                _("detected at {at} is later than now; check the time").format(at=to_iso(detected))
            )
        rules = self.deadline_rules()
        chosen = list(playbook.deadlines if deadlines is None else deadlines)
        for key in chosen:
            _choice(key, regime_keys(rules), _("deadline"))
        incident_id = new_id()
        lead = lead.strip() or self._ctx.author
        first = playbook.incident_phases[0]
        with self._ctx.handbook.transaction() as conn:
            incidents_repo.insert_incident(
                conn,
                incident_id=incident_id,
                title=title,
                crisis_type=kind,
                severity=severity,
                exercise=exercise,
                lead=lead,
                playbook=playbook,
                detected_at=to_iso(detected),
                declared_at=to_iso(now),
            )
            self._write(
                conn,
                incident_id,
                EventKind.INCIDENT_STARTED,
                {
                    "title": title,
                    "crisis_type": kind,
                    "severity": severity,
                    "exercise": exercise,
                    "lead": lead,
                    "detected_at": to_iso(detected),
                    "playbook_id": playbook.id,
                    "playbook_version": playbook.version,
                    "language": playbook.language,
                    "phase": first.key,
                },
            )
            for key in dict.fromkeys(chosen):
                self._write(conn, incident_id, EventKind.DEADLINE_ENABLED, {"regime": key})
        self._notify(incident_id)
        return incident_id

    def log(
        self,
        incident_id: str,
        text: str,
        kind: str = LogEntryKind.OBSERVATION,
        happened_at: datetime | None = None,
    ) -> Event:
        text = _require(text, _("log text"))
        _choice(kind, LogEntryKind.ALL, _("kind"))
        occurred = self._past(happened_at, _("happened at"))
        return self._append(
            incident_id, EventKind.LOG_ENTRY, {"kind": kind, "text": text}, occurred
        )

    def correct(self, incident_id: str, event_id: str, text: str) -> Event:
        """A new event that corrects an earlier one (which stays as it was)."""
        text = _require(text, _("correction"))
        target = self.event(event_id)
        if target.incident_id != incident_id:
            raise NotFound(_("event {id} is not in this incident").format(id=event_id))
        return self._append(
            incident_id,
            EventKind.ENTRY_CORRECTED,
            {"text": text, "corrects_seq": target.seq},
            corrects=target.id,
        )

    def check(self, incident_id: str, item_id: str) -> Event:
        return self._item_event(incident_id, item_id, EventKind.ITEM_CHECKED, {})

    def uncheck(self, incident_id: str, item_id: str) -> Event:
        return self._item_event(incident_id, item_id, EventKind.ITEM_UNCHECKED, {})

    def not_applicable(self, incident_id: str, item_id: str, reason: str) -> Event:
        reason = _require(reason, _("reason for not applicable"))
        return self._item_event(
            incident_id, item_id, EventKind.ITEM_NOT_APPLICABLE, {"reason": reason}
        )

    def note(self, incident_id: str, item_id: str, text: str) -> Event:
        text = _require(text, _("note"))
        return self._item_event(incident_id, item_id, EventKind.ITEM_NOTE, {"text": text})

    def assign(self, incident_id: str, item_id: str, owner: str) -> Event:
        owner = _require(owner, _("owner"))
        return self._item_event(incident_id, item_id, EventKind.ITEM_ASSIGNED, {"owner": owner})

    def move_phase(self, incident_id: str, target: str = "next") -> Event:
        """Move to the next phase or a named one; the event names open must-items."""
        state = self.state(incident_id)
        keys = [p.key for p in state.playbook.incident_phases]
        current = state.current_phase
        if target == "next":
            index = keys.index(current) + 1 if current in keys else 0
            if index >= len(keys):
                raise Rejected(_("already in the last phase; close the incident when done"))
            to = keys[index]
        else:
            by_title = {p.title.casefold(): p.key for p in state.playbook.incident_phases}
            to = target if target in keys else by_title.get(target.casefold(), "")
            if not to:
                raise InvalidValue(
                    _("no phase '{phase}' (phases: {keys})").format(
                        phase=target, keys=", ".join(keys)
                    )
                )
            if to == current:
                raise Rejected(_("already in phase {phase}").format(phase=to))
        open_must = [
            {"id": s.item.id, "text": s.item.text} for s in state.open_must_items(current or "")
        ]
        titles = {p.key: p.title for p in state.playbook.incident_phases}
        return self._append(
            incident_id,
            EventKind.PHASE_MOVED,
            {
                "from": current,
                "to": to,
                "from_title": titles.get(current or "", current),
                "to_title": titles[to],
                "open_must": open_must,
            },
            phase=to,
        )

    def record_call(
        self,
        incident_id: str,
        contact_id: str,
        outcome: str,
        note: str = "",
        happened_at: datetime | None = None,
    ) -> CallResult:
        _choice(outcome, CallOutcome.ALL, _("call outcome"))
        contact = contacts_repo.get_contact(self._conn, contact_id)
        if contact is None:
            raise NotFound(_("no contact with id {id}").format(id=contact_id))
        backup = None
        if outcome != CallOutcome.REACHED:
            backup = self._backup_of(contact.id)
        payload: dict[str, Any] = {
            "contact_id": contact.id,
            "name": contact.name,
            "outcome": outcome,
            "note": note.strip(),
        }
        if backup is not None:
            payload["backup_id"], payload["backup_name"] = backup.id, backup.name
        event = self._append(
            incident_id,
            EventKind.CALL_RECORDED,
            payload,
            self._past(happened_at, _("happened at")),
        )
        return CallResult(event, backup)

    def _backup_of(self, contact_id: str) -> Contact | None:
        """The call tree's backup for this person, else the next member of their role."""
        for edge in contacts_repo.list_call_edges(self._conn):
            if edge.callee_id == contact_id and edge.backup_id:
                return contacts_repo.get_contact(self._conn, edge.backup_id)
        for role in contacts_repo.list_roles(self._conn):
            if contact_id in role.members:
                rest = role.members[role.members.index(contact_id) + 1 :]
                if rest:
                    return contacts_repo.get_contact(self._conn, rest[0])
        return None

    def add_scope(
        self,
        incident_id: str,
        kind: str,
        name: str,
        status: str = ScopeStatus.SUSPECTED,
        note: str = "",
    ) -> Event:
        _choice(kind, ScopeKind.ALL, _("scope kind"))
        _choice(status, ScopeStatus.ALL, _("scope status"))
        name = _require(name, _("name"))
        state = self.state(incident_id)
        if any(e.name.casefold() == name.casefold() for e in state.scope.values()):
            raise Rejected(_("'{name}' is already in the scope register").format(name=name))
        return self._append(
            incident_id,
            EventKind.SCOPE_ADDED,
            {"scope_id": new_id(), "kind": kind, "name": name, "status": status, "note": note},
        )

    def set_scope_status(self, incident_id: str, scope: str, status: str, note: str = "") -> Event:
        """``scope`` is the entry's id or its name."""
        _choice(status, ScopeStatus.ALL, _("scope status"))
        state = self.state(incident_id)
        entry = state.scope.get(scope) or next(
            (e for e in state.scope.values() if e.name.casefold() == scope.strip().casefold()),
            None,
        )
        if entry is None:
            raise NotFound(_("'{name}' is not in the scope register").format(name=scope))
        return self._append(
            incident_id,
            EventKind.SCOPE_STATUS,
            {"scope_id": entry.id, "name": entry.name, "status": status, "note": note},
        )

    def clock_check(
        self,
        incident_id: str,
        trusted_time: datetime,
        source: str = "",
        laptop_time: datetime | None = None,
    ) -> Event:
        """Log the laptop's clock against a trusted time (phone, radio): the offset."""
        if trusted_time.tzinfo is None:
            raise InvalidValue(_("the trusted time needs a time zone"))
        laptop = laptop_time or self._ctx.clock.now()
        offset = (trusted_time - laptop).total_seconds()
        return self._append(
            incident_id,
            EventKind.CLOCK_CHECKED,
            {
                "laptop_time": to_iso(laptop),
                "trusted_time": to_iso(trusted_time),
                "offset_seconds": round(offset, 3),
                "source": source.strip(),
            },
        )

    def enable_deadline(self, incident_id: str, regime: str, enabled: bool = True) -> Event:
        _choice(regime, regime_keys(self.deadline_rules()), _("deadline"))
        state = self.state(incident_id)
        if enabled == (regime in state.enabled_deadlines):
            raise Rejected(
                (
                    _("deadline {key} is already enabled")
                    if enabled
                    else _("deadline {key} is not enabled")
                ).format(key=regime)
            )
        kind = EventKind.DEADLINE_ENABLED if enabled else EventKind.DEADLINE_DISABLED
        return self._append(incident_id, kind, {"regime": regime})

    def set_moment(self, incident_id: str, moment: str, at: datetime | None = None) -> Event:
        """Record when the organisation became aware / classified the incident as major."""
        _choice(moment, Moment.SETTABLE, _("moment"))
        when = self._past(at, _("moment")) or self._ctx.now_iso()
        return self._append(
            incident_id, EventKind.DEADLINE_TRIGGERED, {"moment": moment, "at": when}
        )

    def mark_notice_sent(
        self, incident_id: str, notice: str, at: datetime | None = None, note: str = ""
    ) -> Event:
        state = self.state(incident_id)
        keys = notice_keys(state.enabled_deadlines, self.deadline_rules())
        if notice not in keys:
            raise InvalidValue(
                _("notice '{notice}' is not one of the enabled deadlines' notices: {keys}").format(
                    notice=notice, keys=", ".join(keys) or _("(no deadline enabled)")
                )
            )
        when = self._past(at, _("sent at")) or self._ctx.now_iso()
        return self._append(
            incident_id, EventKind.NOTICE_SENT, {"notice": notice, "at": when, "note": note}
        )

    def close(self, incident_id: str, summary: str = "") -> Event:
        return self._append(
            incident_id,
            EventKind.INCIDENT_CLOSED,
            {"summary": summary.strip()},
            status=IncidentStatus.CLOSED,
        )

    def record(self, incident_id: str, kind: str, payload: Mapping[str, Any]) -> Event:
        """Append an event of a kind another service defines (exercise injects ...),
        with the same checks and notification as every incident action."""
        return self._append(incident_id, kind, payload)

    # -- internals ----------------------------------------------------------------
    def _past(self, when: datetime | None, field: str) -> str | None:
        """A user-given time as stored, refusing times in the future."""
        if when is None:
            return None
        if when.tzinfo is None:
            raise InvalidValue(_("{field}: the time needs a time zone").format(field=field))
        if when > self._ctx.clock.now():
            raise InvalidValue(
                _("{field} {at} is later than now; check the time").format(
                    field=field, at=to_iso(when)
                )
            )
        return to_iso(when)

    def _item_event(
        self, incident_id: str, item_id: str, kind: str, extra: Mapping[str, Any]
    ) -> Event:
        state = self.state(incident_id)
        item = state.items.get(item_id)
        if item is None:
            raise NotFound(
                _("no checklist item '{item}' in this incident's playbook").format(item=item_id)
            )
        if kind == EventKind.ITEM_CHECKED and item.status == ItemStatus.DONE:
            raise Rejected(_("'{item}' is already done").format(item=item.item.text))
        if kind == EventKind.ITEM_UNCHECKED and item.is_open:
            raise Rejected(_("'{item}' is still open").format(item=item.item.text))
        payload = {"item": item_id, "item_text": item.item.text, "phase": item.phase_key}
        payload.update(extra)
        return self._append(incident_id, kind, payload)

    def _append(
        self,
        incident_id: str,
        kind: str,
        payload: Mapping[str, Any],
        occurred_at: str | None = None,
        *,
        corrects: str | None = None,
        phase: str | None = None,
        status: str | None = None,
    ) -> Event:
        with self._ctx.handbook.transaction() as conn:
            summary = incidents_repo.get_incident(conn, incident_id)
            if summary is None:
                raise NotFound(_("no incident with id {id}").format(id=incident_id))
            if not summary.is_open:
                raise Rejected(
                    _("incident '{title}' is closed; closed incidents are read-only").format(
                        title=summary.title
                    )
                )
            event = self._write(conn, incident_id, kind, payload, occurred_at, corrects)
            updates: dict[str, Any] = {}
            if phase is not None:
                updates["current_phase"] = phase
            if status is not None:
                updates["status"] = status
                updates["closed_at"] = event.recorded_at
            if updates:
                incidents_repo.update_incident(conn, incident_id, **updates)
        self._notify(incident_id)
        return event

    def _write(
        self,
        conn: sqlite3.Connection,
        incident_id: str,
        kind: str,
        payload: Mapping[str, Any],
        occurred_at: str | None = None,
        corrects: str | None = None,
    ) -> Event:
        now = self._ctx.now_iso()
        return incidents_repo.append_event(
            conn,
            incident_id=incident_id,
            kind=kind,
            payload=payload,
            occurred_at=occurred_at or now,
            recorded_at=now,
            author=self._ctx.author,
            corrects=corrects,
        )

    def _notify(self, incident_id: str) -> None:
        self._ctx.notifier.notify(Changed.of(Area.EVENTS, Area.INCIDENTS, incident_id=incident_id))
