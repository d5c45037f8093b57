"""The organisation's own playbooks: every version ever added is kept."""

from __future__ import annotations

import json
import sqlite3

from crisisdesk.domain.ids import new_id
from crisisdesk.domain.playbook import Playbook, PlaybookVersion

_COLUMNS = "parsed, source, filename, added_at"


def _version(row: tuple[str, str, str, str]) -> PlaybookVersion:
    return PlaybookVersion(
        playbook=Playbook.from_dict(json.loads(row[0])),
        markdown=row[1],
        builtin=False,
        filename=row[2],
        added_at=row[3],
    )


def has_version(conn: sqlite3.Connection, playbook_id: str, language: str, version: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM playbooks WHERE playbook_id = ? AND language = ? AND version = ?",
        (playbook_id, language, version),
    ).fetchone()
    return row is not None


def add_version(
    conn: sqlite3.Connection, playbook: Playbook, markdown: str, filename: str, now: str
) -> None:
    """Store one more version (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO playbooks(id, playbook_id, language, version, title, crisis_type,"
        " last_reviewed, source, parsed, filename, added_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new_id(),
            playbook.id,
            playbook.language,
            playbook.version,
            playbook.title,
            playbook.crisis_type,
            playbook.last_reviewed,
            markdown,
            json.dumps(playbook.to_dict(), ensure_ascii=False, sort_keys=True),
            filename,
            now,
        ),
    )


def latest_versions(conn: sqlite3.Connection) -> list[PlaybookVersion]:
    """The most recently added version of each playbook id and language."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM playbooks AS p WHERE p.rowid = ("
        "  SELECT q.rowid FROM playbooks AS q"
        "  WHERE q.playbook_id = p.playbook_id AND q.language = p.language"
        "  ORDER BY q.added_at DESC, q.rowid DESC LIMIT 1)"
        " ORDER BY p.playbook_id, p.language"
    ).fetchall()
    return [_version(r) for r in rows]


def history(conn: sqlite3.Connection, playbook_id: str, language: str) -> list[PlaybookVersion]:
    """Every stored version of one playbook in one language, oldest first."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM playbooks WHERE playbook_id = ? AND language = ?"
        " ORDER BY added_at, rowid",
        (playbook_id, language),
    ).fetchall()
    return [_version(r) for r in rows]
