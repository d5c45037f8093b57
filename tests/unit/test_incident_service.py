"""Running an incident through the service: events in, projected state out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.deadlines import DeadlineStatus, Moment
from crisisdesk.domain.errors import NotFound, Rejected
from crisisdesk.domain.events import EventKind, verify_chain
from crisisdesk.domain.projection import ItemStatus, ScopeStatus
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services
from crisisdesk.services.incidents import InvalidValue
from tests.support.sample_playbook import sample_playbook

M = timedelta(minutes=1)


def start(s: Services, **kw: object) -> str:
    args: dict[str, object] = {"title": "Files encrypted", "playbook": sample_playbook()}
    args.update(kw)
    return s.incidents.start(**args)  # type: ignore[arg-type]


def test_start_freezes_the_playbook_and_logs_the_start(
    services: Services, clock: FixedClock
) -> None:
    detected = clock.now() - 45 * M
    iid = start(services, detected_at=detected, severity="critical", exercise=True, lead="Jan")
    events = list(services.incidents.events(iid))
    assert [e.kind for e in events] == [EventKind.INCIDENT_STARTED, EventKind.DEADLINE_ENABLED]
    assert events[0].payload["exercise"] is True
    state = services.incidents.state(iid)
    assert state.title == "Files encrypted" and state.exercise and state.lead == "Jan"
    assert state.detected_at == detected and state.started_at == clock.now()
    assert state.current_phase == "identification"  # prevention is not an incident phase
    assert state.elapsed(clock.now()) == 45 * M
    assert state.enabled_deadlines == ["gdpr-33"]
    # Frozen: the playbook stored in the incident is the one given at start.
    assert services.incidents.playbook(iid) == sample_playbook()


def test_start_refuses_a_detection_time_in_the_future(
    services: Services, clock: FixedClock
) -> None:
    with pytest.raises(InvalidValue, match="later than now"):
        start(services, detected_at=clock.now() + M)
    assert services.incidents.all() == []


def test_every_action_notifies_after_commit(services: Services) -> None:
    seen: list[Changed] = []
    services.notifier.subscribe(seen.append)
    iid = start(services)
    services.incidents.log(iid, "Ransom note found")
    assert all(c.touches(Area.EVENTS) and c.incident_id == iid for c in seen)
    assert len(seen) == 2


def test_checklist_tick_untick_na_note_assign_with_who_and_when(
    services: Services, clock: FixedClock
) -> None:
    iid = start(services)
    clock.advance(5 * M)
    services.incidents.check(iid, "identification.1")
    services.incidents.not_applicable(iid, "identification.2", "only one server")
    services.incidents.note(iid, "identification.3", "team on Signal")
    services.incidents.assign(iid, "identification.3", "it-lead")
    state = services.incidents.state(iid)
    done = state.items["identification.1"]
    assert done.status == ItemStatus.DONE and done.by == services.ctx.author
    assert done.at == clock.now()
    na = state.items["identification.2"]
    assert na.status == ItemStatus.NOT_APPLICABLE and na.reason == "only one server"
    third = state.items["identification.3"]
    assert [n.text for n in third.notes] == ["team on Signal"] and third.owner == "it-lead"
    services.incidents.uncheck(iid, "identification.1")
    assert services.incidents.state(iid).items["identification.1"].is_open
    with pytest.raises(InvalidValue, match="reason"):
        services.incidents.not_applicable(iid, "identification.1", "  ")
    with pytest.raises(NotFound, match="no checklist item"):
        services.incidents.check(iid, "nope.1")
    services.incidents.check(iid, "identification.1")
    with pytest.raises(Rejected, match="already done"):
        services.incidents.check(iid, "identification.1")


def test_item_due_minutes_after_start_turn_overdue(services: Services, clock: FixedClock) -> None:
    iid = start(services)
    started = clock.now()
    state = services.incidents.state(iid)
    item = state.items["identification.1"]
    assert item.due_at == started + 30 * M
    assert not item.overdue(started + 30 * M)
    assert item.overdue(started + 31 * M)
    assert [i.item.id for i in state.overdue_items(started + 61 * M)] == [
        "identification.1",
        "isolation.1",
    ]
    services.incidents.check(iid, "identification.1")
    assert not services.incidents.state(iid).items["identification.1"].overdue(started + 99 * M)


def test_phase_moves_record_times_durations_and_open_must_items(
    services: Services, clock: FixedClock
) -> None:
    iid = start(services)
    t0 = clock.now()
    services.incidents.check(iid, "identification.1")
    clock.advance(42 * M)
    event = services.incidents.move_phase(iid, "next")
    assert [i["text"] for i in event.payload["open_must"]] == ["Activate the crisis team"]
    clock.advance(73 * M)
    services.incidents.move_phase(iid, "Recover")  # by title
    state = services.incidents.state(iid)
    assert state.current_phase == "recovery"
    ident, iso = state.phase("identification"), state.phase("isolation")
    assert ident is not None and iso is not None
    assert (ident.started_at, ident.ended_at) == (t0, t0 + 42 * M)
    assert iso.duration(clock.now()) == 73 * M
    rec = state.phase("recovery")
    assert rec is not None and rec.active and rec.duration(clock.now() + 5 * M) == 5 * M
    assert services.incidents.get(iid).current_phase == "recovery"  # cached summary
    with pytest.raises(InvalidValue, match="no phase 'bogus'"):
        services.incidents.move_phase(iid, "bogus")
    services.incidents.move_phase(iid, "aftercare")
    with pytest.raises(Rejected, match="last phase"):
        services.incidents.move_phase(iid, "next")


def test_log_entry_with_happened_at_and_correction_linked(
    services: Services, clock: FixedClock
) -> None:
    iid = start(services)
    earlier = clock.now() - 20 * M
    entry = services.incidents.log(iid, "Call from warehouse", "communication", earlier)
    assert entry.occurred_at < entry.recorded_at
    fix = services.incidents.correct(iid, entry.id, "Call from Venlo warehouse")
    assert fix.corrects == entry.id and fix.payload["corrects_seq"] == entry.seq
    assert services.incidents.state(iid).corrections == {entry.id: [fix.id]}
    assert services.incidents.event(entry.id).payload["text"] == "Call from warehouse"
    with pytest.raises(InvalidValue, match="kind"):
        services.incidents.log(iid, "x", "gossip")
    with pytest.raises(InvalidValue, match="later than now"):
        services.incidents.log(iid, "x", happened_at=clock.now() + M)


def test_calls_count_reached_and_offer_the_backup(demo_services: Services) -> None:
    s = demo_services
    iid = start(s)
    jan = s.incidents.find_contact("Jan de Vries")
    result = s.incidents.record_call(iid, jan.id, "no-answer")
    assert result.backup is not None and result.backup.name == "Anouk Mulder"
    assert result.event.payload["backup_name"] == "Anouk Mulder"
    s.incidents.record_call(iid, result.backup.id, "reached")
    s.incidents.record_call(iid, jan.id, "reached")
    cascade = s.incidents.cascade(iid)
    assert cascade.reached == 2 and cascade.pending == cascade.total - 2
    top = cascade.rows[0]
    assert top.name == "Jan de Vries" and top.reached and top.attempts == 2
    with pytest.raises(NotFound, match="matches"):
        s.incidents.find_contact("van")  # several people
    with pytest.raises(InvalidValue, match="call outcome"):
        s.incidents.record_call(iid, jan.id, "maybe")


def test_scope_register_statuses_with_times(services: Services, clock: FixedClock) -> None:
    iid = start(services)
    services.incidents.add_scope(iid, "system", "FS01")
    clock.advance(10 * M)
    services.incidents.set_scope_status(iid, "fs01", ScopeStatus.ISOLATED, "cable pulled")
    [entry] = services.incidents.state(iid).scope.values()
    assert entry.status == "isolated" and entry.changed_at == clock.now()
    assert [h[1] for h in entry.history] == ["suspected", "isolated"]
    with pytest.raises(Rejected, match="already"):
        services.incidents.add_scope(iid, "system", "fs01")
    with pytest.raises(InvalidValue, match="scope status"):
        services.incidents.set_scope_status(iid, "FS01", "gone")


def test_clock_check_logs_the_offset(services: Services, clock: FixedClock) -> None:
    iid = start(services)
    trusted = clock.now() + timedelta(minutes=2, seconds=3)
    services.incidents.clock_check(iid, trusted, "phone")
    check = services.incidents.state(iid).last_clock_check
    assert check is not None and check.offset == timedelta(seconds=123)
    assert check.source == "phone"


def test_deadlines_from_recorded_moments_and_notices(services: Services, clock: FixedClock) -> None:
    iid = start(services, deadlines=["gdpr-33", "nis2"])
    aware = clock.now() - 2 * timedelta(hours=1)
    services.incidents.set_moment(iid, Moment.AWARE, aware)
    d = {x.key: x for x in services.incidents.deadlines(iid)}
    assert d["gdpr-33"].due_at == aware + timedelta(hours=72)
    services.incidents.mark_notice_sent(iid, "nis2-notification")
    d = {x.key: x for x in services.incidents.deadlines(iid)}
    assert d["nis2-notification"].status == DeadlineStatus.DONE
    assert d["nis2-final"].due_at is not None
    with pytest.raises(InvalidValue, match="not one of"):
        services.incidents.mark_notice_sent(iid, "dora-initial")
    services.incidents.enable_deadline(iid, "dora")
    services.incidents.enable_deadline(iid, "nis2", enabled=False)
    assert services.incidents.state(iid).enabled_deadlines == ["gdpr-33", "dora"]
    services.incidents.add_deadline_rule("board", "Inform the board", "detected", 4)
    services.incidents.enable_deadline(iid, "board")
    names = [x.name for x in services.incidents.deadlines(iid)]
    assert "Inform the board" in names


def test_closed_incident_refuses_every_write(services: Services) -> None:
    iid = start(services)
    services.incidents.close(iid, "resolved")
    assert not services.incidents.get(iid).is_open
    writes = [
        lambda: services.incidents.log(iid, "late"),
        lambda: services.incidents.check(iid, "identification.1"),
        lambda: services.incidents.move_phase(iid),
        lambda: services.incidents.add_scope(iid, "system", "X"),
        lambda: services.incidents.close(iid),
    ]
    for write in writes:
        with pytest.raises(Rejected, match="closed"):
            write()
    assert verify_chain(services.incidents.events(iid)).count == 3


def test_resolve_accepts_a_unique_prefix(services: Services) -> None:
    iid = start(services)
    assert services.incidents.resolve(iid[:6]) == iid
    with pytest.raises(NotFound):
        services.incidents.resolve("zzzz")


def test_running_is_the_latest_open_incident(services: Services, clock: FixedClock) -> None:
    first = start(services)
    clock.advance(M)
    second = start(services, title="Second")
    running = services.incidents.running()
    assert running is not None and running.id == second
    services.incidents.close(second)
    running = services.incidents.running()
    assert running is not None and running.id == first


def test_log_page_filters_searches_and_pages_both_ways(services: Services) -> None:
    iid = start(services)
    for n in range(10):
        services.incidents.log(iid, f"entry {n}", "decision" if n % 2 else "observation")
    services.incidents.check(iid, "identification.1")
    page = services.incidents.log_page(iid, limit=3)
    assert [e.seq for e in page] == [1, 2, 3]
    page = services.incidents.log_page(iid, limit=3, after_seq=3)
    assert [e.seq for e in page] == [4, 5, 6]
    newest = services.incidents.log_page(iid, limit=2, newest_first=True)
    assert newest[0].kind == EventKind.ITEM_CHECKED
    decisions = services.incidents.log_page(iid, categories=["decision"])
    assert [e.payload["text"] for e in decisions] == [f"entry {n}" for n in (1, 3, 5, 7, 9)]
    ticks = services.incidents.log_page(iid, categories=["checklist"])
    assert [e.kind for e in ticks] == [EventKind.ITEM_CHECKED]
    found = services.incidents.log_page(iid, search="entry 7")
    assert [e.payload["text"] for e in found] == ["entry 7"]
    assert services.incidents.log_page(iid, search="100%") == []


def test_incremental_projection_equals_folding_the_whole_log(services: Services) -> None:
    from crisisdesk.domain.projection import Projector, project

    iid = start(services)
    services.incidents.check(iid, "identification.1")
    services.incidents.move_phase(iid)
    services.incidents.add_scope(iid, "device", "Laptop 7")
    events = list(services.incidents.events(iid))
    projector = Projector(iid, sample_playbook())
    for event in events:
        projector.apply(event)
    whole = project(iid, sample_playbook(), events)
    assert projector.state == whole
    assert whole.current_phase == "isolation" and whole.event_count == len(events)
