"""Item models of the crisis team: the roles table and the call tree (drag to move)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from crisisdesk.domain.contacts import Role
from crisisdesk.domain.i18n import _
from crisisdesk.domain.readiness import Status
from crisisdesk.services.team import CallNode
from crisisdesk.ui.style import status_colour

CALLEE_MIME = "application/x-crisisdesk-callee"
ContactIdRole = Qt.ItemDataRole.UserRole
AnyIndex = QModelIndex | QPersistentModelIndex


class RolesModel(QAbstractTableModel):
    """One row per role: its name, the primary and the backups in order."""

    COLUMNS = (lambda: _("Role"), lambda: _("Primary"), lambda: _("Backups (in order)"))

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._roles: list[Role] = []
        self._names: dict[str, str] = {}

    def set_roles(self, roles: list[Role], names: dict[str, str]) -> None:
        self.beginResetModel()
        self._roles = list(roles)
        self._names = dict(names)
        self.endResetModel()

    def role_at(self, row: int) -> Role | None:
        return self._roles[row] if 0 <= row < len(self._roles) else None

    def row_of(self, role_id: str) -> int:
        return next((i for i, r in enumerate(self._roles) if r.id == role_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._roles)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # type: ignore[no-untyped-def]
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]()
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or not 0 <= index.row() < len(self._roles):
            return None
        r = self._roles[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.name
            if col == 1:
                return self._names.get(r.primary, "") if r.primary else _("— nobody —")
            if col == 2:
                return ", ".join(self._names.get(b, b) for b in r.backups)
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.description or None
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and not r.primary:
            return Qt.GlobalColor.red
        if role == ContactIdRole:
            return r.id
        return None


class _Node:
    __slots__ = ("backup_id", "children", "contact_id", "lost", "parent", "row")

    def __init__(
        self,
        contact_id: str | None,
        backup_id: str | None,
        parent: _Node | None,
        row: int,
        lost: bool = False,
    ) -> None:
        self.contact_id = contact_id
        self.backup_id = backup_id
        self.parent = parent
        self.row = row
        self.lost = lost  # the top of the tree never reaches this person
        self.children: list[_Node] = []


class CallTreeModel(QAbstractItemModel):
    """Who calls whom, in order. Dropping a person on someone moves their whole branch
    there; the model does not change itself but asks (``moveRequested``) and is reloaded
    when the service has saved the move."""

    moveRequested = Signal(str, object, int)  # callee, new caller or None, position or -1

    COLUMNS = (
        lambda: _("Who calls whom"),
        lambda: _("Backup if not reached"),
        lambda: _("Crisis-team role"),
    )

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._root = _Node(None, None, None, 0)
        self._names: dict[str, str] = {}
        self._roles_of: dict[str, list[str]] = {}
        self._by_contact: dict[str, _Node] = {}

    # -- loading ------------------------------------------------------------------
    def set_tree(
        self,
        tree: list[CallNode],
        names: dict[str, str],
        roles: list[Role],
        unreached: list[CallNode] | None = None,
    ) -> None:
        """``unreached``: branches the top never reaches (rings, detached callers); they
        are shown after the tree, marked, so they can be moved to a proper place."""
        self.beginResetModel()
        self._names = dict(names)
        self._roles_of = {}
        for r in roles:
            for rank, person in enumerate(r.members):
                label = r.name if rank == 0 else _("{role} (backup)").format(role=r.name)
                self._roles_of.setdefault(person, []).append(label)
        self._root = _Node(None, None, None, 0)
        self._by_contact = {}

        def build(parent: _Node, nodes: tuple[CallNode, ...] | list[CallNode], lost: bool) -> None:
            for n in nodes:
                node = _Node(n.contact_id, n.backup_id, parent, len(parent.children), lost)
                self._by_contact[n.contact_id] = node
                parent.children.append(node)
                build(node, n.children, lost)

        build(self._root, tree, False)
        build(self._root, unreached or [], True)
        self.endResetModel()

    def _node(self, index: AnyIndex) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index_of(self, contact_id: str) -> QModelIndex:
        node = self._by_contact.get(contact_id)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    def contact_at(self, index: AnyIndex) -> str | None:
        return self._node(index).contact_id if index.isValid() else None

    def name(self, contact_id: str | None) -> str:
        return self._names.get(contact_id, "") if contact_id else ""

    # -- the model interface ------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # type: ignore[no-untyped-def]
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]()
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        node = self._node(index)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0 and node.lost and node.parent is self._root:
                return _("✕ {name} — not reached").format(name=self.name(node.contact_id))
            if col == 0:
                return f"{node.row + 1}. {self.name(node.contact_id)}"
            if col == 1:
                return self.name(node.backup_id)
            if col == 2:
                return ", ".join(self._roles_of.get(node.contact_id or "", []))
        if role == Qt.ItemDataRole.ForegroundRole and node.lost:
            return QColor(
                status_colour(Status.BAD)
            )  # the status red: never reached when the tree runs
        if role == Qt.ItemDataRole.ToolTipRole and col == 0 and node.lost:
            return _(
                "Nobody the tree calls reaches this person. Move them under someone "
                "in the tree (drag, or Ctrl+M)."
            )
        if role == Qt.ItemDataRole.ToolTipRole and col == 2:
            return "\n".join(self._roles_of.get(node.contact_id or "", [])) or None
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            caller = node.parent.contact_id if node.parent else None
            return (
                _("{caller}'s call number {n}").format(n=node.row + 1, caller=self.name(caller))
                if caller
                else _("Called by whoever activates the tree, call number {n}").format(
                    n=node.row + 1
                )
            )
        if role == ContactIdRole:
            return node.contact_id
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled  # dropping on empty space: to the top
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    # -- drag and drop ------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [CALLEE_MIME]

    def mimeData(self, indexes) -> QMimeData:  # type: ignore[no-untyped-def]
        mime = QMimeData()
        people = [self.contact_at(i) for i in indexes if i.isValid() and i.column() == 0]
        if people and people[0]:
            mime.setData(CALLEE_MIME, people[0].encode("utf-8"))
        return mime

    def _dropped(self, data: QMimeData) -> str | None:
        if not data.hasFormat(CALLEE_MIME):
            return None
        person = bytes(data.data(CALLEE_MIME).data()).decode("utf-8")
        return person if person in self._by_contact else None

    def is_within(self, person: str, target: str | None) -> bool:
        """Whether ``target`` is ``person`` or someone below them."""
        node = self._by_contact.get(target) if target else None
        while node is not None and node is not self._root:
            if node.contact_id == person:
                return True
            node = node.parent
        return False

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # type: ignore[no-untyped-def]
        person = self._dropped(data)
        if person is None or action != Qt.DropAction.MoveAction:
            return False
        return not self.is_within(person, self.contact_at(parent))

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # type: ignore[no-untyped-def]
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        person = self._dropped(data)
        assert person is not None
        new_caller = self.contact_at(parent)
        node = self._by_contact[person]
        position = row
        if row >= 0 and node.parent is self._node(parent) and node.row < row:
            position = row - 1  # the person leaves their old place above the drop point
        self.moveRequested.emit(person, new_caller, position)
        # False: the view must not remove the dragged rows; the service's save reloads us.
        return False
