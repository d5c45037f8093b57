"""Backups of the open handbook, and restoring one over a closed handbook.

A backup is planned on the caller's thread (``prepare`` reads the settings through the
handbook's connection) and run anywhere (``BackupJob.run`` touches only files and
opens its own read connection), so the window can run it on a worker thread while
the user keeps logging. The primary folder sits next to the handbook; an optional
second folder (a USB stick) gets a copy too, and when it is missing or fails the
outcome says so while the primary backup still counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from crisisdesk.domain.clock import Clock, SystemClock
from crisisdesk.domain.errors import BackupFailed, HandbookError
from crisisdesk.domain.i18n import _
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.locations import default_backup_dir
from crisisdesk.store import settings_repo
from crisisdesk.store.backup import (
    BackupInfo,
    Restored,
    list_backups,
    restore_backup,
    rotate,
    verify_backup,
    write_backup,
    write_checked_copy,
)

__all__ = [
    "BackupEntry",
    "BackupInfo",
    "BackupJob",
    "BackupOutcome",
    "BackupService",
    "Restored",
    "SecondFolder",
    "latest_good_backup",
    "restore_handbook",
]


class SecondFolder:
    """States of the second backup folder, for the status bar and the dialog."""

    NOT_SET = "not-set"
    OK = "ok"
    MISSING = "missing"
    FAILED = "failed"


@dataclass(frozen=True)
class BackupOutcome:
    primary: BackupInfo
    second_state: str  # a SecondFolder value
    second_folder: Path | None
    second: BackupInfo | None = None
    second_problem: str = ""

    def second_message(self) -> str:
        """One sentence for the user about the second folder ('' when not set)."""
        if self.second_state == SecondFolder.MISSING:
            return _("Second backup folder not present: {folder}").format(folder=self.second_folder)
        if self.second_state == SecondFolder.FAILED:
            return _("Second backup folder failed: {problem}").format(problem=self.second_problem)
        if self.second_state == SecondFolder.OK:
            return _("Also copied to {folder}").format(folder=self.second_folder)
        return ""


@dataclass(frozen=True)
class BackupJob:
    """Everything one backup needs, read beforehand: safe to run on any thread."""

    source: Path
    primary: Path
    second: Path | None
    keep: int
    when: datetime

    def run(self) -> BackupOutcome:
        primary = write_backup(self.source, self.primary, self.when)
        rotate(self.primary, self.source.stem, self.keep)
        if self.second is None:
            return BackupOutcome(primary, SecondFolder.NOT_SET, None)
        if not self.second.is_dir():
            # A pulled USB stick: say so, never create the mount point ourselves.
            return BackupOutcome(primary, SecondFolder.MISSING, self.second)
        try:
            second = write_backup(self.source, self.second, self.when)
            rotate(self.second, self.source.stem, self.keep)
        except BackupFailed as exc:
            return BackupOutcome(primary, SecondFolder.FAILED, self.second, None, str(exc))
        return BackupOutcome(primary, SecondFolder.OK, self.second, second)


@dataclass(frozen=True)
class BackupEntry:
    info: BackupInfo
    second_folder: bool  # True: in the second folder (USB stick)

    @property
    def path(self) -> Path:
        return self.info.path


def _folders(handbook: Path, second: str) -> tuple[Path, Path | None]:
    return default_backup_dir(handbook), (Path(second).expanduser() if second.strip() else None)


class BackupService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def folders(self) -> tuple[Path, Path | None]:
        """(primary folder, second folder or None when not set)."""
        second = settings_repo.get_setting(self._ctx.handbook.conn, "backup.second_folder")
        return _folders(self._ctx.handbook.path, second)

    def prepare(self) -> BackupJob:
        primary, second = self.folders()
        keep = settings_repo.get_setting(self._ctx.handbook.conn, "backup.keep")
        return BackupJob(self._ctx.handbook.path, primary, second, keep, self._ctx.clock.now())

    def finished(self) -> Changed:
        """Tell the views a backup was made (call on the thread that owns the views)."""
        return self._ctx.notifier.notify(Changed.of(Area.BACKUPS))

    def backup_now(self) -> BackupOutcome:
        """Make a backup on this thread (the CLI; the window uses prepare + a worker)."""
        outcome = self.prepare().run()
        self.finished()
        return outcome

    def backup_to(self, dest: Path) -> Path:
        """A one-off backup the user placed: into folder ``dest`` (timestamped name), or
        as file ``dest`` when it names a new ``.db`` file. Never rotated."""
        dest = Path(dest).expanduser()
        if dest.suffix.lower() == ".db" and not dest.is_dir():
            write_checked_copy(self._ctx.handbook.path, dest)
            made = dest
        else:
            made = write_backup(self._ctx.handbook.path, dest, self._ctx.clock.now()).path
        self.finished()
        return made

    def list(self) -> list[BackupEntry]:
        """Backups in the primary and the second folder, newest first."""
        primary, second = self.folders()
        stem = self._ctx.handbook.path.stem
        entries = [BackupEntry(info, False) for info in list_backups(primary, stem)]
        if second is not None:
            entries += [BackupEntry(info, True) for info in list_backups(second, stem)]
        entries.sort(key=lambda e: e.info.order, reverse=True)
        return entries

    def last_backup(self) -> BackupInfo | None:
        entries = self.list()
        return entries[0].info if entries else None

    def interval_minutes(self) -> int:
        value = settings_repo.get_setting(self._ctx.handbook.conn, "backup.interval_minutes")
        return max(1, int(value))

    def incident_running(self) -> bool:
        row = self._ctx.handbook.conn.execute(
            "SELECT count(*) FROM incidents WHERE status = 'open'"
        ).fetchone()
        return bool(row[0])


def latest_good_backup(path: Path, second_folder: Path | None = None) -> BackupInfo | None:
    """The newest backup of the handbook at ``path`` that passes every check.

    Looks in the folder next to the handbook and in ``second_folder``; damaged or
    foreign files are skipped. Reads only.
    """
    folders = [default_backup_dir(path)]
    if second_folder is not None:
        folders.append(second_folder)
    candidates = [info for folder in folders for info in list_backups(folder, path.stem)]
    candidates.sort(key=lambda info: info.order, reverse=True)
    for info in candidates:
        try:
            verify_backup(info.path)
        except HandbookError:
            continue
        return info
    return None


def restore_handbook(path: Path, backup: Path, clock: Clock | None = None) -> Restored:
    """Replace the (closed) handbook at ``path`` with ``backup``.

    Refuses a backup that is not a handbook, is damaged or comes from a newer version;
    backs up the current file first (a damaged one is set aside instead); swaps the
    file atomically. Raises HandbookLocked when the handbook is open somewhere.
    """
    when = (clock or SystemClock()).now()
    return restore_backup(Path(backup), Path(path), when, default_backup_dir(Path(path)))
