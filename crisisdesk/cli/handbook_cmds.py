"""`init` and `check`: create a handbook file; verify one."""

from __future__ import annotations

import argparse
import locale

from crisisdesk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    add_json_flag,
    handbook_path,
    print_json,
    report_checks,
)
from crisisdesk.domain.i18n import _
from crisisdesk.services.handbook import check_file, init_handbook


def system_country() -> str:
    """The country of the system locale (nl_NL -> NL), or NL when it names none."""
    code = locale.getlocale()[0] or ""
    if "_" in code:
        return code.split("_")[1][:2].upper()
    return "NL"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help=_("create a new handbook file"))
    p.add_argument("--demo", action="store_true", help=_("fill it with the demo organisation"))
    p.add_argument(
        "--country",
        help=_("home country for phone numbers, e.g. NL (default: the system locale's country)"),
    )
    p.add_argument("--organisation", default="", help=_("name of the organisation"))
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("check", help=_("check a handbook's integrity (exit 1 on problems)"))
    p.add_argument(
        "--checkpoint",
        action="append",
        default=[],
        metavar="CODE",
        help=_("a checkpoint code noted earlier: the log must still hold that prefix (repeatable)"),
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_check)


def cmd_init(args: argparse.Namespace) -> int:
    path = handbook_path(args)
    path.parent.mkdir(parents=True, exist_ok=True)
    services = init_handbook(
        path,
        demo=args.demo,
        country=args.country or (None if args.demo else system_country()),
        organisation=args.organisation,
    )
    services.close()
    print(_("Created handbook {path}").format(path=path))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    result = check_file(handbook_path(args), args.checkpoint)
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "ok": result.ok,
                "problems": result.problems,
                "checked": result.notes,
            }
        )
        return EXIT_OK if result.ok else EXIT_FAILED
    return report_checks(
        result.path,
        result.notes,
        result.problems,
        ok=result.ok,
        problem_label="PROBLEM",
        ok_verdict=_("all checks passed"),
        failed_verdict=_("{n} problem(s) found"),
    )
