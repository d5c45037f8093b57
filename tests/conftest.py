"""Shared fixtures: offscreen Qt, no network, private settings and data folders."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"

NONET_DIR = Path(__file__).parent / "support" / "nonet"
ROOT = Path(__file__).resolve().parent.parent


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test whose code tries to open an internet connection."""
    real_connect = socket.socket.connect
    real_bind = socket.socket.bind

    def guarded(real):  # type: ignore[no-untyped-def]
        def method(self, address):  # type: ignore[no-untyped-def]
            if self.family in (socket.AF_INET, socket.AF_INET6):
                raise NetworkAttempt(f"test tried to use the network: {address}")
            return real(self, address)

        return method

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise NetworkAttempt(f"test tried to use the network: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded(real_connect))
    monkeypatch.setattr(socket.socket, "bind", guarded(real_bind))
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the user's real data and settings folders out of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return home


def cli_env(home: Path | None = None) -> dict[str, str]:
    """Environment for a crisisdesk subprocess: no network, offscreen, private folders."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(NONET_DIR), str(ROOT)])
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONUTF8"] = "1"
    if home is not None:
        env["HOME"] = str(home)
        env["XDG_DATA_HOME"] = str(home / "data")
        env["XDG_CONFIG_HOME"] = str(home / "config")
    return env


PYTHON = sys.executable
