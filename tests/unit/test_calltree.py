"""The call-tree algorithms: checking for cycles and uncalled people, and safe edits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.domain import calltree
from crisisdesk.domain.calltree import CallTreeRefused
from crisisdesk.domain.contacts import CallTreeEdge, Role


def E(caller: str | None, callee: str, pos: int = 0, backup: str | None = None) -> CallTreeEdge:
    return CallTreeEdge(
        id=f"e-{callee}", caller_id=caller, callee_id=callee, position=pos, backup_id=backup
    )


def role(*members: str) -> Role:
    return Role(id="r-" + "-".join(members), key="k", name="R", members=members)


def shape(edges: list[CallTreeEdge]) -> dict[str | None, list[str]]:
    """caller -> callees in calling order, for readable asserts."""
    out: dict[str | None, list[str]] = {}
    for e in sorted(edges, key=lambda e: ((e.caller_id or ""), e.position)):
        out.setdefault(e.caller_id, []).append(e.callee_id)
    return out


TREE = [E(None, "a"), E("a", "b", 0), E("a", "c", 1), E("b", "d", 0), E("b", "e", 1)]


# -- check ----------------------------------------------------------------------------
def test_a_proper_tree_has_no_problems() -> None:
    report = calltree.check_call_tree(TREE, [role("a", "b"), role("e")])
    assert report.ok and report.cycles == [] and report.uncalled == []


def test_a_ring_is_found_in_calling_order() -> None:
    edges = [*TREE, E("x", "y"), E("y", "z"), E("z", "x")]
    report = calltree.check_call_tree(edges, [])
    assert report.cycles == [["x", "y", "z"]]
    assert not report.ok


def test_self_call_is_a_cycle() -> None:
    report = calltree.check_call_tree([E(None, "a"), E("q", "q")], [])
    assert report.cycles == [["q"]]


def test_role_members_the_tree_never_reaches_are_uncalled() -> None:
    # "m" is in no edge; "d2" is called by "ghost", whom nobody calls.
    edges = [*TREE, E("ghost", "d2")]
    report = calltree.check_call_tree(edges, [role("a", "m"), role("d2", "c", "m")])
    assert report.uncalled == ["m", "d2"]  # role order, each once
    assert report.cycles == []


def test_people_in_a_ring_are_reported_as_cycle_not_twice_as_uncalled() -> None:
    edges = [*TREE, E("x", "y"), E("y", "x"), E("y", "w")]
    report = calltree.check_call_tree(edges, [role("x", "y", "w")])
    assert report.cycles == [["x", "y"]]
    assert report.uncalled == ["w"]  # called only from inside the ring


def test_a_long_chain_does_not_hit_the_recursion_limit() -> None:
    n = 5000
    edges = [E(None, "p0")] + [E(f"p{i}", f"p{i + 1}") for i in range(n)]
    edges.append(E(f"p{n}", "p1"))  # a huge ring p1..pn
    report = calltree.check_call_tree(edges, [])
    assert len(report.cycles) == 1 and len(report.cycles[0]) == n


# -- property tests against an independent oracle ---------------------------------------
@st.composite
def edge_lists(draw: st.DrawFn) -> list[CallTreeEdge]:
    """Random call graphs where each person is called at most once (as the store
    enforces), with arbitrary callers, so cycles and detached branches occur."""
    people = [f"p{i}" for i in range(draw(st.integers(1, 12)))]
    callees = draw(st.lists(st.sampled_from(people), unique=True))
    edges = []
    for pos, callee in enumerate(callees):
        caller = draw(st.one_of(st.none(), st.sampled_from(people)))
        edges.append(E(caller, callee, pos))
    return edges


def reaches_itself(edges: list[CallTreeEdge], person: str) -> bool:
    # Independent oracle: follow "who calls me" pointers (each person has at most one).
    caller_of = {e.callee_id: e.caller_id for e in edges}
    node = caller_of.get(person)
    for _ in range(len(edges) + 1):
        if node is None:
            return False
        if node == person:
            return True
        node = caller_of.get(node)
    return False


def reached_from_top(edges: list[CallTreeEdge], person: str) -> bool:
    caller_of = {e.callee_id: e.caller_id for e in edges}
    if person not in caller_of:
        return False
    node: str | None = person
    for _ in range(len(edges) + 1):
        if node not in caller_of:
            return False
        node = caller_of[node]
        if node is None:
            return True
    return False


@given(edge_lists(), st.lists(st.sampled_from([f"p{i}" for i in range(14)]), max_size=6))
def test_check_matches_the_oracle(edges: list[CallTreeEdge], members: list[str]) -> None:
    report = calltree.check_call_tree(edges, [role(*dict.fromkeys(members))])
    in_cycles = [p for ring in report.cycles for p in ring]
    people = {e.callee_id for e in edges} | {e.caller_id for e in edges if e.caller_id}
    assert sorted(in_cycles) == sorted(p for p in people if reaches_itself(edges, p))
    # each reported ring really is a ring of calls, in calling order
    pairs = {(e.caller_id, e.callee_id) for e in edges}
    for ring in report.cycles:
        assert all((ring[i], ring[(i + 1) % len(ring)]) in pairs for i in range(len(ring)))
    expected_uncalled = [
        p for p in dict.fromkeys(members) if not reached_from_top(edges, p) and p not in in_cycles
    ]
    assert report.uncalled == expected_uncalled


@st.composite
def trees(draw: st.DrawFn) -> list[CallTreeEdge]:
    """Proper trees: each person's caller is someone added before them (or the top)."""
    n = draw(st.integers(1, 12))
    edges = [E(None, "p0")]
    for i in range(1, n):
        caller = draw(st.one_of(st.none(), st.sampled_from([f"p{j}" for j in range(i)])))
        edges.append(E(caller, f"p{i}", draw(st.integers(0, 5))))
    return calltree._renumber(edges)


@given(trees(), st.data())
def test_any_allowed_move_keeps_a_tree_and_forbidden_ones_are_refused(
    edges: list[CallTreeEdge], data: st.DataObject
) -> None:
    people = [e.callee_id for e in edges]
    who = data.draw(st.sampled_from(people))
    target = data.draw(st.one_of(st.none(), st.sampled_from(people)))
    below = calltree.descendants(edges, who)
    if target == who or target in below:
        with pytest.raises(CallTreeRefused):
            calltree.move_call(edges, who, target)
        return
    moved = calltree.move_call(edges, who, target, data.draw(st.integers(0, 5)))
    assert calltree.check_call_tree(moved, [role(*people)]).ok
    assert sorted(e.callee_id for e in moved) == sorted(people)
    assert calltree.edge_of(moved, who).caller_id == target  # type: ignore[union-attr]
    assert calltree.descendants(moved, who) == below  # the branch came along
    for caller in {e.caller_id for e in moved}:
        assert [e.position for e in calltree.calls_of(moved, caller)] == list(
            range(len(calltree.calls_of(moved, caller)))
        )


@given(trees(), st.data())
def test_removing_someone_keeps_everyone_else_in_the_tree(
    edges: list[CallTreeEdge], data: st.DataObject
) -> None:
    people = [e.callee_id for e in edges]
    who = data.draw(st.sampled_from(people))
    after = calltree.remove_call(edges, who)
    assert sorted(e.callee_id for e in after) == sorted(p for p in people if p != who)
    assert calltree.check_call_tree(after, [role(*[p for p in people if p != who])]).ok


# -- edits ----------------------------------------------------------------------------
def test_move_a_branch_under_another_caller_at_a_position() -> None:
    moved = calltree.move_call(TREE, "b", "c", 0)
    assert shape(moved) == {None: ["a"], "a": ["c"], "c": ["b"], "b": ["d", "e"]}


def test_moving_a_branch_under_its_own_descendant_is_refused() -> None:
    with pytest.raises(CallTreeRefused, match="same branch"):
        calltree.move_call(TREE, "a", "d")
    with pytest.raises(CallTreeRefused, match="themselves"):
        calltree.move_call(TREE, "b", "b")


def test_move_to_the_top_and_reorder() -> None:
    moved = calltree.move_call(TREE, "e", None, 0)
    assert shape(moved)[None] == ["e", "a"]
    assert shape(calltree.shift_call(TREE, "e", -1))["b"] == ["e", "d"]
    assert shape(calltree.shift_call(TREE, "d", -1))["b"] == ["d", "e"]  # already first


def test_add_call_refuses_duplicates_self_and_callers_outside_the_tree() -> None:
    added = calltree.add_call(TREE, "new", "c", "f", backup_id="a", position=0)
    assert shape(added)["c"] == ["f"]
    assert calltree.edge_of(added, "f").backup_id == "a"  # type: ignore[union-attr]
    with pytest.raises(CallTreeRefused, match="already in the call tree"):
        calltree.add_call(TREE, "x", "c", "d")
    with pytest.raises(CallTreeRefused, match="themselves"):
        calltree.add_call(TREE, "x", "c", "c")
    with pytest.raises(CallTreeRefused, match="not in the call tree"):
        calltree.add_call(TREE, "x", "nobody", "f")
    with pytest.raises(CallTreeRefused, match="own backup"):
        calltree.add_call(TREE, "x", "c", "f", backup_id="f")


def test_remove_moves_the_calls_up_in_place() -> None:
    after = calltree.remove_call(TREE, "b")
    assert shape(after) == {None: ["a"], "a": ["d", "e", "c"]}
    with pytest.raises(CallTreeRefused):
        calltree.remove_call(TREE, "zz")


def test_set_backup() -> None:
    after = calltree.set_backup(TREE, "d", "e")
    assert calltree.edge_of(after, "d").backup_id == "e"  # type: ignore[union-attr]
    assert calltree.edge_of(calltree.set_backup(after, "d", None), "d").backup_id is None  # type: ignore[union-attr]
    with pytest.raises(CallTreeRefused):
        calltree.set_backup(TREE, "d", "d")
