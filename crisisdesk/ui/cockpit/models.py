"""Item models of the cockpit: log (lazy), checklist, call cascade, scope, deadlines.

No widget per row anywhere: a 100,000-event log is a model that fetches pages on
demand (``canFetchMore``/``fetchMore``), so the view stays responsive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from crisisdesk.domain.cascade import Cascade
from crisisdesk.domain.clock import format_duration, parse_iso
from crisisdesk.domain.deadlines import Deadline, DeadlineStatus
from crisisdesk.domain.event_text import category_label, category_of, describe
from crisisdesk.domain.events import Event
from crisisdesk.domain.i18n import _, format_datetime
from crisisdesk.domain.labels import (
    call_outcome_label,
    deadline_status_label,
    item_status_label,
    must_label,
    role_label,
    runs_from_label,
    scope_kind_label,
    scope_status_label,
)
from crisisdesk.domain.projection import ItemState, ItemStatus, ScopeEntry
from crisisdesk.domain.readiness import Status
from crisisdesk.services.incidents import IncidentService
from crisisdesk.ui.style import status_colour

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


def local_time(when: datetime | None, with_date: bool = False) -> str:
    """24-hour local time (with the date when asked)."""
    if when is None:
        return ""
    return format_datetime(when) if with_date else when.astimezone().strftime("%H:%M")


def tooltip_time(when: datetime | None) -> str:
    """Local time with its UTC offset, for hovering."""
    if when is None:
        return ""
    return f"{format_datetime(when, seconds=True)} (UTC{when.astimezone().strftime('%z')})"


def countdown(delta: timedelta) -> str:
    """h:mm:ss, negative when past."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    return f"{sign}{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


DEADLINE_STATUS = {
    DeadlineStatus.OK: Status.OK,
    DeadlineStatus.DUE_SOON: Status.WARN,
    DeadlineStatus.OVERDUE: Status.BAD,
    DeadlineStatus.DONE: Status.OK,
    DeadlineStatus.WAITING: Status.INFO,
    DeadlineStatus.INFO: Status.INFO,
}


class _TableModel(QAbstractTableModel):
    headers: tuple[Callable[[], str], ...] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == DISPLAY
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]()
        return None


class RowsModel(_TableModel):
    """A table over a list of rows that is replaced as a whole. Subclasses say what a
    cell shows in ``cell``; the bounds checks and row bookkeeping live here once."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What ``row`` shows in ``column`` for ``role`` (None: nothing)."""
        return None


class LogModel(_TableModel):
    """The incident log, fetched page by page in the chosen order and filter."""

    PAGE = 200
    headers = (
        lambda: "#",
        lambda: _("Time"),
        lambda: _("Kind"),
        lambda: _("Entry"),
        lambda: _("By"),
    )
    SEQ, TIME, KIND, TEXT, AUTHOR = range(5)

    def __init__(self, incidents: IncidentService, incident_id: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._incidents = incidents
        self.incident_id = incident_id
        self.newest_first = True
        self.categories: tuple[str, ...] = ()
        self.search = ""
        self._events: list[Event] = []
        self._more = True
        self.corrections: dict[str, list[str]] = {}  # event id -> ids of its corrections
        self._load_first()

    # -- configuration ------------------------------------------------------------
    def set_query(
        self, *, newest_first: bool, categories: Sequence[str] = (), search: str = ""
    ) -> None:
        self.beginResetModel()
        self.newest_first = newest_first
        self.categories = tuple(categories)
        self.search = search
        self._events = []
        self._more = True
        self._fetch()
        self.endResetModel()

    def _load_first(self) -> None:
        self._fetch()

    def _fetch(self) -> list[Event]:
        after = self._events[-1].seq if self._events else None
        page = self._incidents.log_page(
            self.incident_id,
            limit=self.PAGE,
            after_seq=after,
            newest_first=self.newest_first,
            categories=self.categories,
            search=self.search,
        )
        self._more = len(page) == self.PAGE
        self._events.extend(page)
        return page

    def refresh_new(self) -> None:
        """Show events saved since the last look (newest first: at the top)."""
        if self.newest_first:
            top = self._events[0].seq if self._events else 0
            new: list[Event] = []
            while True:
                page = self._incidents.log_page(
                    self.incident_id,
                    limit=self.PAGE,
                    after_seq=top,
                    newest_first=False,
                    categories=self.categories,
                    search=self.search,
                )
                new.extend(page)
                if len(page) < self.PAGE:
                    break
                top = page[-1].seq
            if new:
                self.beginInsertRows(QModelIndex(), 0, len(new) - 1)
                self._events[:0] = list(reversed(new))
                self.endInsertRows()
        elif not self._more:
            # Everything is loaded: fetch what follows the last row.
            self._more = True
            self.fetchMore(QModelIndex())

    # -- Qt model -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        after = self._events[-1].seq if self._events else None
        page = self._incidents.log_page(
            self.incident_id,
            limit=self.PAGE,
            after_seq=after,
            newest_first=self.newest_first,
            categories=self.categories,
            search=self.search,
        )
        self._more = len(page) == self.PAGE
        if page:
            start = len(self._events)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._events.extend(page)
            self.endInsertRows()

    def set_corrections(self, corrections: dict[str, list[str]]) -> None:
        """Mark corrected entries (their text stays; the correction is its own row)."""
        if corrections != self.corrections:
            self.corrections = dict(corrections)
            if self._events:
                self.dataChanged.emit(
                    self.index(0, self.TEXT), self.index(len(self._events) - 1, self.TEXT)
                )

    def event_at(self, row: int) -> Event:
        return self._events[row]

    def row_of_seq(self, seq: int) -> int | None:
        return next((i for i, e in enumerate(self._events) if e.seq == seq), None)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        col = index.column()
        if role == DISPLAY:
            if col == self.SEQ:
                return str(event.seq)
            if col == self.TIME:
                return local_time(parse_iso(event.occurred_at))
            if col == self.KIND:
                return category_label(category_of(event))
            if col == self.TEXT:
                text = describe(event)
                if event.id in self.corrections:
                    text = _("[corrected later] ") + text
                if event.occurred_at[:19] != event.recorded_at[:19]:
                    text += "  " + _("(entered {at})").format(
                        at=local_time(parse_iso(event.recorded_at), with_date=True)
                    )
                return text
            if col == self.AUTHOR:
                return event.author
        elif role == Qt.ItemDataRole.ToolTipRole:
            return (
                describe(event)
                + "\n\n"
                + _("Happened {occurred}\nSaved {recorded} by {author}\nhash {hash}").format(
                    author=event.author,
                    occurred=tooltip_time(parse_iso(event.occurred_at)),
                    recorded=tooltip_time(parse_iso(event.recorded_at)),
                    hash=event.hash[:16],
                )
            )
        elif role == Qt.ItemDataRole.FontRole and col == self.KIND:
            font = QFont()
            font.setBold(True)
            return font
        elif role == Qt.ItemDataRole.UserRole:
            return event.id
        return None


class ChecklistModel(_TableModel):
    """One phase's checklist; ticking goes through ``on_toggle`` (a service call)."""

    headers = (
        lambda: _("Done"),
        lambda: _("Item"),
        lambda: _("Owner"),
        lambda: _("Due"),
        lambda: _("Who / when"),
    )
    CHECK, TEXT, OWNER, DUE, WHO = range(5)

    def __init__(self, on_toggle: Callable[[ItemState, bool], bool], parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[ItemState] = []
        self._now = datetime.now().astimezone()
        self._on_toggle = on_toggle
        self.read_only = False

    def set_items(self, items: list[ItemState], now: datetime) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._now = now
        self.endResetModel()

    def set_now(self, now: datetime) -> None:
        self._now = now
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 4))

    def item_at(self, row: int) -> ItemState:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.CHECK and not self.read_only:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        s = self._items[index.row()]
        col = index.column()
        overdue = s.overdue(self._now)
        if role == Qt.ItemDataRole.CheckStateRole and col == self.CHECK:
            return (
                Qt.CheckState.Checked
                if s.status == ItemStatus.DONE
                else Qt.CheckState.PartiallyChecked
                if s.status == ItemStatus.NOT_APPLICABLE
                else Qt.CheckState.Unchecked
            )
        if role == DISPLAY:
            if col == self.CHECK:
                if s.status == ItemStatus.OPEN:
                    return _("OVERDUE") if overdue else ""
                return item_status_label(s.status)
            if col == self.TEXT:
                text = (must_label() + " · " if s.item.must else "") + s.item.text
                if s.status == ItemStatus.NOT_APPLICABLE:
                    text += "  " + _("(n/a: {reason})").format(reason=s.reason)
                if s.notes:
                    text += "  " + _("[{n} note(s)]").format(n=len(s.notes))
                return text
            if col == self.OWNER:
                return s.owner or role_label(s.item.owner_role or "")
            if col == self.DUE:
                if s.due_at is None:
                    return ""
                word = _("overdue") if overdue else _("due")
                due = s.due_at.astimezone()
                if due.date() != self._now.astimezone().date():
                    return f"{word} {format_datetime(due)}"
                return f"{word} {local_time(due)}"
            if col == self.WHO:
                return f"{s.by} · {local_time(s.at)}" if s.by else ""
        elif role == Qt.ItemDataRole.ForegroundRole:
            if overdue and col in (self.CHECK, self.DUE, self.TEXT):
                return QBrush(QColor(status_colour(Status.BAD)))
            if s.status != ItemStatus.OPEN:
                return QBrush(QColor(status_colour(Status.INFO)))
        elif role == Qt.ItemDataRole.FontRole and overdue:
            font = QFont()
            font.setBold(True)
            return font
        elif role == Qt.ItemDataRole.ToolTipRole:
            lines = [s.item.text]
            if s.item.note:
                lines.append(s.item.note)
            lines.extend(f"{local_time(n.at)} {n.author}: {n.text}" for n in s.notes)
            return "\n".join(lines)
        elif role == Qt.ItemDataRole.UserRole:
            return s.item.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            self.read_only
            or not index.isValid()
            or index.column() != self.CHECK
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        return self._on_toggle(self._items[index.row()], checked)


class CascadeModel(RowsModel):
    headers = (
        lambda: _("Person"),
        lambda: _("Outcome"),
        lambda: _("Time"),
        lambda: _("Backup"),
    )

    def set_cascade(self, cascade: Cascade) -> None:
        self.set_rows(cascade.rows)

    def cell(self, r: Any, column: int, role: int) -> Any:
        col = column
        if role == DISPLAY:
            if col == 0:
                return "    " * r.depth + r.name
            if col == 1:
                if r.last is None:
                    return _("pending")
                text = ("✓ " if r.reached else "✕ ") + call_outcome_label(r.last.outcome)
                return text + (f" ({r.attempts}×)" if r.attempts > 1 else "")
            if col == 2:
                return local_time(r.last.at) if r.last else ""
            if col == 3:
                if r.needs_backup:
                    return _("→ call {name}").format(name=r.backup_name)
                return r.backup_name
        elif role == Qt.ItemDataRole.ForegroundRole and col == 1 and r.last is not None:
            return QBrush(QColor(status_colour(Status.OK if r.reached else Status.WARN)))
        elif role == Qt.ItemDataRole.UserRole:
            return r.contact_id
        return None


class ScopeModel(RowsModel):
    headers = (lambda: _("Kind"), lambda: _("Name"), lambda: _("Status"), lambda: _("Since"))

    def set_entries(self, entries: list[ScopeEntry]) -> None:
        self.set_rows(entries)

    def entry_at(self, row: int) -> ScopeEntry:
        return self.row_at(row)

    def cell(self, e: Any, column: int, role: int) -> Any:
        if role == DISPLAY:
            return (
                scope_kind_label(e.kind),
                e.name,
                scope_status_label(e.status),
                local_time(e.changed_at, with_date=True),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                f"{local_time(at, True)} {scope_status_label(status)}"
                + (f" — {note}" if note else "")
                for at, status, note in e.history
            )
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        return None


class DeadlinesModel(RowsModel):
    headers = (
        lambda: _("Deadline"),
        lambda: _("Status"),
        lambda: _("Due"),
        lambda: _("Left"),
        lambda: _("Runs from"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}  # notice key -> short name, for "Runs from"

    def set_deadlines(self, deadlines: list[Deadline]) -> None:
        self._names = {d.key: d.short for d in deadlines}
        self.set_rows(deadlines)

    def deadline_at(self, row: int) -> Deadline:
        return self.row_at(row)

    def cell(self, d: Any, column: int, role: int) -> Any:
        col = column
        if role == DISPLAY:
            if col == 0:
                return d.name
            if col == 1:
                return deadline_status_label(d.status)
            if col == 2:
                if d.sent_at is not None:
                    return _("sent {at}").format(at=local_time(d.sent_at, True))
                return local_time(d.due_at, True)
            if col == 3:
                return countdown(d.remaining) if d.remaining is not None else ""
            if col == 4:
                text = runs_from_label(d.runs_from, self._names)
                return text + (" " + _("(assumed: detection)") if d.assumed else "")
        elif role == Qt.ItemDataRole.ForegroundRole and col in (1, 3):
            return QBrush(QColor(status_colour(DEADLINE_STATUS[d.status])))
        elif role == Qt.ItemDataRole.ToolTipRole:
            return d.source
        elif role == Qt.ItemDataRole.UserRole:
            return d.key
        return None


def short_duration(delta: timedelta) -> str:
    return format_duration(delta)
