"""Playbooks: the phases of a crisis and their checklists.

A playbook is written as markdown (see playbooks/README.md) and parsed by
``crisisdesk.playbooks`` into these objects. At incident start the playbook is frozen
into the incident as ``Playbook.to_dict()``; a later edit never changes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class PhaseKey:
    """The six phases of the crisis checklist crisisdesk is built on, in order."""

    PREVENTION = "prevention"
    IDENTIFICATION = "identification"
    ISOLATION = "isolation"
    RECOVERY = "recovery"
    COMMUNICATION = "communication"
    AFTERCARE = "aftercare"

    ALL = (PREVENTION, IDENTIFICATION, ISOLATION, RECOVERY, COMMUNICATION, AFTERCARE)
    # Prevention is used by the Readiness view, not during an incident.
    INCIDENT = (IDENTIFICATION, ISOLATION, RECOVERY, COMMUNICATION, AFTERCARE)


CRISIS_TYPES = ("generic", "ransomware", "data-breach", "outage", "ddos", "phishing")

# The languages a playbook can be written in; an id is the same in every language.
PLAYBOOK_LANGUAGES = ("en", "nl")

# Role keys a checklist item may name as its owner (the crisis-team roles of the
# handbook use the same keys; see crisisdesk.services.demo_data).
STANDARD_ROLE_KEYS = (
    "crisis-lead",
    "deputy",
    "scribe",
    "it-lead",
    "security",
    "communications",
    "privacy-officer",
    "legal",
    "management",
    "business-liaison",
    "customer-liaison",
)

# Regulatory clocks a playbook may suggest (see /shared DOMAIN.md "Legal clocks"):
# GDPR art. 33 (authority, 72 h), GDPR art. 34 (data subjects), NIS2 art. 23, DORA art. 19.
DEADLINE_KEYS = ("gdpr-33", "gdpr-34", "nis2", "dora")


@dataclass(frozen=True)
class ChecklistItem:
    id: str  # stable within the playbook, e.g. "isolation.3"; what CLI and events use
    text: str
    owner_role: str | None = None  # a role key, e.g. "it-lead"
    must: bool = False
    due_minutes: int | None = None  # due this many minutes after incident start
    note: str = ""
    line: int = 0  # line in the markdown source, for error messages

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "owner_role": self.owner_role,
            "must": self.must,
            "due_minutes": self.due_minutes,
            "note": self.note,
            "line": self.line,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChecklistItem:
        return cls(
            id=data["id"],
            text=data["text"],
            owner_role=data.get("owner_role"),
            must=bool(data.get("must", False)),
            due_minutes=data.get("due_minutes"),
            note=data.get("note", ""),
            line=int(data.get("line", 0)),
        )


@dataclass(frozen=True)
class Phase:
    key: str  # a PhaseKey
    title: str
    guidance: str = ""  # markdown
    items: tuple[ChecklistItem, ...] = ()
    line: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "guidance": self.guidance,
            "items": [i.to_dict() for i in self.items],
            "line": self.line,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Phase:
        return cls(
            key=data["key"],
            title=data["title"],
            guidance=data.get("guidance", ""),
            items=tuple(ChecklistItem.from_dict(i) for i in data.get("items", [])),
            line=int(data.get("line", 0)),
        )


@dataclass(frozen=True)
class Playbook:
    id: str  # e.g. "ransomware": the same in every language
    title: str
    crisis_type: str
    language: str  # "en" or "nl"
    version: str
    last_reviewed: str  # YYYY-MM-DD
    phases: tuple[Phase, ...] = ()
    summary: str = ""  # markdown before the first phase
    sources: tuple[str, ...] = field(default_factory=tuple)
    deadlines: tuple[str, ...] = ()  # suggested regulatory clocks, e.g. ("gdpr-33",)

    def phase(self, key: str) -> Phase | None:
        return next((p for p in self.phases if p.key == key), None)

    def item(self, item_id: str) -> ChecklistItem | None:
        for phase in self.phases:
            for item in phase.items:
                if item.id == item_id:
                    return item
        return None

    @property
    def incident_phases(self) -> tuple[Phase, ...]:
        return tuple(p for p in self.phases if p.key != PhaseKey.PREVENTION)

    @property
    def item_count(self) -> int:
        return sum(len(p.items) for p in self.phases)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "crisis_type": self.crisis_type,
            "language": self.language,
            "version": self.version,
            "last_reviewed": self.last_reviewed,
            "summary": self.summary,
            "sources": list(self.sources),
            "deadlines": list(self.deadlines),
            "phases": [p.to_dict() for p in self.phases],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Playbook:
        return cls(
            id=data["id"],
            title=data["title"],
            crisis_type=data["crisis_type"],
            language=data["language"],
            version=str(data["version"]),
            last_reviewed=data["last_reviewed"],
            summary=data.get("summary", ""),
            sources=tuple(data.get("sources", [])),
            deadlines=tuple(data.get("deadlines", [])),
            phases=tuple(Phase.from_dict(p) for p in data.get("phases", [])),
        )


@dataclass(frozen=True)
class PlaybookVersion:
    """One version of a playbook as a handbook offers it: parsed, with its markdown.

    Built-in playbooks ship with crisisdesk (``builtin``; never stored); the
    organisation's own are stored in the handbook, every version kept, and a stored one
    overrides the built-in playbook with the same id and language.
    """

    playbook: Playbook
    markdown: str
    builtin: bool
    filename: str = ""
    added_at: str | None = None  # UTC ISO-8601; None for a built-in playbook
