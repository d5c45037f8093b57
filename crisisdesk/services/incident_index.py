"""The list of incidents: their summary rows only.

Cheap to load (no projection, deadlines or call cascade): the window asks it at start-up
whether an incident is running. ``IncidentService`` builds on it for everything else.
"""

from __future__ import annotations

import sqlite3

from crisisdesk.domain.errors import NotFound
from crisisdesk.domain.i18n import _
from crisisdesk.domain.incident import IncidentSummary
from crisisdesk.services.base import ServiceContext
from crisisdesk.store import incidents_repo


class IncidentIndex:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._ctx.handbook.conn

    def all(self) -> list[IncidentSummary]:
        """Every incident, the most recently declared first."""
        return incidents_repo.list_incidents(self._conn)

    def get(self, incident_id: str) -> IncidentSummary:
        summary = incidents_repo.get_incident(self._conn, incident_id)
        if summary is None:
            raise NotFound(_("no incident with id {id}").format(id=incident_id))
        return summary

    def running(self) -> IncidentSummary | None:
        """The most recently started open incident (what the cockpit reopens)."""
        return next((i for i in self.all() if i.is_open), None)
