"""The ``crisisdesk`` program: a command runs in the CLI; no command opens the window.

The GUI (and with it Qt) is imported only when the window is wanted, so commands start
fast and run where Qt cannot.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from crisisdesk import cli
from crisisdesk.cli.common import quiet_on_closed_stdout


def main(argv: Sequence[str] | None = None) -> int:
    return quiet_on_closed_stdout(lambda: _run(argv))


def _run(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    window = cli.wants_window(argv)
    args = cli.build_parser(commands=not window).parse_args(argv)
    if args.command in cli.WINDOW_COMMANDS:
        from crisisdesk import app

        return app.run_gui(args)
    return cli.run(args)


def main_gui() -> int:
    return main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
