"""Improvement actions from evaluations and exercises, and the evaluation's own text."""

from __future__ import annotations

from dataclasses import dataclass


class ActionStatus:
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"

    ALL = (OPEN, IN_PROGRESS, DONE)


class LinkKind:
    """What an action changes: a section of the crisis plan or a playbook checklist item."""

    NONE = ""
    PLAN_SECTION = "plan-section"  # link_ref: the section key, e.g. "escalation"
    PLAYBOOK_ITEM = "playbook-item"  # link_ref: "<playbook id>:<item id>"

    ALL = (NONE, PLAN_SECTION, PLAYBOOK_ITEM)


@dataclass(frozen=True)
class ActionItem:
    id: str
    text: str
    incident_id: str | None = None
    owner: str = ""
    due: str | None = None  # YYYY-MM-DD
    status: str = ActionStatus.OPEN
    link_kind: str = LinkKind.NONE
    link_ref: str = ""
    created_at: str = ""
    updated_at: str = ""

    @property
    def is_open(self) -> bool:
        return self.status != ActionStatus.DONE

    def overdue(self, today: str) -> bool:
        return self.is_open and self.due is not None and self.due < today


@dataclass(frozen=True)
class EvaluationText:
    incident_id: str
    what_happened: str = ""
    what_worked: str = ""
    what_to_improve: str = ""
    updated_at: str | None = None  # None: never saved (what_happened is the draft)
