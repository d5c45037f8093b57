"""What a signed incident log carries besides its pages: the machine-readable log and
its manifest, embedded as PDF attachments.

- ``incident-log.jsonl``: one canonical JSON line per event (``Event.to_record``), in
  log order, each with its hash: anyone can recompute the chain with a few lines of code.
- ``manifest.json``: incident id, event count, chain head, the hash algorithm, and a
  digest of the printed timeline (see ``export.timeline.timeline_digest``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.events import HASH_ALGORITHM, Event, canonical_json, verify_chain
from crisisdesk.domain.i18n import _

LOG_NAME = "incident-log.jsonl"
MANIFEST_NAME = "manifest.json"
MANIFEST_FORMAT = 1


class EvidenceError(CrisisdeskError):
    """The embedded log or manifest is missing or unreadable."""


@dataclass(frozen=True)
class Manifest:
    incident_id: str
    event_count: int
    chain_head: str
    algorithm: str
    timeline_sha256: str
    format: int = MANIFEST_FORMAT

    def to_bytes(self) -> bytes:
        return canonical_json(
            {
                "format": self.format,
                "incident_id": self.incident_id,
                "event_count": self.event_count,
                "chain_head": self.chain_head,
                "algorithm": self.algorithm,
                "timeline_sha256": self.timeline_sha256,
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Manifest:
        try:
            raw: Any = json.loads(data.decode("utf-8"))
            return cls(
                incident_id=str(raw["incident_id"]),
                event_count=int(raw["event_count"]),
                chain_head=str(raw["chain_head"]),
                algorithm=str(raw["algorithm"]),
                timeline_sha256=str(raw["timeline_sha256"]),
                format=int(raw["format"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise EvidenceError(
                _("{name}: not a crisisdesk manifest ({error})").format(
                    name=MANIFEST_NAME, error=exc
                )
            ) from exc


def log_bytes(events: Iterable[Event]) -> bytes:
    """The machine-readable log: canonical JSON lines, each event with its hash."""
    return b"".join(canonical_json(e.to_record()) + b"\n" for e in events)


def parse_log(data: bytes) -> list[Event]:
    """Read ``incident-log.jsonl`` back; a bad line is an error naming its line number."""
    events = []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            events.append(Event.from_record(json.loads(line.decode("utf-8"))))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise EvidenceError(
                _("{name}:{line}: not an event record ({error})").format(
                    name=LOG_NAME, line=number, error=exc
                )
            ) from exc
    return events


def build_manifest(incident_id: str, events: Sequence[Event], timeline_sha256: str) -> Manifest:
    """The manifest for a log that must be intact (exporting a broken chain is refused)."""
    report = verify_chain(events)
    if not report.ok:
        raise EvidenceError(
            _(
                "refusing to export: the log of incident {id} is damaged at event {seq}: {reason}"
            ).format(id=incident_id, seq=report.first_bad_seq, reason=report.reason)
        )
    return Manifest(incident_id, report.count, report.head, HASH_ALGORITHM, timeline_sha256)
