from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import PageBreak, Paragraph

from crisisdesk.export.pdfbase import PageFrame, build_pdf, paper_size, styles

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def pdf_text(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")[:-1]


def pdffonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout


def test_every_page_has_frame_and_unicode_prints(tmp_path: Path) -> None:
    s = styles()
    story = [
        Paragraph("Zoë Yılmaz — € 1.000 · ‘quoted’", s["body"]),
        PageBreak(),
        Paragraph("second page", s["body"]),
        PageBreak(),
        Paragraph("third", s["body"]),
    ]
    out = tmp_path / "x.pdf"
    build_pdf(
        out,
        story,
        PageFrame(
            title="Incident log",
            organisation="Noordhaven",
            reference="incident abc",
            exercise="EXERCISE",
        ),
    )
    pages = pdf_text(out)
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of 3" in page
        assert "CONFIDENTIAL" in page and "EXERCISE" in page and "Noordhaven" in page
    assert "Zoë Yılmaz — € 1.000" in pages[0]
    fonts = pdffonts(out)
    assert "DejaVuSans" in fonts
    # every font embedded (column 'emb' is yes for each font row)
    rows = [r for r in fonts.splitlines()[2:] if r.strip()]
    assert rows and all(" yes " in r for r in rows)


def test_no_exercise_marker_for_real_incidents(tmp_path: Path) -> None:
    out = tmp_path / "y.pdf"
    build_pdf(out, [Paragraph("x", styles()["body"])], PageFrame(title="Contact sheet"))
    assert "EXERCISE" not in pdf_text(out)[0]


def test_paper_sizes() -> None:
    assert paper_size("A4")[0] < paper_size("letter")[0]
    with pytest.raises(ValueError, match="a4 or letter"):
        paper_size("a5")
