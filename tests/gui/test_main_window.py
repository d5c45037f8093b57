from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from crisisdesk.ui.main_window import AREA_KEYS, MainWindow
from crisisdesk.ui.widgets import EmptyState


def make_window(qtbot, services, qsettings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, qsettings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_window_opens_on_readiness_with_organisation(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    assert window.current_area() == "readiness"
    assert "Noordhaven" in window.windowTitle()
    view = window.views["readiness"]
    texts = [row.text.text() for row in view.rows]
    assert any("contacts not verified" in t for t in texts)


def test_each_navigation_entry_shows_its_view(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    for row, key in enumerate(AREA_KEYS):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.views[key]
        assert window.current_area() == key


def test_ctrl_number_switches_area(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_area() == AREA_KEYS[2]


def test_empty_handbook_shows_empty_states(qtbot, empty, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, empty, qsettings)
    for key in ("plan", "contacts", "playbooks", "incidents"):
        assert window.views[key].findChildren(EmptyState), key
    incidents = window.views["incidents"].findChild(EmptyState)
    assert "F2" in incidents.message.text()


def test_geometry_is_remembered(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    window.resize(760, 560)
    window.close()
    again = make_window(qtbot, demo, qsettings)
    assert (again.width(), again.height()) == (760, 560)


def test_standard_menus_exist(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[:5] == ["File", "Edit", "View", "Incident", "Help"]  # as in UI.md
    assert not window.quit_action.shortcut().isEmpty()
    box = window.show_about()
    qtbot.addWidget(box)
    assert "crisisdesk" in box.text()


def test_saved_indicator_updates_after_a_change(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    with qtbot.waitSignal(window.bridge.changed, timeout=1000):
        demo.settings.set("plan.version", "3.3")
    assert "saved" in window.saved_label.text()
    assert "3.3" in window.views["readiness"].subtitle.text()


def test_gui_view_choices_match_the_areas() -> None:
    """`crisisdesk gui --view` offers exactly the areas the window has (cli cannot
    import ui, so the list is written twice: this keeps the two in step)."""
    from crisisdesk.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    gui = sub.choices["gui"]  # type: ignore[index]
    view = next(a for a in gui._actions if a.dest == "view")
    assert tuple(view.choices) == AREA_KEYS
