"""Long work (export, import, backup) off the GUI thread, with progress.

A task is a plain function ``fn(progress) -> result`` where ``progress(done, total)``
reports how far it is. It runs on Qt's thread pool; its result, errors and progress
come back to the GUI thread as signals. Tests pass ``SyncTaskRunner`` instead, which
runs the same function at once on the calling thread (as Picard does), so they need no
waiting. Views that run tasks take a runner in their constructor.

A task must not touch the GUI's handbook connection: open its own (services can do
that) or work on data gathered before it started.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QWidget

from crisisdesk.services.base import Progress

TaskFn = Callable[[Progress], Any]


class Task(QObject):
    """Handle of one running task; connect before the event loop runs again."""

    progressed = Signal(int, int)  # done, total
    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    @Slot(object)
    def _finish(self, result: Any) -> None:
        self.done, self.result = True, result
        self.finished.emit(result)

    @Slot(object)
    def _fail(self, error: BaseException) -> None:
        self.done, self.error = True, error
        self.failed.emit(error)


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: TaskFn, signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._fn(lambda done, total: self._signals.progressed.emit(done, total))
        except BaseException as exc:  # handed to the GUI thread, shown to the user there
            self._signals.failed.emit(exc)
        else:
            self._signals.finished.emit(result)


class ThreadTaskRunner:
    """Runs tasks on a thread pool; signals arrive on the GUI thread."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[Task] = set()

    def run(self, name: str, fn: TaskFn) -> Task:
        task = Task(name)
        signals = _Signals()
        signals.progressed.connect(task.progressed)
        signals.finished.connect(task._finish)
        signals.failed.connect(task._fail)
        # keep both alive until the task is over
        task._signals = signals  # type: ignore[attr-defined]
        self._running.add(task)
        task.finished.connect(lambda _r: self._running.discard(task))
        task.failed.connect(lambda _e: self._running.discard(task))
        self._pool.start(_Runnable(fn, signals))
        return task

    def wait(self, msecs: int = -1) -> bool:
        """Block until every task has ended (or ``msecs`` passed; -1: no limit)."""
        return bool(self._pool.waitForDone(msecs))


class SyncTaskRunner:
    """For tests: runs the task immediately; signals fire on connection via QTimer 0.

    The result is also available at once as ``task.result`` / ``task.error``.
    """

    def wait(self, msecs: int = -1) -> bool:
        return True  # every task ended inside run()

    def run(self, name: str, fn: TaskFn) -> Task:
        from PySide6.QtCore import QTimer

        task = Task(name)
        progress: list[tuple[int, int]] = []
        try:
            result = fn(lambda done, total: progress.append((done, total)))
        except BaseException as exc:
            error = task.error = exc

            def deliver_error() -> None:
                for p in progress:
                    task.progressed.emit(*p)
                task._fail(error)

            QTimer.singleShot(0, deliver_error)
        else:
            task.result = result

            def deliver() -> None:
                for p in progress:
                    task.progressed.emit(*p)
                task._finish(result)

            QTimer.singleShot(0, deliver)
        return task


TaskRunner = ThreadTaskRunner | SyncTaskRunner


class TaskProgressBar(QProgressBar):
    """A progress bar that follows one task at a time and hides when it is done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumWidth(240)
        self.setTextVisible(True)
        self.hide()

    def follow(self, task: Task) -> None:
        self.setRange(0, 0)  # busy until the first report
        self.setFormat(f"{task.name} %p%")
        self.setAccessibleName(task.name)
        self.show()
        task.progressed.connect(self._progress)
        task.finished.connect(lambda _r: self.hide())
        task.failed.connect(lambda _e: self.hide())

    def _progress(self, done: int, total: int) -> None:
        if total > 0:
            self.setRange(0, total)
            self.setValue(done)
