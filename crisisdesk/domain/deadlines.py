"""Regulatory and organisational deadlines of an incident, computed from recorded moments.

Each deadline runs from a specific recorded moment (see DOMAIN.md "Legal clocks"):

- GDPR art. 33: the supervisory authority within 72 h of becoming *aware* of a
  personal-data breach.
- GDPR art. 34: the people concerned "without undue delay" when the risk is high; no
  fixed hours, so it is shown as information until the notice is marked sent.
- NIS2 art. 23(4): early warning 24 h and notification 72 h after becoming *aware* of a
  significant incident; the final report one month after the notification was *sent*.
- DORA art. 19: initial notification 4 h after *classification as major* and at most
  24 h after *awareness*; intermediate report 72 h after the initial one was *sent*;
  final report one month after the latest intermediate report was *sent*.

Organisation rules (table ``deadline_rules``) run a number of hours from one moment.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from crisisdesk.domain.i18n import _


class Moment:
    """Recorded moments a deadline can run from."""

    DETECTED = "detected"  # when the incident was detected (always known)
    STARTED = "started"  # when the incident was started in crisisdesk
    AWARE = "aware"  # became aware of a personal-data breach / significant incident
    MAJOR = "major"  # classified as a major ICT incident (DORA)

    ALL = (DETECTED, STARTED, AWARE, MAJOR)
    SETTABLE = (AWARE, MAJOR)


class DeadlineStatus:
    OK = "ok"
    DUE_SOON = "due-soon"  # amber
    OVERDUE = "overdue"  # red
    DONE = "done"  # notice sent
    WAITING = "waiting"  # its starting moment has not been recorded yet
    INFO = "info"  # no fixed time (e.g. "without undue delay")


@dataclass(frozen=True)
class NoticeRule:
    """One notice with a deadline.

    ``after_moments``: the notice is due ``hours`` after the moment (the earliest of
    several, each with its own hours). ``after_notice``: due ``hours`` / ``months``
    after another notice of the same regime was sent (the latest, if sent repeatedly).
    """

    key: str
    regime: str
    name: str
    after_moments: tuple[tuple[str, float], ...] = ()
    after_notice: str | None = None
    hours: float = 0.0
    months: int = 0
    informational: bool = False
    source: str = ""
    short: str = ""  # a few words for the cockpit header, e.g. "NIS2 early warning"


@dataclass(frozen=True)
class Regime:
    key: str
    name: str
    notices: tuple[NoticeRule, ...]


def _regimes() -> tuple[Regime, ...]:
    return (
        Regime(
            "gdpr-33",
            _("GDPR art. 33 — supervisory authority"),
            (
                NoticeRule(
                    "gdpr-33",
                    "gdpr-33",
                    _("GDPR breach notification to the authority"),
                    after_moments=((Moment.AWARE, 72),),
                    source="GDPR art. 33(1)",
                    short=_("GDPR 72 h"),
                ),
            ),
        ),
        Regime(
            "gdpr-34",
            _("GDPR art. 34 — people concerned"),
            (
                NoticeRule(
                    "gdpr-34",
                    "gdpr-34",
                    _("GDPR: tell the people concerned without undue delay"),
                    after_moments=((Moment.AWARE, 0),),
                    informational=True,
                    source="GDPR art. 34(1)",
                    short=_("GDPR art. 34"),
                ),
            ),
        ),
        Regime(
            "nis2",
            _("NIS2 art. 23 — CSIRT / authority"),
            (
                NoticeRule(
                    "nis2-early-warning",
                    "nis2",
                    _("NIS2 early warning"),
                    after_moments=((Moment.AWARE, 24),),
                    source="NIS2 art. 23(4)(a)",
                    short=_("NIS2 early warning"),
                ),
                NoticeRule(
                    "nis2-notification",
                    "nis2",
                    _("NIS2 incident notification"),
                    after_moments=((Moment.AWARE, 72),),
                    source="NIS2 art. 23(4)(b)",
                    short=_("NIS2 notification"),
                ),
                NoticeRule(
                    "nis2-final",
                    "nis2",
                    _("NIS2 final report"),
                    after_notice="nis2-notification",
                    months=1,
                    source="NIS2 art. 23(4)(d)",
                    short=_("NIS2 final report"),
                ),
            ),
        ),
        Regime(
            "dora",
            _("DORA art. 19 — financial supervisor"),
            (
                NoticeRule(
                    "dora-initial",
                    "dora",
                    _("DORA initial notification"),
                    after_moments=((Moment.MAJOR, 4), (Moment.AWARE, 24)),
                    source="DORA art. 19; Delegated Regulation 2025/301",
                    short=_("DORA initial"),
                ),
                NoticeRule(
                    "dora-intermediate",
                    "dora",
                    _("DORA intermediate report"),
                    after_notice="dora-initial",
                    hours=72,
                    source="Delegated Regulation 2025/301",
                    short=_("DORA intermediate"),
                ),
                NoticeRule(
                    "dora-final",
                    "dora",
                    _("DORA final report"),
                    after_notice="dora-intermediate",
                    months=1,
                    source="Delegated Regulation 2025/301",
                    short=_("DORA final"),
                ),
            ),
        ),
    )


def regimes() -> tuple[Regime, ...]:
    """The built-in regulatory regimes (names translated at call time)."""
    return _regimes()


REGIME_KEYS = ("gdpr-33", "gdpr-34", "nis2", "dora")


def regime_names(org_rules: Iterable[OrgRule] = ()) -> dict[str, str]:
    """Key -> name of every deadline regime: the legal ones and the organisation's own."""
    return {r.key: r.name for r in regimes()} | {r.key: r.name for r in org_rules}


@dataclass(frozen=True)
class OrgRule:
    """An organisation's own deadline: ``hours`` after a moment (table deadline_rules)."""

    key: str
    name: str
    trigger: str  # a Moment
    hours: float
    description: str = ""

    def as_regime(self) -> Regime:
        return Regime(
            self.key,
            self.name,
            (
                NoticeRule(
                    self.key,
                    self.key,
                    self.name,
                    after_moments=((self.trigger, self.hours),),
                    source=self.description,
                ),
            ),
        )


@dataclass(frozen=True)
class Deadline:
    """One notice's deadline as it stands at ``now``."""

    key: str
    regime: str
    name: str
    status: str  # a DeadlineStatus
    due_at: datetime | None
    remaining: timedelta | None  # negative when overdue; None without a due time
    sent_at: datetime | None
    runs_from: str  # the moment or notice it runs from, for the reader
    assumed: bool = False  # the starting moment is assumed (detection time) not recorded
    source: str = ""
    short: str = ""


def add_months(when: datetime, months: int) -> datetime:
    """The same day and time ``months`` later (the month's last day when it is shorter)."""
    month_index = when.month - 1 + months
    year, month = when.year + month_index // 12, month_index % 12 + 1
    day = min(when.day, calendar.monthrange(year, month)[1])
    return when.replace(year=year, month=month, day=day)


def due_soon_window(period: timedelta) -> timedelta:
    """Amber once a quarter of the period (at least an hour) is left."""
    return max(timedelta(hours=1), period / 4)


def evaluate(
    *,
    enabled: Sequence[str],
    moments: Mapping[str, datetime],
    sent: Mapping[str, Sequence[datetime]],
    now: datetime,
    org_rules: Iterable[OrgRule] = (),
) -> list[Deadline]:
    """Every deadline of the enabled regimes at ``now``.

    ``moments`` holds the recorded moments (DETECTED and STARTED always; AWARE and
    MAJOR when recorded). When AWARE is not recorded the detection time is assumed:
    earlier, so the deadline shown is never later than the real one.
    ``sent`` maps a notice key to the times it was sent.
    """
    known = {r.key: r for r in regimes()}
    known.update({r.key: r.as_regime() for r in org_rules})
    result: list[Deadline] = []
    for key in enabled:
        regime = known.get(key)
        if regime is None:
            continue
        for rule in regime.notices:
            result.append(_evaluate_rule(rule, moments, sent, now))
    return result


def _evaluate_rule(
    rule: NoticeRule,
    moments: Mapping[str, datetime],
    sent: Mapping[str, Sequence[datetime]],
    now: datetime,
) -> Deadline:
    sent_times = sorted(sent.get(rule.key, ()))
    sent_at = sent_times[0] if sent_times else None
    due: datetime | None = None
    assumed = False
    start: datetime | None = None
    runs_from = ""
    waiting_for = ""
    if rule.after_notice is not None:
        base = sorted(sent.get(rule.after_notice, ()))
        runs_from = rule.after_notice
        if base:
            start = base[-1]
            due = add_months(start, rule.months) + timedelta(hours=rule.hours)
        else:
            waiting_for = rule.after_notice
    else:
        candidates: list[tuple[datetime, datetime]] = []
        names = []
        for moment, hours in rule.after_moments:
            at = moments.get(moment)
            if at is None and moment == Moment.AWARE and Moment.DETECTED in moments:
                at, assumed = moments[Moment.DETECTED], True
            if at is None:
                waiting_for = waiting_for or moment
                continue
            names.append(moment)
            candidates.append((at + timedelta(hours=hours), at))
        runs_from = " / ".join(m for m, _h in rule.after_moments)
        # DORA initial needs the classification: without it there is no obligation yet.
        if candidates and not (rule.key == "dora-initial" and Moment.MAJOR not in moments):
            due, start = min(candidates)
            waiting_for = ""
    if sent_at is not None:
        status = DeadlineStatus.DONE
    elif rule.informational:
        status = DeadlineStatus.INFO
        due = None
    elif due is None:
        status = DeadlineStatus.WAITING
        runs_from = waiting_for or runs_from
    elif now > due:
        status = DeadlineStatus.OVERDUE
    elif start is not None and due - now <= due_soon_window(due - start):
        status = DeadlineStatus.DUE_SOON
    else:
        status = DeadlineStatus.OK
    return Deadline(
        key=rule.key,
        regime=rule.regime,
        name=rule.name,
        status=status,
        due_at=due,
        remaining=(due - now) if due is not None and sent_at is None else None,
        sent_at=sent_at,
        runs_from=runs_from,
        assumed=assumed and rule.after_notice is None,
        source=rule.source,
        short=rule.short or rule.name,
    )


def notice_keys(enabled: Iterable[str], org_rules: Iterable[OrgRule] = ()) -> list[str]:
    """Every notice key of the given regimes (what "mark notice sent" accepts)."""
    known = {r.key: r for r in regimes()}
    known.update({r.key: r.as_regime() for r in org_rules})
    return [n.key for k in enabled if k in known for n in known[k].notices]


def regime_keys(org_rules: Iterable[OrgRule] = ()) -> list[str]:
    return [*REGIME_KEYS, *(r.key for r in org_rules)]
