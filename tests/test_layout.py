"""graph.layout: deterministic layered positions (thesis top, givens bottom), boxes placed by their size."""

from __future__ import annotations

import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.synthetic import make_debate, without_questions
from graph.layout import ARGUMENT_GAP, LABEL_ROOM, compute_layers, compute_layout, node_boxes
from graph.load import load_debate
from graph.model import Debate
from graph.render import NODE_GROUPS, node_styles
from graph.sizes import estimate_box
from graph.status import CHOICES, STATUSES
from tests.builders import build_debate
from tests.strategies import debates

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
    on row 0) by repeated relaxation; the thesis alone above the rest, a
    conclusion that supports nothing right under it; then every other one
    raised to one row below the lowest node it supports, again by relaxation
    until nothing moves."""
    layer = {s.id: 0 for s in d.statements} | {a.id: 0 for a in d.arguments}
    for _ in range(len(layer) + 1):
        for lo, hi in support_links(d):
            layer[hi] = max(layer[hi], layer[lo] + 1)
    if d.thesis is not None and any(v >= layer[d.thesis] for k, v in layer.items() if k != d.thesis):
        layer[d.thesis] = max(layer.values()) + 1
    if d.thesis is not None:  # a conclusion that supports nothing: right under the thesis
        for c in d.conclusion_ids:
            if c != d.thesis and not any(lo == c for lo, _ in support_links(d)):
                layer[c] = max(layer[c], layer[d.thesis] - 1)
    givens = set(d.given_ids)
    for _ in range(len(layer) + 1):
        for lo, _hi in support_links(d):
            if lo not in givens and lo != d.thesis:
                above = min(layer[hi] for lo2, hi in support_links(d) if lo2 == lo)
                layer[lo] = max(layer[lo], above - 1)
    return layer


@settings(max_examples=60, deadline=None)
@given(random_debates())
def test_layers_are_as_high_as_what_they_support_allows_and_positions_are_deterministic(d):
    layers = compute_layers(d)
    oracle = naive_layers(d)
    givens = set(d.given_ids)
    for node, v in oracle.items():
        if node not in givens:
            assert layers[node] == v, node
    for g in givens:
        uses = [layers[a.id] for a in d.arguments if g in a.premises]
        if uses:
            assert layers[g] == min(uses) - 1
    pos = compute_layout(d)
    assert pos == compute_layout(d)
    assert len(set(pos.values())) == len(pos)  # no two nodes on one spot
    for lo, hi in support_links(d):
        assert pos[lo][1] > pos[hi][1]


# ---- issue 13: boxes by their size, fewer crossings, no overlaps at any size ----

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "content" / "open-source-ai-safety.yaml"
# The layout before issue 13 (graph/layout.py at this commit) and its crossings
# on make_debate(300, seed=300), as bench/layout.py counts them.
BEFORE_COMMIT = "c77a19e60540c18fcb3f1bb39e64ea34201193f0"
BEFORE_CROSSINGS_300 = 6_649


def rects(d: Debate, pos):
    boxes = node_boxes(d)
    return {
        n: (x - boxes[n].left, y - boxes[n].top, x + boxes[n].right, y + boxes[n].bottom) for n, (x, y) in pos.items()
    }


def overlapping_pairs(d: Debate, pos) -> list[tuple[str, str]]:
    """Pairs of node boxes that overlap, found by a sweep over x (an oracle of its own)."""
    r = sorted(rects(d, pos).items(), key=lambda kv: kv[1][0])
    out = []
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(r):
        for b, (bx0, by0, bx1, by1) in r[i + 1 :]:
            if bx0 >= ax1:
                break
            if min(ay1, by1) - max(ay0, by0) > 0.01 and min(ax1, bx1) - max(ax0, bx0) > 0.01:
                out.append((a, b))
    return out


def drawn_segments(d: Debate, pos):
    """(from, to) of every edge the map draws (support, then attacks once per pair,
    then each critical question's on its argument)."""
    edges = [(p, a.id) for a in d.arguments for p in a.premises] + [(a.id, a.conclusion) for a in d.arguments]
    edges += [(q.id, q.argument) for q in d.questions]
    seen = set()
    for att in d.attacks:
        if att.target in pos and att.by in pos and att.by != att.target and (att.by, att.target) not in seen:
            seen.add((att.by, att.target))
            edges.append((att.by, att.target))
    return edges


def straight_crossings(d: Debate, pos) -> int:
    """Pairs of drawn edges whose straight segments between node centres cross."""

    def side(p, q, r):
        v = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
        return (v > 0) - (v < 0)

    segs = [(a, b, pos[a], pos[b]) for a, b in drawn_segments(d, pos)]
    count = 0
    for i, (a1, b1, p1, q1) in enumerate(segs):
        lo1, hi1 = min(p1[0], q1[0]), max(p1[0], q1[0])
        for a2, b2, p2, q2 in segs[i + 1 :]:
            if {a1, b1} & {a2, b2} or max(p2[0], q2[0]) < lo1 or min(p2[0], q2[0]) > hi1:
                continue
            if side(p1, q1, p2) * side(p1, q1, q2) < 0 and side(p2, q2, p1) * side(p2, q2, q1) < 0:
                count += 1
    return count


def test_the_essay_layout_has_no_overlapping_boxes_and_fewer_crossings_than_before():
    d = load_debate(ESSAY)
    pos = compute_layout(d)
    assert overlapping_pairs(d, pos) == []
    assert straight_crossings(d, pos) < 20  # the layout before: 20


@pytest.mark.parametrize("size", [300, 1000])
def test_synthetic_debates_have_no_overlapping_boxes(size):
    d = make_debate(size, seed=size)
    pos = compute_layout(d)
    assert set(pos) == {s.id for s in d.statements} | {a.id for a in d.arguments}
    assert overlapping_pairs(d, pos) == []


def before_crossings_300() -> int:
    """The crossings of the layout before issue 13 on the 300-statement debate:
    computed from that commit's layout when git has it, else the recorded figure."""
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE_COMMIT}:graph/layout.py"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return BEFORE_CROSSINGS_300
    namespace: dict = {"__name__": "layout_before"}
    exec(compile(source, "layout_before.py", "exec"), namespace)
    d = make_debate(300, seed=300)
    count = straight_crossings(d, namespace["compute_layout"](d))
    assert count == BEFORE_CROSSINGS_300  # the recorded figure is the one the old code gives
    return count


def test_crossings_on_the_300_statement_debate_are_far_fewer_than_before():
    d = make_debate(300, seed=300)
    now = straight_crossings(d, compute_layout(d))
    assert now < 0.6 * before_crossings_300()  # measured: 3,068 against 6,649


def test_positions_depend_only_on_the_debate():
    d = make_debate(300, seed=300)
    again = make_debate(300, seed=300)  # an equal debate, built anew
    assert compute_layout(d) == compute_layout(again)


def test_attacks_never_change_the_layer_of_an_argument_or_conclusion():
    d = make_debate(300, seed=300)
    bare = Debate(path=d.path, title=d.title, statements=d.statements, arguments=d.arguments, attacks=())
    with_attacks, without = compute_layers(d), compute_layers(bare)
    assert {n: v for n, v in with_attacks.items() if n not in set(d.given_ids)} == {
        n: v for n, v in without.items() if n not in set(d.given_ids)
    }


def test_a_node_box_is_the_widest_caption_it_can_have():
    """Whatever the statuses and choices, the label drawn (with the shape, font
    and corner of its vis group) fits in the box laid out: questions too."""
    d = load_debate(ESSAY)
    assert d.questions
    boxes = node_boxes(d)
    for status in STATUSES:
        for choice in CHOICES:
            statuses = {n: status for n in boxes}
            choices = dict.fromkeys(d.given_ids, choice)
            for style in node_styles(d, statuses, choices):
                group = NODE_GROUPS[style["group"]]
                if group["shape"] == "dot":
                    continue
                props = group["shapeProperties"]
                corner = props["borderRadius"] if group["shape"] == "box" else 0
                drawn = estimate_box(group["shape"], style["label"], group["font"]["size"], corner=corner)
                laid = boxes[style["id"]]
                assert all(a <= b + 1e-9 for a, b in zip(drawn, laid, strict=True)), (style["id"], status, choice)


def test_the_theses_reasons_sit_right_under_it_not_at_the_height_of_their_premises():
    d = build_debate(
        [("p", "premise"), ("q", "premise"), ("c1", "conclusion"), ("c2", "conclusion"), ("t", "conclusion")],
        [("a1", "c1", ["p"]), ("a2", "c2", ["c1"]), ("b1", "t", ["c2"]), ("b2", "t", ["q"])],
        thesis="t",
        **LAYOUT,
    )
    layers = compute_layers(d)
    # The longest path puts b2 on row 1, next to q; raised, it sits right under t.
    assert layers["t"] == 6 and layers["b1"] == layers["b2"] == 5
    assert layers["q"] == 4  # and its premise just below it
    essay = load_debate(ESSAY)
    essay_layers = compute_layers(essay)
    for a in essay.arguments:
        if a.conclusion == essay.thesis:
            assert essay_layers[a.id] == essay_layers[essay.thesis] - 1


def test_an_attack_between_two_boxes_side_by_side_has_room_for_its_label_between_them():
    d = build_debate(
        [("p", "premise"), ("q", "premise"), ("x", "objection"), ("r", "conclusion"), ("t", "conclusion")],
        [("a", "t", ["p"]), ("b", "r", ["q"])],
        [("x", "t"), ("r", "x")],
        thesis="t",
        **LAYOUT,
    )
    layers, pos, boxes = compute_layers(d), compute_layout(d), node_boxes(d)
    assert layers["r"] == layers["x"] == layers["t"] - 1  # side by side, the attack within the row
    left, right = sorted(("r", "x"), key=lambda n: pos[n][0])
    middle = (pos[left][0] + pos[right][0]) / 2  # where vis draws the label
    assert middle - (pos[left][0] + boxes[left].right) >= LABEL_ROOM / 2 - 0.1  # (positions are rounded)
    assert (pos[right][0] - boxes[right].left) - middle >= LABEL_ROOM / 2 - 0.1


def test_a_critical_question_sits_beside_its_argument_and_adds_no_crossing():
    d = load_debate(ESSAY)
    assert d.questions
    layers, pos, boxes = compute_layers(d), compute_layout(d), node_boxes(d)
    for q in d.questions:
        assert layers[q.id] == layers[q.argument]
        (qx, qy), (ax, ay) = pos[q.id], pos[q.argument]
        assert qy >= ay  # on the dot's line or the sub-row under it
        assert abs(qx - ax) <= 2 * (boxes[q.id].left + boxes[q.id].right)
    # An argument sits among its questions (some on each side), not at one end.
    for a in d.arguments:
        xs = [pos[q.id][0] for q in a.questions]
        if len(xs) > 1:
            assert min(xs) < pos[a.id][0] < max(xs), a.id
    # The questions' links cross nothing: as many crossings as the map without them.
    bare = without_questions(d)
    assert straight_crossings(d, pos) <= straight_crossings(bare, compute_layout(bare))


def test_a_folded_row_keeps_each_centre_clear_of_the_other_sub_rows_boxes():
    n = 40
    d = build_debate(
        [(f"p{i}", "premise") for i in range(n)] + [("t", "conclusion")],
        [("a", "t", [f"p{i}" for i in range(n)])],
        thesis="t",
        **LAYOUT,
    )
    pos = compute_layout(d)
    boxes = node_boxes(d)
    premises = [f"p{i}" for i in range(n)]
    assert len({pos[p][1] for p in premises}) == 2
    for p in premises:
        for q in premises:
            if pos[p][1] != pos[q][1]:
                assert not (pos[q][0] - boxes[q].left < pos[p][0] < pos[q][0] + boxes[q].right), (p, q)


@settings(max_examples=80, deadline=None)
@given(st.one_of(random_debates(), debates()))
def test_no_two_boxes_overlap_in_any_small_debate(d):
    pos = compute_layout(d)
    assert pos == compute_layout(d)
    assert overlapping_pairs(d, pos) == []
    layers = compute_layers(d)
    for a, b in pairwise(sorted(pos, key=lambda n: layers[n])):
        if layers[a] < layers[b]:
            assert pos[a][1] > pos[b][1]  # a higher layer is drawn higher up, always


def test_an_empty_debate_has_an_empty_layout():
    assert compute_layout(build_debate([], **LAYOUT)) == {}
