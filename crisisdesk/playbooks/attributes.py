"""The attribute block at the end of a checklist item: ``{must; owner: it-lead; due: 2h}``.

Keys have a Dutch alias so a playbook can be written entirely in Dutch:
``verplicht`` (must), ``eigenaar`` (owner), ``binnen`` (due).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from crisisdesk.domain.i18n import _

_BLOCK = re.compile(r"\{([^{}]*)\}\s*$")
_DURATION = re.compile(r"^(?:(\d+)\s*d)?\s*(?:(\d+)\s*[hu])?\s*(?:(\d+)\s*m)?$", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9]+(?:[.\-_][a-z0-9]+)*$")

FLAGS = {"must": "must", "verplicht": "must"}
KEYS = {
    "owner": "owner",
    "eigenaar": "owner",
    "due": "due",
    "binnen": "due",
    "id": "id",
}
MAX_DUE_MINUTES = 366 * 24 * 60  # a year: anything longer is a typo


@dataclass
class ItemAttributes:
    must: bool = False
    owner: str | None = None
    due_minutes: int | None = None
    id: str | None = None
    problems: list[str] = field(default_factory=list)


def parse_duration(text: str) -> int | None:
    """'15m', '2h', '1h30m', '3d' (also '2u', Dutch 'uur') -> minutes; None if invalid."""
    compact = text.strip()
    match = _DURATION.match(compact)
    if not compact or not match or not any(match.groups()):
        return None
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    total = days * 24 * 60 + hours * 60 + minutes
    if total <= 0 or total > MAX_DUE_MINUTES:
        return None
    return total


def parse_attributes(text: str, roles: Iterable[str]) -> tuple[str, ItemAttributes]:
    """Split an item line's text into its visible text and its attributes."""
    attrs = ItemAttributes()
    match = _BLOCK.search(text)
    if not match:
        return text.strip(), attrs
    body = text[: match.start()].strip()
    role_keys = tuple(roles)
    seen: set[str] = set()
    for part in match.group(1).split(";"):
        part = part.strip()
        if not part:
            continue
        if ":" not in part:
            flag = FLAGS.get(part.lower())
            if flag is None:
                attrs.problems.append(
                    _("unknown item attribute '{name}' (use must, owner:, due: or id:)").format(
                        name=part
                    )
                )
            else:
                attrs.must = True
            continue
        name, _sep, value = part.partition(":")
        key = KEYS.get(name.strip().lower())
        value = value.strip()
        if key is None:
            attrs.problems.append(
                _("unknown item attribute '{name}' (use must, owner:, due: or id:)").format(
                    name=name.strip()
                )
            )
            continue
        if key in seen:
            attrs.problems.append(_("'{name}' is given twice").format(name=name.strip()))
            continue
        seen.add(key)
        if key == "owner":
            if value not in role_keys:
                attrs.problems.append(
                    _("unknown owner role '{role}' (known: {known})").format(
                        role=value, known=", ".join(role_keys)
                    )
                )
            else:
                attrs.owner = value
        elif key == "due":
            minutes = parse_duration(value)
            if minutes is None:
                attrs.problems.append(
                    _("due '{value}' is not a duration like 15m, 2h, 1h30m or 3d").format(
                        value=value
                    )
                )
            else:
                attrs.due_minutes = minutes
        elif _SLUG.match(value):
            attrs.id = value
        else:
            attrs.problems.append(
                _("item id '{value}': use lowercase letters, digits, '-' and '.'").format(
                    value=value
                )
            )
    return body, attrs
