from __future__ import annotations

import os
import sqlite3
import stat
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisdesk.domain.clock import FixedClock, to_iso
from crisisdesk.domain.errors import BackupFailed, HandbookError, HandbookLocked
from crisisdesk.services import backups as backups_module
from crisisdesk.services.backups import SecondFolder, latest_good_backup, restore_handbook
from crisisdesk.services.handbook import Services, init_handbook, open_services
from crisisdesk.services.locations import default_backup_dir
from crisisdesk.store import backup as store_backup
from tests.support.damaged import make_bad_file


def org_of(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key='organisation.name'").fetchone()
        return row[0] if row else ""
    finally:
        conn.close()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def tick(clock: FixedClock, minutes: int = 1) -> None:
    clock.advance(timedelta(minutes=minutes))


def test_backup_is_a_checked_private_copy_named_by_utc_time(
    services: Services, clock: FixedClock
) -> None:
    services.settings.set("organisation.name", "Before")
    outcome = services.backups.backup_now()
    info = outcome.primary
    assert info.path.parent == default_backup_dir(services.path)
    assert info.path.name == "hb-20260314T090000000Z.db"
    assert info.made_at == clock.now()
    assert info.size == info.path.stat().st_size > 0
    assert integrity(info.path) == ["ok"]
    # the copy holds what was committed (through the WAL), and is one self-contained file
    assert org_of(info.path) == '"Before"'
    assert not Path(str(info.path) + "-wal").exists()
    if sys.platform != "win32":
        assert stat.S_IMODE(info.path.stat().st_mode) == 0o600
    assert outcome.second_state == SecondFolder.NOT_SET
    assert outcome.second_message() == ""
    # the copy is a handbook crisisdesk opens
    open_services(info.path, read_only=True).close()


def test_backup_notifies_the_backups_area(services: Services) -> None:
    seen = []
    services.notifier.subscribe(seen.append)
    services.backups.backup_now()
    assert [c.areas for c in seen] == [frozenset({"backups"})]


def test_rotation_keeps_the_newest_k_and_nothing_else_is_touched(
    services: Services, clock: FixedClock
) -> None:
    services.settings.set("backup.keep", 3)
    folder = default_backup_dir(services.path)
    folder.mkdir()
    (folder / "holiday-photo.jpg").write_bytes(b"not ours")
    (folder / "other-20200101T000000000Z.db").write_bytes(b"another handbook's backup")
    made = []
    for _ in range(5):
        made.append(services.backups.backup_now().primary.path)
        tick(clock)
    left = [e.path for e in services.backups.list()]
    assert left == list(reversed(made[-3:]))  # newest first
    assert (folder / "holiday-photo.jpg").read_bytes() == b"not ours"
    assert (folder / "other-20200101T000000000Z.db").exists()


def test_two_backups_in_the_same_millisecond_both_survive(services: Services) -> None:
    first = services.backups.backup_now().primary
    second = services.backups.backup_now().primary
    assert first.path != second.path and first.path.exists() and second.path.exists()
    assert [e.path for e in services.backups.list()] == [second.path, first.path]


def test_a_backup_failing_its_check_is_deleted_and_raised(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_backup, "_integrity_problem", lambda path: "page 7 is broken")
    with pytest.raises(BackupFailed, match=r"failed its integrity check \(page 7 is broken"):
        services.backups.backup_now()
    assert list(default_backup_dir(services.path).iterdir()) == []


def test_unwritable_primary_folder_raises_clearly(services: Services, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(BackupFailed, match="cannot write a backup there"):
        services.backups.backup_to(blocker / "sub")


def test_second_folder_missing_is_reported_and_primary_still_made(
    services: Services, tmp_path: Path
) -> None:
    stick = tmp_path / "media" / "USBSTICK"
    services.settings.set("backup.second_folder", str(stick))
    outcome = services.backups.backup_now()
    assert outcome.primary.path.exists()
    assert outcome.second_state == SecondFolder.MISSING
    assert str(stick) in outcome.second_message()
    assert not stick.exists(), "a missing mount point must not be created"


def test_second_folder_gets_a_copy_and_is_listed(
    services: Services, tmp_path: Path, clock: FixedClock
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    services.settings.set("backup.second_folder", str(stick))
    outcome = services.backups.backup_now()
    assert outcome.second_state == SecondFolder.OK
    assert outcome.second is not None and outcome.second.path.parent == stick
    assert integrity(outcome.second.path) == ["ok"]
    entries = services.backups.list()
    assert sorted(e.second_folder for e in entries) == [False, True]


def test_second_folder_failing_does_not_fail_the_backup(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    services.settings.set("backup.second_folder", str(stick))
    real = backups_module.write_backup

    def flaky(source: Path, folder: Path, when: datetime):  # type: ignore[no-untyped-def]
        if folder == stick:
            raise BackupFailed(f"{folder}: backup failed (Input/output error); nothing was kept")
        return real(source, folder, when)

    monkeypatch.setattr(backups_module, "write_backup", flaky)
    outcome = services.backups.backup_now()
    assert outcome.primary.path.exists()
    assert outcome.second_state == SecondFolder.FAILED
    assert "Input/output error" in outcome.second_message()


def test_backup_on_a_worker_thread_while_the_app_keeps_writing(
    services: Services, clock: FixedClock
) -> None:
    """The job reads through its own connection: the app's connection keeps writing."""
    job = services.backups.prepare()
    results: list[object] = []
    worker = threading.Thread(target=lambda: results.append(job.run()))
    worker.start()
    for i in range(50):
        services.settings.set("plan.version", f"v{i}")
    worker.join(30)
    assert not worker.is_alive()
    outcome = results[0]
    assert integrity(outcome.primary.path) == ["ok"]  # type: ignore[attr-defined]
    assert services.settings.get("plan.version") == "v49"


def test_readiness_shows_the_last_backup(services: Services) -> None:
    assert services.readiness.facts().last_backup is None
    services.backups.backup_now()
    expected = to_iso(services.ctx.clock.now())
    assert services.readiness.facts().last_backup == expected
    finding = next(f for f in services.readiness.findings() if f.code == "last_backup")
    assert finding.params["when"] == expected


# -- restore ------------------------------------------------------------------------


def _backup_then_change(services: Services, clock: FixedClock) -> Path:
    services.settings.set("organisation.name", "Old state")
    path = services.backups.backup_now().primary.path
    tick(clock)
    services.settings.set("organisation.name", "New state")
    return path


def test_restore_replaces_the_file_after_backing_up_the_current_one(
    tmp_path: Path, clock: FixedClock
) -> None:
    hb = tmp_path / "hb.db"
    services = init_handbook(hb, clock=clock)
    backup = _backup_then_change(services, clock)
    services.close()
    result = restore_handbook(hb, backup, clock)
    assert org_of(hb) == '"Old state"'
    assert result.before is not None and org_of(result.before.path) == '"New state"'
    assert result.set_aside is None
    assert not Path(str(hb) + "-wal").exists() and not Path(str(hb) + "-shm").exists()
    if sys.platform != "win32":
        assert stat.S_IMODE(hb.stat().st_mode) == 0o600
    reopened = open_services(hb)
    try:
        assert reopened.settings.get("organisation.name") == "Old state"
        assert reopened.backups.list()[0].path == result.before.path
    finally:
        reopened.close()


def test_restore_keeps_committed_data_still_in_the_wal_in_the_pre_restore_backup(
    tmp_path: Path, clock: FixedClock
) -> None:
    """A crash leaves committed transactions in -wal: the pre-restore backup has them."""
    hb = tmp_path / "hb.db"
    services = init_handbook(hb, clock=clock)
    backup = _backup_then_change(services, clock)
    # simulate a crash: copy file + wal as they are while open, as a killed process leaves them
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    services.ctx.handbook.conn.execute("PRAGMA wal_autocheckpoint = 0")
    services.settings.set("organisation.name", "Only in the WAL")
    for name in ("hb.db", "hb.db-wal"):
        (crashed / name).write_bytes((tmp_path / name).read_bytes())
    services.close()
    target = crashed / "hb.db"
    result = restore_handbook(target, backup, clock)
    assert org_of(target) == '"Old state"'
    assert result.before is not None and org_of(result.before.path) == '"Only in the WAL"'


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("empty", "empty"),
        ("text", "not a crisisdesk handbook"),
        ("other-app", "another application"),
        ("newer", "newer crisisdesk"),
        ("damaged", "damaged"),
        ("truncated", "damaged"),
        ("missing", "no such handbook"),
        ("chain-broken", "fails its checks"),
    ],
)
def test_restore_refuses_a_bad_backup_and_changes_nothing(
    tmp_path: Path, clock: FixedClock, case: str, words: str
) -> None:
    hb = tmp_path / "hb.db"
    services = init_handbook(hb, demo=True, clock=clock)
    good = services.backups.backup_now().primary.path
    services.close()
    bad = tmp_path / "bad.db"
    make_bad_file(case, bad, good)
    before = hb.read_bytes()
    listing = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(HandbookError, match=words):
        restore_handbook(hb, bad, clock)
    assert hb.read_bytes() == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == listing, "no files made or removed"


def test_restore_refuses_while_the_handbook_is_open(tmp_path: Path, clock: FixedClock) -> None:
    hb = tmp_path / "hb.db"
    services = init_handbook(hb, clock=clock)
    backup = _backup_then_change(services, clock)
    try:
        with pytest.raises(HandbookLocked, match="already open"):
            restore_handbook(hb, backup, clock)
        assert services.settings.get("organisation.name") == "New state"
    finally:
        services.close()


def test_restore_over_a_damaged_handbook_sets_it_aside_untouched(
    tmp_path: Path, clock: FixedClock
) -> None:
    hb = tmp_path / "hb.db"
    services = init_handbook(hb, clock=clock)
    backup = _backup_then_change(services, clock)
    services.close()
    hb.write_bytes(b"\x00" * 5000)  # the disk ate it
    result = restore_handbook(hb, backup, clock)
    assert result.before is None
    assert result.set_aside is not None and result.set_aside.read_bytes() == b"\x00" * 5000
    assert ".damaged-" in result.set_aside.name
    assert org_of(hb) == '"Old state"'


def test_latest_good_backup_skips_damaged_ones(tmp_path: Path, clock: FixedClock) -> None:
    hb = tmp_path / "hb.db"
    services = init_handbook(hb, clock=clock)
    assert latest_good_backup(hb) is None
    good = services.backups.backup_now().primary
    tick(clock)
    newer = services.backups.backup_now().primary
    services.close()
    newer.path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    found = latest_good_backup(hb)
    assert found is not None and found.path == good.path


def test_latest_good_backup_looks_in_the_second_folder(tmp_path: Path, clock: FixedClock) -> None:
    hb = tmp_path / "hb.db"
    stick = tmp_path / "stick"
    stick.mkdir()
    services = init_handbook(hb, clock=clock)
    services.settings.set("backup.second_folder", str(stick))
    outcome = services.backups.backup_now()
    services.close()
    outcome.primary.path.unlink()
    found = latest_good_backup(hb, stick)
    assert found is not None and found.path.parent == stick


def test_backup_folder_listing_ignores_unreadable_folder(tmp_path: Path) -> None:
    assert store_backup.list_backups(tmp_path / "nowhere", "hb") == []


def test_fold_wal_refuses_when_a_reader_blocks_the_checkpoint(tmp_path: Path) -> None:
    hb = tmp_path / "hb.db"
    services = init_handbook(hb)
    services.settings.set("plan.version", "2")
    reader = sqlite3.connect(hb, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM settings").fetchone()
        services.ctx.handbook.conn.execute("PRAGMA wal_autocheckpoint = 0")
        services.settings.set("plan.version", "3")
        with pytest.raises(HandbookError, match="still in use"):
            store_backup._fold_wal_into_file(hb)
    finally:
        reader.close()
        services.close()
    assert os.path.exists(hb)


# -- rotation never touches what is not ours ----------------------------------------

names = st.one_of(
    st.builds(
        lambda d, n: store_backup.backup_name("hb", d, n),
        st.datetimes(
            min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1), timezones=st.just(UTC)
        ),
        st.integers(0, 3),
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"),
        min_size=1,
        max_size=40,
    ).filter(lambda s: s not in (".", "..")),
)


@settings(max_examples=40, deadline=None)
@given(files=st.sets(names, max_size=25), keep=st.integers(-2, 10))
def test_rotation_keeps_newest_and_touches_only_our_backups(
    files: set[str], keep: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("rot")
    for name in files:
        try:
            (folder / name).write_bytes(b"x")
        except OSError:  # a name the file system refuses
            continue
    present = {p.name for p in folder.iterdir()}
    ours = [info.path.name for info in store_backup.list_backups(folder, "hb")]
    removed = store_backup.rotate(folder, "hb", keep)
    left = {p.name for p in folder.iterdir()}
    kept_ours = ours[len(ours) - min(len(ours), max(1, keep)) :]
    assert left == (present - set(ours)) | set(kept_ours)
    assert {p.name for p in removed} == set(ours) - set(kept_ours)
    assert all(p.parent == folder for p in removed)


def test_sweep_removes_only_temps_of_dead_processes(tmp_path: Path) -> None:
    import subprocess

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".hb-20260101T000000000Z.db.{dead.pid}.tmp"
    live = tmp_path / f".hb-20260101T000000001Z.db.{os.getpid()}.tmp"
    other = tmp_path / f".notes.txt.{dead.pid}.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"partial copy")
    removed = store_backup.sweep_stale_temps(tmp_path, "hb-")
    assert removed == [stale]
    assert not stale.exists() and live.exists() and other.exists()
