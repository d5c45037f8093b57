"""People and organisations, their channels, crisis-team roles and the call tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date


class ChannelKind:
    MOBILE = "mobile"
    LANDLINE = "landline"
    EMAIL = "email"
    OTHER = "other"

    ALL = (MOBILE, LANDLINE, EMAIL, OTHER)
    PHONES = (MOBILE, LANDLINE)


@dataclass(frozen=True)
class Channel:
    kind: str  # a ChannelKind
    value: str  # as typed by the user: always kept
    e164: str | None = None  # normalised phone number, None when not a phone or not parseable
    label: str = ""

    @property
    def is_phone(self) -> bool:
        return self.kind in ChannelKind.PHONES

    @property
    def flagged(self) -> bool:
        """A phone number that could not be parsed: kept as typed, shown with a warning."""
        return self.is_phone and self.e164 is None


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    kind: str = "person"  # "person" or "organisation"
    organisation: str = ""
    job_title: str = ""
    internal: bool = True
    channels: tuple[Channel, ...] = ()
    labels: tuple[str, ...] = ()
    notes: str = ""
    availability: str = ""
    last_verified: date | None = None


@dataclass(frozen=True)
class Role:
    """A crisis-team role; ``members`` holds contact ids, primary first, then backups."""

    id: str
    key: str  # stable key, e.g. "crisis-lead", used by playbooks as owner role
    name: str
    description: str = ""
    position: int = 0
    members: tuple[str, ...] = ()

    @property
    def primary(self) -> str | None:
        return self.members[0] if self.members else None

    @property
    def backups(self) -> tuple[str, ...]:
        return self.members[1:]


@dataclass(frozen=True)
class CallTreeEdge:
    """``caller_id`` calls ``callee_id`` (the caller is None for the top of the tree:
    called by whoever activates the tree). ``backup_id`` is tried when the callee is
    not reached. ``position`` orders the calls of one caller."""

    id: str
    caller_id: str | None
    callee_id: str
    position: int = 0
    backup_id: str | None = None


@dataclass(frozen=True)
class CallTreeReport:
    cycles: list[list[str]] = field(default_factory=list)
    uncalled: list[str] = field(default_factory=list)  # contact ids in a role nobody calls

    @property
    def ok(self) -> bool:
        return not self.cycles and not self.uncalled


# -- searching -----------------------------------------------------------------------
# A query matches a contact when every word of it is found in the contact's text
# (names, roles, organisation, labels, channel values), case-insensitively, or when the
# query is a phone number whose digits occur in one of the contact's numbers, however
# either was written ("06-1234 5001" finds "+31 6 12345001").

MIN_NUMBER_DIGITS = 3  # fewer digits than this in a query is not a number search


_NON_DIGITS = re.compile(r"\D+")


def digits_of(text: str) -> str:
    return _NON_DIGITS.sub("", text)


@dataclass(frozen=True)
class SearchKey:
    """What a contact is searched by, computed once per contact."""

    text: str  # casefolded words
    numbers: tuple[str, ...]  # digits of each number, as typed, E.164 and national


def search_key(
    contact: Contact, role_names: tuple[str, ...], national: tuple[str, ...]
) -> SearchKey:
    words = [
        contact.name,
        contact.organisation,
        contact.job_title,
        contact.availability,
        *contact.labels,
        *role_names,
        *(ch.value for ch in contact.channels),
    ]
    numbers = {
        digits_of(text)
        for ch in contact.channels
        if ch.is_phone
        for text in (ch.value, ch.e164 or "")
    }
    numbers.update(digits_of(n) for n in national)
    numbers.discard("")
    return SearchKey(" ".join(words).casefold(), tuple(sorted(numbers)))


def query_matches(query: str, key: SearchKey) -> bool:
    query = query.strip()
    if not query:
        return True
    digits = digits_of(query)
    if len(digits) >= MIN_NUMBER_DIGITS and not any(ch.isalpha() for ch in query):
        return any(digits in number for number in key.numbers)
    return all(word in key.text for word in query.casefold().split())
