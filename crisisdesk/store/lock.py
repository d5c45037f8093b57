"""One writer per handbook: an OS lock on ``<handbook>.lock`` held while it is open.

The operating system drops the lock when the process dies, so a crash never leaves a
stale lock behind.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from crisisdesk.domain.errors import HandbookLocked


def lock_path(handbook: Path) -> Path:
    return handbook.with_name(handbook.name + ".lock")


class HandbookLock:
    def __init__(self, handbook: Path) -> None:
        self.path = lock_path(handbook)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        handle = os.fdopen(fd, "r+")
        try:
            if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = handle.read().strip()
            handle.close()
            who = f" (process {holder})" if holder else ""
            raise HandbookLocked(
                f"{self.path.with_suffix('')}: this handbook is already open in another "
                f"crisisdesk window or command{who}. Close that one first, or open a copy."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
