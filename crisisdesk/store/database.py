"""Opening a handbook file safely.

Every check that can refuse a file runs before anything is written to it: existence,
permissions, the SQLite header, the crisisdesk application id, the schema version and
SQLite's own quick check. Only then is the file opened for writing, locked against a
second writer, switched to WAL with ``synchronous=FULL`` and migrated.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from crisisdesk.domain.errors import HandbookError, SaveFailed
from crisisdesk.store.lock import HandbookLock
from crisisdesk.store.migrations import (
    APPLICATION_ID,
    LATEST_VERSION,
    migrate,
    missing_schema,
    schema_version,
)

if TYPE_CHECKING:
    import sqlite_utils

SQLITE_MAGIC = b"SQLite format 3\x00"

# Primary SQLite result codes of errors the medium causes (not the program): see
# https://www.sqlite.org/rescode.html. They become SaveFailed with a sentence each.
_MEDIUM_ERRORS = {
    13: "the disk is full",  # SQLITE_FULL
    8: "the handbook or its disk is read-only",  # SQLITE_READONLY
    10: "the disk reported an input/output error (removed or failing?)",  # SQLITE_IOERR
    14: "the handbook file cannot be opened any more (folder removed?)",  # SQLITE_CANTOPEN
    5: "another program is writing to the handbook",  # SQLITE_BUSY
}


def first_sqlite_problem(rows: list[object]) -> str:
    """The first problem an integrity/quick check reported, as one line.

    SQLite puts several lines in one row ('*** in database main ***\nPage 38: ...').
    """
    for row in rows:
        value = row[0] if isinstance(row, tuple | sqlite3.Row) else row
        for line in str(value).splitlines():
            if line.strip() and not line.startswith("***"):
                return " ".join(line.split())[:300]
    return "no answer"


def medium_problem(exc: sqlite3.Error) -> str | None:
    """What went wrong with the disk, in words, when ``exc`` is a medium error."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return None
    return _MEDIUM_ERRORS.get(int(code) & 0xFF)


class Handbook:
    """An open handbook file. Owns its connection and its writer lock."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, lock: HandbookLock | None, read_only: bool
    ) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self._lock = lock

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for queries and bulk work.

        Imported on first use: sqlite-utils (with its plugin system) costs ~100 ms of
        start-up, and the window does not need it to appear.
        """
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One user action: everything inside commits together or not at all."""
        if self.read_only:
            raise HandbookError(f"{self.path}: opened read-only; nothing can be saved")
        if self.conn.in_transaction:
            raise RuntimeError("nested handbook transaction")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        except sqlite3.Error as exc:
            problem = medium_problem(exc)
            if problem is None:
                raise
            raise SaveFailed(
                f"{self.path}: not saved: {problem}. Nothing of this action was written; "
                "the handbook is as it was. Free space or fix the disk, then try again."
            ) from exc

    def _rollback(self) -> None:
        if not self.conn.in_transaction:
            return
        # After an I/O error SQLite may already have rolled back; the journal (WAL)
        # makes sure an uncommitted transaction never reaches the file either way.
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("ROLLBACK")

    def worker(self) -> Handbook:
        """Another connection to this open file, for one task on another thread (this
        process holds the writer lock already). Close it when the task is done; its
        transactions wait for the window's, and the window's for its (busy timeout)."""
        conn = _connect(self.path, read_only=self.read_only)
        if not self.read_only:
            _configure(conn)
        return Handbook(self.path, conn, None, self.read_only)

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Handbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        # With no write-ahead log beside it, read the file as immutable: SQLite then
        # creates no -wal/-shm files next to a file we may be about to refuse.
        wal = path.with_name(path.name + "-wal")
        uri = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def inspect_file(path: Path) -> None:
    """Raise HandbookError when ``path`` is not a handbook this version can open.

    Reads only: nothing is written to the file, whatever it contains.
    """
    if not path.exists():
        raise HandbookError(
            f"{path}: no such handbook. Create one with: crisisdesk --db {path} init"
        )
    if not path.is_file():
        raise HandbookError(f"{path}: is not a file")
    if not os.access(path, os.R_OK):
        raise HandbookError(f"{path}: cannot be read (permission denied)")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise HandbookError(f"{path}: cannot be read ({exc.strerror})") from None
    if not header:
        raise HandbookError(f"{path}: the file is empty (0 bytes), not a crisisdesk handbook")
    if header != SQLITE_MAGIC:
        raise HandbookError(
            f"{path}: not a crisisdesk handbook (not an SQLite database, or its first "
            "page is damaged)"
        )
    try:
        conn = _connect(path, read_only=True)
    except sqlite3.Error as exc:
        raise HandbookError(f"{path}: cannot be opened ({exc})") from None
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = schema_version(conn)
        if app_id != APPLICATION_ID:
            raise HandbookError(
                f"{path}: an SQLite database of another application, not a crisisdesk handbook"
            )
        if version > LATEST_VERSION:
            raise HandbookError(
                f"{path}: made by a newer crisisdesk (schema version {version}; this "
                f"version knows up to {LATEST_VERSION}). Update crisisdesk to open it."
            )
        if version < 0:
            raise HandbookError(f"{path}: the file is damaged (schema version {version})")
        result = conn.execute("PRAGMA quick_check").fetchall()
        if [tuple(r) for r in result] != [("ok",)]:
            first = first_sqlite_problem(result)
            raise HandbookError(f"{path}: the file is damaged (SQLite check: {first})")
        # Missing tables make the file unusable; a missing index or trigger is reported
        # by `check` (store.checks) so the rest of the file can still be examined.
        missing = [m for m in missing_schema(conn) if m.startswith("table ")]
        if missing:
            raise HandbookError(
                f"{path}: the file is damaged: {', '.join(missing[:3])} missing"
                + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
            )
    except sqlite3.DatabaseError as exc:
        raise HandbookError(f"{path}: the file is damaged ({exc})") from None
    finally:
        conn.close()


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA busy_timeout = 5000")  # first: a second connection waits, never fails
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def create_handbook(path: Path) -> Handbook:
    """Create a new, empty handbook at ``path`` (which must not exist)."""
    if path.exists():
        raise HandbookError(f"{path}: already exists; refusing to overwrite it")
    if not path.parent.is_dir():
        raise HandbookError(f"{path.parent}: folder does not exist")
    lock = HandbookLock(path)
    lock.acquire()
    try:
        # Create the file readable by this user only: contacts are personal data.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        conn = _connect(path, read_only=False)
        _configure(conn)
        migrate(conn)
    except BaseException:
        lock.release()
        raise
    return Handbook(path, conn, lock, read_only=False)


def open_handbook(path: Path, *, read_only: bool = False) -> Handbook:
    """Open an existing handbook; migrate it to the current schema when writable."""
    path = Path(path)
    inspect_file(path)
    if read_only:
        return Handbook(path, _connect(path, read_only=True), None, read_only=True)
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise HandbookError(
            f"{path}: the file or its folder is read-only; copy it somewhere writable to work in it"
        )
    lock = HandbookLock(path)
    lock.acquire()
    try:
        conn = _connect(path, read_only=False)
        _configure(conn)
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        lock.release()
        raise HandbookError(f"{path}: cannot be opened for writing ({exc})") from None
    except BaseException:
        lock.release()
        raise
    return Handbook(path, conn, lock, read_only=False)
