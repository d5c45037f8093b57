from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import PYTHON, cli_env

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_cli(private_dirs: Path) -> Run:
    """Run ``python -m crisisdesk ARGS`` as a user would, with the network blocked."""

    def run(
        *args: str,
        input: str | None = None,
        timeout: float = 120,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        full_env = cli_env(private_dirs)
        if env:
            full_env.update(env)
        return subprocess.run(
            [PYTHON, "-m", "crisisdesk", *args],
            capture_output=True,
            text=True,
            input=input,
            timeout=timeout,
            env=full_env,
            encoding="utf-8",
        )

    return run


@pytest.fixture
def demo_db(tmp_path: Path, run_cli: Run) -> Path:
    path = tmp_path / "demo.db"
    result = run_cli("--db", str(path), "init", "--demo")
    assert result.returncode == 0, result.stderr
    return path
