"""Printing the contact sheet: gathers roles, call tree and contacts and lays them out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from crisisdesk.domain.contacts import CallTreeEdge, ChannelKind, Contact
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _, format_datetime
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.contacts import ContactsService
from crisisdesk.store import contacts_repo, settings_repo

if TYPE_CHECKING:  # reportlab is imported only when a sheet is made: commands start fast
    from crisisdesk.export.contact_sheet import ContactSheet

PAPERS = ("a4", "letter")
LAYOUTS = ("sheet", "wallet")
EXTERNAL_LABEL = "external"  # a label that only says "external": not a group of its own


class ContactSheetService:
    def __init__(self, ctx: ServiceContext, contacts: ContactsService) -> None:
        self._ctx = ctx
        self._contacts = contacts

    def sheet(self) -> ContactSheet:
        from crisisdesk.export.contact_sheet import (
            ContactSheet,
            SheetCall,
            SheetNumber,
            SheetPerson,
            SheetRole,
        )

        conn = self._ctx.handbook.conn
        country = self._contacts.country()
        contacts = {c.id: c for c in contacts_repo.list_contacts(conn)}
        roles = contacts_repo.list_roles(conn)
        role_names: dict[str, list[str]] = defaultdict(list)
        for role in roles:
            for cid in role.members:
                role_names[cid].append(role.name)

        def person(contact: Contact) -> SheetPerson:
            numbers = tuple(
                SheetNumber(
                    ch.kind,
                    self._contacts.display_number(ch, country) if ch.is_phone else ch.value,
                    ch.flagged,
                )
                for kind in (ChannelKind.MOBILE, ChannelKind.LANDLINE, ChannelKind.OTHER)
                for ch in contact.channels
                if ch.kind == kind
            )
            email = next((ch.value for ch in contact.channels if ch.kind == ChannelKind.EMAIL), "")
            return SheetPerson(
                name=contact.name,
                title=contact.job_title,
                organisation=""
                if contact.internal or contact.organisation == contact.name
                else contact.organisation,
                numbers=numbers,
                email=email,
                availability=contact.availability,
                notes=contact.notes,
            )

        people = {cid: person(c) for cid, c in contacts.items()}
        calls = tuple(
            SheetCall(
                number=number,
                depth=depth,
                caller=people.get(edge.caller_id) if edge.caller_id else None,
                callee=people[edge.callee_id],
                callee_roles=tuple(role_names.get(edge.callee_id, ())),
                backup=people.get(edge.backup_id) if edge.backup_id else None,
            )
            for number, depth, edge in call_order(contacts_repo.list_call_edges(conn))
            if edge.callee_id in people
        )
        placed = {cid for r in roles for cid in r.members} | {
            e.callee_id for e in contacts_repo.list_call_edges(conn)
        }
        groups: dict[str, list[SheetPerson]] = defaultdict(list)
        others = []
        for cid, contact in contacts.items():
            if not contact.internal:
                label = next(
                    (lab for lab in contact.labels if lab.casefold() != EXTERNAL_LABEL), ""
                )
                groups[label or _("External parties")].append(people[cid])
            elif cid not in placed:
                others.append(people[cid])

        def get(key: str) -> str:
            return str(settings_repo.get_setting(conn, key))

        return ContactSheet(
            organisation=get("organisation.name"),
            plan_version=get("plan.version"),
            printed=format_datetime(self._ctx.clock.now()),
            roles=tuple(
                SheetRole(r.name, tuple(people[m] for m in r.members if m in people)) for r in roles
            ),
            calls=calls,
            external_groups=tuple((g, tuple(groups[g])) for g in sorted(groups, key=str.casefold)),
            others=tuple(others),
        )

    def export_pdf(
        self,
        out: Path | IO[bytes],
        *,
        paper: str = "a4",
        layout: str = "sheet",
        on_page: Callable[[int], None] | None = None,
    ) -> None:
        """Write the contact sheet (or the wallet cards) as a PDF."""
        if paper.lower() not in PAPERS:
            raise CrisisdeskError(
                _("unknown paper size '{paper}' (a4 or letter)").format(paper=paper)
            )
        if layout not in LAYOUTS:
            raise CrisisdeskError(
                _("unknown layout '{layout}' (sheet or wallet)").format(layout=layout)
            )
        self.render(self.sheet(), out, paper=paper, layout=layout, on_page=on_page)

    @staticmethod
    def render(
        sheet: ContactSheet,
        out: Path | IO[bytes],
        *,
        paper: str = "a4",
        layout: str = "sheet",
        on_page: Callable[[int], None] | None = None,
    ) -> None:
        """Lay out a sheet gathered earlier with ``sheet()``: does not touch the
        handbook, so it may run off the GUI thread."""
        from crisisdesk.export.contact_sheet import build_contact_sheet

        if not isinstance(out, Path):
            build_contact_sheet(sheet, out, paper=paper, layout=layout, on_page=on_page)
            return
        # Write beside the target and move into place: never a half-written PDF.
        tmp = out.with_name(out.name + ".part")
        try:
            build_contact_sheet(sheet, tmp, paper=paper, layout=layout, on_page=on_page)
            tmp.replace(out)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise CrisisdeskError(
                _("{path}: cannot be written ({reason})").format(path=out, reason=exc.strerror)
            ) from None


def call_order(edges: list[CallTreeEdge]) -> list[tuple[str, int, CallTreeEdge]]:
    """The calls depth-first from the top of the tree, numbered 1, 1.1, 1.2, 2 ...

    Calls that cannot be reached from the top (their caller is in a cycle or not
    called by anyone) follow at the end, numbered on, so nothing is left off paper.
    """
    children: dict[str | None, list[CallTreeEdge]] = defaultdict(list)
    for edge in sorted(edges, key=lambda e: e.position):
        children[edge.caller_id].append(edge)
    order: list[tuple[str, int, CallTreeEdge]] = []
    seen: set[str] = set()

    def visit(caller: str | None, prefix: str, depth: int) -> None:
        for n, edge in enumerate(children.get(caller, []), start=1):
            if edge.id in seen:
                continue
            seen.add(edge.id)
            number = f"{prefix}{n}"
            order.append((number, depth, edge))
            visit(edge.callee_id, number + ".", depth + 1)

    visit(None, "", 0)
    top = len(children.get(None, []))
    for edge in edges:
        if edge.id not in seen:
            top += 1
            seen.add(edge.id)
            order.append((str(top), 0, edge))
            visit(edge.callee_id, f"{top}.", 1)
    return order
