"""How long does the printed handbook of the demo organisation take, and what does its
table of contents cost? Figures against a baseline measured in the same run.

Baseline: the same story laid out once, without a table of contents (one pass). The
handbook needs a second pass for the page numbers, so the ratio should be about 2.

    python benchmarks/bench_handbook_pdf.py
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.platypus.tableofcontents import TableOfContents

from crisisdesk.domain.i18n import use_language
from crisisdesk.export import handbook_pdf
from crisisdesk.export.pdfbase import build_pdf
from crisisdesk.services.handbook import init_handbook


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        services = init_handbook(Path(folder) / "demo.db", demo=True)
        content = services.handbook_export.content(language="en")
        services.close()

    pages: list[int] = []
    start = time.perf_counter()
    out = io.BytesIO()
    handbook_pdf.write_handbook(out, content)
    full = time.perf_counter() - start
    size = len(out.getvalue())

    with use_language("en"):
        builder = handbook_pdf._Builder(content, "a4")
        story = [f for f in builder.story() if not isinstance(f, TableOfContents)]
        start = time.perf_counter()
        build_pdf(io.BytesIO(), story, builder.frame(), on_page=pages.append)
        baseline = time.perf_counter() - start

    print(f"handbook (demo, with contents): {full:.2f} s, {size / 1024:.0f} KiB")
    print(f"baseline (one pass, no contents): {baseline:.2f} s, {max(pages)} pages")
    print(f"ratio: {full / baseline:.2f}")


if __name__ == "__main__":
    main()
