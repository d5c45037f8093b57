"""Parse a playbook markdown file into a ``Playbook``; report every problem with its line.

The format is documented for writers in ``playbooks/README.md``. In short: front matter
between ``---`` lines, then six phase sections ``## N. Title`` (N = 1..6, in order), each
with guidance markdown and checklist items ``- [ ] text {must; owner: ROLE; due: 2h}``,
optionally followed by note lines indented by two or more spaces.

The parser never raises anything but ``InvalidInput`` (whatever the text): it collects
every problem it finds as a ``Problem(source, line, message)`` and raises them together.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from crisisdesk.domain.errors import InvalidInput, Problem
from crisisdesk.domain.i18n import _
from crisisdesk.domain.playbook import (
    CRISIS_TYPES,
    DEADLINE_KEYS,
    PLAYBOOK_LANGUAGES,
    STANDARD_ROLE_KEYS,
    ChecklistItem,
    Phase,
    PhaseKey,
    Playbook,
)
from crisisdesk.playbooks.attributes import ItemAttributes, parse_attributes
from crisisdesk.playbooks.frontmatter import FrontMatter, split_front_matter

# Lines are split the way text editors count them (not str.splitlines, which also
# breaks at form feeds and Unicode separators and would shift every line number).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HEADING2 = re.compile(r"^##(?!#)\s*(.*?)\s*#*\s*$")
_PHASE_TITLE = re.compile(r"^(\d+)[.)]?\s+(\S.*)$")
_ITEM = re.compile(r"^[-*+] \[([ xX])\](?:\s+(.*))?$")
# Anything that looks like a checkbox but is not written the expected way: "- []",
# "-[ ]", "- [v]", "* [ ]  " without text...
# (A link "- [EU](https://...)" is not a checkbox.)
_ITEM_LIKE = re.compile(r"^[-*+]\s*\[[^\]]{0,3}\](?![(\[])")
_INDENTED_ITEM = re.compile(r"^\s+[-*+] \[[ xX]\]")
_INDENTED = re.compile(r"^( {2,}|\t)")

PHASE_NUMBERS = range(1, len(PhaseKey.ALL) + 1)
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def split_lines(text: str) -> list[str]:
    if text.startswith("\ufeff"):  # a byte-order mark some editors write
        text = text[1:]
    return _LINE_BREAK.split(text)


@dataclass
class _ItemDraft:
    line: int
    text: str
    attributes: ItemAttributes
    note_lines: list[str] = field(default_factory=list)


@dataclass
class _PhaseDraft:
    number: int
    title: str
    line: int
    guidance: list[str] = field(default_factory=list)
    items: list[_ItemDraft] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, source: str, roles: Iterable[str]) -> None:
        self.source = source
        self.lines = split_lines(text)
        self.roles = tuple(roles)
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.source, line, message))

    def nested_item(self, line: int) -> None:
        self.problem(
            line,
            _(
                "a checklist item must start at the beginning of the line (no spaces "
                "before '-'); items cannot be nested"
            ),
        )

    # -- the whole file -------------------------------------------------------------
    def parse(self) -> Playbook | None:
        front = split_front_matter(self.lines, self.problem)
        meta = self.check_front_matter(front)
        # A code block that is never closed would swallow the rest of the file: report
        # it, then read the file again with that ``` line as plain text.
        mark = len(self.problems)
        unclosed: set[int] = set()
        while True:
            summary, phases, fence = self.parse_body(front.body_start, unclosed)
            if fence is None:
                break
            del self.problems[mark:]
            unclosed.add(fence)
        for line in sorted(unclosed):
            self.problem(line, _("a code block starts here with ``` but is never closed"))
        ordered = self.check_phases(phases)
        items = self.build_items(ordered)
        if self.problems or meta is None:
            return None
        return Playbook(
            id=meta["id"],
            title=meta["title"],
            crisis_type=meta["type"],
            language=meta["language"],
            version=meta["version"],
            last_reviewed=meta["reviewed"],
            summary=summary,
            sources=tuple(s.strip() for s in meta.get("sources", "").split(";") if s.strip()),
            deadlines=tuple(
                d.strip().lower() for d in meta.get("deadlines", "").split(",") if d.strip()
            ),
            phases=tuple(
                Phase(
                    key=PhaseKey.ALL[draft.number - 1],
                    title=draft.title,
                    guidance=_join(draft.guidance),
                    items=items[draft.number],
                    line=draft.line,
                )
                for draft in ordered
            ),
        )

    # -- front matter ---------------------------------------------------------------
    def check_front_matter(self, front: FrontMatter) -> dict[str, str] | None:
        values = {key: entry.value for key, entry in front.entries.items()}
        if not front.present:
            return None
        for key in ("id", "title", "type", "language", "version", "reviewed"):
            if key not in front.entries:
                self.problem(
                    front.end_line,
                    _("the front matter has no '{key}:' line (add it before this line)").format(
                        key=key
                    ),
                )
            elif not values[key]:
                self.problem(front.entries[key].line, _("'{key}' is empty").format(key=key))

        def check(key: str, ok: bool, message: str) -> None:
            if values.get(key) and not ok:
                self.problem(front.entries[key].line, message)

        value = values.get("id", "")
        check(
            "id",
            bool(ID_PATTERN.match(value)),
            _("id '{value}': use lowercase letters, digits and hyphens, e.g. 'ransomware'").format(
                value=value
            ),
        )
        value = values.get("type", "")
        check(
            "type",
            value in CRISIS_TYPES,
            _("type '{value}' is not one of: {known}").format(
                value=value, known=", ".join(CRISIS_TYPES)
            ),
        )
        value = values.get("language", "")
        check(
            "language",
            value in PLAYBOOK_LANGUAGES,
            _("language '{value}' is not one of: {known}").format(
                value=value, known=", ".join(PLAYBOOK_LANGUAGES)
            ),
        )
        value = values.get("version", "")
        check(
            "version",
            len(value) <= 30 and not any(c.isspace() for c in value),
            _("version '{value}': write it without spaces, e.g. 1.0 or 2.1").format(value=value),
        )
        value = values.get("reviewed", "")
        check(
            "reviewed",
            _is_date(value),
            _("reviewed '{value}' is not a date written as YYYY-MM-DD").format(value=value),
        )
        if "deadlines" in values:
            for deadline in values["deadlines"].split(","):
                name = deadline.strip().lower()
                if name and name not in DEADLINE_KEYS:
                    self.problem(
                        front.entries["deadlines"].line,
                        _("unknown deadline '{name}' (known: {known})").format(
                            name=deadline.strip(), known=", ".join(DEADLINE_KEYS)
                        ),
                    )
        return values

    # -- phases and items -----------------------------------------------------------
    def parse_body(
        self, start: int, unclosed: set[int]
    ) -> tuple[str, list[_PhaseDraft], int | None]:
        """Split the body into the summary and phase drafts; items and notes parsed.

        Returns the line of a code fence left open (None when all are closed); fences
        on the lines in ``unclosed`` are read as plain text.
        """
        summary: list[str] = []
        phases: list[_PhaseDraft] = []
        item: _ItemDraft | None = None  # the item whose notes may follow
        pending_blank: list[str] = []  # blank lines that may sit inside a note
        fence_line: int | None = None
        for index in range(start, len(self.lines)):
            number = index + 1
            raw = self.lines[index]
            guidance = phases[-1].guidance if phases else summary
            if fence_line is not None:  # inside a fenced code block: guidance only
                guidance.append(raw)
                if _FENCE.match(raw):
                    fence_line = None
                continue
            if item is not None:
                if not raw.strip():
                    pending_blank.append(raw)
                    continue
                if _INDENTED.match(raw):
                    if _INDENTED_ITEM.match(raw):
                        self.nested_item(number)
                    item.note_lines.extend(pending_blank)
                    item.note_lines.append(raw)
                    pending_blank = []
                    continue
                guidance.extend(pending_blank)
                pending_blank = []
                item = None
            if _FENCE.match(raw) and number not in unclosed:
                fence_line = number
                guidance.append(raw)
                continue
            heading = _HEADING2.match(raw)
            if heading:
                draft = self.phase_heading(heading.group(1), number)
                if draft is not None:
                    phases.append(draft)
                continue
            item_match = _ITEM.match(raw)
            if item_match:
                item = self.item_line(item_match.group(2) or "", number, bool(phases))
                if item is not None and phases:
                    phases[-1].items.append(item)
                continue
            if _INDENTED_ITEM.match(raw):
                self.nested_item(number)
                continue
            if _ITEM_LIKE.match(raw):
                self.problem(
                    number,
                    _(
                        "this looks like a checklist item but is not written '- [ ] text' "
                        "(a dash, a space, '[ ]' with a space inside, a space, the text)"
                    ),
                )
                continue
            guidance.append(raw)
        return _join(summary), phases, fence_line

    def phase_heading(self, title: str, line: int) -> _PhaseDraft | None:
        match = _PHASE_TITLE.match(title)
        if not match or int(match.group(1)) not in PHASE_NUMBERS:
            self.problem(
                line,
                _(
                    "a '##' heading must start a phase: '## N. Title' with N from 1 to 6 "
                    "(use '###' for a sub-heading)"
                ),
            )
            return None
        return _PhaseDraft(int(match.group(1)), match.group(2).strip(), line)

    def item_line(self, text: str, line: int, in_phase: bool) -> _ItemDraft | None:
        if not in_phase:
            self.problem(
                line,
                _("checklist item before the first phase: items belong under a '## N.' heading"),
            )
            return None
        body, attributes = parse_attributes(text, self.roles)
        for message in attributes.problems:
            self.problem(line, message)
        if not body:
            self.problem(line, _("checklist item without text"))
        return _ItemDraft(line, body, attributes)

    def check_phases(self, phases: list[_PhaseDraft]) -> list[_PhaseDraft]:
        """Report duplicate, out-of-order and missing phases; return the usable ones."""
        seen: dict[int, _PhaseDraft] = {}
        ordered: list[_PhaseDraft] = []
        highest = 0
        for draft in phases:
            first = seen.get(draft.number)
            if first is not None:
                self.problem(
                    draft.line,
                    _("phase {n} appears twice (first at line {line})").format(
                        n=draft.number, line=first.line
                    ),
                )
                continue
            seen[draft.number] = draft
            if draft.number < highest:
                self.problem(
                    draft.line,
                    _("phase {n} comes after phase {m}: phases must be in order 1 to 6").format(
                        n=draft.number, m=highest
                    ),
                )
            highest = max(highest, draft.number)
            ordered.append(draft)
            if not draft.items:
                self.problem(
                    draft.line,
                    _("phase {n} has no checklist items ('- [ ] ...')").format(n=draft.number),
                )
        last_line = len(self.lines)
        for number in PHASE_NUMBERS:
            if number in seen:
                continue
            later = [d.line for d in phases if d.number > number]
            self.problem(
                min(later) if later else last_line,
                _("phase {n} ({key}) is missing: add a heading '## {n}. Title'").format(
                    n=number, key=PhaseKey.ALL[number - 1]
                ),
            )
        ordered.sort(key=lambda d: d.number)
        return ordered

    def build_items(self, phases: list[_PhaseDraft]) -> dict[int, tuple[ChecklistItem, ...]]:
        """Give every item its id (explicit or '<phase>.<n>') and check ids are unique."""
        first_line: dict[str, int] = {}
        result: dict[int, tuple[ChecklistItem, ...]] = {}
        for draft in phases:
            key = PhaseKey.ALL[draft.number - 1]
            items = []
            for n, item in enumerate(draft.items, start=1):
                attrs = item.attributes
                item_id = attrs.id or f"{key}.{n}"
                if item_id in first_line:
                    self.problem(
                        item.line,
                        _("item id '{id}' is used twice (first at line {line})").format(
                            id=item_id, line=first_line[item_id]
                        ),
                    )
                else:
                    first_line[item_id] = item.line
                items.append(
                    ChecklistItem(
                        id=item_id,
                        text=item.text,
                        owner_role=attrs.owner,
                        must=attrs.must,
                        due_minutes=attrs.due_minutes,
                        note=_dedent_note(item.note_lines),
                        line=item.line,
                    )
                )
            result[draft.number] = tuple(items)
        return result


def _is_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n").rstrip()


def _dedent_note(lines: list[str]) -> str:
    stripped = [line.strip() for line in lines]
    return "\n".join(stripped).strip()


def parse_playbook(
    text: str, source: str = "<playbook>", roles: Iterable[str] = STANDARD_ROLE_KEYS
) -> Playbook:
    """Parse markdown ``text``; ``source`` names it in problems (usually the file path).

    ``roles`` are the role keys an item may name as owner. Raises ``InvalidInput``
    listing every problem, sorted by line.
    """
    parser = _Parser(text, source, roles)
    playbook = parser.parse()
    if playbook is None or parser.problems:
        problems = sorted(parser.problems, key=lambda p: p.line or 0)
        if not problems:  # defensive: never return None silently
            problems = [Problem(source, None, _("not a valid playbook"))]
        raise InvalidInput(problems)
    return playbook


def read_text(path: Path, source: str | None = None) -> str:
    """Read a playbook file as UTF-8; a missing file or bad encoding is ``InvalidInput``."""
    name = source or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            [Problem(name, None, _("cannot be read ({reason})").format(reason=exc.strerror))]
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            [
                Problem(
                    name,
                    line,
                    _("not UTF-8 text (byte {byte} cannot be read); save the file as UTF-8").format(
                        byte=f"0x{data[exc.start]:02x}"
                    ),
                )
            ]
        ) from None


def parse_file(path: Path, roles: Iterable[str] = STANDARD_ROLE_KEYS) -> tuple[Playbook, str]:
    """Parse a playbook file; returns the playbook and its markdown text."""
    text = read_text(path)
    return parse_playbook(text, str(path), roles), text
