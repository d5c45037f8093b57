"""The rows of the printed timeline (ICS 214 activity log), and their digest.

The verifier must show that the printed pages tell the same story as the embedded log.
Extracting text back out of a PDF is fragile (wrapped cells, font subsets), so instead
the exporter records in the signed manifest a digest of what it printed, and the
verifier recomputes that digest from the embedded log with the same function. The
digest covers every row's number, UTC time, entry time, author, kind and typed text:
what does not depend on the reader's language or time zone. Labels and local times
are derived from those same fields. Tests check independently, with ``pdftotext``, that
the printed pages hold every event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from crisisdesk.domain.clock import parse_iso
from crisisdesk.domain.events import Event, EventKind, canonical_json
from crisisdesk.domain.i18n import _

BACK_ENTERED_AFTER = timedelta(minutes=2)  # recorded this much later: show both times


def kind_label(kind: str) -> str:
    labels = {
        EventKind.INCIDENT_STARTED: _("incident started"),
        EventKind.INCIDENT_CLOSED: _("incident closed"),
        EventKind.LOG_ENTRY: _("log entry"),
        EventKind.ITEM_CHECKED: _("item done"),
        EventKind.ITEM_UNCHECKED: _("item reopened"),
        EventKind.ITEM_NOT_APPLICABLE: _("not applicable"),
        EventKind.ITEM_NOTE: _("item note"),
        EventKind.ITEM_ASSIGNED: _("item assigned"),
        EventKind.PHASE_MOVED: _("phase"),
        EventKind.CALL_RECORDED: _("call"),
        EventKind.SCOPE_ADDED: _("scope added"),
        EventKind.SCOPE_STATUS: _("scope status"),
        EventKind.CLOCK_CHECKED: _("clock check"),
        EventKind.DEADLINE_ENABLED: _("deadline"),
        EventKind.DEADLINE_TRIGGERED: _("deadline started"),
        EventKind.NOTICE_SENT: _("notice sent"),
        EventKind.CHECKPOINT_SHOWN: _("checkpoint"),
        EventKind.EXPORTED: _("exported"),
    }
    return labels.get(kind, kind)


_TEXT_KEYS = ("text", "note", "reason", "summary", "title", "name", "label", "status", "code")


def event_text(event: Event) -> str:
    """The words of an event as printed: the typed text, else the payload's main fields."""
    payload: dict[str, Any] = dict(event.payload)
    if event.kind == EventKind.LOG_ENTRY:
        sub = str(payload.get("kind", ""))
        text = str(payload.get("text", ""))
        return f"[{sub}] {text}" if sub else text
    parts = [str(payload[k]) for k in _TEXT_KEYS if payload.get(k) not in (None, "")]
    rest = {
        k: v
        for k, v in payload.items()
        if k not in _TEXT_KEYS and v not in (None, "", [], {}) and not k.endswith("_id")
    }
    parts.extend(f"{k}: {v}" for k, v in sorted(rest.items()))
    return " · ".join(parts)


def utc_text(iso: str) -> str:
    return parse_iso(iso).strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class TimelineRow:
    seq: int
    occurred_utc: str
    occurred_local: str
    recorded_utc: str | None  # set when the entry was typed in later than it happened
    author: str
    kind: str
    label: str
    text: str
    corrects_seq: int | None

    def digest_cells(self) -> list[Any]:
        return [
            self.seq,
            self.occurred_utc,
            self.recorded_utc or "",
            self.author,
            self.kind,
            self.text,
        ]


def timeline_rows(
    events: Iterable[Event], local_zone: tzinfo | None = None
) -> Iterator[TimelineRow]:
    """One row per event, in log order; ``local_zone`` None means this laptop's zone."""
    seq_of: dict[str, int] = {}
    for event in events:
        seq_of[event.id] = event.seq
        occurred = parse_iso(event.occurred_at)
        recorded = parse_iso(event.recorded_at)
        local = occurred.astimezone(local_zone) if local_zone else occurred.astimezone()
        yield TimelineRow(
            seq=event.seq,
            occurred_utc=utc_text(event.occurred_at),
            occurred_local=_local_text(local),
            recorded_utc=utc_text(event.recorded_at)
            if recorded - occurred >= BACK_ENTERED_AFTER
            else None,
            author=event.author,
            kind=event.kind,
            label=kind_label(event.kind),
            text=event_text(event),
            corrects_seq=seq_of.get(event.corrects) if event.corrects else None,
        )


def _local_text(when: datetime) -> str:
    offset = when.strftime("%z")
    return when.strftime("%H:%M:%S ") + (offset[:3] + ":" + offset[3:] if offset else "")


def timeline_digest(events: Iterable[Event]) -> str:
    """SHA-256 over the language- and zone-independent cells of every printed row."""
    digest = hashlib.sha256()
    for row in timeline_rows(events):
        digest.update(canonical_json(row.digest_cells()) + b"\n")
    return digest.hexdigest()
