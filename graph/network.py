"""The debate as a NetworkX graph: the model that analysis reads.

:func:`debate_graph` is a debate's ``MultiDiGraph``, built once per frozen
``Debate`` instance from the same links as the engine's integer index
(:func:`graph.index.support_links`, :func:`graph.index.attack_links`) and
returned frozen (read-only), so that every reader shares it.  The query
functions read it: :func:`upstream_of` (what a node's status depends on) and
:func:`to_graphml` (an export); :func:`build_graph` derives a mutable copy
from it.  :func:`support_cycles` (the loader's "circular support") works on
the links directly, with the loader's own cycle namer, so that it names
exactly the cycles ``check`` reports.

Importing this module imports networkx (about 0.2 s), so the page's
evaluation path (:mod:`graph.evaluate`, :mod:`graph.explain`) never imports
it: evaluation reads the integer index instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final, cast

import networkx as nx

from graph.cycles import has_cycle, name_cycles
from graph.index import attack_links, cached_on, question_links, support_links
from graph.index import node_ids as all_node_ids
from graph.model import Argument, Debate

__all__ = [
    "ATTACK",
    "SUPPORT",
    "build_graph",
    "debate_graph",
    "support_cycles",
    "to_graphml",
    "upstream_of",
]

#: The ``relation`` (and key) of an edge of :func:`debate_graph`.
SUPPORT: Final = "support"
ATTACK: Final = "attack"

_CACHE_SLOT = "_graph_network_model"
# Characters XML 1.0 cannot carry at all (not even escaped).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _build(debate: Debate) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(title=debate.title, path=debate.path)
    for s in debate.statements:
        g.add_node(s.id, kind=s.kind, text=s.text, quote=s.quote, line=s.line)
    for a in debate.arguments:
        g.add_node(a.id, kind="argument", text=a.scheme or "", quote=None, line=a.line)
    for q in debate.questions:
        g.add_node(q.id, kind="question", text=q.text, quote=None, line=q.line)
    for u, v in support_links(debate):
        g.add_edge(u, v, key=SUPPORT, relation=SUPPORT)
    # A raised question undercuts its argument: an attack like any other.
    for u, v in (*attack_links(debate), *question_links(debate)):
        g.add_edge(u, v, key=ATTACK, relation=ATTACK)
    return cast("nx.MultiDiGraph[str]", nx.freeze(g))


def debate_graph(debate: Debate) -> nx.MultiDiGraph[str]:
    """The graph of ``debate``, built on first use and cached on the instance;
    frozen: changing it raises ``networkx.NetworkXError`` (copy it with
    ``networkx.MultiDiGraph(g)`` to change one).

    Nodes, in file order (statements, then arguments), by id, with
    attributes ``kind`` (the statement's kind, or ``"argument"``), ``text``
    (the statement's text; for an argument its scheme or ``""``), ``quote``
    (the statement's quote or None; None for an argument) and ``line``.
    Edges, keyed by their ``relation``: ``"support"`` premise -> argument
    and argument -> conclusion, ``"attack"`` attacker -> target, each link
    once (a premise that also attacks its argument has both edges).  Graph
    attributes ``title`` and ``path``.
    """
    return cached_on(debate, _CACHE_SLOT, _build)


def upstream_of(debate: Debate, node_ids: Iterable[str]) -> tuple[str, ...]:
    """The ids of ``node_ids`` and of every statement, argument and question
    from which support or attack links lead to one of them, in file order: the part of
    the debate their statuses depend on (nothing outside it can change
    them).  Raises ``KeyError`` for an id that names no node."""
    g = debate_graph(debate)
    todo = list(dict.fromkeys(node_ids))
    for n in todo:
        if n not in g:
            raise KeyError(n)
    seen = set(todo)
    pred = g.pred
    for x in todo:
        for p in pred[x]:
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return tuple(n for n in g if n in seen)


def support_cycles(debate: Debate, limit: int = 10) -> tuple[tuple[str, ...], ...]:
    """The cycles through support links alone (premise -> argument ->
    conclusion), which ``check`` rejects as *circular support*; empty for a
    loaded debate.

    Each cycle is a tuple of ids that starts at its node first in file
    order and repeats it at the end (``("d", "a3", "e", "a2", "d")``).  At
    most ``limit`` cycles (``limit`` >= 1) are named per tangle (a strongly
    connected set of support links, which may hold exponentially many), and
    every tangle is named.  Sorted by the line of the first node, then ids:
    the loader's "circular support" errors, in its order, for the same
    statements and arguments (it names them with the same
    :func:`graph.cycles.name_cycles`, ``limit`` there being
    ``graph.load.MAX_CYCLES_PER_TANGLE``).  Raises ``ValueError`` if
    ``limit`` < 1.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    # The loader's link order (each argument's conclusion link, then its
    # premises'), so that a tangle with more than `limit` cycles names the
    # same ones.
    links: list[tuple[str, str]] = []
    successors: dict[str, list[str]] = {}
    for a in debate.arguments:
        for u, v in ((a.id, a.conclusion), *((p, a.id) for p in a.premises)):
            links.append((u, v))
            successors.setdefault(u, []).append(v)
    if not has_cycle(successors):  # the usual case, without building a graph
        return ()
    rank = {n: i for i, n in enumerate(all_node_ids(debate))}
    line = {s.id: s.line for s in debate.statements} | {a.id: a.line for a in debate.arguments}
    found = sorted((line[c[0]], c) for c in name_cycles(links, rank, limit))
    return tuple(tuple(c) for _, c in found)


def to_graphml(debate: Debate) -> str:
    """:func:`debate_graph` as a GraphML document (networkx's writer): node
    data ``kind``, ``text``, ``quote`` (only where there is one) and
    ``line``; edge data ``relation`` (``support`` or ``attack``, also the
    edge's id); graph data ``title`` and ``path``.  Text is escaped by the
    XML writer; characters XML cannot carry at all (control characters)
    become U+FFFD, so the document always parses."""
    g = debate_graph(debate)

    def clean(attrs: dict[str, object]) -> dict[str, object]:
        return {k: _NOT_XML.sub("\ufffd", v) if isinstance(v, str) else v for k, v in attrs.items() if v is not None}

    out: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    out.graph.update(clean(g.graph))
    for n, attrs in g.nodes(data=True):
        out.add_node(n, **clean(attrs))
    for u, v, key, attrs in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=key, **attrs)
    return "\n".join(nx.generate_graphml(out)) + "\n"


def build_graph(debate: Debate) -> nx.DiGraph[str]:
    """A new ``DiGraph`` of ``debate`` (a fresh one on every call, so callers
    may change it freely; the debate itself is never touched), derived from
    :func:`debate_graph`.

    Nodes: every statement, argument and critical question, by id, with
    attributes ``type`` (``"statement"``, ``"argument"`` or ``"question"``),
    ``kind`` (the statement's kind, ``"argument"`` or ``"question"``),
    ``text`` (the statement's or question's text; for an argument, its
    scheme or ``""``) and ``data`` (the frozen Statement/Argument/Question).
    Edges, each with ``relation``: premise -> argument (``"premise"``),
    argument -> conclusion (``"conclusion"``), attacker -> target
    (``"attack"``, with ``note``: the attack's note or None).  Every edge also
    has ``relations``: a DiGraph holds one edge per pair, so when a pair has
    several (a premise that also attacks its own argument, a repeated attack)
    ``relation`` is the first and ``relations`` lists each once; ``note`` is the
    first note that is not None.
    """
    model = debate_graph(debate)
    g: nx.DiGraph[str] = nx.DiGraph(title=debate.title, path=debate.path)
    for n, attrs in model.nodes(data=True):
        data = debate.node(n)
        kind = "argument" if isinstance(data, Argument) else "question" if attrs["kind"] == "question" else "statement"
        g.add_node(n, type=kind, kind=attrs["kind"], text=attrs["text"], data=data)
    notes: dict[tuple[str, str], str] = {}
    for at in debate.attacks:
        if at.note is not None:
            notes.setdefault((at.by, at.target), at.note)
    for u, v, key in model.edges(keys=True):
        if key == ATTACK:
            relation, extra = "attack", {"note": notes.get((u, v))}
        else:
            relation, extra = ("premise" if model.nodes[v]["kind"] == "argument" else "conclusion"), {}
        if g.has_edge(u, v):
            edge = g.edges[u, v]
            edge["relations"] += (relation,)
            for k, value in extra.items():
                if edge.get(k) is None:
                    edge[k] = value
        else:
            g.add_edge(u, v, relation=relation, relations=(relation,), **extra)
    return g
