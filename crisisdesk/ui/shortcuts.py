"""Help > Keyboard shortcuts: every shortcut of the window, read from its actions.

The list is generated from the window's QActions — the menu bar's first, then those
of the views (named after their view) — so it can never disagree with what the keys do.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.i18n import _
from crisisdesk.ui.widgets import table_view


@dataclass(frozen=True)
class Shortcut:
    keys: str  # as the platform writes it, e.g. "Ctrl+Shift+L"
    action: str  # the action's text without '&'
    menu: str  # where it lives: a menu ("View") or a view ("Plan")


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _walk(menu: QMenu, path: str, found: list[tuple[QAction, str]]) -> None:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            _walk(sub, f"{path} › {_plain(sub.title())}", found)
        elif not action.isSeparator():
            found.append((action, path))


def _place(action: QAction) -> str:
    """The view an action belongs to (its accessible name), or '' for the window."""
    widget = action.parent()
    while isinstance(widget, QWidget):
        if widget.objectName().startswith("view-"):
            return widget.accessibleName()
        widget = widget.parent()
    return ""


def window_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action of ``window`` that has a shortcut: the menus' in menu order, then
    the views' actions."""
    found: list[tuple[QAction, str]] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            _walk(menu, _plain(menu.title()), found)
    in_menus = {id(a) for a, _path in found}
    # Actions of the views (e.g. Del in a list): named after the view they work in.
    for action in window.findChildren(QAction):
        if id(action) not in in_menus and action.menu() is None:
            found.append((action, _place(action)))
    shortcuts = []
    for action, path in found:
        for sequence in action.shortcuts():
            if not sequence.isEmpty():
                keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
                shortcuts.append(Shortcut(keys, _plain(action.text()), path))
    return shortcuts


class ShortcutsDialog(QDialog):
    """A table of shortcuts; not modal, so logging is never blocked by it."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setModal(False)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([_("Keys"), _("Action"), _("Where")])
        for shortcut in window_shortcuts(window):
            row = [QStandardItem(shortcut.keys), QStandardItem(shortcut.action)]
            row.append(QStandardItem(shortcut.menu))
            for item in row:
                item.setEditable(False)
            self.model.appendRow(row)
        self.table = table_view()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Every shortcut of the window and its views. Alt with an underlined "
                "letter opens a menu; Tab moves between fields."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 520)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
