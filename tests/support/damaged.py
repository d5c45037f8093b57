"""Broken handbook files of every kind the durability tests feed to crisisdesk."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from crisisdesk.store.migrations import LATEST_VERSION

BAD_KINDS = ("empty", "text", "other-app", "newer", "damaged", "truncated", "chain-broken")


def make_bad_file(case: str, bad: Path, good: Path) -> None:
    """Write a broken handbook of the given kind to ``bad`` (good: a sound one)."""
    if case == "empty":
        bad.write_bytes(b"")
    elif case == "text":
        bad.write_text("my notes\n")
    elif case == "other-app":
        bad.unlink(missing_ok=True)
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE songs (title)")
        conn.commit()
        conn.close()
    elif case == "newer":
        bad.write_bytes(good.read_bytes())
        conn = sqlite3.connect(bad)
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
        conn.commit()
        conn.close()
    elif case == "damaged":
        data = bytearray(good.read_bytes())
        for offset in range(4096 + 100, min(len(data), 12 * 4096), 5):
            data[offset] ^= 0xFF
        bad.write_bytes(bytes(data))
    elif case == "truncated":
        data = good.read_bytes()
        bad.write_bytes(data[: len(data) // 2 + 123])
    elif case == "chain-broken":
        bad.write_bytes(good.read_bytes())
        conn = sqlite3.connect(bad)
        conn.execute("UPDATE incidents SET event_count = event_count + 1")
        conn.execute(
            "INSERT INTO incidents(id, title, crisis_type, severity, playbook_id,"
            " playbook_version, language, playbook, detected_at, declared_at, event_count,"
            " head_hash) VALUES ('x', 'Ghost', 'g', 'low', 'p', '1', 'en', '{}', 't', 't', 2,"
            " 'beef')"
        )
        conn.commit()
        conn.close()
    elif case != "missing":
        raise AssertionError(case)
