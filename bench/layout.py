"""How good and how fast the map's layout is: crossings, overlaps, edges through boxes.

    python bench/layout.py [--sizes 300,1000] [--repeats 5] [--no-dot] [--no-grandalf]

For the essay (content/open-source-ai-safety.yaml; once as the map draws
it, with its 18 critical questions as nodes, and once without them, as the
layout ``before`` drew it) and seeded synthetic debates (bench/synthetic.py,
``make_debate(size, seed=size)``) it prints, per debate and per layout:

- **crossings**: pairs of drawn edges (support: premise -> argument ->
  conclusion; attack: attacker -> target, once per pair, no self-attack; a
  critical question -> its argument) whose straight segments between node
  centres cross (edges sharing a node are not counted);
- **overlaps**: pairs of node boxes that overlap, each box estimated as
  vis-network draws it (``graph.layout.node_boxes``: large enough for every
  caption a node can have; a hexagon's box includes the label under it);
- **through boxes**: edges whose segment passes through the box of a node
  it does not end at (and the number of such edge-box pairs);
- **width x height** of the drawing (the boxes included) and the scale at
  which it fits a 1000x620 px frame (``fit``; labels are drawn at
  14 px x fit, so 0.79 is what 11 px needs);
- **time**: the layout's compute time, median of ``--repeats`` runs.

Layouts compared: ``now`` (graph/layout.py in the working tree), ``before``
(graph/layout.py of commit ``BASELINE_COMMIT``, the layout before issue 13,
read with ``git show``), Graphviz ``dot`` when the ``dot`` program is on the
PATH (``apt-get install graphviz``; the same nodes with their estimated
sizes, the same edges, ``rankdir=BT``: once with dot's own ranks, once with
our layers pinned by ``rank=same``), and ``grandalf`` (a pure-Python Sugiyama layout) when that
package is installed.  Figures are printed, never asserted; bench/LAYOUT.md
records a run.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import make_debate, without_questions
from graph.layout import compute_layers, compute_layout, node_boxes
from graph.load import load_debate
from graph.model import Debate
from graph.sizes import NodeBox

ROOT = Path(__file__).resolve().parent.parent
BASELINE_COMMIT = "c77a19e60540c18fcb3f1bb39e64ea34201193f0"
ESSAY = ROOT / "content" / "open-source-ai-safety.yaml"
FRAME = (1000, 620)

Positions = dict[str, tuple[float, float]]
Layout = Callable[[Debate], Positions]


def drawn_edges(debate: Debate) -> list[tuple[str, str, str]]:
    """(kind, from, to) of every edge the map draws as a segment: supports,
    attacks once per pair (those on critical questions too), then each
    question's on its argument."""
    edges = [("support", p, a.id) for a in debate.arguments for p in a.premises]
    edges += [("support", a.id, a.conclusion) for a in debate.arguments]
    seen: set[tuple[str, str]] = set()
    for att in debate.attacks:
        if att.by == att.target or (att.by, att.target) in seen:
            continue
        seen.add((att.by, att.target))
        edges.append(("attack", att.by, att.target))
    edges += [("attack", q.id, q.argument) for q in debate.questions]
    return edges


def _orient(ax, ay, bx, by, cx, cy):
    return np.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))


def count_crossings(debate: Debate, pos: Positions) -> int:
    """Pairs of drawn edges whose straight segments properly cross."""
    edges = drawn_edges(debate)
    ids = {n: i for i, n in enumerate(pos)}
    a = np.array([ids[f] for _, f, _ in edges])
    b = np.array([ids[t] for _, _, t in edges])
    xy = np.array(list(pos.values()), dtype=float)
    x1, y1, x2, y2 = xy[a, 0], xy[a, 1], xy[b, 0], xy[b, 1]
    total = 0
    for i in range(len(edges) - 1):
        j = slice(i + 1, None)
        o1 = _orient(x1[i], y1[i], x2[i], y2[i], x1[j], y1[j])
        o2 = _orient(x1[i], y1[i], x2[i], y2[i], x2[j], y2[j])
        o3 = _orient(x1[j], y1[j], x2[j], y2[j], x1[i], y1[i])
        o4 = _orient(x1[j], y1[j], x2[j], y2[j], x2[i], y2[i])
        shared = (a[j] == a[i]) | (a[j] == b[i]) | (b[j] == a[i]) | (b[j] == b[i])
        total += int(np.count_nonzero((o1 * o2 < 0) & (o3 * o4 < 0) & ~shared))
    return total


def _rects(pos: Positions, boxes: Mapping[str, NodeBox]) -> np.ndarray:
    return np.array(
        [(x - boxes[n].left, y - boxes[n].top, x + boxes[n].right, y + boxes[n].bottom) for n, (x, y) in pos.items()]
    )


def count_overlaps(pos: Positions, boxes: Mapping[str, NodeBox]) -> int:
    """Pairs of node boxes that overlap (by more than a hair)."""
    r = _rects(pos, boxes)
    eps = 0.01
    ox = np.minimum(r[:, None, 2], r[None, :, 2]) - np.maximum(r[:, None, 0], r[None, :, 0])
    oy = np.minimum(r[:, None, 3], r[None, :, 3]) - np.maximum(r[:, None, 1], r[None, :, 1])
    hit = (ox > eps) & (oy > eps)
    return int((np.count_nonzero(hit) - len(r)) // 2)


def count_through_boxes(debate: Debate, pos: Positions, boxes: Mapping[str, NodeBox]) -> tuple[int, int]:
    """(edges through at least one box they do not end at, edge-box pairs)."""
    r = _rects(pos, boxes)
    ids = {n: i for i, n in enumerate(pos)}
    edges = drawn_edges(debate)
    node = np.arange(len(r))
    edges_hit = pairs = 0
    for _, f, t in edges:
        (ax, ay), (bx, by) = pos[f], pos[t]
        dx, dy = bx - ax, by - ay
        # Liang-Barsky: the part of the segment (t in [0, 1]) inside each box, shrunk by a pixel.
        lo = np.zeros(len(r))
        hi = np.ones(len(r))
        ok = np.ones(len(r), dtype=bool)
        for d, p0, rmin, rmax in ((dx, ax, r[:, 0] + 1, r[:, 2] - 1), (dy, ay, r[:, 1] + 1, r[:, 3] - 1)):
            if d == 0:
                ok &= (p0 > rmin) & (p0 < rmax)
            else:
                ta, tb = (rmin - p0) / d, (rmax - p0) / d
                lo = np.maximum(lo, np.minimum(ta, tb))
                hi = np.minimum(hi, np.maximum(ta, tb))
        inside = ok & (lo < hi) & (node != ids[f]) & (node != ids[t])
        n = int(np.count_nonzero(inside))
        pairs += n
        edges_hit += n > 0
    return edges_hit, pairs


def extent(pos: Positions, boxes: Mapping[str, NodeBox]) -> tuple[float, float]:
    """Width and height of the drawing, boxes included."""
    r = _rects(pos, boxes)
    return float(r[:, 2].max() - r[:, 0].min()), float(r[:, 3].max() - r[:, 1].min())


def load_baseline() -> ModuleType:
    """graph/layout.py as it was at ``BASELINE_COMMIT``, as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{BASELINE_COMMIT}:graph/layout.py"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    with tempfile.TemporaryDirectory(prefix="layout-before-") as folder:
        path = Path(folder) / "layout_before.py"
        path.write_text(source, encoding="utf-8")
        spec = importlib.util.spec_from_file_location("layout_before", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


def dot_layout(debate: Debate, own_ranks: bool) -> Positions:
    """Graphviz dot's positions for the same nodes (fixed sizes from the box
    estimate, centred) and edges; y flipped to the canvas's downward y."""
    boxes = node_boxes(debate)
    ids = {n: f"n{i}" for i, n in enumerate(boxes)}
    lines = [
        "digraph G {",
        "rankdir=BT; nodesep=0.2; ranksep=0.5; newrank=true;",
        'node [shape=box, fixedsize=true, label=""];',
    ]
    for n, b in boxes.items():
        w, h = b.left + b.right, b.top + b.bottom
        lines.append(f"{ids[n]} [width={w / 72:.3f}, height={h / 72:.3f}];")
    layers = compute_layers(debate)
    for kind, f, t in drawn_edges(debate):
        # With our layers pinned, only support edges that point up may rank:
        # attacks, and the thesis's support when it was lifted, go any way.
        free = not own_ranks and (kind == "attack" or layers[t] <= layers[f])
        lines.append(f"{ids[f]} -> {ids[t]}{' [constraint=false]' if free else ''};")
    if not own_ranks:
        top = max(layers.values(), default=0)
        lines.append(" -> ".join(f"r{i}" for i in range(top + 1)) + " [style=invis];" if top else "r0 [style=invis];")
        for i in range(top + 1):
            members = " ".join(ids[n] for n, v in layers.items() if v == i)
            lines.append(f"r{i} [style=invis, width=0.01, height=0.01]; {{rank=same; r{i}; {members}}}")
    lines.append("}")
    out = subprocess.run(["dot", "-Tplain"], input="\n".join(lines), capture_output=True, text=True, check=True).stdout
    back = {v: k for k, v in ids.items()}
    pos: Positions = {}
    for line in out.splitlines():
        parts = line.split()
        if parts and parts[0] == "node" and parts[1] in back:
            n = back[parts[1]]
            # dot gives the centre of the fixed-size box; our boxes are not centred on the node (hexagons).
            cx, cy = float(parts[2]) * 72, -float(parts[3]) * 72
            b = boxes[n]
            pos[n] = (cx - (b.right - b.left) / 2, cy - (b.bottom - b.top) / 2)
    return pos


def grandalf_layout(debate: Debate) -> Positions:
    """grandalf's Sugiyama layout (its own ranks, every component beside the last)."""
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout

    boxes = node_boxes(debate)
    vertices = {n: Vertex(n) for n in boxes}

    class View:
        def __init__(self, w: float, h: float) -> None:
            self.w, self.h, self.xy = w, h, (0.0, 0.0)

    for n, v in vertices.items():
        b = boxes[n]
        v.view = View(b.left + b.right, b.top + b.bottom)
    graph = Graph(list(vertices.values()), [Edge(vertices[f], vertices[t]) for _, f, t in drawn_edges(debate)])
    pos: Positions = {}
    shift = 0.0
    for comp in graph.C:
        sug = SugiyamaLayout(comp)
        sug.init_all()
        sug.draw(3)
        xs = [v.view.xy[0] for v in comp.sV]
        left = min(x - v.view.w / 2 for x, v in zip(xs, comp.sV, strict=True))
        right = max(x + v.view.w / 2 for x, v in zip(xs, comp.sV, strict=True))
        for v in comp.sV:
            b = boxes[v.data]
            # grandalf draws top-down from sources: flip y so that supports point up.
            pos[v.data] = (v.view.xy[0] - left + shift, -v.view.xy[1] - (b.bottom - b.top) / 2)
        shift += right - left + 40
    return pos


def measure(debate: Debate, layout: Layout, repeats: int) -> dict[str, object]:
    """The figures of one layout of one debate."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        pos = layout(debate)
        times.append(time.perf_counter() - t)
    boxes = node_boxes(debate)
    w, h = extent(pos, boxes)
    through, pairs = count_through_boxes(debate, pos, boxes)
    return {
        "crossings": count_crossings(debate, pos),
        "overlaps": count_overlaps(pos, boxes),
        "through": through,
        "pairs": pairs,
        "edges": len(drawn_edges(debate)),
        "w": w,
        "h": h,
        "fit": min(FRAME[0] / w, FRAME[1] / h),
        "time": statistics.median(times),
    }


def fmt_time(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="300,1000", help="synthetic debate sizes (statements)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-dot", action="store_true")
    parser.add_argument("--no-grandalf", action="store_true")
    args = parser.parse_args(argv)

    essay = load_debate(ESSAY)
    debates: list[tuple[str, Debate]] = [("essay", essay), ("essay, no questions", without_questions(essay))]
    for size in (int(s) for s in args.sizes.split(",") if s):
        debates.append((f"synthetic {size}", make_debate(size, seed=size)))
    before = load_baseline()
    layouts: list[tuple[str, Layout, int]] = [
        ("now", compute_layout, args.repeats),
        ("before", before.compute_layout, args.repeats),
    ]
    if not args.no_dot and shutil.which("dot"):
        layouts.append(("dot (own ranks)", lambda d: dot_layout(d, True), 1))
        layouts.append(("dot (our layers)", lambda d: dot_layout(d, False), 1))
    if not args.no_grandalf and importlib.util.find_spec("grandalf") is not None:
        layouts.append(("grandalf", grandalf_layout, 1))

    print(
        "| debate (nodes, edges) | layout | crossings | overlaps | edges through boxes (pairs) | width x height | fit 1000x620 | time |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, debate in debates:
        n_nodes = len(debate.statements) + len(debate.arguments) + len(debate.questions)
        for lname, layout, repeats in layouts:
            if lname == "grandalf" and n_nodes > 600:
                continue  # minutes at 1,000 statements
            if lname == "before" and debate.questions:
                continue  # it drew no node for a question
            m = measure(debate, layout, repeats)
            print(
                f"| {name} ({n_nodes}, {m['edges']}) | {lname} | {m['crossings']:,} | {m['overlaps']:,} | "
                f"{m['through']:,} ({m['pairs']:,}) | {m['w']:,.0f} x {m['h']:,.0f} | {m['fit']:.3f} | {fmt_time(m['time'])} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
