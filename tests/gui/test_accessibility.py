"""Keyboard shortcut overview, accessible names, and the high-contrast mode."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from crisisdesk.ui.main_window import AREA_KEYS, MainWindow
from crisisdesk.ui.shortcuts import ShortcutsDialog, window_shortcuts
from crisisdesk.ui.theme import apply_contrast, apply_text_size
from tests.gui.test_main_window import make_window


def _keys(action: QAction) -> list[str]:
    return [
        s.toString(QKeySequence.SequenceFormat.NativeText)
        for s in action.shortcuts()
        if not s.isEmpty()
    ]


def test_overview_lists_every_shortcut_of_the_window(qtbot, qtmodeltester, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    dialog = window.show_shortcuts()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible() and not dialog.isModal()
    qtmodeltester.check(dialog.model)
    listed = {dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())}
    # every shortcut any action of the window answers to is in the overview
    expected = {k for a in window.findChildren(QAction) for k in _keys(a)}
    assert expected and listed == expected
    for keys in ("F2", "Ctrl+L", "Ctrl+Shift+L", "Ctrl+Shift+H", "Ctrl+Q"):
        assert keys in listed
    for number in range(1, len(AREA_KEYS) + 1):
        assert f"Ctrl+{number}" in listed
    # each row names the action and the menu it is in
    rows = {s.keys: s for s in window_shortcuts(window)}
    assert rows["Ctrl+Shift+L"].action == "Large text" and rows["Ctrl+Shift+L"].menu == "View"
    assert "&" not in rows["Ctrl+Q"].action


def test_help_key_opens_the_overview(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    assert _keys(window.shortcuts_action)
    window.shortcuts_action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog)]
    assert any(d.isVisible() for d in dialogs)
    for dialog in dialogs:
        dialog.close()


def test_main_window_controls_have_accessible_names(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    controls = [
        window.nav,
        window.stack,
        window.status_label,
        window.saved_label,
        window.backup_label,
        *window.views.values(),
    ]
    names = [c.accessibleName() for c in controls]
    assert all(names), names
    assert window.views["plan"].accessibleName() == "Plan"


@pytest.fixture
def normal_look(qapp: QApplication) -> Iterator[None]:
    yield
    apply_contrast(qapp, False)
    apply_text_size(qapp, False)


def test_high_contrast_toggles_and_restores(qtbot, demo, qsettings, qapp, normal_look) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    before = qapp.palette().color(QPalette.ColorRole.Highlight).name()
    size_before = qapp.font().pointSizeF()
    window.large_text_action.trigger()
    window.high_contrast_action.trigger()
    assert qsettings.value("view/high_contrast", type=bool) is True
    palette = qapp.palette()
    assert palette.color(QPalette.ColorRole.WindowText).name() == "#000000"
    assert palette.color(QPalette.ColorRole.Window).name() == "#ffffff"
    assert palette.color(QPalette.ColorRole.Highlight).name() == "#00007a"
    assert "border: 3px solid #00007a" in qapp.styleSheet()
    # a widget in a view picks the palette up
    view = window.views["readiness"]
    assert view.palette().color(QPalette.ColorRole.WindowText).name() == "#000000"
    # high contrast and large text together
    assert qapp.font().pointSizeF() > size_before
    window.high_contrast_action.trigger()
    assert qsettings.value("view/high_contrast", type=bool) is False
    assert qapp.palette().color(QPalette.ColorRole.Highlight).name() == before
    assert "#00007a" not in qapp.styleSheet()


def test_high_contrast_setting_is_shown_checked_on_next_start(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    qsettings.setValue("view/high_contrast", True)
    window = MainWindow(demo, qsettings)
    qtbot.addWidget(window)
    assert window.high_contrast_action.isChecked()
    assert window.high_contrast_action.shortcut().toString() == "Ctrl+Shift+H"
    assert window.shortcuts_action.shortcut() == QKeySequence(Qt.Key.Key_F1)
