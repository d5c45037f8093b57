"""Reading PDFs back with poppler's tools (an independent reader, not reportlab)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pdf_pages(path: Path, *, mode: str = "-layout") -> list[str]:
    """The text of each page: laid out as on paper (-layout), or in the order it was
    drawn (-raw), which keeps a table cell's wrapped lines together."""
    out = subprocess.run(
        ["pdftotext", mode, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")[:-1]


def pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return {
        k.strip(): v.strip() for k, _sep, v in (line.partition(":") for line in out.splitlines())
    }


_TOC_LINE = re.compile(r"^\s*(?P<title>\S.*?)[\s.]*?\s(?:\.\s*)+\s*(?P<page>\d+)\s*$")


def toc_entries(page_text: str) -> list[tuple[str, int]]:
    """(title, page) for each dotted line of a table of contents."""
    entries = []
    for line in page_text.splitlines():
        match = _TOC_LINE.match(line)
        if match:
            entries.append((match["title"].strip(), int(match["page"])))
    return entries
