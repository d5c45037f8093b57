"""What reading a contacts file gives: contacts with the line they start on, or problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from crisisdesk.domain.contacts import Contact
from crisisdesk.domain.errors import Problem


@dataclass(frozen=True)
class ImportedContact:
    line: int  # where the contact starts in the file (1-based)
    contact: Contact  # id "" until saved; phones not yet normalised


@dataclass
class ReadResult:
    source: str
    format: str  # e.g. "vCard", "Google Contacts CSV"
    encoding: str
    contacts: list[ImportedContact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
