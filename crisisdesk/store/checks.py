"""Integrity checks of a handbook file: SQLite's own, then crisisdesk's.

Reads only. Each problem is one sentence that names the record concerned.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from crisisdesk.domain.events import verify_chain
from crisisdesk.store.incidents_repo import incident_heads, iter_events
from crisisdesk.store.migrations import missing_schema


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was checked, for the report

    @property
    def ok(self) -> bool:
        return not self.problems


def check_handbook(conn: sqlite3.Connection) -> CheckResult:
    result = CheckResult()
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        result.problems.append(f"SQLite integrity check failed: {exc}")
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
    return result
