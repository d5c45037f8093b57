"""`export ...`: documents written from the handbook. One sub-command per document;
add ``export log`` / ``export report`` here as ``_register_<name>(commands)``."""

from __future__ import annotations

import argparse
from pathlib import Path

from crisisdesk.cli.common import EXIT_OK, opened
from crisisdesk.domain.i18n import _


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = sub.add_parser("export", help=_("write documents (PDF) from the handbook"))
    commands = group.add_subparsers(dest="export_command", metavar="DOCUMENT", required=True)
    _register_contacts(commands)


def _register_contacts(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser(
        "contacts", help=_("the contact sheet (crisis team, call tree, external parties)")
    )
    p.add_argument("out", metavar="OUT.pdf", type=Path)
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help=_("paper size"))
    p.add_argument(
        "--layout",
        choices=("sheet", "wallet"),
        default="sheet",
        help=_("sheet: the full contact sheet; wallet: crisis-team wallet cards"),
    )
    p.set_defaults(func=cmd_contacts)


def cmd_contacts(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        services.contact_sheet.export_pdf(args.out, paper=args.paper, layout=args.layout)
    print(_("Contact sheet written to {path}").format(path=args.out))
    return EXIT_OK
