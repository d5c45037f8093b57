"""Integrity checks of a handbook file: SQLite's own, then crisisdesk's.

Reads only. Each problem is one sentence that names the record concerned.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from crisisdesk.domain.checkpoint import Checkpoint, check_checkpoints
from crisisdesk.domain.events import verify_chain
from crisisdesk.store.database import DAMAGED_FILE_ERRORS, damage_reason
from crisisdesk.store.incidents_repo import incident_heads, iter_events
from crisisdesk.store.migrations import missing_schema


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was checked, for the report

    @property
    def ok(self) -> bool:
        return not self.problems


def check_handbook(conn: sqlite3.Connection, checkpoints: Sequence[Checkpoint] = ()) -> CheckResult:
    result = CheckResult()
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except DAMAGED_FILE_ERRORS as exc:
        result.problems.append(f"SQLite integrity check failed: {damage_reason(exc)}")
        return result
    if rows != ["ok"]:
        result.problems.extend(f"SQLite integrity check: {r}" for r in rows[:20])
        return result
    result.notes.append("SQLite integrity check: ok")
    missing = missing_schema(conn)
    for name in missing:
        result.problems.append(f"the file lacks {name} (removed behind the app's back)")
    if not missing:
        result.notes.append("schema complete: ok")
    fk = conn.execute("PRAGMA foreign_key_check").fetchall()
    for table, rowid, parent, _ in fk[:20]:
        result.problems.append(f"{table} row {rowid} refers to a missing {parent} record")
    if not fk:
        result.notes.append("references between records: ok")
    for incident_id, title, count, head in incident_heads(conn):
        report = verify_chain(iter_events(conn, incident_id))
        if not report.ok:
            result.problems.append(
                f"incident {incident_id[:8]} '{title}': event {report.first_bad_seq} "
                f"({report.first_bad_id}) {report.reason}"
            )
        elif report.count != count or report.head != head:
            result.problems.append(
                f"incident {incident_id[:8]} '{title}': the log holds {report.count} events "
                f"but the incident records {count} (events missing or added behind the app's back)"
            )
        else:
            result.notes.append(
                f"incident {incident_id[:8]} '{title}': {count} events, chain intact"
            )
    for checkpoint in checkpoints:
        _check_checkpoint(conn, checkpoint, result)
    return result


def _check_checkpoint(
    conn: sqlite3.Connection, checkpoint: Checkpoint, result: CheckResult
) -> None:
    """A code names no incident: it holds when some incident's log has that exact prefix."""
    reasons = []
    for incident_id, title, _count, _head in incident_heads(conn):
        (outcome,) = check_checkpoints(iter_events(conn, incident_id), [checkpoint])
        if outcome.ok:
            result.notes.append(
                f"checkpoint {checkpoint.code}: incident {incident_id[:8]} '{title}' "
                "still holds this exact log prefix"
            )
            return
        reasons.append(f"incident {incident_id[:8]}: {outcome.reason}")
    result.problems.append(
        f"checkpoint {checkpoint.code}: no incident's log holds this prefix"
        + (" (" + "; ".join(reasons) + ")" if reasons else " (there are no incidents)")
    )
