"""TeamService: roles with primary and ordered backups; the call tree, stored."""

from __future__ import annotations

import pytest

from crisisdesk.domain.calltree import CallTreeRefused
from crisisdesk.domain.errors import NotFound, Rejected
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services, open_services


@pytest.fixture
def ids(demo_services: Services) -> dict[str, str]:
    return {name: cid for cid, name in demo_services.team.names().items()}


def role_named(services: Services, name: str):  # type: ignore[no-untyped-def]
    return next(r for r in services.team.roles() if r.name == name)


def test_roles_add_rename_move_remove(demo_services: Services) -> None:
    team = demo_services.team
    seen: list[Changed] = []
    demo_services.notifier.subscribe(seen.append)
    role = team.add_role("Crisis lead", "a second one")  # same name: own key
    assert role.key == "crisis-lead-2"
    assert team.roles()[-1].id == role.id
    assert seen[-1].touches(Area.ROLES)
    team.rename_role(role.id, "HR liaison", "Staff welfare")
    assert (team.role(role.id).name, team.role(role.id).description) == (
        "HR liaison",
        "Staff welfare",
    )
    team.move_role(role.id, -100)
    assert team.roles()[0].id == role.id
    assert team.move_role(role.id, -1) is None
    team.remove_role(role.id)
    assert role.id not in [r.id for r in team.roles()]
    assert [r.position for r in team.roles()] == list(range(len(team.roles())))
    with pytest.raises(Rejected):
        team.add_role("  ")
    with pytest.raises(NotFound):
        team.remove_role(role.id)


def test_primary_and_ordered_backups(demo_services: Services, ids: dict[str, str]) -> None:
    team = demo_services.team
    lead = role_named(demo_services, "Crisis lead")
    assert [ids["Jan de Vries"], ids["Anouk Mulder"], ids["Marieke Bos"]] == list(lead.members)
    team.set_primary(lead.id, ids["Marieke Bos"])
    assert team.role(lead.id).members == (
        ids["Marieke Bos"],
        ids["Jan de Vries"],
        ids["Anouk Mulder"],
    )
    team.move_member(lead.id, ids["Anouk Mulder"], -1)
    assert team.role(lead.id).backups == (ids["Anouk Mulder"], ids["Jan de Vries"])
    assert team.move_member(lead.id, ids["Jan de Vries"], 1) is None  # already last
    team.add_backup(lead.id, ids["Koen Vos"])
    assert team.role(lead.id).backups[-1] == ids["Koen Vos"]
    with pytest.raises(Rejected):
        team.add_backup(lead.id, ids["Koen Vos"])
    team.remove_member(lead.id, ids["Marieke Bos"])
    assert team.role(lead.id).primary == ids["Anouk Mulder"]
    with pytest.raises(NotFound):
        team.set_members(lead.id, ["not-a-contact"])
    with pytest.raises(Rejected):
        team.set_members(lead.id, [ids["Koen Vos"], ids["Koen Vos"]])
    assert team.role(lead.id).primary == ids["Anouk Mulder"]  # refused edits changed nothing


def test_move_branch_is_stored_and_survives_reopen(
    demo_services: Services, ids: dict[str, str]
) -> None:
    team = demo_services.team
    team.move_call(ids["Pieter Bakker"], ids["Lotte Smit"], 0)
    path = demo_services.path
    demo_services.close()
    again = open_services(path)
    try:
        tree = again.team.call_tree()
        lotte = next(n for n in tree[0].children if n.contact_id == ids["Lotte Smit"])
        assert lotte.children[0].contact_id == ids["Pieter Bakker"]
        # Pieter's own calls came with him
        assert [c.contact_id for c in lotte.children[0].children] == [
            ids["Sanne Janssen"],
            ids["Deniz Yılmaz"],
            ids["Amy Chen"],
        ]
        assert again.team.check_call_tree().ok
    finally:
        again.close()


def test_move_under_own_descendant_is_refused_and_changes_nothing(
    demo_services: Services, ids: dict[str, str]
) -> None:
    team = demo_services.team
    before = team.edges()
    with pytest.raises(CallTreeRefused, match="same branch"):
        team.move_call(ids["Anouk Mulder"], ids["Sanne Janssen"])
    assert team.edges() == before
    assert ids["Sanne Janssen"] not in team.possible_callers(ids["Anouk Mulder"])
    assert ids["Anouk Mulder"] not in team.possible_callers(ids["Anouk Mulder"])
    assert ids["Lotte Smit"] in team.possible_callers(ids["Anouk Mulder"])


def test_check_finds_uncalled_role_members_and_describes_them(
    demo_services: Services, ids: dict[str, str]
) -> None:
    team = demo_services.team
    team.remove_call(ids["Esther Dekker"])  # privacy officer, nobody calls her now
    report = team.check_call_tree()
    assert report.uncalled == [ids["Esther Dekker"]]
    assert team.describe(report) == ["Nobody calls Esther Dekker (Privacy officer / DPO, Legal)"]
    team.add_call(ids["Thomas van Dijk"], ids["Esther Dekker"], backup_id=ids["Koen Vos"])
    assert team.check_call_tree().ok


def test_backup_and_reorder(demo_services: Services, ids: dict[str, str]) -> None:
    team = demo_services.team
    team.set_backup(ids["Amy Chen"], ids["Sanne Janssen"])
    team.shift_call(ids["Amy Chen"], -2)
    pieter = team.call_tree()[0].children[0].children[0]
    assert pieter.children[0].contact_id == ids["Amy Chen"]
    assert pieter.children[0].backup_id == ids["Sanne Janssen"]
    assert team.shift_call(ids["Amy Chen"], -1) is None
    with pytest.raises(NotFound):
        team.set_backup(ids["Amy Chen"], "no-such-contact")


def test_usual_roles_use_the_keys_playbooks_name_and_are_added_once(services: Services) -> None:
    from crisisdesk.domain.playbook import STANDARD_ROLE_KEYS

    services.team.add_role("Crisis lead")  # already there under this key: not doubled
    services.team.add_standard_roles()
    keys = [r.key for r in services.team.roles()]
    assert keys[0] == "crisis-lead"
    assert sorted(keys) == sorted(STANDARD_ROLE_KEYS)
    services.team.add_standard_roles()
    assert len(services.team.roles()) == len(STANDARD_ROLE_KEYS)
    assert [r.position for r in services.team.roles()] == list(range(len(STANDARD_ROLE_KEYS)))


def test_deleting_a_caller_keeps_the_people_they_called_in_the_tree(
    demo_services: Services, ids: dict[str, str]
) -> None:
    demo_services.contacts.delete(ids["Anouk Mulder"])
    team = demo_services.team
    jan = team.call_tree()[0]
    assert [n.contact_id for n in jan.children][:3] == [
        ids["Pieter Bakker"],
        ids["Mohamed El Amrani"],
        ids["Bram de Jong"],
    ]
    assert team.check_call_tree().ok
    assert ids["Anouk Mulder"] not in team.role(role_named(demo_services, "Crisis lead").id).members
