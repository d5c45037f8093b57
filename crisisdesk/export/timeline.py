"""The rows of the printed timeline (ICS 214 activity log), and their digest.

The verifier must show that the printed pages tell the same story as the embedded log.
Extracting text back out of a PDF is fragile (wrapped cells, font subsets, a reader's
own layout), so the exporter records in the signed manifest a digest of the rows it
printed, and the verifier recomputes that digest from the embedded log with this same
function. The digest covers what does not depend on the reader's language or time zone:
every row's number, UTC time, entry time (for entries typed in later), author, event
kind and typed text. The printed labels, sentences and local times are derived from
those same hashed fields. Tests check independently, with ``pdftotext``, that the
printed pages hold every event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta, tzinfo
from typing import Any

from crisisdesk.domain.clock import parse_iso
from crisisdesk.domain.event_text import category_label, category_of, describe
from crisisdesk.domain.events import Event, canonical_json

BACK_ENTERED_AFTER = timedelta(minutes=2)  # recorded this much later: show both times


def utc_text(iso: str) -> str:
    return parse_iso(iso).strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class Correction:
    seq: int
    text: str
    author: str


@dataclass(frozen=True)
class TimelineRow:
    seq: int
    occurred_utc: str  # "YYYY-MM-DD HH:MM:SS"
    occurred_local: str  # "HH:MM:SS +01:00"
    recorded_utc: str | None  # set when the entry was typed in later than it happened
    author: str
    kind: str
    label: str
    text: str
    typed_text: str  # what a person typed (payload "text"), for the digest
    corrected_by: tuple[Correction, ...] = ()

    def digest_cells(self) -> list[Any]:
        return [
            self.seq,
            self.occurred_utc,
            self.recorded_utc or "",
            self.author,
            self.kind,
            self.typed_text,
        ]


def timeline_rows(
    events: Sequence[Event], local_zone: tzinfo | None = None
) -> Iterator[TimelineRow]:
    """One row per event, in log order, each carrying the corrections made to it.

    ``local_zone`` None means this laptop's zone.
    """
    corrections: dict[str, list[Correction]] = {}
    for event in events:
        if event.corrects:
            corrections.setdefault(event.corrects, []).append(
                Correction(event.seq, str(event.payload.get("text", "")), event.author)
            )
    for event in events:
        occurred = parse_iso(event.occurred_at)
        recorded = parse_iso(event.recorded_at)
        local = occurred.astimezone(local_zone) if local_zone else occurred.astimezone()
        offset = local.strftime("%z")
        yield TimelineRow(
            seq=event.seq,
            occurred_utc=occurred.strftime("%Y-%m-%d %H:%M:%S"),
            occurred_local=local.strftime("%H:%M:%S ") + f"{offset[:3]}:{offset[3:]}",
            recorded_utc=recorded.strftime("%Y-%m-%d %H:%M:%S")
            if recorded - occurred >= BACK_ENTERED_AFTER
            else None,
            author=event.author,
            kind=event.kind,
            label=category_label(category_of(event)),
            text=describe(event),
            typed_text=str(event.payload.get("text", "")),
            corrected_by=tuple(corrections.get(event.id, ())),
        )


def timeline_digest(events: Sequence[Event]) -> str:
    """SHA-256 over the language- and zone-independent cells of every printed row."""
    digest = hashlib.sha256()
    for row in timeline_rows(events):
        digest.update(canonical_json(row.digest_cells()) + b"\n")
    return digest.hexdigest()
