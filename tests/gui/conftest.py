from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from crisisdesk.domain.clock import FixedClock
from crisisdesk.services.handbook import Services, init_handbook


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def gui_clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 14, 9, 0, tzinfo=UTC))


@pytest.fixture
def demo(tmp_path: Path, gui_clock: FixedClock) -> Iterator[Services]:
    s = init_handbook(tmp_path / "demo.db", demo=True, clock=gui_clock)
    yield s
    s.close()


@pytest.fixture
def empty(tmp_path: Path, gui_clock: FixedClock) -> Iterator[Services]:
    s = init_handbook(tmp_path / "empty.db", clock=gui_clock)
    yield s
    s.close()
