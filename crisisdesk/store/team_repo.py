"""Writing crisis-team roles and the call tree (reading them is in contacts_repo)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from crisisdesk.domain import calltree
from crisisdesk.domain.contacts import CallTreeEdge, Role
from crisisdesk.store.contacts_repo import insert_call_edge, list_call_edges, set_role_members


def update_role(conn: sqlite3.Connection, role: Role) -> None:
    """Name, description, position and members of an existing role."""
    conn.execute(
        "UPDATE roles SET name = ?, description = ?, position = ? WHERE id = ?",
        (role.name, role.description, role.position, role.id),
    )
    set_role_members(conn, role.id, role.members)


def delete_role(conn: sqlite3.Connection, role_id: str) -> None:
    conn.execute("DELETE FROM roles WHERE id = ?", (role_id,))


def set_role_positions(conn: sqlite3.Connection, role_ids: Sequence[str]) -> None:
    conn.executemany(
        "UPDATE roles SET position = ? WHERE id = ?",
        [(pos, rid) for pos, rid in enumerate(role_ids)],
    )


def replace_call_tree(conn: sqlite3.Connection, edges: Sequence[CallTreeEdge]) -> None:
    """The whole call tree becomes ``edges`` (inside the caller's transaction)."""
    conn.execute("DELETE FROM call_tree")
    for edge in edges:
        insert_call_edge(conn, edge)


def contact_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Every contact's id and name: enough to show roles and the call tree."""
    return {
        cid: name
        for cid, name in conn.execute("SELECT id, name FROM contacts ORDER BY name COLLATE NOCASE")
    }


def detach_from_call_tree(conn: sqlite3.Connection, contact_id: str) -> None:
    """Before a contact is deleted: the people they call move up to their caller (in
    their place), so deleting one person never silently drops a branch of the tree."""
    edges = list_call_edges(conn)
    if calltree.in_tree(edges, contact_id):
        replace_call_tree(conn, calltree.remove_call(edges, contact_id))
