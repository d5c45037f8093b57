"""A killed process loses no acknowledged event (the long crash test lives elsewhere)."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from crisisdesk.domain.events import verify_chain
from crisisdesk.services.handbook import init_handbook, open_services
from tests.conftest import PYTHON, cli_env
from tests.support.sample_playbook import sample_playbook

CHILD = Path(__file__).resolve().parent.parent / "support" / "append_child.py"


def test_sigkill_loses_no_acknowledged_event(tmp_path: Path, private_dirs: Path) -> None:
    db = tmp_path / "hb.db"
    services = init_handbook(db)
    iid = services.incidents.start(title="Kill me", playbook=sample_playbook())
    services.close()
    acknowledged: list[str] = []
    for kill in range(3):
        child = subprocess.Popen(
            [PYTHON, str(CHILD), str(db), iid],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(private_dirs),
        )
        assert child.stdout is not None
        # Kill at a different moment each round: after 5, 17 and 29 acknowledgements.
        for _ in range(5 + 12 * kill):
            line = child.stdout.readline()
            assert line, child.stderr.read() if child.stderr else "child ended"
            acknowledged.append(line.strip())
        os.kill(child.pid, signal.SIGKILL)
        # Whatever it printed before dying was acknowledged too.
        rest, _err = child.communicate(timeout=30)
        acknowledged.extend(line for line in rest.split() if line)
        assert child.returncode == -signal.SIGKILL
    services = open_services(db)
    try:
        events = list(services.incidents.events(iid))
        report = verify_chain(events)
        assert report.ok, report.reason
        saved = {e.id for e in events}
        missing = [a for a in acknowledged if a not in saved]
        assert missing == []
        assert len(acknowledged) >= 51
        assert services.incidents.get(iid).event_count == len(events)
    finally:
        services.close()
