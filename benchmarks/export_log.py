"""Exporting and signing a 10,000-event incident log, against a plain reportlab table.

The baseline lays out the same rows (number, UTC time, who, kind, text as plain
strings) in one reportlab table with a base font: the least any PDF of this log costs.
The export adds the frame, fonts, wrapping, corrections, sections and attachments.

    python benchmarks/export_log.py [--events 10000]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table

from crisisdesk.domain.clock import FixedClock, to_iso
from crisisdesk.domain.events import EventKind
from crisisdesk.export.evidence import build_manifest, log_bytes
from crisisdesk.export.incident_log import IncidentLogData, build_incident_log
from crisisdesk.export.keys import create_key, load_signer
from crisisdesk.export.signing import evidence_attachments, finish_pdf
from crisisdesk.export.timeline import timeline_digest, timeline_rows
from crisisdesk.services.handbook import init_handbook
from crisisdesk.store import incidents_repo
from tests.support.incident_story import write_incident


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="crisisdesk-bench-"))
    clock = FixedClock(datetime(2026, 3, 14, 9, 0, tzinfo=UTC))
    services = init_handbook(folder / "hb.db", demo=True, clock=clock)
    incident = write_incident(services, clock)
    with services.ctx.handbook.transaction() as conn:
        for n in range(args.events):
            when = to_iso(clock.now() + timedelta(seconds=20 * n))
            incidents_repo.append_event(
                conn,
                incident_id=incident,
                kind=EventKind.LOG_ENTRY,
                payload={
                    "kind": "observation",
                    "text": f"Routine check {n}: fs{n % 7:02d} still isolated, no new encrypted files on the shares",
                },
                occurred_at=when,
                recorded_at=when,
                author="Zoë de Vries",
            )
    events = list(services.incidents.events(incident))
    state = services.incidents.state(incident)

    start = time.perf_counter()
    manifest = build_manifest(incident, events, timeline_digest(events))
    data = IncidentLogData(
        organisation="Noordhaven Logistiek",
        summary=services.incidents.get(incident),
        playbook_title="Ransomware",
        state=state,
        deadlines=services.incidents.deadlines(incident, state),
        events=events,
        manifest=manifest,
        prepared_by="Zoë de Vries",
        prepared_role="crisis lead",
        printed_at=clock.now(),
        signed=True,
    )
    pages = 0

    def page(n: int) -> None:
        nonlocal pages
        pages = n

    buffer = io.BytesIO()
    place = build_incident_log(data, buffer, on_page=page)
    built = time.perf_counter() - start

    create_key(
        folder / "k.p12",
        name="Bench",
        passphrase="benchmark pass",
        now=clock.now(),
        kdf_rounds=2000,
    )
    signer = load_signer(folder / "k.p12", "benchmark pass")
    start = time.perf_counter()
    signed = finish_pdf(
        buffer.getvalue(),
        evidence_attachments(log_bytes(events), manifest),
        when=clock.now(),
        signer=signer,
        stamp_place=place,
        chain_head=manifest.chain_head,
        event_count=manifest.event_count,
    )
    sign_time = time.perf_counter() - start

    start = time.perf_counter()
    rows = [["#", "UTC", "who", "kind", "text"]] + [
        [str(r.seq), r.occurred_utc, r.author, r.kind, r.text[:70]] for r in timeline_rows(events)
    ]
    plain = io.BytesIO()
    SimpleDocTemplate(plain, pagesize=A4).build([Table(rows, repeatRows=1)])
    baseline = time.perf_counter() - start

    print(f"events:                {len(events)}")
    print(
        f"incident log build:    {built:6.2f} s  ({pages} pages, {len(buffer.getvalue()) / 1e6:.1f} MB)"
    )
    print(f"embed + sign:          {sign_time:6.2f} s  ({len(signed) / 1e6:.1f} MB signed)")
    print(f"plain reportlab table: {baseline:6.2f} s  (baseline)")
    print(f"ratio export/baseline: {(built + sign_time) / baseline:6.2f}x")
    services.close()


if __name__ == "__main__":
    main()
