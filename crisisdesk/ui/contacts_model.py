"""The contact list as a Qt item model: one row per contact, no widget per row.

The model holds ``ContactEntry`` values computed once by the service (roles, main
number, verification state, search key), so painting and filtering 5,000 rows does
not touch the database.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from crisisdesk.domain.contacts import query_matches
from crisisdesk.domain.i18n import _, format_date
from crisisdesk.domain.readiness import Status
from crisisdesk.services.contacts import ContactEntry
from crisisdesk.ui.style import status_colour

NAME, ORGANISATION, ROLES, NUMBER, VERIFIED = range(5)
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def column_titles() -> tuple[str, ...]:
    return (
        _("Name"),
        _("Organisation / function"),
        _("Role(s)"),
        _("Main number"),
        _("Last verified"),
    )


def number_text(entry: ContactEntry) -> str:
    if not entry.main_number:
        return _("no number")
    if entry.main_flagged:
        # a word, not only a colour
        return _("{typed}  [not a valid number]").format(typed=entry.main_number)
    return entry.main_number


def verified_text(entry: ContactEntry) -> str:
    verified = entry.contact.last_verified
    if verified is None:
        return _("never — overdue")
    if entry.overdue:
        return _("{date} — overdue").format(date=format_date(verified))
    return format_date(verified)


def organisation_text(entry: ContactEntry) -> str:
    c = entry.contact
    parts = [c.job_title] if c.internal else [c.organisation, c.job_title]
    parts = [p for p in parts if p and p != c.name]
    if not c.internal:
        parts.insert(0, _("external"))  # first, so a narrow column never cuts it off
    return " · ".join(parts)


class ContactsTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[ContactEntry] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # -- content ------------------------------------------------------------------
    def set_entries(self, entries: list[ContactEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> ContactEntry:
        return self._entries[row]

    def entries(self) -> list[ContactEntry]:
        return list(self._entries)

    def row_of(self, contact_id: str) -> int:
        for row, entry in enumerate(self._entries):
            if entry.contact.id == contact_id:
                return row
        return -1

    # -- Qt model API -------------------------------------------------------------
    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            titles = column_titles()
            if 0 <= section < len(titles):
                return titles[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._entries)):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(entry, column)
        if role == SORT_ROLE:
            if column == VERIFIED:
                v = entry.contact.last_verified
                return v.isoformat() if v else ""
            return self._text(entry, column).casefold()
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == NUMBER and entry.main_flagged:
                return QColor(status_colour(Status.BAD))
            if column == VERIFIED and entry.overdue:
                return QColor(status_colour(Status.WARN))
        if role == Qt.ItemDataRole.FontRole and column in (NAME, NUMBER):
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(entry, column)
        return None

    @staticmethod
    def _text(entry: ContactEntry, column: int) -> str:
        if column == NAME:
            return entry.contact.name
        if column == ORGANISATION:
            return organisation_text(entry)
        if column == ROLES:
            return ", ".join(entry.roles)
        if column == NUMBER:
            return number_text(entry)
        return verified_text(entry)


class ContactsFilterProxy(QSortFilterProxyModel):
    """Filters by the service's search rule (names, roles, organisations, number
    digits in any formatting) as the user types."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._query = ""
        self.setSortRole(SORT_ROLE)

    def set_query(self, query: str) -> None:
        self.beginFilterChange()
        self._query = query
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._query.strip():
            return True
        model = self.sourceModel()
        if not isinstance(model, ContactsTableModel):
            return True
        return query_matches(self._query, model.entry(source_row).key)
