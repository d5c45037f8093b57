"""`contacts import|export|list`: contacts files in and out, and the list."""

from __future__ import annotations

import argparse
from pathlib import Path

from crisisdesk.cli.common import EXIT_OK, add_json_flag, opened, print_json
from crisisdesk.domain.errors import InvalidInput
from crisisdesk.domain.i18n import _, ngettext
from crisisdesk.services.contacts import ContactEntry, ImportPreview


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = sub.add_parser("contacts", help=_("import, export and list contacts"))
    commands = group.add_subparsers(dest="contacts_command", metavar="ACTION", required=True)

    p = commands.add_parser(
        "import",
        help=_("import a vCard (.vcf) or CSV file: all of it, or nothing when it has problems"),
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument(
        "--dry-run", action="store_true", help=_("only show what would be added; save nothing")
    )
    p.set_defaults(func=cmd_import)

    p = commands.add_parser("export", help=_("write every contact to FILE.vcf or FILE.csv"))
    p.add_argument("file", metavar="FILE", type=Path)
    p.set_defaults(func=cmd_export)

    p = commands.add_parser("list", help=_("list the contacts"))
    add_json_flag(p)
    p.set_defaults(func=cmd_list)


def _print_preview(preview: ImportPreview, dry_run: bool) -> None:
    print(
        _("{source}: {format}, {encoding}").format(
            source=preview.source, format=preview.format, encoding=preview.encoding
        )
    )
    verb = _("would add") if dry_run else _("added")
    for item in preview.to_add:
        print(f"  {verb}: {item.contact.name}  ({preview.source}:{item.line})")
    for dup in preview.duplicates:
        print(
            "  "
            + _("duplicate, not imported: {name} ({source}:{line}) matches {match}").format(
                name=dup.contact.name, source=preview.source, line=dup.line, match=dup.matches
            )
        )
    for line, name, value in preview.flagged:
        print(
            "  "
            + _("number kept as typed, flagged: '{value}' of {name} ({source}:{line})").format(
                value=value, name=name, source=preview.source, line=line
            )
        )
    count = len(preview.to_add)
    summary = (
        ngettext("{n} contact would be added", "{n} contacts would be added", count)
        if dry_run
        else ngettext("{n} contact added", "{n} contacts added", count)
    )
    dups = ngettext("{d} duplicate", "{d} duplicates", len(preview.duplicates))
    print(f"{summary.format(n=count)}, {dups.format(d=len(preview.duplicates))}")


def cmd_import(args: argparse.Namespace) -> int:
    with opened(args, read_only=args.dry_run) as services:
        if args.dry_run:
            preview = services.contacts.preview_import(args.file)
            if preview.problems:
                raise InvalidInput(preview.problems)
        else:
            preview = services.contacts.import_file(args.file)
    _print_preview(preview, args.dry_run)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        count = services.contacts.export(args.file)
    print(
        ngettext("{n} contact written to {path}", "{n} contacts written to {path}", count).format(
            n=count, path=args.file
        )
    )
    return EXIT_OK


def _as_json(entry: ContactEntry) -> dict[str, object]:
    c = entry.contact
    return {
        "id": c.id,
        "name": c.name,
        "kind": c.kind,
        "organisation": c.organisation,
        "job_title": c.job_title,
        "internal": c.internal,
        "roles": list(entry.roles),
        "labels": list(c.labels),
        "notes": c.notes,
        "availability": c.availability,
        "last_verified": c.last_verified.isoformat() if c.last_verified else None,
        "verification_overdue": entry.overdue,
        "channels": [
            {
                "kind": ch.kind,
                "value": ch.value,
                "e164": ch.e164,
                "label": ch.label,
                "flagged": ch.flagged,
            }
            for ch in c.channels
        ],
    }


def cmd_list(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        entries = services.contacts.entries()
    if args.json:
        print_json([_as_json(e) for e in entries])
        return EXIT_OK
    if not entries:
        print(_("No contacts yet. Import some with: crisisdesk contacts import FILE"))
        return EXIT_OK
    width = max(len(e.contact.name) for e in entries)
    for e in entries:
        number = e.main_number + (" " + _("[unreadable number]") if e.main_flagged else "")
        where = e.contact.organisation if not e.contact.internal else e.contact.job_title
        roles = ", ".join(e.roles)
        parts = [e.contact.name.ljust(width), number.ljust(16), where]
        if roles:
            parts.append(f"[{roles}]")
        print("  ".join(parts).rstrip())
    return EXIT_OK
