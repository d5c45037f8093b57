from __future__ import annotations

import json
import sqlite3
import stat
import sys
from pathlib import Path

from crisisdesk.store.lock import HandbookLock


def set_org(db: Path, name: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO settings(key, value) VALUES ('organisation.name', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (json.dumps(name),),
    )
    conn.commit()
    conn.close()


def org(db: Path) -> str:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return json.loads(
            conn.execute("SELECT value FROM settings WHERE key='organisation.name'").fetchone()[0]
        )
    finally:
        conn.close()


def test_backup_list_and_check_the_copy(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--db", str(demo_db), "backup", "--json")
    assert result.returncode == 0, result.stderr
    made = json.loads(result.stdout)
    path = Path(made["path"])
    assert path.parent == demo_db.with_name("demo-backups")
    assert made["size"] == path.stat().st_size
    assert made["second_folder"]["state"] == "not-set"
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # the backup is a handbook that passes every check of its own
    assert run_cli("--db", str(path), "check").returncode == 0
    listing = run_cli("--db", str(demo_db), "backups", "--json")
    assert listing.returncode == 0, listing.stderr
    entries = json.loads(listing.stdout)
    assert [e["path"] for e in entries] == [str(path)]
    assert entries[0]["size"] == made["size"]
    text = run_cli("--db", str(demo_db), "backups")
    assert str(path) in text.stdout and "kB" in text.stdout


def test_backups_when_there_are_none(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--db", str(demo_db), "backups")
    assert result.returncode == 0
    assert "No backups yet" in result.stdout


def test_backup_to_a_folder_and_to_a_named_file(  # type: ignore[no-untyped-def]
    demo_db: Path, tmp_path: Path, run_cli
) -> None:
    folder = tmp_path / "elsewhere"
    result = run_cli("--db", str(demo_db), "backup", str(folder))
    assert result.returncode == 0, result.stderr
    made = list(folder.glob("demo-*.db"))
    assert len(made) == 1 and str(made[0]) in result.stdout
    named = tmp_path / "before-exercise.db"
    assert run_cli("--db", str(demo_db), "backup", str(named)).returncode == 0
    assert run_cli("--db", str(named), "check").returncode == 0
    again = run_cli("--db", str(demo_db), "backup", str(named))
    assert again.returncode == 1
    assert "already exists" in again.stderr and "Traceback" not in again.stderr


def test_missing_second_folder_is_reported_without_failing(  # type: ignore[no-untyped-def]
    demo_db: Path, tmp_path: Path, run_cli
) -> None:
    conn = sqlite3.connect(demo_db)
    stick = tmp_path / "USBSTICK"
    conn.execute(
        "INSERT INTO settings(key, value) VALUES ('backup.second_folder', ?)",
        (json.dumps(str(stick)),),
    )
    conn.commit()
    conn.close()
    result = run_cli("--db", str(demo_db), "backup")
    assert result.returncode == 0, result.stderr
    assert f"Second backup folder not present: {stick}" in result.stdout
    listing = run_cli("--db", str(demo_db), "backups")
    assert "Second backup folder not present" in listing.stdout
    stick.mkdir()
    result = run_cli("--db", str(demo_db), "backup")
    assert f"Also copied to {stick}" in result.stdout
    assert len(list(stick.glob("demo-*.db"))) == 1


def test_restore_puts_the_backup_back_and_keeps_the_current_one(  # type: ignore[no-untyped-def]
    demo_db: Path, run_cli
) -> None:
    set_org(demo_db, "Before the mistake")
    backup = json.loads(run_cli("--db", str(demo_db), "backup", "--json").stdout)["path"]
    set_org(demo_db, "After the mistake")
    result = run_cli("--db", str(demo_db), "restore", backup)
    assert result.returncode == 0, result.stderr
    assert org(demo_db) == "Before the mistake"
    assert "backed up to" in result.stdout
    kept = result.stdout.split("backed up to ")[1].strip()
    assert org(Path(kept)) == "After the mistake"
    assert run_cli("--db", str(demo_db), "check").returncode == 0
    entries = json.loads(run_cli("--db", str(demo_db), "backups", "--json").stdout)
    assert [e["path"] for e in entries] == [kept, backup]


def test_restore_refuses_bad_files_and_changes_nothing(  # type: ignore[no-untyped-def]
    demo_db: Path, tmp_path: Path, run_cli
) -> None:
    before = demo_db.read_bytes()
    cases = {
        "junk.db": (b"\x00\x01garbage" * 100, "not a crisisdesk handbook"),
        "empty.db": (b"", "empty"),
    }
    for name, (data, words) in cases.items():
        bad = tmp_path / name
        bad.write_bytes(data)
        result = run_cli("--db", str(demo_db), "restore", str(bad))
        assert result.returncode == 1
        assert words in result.stderr and str(bad) in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr
    missing = run_cli("--db", str(demo_db), "restore", str(tmp_path / "nope.db"))
    assert missing.returncode == 1 and "no such handbook" in missing.stderr
    assert demo_db.read_bytes() == before
    assert not demo_db.with_name("demo-backups").exists(), "a refused restore backs up nothing"


def test_restore_refuses_while_the_handbook_is_open(  # type: ignore[no-untyped-def]
    demo_db: Path, run_cli
) -> None:
    backup = json.loads(run_cli("--db", str(demo_db), "backup", "--json").stdout)["path"]
    lock = HandbookLock(demo_db)
    lock.acquire()  # as a running window holds it
    try:
        result = run_cli("--db", str(demo_db), "restore", backup)
    finally:
        lock.release()
    assert result.returncode == 1
    assert "already open" in result.stderr


def test_backup_commands_are_in_help(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--help")
    for command in ("backup", "restore", "backups"):
        assert command in result.stdout
