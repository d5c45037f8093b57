from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from crisisdesk import app as app_module
from crisisdesk.services.backups import BackupJob
from crisisdesk.services.handbook import Services, init_handbook
from crisisdesk.ui.main_window import MainWindow
from crisisdesk.ui.tasks import SyncTaskRunner, ThreadTaskRunner


@pytest.fixture
def hb(tmp_path: Path, gui_clock) -> Iterator[Services]:  # type: ignore[no-untyped-def]
    s = init_handbook(tmp_path / "hb.db", demo=True, clock=gui_clock)
    yield s
    s.close()


def window_on(qtbot, services, qsettings, runner=None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, qsettings, runner or SyncTaskRunner())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def finish(qtbot, task) -> None:  # type: ignore[no-untyped-def]
    if not task.done:
        with qtbot.waitSignal(task.finished, timeout=10000):
            pass


def start_incident(services: Services) -> None:
    """An open incident row, as the incidents service makes one."""
    services.ctx.handbook.conn.execute(
        "INSERT INTO incidents(id, title, crisis_type, severity, playbook_id, playbook_version,"
        " language, playbook, detected_at, declared_at, head_hash)"
        " VALUES ('i1', 'Ransomware', 'ransomware', 'high', 'p', '1', 'en', '{}', 't', 't', ?)",
        ("0" * 64,),
    )


def test_backup_on_open_updates_status_bar_and_readiness(qtbot, hb, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = window_on(qtbot, hb, qsettings)
    assert window.backup_label.text() == "No backup yet"
    readiness = window.views["readiness"]
    assert any("No backup made yet" in r.text.text() for r in readiness.rows)
    window.backups.on_open()
    finish(qtbot, window.backups.running or window.backups.backup_now())
    qtbot.waitUntil(lambda: window.backups.last_outcome is not None)
    made = window.backups.last_outcome.primary
    assert made.path.exists()
    expected = made.made_at.astimezone().strftime("%H:%M")
    assert window.backup_label.text() == f"Last backup {expected}"
    assert str(made.path) in window.backup_label.toolTip()
    assert any("Last backup: " in r.text.text() for r in readiness.rows)
    assert window.backups.timer.isActive()
    assert window.backups.timer.interval() == 15 * 60_000


def test_missing_usb_stick_shows_in_status_bar(qtbot, hb, qsettings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    hb.settings.set("backup.second_folder", str(tmp_path / "USBSTICK"))
    window = window_on(qtbot, hb, qsettings)
    finish(qtbot, window.backups.backup_now())
    qtbot.waitUntil(lambda: "USB stick not present" in window.backup_label.text())
    assert window.backup_label.text().startswith("Last backup ")
    assert "USBSTICK" in window.backup_label.toolTip()


def test_timer_backs_up_only_while_an_incident_is_open(qtbot, hb, qsettings, gui_clock) -> None:  # type: ignore[no-untyped-def]
    window = window_on(qtbot, hb, qsettings)
    window.backups.on_timer()
    assert hb.backups.list() == []
    start_incident(hb)
    hb.settings.set("backup.interval_minutes", 5)
    window.backups.on_timer()
    qtbot.waitUntil(lambda: len(hb.backups.list()) == 1)
    assert window.backups.timer.interval() == 5 * 60_000


def test_backup_runs_off_the_gui_thread_while_logging_goes_on(qtbot, hb, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = window_on(qtbot, hb, qsettings, ThreadTaskRunner())
    with qtbot.waitSignal(window.backups.backupFinished, timeout=20000) as blocker:
        window.backups.backup_now()
        for i in range(20):
            hb.settings.set("plan.version", f"{i}")
    outcome = blocker.args[0]
    conn = sqlite3.connect(f"file:{outcome.primary.path}?mode=ro", uri=True)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    ThreadTaskRunner().wait(5000)


def test_a_failed_backup_says_so_without_blocking(
    qtbot, hb, qsettings, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    window = window_on(qtbot, hb, qsettings)
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    job = hb.backups.prepare()
    bad = BackupJob(job.source, blocker_file / "sub", None, 3, job.when)
    monkeypatch.setattr(hb.backups, "prepare", lambda: bad)
    with qtbot.waitSignal(window.backups.backupFailed, timeout=5000) as blocker:
        window.backups.backup_now()
    assert "cannot write a backup there" in blocker.args[0]
    assert window.backup_label.text().startswith("Backup FAILED")
    assert QApplication.activeModalWidget() is None


def test_backup_on_close_makes_one_last_backup(qtbot, hb, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = window_on(qtbot, hb, qsettings)
    outcome = window.backups.backup_on_close()
    assert outcome is not None and outcome.primary.path.exists()
    assert not window.backups.timer.isActive()


def test_backups_dialog_lists_backs_up_and_restores_after_confirming(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, hb, qsettings, gui_clock
) -> None:
    window = window_on(qtbot, hb, qsettings)
    hb.backups.backup_now()
    gui_clock.advance(timedelta(minutes=3))
    hb.backups.backup_now()
    answers: list[str] = []
    answer = {"value": False}

    def confirm(parent, title, text) -> bool:  # type: ignore[no-untyped-def]
        answers.append(text)
        return answer["value"]

    dialog = window.show_backups(confirm=confirm)
    qtbot.addWidget(dialog)
    assert not dialog.isModal()
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert model.rowCount() == 2
    assert (
        model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Made"
    )
    times = [model.index(r, 0).data() for r in range(2)]
    assert times == sorted(times, reverse=True)  # newest first
    assert all(model.index(r, 1).data().endswith("kB") for r in range(2))
    # Back up now adds a row when the backup finishes
    gui_clock.advance(timedelta(minutes=1))
    finish(qtbot, dialog.backup_now())
    qtbot.waitUntil(lambda: model.rowCount() == 3)
    qtmodeltester.check(model)
    # Restore asks first; "no" changes nothing
    dialog.table.selectRow(2)
    with qtbot.assertNotEmitted(window.restoreRequested):
        assert dialog.restore_selected() is False
    assert "backed up first" in answers[-1]
    answer["value"] = True
    with qtbot.waitSignal(window.restoreRequested, timeout=1000) as blocker:
        assert dialog.restore_selected() is True
    assert blocker.args[0] == str(model.entries[2].path)


def test_backups_menu_entry_exists(qtbot, hb, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = window_on(qtbot, hb, qsettings)
    assert window.backups_action in window.file_menu.actions()
    assert window.backups_action.text().replace("&", "") == "Backups…"


def org(services: Services) -> str:
    return services.settings.get("organisation.name")


def test_restore_in_window_reopens_on_the_restored_handbook(
    qtbot, tmp_path, qsettings, gui_clock
) -> None:  # type: ignore[no-untyped-def]
    services = init_handbook(tmp_path / "hb.db", clock=gui_clock)
    services.settings.set("organisation.name", "Before")
    backup = services.backups.backup_now().primary.path
    gui_clock.advance(timedelta(minutes=1))
    services.settings.set("organisation.name", "After")
    window = window_on(qtbot, services, qsettings)
    session = {"window": window}
    new = app_module.restore_in_window(window, session, backup)
    qtbot.addWidget(new)
    try:
        assert session["window"] is new and new is not window
        assert org(new.services) == "Before"
        assert QApplication.instance().quitOnLastWindowClosed() is True
        # the handbook as it was before the restore was backed up first
        before = [e.path for e in new.services.backups.list() if e.path != backup]
        assert before
        values = set()
        for path in before:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            row = conn.execute("SELECT value FROM settings WHERE key='organisation.name'")
            values.add(json.loads(row.fetchone()[0]))
            conn.close()
        assert "After" in values
    finally:
        new.close()
        new.services.close()


def test_restore_in_window_refused_reopens_the_unchanged_handbook(
    qtbot, tmp_path, qsettings
) -> None:  # type: ignore[no-untyped-def]
    services = init_handbook(tmp_path / "hb.db")
    services.settings.set("organisation.name", "Keep me")
    window = window_on(qtbot, services, qsettings)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"garbage" * 100)
    warnings: list[str] = []
    new = app_module.restore_in_window(
        window, {"window": window}, junk, warn=lambda parent, title, text: warnings.append(text)
    )
    qtbot.addWidget(new)
    try:
        assert org(new.services) == "Keep me"
        assert "not a crisisdesk handbook" in warnings[0]
    finally:
        new.close()
        new.services.close()


def test_backups_dialog_renders(qtbot, hb, qsettings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    hb.settings.set("backup.second_folder", str(tmp_path / "USBSTICK"))
    hb.backups.backup_now()
    window = window_on(qtbot, hb, qsettings)
    window.backups.backup_now()
    dialog = window.show_backups()
    qtbot.addWidget(dialog)
    assert "not present now" in dialog.where.text()
    image = dialog.grab()
    assert image.width() >= 600
    image.save(str(tmp_path / "backups-dialog.png"))
    shot = window.grab()
    shot.save(str(tmp_path / "window-status.png"))
    assert QMessageBox is not None


def test_readiness_backup_finding_opens_the_backups_dialog(qtbot, hb, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = window_on(qtbot, hb, qsettings)
    row = next(r for r in window.views["readiness"].rows if r.finding.code == "last_backup")
    assert row.button is not None and row.button.text() == "Backups…"
    row.button.click()
    dialog = window.backups_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "Backups"


def test_a_failed_backup_is_red_in_dutch_too(qtbot, hb, qsettings, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The colour comes with the status, not from reading the (translated) words."""
    from crisisdesk.domain.i18n import use_language
    from crisisdesk.domain.readiness import Status
    from crisisdesk.ui.style import status_colour

    window = window_on(qtbot, hb, qsettings)
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    job = hb.backups.prepare()
    bad = BackupJob(job.source, blocker_file / "sub", None, 3, job.when)
    monkeypatch.setattr(hb.backups, "prepare", lambda: bad)
    with use_language("nl"), qtbot.waitSignal(window.backups.backupFailed, timeout=5000):
        window.backups.backup_now()
    assert "MISLUKT" in window.backup_label.text() and "FAILED" not in window.backup_label.text()
    assert status_colour(Status.BAD) in window.backup_label.styleSheet()
