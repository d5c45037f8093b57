from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.domain.events import (
    GENESIS,
    Event,
    canonical_json,
    compute_hash,
    seal,
    verify_chain,
)


def make_chain(n: int, payloads: list[dict] | None = None) -> list[Event]:
    events, prev = [], GENESIS
    for i in range(n):
        e = seal(
            Event(
                id=f"e{i}",
                incident_id="inc",
                seq=i + 1,
                kind="log.entry",
                occurred_at="2026-03-14T09:00:00.000Z",
                recorded_at="2026-03-14T09:00:00.000Z",
                author="lead",
                payload=(payloads[i] if payloads else {"text": f"entry {i}"}),
                prev_hash=prev,
            )
        )
        events.append(e)
        prev = e.hash
    return events


def test_hash_is_sha256_of_prev_hash_and_canonical_body() -> None:
    import hashlib

    [event] = make_chain(1)
    expected = hashlib.sha256(GENESIS.encode() + canonical_json(event.body())).hexdigest()
    assert event.hash == expected


def test_canonical_json_sorts_keys_and_keeps_unicode() -> None:
    assert canonical_json({"b": 1, "a": "Zoë"}) == '{"a":"Zoë","b":1}'.encode()


def test_intact_chain_verifies_with_head_and_count() -> None:
    events = make_chain(5)
    report = verify_chain(events)
    assert report.ok and report.count == 5 and report.head == events[-1].hash


def test_changed_payload_is_found_at_its_event() -> None:
    events = make_chain(5)
    events[2] = replace(events[2], payload={"text": "rewritten"})
    report = verify_chain(events)
    assert not report.ok
    assert report.first_bad_seq == 3 and report.count == 2
    assert "does not match its hash" in report.reason


def test_removed_event_is_found() -> None:
    events = make_chain(5)
    del events[1]
    report = verify_chain(events)
    assert not report.ok and report.first_bad_seq == 3


def test_recomputed_hash_breaks_the_link_to_the_next_event() -> None:
    events = make_chain(4)
    forged = seal(replace(events[1], payload={"text": "forged"}))
    events[1] = forged
    report = verify_chain(events)
    assert not report.ok and report.first_bad_seq == 3
    assert "does not link" in report.reason


def test_event_round_trips_through_its_record() -> None:
    [event] = make_chain(1)
    assert Event.from_record(event.to_record()) == event
    assert compute_hash(event.prev_hash, Event.from_record(event.to_record()).body()) == event.hash


@given(
    st.lists(
        st.dictionaries(st.text(max_size=8), st.text(max_size=20), max_size=4),
        min_size=1,
        max_size=8,
    )
)
def test_any_payloads_chain_and_verify(payloads: list[dict]) -> None:
    events = make_chain(len(payloads), payloads)
    assert verify_chain(events).ok
