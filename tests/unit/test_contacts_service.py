from __future__ import annotations

from datetime import date, timedelta

import pytest

from crisisdesk.domain.contacts import Channel, ChannelKind, Contact
from crisisdesk.domain.errors import InvalidInput, NotFound
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services


def person(name: str, *channels: Channel, **fields: object) -> Contact:
    return Contact(id="", name=name, channels=channels, **fields)  # type: ignore[arg-type]


def test_add_normalises_phones_in_home_country_and_keeps_typed(services: Services) -> None:
    services.settings.set("organisation.country", "NL")
    stored = services.contacts.add(
        person(
            " Jan de Vries ",
            Channel(ChannelKind.MOBILE, "06-12345001"),
            Channel(ChannelKind.LANDLINE, "+32 2 555 12 12"),
            Channel(ChannelKind.EMAIL, "jan@example.org"),
        )
    )
    got = services.contacts.get(stored.id)
    assert got.name == "Jan de Vries"
    mobile, landline, email = got.channels
    assert (mobile.value, mobile.e164) == ("06-12345001", "+31612345001")
    assert landline.e164 == "+3225551212"
    assert email.e164 is None and not email.flagged
    assert services.contacts.display_number(mobile) == "06 12345001"
    # A foreign number is shown internationally, not in our national format.
    assert services.contacts.display_number(landline).startswith("+32")


def test_home_country_decides_how_numbers_without_code_are_read(services: Services) -> None:
    services.settings.set("organisation.country", "BE")
    stored = services.contacts.add(person("Els", Channel(ChannelKind.LANDLINE, "02 555 12 12")))
    assert stored.channels[0].e164 == "+3225551212"


def test_unparseable_number_is_kept_and_flagged(services: Services) -> None:
    stored = services.contacts.add(
        person("Reception", Channel(ChannelKind.LANDLINE, "ask the front desk, ext. 12"))
    )
    channel = services.contacts.get(stored.id).channels[0]
    assert channel.value == "ask the front desk, ext. 12"
    assert channel.e164 is None and channel.flagged
    entry = services.contacts.entries()[0]
    assert entry.main_flagged and entry.main_number == "ask the front desk, ext. 12"


def test_update_replaces_channels_and_fields(services: Services) -> None:
    stored = services.contacts.add(person("Anouk", Channel(ChannelKind.MOBILE, "0612345002")))
    changed = services.contacts.update(
        Contact(
            id=stored.id,
            name="Anouk Mulder",
            kind="person",
            organisation="Noordhaven",
            internal=False,
            labels=("IT", " ", "IT"),
            notes="prefers SMS",
            availability="24/7",
            channels=(Channel(ChannelKind.LANDLINE, "020 700 1002", label="office"),),
        )
    )
    got = services.contacts.get(stored.id)
    assert got == changed
    assert got.labels == ("IT",)
    assert [(c.kind, c.e164, c.label) for c in got.channels] == [
        ("landline", "+31207001002", "office")
    ]
    assert got.internal is False and got.availability == "24/7"


def test_update_or_delete_unknown_contact_is_not_found(services: Services) -> None:
    with pytest.raises(NotFound):
        services.contacts.update(Contact(id="nope", name="X"))
    with pytest.raises(NotFound):
        services.contacts.delete("nope")


def test_contact_without_name_is_refused_and_nothing_saved(services: Services) -> None:
    with pytest.raises(InvalidInput, match="needs a name"):
        services.contacts.add(person("  ", Channel(ChannelKind.MOBILE, "0612345001")))
    with pytest.raises(InvalidInput, match="unknown channel kind 'fax'"):
        services.contacts.add(person("A", Channel("fax", "0201234567")))
    assert services.contacts.all() == []


def test_delete_removes_contact_and_notifies(services: Services) -> None:
    seen: list[Changed] = []
    services.notifier.subscribe(seen.append)
    stored = services.contacts.add(person("Temp"))
    services.contacts.delete(stored.id)
    assert services.contacts.all() == []
    assert seen[-1].touches(Area.CONTACTS)


def test_verify_today_sets_last_verified_and_clears_overdue(demo_services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    entries = demo_services.contacts.entries()
    overdue = [e for e in entries if e.overdue]
    assert overdue, "the demo has contacts not verified for a long time"
    target = overdue[0].contact
    day = demo_services.contacts.verify_today(target.id)
    assert day == clock.now().astimezone().date()
    assert demo_services.contacts.get(target.id).last_verified == day
    again = {e.contact.id: e for e in demo_services.contacts.entries()}
    assert not again[target.id].overdue
    with pytest.raises(NotFound):
        demo_services.contacts.verify_today("nope")


def test_overdue_follows_the_interval_setting(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    today = clock.now().astimezone().date()
    services.contacts.add(person("Old", last_verified=today - timedelta(days=40)))
    services.contacts.add(person("Never"))
    services.settings.set("contacts.verify_interval_days", 30)
    assert {e.contact.name: e.overdue for e in services.contacts.entries()} == {
        "Never": True,
        "Old": True,
    }
    services.settings.set("contacts.verify_interval_days", 60)
    assert {e.contact.name: e.overdue for e in services.contacts.entries()}["Old"] is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jan", {"Jan de Vries"}),
        ("DE VRIES", {"Jan de Vries"}),
        ("crisis lead", {"Jan de Vries"}),  # a role name
        ("autoriteit", {"Autoriteit Persoonsgegevens"}),  # an organisation
        ("06-12345 001", {"Jan de Vries"}),  # digits, formatted differently
        ("+31 6 1234 5001", {"Jan de Vries"}),
        ("0612345001", {"Jan de Vries"}),
    ],
)
def test_search_names_roles_organisations_and_numbers(
    demo_services: Services, query: str, expected: set[str]
) -> None:
    found = {c.name for c in demo_services.contacts.search(query)}
    assert expected <= found
    if query[0].isdigit() or query[0] == "+":
        assert found == expected


def test_search_empty_query_lists_all(demo_services: Services) -> None:
    assert len(demo_services.contacts.search("  ")) == len(demo_services.contacts.all())


def test_usage_names_roles_before_delete(demo_services: Services) -> None:
    jan = demo_services.contacts.search("Jan de Vries")[0]
    uses = demo_services.contacts.usage(jan.id)
    assert any("Crisis lead" in u for u in uses)
    assert "the call tree" in uses


def test_verified_date_is_a_date(services: Services) -> None:
    stored = services.contacts.add(person("D", last_verified=date(2026, 1, 2)))
    assert services.contacts.get(stored.id).last_verified == date(2026, 1, 2)
