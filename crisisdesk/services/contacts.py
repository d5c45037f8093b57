"""People and organisations: adding, changing, verifying, deleting and finding them.

Phone numbers are normalised here, with the handbook's home country, every time a
contact is saved: the value as typed is always kept, and a number that cannot be read
keeps ``e164`` None (shown flagged), never dropped.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from crisisdesk.domain.contacts import (
    Channel,
    ChannelKind,
    Contact,
    SearchKey,
    query_matches,
    search_key,
)
from crisisdesk.domain.errors import CrisisdeskError, InvalidInput, NotFound, Problem
from crisisdesk.domain.i18n import _
from crisisdesk.domain.ids import new_id
from crisisdesk.interchange import phones
from crisisdesk.interchange.records import ImportedContact, ReadResult
from crisisdesk.services.base import Progress, ServiceContext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.store import contacts_repo, settings_repo, team_repo

KINDS = ("person", "organisation")


@dataclass(frozen=True)
class ContactEntry:
    """A contact with what the lists show about it, computed once."""

    contact: Contact
    roles: tuple[str, ...]  # names of the crisis-team roles the contact fills
    main_number: str  # national format (or as typed when flagged); "" when none
    main_flagged: bool
    overdue: bool  # not verified within contacts.verify_interval_days
    key: SearchKey


@dataclass(frozen=True)
class Duplicate:
    line: int
    contact: Contact
    matches: str  # name of the contact already in the handbook, or "line N" of this file


@dataclass(frozen=True)
class ImportBasis:
    """The handbook's side of matching an import: its contacts, country, organisation."""

    existing: tuple[Contact, ...]
    country: str
    home_org: str
    revision: tuple[object, ...]


@dataclass
class ImportPreview:
    """What importing a file would do; nothing is saved until ``import_file``."""

    source: str
    format: str
    encoding: str
    to_add: list[ImportedContact] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    read: ReadResult | None = field(default=None, repr=False)
    revision: tuple[object, ...] = field(default=(), repr=False)  # contacts when previewed

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def flagged(self) -> list[tuple[int, str, str]]:
        """(line, name, number as typed) of numbers that could not be read: kept, flagged."""
        return [
            (item.line, item.contact.name, ch.value)
            for item in self.to_add
            for ch in item.contact.channels
            if ch.flagged
        ]


class _DuplicateIndex:
    """Finds a contact already seen: the same E.164 number, or the same name together
    with the same e-mail address or the same number as typed."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, ...], str] = {}

    @staticmethod
    def _keys_of(contact: Contact) -> list[tuple[str, ...]]:
        name = " ".join(contact.name.casefold().split())
        keys: list[tuple[str, ...]] = []
        for ch in contact.channels:
            if ch.e164:
                keys.append(("e164", ch.e164))
            elif ch.kind == ChannelKind.EMAIL:
                keys.append(("name+email", name, ch.value.casefold()))
            elif ch.value:
                keys.append(("name+value", name, "".join(ch.value.casefold().split())))
        return keys

    def find(self, contact: Contact) -> str | None:
        for key in self._keys_of(contact):
            if key in self._keys:
                return self._keys[key]
        return None

    def add(self, contact: Contact, label: str) -> None:
        for key in self._keys_of(contact):
            self._keys.setdefault(key, label)


class ContactsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._writes = 0  # counts this service's changes (a FixedClock never moves)

    # -- reading ------------------------------------------------------------------
    def country(self) -> str:
        return str(settings_repo.get_setting(self._ctx.handbook.conn, "organisation.country"))

    def today(self) -> date:
        return self._ctx.clock.now().astimezone().date()

    def all(self) -> list[Contact]:
        return contacts_repo.list_contacts(self._ctx.handbook.conn)

    def get(self, contact_id: str) -> Contact:
        contact = contacts_repo.get_contact(self._ctx.handbook.conn, contact_id)
        if contact is None:
            raise NotFound(_("No contact with id {id}").format(id=contact_id))
        return contact

    def display_number(self, channel: Channel, country: str | None = None) -> str:
        """National format for home-country numbers, international for others."""
        return phones.display(channel.e164, channel.value, country or self.country())

    def entries(self) -> list[ContactEntry]:
        """Every contact with its roles, main number and verification state."""
        conn = self._ctx.handbook.conn
        country = self.country()
        interval = int(settings_repo.get_setting(conn, "contacts.verify_interval_days"))
        due = self.today() - timedelta(days=interval)
        roles: dict[str, list[str]] = {}
        for role in contacts_repo.list_roles(conn):
            for cid in role.members:
                roles.setdefault(cid, []).append(role.name)
        result = []
        for contact in contacts_repo.list_contacts(conn):
            phones_ = [ch for ch in contact.channels if ch.is_phone]
            national = tuple(self.display_number(ch, country) for ch in phones_ if ch.e164)
            main = main_phone(contact)
            names = tuple(roles.get(contact.id, ()))
            result.append(
                ContactEntry(
                    contact=contact,
                    roles=names,
                    main_number=self.display_number(main, country) if main else "",
                    main_flagged=bool(main and main.flagged),
                    overdue=contact.last_verified is None or contact.last_verified < due,
                    key=search_key(contact, names, national),
                )
            )
        return result

    def search(self, query: str) -> list[Contact]:
        """Contacts whose names, roles, organisation, labels or numbers match."""
        return [e.contact for e in self.entries() if query_matches(query, e.key)]

    def usage(self, contact_id: str) -> list[str]:
        """Where a contact is used (roles, call tree): said before deleting it."""
        conn = self._ctx.handbook.conn
        uses = [
            _("crisis-team role {role}").format(role=r.name)
            for r in contacts_repo.list_roles(conn)
            if contact_id in r.members
        ]
        edges = contacts_repo.list_call_edges(conn)
        if any(contact_id in (e.callee_id, e.caller_id, e.backup_id) for e in edges):
            uses.append(_("the call tree"))
        return uses

    def check_number(self, value: str, country: str | None = None) -> str | None:
        """The number as it will be shown (national format), or None when it cannot
        be read as a phone number (it is then kept as typed and flagged)."""
        country = country or self.country()
        e164 = phones.normalise(value, country)
        return phones.display(e164, value, country) if e164 else None

    # -- preparing ----------------------------------------------------------------
    def normalised(self, contact: Contact, country: str | None = None) -> Contact:
        """The contact as it will be stored: trimmed fields, phones in E.164.

        Raises InvalidInput listing every problem (no name, unknown kind...).
        """
        country = country or self.country()
        problems = [Problem(_("contact"), None, message) for message in contact_problems(contact)]
        if problems:
            raise InvalidInput(problems)
        channels = tuple(
            normalise_channel(ch, country) for ch in contact.channels if ch.value.strip()
        )
        return dataclasses.replace(
            contact,
            id=contact.id or new_id(),
            name=contact.name.strip(),
            organisation=contact.organisation.strip(),
            job_title=contact.job_title.strip(),
            labels=tuple(dict.fromkeys(lab.strip() for lab in contact.labels if lab.strip())),
            notes=contact.notes.strip(),
            availability=contact.availability.strip(),
            channels=channels,
        )

    # -- import and export --------------------------------------------------------
    @staticmethod
    def read_file(path: Path) -> ReadResult:
        """Parse a vCard or CSV file without touching the handbook: safe to run off
        the GUI thread. Raises InvalidInput when it is not a contacts file at all
        (empty, binary, huge lines); problems in single records are listed."""
        from crisisdesk.interchange.contact_files import read_contacts_file  # vobject: lazily

        return read_contacts_file(path)

    def preview_import(self, path: Path) -> ImportPreview:
        """Say what importing a file would add, which contacts are already there, and
        every problem. Saves nothing."""
        return self.preview(self.read_file(path))

    def import_basis(self) -> ImportBasis:
        """What matching an import needs from the handbook, read here (on the thread
        that owns the handbook) so the matching itself can run on another."""
        return ImportBasis(
            existing=tuple(self.all()),
            country=self.country(),
            home_org=self._home_org(),
            revision=self._revision(),
        )

    def prepare_import(self, path: Path) -> Callable[[Progress], ImportPreview]:
        """Reading and matching a file as a task for another thread (the window's way;
        the handbook is read now, the task touches only the file)."""
        basis = self.import_basis()
        return lambda _progress: self.preview(self.read_file(path), basis)

    def preview(self, read: ReadResult, basis: ImportBasis | None = None) -> ImportPreview:
        """Match a parsed file against the handbook (or ``basis``, read from it before:
        then nothing here touches the handbook): new contacts, duplicates, problems."""
        basis = basis or self.import_basis()
        preview = ImportPreview(
            read.source,
            read.format,
            read.encoding,
            problems=list(read.problems),
            read=read,
            revision=basis.revision,
        )
        index = _DuplicateIndex()
        for existing in basis.existing:
            index.add(existing, existing.name)
        for item in read.contacts:
            try:
                contact = self.normalised(item.contact, basis.country)
            except InvalidInput as exc:
                preview.problems.extend(
                    Problem(read.source, item.line, p.message) for p in exc.problems
                )
                continue
            if basis.home_org and contact.organisation.casefold() == basis.home_org:
                contact = dataclasses.replace(contact, internal=True)
            match = index.find(contact)
            if match is not None:
                preview.duplicates.append(Duplicate(item.line, contact, match))
                continue
            index.add(contact, _("line {n} of this file").format(n=item.line))
            preview.to_add.append(ImportedContact(item.line, contact))
        preview.problems.sort(key=lambda p: p.line or 0)
        return preview

    def _revision(self) -> tuple[object, ...]:
        """Changes whenever a contact is added, changed or deleted (first: the stored
        contacts' own revision), or the country numbers are read in changes."""
        return (contacts_repo.revision(self._ctx.handbook.conn), self.country(), self._writes)

    def _home_org(self) -> str:
        return str(
            settings_repo.get_setting(self._ctx.handbook.conn, "organisation.name")
        ).casefold()

    def import_file(self, path: Path) -> ImportPreview:
        """Import every new contact of a file in one transaction, or nothing at all
        (InvalidInput listing every problem, with file and line)."""
        return self.commit_import(self.preview_import(path))

    def commit_import(self, preview: ImportPreview) -> ImportPreview:
        """Save what a preview showed, on this thread. Matched again first, so a contact
        added since the preview is not doubled; refused as a whole when there are problems."""
        saved = self.prepare_commit(preview)(lambda _done, _total: None)
        return self.import_saved(saved)

    def prepare_commit(self, preview: ImportPreview) -> Callable[[Progress], ImportPreview]:
        """Saving a previewed import as a task for another thread, on a connection of its
        own, in one transaction. Inside it the file is matched again when the contacts
        changed since the preview (another import, an edit: nothing is doubled), and
        the whole file is refused when there are problems (InvalidInput). Call
        ``import_saved`` with its result back on this thread."""
        changed_here = preview.read is not None and preview.revision != self._revision()
        if not changed_here and preview.problems:
            raise InvalidInput(preview.problems)
        country, home_org = self.country(), self._home_org()
        handbook, now = self._ctx.handbook, self._ctx.now_iso()

        def save(progress: Progress) -> ImportPreview:
            final = preview
            with handbook.worker() as own, own.transaction() as conn:
                stored = contacts_repo.revision(conn)
                if preview.read is not None and (changed_here or stored != preview.revision[0]):
                    existing = tuple(contacts_repo.list_contacts(conn))
                    basis = ImportBasis(existing, country, home_org, (stored,))
                    final = self.preview(preview.read, basis)
                if final.problems:
                    raise InvalidInput(final.problems)
                contacts = [item.contact for item in final.to_add]
                if contacts:
                    contacts_repo.insert_contacts(conn, contacts, now)
            progress(len(final.to_add), len(final.to_add))
            return final

        return save

    def import_saved(self, saved: ImportPreview) -> ImportPreview:
        """An import was written: tell the views (on the thread that owns them)."""
        if saved.to_add:
            self._writes += 1
            self._ctx.notifier.notify(Changed.of(Area.CONTACTS))
        return saved

    def export(self, path: Path, contacts: list[Contact] | None = None) -> int:
        """Write every contact (or those given: then the handbook is not touched, so
        it may run off the GUI thread) to a .vcf or .csv file; returns how many."""
        from crisisdesk.interchange.contact_files import export_text

        if contacts is None:
            contacts = self.all()
        text = export_text(contacts, path)
        target = Path(path)
        tmp = target.with_name(target.name + ".part")
        try:
            # readable by this user only: contacts are personal data
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            tmp.replace(target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise CrisisdeskError(
                _("{path}: cannot be written ({reason})").format(path=path, reason=exc.strerror)
            ) from None
        return len(contacts)

    # -- changing -----------------------------------------------------------------
    def add(self, contact: Contact) -> Contact:
        """Save a new contact (an empty id gets a new one); returns it as stored."""
        stored = self.normalised(contact)
        with self._ctx.handbook.transaction() as conn:
            contacts_repo.insert_contact(conn, stored, self._ctx.now_iso())
        self._writes += 1
        self._ctx.notifier.notify(Changed.of(Area.CONTACTS))
        return stored

    def update(self, contact: Contact) -> Contact:
        stored = self.normalised(contact)
        with self._ctx.handbook.transaction() as conn:
            if not contacts_repo.update_contact(conn, stored, self._ctx.now_iso()):
                raise NotFound(_("No contact with id {id}").format(id=contact.id))
        self._writes += 1
        self._ctx.notifier.notify(Changed.of(Area.CONTACTS))
        return stored

    def delete(self, contact_id: str) -> None:
        """Delete a contact; its role places and call-tree place go with it (the people
        it called are then called by its caller)."""
        with self._ctx.handbook.transaction() as conn:
            team_repo.detach_from_call_tree(conn, contact_id)
            if not contacts_repo.delete_contact(conn, contact_id):
                raise NotFound(_("No contact with id {id}").format(id=contact_id))
        self._writes += 1
        self._ctx.notifier.notify(Changed.of(Area.CONTACTS, Area.ROLES, Area.CALL_TREE))

    def verify_today(self, *contact_ids: str) -> date:
        """Record that these contacts' details were checked today."""
        today = self.today()
        with self._ctx.handbook.transaction() as conn:
            found = contacts_repo.set_verified(conn, list(contact_ids), today, self._ctx.now_iso())
            if found != len(set(contact_ids)):
                raise NotFound(_("One or more contacts no longer exist"))
        self._ctx.notifier.notify(Changed.of(Area.CONTACTS))
        return today


def main_phone(contact: Contact) -> Channel | None:
    """The number to call first: the first mobile, else the first landline."""
    for kind in ChannelKind.PHONES:
        for ch in contact.channels:
            if ch.kind == kind:
                return ch
    return None


def normalise_channel(channel: Channel, country: str) -> Channel:
    value = channel.value.strip()
    e164 = phones.normalise(value, country) if channel.is_phone else None
    return Channel(kind=channel.kind, value=value, e164=e164, label=channel.label.strip())


def contact_problems(contact: Contact) -> list[str]:
    """What makes a contact unsaveable (empty when it is fine)."""
    problems = []
    if not contact.name.strip():
        problems.append(_("a contact needs a name"))
    if contact.kind not in KINDS:
        problems.append(
            _("unknown kind '{kind}' (person or organisation)").format(kind=contact.kind)
        )
    for ch in contact.channels:
        if ch.kind not in ChannelKind.ALL:
            problems.append(
                _("unknown channel kind '{kind}' (mobile, landline, email or other)").format(
                    kind=ch.kind
                )
            )
    return problems
