"""The export service, the printed timeline rows and the fast table, without subprocesses."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from reportlab.lib import colors

from crisisdesk.domain.checkpoint import checkpoint_code, parse_checkpoint
from crisisdesk.domain.clock import FixedClock
from crisisdesk.domain.events import EventKind
from crisisdesk.domain.i18n import set_language
from crisisdesk.export.fasttable import FastTable, TableLook, make_row
from crisisdesk.export.keys import create_key
from crisisdesk.export.timeline import timeline_digest, timeline_rows
from crisisdesk.export.verify import verify_pdf
from crisisdesk.services.handbook import Services, check_file
from tests.support.incident_story import TEXTS, write_incident

PASS = "correct horse battery"


def test_rows_show_corrections_beside_what_they_correct_and_both_times(
    demo_services: Services, clock: FixedClock
) -> None:
    incident = write_incident(demo_services, clock)
    events = list(demo_services.incidents.events(incident))
    rows = {row.seq: row for row in timeline_rows(events)}
    original = next(e for e in events if e.payload.get("text") == TEXTS[0])
    correction = next(e for e in events if e.kind == EventKind.ENTRY_CORRECTED)
    fixes = rows[original.seq].corrected_by
    assert [(f.seq, f.text) for f in fixes] == [(correction.seq, "Extensie is .lockbit (typfout)")]
    back_entered = next(e for e in events if e.payload.get("text") == TEXTS[1])
    assert rows[back_entered.seq].recorded_utc is not None  # typed in 4 minutes later
    assert rows[back_entered.seq].occurred_utc < rows[back_entered.seq].recorded_utc
    assert rows[original.seq].recorded_utc is None  # typed in at once


def test_timeline_digest_does_not_depend_on_language(
    demo_services: Services, clock: FixedClock
) -> None:
    incident = write_incident(demo_services, clock)
    events = list(demo_services.incidents.events(incident))
    english = timeline_digest(events)
    try:
        set_language("nl")
        dutch = timeline_digest(events)
    finally:
        set_language("en")
    assert english == dutch
    changed = [*events[:-1], events[-1].__class__(**{**events[-1].__dict__, "author": "someone"})]
    assert timeline_digest(changed) != english


def test_fast_table_splits_between_rows_and_keeps_all_rows() -> None:
    look = TableLook(
        (50.0, 100.0), "Helvetica", "Helvetica-Bold", 8, 10, colors.grey, colors.grey, colors.grey
    )
    header = make_row([[("a", "Helvetica")], [("b", "Helvetica")]], look)
    rows = [
        make_row([[(str(n), "Helvetica")], [("word " * (n % 30), "Helvetica")]], look)
        for n in range(200)
    ]
    table = FastTable(header, rows, look)
    parts, remaining = [], table
    while True:
        pieces = remaining.split(150, 300)
        if pieces == [remaining]:
            parts.append(remaining)
            break
        first, remaining = pieces
        assert first.wrap(150, 300)[1] <= 300
        parts.append(first)
    assert sum(len(p.rows) for p in parts) == 200
    assert [r.cells[0][0].text for p in parts for r in p.rows] == [str(n) for n in range(200)]
    long_row = rows[29]
    assert len(long_row.cells[1]) > 1  # wrapped within its column


def test_signed_export_is_logged_and_verifies(
    demo_services: Services, clock: FixedClock, tmp_path: Path
) -> None:
    incident = write_incident(demo_services, clock)
    key = tmp_path / "k.p12"
    create_key(key, name="Lead", passphrase=PASS, now=clock.now(), kdf_rounds=2000)
    pages: list[int] = []
    result = demo_services.signing.export_log(
        incident, tmp_path / "log.pdf", key_path=key, passphrase=PASS, on_page=pages.append
    )
    assert result.signed and result.pages == pages[-1] >= 5
    assert not (tmp_path / "log.pdf.part").exists()
    last = list(demo_services.incidents.events(incident))[-1]
    assert last.kind == EventKind.EXPORTED
    assert last.payload["chain_head"] == result.chain_head
    assert last.payload["fingerprint"] == result.fingerprint
    from crisisdesk.export.keys import load_certificate

    verdict = verify_pdf(result.path, trust=[load_certificate(key.with_suffix(".crt"))])
    assert verdict.ok, verdict.reasons
    assert verdict.event_count == result.event_count == last.seq - 1


def test_showing_a_checkpoint_is_logged_and_check_accepts_it(
    demo_services: Services, clock: FixedClock
) -> None:
    incident = write_incident(demo_services, clock)
    before = demo_services.incidents.get(incident).event_count
    code = demo_services.signing.show_checkpoint(incident)
    events = list(demo_services.incidents.events(incident))
    assert code == checkpoint_code(before, events[before - 1].hash)
    assert events[-1].kind == EventKind.CHECKPOINT_SHOWN
    assert events[-1].payload["code"] == code
    clock.advance(timedelta(minutes=1))
    demo_services.incidents.log(incident, "after the checkpoint")
    result = check_file(demo_services.path, [code])
    assert result.ok, result.problems
    other = checkpoint_code(before, "f" * 64)
    bad = check_file(demo_services.path, [other])
    assert not bad.ok
    assert parse_checkpoint(other).code in bad.problems[0]
