"""The built-in playbooks in playbooks/: each valid, and all six in English and Dutch."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from crisisdesk.domain.errors import InvalidInput
from crisisdesk.domain.playbook import CRISIS_TYPES
from crisisdesk.playbooks.builtin import builtin_files
from crisisdesk.playbooks.parser import parse_file, parse_playbook
from crisisdesk.services.playbooks import load_builtin
from tests.conftest import PYTHON, cli_env

FOLDER = Path(__file__).resolve().parents[2] / "playbooks"
FILES = sorted(p for p in FOLDER.glob("*.md") if p.name != "README.md")
IGNORE = shutil.ignore_patterns("__pycache__")
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


def test_installed_package_reads_the_playbooks_from_its_resources(tmp_path: Path) -> None:
    """Laid out as a wheel installs it (no source checkout around), the built-in
    playbooks come from the package crisisdesk.builtin_playbooks."""
    site = tmp_path / "site"
    shutil.copytree(FOLDER.parent / "crisisdesk", site / "crisisdesk", ignore=IGNORE)
    shutil.copytree(FOLDER, site / "crisisdesk" / "builtin_playbooks", ignore=IGNORE)
    code = (
        "from crisisdesk.playbooks.builtin import builtin_folder, builtin_files\n"
        "print(builtin_folder())\n"
        "print(','.join(f.name for f in builtin_files()))\n"
    )
    env = cli_env()
    env["PYTHONPATH"] = str(site)
    result = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0, result.stderr
    folder, names = result.stdout.splitlines()
    assert Path(folder) == site / "crisisdesk" / "builtin_playbooks"
    assert [n for n in names.split(",") if n] == [p.name for p in FILES]


@pytest.mark.parametrize("playbook_id", REQUIRED_IDS)
def test_english_and_dutch_have_the_same_checklist(playbook_id: str) -> None:
    """Translations differ in words only: the same items (ids), must-markers, owners,
    due times and legal deadlines, so an incident means the same in either language."""

    def shape(language: str) -> tuple[object, ...]:
        pb, _text = parse_file(FOLDER / f"{playbook_id}.{language}.md")
        items = [(i.id, i.must, i.owner_role, i.due_minutes) for p in pb.phases for i in p.items]
        return (pb.crisis_type, pb.version, pb.deadlines, items)

    assert shape("en") == shape("nl")
