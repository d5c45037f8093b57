"""The plan view: sections, the markdown editor with live preview, saving, details."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QMessageBox

from crisisdesk.domain.plan import STANDARD_SECTIONS
from crisisdesk.services.handbook import Services, open_services
from crisisdesk.ui.main_window import MainWindow
from crisisdesk.ui.views.plan import PlanView
from crisisdesk.ui.widgets import EmptyState


@pytest.fixture
def view(qtbot, demo: Services) -> PlanView:  # type: ignore[no-untyped-def]
    v = PlanView(demo)
    demo.notifier.subscribe(v.on_changed)
    qtbot.addWidget(v)
    v.resize(1180, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def select(view: PlanView, key: str) -> None:
    for row in range(view.sections.count()):
        if view.sections.item(row).data(Qt.ItemDataRole.UserRole) == key:
            view.sections.setCurrentRow(row)
            return
    raise AssertionError(f"no section {key}")


def tables_in(view: PlanView) -> list[QTextTable]:
    doc = view.editor.preview.document()
    found = []
    block = doc.begin()
    while block.isValid():
        table = view.editor.preview.textCursor()
        table.setPosition(block.position())
        if table.currentTable() is not None and table.currentTable() not in found:
            found.append(table.currentTable())
        block = block.next()
    return found


def test_demo_plan_lists_sections_and_renders_the_first(view: PlanView, demo: Services) -> None:
    titles = [view.sections.item(r).text() for r in range(view.sections.count())]
    assert titles == [title for _key, title in STANDARD_SECTIONS]
    assert view.current_key() == "scope"
    assert view.editor.source.toPlainText() == demo.plan.section("scope").body
    assert "Purpose:" in view.editor.preview.toPlainText()
    assert "**" not in view.editor.preview.toPlainText()  # rendered, not source


def test_team_section_renders_its_table(view: PlanView) -> None:
    select(view, "team")
    assert view.current_key() == "team"
    tables = tables_in(view)
    assert len(tables) == 1
    assert (tables[0].rows(), tables[0].columns()) == (7, 3)  # header + 6 roles
    assert tables[0].cellAt(1, 1).firstCursorPosition().block().text() == "Jan de Vries"


def test_preview_follows_typing_and_nothing_is_saved_until_asked(
    qtbot, view: PlanView, demo: Services
) -> None:  # type: ignore[no-untyped-def]
    before = demo.plan.section("scope").body
    view.editor.source.moveCursor(view.editor.source.textCursor().MoveOperation.End)
    for line in ("", "## Out of scope", "", "The canteen till."):
        qtbot.keyClick(view.editor.source, Qt.Key.Key_Return)
        qtbot.keyClicks(view.editor.source, line)
    qtbot.waitUntil(lambda: "Out of scope" in view.editor.preview.toPlainText(), timeout=2000)
    assert "##" not in view.editor.preview.toPlainText()
    assert view.is_dirty()
    assert "Not saved" in view.editor.status.text()
    assert demo.plan.section("scope").body == before
    qtbot.keyClick(view.editor.source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert demo.plan.section("scope").body.endswith("The canteen till.")
    assert not view.is_dirty()
    assert "Saved" in view.editor.status.text()


def test_switching_section_saves_the_text(qtbot, view: PlanView, demo: Services) -> None:  # type: ignore[no-untyped-def]
    view.editor.source.setPlainText("Only this.")
    select(view, "escalation")
    assert demo.plan.section("scope").body == "Only this."
    assert view.current_key() == "escalation"
    assert view.sections.currentItem().data(Qt.ItemDataRole.UserRole) == "escalation"
    assert view.editor.source.toPlainText() == demo.plan.section("escalation").body


def test_text_is_kept_when_it_cannot_be_saved(qtbot, tmp_path: Path, demo: Services) -> None:  # type: ignore[no-untyped-def]
    path = demo.path
    demo.close()
    read_only = open_services(path, read_only=True)
    try:
        v = PlanView(read_only)
        qtbot.addWidget(v)
        v.editor.source.setPlainText("Typed in a hurry.")
        select(v, "escalation")
        assert v.current_key() == "scope"  # stayed
        assert v.sections.currentItem().data(Qt.ItemDataRole.UserRole) == "scope"
        assert v.editor.source.toPlainText() == "Typed in a hurry."
        assert "read-only" in v.editor.status.text()
    finally:
        read_only.close()


def test_closing_the_window_saves_typed_text(qtbot, demo: Services, qsettings) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo, qsettings)
    qtbot.addWidget(window)
    window.show()
    plan = window.show_area("plan")
    assert isinstance(plan, PlanView)
    plan.editor.source.setPlainText("Last words before closing.")
    plan.details.owner.setText("Anouk Mulder")
    assert window.close()
    assert demo.plan.section("scope").body == "Last words before closing."
    assert demo.plan.metadata().owner == "Anouk Mulder"


def test_add_rename_move_and_remove_a_section(
    qtbot, view: PlanView, demo: Services, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    select(view, "team")
    assert not view.remove_button.isEnabled()  # standard sections stay
    view.add_button.click()
    keys = [s.key for s in demo.plan.sections()]
    new = keys[3]
    assert new.startswith("custom-") and view.current_key() == new
    view.editor.title.setText("Key suppliers")
    view.editor.title.editingFinished.emit()
    assert demo.plan.section(new).title == "Key suppliers"
    assert view.sections.currentItem().text().startswith("Key suppliers")
    view.up_button.click()
    assert [s.key for s in demo.plan.sections()][2] == new
    assert view.current_key() == new and view.sections.currentRow() == 2
    assert view.remove_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    view.remove_button.click()
    assert new in [s.key for s in demo.plan.sections()]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.remove_button.click()
    assert new not in [s.key for s in demo.plan.sections()]
    assert view.current_key() in [s.key for s in demo.plan.sections()]


def test_empty_handbook_offers_the_standard_sections(qtbot, empty: Services) -> None:  # type: ignore[no-untyped-def]
    v = PlanView(empty)
    empty.notifier.subscribe(v.on_changed)
    qtbot.addWidget(v)
    assert v.right.currentWidget() is v.empty
    assert isinstance(v.empty, EmptyState) and v.empty.button is not None
    v.empty.button.click()
    assert v.right.currentWidget() is v.editor
    assert v.sections.count() == len(STANDARD_SECTIONS)
    assert v.sections.item(0).text().endswith("(empty)")
    qtbot.keyClicks(v.editor.source, "We cover everything.")
    assert v.save_all()
    assert empty.plan.section("scope").body == "We cover everything."


def test_details_save_on_enter_and_refuse_bad_values(qtbot, view: PlanView, demo: Services) -> None:  # type: ignore[no-untyped-def]
    details = view.details
    assert not details.save_button.isEnabled()
    details.owner.clear()
    qtbot.keyClicks(details.owner, "Anouk Mulder")
    assert details.save_button.isEnabled()
    qtbot.keyClick(details.owner, Qt.Key.Key_Return)
    assert demo.plan.metadata().owner == "Anouk Mulder"
    assert not details.save_button.isEnabled()
    details.version.clear()
    details.review_interval.setValue(180)
    assert not details.save()
    assert "plan version" in details.message.text()
    assert details.version.text() == "" and details.review_interval.value() == 180  # kept
    meta = demo.plan.metadata()
    assert (meta.version, meta.review_interval_days) == ("3.2", 365)  # nothing half-saved
    details.version.setText("4.0")
    details.country.setCurrentIndex(details.country.findData("BE"))
    assert details.save()
    meta = demo.plan.metadata()
    assert (meta.version, meta.review_interval_days, meta.country) == ("4.0", 180, "BE")


def test_reviewed_today_and_next_review(qtbot, view: PlanView, demo: Services) -> None:  # type: ignore[no-untyped-def]
    details = view.details
    assert "overdue" not in details.next_review.text()
    details.review_interval.setValue(30)
    assert details.save()
    assert "overdue" in details.next_review.text()
    details.owner.setText("Typed, not saved")
    details.reviewed_today.click()
    assert demo.plan.metadata().last_reviewed == date(2026, 3, 14)
    assert details.last_reviewed.date() == QDate(2026, 3, 14)
    assert details.owner.text() == "Typed, not saved"  # kept across the reload
    assert "overdue" not in details.next_review.text()
    assert details.next_review.text() == "13/04/2026"  # as the interface writes dates


def test_readiness_review_button_opens_the_plan(qtbot, demo: Services, qsettings) -> None:  # type: ignore[no-untyped-def]
    demo.plan.update_metadata(review_interval_days=30)
    window = MainWindow(demo, qsettings)
    qtbot.addWidget(window)
    readiness = window.views["readiness"]
    buttons = {r.finding.code: r.button for r in readiness.rows if r.button is not None}
    assert buttons["plan_review_overdue"].text() == "Review"
    buttons["plan_review_overdue"].click()
    assert window.current_area() == "plan"
    window.show_area("readiness")
    buttons["contacts_unverified"].click()
    assert window.current_area() == "contacts"
    # rows without something to do have no button
    assert all(r.button is None for r in readiness.rows if r.finding.code == "playbooks_current")


def test_a_title_being_typed_survives_other_saves_and_ctrl_s_saves_it(
    qtbot, view: PlanView, demo: Services
) -> None:  # type: ignore[no-untyped-def]
    view.editor.title.selectAll()
    qtbot.keyClicks(view.editor.title, "Scope")
    demo.plan.update_metadata(owner="Someone")  # a plan change arrives meanwhile
    assert view.editor.title.text() == "Scope"
    qtbot.keyClick(view.editor.source, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert demo.plan.section("scope").title == "Scope"
    assert view.sections.item(0).text() == "Scope"
