"""The front matter of a playbook: ``key: value`` lines between two ``---`` lines."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from crisisdesk.domain.i18n import _

KNOWN_KEYS = ("id", "title", "type", "language", "version", "reviewed", "deadlines", "sources")
_DELIMITER = re.compile(r"^---\s*$")
_ENTRY = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:(.*)$")

Report = Callable[[int | None, str], None]


@dataclass(frozen=True)
class Entry:
    value: str
    line: int


@dataclass
class FrontMatter:
    present: bool
    end_line: int  # the line of the closing '---' (or where it should have been)
    body_start: int  # index of the first body line
    entries: dict[str, Entry] = field(default_factory=dict)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def split_front_matter(
    lines: list[str], report: Report, known_keys: Sequence[str] = KNOWN_KEYS
) -> FrontMatter:
    """Read the front matter at the top of ``lines``, reporting each problem.

    ``known_keys``: the keys this kind of file has (playbooks by default; scenario
    scripts pass their own).
    """
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not _DELIMITER.match(lines[first]):
        report(
            (first or 0) + 1,
            _("the file must start with front matter: a '---' line, 'key: value' lines, '---'"),
        )
        return FrontMatter(False, (first or 0) + 1, first or 0)
    close = next((i for i in range(first + 1, len(lines)) if _DELIMITER.match(lines[i])), None)
    if close is None:
        # Unclosed: take the lines up to the first heading as front matter, so the
        # rest of the file is still checked.
        close = next(
            (i for i in range(first + 1, len(lines)) if lines[i].startswith("#")), len(lines)
        )
        report(first + 1, _("the front matter started here is never closed with a '---' line"))
        body_start = close
    else:
        body_start = close + 1
    front = FrontMatter(True, min(close + 1, len(lines)), body_start)
    for index in range(first + 1, close):
        number = index + 1
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _ENTRY.match(line.strip())
        if not match:
            report(number, _("front matter lines are written 'key: value'"))
            continue
        key = match.group(1).lower()
        if key not in known_keys:
            report(
                number,
                _("unknown front matter key '{key}' (known: {known})").format(
                    key=match.group(1), known=", ".join(known_keys)
                ),
            )
            continue
        if key in front.entries:
            report(
                number,
                _("'{key}' is given twice (first at line {line})").format(
                    key=key, line=front.entries[key].line
                ),
            )
            continue
        front.entries[key] = Entry(_unquote(match.group(2).strip()), number)
    return front
