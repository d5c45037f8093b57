"""Evaluations (one per incident) and improvement actions."""

from __future__ import annotations

import sqlite3
from typing import Any

from crisisdesk.domain.actions import ActionItem, EvaluationText

_ACTION_COLUMNS = (
    "id, incident_id, text, owner, due, status, link_kind, link_ref, created_at, updated_at"
)


def get_evaluation(conn: sqlite3.Connection, incident_id: str) -> EvaluationText | None:
    row = conn.execute(
        "SELECT what_happened, what_worked, what_to_improve, updated_at FROM evaluations"
        " WHERE incident_id = ?",
        (incident_id,),
    ).fetchone()
    if row is None:
        return None
    return EvaluationText(incident_id, row[0], row[1], row[2], row[3])


def save_evaluation(conn: sqlite3.Connection, evaluation: EvaluationText, now: str) -> None:
    conn.execute(
        "INSERT INTO evaluations(incident_id, what_happened, what_worked, what_to_improve,"
        " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(incident_id) DO UPDATE SET"
        " what_happened = excluded.what_happened, what_worked = excluded.what_worked,"
        " what_to_improve = excluded.what_to_improve, updated_at = excluded.updated_at",
        (
            evaluation.incident_id,
            evaluation.what_happened,
            evaluation.what_worked,
            evaluation.what_to_improve,
            now,
        ),
    )


def _action(row: Any) -> ActionItem:
    return ActionItem(
        id=row[0],
        incident_id=row[1],
        text=row[2],
        owner=row[3],
        due=row[4],
        status=row[5],
        link_kind=row[6],
        link_ref=row[7],
        created_at=row[8],
        updated_at=row[9],
    )


def insert_action(conn: sqlite3.Connection, action: ActionItem) -> None:
    conn.execute(
        f"INSERT INTO action_items({_ACTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            action.id,
            action.incident_id,
            action.text,
            action.owner,
            action.due,
            action.status,
            action.link_kind,
            action.link_ref,
            action.created_at,
            action.updated_at,
        ),
    )


def set_action_status(conn: sqlite3.Connection, action_id: str, status: str, now: str) -> None:
    conn.execute(
        "UPDATE action_items SET status = ?, updated_at = ? WHERE id = ?",
        (status, now, action_id),
    )


def list_actions(
    conn: sqlite3.Connection, incident_id: str | None = None, open_only: bool = False
) -> list[ActionItem]:
    sql = f"SELECT {_ACTION_COLUMNS} FROM action_items WHERE 1 = 1"
    args: list[Any] = []
    if incident_id is not None:
        sql += " AND incident_id = ?"
        args.append(incident_id)
    if open_only:
        sql += " AND status != 'done'"
    sql += " ORDER BY status = 'done', coalesce(due, '9999'), created_at"
    return [_action(r) for r in conn.execute(sql, args)]


def find_action_ids(conn: sqlite3.Connection, prefix: str) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT id FROM action_items WHERE id LIKE ? ESCAPE '\\' ORDER BY id",
            (prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",),
        )
    ]


def last_exercises(conn: sqlite3.Connection) -> dict[str, str]:
    """Per playbook id: when it was last practised (the latest exercise's declared_at)."""
    return {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT playbook_id, max(declared_at) FROM incidents WHERE exercise = 1"
            " GROUP BY playbook_id"
        )
    }
