"""The built-in playbooks in playbooks/: each valid, and all six in English and Dutch."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crisisdesk.domain.errors import InvalidInput
from crisisdesk.domain.playbook import CRISIS_TYPES
from crisisdesk.playbooks.builtin import builtin_files
from crisisdesk.playbooks.parser import parse_file, parse_playbook
from crisisdesk.services.playbooks import load_builtin

FOLDER = Path(__file__).resolve().parents[2] / "playbooks"
FILES = sorted(p for p in FOLDER.glob("*.md") if p.name != "README.md")
REQUIRED_IDS = ("generic", "ransomware", "data-breach", "outage", "ddos", "phishing")


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("playbook_id", REQUIRED_IDS)
def test_required_playbook_exists_and_is_valid(playbook_id: str, language: str) -> None:
    path = FOLDER / f"{playbook_id}.{language}.md"
    assert path.is_file(), f"{path.name} is missing"
    try:
        playbook, _text = parse_file(path)
    except InvalidInput as exc:  # show every problem, not just the first
        pytest.fail(f"{path.name} is not valid:\n{exc}")
    assert (playbook.id, playbook.language) == (playbook_id, language)


def test_every_file_in_the_folder_is_valid_and_named_after_its_id_and_language() -> None:
    problems: list[str] = []
    for path in FILES:
        try:
            playbook, _text = parse_file(path)
        except InvalidInput as exc:
            problems.append(str(exc))
            continue
        if path.name != f"{playbook.id}.{playbook.language}.md":
            problems.append(f"{path.name}: named differently from its id and language")
    assert problems == []
    assert set(REQUIRED_IDS) == set(CRISIS_TYPES)


def test_the_program_loads_the_same_files_without_problems() -> None:
    versions, problems = load_builtin()
    assert problems == []
    assert sorted(v.filename for v in versions) == [p.name for p in FILES]
    assert sorted(f.name for f in builtin_files()) == [p.name for p in FILES]


def test_readme_example_is_a_valid_playbook() -> None:
    readme = (FOLDER / "README.md").read_text("utf-8")
    example = readme.split("## A complete example", 1)[1]
    block = re.search(r"```\n(---\n.*?)```", example, re.DOTALL)
    assert block is not None
    playbook = parse_playbook(block.group(1), "README example")
    assert playbook.id == "ransomware" and len(playbook.phases) == 6
    assert playbook.item("activate-team") is not None
