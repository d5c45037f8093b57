"""Incident > Notification deadlines…: the legal deadlines listed in words, and the
organisation's own added from the window (before: only from the command line)."""

from __future__ import annotations

from crisisdesk.domain.deadlines import regimes
from crisisdesk.services.handbook import Services
from crisisdesk.ui.deadline_rules import DeadlineRulesDialog, DeadlineRulesModel, deadline_rows


def rows(dialog: DeadlineRulesDialog) -> list[tuple[str, ...]]:
    model = dialog.model
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


class Answers:
    """Answers the dialog's question for the user, and keeps what was asked."""

    def __init__(self, answer: bool = True) -> None:
        self.answer, self.asked = answer, []  # type: list[str]

    def __call__(self, _parent, _title: str, text: str) -> bool:  # type: ignore[no-untyped-def]
        self.asked.append(text)
        return self.answer


def open_dialog(qtbot, services: Services, answers: Answers | None = None) -> DeadlineRulesDialog:  # type: ignore[no-untyped-def]
    dialog = DeadlineRulesDialog(services, confirm=answers or Answers())
    qtbot.addWidget(dialog)
    services.notifier.subscribe(dialog.on_changed)
    dialog.show()
    return dialog


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, demo) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo)
    qtmodeltester.check(dialog.model)
    assert isinstance(dialog.model, DeadlineRulesModel)


def test_lists_every_legal_notice_with_when_it_is_due(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo)
    shown = {row[0]: row for row in rows(dialog)}
    for regime in regimes():
        for notice in regime.notices:
            assert shown[notice.name][2] == notice.source
            assert shown[notice.name][3] == "legal"
    assert shown["GDPR breach notification to the authority"][1] == "72 h after becoming aware"
    assert "1 month after NIS2 incident notification was sent" in shown["NIS2 final report"][1]


def test_adding_a_rule_saves_it_and_lists_it(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    answers = Answers()
    dialog = open_dialog(qtbot, demo, answers)
    qtbot.keyClicks(dialog.name, "Notify the cyber insurer")
    assert dialog.key.text() == "notify-the"  # suggested from the name until typed in
    dialog.key.clear()
    qtbot.keyClicks(dialog.key, "insurer")
    dialog.trigger.setCurrentIndex(dialog.trigger.findText("detection"))
    dialog.hours.setValue(48)
    qtbot.keyClicks(dialog.description, "policy art. 7.2")
    assert dialog.add()
    assert (
        "due 48 h after detection" in answers.asked[0] and "cannot be removed" in answers.asked[0]
    )
    (rule,) = demo.incidents.deadline_rules()
    assert (rule.key, rule.name, rule.trigger, rule.hours, rule.description) == (
        "insurer",
        "Notify the cyber insurer",
        "detected",
        48.0,
        "policy art. 7.2",
    )
    assert ("Notify the cyber insurer", "48 h after detection", "policy art. 7.2",
            "your own (insurer)") in rows(dialog)  # fmt: skip
    assert "Added" in dialog.feedback.text() and dialog.name.text() == ""


def test_refused_rule_says_why_and_saves_nothing(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo)
    before = len(rows(dialog))
    qtbot.keyClicks(dialog.name, "Twice")
    dialog.key.setText("nis2")  # a built-in deadline's key
    assert not dialog.add()
    assert "built-in" in dialog.feedback.text()
    dialog.key.setText("")
    assert not dialog.add()
    assert "must not be empty" in dialog.feedback.text()
    assert demo.incidents.deadline_rules() == [] and len(rows(dialog)) == before
    assert dialog.name.text() == "Twice"  # what was typed is kept to correct it


def test_the_window_menu_opens_it_and_the_start_dialog_offers_the_new_rule(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from crisisdesk.ui.cockpit.start_dialog import StartIncidentDialog
    from crisisdesk.ui.main_window import MainWindow

    window = MainWindow(demo, QSettings("/dev/null", QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.deadlines_action.trigger()
    dialog = window.deadlines_dialog
    assert dialog.isVisible()
    demo.incidents.add_deadline_rule("insurer", "Notify the insurer", "detected", 24)
    assert any("your own (insurer)" in row for row in rows(dialog))  # refreshed on change
    start = StartIncidentDialog(
        demo.playbooks.list(), demo.incidents.now(), org_rules=demo.incidents.deadline_rules()
    )
    qtbot.addWidget(start)
    assert "insurer" in start.deadline_boxes  # offered when the next incident starts


def test_rows_are_legal_first_then_own(demo) -> None:  # type: ignore[no-untyped-def]
    demo.incidents.add_deadline_rule("a-rule", "Our rule", "aware", 12)
    result = deadline_rows(demo.incidents.deadline_rules())
    assert [r.own for r in result] == sorted(r.own for r in result)
    assert result[-1].timing == "12 h after becoming aware"


def test_enter_in_a_half_filled_form_saves_nothing(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    answers = Answers()
    dialog = open_dialog(qtbot, demo, answers)
    qtbot.keyClicks(dialog.name, "Insurer")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.key, Qt.Key.Key_Return)
    assert demo.incidents.deadline_rules() == [] and answers.asked == []
    assert dialog.isVisible() and dialog.name.text() == "Insurer"


def test_saying_no_to_the_question_saves_nothing(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, demo, Answers(False))
    qtbot.keyClicks(dialog.name, "Insurer")
    assert not dialog.add()
    assert demo.incidents.deadline_rules() == [] and dialog.name.text() == "Insurer"
