"""The playbook parser: the format of /PLAYBOOK_FORMAT.md, every problem with its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crisisdesk.domain.errors import InvalidInput, Problem
from crisisdesk.domain.playbook import PhaseKey, Playbook
from crisisdesk.playbooks.attributes import parse_duration
from crisisdesk.playbooks.parser import parse_file, parse_playbook

FRONT = """\
---
id: ransomware
title: Ransomware attack
type: ransomware
language: en
version: 1.0
reviewed: 2026-11-01
deadlines: gdpr-33, nis2
sources: NIST SP 800-61 rev. 2; NCSC-NL factsheet ransomware
---
"""

PHASES = """\
## 1. Prevention and preparation

Keep the plan current.

- [ ] Keep offline, tested backups {owner: it-lead}

## 2. Identification and first communication

- [ ] Record when and by whom the incident was detected {must; owner: scribe; due: 15m}
  Note lines are indented by two or more spaces.
  They may span lines.
- [x] Activate the crisis team {must; owner: crisis-lead; due: 30m; id: activate-team}

## 3. Security and isolation

- [ ] Take infected systems off the network {eigenaar: it-lead; binnen: 1h30m; verplicht}

## 4. Recovery

- [ ] Restore from the offline backup {due: 3d}

## 5. Communication with stakeholders

- [ ] Inform staff

## 6. Aftercare

- [ ] Hold the evaluation {owner: crisis-lead}
"""

VALID = FRONT + "\nWhat this playbook is for.\n\n" + PHASES


def problems_of(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(InvalidInput) as caught:
        parse_playbook(text, "x.md")
    assert all(p.source == "x.md" for p in caught.value.problems)
    return [(p.line, p.message) for p in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing ``needle`` (the test's own count)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


# -- a valid file ---------------------------------------------------------------------


def test_valid_file_gives_every_field() -> None:
    pb = parse_playbook(VALID, "ransomware.en.md")
    assert (pb.id, pb.title, pb.crisis_type, pb.language, pb.version, pb.last_reviewed) == (
        "ransomware",
        "Ransomware attack",
        "ransomware",
        "en",
        "1.0",
        "2026-11-01",
    )
    assert pb.deadlines == ("gdpr-33", "nis2")
    assert pb.sources == ("NIST SP 800-61 rev. 2", "NCSC-NL factsheet ransomware")
    assert pb.summary == "What this playbook is for."
    assert [p.key for p in pb.phases] == list(PhaseKey.ALL)
    assert pb.phases[0].title == "Prevention and preparation"
    assert pb.phases[0].guidance == "Keep the plan current."


def test_item_attributes_notes_and_ids() -> None:
    pb = parse_playbook(VALID)
    first = pb.phase(PhaseKey.IDENTIFICATION).items[0]
    assert first.id == "identification.1"
    assert first.must and first.owner_role == "scribe" and first.due_minutes == 15
    assert first.note == "Note lines are indented by two or more spaces.\nThey may span lines."
    assert first.text == "Record when and by whom the incident was detected"
    assert first.line == line_of(VALID, "Record when and by whom")
    team = pb.item("activate-team")
    assert team is not None and team.due_minutes == 30 and team.must
    dutch = pb.phase(PhaseKey.ISOLATION).items[0]
    assert (dutch.owner_role, dutch.due_minutes, dutch.must) == ("it-lead", 90, True)
    assert pb.phase(PhaseKey.RECOVERY).items[0].due_minutes == 3 * 24 * 60
    plain = pb.phase(PhaseKey.COMMUNICATION).items[0]
    assert (plain.owner_role, plain.due_minutes, plain.must, plain.note) == (None, None, False, "")


def test_round_trips_through_dict() -> None:
    pb = parse_playbook(VALID)
    assert Playbook.from_dict(pb.to_dict()) == pb


def test_phase_lines_are_recorded() -> None:
    pb = parse_playbook(VALID)
    assert pb.phases[3].line == line_of(VALID, "## 4. Recovery")


def test_windows_line_endings_bom_and_quotes() -> None:
    text = "\ufeff" + VALID.replace("title: Ransomware attack", 'title: "Ransomware attack"')
    pb = parse_playbook(text.replace("\n", "\r\n"))
    assert pb.title == "Ransomware attack"
    assert pb.phases[1].items[0].note.startswith("Note lines")


def test_plain_bullets_subheadings_and_code_stay_guidance() -> None:
    extra = "### What to look for\n\n- ransom note\n- `.locked` files\n\n```\n- [ ] not an item\n## 9. not a phase\n```\n"
    text = VALID.replace("Keep the plan current.\n", "Keep the plan current.\n\n" + extra)
    pb = parse_playbook(text)
    guidance = pb.phases[0].guidance
    assert "### What to look for" in guidance
    assert "- [ ] not an item" in guidance and "## 9. not a phase" in guidance
    assert len(pb.phases[0].items) == 1


def test_note_continues_over_a_blank_line_and_guidance_follows() -> None:
    text = VALID.replace(
        "- [ ] Inform staff\n",
        "- [ ] Inform staff\n  first note paragraph\n\n  second paragraph\n\nAfter the list.\n",
    )
    phase = parse_playbook(text).phase(PhaseKey.COMMUNICATION)
    assert phase is not None
    assert phase.items[0].note == "first note paragraph\n\nsecond paragraph"
    assert phase.guidance == "After the list."


def test_durations() -> None:
    assert parse_duration("15m") == 15
    assert parse_duration("2h") == 120
    assert parse_duration("1h30m") == 90
    assert parse_duration("3d") == 4320
    assert parse_duration("4u") == 240  # Dutch 'uur'
    for bad in ("", "0m", "soon", "2 hours", "h", "-5m", "9999d"):
        assert parse_duration(bad) is None, bad


def test_extra_roles_can_be_allowed() -> None:
    text = VALID.replace("{owner: crisis-lead}", "{owner: facility-manager}")
    assert problems_of(text)[0][1].startswith("unknown owner role 'facility-manager'")
    pb = parse_playbook(text, roles=("crisis-lead", "it-lead", "scribe", "facility-manager"))
    assert pb.phases[-1].items[0].owner_role == "facility-manager"


# -- malformed files: each problem, at its line ----------------------------------------


def test_missing_front_matter_is_reported_on_line_1() -> None:
    problems = problems_of(PHASES)
    assert problems[0][0] == 1
    assert "front matter" in problems[0][1]


def test_unclosed_front_matter_is_one_problem_and_the_rest_is_still_read() -> None:
    text = (
        FRONT[: FRONT.rindex("---")] + "\n" + PHASES.replace("- [ ] Inform staff", "- [ ] {must}")
    )
    assert problems_of(text) == [
        (1, "the front matter started here is never closed with a '---' line"),
        (line_of(text, "- [ ] {must}"), "checklist item without text"),
    ]


def test_every_front_matter_problem_with_its_line() -> None:
    text = (
        FRONT.replace("id: ransomware", "id: Ransom Ware")
        .replace("type: ransomware", "type: flood")
        .replace("language: en", "language: de")
        .replace("reviewed: 2026-11-01", "reviewed: 2026-13-01")
        .replace("deadlines: gdpr-33, nis2", "deadlines: gdpr-33, hipaa")
        .replace("version: 1.0", "version: 1.0\nreviewd: 2026-01-01\nversion: 2.0")
        + PHASES
    )
    problems = problems_of(text)
    expected_lines = {
        line_of(text, "id: Ransom Ware"): "id 'Ransom Ware'",
        line_of(text, "type: flood"): "type 'flood' is not one of",
        line_of(text, "language: de"): "language 'de'",
        line_of(text, "reviewed: 2026-13-01"): "reviewed '2026-13-01'",
        line_of(text, "hipaa"): "unknown deadline 'hipaa'",
        line_of(text, "reviewd"): "unknown front matter key 'reviewd'",
        line_of(text, "version: 2.0"): "'version' is given twice (first at line 6)",
    }
    assert len(problems) == len(expected_lines)
    for line, start in expected_lines.items():
        assert any(lin == line and msg.startswith(start) for lin, msg in problems), (line, start)


def test_missing_and_empty_required_keys() -> None:
    text = FRONT.replace("version: 1.0\n", "").replace("title: Ransomware attack", "title:")
    problems = problems_of(text + PHASES)
    closing = line_of(text, "sources:") + 1
    assert (closing, "the front matter has no 'version:' line (add it before this line)") in (
        problems
    )
    assert (line_of(text, "title:"), "'title' is empty") in problems
    assert len(problems) == 2


def test_item_attribute_problems() -> None:
    text = VALID.replace(
        "- [ ] Inform staff",
        "- [ ] Inform staff {owner: ceo; due: soon; colour: red; maybe; id: Bad Id}",
    )
    line = line_of(text, "Inform staff")
    problems = problems_of(text)
    assert [lin for lin, _msg in problems] == [line] * 5
    messages = " | ".join(m for _l, m in problems)
    for part in ("owner role 'ceo'", "due 'soon'", "'colour'", "'maybe'", "item id 'Bad Id'"):
        assert part in messages


def test_badly_written_checkbox() -> None:
    text = VALID.replace("- [ ] Inform staff", "- [] Inform staff\n- [ ] Tell partners")
    problems = problems_of(text)
    assert [lin for lin, _m in problems] == [line_of(text, "[] Inform staff")]
    assert "looks like a checklist item" in problems[0][1]


def test_item_without_text_and_item_before_first_phase() -> None:
    text = FRONT + "- [ ] Too early\n\n" + PHASES.replace("- [ ] Inform staff", "- [ ] {must}")
    problems = problems_of(text)
    assert problems == [
        (line_of(text, "Too early"), problems[0][1]),
        (line_of(text, "- [ ] {must}"), "checklist item without text"),
    ]
    assert "before the first phase" in problems[0][1]


def test_missing_phase_reported_where_it_should_be() -> None:
    start = PHASES.index("## 3.")
    end = PHASES.index("## 4.")
    text = FRONT + PHASES[:start] + PHASES[end:]
    assert problems_of(text) == [
        (
            line_of(text, "## 4. Recovery"),
            "phase 3 (isolation) is missing: add a heading '## 3. Title'",
        )
    ]


def test_missing_last_phase_reported_at_end_of_file() -> None:
    text = FRONT + PHASES[: PHASES.index("## 6.")]
    problems = problems_of(text)
    assert problems == [
        (len(text.split("\n")), "phase 6 (aftercare) is missing: add a heading '## 6. Title'")
    ]


def test_duplicate_and_out_of_order_phases() -> None:
    two = PHASES[PHASES.index("## 2.") : PHASES.index("## 3.")]
    text = FRONT + PHASES + "\n" + two.replace("## 2.", "## 2.") + "\n"
    problems = problems_of(text)
    assert problems == [
        (
            text.split("\n").index("## 2. Identification and first communication", 30) + 1,
            f"phase 2 appears twice (first at line {line_of(text, '## 2.')})",
        ),
        # the item ids of the duplicate do not count: the duplicate phase is dropped
    ]
    swapped = FRONT + PHASES.replace("## 4. Recovery", "## 5. X").replace(
        "## 5. Communication", "## 4. Communication"
    )
    problems = problems_of(swapped)
    assert problems == [
        (
            line_of(swapped, "## 4. Communication"),
            "phase 4 comes after phase 5: phases must be in order 1 to 6",
        )
    ]


def test_phase_without_items_and_bad_phase_heading() -> None:
    text = FRONT + PHASES.replace("- [ ] Inform staff\n", "Only text.\n\n## Notes\n")
    problems = problems_of(text)
    assert problems == [
        (line_of(text, "## 5. Communication"), "phase 5 has no checklist items ('- [ ] ...')"),
        (line_of(text, "## Notes"), problems[1][1]),
    ]
    assert "'## N. Title'" in problems[1][1]


def test_duplicate_item_ids() -> None:
    text = VALID.replace("- [ ] Inform staff", "- [ ] Inform staff {id: activate-team}")
    assert problems_of(text) == [
        (
            line_of(text, "Inform staff"),
            f"item id 'activate-team' is used twice (first at line {line_of(text, 'Activate the crisis team')})",
        )
    ]


def test_unclosed_code_block() -> None:
    text = VALID.replace("Keep the plan current.", "```\ncode")
    problems = problems_of(text)
    assert problems[0] == (
        line_of(text, "```"),
        "a code block starts here with ``` but is never closed",
    )


def test_problems_are_sorted_and_all_reported() -> None:
    text = VALID.replace("type: ransomware", "type: x").replace("- [ ] Inform staff", "- [ ] a {b}")
    problems = problems_of(text)
    assert len(problems) == 2
    assert [p[0] for p in problems] == sorted(p[0] or 0 for p in problems)


def test_problem_prints_as_file_line_message() -> None:
    assert str(Problem("a.md", 7, "bad")) == "a.md:7: bad"


# -- files ---------------------------------------------------------------------------


def test_parse_file_reads_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ransomware.nl.md"
    path.write_text(VALID.replace("Inform staff", "Informeer de medewerkers — snel"), "utf-8")
    pb, text = parse_file(path)
    assert pb.phase(PhaseKey.COMMUNICATION).items[0].text == "Informeer de medewerkers — snel"  # type: ignore[union-attr]
    assert text.startswith("---")


def test_file_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.md"
    path.write_bytes(VALID.replace("Inform staff", "Informeer café").encode("latin-1"))
    with pytest.raises(InvalidInput) as caught:
        parse_file(path)
    (problem,) = caught.value.problems
    assert problem.source == str(path)
    assert problem.line == line_of(VALID, "Inform staff")
    assert "UTF-8" in problem.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="cannot be read"):
        parse_file(tmp_path / "nope.md")


# -- never crashes ---------------------------------------------------------------------

MARKDOWNISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "---",
                "## 1. A",
                "## 7. B",
                "##",
                "- [ ] item {must; owner: it-lead; due: 2h}",
                "- [x] item {id: a}",
                "- [] bad",
                "  note",
                "```",
                "id: x",
                "{",
                "}",
                "- [ ] {owner:; due:; id:}",
                "",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=40,
).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=400), MARKDOWNISH))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        pb = parse_playbook(text, "fuzz.md")
    except InvalidInput as exc:
        assert exc.problems
        # Editors count \r\n, \r and \n as one line break each.
        lines = len(re.split(r"\r\n|\r|\n", text))
        assert all(p.line is None or 1 <= p.line <= lines for p in exc.problems)
    else:
        assert len(pb.phases) == 6


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID)), st.text(max_size=30))
def test_never_crashes_on_damaged_valid_file(position: int, noise: str) -> None:
    text = VALID[:position] + noise + VALID[position:]
    try:
        parse_playbook(text, "fuzz.md")
    except InvalidInput as exc:
        assert exc.problems


# -- generated valid playbooks come back exactly --------------------------------------

ITEM_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="{}"
    ),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t)
ITEM = st.tuples(
    ITEM_TEXT,
    st.booleans(),
    st.one_of(st.none(), st.sampled_from(["crisis-lead", "it-lead", "scribe", "legal"])),
    st.one_of(st.none(), st.integers(min_value=1, max_value=30 * 24 * 60)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(ITEM, min_size=1, max_size=4), min_size=6, max_size=6))
def test_generated_items_are_read_back_exactly(phases: list[list[tuple]]) -> None:  # type: ignore[type-arg]
    out = [FRONT]
    for number, items in enumerate(phases, start=1):
        out.append(f"## {number}. Phase {number}\n")
        for text, must, owner, due in items:
            attrs = [a for a in ("must" if must else "", f"owner: {owner}" if owner else "") if a]
            if due is not None:
                attrs.append(f"due: {due}m")
            block = " {" + "; ".join(attrs) + "}" if attrs else ""
            out.append(f"- [ ] {text}{block}\n")
    pb = parse_playbook("".join(out))
    got = [
        [(i.text, i.must, i.owner_role, i.due_minutes) for i in phase.items] for phase in pb.phases
    ]
    assert got == [[tuple(item) for item in items] for items in phases]


def test_indented_or_nested_items_are_reported() -> None:
    text = VALID.replace(
        "- [ ] Inform staff\n", "- [ ] Inform staff\n  - [ ] nested\n\n  - [ ] second sub-item\n"
    )
    assert problems_of(text) == [
        (line_of(text, "nested"), problems_of(text)[0][1]),
        (line_of(text, "second sub-item"), problems_of(text)[0][1]),
    ]
    assert "must start at the beginning of the line" in problems_of(text)[0][1]


def test_links_in_bullets_are_guidance_not_bad_checkboxes() -> None:
    text = VALID.replace("Keep the plan current.", "- [EU](https://example.org) guidance")
    assert "[EU](https://example.org)" in parse_playbook(text).phases[0].guidance
