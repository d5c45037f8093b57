"""The call tree as pure functions over its edges: check it, and edit it safely.

An edge says "caller calls callee" (caller None: the top of the tree, called by whoever
activates it). Each person is called by at most one caller (the store enforces it), so
the edges form a forest when all is well. Every editing function returns a NEW edge list
with the positions of each caller's calls renumbered 0, 1, 2, ...; it never mutates.

Editing refuses (``CallTreeRefused``) what would break the tree: a cycle, a person called
twice, someone calling themselves, a caller who is not in the tree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from crisisdesk.domain.contacts import CallTreeEdge, CallTreeReport, Role
from crisisdesk.domain.errors import Rejected
from crisisdesk.domain.i18n import _


class CallTreeRefused(Rejected):
    """An edit that would break the call tree (a cycle, a duplicate, ...)."""


Edges = Sequence[CallTreeEdge]


def calls_of(edges: Edges, caller_id: str | None) -> list[CallTreeEdge]:
    """The calls ``caller_id`` makes (None: the top of the tree), in calling order."""
    return sorted((e for e in edges if e.caller_id == caller_id), key=lambda e: e.position)


def edge_of(edges: Edges, callee_id: str) -> CallTreeEdge | None:
    """The edge by which ``callee_id`` is called, or None when nobody calls them."""
    return next((e for e in edges if e.callee_id == callee_id), None)


def descendants(edges: Edges, person_id: str) -> set[str]:
    """Everyone ``person_id`` calls, directly or further down (not the person itself,
    unless they are in a cycle with it)."""
    children: dict[str | None, list[str]] = defaultdict(list)
    for e in edges:
        children[e.caller_id].append(e.callee_id)
    seen: set[str] = set()
    todo = list(children[person_id])
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(children[node])
    return seen


def in_tree(edges: Edges, person_id: str) -> bool:
    """Whether the person is called by someone (or from the top)."""
    return edge_of(edges, person_id) is not None


def _renumber(edges: Iterable[CallTreeEdge]) -> list[CallTreeEdge]:
    """Positions 0.. per caller, keeping the order; edges in (caller, position) order."""
    groups: dict[str | None, list[CallTreeEdge]] = defaultdict(list)
    for e in edges:
        groups[e.caller_id].append(e)
    out: list[CallTreeEdge] = []
    for caller in sorted(groups, key=lambda c: (c is not None, c or "")):
        for pos, e in enumerate(sorted(groups[caller], key=lambda x: x.position)):
            out.append(e if e.position == pos else replace(e, position=pos))
    return out


def _insert(
    others: list[CallTreeEdge], edge: CallTreeEdge, caller_id: str | None, position: int | None
) -> list[CallTreeEdge]:
    """Put ``edge`` among ``caller_id``'s calls at ``position`` (None or too big: last)."""
    siblings = calls_of(others, caller_id)
    rest = [e for e in others if e.caller_id != caller_id]
    index = len(siblings) if position is None else max(0, min(position, len(siblings)))
    siblings.insert(index, replace(edge, caller_id=caller_id))
    ordered = [replace(e, position=i) for i, e in enumerate(siblings)]
    return _renumber(rest + ordered)


def _require_caller(edges: Edges, caller_id: str | None) -> None:
    if caller_id is not None and not in_tree(edges, caller_id):
        raise CallTreeRefused(
            _("The caller is not in the call tree yet: add them to the tree first.")
        )


def add_call(
    edges: Edges,
    edge_id: str,
    caller_id: str | None,
    callee_id: str,
    backup_id: str | None = None,
    position: int | None = None,
) -> list[CallTreeEdge]:
    """``caller_id`` (None: the top) also calls ``callee_id``, at ``position`` (default last)."""
    if caller_id == callee_id:
        raise CallTreeRefused(_("Nobody can call themselves."))
    if in_tree(edges, callee_id):
        raise CallTreeRefused(_("This person is already in the call tree: move them instead."))
    _require_caller(edges, caller_id)
    if caller_id is not None and caller_id in descendants(edges, callee_id):
        raise CallTreeRefused(_("That would make a cycle: the caller is called by this person."))
    _check_backup(callee_id, backup_id)
    edge = CallTreeEdge(id=edge_id, caller_id=caller_id, callee_id=callee_id, backup_id=backup_id)
    return _insert(list(edges), edge, caller_id, position)


def remove_call(edges: Edges, callee_id: str) -> list[CallTreeEdge]:
    """Take ``callee_id`` out of the tree. The people they called are not dropped: their
    calls move up to ``callee_id``'s caller, in the place ``callee_id`` had."""
    edge = edge_of(edges, callee_id)
    if edge is None:
        raise CallTreeRefused(_("This person is not in the call tree."))
    siblings = calls_of(edges, edge.caller_id)
    orphans = calls_of(edges, callee_id)
    index = siblings.index(edge)
    new_siblings = siblings[:index] + orphans + siblings[index + 1 :]
    moved = [replace(e, caller_id=edge.caller_id, position=i) for i, e in enumerate(new_siblings)]
    touched = {e.id for e in moved} | {edge.id}
    return _renumber([e for e in edges if e.id not in touched] + moved)


def move_call(
    edges: Edges, callee_id: str, new_caller_id: str | None, position: int | None = None
) -> list[CallTreeEdge]:
    """Move ``callee_id`` and everyone below them under ``new_caller_id`` (None: the top),
    at ``position`` among its calls (default last). Moving within the same caller
    reorders. Refused when the new caller is the person or someone below them."""
    edge = edge_of(edges, callee_id)
    if edge is None:
        raise CallTreeRefused(_("This person is not in the call tree."))
    if new_caller_id == callee_id:
        raise CallTreeRefused(_("Nobody can call themselves."))
    if new_caller_id is not None and new_caller_id in descendants(edges, callee_id):
        raise CallTreeRefused(
            _(
                "Cannot move a branch under someone in that same branch: "
                "it would make a cycle in the call tree."
            )
        )
    others = [e for e in edges if e.id != edge.id]
    _require_caller(others, new_caller_id)
    return _insert(others, edge, new_caller_id, position)


def shift_call(edges: Edges, callee_id: str, delta: int) -> list[CallTreeEdge]:
    """Move ``callee_id`` ``delta`` places earlier (negative) or later among its siblings."""
    edge = edge_of(edges, callee_id)
    if edge is None:
        raise CallTreeRefused(_("This person is not in the call tree."))
    siblings = calls_of(edges, edge.caller_id)
    index = siblings.index(edge)
    return move_call(edges, callee_id, edge.caller_id, max(0, index + delta))


def _check_backup(callee_id: str, backup_id: str | None) -> None:
    if backup_id is not None and backup_id == callee_id:
        raise CallTreeRefused(_("A person cannot be their own backup."))


def set_backup(edges: Edges, callee_id: str, backup_id: str | None) -> list[CallTreeEdge]:
    """The person to try when ``callee_id`` is not reached (None: no backup)."""
    edge = edge_of(edges, callee_id)
    if edge is None:
        raise CallTreeRefused(_("This person is not in the call tree."))
    _check_backup(callee_id, backup_id)
    return [replace(e, backup_id=backup_id) if e.id == edge.id else e for e in edges]


def _strongly_connected(nodes: Iterable[str], succ: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (a long chain must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = succ.get(node, [])
            if i < len(targets):
                work.append((node, i + 1))
                nxt = targets[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


def _ring_order(group: list[str], succ: dict[str, list[str]]) -> list[str]:
    """The members of a cycle in calling order, starting from the smallest id."""
    members = set(group)
    start = min(group)
    order = [start]
    node = start
    while True:
        nxt = next((t for t in sorted(succ.get(node, [])) if t in members), None)
        if nxt is None or nxt == start or nxt in order:
            break
        order.append(nxt)
        node = nxt
    # A tangle that is not one ring: list whoever the walk missed, sorted.
    return order + sorted(members.difference(order))


def check_call_tree(edges: Edges, roles: Sequence[Role]) -> CallTreeReport:
    """Find cycles (people who call each other round in a ring, so the tree never reaches
    them) and the crisis-team members the tree never reaches from its top."""
    succ: dict[str, list[str]] = defaultdict(list)
    nodes: list[str] = []
    for e in edges:
        if e.caller_id is not None:
            succ[e.caller_id].append(e.callee_id)
            nodes.append(e.caller_id)
        nodes.append(e.callee_id)
    cycles = [
        _ring_order(group, succ)
        for group in _strongly_connected(dict.fromkeys(nodes), succ)
        if len(group) > 1 or group[0] in succ.get(group[0], [])
    ]
    cycles.sort()
    reached: set[str] = set()
    todo = [e.callee_id for e in edges if e.caller_id is None]
    while todo:
        node = todo.pop()
        if node not in reached:
            reached.add(node)
            todo.extend(succ.get(node, []))
    in_cycle = {person for ring in cycles for person in ring}
    uncalled: list[str] = []
    for role in roles:
        for person in role.members:
            if person not in reached and person not in in_cycle and person not in uncalled:
                uncalled.append(person)
    return CallTreeReport(cycles=cycles, uncalled=uncalled)
