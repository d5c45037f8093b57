"""Where a signing key's passphrase comes from: a file, the environment, or a prompt.

It is read into memory for one command and never written anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _

ENV_VAR = "CRISISDESK_PASSPHRASE"


def add_passphrase_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=_(
            "read the key's passphrase from the first line of FILE (else ${var}, else a prompt)"
        ).format(var=ENV_VAR),
    )


def read_passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """From ``--passphrase-file``, else ``CRISISDESK_PASSPHRASE``, else a hidden prompt."""
    if getattr(args, "passphrase_file", None):
        path = Path(args.passphrase_file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CrisisdeskError(
                _("cannot read passphrase file {path}: {error}").format(path=path, error=exc)
            ) from exc
        lines = text.splitlines()
        if not lines or not lines[0]:
            raise CrisisdeskError(_("passphrase file {path} is empty").format(path=path))
        return lines[0]
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    if not sys.stdin.isatty():
        raise CrisisdeskError(
            _(
                "no passphrase: give --passphrase-file FILE or set {var} (no terminal to ask on)"
            ).format(var=ENV_VAR)
        )
    first = getpass.getpass(_("Passphrase: "))
    if confirm and getpass.getpass(_("Passphrase again: ")) != first:
        raise CrisisdeskError(_("the two passphrases differ; nothing was created"))
    return first
