"""SIGKILL a writer at random moments: every acknowledged event survives."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.crash import run_crash_test


@pytest.mark.slow
def test_every_acknowledged_event_survives_random_kills(tmp_path: Path) -> None:
    report = run_crash_test(tmp_path, kills=20, delay=(0.0, 0.3))
    assert report.kills == 20
    # the writers really wrote (and were really cut off mid-stream)
    assert len(report.acknowledged) > 20
    assert report.missing == []
    assert report.stored >= len(report.acknowledged)
    assert report.chain_ok
    assert report.integrity == ["ok"]
    assert report.problems == []
