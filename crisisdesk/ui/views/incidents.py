"""Incidents: the list (open and closed) and the cockpit of the one being worked on.

A running incident opens in the cockpit when the app starts: its state is folded from
the saved events, so it looks exactly as it did before a crash or power loss.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.clock import parse_iso
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _
from crisisdesk.domain.incident import IncidentSummary
from crisisdesk.domain.labels import phase_label, severity_label
from crisisdesk.domain.playbook import Playbook
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services
from crisisdesk.ui.cockpit.cockpit import AftercareServices, Cockpit
from crisisdesk.ui.cockpit.models import _TableModel, local_time
from crisisdesk.ui.cockpit.panels import make_table
from crisisdesk.ui.cockpit.start_dialog import StartIncidentDialog, StartRequest
from crisisdesk.ui.widgets import EmptyState, Heading

Index = QModelIndex | QPersistentModelIndex


class IncidentListModel(_TableModel):
    headers = (
        lambda: _("Status"),
        lambda: _("Started"),
        lambda: _("Title"),
        lambda: _("Severity"),
        lambda: _("Phase"),
        lambda: _("Events"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[IncidentSummary] = []

    def set_incidents(self, incidents: list[IncidentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(incidents)
        self.endResetModel()

    def incident_at(self, row: int) -> IncidentSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        i = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            status = _("● open") if i.is_open else _("closed (read-only)")
            title = (_("EXERCISE — ") if i.exercise else "") + i.title
            return (
                status,
                local_time(parse_iso(i.declared_at), with_date=True),
                title,
                severity_label(i.severity),
                phase_label(i.current_phase or ""),
                str(i.event_count),
            )[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return i.id
        return None


class IncidentsView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.list_page = QWidget()
        layout = QVBoxLayout(self.list_page)
        top = QHBoxLayout()
        top.addWidget(Heading(_("Incidents")))
        top.addStretch(1)
        self.start_button = QPushButton(_("Start incident (F2)"))
        self.start_button.clicked.connect(self.start_incident)
        self.open_button = QPushButton(_("Open"))
        self.open_button.clicked.connect(self.open_selected)
        top.addWidget(self.open_button)
        top.addWidget(self.start_button)
        layout.addLayout(top)
        self.empty = EmptyState(
            _("No incidents yet"),
            _(
                "When a crisis hits, press F2 to start an incident. Every step, call and decision is then logged with its time."
            ),
        )
        layout.addWidget(self.empty, 1)
        self.model = IncidentListModel(self)
        self.table = make_table(self.model, stretch=2)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        layout.addWidget(self.table, 1)
        self.stack.addWidget(self.list_page)

        self.cockpit_page = QWidget()
        cockpit_layout = QVBoxLayout(self.cockpit_page)
        cockpit_layout.setContentsMargins(0, 0, 0, 0)
        back_row = QHBoxLayout()
        self.back_button = QPushButton(_("◂ All incidents"))
        self.back_button.clicked.connect(self.show_list)
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        cockpit_layout.addLayout(back_row)
        self.cockpit: Cockpit | None = None
        self.stack.addWidget(self.cockpit_page)
        self.message = QLabel()
        layout.addWidget(self.message)

        self.refresh_list()
        running = services.incidents.running()
        if running is not None:
            self.open_incident(running.id)

    # -- list ---------------------------------------------------------------------
    def refresh_list(self) -> None:
        incidents = self._services.incidents.all()
        self.model.set_incidents(incidents)
        self.empty.setVisible(not incidents)
        self.table.setVisible(bool(incidents))
        self.open_button.setEnabled(bool(incidents))

    def show_list(self) -> None:
        self.refresh_list()
        self.stack.setCurrentWidget(self.list_page)

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_incident(self.model.incident_at(rows[0].row()).id)

    # -- cockpit ------------------------------------------------------------------
    def open_incident(self, incident_id: str) -> Cockpit:
        if self.cockpit is not None and self.cockpit.incident_id != incident_id:
            self.cockpit.timer.stop()
            self.cockpit.setParent(None)
            self.cockpit.deleteLater()
            self.cockpit = None
        if self.cockpit is None:
            s = self._services
            self.cockpit = Cockpit(
                s.incidents,
                incident_id,
                aftercare=AftercareServices(s.exercises, s.messages, s.evaluation),
            )
            self.cockpit_page.layout().addWidget(self.cockpit)
        self.stack.setCurrentWidget(self.cockpit_page)
        return self.cockpit

    def focus_log_entry(self) -> bool:
        """Ctrl+L: focus the quick log line of the open cockpit (False when none)."""
        if self.cockpit is None:
            running = self._services.incidents.running()
            if running is None:
                return False
            self.open_incident(running.id)
        self.stack.setCurrentWidget(self.cockpit_page)
        assert self.cockpit is not None
        self.cockpit.focus_log_entry()
        return True

    def start_dialog(self) -> StartIncidentDialog:
        incidents = self._services.incidents
        playbooks = self._services.playbooks
        language = playbooks.content_language()
        # The content language's playbooks first: those are the ones to use.
        listed = sorted(playbooks.list(), key=lambda p: (p.language != language, p.title))

        def suggest(crisis_type: str) -> Playbook | None:
            try:
                return playbooks.suggest_for(crisis_type)
            except CrisisdeskError:
                return None

        return StartIncidentDialog(
            listed,
            incidents.now(),
            lead=self._services.ctx.author,
            org_rules=incidents.deadline_rules(),
            parent=self,
            suggest=suggest,
            scenarios=self._services.exercises.scenarios(),
        )

    def start_incident(self) -> None:
        dialog = self.start_dialog()
        if dialog.exec() and dialog.result_request is not None:
            self.start_from(dialog.result_request)

    def start_from(self, request: StartRequest) -> str | None:
        try:
            incident_id = self._services.incidents.start(
                title=request.title,
                playbook=request.playbook,
                severity=request.severity,
                exercise=request.exercise,
                detected_at=request.detected_at,
                lead=request.lead,
                crisis_type=request.crisis_type,
                deadlines=request.deadlines,
            )
            if request.scenario is not None:
                self._services.exercises.load_scenario(incident_id, request.scenario)
        except CrisisdeskError as exc:
            self.message.setText(str(exc))
            return None
        self.open_incident(incident_id)
        return incident_id

    def on_changed(self, change: Changed) -> None:
        if change.touches(Area.INCIDENTS, Area.EVENTS):
            self.refresh_list()
        if self.cockpit is not None:
            self.cockpit.on_changed(change)
