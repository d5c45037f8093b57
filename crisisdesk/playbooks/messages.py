"""Read the stakeholder message templates (``playbooks/messages/<kind>.<lang>.md``).

Front matter: kind, language, title, subject, todo (the gap marker's word), exercise
(the banner for exercises); the body is the message. Placeholders are described in
``crisisdesk.domain.messages``. Errors are ``InvalidInput`` with file and line.
"""

from __future__ import annotations

from crisisdesk.domain.errors import InvalidInput, NotFound, Problem
from crisisdesk.domain.i18n import _
from crisisdesk.domain.messages import KNOWN_KEYS, PLACEHOLDER, MessageKind, MessageTemplate
from crisisdesk.domain.playbook import PLAYBOOK_LANGUAGES
from crisisdesk.playbooks.builtin import builtin_folder, is_playbook_name
from crisisdesk.playbooks.frontmatter import split_front_matter
from crisisdesk.playbooks.parser import split_lines

TEMPLATE_KEYS = ("kind", "language", "title", "subject", "todo", "exercise")
MESSAGES_FOLDER = "messages"


def parse_template(text: str, source: str) -> MessageTemplate:
    problems: list[Problem] = []

    def report(line: int | None, message: str) -> None:
        problems.append(Problem(source, line, message))

    lines = split_lines(text)
    front = split_front_matter(lines, report, TEMPLATE_KEYS)
    values = {key: entry.value for key, entry in front.entries.items()}
    if front.present:
        for key in TEMPLATE_KEYS:
            if not values.get(key):
                report(front.end_line, _("the front matter needs a '{key}:' line").format(key=key))
    if values.get("kind") and values["kind"] not in MessageKind.ALL:
        report(
            front.entries["kind"].line,
            _("kind '{value}' is not one of: {known}").format(
                value=values["kind"], known=", ".join(MessageKind.ALL)
            ),
        )
    if values.get("language") and values["language"] not in PLAYBOOK_LANGUAGES:
        report(
            front.entries["language"].line,
            _("language '{value}' is not one of: {known}").format(
                value=values["language"], known=", ".join(PLAYBOOK_LANGUAGES)
            ),
        )
    numbered = [(front.entries["subject"].line, values["subject"])] if "subject" in values else []
    numbered += [(n + 1, lines[n]) for n in range(front.body_start, len(lines))]
    for number, line in numbered:
        for match in PLACEHOLDER.finditer(line):
            key, label = match.group(1), (match.group(2) or "").strip()
            if key and key not in KNOWN_KEYS:
                report(
                    number,
                    _("unknown field '{key}' (known: {known})").format(
                        key=key, known=", ".join(KNOWN_KEYS)
                    ),
                )
            if not label:
                report(
                    number,
                    _(
                        "write what belongs here after a colon, e.g. {{{{{key}: contact person}}}}"
                    ).format(key=key or "field"),
                )
    if problems or not front.present:
        raise InvalidInput(problems)
    return MessageTemplate(
        kind=values["kind"],
        language=values["language"],
        title=values["title"],
        subject=values["subject"],
        body="\n".join(lines[front.body_start :]).strip() + "\n",
        todo=values["todo"],
        exercise=values["exercise"],
    )


def builtin_templates() -> dict[tuple[str, str], MessageTemplate]:
    """Every shipped template by (kind, language)."""
    folder = builtin_folder() / MESSAGES_FOLDER
    entries = sorted(
        (e for e in folder.iterdir() if e.is_file() and is_playbook_name(e.name)),
        key=lambda e: e.name,
    )
    templates = (parse_template(e.read_text(encoding="utf-8"), e.name) for e in entries)
    return {(t.kind, t.language): t for t in templates}


def template(kind: str, language: str) -> MessageTemplate:
    """The template of a kind in a language (English when that language has none)."""
    templates = builtin_templates()
    found = templates.get((kind, language)) or templates.get((kind, "en"))
    if found is None:
        raise NotFound(
            _("no message template '{kind}' (known: {known})").format(
                kind=kind, known=", ".join(MessageKind.ALL)
            )
        )
    return found
