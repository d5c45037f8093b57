"""The cockpit: one running incident, glanceable, keyboard first (see UI.md).

Header (EXERCISE banner, title, severity, lead, elapsed, deadline countdowns), the phase
guide, the checklist with the calls/scope/deadlines/clock tabs beside the log, a summary
strip and the quick log line that never leaves the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.clock import format_duration
from crisisdesk.domain.deadlines import DeadlineStatus
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.event_text import Category, category_label, describe
from crisisdesk.domain.events import LogEntryKind
from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import deadline_status_label, severity_label
from crisisdesk.domain.projection import IncidentState, ItemState, ItemStatus
from crisisdesk.domain.readiness import Status
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.evaluation import EvaluationService
from crisisdesk.services.exercises import ExerciseService
from crisisdesk.services.incidents import IncidentService
from crisisdesk.services.messages import MessageService
from crisisdesk.ui.cockpit.aftercare_panels import EvaluationPanel, InjectsPanel, MessagesPanel
from crisisdesk.ui.cockpit.models import (
    DEADLINE_STATUS,
    ChecklistModel,
    LogModel,
    countdown,
    local_time,
    tooltip_time,
)
from crisisdesk.ui.cockpit.panels import (
    CallsPanel,
    ClockPanel,
    DeadlinesPanel,
    Panel,
    ScopePanel,
    make_table,
)
from crisisdesk.ui.cockpit.quick_log import QuickLogBar
from crisisdesk.ui.style import STATUS_SYMBOLS, style_status
from crisisdesk.ui.tasks import TaskRunner
from crisisdesk.ui.widgets import Confirm, Feedback, ask_yes_no, tab_before, table_view

EXERCISE_COLOUR = "#6a1b9a"  # purple: unlike any status colour, so never mistaken for one


class Header(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("cockpitHeader")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.banner = QLabel()
        self.banner.setObjectName("exerciseBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(
            f"background: {EXERCISE_COLOUR}; color: white; font-weight: bold; padding: 4px;"
        )
        layout.addWidget(self.banner)
        self.title = QLabel()
        self.title.setObjectName("incidentTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        row = QHBoxLayout()
        self.elapsed = QLabel()
        self.elapsed.setStyleSheet("font-weight: bold;")
        row.addWidget(self.elapsed)
        self.deadlines = QHBoxLayout()
        row.addLayout(self.deadlines)
        row.addStretch(1)
        layout.addLayout(row)
        self.chips: list[QLabel] = []

    def show_state(self, state: IncidentState, closed: bool) -> None:
        self.banner.setVisible(state.exercise)
        self.banner.setText(_("EXERCISE — this is an exercise, not a real incident"))
        status = _("CLOSED · read-only") + " · " if closed else ""
        self.title.setText(
            f"{status}{state.title} · "
            + _("severity {severity}").format(severity=severity_label(state.severity).upper())
            + " · "
            + _("lead: {lead}").format(lead=state.lead)
        )

    def show_times(self, state: IncidentState, now, deadlines) -> None:  # type: ignore[no-untyped-def]
        # Only running clocks belong in the header; sent and waiting ones are in the tab.
        deadlines = [
            d
            for d in deadlines
            if d.status in (DeadlineStatus.OK, DeadlineStatus.DUE_SOON, DeadlineStatus.OVERDUE)
        ]
        self.elapsed.setText(
            _("{elapsed} since detection").format(elapsed=countdown(state.elapsed(now)))
        )
        self.elapsed.setToolTip(_("Detected {at}").format(at=tooltip_time(state.detected_at)))
        while len(self.chips) < len(deadlines):
            chip = QLabel()
            chip.setObjectName("deadlineChip")
            self.chips.append(chip)
            self.deadlines.addWidget(chip)
        for chip, d in zip(self.chips, deadlines, strict=False):
            status = DEADLINE_STATUS[d.status]
            if d.remaining is not None and d.status != DeadlineStatus.OVERDUE:
                text = _("{name} {left} left").format(name=d.short, left=countdown(d.remaining))
                if d.status == DeadlineStatus.DUE_SOON:
                    text += " · " + _("due soon")
            elif d.status == DeadlineStatus.OVERDUE and d.remaining is not None:
                text = _("{name} OVERDUE by {late}").format(
                    name=d.short, late=countdown(-d.remaining)
                )
            else:
                text = f"{d.short}: {deadline_status_label(d.status)}"
            chip.setText(f"{STATUS_SYMBOLS[status]} {text}")
            chip.setToolTip(f"{d.name}\n{d.source}")
            style_status(
                chip,
                status,
                "color: {colour}; font-weight: bold; "
                "border: 1px solid {colour}; border-radius: 3px; padding: 1px 4px;",
            )
            chip.setProperty("status", d.status)
            chip.show()
        for chip in self.chips[len(deadlines) :]:
            chip.hide()


class PhaseBar(QWidget):
    """The phases across the top; click one to see its checklist; Next phase moves on."""

    def __init__(self, on_select: Callable[[str], None], on_next: Callable[[], None]) -> None:
        super().__init__()
        self._on_select = on_select
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(4)
        self.buttons: dict[str, QPushButton] = {}
        self.next_button = QPushButton(_("Next phase ▸"))
        self.next_button.setObjectName("nextPhase")
        self.next_button.clicked.connect(on_next)
        self.layout_.addWidget(self.next_button)  # in the Tab order after what is above

    def show_state(self, state: IncidentState, viewing: str, now) -> None:  # type: ignore[no-untyped-def]
        if list(self.buttons) != [p.key for p in state.phases]:
            for button in self.buttons.values():
                button.deleteLater()
            self.buttons = {}
            self.layout_.removeWidget(self.next_button)
            for n, phase in enumerate(state.phases, start=1):
                button = QPushButton()
                button.setCheckable(True)
                button.setObjectName(f"phase-{phase.key}")
                button.clicked.connect(lambda _c=False, k=phase.key: self._on_select(k))
                self.buttons[phase.key] = button
                self.layout_.addWidget(button, 1)
                button.setProperty("number", n)
            self.layout_.addWidget(self.next_button)
            tab_before(self.next_button, list(self.buttons.values()))
        for phase in state.phases:
            button = self.buttons[phase.key]
            current = phase.key == state.current_phase
            if current:
                mark = "●"
            elif phase.ended_at is not None:
                mark = "✓"
            else:
                mark = ""
            times = ""
            if phase.started_at is not None:
                times = f"\n{local_time(phase.started_at)} · {format_duration(phase.duration(now))}"
            number = button.property("number")
            button.setText(f"{number} {phase.title} {mark}{times}".replace("  ", " "))
            button.setChecked(phase.key == viewing)
            weight = "bold" if current else "normal"
            border = "3px solid #1a73e8" if current else "1px solid palette(mid)"
            button.setStyleSheet(
                f"QPushButton {{ font-weight: {weight}; border: {border}; padding: 4px; }}"
                " QPushButton:checked { background: palette(highlight);"
                " color: palette(highlighted-text); }"
            )
            button.setToolTip(
                _("Started {at}").format(at=tooltip_time(phase.started_at))
                if phase.started_at
                else _("Not started")
            )


class ChecklistPanel(Panel):
    def __init__(self, cockpit: Cockpit) -> None:
        super().__init__(cockpit.incidents, cockpit.incident_id)
        self.cockpit = cockpit
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        self.layout_.addWidget(self.heading)
        self.model = ChecklistModel(self.toggle, self)
        self.table = make_table(self.model, stretch=ChecklistModel.TEXT)
        self.table.setWordWrap(True)
        # The owner's role may be long ("Functionaris gegevensbescherming"): it wraps in
        # a column of its own width rather than squeezing the item text.
        owner = self.table.horizontalHeader()
        owner.setSectionResizeMode(ChecklistModel.OWNER, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(
            ChecklistModel.OWNER, self.table.fontMetrics().horizontalAdvance("x" * 16)
        )
        self.table.doubleClicked.connect(lambda _i: self.tick())
        self.layout_.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.detail = QLineEdit()
        self.detail.setPlaceholderText(_("reason, note or owner for the selected item"))
        self.done_button = QPushButton(_("✓ Done"))
        self.done_button.clicked.connect(self.tick)
        self.na_button = QPushButton(_("Not applicable"))
        self.na_button.clicked.connect(self.not_applicable)
        self.note_button = QPushButton(_("Add note"))
        self.note_button.clicked.connect(self.add_note)
        self.assign_button = QPushButton(_("Assign"))
        self.assign_button.clicked.connect(self.assign)
        self.reopen_button = QPushButton(_("Reopen"))
        self.reopen_button.clicked.connect(self.reopen)
        row.addWidget(self.done_button)
        row.addWidget(self.detail, 1)
        for b in (self.na_button, self.note_button, self.assign_button, self.reopen_button):
            row.addWidget(b)
        self.layout_.addLayout(row)
        self.writers += [
            self.detail,
            self.done_button,
            self.na_button,
            self.note_button,
            self.assign_button,
            self.reopen_button,
        ]
        self.finish()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.model.read_only = read_only

    def show_items(self, state: IncidentState, phase_key: str) -> None:
        selected = self.selected()
        items = state.phase_items(phase_key)
        self.model.set_items(items, self.incidents.now())
        phase = state.phase(phase_key)
        done = sum(1 for s in items if not s.is_open)
        overdue = sum(1 for s in items if s.overdue(self.incidents.now()))
        text = _("{phase} — checklist   {done}/{total} done").format(
            phase=phase.title if phase else phase_key, done=done, total=len(items)
        )
        if phase_key != state.current_phase:
            text += "   " + _("(not the current phase)")
        if overdue:
            text += "   ✕ " + _("{n} overdue").format(n=overdue)
        self.heading.setText(text)
        self.table.resizeRowsToContents()
        if selected is not None:
            self.select_item(selected.item.id)

    def selected(self) -> ItemState | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    def select_item(self, item_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.item_at(row).item.id == item_id:
                self.table.selectRow(row)
                return

    def _with_item(self, action: Callable[[ItemState], object], done: str) -> bool:
        item = self.selected()
        if item is None:
            self.say(_("Select an item first."), Status.WARN)
            return False
        return self.run(lambda: action(item), done.format(item=item.item.text))

    def toggle(self, item: ItemState, checked: bool) -> bool:
        if checked:
            return self.run(
                lambda: self.incidents.check(self.incident_id, item.item.id),
                _("✓ {item}").format(item=item.item.text),
            )
        return self.run(
            lambda: self.incidents.uncheck(self.incident_id, item.item.id),
            _("Reopened {item}").format(item=item.item.text),
        )

    def tick(self) -> bool:
        item = self.selected()
        if item is not None and item.status != ItemStatus.OPEN:
            self.say(_("Already {status}; Reopen first").format(status=item.status), Status.WARN)
            return False
        return self._with_item(
            lambda i: self.incidents.check(self.incident_id, i.item.id), _("✓ {item}")
        )

    def reopen(self) -> bool:
        return self._with_item(
            lambda i: self.incidents.uncheck(self.incident_id, i.item.id), _("Reopened {item}")
        )

    def _with_detail(self, action: Callable[[ItemState, str], object], done: str) -> bool:
        text = self.detail.text()
        if self._with_item(lambda i: action(i, text), done):
            self.detail.clear()
            return True
        return False

    def not_applicable(self) -> bool:
        return self._with_detail(
            lambda i, t: self.incidents.not_applicable(self.incident_id, i.item.id, t),
            _("Not applicable: {item}"),
        )

    def add_note(self) -> bool:
        return self._with_detail(
            lambda i, t: self.incidents.note(self.incident_id, i.item.id, t),
            _("Note added to {item}"),
        )

    def assign(self) -> bool:
        return self._with_detail(
            lambda i, t: self.incidents.assign(self.incident_id, i.item.id, t),
            _("Assigned {item}"),
        )


class LogPanel(QWidget):
    def __init__(self, incidents: IncidentService, incident_id: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        title = QLabel(_("Log"))
        title.setStyleSheet("font-weight: bold;")
        bar.addWidget(title)
        self.filter = QComboBox()
        self.filter.setAccessibleName(_("Filter the log"))
        self.filter.addItem(_("everything"), ())
        self.filter.addItem(_("manual entries"), LogEntryKind.ALL)
        for category in (*LogEntryKind.ALL, *Category.AUTOMATIC):
            self.filter.addItem(category_label(category).lower(), (category,))
        self.order = QComboBox()
        self.order.addItem(_("newest first"), True)
        self.order.addItem(_("oldest first"), False)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("search the log"))
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.filter)
        bar.addWidget(self.order)
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)
        self.model = LogModel(incidents, incident_id, self)
        self.table = table_view()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        # Fixed-size rows and columns: nothing is measured per row, even at 100,000 events.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(LogModel.TEXT, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        header.resizeSection(LogModel.SEQ, metrics.horizontalAdvance("00000"))
        header.resizeSection(LogModel.TIME, metrics.horizontalAdvance("00:0000"))
        bold = self.font()
        bold.setBold(True)
        kind_width = QFontMetrics(bold).horizontalAdvance(
            category_label(LogEntryKind.COMMUNICATION)
        )
        header.resizeSection(LogModel.KIND, kind_width + 12)
        header.resizeSection(LogModel.AUTHOR, metrics.horizontalAdvance("j.devries0"))
        layout.addWidget(self.table, 1)
        # Corrections: a new entry linked to the selected one, which stays as it was.
        fix = QHBoxLayout()
        self.correct_button = QPushButton(_("Correct selected…"))
        self.correct_button.clicked.connect(self.begin_correction)
        self.correction = QLineEdit()
        self.correction.setPlaceholderText(_("the corrected text; Enter saves, Esc cancels"))
        self.correction.returnPressed.connect(self.save_correction)
        self.correction.hide()
        self.correction_error = QLabel()
        style_status(self.correction_error, Status.BAD)
        self.correction_error.hide()
        fix.addWidget(self.correct_button, 0, Qt.AlignmentFlag.AlignLeft)
        fix.addWidget(self.correction, 1)
        layout.addLayout(fix)
        layout.addWidget(self.correction_error)
        self._incidents = incidents
        self._incident_id = incident_id
        self._target: str | None = None
        self.filter.currentIndexChanged.connect(self.apply)
        self.order.currentIndexChanged.connect(self.apply)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply)

    def begin_correction(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.correction_error.setText(_("Select the log entry to correct first."))
            self.correction_error.show()
            return False
        event = self.model.event_at(rows[0].row())
        self._target = event.id
        self.correction.setText(str(event.payload.get("text", "")) or describe(event))
        self.correction.show()
        self.correction.setFocus()
        self.correction.selectAll()
        self.correction_error.hide()
        return True

    def save_correction(self) -> bool:
        if self._target is None:
            return False
        try:
            self._incidents.correct(self._incident_id, self._target, self.correction.text())
        except CrisisdeskError as exc:
            self.correction_error.setText(_("Not saved: {error}").format(error=exc))
            self.correction_error.show()
            return False  # the text stays in the field
        self.cancel_correction()
        return True

    def cancel_correction(self) -> None:
        self._target = None
        self.correction.clear()
        self.correction.hide()
        self.correction_error.hide()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape and self.correction.isVisible():
            self.cancel_correction()
            return
        super().keyPressEvent(event)

    def set_read_only(self, read_only: bool) -> None:
        self.correct_button.setEnabled(not read_only)
        if read_only:
            self.cancel_correction()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # On a small screen the entry text matters more than the author (in the tooltip).
        self.table.horizontalHeader().setSectionHidden(LogModel.AUTHOR, self.width() < 560)
        super().resizeEvent(event)

    def apply(self) -> None:
        self._search_timer.stop()
        self.model.set_query(
            newest_first=bool(self.order.currentData()),
            categories=tuple(self.filter.currentData() or ()),
            search=self.search.text(),
        )


@dataclass
class AftercareServices:
    """The services behind the exercise, messages and evaluation tabs (optional)."""

    exercises: ExerciseService
    messages: MessageService
    evaluation: EvaluationService
    runner: TaskRunner | None = None


class Cockpit(QWidget):
    """The cockpit of one incident. ``confirm`` asks yes/no (injected in tests)."""

    def __init__(
        self,
        incidents: IncidentService,
        incident_id: str,
        parent: QWidget | None = None,
        confirm: Confirm = ask_yes_no,
        aftercare: AftercareServices | None = None,
    ) -> None:
        super().__init__(parent)
        self.incidents = incidents
        self.incident_id = incident_id
        self.confirm = confirm
        self.state = incidents.state(incident_id)
        self.viewing = self.state.current_phase or ""
        self.closed = not incidents.get(incident_id).is_open

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.header = Header()
        outer.addWidget(self.header)
        self.phases = PhaseBar(self.view_phase, self.next_phase)
        outer.addWidget(self.phases)

        self.tabs = QTabWidget()
        self.checklist = ChecklistPanel(self)
        self.calls = CallsPanel(incidents, incident_id)
        self.scope = ScopePanel(incidents, incident_id)
        self.deadlines = DeadlinesPanel(incidents, incident_id)
        self.clock = ClockPanel(incidents, incident_id)
        self.panels: list[Panel] = [
            self.checklist,
            self.calls,
            self.scope,
            self.deadlines,
            self.clock,
        ]
        for panel, title in zip(
            self.panels,
            (_("Checklist"), _("Calls"), _("Scope"), _("Deadlines"), _("Clock")),
            strict=True,
        ):
            self.tabs.addTab(panel, title)
        self.injects: InjectsPanel | None = None
        self.messages: MessagesPanel | None = None
        self.evaluation: EvaluationPanel | None = None
        if aftercare is not None:
            self._add_aftercare_tabs(aftercare)
        self.log = LogPanel(incidents, incident_id)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tabs)
        split.addWidget(self.log)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        self.splitter = split
        outer.addWidget(split, 1)

        self.strip = QLabel()
        self.strip.setObjectName("summaryStrip")
        outer.addWidget(self.strip)
        self.message = Feedback(bold=True, hide_empty=True)
        outer.addWidget(self.message)
        self.quick_log = QuickLogBar(incidents, incident_id)
        outer.addWidget(self.quick_log)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh_times)
        self.show_state()

    # The clocks tick only while the cockpit is on screen.
    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.refresh_times()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.timer.stop()
        super().hideEvent(event)

    def _add_aftercare_tabs(self, aftercare: AftercareServices) -> None:
        if aftercare.exercises.status(self.incident_id) is not None:
            self.injects = InjectsPanel(self.incidents, aftercare.exercises, self.incident_id)
            self.tabs.insertTab(0, self.injects, _("Injects"))
            self.tabs.setCurrentWidget(self.checklist)
        language = self.incidents.get(self.incident_id).language
        self.messages = MessagesPanel(
            self.incidents, aftercare.messages, self.incident_id, language
        )
        self.evaluation = EvaluationPanel(
            self.incidents, aftercare.evaluation, self.incident_id, aftercare.runner
        )
        self.tabs.addTab(self.messages, _("Messages"))
        self.tabs.addTab(self.evaluation, _("Evaluation"))
        self.panels += [p for p in (self.injects, self.messages, self.evaluation) if p]

    # -- refreshing ---------------------------------------------------------------
    def on_changed(self, change: Changed) -> None:
        if change.incident_id not in (None, self.incident_id):
            return
        if change.touches(Area.EVENTS, Area.INCIDENTS, Area.CONTACTS, Area.CALL_TREE):
            self.state = self.incidents.state(self.incident_id)
            self.closed = not self.incidents.get(self.incident_id).is_open
            self.show_state()
            self.log.model.refresh_new()
            if self.injects is not None:
                self.injects.render_feed()
        if self.evaluation is not None and change.touches(Area.EVENTS, Area.ACTIONS):
            self.evaluation.refresh()

    def show_state(self) -> None:
        state = self.state
        self.header.show_state(state, self.closed)
        self.checklist.show_items(state, self.viewing)
        for panel in (self.calls, self.scope, self.deadlines, self.clock):
            panel.show_state(state)  # type: ignore[attr-defined]
        for panel in self.panels:
            panel.set_read_only(self.closed)
        self.quick_log.set_read_only(self.closed)
        self.log.set_read_only(self.closed)
        self.log.model.set_corrections(state.corrections)
        self.phases.next_button.setEnabled(not self.closed)
        self.refresh_times()

    def refresh_times(self) -> None:
        if self.injects is not None and not self.closed:
            self.injects.tick()  # injects appear at their offsets, logged as they do
        now = self.incidents.now()
        deadlines = self.incidents.deadlines(self.incident_id, self.state)
        self.header.show_times(self.state, now, deadlines)
        self.phases.show_state(self.state, self.viewing, now)
        self.checklist.model.set_now(now)
        self.deadlines.model.set_deadlines(deadlines)
        cascade_text = self.calls.count.text()
        scope = list(self.state.scope.values())
        isolated = sum(1 for e in scope if e.status == "isolated")
        check = self.state.last_clock_check
        clock = (
            _("Clock checked {at} ({offset:+.0f} s)").format(
                at=local_time(check.laptop_time), offset=check.offset.total_seconds()
            )
            if check
            else _("Clock not checked yet")
        )
        self.strip.setText(
            " · ".join(
                [
                    _("Calls {text}").format(text=cascade_text),
                    _("Scope {n} ({i} isolated)").format(n=len(scope), i=isolated),
                    clock,
                    _("{n} events").format(n=self.state.event_count),
                ]
            )
        )

    # -- actions ------------------------------------------------------------------
    def view_phase(self, key: str) -> None:
        self.viewing = key
        self.tabs.setCurrentWidget(self.checklist)
        self.checklist.show_items(self.state, key)
        self.phases.show_state(self.state, key, self.incidents.now())

    def next_phase(self) -> bool:
        state = self.state
        keys = [p.key for p in state.playbook.incident_phases]
        current = state.current_phase or ""
        if current in keys and keys.index(current) + 1 >= len(keys):
            self.say(_("This is the last phase; close the incident when done."), Status.WARN)
            return False
        following = state.phases[keys.index(current) + 1].title if current in keys else ""
        open_must = state.open_must_items(current)
        text = _("Move on to phase {phase}?").format(phase=following)
        if open_must:
            text += "\n\n" + _("These must-items are still open and will be named in the log:")
            text += "\n" + "\n".join(f"• {s.item.text}" for s in open_must)
        if not self.confirm(self, _("Next phase"), text):
            return False
        try:
            self.incidents.move_phase(self.incident_id, "next")
        except CrisisdeskError as exc:
            self.say(str(exc), Status.BAD)
            return False
        self.viewing = self.state.current_phase or ""
        self.view_phase(self.viewing)
        return True

    def say(self, text: str, status: str) -> None:
        self.message.say(text, status)

    def focus_log_entry(self) -> None:
        self.quick_log.focus_entry()
