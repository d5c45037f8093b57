"""Handbook settings (declared in crisisdesk.domain.settings), stored as JSON values."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from crisisdesk.domain.settings import SETTINGS, setting


def get_setting(conn: sqlite3.Connection, key: str) -> Any:
    spec = setting(key)
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is None:
        return spec.default
    return spec.coerce(json.loads(row[0]))


def set_setting(conn: sqlite3.Connection, key: str, value: Any) -> Any:
    """Store a setting (inside the caller's transaction); returns the coerced value."""
    coerced = setting(key).coerce(value)
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(coerced)),
    )
    return coerced


def all_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    return {key: get_setting(conn, key) for key in SETTINGS}
