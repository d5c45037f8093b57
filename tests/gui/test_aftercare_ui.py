"""The cockpit's exercise, messages and evaluation tabs with an injected clock."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.events import EventKind
from crisisdesk.services.handbook import Services
from crisisdesk.ui.cockpit.cockpit import AftercareServices, Cockpit
from crisisdesk.ui.tasks import SyncTaskRunner
from crisisdesk.ui.timeline_widget import TimelineWidget
from tests.support.aftercare_story import run_exercise

M = timedelta(minutes=1)


def cockpit(qtbot: QtBot, s: Services, incident_id: str) -> Cockpit:
    c = Cockpit(
        s.incidents,
        incident_id,
        confirm=lambda *_a: True,
        aftercare=AftercareServices(s.exercises, s.messages, s.evaluation, SyncTaskRunner()),
    )
    c.timer.stop()  # the test moves the clock itself
    s.notifier.subscribe(c.on_changed)
    qtbot.addWidget(c)
    c.resize(1366, 768)
    return c


def test_injects_appear_at_their_offsets_and_are_logged(
    qtbot: QtBot, demo: Services, gui_clock: FixedClock
) -> None:
    iid = demo.exercises.start("ransomware", language="en", scenario_id="default")
    c = cockpit(qtbot, demo, iid)
    assert c.injects is not None and c.tabs.indexOf(c.injects) == 0
    assert "Three employees call" in c.injects.feed.toPlainText()
    assert "1 of 12 injects delivered" in c.injects.heading.text()
    gui_clock.advance(9 * M)
    c.refresh_times()
    assert "README_RESTORE" not in c.injects.feed.toPlainText()
    gui_clock.advance(M)
    c.refresh_times()  # what the one-second timer does
    feed = c.injects.feed.toPlainText()
    assert feed.index("README_RESTORE") < feed.index("Three employees call")  # newest first
    shown = [e for e in demo.incidents.events(iid) if e.kind == EventKind.INJECT_SHOWN]
    assert [e.payload["number"] for e in shown] == [1, 2]
    assert "Confirm ransomware" not in feed
    c.injects.show_expected.setChecked(True)
    assert "Confirm ransomware" in c.injects.feed.toPlainText()


def test_message_is_filled_copied_and_marked_sent(qtbot: QtBot, demo: Services) -> None:
    iid = demo.exercises.start("ransomware", language="nl")
    c = cockpit(qtbot, demo, iid)
    assert c.messages is not None and c.injects is None  # no scenario, no injects tab
    panel = c.messages
    assert panel.language.currentData() == "nl"
    assert panel.text.toPlainText().startswith("OEFENING — GEEN ECHT INCIDENT")
    panel.kind.setCurrentIndex(panel.kind.findData("gdpr-33"))
    assert "Naam: Esther Dekker" in panel.text.toPlainText()
    assert "fields to complete" in panel.gaps.text()
    panel.language.setCurrentIndex(panel.language.findData("en"))
    assert "Name: Esther Dekker" in panel.text.toPlainText()
    panel.copy()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == panel.text.toPlainText()
    panel.note.setText("online form, reference 2026-0042")
    assert panel.mark_sent()
    notice = list(demo.incidents.events(iid))[-1]
    assert notice.kind == EventKind.NOTICE_SENT and notice.payload["notice"] == "gdpr-33"
    assert notice.payload["note"] == "online form, reference 2026-0042"
    assert panel.note.text() == ""


def test_evaluation_form_saves_text_actions_and_writes_the_report(
    qtbot: QtBot, qtmodeltester, demo: Services, gui_clock: FixedClock, tmp_path: Path
) -> None:
    iid = run_exercise(demo, gui_clock)
    c = cockpit(qtbot, demo, iid)
    panel = c.evaluation
    assert panel is not None
    c.tabs.setCurrentWidget(panel)
    assert panel.timeline.chart is not None and len(panel.timeline.chart.rows) == 5
    assert "Pay no ransom" in panel.legend.text()
    assert "The call tree reached" in panel.what_worked.toPlainText()
    qtmodeltester.check(panel.actions_model)
    assert panel.actions_model.rowCount() == 2
    # Typed text is kept when the log changes; saving writes it.
    panel.what_to_improve.setPlainText("Voicemail full; backup for the IT lead")
    demo.evaluation.add_action("Another", incident_id=iid)  # notifies: figures refresh
    assert panel.what_to_improve.toPlainText() == "Voicemail full; backup for the IT lead"
    assert panel.actions_model.rowCount() == 3
    assert panel.save()
    assert demo.evaluation.get(iid).what_to_improve == "Voicemail full; backup for the IT lead"
    # Adding an action: a bad date is refused and nothing is added.
    panel.action_text.setText("Empty the communications voicemail weekly")
    panel.action_due.setText("next week")
    assert not panel.add_action() and panel.actions_model.rowCount() == 3
    panel.action_due.setText("2026-04-01")
    panel.link_kind.setCurrentIndex(panel.link_kind.findData("plan-section"))
    panel.link_ref.setText("communication")
    assert panel.add_action()
    added = [a for a in demo.evaluation.actions(iid) if a.text.startswith("Empty")]
    assert added[0].due == "2026-04-01" and added[0].link_ref == "communication"
    assert panel.action_text.text() == ""
    panel.actions_table.selectRow(0)
    first = panel.actions_model.action_at(0)
    assert panel.mark_done()
    assert next(a for a in demo.evaluation.actions(iid) if a.id == first.id).status == "done"
    # The report is written by the task runner and says what it is.
    out = tmp_path / "report.pdf"
    task = panel.export_report(str(out))
    assert task is not None
    with qtbot.waitSignal(task.finished):
        pass
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Post-incident report" in text and "Voicemail full" in text
    assert "Report written" in panel.message.text()
    pixmap = c.grab()
    assert pixmap.width() == 1366
    pixmap.save(str(tmp_path / "evaluation.png"))


def test_timeline_widget_paints_without_a_chart(qtbot: QtBot) -> None:
    w = TimelineWidget()
    qtbot.addWidget(w)
    w.resize(400, 120)
    assert not w.grab().isNull() and w.chart is None


def test_start_dialog_offers_the_playbooks_scenarios_for_exercises(
    qtbot: QtBot, demo: Services
) -> None:
    from crisisdesk.ui.views.incidents import IncidentsView

    view = IncidentsView(demo)
    qtbot.addWidget(view)
    dialog = view.start_dialog()
    qtbot.addWidget(dialog)
    dialog.title.setText("Yearly ransomware drill")
    dialog.crisis_type.setCurrentIndex(dialog.crisis_type.findData("ransomware"))
    assert not dialog.scenario.isEnabled()  # real incidents run no scenario
    request = dialog.request()
    assert request is not None and request.scenario is None
    dialog.exercise.setChecked(True)
    assert dialog.scenario.isEnabled()
    chosen = dialog.scenario.currentData()
    assert chosen is not None and chosen.playbook_id == "ransomware"
    assert chosen.language == dialog.playbook.currentData().language
    request = dialog.request()
    assert request is not None and request.scenario == chosen
    incident_id = view.start_from(request)
    assert incident_id is not None
    assert view.cockpit is not None and view.cockpit.injects is not None
    assert demo.exercises.status(incident_id) is not None
    view.cockpit.timer.stop()


def test_readiness_lists_open_actions_and_offers_practice(
    qtbot: QtBot, demo: Services, tmp_path: Path
) -> None:
    from crisisdesk.ui.views.readiness import ReadinessView

    demo.evaluation.add_action("Test the restore monthly", owner="Pieter Bakker")
    view = ReadinessView(demo)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    texts = [r.text.text() for r in view.rows]
    assert "1 open improvement action:\n• Test the restore monthly (Pieter Bakker)" in texts
    never = [r for r in view.rows if r.finding.code == "playbook_never_exercised"]
    assert len(never) == 6 and never[0].button is not None
    assert never[0].text.text().endswith("playbook never exercised")
    with qtbot.waitSignal(never[0].actionRequested) as signal:
        never[0].button.click()
    assert signal.args == ["incidents"]
    view.grab().save(str(tmp_path / "readiness.png"))
