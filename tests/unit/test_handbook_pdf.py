"""The printed handbook's parts, laid out from small hand-made content (fast), read
back with pdftotext."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import pytest
from reportlab.platypus import ListFlowable, Paragraph, Table

from crisisdesk.domain.contacts import Role
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.plan import PlanSection
from crisisdesk.domain.playbook import ChecklistItem, Phase, Playbook
from crisisdesk.export.contact_sheet import (
    ContactSheet,
    SheetCall,
    SheetNumber,
    SheetPerson,
    SheetRole,
)
from crisisdesk.export.handbook_pdf import HandbookContent, due_label, write_handbook
from crisisdesk.export.markdown_flow import MarkdownRenderer
from crisisdesk.export.pdfbase import column_widths, styles
from crisisdesk.services.handbook import Services
from crisisdesk.services.handbook_export import write_handbook_file
from tests.pdf_text import pdf_pages, toc_entries

PRINTED = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)


def _sheet(**changes: object) -> ContactSheet:
    zoe = SheetPerson(
        name="Zoë Yılmaz",
        title="IT lead",
        numbers=(
            SheetNumber("mobile", "06 12345001"),
            SheetNumber("landline", "020-nonsense", True),
        ),
    )
    fields: dict[str, object] = {
        "organisation": "Testbedrijf B.V.",
        "plan_version": "7.3",
        "printed": "2026-03-14 10:30",
        "roles": (SheetRole("IT lead", (zoe,)), SheetRole("Scribe", ())),
        "calls": (SheetCall("1", 0, None, zoe),),
    }
    fields.update(changes)
    return ContactSheet(**fields)  # type: ignore[arg-type]


def _content(**changes: object) -> HandbookContent:
    playbook = Playbook(
        id="flood",
        title="Flooded server room",
        crisis_type="generic",
        language="en",
        version="2.1",
        last_reviewed="2026-01-02",
        summary="Use when **water** is on the floor.",
        phases=(
            Phase(
                key="identification",
                title="Identify",
                guidance="- look\n- listen",
                items=(
                    ChecklistItem("i.1", "Cut the power", owner_role="it-lead", must=True,
                                  due_minutes=20, note="Main switch is in the hall"),
                    ChecklistItem("i.2", "Call the facility manager", owner_role="ghost-role"),
                ),
            ),
        ),
    )  # fmt: skip
    fields: dict[str, object] = {
        "organisation": "Testbedrijf B.V.",
        "plan_version": "7.3",
        "plan_date": "2026-02-01",
        "owner": "A. Owner",
        "printed_at": PRINTED,
        "language": "en",
        "sections": [
            PlanSection("s1", "scope", "Scope", "Plain *words* & <angle> brackets."),
            PlanSection("s2", "team", "Team", "| Role | Who |\n|---|---|\n| Lead | Zoë |"),
        ],
        "roles": [Role("r1", "it-lead", "IT lead", "Fixes things", 0, ("p1",)),
                  Role("r2", "scribe", "Scribe", "", 1, ())],
        "contacts": _sheet(),
        "playbooks": [playbook],
        "log_sheets": 2,
    }  # fmt: skip
    fields.update(changes)
    return HandbookContent(**fields)  # type: ignore[arg-type]


def test_small_handbook_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "h.pdf"
    progress: list[tuple[int, int]] = []
    write_handbook(out, _content(), progress=lambda d, t: progress.append((d, t)))
    pages = pdf_pages(out)
    text = "\n".join(pages)
    # markdown: emphasis and escaped characters reach the paper as text
    assert "Plain words & <angle> brackets." in text
    # the plan's table is a table: its cells on one line
    assert any("Lead" in line and "Zoë" in line for line in text.splitlines())
    # checklist: MUST, owner role's name (or its key when the handbook lacks it), due time, note
    line = next(line for line in text.splitlines() if "Cut the power" in line)
    assert "MUST" in line and "IT lead" in line and "T+20 min" in line
    playbook_pages = "\n".join(p for p in pages if "Flooded server room" in p)
    assert playbook_pages.count("☐") == 2  # one tick box per item
    assert text.count("☐") == 3  # and one per call of the call tree
    assert "Main switch is in the hall" in text
    assert "ghost-role" in text
    # the contact sheet's own pages, listed in the table of contents
    assert "nobody assigned" in text and "06 12345001" in text
    # the table of contents names the page each part starts on
    entries = dict(toc_entries(pages[1]))
    assert {"Crisis team", "Call tree"} <= set(entries)
    assert entries["Flooded server room"] == next(
        n for n, p in enumerate(pages, 1) if "Flooded server room" in p and n > 2
    )
    assert sum("ACTIVITY LOG" in p for p in pages) == 2
    for page in pages:
        assert "plan v7.3 · reviewed 01/02/2026" in page  # the language's date format
    # progress: never backwards, complete only at the very end
    assert progress[-1][0] == progress[-1][1]
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(progress))
    assert all(done < total for done, total in progress[:-1])


def test_empty_handbook_prints_what_is_missing(tmp_path: Path) -> None:
    out = tmp_path / "e.pdf"
    write_handbook(
        out,
        _content(
            sections=[], roles=[], contacts=_sheet(roles=(), calls=()), playbooks=[], log_sheets=0
        ),
    )
    text = "\n".join(pdf_pages(out))
    for message in (
        "The plan has no sections yet.",
        "No crisis-team roles defined yet.",
        "No playbooks are available.",
    ):
        assert message in text
    assert "ACTIVITY LOG" not in text


def test_due_labels() -> None:
    assert due_label(None) == ""
    assert due_label(15) == "T+15 min"
    assert due_label(120) == "T+2 h"
    assert due_label(90) == "T+1 h 30"


def test_markdown_blocks_become_flowables() -> None:
    renderer = MarkdownRenderer(styles(), 400)
    flows = renderer.render(
        "# Head\n\ntext\n\n1. one\n2. two\n    - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
        "\n> quoted\n\n```\ncode <x>\n```\n\n---\n\n<custom>kept</custom>"
    )
    kinds = [type(f).__name__ for f in flows]
    assert kinds[:3] == ["Paragraph", "Paragraph", "ListFlowable"]
    table = next(f for f in flows if isinstance(f, Table))
    assert len(table._cellvalues) == 2 and len(table._cellvalues[0]) == 2
    assert table.repeatRows == 1
    numbered = next(f for f in flows if isinstance(f, ListFlowable))
    assert any(isinstance(x, ListFlowable) for x in _walk(numbered))  # the nested list
    texts = [f.getPlainText() for f in flows if isinstance(f, Paragraph)]
    assert "quoted" in texts and "<custom>kept</custom>" in texts  # raw HTML as typed
    assert "XPreformatted" in kinds and "HRFlowable" in kinds


def _walk(flow: object) -> list[object]:
    found: list[object] = []
    for child in getattr(flow, "_flowables", []) or []:
        found.append(child)
        found.extend(_walk(child))
    return found


def test_column_widths_keep_words_and_phone_numbers_whole() -> None:
    cells = [["Name", "Phone", "Notes"], ["Persoonsgegevens", "L 020 700 1001", "x " * 80]]
    widths = column_widths(cells, 300, whole_lines=[1])
    assert sum(widths) == pytest.approx(300)
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert widths[0] >= stringWidth("Persoonsgegevens", "DejaVuSans", 8.5)
    assert widths[1] >= stringWidth("L 020 700 1001", "DejaVuSans", 8.5)
    assert widths[2] > widths[0]  # the long notes get the rest


def test_failed_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "h.pdf"
    out.write_bytes(b"previous")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("crisisdesk.export.handbook_pdf.write_handbook", broken)
    with pytest.raises(CrisisdeskError, match=r"cannot write the PDF \(No space left on device\)"):
        write_handbook_file(out, _content())
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["h.pdf"]


def test_service_gathers_the_demo(demo_services: Services) -> None:
    content = demo_services.handbook_export.content(language="nl", log_sheets=1)
    assert content.organisation == "Noordhaven Logistiek B.V." and content.plan_version == "3.2"
    assert {p.language for p in content.playbooks} == {"nl"}
    assert len(content.playbooks) == len({p.id for p in demo_services.playbooks.list()})
    assert [s.key for s in content.sections][:2] == ["scope", "activation"]
    with pytest.raises(CrisisdeskError, match="unknown language 'fr'"):
        demo_services.handbook_export.content(language="fr")
