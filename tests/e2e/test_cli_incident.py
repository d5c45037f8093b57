"""A whole incident run through the CLI as a subprocess, as a script would."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.support.sample_playbook import sample_playbook


@pytest.fixture
def playbook_file(tmp_path: Path) -> Path:
    path = tmp_path / "ransomware.json"
    path.write_text(json.dumps(sample_playbook(deadlines=("gdpr-33", "nis2")).to_dict()))
    return path


def test_a_whole_incident_from_start_to_close(demo_db: Path, playbook_file: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(demo_db)]

    def ok(*args: str) -> str:
        result = run_cli(*db, "incident", *args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    iid = ok(
        "start",
        "--playbook-file",
        str(playbook_file),
        "--title",
        "Files encrypted",
        "--severity",
        "critical",
        "--exercise",
        "--detected-at",
        "2026-03-14T08:15:00Z",
    ).strip()
    assert len(iid) == 36
    short = iid[:8]
    entry = json.loads(ok("log", short, "Ransom note on FS01", "--kind", "observation", "--json"))
    assert entry["seq"] == 4 and entry["payload"]["kind"] == "observation"
    paper = json.loads(
        ok(
            "log",
            short,
            "Warehouse phoned",
            "--kind",
            "communication",
            "--at",
            "2026-03-14T08:30:00Z",
            "--json",
        )
    )
    assert paper["occurred_at"] == "2026-03-14T08:30:00.000Z"
    ok("correct", short, str(paper["seq"]), "Venlo warehouse phoned")
    ok("check", short, "identification.1")
    ok("check", short, "identification.2", "--na", "one server only")
    ok("check", short, "identification.3", "--note", "team on Signal", "--assign", "crisis-lead")
    moved = json.loads(ok("phase", short, "next", "--json"))
    assert [i["id"] for i in moved["payload"]["open_must"]] == ["identification.3"]
    call = json.loads(ok("call", short, "Jan de Vries", "--outcome", "no-answer", "--json"))
    assert call["backup"]["name"] == "Anouk Mulder"
    ok("call", short, call["backup"]["id"], "--outcome", "reached")
    ok("scope", short, "add", "system", "FS01")
    ok("scope", short, "status", "FS01", "isolated", "--note", "unplugged")
    ok(
        "clock-check",
        short,
        "--trusted",
        "2026-03-14T10:00:30Z",
        "--laptop",
        "2026-03-14T10:00:00Z",
        "--source",
        "phone",
    )
    ok("deadline", short, "aware", "--at", "2026-03-14T09:00:00Z")
    ok("deadline", short, "sent", "nis2-early-warning")

    state = json.loads(ok("show", short, "--json", "--log"))
    assert state["exercise"] is True and state["severity"] == "critical"
    assert state["current_phase"] == "isolation"
    items = {i["id"]: i for i in state["items"]}
    assert items["identification.1"]["status"] == "done"
    assert items["identification.2"]["reason"] == "one server only"
    assert items["identification.3"]["owner"] == "crisis-lead"
    assert state["calls"]["reached"] == 1
    assert state["scope"][0]["status"] == "isolated"
    assert state["clock_check"]["offset_seconds"] == 30
    deadlines = {d["key"]: d for d in state["deadlines"]}
    assert deadlines["gdpr-33"]["due_at"] == "2026-03-17T09:00:00.000Z"
    assert deadlines["nis2-early-warning"]["status"] == "done"
    assert state["corrections"] == {paper["id"]: [state["log"][5]["id"]]}
    kinds = [e["kind"] for e in state["log"]]
    assert kinds[0] == "incident.started" and "entry.corrected" in kinds

    text = ok("show", short)
    assert "EXERCISE" in text and "Files encrypted" in text
    ok("close", short, "--summary", "restored")
    listed = json.loads(ok("list", "--json"))
    assert listed[0]["status"] == "closed"

    refused = run_cli(*db, "incident", "log", short, "too late")
    assert refused.returncode == 1
    assert "closed" in refused.stderr and "Traceback" not in refused.stderr
    check = run_cli(*db, "check")
    assert check.returncode == 0, check.stdout


def test_usage_and_lookup_errors_have_the_right_exit_codes(
    demo_db: Path, playbook_file: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(demo_db)]
    iid = run_cli(
        *db, "incident", "start", "--playbook-file", str(playbook_file), "--title", "T"
    ).stdout.strip()
    bad_time = run_cli(*db, "incident", "log", iid, "x", "--at", "yesterday")
    assert bad_time.returncode == 2 and "'yesterday' is not an ISO-8601 time" in bad_time.stderr
    bad_kind = run_cli(*db, "incident", "log", iid, "x", "--kind", "gossip")
    assert bad_kind.returncode == 2
    unknown = run_cli(*db, "incident", "show", "ffffffff")
    assert unknown.returncode == 1 and "no incident" in unknown.stderr
    no_item = run_cli(*db, "incident", "check", iid, "nope.9")
    assert no_item.returncode == 1 and "nope.9" in no_item.stderr
    no_playbook = run_cli(
        *db, "incident", "start", "--playbook", "no-such-playbook", "--title", "T"
    )
    assert no_playbook.returncode == 1 and "no-such-playbook" in no_playbook.stderr
    broken = playbook_file.with_name("broken.json")
    broken.write_text("{\n  oops\n}")
    rejected = run_cli(*db, "incident", "start", "--playbook-file", str(broken), "--title", "T")
    assert rejected.returncode == 1 and f"{broken}:2:" in rejected.stderr
    conn = sqlite3.connect(demo_db)
    events = conn.execute("SELECT kind FROM events ORDER BY seq").fetchall()
    conn.close()
    # Nothing but the first incident's start and its two enabled deadlines.
    assert [k for (k,) in events] == ["incident.started", "deadline.enabled", "deadline.enabled"]


def test_check_names_the_first_event_altered_behind_the_apps_back(
    demo_db: Path, playbook_file: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(demo_db)]
    iid = run_cli(
        *db, "incident", "start", "--playbook-file", str(playbook_file), "--title", "Tampered"
    ).stdout.strip()
    for n in range(4):
        assert run_cli(*db, "incident", "log", iid, f"entry {n}").returncode == 0
    conn = sqlite3.connect(demo_db)
    with conn:
        saved_trigger = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'events_no_update'"
        ).fetchone()
        conn.execute("DROP TRIGGER events_no_update")
        conn.execute(
            "UPDATE events SET payload = ? WHERE incident_id = ? AND seq = 4",
            (json.dumps({"kind": "observation", "text": "entry X"}), iid),
        )
        # Put the guard back, as a careful forger would: only the row itself differs.
        (trigger_sql,) = saved_trigger
        conn.execute(trigger_sql)
    bad_id = conn.execute(
        "SELECT id FROM events WHERE incident_id = ? AND seq = 4", (iid,)
    ).fetchone()[0]
    conn.close()
    result = run_cli(*db, "check")
    assert result.returncode == 1
    problems = [line for line in result.stdout.splitlines() if line.startswith("PROBLEM")]
    # the guard was put back, so only the altered event is reported
    assert not any("events_no_update" in line for line in problems)
    problem = next(line for line in problems if "'Tampered'" in line)
    assert "'Tampered'" in problem and "event 4" in problem and bad_id in problem
    assert "changed after it was saved" in problem


def test_start_with_a_built_in_playbook_by_id(demo_db: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(demo_db)]
    started = run_cli(
        *db, "incident", "start", "--playbook", "ransomware", "--title", "Encrypted", "--json"
    )
    assert started.returncode == 0, started.stderr
    state = json.loads(started.stdout)
    assert state["playbook"]["id"] == "ransomware" and state["current_phase"] == "identification"
    assert {d["regime"] for d in state["deadlines"]} == {"gdpr-33", "nis2"}  # suggested
    rule = run_cli(
        *db,
        "incident",
        "add-rule",
        "insurer",
        "--name",
        "Notify the insurer",
        "--trigger",
        "detected",
        "--hours",
        "4",
    )
    assert rule.returncode == 0, rule.stderr
    enabled = run_cli(*db, "incident", "deadline", state["id"], "enable", "insurer", "--json")
    assert enabled.returncode == 0, enabled.stderr
    shown = json.loads(run_cli(*db, "incident", "deadline", state["id"], "--json").stdout)
    insurer = next(d for d in shown if d["key"] == "insurer")
    assert insurer["name"] == "Notify the insurer" and insurer["status"] == "ok"
    assert insurer["remaining_seconds"] <= 4 * 3600
    first = state["items"][0]["id"]
    ticked = run_cli(*db, "incident", "check", state["id"][:8], first, "--json")
    assert ticked.returncode == 0, ticked.stderr
    assert json.loads(ticked.stdout)["payload"]["item"] == first
