"""Exercises with injects, evaluations, actions, messages and readiness, through services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from crisisdesk.domain.actions import ActionStatus, LinkKind
from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.errors import NotFound
from crisisdesk.domain.events import EventKind, LogEntryKind
from crisisdesk.domain.readiness import Status
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services
from crisisdesk.services.incidents import InvalidValue

M = timedelta(minutes=1)


def test_exercise_freezes_the_scenario_and_delivers_injects_on_time(
    demo_services: Services, clock: FixedClock
) -> None:
    s = demo_services
    iid = s.exercises.start("ransomware", language="en", scenario_id="default")
    summary = s.incidents.get(iid)
    assert summary.exercise and summary.title == "Monday morning: the file shares are encrypted"
    status = s.exercises.status(iid)
    assert status is not None and status.started_at == clock.now()
    # The first inject (+00:00) is due at once; the second at +00:10.
    first = s.exercises.deliver_due(iid)
    assert [e.payload["number"] for e in first] == [1]
    assert first[0].kind == EventKind.INJECT_SHOWN and first[0].payload["sender"] == "service desk"
    assert s.exercises.deliver_due(iid) == []  # delivered once only
    clock.advance(9 * M)
    assert s.exercises.deliver_due(iid) == []
    clock.advance(M)
    assert [e.payload["number"] for e in s.exercises.deliver_due(iid)] == [2]
    clock.advance(60 * M)  # +01:10: injects 3..6 are due together
    assert [e.payload["number"] for e in s.exercises.deliver_due(iid)] == [3, 4, 5, 6]
    status = s.exercises.status(iid)
    assert status is not None
    assert status.delivered == (1, 2, 3, 4, 5, 6)
    assert status.next is not None and status.next.offset_minutes == 75
    s.incidents.close(iid)
    clock.advance(300 * M)
    assert s.exercises.deliver_due(iid) == []  # a closed exercise gets no more injects


def test_exercise_in_dutch_and_without_scenario(demo_services: Services) -> None:
    s = demo_services
    dutch = s.exercises.start("ransomware", language="nl", scenario_id="ransomware")
    status = s.exercises.status(dutch)
    assert status is not None and status.scenario.language == "nl"
    plain = s.exercises.start("outage", language="en")
    assert s.exercises.status(plain) is None and s.exercises.deliver_due(plain) == []
    assert s.incidents.get(plain).title == "Exercise: System or network outage"
    with pytest.raises(NotFound, match="no scenario 'nope'"):
        s.exercises.start("outage", scenario_id="nope")


def test_readiness_shows_when_each_playbook_was_last_practised(
    demo_services: Services, clock: FixedClock
) -> None:
    s = demo_services
    before = {f.code: f for f in s.readiness.findings()}
    assert before["playbook_never_exercised"].status == Status.WARN
    never = [f for f in s.readiness.findings() if f.code == "playbook_never_exercised"]
    assert len(never) == 6
    iid = s.exercises.start("ransomware", language="en")
    s.incidents.close(iid)
    findings = s.readiness.findings()
    never = [f.params["playbook"] for f in findings if f.code == "playbook_never_exercised"]
    assert "ransomware" not in never and len(never) == 5
    ok = next(f for f in findings if f.code == "playbooks_exercised")
    assert ok.params == {"count": 1}
    clock.advance(timedelta(days=400))
    overdue = [f for f in s.readiness.findings() if f.code == "playbook_exercise_overdue"]
    assert [f.params["playbook"] for f in overdue] == ["ransomware"]
    assert overdue[0].params["days"] == 400


def test_evaluation_is_drafted_from_the_log_then_saved(
    demo_services: Services, clock: FixedClock
) -> None:
    s = demo_services
    iid = s.exercises.start("ransomware", language="en")
    clock.advance(20 * M)
    s.incidents.log(iid, "Disconnect the file servers", kind=LogEntryKind.DECISION)
    clock.advance(20 * M)
    s.incidents.move_phase(iid)
    draft = s.evaluation.get(iid)
    assert draft.updated_at is None
    assert draft.what_happened.startswith("EXERCISE: Exercise: Ransomware attack\n")
    assert "Time to identify: 0:40" in draft.what_happened
    assert "Disconnect the file servers" in draft.what_happened
    seen: list[Changed] = []
    s.notifier.subscribe(seen.append)
    saved = s.evaluation.save(iid, "What happened", " Calls went well ", "Backups")
    assert saved.updated_at == s.ctx.now_iso() and saved.what_worked == "Calls went well"
    assert s.evaluation.get(iid) == saved
    assert seen and seen[0].incident_id == iid
    f = s.evaluation.figures(iid)
    assert f.time_to_identify == 40 * M and f.exercise


def test_actions_feed_readiness_until_done(demo_services: Services) -> None:
    s = demo_services
    iid = s.exercises.start("ransomware", language="en")
    seen: list[Changed] = []
    s.notifier.subscribe(seen.append)
    a = s.evaluation.add_action(
        "Test the offline backup restore monthly",
        owner="Pieter Bakker",
        due=date(2026, 4, 30),
        incident_id=iid,
        link_kind=LinkKind.PLAN_SECTION,
        link_ref="recovery",
    )
    b = s.evaluation.add_action(
        "Add the UPS interface to the isolation checklist",
        link_kind=LinkKind.PLAYBOOK_ITEM,
        link_ref="ransomware:activate-team",
    )
    assert seen[0].touches(Area.ACTIONS)
    assert [x.id for x in s.evaluation.actions(iid)] == [a.id]
    open_actions = next(f for f in s.readiness.findings() if f.code == "open_actions")
    assert open_actions.params == {
        "count": 2,
        "items": [
            "Test the offline backup restore monthly (Pieter Bakker, 2026-04-30)",
            "Add the UPS interface to the isolation checklist",
        ],
    }
    done = s.evaluation.set_status(a.id[:8], ActionStatus.DONE)
    assert done.status == ActionStatus.DONE and not done.is_open
    assert [x.id for x in s.evaluation.actions(open_only=True)] == [b.id]
    s.evaluation.set_status(b.id, ActionStatus.DONE)
    assert not any(f.code == "open_actions" for f in s.readiness.findings())


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"text": " "}, InvalidValue, "needs a text"),
        ({"link_kind": LinkKind.PLAN_SECTION, "link_ref": "nope"}, NotFound, "no plan section"),
        ({"link_kind": LinkKind.PLAYBOOK_ITEM, "link_ref": "ransomware:x.9"}, NotFound, "x.9"),
        ({"link_kind": "wiki", "link_ref": "x"}, InvalidValue, "link kind"),
        ({"link_ref": "recovery"}, InvalidValue, "needs its kind"),
    ],
)
def test_bad_actions_are_refused_and_nothing_is_saved(
    demo_services: Services, kwargs: dict[str, str], error: type[Exception], match: str
) -> None:
    args = {"text": "Do something"}
    args.update(kwargs)
    with pytest.raises(error, match=match):
        demo_services.evaluation.add_action(**args)  # type: ignore[arg-type]
    assert demo_services.evaluation.actions() == []
    with pytest.raises(InvalidValue):
        demo_services.evaluation.set_status("x", "finished")


def test_message_filled_from_the_incident_and_marked_sent(
    demo_services: Services, clock: FixedClock
) -> None:
    s = demo_services
    iid = s.exercises.start("ransomware", language="nl")
    s.incidents.add_scope(iid, "system", "Fileserver FS01", "isolated")
    state = s.incidents.state(iid)
    isolation_item = next(x for x in state.phase_items("isolation"))
    s.incidents.check(iid, isolation_item.item.id)
    message = s.messages.fill(iid, "internal")
    assert message.language == "nl"
    assert message.subject.startswith("OEFENING — GEEN ECHT INCIDENT — Update voor alle")
    assert "Aan alle medewerkers van Noordhaven Logistiek B.V.," in message.body
    assert "- Fileserver FS01 (geïsoleerd)" in message.body
    assert f"- {isolation_item.item.text}" in message.body
    assert "Vragen: Lotte Smit, 06 12345 006" in message.body
    english = s.messages.fill(iid, "gdpr-33", language="en")
    assert "Name: Esther Dekker" in english.body and "E-mail: fg@noordhaven.example" in english.body
    event = s.messages.mark_sent(iid, message)
    assert event.kind == EventKind.LOG_ENTRY
    assert event.payload["kind"] == LogEntryKind.COMMUNICATION
    assert event.payload["message"] == "internal"
    # gdpr-33 is enabled by the ransomware playbook: sending the notice stops its clock.
    clock.advance(M)
    notice = s.messages.mark_sent(iid, english)
    assert notice.kind == EventKind.NOTICE_SENT and notice.payload["notice"] == "gdpr-33"
    assert s.evaluation.figures(iid).time_to_first_message == timedelta(0)
    with pytest.raises(InvalidValue, match="message kind"):
        s.messages.fill(iid, "tweet")


def test_a_scenario_runs_only_once_and_only_in_an_exercise(demo_services: Services) -> None:
    from crisisdesk.domain.errors import Rejected

    s = demo_services
    scenario = s.exercises.scenarios_for("outage", "nl")[0]
    assert scenario.language == "nl" and scenario.playbook_id == "outage"
    real = s.incidents.start(title="Real", playbook=s.playbooks.get("outage", "en"))
    with pytest.raises(Rejected, match="only be run in an exercise"):
        s.exercises.load_scenario(real, scenario)
    drill = s.exercises.start("outage", scenario_id="default")
    with pytest.raises(Rejected, match="already runs a scenario"):
        s.exercises.load_scenario(drill, scenario)
    assert s.exercises.status(real) is None
