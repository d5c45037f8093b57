"""The contact sheet PDF, read back with poppler's pdftotext (an independent reader)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from crisisdesk.domain.contacts import CallTreeEdge, Channel, ChannelKind, Contact
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.services.contact_sheet import call_order
from crisisdesk.services.handbook import Services


def pdf_pages(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")[:-1]


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def sheet_pages(demo_services: Services, tmp_path: Path) -> list[str]:
    demo_services.contacts.add(
        Contact(
            id="",
            name="Zoë Ağaoğlu",
            internal=False,
            labels=("Insurer",),
            channels=(Channel(ChannelKind.LANDLINE, "call the switchboard"),),
        )
    )
    out = tmp_path / "sheet.pdf"
    pages_done: list[int] = []
    demo_services.contact_sheet.export_pdf(out, on_page=pages_done.append)
    pages = pdf_pages(out)
    assert pages_done == list(range(1, len(pages) + 1))
    return pages


def test_every_page_is_marked_and_numbered(sheet_pages: list[str]) -> None:
    total = len(sheet_pages)
    assert total >= 3
    for number, page in enumerate(sheet_pages, start=1):
        assert "CONFIDENTIAL — personal data" in page
        assert f"page {number} of {total}" in page
        assert "plan version 3.2" in page
        assert "printed 14/03/2026" in page  # in the interface language's format
        assert "Noordhaven Logistiek B.V." in page


def test_first_page_is_the_crisis_team_with_backups_and_national_numbers(
    sheet_pages: list[str],
) -> None:
    first = squash(sheet_pages[0])
    assert "Crisis team" in first
    # Crisis lead: Jan de Vries, backups Anouk Mulder then Marieke Bos, in that order
    assert re.search(
        r"Crisis lead Jan de Vries .*backup 1 Anouk Mulder .*backup 2 Marieke Bos", first
    )
    assert "06 12345001" in first and "020 700 1001" in first
    assert "+31" not in first  # home-country numbers in the national format
    assert "Call tree" not in first


def call_rows(pages: list[str]) -> dict[str, str]:
    """The call-tree table's rows by their number ("1", "1.1" ...), each row's text."""
    rows: dict[str, str] = {}
    current = None
    for line in "\n".join(pages).splitlines():
        match = re.match(r"^(\d+(?:\.\d+)*)\s{2,}", line)
        if match:
            current = match[1]
            rows[current] = ""
        elif not line.strip() or "CONFIDENTIAL" in line:
            continue
        if current is not None:
            rows[current] += " " + line
    return {k: squash(v) for k, v in rows.items()}


def test_call_tree_in_order_with_tick_box_time_and_backup(sheet_pages: list[str]) -> None:
    assert "Call tree" in sheet_pages[1] or "Call tree" in sheet_pages[2]
    rows = call_rows(sheet_pages[1:])
    numbers = list(rows)
    assert numbers[:4] == ["1", "1.1", "1.1.1", "1.1.1.1"]  # depth first
    # Whoever activates the tree calls Jan de Vries; he calls Anouk Mulder, backup Pieter Bakker
    assert "whoever" in rows["1"] and "Jan de Vries" in rows["1"]
    first_call = rows["1.1"]
    assert first_call.startswith("1.1 Jan de Vries")
    for text in (
        "Anouk Mulder",
        "06 12345002",
        "backup: Pieter Bakker",
        "06 12345003",
        "☐",
        "time",
        "___:___",
    ):
        assert text in first_call, (text, first_call)
    assert all("☐" in row for row in rows.values())  # a tick box for every call


def test_external_parties_grouped_and_flagged_numbers_marked_with_a_word(
    sheet_pages: list[str],
) -> None:
    text = squash(" ".join(sheet_pages))
    ext = text[text.index("External parties") :]
    assert "Insurer" in ext and "Zoë Ağaoğlu" in ext  # grouped under its label
    assert "call the" in ext and "switchboard (not a valid number: as typed)" in ext
    assert "Cyber claims desk" in ext and "070 700 3000" in ext
    assert "quote retainer number" in ext  # notes travel with the number


def test_letter_paper_and_wallet_layout(demo_services: Services, tmp_path: Path) -> None:
    letter = tmp_path / "letter.pdf"
    demo_services.contact_sheet.export_pdf(letter, paper="letter")
    info = subprocess.run(["pdfinfo", str(letter)], capture_output=True, text=True).stdout
    assert "612 x 792 pts" in info
    wallet = tmp_path / "wallet.pdf"
    demo_services.contact_sheet.export_pdf(wallet, layout="wallet")
    pages = pdf_pages(wallet)
    assert len(pages) == 1
    text = squash(pages[0])
    assert "Crisis team wallet cards" in text and "page 1 of 1" in text
    assert "Jan de Vries" in text and "06 12345001" in text  # primary on the front
    assert "Backups" in text and "Anouk Mulder" in text


def test_bad_options_are_refused_and_nothing_written(
    demo_services: Services, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(CrisisdeskError, match="paper"):
        demo_services.contact_sheet.export_pdf(out, paper="a3")
    with pytest.raises(CrisisdeskError, match="layout"):
        demo_services.contact_sheet.export_pdf(out, layout="poster")
    assert not out.exists()


def test_empty_handbook_prints_what_is_missing(services: Services, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    services.contact_sheet.export_pdf(out)
    text = squash(" ".join(pdf_pages(out)))
    assert "No crisis-team roles defined yet." in text
    assert "No call tree defined yet." in text


def edge(eid: str, caller: str | None, callee: str, pos: int = 0) -> CallTreeEdge:
    return CallTreeEdge(id=eid, caller_id=caller, callee_id=callee, position=pos)


def test_call_order_depth_first_and_cycles_still_printed() -> None:
    edges = [
        edge("e3", "a", "c", 1),
        edge("e1", None, "a"),
        edge("e2", "a", "b", 0),
        edge("e4", "b", "d"),
        # x and y call each other: unreachable from the top, printed at the end
        edge("e5", "x", "y"),
        edge("e6", "y", "x"),
    ]
    order = [(n, d, e.callee_id) for n, d, e in call_order(edges)]
    assert order[:4] == [("1", 0, "a"), ("1.1", 1, "b"), ("1.1.1", 2, "d"), ("1.2", 1, "c")]
    assert {callee for _n, _d, callee in order[4:]} == {"x", "y"}
    assert len(order) == len(edges)


def test_long_lists_keep_every_contact_across_pages(services: Services, tmp_path: Path) -> None:
    from crisisdesk.export.contact_sheet import CHUNK_ROWS

    count = CHUNK_ROWS * 2 + 7  # several table parts
    for i in range(count):
        services.contacts.add(
            Contact(
                id="",
                name=f"Supplier contact {i:03d}",
                internal=i % 2 == 0,  # half "other contacts", half external
                channels=(Channel(ChannelKind.MOBILE, f"06 {30000000 + i:08d}"),),
            )
        )
    out = tmp_path / "long.pdf"
    services.contact_sheet.export_pdf(out)
    text = " ".join(pdf_pages(out))
    for i in range(count):
        assert f"Supplier contact {i:03d}" in text
        assert f"06 {30000000 + i:08d}" in text
