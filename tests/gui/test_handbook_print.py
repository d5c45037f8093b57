"""File > Print handbook: laid out by the task runner, progress shown, result reported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from crisisdesk.ui.main_window import MainWindow
from crisisdesk.ui.tasks import SyncTaskRunner
from tests.pdf_text import pdf_info, pdf_pages


def test_print_handbook_with_progress(qtbot, empty, qsettings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(empty, qsettings, SyncTaskRunner())
    qtbot.addWidget(window)
    out = tmp_path / "handbook.pdf"
    task = window.printer.export(out, "letter")
    assert task is not None
    reports: list[tuple[int, int]] = []
    task.progressed.connect(lambda done, total: reports.append((done, total)))
    with qtbot.waitSignal(window.printer.written, timeout=60000) as written:
        pass
    assert written.args[0].path == out
    assert pdf_info(out)["Page size"].startswith("612 x 792")
    assert "Crisis handbook" in pdf_pages(out)[0]
    assert reports and reports[-1][0] == reports[-1][1] and len(reports) > 5
    assert "Handbook written to" in window.statusBar().currentMessage()
    assert window.print_handbook_action.shortcut().toString() == "Ctrl+P"


def test_print_failure_is_shown_without_blocking(qtbot, empty, qsettings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(empty, qsettings, SyncTaskRunner())
    qtbot.addWidget(window)
    out = tmp_path / "missing" / "handbook.pdf"
    with qtbot.waitSignal(window.printer.failed) as failed:
        window.printer.export(out)
    assert "does not exist" in failed.args[0]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    shown = [b for b in boxes if b.isVisible() and "does not exist" in b.text()]
    assert shown and not shown[0].isModal()
    for box in shown:
        box.close()
    assert not out.exists()


def test_paper_follows_the_locale(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    from crisisdesk.ui.handbook_print import default_paper

    try:
        QLocale.setDefault(QLocale("en_US"))
        assert default_paper() == "letter"
        QLocale.setDefault(QLocale("nl_NL"))
        assert default_paper() == "a4"
    finally:
        QLocale.setDefault(QLocale.c())
