"""PlanService: sections, metadata, review and validation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crisisdesk.domain.errors import InvalidInput, NotFound, Rejected
from crisisdesk.domain.plan import STANDARD_SECTIONS
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services, open_services


def record(services: Services) -> list[Changed]:
    seen: list[Changed] = []
    services.notifier.subscribe(seen.append)
    return seen


def test_empty_plan_gets_the_standard_sections_in_order(services: Services) -> None:
    assert services.plan.sections() == []
    services.plan.create_standard_sections()
    sections = services.plan.sections()
    assert [(s.key, s.title) for s in sections] == list(STANDARD_SECTIONS)
    assert all(s.body == "" for s in sections)
    services.plan.create_standard_sections()  # idempotent
    assert len(services.plan.sections()) == len(STANDARD_SECTIONS)


def test_save_section_persists_and_notifies_only_when_changed(
    demo_services: Services, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    seen = record(demo_services)
    body = "# New scope\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert demo_services.plan.save_section("scope", body) is not None
    assert seen[-1].touches(Area.PLAN)
    assert demo_services.plan.save_section("scope", body) is None  # unchanged: no write
    assert len(seen) == 1
    path = demo_services.path
    demo_services.close()
    again = open_services(path)
    try:
        assert again.plan.section("scope").body == body
    finally:
        again.close()


def test_unknown_section_is_not_found(services: Services) -> None:
    with pytest.raises(NotFound, match="nope"):
        services.plan.save_section("nope", "x")


def test_add_rename_move_and_remove_custom_sections(demo_services: Services) -> None:
    plan = demo_services.plan
    added = plan.add_section("Suppliers & contracts", "text", after="scope")
    keys = [s.key for s in plan.sections()]
    assert keys[:2] == ["scope", added.key]
    assert added.key.startswith("custom-suppliers-contracts")
    second = plan.add_section("Suppliers & contracts")
    assert second.key != added.key  # same title, own key
    assert [s.key for s in plan.sections()][-1] == second.key
    plan.rename_section(added.key, "Key suppliers")
    assert plan.section(added.key).title == "Key suppliers"
    plan.move_section(added.key, -1)
    assert plan.sections()[0].key == added.key
    assert plan.move_section(added.key, -1) is None  # already first
    plan.remove_section(added.key)
    keys = [s.key for s in plan.sections()]
    assert added.key not in keys
    assert [s.position for s in plan.sections()] == list(range(len(keys)))


def test_standard_sections_cannot_be_removed_and_titles_cannot_be_empty(
    demo_services: Services,
) -> None:
    with pytest.raises(Rejected, match="standard section"):
        demo_services.plan.remove_section("team")
    assert demo_services.plan.section("team").body  # still there, text intact
    with pytest.raises(Rejected):
        demo_services.plan.rename_section("team", "   ")
    with pytest.raises(Rejected):
        demo_services.plan.add_section(" ")


def test_metadata_round_trip_and_review_today(demo_services: Services) -> None:
    plan = demo_services.plan
    meta = plan.metadata()
    assert meta.version == "3.2" and meta.country == "NL"
    assert meta.next_review == meta.last_reviewed + timedelta(days=365)  # type: ignore[operator]
    plan.update_metadata(owner="Anouk Mulder", version="3.3", review_interval_days="180")
    meta = plan.metadata()
    assert (meta.owner, meta.version, meta.review_interval_days) == ("Anouk Mulder", "3.3", 180)
    plan.mark_reviewed_today()
    assert plan.metadata().last_reviewed == date(2026, 3, 14)
    codes = [f.code for f in demo_services.readiness.findings()]
    assert "plan_reviewed" in codes and "plan_review_overdue" not in codes


def test_country_is_checked_and_normalised(demo_services: Services) -> None:
    demo_services.plan.update_metadata(country="be")
    assert demo_services.plan.metadata().country == "BE"
    with pytest.raises(InvalidInput, match="home country: 'XX' is not a known country code"):
        demo_services.plan.update_metadata(country="XX")
    assert demo_services.plan.metadata().country == "BE"


def test_bad_values_change_nothing_and_every_problem_is_listed(demo_services: Services) -> None:
    before = demo_services.plan.metadata()
    with pytest.raises(InvalidInput) as info:
        demo_services.plan.update_metadata(
            owner="Someone else",
            version=" ",
            review_interval_days="soon",
            verify_interval_days=0,
            last_reviewed="2026-13-01",
        )
    fields = [p.source for p in info.value.problems]
    assert fields == [
        "plan version",
        "review interval",
        "contact verification interval",
        "last review date",
    ]
    assert demo_services.plan.metadata() == before  # the good owner was not saved either


def test_review_date_in_the_future_is_refused(demo_services: Services) -> None:
    with pytest.raises(InvalidInput, match="in the future"):
        demo_services.plan.update_metadata(last_reviewed=date(2026, 3, 15))
    demo_services.plan.update_metadata(last_reviewed="")
    assert demo_services.plan.metadata().last_reviewed is None


def test_verify_interval_feeds_readiness(demo_services: Services) -> None:
    seen = record(demo_services)
    demo_services.plan.update_metadata(verify_interval_days=3650)
    assert seen[-1].touches(Area.CONTACTS)
    codes = [f.code for f in demo_services.readiness.findings()]
    assert "contacts_verified" in codes
