"""`crisisdesk playbooks ...` end to end, as a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from tests.playbook_samples import sample_text, write_sample


def test_validate_ok_without_a_handbook(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = write_sample(tmp_path)
    result = run_cli("playbooks", "validate", str(path))
    assert result.returncode == 0, result.stderr
    assert f"{path}: ok" in result.stdout and "Ransomware attack" in result.stdout


def test_validate_reports_every_problem_as_file_line_message(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    good = write_sample(tmp_path, id="ddos")
    bad = tmp_path / "bad.md"
    text = sample_text().replace("type: ransomware", "type: flood").replace("due: 15m", "due: soon")
    bad.write_text(text, "utf-8")
    lines = text.split("\n")
    type_line = next(i for i, line in enumerate(lines, 1) if line.startswith("type:"))
    due_line = next(i for i, line in enumerate(lines, 1) if "due: soon" in line)
    result = run_cli("playbooks", "validate", str(good), str(bad))
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert f"{good}: ok" in out[0]
    assert out[1].startswith(f"{bad}:{type_line}: type 'flood'")
    assert out[2].startswith(f"{bad}:{due_line}: due 'soon'")
    assert len(out) == 3
    assert "2 problems" in result.stderr and "Traceback" not in result.stderr


def test_validate_missing_file(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("playbooks", "validate", str(tmp_path / "nope.md"))
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.md'}: cannot be read" in result.stdout


def test_add_list_show_history(tmp_path: Path, run_cli, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(demo_db)
    first = write_sample(tmp_path, id="flood", type="outage", title="Flooded server room")
    added = run_cli("--db", db, "playbooks", "add", str(first))
    assert added.returncode == 0, added.stderr
    assert "flood (en) version 1.0" in added.stdout

    second = write_sample(
        tmp_path, name="flood-v2.md", id="flood", type="outage", version="1.1", title="Flood v2"
    )
    assert run_cli("--db", db, "playbooks", "add", str(second)).returncode == 0

    listed = run_cli("--db", db, "playbooks", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [r for r in json.loads(listed.stdout) if r["id"] == "flood"]
    assert rows == [
        {
            "id": "flood",
            "language": "en",
            "title": "Flood v2",
            "type": "outage",
            "version": "1.1",
            "reviewed": "2026-11-01",
            "items": 7,
            "builtin": False,
            "filename": "flood-v2.md",
            "added_at": rows[0]["added_at"],
        }
    ]
    table = run_cli("--db", db, "playbooks", "list")
    assert any(line.split()[:3] == ["flood", "en", "1.1"] for line in table.stdout.splitlines())

    shown = run_cli("--db", db, "playbooks", "show", "flood", "--language", "nl")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == second.read_text("utf-8")  # no Dutch one: the English markdown

    history = run_cli("--db", db, "playbooks", "history", "flood", "--json")
    assert [v["version"] for v in json.loads(history.stdout)] == ["1.0", "1.1"]


def test_add_refuses_bad_file_and_same_version(tmp_path: Path, run_cli, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(demo_db)
    bad = tmp_path / "bad.md"
    bad.write_text(sample_text().replace("## 3. Security and isolation", "## Isolation"), "utf-8")
    result = run_cli("--db", db, "playbooks", "add", str(bad))
    assert result.returncode == 1
    assert f"{bad}:" in result.stderr and "Traceback" not in result.stderr
    listed = json.loads(run_cli("--db", db, "playbooks", "list", "--json").stdout)
    assert all(r["filename"] != "bad.md" for r in listed)

    good = write_sample(tmp_path, id="flood", type="outage")
    assert run_cli("--db", db, "playbooks", "add", str(good)).returncode == 0
    again = run_cli("--db", db, "playbooks", "add", str(good))
    assert again.returncode == 1
    assert "already in the handbook" in again.stderr
    history = run_cli("--db", db, "playbooks", "history", "flood", "--json")
    assert len(json.loads(history.stdout)) == 1


def test_show_unknown_playbook(run_cli, demo_db: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--db", str(demo_db), "playbooks", "show", "no-such")
    assert result.returncode == 1
    assert "no playbook 'no-such'" in result.stderr


def test_list_without_a_handbook_lists_the_builtin_ones(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("playbooks", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert all(r["builtin"] for r in rows)
    names = sorted(p.name for p in (Path(__file__).parents[2] / "playbooks").glob("*.*.md"))
    assert sorted(f"{r['id']}.{r['language']}.md" for r in rows) == names


def test_playbooks_without_action_is_a_usage_error(run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("playbooks").returncode == 2
