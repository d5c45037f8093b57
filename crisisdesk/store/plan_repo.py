"""Crisis plan sections."""

from __future__ import annotations

import sqlite3

from crisisdesk.domain.plan import PlanSection


def upsert_section(conn: sqlite3.Connection, section: PlanSection, now: str) -> None:
    conn.execute(
        "INSERT INTO plan_sections(id, key, title, body, position, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
        " title = excluded.title, body = excluded.body, position = excluded.position,"
        " updated_at = excluded.updated_at",
        (section.id, section.key, section.title, section.body, section.position, now),
    )


def list_sections(conn: sqlite3.Connection) -> list[PlanSection]:
    return [
        PlanSection(id=r[0], key=r[1], title=r[2], body=r[3], position=r[4], updated_at=r[5])
        for r in conn.execute(
            "SELECT id, key, title, body, position, updated_at FROM plan_sections"
            " ORDER BY position, key"
        )
    ]


def get_section(conn: sqlite3.Connection, key: str) -> PlanSection | None:
    row = conn.execute(
        "SELECT id, key, title, body, position, updated_at FROM plan_sections WHERE key = ?",
        (key,),
    ).fetchone()
    if row is None:
        return None
    return PlanSection(
        id=row[0], key=row[1], title=row[2], body=row[3], position=row[4], updated_at=row[5]
    )


def delete_section(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("DELETE FROM plan_sections WHERE key = ?", (key,))


def set_positions(conn: sqlite3.Connection, keys: list[str]) -> None:
    """Order the sections as ``keys`` lists them (0, 1, 2, ...)."""
    conn.executemany(
        "UPDATE plan_sections SET position = ? WHERE key = ?",
        [(pos, key) for pos, key in enumerate(keys)],
    )
