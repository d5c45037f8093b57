"""Readiness between crises: plan review, contact verification, playbooks, incidents.

Pure rules over plain facts; the store gathers the facts, the UI renders the findings.
Findings carry a code and parameters rather than sentences so each view can word them
in its own language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any


class Status:
    OK = "ok"
    WARN = "warn"  # due soon / worth attention
    BAD = "bad"  # overdue / missing
    INFO = "info"


@dataclass(frozen=True)
class ReadinessFacts:
    today: date
    organisation: str
    plan_version: str
    plan_last_reviewed: date | None
    plan_review_interval_days: int
    plan_sections: int
    contacts_total: int
    contacts_unverified: int  # never verified or verified longer ago than the interval
    contact_verify_interval_days: int
    roles_total: int
    roles_without_primary: int
    playbooks_total: int
    playbook_languages: tuple[str, ...]
    playbooks_stale: int  # reviewed longer than a year ago
    open_incidents: tuple[str, ...]  # titles of running incidents
    open_actions: int = 0
    last_backup: str | None = None  # when, ISO 8601 (UTC)
    # (playbook id, title, date of the latest exercise or None) for every playbook.
    practised: tuple[tuple[str, str, date | None], ...] = ()
    open_action_lines: tuple[str, ...] = ()  # "text (owner, due date)" of open actions
    exercise_interval_days: int = 365


@dataclass(frozen=True)
class Finding:
    status: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


def assess(f: ReadinessFacts) -> list[Finding]:
    """The readiness findings, most urgent first."""
    out: list[Finding] = []
    if f.open_incidents:
        out.append(Finding(Status.BAD, "incident_running", {"titles": list(f.open_incidents)}))
    if f.plan_last_reviewed is None:
        out.append(Finding(Status.BAD, "plan_never_reviewed", {}))
    else:
        due = f.plan_last_reviewed + timedelta(days=f.plan_review_interval_days)
        days = (f.today - due).days
        params = {
            "last": f.plan_last_reviewed.isoformat(),
            "due": due.isoformat(),
            "days": abs(days),
        }
        if days > 0:
            out.append(Finding(Status.BAD, "plan_review_overdue", params))
        elif days > -30:
            out.append(Finding(Status.WARN, "plan_review_due_soon", params))
        else:
            out.append(Finding(Status.OK, "plan_reviewed", params))
    if f.contacts_total == 0:
        out.append(Finding(Status.BAD, "no_contacts", {}))
    elif f.contacts_unverified:
        out.append(
            Finding(
                Status.WARN,
                "contacts_unverified",
                {
                    "count": f.contacts_unverified,
                    "total": f.contacts_total,
                    "days": f.contact_verify_interval_days,
                },
            )
        )
    else:
        out.append(Finding(Status.OK, "contacts_verified", {"total": f.contacts_total}))
    if f.roles_total == 0:
        out.append(Finding(Status.BAD, "no_roles", {}))
    elif f.roles_without_primary:
        out.append(Finding(Status.WARN, "roles_unfilled", {"count": f.roles_without_primary}))
    else:
        out.append(Finding(Status.OK, "roles_filled", {"total": f.roles_total}))
    if f.playbooks_total == 0:
        out.append(Finding(Status.BAD, "no_playbooks", {}))
    elif f.playbooks_stale:
        out.append(Finding(Status.WARN, "playbooks_stale", {"count": f.playbooks_stale}))
    else:
        out.append(
            Finding(
                Status.OK,
                "playbooks_current",
                {"total": f.playbooks_total, "languages": list(f.playbook_languages)},
            )
        )
    out.extend(_practice_findings(f))
    if f.open_actions:
        out.append(
            Finding(
                Status.WARN,
                "open_actions",
                {"count": f.open_actions, "items": list(f.open_action_lines)},
            )
        )
    out.append(
        Finding(
            Status.INFO if f.last_backup else Status.WARN, "last_backup", {"when": f.last_backup}
        )
    )
    order = {Status.BAD: 0, Status.WARN: 1, Status.OK: 2, Status.INFO: 3}
    return sorted(out, key=lambda x: order[x.status])


def _practice_findings(f: ReadinessFacts) -> list[Finding]:
    """Training is part of prevention: each playbook practised within the interval."""
    out: list[Finding] = []
    current = 0
    for playbook_id, title, last in f.practised:
        params: dict[str, Any] = {"playbook": playbook_id, "title": title}
        if last is None:
            out.append(Finding(Status.WARN, "playbook_never_exercised", params))
            continue
        days = (f.today - last).days
        params.update(last=last.isoformat(), days=days)
        if days > f.exercise_interval_days:
            out.append(Finding(Status.WARN, "playbook_exercise_overdue", params))
        else:
            current += 1
    if current:
        out.append(Finding(Status.OK, "playbooks_exercised", {"count": current}))
    return out
