"""The post-incident report PDF, read back with poppler's pdftotext (an independent reader)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.services.handbook import Services
from crisisdesk.services.incidents import InvalidValue
from tests.support.aftercare_story import M, run_exercise
from tests.support.sample_playbook import sample_playbook


def pages(path: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out.split("\f")[:-1]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_exercise_report_has_every_part_and_says_exercise_on_every_page(
    demo_services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    iid = run_exercise(demo_services, clock)
    out = tmp_path / "report.pdf"
    seen: list[int] = []
    demo_services.evaluation.export_report(iid, out, on_page=seen.append)
    text = pages(out)
    assert len(text) == len(seen) >= 2
    assert all("EXERCISE · CONFIDENTIAL" in page for page in text)
    assert all(f"page {n} of {len(text)}" in page for n, page in enumerate(text, start=1))
    whole = flat("\n".join(text))
    assert "EXERCISE — NOT A REAL INCIDENT" in whole
    assert "Post-incident report" in whole and "Noordhaven Logistiek B.V." in whole
    # Figures from the log (see aftercare_story for the times).
    assert "Time to identify 0:50" in whole
    assert "Time to contain 2:00" in whole
    assert "Time to recover 3:20" in whole
    assert "Time to first stakeholder message 1:15" in whole
    assert "4 made, 2 of 3 people reached (67%)" in whole
    assert "NIS2 early warning" in whole and "sent on time" in whole
    # The timeline's phase rows, legend, decisions, evaluation text and actions.
    for phase in ("Identification and first", "Security and isolation", "Recovery", "Aftercare"):
        assert phase in whole
    assert "Pay no ransom; restore from the immutable backup" in whole
    assert "The call tree reached the crisis lead within 5 minutes." in whole
    assert "the communications voicemail was full" in whole
    assert "Add a second backup for the IT lead to the call tree" in whole
    assert "plan section: team" in whole
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert not out.with_name("report.pdf.part").exists()


def test_real_incident_report_does_not_say_exercise(
    services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    iid = services.incidents.start(title="Outage of the WMS", playbook=sample_playbook())
    clock.advance(30 * M)
    services.incidents.move_phase(iid)
    out = tmp_path / "real.pdf"
    services.evaluation.export_report(iid, out)
    whole = flat("\n".join(pages(out)))
    assert "EXERCISE" not in whole
    assert "Outage of the WMS" in whole and "still open" in whole
    assert "Time to identify 0:30" in whole
    assert "No decisions were logged." in whole and "(not filled in yet)" in whole


def test_report_errors_leave_nothing_behind(services: Services, tmp_path: Path) -> None:
    iid = services.incidents.start(title="x", playbook=sample_playbook())
    with pytest.raises(InvalidValue, match="paper"):
        services.evaluation.export_report(iid, tmp_path / "a.pdf", paper="a3")
    with pytest.raises(CrisisdeskError, match="cannot be written"):
        services.evaluation.export_report(iid, tmp_path / "missing" / "a.pdf")
    assert list(tmp_path.glob("**/*.pdf*")) == []
