from __future__ import annotations

import os
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from crisisdesk.domain.errors import HandbookError, HandbookLocked
from crisisdesk.store.database import create_handbook, open_handbook
from crisisdesk.store.migrations import APPLICATION_ID, LATEST_VERSION, MIGRATIONS, migrate


def schema_of(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    return sorted(
        (r[0], r[1], " ".join((r[2] or "").split()))
        for r in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    )


def test_new_handbook_has_latest_schema_wal_and_private_mode(tmp_path: Path) -> None:
    path = tmp_path / "hb.db"
    with create_handbook(path) as hb:
        assert hb.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        assert hb.conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert hb.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert hb.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert hb.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("start", range(LATEST_VERSION))
def test_every_older_version_upgrades_to_the_fresh_schema(tmp_path: Path, start: int) -> None:
    fresh = sqlite3.connect(tmp_path / "fresh.db", isolation_level=None)
    migrate(fresh)
    old = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate(old, target=start)
    assert old.execute("PRAGMA user_version").fetchone()[0] == start
    old.close()
    if start > 0:
        # an older file made by crisisdesk opens and is upgraded in place
        open_handbook(tmp_path / "old.db").close()
        upgraded = sqlite3.connect(tmp_path / "old.db")
    else:
        upgraded = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
        migrate(upgraded)
    assert upgraded.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert schema_of(upgraded) == schema_of(fresh)


def test_failed_migration_leaves_file_at_old_version(tmp_path: Path, monkeypatch) -> None:
    from crisisdesk.store import migrations

    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(RuntimeError):
        migrations.migrate(conn, target=LATEST_VERSION + 1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert "half" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}


def test_create_refuses_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "hb.db"
    path.write_bytes(b"precious")
    with pytest.raises(HandbookError, match="already exists"):
        create_handbook(path)
    assert path.read_bytes() == b"precious"


def _unchanged(path: Path, fn) -> str:  # type: ignore[no-untyped-def]
    before = path.read_bytes()
    with pytest.raises(HandbookError) as info:
        fn(path)
    assert path.read_bytes() == before, "a refused file must not be written to"
    assert not Path(str(path) + "-wal").exists()
    return str(info.value)


def test_missing_file_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(HandbookError, match="init"):
        open_handbook(tmp_path / "nope.db")


def test_empty_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    assert "empty" in _unchanged(path, open_handbook)


def test_text_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes\n")
    assert "not a crisisdesk handbook" in _unchanged(path, open_handbook)


def test_other_apps_sqlite_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title)")
    conn.commit()
    conn.close()
    assert "another application" in _unchanged(path, open_handbook)


def test_newer_schema_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    create_handbook(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.commit()
    conn.close()
    assert "newer crisisdesk" in _unchanged(path, open_handbook)


def test_corrupt_file_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    with create_handbook(path) as hb, hb.transaction() as conn:
        conn.executemany(
            "INSERT INTO settings(key, value) VALUES (?, ?)",
            [(f"k{i}", '"' + "x" * 500 + '"') for i in range(200)],
        )
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page + 100, min(len(data), 4 * page), 7):
        data[offset] ^= 0xFF
    path.write_bytes(bytes(data))
    assert "damaged" in _unchanged(path, open_handbook)


def test_schema_with_garbled_text_is_refused_unchanged(tmp_path: Path) -> None:
    """SQLite's error then quotes bytes that are not UTF-8, and Python raises a
    UnicodeDecodeError instead of a DatabaseError (found by the restore fuzz test)."""
    path = tmp_path / "garbled.db"
    create_handbook(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    garbled = "CAST(X'6361CE28' AS TEXT)"  # "ca" + a broken two-byte character
    conn.execute(
        "INSERT INTO sqlite_schema(type, name, tbl_name, rootpage, sql) VALUES"
        f" ('table', {garbled}, {garbled}, 0, CAST(X'435245415445205441424C45206361CE2820287829' AS TEXT))"
    )
    conn.commit()
    conn.close()
    assert "damaged (SQLite reports garbled text in its schema)" in _unchanged(path, open_handbook)


def test_read_only_file_is_refused_unchanged(tmp_path: Path, monkeypatch) -> None:
    """Simulated: root (as in CI) may write anywhere, so chmod alone proves nothing."""
    path = tmp_path / "ro.db"
    create_handbook(path).close()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    assert "read-only" in _unchanged(path, open_handbook)


def test_second_writer_is_told_the_handbook_is_open(tmp_path: Path) -> None:
    path = tmp_path / "hb.db"
    first = create_handbook(path)
    try:
        with pytest.raises(HandbookLocked, match="already open"):
            open_handbook(path)
        # a reader (e.g. `check`) is still allowed
        open_handbook(path, read_only=True).close()
    finally:
        first.close()
    open_handbook(path).close()  # released on close


def test_events_cannot_be_updated_or_deleted(tmp_path: Path) -> None:
    from crisisdesk.domain.playbook import Playbook
    from crisisdesk.store.incidents_repo import append_event, insert_incident

    pb = Playbook(
        id="generic",
        title="G",
        crisis_type="generic",
        language="en",
        version="1",
        last_reviewed="2026-01-01",
    )
    with create_handbook(tmp_path / "hb.db") as hb:
        with hb.transaction() as conn:
            insert_incident(
                conn,
                incident_id="i1",
                title="t",
                crisis_type="generic",
                severity="high",
                exercise=False,
                lead="me",
                playbook=pb,
                detected_at="2026-01-01T00:00:00.000Z",
                declared_at="2026-01-01T00:00:00.000Z",
            )
            append_event(
                conn,
                incident_id="i1",
                kind="log.entry",
                payload={"text": "x"},
                occurred_at="2026-01-01T00:00:00.000Z",
                recorded_at="2026-01-01T00:00:00.000Z",
                author="me",
            )
        with pytest.raises(sqlite3.DatabaseError, match="append-only"), hb.transaction() as conn:
            conn.execute("UPDATE events SET payload = '{}'")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"), hb.transaction() as conn:
            conn.execute("DELETE FROM events")
        assert hb.conn.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_transaction_rolls_back_everything_on_error(services) -> None:  # type: ignore[no-untyped-def]
    hb = services.ctx.handbook
    with pytest.raises(RuntimeError), hb.transaction() as conn:
        conn.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
        raise RuntimeError("half-way")
    assert hb.conn.execute("SELECT count(*) FROM settings WHERE key='a'").fetchone()[0] == 0
