"""Deterministic positions for the argument map, computed in Python.

The map is drawn bottom-up: givens (premises, analogies, examples, objections)
on the bottom row, the arguments and conclusions they support above them, the
thesis alone on the top row.  Layers come from the longest path over *support*
links (premise -> argument -> conclusion); attacks never change a layer, so a
choice never moves a node.  Within a layer nodes are ordered by a few
barycenter sweeps over all links (support and attack) to reduce crossings,
starting from file order so that the result depends only on the debate.

Cost: O(n + e) for the layering, O(k * (e + n log n)) for k sweeps (k is a
small constant), so 3,000 nodes take a few tens of milliseconds.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

from graph.model import Debate

__all__ = ["LAYER_GAP", "NODE_GAP", "compute_layers", "compute_layout"]

LAYER_GAP = 150  # vertical distance between layers, in vis-network canvas units
ARGUMENT_LAYER_GAP = 95  # next to a row of argument dots only
SUBROW_GAP = 140  # between the staggered sub-rows of a folded wide row
NODE_GAP = 205  # horizontal distance between neighbouring statements
ARGUMENT_GAP = 70  # arguments are drawn as small dots and need less room (2 * 25 + 20)
SWEEPS = 4


def _support_links(debate: Debate) -> list[tuple[str, str]]:
    """(lower, upper) pairs: premise -> argument and argument -> conclusion."""
    links: list[tuple[str, str]] = []
    for arg in debate.arguments:
        for p in arg.premises:
            links.append((p, arg.id))
        links.append((arg.id, arg.conclusion))
    return links


def compute_layers(debate: Debate) -> dict[str, int]:
    """Node id -> layer (0 = bottom row).  Arguments and conclusions sit one
    above the highest node they rest on (longest path over support links);
    a given sits one row below the lowest argument it feeds (an objection
    that feeds none: one row below the highest node it attacks, at least 0);
    the thesis (when there is one) is put alone on a row above everything
    else if anything else reaches its row.

    Circular support cannot occur in a valid debate; if it does anyway, the
    nodes on the cycle are left on the layer reached so far (no infinite loop).
    """
    ids = [s.id for s in debate.statements] + [a.id for a in debate.arguments]
    layer = _support_layers(ids, _support_links(debate))
    _lower_givens(debate, layer)
    thesis = debate.thesis
    if thesis is not None and thesis in layer:
        top = max(layer.values(), default=0)
        others_on_top = any(v >= layer[thesis] and k != thesis for k, v in layer.items())
        if others_on_top:
            layer[thesis] = top + 1
    return layer


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
    for att in debate.attacks:
        attacker = debate.statement_by_id.get(att.by)
        if attacker is None or not attacker.is_given or attacker.id in lowest_use or att.target not in layer:
            continue
        target = att.target
        t_layer = layer[target]
        layer[attacker.id] = max(layer[attacker.id], t_layer - 1 if t_layer > 0 else 0)


# Half the drawn width of a node by kind (render.py's shapes with labels
# wrapped at 180 px): ellipses (analogies) are the widest.
HALF_WIDTH: dict[str, float] = {
    "premise": 95,
    "conclusion": 95,
    "objection": 95,
    "example": 100,
    "analogy": 122,
    "argument": 25,
}
MARGIN = 20


def _gap(kind_of: Mapping[str, str], a: str, b: str) -> float:
    """Centre-to-centre distance of two neighbours in a row (no overlap)."""
    return HALF_WIDTH.get(kind_of.get(a, ""), 95) + HALF_WIDTH.get(kind_of.get(b, ""), 95) + MARGIN


def _place_row(row: list[str], kind_of: Mapping[str, str], x: dict[str, float]) -> None:
    """Spread one ordered row around x = 0."""
    if not row:
        return
    offsets = [0.0]
    for a, b in itertools.pairwise(row):
        offsets.append(offsets[-1] + _gap(kind_of, a, b))
    shift = offsets[-1] / 2
    for node, off in zip(row, offsets, strict=True):
        x[node] = off - shift


def _neighbours(debate: Debate, layer: Mapping[str, int]) -> dict[str, list[str]]:
    """Node id (every one in ``layer``) -> the nodes it is linked to, by
    support or attack, either way (a self-attack is no neighbour)."""
    neighbours: dict[str, list[str]] = {i: [] for i in layer}
    for lo, hi in _support_links(debate):
        if lo in neighbours and hi in neighbours:
            neighbours[lo].append(hi)
            neighbours[hi].append(lo)
    for att in debate.attacks:
        if att.by in neighbours and att.target in neighbours and att.by != att.target:
            neighbours[att.by].append(att.target)
            neighbours[att.target].append(att.by)
    return neighbours


def _first_rows(debate: Debate, layer: Mapping[str, int], top: int) -> list[list[str]]:
    """The nodes of each layer (0 to ``top``) in the order the sweeps start from."""
    rows: list[list[str]] = [[] for _ in range(top + 1)]
    for node in layer:  # file order: statements, then arguments
        rows[layer[node]].append(node)
    # Arguments start next to their conclusion rather than at the end of the row.
    order_hint: dict[str, float] = {n: i for i, n in enumerate(layer)}
    for a in debate.arguments:
        if a.conclusion in order_hint:
            order_hint[a.id] = order_hint[a.conclusion] - 0.5
    return [sorted(r, key=lambda n: order_hint[n]) for r in rows]


def compute_layout(debate: Debate) -> dict[str, tuple[float, float]]:
    """Node id (every statement and argument) -> (x, y) canvas position.

    y grows downwards (vis-network convention): a higher layer always has a
    smaller y.  Same debate -> same positions, whatever the reader's choices.
    """
    layer = compute_layers(debate)
    kind_of: dict[str, str] = {s.id: s.kind for s in debate.statements}
    kind_of.update({a.id: "argument" for a in debate.arguments})

    neighbours = _neighbours(debate, layer)
    top = max(layer.values(), default=0)
    rows = _first_rows(debate, layer, top)

    x: dict[str, float] = {}
    for row in rows:
        _place_row(row, kind_of, x)

    def sweep(layer_order: range, towards_upper: bool) -> None:
        for li in layer_order:
            row = rows[li]

            def key(node: str, li: int = li) -> tuple[float, int]:
                ref = [x[m] for m in neighbours[node] if (layer[m] > li if towards_upper else layer[m] < li)]
                if not ref:
                    return (x[node], 0)
                return (sum(ref) / len(ref), 0)

            # Stable sort on (barycenter, current x): ties keep the present order.
            row.sort(key=lambda n: (key(n)[0], x[n]))
            _place_row(row, kind_of, x)

    for _ in range(SWEEPS):
        sweep(range(top - 1, -1, -1), towards_upper=True)  # top-down
        sweep(range(1, top + 1), towards_upper=False)  # bottom-up
    # A last top-down pass so that the bottom row of givens sits under its readers.
    sweep(range(top - 1, -1, -1), towards_upper=True)

    return _stack(rows, layer, kind_of, x, top)


def _stack(
    rows: list[list[str]],
    layer: Mapping[str, int],
    kind_of: Mapping[str, str],
    x: dict[str, float],
    top: int,
) -> dict[str, tuple[float, float]]:
    """Final coordinates.  A row with more than ``row_max`` statements is
    folded into staggered sub-rows (node i goes to sub-row i mod k, x spacing
    divided by k) so that a wide essay keeps a readable aspect ratio; rows of
    arguments only (small dots) get a smaller band than rows of statements."""
    n_statements = sum(1 for k in kind_of.values() if k != "argument")
    row_max = max(10, math.ceil(1.2 * math.sqrt(max(n_statements, 1))))
    pos: dict[str, tuple[float, float]] = {}
    y = 0.0
    for li in range(top, -1, -1):
        row = rows[li]
        statements = [n for n in row if kind_of[n] != "argument"]
        k = max(1, math.ceil(len(statements) / row_max))
        if k > 1:
            # Statements only are folded: every k-th one (in the swept order)
            # goes to the same sub-row, which is laid out on its own, so the
            # sub-rows interleave and nothing in one sub-row overlaps.
            # Arguments in such a row keep their (scaled) x on the first line.
            for j in range(k):
                sub = statements[j::k]
                xs: dict[str, float] = {}
                _place_row(sub, kind_of, xs)
                shift = (j - (k - 1) / 2) * NODE_GAP / k
                for n in sub:
                    pos[n] = (round(xs[n] + shift, 1), y + j * SUBROW_GAP)
            for n in row:
                if kind_of[n] == "argument":
                    pos[n] = (round(x[n] / k, 1), y)
            band: float = (k - 1) * SUBROW_GAP
        else:
            for n in row:
                pos[n] = (round(x[n], 1), y)
            band = 0.0
        only_arguments = bool(row) and not statements
        below_only_arguments = li > 0 and rows[li - 1] and all(kind_of[n] == "argument" for n in rows[li - 1])
        gap = ARGUMENT_LAYER_GAP if (only_arguments or below_only_arguments) else LAYER_GAP
        y += band + gap
    return pos
