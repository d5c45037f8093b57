"""Small widgets shared by the views."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.readiness import Status
from crisisdesk.ui.style import STATUS_COLOURS


class Feedback(QLabel):
    """One line saying what just happened or why an action was refused (in words and
    in the status colour)."""

    def __init__(self, parent: QWidget | None = None, *, bold: bool = False) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._bold = bold

    def say(self, text: str, status: str = Status.INFO) -> None:
        weight = " font-weight: bold;" if self._bold else ""
        self.setStyleSheet(f"color: {STATUS_COLOURS[status]};{weight}")
        self.setText(text)

    def attempt(self, action: Callable[[], object], done: str = "") -> bool:
        """Run a service call: say ``done`` when it worked, the reason when refused."""
        try:
            action()
        except CrisisdeskError as exc:
            self.say(str(exc), Status.BAD)
            return False
        self.say(done, Status.OK)
        return True


# How views ask "are you sure?": tests pass a function answering for the user.
Confirm = Callable[[QWidget, str, str], bool]


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """Yes / No, with No the default (Enter does not confirm by accident)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class EmptyState(QWidget):
    """What an empty area shows: what is missing and what to do next."""

    actionTriggered = Signal()

    def __init__(
        self, title: str, message: str, action: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(title)
        self.title.setObjectName("emptyTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        self.button: QPushButton | None = None
        if action:
            self.button = QPushButton(action)
            self.button.clicked.connect(self.actionTriggered)
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)


class Heading(QLabel):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.setFont(font)
        self.setAccessibleName(text)
