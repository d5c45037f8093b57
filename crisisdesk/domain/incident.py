"""An incident as listed: the summary row. Its full state is derived from its events."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("low", "medium", "high", "critical")


class IncidentStatus:
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class IncidentSummary:
    id: str
    title: str
    crisis_type: str
    severity: str
    exercise: bool
    status: str
    lead: str
    playbook_id: str
    playbook_version: str
    language: str
    detected_at: str
    declared_at: str
    closed_at: str | None
    event_count: int
    current_phase: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == IncidentStatus.OPEN
