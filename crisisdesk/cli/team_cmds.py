"""`team show` and `team check`: the crisis team's roles and the call tree."""

from __future__ import annotations

import argparse
from typing import Any

from crisisdesk.cli.common import EXIT_FAILED, EXIT_OK, add_json_flag, opened, print_json
from crisisdesk.domain.contacts import Role
from crisisdesk.domain.i18n import _
from crisisdesk.services.team import CallNode


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    team = sub.add_parser("team", help=_("the crisis team's roles and the call tree"))
    team_sub = team.add_subparsers(dest="team_command", metavar="COMMAND", required=True)
    p = team_sub.add_parser(
        "show", help=_("roles with primary and backups, and the call tree as a tree")
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_show)
    p = team_sub.add_parser(
        "check", help=_("check the call tree for cycles and people nobody calls (exit 1)")
    )
    add_json_flag(p)
    p.set_defaults(func=cmd_check)


def _person(cid: str | None, names: dict[str, str]) -> dict[str, str] | None:
    if cid is None:
        return None
    return {"id": cid, "name": names.get(cid, cid)}


def _role_json(role: Role, names: dict[str, str]) -> dict[str, Any]:
    return {
        "key": role.key,
        "name": role.name,
        "description": role.description,
        "primary": _person(role.primary, names),
        "backups": [_person(b, names) for b in role.backups],
    }


def _node_json(node: CallNode, names: dict[str, str]) -> dict[str, Any]:
    return {
        "person": _person(node.contact_id, names),
        "backup": _person(node.backup_id, names),
        "calls": [_node_json(c, names) for c in node.children],
    }


def _tree_lines(nodes: tuple[CallNode, ...] | list[CallNode], names: dict[str, str], depth: int):  # type: ignore[no-untyped-def]
    for number, node in enumerate(nodes, start=1):
        line = f"{'    ' * depth}{number}. {names.get(node.contact_id, node.contact_id)}"
        if node.backup_id:
            line += "  " + _("(backup: {name})").format(
                name=names.get(node.backup_id, node.backup_id)
            )
        yield line
        yield from _tree_lines(node.children, names, depth + 1)


def cmd_show(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        names = services.team.names()
        roles = services.team.roles()
        tree = services.team.call_tree()
        unreached = services.team.unreached_branches()
    if args.json:
        print_json(
            {
                "roles": [_role_json(r, names) for r in roles],
                "call_tree": [_node_json(n, names) for n in tree],
                "unreached": [_node_json(n, names) for n in unreached],
            }
        )
        return EXIT_OK
    print(_("Crisis team"))
    if not roles:
        print("  " + _("(no roles yet)"))
    for role in roles:
        primary = names.get(role.primary, role.primary) if role.primary else _("(nobody)")
        print(f"  {role.name}: {primary}")
        for rank, backup in enumerate(role.backups, start=1):
            print("      " + _("backup {n}: {name}").format(n=rank, name=names.get(backup, backup)))
    print()
    print(_("Call tree (who calls whom, in order)"))
    if not tree:
        print("  " + _("(empty)"))
    for line in _tree_lines(tree, names, 1):
        print(line)
    if unreached:
        print()
        print(_("Not reached from the top of the tree (see: crisisdesk team check)"))
        for line in _tree_lines(unreached, names, 1):
            print(line)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with opened(args, read_only=True) as services:
        names = services.team.names()
        report = services.team.check_call_tree()
        services_lines = services.team.describe(report)
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "cycles": [[_person(c, names) for c in ring] for ring in report.cycles],
                "uncalled": [_person(c, names) for c in report.uncalled],
            }
        )
    else:
        for line in services_lines:
            print(line)
        if report.ok:
            print(_("Call tree OK: no cycles, everyone in the crisis team is called."))
        else:
            print(
                _("Call tree: {n} problem(s) found.").format(
                    n=len(report.cycles) + len(report.uncalled)
                )
            )
    return EXIT_OK if report.ok else EXIT_FAILED
