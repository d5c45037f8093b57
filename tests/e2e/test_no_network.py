from __future__ import annotations


def test_subprocesses_cannot_reach_the_network(run_cli) -> None:  # type: ignore[no-untyped-def]
    """The guard the e2e tests rely on really blocks sockets in the child process."""
    import subprocess

    from tests.conftest import PYTHON, cli_env

    probe = subprocess.run(
        [PYTHON, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
    )
    assert probe.returncode != 0
    assert "tried to resolve or reach a network address" in probe.stderr


def test_in_process_guard_blocks_sockets() -> None:
    import socket

    import pytest

    from tests.conftest import NetworkAttempt

    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9))
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkAttempt):
            s.connect(("127.0.0.1", 9))
    finally:
        s.close()
