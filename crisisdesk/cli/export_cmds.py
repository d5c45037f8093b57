"""`export ...`: documents written from the handbook. One sub-command per document;
add ``export log`` / ``export report`` here as ``_register_<name>(commands)``."""

from __future__ import annotations

import argparse
from pathlib import Path

from crisisdesk.cli.common import EXIT_OK, opened
from crisisdesk.domain.i18n import LANGUAGES, _, ngettext

PAPERS = ("a4", "letter")
MAX_LOG_SHEETS = 50  # services.handbook_export checks it too; here it only shows in --help


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = sub.add_parser("export", help=_("write documents (PDF) from the handbook"))
    commands = group.add_subparsers(dest="export_command", metavar="DOCUMENT", required=True)
    _register_contacts(commands)
    _register_handbook(commands)


def _register_contacts(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser(
        "contacts", help=_("the contact sheet (crisis team, call tree, external parties)")
    )
    p.add_argument("out", metavar="OUT.pdf", type=Path)
    p.add_argument("--paper", choices=PAPERS, default="a4", help=_("paper size"))
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


def _register_handbook(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser(
        "handbook",
        help=_(
            "the printed handbook: plan, crisis team, contact sheet, playbook checklists, "
            "blank log sheets"
        ),
    )
    p.add_argument(
        "out",
        metavar="OUT.pdf",
        type=Path,
        help=_("PDF file to write (replaced when it exists)"),
    )
    p.add_argument("--paper", choices=PAPERS, default="a4", help=_("paper size (default a4)"))
    p.add_argument(
        "--language",
        choices=LANGUAGES,
        help=_("language of the printout (default: the handbook's content language)"),
    )
    p.add_argument(
        "--log-sheets",
        type=int,
        default=3,
        metavar="N",
        help=_("blank log sheets to print, 0 to {max} (default 3)").format(max=MAX_LOG_SHEETS),
    )
    p.set_defaults(func=cmd_handbook)


def cmd_handbook(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        result = services.handbook_export.export(
            args.out, paper=args.paper, language=args.language, log_sheets=args.log_sheets
        )
    print(
        ngettext(
            "Wrote {path} ({language}, {paper}, {n} playbook)",
            "Wrote {path} ({language}, {paper}, {n} playbooks)",
            result.playbooks,
        ).format(path=result.path, language=result.language, paper=result.paper, n=result.playbooks)
    )
    return EXIT_OK
