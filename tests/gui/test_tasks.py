from __future__ import annotations

import threading

import pytest

from crisisdesk.ui.tasks import SyncTaskRunner, TaskProgressBar, ThreadTaskRunner


def work(progress):  # type: ignore[no-untyped-def]
    for i in range(1, 4):
        progress(i, 3)
    return threading.current_thread().name


def test_thread_runner_runs_off_the_gui_thread_and_reports_progress(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = ThreadTaskRunner()
    bar = TaskProgressBar()
    qtbot.addWidget(bar)
    seen: list[tuple[int, int]] = []
    task = runner.run("Exporting", work)
    task.progressed.connect(lambda d, t: seen.append((d, t)))
    bar.follow(task)
    with qtbot.waitSignal(task.finished, timeout=5000) as blocker:
        pass
    assert blocker.args[0] != threading.current_thread().name
    qtbot.waitUntil(lambda: seen == [(1, 3), (2, 3), (3, 3)])
    assert bar.isHidden() and bar.value() == 3


def test_errors_come_back_as_failed_signal(qtbot) -> None:  # type: ignore[no-untyped-def]
    def boom(progress):  # type: ignore[no-untyped-def]
        raise ValueError("disk full")

    for runner in (ThreadTaskRunner(), SyncTaskRunner()):
        task = runner.run("Backup", boom)
        with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
            pass
        assert isinstance(blocker.args[0], ValueError) and task.error is blocker.args[0]


def test_sync_runner_gives_result_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    task = SyncTaskRunner().run("Import", work)
    assert task.result == threading.current_thread().name
    with qtbot.waitSignal(task.finished, timeout=1000):
        pass
    assert task.done


def test_progress_bar_busy_until_first_report(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = TaskProgressBar()
    qtbot.addWidget(bar)
    task = SyncTaskRunner().run("Import", lambda p: None)
    bar.follow(task)
    assert bar.maximum() == 0 and bar.isVisible() is not None
    with qtbot.waitSignal(task.finished, timeout=1000):
        pass
    assert bar.isHidden()


@pytest.fixture(autouse=True)
def _drain_pool():  # type: ignore[no-untyped-def]
    yield
    ThreadTaskRunner().wait(5000)


def test_closing_a_handbook_waits_for_running_tasks_and_delivers_their_results(
    qtbot,
    demo,
    qsettings,  # type: ignore[no-untyped-def]
) -> None:
    """Quit, File > Open and Restore close the handbook: a task still running (an
    export, whose result is logged in the incident) ends and reports first."""
    import time

    from crisisdesk import app as app_module
    from crisisdesk.ui.main_window import MainWindow

    runner = ThreadTaskRunner()
    window = MainWindow(demo, qsettings, runner)
    qtbot.addWidget(window)
    started = threading.Event()

    def slow(_progress):  # type: ignore[no-untyped-def]
        started.set()
        time.sleep(0.5)
        return "written"

    delivered = []
    task = runner.run("Exporting", slow)
    # the result handler still writes to the handbook, as record_export does
    task.finished.connect(lambda r: delivered.append((r, demo.settings.get("plan.version"))))
    assert started.wait(5)
    app_module.finish_tasks(window)
    assert delivered == [("written", demo.settings.get("plan.version"))]
