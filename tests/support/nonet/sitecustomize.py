"""Loaded by every crisisdesk subprocess the tests start (via PYTHONPATH).

Makes any attempt to open an internet socket fail loudly: crisisdesk must work with no
network at all, so it must never try. When ``CRISISDESK_NONET_LOG`` names a file, each
attempt is also appended to it, so a test notices an attempt even when the code that
made it swallowed the error.
"""

import os
import socket

_real_socket = socket.socket


def _record(what: str) -> None:
    log = os.environ.get("CRISISDESK_NONET_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}: {what}\n")


class _NoNetSocket(_real_socket):
    def connect(self, address):  # type: ignore[no-untyped-def]
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _record(f"connect {address!r}")
            raise RuntimeError(f"crisisdesk tried to open a network connection to {address}")
        return super().connect(address)

    def bind(self, address):  # type: ignore[no-untyped-def]
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _record(f"bind {address!r}")
            raise RuntimeError(f"crisisdesk tried to listen on the network at {address}")
        return super().bind(address)


socket.socket = _NoNetSocket  # type: ignore[misc]


def _refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
    _record(f"resolve/connect {args!r}")
    raise RuntimeError(f"crisisdesk tried to resolve or reach a network address {args!r}")


socket.create_connection = _refuse  # type: ignore[assignment]
socket.getaddrinfo = _refuse  # type: ignore[assignment]
