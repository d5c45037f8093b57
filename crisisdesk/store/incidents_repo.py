"""Incidents and their append-only, hash-chained event log.

``append_event`` is the only way an event is written: it takes the next number and the
previous hash from the incident row, seals the event and updates the row in the
caller's transaction, so the summary never disagrees with the log.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from typing import Any

from crisisdesk.domain.events import GENESIS, Event, seal
from crisisdesk.domain.ids import new_id
from crisisdesk.domain.incident import IncidentSummary
from crisisdesk.domain.playbook import Playbook


def insert_incident(
    conn: sqlite3.Connection,
    *,
    incident_id: str,
    title: str,
    crisis_type: str,
    severity: str,
    exercise: bool,
    lead: str,
    playbook: Playbook,
    detected_at: str,
    declared_at: str,
) -> None:
    conn.execute(
        "INSERT INTO incidents(id, title, crisis_type, severity, exercise, status, lead,"
        " playbook_id, playbook_version, language, playbook, detected_at, declared_at,"
        " current_phase, event_count, head_hash)"
        " VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        (
            incident_id,
            title,
            crisis_type,
            severity,
            int(exercise),
            lead,
            playbook.id,
            playbook.version,
            playbook.language,
            json.dumps(playbook.to_dict()),
            detected_at,
            declared_at,
            playbook.incident_phases[0].key if playbook.incident_phases else None,
            GENESIS,
        ),
    )


def update_incident(conn: sqlite3.Connection, incident_id: str, **fields: Any) -> None:
    """Update cached summary fields (status, closed_at, current_phase, lead, ...)."""
    allowed = {"status", "closed_at", "current_phase", "lead", "severity", "title"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"cannot update incident fields {sorted(unknown)}")
    assignments = ", ".join(f"{name} = ?" for name in fields)
    conn.execute(
        f"UPDATE incidents SET {assignments} WHERE id = ?", (*fields.values(), incident_id)
    )


def append_event(
    conn: sqlite3.Connection,
    *,
    incident_id: str,
    kind: str,
    payload: Mapping[str, Any],
    occurred_at: str,
    recorded_at: str,
    author: str,
    corrects: str | None = None,
) -> Event:
    row = conn.execute(
        "SELECT event_count, head_hash FROM incidents WHERE id = ?", (incident_id,)
    ).fetchone()
    if row is None:
        raise KeyError(incident_id)
    count, head = row
    event = seal(
        Event(
            id=new_id(),
            incident_id=incident_id,
            seq=count + 1,
            kind=kind,
            occurred_at=occurred_at,
            recorded_at=recorded_at,
            author=author,
            payload=dict(payload),
            corrects=corrects,
            prev_hash=head,
        )
    )
    conn.execute(
        "INSERT INTO events(id, incident_id, seq, kind, occurred_at, recorded_at, author,"
        " payload, corrects, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.id,
            incident_id,
            event.seq,
            kind,
            occurred_at,
            recorded_at,
            author,
            json.dumps(event.payload, ensure_ascii=False, sort_keys=True),
            corrects,
            event.prev_hash,
            event.hash,
        ),
    )
    conn.execute(
        "UPDATE incidents SET event_count = ?, head_hash = ? WHERE id = ?",
        (event.seq, event.hash, incident_id),
    )
    return event


_EVENT_COLUMNS = (
    "id, incident_id, seq, kind, occurred_at, recorded_at, author, payload, corrects,"
    " prev_hash, hash"
)


def _row_to_event(row: tuple[Any, ...]) -> Event:
    return Event(
        id=row[0],
        incident_id=row[1],
        seq=row[2],
        kind=row[3],
        occurred_at=row[4],
        recorded_at=row[5],
        author=row[6],
        payload=json.loads(row[7]),
        corrects=row[8],
        prev_hash=row[9],
        hash=row[10],
    )


def iter_events(
    conn: sqlite3.Connection, incident_id: str, *, kinds: tuple[str, ...] | None = None
) -> Iterator[Event]:
    """Events of one incident in log order (by number), optionally of some kinds only."""
    sql = f"SELECT {_EVENT_COLUMNS} FROM events WHERE incident_id = ?"
    params: list[Any] = [incident_id]
    if kinds:
        sql += f" AND kind IN ({', '.join('?' for _ in kinds)})"
        params.extend(kinds)
        # "+seq": sort the few matching rows instead of walking the whole log in seq
        # order (without it SQLite scans 100,000 events to find a handful).
        sql += " ORDER BY +seq"
    else:
        sql += " ORDER BY seq"
    for row in conn.execute(sql, params):
        yield _row_to_event(row)


def get_event(conn: sqlite3.Connection, event_id: str) -> Event | None:
    row = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
    return _row_to_event(row) if row else None


_SUMMARY_COLUMNS = (
    "id, title, crisis_type, severity, exercise, status, lead, playbook_id, playbook_version,"
    " language, detected_at, declared_at, closed_at, event_count, current_phase"
)


def _row_to_summary(r: tuple[Any, ...]) -> IncidentSummary:
    return IncidentSummary(
        id=r[0],
        title=r[1],
        crisis_type=r[2],
        severity=r[3],
        exercise=bool(r[4]),
        status=r[5],
        lead=r[6],
        playbook_id=r[7],
        playbook_version=r[8],
        language=r[9],
        detected_at=r[10],
        declared_at=r[11],
        closed_at=r[12],
        event_count=r[13],
        current_phase=r[14],
    )


def list_incidents(conn: sqlite3.Connection) -> list[IncidentSummary]:
    rows = conn.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM incidents ORDER BY declared_at DESC"
    ).fetchall()
    return [_row_to_summary(r) for r in rows]


def get_incident(conn: sqlite3.Connection, incident_id: str) -> IncidentSummary | None:
    row = conn.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM incidents WHERE id = ?", (incident_id,)
    ).fetchone()
    return _row_to_summary(row) if row else None


def find_incident_ids(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """Incident ids starting with ``prefix`` (users type the first few characters)."""
    like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [
        r[0] for r in conn.execute("SELECT id FROM incidents WHERE id LIKE ? ESCAPE '\\'", (like,))
    ]


def frozen_playbook(conn: sqlite3.Connection, incident_id: str) -> Playbook:
    row = conn.execute("SELECT playbook FROM incidents WHERE id = ?", (incident_id,)).fetchone()
    if row is None:
        raise KeyError(incident_id)
    return Playbook.from_dict(json.loads(row[0]))


def incident_heads(conn: sqlite3.Connection) -> list[tuple[str, str, int, str]]:
    """(id, title, cached event count, cached head hash) of every incident."""
    rows = conn.execute(
        "SELECT id, title, event_count, head_hash FROM incidents ORDER BY declared_at"
    )
    return [(r[0], r[1], int(r[2]), r[3]) for r in rows]


def page_events(
    conn: sqlite3.Connection,
    incident_id: str,
    *,
    limit: int,
    after_seq: int | None = None,
    newest_first: bool = False,
    kinds: tuple[str, ...] | None = None,
    entry_kinds: tuple[str, ...] | None = None,
    search: str = "",
) -> list[Event]:
    """One page of the log for lazy loading: events after ``after_seq`` in the chosen
    order (before it when newest first), filtered by event kinds and/or log-entry kinds
    (observation, decision ...) and by text anywhere in the payload."""
    sql = f"SELECT {_EVENT_COLUMNS} FROM events WHERE incident_id = ?"
    params: list[Any] = [incident_id]
    if after_seq is not None:
        sql += " AND seq < ?" if newest_first else " AND seq > ?"
        params.append(after_seq)
    ors = []
    if kinds:
        ors.append(f"kind IN ({', '.join('?' for _ in kinds)})")
        params.extend(kinds)
    if entry_kinds:
        ors.append(
            f"(kind = 'log.entry' AND json_extract(payload, '$.kind') IN"
            f" ({', '.join('?' for _ in entry_kinds)}))"
        )
        params.extend(entry_kinds)
    if ors:
        sql += " AND (" + " OR ".join(ors) + ")"
    if search:
        like = search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        sql += " AND (payload LIKE ? ESCAPE '\\' OR author LIKE ? ESCAPE '\\')"
        params.extend([f"%{like}%", f"%{like}%"])
    sql += " ORDER BY seq DESC" if newest_first else " ORDER BY seq"
    sql += " LIMIT ?"
    params.append(limit)
    return [_row_to_event(r) for r in conn.execute(sql, params)]


def get_event_by_seq(conn: sqlite3.Connection, incident_id: str, seq: int) -> Event | None:
    row = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE incident_id = ? AND seq = ?",
        (incident_id, seq),
    ).fetchone()
    return _row_to_event(row) if row else None
