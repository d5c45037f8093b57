"""exercise / evaluation / actions / messages from the command line, as a user runs them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.e2e.conftest import Run


def ok(result: object) -> str:
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


def test_exercise_evaluation_actions_and_messages(run_cli: Run, demo_db: Path) -> None:
    db = ("--db", str(demo_db))
    started = json.loads(
        ok(run_cli(*db, "exercise", "start", "--playbook", "ransomware", "--scenario", "--json"))
    )
    iid = started["id"]
    # The +00:00 inject is delivered at once and logged.
    assert [d["number"] for d in started["delivered"]] == [1]
    assert started["delivered"][0]["sender"] == "service desk"
    status = json.loads(ok(run_cli(*db, "exercise", "status", iid[:8], "--json")))
    assert status["delivered"] == [1] and status["next"]["number"] == 2
    assert ok(run_cli(*db, "exercise", "tick", iid)) == ""  # nothing new is due yet
    shown = ok(run_cli(*db, "incident", "show", iid, "--log"))
    assert "Inject +0:00" in shown and "EXERCISE" in shown

    ok(run_cli(*db, "incident", "log", iid, "Isolate the file servers", "--kind", "decision"))
    ok(run_cli(*db, "incident", "phase", iid, "next"))
    text = ok(run_cli(*db, "messages", iid, "customers", "--language", "nl"))
    assert text.startswith("OEFENING — GEEN ECHT INCIDENT — Noordhaven Logistiek B.V.:")
    assert "[AAN TE VULLEN: " in text
    sent = json.loads(ok(run_cli(*db, "messages", iid, "internal", "--mark-sent", "--json")))
    assert sent["logged"] is not None and sent["missing"]

    evaluation = json.loads(ok(run_cli(*db, "evaluation", "show", iid, "--json")))
    assert evaluation["exercise"] is True
    assert evaluation["time_to_first_message_seconds"] is not None
    assert [d["text"] for d in evaluation["decisions"]] == ["Isolate the file servers"]
    assert evaluation["evaluation"]["saved_at"] is None
    assert "Isolate the file servers" in evaluation["evaluation"]["what_happened"]
    ok(run_cli(*db, "evaluation", "save", iid, "--what-worked", "The call tree"))
    saved = json.loads(ok(run_cli(*db, "evaluation", "show", iid, "--json")))["evaluation"]
    assert saved["what_worked"] == "The call tree" and saved["saved_at"]
    assert "Isolate the file servers" in saved["what_happened"]  # the draft was kept

    action = ok(
        run_cli(
            *db,
            "actions",
            "add",
            "Test the restore monthly",
            "--plan-section",
            "recovery",
            "--due",
            "2026-12-31",
            "--incident",
            iid,
        )
    ).strip()
    listed = json.loads(ok(run_cli(*db, "actions", "list", "--json")))
    assert [a["id"] for a in listed] == [action] and listed[0]["link_ref"] == "recovery"
    out = demo_db.parent / "report.pdf"
    assert "report.pdf" in ok(run_cli(*db, "export", "report", iid[:8], str(out)))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Post-incident report" in text and "EXERCISE · CONFIDENTIAL" in text
    assert "Test the restore monthly" in text and "Isolate the file servers" in text
    assert "done" in ok(run_cli(*db, "actions", "done", action[:8]))
    assert "No open improvement actions" in ok(run_cli(*db, "actions", "list"))
    assert len(json.loads(ok(run_cli(*db, "actions", "list", "--all", "--json")))) == 1


def test_errors_are_one_line_and_change_nothing(run_cli: Run, demo_db: Path) -> None:
    db = ("--db", str(demo_db))
    bad = run_cli(*db, "actions", "add", "x", "--plan-section", "nowhere")
    assert bad.returncode == 1 and "no plan section 'nowhere'" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    assert json.loads(ok(run_cli(*db, "actions", "list", "--all", "--json"))) == []
    bad = run_cli(*db, "exercise", "start", "--playbook", "ransomware", "--scenario", "nope")
    assert bad.returncode == 1 and "no scenario 'nope'" in bad.stderr
    assert json.loads(ok(run_cli(*db, "incident", "list", "--json"))) == []
    assert run_cli(*db, "actions", "add", "x", "--due", "tomorrow").returncode == 2
    assert run_cli(*db, "messages", "abc", "tweet").returncode == 2
    missing = run_cli(*db, "evaluation", "show", "nope")
    assert missing.returncode == 1 and "no incident" in missing.stderr


def test_scenarios_are_listed(run_cli: Run, demo_db: Path) -> None:
    listed = json.loads(ok(run_cli("--db", str(demo_db), "exercise", "scenarios", "--json")))
    assert len(listed) == 12
    assert {(s["id"], s["language"]) for s in listed} >= {("ransomware", "en"), ("ddos", "nl")}
