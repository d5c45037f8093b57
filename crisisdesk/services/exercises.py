"""Tabletop exercises: an exercise incident with a scenario whose injects appear on time.

The scenario is frozen into the incident's log at the start (``exercise.scenario``), so
editing a script later never changes an exercise that ran. Each inject is logged
(``exercise.inject``) when it is delivered: the cockpit calls ``deliver_due`` on a
timer, the CLI with ``exercise tick``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crisisdesk.domain.clock import parse_iso
from crisisdesk.domain.errors import NotFound, Rejected
from crisisdesk.domain.event_text import Category
from crisisdesk.domain.events import Event, EventKind
from crisisdesk.domain.i18n import _
from crisisdesk.domain.scenario import Inject, Scenario, next_inject, pending_injects
from crisisdesk.playbooks.scenarios import builtin_scenarios
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.incidents import IncidentService
from crisisdesk.services.playbooks import PlaybookService

DEFAULT_SCENARIO = "default"  # the scenario of the same id as the playbook


@dataclass(frozen=True)
class ExerciseStatus:
    scenario: Scenario
    started_at: datetime
    delivered: tuple[int, ...]
    pending: tuple[Inject, ...]  # due now, not yet delivered
    next: Inject | None  # the first inject still to come


class ExerciseService:
    def __init__(
        self, ctx: ServiceContext, incidents: IncidentService, playbooks: PlaybookService
    ) -> None:
        self._ctx = ctx
        self._incidents = incidents
        self._playbooks = playbooks

    def scenarios(self) -> list[Scenario]:
        return builtin_scenarios()

    def find_scenario(self, scenario_id: str, language: str) -> Scenario:
        """A scenario by id in ``language`` (English when it has no such translation)."""
        found = {(s.id, s.language): s for s in self.scenarios()}
        scenario = found.get((scenario_id, language)) or found.get((scenario_id, "en"))
        if scenario is None:
            raise NotFound(
                _("no scenario '{id}' (available: {known})").format(
                    id=scenario_id, known=", ".join(sorted({sid for sid, _l in found}))
                )
            )
        return scenario

    def start(
        self,
        playbook_id: str,
        *,
        language: str | None = None,
        scenario_id: str | None = None,
        title: str = "",
        lead: str = "",
    ) -> str:
        """Start an exercise incident; with a scenario, its injects run from now."""
        playbook = self._playbooks.get(playbook_id, language)
        scenario = None
        if scenario_id:
            wanted = playbook.id if scenario_id == DEFAULT_SCENARIO else scenario_id
            scenario = self.find_scenario(wanted, playbook.language)
        name = title.strip() or (
            scenario.title if scenario else _("Exercise: {title}").format(title=playbook.title)
        )
        incident_id = self._incidents.start(
            title=name, playbook=playbook, exercise=True, lead=lead, severity="high"
        )
        if scenario is not None:
            self.load_scenario(incident_id, scenario)
        return incident_id

    def load_scenario(self, incident_id: str, scenario: Scenario) -> Event:
        """Freeze a scenario into an exercise: its injects run from this moment."""
        if not self._incidents.get(incident_id).exercise:
            raise Rejected(_("a scenario can only be run in an exercise, not a real incident"))
        if self.status(incident_id) is not None:
            raise Rejected(_("this exercise already runs a scenario"))
        return self._incidents.record(
            incident_id, EventKind.SCENARIO_LOADED, {"scenario": scenario.to_dict()}
        )

    def scenarios_for(self, playbook_id: str, language: str) -> list[Scenario]:
        """The scenarios that exercise a playbook, in its language (else English)."""
        own = [s for s in self.scenarios() if s.playbook_id == playbook_id]
        chosen = [s for s in own if s.language == language]
        return chosen or [s for s in own if s.language == "en"]

    def _exercise_events(self, incident_id: str) -> list[Event]:
        return self._incidents.log_page(incident_id, limit=100_000, categories=[Category.EXERCISE])

    def status(self, incident_id: str) -> ExerciseStatus | None:
        """The scenario's progress; None for an incident without a scenario."""
        events = self._exercise_events(incident_id)
        loaded = next((e for e in events if e.kind == EventKind.SCENARIO_LOADED), None)
        if loaded is None:
            return None
        scenario = Scenario.from_dict(dict(loaded.payload["scenario"]))
        start = parse_iso(loaded.occurred_at)
        delivered = tuple(
            int(e.payload["number"]) for e in events if e.kind == EventKind.INJECT_SHOWN
        )
        now = self._ctx.clock.now()
        return ExerciseStatus(
            scenario,
            start,
            delivered,
            tuple(pending_injects(scenario, start, now, delivered)),
            next_inject(scenario, start, now),
        )

    def deliver_due(self, incident_id: str) -> list[Event]:
        """Log every inject whose time has come and that was not delivered yet."""
        status = self.status(incident_id)
        if status is None or not self._incidents.get(incident_id).is_open:
            return []
        return [
            self._incidents.record(
                incident_id,
                EventKind.INJECT_SHOWN,
                {
                    "scenario": status.scenario.id,
                    "number": inject.number,
                    "offset_minutes": inject.offset_minutes,
                    "text": inject.text,
                    "sender": inject.sender,
                    "expected": list(inject.expected),
                },
            )
            for inject in status.pending
        ]
