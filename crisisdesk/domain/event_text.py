"""One line of text per event: what the log view, the CLI and exports show.

``label`` is the short upper-case tag in front (OBSERVATION, CALL, ✓ ...); ``text`` the
sentence. Both are written here once so every place shows an event the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crisisdesk.domain.clock import format_duration, parse_iso
from crisisdesk.domain.deadlines import regime_names
from crisisdesk.domain.events import Event, EventKind, LogEntryKind
from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import (
    call_outcome_label,
    scope_kind_label,
    scope_status_label,
    severity_label,
)


class Category:
    """What the log filter offers: the four manual kinds and the automatic groups."""

    CHECKLIST = "checklist"
    PHASE = "phase"
    CALL = "call"
    SCOPE = "scope"
    CLOCK = "clock"
    DEADLINE = "deadline"
    INCIDENT = "incident"
    CORRECTION = "correction"
    EXERCISE = "exercise"
    OTHER = "other"

    MANUAL = LogEntryKind.ALL
    AUTOMATIC = (CHECKLIST, PHASE, CALL, SCOPE, CLOCK, DEADLINE, INCIDENT, CORRECTION, EXERCISE)


# Event kinds of each automatic category (the log filter turns a category into kinds).
CATEGORY_KINDS: dict[str, tuple[str, ...]] = {
    Category.CHECKLIST: (
        EventKind.ITEM_CHECKED,
        EventKind.ITEM_UNCHECKED,
        EventKind.ITEM_NOT_APPLICABLE,
        EventKind.ITEM_NOTE,
        EventKind.ITEM_ASSIGNED,
    ),
    Category.PHASE: (EventKind.PHASE_MOVED,),
    Category.CALL: (EventKind.CALL_RECORDED,),
    Category.SCOPE: (EventKind.SCOPE_ADDED, EventKind.SCOPE_STATUS),
    Category.CLOCK: (EventKind.CLOCK_CHECKED,),
    Category.DEADLINE: (
        EventKind.DEADLINE_ENABLED,
        EventKind.DEADLINE_DISABLED,
        EventKind.DEADLINE_TRIGGERED,
        EventKind.NOTICE_SENT,
    ),
    Category.INCIDENT: (EventKind.INCIDENT_STARTED, EventKind.INCIDENT_CLOSED),
    Category.CORRECTION: (EventKind.ENTRY_CORRECTED,),
    Category.EXERCISE: (EventKind.SCENARIO_LOADED, EventKind.INJECT_SHOWN),
}


def _regime(key: str) -> str:
    """A legal regime by its name; an organisation's own rule keeps its key here (the
    log does not know the rules; the deadlines tab names them)."""
    return regime_names().get(key, key)


def category_of(event: Event) -> str:
    if event.kind == EventKind.LOG_ENTRY:
        return str(event.payload.get("kind", LogEntryKind.OBSERVATION))
    for category, kinds in CATEGORY_KINDS.items():
        if event.kind in kinds:
            return category
    return Category.OTHER


def category_label(category: str) -> str:
    labels = {
        LogEntryKind.OBSERVATION: _("OBSERVATION"),
        LogEntryKind.DECISION: _("DECISION"),
        LogEntryKind.ACTION: _("ACTION"),
        LogEntryKind.COMMUNICATION: _("COMMUNICATION"),
        Category.CHECKLIST: _("CHECKLIST"),
        Category.PHASE: _("PHASE"),
        Category.CALL: _("CALL"),
        Category.SCOPE: _("SCOPE"),
        Category.CLOCK: _("CLOCK"),
        Category.DEADLINE: _("DEADLINE"),
        Category.INCIDENT: _("INCIDENT"),
        Category.CORRECTION: _("CORRECTION"),
        Category.EXERCISE: _("EXERCISE"),
    }
    return labels.get(category, category.upper())


def _item(p: Mapping[str, Any]) -> str:
    return str(p.get("item_text") or p.get("item", ""))


def describe(event: Event) -> str:
    """The event as one sentence."""
    p = event.payload
    k = event.kind
    if k == EventKind.LOG_ENTRY:
        return str(p.get("text", ""))
    if k == EventKind.ENTRY_CORRECTED:
        return _("Correction of #{seq}: {text}").format(
            seq=p.get("corrects_seq", "?"), text=p.get("text", "")
        )
    if k == EventKind.INCIDENT_STARTED:
        text = _("Incident started: {title} (severity {severity}, playbook {playbook})").format(
            title=p.get("title", ""),
            severity=severity_label(str(p.get("severity", ""))),
            playbook=p.get("playbook_id"),
        )
        return (_("EXERCISE — ") + text) if p.get("exercise") else text
    if k == EventKind.INCIDENT_CLOSED:
        return _("Incident closed") + (f": {p['summary']}" if p.get("summary") else "")
    if k == EventKind.ITEM_CHECKED:
        return _("✓ Done: {item}").format(item=_item(p))
    if k == EventKind.ITEM_UNCHECKED:
        return _("Reopened: {item}").format(item=_item(p))
    if k == EventKind.ITEM_NOT_APPLICABLE:
        return _("Not applicable: {item} (reason: {reason})").format(
            item=_item(p), reason=p.get("reason", "")
        )
    if k == EventKind.ITEM_NOTE:
        return _("Note on {item}: {text}").format(item=_item(p), text=p.get("text", ""))
    if k == EventKind.ITEM_ASSIGNED:
        return _("Assigned {item} to {owner}").format(item=_item(p), owner=p.get("owner", ""))
    if k == EventKind.PHASE_MOVED:
        text = _("Phase {from_} → {to}").format(
            from_=p.get("from_title") or p.get("from"), to=p.get("to_title") or p.get("to")
        )
        open_must = p.get("open_must") or []
        if open_must:
            text += " — " + _("open must-items: {items}").format(
                items="; ".join(str(i.get("text", i.get("id"))) for i in open_must)
            )
        return text
    if k == EventKind.CALL_RECORDED:
        text = _("Call {name}: {outcome}").format(
            name=p.get("name", ""), outcome=call_outcome_label(str(p.get("outcome", "")))
        )
        if p.get("backup_name"):
            text += " — " + _("backup: {name}").format(name=p["backup_name"])
        return text + (f" ({p['note']})" if p.get("note") else "")
    if k == EventKind.SCOPE_ADDED:
        return _("Scope: {kind} {name} added as {status}").format(
            kind=scope_kind_label(str(p.get("kind", ""))),
            name=p.get("name", ""),
            status=scope_status_label(str(p.get("status", ""))),
        ) + (f" ({p['note']})" if p.get("note") else "")
    if k == EventKind.SCOPE_STATUS:
        return _("Scope: {name} now {status}").format(
            name=p.get("name", ""), status=scope_status_label(str(p.get("status", "")))
        ) + (f" ({p['note']})" if p.get("note") else "")
    if k == EventKind.CLOCK_CHECKED:
        seconds = float(p.get("offset_seconds", 0))
        from datetime import timedelta

        sign = "+" if seconds >= 0 else "-"
        offset = format_duration(timedelta(seconds=abs(seconds)))
        return _(
            "Clock check against {source}: trusted {trusted}, laptop {laptop} (offset {sign}{offset}, {secs:+.0f} s)"
        ).format(
            source=p.get("source") or _("trusted time"),
            trusted=_short(p.get("trusted_time")),
            laptop=_short(p.get("laptop_time")),
            sign=sign,
            offset=offset,
            secs=seconds,
        )
    if k == EventKind.DEADLINE_ENABLED:
        return _("Deadline enabled: {regime}").format(regime=_regime(p.get("regime", "")))
    if k == EventKind.DEADLINE_DISABLED:
        return _("Deadline disabled: {regime}").format(regime=_regime(p.get("regime", "")))
    if k == EventKind.DEADLINE_TRIGGERED:
        names = {"aware": _("became aware"), "major": _("classified as major")}
        return _("Moment recorded: {moment} at {at}").format(
            moment=names.get(str(p.get("moment")), p.get("moment")), at=_short(p.get("at"))
        )
    if k == EventKind.NOTICE_SENT:
        return _("Notice sent: {notice} at {at}").format(
            notice=p.get("notice", ""), at=_short(p.get("at"))
        )
    if k == EventKind.SCENARIO_LOADED:
        scenario = p.get("scenario") or {}
        return _("Exercise scenario: {title} ({n} injects)").format(
            title=scenario.get("title", ""), n=len(scenario.get("injects", []))
        )
    if k == EventKind.INJECT_SHOWN:
        minutes = int(p.get("offset_minutes", 0))
        text = _("Inject +{h}:{m:02d}: {text}").format(
            h=minutes // 60, m=minutes % 60, text=p.get("text", "")
        )
        return text + (" — " + _("from {who}").format(who=p["sender"]) if p.get("sender") else "")
    return f"{k} {dict(p)}"


def _short(text: Any) -> str:
    """A stored UTC time as local 24-hour time with date, for sentences."""
    if not text:
        return "?"
    try:
        return parse_iso(str(text)).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return str(text)
