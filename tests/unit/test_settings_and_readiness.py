from __future__ import annotations

from datetime import date

import pytest

from crisisdesk.domain.readiness import ReadinessFacts, Status, assess
from crisisdesk.domain.settings import SETTINGS, setting


def test_settings_store_typed_values_and_defaults(services) -> None:  # type: ignore[no-untyped-def]
    assert (
        services.settings.get("plan.review_interval_days")
        == SETTINGS["plan.review_interval_days"].default
    )
    services.settings.set("plan.review_interval_days", "90")
    assert services.settings.get("plan.review_interval_days") == 90


def test_bad_setting_value_is_rejected_and_nothing_saved(services) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError, match=r"plan\.review_interval_days"):
        services.settings.set("plan.review_interval_days", "often")
    assert services.settings.get("plan.review_interval_days") == 365


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(KeyError, match="unknown setting"):
        setting("no.such")


def facts(**kw) -> ReadinessFacts:  # type: ignore[no-untyped-def]
    base = dict(
        today=date(2026, 11, 27),
        organisation="Org",
        plan_version="1",
        plan_last_reviewed=date(2026, 6, 1),
        plan_review_interval_days=365,
        plan_sections=8,
        contacts_total=10,
        contacts_unverified=0,
        contact_verify_interval_days=180,
        roles_total=5,
        roles_without_primary=0,
        playbooks_total=6,
        playbook_languages=("en", "nl"),
        playbooks_stale=0,
        open_incidents=(),
        open_actions=0,
        last_backup="today",
    )
    base.update(kw)
    return ReadinessFacts(**base)


def by_code(findings):  # type: ignore[no-untyped-def]
    return {f.code: f for f in findings}


def test_overdue_review_is_red_with_days_overdue() -> None:
    found = by_code(assess(facts(plan_last_reviewed=date(2025, 10, 17))))
    assert found["plan_review_overdue"].status == Status.BAD
    assert found["plan_review_overdue"].params["days"] == 41


def test_review_due_within_30_days_is_amber() -> None:
    found = by_code(assess(facts(plan_last_reviewed=date(2025, 12, 10))))
    assert found["plan_review_due_soon"].status == Status.WARN


def test_unverified_contacts_and_running_incident_come_first() -> None:
    findings = assess(facts(contacts_unverified=6, open_incidents=("Ransomware",)))
    assert findings[0].code == "incident_running"
    assert by_code(findings)["contacts_unverified"].params["count"] == 6


def test_all_good_has_no_red_or_amber() -> None:
    assert all(f.status in (Status.OK, Status.INFO) for f in assess(facts()))


def test_demo_handbook_readiness(demo_services) -> None:  # type: ignore[no-untyped-def]
    from crisisdesk.services import demo_data

    f = demo_services.readiness.facts()
    assert f.organisation == demo_data.ORGANISATION
    assert f.contacts_total == len(demo_data.PEOPLE) + len(demo_data.EXTERNAL) >= 25
    assert f.roles_total == len(demo_data.ROLES) and f.roles_without_primary == 0
    assert f.plan_sections == len(demo_data.PLAN)
