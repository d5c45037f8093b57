from __future__ import annotations

import hashlib

import pytest

from crisisdesk.domain.checkpoint import (
    ALPHABET,
    InvalidCheckpoint,
    check_checkpoints,
    checkpoint_code,
    parse_checkpoint,
)
from crisisdesk.domain.events import GENESIS, Event, seal


def chain(texts: list[str]) -> list[Event]:
    events, prev = [], GENESIS
    for n, text in enumerate(texts, start=1):
        event = seal(
            Event(
                id=f"e{n}",
                incident_id="inc",
                seq=n,
                kind="log.entry",
                occurred_at="2026-03-14T09:00:00.000Z",
                recorded_at="2026-03-14T09:00:00.000Z",
                author="ana",
                payload={"kind": "observation", "text": text},
                prev_hash=prev,
            )
        )
        events.append(event)
        prev = event.hash
    return events


def test_code_shape_and_alphabet() -> None:
    code = checkpoint_code(3, hashlib.sha256(b"a").hexdigest())
    count, *groups = code.split("-")
    assert count == "3"
    assert [len(g) for g in groups] == [4, 4, 4]
    assert all(c in ALPHABET for g in groups for c in g)
    assert not set("ILOU") & set("".join(groups))


def test_code_encodes_leading_bits_of_head() -> None:
    head = "f" * 64
    assert checkpoint_code(1, head).split("-", 1)[1][:14].replace("-", "")[:11] == "Z" * 11
    other = "0" + "f" * 63
    assert checkpoint_code(1, head) != checkpoint_code(1, other)


def test_typed_back_forgivingly() -> None:
    head = hashlib.sha256(b"b").hexdigest()
    code = checkpoint_code(12, head)
    typed = " " + code.lower().replace("0", "o").replace("1", "l") + " "
    assert parse_checkpoint(typed).code == code
    assert parse_checkpoint(typed).matches(head)


def test_typo_is_caught_by_check_character() -> None:
    code = checkpoint_code(12, hashlib.sha256(b"c").hexdigest())
    misses = 0
    for position in range(len(code) - 4, len(code)):
        if code[position] == "-":
            continue
        for replacement in "23":
            if code[position] == replacement:
                continue
            typo = code[:position] + replacement + code[position + 1 :]
            try:
                parse_checkpoint(typo)
            except InvalidCheckpoint:
                continue
            misses += 1
    assert misses <= 1  # a 1-in-32 check character lets the odd typo through


@pytest.mark.parametrize(
    "text", ["", "12", "x-AAAA-BBBB-CCCC", "12-AAAA-BBBB", "12-UUUU-BBBB-CCCC"]
)
def test_malformed_codes_are_refused(text: str) -> None:
    with pytest.raises(InvalidCheckpoint, match="not a checkpoint code"):
        parse_checkpoint(text)


def test_log_still_contains_prefix() -> None:
    events = chain(["one", "two", "three"])
    cp = parse_checkpoint(checkpoint_code(2, events[1].hash))
    assert [r.ok for r in check_checkpoints(events, [cp])] == [True]
    assert check_checkpoints(events, [parse_checkpoint(checkpoint_code(0, GENESIS))])[0].ok


def test_rewritten_history_fails_checkpoint() -> None:
    events = chain(["one", "two", "three"])
    cp = parse_checkpoint(checkpoint_code(2, events[1].hash))
    rewritten = chain(["one", "TWO", "three"])  # a fully recomputed, valid chain
    (result,) = check_checkpoints(rewritten, [cp])
    assert not result.ok
    assert "history rewritten" in result.reason


def test_truncated_log_fails_checkpoint() -> None:
    events = chain(["one", "two", "three"])
    cp = parse_checkpoint(checkpoint_code(3, events[2].hash))
    (result,) = check_checkpoints(events[:2], [cp])
    assert not result.ok
    assert "only 2 events" in result.reason
