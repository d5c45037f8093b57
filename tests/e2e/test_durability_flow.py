"""The whole command-line flow with the network blocked, and private file modes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PYTHON, cli_env


@pytest.fixture
def nonet_log(tmp_path: Path) -> Path:
    return tmp_path / "network-attempts.log"


@pytest.fixture
def open_umask() -> Iterator[None]:
    """Children inherit a permissive umask: private modes must come from the code."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_guard_is_loaded_in_every_subprocess_and_logs_attempts(nonet_log: Path) -> None:
    probe = subprocess.run(
        [
            PYTHON,
            "-c",
            "import socket, sitecustomize, sys; print(sitecustomize.__file__);"
            " print(socket.socket.__name__);"
            " s = socket.socket(); s.connect(('192.0.2.1', 80))",
        ],
        capture_output=True,
        text=True,
        env={**cli_env(), "CRISISDESK_NONET_LOG": str(nonet_log)},
        timeout=60,
    )
    lines = probe.stdout.splitlines()
    assert lines[0].endswith(os.path.join("tests", "support", "nonet", "sitecustomize.py"))
    assert lines[1] == "_NoNetSocket"
    assert probe.returncode != 0 and "tried to open a network connection" in probe.stderr
    assert "192.0.2.1" in nonet_log.read_text()


def test_whole_flow_without_network_and_private_files(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path, nonet_log: Path, open_umask: None
) -> None:
    env = {"CRISISDESK_NONET_LOG": str(nonet_log)}
    db = tmp_path / "hb.db"
    stick = tmp_path / "stick"
    stick.mkdir()

    def ok(*args: str) -> subprocess.CompletedProcess[str]:
        result = run_cli("--db", str(db), *args, env=env)
        assert result.returncode == 0, (args, result.stderr)
        return result

    ok("init", "--demo")
    ok("check")
    backup = Path(json.loads(ok("backup", "--json").stdout)["path"])
    ok("backup", str(stick))
    ok("backups", "--json")
    restored = ok("restore", str(backup))
    before = Path(restored.stdout.split("backed up to ")[1].strip())
    ok("check")
    for view in ("readiness", "incidents"):
        ok("gui", "--screenshot", str(tmp_path / f"{view}.png"), "--view", view)
    assert not nonet_log.exists(), nonet_log.read_text()
    if sys.platform != "win32":
        # contacts are personal data: readable by this user only, whatever the umask
        assert mode(db) == 0o600
        assert mode(db.with_name("hb.db.lock")) == 0o600
        assert mode(backup) == 0o600 and mode(before) == 0o600
        assert mode(backup.parent) == 0o700
        copies = list(stick.glob("hb-*.db"))
        assert len(copies) == 1 and mode(copies[0]) == 0o600
