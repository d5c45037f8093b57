"""The cockpit's tabs next to the checklist: calls, scope register, deadlines, clock.

Each panel gets the service and the incident id, shows the projected state it is given
with ``show_state`` and writes through the service; errors appear in its message line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.deadlines import Moment, regime_keys, regime_names
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import call_outcome_label, scope_kind_label, scope_status_label
from crisisdesk.domain.projection import CallOutcome, IncidentState, ScopeKind, ScopeStatus
from crisisdesk.domain.readiness import Status
from crisisdesk.services.incidents import IncidentService
from crisisdesk.ui.cockpit.models import CascadeModel, DeadlinesModel, ScopeModel, local_time
from crisisdesk.ui.language import date_edit_format
from crisisdesk.ui.widgets import Feedback, table_view


def make_table(model, stretch: int = 0) -> QTableView:  # type: ignore[no-untyped-def]
    table = table_view()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def time_edit(with_seconds: bool = False) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setDisplayFormat(date_edit_format(time=True, seconds=with_seconds))
    edit.setCalendarPopup(True)
    return edit


def to_qt(when: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(when.timestamp()))


def from_qt(edit: QDateTimeEdit) -> datetime:
    return edit.dateTime().toPython().astimezone()


class Panel(QWidget):
    """Common parts: the service, the incident, a message line and error handling."""

    def __init__(self, incidents: IncidentService, incident_id: str) -> None:
        super().__init__()
        self.incidents = incidents
        self.incident_id = incident_id
        self.layout_ = QVBoxLayout(self)
        self.message = Feedback(bold=True)
        self.writers: list[QWidget] = []

    def finish(self) -> None:
        self.layout_.addWidget(self.message)

    def run(self, action: Callable[[], object], done: str = "") -> bool:
        return self.message.attempt(action, done)

    def say(self, text: str, status: str = Status.INFO) -> None:
        self.message.say(text, status)

    def set_read_only(self, read_only: bool) -> None:
        for widget in self.writers:
            widget.setEnabled(not read_only)


class CallsPanel(Panel):
    def __init__(self, incidents: IncidentService, incident_id: str) -> None:
        super().__init__(incidents, incident_id)
        self.count = QLabel()
        self.count.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.count)
        self.model = CascadeModel(self)
        self.table = make_table(self.model, stretch=0)
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Outcome of the call to the selected person:")))
        self.buttons: dict[str, QPushButton] = {}
        for outcome in CallOutcome.ALL:
            button = QPushButton(call_outcome_label(outcome))
            button.clicked.connect(lambda _c=False, o=outcome: self.record(o))
            self.buttons[outcome] = button
            self.writers.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.finish()

    def show_state(self, state: IncidentState) -> None:
        selected = self.selected_contact()
        cascade = self.incidents.cascade(self.incident_id, state)
        self.model.set_cascade(cascade)
        self.count.setText(
            _("{reached}/{total} reached · {pending} pending").format(
                reached=cascade.reached, total=cascade.total, pending=cascade.pending
            )
        )
        if selected:
            self.select_contact(selected)

    def selected_contact(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).contact_id if rows else None

    def select_contact(self, contact_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).contact_id == contact_id:
                self.table.selectRow(row)
                return

    def record(self, outcome: str) -> None:
        contact_id = self.selected_contact()
        if contact_id is None:
            self.say(_("Select the person you called first."), Status.WARN)
            return
        try:
            result = self.incidents.record_call(self.incident_id, contact_id, outcome)
        except CrisisdeskError as exc:
            self.say(str(exc), Status.BAD)
            return
        name = result.event.payload.get("name", "")
        if result.backup is not None:
            phones = ", ".join(c.value for c in result.backup.channels if c.is_phone)
            self.say(
                _("{name}: {outcome}. Call the backup: {backup} {phones}").format(
                    name=name,
                    outcome=call_outcome_label(outcome),
                    backup=result.backup.name,
                    phones=phones,
                ),
                Status.WARN,
            )
            self.select_contact(result.backup.id)
        else:
            self.say(
                _("{name}: {outcome} — saved {at}").format(
                    name=name,
                    outcome=call_outcome_label(outcome),
                    at=local_time(self.incidents.now()),
                ),
                Status.OK if outcome == CallOutcome.REACHED else Status.WARN,
            )


class ScopePanel(Panel):
    def __init__(self, incidents: IncidentService, incident_id: str) -> None:
        super().__init__(incidents, incident_id)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.summary)
        self.model = ScopeModel(self)
        self.table = make_table(self.model, stretch=1)
        self.layout_.addWidget(self.table, 1)
        add = QHBoxLayout()
        self.kind = QComboBox()
        for kind in ScopeKind.ALL:
            self.kind.addItem(scope_kind_label(kind), kind)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("system, device, user or data involved"))
        self.name.returnPressed.connect(self.add)
        self.new_status = QComboBox()
        self.status = QComboBox()
        for combo in (self.new_status, self.status):
            for status in ScopeStatus.ALL:
                combo.addItem(scope_status_label(status), status)
        self.add_button = QPushButton(_("Add"))
        self.add_button.clicked.connect(self.add)
        for w in (self.kind, self.name, self.new_status, self.add_button):
            add.addWidget(w, 1 if w is self.name else 0)
        self.layout_.addLayout(add)
        change = QHBoxLayout()
        change.addWidget(QLabel(_("Selected entry is now:")))
        change.addWidget(self.status)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("note (optional)"))
        change.addWidget(self.note, 1)
        self.set_button = QPushButton(_("Set status"))
        self.set_button.clicked.connect(self.set_status)
        change.addWidget(self.set_button)
        self.layout_.addLayout(change)
        self.writers += [
            self.kind,
            self.name,
            self.new_status,
            self.add_button,
            self.status,
            self.note,
            self.set_button,
        ]
        self.finish()

    def show_state(self, state: IncidentState) -> None:
        entries = list(state.scope.values())
        self.model.set_entries(entries)
        counts = {s: sum(1 for e in entries if e.status == s) for s in ScopeStatus.ALL}
        self.summary.setText(
            _("{n} in scope · {s} suspected · {c} confirmed · {i} isolated · {r} restored").format(
                n=len(entries),
                s=counts["suspected"],
                c=counts["confirmed"],
                i=counts["isolated"],
                r=counts["restored"],
            )
        )

    def add(self) -> None:
        if self.run(
            lambda: self.incidents.add_scope(
                self.incident_id,
                self.kind.currentData(),
                self.name.text(),
                self.new_status.currentData(),
            ),
            _("Added {name}").format(name=self.name.text().strip()),
        ):
            self.name.clear()

    def set_status(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.say(_("Select an entry first."), Status.WARN)
            return
        entry = self.model.entry_at(rows[0].row())
        if self.run(
            lambda: self.incidents.set_scope_status(
                self.incident_id, entry.id, self.status.currentData(), self.note.text()
            ),
            _("{name} is now {status}").format(name=entry.name, status=self.status.currentData()),
        ):
            self.note.clear()


class DeadlinesPanel(Panel):
    def __init__(self, incidents: IncidentService, incident_id: str) -> None:
        super().__init__(incidents, incident_id)
        self.model = DeadlinesModel(self)
        self.table = make_table(self.model, stretch=0)
        self.layout_.addWidget(self.table, 1)
        moments = QHBoxLayout()
        moments.addWidget(QLabel(_("Record moment:")))
        self.moment_time = time_edit()
        moments.addWidget(self.moment_time)
        self.aware = QPushButton(_("Became aware"))
        self.aware.setToolTip(_("GDPR and NIS2 clocks run from this moment"))
        self.aware.clicked.connect(lambda: self.record_moment(Moment.AWARE))
        self.major = QPushButton(_("Classified as major"))
        self.major.setToolTip(_("The DORA clock runs from this moment"))
        self.major.clicked.connect(lambda: self.record_moment(Moment.MAJOR))
        moments.addWidget(self.aware)
        moments.addWidget(self.major)
        moments.addStretch(1)
        self.layout_.addLayout(moments)
        actions = QHBoxLayout()
        self.sent = QPushButton(_("Mark selected notice sent"))
        self.sent.clicked.connect(self.mark_sent)
        actions.addWidget(self.sent)
        actions.addStretch(1)
        self.regime = QComboBox()
        actions.addWidget(self.regime)
        self.enable = QPushButton(_("Enable"))
        self.enable.clicked.connect(self.enable_regime)
        actions.addWidget(self.enable)
        self.layout_.addLayout(actions)
        self.writers += [
            self.moment_time,
            self.aware,
            self.major,
            self.sent,
            self.regime,
            self.enable,
        ]
        self.finish()

    def show_state(self, state: IncidentState) -> None:
        self.state = state
        self.refresh_times()
        rules = self.incidents.deadline_rules()
        names = regime_names(rules)
        self.regime.clear()
        for key in regime_keys(rules):
            if key not in state.enabled_deadlines:
                self.regime.addItem(names.get(key, key), key)
        self.enable.setEnabled(self.regime.count() > 0 and self.sent.isEnabled())
        self.moment_time.setDateTime(to_qt(self.incidents.now()))

    def refresh_times(self) -> None:
        self.model.set_deadlines(self.incidents.deadlines(self.incident_id, self.state))

    def record_moment(self, moment: str) -> None:
        self.run(
            lambda: self.incidents.set_moment(self.incident_id, moment, from_qt(self.moment_time)),
            _("Moment recorded"),
        )

    def mark_sent(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.say(_("Select the notice that was sent."), Status.WARN)
            return
        key = self.model.deadline_at(rows[0].row()).key
        self.run(
            lambda: self.incidents.mark_notice_sent(self.incident_id, key),
            _("Notice {key} marked sent").format(key=key),
        )

    def enable_regime(self) -> None:
        key = self.regime.currentData()
        if key:
            self.run(lambda: self.incidents.enable_deadline(self.incident_id, key))


class ClockPanel(Panel):
    def __init__(self, incidents: IncidentService, incident_id: str) -> None:
        super().__init__(incidents, incident_id)
        intro = QLabel(
            _(
                "This laptop has no time sync. Read the time from a trusted source (phone, "
                "radio) and enter it: the difference is logged so readers can judge times."
            )
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.last = QLabel()
        self.last.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.last)
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Trusted time:")))
        self.trusted = time_edit(with_seconds=True)
        row.addWidget(self.trusted)
        self.source = QLineEdit()
        self.source.setPlaceholderText(_("source, e.g. phone"))
        row.addWidget(self.source, 1)
        self.button = QPushButton(_("Log clock check"))
        self.button.clicked.connect(self.check)
        row.addWidget(self.button)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)
        self.writers += [self.trusted, self.source, self.button]
        self.finish()

    def show_state(self, state: IncidentState) -> None:
        check = state.last_clock_check
        if check is None:
            self.last.setText(_("No clock check yet."))
        else:
            seconds = check.offset.total_seconds()
            self.last.setText(
                _("Last check {at}: laptop is {secs:.0f} s {direction} ({source})").format(
                    at=local_time(check.laptop_time, True),
                    secs=abs(seconds),
                    direction=_("behind") if seconds >= 0 else _("ahead"),
                    source=check.source or _("trusted time"),
                )
            )
        self.trusted.setDateTime(to_qt(self.incidents.now()))

    def check(self) -> None:
        self.run(
            lambda: self.incidents.clock_check(
                self.incident_id, from_qt(self.trusted), self.source.text()
            ),
            _("Clock check logged"),
        )
