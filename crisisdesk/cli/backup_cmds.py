"""`backup`, `restore` and `backups`: copy the handbook, put a copy back, list copies."""

from __future__ import annotations

import argparse
from pathlib import Path

from crisisdesk.cli.common import EXIT_OK, add_json_flag, handbook_path, opened, print_json
from crisisdesk.domain.i18n import _
from crisisdesk.services.backups import BackupEntry, restore_handbook


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "backup",
        help=_("back up the handbook (checked copy; rotated in the backup folders)"),
        description=_(
            "Without DEST: a backup into the folder next to the handbook (and the second "
            "backup folder when set), keeping the newest backup.keep. With DEST: a copy into "
            "that folder, or as that new .db file, never rotated."
        ),
    )
    p.add_argument("dest", nargs="?", metavar="DEST", help=_("folder or new .db file"))
    add_json_flag(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        help=_("replace the handbook with a backup (the current file is backed up first)"),
    )
    p.add_argument("backup", metavar="BACKUP", help=_("the backup file to restore"))
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("backups", help=_("list the handbook's backups, newest first"))
    add_json_flag(p)
    p.set_defaults(func=cmd_backups)


def cmd_backup(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        if args.dest:
            made = services.backups.backup_to(Path(args.dest))
            if args.json:
                print_json({"path": str(made), "size": made.stat().st_size})
            else:
                print(_("Backed up to {path}").format(path=made))
            return EXIT_OK
        outcome = services.backups.backup_now()
    if args.json:
        print_json(
            {
                "path": str(outcome.primary.path),
                "size": outcome.primary.size,
                "made_at": outcome.primary.made_at.isoformat(),
                "second_folder": {
                    "state": outcome.second_state,
                    "folder": str(outcome.second_folder) if outcome.second_folder else None,
                    "path": str(outcome.second.path) if outcome.second else None,
                    "message": outcome.second_message(),
                },
            }
        )
        return EXIT_OK
    print(_("Backed up to {path}").format(path=outcome.primary.path))
    if outcome.second_message():
        print(outcome.second_message())
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    path = handbook_path(args)
    result = restore_handbook(path, Path(args.backup))
    print(_("Restored {path} from {backup}").format(path=path, backup=args.backup))
    if result.before is not None:
        print(_("The replaced file was backed up to {path}").format(path=result.before.path))
    if result.set_aside is not None:
        print(_("The damaged file was kept as {path}").format(path=result.set_aside))
    return EXIT_OK


def _entry_json(entry: BackupEntry) -> dict[str, object]:
    return {
        "path": str(entry.path),
        "made_at": entry.info.made_at.isoformat(),
        "size": entry.info.size,
        "second_folder": entry.second_folder,
    }


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size / (1024 * 1024):.1f} MB"


def cmd_backups(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        entries = services.backups.list()
        primary, second = services.backups.folders()
    if args.json:
        print_json([_entry_json(e) for e in entries])
        return EXIT_OK
    if not entries:
        print(_("No backups yet in {folder}").format(folder=primary))
    for entry in entries:
        when = entry.info.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{when}  {human_size(entry.info.size):>8}  {entry.path}")
    if second is not None and not second.is_dir():
        print(_("Second backup folder not present: {folder}").format(folder=second))
    return EXIT_OK
