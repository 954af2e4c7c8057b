"""Finding cycles in a directed graph given as edges between string ids.

The loader uses these for *circular support* (premise -> argument ->
conclusion links that go round).  :func:`has_cycle` is a quick yes/no with
no imports; :func:`name_cycles` names the cycles with NetworkX, which is
imported only when called (its import is a quarter of a second, and most
debates have no cycle at all).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["has_cycle", "name_cycles"]


def has_cycle(successors: Mapping[str, Sequence[str]]) -> bool:
    """Whether the directed graph given by ``successors`` (node -> the nodes
    its edges lead to) has a cycle, a self-loop included.  Iterative
    depth-first search: no recursion limit on long chains."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in successors:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors.get(root, ())))]
        while stack:
            node, rest = stack[-1]
            nxt = next(rest, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return True
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(successors.get(nxt, ()))))
    return False


def name_cycles(edges: Sequence[tuple[str, str]], rank: Mapping[str, int], per_tangle: int) -> list[list[str]]:
    """Simple cycles of the graph with these ``edges``, each as the list of
    its nodes closed by its first one again (``[d, a3, e, a2, d]``), starting
    at its node of lowest ``rank`` (nodes missing from ``rank`` count as 0).

    At most ``per_tangle`` cycles are named per strongly connected part (a
    tangle can hold exponentially many).  The order of the list is NetworkX's;
    callers sort it."""
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_edges_from(edges)
    found: list[list[str]] = []
    for part in nx.strongly_connected_components(graph):
        if len(part) < 2 and not any(graph.has_edge(n, n) for n in part):
            continue
        for count, cycle in enumerate(nx.simple_cycles(graph.subgraph(part))):
            if count >= per_tangle:
                break
            ranks = [rank.get(n, 0) for n in cycle]
            start = ranks.index(min(ranks))
            found.append([*cycle[start:], *cycle[:start], cycle[start]])
    return found
