"""Stakeholder message templates filled from an incident: pure text, no files, no clock.

A template (text kept as data in ``playbooks/messages/<kind>.<lang>.md``) holds
placeholders ``{{key}}`` and ``{{key: what to write here}}``. A key the incident knows is
filled in; a key it does not know (or the empty key ``{{: ...}}``, for what only a
person can say, such as likely consequences) becomes a clearly marked gap like
``[TO COMPLETE: likely consequences]``. Nothing is ever invented.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]*)\s*(?::\s*([^{}]*?))?\s*\}\}")


class MessageKind:
    INTERNAL = "internal"  # staff update
    CUSTOMERS = "customers"  # customers and partners
    GDPR_33 = "gdpr-33"  # notice to the data-protection authority, GDPR art. 33(3)
    NIS2_EARLY_WARNING = "nis2-early-warning"  # NIS2 art. 23(4)(a)

    ALL = (INTERNAL, CUSTOMERS, GDPR_33, NIS2_EARLY_WARNING)
    # Message kinds that are a regulatory notice with a deadline of the same key.
    NOTICES = (GDPR_33, NIS2_EARLY_WARNING)


# Every key a template may use, filled from MessageFacts by ``message_values``.
KNOWN_KEYS = (
    "organisation",
    "title",
    "severity",
    "lead",
    "detected_at",
    "aware_at",
    "written_at",
    "phase",
    "scope",
    "measures",
    "contact_name",
    "contact_phone",
    "contact_email",
    "dpo_name",
    "dpo_phone",
    "dpo_email",
)


@dataclass(frozen=True)
class MessageTemplate:
    kind: str
    language: str
    title: str  # e.g. "Internal update"
    subject: str  # with placeholders
    body: str  # with placeholders
    todo: str  # the gap marker's word, e.g. "TO COMPLETE"
    exercise: str  # the banner for exercises, e.g. "EXERCISE — NOT A REAL INCIDENT"

    def keys(self) -> list[str]:
        return [m.group(1) for m in PLACEHOLDER.finditer(self.subject + "\n" + self.body)]


@dataclass(frozen=True)
class Contact:
    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class MessageFacts:
    """What an incident says that a message may use; empty means unknown."""

    organisation: str
    title: str
    severity: str
    lead: str
    exercise: bool
    detected_at: datetime | None
    aware_at: datetime | None  # recorded moment of awareness (GDPR / NIS2 clocks)
    written_at: datetime
    phase: str  # the current phase's title, or "" when closed
    scope: Sequence[str] = ()  # "File server FS01 (isolated)"
    measures: Sequence[str] = ()  # done checklist items of isolation and recovery
    contact: Contact = Contact()  # for questions (communications / crisis lead)
    dpo: Contact = Contact()  # the privacy officer / data-protection officer


@dataclass(frozen=True)
class FilledMessage:
    kind: str
    language: str
    title: str
    subject: str
    body: str
    missing: tuple[str, ...]  # the labels of the gaps left for the user

    @property
    def text(self) -> str:
        return f"{self.subject}\n\n{self.body}"


# The scope statuses (domain.projection.ScopeStatus) as a message in that language says them.
SCOPE_WORDS = {
    "en": {},
    "nl": {
        "suspected": "vermoed",
        "confirmed": "bevestigd",
        "isolated": "geïsoleerd",
        "restored": "hersteld",
    },
}


def scope_line(name: str, status: str, language: str) -> str:
    return f"{name} ({SCOPE_WORDS.get(language, {}).get(status, status)})"


def format_time(when: datetime, tz: tzinfo) -> str:
    """2026-03-02 09:30 (UTC+01:00): 24-hour local time with its offset, as in exports."""
    local = when.astimezone(tz)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"


def message_values(facts: MessageFacts, tz: tzinfo) -> dict[str, str]:
    """The placeholder values an incident provides; unknown ones are left out."""

    def when(value: datetime | None) -> str:
        return format_time(value, tz) if value is not None else ""

    def bullets(lines: Sequence[str]) -> str:
        return "\n".join(f"- {line}" for line in lines)

    values = {
        "organisation": facts.organisation,
        "title": facts.title,
        "severity": facts.severity,
        "lead": facts.lead,
        "detected_at": when(facts.detected_at),
        "aware_at": when(facts.aware_at),
        "written_at": when(facts.written_at),
        "phase": facts.phase,
        "scope": bullets(facts.scope),
        "measures": bullets(facts.measures),
        "contact_name": facts.contact.name,
        "contact_phone": facts.contact.phone,
        "contact_email": facts.contact.email,
        "dpo_name": facts.dpo.name,
        "dpo_phone": facts.dpo.phone,
        "dpo_email": facts.dpo.email,
    }
    return {key: value.strip() for key, value in values.items() if value.strip()}


def fill(template: MessageTemplate, values: Mapping[str, str], exercise: bool) -> FilledMessage:
    """The template with every known value filled in and every gap marked."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        key, label = match.group(1), (match.group(2) or "").strip()
        value = values.get(key, "") if key else ""
        if value:
            return value
        gap = label or key
        missing.append(gap)
        return f"[{template.todo}: {gap}]"

    subject = PLACEHOLDER.sub(replace, template.subject).strip()
    body = PLACEHOLDER.sub(replace, template.body).strip()
    if exercise:
        subject = f"{template.exercise} — {subject}"
        body = f"*** {template.exercise} ***\n\n{body}\n\n*** {template.exercise} ***"
    return FilledMessage(
        template.kind, template.language, template.title, subject, body, tuple(missing)
    )
