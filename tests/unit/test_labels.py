"""Every domain code a person sees has a label in English and Dutch (domain/labels.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from crisisdesk.domain import labels
from crisisdesk.domain.actions import ActionStatus
from crisisdesk.domain.contacts import ChannelKind
from crisisdesk.domain.deadlines import DeadlineStatus, Moment
from crisisdesk.domain.events import LogEntryKind
from crisisdesk.domain.i18n import use_language
from crisisdesk.domain.incident import SEVERITIES, IncidentStatus
from crisisdesk.domain.playbook import CRISIS_TYPES, STANDARD_ROLE_KEYS, PhaseKey
from crisisdesk.domain.projection import CallOutcome, ItemStatus, ScopeKind, ScopeStatus

DEADLINE_STATES = (
    DeadlineStatus.OK,
    DeadlineStatus.DUE_SOON,
    DeadlineStatus.OVERDUE,
    DeadlineStatus.DONE,
    DeadlineStatus.WAITING,
    DeadlineStatus.INFO,
)
CODE_SETS: dict[str, tuple[Callable[[str], str], Sequence[str]]] = {
    "severity": (labels.severity_label, SEVERITIES),
    "crisis type": (labels.crisis_type_label, CRISIS_TYPES),
    "incident status": (labels.incident_status_label, (IncidentStatus.OPEN, IncidentStatus.CLOSED)),
    "role": (labels.role_label, STANDARD_ROLE_KEYS),
    "phase": (labels.phase_label, PhaseKey.ALL),
    "item status": (
        labels.item_status_label,
        (ItemStatus.OPEN, ItemStatus.DONE, ItemStatus.NOT_APPLICABLE),
    ),
    "log kind": (labels.log_kind_label, LogEntryKind.ALL),
    "call outcome": (labels.call_outcome_label, CallOutcome.ALL),
    "scope kind": (labels.scope_kind_label, ScopeKind.ALL),
    "scope status": (labels.scope_status_label, ScopeStatus.ALL),
    "deadline status": (labels.deadline_status_label, DEADLINE_STATES),
    "moment": (labels.moment_label, Moment.ALL),
    "action status": (labels.action_status_label, ActionStatus.ALL),
    "channel kind": (labels.channel_kind_label, ChannelKind.ALL),
    "timeline marker": (
        labels.marker_label,
        ("decision", "message", "notice", "inject", "detected", "closed"),
    ),
}
# Words Dutch borrows as they are.
SAME_IN_DUTCH = {"ransomware", "phishing", "open", "voicemail", "E-mail", "inject"}


@pytest.mark.parametrize("name", CODE_SETS)
def test_every_code_has_its_own_english_label(name: str) -> None:
    label, codes = CODE_SETS[name]
    with use_language("en"):
        shown = [label(code) for code in codes]
    assert all(shown) and len(set(shown)) == len(codes), shown
    # a code with a dash or an abbreviation never shows as it is stored
    assert not [s for s, c in zip(shown, codes, strict=True) if "-" in c and s == c]


@pytest.mark.parametrize("name", CODE_SETS)
def test_every_code_reads_in_dutch(name: str) -> None:
    label, codes = CODE_SETS[name]
    with use_language("en"):
        english = [label(code) for code in codes]
    with use_language("nl"):
        dutch_labels = [label(code) for code in codes]
    untranslated = [
        e for e, d in zip(english, dutch_labels, strict=True) if e == d and e not in SAME_IN_DUTCH
    ]
    assert not untranslated, f"{name}: {untranslated}"


def test_examples_in_dutch() -> None:
    with use_language("nl"):
        assert labels.severity_label("high") == "hoog"
        assert labels.must_label() == "VERPLICHT"
        assert labels.crisis_type_label("data-breach") == "datalek"
        assert labels.scope_status_label("isolated") == "geïsoleerd"
        assert labels.role_label("it-lead") != "it-lead"


def test_unknown_codes_show_as_they_are() -> None:
    assert labels.severity_label("apocalyptic") == "apocalyptic"
    assert labels.role_label("own-role") == "own-role"
    assert labels.phase_label("triage") == "triage"


def test_runs_from_names_moments_and_notices() -> None:
    with use_language("en"):
        assert labels.runs_from_label("aware / detected", {}) == "becoming aware / detection"
        assert labels.runs_from_label("nis2-notification", {"nis2-notification": "NIS2 72 h"}) == (
            "NIS2 72 h"
        )
        assert labels.runs_from_label("", {}) == ""


def test_the_log_names_the_deadline_it_enabled() -> None:
    from crisisdesk.domain.event_text import describe
    from crisisdesk.domain.events import Event, EventKind

    def enabled(regime: str) -> str:
        event = Event("e", "i", 2, EventKind.DEADLINE_ENABLED, "t", "t", "me", {"regime": regime})
        return describe(event)

    with use_language("en"):
        assert enabled("gdpr-33") == "Deadline enabled: GDPR art. 33 — supervisory authority"
        assert enabled("insurer") == "Deadline enabled: insurer"  # an own rule: its key
    with use_language("nl"):
        assert "AVG art. 33" in enabled("gdpr-33")
