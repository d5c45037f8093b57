"""Tabletop exercise scenarios: a script of timed injects for practising a playbook.

A scenario is written as markdown (``playbooks/scenarios/README.md``) and parsed by
``crisisdesk.playbooks.scenarios``. At exercise start it is frozen into the incident's
log, like the playbook, so a later edit never changes an exercise that ran.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Inject:
    """One message the exercise leader delivers ``offset_minutes`` after the start."""

    number: int  # 1, 2, 3 ... in the script's order
    offset_minutes: int
    text: str
    sender: str = ""  # who delivers it ("service desk", "a journalist")
    expected: tuple[str, ...] = ()  # what the team is expected to do
    line: int = 0

    @property
    def offset(self) -> timedelta:
        return timedelta(minutes=self.offset_minutes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "offset_minutes": self.offset_minutes,
            "text": self.text,
            "sender": self.sender,
            "expected": list(self.expected),
            "line": self.line,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Inject:
        return cls(
            number=int(data["number"]),
            offset_minutes=int(data["offset_minutes"]),
            text=str(data["text"]),
            sender=str(data.get("sender", "")),
            expected=tuple(str(e) for e in data.get("expected", [])),
            line=int(data.get("line", 0)),
        )


@dataclass(frozen=True)
class Scenario:
    id: str
    playbook_id: str
    language: str
    title: str
    duration_minutes: int
    briefing: str = ""  # markdown read out before the exercise starts
    injects: tuple[Inject, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "playbook_id": self.playbook_id,
            "language": self.language,
            "title": self.title,
            "duration_minutes": self.duration_minutes,
            "briefing": self.briefing,
            "injects": [i.to_dict() for i in self.injects],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scenario:
        return cls(
            id=str(data["id"]),
            playbook_id=str(data["playbook_id"]),
            language=str(data["language"]),
            title=str(data["title"]),
            duration_minutes=int(data["duration_minutes"]),
            briefing=str(data.get("briefing", "")),
            injects=tuple(Inject.from_dict(i) for i in data.get("injects", [])),
        )


def due_injects(scenario: Scenario, start: datetime, now: datetime) -> list[Inject]:
    """The injects whose time has come at ``now`` for an exercise started at ``start``.

    An inject is due from the moment ``start + offset`` (inclusive). Before the start
    nothing is due.
    """
    if start.tzinfo is None or now.tzinfo is None:
        raise ValueError("due_injects needs timezone-aware times")
    elapsed = now - start
    return [i for i in scenario.injects if i.offset <= elapsed]


def pending_injects(
    scenario: Scenario, start: datetime, now: datetime, delivered: Iterable[int]
) -> list[Inject]:
    """Due injects not yet delivered (``delivered`` holds inject numbers), in order."""
    done = set(delivered)
    return [i for i in due_injects(scenario, start, now) if i.number not in done]


def next_inject(scenario: Scenario, start: datetime, now: datetime) -> Inject | None:
    """The first inject still to come after ``now`` (None when all are due)."""
    elapsed = now - start
    return next((i for i in scenario.injects if i.offset > elapsed), None)
