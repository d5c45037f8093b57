"""Every document crisisdesk writes carries its fonts: a PDF printed years later, on
another machine, looks the same, and names such as Łukasz or Ayşe keep their letters.
(reportlab falls back to its unembedded Helvetica wherever a font is not set.)"""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crisisdesk.domain.clock import FixedClock
from crisisdesk.services.handbook import init_handbook, open_services
from tests.e2e.conftest import Run
from tests.support.incident_story import write_incident


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(name, embedded) of each font, as poppler's pdffonts lists them."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]
    # columns end with: emb sub uni object-number generation
    return [(row[0], row[-5] == "yes") for row in rows]


@pytest.fixture(scope="module")
def incident_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("fonts")
    db = folder / "hb.db"
    clock = FixedClock(datetime(2026, 3, 14, 9, 0, tzinfo=UTC))
    init_handbook(db, demo=True, clock=clock).close()
    services = open_services(db, clock=clock, author="Łukasz Yılmaz")
    try:
        incident = write_incident(services, clock)
    finally:
        services.close()
    return db, incident


@pytest.mark.parametrize(
    "document",
    [
        ("contacts",),
        ("contacts", "--layout", "wallet"),
        ("handbook",),
        ("log", "{incident}"),
        ("report", "{incident}"),
    ],
    ids=["contact sheet", "wallet cards", "handbook", "incident log", "report"],
)
def test_every_font_is_embedded(
    run_cli: Run, incident_db: tuple[Path, str], tmp_path: Path, document: tuple[str, ...]
) -> None:
    db, incident = incident_db
    out = tmp_path / "out.pdf"
    args = [part.format(incident=incident) for part in document]
    result = run_cli("--db", str(db), "export", *args[:1], *args[1:], str(out), timeout=300)
    assert result.returncode == 0, result.stderr
    listed = fonts(out)
    assert listed, "no fonts listed"
    assert [name for name, embedded in listed if not embedded] == []
