"""The command line over the services (no Qt here: the GUI is started by entry.py).

Each command group lives in its own module with a ``register(subparsers)`` function;
``COMMAND_MODULES`` lists them in the order ``--help`` shows them. They are imported only
when a command is parsed: opening the window needs none of them (start-up time).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from crisisdesk import __version__
from crisisdesk.cli.common import EXIT_FAILED, EXIT_USAGE
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _

COMMAND_MODULES = (
    "handbook_cmds",
    "contact_cmds",
    "team_cmds",
    "playbook_cmds",
    "incident_cmds",
    "aftercare_cmds",
    "export_cmds",
    "sign_cmds",
    "backup_cmds",
)
WINDOW_COMMANDS = (None, "gui")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"crisisdesk: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def wants_window(argv: Sequence[str]) -> bool:
    """True when ``argv`` opens the window: no command, or ``gui`` (help and version
    are answered by the full parser)."""
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--db":
            if rest:
                rest.pop(0)
            continue
        if word.startswith("--db="):
            continue
        if word.startswith("-"):
            return False  # --help, --version or a mistake: the full parser answers
        return word in WINDOW_COMMANDS
    return True


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; ``commands=False`` leaves out every command but ``gui``."""
    parser = _Parser(
        prog="crisisdesk",
        description=_("Offline IT-crisis handbook. With no command, opens the window."),
    )
    parser.add_argument(
        "--db", metavar="PATH", help=_("handbook file (default: the one in your user data folder)")
    )
    parser.add_argument("--version", action="version", version=f"crisisdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    gui = sub.add_parser("gui", help=_("open the window (the default)"))
    gui.add_argument(
        "--screenshot", metavar="OUT.png", help=_("render the window offscreen to a PNG and exit")
    )
    gui.add_argument(
        "--view",
        default="readiness",
        choices=("readiness", "plan", "contacts", "team", "playbooks", "incidents"),
        help=_("view to show (with --screenshot)"),
    )
    gui.add_argument(
        "--size",
        default="1366x768",
        metavar="WxH",
        help=_("window size for --screenshot (default 1366x768)"),
    )
    if commands:
        for name in COMMAND_MODULES:
            importlib.import_module(f"crisisdesk.cli.{name}").register(sub)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run a parsed non-GUI command; errors become one line on stderr."""
    try:
        return int(args.func(args))
    except CrisisdeskError as exc:
        for line in str(exc).splitlines() or [type(exc).__name__]:
            sys.stderr.write(f"crisisdesk: {line}\n")
        return EXIT_FAILED
    except KeyboardInterrupt:
        sys.stderr.write("crisisdesk: interrupted\n")
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in WINDOW_COMMANDS:
        sys.stderr.write("crisisdesk: the window is opened by the crisisdesk program itself\n")
        return EXIT_USAGE
    return run(args)
