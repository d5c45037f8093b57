"""`export handbook`: the whole plan as a PDF for the binder and the go-bag.

Other printouts (contact sheet, incident log) join this group as `export <what>`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crisisdesk.cli.common import EXIT_OK, opened
from crisisdesk.domain.i18n import LANGUAGES, _, ngettext
from crisisdesk.export.pdfbase import PAPER
from crisisdesk.services.handbook_export import MAX_LOG_SHEETS


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = sub.add_parser("export", help=_("print documents to PDF"))
    cmds = group.add_subparsers(dest="export_command", metavar="WHAT", required=True)

    p = cmds.add_parser(
        "handbook",
        help=_(
            "the printed handbook: plan, crisis team, contact sheet, playbook checklists, "
            "blank log sheets"
        ),
    )
    p.add_argument("out", metavar="OUT.pdf", help=_("PDF file to write (replaced when it exists)"))
    p.add_argument(
        "--paper", default="a4", choices=sorted(PAPER), help=_("paper size (default a4)")
    )
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
            Path(args.out), paper=args.paper, language=args.language, log_sheets=args.log_sheets
        )
    sys.stdout.write(
        ngettext(
            "Wrote {path} ({language}, {paper}, {n} playbook)",
            "Wrote {path} ({language}, {paper}, {n} playbooks)",
            result.playbooks,
        ).format(path=result.path, language=result.language, paper=result.paper, n=result.playbooks)
        + "\n"
    )
    return EXIT_OK
