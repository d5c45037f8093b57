from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from crisisdesk.domain.clock import FixedClock
from crisisdesk.services.handbook import Services, init_handbook

START = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    s = init_handbook(tmp_path / "hb.db", clock=clock)
    yield s
    s.close()


@pytest.fixture
def demo_services(tmp_path: Path, clock: FixedClock) -> Iterator[Services]:
    s = init_handbook(tmp_path / "demo.db", demo=True, clock=clock)
    yield s
    s.close()
