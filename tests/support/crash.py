"""Kill a writer at random moments and prove nothing acknowledged was lost.

The child (``python -m tests.support.crash child DB INCIDENT RUN``) opens the handbook
through the real services and appends log events as fast as it can, printing each
one's text only after its transaction committed. The parent SIGKILLs it at a random
moment, many times, then checks that every printed (acknowledged) event is in the
file, the hash chain verifies and ``PRAGMA integrity_check`` is ok.

Used by ``tests/unit/test_crash_kill.py`` (a few dozen kills) and
``benchmarks/crash_kill.py`` (hundreds).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child(db: Path, incident: str, run: str) -> None:
    from crisisdesk.services.handbook import open_services

    services = open_services(db)
    seq = 0
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    while True:
        seq += 1
        text = f"{run}-{seq}"
        services.incidents.log(incident, text)  # returns after the commit
        out.write(text + "\n")  # acknowledged
        out.flush()


def make_handbook(db: Path) -> str:
    """A handbook with one running incident (the built-in generic playbook); its id."""
    from crisisdesk.services.handbook import init_handbook

    services = init_handbook(db)
    try:
        return services.incidents.start(
            title="Crash test", playbook=services.playbooks.get("generic"), exercise=True
        )
    finally:
        services.close()


@dataclass
class CrashReport:
    kills: int = 0
    acknowledged: list[str] = field(default_factory=list)
    stored: int = 0
    missing: list[str] = field(default_factory=list)
    chain_ok: bool = False
    integrity: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    child_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            not self.missing
            and self.chain_ok
            and self.integrity == ["ok"]
            and not self.problems
            and not self.child_errors
        )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


def kill_once(
    db: Path,
    incident: str,
    run: str,
    delay: tuple[float, float],
    rng: random.Random,
    early: float = 0.2,
) -> list[str]:
    """Start a writer, SIGKILL it at a random moment; returns the lines it acknowledged.

    With probability ``early`` the kill falls in start-up, otherwise ``delay`` seconds
    (uniformly drawn) after the writer said it is ready to append.
    """
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash", "child", str(db), incident, run],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=str(ROOT),
    )
    lines: list[str] = []
    ready = threading.Event()
    assert proc.stdout is not None

    def read() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            line = raw.decode().strip()
            if line == "ready":
                ready.set()
            else:
                lines.append(line)
        ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    if rng.random() < early:
        # during start-up: importing, opening, locking, checking the file
        time.sleep(rng.uniform(0.0, 0.3))
    else:
        ready.wait(60)
        time.sleep(rng.uniform(*delay))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join()
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    if proc.returncode != -signal.SIGKILL:
        raise AssertionError(f"writer ended by itself ({proc.returncode}): {stderr[-2000:]}")
    if "Traceback" in stderr:
        raise AssertionError(f"writer failed before it was killed: {stderr[-2000:]}")
    return [line for line in lines if line]


def verify(db: Path, incident: str, acknowledged: list[str], report: CrashReport) -> None:
    from crisisdesk.domain.events import verify_chain
    from crisisdesk.services.handbook import check_file
    from crisisdesk.store.incidents_repo import iter_events

    conn = sqlite3.connect(str(db), isolation_level=None)
    try:
        report.integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        events = list(iter_events(conn, incident))
        report.chain_ok = verify_chain(events).ok
        stored = {e.payload.get("text") for e in events if e.kind == "log.entry"}
        report.stored = sum(1 for e in events if e.kind == "log.entry")
        report.missing = [text for text in acknowledged if text not in stored]
    finally:
        conn.close()
    report.problems = check_file(db).problems


def run_crash_test(
    folder: Path,
    kills: int,
    *,
    delay: tuple[float, float] = (0.0, 0.4),
    seed: int | None = None,
) -> CrashReport:
    db = folder / "crash.db"
    incident = make_handbook(db)
    rng = random.Random(seed)
    report = CrashReport()
    for n in range(kills):
        report.acknowledged += kill_once(db, incident, f"r{n}", delay, rng)
        report.kills += 1
    verify(db, incident, report.acknowledged, report)
    return report


def restore_child(db: Path, first: Path, second: Path) -> None:
    """Restore two backups in turn, forever, printing each one after it is in place."""
    from crisisdesk.services.backups import restore_handbook

    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        for backup in (first, second):
            restore_handbook(db, backup)
            sys.stdout.write(f"{backup.name}\n")
            sys.stdout.flush()


def start_restorer(db: Path, first: Path, second: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash", "restore", str(db), str(first), str(second)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=_env(),
        cwd=str(ROOT),
    )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "child":
        child(Path(sys.argv[2]), sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 5 and sys.argv[1] == "restore":
        restore_child(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        sys.exit("usage: python -m tests.support.crash child DB INCIDENT RUN | restore DB A B")
