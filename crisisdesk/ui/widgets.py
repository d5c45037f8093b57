"""Small widgets shared by the views."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QDateEdit,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.readiness import Status
from crisisdesk.ui.style import BOLD, TEXT, style_status


class Feedback(QLabel):
    """One line saying what just happened or why an action was refused (in words and
    in the status colour, which follows the palette)."""

    def __init__(
        self, parent: QWidget | None = None, *, bold: bool = False, hide_empty: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._template = BOLD if bold else TEXT
        self._hide_empty = hide_empty
        self.status = Status.INFO  # of what it says now
        if hide_empty:
            self.hide()

    def say(self, text: str, status: str = Status.INFO) -> None:
        self.status = status
        style_status(self, status, self._template)
        self.setText(text)
        if self._hide_empty:
            self.setVisible(bool(text))

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


def table_view() -> QTableView:
    """A table that Tab leaves (arrow keys move between its cells): Qt's default
    walks every cell on Tab, which traps a keyboard user in a long table."""
    table = QTableView()
    table.setTabKeyNavigation(False)
    return table


def text_box() -> QPlainTextEdit:
    """A multi-line text field that Tab leaves instead of typing a tab character."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    return box


def tab_before(anchor: QWidget, widgets: Sequence[QWidget]) -> None:
    """Put ``widgets`` in the Tab order just before ``anchor``, in the given order.

    For controls made after their neighbours (Qt puts a new control last in the Tab
    order, wherever it is on screen). QWidget.setTabOrder ignores a widget that takes no
    focus, so the one before ``anchor`` is made focusable for the moment it takes."""
    previous = anchor.previousInFocusChain()
    policy = previous.focusPolicy()
    previous.setFocusPolicy(policy | Qt.FocusPolicy.TabFocus)
    first = previous
    for widget in widgets:
        QWidget.setTabOrder(first, widget)
        first = widget
    previous.setFocusPolicy(policy)


def tab_like_buttons(box: QDialogButtonBox) -> None:
    """Tab through a button box's buttons in the order the platform lays them out
    (an added action button otherwise sits in the Tab order where it was made).
    Call it once the box is in its dialog."""
    layout = box.layout()
    shown = [layout.itemAt(i).widget() for i in range(layout.count())]
    buttons = [w for w in shown if isinstance(w, QAbstractButton)]
    for first, second in pairwise(buttons):
        QWidget.setTabOrder(first, second)


class DateEdit(QDateEdit):
    """A date field that Tab leaves while it shows its special value (e.g. "never"):
    Qt's own keeps the focus there, stepping through date parts that are not shown."""

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.specialValueText() and self.date() == self.minimumDate():
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)


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
