"""The cockpit with pytest-qt: tick, log with the keyboard, move phases, record calls."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt

from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.events import EventKind
from crisisdesk.services.handbook import Services
from crisisdesk.ui.changes import ChangeBridge
from crisisdesk.ui.cockpit.cockpit import Cockpit
from crisisdesk.ui.cockpit.models import LogModel, local_time
from crisisdesk.ui.cockpit.start_dialog import StartIncidentDialog
from crisisdesk.ui.main_window import MainWindow
from crisisdesk.ui.views.incidents import IncidentsView
from tests.support.sample_playbook import sample_playbook


def start(services: Services, **kw: object) -> str:
    args: dict[str, object] = {
        "title": "Files encrypted",
        "playbook": sample_playbook(("gdpr-33", "nis2")),
        "lead": "Jan de Vries",
    }
    args.update(kw)
    return services.incidents.start(**args)  # type: ignore[arg-type]


class Answers:
    """A stand-in for the yes/no question: records what was asked."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.asked: list[str] = []

    def __call__(self, parent, title: str, text: str) -> bool:  # type: ignore[no-untyped-def]
        self.asked.append(text)
        return self.answer


@pytest.fixture
def cockpit(demo: Services, qtbot):  # type: ignore[no-untyped-def]
    iid = start(demo, exercise=True)
    answers = Answers(True)
    widget = Cockpit(demo.incidents, iid, confirm=answers)
    bridge = ChangeBridge(demo.notifier, widget)
    bridge.changed.connect(widget.on_changed)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.answers = answers  # type: ignore[attr-defined]
    yield widget
    bridge.detach()


def kinds(services: Services, iid: str) -> list[str]:
    return [e.kind for e in services.incidents.events(iid)]


def test_every_cockpit_model_passes_the_model_tester(
    cockpit: Cockpit, demo: Services, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    demo.incidents.add_scope(cockpit.incident_id, "system", "FS01")
    jan = demo.incidents.find_contact("Jan de Vries")
    demo.incidents.record_call(cockpit.incident_id, jan.id, "reached")
    for model in (
        cockpit.log.model,
        cockpit.checklist.model,
        cockpit.calls.model,
        cockpit.scope.model,
        cockpit.deadlines.model,
    ):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_header_shows_exercise_title_and_deadline_countdowns(
    cockpit: Cockpit, gui_clock: FixedClock
) -> None:
    assert cockpit.header.banner.isVisible() and "EXERCISE" in cockpit.header.banner.text()
    assert "Files encrypted" in cockpit.header.title.text()
    assert "HIGH" in cockpit.header.title.text() and "Jan de Vries" in cockpit.header.title.text()
    gui_clock.advance(timedelta(hours=2, minutes=5))
    cockpit.refresh_times()
    assert cockpit.header.elapsed.text().startswith("2:05:00")
    chips = {c.text() for c in cockpit.header.chips if c.isVisible()}
    assert "✓ GDPR 72 h 69:55:00 left" in chips
    assert "✓ NIS2 early warning 21:55:00 left" in chips
    gui_clock.advance(timedelta(hours=20))
    cockpit.refresh_times()
    chips = {c.text() for c in cockpit.header.chips if c.isVisible()}
    assert "! NIS2 early warning 1:55:00 left · due soon" in chips  # amber, in words too
    gui_clock.advance(timedelta(hours=3))
    cockpit.refresh_times()
    chips = {c.text() for c in cockpit.header.chips if c.isVisible()}
    assert "✕ NIS2 early warning OVERDUE by 1:05:00" in chips


def test_tick_with_the_done_button_and_the_checkbox(
    cockpit: Cockpit, demo: Services, qtbot, gui_clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    panel = cockpit.checklist
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    state = demo.incidents.state(cockpit.incident_id)
    assert not state.items["identification.1"].is_open
    who = panel.model.index(0, panel.model.WHO).data()
    assert who == f"{demo.ctx.author} · {local_time(gui_clock.now())}"
    index = panel.model.index(1, panel.model.CHECK)
    assert panel.model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert panel.heading.text().startswith("Identify — checklist   2/3 done")
    assert kinds(demo, cockpit.incident_id).count(EventKind.ITEM_CHECKED) == 2


def test_not_applicable_needs_a_reason_and_notes_and_owners_are_logged(
    cockpit: Cockpit, demo: Services, qtbot
) -> None:  # type: ignore[no-untyped-def]
    panel = cockpit.checklist
    panel.table.selectRow(1)
    before = kinds(demo, cockpit.incident_id)
    qtbot.mouseClick(panel.na_button, Qt.MouseButton.LeftButton)
    assert "reason" in panel.message.text()
    assert kinds(demo, cockpit.incident_id) == before
    qtbot.keyClicks(panel.detail, "only one server")
    qtbot.mouseClick(panel.na_button, Qt.MouseButton.LeftButton)
    assert panel.detail.text() == ""
    assert "n/a: only one server" in panel.model.index(1, panel.model.TEXT).data()
    panel.table.selectRow(2)
    qtbot.keyClicks(panel.detail, "Signal group")
    qtbot.mouseClick(panel.note_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.detail, "scribe")
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    item = demo.incidents.state(cockpit.incident_id).items["identification.3"]
    assert [n.text for n in item.notes] == ["Signal group"] and item.owner == "scribe"
    assert panel.model.index(2, panel.model.OWNER).data() == "scribe"


def test_overdue_items_are_marked_in_words(cockpit: Cockpit, gui_clock: FixedClock) -> None:
    gui_clock.advance(timedelta(minutes=31))
    cockpit.refresh_times()
    model = cockpit.checklist.model
    assert model.index(0, model.CHECK).data() == "OVERDUE"
    assert model.index(0, model.DUE).data().startswith("overdue")
    assert model.index(1, model.CHECK).data() == ""


def test_ctrl_l_from_anywhere_then_enter_saves_to_the_log(demo: Services, qtbot, qsettings) -> None:  # type: ignore[no-untyped-def]
    iid = start(demo)
    window = MainWindow(demo, qsettings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_area("readiness")
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    view = window.views["incidents"]
    assert isinstance(view, IncidentsView) and view.cockpit is not None
    assert window.current_area() == "incidents"
    entry = view.cockpit.quick_log.edit
    qtbot.waitUntil(entry.hasFocus)
    qtbot.keyClicks(entry, "Ransom note on FS01")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert entry.text() == ""
    last = list(demo.incidents.events(iid))[-1]
    assert last.kind == EventKind.LOG_ENTRY and last.payload["text"] == "Ransom note on FS01"
    model = view.cockpit.log.model
    assert model.index(0, LogModel.TEXT).data() == "Ransom note on FS01"  # newest first


def test_a_failed_save_keeps_the_text_and_shows_the_error(
    cockpit: Cockpit, demo: Services, qtbot, gui_clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    bar = cockpit.quick_log
    bar.kind.setCurrentIndex(bar.kind.findData("decision"))
    bar.earlier.setChecked(True)
    bar.when.setDateTime(bar.when.dateTime().addSecs(3 * 3600))  # in the future: refused
    qtbot.keyClicks(bar.edit, "Pay no ransom")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.edit.text() == "Pay no ransom"
    assert bar.error.isVisible() and "later than now" in bar.error.text()
    bar.when.setDateTime(bar.when.dateTime().addSecs(-4 * 3600))
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.edit.text() == "" and not bar.error.isVisible()
    last = list(demo.incidents.events(cockpit.incident_id))[-1]
    assert last.payload == {"kind": "decision", "text": "Pay no ransom"}
    assert last.occurred_at < last.recorded_at


def test_next_phase_confirms_naming_open_must_items(
    cockpit: Cockpit, demo: Services, qtbot
) -> None:  # type: ignore[no-untyped-def]
    answers: Answers = cockpit.answers  # type: ignore[attr-defined]
    answers.answer = False
    qtbot.mouseClick(cockpit.phases.next_button, Qt.MouseButton.LeftButton)
    assert "Confirm encrypted files" in answers.asked[0]
    assert "Activate the crisis team" in answers.asked[0]
    assert demo.incidents.state(cockpit.incident_id).current_phase == "identification"
    answers.answer = True
    qtbot.mouseClick(cockpit.phases.next_button, Qt.MouseButton.LeftButton)
    assert demo.incidents.state(cockpit.incident_id).current_phase == "isolation"
    assert cockpit.viewing == "isolation"
    assert cockpit.phases.buttons["isolation"].text().startswith("2 Isolate ●")
    assert "✓" in cockpit.phases.buttons["identification"].text()
    assert cockpit.checklist.model.item_at(0).item.id == "isolation.1"
    # Other phases stay reachable.
    qtbot.mouseClick(cockpit.phases.buttons["identification"], Qt.MouseButton.LeftButton)
    assert "not the current phase" in cockpit.checklist.heading.text()


def test_record_calls_offers_the_backup_and_counts(cockpit: Cockpit, demo: Services, qtbot) -> None:  # type: ignore[no-untyped-def]
    cockpit.tabs.setCurrentWidget(cockpit.calls)
    panel = cockpit.calls
    total = panel.model.rowCount()
    assert panel.count.text() == f"0/{total} reached · {total} pending"
    qtbot.mouseClick(panel.buttons["reached"], Qt.MouseButton.LeftButton)
    assert "Select the person" in panel.message.text()
    panel.select_contact(demo.incidents.find_contact("Anouk Mulder").id)
    qtbot.mouseClick(panel.buttons["no-answer"], Qt.MouseButton.LeftButton)
    assert "Call the backup: Pieter Bakker" in panel.message.text()
    assert panel.selected_contact() == demo.incidents.find_contact("Pieter Bakker").id
    qtbot.mouseClick(panel.buttons["reached"], Qt.MouseButton.LeftButton)
    assert panel.count.text() == f"1/{total} reached · {total - 1} pending"
    rows = {panel.model.row_at(r).name: r for r in range(total)}
    outcome = panel.model.index(rows["Anouk Mulder"], 1).data()
    assert outcome == "✕ no answer"
    assert panel.model.index(rows["Anouk Mulder"], 3).data() == "→ call Pieter Bakker"
    assert "Calls 1/" in cockpit.strip.text()


def test_scope_register_and_clock_check_from_the_panels(
    cockpit: Cockpit, demo: Services, qtbot
) -> None:  # type: ignore[no-untyped-def]
    scope = cockpit.scope
    qtbot.keyClicks(scope.name, "FS01")
    qtbot.keyClick(scope.name, Qt.Key.Key_Return)
    scope.table.selectRow(0)
    scope.status.setCurrentIndex(scope.status.findData("isolated"))
    qtbot.mouseClick(scope.set_button, Qt.MouseButton.LeftButton)
    assert scope.model.index(0, 2).data() == "isolated"
    assert "1 isolated" in scope.summary.text()
    clock = cockpit.clock
    clock.trusted.setDateTime(clock.trusted.dateTime().addSecs(90))
    qtbot.keyClicks(clock.source, "phone")
    qtbot.mouseClick(clock.button, Qt.MouseButton.LeftButton)
    assert "90 s behind (phone)" in clock.last.text()


def test_deadline_panel_records_moments_and_sent_notices(
    cockpit: Cockpit, demo: Services, qtbot
) -> None:  # type: ignore[no-untyped-def]
    panel = cockpit.deadlines
    qtbot.mouseClick(panel.aware, Qt.MouseButton.LeftButton)
    assert demo.incidents.state(cockpit.incident_id).moments
    keys = [panel.model.deadline_at(r).key for r in range(panel.model.rowCount())]
    panel.table.selectRow(keys.index("nis2-early-warning"))
    qtbot.mouseClick(panel.sent, Qt.MouseButton.LeftButton)
    row = keys.index("nis2-early-warning")
    assert panel.model.index(row, 1).data() == "sent"
    panel.regime.setCurrentIndex(panel.regime.findData("dora"))
    qtbot.mouseClick(panel.enable, Qt.MouseButton.LeftButton)
    assert "dora" in demo.incidents.state(cockpit.incident_id).enabled_deadlines


def test_closed_incident_is_read_only(demo: Services, qtbot) -> None:  # type: ignore[no-untyped-def]
    iid = start(demo)
    demo.incidents.close(iid)
    widget = Cockpit(demo.incidents, iid)
    qtbot.addWidget(widget)
    assert "CLOSED" in widget.header.title.text()
    assert not widget.quick_log.edit.isEnabled()
    assert not widget.checklist.done_button.isEnabled()
    assert not widget.phases.next_button.isEnabled()
    assert not (
        widget.checklist.model.flags(widget.checklist.model.index(0, 0))
        & Qt.ItemFlag.ItemIsUserCheckable
    )


def test_running_incident_reopens_as_it_was(demo: Services, qtbot, qsettings) -> None:  # type: ignore[no-untyped-def]
    iid = start(demo)
    demo.incidents.check(demo.incidents.resolve(iid), "identification.1")
    demo.incidents.move_phase(iid)
    demo.incidents.log(iid, "before the crash")
    window = MainWindow(demo, qsettings)
    qtbot.addWidget(window)
    assert window.current_area() == "incidents"
    cockpit = window.views["incidents"].cockpit
    assert cockpit is not None and cockpit.incident_id == iid
    assert cockpit.viewing == "isolation"
    assert cockpit.log.model.index(0, LogModel.TEXT).data() == "before the crash"


def test_log_loads_lazily_filters_and_searches(demo: Services, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from crisisdesk.store.incidents_repo import append_event

    iid = start(demo)
    stamp = demo.ctx.now_iso()
    with demo.ctx.handbook.transaction() as conn:
        for n in range(450):
            append_event(
                conn,
                incident_id=iid,
                kind=EventKind.LOG_ENTRY,
                payload={
                    "kind": "decision" if n % 50 == 0 else "observation",
                    "text": f"entry {n}",
                },
                occurred_at=stamp,
                recorded_at=stamp,
                author="scribe",
            )
    model = LogModel(demo.incidents, iid)
    assert model.rowCount() == LogModel.PAGE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 453 and not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)
    model.set_query(newest_first=True, categories=("decision",))
    assert model.rowCount() == 9
    assert model.index(0, LogModel.TEXT).data() == "entry 400"
    model.set_query(newest_first=False, search="entry 44")
    assert [model.index(r, LogModel.TEXT).data() for r in range(model.rowCount())] == [
        "entry 44",
        *[f"entry {n}" for n in range(440, 450)],
    ]


def test_start_dialog_suggests_playbook_and_deadlines_then_starts(demo: Services, qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    ransomware = sample_playbook(("gdpr-33",))
    breach = replace(
        sample_playbook(("gdpr-33", "gdpr-34")),
        id="data-breach",
        title="Data breach",
        crisis_type="data-breach",
    )
    dialog = StartIncidentDialog([ransomware, breach], demo.incidents.now(), lead="Jan")
    qtbot.addWidget(dialog)
    dialog.crisis_type.setCurrentIndex(dialog.crisis_type.findData("data-breach"))
    assert dialog.playbook.currentData().id == "data-breach"
    assert {k for k, b in dialog.deadline_boxes.items() if b.isChecked()} == {"gdpr-33", "gdpr-34"}
    assert dialog.request() is None and "title" in dialog.error.text()
    dialog.title.setText("Customer list leaked")
    dialog.exercise.setChecked(True)
    request = dialog.request()
    assert request is not None and request.playbook.id == "data-breach" and request.exercise
    view = IncidentsView(demo)
    qtbot.addWidget(view)
    iid = view.start_from(request)
    assert iid is not None and view.cockpit is not None and view.cockpit.incident_id == iid
    assert demo.incidents.state(iid).enabled_deadlines == ["gdpr-33", "gdpr-34"]


def test_incident_list_shows_open_and_closed(
    demo: Services, qtbot, qtmodeltester, gui_clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    first = start(demo, title="Old outage")
    demo.incidents.close(first)
    view = IncidentsView(demo)
    qtbot.addWidget(view)
    assert view.cockpit is None  # nothing running
    assert view.model.rowCount() == 1
    assert view.model.index(0, 0).data() == "closed (read-only)"
    qtmodeltester.check(view.model)
    view.table.selectRow(0)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert view.cockpit is not None and view.cockpit.closed


def test_start_dialog_of_the_view_suggests_the_built_in_playbook(demo: Services, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = IncidentsView(demo)
    qtbot.addWidget(view)
    dialog = view.start_dialog()
    qtbot.addWidget(dialog)
    dialog.crisis_type.setCurrentIndex(dialog.crisis_type.findData("data-breach"))
    chosen = dialog.playbook.currentData()
    assert (chosen.id, chosen.language) == ("data-breach", demo.playbooks.content_language())
    assert dialog.deadline_boxes["gdpr-33"].isChecked()
    dialog.crisis_type.setCurrentIndex(dialog.crisis_type.findData("ransomware"))
    assert dialog.playbook.currentData().id == "ransomware"
    dialog.title.setText("Files encrypted")
    request = dialog.request()
    assert request is not None
    iid = view.start_from(request)
    assert iid is not None
    assert demo.incidents.playbook(iid) == demo.playbooks.get("ransomware")


def test_correct_a_log_entry_from_the_log_panel(cockpit: Cockpit, demo: Services, qtbot) -> None:  # type: ignore[no-untyped-def]
    entry = demo.incidents.log(cockpit.incident_id, "Warehouse phoned")
    panel = cockpit.log
    assert not panel.begin_correction()  # nothing selected
    row = panel.model.row_of_seq(entry.seq)
    assert row is not None
    panel.table.selectRow(row)
    assert panel.begin_correction() and panel.correction.text() == "Warehouse phoned"
    panel.correction.clear()
    qtbot.keyClicks(panel.correction, "Venlo warehouse phoned")
    qtbot.keyClick(panel.correction, Qt.Key.Key_Return)
    assert not panel.correction.isVisible()
    last = list(demo.incidents.events(cockpit.incident_id))[-1]
    assert last.kind == EventKind.ENTRY_CORRECTED and last.corrects == entry.id
    assert (
        panel.model.index(0, LogModel.TEXT).data()
        == f"Correction of #{entry.seq}: Venlo warehouse phoned"
    )
    row = panel.model.row_of_seq(entry.seq)
    assert panel.model.index(row, LogModel.TEXT).data() == "[corrected later] Warehouse phoned"
