"""Incident log speed and memory, with baselines measured in the same run.

    python benchmarks/events.py [--events 100000] [--saves 300]

1. Saving one event durably through IncidentService.log (its own transaction, WAL,
   synchronous=FULL) against a bare sqlite3 INSERT + COMMIT of a row of the same size
   with the same pragmas in the same folder. Goal: ratio <= 1.5.
2. Opening an incident of N events: open the handbook, fold the state, load the first
   page of the cockpit's log model. Goal: < 1 s for 100,000 events.
3. Peak Python memory of that open (tracemalloc) and the process's peak RSS.
4. Searching and filtering that log as the cockpit does (first page of 200): a word
   found once (the whole table is scanned), a common word, and one kind of entry,
   against a bare ``SELECT count(*)`` over the same rows (one full scan, no LIKE).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from crisisdesk.domain.clock import to_iso
from crisisdesk.domain.events import EventKind
from crisisdesk.services.handbook import init_handbook, open_services
from crisisdesk.store.incidents_repo import append_event
from tests.support.sample_playbook import sample_playbook


class BareTable:
    """The baseline: one row INSERT + COMMIT, same pragmas, no application code."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute(
            "CREATE TABLE events (rowid INTEGER PRIMARY KEY, id TEXT, incident_id TEXT, seq INT,"
            " kind TEXT, occurred_at TEXT, recorded_at TEXT, author TEXT, payload TEXT,"
            " corrects TEXT, prev_hash TEXT, hash TEXT)"
        )
        self.seq = 0

    def save(self, payload: str) -> None:
        self.seq += 1
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute(
            "INSERT INTO events(id, incident_id, seq, kind, occurred_at, recorded_at, author,"
            " payload, corrects, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                f"id{self.seq}",
                "inc",
                self.seq,
                "log.entry",
                "t",
                "t",
                "me",
                payload,
                None,
                "0" * 64,
                "f" * 64,
            ),
        )
        self.conn.execute("COMMIT")


def paired_saves(folder: Path, n: int, text: str) -> tuple[list[float], list[float]]:
    """Alternate one bare save and one service save, so both meet the same disk load."""
    bare = BareTable(folder / "bare.db")
    services = init_handbook(folder / "service.db")
    iid = services.incidents.start(title="Benchmark", playbook=sample_playbook())
    payload = json.dumps({"kind": "observation", "text": text})
    bare_times, service_times = [], []
    for _ in range(n):
        start = time.perf_counter()
        bare.save(payload)
        middle = time.perf_counter()
        services.incidents.log(iid, text)
        service_times.append(time.perf_counter() - middle)
        bare_times.append(middle - start)
    services.close()
    bare.conn.close()
    return bare_times, service_times


def build_big(path: Path, n: int) -> str:
    services = init_handbook(path)
    iid = services.incidents.start(title="Big incident", playbook=sample_playbook())
    stamp = to_iso(services.ctx.clock.now())
    kinds = ("observation", "decision", "action", "communication")
    with services.ctx.handbook.transaction() as conn:
        for n_ in range(n):
            append_event(
                conn,
                incident_id=iid,
                kind=EventKind.LOG_ENTRY,
                payload={
                    "kind": kinds[n_ % 4],
                    "text": f"Log entry number {n_} typed by the scribe",
                },
                occurred_at=stamp,
                recorded_at=stamp,
                author="scribe",
            )
    services.close()
    return iid


def open_big(path: Path, iid: str, report: bool = False) -> tuple[float, int, int]:
    from PySide6.QtWidgets import QApplication

    from crisisdesk.ui.cockpit.models import LogModel

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    services = open_services(path)
    opened = time.perf_counter()
    state = services.incidents.state(iid)
    folded = time.perf_counter()
    model = LogModel(services.incidents, iid)
    rows = model.rowCount()
    end = time.perf_counter()
    if report:
        print(
            f"  open handbook (file checks incl. SQLite quick_check) {1000 * (opened - start):.0f} ms,"
            f" fold state {1000 * (folded - opened):.0f} ms,"
            f" first log page {1000 * (end - folded):.0f} ms"
        )
    services.close()
    del app
    return end - start, state.event_count, rows


def search_big(path: Path, iid: str, events: int) -> None:
    services = open_services(path)
    conn = services.ctx.handbook.conn
    try:
        base = statistics.median(
            timed_once(
                lambda: conn.execute(
                    "SELECT count(*) FROM events WHERE incident_id = ?", (iid,)
                ).fetchone()
            )
            for _ in range(5)
        )
        print(f"  baseline: bare count(*) over the incident's rows {base * 1000:.1f} ms")
        for label, kwargs in (
            (
                f"search a word found once (entry {events // 2})",
                {"search": f"number {events // 2} "},
            ),
            ("search a common word", {"search": "scribe"}),
            ("filter: decisions only", {"categories": ("decision",)}),
            ("filter: calls only (none in this log)", {"categories": ("call",)}),
        ):
            seconds = statistics.median(
                timed_once(
                    lambda k=kwargs: services.incidents.log_page(iid, newest_first=True, **k)
                )
                for _ in range(5)
            )
            rows = len(services.incidents.log_page(iid, newest_first=True, **kwargs))
            print(f"  {label}: {seconds * 1000:.1f} ms ({rows} rows, {seconds / base:.1f}x)")
    finally:
        services.close()


def timed_once(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args()
    text = "Ransom note found on FS01; screenshots taken"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare, service = paired_saves(folder, args.saves, text)
        b, s = statistics.median(bare), statistics.median(service)
        print(
            f"save one event durably: service median {s * 1000:.2f} ms, "
            f"bare sqlite3 insert+commit median {b * 1000:.2f} ms, ratio {s / b:.2f} (goal <= 1.5)"
        )
        print(
            f"  p90: service {statistics.quantiles(service, n=10)[-1] * 1000:.2f} ms, "
            f"bare {statistics.quantiles(bare, n=10)[-1] * 1000:.2f} ms"
        )

        big = folder / "big.db"
        start = time.perf_counter()
        iid = build_big(big, args.events)
        print(
            f"built a {args.events:,}-event incident in {time.perf_counter() - start:.1f} s "
            f"({big.stat().st_size / 1e6:.1f} MB)"
        )
        open_big(big, iid)  # warm the OS cache and imports, as a second open would
        tracemalloc.start()
        elapsed, count, rows = open_big(big, iid)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"open the incident (handbook + state + first log page of {rows} rows, "
            f"{count:,} events): {elapsed * 1000:.0f} ms (goal < 1000 ms; with tracemalloc on)"
        )
        elapsed, _c, _r = open_big(big, iid, report=True)
        print(f"open again without tracemalloc: {elapsed * 1000:.0f} ms")
        print(
            f"peak Python memory while opening: {peak / 1e6:.1f} MB; "
            f"process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )
        print(f"search and filter the {args.events:,}-event log (first page, newest first):")
        search_big(big, iid, args.events)


if __name__ == "__main__":
    main()
