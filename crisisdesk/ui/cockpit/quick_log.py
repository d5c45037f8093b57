"""The quick log entry line: always on screen, Ctrl+L focuses it, Enter saves.

If saving fails, the text stays in the field and the error is shown next to it:
nothing typed is lost.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.events import LogEntryKind
from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import log_kind_label
from crisisdesk.domain.readiness import Status
from crisisdesk.services.incidents import IncidentService
from crisisdesk.ui.language import date_edit_format
from crisisdesk.ui.style import style_status


class QuickLogBar(QWidget):
    saved = Signal(object)  # the Event

    def __init__(
        self, incidents: IncidentService, incident_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._incidents = incidents
        self.incident_id = incident_id
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        label = QLabel(_("Log ▸"))
        label.setStyleSheet("font-weight: bold;")
        self.kind = QComboBox()
        for kind in LogEntryKind.ALL:
            self.kind.addItem(log_kind_label(kind), kind)
        self.kind.setAccessibleName(_("Kind of log entry"))
        self.edit = QLineEdit()
        self.edit.setObjectName("quickLog")
        self.edit.setPlaceholderText(_("type here, Enter saves · Ctrl+L from anywhere"))
        self.edit.setAccessibleName(_("Log entry"))
        self.edit.returnPressed.connect(self.save)
        self.earlier = QCheckBox(_("happened at"))
        self.earlier.setToolTip(_("For entries typed in from paper or phone notes"))
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat(date_edit_format(time=True))
        self.when.setCalendarPopup(True)
        self.when.setEnabled(False)
        self.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(incidents.now().timestamp())))
        self.earlier.toggled.connect(self._toggle_when)
        self.button = QPushButton(_("Save"))
        self.button.clicked.connect(self.save)
        row.addWidget(label)
        row.addWidget(self.kind)
        row.addWidget(self.edit, 1)
        row.addWidget(self.earlier)
        row.addWidget(self.when)
        row.addWidget(self.button)
        outer.addLayout(row)
        self.error = QLabel()
        self.error.setWordWrap(True)
        style_status(self.error, Status.BAD)
        self.error.hide()
        outer.addWidget(self.error)
        # No focus proxy to the entry field: with one, Qt's Tab skips the kind box before
        # it. Ctrl+L goes through focus_entry().

    def _toggle_when(self, on: bool) -> None:
        self.when.setEnabled(on)
        if on:
            now = int(self._incidents.now().timestamp())
            self.when.setDateTime(QDateTime.fromSecsSinceEpoch(now))

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.kind, self.edit, self.earlier, self.button):
            widget.setEnabled(not read_only)
        if read_only:
            self.edit.setPlaceholderText(_("This incident is closed: the log is read-only"))

    def focus_entry(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def happened_at(self) -> datetime | None:
        if not self.earlier.isChecked():
            return None
        return self.when.dateTime().toPython().astimezone()

    def save(self) -> bool:
        text = self.edit.text()
        if not text.strip():
            return False
        try:
            event = self._incidents.log(
                self.incident_id, text, self.kind.currentData(), self.happened_at()
            )
        except CrisisdeskError as exc:
            self.error.setText(_("Not saved: {error}").format(error=exc))
            self.error.show()
            return False  # the text stays in the field
        self.error.hide()
        self.edit.clear()
        self.earlier.setChecked(False)
        self.saved.emit(event)
        return True
