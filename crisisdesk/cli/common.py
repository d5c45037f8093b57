"""Helpers shared by the command modules: opening the handbook, printing, exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from crisisdesk.services.handbook import Services, open_services
from crisisdesk.services.locations import default_handbook_path

EXIT_OK = 0
EXIT_FAILED = 1  # the checked thing failed: verification, import, integrity, refused file
EXIT_USAGE = 2


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


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")
