"""Time: an injectable clock and the one format crisisdesk stores times in.

All stored times are UTC ISO-8601 with milliseconds and a ``Z`` suffix, so they sort
as text. Services take a ``Clock`` so tests can control time without sleeping.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class SystemClock:
    """The laptop's clock (which may be off: see clock checks in the incident log)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to; for tests and scripted exercises."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware start time")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when

    def advance(self, delta: timedelta) -> None:
        self._now += delta


def to_iso(when: datetime) -> str:
    """Format an aware datetime as stored: UTC, milliseconds, ``Z``."""
    if when.tzinfo is None:
        raise ValueError("refusing to store a time without a timezone")
    text = when.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """Parse an ISO-8601 time. A time without offset is read as the laptop's local time.

    Raises ``ValueError`` with a message naming the text when it is not a time.
    """
    raw = text.strip()
    if raw.endswith(("Z", "z")):
        raw = raw[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError(
            f"'{text}' is not an ISO-8601 time (expected e.g. 2026-03-14T09:30 or "
            "2026-03-14T09:30:00+01:00)"
        ) from None
    if parsed.tzinfo is None:
        parsed = parsed.astimezone()  # local time of this laptop
    return parsed


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date (expected YYYY-MM-DD)") from None


def format_duration(delta: timedelta) -> str:
    """Durations as h:mm (negative with a leading minus), e.g. 26:05."""
    total = int(delta.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    hours, rest = divmod(total, 3600)
    return f"{sign}{hours}:{rest // 60:02d}"
