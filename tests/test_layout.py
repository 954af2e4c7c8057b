"""graph.layout: deterministic layered positions (thesis top, givens bottom)."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.layout import ARGUMENT_GAP, compute_layers, compute_layout
from graph.model import Debate
from tests.builders import build_debate

# This file's debates: texts "text of <id>"; arguments and attacks on line 1.
LAYOUT = {"text": "text of {id}", "lines": "statements"}

CHAIN = build_debate(
    [
        ("p", "premise"),
        ("q", "premise"),
        ("r", "analogy"),
        ("c", "conclusion"),
        ("d", "conclusion"),
        ("x", "objection"),
        ("y", "objection"),
    ],
    [("a1", "c", ["p", "q"]), ("a2", "c", ["r"]), ("a3", "d", ["c"])],
    [("x", "a2"), ("y", "x")],
    thesis="d",
    **LAYOUT,
)


def support_links(d: Debate):
    for a in d.arguments:
        for p in a.premises:
            yield p, a.id
        yield a.id, a.conclusion


def test_every_node_gets_a_position_and_the_same_one_each_time():
    first = compute_layout(CHAIN)
    assert set(first) == {s.id for s in CHAIN.statements} | {a.id for a in CHAIN.arguments}
    assert compute_layout(CHAIN) == first


def test_thesis_alone_on_top_givens_at_the_bottom():
    pos = compute_layout(CHAIN)
    top = min(y for _, y in pos.values())
    bottom = max(y for _, y in pos.values())
    assert [n for n, (_, y) in pos.items() if y == top] == ["d"]
    assert {n for n, (_, y) in pos.items() if y == bottom} == set(CHAIN.given_ids)


def test_a_given_sits_just_below_the_lowest_argument_it_feeds():
    d = build_debate(
        [("p", "premise"), ("q", "premise"), ("c", "conclusion"), ("t", "conclusion"), ("x", "objection")],
        [("a", "c", ["p"]), ("b", "t", ["c", "q"])],
        [("x", "b")],
        thesis="t",
        **LAYOUT,
    )
    layers = compute_layers(d)
    assert layers["p"] == 0 and layers["a"] == 1 and layers["c"] == 2 and layers["b"] == 3
    assert layers["q"] == 2  # feeds only b (row 3): sits on row 2, not row 0
    assert layers["x"] == 2  # attacks b only: one row below it


def test_a_wide_row_is_folded_into_staggered_sub_rows():
    n = 40
    d = build_debate(
        [(f"p{i}", "premise") for i in range(n)] + [("t", "conclusion")],
        [("a", "t", [f"p{i}" for i in range(n)])],
        thesis="t",
        **LAYOUT,
    )
    pos = compute_layout(d)
    ys = {pos[f"p{i}"][1] for i in range(n)}
    assert len(ys) > 1  # folded
    assert all(y > pos["a"][1] for y in ys)  # still below what they support
    xs = sorted(pos[f"p{i}"][0] for i in range(n))
    assert xs[-1] - xs[0] < (n - 1) * 205  # narrower than one long row


def test_support_always_points_up():
    pos = compute_layout(CHAIN)
    for lo, hi in support_links(CHAIN):
        assert pos[lo][1] > pos[hi][1], (lo, hi)


def test_thesis_is_lifted_above_a_taller_side_conclusion():
    d = build_debate(
        [("p", "premise"), ("t", "conclusion"), ("c1", "conclusion"), ("c2", "conclusion")],
        [("a", "t", ["p"]), ("b", "c1", ["p"]), ("e", "c2", ["c1"])],
        thesis="t",
        **LAYOUT,
    )
    layers = compute_layers(d)
    assert layers["t"] > max(v for k, v in layers.items() if k != "t")


def crossings(d: Debate, pos) -> int:
    """Pairs of support links between the same two rows that cross."""
    links = [(pos[a], pos[b]) for a, b in support_links(d)]
    count = 0
    for i, ((ax1, ay1), (ax2, ay2)) in enumerate(links):
        for (bx1, by1), (bx2, by2) in links[i + 1 :]:
            if (ay1, ay2) != (by1, by2):
                continue
            if (ax1 - bx1) * (ax2 - bx2) < 0:
                count += 1
    return count


def test_barycenter_sweeps_untangle_a_crossed_file_order():
    # File order puts the premises of c2 first and those of c1 last: drawn in
    # file order every link would cross.
    d = build_debate(
        [
            ("p4", "premise"),
            ("p3", "premise"),
            ("p2", "premise"),
            ("p1", "premise"),
            ("c1", "conclusion"),
            ("c2", "conclusion"),
            ("t", "conclusion"),
        ],
        [("a1", "c1", ["p1", "p2"]), ("a2", "c2", ["p3", "p4"]), ("at", "t", ["c1", "c2"])],
        thesis="t",
        **LAYOUT,
    )
    assert crossings(d, compute_layout(d)) == 0


def test_nodes_in_one_row_never_overlap():
    pos = compute_layout(CHAIN)
    rows = {}
    for x, y in pos.values():
        rows.setdefault(y, []).append(x)
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= ARGUMENT_GAP for a, b in pairwise(xs))


@st.composite
def random_debates(draw):
    """Random acyclic support structures: statement i may only rest on lower ones."""
    n_givens = draw(st.integers(1, 6))
    n_concl = draw(st.integers(1, 6))
    givens = [(f"g{i}", draw(st.sampled_from(["premise", "analogy", "example", "objection"]))) for i in range(n_givens)]
    concl = [(f"c{i}", "conclusion") for i in range(n_concl)]
    order = [g for g, _ in givens] + [c for c, _ in concl]
    args = []
    for ci, (c, _) in enumerate(concl):
        below = order[: n_givens + ci]
        for k in range(draw(st.integers(1, 2))):
            ps = draw(st.lists(st.sampled_from(below), min_size=1, max_size=3, unique=True))
            args.append((f"a{ci}-{k}", c, ps))
    attacks = draw(st.lists(st.tuples(st.sampled_from(order), st.sampled_from(order)), max_size=4))
    thesis = draw(st.sampled_from([None, concl[-1][0]]))
    return build_debate(givens + concl, args, attacks, thesis=thesis, **LAYOUT)


def naive_layers(d: Debate) -> dict[str, int]:
    """Oracle for arguments and conclusions: longest path from the givens (all
    on row 0) by repeated relaxation."""
    layer = {s.id: 0 for s in d.statements} | {a.id: 0 for a in d.arguments}
    for _ in range(len(layer) + 1):
        for lo, hi in support_links(d):
            layer[hi] = max(layer[hi], layer[lo] + 1)
    return layer


@settings(max_examples=60, deadline=None)
@given(random_debates())
def test_layers_are_longest_paths_and_positions_are_deterministic(d):
    layers = compute_layers(d)
    oracle = naive_layers(d)
    givens = set(d.given_ids)
    for node, v in oracle.items():
        if node == d.thesis:
            assert layers[node] >= v
        elif node not in givens:
            assert layers[node] == v
    for g in givens:
        uses = [layers[a.id] for a in d.arguments if g in a.premises]
        if uses:
            assert layers[g] == min(uses) - 1
    pos = compute_layout(d)
    assert pos == compute_layout(d)
    assert len(set(pos.values())) == len(pos)  # no two nodes on one spot
    for lo, hi in support_links(d):
        assert pos[lo][1] > pos[hi][1]
