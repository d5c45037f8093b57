"""How the domain's codes read for people: one function per code set.

Severity, crisis type, roles, log kinds, deadline states, scope, call outcomes...
are stored as fixed English codes ("high", "data-breach", "no-answer"). Wherever a
person sees one (the windows, the CLI's text output, the PDFs) it goes through the
function here, so it reads in the interface language and the same everywhere. An
unknown code (from a newer version or an own playbook) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from crisisdesk.domain.actions import ActionStatus
from crisisdesk.domain.contacts import ChannelKind
from crisisdesk.domain.deadlines import DeadlineStatus, Moment, NoticeRule
from crisisdesk.domain.events import LogEntryKind
from crisisdesk.domain.i18n import _, ngettext
from crisisdesk.domain.incident import IncidentStatus
from crisisdesk.domain.playbook import PhaseKey
from crisisdesk.domain.projection import CallOutcome, ItemStatus, ScopeKind, ScopeStatus


def severity_label(code: str) -> str:
    return {
        "low": _("low"),
        "medium": _("medium"),
        "high": _("high"),
        "critical": _("critical"),
    }.get(code, code)


def incident_status_label(status: str) -> str:
    return {IncidentStatus.OPEN: _("open"), IncidentStatus.CLOSED: _("closed")}.get(status, status)


def crisis_type_label(code: str) -> str:
    return {
        "generic": _("generic IT crisis"),
        "ransomware": _("ransomware"),
        "data-breach": _("data breach"),
        "outage": _("outage"),
        "ddos": _("DDoS attack"),
        "phishing": _("phishing"),
    }.get(code, code)


def role_label(key: str) -> str:
    """The standard crisis-team roles that playbooks name as checklist owners."""
    return {
        "crisis-lead": _("Crisis lead"),
        "deputy": _("Deputy crisis lead"),
        "scribe": _("Scribe"),
        "it-lead": _("IT lead"),
        "security": _("Security officer"),
        "communications": _("Communications"),
        "privacy-officer": _("Privacy officer"),
        "legal": _("Legal"),
        "management": _("Management"),
        "business-liaison": _("Business liaison"),
        "customer-liaison": _("Customer liaison"),
    }.get(key, key)


def phase_label(key: str) -> str:
    """The standard incident phases (a playbook's own phase keeps its key)."""
    return {
        PhaseKey.PREVENTION: _("Prevention"),
        PhaseKey.IDENTIFICATION: _("Identification"),
        PhaseKey.ISOLATION: _("Isolation"),
        PhaseKey.RECOVERY: _("Recovery"),
        PhaseKey.COMMUNICATION: _("Communication"),
        PhaseKey.AFTERCARE: _("Aftercare"),
    }.get(key, key)


def must_label() -> str:
    """The marker of a checklist item that may not be skipped."""
    return _("MUST")


def item_status_label(status: str) -> str:
    return {
        ItemStatus.OPEN: _("open"),
        ItemStatus.DONE: _("done"),
        ItemStatus.NOT_APPLICABLE: _("n/a"),
    }.get(status, status)


def log_kind_label(kind: str) -> str:
    return {
        LogEntryKind.OBSERVATION: _("observation"),
        LogEntryKind.DECISION: _("decision"),
        LogEntryKind.ACTION: _("action"),
        LogEntryKind.COMMUNICATION: _("communication"),
    }.get(kind, kind)


def call_outcome_label(outcome: str) -> str:
    return {
        CallOutcome.REACHED: _("reached"),
        CallOutcome.NO_ANSWER: _("no answer"),
        CallOutcome.VOICEMAIL: _("voicemail"),
        CallOutcome.WRONG_NUMBER: _("wrong number"),
    }.get(outcome, outcome)


def scope_kind_label(kind: str) -> str:
    return {
        ScopeKind.SYSTEM: _("system"),
        ScopeKind.DEVICE: _("device"),
        ScopeKind.USER: _("user"),
        ScopeKind.DATA: _("data"),
    }.get(kind, kind)


def scope_status_label(status: str) -> str:
    return {
        ScopeStatus.SUSPECTED: _("suspected"),
        ScopeStatus.CONFIRMED: _("confirmed"),
        ScopeStatus.ISOLATED: _("isolated"),
        ScopeStatus.RESTORED: _("restored"),
    }.get(status, status)


def deadline_status_label(status: str) -> str:
    return {
        DeadlineStatus.OK: _("running"),
        DeadlineStatus.DUE_SOON: _("due soon"),
        DeadlineStatus.OVERDUE: _("OVERDUE"),
        DeadlineStatus.DONE: _("sent"),
        DeadlineStatus.WAITING: _("waiting"),
        DeadlineStatus.INFO: _("without undue delay"),
    }.get(status, status)


def moment_label(moment: str) -> str:
    """A recorded moment in words, as a deadline runs from it."""
    return {
        Moment.DETECTED: _("detection"),
        Moment.STARTED: _("the start of the incident in crisisdesk"),
        Moment.AWARE: _("becoming aware"),
        Moment.MAJOR: _("classification as major"),
    }.get(moment, moment)


def notice_timing(rule: NoticeRule, notice_names: Mapping[str, str] | None = None) -> str:
    """When a notice is due, in words: "72 h after becoming aware"."""
    if rule.informational:
        return _("without undue delay after {moment}").format(
            moment=" / ".join(moment_label(m) for m, _h in rule.after_moments)
        )
    parts = [
        _("{hours:g} h after {moment}").format(hours=hours, moment=moment_label(moment))
        for moment, hours in rule.after_moments
    ]
    if rule.after_notice:
        notice = (notice_names or {}).get(rule.after_notice, rule.after_notice)
        if rule.months:
            parts.append(
                ngettext(
                    "{n} month after {notice} was sent",
                    "{n} months after {notice} was sent",
                    rule.months,
                ).format(n=rule.months, notice=notice)
            )
        else:
            parts.append(
                _("{hours:g} h after {notice} was sent").format(hours=rule.hours, notice=notice)
            )
    return _("; at the latest ").join(parts)


def runs_from_label(runs_from: str, notice_names: Mapping[str, str]) -> str:
    """A deadline's ``runs_from`` ("aware / detected", or a notice's key) in words:
    moments by their label, notices by their name."""
    parts = [p for p in runs_from.split(" / ") if p]
    return " / ".join(moment_label(p) if p in Moment.ALL else notice_names.get(p, p) for p in parts)


def action_status_label(status: str) -> str:
    return {
        ActionStatus.OPEN: _("open"),
        ActionStatus.IN_PROGRESS: _("in progress"),
        ActionStatus.DONE: _("✓ done"),
    }.get(status, status)


def channel_kind_label(kind: str) -> str:
    return {
        ChannelKind.MOBILE: _("Mobile"),
        ChannelKind.LANDLINE: _("Landline"),
        ChannelKind.EMAIL: _("E-mail"),
        ChannelKind.OTHER: _("Other"),
    }.get(kind, kind)


def marker_label(kind: str) -> str:
    """A marker on the post-incident timeline picture (domain.timeline_chart)."""
    return {
        "decision": _("decision"),
        "message": _("message"),
        "notice": _("notice"),
        "inject": _("inject"),
        "detected": _("detected"),
        "closed": _("closed"),
    }.get(kind, kind)
