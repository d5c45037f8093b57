"""Helpers shared by the command modules: opening the handbook, printing, exit codes."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crisisdesk.domain.i18n import _
from crisisdesk.services.handbook import Services, open_services
from crisisdesk.services.locations import default_handbook_path

EXIT_OK = 0
EXIT_FAILED = 1  # the checked thing failed: verification, import, integrity, refused file
EXIT_USAGE = 2
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a command cut off by `| head`


def quiet_on_closed_stdout(program: Callable[[], int]) -> int:
    """Run ``program``; when whoever reads our output stops early (``| head``), end quietly.

    The recipe from Python's documentation (signal, "Note on SIGPIPE"): flush inside
    the guard, so that a failure to write surfaces here and not as a traceback at exit,
    then point stdout at devnull so the interpreter's last flush has nowhere to fail.
    """
    try:
        status = program()
        if sys.stdout is not None:  # no console: a GUI start on Windows
            sys.stdout.flush()
        return status
    except BrokenPipeError:  # (any other error keeps its own traceback and exit code)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLOSED_PIPE


def handbook_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_handbook_path()


@contextmanager
def opened(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[Services]:
    services = open_services(handbook_path(args), read_only=read_only)
    try:
        yield services
    finally:
        services.close()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def report_checks(
    subject: object,
    passed: Sequence[str],
    problems: Sequence[str],
    *,
    ok: bool,
    problem_label: str,
    ok_verdict: str,
    failed_verdict: str,
) -> int:
    """Print what passed ("ok: ..."), what did not (``problem_label: ...``) and one verdict
    line; the exit code says the same. ``failed_verdict`` may use ``{n}`` (problems)."""
    for note in passed:
        print(f"ok: {note}")
    for problem in problems:
        print(f"{problem_label}: {problem}")
    verdict = ok_verdict if ok else failed_verdict.format(n=len(problems))
    print(_("{path}: {verdict}").format(path=subject, verdict=verdict))
    return EXIT_OK if ok else EXIT_FAILED


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")
