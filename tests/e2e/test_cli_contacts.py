from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.conftest import Run

DATA = Path(__file__).resolve().parent.parent / "data"


def listed(run_cli: Run, db: Path) -> list[dict[str, object]]:
    result = run_cli("--db", str(db), "contacts", "list", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_dry_run_reports_additions_duplicates_and_saves_nothing(
    demo_db: Path, run_cli: Run
) -> None:
    before = listed(run_cli, demo_db)
    result = run_cli(
        "--db", str(demo_db), "contacts", "import", str(DATA / "iphone_v3.vcf"), "--dry-run"
    )
    assert result.returncode == 0, result.stderr
    assert "would add: Z-CERT" in result.stdout
    assert "would add: Ayşe Özdemir" in result.stdout
    # Pieter Bakker is in the demo handbook with the same mobile number
    assert "duplicate, not imported: Pieter Bakker" in result.stdout
    assert "'ring reception first'" in result.stdout
    assert "2 contacts would be added, 1 duplicate" in result.stdout
    assert listed(run_cli, demo_db) == before


def test_import_then_list_json(demo_db: Path, run_cli: Run) -> None:
    before = len(listed(run_cli, demo_db))
    result = run_cli("--db", str(demo_db), "contacts", "import", str(DATA / "outlook_cp1252.csv"))
    assert result.returncode == 0, result.stderr
    # The police number 0900-8844 is in the demo handbook already (as "0900 8844").
    assert "matches Police (report of a crime)" in result.stdout
    assert "2 contacts added, 1 duplicate" in result.stdout
    contacts = listed(run_cli, demo_db)
    assert len(contacts) == before + 2
    seb = next(c for c in contacts if c["name"] == "Sébastien Lefèvre")
    assert seb["organisation"] == "CyberVerz NV"
    assert {
        "kind": "mobile",
        "value": "+32 470 12 34 56",
        "e164": "+32470123456",
        "label": "mobile phone",
        "flagged": False,
    } in seb["channels"]  # type: ignore[operator]
    # A second import of the same file doubles nothing.
    again = run_cli("--db", str(demo_db), "contacts", "import", str(DATA / "outlook_cp1252.csv"))
    assert again.returncode == 0
    assert "0 contacts added, 3 duplicates" in again.stdout
    assert len(listed(run_cli, demo_db)) == before + 2


def test_import_with_problems_exits_1_listing_every_problem(
    demo_db: Path, run_cli: Run, tmp_path: Path
) -> None:
    before = listed(run_cli, demo_db)
    bad = tmp_path / "bad.vcf"
    bad.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Fine\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nNOTE:no name\nEND:VCARD\n"
        "BEGIN:VCARD\nFN:Cut off\n",
        encoding="utf-8",
    )
    result = run_cli("--db", str(demo_db), "contacts", "import", str(bad))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"crisisdesk: {bad}:5: this vCard has no name (FN, N or ORG)",
        f"crisisdesk: {bad}:9: this vCard has no END:VCARD (the file is truncated?)",
    ]
    assert "Traceback" not in result.stderr
    assert listed(run_cli, demo_db) == before


def test_import_binary_file_is_refused(demo_db: Path, run_cli: Run, tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)))
    result = run_cli("--db", str(demo_db), "contacts", "import", str(junk))
    assert result.returncode == 1
    assert f"{junk}:1:" in result.stderr and "binary file" in result.stderr


def test_export_vcf_and_csv_import_into_new_handbook(
    demo_db: Path, run_cli: Run, tmp_path: Path
) -> None:
    original = listed(run_cli, demo_db)
    fresh = tmp_path / "fresh.db"
    assert run_cli("--db", str(fresh), "init", "--country", "NL").returncode == 0
    for suffix, expected in (
        ("vcf", f"{len(original)} contacts added"),
        ("csv", "0 contacts added"),
    ):
        out = tmp_path / f"all.{suffix}"
        result = run_cli("--db", str(demo_db), "contacts", "export", str(out))
        assert result.returncode == 0, result.stderr
        assert f"{len(original)} contacts written" in result.stdout
        assert out.stat().st_mode & 0o077 == 0  # personal data: readable by the user only
        imported = run_cli("--db", str(fresh), "contacts", "import", str(out))
        assert imported.returncode == 0, imported.stderr
        # the CSV holds the same people as the vCard: all matched as duplicates
        assert expected in imported.stdout
    copy = listed(run_cli, fresh)
    assert sorted(c["name"] for c in copy) == sorted(c["name"] for c in original)  # type: ignore[type-var]
    head = (tmp_path / "all.vcf").read_text(encoding="utf-8")
    assert head.startswith("BEGIN:VCARD") and "VERSION:3.0" in head


def test_export_unknown_suffix_is_usage_error_message(
    demo_db: Path, run_cli: Run, tmp_path: Path
) -> None:
    result = run_cli("--db", str(demo_db), "contacts", "export", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1
    assert ".vcf" in result.stderr and ".csv" in result.stderr


def test_list_text_marks_unreadable_numbers(tmp_path: Path, run_cli: Run) -> None:
    db = tmp_path / "hb.db"
    assert run_cli("--db", str(db), "init", "--country", "NL").returncode == 0
    empty = run_cli("--db", str(db), "contacts", "list")
    assert "No contacts yet" in empty.stdout
    assert (
        run_cli("--db", str(db), "contacts", "import", str(DATA / "iphone_v3.vcf")).returncode == 0
    )
    result = run_cli("--db", str(db), "contacts", "list")
    assert result.returncode == 0
    lines = {line.split("  ")[0]: line for line in result.stdout.splitlines()}
    assert "[unreadable number]" in lines["Ayşe Özdemir"]
    assert "06 12345003" in lines["Pieter Bakker"]


def test_contacts_without_action_is_usage_error(demo_db: Path, run_cli: Run) -> None:
    result = run_cli("--db", str(demo_db), "contacts")
    assert result.returncode == 2


def test_export_contacts_pdf(demo_db: Path, run_cli: Run, tmp_path: Path) -> None:
    import subprocess

    out = tmp_path / "sheet.pdf"
    result = run_cli("--db", str(demo_db), "export", "contacts", str(out), "--paper", "letter")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Crisis contact sheet" in text and "CONFIDENTIAL — personal data" in text
    wallet = tmp_path / "wallet.pdf"
    result = run_cli("--db", str(demo_db), "export", "contacts", str(wallet), "--layout", "wallet")
    assert result.returncode == 0, result.stderr
    assert (
        "Crisis team wallet cards"
        in subprocess.run(["pdftotext", str(wallet), "-"], capture_output=True, text=True).stdout
    )


def test_export_contacts_bad_paper_is_usage_error(
    demo_db: Path, run_cli: Run, tmp_path: Path
) -> None:
    result = run_cli(
        "--db", str(demo_db), "export", "contacts", str(tmp_path / "x.pdf"), "--paper", "a3"
    )
    assert result.returncode == 2
    assert not (tmp_path / "x.pdf").exists()


def test_export_contacts_to_missing_folder_is_one_line_error(
    demo_db: Path, run_cli: Run, tmp_path: Path
) -> None:
    result = run_cli("--db", str(demo_db), "export", "contacts", str(tmp_path / "no" / "x.pdf"))
    assert result.returncode == 1
    assert "cannot be written" in result.stderr and "Traceback" not in result.stderr
