"""The debate as a NetworkX graph, for rendering and analysis."""
from __future__ import annotations

import networkx as nx

from graph.model import Debate

__all__ = ["build_graph"]


def build_graph(debate: Debate) -> nx.DiGraph:
    """A new ``DiGraph`` of ``debate`` (a fresh one on every call, so callers
    may change it freely; the debate itself is never touched).

    Nodes: every statement and argument, by id, with attributes ``type``
    (``"statement"`` or ``"argument"``), ``kind`` (the statement's kind, or
    ``"argument"``), ``text`` (the statement's text; for an argument, its
    scheme or ``""``) and ``data`` (the frozen Statement/Argument object).
    Edges, each with ``relation``: premise -> argument (``"premise"``),
    argument -> conclusion (``"conclusion"``), attacker -> target
    (``"attack"``, with ``note``: the attack's note or None).  Every edge also
    has ``relations``: a DiGraph holds one edge per pair, so when a pair has
    several (a premise that also attacks its own argument, a repeated attack)
    ``relation`` is the first and ``relations`` lists each once; ``note`` is the
    first note that is not None.
    """
    g = nx.DiGraph(title=debate.title, path=debate.path)
    for s in debate.statements:
        g.add_node(s.id, type="statement", kind=s.kind, text=s.text, data=s)
    for a in debate.arguments:
        g.add_node(a.id, type="argument", kind="argument", text=a.scheme or "", data=a)

    def link(u: str, v: str, relation: str, **attrs: object) -> None:
        if g.has_edge(u, v):
            edge = g.edges[u, v]
            if relation not in edge["relations"]:
                edge["relations"] += (relation,)
            for key, value in attrs.items():
                if edge.get(key) is None:
                    edge[key] = value
            return
        g.add_edge(u, v, relation=relation, relations=(relation,), **attrs)

    for a in debate.arguments:
        for p in a.premises:
            link(p, a.id, "premise")
        link(a.id, a.conclusion, "conclusion")
    for t in debate.attacks:
        link(t.by, t.target, "attack", note=t.note)
    return g
