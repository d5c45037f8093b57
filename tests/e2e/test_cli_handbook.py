from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from crisisdesk import __version__


def test_version(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"crisisdesk {__version__}"


def test_init_demo_then_check_passes(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.db"
    result = run_cli("--db", str(db), "init", "--demo")
    assert result.returncode == 0, result.stderr
    assert str(db) in result.stdout
    check = run_cli("--db", str(db), "check", "--json")
    assert check.returncode == 0, check.stderr
    report = json.loads(check.stdout)
    assert report["ok"] is True and report["problems"] == []
    assert any("integrity" in note for note in report["checked"])


def test_init_refuses_to_overwrite(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "hb.db"
    db.write_bytes(b"keep me")
    result = run_cli("--db", str(db), "init")
    assert result.returncode == 1
    assert "already exists" in result.stderr and str(db) in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == b"keep me"


def test_init_with_country(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "hb.db"
    assert run_cli("--db", str(db), "init", "--country", "be").returncode == 0
    value = (
        sqlite3.connect(db)
        .execute("SELECT value FROM settings WHERE key='organisation.country'")
        .fetchone()[0]
    )
    assert json.loads(value) == "BE"


def test_check_finds_an_event_changed_behind_the_apps_back(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    from crisisdesk.domain.playbook import Playbook
    from crisisdesk.store.database import open_handbook
    from crisisdesk.store.incidents_repo import append_event, insert_incident

    pb = Playbook(
        id="generic",
        title="G",
        crisis_type="generic",
        language="en",
        version="1",
        last_reviewed="2026-01-01",
    )
    with open_handbook(demo_db) as hb, hb.transaction() as conn:
        insert_incident(
            conn,
            incident_id="abcd1234-0000",
            title="Outage",
            crisis_type="outage",
            severity="high",
            exercise=False,
            lead="me",
            playbook=pb,
            detected_at="2026-01-01T00:00:00.000Z",
            declared_at="2026-01-01T00:00:00.000Z",
        )
        for i in range(3):
            append_event(
                conn,
                incident_id="abcd1234-0000",
                kind="log.entry",
                payload={"text": f"entry {i}"},
                occurred_at="2026-01-01T00:00:00.000Z",
                recorded_at="2026-01-01T00:00:00.000Z",
                author="me",
            )
    assert run_cli("--db", str(demo_db), "check").returncode == 0
    conn = sqlite3.connect(demo_db)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute('UPDATE events SET payload = \'{"text": "nothing happened"}\' WHERE seq = 2')
    conn.commit()
    conn.close()
    result = run_cli("--db", str(demo_db), "check")
    assert result.returncode == 1
    assert "PROBLEM: incident abcd1234 'Outage': event 2" in result.stdout
    assert "does not match its hash" in result.stdout


def _refused(run_cli, path: Path, *words: str) -> None:  # type: ignore[no-untyped-def]
    before = path.read_bytes() if path.exists() else None
    result = run_cli("--db", str(path), "check")
    assert result.returncode == 1
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and str(path) in line
    for word in words:
        assert word in line
    assert "Traceback" not in result.stderr
    if before is not None:
        assert path.read_bytes() == before


def test_check_error_paths(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    _refused(run_cli, tmp_path / "missing.db", "no such handbook")
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    _refused(run_cli, empty, "empty")
    junk = tmp_path / "junk.db"
    junk.write_bytes(bytes(range(256)) * 10)
    _refused(run_cli, junk, "not a crisisdesk handbook")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    _refused(run_cli, other, "another application")


def test_newer_file_is_refused(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(demo_db)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    _refused(run_cli, demo_db, "newer crisisdesk")


def test_usage_error_exits_2(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("no-such-command")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_screenshot_writes_png_of_each_view(demo_db: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    for view in ("readiness", "plan", "contacts", "team", "playbooks", "incidents"):
        out = tmp_path / f"{view}.png"
        result = run_cli("--db", str(demo_db), "gui", "--screenshot", str(out), "--view", view)
        assert result.returncode == 0, result.stderr
        data = out.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_screenshot_of_unopenable_file_fails_cleanly(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.db"
    bad.write_text("nope")
    result = run_cli("--db", str(bad), "gui", "--screenshot", str(tmp_path / "x.png"))
    assert result.returncode == 1
    assert "not a crisisdesk handbook" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_first_start_creates_default_handbook_in_user_data_folder(
    run_cli, private_dirs: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("gui", "--screenshot", str(tmp_path / "first.png"))
    assert result.returncode == 0, result.stderr
    created = list((private_dirs / "data").rglob("handbook.db"))
    assert len(created) == 1
    assert run_cli("--db", str(created[0]), "check").returncode == 0
