"""Kill the running window (SIGKILL, as a dead battery or a crash does) and reopen."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from crisisdesk.services.handbook import check_file, init_handbook, open_services
from crisisdesk.store.incidents_repo import append_event, insert_incident, iter_events
from tests.conftest import PYTHON, cli_env


def incident_state(db: Path) -> tuple[object, list[tuple[int, str, str]]]:
    services = open_services(db, read_only=True)
    try:
        conn = services.ctx.handbook.conn
        row = conn.execute(
            "SELECT id, status, current_phase, event_count, head_hash FROM incidents"
        ).fetchone()
        events = [(e.seq, e.kind, e.hash) for e in iter_events(conn, row[0])]
        return tuple(row), events
    finally:
        services.close()


def test_killed_window_reopens_with_the_running_incident_as_it_was(
    tmp_path: Path, private_dirs: Path
) -> None:
    from crisisdesk.domain.playbook import Playbook

    db = tmp_path / "hb.db"
    services = init_handbook(db, demo=True)
    now = services.ctx.now_iso()
    with services.ctx.handbook.transaction() as conn:
        insert_incident(
            conn,
            incident_id="running",
            title="Ransomware on file server",
            crisis_type="ransomware",
            severity="high",
            exercise=False,
            lead="me",
            playbook=Playbook(
                id="generic",
                title="G",
                crisis_type="generic",
                language="en",
                version="1",
                last_reviewed="2026-01-01",
            ),
            detected_at=now,
            declared_at=now,
        )
        for i in range(5):
            append_event(
                conn,
                incident_id="running",
                kind="log.entry",
                payload={"kind": "observation", "text": f"entry {i}"},
                occurred_at=now,
                recorded_at=now,
                author="me",
            )
    services.close()
    before = incident_state(db)

    window = subprocess.Popen(
        [PYTHON, "-m", "crisisdesk", "--db", str(db)],
        env=cli_env(private_dirs),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        # the window is up once its backup-on-open has landed
        backups = db.with_name("hb-backups")
        deadline = time.monotonic() + 60
        while not list(backups.glob("hb-*.db")) and time.monotonic() < deadline:
            assert window.poll() is None, window.stderr.read().decode() if window.stderr else ""
            time.sleep(0.1)
        assert list(backups.glob("hb-*.db")), "the window did not come up"
        assert Path(str(db) + "-wal").exists(), "the handbook was open (WAL mode)"
    finally:
        window.send_signal(signal.SIGKILL)
        window.wait()
        for stream in (window.stdout, window.stderr):
            if stream is not None:
                stream.close()
    assert window.returncode == -signal.SIGKILL

    # no stale lock, nothing lost or changed, every check passes
    assert incident_state(db) == before
    reopened = open_services(db)
    reopened.close()
    assert check_file(db).ok
