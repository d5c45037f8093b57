"""`crisisdesk team show` and `team check` as a user runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def _id(db: Path, name: str) -> str:
    return str(
        sqlite3.connect(db).execute("SELECT id FROM contacts WHERE name = ?", (name,)).fetchone()[0]
    )


def test_show_prints_roles_and_an_indented_call_tree(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--db", str(demo_db), "team", "show")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "  Crisis lead: Jan de Vries" in lines
    lead = lines.index("  Crisis lead: Jan de Vries")
    assert lines[lead + 1 : lead + 3] == [
        "      backup 1: Anouk Mulder",
        "      backup 2: Marieke Bos",
    ]
    # Jan at the top, Anouk first under him, Pieter under Anouk, Sanne under Pieter
    assert "    1. Jan de Vries  (backup: Anouk Mulder)" in lines
    top = lines.index("    1. Jan de Vries  (backup: Anouk Mulder)")
    assert lines[top + 1 : top + 4] == [
        "        1. Anouk Mulder  (backup: Pieter Bakker)",
        "            1. Pieter Bakker  (backup: Sanne Janssen)",
        "                1. Sanne Janssen  (backup: Amy Chen)",
    ]


def test_show_json(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--db", str(demo_db), "team", "show", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    lead = data["roles"][0]
    assert lead["key"] == "crisis-lead"
    assert lead["primary"]["name"] == "Jan de Vries"
    assert [b["name"] for b in lead["backups"]] == ["Anouk Mulder", "Marieke Bos"]
    top = data["call_tree"]
    assert [n["person"]["name"] for n in top] == ["Jan de Vries"]
    assert top[0]["calls"][0]["person"]["name"] == "Anouk Mulder"

    def count(nodes) -> int:  # type: ignore[no-untyped-def]
        return sum(1 + count(n["calls"]) for n in nodes)

    edges = sqlite3.connect(demo_db).execute("SELECT count(*) FROM call_tree").fetchone()[0]
    assert count(top) == edges


def test_check_passes_on_the_demo(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--db", str(demo_db), "team", "check")
    assert result.returncode == 0, result.stderr
    assert "Call tree OK" in result.stdout


def test_check_fails_listing_cycles_and_uncalled(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(demo_db)
    with conn:
        # Lotte and Ruben call each other (Lotte no longer called by Jan) ...
        conn.execute(
            "UPDATE call_tree SET caller_id = ? WHERE callee_id = ?",
            (_id(demo_db, "Ruben Meijer"), _id(demo_db, "Lotte Smit")),
        )
        # ... and nobody calls the privacy officer any more.
        conn.execute("DELETE FROM call_tree WHERE callee_id = ?", (_id(demo_db, "Esther Dekker"),))
    conn.close()
    result = run_cli("--db", str(demo_db), "team", "check")
    assert result.returncode == 1
    out = result.stdout
    assert "Cycle: Lotte Smit → Ruben Meijer → Lotte Smit" in out or (
        "Cycle: Ruben Meijer → Lotte Smit → Ruben Meijer" in out
    )
    assert "Nobody calls Esther Dekker (Privacy officer / DPO, Legal)" in out
    # Emma is called by Lotte (in the ring), so the tree never reaches her either
    assert "Nobody calls Emma Brouwer (Customer liaison)" in out
    show = run_cli("--db", str(demo_db), "team", "show").stdout
    lost = show.split("Not reached from the top of the tree")[1]
    assert "Lotte Smit" in lost and "Ruben Meijer" in lost and "Emma Brouwer" in lost
    assert "Esther Dekker" not in show.split("Call tree")[1]  # removed from the tree
    js = json.loads(run_cli("--db", str(demo_db), "team", "check", "--json").stdout)
    assert js["ok"] is False
    assert sorted(p["name"] for p in js["cycles"][0]) == ["Lotte Smit", "Ruben Meijer"]


def test_team_on_a_missing_file_is_one_clear_line(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--db", str(tmp_path / "nope.db"), "team", "show")
    assert result.returncode == 1
    assert "no such handbook" in result.stderr and "Traceback" not in result.stderr


def test_team_without_subcommand_is_a_usage_error(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("--db", str(demo_db), "team").returncode == 2
