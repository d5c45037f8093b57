"""SIGKILL a writer at random moments: every acknowledged event survives."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.crash import run_crash_test


@pytest.mark.slow
def test_every_acknowledged_event_survives_random_kills(tmp_path: Path) -> None:
    report = run_crash_test(tmp_path, kills=20, delay=(0.0, 0.3))
    assert report.kills == 20
    # the writers really wrote (and were really cut off mid-stream)
    assert len(report.acknowledged) > 20
    assert report.missing == []
    assert report.stored >= len(report.acknowledged)
    assert report.chain_ok
    assert report.integrity == ["ok"]
    assert report.problems == []


def test_a_restore_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    """os.replace after a checked copy: never a mixture, never a broken handbook."""
    import json
    import random
    import signal
    import sqlite3
    import time

    from crisisdesk.services.handbook import check_file, init_handbook
    from tests.support.crash import start_restorer

    db = tmp_path / "hb.db"
    services = init_handbook(db, demo=True)
    backups = []
    for name in ("Alpha", "Bravo"):
        services.settings.set("organisation.name", name)
        backups.append(services.backups.backup_to(tmp_path / f"{name}.db"))
    services.close()
    rng = random.Random(11)
    restores = 0
    for _ in range(8):
        proc = start_restorer(db, backups[0], backups[1])
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        restores += len([line for line in proc.stdout.read().splitlines() if line])
        proc.stdout.close()
        assert check_file(db).ok
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        value = conn.execute("SELECT value FROM settings WHERE key='organisation.name'").fetchone()
        conn.close()
        assert json.loads(value[0]) in ("Alpha", "Bravo")
    assert restores > 0, "the restorer never completed a restore: kills too early"
    # temporary copies of killed restores are swept by the next restore and backup
    from crisisdesk.services.backups import restore_handbook

    restore_handbook(db, backups[0])
    from crisisdesk.services.handbook import open_services

    reopened = open_services(db)
    reopened.backups.backup_now()
    reopened.close()
    leftovers = [p.name for p in tmp_path.rglob("*.tmp")]
    assert leftovers == []
