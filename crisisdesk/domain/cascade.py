"""The call cascade of an incident: the call tree in calling order, with each call's
outcome and, for whoever was not reached, the backup to call instead."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crisisdesk.domain.contacts import CallTreeEdge
from crisisdesk.domain.projection import CallAttempt, CallState


@dataclass(frozen=True)
class CascadeRow:
    contact_id: str
    name: str
    depth: int  # 0 for the top of the tree
    caller_id: str | None
    backup_id: str | None
    backup_name: str
    last: CallAttempt | None
    reached: bool
    attempts: int

    @property
    def needs_backup(self) -> bool:
        """Called but not reached, and there is a backup to try."""
        return self.last is not None and not self.reached and self.backup_id is not None


@dataclass(frozen=True)
class Cascade:
    rows: tuple[CascadeRow, ...]
    reached: int
    pending: int  # people in the cascade not reached yet

    @property
    def total(self) -> int:
        return len(self.rows)


def build_cascade(
    edges: Sequence[CallTreeEdge],
    names: Mapping[str, str],
    calls: Mapping[str, CallState],
) -> Cascade:
    """Rows depth-first from the top of the tree, then anyone called outside the tree."""
    children: dict[str | None, list[CallTreeEdge]] = {}
    for edge in edges:
        children.setdefault(edge.caller_id, []).append(edge)
    for group in children.values():
        group.sort(key=lambda e: e.position)
    rows: list[CascadeRow] = []
    seen: set[str] = set()

    def row(contact_id: str, depth: int, caller: str | None, backup: str | None) -> CascadeRow:
        call = calls.get(contact_id)
        return CascadeRow(
            contact_id=contact_id,
            name=names.get(contact_id) or (call.name if call else contact_id),
            depth=depth,
            caller_id=caller,
            backup_id=backup,
            backup_name=names.get(backup, "") if backup else "",
            last=call.last if call else None,
            reached=bool(call and call.reached),
            attempts=len(call.attempts) if call else 0,
        )

    def walk(caller: str | None, depth: int) -> None:
        for edge in children.get(caller, []):
            if edge.callee_id in seen:  # a cycle or a second edge: list each person once
                continue
            seen.add(edge.callee_id)
            rows.append(row(edge.callee_id, depth, caller, edge.backup_id))
            walk(edge.callee_id, depth + 1)

    walk(None, 0)
    # Edges whose caller is not reachable from the top still belong in the list.
    for edge in edges:
        if edge.callee_id not in seen:
            seen.add(edge.callee_id)
            rows.append(row(edge.callee_id, 0, edge.caller_id, edge.backup_id))
    for contact_id in calls:
        if contact_id not in seen:
            seen.add(contact_id)
            rows.append(row(contact_id, 0, None, None))
    reached = sum(1 for r in rows if r.reached)
    return Cascade(tuple(rows), reached, len(rows) - reached)
