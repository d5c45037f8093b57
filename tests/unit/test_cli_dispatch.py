"""Which arguments open the window and which run a command (the window's parser
leaves the command modules unloaded)."""

from __future__ import annotations

import pytest

from crisisdesk.cli import build_parser, wants_window


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["gui"],
        ["--db", "x.db"],
        ["--db=x.db"],
        ["--db", "x.db", "gui", "--screenshot", "o.png"],
    ],
)
def test_window_arguments(argv: list[str]) -> None:
    assert wants_window(argv)
    args = build_parser(commands=False).parse_args(argv)
    assert args.command in (None, "gui")


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["--db", "gui", "check"],
        ["--db=x.db", "contacts", "list"],
        ["--help"],
        ["--version"],
        ["--db", "x.db", "-x"],
    ],
)
def test_command_arguments_get_the_full_parser(argv: list[str]) -> None:
    assert not wants_window(argv)


def test_the_window_parser_knows_no_commands_and_the_full_one_all() -> None:
    def commands(parser) -> set[str]:  # type: ignore[no-untyped-def]
        (sub,) = [a for a in parser._actions if a.dest == "command"]
        return set(sub.choices)

    assert commands(build_parser(commands=False)) == {"gui"}
    full = commands(build_parser())
    assert {"gui", "init", "check", "contacts", "export"} <= full
