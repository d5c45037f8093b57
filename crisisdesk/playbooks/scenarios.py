"""Parse a tabletop scenario script (markdown) into a ``Scenario``.

The format is documented for writers in ``playbooks/scenarios/README.md``: front matter
(id, playbook, language, title, duration), a free markdown briefing, then injects::

    - +00:10 The helpdesk reports that file shares show .locked files {from: service desk}
      - Record the detection time
      - Call the IT lead

Like the playbook parser, this never raises anything but ``InvalidInput``: every
problem is collected with its line and they are raised together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from crisisdesk.domain.errors import InvalidInput, Problem
from crisisdesk.domain.i18n import _
from crisisdesk.domain.playbook import PLAYBOOK_LANGUAGES
from crisisdesk.domain.scenario import Inject, Scenario
from crisisdesk.playbooks.attributes import parse_duration
from crisisdesk.playbooks.builtin import builtin_folder, is_playbook_name
from crisisdesk.playbooks.frontmatter import split_front_matter
from crisisdesk.playbooks.parser import ID_PATTERN, split_lines

SCENARIO_KEYS = ("id", "playbook", "language", "title", "duration")
SENDER_KEYS = ("from", "van")
SCENARIO_FOLDER = "scenarios"

_INJECT = re.compile(r"^[-*+]\s+\+(\d{1,3}):(\d{2})(?:\s+(.*))?$")
# A bullet that starts with '+' but is not a valid offset: "- +5 min", "- +1:5" ...
_INJECT_LIKE = re.compile(r"^[-*+]\s+\+")
_ATTRIBUTES = re.compile(r"\{([^{}]*)\}\s*$")
_INDENTED = re.compile(r"^( {2,}|\t)")
_BULLET = re.compile(r"^[-*+]\s+")
MAX_DURATION_MINUTES = 7 * 24 * 60  # a week: an exercise longer than that is a typo


@dataclass
class _Draft:
    line: int
    offset: int
    text: str
    sender: str
    expected: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.lines = split_lines(text)
        self.problems: list[Problem] = []

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.source, line, message))

    def parse(self) -> Scenario | None:
        front = split_front_matter(self.lines, self.problem, SCENARIO_KEYS)
        values = {key: entry.value for key, entry in front.entries.items()}
        if front.present:
            for key in SCENARIO_KEYS:
                if key not in front.entries:
                    self.problem(
                        front.end_line,
                        _("the front matter has no '{key}:' line (add it before this line)").format(
                            key=key
                        ),
                    )
                elif not values[key]:
                    self.problem(front.entries[key].line, _("'{key}' is empty").format(key=key))
        for key in ("id", "playbook"):
            value = values.get(key, "")
            if value and not ID_PATTERN.match(value):
                self.problem(
                    front.entries[key].line,
                    _("{key} '{value}': use lowercase letters, digits and hyphens").format(
                        key=key, value=value
                    ),
                )
        language = values.get("language", "")
        if language and language not in PLAYBOOK_LANGUAGES:
            self.problem(
                front.entries["language"].line,
                _("language '{value}' is not one of: {known}").format(
                    value=language, known=", ".join(PLAYBOOK_LANGUAGES)
                ),
            )
        duration: int | None = None
        if values.get("duration"):
            duration = parse_duration(values["duration"])
            if duration is None or duration > MAX_DURATION_MINUTES:
                self.problem(
                    front.entries["duration"].line,
                    _("duration '{value}': write it like 90m, 3h or 2h30m (at most 7d)").format(
                        value=values["duration"]
                    ),
                )
                duration = None
        briefing, drafts = self.parse_body(front.body_start)
        self.check_injects(drafts, duration)
        if self.problems or not front.present:
            return None
        assert duration is not None
        return Scenario(
            id=values["id"],
            playbook_id=values["playbook"],
            language=language,
            title=values["title"],
            duration_minutes=duration,
            briefing=briefing,
            injects=tuple(
                Inject(
                    number=n,
                    offset_minutes=d.offset,
                    text=d.text,
                    sender=d.sender,
                    expected=tuple(e.strip() for e in d.expected if e.strip()),
                    line=d.line,
                )
                for n, d in enumerate(drafts, start=1)
            ),
        )

    def parse_body(self, start: int) -> tuple[str, list[_Draft]]:
        briefing: list[str] = []
        drafts: list[_Draft] = []
        for index in range(start, len(self.lines)):
            number = index + 1
            line = self.lines[index]
            stripped = line.strip()
            inject = _INJECT.match(line)
            if inject:
                drafts.append(self.inject(number, inject))
            elif _INJECT_LIKE.match(line):
                self.problem(
                    number,
                    _("an inject starts with its offset as +H:MM, e.g. '- +00:10 text'"),
                )
            elif not drafts:
                briefing.append(line)
            elif not stripped or line.startswith("#"):
                continue  # blank lines and headings may separate injects
            elif _INDENTED.match(line):
                current = drafts[-1].expected
                if _BULLET.match(stripped) or not current:
                    current.append(_BULLET.sub("", stripped, count=1))
                else:
                    current[-1] = current[-1] + " " + stripped
            else:
                self.problem(
                    number,
                    _(
                        "after the first inject only injects and their indented expected "
                        "actions may follow; move other text to the briefing above"
                    ),
                )
        return "\n".join(briefing).strip(), drafts

    def inject(self, number: int, match: re.Match[str]) -> _Draft:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if minutes >= 60:
            self.problem(
                number, _("offset +{h}:{m}: minutes go up to 59").format(h=hours, m=match.group(2))
            )
        text = (match.group(3) or "").strip()
        sender = ""
        block = _ATTRIBUTES.search(text)
        if block:
            text = text[: block.start()].strip()
            for part in block.group(1).split(";"):
                if not part.strip():
                    continue
                key, sep, value = part.partition(":")
                key = key.strip().lower()
                if not sep or key not in SENDER_KEYS or not value.strip():
                    self.problem(
                        number,
                        _(
                            "unknown inject attribute '{part}' (write {{from: who delivers it}})"
                        ).format(part=part.strip()),
                    )
                else:
                    sender = value.strip()
        if not text:
            self.problem(number, _("the inject has no text after its offset"))
        return _Draft(number, hours * 60 + minutes, text, sender)

    def check_injects(self, drafts: list[_Draft], duration: int | None) -> None:
        if not drafts:
            self.problem(
                len(self.lines),
                _("the scenario has no injects (lines like '- +00:10 what happens')"),
            )
        previous = 0
        for draft in drafts:
            if draft.offset < previous:
                self.problem(
                    draft.line,
                    _("this inject comes earlier than the one before it; keep them in time order"),
                )
            previous = max(previous, draft.offset)
            if duration is not None and draft.offset > duration:
                self.problem(
                    draft.line,
                    _(
                        "this inject comes after the end of the exercise (duration {d} minutes)"
                    ).format(d=duration),
                )


def parse_scenario(text: str, source: str = "<scenario>") -> Scenario:
    """Parse a scenario script; raises ``InvalidInput`` listing every problem."""
    parser = _Parser(text, source)
    scenario = parser.parse()
    if scenario is None:
        raise InvalidInput(parser.problems)
    return scenario


def load_scenario_file(path: Path) -> Scenario:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(
            [Problem(str(path), None, _("cannot read: {e}").format(e=error))]
        ) from None
    return parse_scenario(text, str(path))


def builtin_scenarios() -> list[Scenario]:
    """The scenario scripts shipped with crisisdesk, one per built-in playbook and language."""
    folder = builtin_folder() / SCENARIO_FOLDER
    if not folder.is_dir():
        return []
    entries = sorted(
        (e for e in folder.iterdir() if e.is_file() and is_playbook_name(e.name)),
        key=lambda e: e.name,
    )
    return [parse_scenario(e.read_text(encoding="utf-8"), e.name) for e in entries]
