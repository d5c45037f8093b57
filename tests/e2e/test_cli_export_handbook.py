"""`crisisdesk export handbook` end to end: the PDF read back with poppler."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from crisisdesk.services.handbook import open_services
from tests.conftest import PYTHON, cli_env
from tests.pdf_text import pdf_info, pdf_pages, toc_entries


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "crisisdesk", *args],
        capture_output=True,
        text=True,
        env=cli_env(home),
        encoding="utf-8",
        timeout=180,
    )


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """The demo handbook and its printout in English on A4 (made once: it takes seconds)."""
    folder = tmp_path_factory.mktemp("handbook")
    db, pdf = folder / "demo.db", folder / "handbook.pdf"
    assert _cli(folder, "--db", str(db), "init", "--demo").returncode == 0
    result = _cli(folder, "--db", str(db), "export", "handbook", str(pdf), "--language", "en")
    assert result.returncode == 0, result.stderr
    assert str(pdf) in result.stdout
    return db, pdf, pdf_pages(pdf)


def test_toc_page_numbers_point_at_the_headings(printed: tuple[Path, Path, list[str]]) -> None:
    db, _pdf, pages = printed
    contents = next(i for i, p in enumerate(pages) if re.search(r"^\s*Contents\s*$", p, re.M))
    entries = toc_entries(pages[contents])
    services = open_services(db, read_only=True)
    try:
        sections = [s.title for s in services.handbook_export.content(language="en").sections]
        playbooks = [p.title for p in services.playbooks.list() if p.language == "en"]
    finally:
        services.close()
    titles = [t for t, _n in entries]
    for expected in ["Crisis plan", *sections, "Crisis team", "Call tree", "Playbooks"]:
        assert expected in titles
    for title in playbooks:
        assert title in titles
    assert "Log sheets" in titles
    for title, number in entries:
        page = pages[number - 1]
        # The heading stands at the start of a line on the page the entry names.
        assert re.search(rf"^\s*{re.escape(title)}\s*$", page, re.M), (title, number)
    numbers = [n for _t, n in entries]
    assert numbers == sorted(numbers) and numbers[0] > contents + 1


def test_every_page_shows_plan_version_date_and_page_number(
    printed: tuple[Path, Path, list[str]],
) -> None:
    _db, pdf, pages = printed
    assert int(pdf_info(pdf)["Pages"]) == len(pages) > 20
    for number, page in enumerate(pages, start=1):
        footer = page.strip().splitlines()[-1]
        assert "plan v3.2" in footer, number
        assert re.search(r"reviewed \d\d/\d\d/20\d\d", footer), number  # English date format
        assert f"page {number} of {len(pages)}" in footer
        assert "CONFIDENTIAL" in footer


def test_checklists_have_a_tick_box_per_item_and_must_markers(
    printed: tuple[Path, Path, list[str]],
) -> None:
    db, _pdf, pages = printed
    services = open_services(db, read_only=True)
    try:
        playbooks = [p for p in services.playbooks.list() if p.language == "en"]
    finally:
        services.close()
    items = [i for p in playbooks for phase in p.phases for i in phase.items]
    first = next(i for i, p in enumerate(pages) if re.search(r"^\s*Playbooks\s*$", p, re.M))
    text = "\n".join(p for p in pages[first:] if "ACTIVITY LOG" not in p)
    assert text.count("☐") == len(items)
    assert len(re.findall(r"\bMUST\b", text)) == sum(i.must for i in items) + 1  # + the legend
    # An item with an owner and a due time: the role's name and T+ time beside it.
    item = next(i for i in items if i.due_minutes == 15 and i.owner_role == "scribe")
    line = next(line for line in text.splitlines() if item.text[:30] in line)
    assert "Scribe" in line and "T+15" in line


def test_team_call_tree_and_parties_come_from_the_contact_sheet(
    printed: tuple[Path, Path, list[str]],
) -> None:
    _db, pdf, pages = printed
    team = next(p for p in pages if re.search(r"^\s*Crisis team\s*$", p, re.M))
    # Crisis lead: primary Jan de Vries with his mobile, then the backups in order.
    lead = team[team.index("Crisis lead") :]
    assert lead.index("Jan de Vries") < lead.index("06 12345001") < lead.index("backup 1")
    assert lead.index("Anouk Mulder") < lead.index("Marieke Bos")
    start = next(i for i, p in enumerate(pages) if re.search(r"^\s*External parties\s*$", p, re.M))
    # read in drawing order: narrow columns wrap, so compare words
    words = " ".join(pdf_pages(pdf, mode="-raw")[start].split())
    assert "Zeeland Verzekeringen" in words and "070 700 3000" in words


def test_log_sheets_are_numbered_with_ruled_columns(printed: tuple[Path, Path, list[str]]) -> None:
    _db, _pdf, pages = printed
    sheets = [p for p in pages if "ACTIVITY LOG" in p]
    assert len(sheets) == 3
    assert "Sheet 1" in sheets[0]
    assert "Continuation sheet 2" in sheets[1] and "Continuation sheet 3" in sheets[2]
    for sheet in sheets:
        for field in ("1. Incident name", "2. Operational period", "3. Name", "Time", "Who"):
            assert field in sheet
    assert sheets[-1] is pages[-1]


def test_letter_paper_dutch_and_log_sheet_count(
    printed: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    db, a4, _pages = printed
    out = tmp_path / "letter.pdf"
    result = _cli(
        tmp_path, "--db", str(db), "export", "handbook", str(out),
        "--paper", "letter", "--language", "nl", "--log-sheets", "1",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert pdf_info(out)["Page size"].startswith("612 x 792")
    assert pdf_info(a4)["Page size"].startswith("595.276 x 841.89")
    pages = pdf_pages(out)
    text = "\n".join(pages)
    # Dutch throughout: playbooks, the handbook's own words, the contact sheet's, the frame
    assert "Ransomware-aanval" in text and "Ransomware attack" not in text
    assert "Inhoud" in pages[1] and "Belboom" in pages[1] and "Contents" not in text
    assert text.count("ACTIVITEITENLOG") == 1 and "ACTIVITY LOG" not in text
    assert f"pagina 1 van {len(pages)}" in pages[0] and "VERTROUWELIJK" in pages[0]


def test_errors_are_one_line_and_leave_the_old_file(
    printed: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    db, _pdf, _pages = printed
    missing = tmp_path / "no-such-folder" / "x.pdf"
    result = _cli(tmp_path, "--db", str(db), "export", "handbook", str(missing))
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"crisisdesk: {missing}: the folder {missing.parent} does not exist"
    )
    old = tmp_path / "old.pdf"
    old.write_bytes(b"the previous printout")
    result = _cli(tmp_path, "--db", str(db), "export", "handbook", str(old), "--log-sheets", "99")
    assert result.returncode == 1 and "log sheets: 99" in result.stderr
    assert old.read_bytes() == b"the previous printout"
    assert list(tmp_path.glob(".old.pdf.*")) == []
    result = _cli(tmp_path, "--db", str(db), "export", "handbook", str(old), "--paper", "a5")
    assert result.returncode == 2 and "invalid choice: 'a5'" in result.stderr
