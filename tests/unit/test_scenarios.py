"""Tabletop scenario scripts: the parser, the shipped scripts, and which injects are due."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.errors import InvalidInput, Problem
from crisisdesk.domain.scenario import Scenario, due_injects, next_inject, pending_injects
from crisisdesk.playbooks.builtin import builtin_files
from crisisdesk.playbooks.parser import parse_playbook
from crisisdesk.playbooks.scenarios import builtin_scenarios, parse_scenario

VALID = """\
---
id: drill
playbook: ransomware
language: en
title: A short drill
duration: 1h30m
---

## Briefing

Read this out first.

## Injects

- +00:00 The service desk gets three calls {from: service desk}
  - Record the time of detection
  - Call the IT lead and
    ask for an assessment
- +00:10 Shares show .locked files
### Later
- +01:30 The board asks for a decision {van: directie}
  Decide and log it
"""


def problems(text: str) -> list[Problem]:
    with pytest.raises(InvalidInput) as info:
        parse_scenario(text, "s.md")
    return info.value.problems


def test_parses_front_matter_briefing_and_injects() -> None:
    s = parse_scenario(VALID, "s.md")
    assert (s.id, s.playbook_id, s.language, s.title, s.duration_minutes) == (
        "drill",
        "ransomware",
        "en",
        "A short drill",
        90,
    )
    assert s.briefing == "## Briefing\n\nRead this out first.\n\n## Injects"
    assert [(i.number, i.offset_minutes, i.sender, i.line) for i in s.injects] == [
        (1, 0, "service desk", 15),
        (2, 10, "", 19),
        (3, 90, "directie", 21),
    ]
    assert s.injects[0].text == "The service desk gets three calls"
    assert s.injects[0].expected == (
        "Record the time of detection",
        "Call the IT lead and ask for an assessment",
    )
    assert s.injects[2].expected == ("Decide and log it",)
    assert Scenario.from_dict(s.to_dict()) == s


@pytest.mark.parametrize(
    ("replace", "by", "line", "fragment"),
    [
        ("id: drill", "id: Drill!", 2, "id 'Drill!'"),
        ("language: en", "language: de", 4, "language 'de'"),
        ("duration: 1h30m", "duration: soon", 6, "duration 'soon'"),
        ("duration: 1h30m", "duration: 8d", 6, "duration '8d'"),
        ("title: A short drill\n", "", 6, "no 'title:' line"),
        ("- +00:10 Shares", "- +0:75 Shares", 19, "minutes go up to 59"),
        ("- +00:10 Shares", "- +5 min Shares", 19, "+H:MM"),
        ("- +01:30 The board", "- +01:31 The board", 21, "after the end of the exercise"),
        ("- +00:10 Shares show .locked files", "- +00:10", 19, "no text"),
        ("{van: directie}", "{who: directie}", 21, "unknown inject attribute 'who: directie'"),
        ("### Later", "Some loose text", 20, "after the first inject"),
        ("playbook: ransomware\n", "playbook: ransomware\nowner: me\n", 4, "unknown front matter"),
    ],
)
def test_each_problem_names_its_line(replace: str, by: str, line: int, fragment: str) -> None:
    text = VALID.replace(replace, by)
    assert text != VALID
    found = problems(text)
    assert any(p.line == line and fragment in p.message for p in found), found
    assert all(p.source == "s.md" for p in found)


def test_injects_out_of_order_and_missing_injects() -> None:
    swapped = VALID.replace("- +00:10 Shares", "- +00:00 Shares").replace(
        "- +00:00 The service", "- +00:20 The service"
    )
    assert [p.line for p in problems(swapped) if "earlier" in p.message] == [19]
    only_briefing = VALID.split("- +00:00")[0]
    assert any("no injects" in p.message for p in problems(only_briefing))
    assert any("front matter" in p.message for p in problems("just text"))


def test_every_problem_is_reported_at_once() -> None:
    text = VALID.replace("language: en", "language: xx").replace("+01:30", "+09:30")
    assert len(problems(text)) == 2


MARKDOWNISH = st.lists(
    st.sampled_from(
        ["---", "id: x", "duration: 2h", "- +00:10 a", "- +9:99", "  - do", "## H", "", "{from:}"]
    ),
    max_size=25,
).map("\n".join)


@given(st.one_of(st.text(max_size=300), MARKDOWNISH))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        parse_scenario(text, "fuzz.md")
    except InvalidInput as exc:
        assert exc.problems
        lines = len(re.split(r"\r\n|\r|\n", text))
        assert all(p.line is None or 1 <= p.line <= lines for p in exc.problems)


@given(st.integers(min_value=0, max_value=len(VALID)), st.text(max_size=20))
def test_never_crashes_on_damaged_valid_file(position: int, noise: str) -> None:
    try:
        parse_scenario(VALID[:position] + noise + VALID[position:], "fuzz.md")
    except InvalidInput as exc:
        assert exc.problems


# -- the shipped scenarios ------------------------------------------------------------


def test_one_scenario_per_builtin_playbook_and_language() -> None:
    playbooks = {
        (pb.id, pb.language): pb for pb in (parse_playbook(f.text, f.name) for f in builtin_files())
    }
    scenarios = builtin_scenarios()
    assert {(s.playbook_id, s.language) for s in scenarios} == set(playbooks)
    assert len(scenarios) == 12
    for s in scenarios:
        assert s.id == s.playbook_id
        assert 8 <= len(s.injects) <= 15, s.id
        assert 120 <= s.duration_minutes <= 240, s.id
        assert all(i.sender and i.expected for i in s.injects), s.id
    by_key = {(s.id, s.language): s for s in scenarios}
    for (sid, language), s in by_key.items():
        if language == "nl":  # the Dutch script follows the English one inject by inject
            english = by_key[(sid, "en")]
            assert [i.offset_minutes for i in s.injects] == [
                i.offset_minutes for i in english.injects
            ]
            assert s.title != english.title


# -- which injects are due ------------------------------------------------------------

START = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)


def test_due_injects_follow_an_injected_clock() -> None:
    s = parse_scenario(VALID, "s.md")
    clock = FixedClock(START - timedelta(minutes=1))
    assert due_injects(s, START, clock.now()) == []
    assert next_inject(s, START, clock.now()) == s.injects[0]
    clock.set(START)
    assert [i.number for i in due_injects(s, START, clock.now())] == [1]
    clock.advance(timedelta(minutes=9, seconds=59))
    assert [i.number for i in due_injects(s, START, clock.now())] == [1]
    clock.advance(timedelta(seconds=1))
    assert [i.number for i in due_injects(s, START, clock.now())] == [1, 2]
    assert next_inject(s, START, clock.now()) == s.injects[2]
    assert [i.number for i in pending_injects(s, START, clock.now(), delivered=[1])] == [2]
    clock.set(START + timedelta(hours=5))
    assert len(due_injects(s, START, clock.now())) == 3
    assert next_inject(s, START, clock.now()) is None


def test_due_injects_refuses_naive_times() -> None:
    s = parse_scenario(VALID, "s.md")
    with pytest.raises(ValueError):
        due_injects(s, START.replace(tzinfo=None), START)
