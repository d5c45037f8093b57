"""Backups of a handbook file with SQLite's online backup API, and restoring one.

A backup is read through its own read-only connection to the handbook file, so it can
run on a worker thread while the application keeps writing on its connection: SQLite
copies one consistent snapshot (WAL readers never block the writer). Each backup is
written to a temporary file, switched out of WAL mode so it is one self-contained
file, checked with ``PRAGMA integrity_check`` and only then given its final name. A
backup that fails its check is deleted and the failure raised: a backup folder only
ever holds backups that passed.

Names carry the UTC time they were made: ``<stem>-YYYYMMDDTHHMMSSmmmZ.db`` (plus
``-N`` in the rare case two are made in the same millisecond). Rotation and listing
only ever look at files named like that, so nothing else in a folder (a USB stick)
is touched.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from crisisdesk.domain.errors import BackupFailed, HandbookError
from crisisdesk.store.database import first_sqlite_problem, inspect_file
from crisisdesk.store.lock import HandbookLock
from crisisdesk.store.migrations import APPLICATION_ID

SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime  # UTC, from the name
    size: int  # bytes
    counter: int = 0  # tells apart backups made in the same millisecond

    @property
    def order(self) -> tuple[datetime, int]:
        return (self.made_at, self.counter)


def backup_name(stem: str, when: datetime, counter: int = 0) -> str:
    when = when.astimezone(UTC)
    stamp = when.strftime("%Y%m%dT%H%M%S") + f"{when.microsecond // 1000:03d}Z"
    return f"{stem}-{stamp}{f'-{counter}' if counter else ''}.db"


def _name_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(stem)}-(\d{{8}}T\d{{6}})(\d{{3}})Z(?:-(\d+))?\.db$")


def list_backups(folder: Path, stem: str) -> list[BackupInfo]:
    """Backups of handbook ``stem`` in ``folder``, oldest first. Missing folder: none."""
    pattern = _name_pattern(stem)
    found: list[BackupInfo] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match:
            continue
        try:
            made = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(
                microsecond=int(match.group(2)) * 1000, tzinfo=UTC
            )
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(entry, made, size, int(match.group(3) or 0)))
    found.sort(key=lambda info: info.order)
    return found


def rotate(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` (at least 1) backups; returns those deleted."""
    backups = list_backups(folder, stem)
    doomed = backups[: max(0, len(backups) - max(1, keep))]
    removed = []
    for info in doomed:
        with contextlib.suppress(FileNotFoundError):
            info.path.unlink()
            removed.append(info.path)
    return removed


def _fsync_dir(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - directories cannot be fsynced there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - no cheap check there: keep the file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def sweep_stale_temps(folder: Path, prefix: str) -> list[Path]:
    """Delete temporary files ``.<prefix>….<pid>.tmp`` left by a process that died
    mid-copy (a killed backup or restore); a live process's files are left alone."""
    pattern = re.compile(rf"^\.{re.escape(prefix)}.*\.(\d+)\.tmp$")
    removed = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match and not _alive(int(match.group(1))):
            for leftover in (entry, *(Path(str(entry) + s) for s in SIDECARS)):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            removed.append(entry)
    return removed


def _private_temp(folder: Path, name: str) -> Path:
    """Create an empty file readable by this user only (contacts are personal data)."""
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return tmp


def _read_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection of our own; sees the last committed state, WAL included."""
    return sqlite3.connect(
        path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None, timeout=10
    )


def _integrity_problem(path: Path) -> str | None:
    """The first problem SQLite's full integrity check finds, or None."""
    conn = _read_connection(path)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            return first_sqlite_problem(rows)
        if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
            return "not a crisisdesk handbook"
        return None
    except sqlite3.DatabaseError as exc:
        return " ".join(str(exc).split())
    finally:
        conn.close()


def copy_database(source: Path, dest: Path) -> None:
    """Copy the database at ``source`` into the (empty, existing) file ``dest``.

    Uses SQLite's backup API from a read-only connection, then turns the copy into a
    plain rollback-journal file and syncs it to disk.
    """
    src = _read_connection(source)
    try:
        dst = sqlite3.connect(str(dest), isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    with dest.open("rb+") as handle:
        os.fsync(handle.fileno())


def write_backup(source: Path, folder: Path, when: datetime) -> BackupInfo:
    """Back up the handbook at ``source`` into ``folder`` under a timestamped name.

    Raises BackupFailed (leaving nothing behind) when the copy fails its check or the
    folder cannot be written.
    """
    stem = source.stem
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise BackupFailed(f"{folder}: cannot write a backup there ({exc.strerror})") from None
    sweep_stale_temps(folder, f"{stem}-")
    counter = 0
    while (folder / backup_name(stem, when, counter)).exists():
        counter += 1
    final = folder / backup_name(stem, when, counter)
    write_checked_copy(source, final)
    made = when.astimezone(UTC)
    made = made.replace(microsecond=made.microsecond // 1000 * 1000)
    return BackupInfo(final, made, final.stat().st_size, counter)


def write_checked_copy(source: Path, final: Path) -> None:
    """Copy the handbook at ``source`` to the new file ``final``; checked before it is named.

    The copy is made in a private temporary file beside ``final``, checked with
    ``integrity_check`` and only then renamed; on any failure nothing is left behind.
    """
    if final.exists():
        raise BackupFailed(f"{final}: already exists; refusing to overwrite it")
    folder = final.parent
    try:
        tmp = _private_temp(folder, final.name)
    except OSError as exc:
        raise BackupFailed(f"{folder}: cannot write a backup there ({exc.strerror})") from None
    try:
        copy_database(source, tmp)
        problem = _integrity_problem(tmp)
        if problem is not None:
            raise BackupFailed(
                f"{final}: the backup failed its integrity check ({problem}); it was deleted"
            )
        os.replace(tmp, final)
        _fsync_dir(folder)
    except BaseException as exc:
        for leftover in (tmp, *(Path(str(tmp) + s) for s in SIDECARS)):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, sqlite3.Error):
            raise BackupFailed(f"{source}: backup to {folder} failed ({exc})") from None
        if isinstance(exc, OSError):
            raise BackupFailed(
                f"{folder}: backup failed ({exc.strerror or exc}); nothing was kept"
            ) from None
        raise


def verify_backup(path: Path) -> None:
    """Raise HandbookError unless ``path`` is a whole, undamaged handbook we can open."""
    inspect_file(path)
    problem = _integrity_problem(path)
    if problem is not None:
        raise HandbookError(f"{path}: the backup is damaged (SQLite check: {problem})")
    conn = _read_connection(path)
    try:
        from crisisdesk.store.checks import check_handbook  # only when verifying

        result = check_handbook(conn)
    except sqlite3.DatabaseError as exc:
        raise HandbookError(f"{path}: the backup is damaged ({exc})") from None
    finally:
        conn.close()
    if not result.ok:
        raise HandbookError(f"{path}: the backup fails its checks: {result.problems[0]}")


def sidecars(path: Path) -> Iterator[Path]:
    for suffix in SIDECARS:
        candidate = path.with_name(path.name + suffix)
        if candidate.exists():
            yield candidate


def _fold_wal_into_file(path: Path) -> None:
    """Checkpoint a handbook's write-ahead log into the file, leaving no log behind.

    Called with the writer lock held; the checkpoint moves committed transactions into
    the main file, so deleting the (then empty) -wal/-shm afterwards loses nothing.
    """
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        busy, _log, _moved = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            raise HandbookError(f"{path}: still in use by another program; close it first")
    finally:
        conn.close()


def set_aside(path: Path, when: datetime) -> Path:
    """Rename a damaged handbook (and its sidecars) out of the way, untouched."""
    stamp = when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
        counter += 1
    for car in list(sidecars(path)):
        os.replace(car, aside.with_name(aside.name + car.name[len(path.name) :]))
    os.replace(path, aside)
    return aside


@dataclass(frozen=True)
class Restored:
    before: BackupInfo | None  # backup of the file that was replaced (None: there was none)
    set_aside: Path | None  # where a damaged file was moved instead of being backed up


def restore_backup(backup: Path, target: Path, when: datetime, backup_folder: Path) -> Restored:
    """Put a verified copy of ``backup`` in place of the handbook at ``target``.

    The handbook must not be open anywhere: the writer lock is held for the whole swap,
    so a window or command that has it open makes this fail with HandbookLocked. First
    the current file is backed up into ``backup_folder`` (a damaged one is set aside
    under a ``.damaged-`` name instead, untouched). Its write-ahead log is folded into
    it, so no stale -wal can ever be applied to the restored file, and the new file
    appears with one ``os.replace``: a crash leaves either the old or the new file.
    """
    verify_backup(backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = HandbookLock(target)
    lock.acquire()
    try:
        before: BackupInfo | None = None
        aside: Path | None = None
        healthy = False
        if target.exists():
            try:
                inspect_file(target)
                healthy = True
            except HandbookError:
                healthy = False
            if healthy:
                before = write_backup(target, backup_folder, when)
        sweep_stale_temps(target.parent, target.name + ".restore")
        tmp = _private_temp(target.parent, target.name + ".restore")
        try:
            copy_database(backup, tmp)
            problem = _integrity_problem(tmp)
            if problem is not None:
                raise HandbookError(f"{backup}: the copy failed its check ({problem})")
            if healthy:
                _fold_wal_into_file(target)
                for car in list(sidecars(target)):
                    car.unlink()
            elif target.exists():
                aside = set_aside(target, when)
            else:
                for car in list(sidecars(target)):
                    car.unlink()
            os.replace(tmp, target)
            _fsync_dir(target.parent)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
    finally:
        lock.release()
    return Restored(before, aside)
