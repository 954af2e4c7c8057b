"""Deterministic positions for the argument map, computed in Python.

The map is drawn bottom-up: givens (premises, analogies, examples, objections)
on the bottom row, the arguments and conclusions they support above them, the
thesis alone on the top row, its reasons right under it.  Layers come from
*support* links only (premise -> argument -> conclusion: the longest path
from below, then each argument and conclusion raised as close under what it
supports as it can go); attacks never change a layer, so a choice never
moves a node.  A critical question sits on its argument's row, beside it.

Then a layered (Sugiyama) drawing of every drawn edge, support and attack:

1. a link that spans several layers gets a chain of dummy nodes, one per
   layer it passes, so that it is ordered, and given room, like a node;
2. the order within each layer: from a depth-first walk down from the top,
   sweeps down and up that sort each layer by the weighted median of its
   neighbours' positions in the layer swept from, each followed by
   transpositions of neighbours that remove crossings; the order with the
   fewest crossings is kept (counted exactly between adjacent layers,
   dummies included).  How many sweeps depends on the graph's size only;
3. a layer with many statements is folded into two staggered sub-rows
   (every other statement on the lower one), so a wide debate keeps a
   shape that fits a frame;
4. y: each row as tall as its tallest box (``node_boxes``: the box
   vis-network draws, large enough for every caption a node can have, a
   hexagon's label under it included), ``ROW_GAP`` between rows;
5. x: each row placed by the size of its boxes, never closer than its
   neighbours' half-widths and a gap, as near as it can to where its links
   pull it (the mean of its neighbours; a dummy to the point of its
   straight edge, so that the edge passes through the room kept for it):
   an exact least-squares row solve (pool adjacent violators) in sweeps.

No two boxes overlap.  Same debate -> same positions: every choice and tie
is broken by file order, and no step depends on time.  Cost: O((n + d) log n)
per sweep, n nodes and d dummies (13,000 at 1,000 statements): about 0.4 s
for 1,000 statements, 1.5 s for 3,000 (bench/LAYOUT.md).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import pairwise

from graph.caption import ATTACK_LABEL, KIND_SHAPES, box_corner, caption_variants, node_kind
from graph.index import attack_links, question_links
from graph.model import Debate
from graph.sizes import ARGUMENT_DOT, CONCLUSION_FONT, EDGE_FONT, NODE_FONT, NodeBox, estimate_box, text_width

__all__ = ["ARGUMENT_GAP", "BOX_GAP", "LABEL_ROOM", "ROW_GAP", "compute_layers", "compute_layout", "node_boxes"]

BOX_GAP = 20  # the least room between two boxes side by side
ARGUMENT_GAP = 70  # the least distance between the centres of two nodes side by side
ROW_GAP = 36  # the least room between the boxes of two rows (an arrow's length)
SUBROW_GAP = 16  # between the sub-rows of a folded row (no arrow ends there)
MAX_FOLD = 2  # sub-rows of a folded row: a third would make it no narrower (see _seps)
EDGE_ROOM = 10  # kept between an edge and a box it passes
ROOM_CAP = 100  # the most extra room a leaning long edge is given beside a box
EDGE_GAP = 3  # between two long edges passing side by side
# The room an attack's label needs between two boxes side by side that it
# links: vis draws it at the middle of their centres, under a box if the gap
# is short.  Its width, its white outline and a little air.
LABEL_ROOM = text_width(ATTACK_LABEL, EDGE_FONT) + 2 * 3 + 2 * 6
# Effort: sweeps x nodes (dummies included) of the ordering; the sweeps are
# kept between these bounds.  Measured (bench/layout.py): 24 sweeps take the
# 300-statement debate from 3,456 to 3,059 crossings; at 1,000 statements 8
# sweeps of one transposition pass cost 0.5 s, four passes 0.2 s more for 1 %.
ORDER_BUDGET = 120_000
ORDER_SWEEPS = (4, 24)
SMALL_GRAPH = 5_000  # up to this many nodes, transpositions go on for up to 4 passes a sweep
PLACE_SWEEPS = 6  # up-and-down sweeps of the x placement
LEAN_SWEEPS = 3  # of which the first few widen the room for leaning edges


def _support_links(debate: Debate) -> list[tuple[str, str]]:
    """(lower, upper) pairs: premise -> argument and argument -> conclusion."""
    links: list[tuple[str, str]] = []
    for arg in debate.arguments:
        for p in arg.premises:
            links.append((p, arg.id))
        links.append((arg.id, arg.conclusion))
    return links


def compute_layers(debate: Debate) -> dict[str, int]:
    """Node id -> layer (0 = bottom row).  First every argument and
    conclusion sits one above the highest node it rests on (longest path
    over support links), and the thesis (when there is one) alone on a row
    above everything else if anything else reaches its row.  Then each
    argument and conclusion other than the thesis is raised as high as what
    it supports allows: one row below the lowest node it supports (so the
    thesis's reasons sit right under it, not at the height of their own
    premises).  A given sits one row below the lowest argument it feeds (an
    objection that feeds none: one row below the highest node it attacks, at
    least 0); a critical question sits on its argument's row, beside the
    argument's dot (and a statement that only answers a question one row
    below it).

    Circular support cannot occur in a valid debate; if it does anyway, the
    nodes on the cycle are left on the layer reached so far (no infinite loop).
    """
    ids = [s.id for s in debate.statements] + [a.id for a in debate.arguments] + [q.id for q in debate.questions]
    links = _support_links(debate)
    layer = _support_layers(ids, links)
    thesis = debate.thesis
    if thesis is not None and thesis in layer:
        top = max(layer.values(), default=0)
        others_on_top = any(v >= layer[thesis] and k != thesis for k, v in layer.items())
        if others_on_top:
            layer[thesis] = top + 1
    _raise_reasons(debate, layer, links)
    _lower_givens(debate, layer)
    return layer


def _raise_reasons(debate: Debate, layer: dict[str, int], links: list[tuple[str, str]]) -> None:
    """Raise every argument and conclusion in ``layer`` (not the thesis) to
    one row below the lowest node it supports, when that is higher, and a
    conclusion that supports nothing to the row under the thesis.  Taken
    from the top down, so what a node supports is final when it is raised;
    a node never drops, so support still points up."""
    supports: dict[str, list[str]] = {}
    for lo, hi in links:
        if lo in layer and hi in layer:
            supports.setdefault(lo, []).append(hi)
    thesis = debate.thesis
    if thesis is not None and thesis in layer:
        # A side conclusion (one that supports nothing) goes right under the
        # thesis, its reasons with it: the top of the map is its conclusions.
        for c in debate.conclusion_ids:
            if c != thesis and c in layer and c not in supports:
                layer[c] = max(layer[c], layer[thesis] - 1)
    reasons = [a.id for a in debate.arguments] + list(debate.conclusion_ids)
    for node in sorted((n for n in reasons if n in supports and n != debate.thesis), key=lambda n: -layer[n]):
        layer[node] = max(layer[node], min(layer[up] for up in supports[node]) - 1)


def _support_layers(ids: list[str], links: list[tuple[str, str]]) -> dict[str, int]:
    """Node id -> longest path over support ``links`` from a node with no
    support (a node on a cycle keeps the layer reached so far)."""
    above: dict[str, list[str]] = {i: [] for i in ids}
    indegree: dict[str, int] = {i: 0 for i in ids}
    for lo, hi in links:
        if lo in above and hi in indegree:
            above[lo].append(hi)
            indegree[hi] += 1
    layer = {i: 0 for i in ids}
    # Kahn's algorithm: a node's layer is final once all its supports are done.
    queue = [i for i in ids if indegree[i] == 0]
    head = 0
    while head < len(queue):
        node = queue[head]
        head += 1
        for up in above[node]:
            if layer[up] < layer[node] + 1:
                layer[up] = layer[node] + 1
            indegree[up] -= 1
            if indegree[up] == 0:
                queue.append(up)
    return layer


def _lower_givens(debate: Debate, layer: dict[str, int]) -> None:
    """Move every given in ``layer`` down next to what it feeds or attacks.

    Givens sit just below the lowest argument they feed ("as late as
    possible"), not all on row 0: a wide essay stays readable, and every
    given is still below everything it supports.  An objection that only
    attacks sits one row below its target (or on row 0).
    """
    lowest_use: dict[str, int] = {}
    for arg in debate.arguments:
        for p in arg.premises:
            if p in layer:
                lowest_use[p] = min(lowest_use.get(p, layer[arg.id]), layer[arg.id])
    for s in debate.statements:
        if not s.is_given:
            continue
        if s.id in lowest_use:
            layer[s.id] = max(0, lowest_use[s.id] - 1)
    for q in debate.questions:
        if q.id in layer and q.argument in layer:
            layer[q.id] = layer[q.argument]
    for att in debate.attacks:
        attacker = debate.statement_by_id.get(att.by)
        if attacker is None or not attacker.is_given or attacker.id in lowest_use or att.target not in layer:
            continue
        target = att.target
        t_layer = layer[target]
        layer[attacker.id] = max(layer[attacker.id], t_layer - 1 if t_layer > 0 else 0)


def node_boxes(debate: Debate) -> dict[str, NodeBox]:
    """Node id (every statement, argument and critical question) -> its box
    as drawn, large enough for every caption it can have whatever the
    statuses and choices (:func:`graph.caption.caption_variants`), so that
    no choice can make two boxes overlap."""
    boxes: dict[str, NodeBox] = {}
    for nid in (*debate.statement_by_id, *debate.question_by_id):
        kind = node_kind(debate, nid)
        font = CONCLUSION_FONT if kind == "conclusion" else NODE_FONT
        shape, corner = KIND_SHAPES[kind], box_corner(kind)
        drawn = [estimate_box(shape, label, font, corner=corner) for label in caption_variants(debate, nid)]
        boxes[nid] = NodeBox(*(max(sides) for sides in zip(*drawn, strict=True)))
    for a in debate.arguments:
        boxes[a.id] = estimate_box("dot", "", NODE_FONT)
    return boxes


def _drawn_links(debate: Debate, layer: Mapping[str, int]) -> list[tuple[str, str]]:
    """Every link the map draws between two laid-out nodes: support links,
    then attacks once per pair (the file's, then each critical question's on
    its argument; none on itself)."""
    links = [(lo, hi) for lo, hi in _support_links(debate) if lo in layer and hi in layer]
    for by, target in (*attack_links(debate), *question_links(debate)):
        if by in layer and target in layer and by != target:
            links.append((by, target))
    return links


class _Layered:
    """The proper layered graph: real nodes 0..n_real-1 (in ``ids`` order),
    then one dummy per layer that a long link passes.  ``down``/``up`` are a
    node's neighbours one layer below/above, ``flat`` its links within its
    layer, ``ends`` a dummy's (lower, upper) real nodes."""

    def __init__(self, ids: Sequence[str], layer: Mapping[str, int], links: Sequence[tuple[str, str]]) -> None:
        index = {n: i for i, n in enumerate(ids)}
        self.n_real = len(ids)
        self.layer = [layer[n] for n in ids]
        self.down: list[list[int]] = [[] for _ in ids]
        self.up: list[list[int]] = [[] for _ in ids]
        self.flat: list[list[int]] = [[] for _ in ids]
        self.ends: dict[int, tuple[int, int]] = {}
        for a, b in links:
            u, v = index[a], index[b]
            if self.layer[u] > self.layer[v]:
                u, v = v, u
            if self.layer[u] == self.layer[v]:
                self.flat[u].append(v)
                self.flat[v].append(u)
                continue
            prev = u
            for li in range(self.layer[u] + 1, self.layer[v]):
                d = len(self.layer)
                self.layer.append(li)
                self.down.append([prev])
                self.up.append([])
                self.flat.append([])
                self.ends[d] = (u, v)
                self.up[prev].append(d)
                prev = d
            self.up[prev].append(v)
            self.down[v].append(prev)

    def is_dummy(self, v: int) -> bool:
        return v >= self.n_real


def _first_order(g: _Layered, top: int) -> list[list[int]]:
    """Each layer's nodes in the order a depth-first walk down from the top
    meets them (file order among siblings): a node lands next to its
    neighbours, and one that is linked only within its layer next to its
    partner."""
    rows: list[list[int]] = [[] for _ in range(top + 1)]
    seen = [False] * len(g.layer)
    placed = [False] * len(g.layer)
    roots = sorted((v for v in range(len(g.layer)) if not g.up[v]), key=lambda v: (-g.layer[v], v))
    for root in roots:
        if seen[root]:
            continue
        stack = [root]
        while stack:
            v = stack.pop()
            if seen[v]:
                continue
            seen[v] = True
            # Every other node linked to it within its layer goes before it
            # (the nearest last): an argument sits among its critical questions.
            early = [w for w in g.flat[v] if not seen[w] and not placed[w]][1::2]
            for w in (*reversed(early), v):
                if not placed[w]:
                    rows[g.layer[w]].append(w)
                    placed[w] = True
            # Pushed in reverse so that the first neighbour is walked first.
            stack.extend(reversed([w for w in g.down[v] + g.flat[v] if not seen[w]]))
    return rows


def _median(values: list[float]) -> float:
    """The weighted median of sorted ``values`` (Gansner et al.'s, as dot's):
    with an even count, the two middle values weighted towards the side
    whose values are closer together."""
    m = len(values) // 2
    if len(values) % 2:
        return values[m]
    if len(values) == 2:
        return (values[0] + values[1]) / 2
    left = values[m - 1] - values[0]
    right = values[-1] - values[m]
    if left + right == 0:
        return (values[m - 1] + values[m]) / 2
    return (values[m - 1] * right + values[m] * left) / (left + right)


def _sort_row(row: list[int], ref: list[list[int]], flat: list[list[int]], pos: list[int]) -> list[int]:
    """``row`` sorted by the median position of each node's neighbours in
    the reference layer (``ref``); a node with none there follows its
    partner within the layer, or else keeps its place.  Ties keep the
    present order."""
    keyed: list[tuple[float, float, int]] = []
    keyless: list[int] = []
    for i, v in enumerate(row):
        links = ref[v]
        if len(links) == 1:
            keyed.append((pos[links[0]], i, v))
        elif links:
            keyed.append((_median(sorted([pos[w] for w in links])), i, v))
        else:
            keyless.append(i)
    if not keyless:
        keyed.sort()
        return [v for _, _, v in keyed]
    key_of = {v: (k, i) for k, i, v in keyed}
    still: set[int] = set()
    for i in keyless:
        v = row[i]
        partner = next((w for w in flat[v] if w in key_of), None)
        if partner is None:
            still.add(i)
        else:
            k, j = key_of[partner]
            # Next to the partner, on the side and in the order it is now (an
            # argument keeps its critical questions on both sides).
            key_of[v] = (k, j + (i - j) * 1e-4)
            keyed.append((*key_of[v], v))
    keyed.sort()
    movable = iter(keyed)
    return [row[i] if i in still else next(movable)[2] for i in range(len(row))]


def _inversions(seq: list[int]) -> int:
    """Pairs i < j with seq[i] > seq[j]."""
    seen: list[int] = []
    inversions = 0
    for i, value in enumerate(seq):
        k = bisect_right(seen, value)
        inversions += i - k
        seen.insert(k, value)
    return inversions


def _crossings(rows: list[list[int]], up: list[list[int]], pos: list[int]) -> int:
    """Crossings between every two adjacent layers (Barth, Jünger & Mutzel:
    inversions of the upper ends, taken in the order of the lower ends)."""
    total = 0
    for li in range(len(rows) - 1):
        seq: list[int] = []
        for v in rows[li]:
            ends = up[v]
            if len(ends) == 1:
                seq.append(pos[ends[0]])
            elif ends:
                seq.extend(sorted([pos[w] for w in ends]))
        total += _inversions(seq)
    return total


def _pair_crossings(a: list[int], b: list[int], pos: list[int]) -> tuple[int, int]:
    """(crossings with a's node left of b's, with b's left of a's) between the
    links ``a`` and ``b`` of two neighbours to one layer."""
    if len(a) == 1 and len(b) == 1:  # most nodes are dummies: one link each way
        pa, pb = pos[a[0]], pos[b[0]]
        return (1, 0) if pa > pb else (0, 1) if pa < pb else (0, 0)
    if not a or not b:
        return 0, 0
    left = right = 0
    for x in a:
        px = pos[x]
        for y in b:
            py = pos[y]
            if px > py:
                left += 1
            elif px < py:
                right += 1
    return left, right


def _transpose(rows: list[list[int]], g: _Layered, pos: list[int], passes: int) -> None:
    """Swap neighbours in a layer while that removes crossings (in place);
    after the first pass only the layers next to a swap are looked at again."""
    dirty = [True] * len(rows)
    down, up = g.down, g.up
    for _ in range(passes):
        again = False
        for li, row in enumerate(rows):
            if not dirty[li]:
                continue
            dirty[li] = False
            swapped = False
            for i in range(len(row) - 1):
                u, v = row[i], row[i + 1]
                down_uv, down_vu = _pair_crossings(down[u], down[v], pos)
                up_uv, up_vu = _pair_crossings(up[u], up[v], pos)
                if down_vu + up_vu < down_uv + up_uv:
                    row[i], row[i + 1] = v, u
                    pos[u], pos[v] = i + 1, i
                    swapped = True
            if swapped:
                again = True
                for near in (li - 1, li, li + 1):
                    if 0 <= near < len(rows):
                        dirty[near] = True
        if not again:
            return


def _order(g: _Layered, top: int) -> list[list[int]]:
    """Each layer's order with the fewest crossings the sweeps found: from
    the depth-first order, sweeps alternately down (each layer sorted by
    its links to the layer above) and up, each followed by transpositions.
    How many sweeps depends only on the graph's size (``ORDER_BUDGET``)."""
    rows = _first_order(g, top)
    pos = [0] * len(g.layer)
    for row in rows:
        for i, v in enumerate(row):
            pos[v] = i
    sweeps = min(max(ORDER_BUDGET // max(len(g.layer), 1), ORDER_SWEEPS[0]), ORDER_SWEEPS[1])
    passes = 4 if len(g.layer) <= SMALL_GRAPH else 1
    best = [list(r) for r in rows]
    best_count = _crossings(rows, g.up, pos)
    for sweep in range(sweeps):
        if best_count == 0:
            break
        downward = sweep % 2 == 0
        layers = range(top - 1, -1, -1) if downward else range(1, top + 1)
        ref = g.up if downward else g.down
        for li in layers:
            rows[li] = _sort_row(rows[li], ref, g.flat, pos)
            for i, v in enumerate(rows[li]):
                pos[v] = i
        _transpose(rows, g, pos, passes)
        # Counted after the downward sweeps only: after an upward one the
        # order was never the best (measured), and a count costs a sweep's time.
        if downward or sweep == sweeps - 1:
            count = _crossings(rows, g.up, pos)
            if count < best_count:
                best, best_count = [list(r) for r in rows], count
    return best


def _fold_counts(rows: list[list[int]], g: _Layered, n_statements: int, is_statement: list[bool]) -> list[int]:
    """How many sub-rows each layer is folded into: a layer with more than
    ``row_max`` statements gets enough sub-rows to hold at most that many
    each."""
    row_max = max(10, math.ceil(1.2 * math.sqrt(max(n_statements, 1))))
    return [
        min(MAX_FOLD, max(1, math.ceil(sum(1 for v in row if v < g.n_real and is_statement[v]) / row_max)))
        for row in rows
    ]


def _solve_row(targets: list[float], weights: list[float], seps: list[float]) -> list[float]:
    """The x closest to ``targets`` (weighted least squares) with x[i+1] -
    x[i] >= seps[i]: isotonic regression (pool adjacent violators) of the
    targets less the least offsets."""
    offsets = [0.0]
    for s in seps:
        offsets.append(offsets[-1] + s)
    means: list[float] = []  # the blocks of pooled targets: mean, weight, size
    sizes: list[int] = []
    masses: list[float] = []
    for t, w, c in zip(targets, weights, offsets, strict=True):
        mean, mass, size = t - c, w, 1
        while means and means[-1] > mean:
            m0, w0 = means.pop(), masses.pop()
            mean = (m0 * w0 + mean * mass) / (w0 + mass)
            mass += w0
            size += sizes.pop()
        means.append(mean)
        masses.append(mass)
        sizes.append(size)
    out: list[float] = []
    for mean, size in zip(means, sizes, strict=True):
        out.extend([mean] * size)
    return [y + c for y, c in zip(out, offsets, strict=True)]


def _subrows(rows: list[list[int]], folds: list[int], g: _Layered, is_statement: list[bool]) -> list[int]:
    """The sub-row of every node: statements of a folded layer go to sub-rows
    in turn (0, 1, .., k-1, 0, ..) along the layer's order; arguments and
    dummies get -1 (they span the layer's band)."""
    sub = [-1] * len(g.layer)
    for row, k in zip(rows, folds, strict=True):
        j = 0
        for v in row:
            if v < g.n_real and is_statement[v]:
                sub[v] = j % k
                j += 1
    return sub


def _ys(rows: list[list[int]], folds: list[int], sub: list[int], box: list[NodeBox], g: _Layered) -> list[float]:
    """The y of every node: layers from the top down, each a band of its
    sub-rows, ``ROW_GAP`` between the boxes of two bands and ``SUBROW_GAP``
    between sub-rows; an argument's dot at its band's top, a dummy at its
    middle."""
    y = [0.0] * len(g.layer)
    cursor = 0.0
    for li in range(len(rows) - 1, -1, -1):
        row = rows[li]
        k = folds[li]
        tops = [0.0] * k
        bottoms = [0.0] * k
        for v in row:
            if v < g.n_real:
                r = max(sub[v], 0)
                tops[r] = max(tops[r], box[v].top)
                bottoms[r] = max(bottoms[r], box[v].bottom)
        line_y: list[float] = []
        edge = cursor
        for r in range(k):
            line_y.append(edge + tops[r])
            edge = line_y[-1] + bottoms[r] + SUBROW_GAP
        band_bottom = edge - SUBROW_GAP
        for v in row:
            if v >= g.n_real:
                y[v] = (cursor + band_bottom) / 2
            elif sub[v] < 0:
                # An argument's dot at the top of its band: its edge up to its
                # conclusion leaves above the boxes beside it, not through them.
                y[v] = cursor + box[v].top
            else:
                y[v] = line_y[sub[v]]
        cursor = band_bottom + ROW_GAP
    return y


def _seps(
    row: list[int], sub: list[int], box: list[NodeBox], g: _Layered, y: list[float], x: list[float] | None
) -> list[float]:
    """The least distance from each node of ``row`` to the next (at the
    positions ``x``, or none yet).  Two real nodes on one line keep their
    half-widths and ``BOX_GAP`` apart (``ARGUMENT_GAP`` at least).  A long
    edge's dummy keeps ``EDGE_ROOM`` from the boxes beside it over their
    whole height, so more as the edge leans (at most ``ROOM_CAP`` more), and
    ``EDGE_GAP`` from another dummy.  In a folded row two nodes on different
    sub-rows keep each centre, where its edges leave, ``EDGE_ROOM`` clear of
    the other's box: so a folded row is at most about half as wide as
    unfolded, whatever the number of sub-rows."""

    def room(d: int, other: int) -> float:
        if x is None:
            return float(EDGE_ROOM)
        lo, hi = g.ends[d]
        lean = abs(x[hi] - x[lo]) / abs(y[hi] - y[lo])
        reach = abs(y[d] - y[other]) + max(box[other].top, box[other].bottom)
        return EDGE_ROOM + min(ROOM_CAP, lean * reach)

    def need(a: int, b: int) -> float:
        a_dummy, b_dummy = a >= g.n_real, b >= g.n_real
        if a_dummy and b_dummy:
            return float(EDGE_GAP)
        if a_dummy:
            return box[b].left + room(a, b)
        if b_dummy:
            return box[a].right + room(b, a)
        if sub[a] == sub[b] or sub[a] < 0 or sub[b] < 0:
            gap = max(float(ARGUMENT_GAP), box[a].right + box[b].left + BOX_GAP)
            if b in g.flat[a] and min(box[a].right, box[b].left) > ARGUMENT_DOT:
                # Two boxes an attack links: its label in the gap, clear of both.
                gap = max(gap, 2 * max(box[a].right, box[b].left) + LABEL_ROOM)
            return gap
        # On two sub-rows: each centre (where the node's edges leave) clear of the other's box.
        return max(box[b].left, box[a].right) + EDGE_ROOM

    n = len(row)
    if all(sub[v] <= 0 for v in row):
        return [need(a, b) for a, b in pairwise(row)]
    seps = [need(a, b) for a, b in pairwise(row)]
    next_on: dict[int, int] = {}  # the next index on each sub-row, scanning from the right
    next_span = n
    for i in range(n - 1, -1, -1):
        r = sub[row[i]]
        j = i + 1 if r < 0 else min(next_on.get(r, n), next_span)
        if j < n and j > i + 1:  # two on one line with others between: share the room out
            share = need(row[i], row[j]) / (j - i)
            for m in range(i, j):
                seps[m] = max(seps[m], share)
        if r < 0:
            next_span = i
        else:
            next_on[r] = i
    return seps


def _xs(
    rows: list[list[int]], folds: list[int], sub: list[int], box: list[NodeBox], y: list[float], g: _Layered
) -> list[float]:
    """The x of every node: rows packed, then sweeps that solve each row for
    the positions nearest to where its links pull it (see the module)."""
    seps = [_seps(row, sub, box, g, y, None) for row in rows]
    # Rows whose least distances depend on how edges lean: redone each sweep.
    leaning = [k > 1 or any(v >= g.n_real for v in row) for row, k in zip(rows, folds, strict=True)]
    x = [0.0] * len(g.layer)
    for row, s in zip(rows, seps, strict=True):
        at = -sum(s) / 2
        for i, v in enumerate(row):
            x[v] = at
            if i < len(s):
                at += s[i]
    # Each real node's pull: its neighbours and how hard each pulls (a long
    # edge's dummy twice as hard: it holds the edge's straight line).
    pulls: list[tuple[list[int], list[float], float]] = []
    for v in range(g.n_real):
        near = g.down[v] + g.up[v] + g.flat[v]
        strength = [1.0 if w < g.n_real else 2.0 for w in g.down[v] + g.up[v]] + [0.5] * len(g.flat[v])
        pulls.append((near, strength, sum(strength)))
    top = len(rows) - 1
    n_real = g.n_real
    for sweep in range(PLACE_SWEEPS):
        for li in range(top, -1, -1) if sweep % 2 == 0 else range(top + 1):
            row = rows[li]
            if not row:
                continue
            if leaning[li] and 0 < sweep <= LEAN_SWEEPS:  # by then the edges lean as they will
                seps[li] = _seps(row, sub, box, g, y, x)
            targets: list[float] = []
            weights: list[float] = []
            for v in row:
                if v >= n_real:
                    lo, hi = g.ends[v]
                    f = (y[v] - y[lo]) / (y[hi] - y[lo])
                    targets.append(x[lo] + (x[hi] - x[lo]) * f)
                    weights.append(1.0)
                    continue
                near, strength, weight = pulls[v]
                if weight == 0:
                    targets.append(x[v])
                    weights.append(0.01)
                else:
                    targets.append(sum([x[w] * k for w, k in zip(near, strength, strict=True)]) / weight)
                    weights.append(weight)
            for v, xv in zip(row, _solve_row(targets, weights, seps[li]), strict=True):
                x[v] = xv
    return x


def compute_layout(debate: Debate) -> dict[str, tuple[float, float]]:
    """Node id (every statement, argument and critical question) -> (x, y) canvas position.

    y grows downwards (vis-network convention): a higher layer always has a
    smaller y.  No two node boxes (``node_boxes``) overlap.  Same debate ->
    same positions, whatever the reader's choices.
    """
    layer = compute_layers(debate)
    if not layer:
        return {}
    ids = list(layer)
    boxes = node_boxes(debate)
    g = _Layered(ids, layer, _drawn_links(debate, layer))
    top = max(layer.values())
    rows = _order(g, top)
    # Boxes (statements and questions) fold a wide row; dots do not.
    is_statement = [n not in debate.argument_by_id for n in ids]
    folds = _fold_counts(rows, g, sum(is_statement), is_statement)
    sub = _subrows(rows, folds, g, is_statement)
    box = [boxes[n] for n in ids] + [NodeBox(0, 0, 0, 0)] * (len(g.layer) - g.n_real)
    y = _ys(rows, folds, sub, box, g)
    x = _xs(rows, folds, sub, box, y, g)
    left = min(x[v] - box[v].left for v in range(g.n_real))
    right = max(x[v] + box[v].right for v in range(g.n_real))
    mid = (left + right) / 2
    return {n: (round(x[i] - mid, 1), round(y[i], 1)) for i, n in enumerate(ids)}
