"""graph/index.py: the rule as counts, the compiled index, the worklist's decision order, components."""

from __future__ import annotations

import gc
import itertools

import pytest
from hypothesis import given, settings

from graph.index import (
    ARGUMENT,
    CONCLUSION,
    GIVEN,
    IN,
    OUT,
    UNDECIDED,
    attack_links,
    cached_on,
    debate_index,
    gc_paused,
    node_ids,
    question_links,
    solve,
    status_from,
    support_links,
)
from tests.builders import build_debate, worked_example
from tests.strategies import debate_and_choices, debates


def _rule(kind: int, choice: str | None, attackers: int, a_in: int, a_out: int, supports: int, s_in: int, s_out: int):
    """The format's "Meaning" section, word for word."""
    defeated = a_in > 0
    clear = a_out == attackers
    if kind == GIVEN:
        if choice == "accepted" and clear:
            return "in"
        if choice == "rejected" or defeated:
            return "out"
        return "undecided"
    if kind == ARGUMENT:
        if s_in == supports and clear:
            return "in"
        if s_out > 0 or defeated:
            return "out"
        return "undecided"
    if s_in > 0 and clear:
        return "in"
    if s_out == supports or defeated:
        return "out"
    return "undecided"


def _thresholds_debate():
    """For S = 0..3: an argument bS with S premises, a conclusion cS with S
    arguments (S = 0 only in files check rejects), and one given g."""
    statements = [("g", "premise"), ("p0", "premise"), ("p1", "premise"), ("p2", "premise"), ("z", "conclusion")]
    arguments = []
    for n in range(4):
        statements.append((f"c{n}", "conclusion"))
        arguments.append((f"b{n}", "z", [f"p{i}" for i in range(n)]))
        arguments += [(f"e{n}{i}", f"c{n}", ["g"]) for i in range(n)]
    return build_debate(statements, arguments)


def test_status_from_with_the_index_thresholds_is_the_formats_rule():
    ix = debate_index(_thresholds_debate())
    nodes = [(ix.pos["g"], GIVEN, c, 0) for c in ("accepted", "unsure", "rejected")]
    nodes += [(ix.pos[f"b{n}"], ARGUMENT, None, n) for n in range(4)]
    nodes += [(ix.pos[f"c{n}"], CONCLUSION, None, n) for n in range(4)]
    cases = 0
    for x, kind, choice, supports in nodes:
        assert ix.kind[x] == kind and len(ix.sup_pred[x]) == supports
        need = ix.thresholds(x, choice or "accepted")
        for attackers in range(4):
            for a_in, a_out, s_in, s_out in itertools.product(range(4), repeat=4):
                if a_in + a_out > attackers or s_in + s_out > supports:
                    continue
                got = status_from(attackers, a_in, a_out, s_in, s_out, *need)
                assert got == _rule(kind, choice, attackers, a_in, a_out, supports, s_in, s_out)
                cases += 1
    assert cases > 500


def test_links_count_a_repeated_premise_or_attack_once():
    d = build_debate(
        [("p", "premise"), ("x", "objection"), ("c", "conclusion")],
        [("a", "c", ["p", "p"])],
        [("x", "a"), ("x", "a"), ("p", "a")],
    )
    assert node_ids(d) == ["p", "x", "c", "a"]
    assert list(support_links(d)) == [("p", "a"), ("a", "c")]
    assert list(attack_links(d)) == [("x", "a"), ("p", "a")]
    ix = debate_index(d)
    a = ix.pos["a"]
    assert ix.n_attackers[a] == 2 and (ix.need_in[a], ix.need_out[a]) == (1, 1)


def test_the_index_is_built_once_and_takes_no_new_attributes():
    d = worked_example()
    ix = debate_index(d)
    assert debate_index(d) is ix
    with pytest.raises(AttributeError):
        ix.memo = None  # type: ignore[attr-defined]


@settings(max_examples=80, deadline=None)
@given(debates())
def test_the_renumbered_index_is_the_file_mirrored(d):
    ix = debate_index(d)
    assert ix.file_ids == node_ids(d)
    assert sorted(ix.out_perm) == list(range(ix.n))
    for i, node in enumerate(ix.file_ids):
        assert ix.ids[ix.out_perm[i]] == node and ix.file_pos[ix.out_perm[i]] == i
    assert {(ix.ids[u], ix.ids[v]) for u in range(ix.n) for v in ix.sup_succ[u]} == set(support_links(d))
    assert {(ix.ids[u], ix.ids[v]) for u in range(ix.n) for v in ix.att_succ[u]} == (
        set(attack_links(d)) | set(question_links(d))
    )  # a question undercuts its argument
    for v in range(ix.n):
        assert all(v in ix.sup_succ[u] for u in ix.sup_pred[v]) and all(v in ix.att_succ[u] for u in ix.att_pred[v])
    assert ix.given_ids == [ix.ids[g] for g in ix.given_pos] and set(ix.given_ids) == set(d.given_ids)


@settings(max_examples=150, deadline=None)
@given(debate_and_choices())
def test_every_decision_rests_on_earlier_ones(dc):
    """The worklist's contract: each decided node's status is status_from of
    the counts of the nodes decided before it (what explanations rely on)."""
    d, ch = dc
    ix = debate_index(d)
    full = {**ix.start, **ch}
    status, order = solve(ix, ch)
    assert sorted(order) == sorted(i for i in range(ix.n) if status[i] != UNDECIDED)
    before: dict[int, str] = {}
    for x in order:

        def count(nodes, s):
            return sum(1 for y in nodes if before.get(y) == s)

        need = ix.thresholds(x, full.get(ix.ids[x], "accepted"))
        got = status_from(
            ix.n_attackers[x],
            count(ix.att_pred[x], IN),
            count(ix.att_pred[x], OUT),
            count(ix.sup_pred[x], IN),
            count(ix.sup_pred[x], OUT),
            *need,
        )
        assert got == status[x]
        before[x] = status[x]


def _reach(ix, x: int) -> set[int]:
    seen, todo = {x}, [x]
    while todo:
        u = todo.pop()
        for y in ix.att_succ[u] + ix.sup_succ[u]:
            if y not in seen:
                seen.add(y)
                todo.append(y)
    return seen


@settings(max_examples=80, deadline=None)
@given(debates())
def test_components_are_topological_and_exact(d):
    ix = debate_index(d)
    topo, members, cyclic = ix.scc()
    assert sorted(x for m in members for x in m) == list(range(ix.n))
    for u in range(ix.n):
        for v in ix.att_succ[u] + ix.sup_succ[u]:
            assert topo[u] <= topo[v]
    reach = [_reach(ix, x) for x in range(ix.n)]
    for t, m in enumerate(members):
        for u in m:
            assert {v for v in range(ix.n) if v in reach[u] and u in reach[v]} == set(m)
        assert cyclic[t] == (len(m) > 1 or m[0] in ix.att_succ[m[0]])


def test_check_choices_names_what_is_wrong():
    ix = debate_index(worked_example())
    with pytest.raises(ValueError, match="not a given of this debate: c"):
        ix.check_choices({"c": "accepted"})
    with pytest.raises(ValueError, match=r"not a choice \(accepted, rejected, unsure\): maybe"):
        ix.check_choices({"p": "maybe"})  # type: ignore[dict-item]
    ix.check_choices({"p": "unsure"})


def test_cached_on_builds_once_per_instance():
    d, other = worked_example(), worked_example()
    calls = []

    def build(debate):
        calls.append(debate)
        return object()

    first = cached_on(d, "_graph_test_slot", build)
    assert cached_on(d, "_graph_test_slot", build) is first and len(calls) == 1
    assert cached_on(other, "_graph_test_slot", build) is not first and len(calls) == 2
    assert d == other


def test_gc_paused_restores_the_collector_even_on_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
