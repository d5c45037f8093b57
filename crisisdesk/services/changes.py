"""What a service call changed, so each view can decide whether to refresh.

Services notify listeners after their transaction committed (never before: a view must
never show as saved what is not on disk). The GUI turns notifications into a Qt signal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class Area:
    SETTINGS = "settings"
    PLAN = "plan"
    CONTACTS = "contacts"
    ROLES = "roles"
    CALL_TREE = "call_tree"
    PLAYBOOKS = "playbooks"
    INCIDENTS = "incidents"
    EVENTS = "events"
    ACTIONS = "actions"
    BACKUPS = "backups"


@dataclass(frozen=True)
class Changed:
    areas: frozenset[str]
    incident_id: str | None = None

    @classmethod
    def of(cls, *areas: str, incident_id: str | None = None) -> Changed:
        return cls(frozenset(areas), incident_id)

    def touches(self, *areas: str) -> bool:
        return bool(self.areas.intersection(areas))


Listener = Callable[[Changed], None]


class ChangeNotifier:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def notify(self, changed: Changed) -> Changed:
        for listener in list(self._listeners):
            listener(changed)
        return changed
