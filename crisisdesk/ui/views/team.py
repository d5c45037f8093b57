"""The crisis team: roles with a primary and ordered backups, and the call tree.

Every click is one saved action (the services commit, then the view reloads). Refused
edits (a cycle, a duplicate) are explained in red next to the control, never silently
dropped and never in a blocking dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _
from crisisdesk.domain.readiness import Status
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services
from crisisdesk.ui.style import STATUS_SYMBOLS, style_status
from crisisdesk.ui.team_models import CallTreeModel, RolesModel
from crisisdesk.ui.widgets import Feedback, Heading, table_view


def person_combo(names: dict[str, str], exclude: set[str] | frozenset[str] = frozenset(), none: str | None = None) -> QComboBox:  # fmt: skip
    combo = QComboBox()
    fill_person_combo(combo, names, exclude, none)
    return combo


def fill_person_combo(
    combo: QComboBox,
    names: dict[str, str],
    exclude: set[str] | frozenset[str] = frozenset(),
    none: str | None = None,
) -> None:
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if none is not None:
        combo.addItem(none, None)
    for cid, name in sorted(names.items(), key=lambda kv: kv[1].lower()):
        if cid not in exclude:
            combo.addItem(name, cid)
    index = combo.findData(keep)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


class MoveUnderDialog(QDialog):
    """Choose who should call the selected person (the keyboard way to drag a branch)."""

    def __init__(
        self, person: str, candidates: list[tuple[str, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Move under…"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_("Who should call {name} (and everyone {name} calls)?").format(name=person))
        )
        self.choices = QListWidget()
        top = QListWidgetItem(_("(top of the tree: called when the tree is activated)"))
        top.setData(Qt.ItemDataRole.UserRole, None)
        self.choices.addItem(top)
        for cid, name in candidates:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        self.choices.itemDoubleClicked.connect(self.accept)
        layout.addWidget(self.choices)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(380, 420)

    def chosen(self) -> str | None:
        item = self.choices.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class RolesPanel(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(_("Roles"), parent)
        self._services = services
        self._names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.model = RolesModel(self)
        self.table = table_view()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Crisis-team roles"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 5)
        role_buttons = QHBoxLayout()
        self.standard_roles = QPushButton(_("Add the usual roles"))
        self.standard_roles.setToolTip(
            _(
                "Crisis lead, deputy, scribe, IT lead, security, communications, privacy officer, legal, management, liaisons"
            )
        )
        self.new_role = QPushButton(_("New role"))
        self.role_up = QPushButton(_("Up"))
        self.role_down = QPushButton(_("Down"))
        self.remove_role = QPushButton(_("Remove role"))
        for b in (
            self.standard_roles,
            self.new_role,
            self.role_up,
            self.role_down,
            self.remove_role,
        ):
            role_buttons.addWidget(b)
        role_buttons.addStretch(1)
        layout.addLayout(role_buttons)

        form = QFormLayout()
        self.name = QLineEdit()
        self.description = QLineEdit()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Task"), self.description)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("People, in the order to try them (first: the primary)")))
        members_row = QHBoxLayout()
        self.members = QListWidget()
        self.members.setAccessibleName(_("People in this role"))
        members_row.addWidget(self.members, 1)
        member_buttons = QVBoxLayout()
        self.member_up = QPushButton(_("Up"))
        self.member_down = QPushButton(_("Down"))
        self.make_primary = QPushButton(_("Make primary"))
        self.remove_member = QPushButton(_("Remove"))
        for b in (self.member_up, self.member_down, self.make_primary, self.remove_member):
            member_buttons.addWidget(b)
        member_buttons.addStretch(1)
        members_row.addLayout(member_buttons)
        layout.addLayout(members_row, 2)
        add_row = QHBoxLayout()
        self.person = QComboBox()
        self.person.setAccessibleName(_("Person to add to the role"))
        self.add_member = QPushButton(_("Add to role"))
        add_row.addWidget(self.person, 1)
        add_row.addWidget(self.add_member)
        layout.addLayout(add_row)
        self.feedback = Feedback()
        layout.addWidget(self.feedback)

        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_role())
        self.new_role.clicked.connect(self._new_role)
        self.standard_roles.clicked.connect(
            lambda: self.feedback.attempt(self._services.team.add_standard_roles)
        )
        self.role_up.clicked.connect(lambda: self._move_role(-1))
        self.role_down.clicked.connect(lambda: self._move_role(1))
        self.remove_role.clicked.connect(self._remove_role)
        self.name.editingFinished.connect(self._rename)
        self.description.editingFinished.connect(self._rename)
        self.member_up.clicked.connect(lambda: self._move_member(-1))
        self.member_down.clicked.connect(lambda: self._move_member(1))
        self.make_primary.clicked.connect(self._make_primary)
        self.remove_member.clicked.connect(self._remove_member)
        self.add_member.clicked.connect(self._add_member)
        self.members.currentRowChanged.connect(lambda _r: self._update_buttons())

    # -- loading ------------------------------------------------------------------
    def current_role_id(self) -> str | None:
        role = self.model.role_at(self.table.currentIndex().row())
        return role.id if role else None

    def select_role(self, role_id: str | None) -> None:
        row = self.model.row_of(role_id) if role_id else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_role()

    def refresh(self) -> None:
        keep = self.current_role_id()
        member = self.current_member()
        self._names = self._services.team.names()
        self.model.set_roles(self._services.team.roles(), self._names)
        self.select_role(keep)
        if member:
            for row in range(self.members.count()):
                if self.members.item(row).data(Qt.ItemDataRole.UserRole) == member:
                    self.members.setCurrentRow(row)

    def _show_role(self) -> None:
        role = self.model.role_at(self.table.currentIndex().row())
        self.name.setText(role.name if role else "")
        self.description.setText(role.description if role else "")
        self.members.clear()
        for rank, cid in enumerate(role.members if role else ()):
            name = self._names.get(cid, cid)
            text = (
                _("Primary: {name}").format(name=name)
                if rank == 0
                else _("Backup {n}: {name}").format(n=rank, name=name)
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, cid)
            self.members.addItem(item)
        fill_person_combo(self.person, self._names, set(role.members) if role else set())
        self._update_buttons()

    def current_member(self) -> str | None:
        item = self.members.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _update_buttons(self) -> None:
        self.standard_roles.setVisible(self.model.rowCount() == 0)
        has_role = self.current_role_id() is not None
        row = self.table.currentIndex().row()
        for w in (self.name, self.description, self.remove_role, self.add_member, self.person):
            w.setEnabled(has_role)
        self.role_up.setEnabled(has_role and row > 0)
        self.role_down.setEnabled(has_role and row < self.model.rowCount() - 1)
        m = self.members.currentRow()
        has_member = self.current_member() is not None
        self.member_up.setEnabled(has_member and m > 0)
        self.member_down.setEnabled(has_member and m < self.members.count() - 1)
        self.make_primary.setEnabled(has_member and m > 0)
        self.remove_member.setEnabled(has_member)
        self.add_member.setEnabled(has_role and self.person.count() > 0)

    # -- actions ------------------------------------------------------------------
    def _new_role(self) -> None:
        try:
            role = self._services.team.add_role(_("New role"))
        except CrisisdeskError as exc:
            self.feedback.say(str(exc), Status.BAD)
            return
        self.select_role(role.id)
        self.name.setFocus()
        self.name.selectAll()

    def _move_role(self, delta: int) -> None:
        role_id = self.current_role_id()
        if role_id:
            self.feedback.attempt(lambda: self._services.team.move_role(role_id, delta))

    def _remove_role(self) -> None:
        role_id = self.current_role_id()
        if role_id is None:
            return
        name = self.name.text()
        answer = QMessageBox.question(
            self, _("Remove role"), _("Remove the role “{name}”?").format(name=name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.feedback.attempt(
                lambda: self._services.team.remove_role(role_id),
                _("Role “{name}” removed.").format(name=name),
            )

    def _rename(self) -> None:
        role = self.model.role_at(self.table.currentIndex().row())
        if role is None:
            return
        name, description = self.name.text().strip(), self.description.text().strip()
        if (name, description) == (role.name, role.description):
            return
        self.feedback.attempt(lambda: self._services.team.rename_role(role.id, name, description))

    def _member_action(self, action, done: str = "") -> None:  # type: ignore[no-untyped-def]
        role_id, member = self.current_role_id(), self.current_member()
        if role_id and member:
            self.feedback.attempt(lambda: action(role_id, member), done)

    def _move_member(self, delta: int) -> None:
        self._member_action(lambda r, m: self._services.team.move_member(r, m, delta))

    def _make_primary(self) -> None:
        self._member_action(self._services.team.set_primary)

    def _remove_member(self) -> None:
        self._member_action(self._services.team.remove_member)

    def _add_member(self) -> None:
        role_id, person = self.current_role_id(), self.person.currentData()
        if role_id and person:
            self.feedback.attempt(lambda: self._services.team.add_backup(role_id, person))


class CallTreePanel(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(_("Call tree"), parent)
        self._services = services
        self._names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.check = QLabel()
        self.check.setWordWrap(True)
        self.check.setAccessibleName(_("Call tree check"))
        layout.addWidget(self.check)
        self.model = CallTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(_("Call tree"))
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDropIndicatorShown(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        layout.addWidget(self.tree, 1)
        hint = QLabel(
            _(
                "Drag a person onto someone else to move them and everyone they call. "
                "Keyboard: Ctrl+Up/Down reorders, Ctrl+M moves under someone else."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        row = QHBoxLayout()
        self.up = QPushButton(_("Call earlier"))
        self.down = QPushButton(_("Call later"))
        self.move_under = QPushButton(_("Move under…"))
        self.remove = QPushButton(_("Remove from tree"))
        for b in (self.up, self.down, self.move_under, self.remove):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        form = QFormLayout()
        self.backup = QComboBox()
        self.backup.setAccessibleName(_("Backup of the selected person"))
        form.addRow(_("Backup of selected"), self.backup)
        add_row = QHBoxLayout()
        self.newcomer = QComboBox()
        self.newcomer.setAccessibleName(_("Person to add to the call tree"))
        self.add = QPushButton(_("Add, called by selected"))
        add_row.addWidget(self.newcomer, 1)
        add_row.addWidget(self.add)
        form.addRow(_("Not in the tree"), add_row)
        layout.addLayout(form)
        self.feedback = Feedback()
        layout.addWidget(self.feedback)

        self.actions: dict[str, QAction] = {}
        for key, text, shortcut, slot in (
            ("up", _("Call earlier"), "Ctrl+Up", lambda: self.shift(-1)),
            ("down", _("Call later"), "Ctrl+Down", lambda: self.shift(1)),
            ("move", _("Move under…"), "Ctrl+M", self.ask_move_under),
            ("remove", _("Remove from tree"), "Delete", self.remove_selected),
        ):
            action = QAction(text, self.tree)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.tree.addAction(action)
            self.actions[key] = action
        self.up.clicked.connect(self.actions["up"].trigger)
        self.down.clicked.connect(self.actions["down"].trigger)
        self.move_under.clicked.connect(self.actions["move"].trigger)
        self.remove.clicked.connect(self.actions["remove"].trigger)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.model.moveRequested.connect(self.move, Qt.ConnectionType.QueuedConnection)
        self.backup.activated.connect(self._set_backup)
        self.add.clicked.connect(self._add)
        self.dialog: MoveUnderDialog | None = None
        self.tree.selectionModel().currentChanged.connect(lambda *_a: self._show_selected())

    # -- loading ------------------------------------------------------------------
    def selected(self) -> str | None:
        return self.model.contact_at(self.tree.currentIndex())

    def select(self, contact_id: str | None) -> None:
        index = self.model.index_of(contact_id) if contact_id else self.model.index(0, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        self._show_selected()

    def refresh(self) -> None:
        keep = self.selected()
        team = self._services.team
        self._names = team.names()
        self.model.set_tree(team.call_tree(), self._names, team.roles(), team.unreached_branches())
        self.tree.expandAll()
        for col in range(self.model.columnCount() - 1):
            self.tree.resizeColumnToContents(col)
        in_tree = {e.callee_id for e in team.edges()}
        fill_person_combo(self.newcomer, self._names, in_tree)
        self.select(keep)
        self._show_check()

    def _show_check(self) -> None:
        report = self._services.team.check_call_tree()
        if report.ok and self.model.rowCount() == 0:
            self.check.setText(
                f"{STATUS_SYMBOLS[Status.WARN]}  "
                + (
                    _(
                        "No call tree yet: pick the first person to call below and press "
                        "“Add at the top”."
                    )
                    if self._names
                    else _(
                        "No contacts yet: add people in Contacts, then build the call tree here."
                    )
                )
            )
            self.check.setProperty("ok", True)
            style_status(self.check, Status.WARN)
            return
        if report.ok:
            status = Status.OK
            text = _("Call tree OK: no cycles, everyone in the crisis team is called.")
        else:
            status = Status.BAD
            text = "\n".join(self._services.team.describe(report))
        self.check.setText(f"{STATUS_SYMBOLS[status]}  {text}")
        self.check.setProperty("ok", report.ok)
        style_status(self.check, status)

    def _show_selected(self) -> None:
        person = self.selected()
        has = person is not None
        fill_person_combo(self.backup, self._names, {person} if person else set(), _("(no backup)"))
        if has:
            self.backup.setCurrentIndex(max(self.backup.findData(self._backup_of(person)), 0))
        for w in (self.backup, self.up, self.down, self.move_under, self.remove):
            w.setEnabled(has)
        for action in self.actions.values():
            action.setEnabled(has)
        self.add.setText(_("Add, called by selected") if has else _("Add at the top"))
        self.add.setEnabled(self.newcomer.count() > 0)

    def _backup_of(self, person: str) -> str | None:
        edge = next((e for e in self._services.team.edges() if e.callee_id == person), None)
        return edge.backup_id if edge else None

    # -- actions ------------------------------------------------------------------
    def move(self, person: str, new_caller: str | None, position: int = -1) -> bool:
        caller = self._names.get(new_caller, "") if new_caller else _("the top of the tree")
        ok = self.feedback.attempt(
            lambda: self._services.team.move_call(
                person, new_caller, None if position < 0 else position
            ),
            _("{name} is now called by {caller}.").format(
                name=self._names.get(person, ""), caller=caller
            ),
        )
        if ok:
            self.select(person)
        return ok

    def shift(self, delta: int) -> None:
        person = self.selected()
        if person:
            self.feedback.attempt(lambda: self._services.team.shift_call(person, delta))
            self.select(person)

    def ask_move_under(self) -> MoveUnderDialog | None:
        person = self.selected()
        if person is None:
            return None
        candidates = [
            (c, self._names.get(c, c)) for c in self._services.team.possible_callers(person)
        ]
        self.dialog = MoveUnderDialog(self._names.get(person, ""), candidates, self)
        self.dialog.accepted.connect(lambda: self.move(person, self.dialog.chosen()))  # type: ignore[union-attr]
        self.dialog.open()
        return self.dialog

    def remove_selected(self) -> None:
        person = self.selected()
        if person is None:
            return
        name = self._names.get(person, "")
        answer = QMessageBox.question(
            self,
            _("Remove from the call tree"),
            _(
                "Take {name} out of the call tree? The people {name} calls are then "
                "called by {name}'s caller instead."
            ).format(name=name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.feedback.attempt(
                lambda: self._services.team.remove_call(person),
                _("{name} removed from the call tree.").format(name=name),
            )

    def _set_backup(self) -> None:
        person = self.selected()
        if person:
            backup = self.backup.currentData()
            self.feedback.attempt(lambda: self._services.team.set_backup(person, backup))
            self.select(person)

    def _add(self) -> None:
        newcomer = self.newcomer.currentData()
        if newcomer is None:
            return
        caller = self.selected()
        if self.feedback.attempt(
            lambda: self._services.team.add_call(caller, newcomer),
            _("{name} added to the call tree.").format(name=self._names.get(newcomer, "")),
        ):
            self.select(newcomer)

    def _context_menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        if not self.tree.indexAt(pos).isValid():
            return
        menu = QMenu(self.tree)
        menu.addActions(list(self.actions.values()))
        menu.popup(self.tree.viewport().mapToGlobal(pos))


class TeamView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(_("Crisis team")))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.roles = RolesPanel(services)
        self.calls = CallTreePanel(services)
        splitter.addWidget(self.roles)
        splitter.addWidget(self.calls)
        splitter.setSizes([520, 640])
        layout.addWidget(splitter, 1)
        self.refresh()

    def refresh(self) -> None:
        self.roles.refresh()
        self.calls.refresh()

    def on_changed(self, change: Changed) -> None:
        if change.touches(Area.ROLES, Area.CONTACTS):
            self.roles.refresh()
        if change.touches(Area.ROLES, Area.CALL_TREE, Area.CONTACTS):
            self.calls.refresh()
