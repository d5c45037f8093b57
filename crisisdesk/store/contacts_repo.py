"""Contacts, their channels, crisis-team roles and the call tree."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from datetime import date
from typing import Any

from crisisdesk.domain.contacts import CallTreeEdge, Channel, Contact, Role
from crisisdesk.domain.ids import new_id


def _fields(contact: Contact) -> tuple[Any, ...]:
    """The contacts row's columns from kind to last_verified, as insert and update write them."""
    return (
        contact.kind,
        contact.name,
        contact.organisation,
        contact.job_title,
        int(contact.internal),
        json.dumps(list(contact.labels)),
        contact.notes,
        contact.availability,
        contact.last_verified.isoformat() if contact.last_verified else None,
    )


def insert_contact(conn: sqlite3.Connection, contact: Contact, now: str) -> None:
    conn.execute(
        "INSERT INTO contacts(id, kind, name, organisation, job_title, internal, labels, notes,"
        " availability, last_verified, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (contact.id, *_fields(contact), now, now),
    )
    _insert_channels(conn, contact)


def insert_contacts(conn: sqlite3.Connection, contacts: list[Contact], now: str) -> None:
    """Insert many contacts (an import) inside the caller's transaction."""
    for contact in contacts:
        insert_contact(conn, contact, now)


def update_contact(conn: sqlite3.Connection, contact: Contact, now: str) -> bool:
    """Replace a contact's fields and channels; False when there is no such contact."""
    cursor = conn.execute(
        "UPDATE contacts SET kind = ?, name = ?, organisation = ?, job_title = ?, internal = ?,"
        " labels = ?, notes = ?, availability = ?, last_verified = ?, updated_at = ?"
        " WHERE id = ?",
        (*_fields(contact), now, contact.id),
    )
    if cursor.rowcount == 0:
        return False
    conn.execute("DELETE FROM channels WHERE contact_id = ?", (contact.id,))
    _insert_channels(conn, contact)
    return True


def delete_contact(conn: sqlite3.Connection, contact_id: str) -> bool:
    """Delete a contact with its channels, role memberships and call-tree places."""
    return conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,)).rowcount > 0


def set_verified(conn: sqlite3.Connection, contact_ids: list[str], day: date, now: str) -> int:
    """Mark contacts as verified on ``day``; returns how many exist."""
    return sum(
        conn.execute(
            "UPDATE contacts SET last_verified = ?, updated_at = ? WHERE id = ?",
            (day.isoformat(), now, cid),
        ).rowcount
        for cid in contact_ids
    )


def _insert_channels(conn: sqlite3.Connection, contact: Contact) -> None:
    conn.executemany(
        "INSERT INTO channels(id, contact_id, kind, value, e164, label, position)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (new_id(), contact.id, ch.kind, ch.value, ch.e164, ch.label, pos)
            for pos, ch in enumerate(contact.channels)
        ],
    )


def _row_to_contact(row: tuple[Any, ...], channels: list[Channel]) -> Contact:
    (cid, kind, name, org, title, internal, labels, notes, avail, verified) = row
    return Contact(
        id=cid,
        kind=kind,
        name=name,
        organisation=org,
        job_title=title,
        internal=bool(internal),
        channels=tuple(channels),
        labels=tuple(json.loads(labels)),
        notes=notes,
        availability=avail,
        last_verified=date.fromisoformat(verified) if verified else None,
    )


_CONTACT_COLUMNS = (
    "id, kind, name, organisation, job_title, internal, labels, notes, availability, last_verified"
)


def list_contacts(conn: sqlite3.Connection) -> list[Contact]:
    channels: dict[str, list[Channel]] = defaultdict(list)
    for cid, kind, value, e164, label in conn.execute(
        "SELECT contact_id, kind, value, e164, label FROM channels ORDER BY contact_id, position"
    ):
        channels[cid].append(Channel(kind=kind, value=value, e164=e164, label=label))
    rows = conn.execute(
        f"SELECT {_CONTACT_COLUMNS} FROM contacts ORDER BY name COLLATE NOCASE, id"
    ).fetchall()
    return [_row_to_contact(r, channels.get(r[0], [])) for r in rows]


def get_contact(conn: sqlite3.Connection, contact_id: str) -> Contact | None:
    row = conn.execute(
        f"SELECT {_CONTACT_COLUMNS} FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()
    if row is None:
        return None
    chans = [
        Channel(kind=k, value=v, e164=e, label=lab)
        for k, v, e, lab in conn.execute(
            "SELECT kind, value, e164, label FROM channels WHERE contact_id = ? ORDER BY position",
            (contact_id,),
        )
    ]
    return _row_to_contact(row, chans)


def count_contacts(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])


def revision(conn: sqlite3.Connection) -> tuple[object, ...]:
    """A value that changes when any contact is added, changed or deleted."""
    row = conn.execute("SELECT count(*), max(updated_at), total(rowid) FROM contacts").fetchone()
    return tuple(row)


def count_unverified(conn: sqlite3.Connection, verified_since: date) -> int:
    return int(
        conn.execute(
            "SELECT count(*) FROM contacts WHERE last_verified IS NULL OR last_verified < ?",
            (verified_since.isoformat(),),
        ).fetchone()[0]
    )


def insert_role(conn: sqlite3.Connection, role: Role) -> None:
    conn.execute(
        "INSERT INTO roles(id, key, name, description, position) VALUES (?, ?, ?, ?, ?)",
        (role.id, role.key, role.name, role.description, role.position),
    )
    set_role_members(conn, role.id, role.members)


def set_role_members(conn: sqlite3.Connection, role_id: str, members: tuple[str, ...]) -> None:
    conn.execute("DELETE FROM role_members WHERE role_id = ?", (role_id,))
    conn.executemany(
        "INSERT INTO role_members(role_id, contact_id, rank) VALUES (?, ?, ?)",
        [(role_id, cid, rank) for rank, cid in enumerate(members)],
    )


def list_roles(conn: sqlite3.Connection) -> list[Role]:
    members: dict[str, list[str]] = defaultdict(list)
    for role_id, contact_id in conn.execute(
        "SELECT role_id, contact_id FROM role_members ORDER BY role_id, rank"
    ):
        members[role_id].append(contact_id)
    return [
        Role(
            id=r[0],
            key=r[1],
            name=r[2],
            description=r[3],
            position=r[4],
            members=tuple(members.get(r[0], [])),
        )
        for r in conn.execute(
            "SELECT id, key, name, description, position FROM roles ORDER BY position, name"
        )
    ]


def insert_call_edge(conn: sqlite3.Connection, edge: CallTreeEdge) -> None:
    conn.execute(
        "INSERT INTO call_tree(id, caller_id, callee_id, backup_id, position) VALUES (?, ?, ?, ?, ?)",
        (edge.id, edge.caller_id, edge.callee_id, edge.backup_id, edge.position),
    )


def list_call_edges(conn: sqlite3.Connection) -> list[CallTreeEdge]:
    return [
        CallTreeEdge(id=r[0], caller_id=r[1], callee_id=r[2], backup_id=r[3], position=r[4])
        for r in conn.execute(
            "SELECT id, caller_id, callee_id, backup_id, position FROM call_tree"
            " ORDER BY caller_id IS NOT NULL, caller_id, position"
        )
    ]
