"""The crisis-team view: roles with ordered backups; the call tree with drag and drop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from crisisdesk.services.handbook import Services
from crisisdesk.ui.main_window import MainWindow
from crisisdesk.ui.team_models import CallTreeModel, RolesModel
from crisisdesk.ui.views.team import TeamView


@pytest.fixture
def view(qtbot, demo: Services) -> TeamView:  # type: ignore[no-untyped-def]
    v = TeamView(demo)
    demo.notifier.subscribe(v.on_changed)
    qtbot.addWidget(v)
    v.resize(1180, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


@pytest.fixture
def ids(demo: Services) -> dict[str, str]:
    return {name: cid for cid, name in demo.team.names().items()}


def caller_of(services: Services, person: str) -> str | None:
    return next(e.caller_id for e in services.team.edges() if e.callee_id == person)


def test_models_pass_the_model_tester(qtmodeltester, view: TeamView) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(view.calls.model)
    qtmodeltester.check(view.roles.model)


def test_empty_models_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(CallTreeModel())
    qtmodeltester.check(RolesModel())


def test_tree_shows_who_calls_whom_in_order_with_backups_and_roles(
    view: TeamView, ids: dict[str, str]
) -> None:
    model = view.calls.model
    assert model.rowCount() == 1
    top = model.index(0, 0)
    assert model.data(top) == "1. Jan de Vries"
    assert model.data(model.index(0, 1)) == "Anouk Mulder"
    assert model.data(model.index(0, 2)) == "Crisis lead"
    calls = [model.data(model.index(r, 0, top)) for r in range(model.rowCount(top))]
    assert calls == [
        "1. Anouk Mulder",
        "2. Marieke Bos",
        "3. Lotte Smit",
        "4. Esther Dekker",
        "5. Chantal Willems",
        "6. Sven Hendriks",
    ]
    assert view.calls.check.property("ok") is True
    assert "Call tree OK" in view.calls.check.text()


def test_drop_moves_a_branch(qtbot, view: TeamView, demo: Services, ids: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    model = view.calls.model
    assert view.calls.tree.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    mime = model.mimeData([model.index_of(ids["Pieter Bakker"])])
    target = model.index_of(ids["Lotte Smit"])
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, target)
    # False: the view must not delete the dragged rows; the move arrives queued
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, target)
    qtbot.waitUntil(lambda: caller_of(demo, ids["Pieter Bakker"]) == ids["Lotte Smit"])
    lotte = model.index_of(ids["Lotte Smit"])
    assert model.data(model.index(0, 0, lotte)) == "1. Pieter Bakker"
    pieter = model.index_of(ids["Pieter Bakker"])
    assert model.rowCount(pieter) == 3  # his calls came along
    assert view.calls.selected() == ids["Pieter Bakker"]


def test_drop_within_the_same_caller_reorders(
    qtbot, view: TeamView, demo: Services, ids: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    model = view.calls.model
    mime = model.mimeData([model.index_of(ids["Anouk Mulder"])])
    top = model.index_of(ids["Jan de Vries"])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, top)  # between Lotte and Esther
    qtbot.waitUntil(
        lambda: (
            model.data(model.index(2, 0, model.index_of(ids["Jan de Vries"]))) == "3. Anouk Mulder"
        )
    )
    jan = model.index_of(ids["Jan de Vries"])
    assert model.data(model.index(0, 0, jan)) == "1. Marieke Bos"


def test_dropping_a_branch_on_its_own_descendant_is_refused(
    qtbot, view: TeamView, demo: Services, ids: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    model = view.calls.model
    before = demo.team.edges()
    mime = model.mimeData([model.index_of(ids["Anouk Mulder"])])
    below = model.index_of(ids["Sanne Janssen"])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, below)
    with qtbot.assertNotEmitted(model.moveRequested):
        assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, below)
    # the same move asked another way gets the service's clear refusal
    assert not view.calls.move(ids["Anouk Mulder"], ids["Sanne Janssen"])
    assert "same branch" in view.calls.feedback.text()
    assert demo.team.edges() == before


def test_move_under_dialog_is_the_keyboard_way(
    qtbot, view: TeamView, demo: Services, ids: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    view.calls.select(ids["Anouk Mulder"])
    view.calls.tree.setFocus()
    view.calls.actions["move"].trigger()
    dialog = view.calls.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    names = [dialog.choices.item(r).text() for r in range(dialog.choices.count())]
    assert "Sanne Janssen" not in names and "Anouk Mulder" not in names  # her own branch
    assert "Lotte Smit" in names and names[0].startswith("(top")
    dialog.choices.setCurrentRow(names.index("Lotte Smit"))
    dialog.accept()
    assert caller_of(demo, ids["Anouk Mulder"]) == ids["Lotte Smit"]
    assert "now called by Lotte Smit" in view.calls.feedback.text()


def test_keyboard_reorder_backup_and_add(
    qtbot, view: TeamView, demo: Services, ids: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    calls = view.calls
    calls.select(ids["Esther Dekker"])
    calls.tree.setFocus()
    qtbot.keyClick(calls.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    jan = calls.model.index_of(ids["Jan de Vries"])
    assert calls.model.data(calls.model.index(2, 0, jan)) == "3. Esther Dekker"
    assert calls.selected() == ids["Esther Dekker"]
    calls.backup.setCurrentIndex(calls.backup.findData(ids["Koen Vos"]))
    calls.backup.activated.emit(calls.backup.currentIndex())
    edge = next(e for e in demo.team.edges() if e.callee_id == ids["Esther Dekker"])
    assert edge.backup_id == ids["Koen Vos"]
    assert calls.backup.findData(ids["Esther Dekker"]) == -1  # not her own backup
    ap = ids["Autoriteit Persoonsgegevens"]
    calls.newcomer.setCurrentIndex(calls.newcomer.findData(ap))
    calls.add.click()
    assert caller_of(demo, ap) == ids["Esther Dekker"]
    assert calls.newcomer.findData(ap) == -1  # now in the tree


def test_removing_someone_shows_the_check_problem(
    qtbot, view: TeamView, demo: Services, ids: dict[str, str], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.calls.select(ids["Esther Dekker"])
    view.calls.remove.click()
    assert ids["Esther Dekker"] not in {e.callee_id for e in demo.team.edges()}
    assert view.calls.check.property("ok") is False
    assert "Nobody calls Esther Dekker" in view.calls.check.text()
    assert view.calls.model.index_of(ids["Esther Dekker"]) == QModelIndex()


def select_role(view: TeamView, name: str) -> None:
    model = view.roles.model
    row = next(r for r in range(model.rowCount()) if model.role_at(r).name == name)  # type: ignore[union-attr]
    view.roles.select_role(model.role_at(row).id)  # type: ignore[union-attr]


def select_member(view: TeamView, cid: str) -> None:
    members = view.roles.members
    for r in range(members.count()):
        if members.item(r).data(Qt.ItemDataRole.UserRole) == cid:
            members.setCurrentRow(r)
            return
    raise AssertionError(cid)


def test_role_primary_and_ordered_backups(
    qtbot, view: TeamView, demo: Services, ids: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    select_role(view, "Crisis lead")
    panel = view.roles
    assert [panel.members.item(r).text() for r in range(panel.members.count())] == [
        "Primary: Jan de Vries",
        "Backup 1: Anouk Mulder",
        "Backup 2: Marieke Bos",
    ]
    select_member(view, ids["Marieke Bos"])
    panel.make_primary.click()
    lead = next(r for r in demo.team.roles() if r.name == "Crisis lead")
    assert lead.members == (ids["Marieke Bos"], ids["Jan de Vries"], ids["Anouk Mulder"])
    assert panel.model.data(panel.model.index(panel.model.row_of(lead.id), 1)) == "Marieke Bos"
    select_member(view, ids["Anouk Mulder"])
    panel.member_up.click()
    lead = next(r for r in demo.team.roles() if r.name == "Crisis lead")
    assert lead.backups == (ids["Anouk Mulder"], ids["Jan de Vries"])
    assert panel.current_member() == ids["Anouk Mulder"]  # selection follows
    assert panel.person.findData(ids["Jan de Vries"]) == -1  # already in the role
    panel.person.setCurrentIndex(panel.person.findData(ids["Koen Vos"]))
    panel.add_member.click()
    lead = next(r for r in demo.team.roles() if r.name == "Crisis lead")
    assert lead.backups[-1] == ids["Koen Vos"]
    select_member(view, ids["Koen Vos"])
    panel.remove_member.click()
    assert (
        ids["Koen Vos"] not in next(r for r in demo.team.roles() if r.name == "Crisis lead").members
    )


def test_new_rename_and_remove_role(qtbot, view: TeamView, demo: Services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    panel = view.roles
    panel.new_role.click()
    role = demo.team.roles()[-1]
    assert panel.current_role_id() == role.id and panel.name.text() == "New role"
    panel.name.setText("HR liaison")
    panel.description.setText("Staff welfare and families")
    panel.name.editingFinished.emit()
    role = demo.team.role(role.id)
    assert (role.name, role.description) == ("HR liaison", "Staff welfare and families")
    assert panel.model.data(panel.model.index(panel.model.row_of(role.id), 1)) == "— nobody —"
    panel.role_up.click()
    assert demo.team.roles()[-2].id == role.id
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.remove_role.click()
    assert role.id not in [r.id for r in demo.team.roles()]
    panel.name.setText("   ")
    select_role(view, "Scribe")
    panel.name.setText(" ")
    panel.name.editingFinished.emit()
    assert "needs a name" in panel.feedback.text()
    assert any(r.name == "Scribe" for r in demo.team.roles())


def test_crisis_team_is_an_area_and_readiness_links_to_it(qtbot, demo: Services, qsettings) -> None:  # type: ignore[no-untyped-def]
    role = demo.team.add_role("Facilities")  # nobody in it: readiness says so
    assert role.primary is None
    window = MainWindow(demo, qsettings)
    qtbot.addWidget(window)
    assert isinstance(window.views["team"], TeamView)
    rows = [r for r in window.views["readiness"].rows if r.finding.code == "roles_unfilled"]
    assert rows and rows[0].button is not None
    rows[0].button.click()
    assert window.current_area() == "team"


def test_empty_handbook_offers_the_usual_roles_and_a_first_call(qtbot, empty: Services) -> None:  # type: ignore[no-untyped-def]
    from crisisdesk.domain.contacts import Contact

    v = TeamView(empty)
    empty.notifier.subscribe(v.on_changed)
    qtbot.addWidget(v)
    v.show()
    assert v.roles.standard_roles.isVisible()
    assert "No contacts yet" in v.calls.check.text()
    v.roles.standard_roles.click()
    assert v.roles.model.rowCount() == 11
    assert not v.roles.standard_roles.isVisible()
    person = empty.contacts.add(Contact(id="c1", name="Jan de Vries"))
    assert "No call tree yet" in v.calls.check.text()
    assert v.calls.add.text() == "Add at the top"
    v.calls.newcomer.setCurrentIndex(v.calls.newcomer.findData(person.id))
    v.calls.add.click()
    assert v.calls.model.data(v.calls.model.index(0, 0)) == "1. Jan de Vries"
    assert "Nobody calls" not in v.calls.check.text()
    assert "Call tree OK" in v.calls.check.text()
