"""The crisis team (roles with a primary and ordered backups) and the call tree.

Call-tree edits are computed by ``domain.calltree`` on the whole edge list and written
back in one transaction, so a refused edit changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from crisisdesk.domain import calltree
from crisisdesk.domain.contacts import CallTreeEdge, CallTreeReport, Role
from crisisdesk.domain.errors import NotFound, Rejected
from crisisdesk.domain.i18n import _
from crisisdesk.domain.ids import new_id
from crisisdesk.domain.team import STANDARD_ROLES
from crisisdesk.services.base import ServiceContext
from crisisdesk.services.changes import Area, Changed
from crisisdesk.store import contacts_repo, team_repo


@dataclass(frozen=True)
class CallNode:
    """One person in the call tree as shown: who, their backup, whom they call."""

    contact_id: str
    backup_id: str | None
    children: tuple[CallNode, ...] = ()


def _key_for(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40] or "role"
    key, n = base, 1
    while key in taken:
        n += 1
        key = f"{base}-{n}"
    return key


class TeamService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- reading ------------------------------------------------------------------
    def roles(self) -> list[Role]:
        return contacts_repo.list_roles(self._ctx.handbook.conn)

    def role(self, role_id: str) -> Role:
        found = next((r for r in self.roles() if r.id == role_id), None)
        if found is None:
            raise NotFound(_("No crisis-team role with id {id}.").format(id=role_id))
        return found

    def names(self) -> dict[str, str]:
        """Contact id -> name, for everyone who can be put in a role or the tree."""
        return team_repo.contact_names(self._ctx.handbook.conn)

    def edges(self) -> list[CallTreeEdge]:
        return contacts_repo.list_call_edges(self._ctx.handbook.conn)

    def call_tree(self) -> list[CallNode]:
        """The top of the call tree with everyone below, in calling order. People in a
        cycle are not reachable from the top and so are not in it (see check_call_tree)."""
        edges = self.edges()

        def build(caller: str | None, seen: frozenset[str]) -> tuple[CallNode, ...]:
            return tuple(
                CallNode(e.callee_id, e.backup_id, build(e.callee_id, seen | {e.callee_id}))
                for e in calltree.calls_of(edges, caller)
                if e.callee_id not in seen
            )

        return list(build(None, frozenset()))

    def check_call_tree(self) -> CallTreeReport:
        return calltree.check_call_tree(self.edges(), self.roles())

    # -- roles --------------------------------------------------------------------
    def _roles_changed(self) -> Changed:
        return self._ctx.notifier.notify(Changed.of(Area.ROLES))

    def add_role(self, name: str, description: str = "") -> Role:
        name = name.strip()
        if not name:
            raise Rejected(_("A crisis-team role needs a name."))
        roles = self.roles()
        role = Role(
            id=new_id(),
            key=_key_for(name, {r.key for r in roles}),
            name=name,
            description=description.strip(),
            position=len(roles),
        )
        with self._ctx.handbook.transaction() as conn:
            contacts_repo.insert_role(conn, role)
        self._roles_changed()
        return role

    def add_standard_roles(self) -> Changed:
        """Add the usual crisis-team roles the handbook does not have yet (by key)."""
        roles = self.roles()
        taken = {r.key for r in roles}
        with self._ctx.handbook.transaction() as conn:
            for key, name, task in STANDARD_ROLES:
                if key not in taken:
                    contacts_repo.insert_role(
                        conn,
                        Role(
                            id=new_id(),
                            key=key,
                            name=_(name),
                            description=_(task),
                            position=len(roles),
                        ),
                    )
                    roles.append(Role(id="", key=key, name=name))
        return self._roles_changed()

    def _update_role(self, role: Role) -> Changed:
        with self._ctx.handbook.transaction() as conn:
            team_repo.update_role(conn, role)
        return self._roles_changed()

    def rename_role(self, role_id: str, name: str, description: str | None = None) -> Changed:
        name = name.strip()
        if not name:
            raise Rejected(_("A crisis-team role needs a name."))
        role = self.role(role_id)
        return self._update_role(
            replace(
                role,
                name=name,
                description=role.description if description is None else description.strip(),
            )
        )

    def remove_role(self, role_id: str) -> Changed:
        self.role(role_id)
        with self._ctx.handbook.transaction() as conn:
            team_repo.delete_role(conn, role_id)
            team_repo.set_role_positions(conn, [r.id for r in contacts_repo.list_roles(conn)])
        return self._roles_changed()

    def move_role(self, role_id: str, delta: int) -> Changed | None:
        ids = [r.id for r in self.roles()]
        if role_id not in ids:
            raise NotFound(_("No crisis-team role with id {id}.").format(id=role_id))
        old = ids.index(role_id)
        new = max(0, min(len(ids) - 1, old + delta))
        if new == old:
            return None
        ids.insert(new, ids.pop(old))
        with self._ctx.handbook.transaction() as conn:
            team_repo.set_role_positions(conn, ids)
        return self._roles_changed()

    def set_members(self, role_id: str, members: Sequence[str]) -> Changed:
        """The role's people: the primary first, then the backups in the order to try."""
        role = self.role(role_id)
        members = tuple(members)
        if len(set(members)) != len(members):
            raise Rejected(_("A person can hold a role only once (as primary or as backup)."))
        known = self.names()
        missing = [m for m in members if m not in known]
        if missing:
            raise NotFound(_("No contact with id {id}.").format(id=missing[0]))
        return self._update_role(replace(role, members=members))

    def _edit_members(self, role_id: str, edit: Callable[[list[str]], None]) -> Changed:
        members = list(self.role(role_id).members)
        edit(members)
        return self.set_members(role_id, members)

    def set_primary(self, role_id: str, contact_id: str) -> Changed:
        """``contact_id`` becomes the primary; the former primary becomes first backup."""

        def edit(members: list[str]) -> None:
            if contact_id in members:
                members.remove(contact_id)
            members.insert(0, contact_id)

        return self._edit_members(role_id, edit)

    def add_backup(self, role_id: str, contact_id: str) -> Changed:
        def edit(members: list[str]) -> None:
            if contact_id in members:
                raise Rejected(_("This person already holds this role."))
            members.append(contact_id)

        return self._edit_members(role_id, edit)

    def remove_member(self, role_id: str, contact_id: str) -> Changed:
        def edit(members: list[str]) -> None:
            if contact_id not in members:
                raise NotFound(_("This person does not hold this role."))
            members.remove(contact_id)

        return self._edit_members(role_id, edit)

    def move_member(self, role_id: str, contact_id: str, delta: int) -> Changed | None:
        """Move a person up (negative) or down the role's order; moving to the top makes
        them the primary. None when already at that end."""
        members = list(self.role(role_id).members)
        if contact_id not in members:
            raise NotFound(_("This person does not hold this role."))
        old = members.index(contact_id)
        new = max(0, min(len(members) - 1, old + delta))
        if new == old:
            return None
        members.insert(new, members.pop(old))
        return self.set_members(role_id, members)

    # -- the call tree ------------------------------------------------------------
    def _write_tree(self, edges: list[CallTreeEdge]) -> Changed:
        with self._ctx.handbook.transaction() as conn:
            team_repo.replace_call_tree(conn, edges)
        return self._ctx.notifier.notify(Changed.of(Area.CALL_TREE))

    def _require_contact(self, *ids: str | None) -> None:
        known = self.names()
        for cid in ids:
            if cid is not None and cid not in known:
                raise NotFound(_("No contact with id {id}.").format(id=cid))

    def add_call(
        self,
        caller_id: str | None,
        callee_id: str,
        backup_id: str | None = None,
        position: int | None = None,
    ) -> Changed:
        self._require_contact(caller_id, callee_id, backup_id)
        return self._write_tree(
            calltree.add_call(self.edges(), new_id(), caller_id, callee_id, backup_id, position)
        )

    def remove_call(self, callee_id: str) -> Changed:
        return self._write_tree(calltree.remove_call(self.edges(), callee_id))

    def move_call(
        self, callee_id: str, new_caller_id: str | None, position: int | None = None
    ) -> Changed:
        self._require_contact(new_caller_id)
        return self._write_tree(
            calltree.move_call(self.edges(), callee_id, new_caller_id, position)
        )

    def shift_call(self, callee_id: str, delta: int) -> Changed | None:
        before = self.edges()
        after = calltree.shift_call(before, callee_id, delta)
        if sorted(before, key=lambda e: e.id) == sorted(after, key=lambda e: e.id):
            return None
        return self._write_tree(after)

    def set_backup(self, callee_id: str, backup_id: str | None) -> Changed:
        self._require_contact(backup_id)
        return self._write_tree(calltree.set_backup(self.edges(), callee_id, backup_id))

    def possible_callers(self, callee_id: str) -> list[str]:
        """Who ``callee_id`` (and their branch) could be moved under: everyone in the tree
        except the person and the people below them."""
        edges = self.edges()
        below = calltree.descendants(edges, callee_id) | {callee_id}
        names = self.names()
        return sorted(
            (e.callee_id for e in edges if e.callee_id not in below),
            key=lambda cid: names.get(cid, "").lower(),
        )

    def describe(self, report: CallTreeReport) -> list[str]:
        """One line per problem the check found, in words a crisis lead understands."""
        names = self.names()
        roles = self.roles()
        lines = [
            _("Cycle: {ring} call each other in a ring, so the tree never reaches them").format(
                ring=" → ".join(names.get(c, c) for c in [*ring, ring[0]])
            )
            for ring in report.cycles
        ]
        for person in report.uncalled:
            held = ", ".join(r.name for r in roles if person in r.members)
            lines.append(
                _("Nobody calls {name} ({roles})").format(
                    name=names.get(person, person), roles=held
                )
            )
        return lines
