"""Regulatory deadlines: each runs from its own recorded moment (DOMAIN.md legal clocks)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crisisdesk.domain.deadlines import (
    DeadlineStatus,
    Moment,
    OrgRule,
    add_months,
    evaluate,
    notice_keys,
)

DETECTED = datetime(2026, 3, 14, 9, 0, tzinfo=UTC)
H = timedelta(hours=1)


def by_key(deadlines):  # type: ignore[no-untyped-def]
    return {d.key: d for d in deadlines}


def test_gdpr_33_runs_72_hours_from_awareness_not_detection() -> None:
    aware = DETECTED + 5 * H
    [d] = evaluate(
        enabled=["gdpr-33"],
        moments={Moment.DETECTED: DETECTED, Moment.AWARE: aware},
        sent={},
        now=aware + 10 * H,
    )
    assert d.due_at == datetime(2026, 3, 17, 14, 0, tzinfo=UTC)
    assert d.status == DeadlineStatus.OK and not d.assumed
    assert d.remaining == timedelta(hours=62)


def test_gdpr_33_without_recorded_awareness_assumes_detection_time() -> None:
    [d] = evaluate(enabled=["gdpr-33"], moments={Moment.DETECTED: DETECTED}, sent={}, now=DETECTED)
    assert d.due_at == DETECTED + 72 * H and d.assumed


def test_status_turns_amber_in_the_last_quarter_then_red_then_done() -> None:
    moments = {Moment.DETECTED: DETECTED, Moment.AWARE: DETECTED}

    def at(hours):
        return evaluate(enabled=["gdpr-33"], moments=moments, sent={}, now=DETECTED + hours * H)[
            0
        ].status

    assert at(53) == DeadlineStatus.OK
    assert at(55) == DeadlineStatus.DUE_SOON  # 17 h of 72 left (< 18 h)
    assert at(72) == DeadlineStatus.DUE_SOON
    assert at(72.01) == DeadlineStatus.OVERDUE
    [done] = evaluate(
        enabled=["gdpr-33"],
        moments=moments,
        sent={"gdpr-33": [DETECTED + 80 * H]},
        now=DETECTED + 90 * H,
    )
    assert done.status == DeadlineStatus.DONE and done.sent_at == DETECTED + 80 * H
    assert done.remaining is None


def test_gdpr_34_is_information_without_a_due_time() -> None:
    [d] = evaluate(enabled=["gdpr-34"], moments={Moment.AWARE: DETECTED}, sent={}, now=DETECTED)
    assert d.status == DeadlineStatus.INFO and d.due_at is None


def test_nis2_early_warning_notification_and_final_report_after_notification_sent() -> None:
    aware = DETECTED + 2 * H
    moments = {Moment.DETECTED: DETECTED, Moment.AWARE: aware}
    d = by_key(evaluate(enabled=["nis2"], moments=moments, sent={}, now=aware))
    assert d["nis2-early-warning"].due_at == aware + 24 * H
    assert d["nis2-notification"].due_at == aware + 72 * H
    assert d["nis2-final"].status == DeadlineStatus.WAITING
    assert d["nis2-final"].due_at is None
    sent_at = datetime(2026, 3, 16, 15, 30, tzinfo=UTC)
    d = by_key(
        evaluate(
            enabled=["nis2"], moments=moments, sent={"nis2-notification": [sent_at]}, now=sent_at
        )
    )
    assert d["nis2-notification"].status == DeadlineStatus.DONE
    # One month after the notification was SENT (not after awareness).
    assert d["nis2-final"].due_at == datetime(2026, 4, 16, 15, 30, tzinfo=UTC)


def test_dora_initial_is_4h_after_major_but_at_most_24h_after_awareness() -> None:
    aware = DETECTED
    early_major = {Moment.AWARE: aware, Moment.MAJOR: aware + 3 * H}
    d = by_key(evaluate(enabled=["dora"], moments=early_major, sent={}, now=aware))
    assert d["dora-initial"].due_at == aware + 7 * H
    late_major = {Moment.AWARE: aware, Moment.MAJOR: aware + 22 * H}
    d = by_key(evaluate(enabled=["dora"], moments=late_major, sent={}, now=aware))
    assert d["dora-initial"].due_at == aware + 24 * H  # the 24 h cap wins
    d = by_key(evaluate(enabled=["dora"], moments={Moment.AWARE: aware}, sent={}, now=aware))
    assert d["dora-initial"].status == DeadlineStatus.WAITING  # not classified yet


def test_dora_intermediate_and_final_run_from_the_latest_sent_report() -> None:
    moments = {Moment.AWARE: DETECTED, Moment.MAJOR: DETECTED}
    initial = DETECTED + 3 * H
    first, latest = DETECTED + 40 * H, DETECTED + 70 * H
    d = by_key(
        evaluate(
            enabled=["dora"],
            moments=moments,
            sent={"dora-initial": [initial], "dora-intermediate": [first, latest]},
            now=latest,
        )
    )
    assert d["dora-intermediate"].due_at == initial + 72 * H
    assert d["dora-final"].due_at == add_months(latest, 1)


def test_add_months_clamps_to_the_last_day_of_a_shorter_month() -> None:
    assert add_months(datetime(2026, 1, 31, 8, tzinfo=UTC), 1) == datetime(
        2026, 2, 28, 8, tzinfo=UTC
    )
    assert add_months(datetime(2026, 12, 15, tzinfo=UTC), 1) == datetime(2027, 1, 15, tzinfo=UTC)


def test_organisation_rule_runs_its_hours_from_its_moment() -> None:
    rule = OrgRule("insurer", "Tell the insurer", Moment.DETECTED, 2)
    [d] = evaluate(
        enabled=["insurer"],
        moments={Moment.DETECTED: DETECTED},
        sent={},
        now=DETECTED + 3 * H,
        org_rules=[rule],
    )
    assert d.name == "Tell the insurer" and d.status == DeadlineStatus.OVERDUE
    assert d.remaining == -H
    assert notice_keys(["insurer", "nis2"], [rule]) == [
        "insurer",
        "nis2-early-warning",
        "nis2-notification",
        "nis2-final",
    ]
