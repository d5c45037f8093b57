"""`keys create`, `verify` and `checkpoint`: signing keys, checking signed logs, witnessing."""

from __future__ import annotations

import argparse

from crisisdesk.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    add_json_flag,
    opened,
    print_json,
    report_checks,
)
from crisisdesk.cli.passphrase import add_passphrase_file, read_passphrase
from crisisdesk.domain.i18n import _
from crisisdesk.services.signing import (
    create_signing_key,
    verification_facts,
    verify_signed_log,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    keys = sub.add_parser("keys", help=_("signing keys for incident logs"))
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="COMMAND", required=True)
    p = keys_sub.add_parser(
        "create", help=_("create a signing key (KEY.p12) and its certificate (KEY.crt)")
    )
    p.add_argument("--name", required=True, help=_("the signer's name, shown on signed logs"))
    p.add_argument("--out", required=True, metavar="KEY.p12", help=_("key file to create"))
    add_passphrase_file(p)
    p.set_defaults(func=cmd_keys_create)

    p = sub.add_parser(
        "verify", help=_("verify a signed incident log PDF (exit 0 only when every check holds)")
    )
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="CERT.crt",
        help=_("the signer's certificate, as received from them (repeatable)"),
    )
    p.add_argument(
        "--checkpoint",
        action="append",
        default=[],
        metavar="CODE",
        help=_("a checkpoint code noted during the incident: the log must hold it (repeatable)"),
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser(
        "checkpoint",
        help=_("show the checkpoint code of an incident's log now (and log that it was shown)"),
    )
    p.add_argument("incident", metavar="INCIDENT", help=_("incident id (or its first characters)"))
    p.set_defaults(func=cmd_checkpoint)


def cmd_keys_create(args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args, confirm=True)
    created = create_signing_key(args.out, name=args.name, passphrase=passphrase)
    print(_("Created signing key {key}").format(key=created.key_path))
    print(_("Certificate for recipients: {crt}").format(crt=created.cert_path))
    print(_("SHA-256 fingerprint: {fp}").format(fp=created.fingerprint))
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    result = verify_signed_log(args.file, trust=args.trust, checkpoint_codes=args.checkpoint)
    signing_time = result.signing_time.isoformat() if result.signing_time else ""
    if args.json:
        print_json(
            {
                "file": result.path,
                "ok": result.ok,
                "reasons": result.reasons,
                "passed": result.passed,
                "signer": result.signer,
                "fingerprint": result.fingerprint,
                "signing_time": signing_time,
                "incident_id": result.incident_id,
                "event_count": result.event_count,
                "chain_head": result.chain_head,
            }
        )
        return EXIT_OK if result.ok else EXIT_FAILED
    for line in verification_facts(result, missing="-"):
        print(line)
    return report_checks(
        result.path,
        result.passed,
        result.reasons,
        ok=result.ok,
        problem_label="FAILED",
        ok_verdict=_("VERIFIED, every check passed"),
        failed_verdict=_("NOT VERIFIED ({n} problem(s))"),
    )


def cmd_checkpoint(args: argparse.Namespace) -> int:
    with opened(args) as services:
        code = services.signing.show_checkpoint(services.incidents.resolve(args.incident))
    print(_("Checkpoint code: {code}").format(code=code))
    print(_("Read it out or write it on the paper log; `verify` and `check` accept it later."))
    return EXIT_OK
