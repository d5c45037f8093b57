"""The incident event log: append-only events linked by a SHA-256 hash chain.

Each event's hash is ``sha256(prev_hash + canonical_json(body))`` where the body is
every field except the hash itself. The first event of an incident chains from
``GENESIS``. A correction is a new event whose ``corrects`` names the event it
corrects; events are never changed or removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

GENESIS = "0" * 64
HASH_ALGORITHM = "sha256-chain-v1"


class EventKind:
    """The kinds of events. Plain strings, so old logs stay readable as kinds are added."""

    INCIDENT_STARTED = "incident.started"
    INCIDENT_CLOSED = "incident.closed"
    LOG_ENTRY = "log.entry"  # payload: {"kind": observation|decision|action|communication, "text"}
    ENTRY_CORRECTED = "entry.corrected"  # corrects: the event; payload: {"text"}
    ITEM_CHECKED = "item.checked"
    ITEM_UNCHECKED = "item.unchecked"
    ITEM_NOT_APPLICABLE = "item.not_applicable"
    ITEM_NOTE = "item.note"
    ITEM_ASSIGNED = "item.assigned"
    PHASE_MOVED = "phase.moved"
    CALL_RECORDED = "call.recorded"
    SCOPE_ADDED = "scope.added"
    SCOPE_STATUS = "scope.status"
    CLOCK_CHECKED = "clock.checked"
    DEADLINE_ENABLED = "deadline.enabled"
    DEADLINE_DISABLED = "deadline.disabled"
    DEADLINE_TRIGGERED = "deadline.triggered"
    NOTICE_SENT = "notice.sent"
    CHECKPOINT_SHOWN = "checkpoint.shown"
    EXPORTED = "log.exported"
    # Exercises: the scenario script frozen into the incident at its start (payload:
    # {"scenario": Scenario.to_dict()}), and each inject as it appears in the cockpit
    # (payload: scenario, number, offset_minutes, text, sender, expected).
    SCENARIO_LOADED = "exercise.scenario"
    INJECT_SHOWN = "exercise.inject"


class LogEntryKind:
    OBSERVATION = "observation"
    DECISION = "decision"
    ACTION = "action"
    COMMUNICATION = "communication"

    ALL = (OBSERVATION, DECISION, ACTION, COMMUNICATION)


def canonical_json(value: Any) -> bytes:
    """The one serialisation that is hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


@dataclass(frozen=True)
class Event:
    id: str
    incident_id: str
    seq: int  # 1, 2, 3 ... within the incident
    kind: str
    occurred_at: str  # when it happened (may be earlier than recorded_at)
    recorded_at: str  # when the laptop saved it
    author: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    corrects: str | None = None
    prev_hash: str = GENESIS
    hash: str = ""

    def body(self) -> dict[str, Any]:
        """Every field but the hash: what the hash covers."""
        return {
            "id": self.id,
            "incident_id": self.incident_id,
            "seq": self.seq,
            "kind": self.kind,
            "occurred_at": self.occurred_at,
            "recorded_at": self.recorded_at,
            "author": self.author,
            "payload": dict(self.payload),
            "corrects": self.corrects,
            "prev_hash": self.prev_hash,
        }

    def to_record(self) -> dict[str, Any]:
        """The full event as one JSON object (the machine-readable log line)."""
        record = self.body()
        record["hash"] = self.hash
        return record

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Event:
        return cls(
            id=record["id"],
            incident_id=record["incident_id"],
            seq=int(record["seq"]),
            kind=record["kind"],
            occurred_at=record["occurred_at"],
            recorded_at=record["recorded_at"],
            author=record["author"],
            payload=dict(record["payload"]),
            corrects=record.get("corrects"),
            prev_hash=record["prev_hash"],
            hash=record["hash"],
        )


def compute_hash(prev_hash: str, body: Mapping[str, Any]) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(body)).hexdigest()


def seal(event: Event) -> Event:
    """Return the event with its hash filled in from its body."""
    from dataclasses import replace

    return replace(event, hash=compute_hash(event.prev_hash, event.body()))


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    count: int
    head: str  # hash of the last event that verified (GENESIS for none)
    first_bad_seq: int | None = None
    first_bad_id: str | None = None
    reason: str = ""


def verify_chain(events: Iterable[Event]) -> ChainReport:
    """Check that events are numbered 1..n, each links to the previous, each hash matches."""
    prev = GENESIS
    count = 0
    for event in events:
        expected_seq = count + 1
        problem = ""
        if event.seq != expected_seq:
            problem = (
                f"event number {event.seq} where {expected_seq} was expected (missing or reordered)"
            )
        elif event.prev_hash != prev:
            problem = "does not link to the event before it (prev_hash differs)"
        elif compute_hash(event.prev_hash, event.body()) != event.hash:
            problem = "its content does not match its hash (changed after it was saved)"
        if problem:
            return ChainReport(False, count, prev, event.seq, event.id, problem)
        prev = event.hash
        count += 1
    return ChainReport(True, count, prev)
