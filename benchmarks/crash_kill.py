"""Crash durability: SIGKILL a writer hundreds of times; count the kills survived.

A child process appends incident events through the real services as fast as it can
and prints each one after its commit returned; this script kills it at a random moment
(during start-up or mid-append), over and over, then checks that every acknowledged
event is in the file, the hash chain verifies and ``PRAGMA integrity_check`` is ok.

It also measures how fast events are saved (each its own transaction, WAL with
synchronous=FULL) against a bare sqlite3 insert-and-commit loop on the same disk in
the same run: the ratio is what the hash chain and the services cost.

    python benchmarks/crash_kill.py [--kills 300] [--seed N]
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.crash import make_handbook, run_crash_test  # noqa: E402


def bare_commits_per_second(folder: Path, seconds: float = 2.0) -> float:
    conn = sqlite3.connect(str(folder / "bare.db"), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t(text) VALUES (?)", (f"entry {n}",))
        conn.execute("COMMIT")
        n += 1
    elapsed = time.perf_counter() - start
    conn.close()
    return n / elapsed


def crisisdesk_events_per_second(folder: Path, seconds: float = 2.0) -> float:
    from crisisdesk.services.handbook import open_services

    db = folder / "speed.db"
    incident = make_handbook(db)
    services = open_services(db)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        services.incidents.log(incident, f"entry {n}")
        n += 1
    elapsed = time.perf_counter() - start
    services.close()
    return n / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare = bare_commits_per_second(folder)
        ours = crisisdesk_events_per_second(folder)
        print(f"bare sqlite3 commits/s (WAL, synchronous=FULL): {bare:8.0f}")
        print(f"crisisdesk events/s (hash chain, services):     {ours:8.0f}")
        print(f"ratio crisisdesk/bare:                          {ours / bare:8.2f}")
        start = time.perf_counter()
        report = run_crash_test(folder, args.kills, seed=args.seed)
        elapsed = time.perf_counter() - start
    print(f"kills: {report.kills} in {elapsed:.0f} s")
    print(f"events acknowledged before the kills: {len(report.acknowledged)}")
    print(f"events stored: {report.stored} (acknowledged missing: {len(report.missing)})")
    print(f"hash chain: {'ok' if report.chain_ok else 'BROKEN'}")
    print(f"integrity_check: {', '.join(report.integrity[:3])}")
    print(f"crisisdesk check problems: {len(report.problems)}")
    survived = report.kills if report.ok else 0
    print(f"kills survived: {survived} of {report.kills}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
