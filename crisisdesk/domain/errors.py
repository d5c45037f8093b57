"""Errors that carry a message meant for the person using crisisdesk.

Every layer raises these (or subclasses) for anything a user can cause: a bad file, a
bad field, a handbook that cannot be opened. The CLI prints ``str(error)`` as one line;
the GUI shows it in a dialog. A traceback is only ever shown for a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class CrisisdeskError(Exception):
    """Base class: the message says what went wrong, where, and what to do."""


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file: where it is and what is wrong."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.source}: {self.message}"
        return f"{self.source}:{self.line}: {self.message}"


class InvalidInput(CrisisdeskError):
    """An input file or field was rejected; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class HandbookError(CrisisdeskError):
    """A handbook file cannot be opened or used (not ours, damaged, newer, read-only...)."""


class HandbookLocked(HandbookError):
    """Another crisisdesk process has the handbook open for writing."""


class SaveFailed(HandbookError):
    """Writing to the handbook failed (disk full, read-only media, I/O error).

    The transaction was rolled back: nothing of the action was written, and the handbook
    is as it was before. The message says why and what to do.
    """


class BackupFailed(CrisisdeskError):
    """A backup could not be written or did not pass its check; nothing half-made is left."""


class NotFound(CrisisdeskError):
    """A record asked for by id or name does not exist."""


class Rejected(CrisisdeskError):
    """An action is not allowed in the current state (e.g. logging to a closed incident)."""
