"""`export ...`: documents written from the handbook. One sub-command per document;
add ``export log`` / ``export report`` here as ``_register_<name>(commands)``."""

from __future__ import annotations

import argparse
from pathlib import Path

from crisisdesk.cli.common import EXIT_OK, opened
from crisisdesk.cli.passphrase import add_passphrase_file, read_passphrase
from crisisdesk.domain.i18n import LANGUAGES, _, ngettext

PAPERS = ("a4", "letter")
MAX_LOG_SHEETS = 50  # services.handbook_export checks it too; here it only shows in --help


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    group = sub.add_parser("export", help=_("write documents (PDF) from the handbook"))
    commands = group.add_subparsers(dest="export_command", metavar="DOCUMENT", required=True)
    _register_contacts(commands)
    _register_log(commands)
    _register_report(commands)
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


def _register_log(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser(
        "log", help=_("the incident log (ICS 214 style), optionally signed (PAdES)")
    )
    p.add_argument("incident", metavar="INCIDENT", help=_("incident id (or its first characters)"))
    p.add_argument("out", metavar="OUT.pdf", type=Path)
    p.add_argument(
        "--sign", metavar="KEY.p12", type=Path, help=_("sign with this key (see `keys create`)")
    )
    p.add_argument("--role", default="", help=_("your role, printed under 'prepared by'"))
    add_passphrase_file(p)
    p.set_defaults(func=cmd_log)


def cmd_log(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args) if args.sign else ""
    with opened(args) as services:
        incident = services.incidents.resolve(args.incident)
        result = services.signing.export_log(
            incident, args.out, key_path=args.sign, passphrase=passphrase, prepared_role=args.role
        )
    print(
        _("Incident log written to {path} ({pages} pages)").format(
            path=result.path, pages=result.pages
        )
    )
    print(
        _("Events: {n}   chain head: {head}").format(n=result.event_count, head=result.chain_head)
    )
    print(_("Checkpoint code: {code}").format(code=result.checkpoint))
    if result.signed:
        print(_("Signed; certificate fingerprint {fp}").format(fp=result.fingerprint))
    else:
        print(_("NOT signed (use --sign KEY.p12)"))
    return EXIT_OK


def _register_report(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = commands.add_parser(
        "report", help=_("the post-incident report (summary, timeline, figures, evaluation)")
    )
    p.add_argument("incident", metavar="INCIDENT", help=_("incident id (or its first characters)"))
    p.add_argument("out", metavar="OUT.pdf", type=Path)
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help=_("paper size"))
    p.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        incident_id = services.incidents.resolve(args.incident)
        services.evaluation.export_report(incident_id, args.out, paper=args.paper)
    print(_("Post-incident report written to {path}").format(path=args.out))
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
