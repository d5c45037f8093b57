"""Output into a pipe whose reader has gone (``crisisdesk ... | head -1``) ends quietly."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import PYTHON, cli_env


def run_into_closed_pipe(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI with stdout a pipe whose reader closed before the first byte came.

    This is ``| head -1`` at its most abrupt, and without a race: ``head`` may still be
    reading when a short listing is already written, but a pipe with no reader at all
    refuses the very first write.
    """
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [PYTHON, "-m", "crisisdesk", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env=cli_env(home),
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "command",
    [["contacts", "list"], ["contacts", "list", "--json"], ["playbooks", "list"]],
    ids=" ".join,
)
def test_listing_into_closed_pipe_exits_141_without_traceback(
    demo_db: Path, private_dirs: Path, command: list[str]
) -> None:
    result = run_into_closed_pipe(["--db", str(demo_db), *command], private_dirs)
    assert result.stderr == ""
    assert result.returncode == 141


def test_shell_pipeline_into_head_prints_first_line_only(demo_db: Path, private_dirs: Path) -> None:
    shell = f'"{PYTHON}" -m crisisdesk --db "{demo_db}" contacts list | head -1'
    result = subprocess.run(
        ["sh", "-c", shell], capture_output=True, text=True, timeout=120, env=cli_env(private_dirs)
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1
