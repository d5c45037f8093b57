"""Stakeholder messages filled from an incident; marking one as sent logs it."""

from __future__ import annotations

from collections.abc import Callable

from crisisdesk.domain.contacts import ChannelKind
from crisisdesk.domain.events import Event, EventKind, LogEntryKind
from crisisdesk.domain.i18n import _, use_language
from crisisdesk.domain.labels import severity_label
from crisisdesk.domain.messages import (
    Contact,
    FilledMessage,
    MessageFacts,
    MessageKind,
    fill,
    message_values,
    scope_line,
)
from crisisdesk.domain.playbook import PhaseKey
from crisisdesk.domain.projection import ItemStatus
from crisisdesk.playbooks.messages import template
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.incidents import IncidentService, InvalidValue
from crisisdesk.store import contacts_repo, settings_repo

# Whom a message names as the contact for questions, in order of preference.
CONTACT_ROLES = ("communications", "crisis-lead")
DPO_ROLES = ("privacy-officer",)


def _in_language(language: str, label: Callable[[str], str], code: str) -> str:
    """A code's label in the message's language (not the window's)."""
    with use_language(language):
        return label(code)


class MessageService:
    def __init__(self, ctx: ServiceContext, incidents: IncidentService) -> None:
        self._ctx = ctx
        self._incidents = incidents

    def _role_contact(self, role_keys: tuple[str, ...]) -> Contact:
        conn = self._ctx.handbook.conn
        roles = {r.key: r for r in contacts_repo.list_roles(conn)}
        for key in role_keys:
            role = roles.get(key)
            if role is None or role.primary is None:
                continue
            person = contacts_repo.get_contact(conn, role.primary)
            if person is None:
                continue
            phone = next((c.value for c in person.channels if c.is_phone), "")
            email = next((c.value for c in person.channels if c.kind == ChannelKind.EMAIL), "")
            return Contact(person.name, phone, email)
        return Contact()

    def facts(self, incident_id: str, language: str) -> MessageFacts:
        state = self._incidents.state(incident_id)
        measures = [
            s.item.text
            for key in (PhaseKey.ISOLATION, PhaseKey.RECOVERY)
            for s in state.phase_items(key)
            if s.status == ItemStatus.DONE
        ]
        phase = state.phase(state.current_phase or "")
        return MessageFacts(
            organisation=str(
                settings_repo.get_setting(self._ctx.handbook.conn, "organisation.name") or ""
            ),
            title=state.title,
            severity=_in_language(language, severity_label, state.severity),
            lead=state.lead,
            exercise=state.exercise,
            detected_at=state.detected_at,
            aware_at=state.moments.get("aware"),
            written_at=self._ctx.clock.now(),
            phase="" if state.closed or phase is None else phase.title,
            scope=tuple(scope_line(e.name, e.status, language) for e in state.scope.values()),
            measures=tuple(measures),
            contact=self._role_contact(CONTACT_ROLES),
            dpo=self._role_contact(DPO_ROLES),
        )

    def fill(self, incident_id: str, kind: str, language: str | None = None) -> FilledMessage:
        """The message of ``kind`` filled from the incident, in ``language`` (default:
        the incident's playbook language)."""
        if kind not in MessageKind.ALL:
            raise InvalidValue(
                _("message kind '{kind}' is not one of: {known}").format(
                    kind=kind, known=", ".join(MessageKind.ALL)
                )
            )
        lang = language or self._incidents.get(incident_id).language
        tpl = template(kind, lang)
        facts = self.facts(incident_id, tpl.language)
        tz = facts.written_at.astimezone().tzinfo
        assert tz is not None
        return fill(tpl, message_values(facts, tz), facts.exercise)

    def mark_sent(self, incident_id: str, message: FilledMessage, note: str = "") -> Event:
        """Log that the message was sent. A regulatory notice whose deadline is enabled is
        logged as that notice sent (which stops its clock); any other message as a
        communication log entry."""
        state = self._incidents.state(incident_id)
        notice_keys = {d.key for d in self._incidents.deadlines(incident_id, state)}
        if message.kind in MessageKind.NOTICES and message.kind in notice_keys:
            return self._incidents.mark_notice_sent(
                incident_id, message.kind, note=note.strip() or message.subject
            )
        text = _("Message sent ({title}): {subject}").format(
            title=message.title, subject=message.subject
        )
        if note.strip():
            text += f" — {note.strip()}"
        return self._incidents.record(
            incident_id,
            EventKind.LOG_ENTRY,
            {"kind": LogEntryKind.COMMUNICATION, "text": text, "message": message.kind},
        )
