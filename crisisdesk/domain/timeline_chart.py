"""The timeline picture's geometry, computed once for the PDF report and the app.

Positions are fractions of the chart width (0 = detection or first phase start, 1 = the
end of what the figures cover), so a reportlab drawing and a Qt widget draw the same
picture at their own size: phases as bars, one row each, and key events as numbered
markers with a legend.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from crisisdesk.domain.evaluation import Figures

# Tick spacings to choose from, smallest first.
TICK_STEPS = tuple(
    timedelta(minutes=m) for m in (5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 10080)
)
MAX_TICKS = 8
NUMBERED_KINDS = ("decision", "message", "notice")  # injects and start/end are not numbered


@dataclass(frozen=True)
class Bar:
    start: float
    end: float


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Marker:
    at: float
    kind: str  # see evaluation.KeyEvent.kind
    number: int  # 1, 2 ... for numbered kinds (legend), 0 otherwise
    time: datetime
    text: str


@dataclass(frozen=True)
class Tick:
    at: float
    label: str  # "09:30", or "03-02 09:30" at a day change


@dataclass(frozen=True)
class Chart:
    start: datetime
    end: datetime
    rows: tuple[Row, ...]
    markers: tuple[Marker, ...]
    ticks: tuple[Tick, ...]

    @property
    def legend(self) -> tuple[Marker, ...]:
        return tuple(m for m in self.markers if m.number)


def _tick_step(span: timedelta) -> timedelta:
    for step in TICK_STEPS:
        if span / step <= MAX_TICKS:
            return step
    return TICK_STEPS[-1] * (int(span / TICK_STEPS[-1]) // MAX_TICKS + 1)


def chart(f: Figures, tz: tzinfo) -> Chart:
    """Lay out the figures' phases and key events on one time axis in ``tz``."""
    starts = [s for s in (f.detected_at, f.started_at) if s is not None]
    starts += [i[0] for p in f.phases for i in p.intervals]
    start = min(starts, default=f.until)
    end = max(f.until, start + timedelta(minutes=5))
    span = end - start

    def pos(when: datetime) -> float:
        return min(1.0, max(0.0, (when - start) / span))

    rows = tuple(
        Row(p.key, p.title, tuple(Bar(pos(a), pos(b)) for a, b in p.intervals)) for p in f.phases
    )
    markers = []
    number = 0
    for event in f.key_events:
        numbered = event.kind in NUMBERED_KINDS
        number += 1 if numbered else 0
        markers.append(
            Marker(pos(event.at), event.kind, number if numbered else 0, event.at, event.text)
        )
    step = _tick_step(span)
    local_start = start.astimezone(tz)
    # The first tick on a whole multiple of the step in local time (midnight-based).
    midnight = local_start.replace(hour=0, minute=0, second=0, microsecond=0)
    tick = midnight + step * -(-(local_start - midnight) // step)
    ticks = []
    previous_day = local_start.date()
    while tick <= end:
        local = tick.astimezone(tz)
        label = f"{local:%H:%M}" if local.date() == previous_day else f"{local:%m-%d %H:%M}"
        previous_day = local.date()
        ticks.append(Tick(pos(tick), label))
        tick += step
    return Chart(start, end, rows, tuple(markers), tuple(ticks))
