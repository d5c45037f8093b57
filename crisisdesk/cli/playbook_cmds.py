"""`playbooks validate|list|add|show|history`: check, list, add and print playbooks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from crisisdesk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    add_json_flag,
    handbook_path,
    opened,
    print_json,
)
from crisisdesk.domain.errors import InvalidInput
from crisisdesk.domain.i18n import _, ngettext
from crisisdesk.domain.labels import crisis_type_label
from crisisdesk.domain.playbook import PLAYBOOK_LANGUAGES, STANDARD_ROLE_KEYS, PlaybookVersion
from crisisdesk.services.playbooks import load_builtin, validate_file


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = sub.add_parser("playbooks", help=_("check, list, add and show playbooks"))
    cmds = group.add_subparsers(dest="playbooks_command", metavar="ACTION", required=True)

    p = cmds.add_parser(
        "validate",
        help=_("check playbook files; every problem as file:line: message (exit 1 on problems)"),
    )
    p.add_argument("files", nargs="+", metavar="FILE.md")
    p.set_defaults(func=cmd_validate)

    p = cmds.add_parser("list", help=_("list the playbooks (latest version of each)"))
    add_json_flag(p)
    p.set_defaults(func=cmd_list)

    p = cmds.add_parser(
        "add", help=_("add the organisation's own playbook, or a new version of it")
    )
    p.add_argument("file", metavar="FILE.md")
    p.set_defaults(func=cmd_add)

    p = cmds.add_parser("show", help=_("print a playbook's markdown"))
    p.add_argument("id", metavar="ID")
    _language_flag(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_show)

    p = cmds.add_parser("history", help=_("list every version of a playbook"))
    p.add_argument("id", metavar="ID")
    _language_flag(p)
    add_json_flag(p)
    p.set_defaults(func=cmd_history)


def _language_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language",
        choices=PLAYBOOK_LANGUAGES,
        help=_("language (default: the handbook's content language)"),
    )


def _summary(version: PlaybookVersion) -> dict[str, Any]:
    pb = version.playbook
    return {
        "id": pb.id,
        "language": pb.language,
        "title": pb.title,
        "type": pb.crisis_type,
        "version": pb.version,
        "reviewed": pb.last_reviewed,
        "items": pb.item_count,
        "builtin": version.builtin,
        "filename": version.filename,
        "added_at": version.added_at,
    }


def _print_table(versions: list[PlaybookVersion]) -> None:
    rows = [
        (
            v.playbook.id,
            v.playbook.language,
            crisis_type_label(v.playbook.crisis_type),
            v.playbook.version,
            v.playbook.last_reviewed,
            _("built-in") if v.builtin else _("own"),
            v.playbook.title,
        )
        for v in versions
    ]
    header = (_("ID"), _("LANG"), _("TYPE"), _("VERSION"), _("REVIEWED"), _("SOURCE"), _("TITLE"))
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [str(c).ljust(w) for c, w in zip(row[:-1], widths, strict=True)]
        print("  ".join([*cells, row[-1]]))


def cmd_validate(args: argparse.Namespace) -> int:
    roles: list[str] = list(STANDARD_ROLE_KEYS)
    if args.db:  # check owners against the roles this handbook defines, too
        with opened(args, read_only=True) as services:
            roles = services.playbooks.roles()
    failed = 0
    problems = 0
    for name in args.files:
        try:
            playbook = validate_file(Path(name), roles)
        except InvalidInput as exc:
            failed += 1
            problems += len(exc.problems)
            for problem in exc.problems:
                print(str(problem))
            continue
        print(
            _("{file}: ok — {title} ({language}, version {version}, {items} items)").format(
                file=name,
                title=playbook.title,
                language=playbook.language,
                version=playbook.version,
                items=playbook.item_count,
            )
        )
    if failed:
        sys.stderr.write(
            "crisisdesk: "
            + ngettext(
                "{problems} problem in {files} file",
                "{problems} problems in {files} file(s)",
                problems,
            ).format(problems=problems, files=failed)
            + "\n"
        )
        return EXIT_FAILED
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    if not args.db and not handbook_path(args).exists():
        versions, _problems = load_builtin()  # no handbook yet: the built-in ones
        versions.sort(key=lambda v: (v.playbook.id, v.playbook.language))
    else:
        with opened(args, read_only=True) as services:
            versions = services.playbooks.entries()
    if args.json:
        print_json([_summary(v) for v in versions])
    elif versions:
        _print_table(versions)
    else:
        print(_("No playbooks."))
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    with opened(args) as services:
        playbook = services.playbooks.add(Path(args.file))
    print(
        _("Added playbook {id} ({language}) version {version}: {title}").format(
            id=playbook.id,
            language=playbook.language,
            version=playbook.version,
            title=playbook.title,
        )
    )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        version = services.playbooks.entry(args.id, args.language)
    if args.json:
        print_json({**_summary(version), "playbook": version.playbook.to_dict()})
    else:
        sys.stdout.write(
            version.markdown if version.markdown.endswith("\n") else version.markdown + "\n"
        )
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        versions = services.playbooks.history(args.id, args.language)
    if args.json:
        print_json([_summary(v) for v in versions])
    else:
        for v in versions:
            source = (
                _("built-in")
                if v.builtin
                else _("added {when} from {file}").format(when=v.added_at, file=v.filename)
            )
            print(f"{v.playbook.version}  {v.playbook.last_reviewed}  {source}")
    return EXIT_OK
