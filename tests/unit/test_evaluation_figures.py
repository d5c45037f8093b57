"""Evaluation figures computed from crafted event logs, with exact expected values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from crisisdesk.domain.clock import to_iso
from crisisdesk.domain.evaluation import figures
from crisisdesk.domain.events import Event, EventKind
from tests.support.sample_playbook import sample_playbook

DAY = datetime(2026, 3, 2, tzinfo=UTC)


def t(hhmm: str) -> datetime:
    hours, minutes = hhmm.split(":")
    return DAY + timedelta(hours=int(hours), minutes=int(minutes))


class Log:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def add(
        self, when: str, event_kind: str, /, corrects: str | None = None, **payload: Any
    ) -> Event:
        seq = len(self.events) + 1
        event = Event(
            id=f"e{seq}",
            incident_id="inc",
            seq=seq,
            kind=event_kind,
            occurred_at=to_iso(t(when)),
            recorded_at=to_iso(t(when)),
            author="scribe",
            payload=payload,
            corrects=corrects,
        )
        self.events.append(event)
        return event

    def move(self, at: str, source: str, target: str) -> None:
        self.add(at, EventKind.PHASE_MOVED, **{"from": source, "to": target, "open_must": []})

    def call(self, at: str, who: str, outcome: str) -> None:
        self.add(at, EventKind.CALL_RECORDED, contact_id=who, name=who, outcome=outcome)


def crafted() -> Log:
    log = Log()
    log.add(
        "08:10",
        EventKind.INCIDENT_STARTED,
        title="Files encrypted",
        severity="high",
        exercise=False,
        detected_at=to_iso(t("08:00")),
        phase="identification",
    )
    log.add("08:10", EventKind.DEADLINE_ENABLED, regime="gdpr-33")
    log.add("08:10", EventKind.DEADLINE_ENABLED, regime="nis2")
    log.add("08:12", EventKind.LOG_ENTRY, kind="observation", text=".locked files on S:")
    log.call("08:15", "anouk", "reached")
    log.call("08:16", "pieter", "no-answer")
    log.call("08:30", "pieter", "reached")
    log.call("08:31", "lotte", "voicemail")
    log.add("08:20", EventKind.ITEM_CHECKED, item="identification.1")
    log.add("08:25", EventKind.ITEM_NOT_APPLICABLE, item="identification.2", reason="one site")
    decision = log.add("08:35", EventKind.LOG_ENTRY, kind="decision", text="Disconnect servers")
    log.add("08:30", EventKind.DEADLINE_TRIGGERED, moment="aware", at=to_iso(t("08:30")))
    log.move("08:40", "identification", "isolation")
    log.add("09:05", EventKind.LOG_ENTRY, kind="communication", text="Staff informed")
    log.add(
        "09:10",
        EventKind.ENTRY_CORRECTED,
        corrects=decision.id,
        text="Disconnect file servers and NAS",
    )
    log.add("09:20", EventKind.ITEM_CHECKED, item="isolation.1")
    log.add("09:30", EventKind.NOTICE_SENT, notice="nis2-early-warning", at=to_iso(t("09:30")))
    log.move("10:00", "isolation", "recovery")
    log.add("10:20", EventKind.LOG_ENTRY, kind="decision", text="Pay no ransom")
    log.move("10:30", "recovery", "isolation")  # back: recovery is not done yet
    log.move("11:00", "isolation", "recovery")
    log.move("12:15", "recovery", "communication")
    log.add("13:00", EventKind.INCIDENT_CLOSED, summary="restored")
    return log


def test_times_from_detection() -> None:
    f = figures("inc", sample_playbook(), crafted().events, now=t("23:00"))
    assert f.detected_at == t("08:00") and f.closed_at == t("13:00") and f.until == t("13:00")
    assert f.duration == timedelta(hours=5)
    assert f.time_to_identify == timedelta(minutes=40)
    assert f.time_to_contain == timedelta(hours=2)
    assert f.time_to_recover == timedelta(hours=4, minutes=15)
    assert f.time_to_first_message == timedelta(hours=1, minutes=5)


def test_notices_against_their_deadlines() -> None:
    f = figures("inc", sample_playbook(), crafted().events, now=t("23:00"))
    by_key = {n.key: n for n in f.notices}
    assert list(by_key) == ["gdpr-33", "nis2-early-warning", "nis2-notification", "nis2-final"]
    early = by_key["nis2-early-warning"]
    assert early.due_at == t("08:30") + timedelta(hours=24)
    assert early.sent_at == t("09:30") and early.on_time is True
    assert early.margin == timedelta(hours=23)
    gdpr = by_key["gdpr-33"]
    assert gdpr.due_at == t("08:30") + timedelta(hours=72)
    assert (gdpr.sent_at, gdpr.on_time, gdpr.margin) == (None, None, None)
    assert by_key["nis2-final"].due_at is None  # runs from a notification not yet sent


def test_late_notice_and_overdue_unsent_notice() -> None:
    log = crafted()
    log.events.pop()  # still open
    log.add(
        "08:00", EventKind.NOTICE_SENT, notice="gdpr-33", at=to_iso(t("08:00") + timedelta(days=4))
    )
    f = figures("inc", sample_playbook(), log.events, now=t("08:00") + timedelta(days=5))
    by_key = {n.key: n for n in f.notices}
    assert by_key["gdpr-33"].on_time is False
    assert by_key["gdpr-33"].margin == -timedelta(hours=23, minutes=30)  # 23:30 late
    assert by_key["nis2-notification"].on_time is False  # overdue, never sent
    assert f.closed_at is None and f.until == t("08:00") + timedelta(days=5)


def test_calls_checklist_and_decisions() -> None:
    f = figures("inc", sample_playbook(), crafted().events, now=t("23:00"))
    assert (f.calls_made, f.people_called, f.people_reached) == (4, 3, 2)
    assert f.reach_rate == 2 / 3
    assert (f.items_done, f.items_not_applicable, f.items_open, f.items_total) == (2, 1, 6, 9)
    assert f.open_must_items == ("Activate the crisis team", "Reset admin passwords")
    assert [(d.at, d.text) for d in f.decisions] == [
        (t("08:35"), "Disconnect file servers and NAS"),  # the corrected text
        (t("10:20"), "Pay no ransom"),
    ]


def test_phase_spans_and_key_events_for_the_timeline() -> None:
    f = figures("inc", sample_playbook(), crafted().events, now=t("23:00"))
    spans = {p.key: p.intervals for p in f.phases}
    assert spans["identification"] == ((t("08:10"), t("08:40")),)
    assert spans["isolation"] == ((t("08:40"), t("10:00")), (t("10:30"), t("11:00")))
    assert spans["recovery"] == ((t("10:00"), t("10:30")), (t("11:00"), t("12:15")))
    assert spans["communication"] == ((t("12:15"), t("13:00")),)
    assert spans["aftercare"] == ()
    assert [(k.kind, k.at) for k in f.key_events] == [
        ("detected", t("08:00")),
        ("decision", t("08:35")),
        ("message", t("09:05")),
        ("notice", t("09:30")),
        ("decision", t("10:20")),
        ("closed", t("13:00")),
    ]


def test_an_incident_that_never_moved_on() -> None:
    log = Log()
    log.add(
        "08:10",
        EventKind.INCIDENT_STARTED,
        title="Quiet",
        exercise=True,
        detected_at=to_iso(t("08:10")),
        phase="identification",
    )
    f = figures("inc", sample_playbook(), log.events, now=t("09:10"))
    assert f.exercise is True
    assert f.duration == timedelta(hours=1)
    assert (f.time_to_identify, f.time_to_contain, f.time_to_recover) == (None, None, None)
    assert f.time_to_first_message is None and f.notices == () and f.reach_rate is None
    assert f.phases[0].intervals == ((t("08:10"), t("09:10")),)  # open phase ends "now"
    assert (f.items_done, f.items_open) == (0, 9)


def test_closing_while_in_a_phase_completes_it() -> None:
    log = Log()
    log.add("08:00", EventKind.INCIDENT_STARTED, title="x", phase="identification")
    log.move("08:30", "identification", "isolation")
    log.add("09:00", EventKind.INCIDENT_CLOSED)
    f = figures("inc", sample_playbook(), log.events, now=t("10:00"))
    assert f.time_to_identify == timedelta(minutes=30)
    assert f.time_to_contain == timedelta(hours=1)
    assert f.time_to_recover is None


def test_timeline_chart_geometry() -> None:
    from datetime import timezone

    from crisisdesk.domain.timeline_chart import chart

    f = figures("inc", sample_playbook(), crafted().events, now=t("23:00"))
    c = chart(f, timezone(timedelta(hours=1)))
    # 08:00 detection to 13:00 close: 5 hours, ticks every hour on the local hour.
    assert (c.start, c.end) == (t("08:00"), t("13:00"))
    assert [(tick.at, tick.label) for tick in c.ticks] == [
        (0.0, "09:00"),
        (0.2, "10:00"),
        (0.4, "11:00"),
        (0.6, "12:00"),
        (0.8, "13:00"),
        (1.0, "14:00"),
    ]
    rows = {r.key: r.bars for r in c.rows}
    assert [(b.start, b.end) for b in rows["identification"]] == [(10 / 300, 40 / 300)]
    assert len(rows["isolation"]) == 2 and rows["aftercare"] == ()
    assert [(m.kind, m.number) for m in c.markers] == [
        ("detected", 0),
        ("decision", 1),
        ("message", 2),
        ("notice", 3),
        ("decision", 4),
        ("closed", 0),
    ]
    assert c.legend[0].text == "Disconnect file servers and NAS"


def test_timeline_ticks_across_midnight_show_the_date() -> None:
    from crisisdesk.domain.timeline_chart import chart

    log = Log()
    log.add("20:00", EventKind.INCIDENT_STARTED, title="x", phase="identification")
    f = figures("inc", sample_playbook(), log.events, now=t("20:00") + timedelta(hours=30))
    labels = [tick.label for tick in chart(f, UTC).ticks]
    assert len(labels) <= 8
    # 30 hours: a tick every 4 hours; the first one of each new day carries its date.
    assert labels == [
        "20:00",
        "03-03 00:00",
        "04:00",
        "08:00",
        "12:00",
        "16:00",
        "20:00",
        "03-04 00:00",
    ]


def test_figure_and_notice_rows_as_printed() -> None:
    from crisisdesk.domain.evaluation import figure_rows, notice_rows

    f = figures("inc", sample_playbook(), crafted().events, now=t("23:00"))
    assert figure_rows(f) == [
        ("Duration (detection to close)", "5:00"),
        ("Time to identify", "0:40"),
        ("Time to contain", "2:00"),
        ("Time to recover", "4:15"),
        ("Time to first stakeholder message", "1:05"),
        ("Calls", "4 made, 2 of 3 people reached (67%)"),
        ("Checklist", "2 done, 1 not applicable, 6 open (2 must-items open)"),
    ]
    rows = notice_rows(f, UTC)
    assert rows[1] == (
        "NIS2 early warning",
        "2026-03-03 08:30 (UTC+00:00)",
        "2026-03-02 09:30 (UTC+00:00)",
        "sent on time (23:00 before the deadline)",
    )
    assert rows[0][3] == "not sent" and rows[3][3] == "not due (yet)"
