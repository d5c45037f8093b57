"""Tab follows the screen (reading order) in every view, the cockpit and the dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from crisisdesk.ui.contact_dialogs import ContactDialog
from crisisdesk.ui.dialogs.signing import CreateKeyDialog, ExportLogDialog, VerifyDialog
from crisisdesk.ui.main_window import AREA_KEYS
from crisisdesk.ui.tasks import SyncTaskRunner
from crisisdesk.ui.views.incidents import IncidentsView
from tests.gui.test_cockpit import start
from tests.gui.test_main_window import make_window
from tests.support.focus_order import assert_tab_order_follows_screen


def show(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


@pytest.mark.parametrize("handbook", ["demo", "empty"])
@pytest.mark.parametrize("key", AREA_KEYS)
def test_each_area_view_tabs_in_reading_order_from_the_navigation(
    qtbot, request, qsettings, key, handbook
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, request.getfixturevalue(handbook), qsettings)
    window.show_area(key)
    order = assert_tab_order_follows_screen(window, window.nav)
    assert order[0] is window.nav and len(order) > 1


def test_incident_list_tabs_in_reading_order(qtbot, demo, qsettings) -> None:  # type: ignore[no-untyped-def]
    incident = start(demo, title="Old outage")
    demo.incidents.close(incident, "over")
    window = make_window(qtbot, demo, qsettings)
    view = window.show_area("incidents")
    order = assert_tab_order_follows_screen(window, window.nav)
    assert view.table in order and view.open_button in order


def _exercise_window(qtbot, demo, qsettings):  # type: ignore[no-untyped-def]
    incident = start(demo, exercise=True)
    scenario = demo.exercises.scenarios()[0]
    demo.exercises.load_scenario(incident, scenario)
    window = make_window(qtbot, demo, qsettings)
    return window, window.views["incidents"].cockpit


@pytest.mark.parametrize("tab", range(8))
def test_every_cockpit_tab_tabs_in_reading_order(qtbot, demo, qsettings, tab) -> None:  # type: ignore[no-untyped-def]
    window, cockpit = _exercise_window(qtbot, demo, qsettings)
    assert cockpit is not None and cockpit.isVisible() and cockpit.tabs.count() == 8
    cockpit.tabs.setCurrentIndex(tab)
    order = assert_tab_order_follows_screen(window, window.nav)
    # the log entry line at the bottom is reachable, and comes last
    assert order.index(cockpit.quick_log.edit) > order.index(cockpit.tabs.tabBar())


def _contact_dialog(demo, tmp_path):  # type: ignore[no-untyped-def]
    contact = next(c for c in demo.contacts.all() if len(c.channels) > 1)
    return ContactDialog(lambda _number: None, contact)


def _start_dialog(demo, tmp_path):  # type: ignore[no-untyped-def]
    dialog = IncidentsView(demo).start_dialog()
    dialog.exercise.setChecked(True)  # shows the scenario choice too
    return dialog


def _export_dialog(demo, tmp_path):  # type: ignore[no-untyped-def]
    return ExportLogDialog(demo, SyncTaskRunner(), start(demo))


DIALOGS = {
    "contact": _contact_dialog,
    "start-incident": _start_dialog,
    "verify": lambda demo, tmp_path: VerifyDialog(SyncTaskRunner()),
    "create-key": lambda demo, tmp_path: CreateKeyDialog(SyncTaskRunner(), tmp_path),
    "export-log": _export_dialog,
}


@pytest.mark.parametrize("name", ["backups", "shortcuts", "deadline_rules"])
def test_window_dialogs_tab_in_reading_order(qtbot, demo, qsettings, name) -> None:  # type: ignore[no-untyped-def]
    window = make_window(qtbot, demo, qsettings)
    dialog = show(qtbot, getattr(window, f"show_{name}")())
    assert len(assert_tab_order_follows_screen(dialog)) > 1


@pytest.mark.parametrize("name", DIALOGS)
def test_dialogs_tab_in_reading_order(qtbot, demo, tmp_path, name) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, DIALOGS[name](demo, tmp_path))
    order = assert_tab_order_follows_screen(dialog)
    assert len(order) > 2


def test_the_check_catches_a_swapped_order_and_a_trap(qtbot, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = show(qtbot, _contact_dialog(demo, tmp_path))
    QWidget.setTabOrder(dialog.organisation, dialog.kind)  # kind now after organisation
    with pytest.raises(AssertionError, match="goes against the screen"):
        assert_tab_order_follows_screen(dialog)
    QWidget.setTabOrder(dialog.name, dialog.kind)  # put back
    assert_tab_order_follows_screen(dialog)
    dialog.notes.setTabChangesFocus(False)  # Tab would type a tab into the notes
    with pytest.raises(AssertionError, match="focus trap"):
        assert_tab_order_follows_screen(dialog)
