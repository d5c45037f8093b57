"""Automatic backups while the window is open, their status line, and the Backups dialog.

The controller plans each backup on the GUI thread (``services.backups.prepare`` reads
the settings through the window's connection) and runs the copy on a worker thread
(``BackupJob.run`` opens its own read connection), so logging never waits for a
backup. Backups are made when the window opens, every ``backup.interval_minutes``
while an incident is open, and when the window closes (``backup_on_close``, run after
the window is gone).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _, format_datetime
from crisisdesk.domain.readiness import Status
from crisisdesk.services.backups import BackupEntry, BackupOutcome, SecondFolder
from crisisdesk.services.handbook import Services
from crisisdesk.ui.style import style_status
from crisisdesk.ui.tasks import TaskRunner
from crisisdesk.ui.widgets import Confirm, ask_yes_no, table_view


def human_size(size: int) -> str:
    if size < 1024:
        return _("{n} B").format(n=size)
    if size < 1024 * 1024:
        return _("{n} kB").format(n=round(size / 1024))
    return _("{n:.1f} MB").format(n=size / (1024 * 1024))


class BackupController(QObject):
    """Makes the automatic backups and keeps the status line text."""

    statusChanged = Signal(str, str, object)  # text, tooltip, Status or None (plain)
    backupFinished = Signal(object)  # a BackupOutcome
    backupFailed = Signal(str)  # the message

    def __init__(self, services: Services, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._runner = runner
        self.running = None  # the Task of a backup in progress
        self.last_outcome: BackupOutcome | None = None
        self.last_error = ""
        self.stopped = False  # the window closed: its handbook may be closed too
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.on_timer)
        last = services.backups.last_backup()
        if last is not None:
            self._status(_("Last backup {time}").format(time=self._time(last.made_at)), "")
        else:
            self._status(_("No backup yet"), "", Status.WARN)

    # -- when ---------------------------------------------------------------------
    def on_open(self) -> None:
        """The window opened: back up now and start the interval timer."""
        self.timer.start(self._services.backups.interval_minutes() * 60_000)
        self.backup_now()

    def on_timer(self) -> None:
        # Re-read the interval: the user may have changed it meanwhile.
        self.timer.setInterval(self._services.backups.interval_minutes() * 60_000)
        if self._services.backups.incident_running():
            self.backup_now()

    def stop(self) -> None:
        """The window is closing: no more backups, and a late result touches nothing."""
        self.timer.stop()
        self.stopped = True

    def backup_on_close(self) -> BackupOutcome | None:
        """The window closed: one last backup, on this thread (no window is waiting)."""
        self.stop()
        try:
            return self._services.backups.prepare().run()
        except CrisisdeskError as exc:
            sys.stderr.write(f"crisisdesk: {exc}\n")
            return None

    # -- doing --------------------------------------------------------------------
    def backup_now(self):  # type: ignore[no-untyped-def]
        """Start a backup on the runner (skipped while one is running); returns its Task."""
        if self.running is not None or self.stopped:
            return self.running
        try:
            job = self._services.backups.prepare()
        except CrisisdeskError as exc:
            self._failed(exc)
            return None
        self._status(_("Backing up…"), "")
        task = self._runner.run(_("Backup"), lambda _progress: job.run())
        self.running = task
        task.finished.connect(self._finished)
        task.failed.connect(self._failed)
        return task

    def _finished(self, outcome: BackupOutcome) -> None:
        self.running = None
        self.last_outcome = outcome
        self.last_error = ""
        if self.stopped:
            return
        text = _("Last backup {time}").format(time=self._time(outcome.primary.made_at))
        status = None
        if outcome.second_state == SecondFolder.MISSING:
            text += " · " + _("USB stick not present")
            status = Status.WARN
        elif outcome.second_state == SecondFolder.FAILED:
            text += " · " + _("second backup folder failed")
            status = Status.WARN
        tooltip = "\n".join(x for x in (str(outcome.primary.path), outcome.second_message()) if x)
        self._status(text, tooltip, status)
        self._services.backups.finished()
        self.backupFinished.emit(outcome)

    def _failed(self, error: BaseException) -> None:
        self.running = None
        message = str(error) if isinstance(error, CrisisdeskError) else repr(error)
        self.last_error = message
        if self.stopped:
            sys.stderr.write(f"crisisdesk: {message}\n")
            return
        self._status(_("Backup FAILED: {message}").format(message=message), message, Status.BAD)
        self.backupFailed.emit(message)

    def _status(self, text: str, tooltip: str, status: str | None = None) -> None:
        """What the status bar says, its tip, and its colour (None: plain text)."""
        self.status_text, self.status_tooltip, self.status = text, tooltip, status
        self.statusChanged.emit(text, tooltip, status)

    @staticmethod
    def _time(when) -> str:  # type: ignore[no-untyped-def]
        return when.astimezone().strftime("%H:%M")


class BackupStatusLabel(QLabel):
    """The status-bar text: 'Last backup 10:42 · USB stick not present'."""

    def __init__(self, controller: BackupController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupStatus")
        controller.statusChanged.connect(self.show_status)
        self.show_status(controller.status_text, controller.status_tooltip, controller.status)

    def show_status(self, text: str, tooltip: str, status: str | None) -> None:
        """The colour comes with the text (never read back from it: it is translated)."""
        self.setText(text)
        self.setToolTip(tooltip)
        style_status(self, status)


class BackupsModel(QAbstractTableModel):
    COLUMNS = ("time", "size", "folder", "file")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[BackupEntry] = []

    def set_entries(self, entries: list[BackupEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (_("Made"), _("Size"), _("Where"), _("File"))[section]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "time":
                return format_datetime(entry.info.made_at, seconds=True)
            if column == "size":
                return human_size(entry.info.size)
            if column == "folder":
                return _("Second folder") if entry.second_folder else _("Next to the handbook")
            return entry.path.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(entry.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "size":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return str(entry.path)
        return None


class BackupsDialog(QDialog):
    """File > Backups…: the list with times and sizes, Back up now, Restore…"""

    restoreRequested = Signal(str)  # path of the backup to restore

    def __init__(
        self,
        services: Services,
        controller: BackupController,
        parent: QWidget | None = None,
        confirm: Confirm = ask_yes_no,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Backups"))
        self.resize(820, 440)
        self._services = services
        self._controller = controller
        self._confirm = confirm
        layout = QVBoxLayout(self)
        primary, second = services.backups.folders()
        where = _("Backups are kept in {folder}").format(folder=primary)
        if second is not None:
            state = "" if second.is_dir() else " " + _("(not present now)")
            where += "\n" + _("and copied to {folder}{state}").format(folder=second, state=state)
        self.where = QLabel(where)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        self.model = BackupsModel(self)
        self.table = table_view()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setAccessibleName(_("Backups"))
        layout.addWidget(self.table, 1)
        self.status = QLabel(controller.status_text)
        self.status.setWordWrap(True)
        style_status(self.status, controller.status)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(_("Back up &now"))
        self.restore_button = QPushButton(_("&Restore…"))
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        controller.statusChanged.connect(self._on_status)
        controller.backupFinished.connect(lambda _outcome: self.refresh())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_entries(self._services.backups.list())
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _on_status(self, text: str, _tooltip: str, status: str | None) -> None:
        self.status.setText(text)
        style_status(self.status, status)

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return Path(self.model.data(rows[0], Qt.ItemDataRole.UserRole))

    def backup_now(self):  # type: ignore[no-untyped-def]
        return self._controller.backup_now()

    def restore_selected(self) -> bool:
        path = self.selected()
        if path is None:
            return False
        entry = next(e for e in self.model.entries if e.path == path)
        when = format_datetime(entry.info.made_at, seconds=True)
        if not self._confirm(
            self,
            _("Restore backup?"),
            _(
                "Replace the handbook with the backup from {when}?\n\n"
                "Everything saved after that time is replaced. The current handbook is "
                "backed up first, so this can be undone by restoring that backup."
            ).format(when=when),
        ):
            return False
        self.restoreRequested.emit(str(path))
        self.accept()
        return True
