"""Which statements hold: the grounded labelling of format ``debate/1``.

``evaluate`` computes, for the reader's choices, the least fixed point of the
rules in the format's "Meaning" section, starting with every node
``undecided``.  It is a worklist algorithm, linear in nodes + edges: a node is
decided (``in`` or ``out``) once, at the moment its counters (attackers out,
premises/arguments in or out) reach their thresholds, and only decided nodes
are propagated.  Whatever is never decided stays ``undecided``, so attack
cycles end ``undecided`` where nothing breaks them and never hang.

``reevaluate`` / ``reevaluate_changes`` recompute after one given's choice
changed.  They walk the strongly connected components (of the support +
attack graph) downstream of that given in topological order and stop
propagating wherever the labels come out unchanged.  Each component is
re-solved from scratch (its own nodes reset to ``undecided``, everything
upstream fixed), which is exactly the grounded labelling because a node's
grounded label depends only on its ancestors.

The debate is compiled once into integer arrays (``_index``), cached on the
frozen ``Debate`` instance, so repeated evaluations only pay for the worklist.
Nothing here mutates the debate, the choices or the labels passed in.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from heapq import heappop, heappush
from typing import Mapping

from graph.model import Debate
from graph.status import CHOICES, Choice, Status

__all__ = ["evaluate", "reevaluate", "reevaluate_changes"]

IN: Status = "in"
OUT: Status = "out"
UND: Status = "undecided"

_CACHE_ATTR = "_graph_evaluate_index"
_CHOICE_SET = frozenset(CHOICES)

# Node kinds in the compiled index.
_GIVEN, _ARGUMENT, _CONCLUSION = 0, 1, 2


class _Index:
    """A debate compiled to integer arrays.  Node i is ``ids[i]``.

    ``att_succ[i]``: nodes i attacks; ``sup_succ[i]``: nodes i supports
    (premise -> argument, argument -> conclusion).  ``att_pred``/``sup_pred``
    are the reverse.  Duplicated attacks or premises are counted once.
    ``need[i]``: how many supports must be ``in`` for i to be ``in``
    (argument: all premises, conclusion: one argument; givens are filled in
    per evaluation from the choice).  ``outneed[i]``: how many supports must be
    ``out`` for i to be ``out`` (argument: one premise, conclusion: every
    argument; givens never, they go out by choice or defeat).
    """

    __slots__ = (
        "ids", "pos", "n", "kind", "given_pos", "given_ids", "start",
        "natt", "need", "outneed", "att_succ", "sup_succ", "att_pred", "sup_pred",
        "seed_in", "seed_out", "_scc", "_seeds", "memo", "file_ids", "out_perm", "file_pos",
    )

    def __init__(self, debate: Debate) -> None:
        ids = [s.id for s in debate.statements] + [a.id for a in debate.arguments]
        pos = {x: i for i, x in enumerate(ids)}
        n = len(ids)
        kind = [_GIVEN if s.is_given else _CONCLUSION for s in debate.statements]
        kind += [_ARGUMENT] * len(debate.arguments)
        att_succ: list[list[int]] = [[] for _ in range(n)]
        sup_succ: list[list[int]] = [[] for _ in range(n)]
        att_pred: list[list[int]] = [[] for _ in range(n)]
        sup_pred: list[list[int]] = [[] for _ in range(n)]
        seen_attacks: set[tuple[int, int]] = set()
        for at in debate.attacks:
            edge = (pos[at.by], pos[at.target])
            if edge not in seen_attacks:
                seen_attacks.add(edge)
                att_succ[edge[0]].append(edge[1])
                att_pred[edge[1]].append(edge[0])
        for a in debate.arguments:
            ai = pos[a.id]
            for p in dict.fromkeys(a.premises):
                pi = pos[p]
                sup_succ[pi].append(ai)
                sup_pred[ai].append(pi)
            ci = pos[a.conclusion]
            sup_succ[ai].append(ci)
            sup_pred[ci].append(ai)
        natt = [len(p) for p in att_pred]
        need = [0] * n
        outneed = [0] * n
        for i in range(n):
            k = kind[i]
            if k == _ARGUMENT:
                need[i] = len(sup_pred[i])
                outneed[i] = 1
            elif k == _CONCLUSION:
                need[i] = 1
                outneed[i] = len(sup_pred[i])  # 0 only if the file had no argument (check rejects it)
            else:
                outneed[i] = 1  # unreachable: givens have no supports
        self.ids = ids
        self.pos = pos
        self.n = n
        self.kind = kind
        self.given_pos = [i for i in range(n) if kind[i] == _GIVEN]
        self.given_ids = [ids[i] for i in self.given_pos]
        self.start = {s.id: ("accepted" if s.accepted else "rejected") for s in debate.statements if s.is_given}
        self.natt = natt
        self.need = need
        self.outneed = outneed
        self.att_succ = [tuple(x) for x in att_succ]
        self.sup_succ = [tuple(x) for x in sup_succ]
        self.att_pred = [tuple(x) for x in att_pred]
        self.sup_pred = [tuple(x) for x in sup_pred]
        # Non-given nodes decided before anything propagates (only in files
        # `check` would reject: an argument without premises, a conclusion
        # without arguments); kept so evaluation stays total.
        self.seed_in = [i for i in range(n) if kind[i] != _GIVEN and need[i] == 0 and natt[i] == 0]
        self.seed_out = [i for i in range(n) if kind[i] == _CONCLUSION and outneed[i] == 0]
        self._scc = None
        self._seeds = None
        self.memo = None  # graph.explain keeps its last (choices, solve) here
        self._renumber()

    def _renumber(self) -> None:
        """Renumber the nodes in the order the file's starting choices decide
        them (undecided ones last).  The worklist then walks memory mostly
        forwards, which is ~15-20 % faster on big debates.  ``file_ids`` keeps
        the file order for results; ``out_perm[file position]`` is the node
        number, ``file_pos[node number]`` the file position."""
        n = self.n
        _, order = _solve(self, None)
        seen = bytearray(n)
        for x in order:
            seen[x] = 1
        perm = order + [i for i in range(n) if not seen[i]]
        inv = [0] * n
        for new, old in enumerate(perm):
            inv[old] = new
        self.file_ids = self.ids
        self.out_perm = inv
        self.file_pos = perm
        self.ids = [self.file_ids[o] for o in perm]
        self.pos = {x: i for i, x in enumerate(self.ids)}
        for name in ("kind", "natt", "need", "outneed"):
            old_list = getattr(self, name)
            setattr(self, name, [old_list[o] for o in perm])
        for name in ("att_succ", "sup_succ", "att_pred", "sup_pred"):
            old_list = getattr(self, name)
            setattr(self, name, [tuple([inv[y] for y in old_list[o]]) for o in perm])
        pairs = sorted((inv[g], gid) for g, gid in zip(self.given_pos, self.given_ids))
        self.given_pos = [g for g, _ in pairs]
        self.given_ids = [gid for _, gid in pairs]
        self.seed_in = [inv[i] for i in self.seed_in]
        self.seed_out = [inv[i] for i in self.seed_out]
        self._seeds = None

    def seeds(self) -> tuple[list[str], list[int], list[int]]:
        """(labels, need, decided nodes) before propagation, for the file's
        starting choices; ``_solve`` copies and patches them."""
        if self._seeds is None:
            lab = [UND] * self.n
            need = self.need[:]
            order: list[int] = []
            for g, gid in zip(self.given_pos, self.given_ids):
                if self.start[gid] == "rejected":
                    lab[g] = OUT
                    order.append(g)
                elif self.natt[g] == 0:
                    lab[g] = IN
                    order.append(g)
            for i in self.seed_in:
                lab[i] = IN
                order.append(i)
            for i in self.seed_out:
                if lab[i] is UND:
                    lab[i] = OUT
                    order.append(i)
            self._seeds = (lab, need, order)
        return self._seeds

    # -- strongly connected components, for reevaluation (compiled lazily) --
    def scc(self) -> tuple[list[int], list[tuple[int, ...]], list[bool]]:
        """(topo number of each node's component, members by topo number,
        whether the component must be solved as a cycle)."""
        if self._scc is None:
            with _gc_paused():
                self._scc = _components(self)
        return self._scc


def _components(ix: _Index) -> tuple[list[int], list[tuple[int, ...]], list[bool]]:
    """Iterative Tarjan over support + attack edges.  Tarjan emits components
    in reverse topological order; they are renumbered so that every edge goes
    from a lower (or equal) number to a higher one."""
    n = ix.n
    succ = [a + s for a, s in zip(ix.att_succ, ix.sup_succ)]
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comps: list[tuple[int, ...]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, i = work[-1]
            sv = succ[v]
            if i < len(sv):
                work[-1] = (v, i + 1)
                w = sv[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                work.pop()
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp.append(w)
                        if w == v:
                            break
                    comps.append(tuple(comp))
    comps.reverse()
    topo = [0] * n
    cyclic = []
    for t, comp in enumerate(comps):
        for v in comp:
            topo[v] = t
        cyclic.append(len(comp) > 1 or comp[0] in ix.att_succ[comp[0]])
    return topo, comps, cyclic


@contextmanager
def _gc_paused():
    """Compiling allocates hundreds of thousands of small lists and tuples;
    the cyclic collector would rescan them all over again (more than half
    the compile time at 100k statements).  None of them form cycles."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _index(debate: Debate) -> _Index:
    """The compiled index of ``debate``, built once and kept on the instance
    (the Debate is frozen, so it can never go stale)."""
    ix = debate.__dict__.get(_CACHE_ATTR)
    if ix is None:
        with _gc_paused():
            ix = _Index(debate)
        object.__setattr__(debate, _CACHE_ATTR, ix)
    return ix


def _check_choices(ix: _Index, choices: Mapping[str, Choice]) -> None:
    bad = choices.keys() - ix.start.keys()
    if bad:
        raise ValueError(f"not a given of this debate: {', '.join(sorted(bad))}")
    if not _CHOICE_SET.issuperset(choices.values()):
        wrong = sorted(str(v) for v in set(choices.values()) - _CHOICE_SET)
        raise ValueError(f"not a choice (accepted, rejected, unsure): {', '.join(wrong)}")


def _solve(ix: _Index, choices: Mapping[str, Choice] | None) -> tuple[list[str], list[int]]:
    """The worklist.  Returns (label of every node, nodes in decision order).

    Decision order matters to explanations: every node is decided strictly
    after the nodes that justify its label.
    """
    n = ix.n
    natt = ix.natt
    outneed = ix.outneed
    att_succ = ix.att_succ
    sup_succ = ix.sup_succ
    lab0, need0, order0 = ix.seeds()
    lab = lab0[:]
    need = need0[:]
    order = order0[:]
    if choices:
        # Only the givens whose choice differs from the file's start need
        # seeding differently (the set difference runs in C).
        diff = choices.items() - ix.start.items()
        if diff:
            pos = ix.pos
            dropped = False
            for gid, c in diff:
                g = pos[gid]
                was = lab[g]
                if c == "rejected":
                    now = OUT
                    need[g] = 0
                elif c == "accepted":
                    now = IN if natt[g] == 0 else UND
                    need[g] = 0
                else:
                    now = UND
                    need[g] = 1  # unsure: never in (givens have no supports to count)
                lab[g] = now
                if was is UND:
                    if now is not UND:
                        order.append(g)
                elif now is UND:
                    dropped = True
            if dropped:
                order = [x for x in order if lab[x] is not UND]
    push = order.append
    att_out = [0] * n
    sup_in = [0] * n
    sup_out = [0] * n
    # Iterating a list while appending to it visits the appended items too:
    # `order` is both the queue and the record of decisions.
    for x in order:
        if lab[x] is IN:
            for y in att_succ[x]:
                if lab[y] is UND:
                    lab[y] = OUT
                    push(y)
            for y in sup_succ[x]:
                if lab[y] is UND:
                    k = sup_in[y] + 1
                    sup_in[y] = k
                    if k == need[y] and att_out[y] == natt[y]:
                        lab[y] = IN
                        push(y)
        else:
            for y in att_succ[x]:
                if lab[y] is UND:
                    k = att_out[y] + 1
                    att_out[y] = k
                    if k == natt[y] and sup_in[y] >= need[y]:
                        lab[y] = IN
                        push(y)
            for y in sup_succ[x]:
                if lab[y] is UND:
                    k = sup_out[y] + 1
                    sup_out[y] = k
                    if k == outneed[y]:
                        lab[y] = OUT
                        push(y)
    return lab, order


def evaluate(debate: Debate, choices: Mapping[str, Choice] | None = None) -> dict[str, Status]:
    """Status every statement and argument of ``debate`` ``in``, ``out`` or ``undecided``.

    ``choices`` maps given ids to ``"accepted"``, ``"rejected"`` or
    ``"unsure"``; a given it leaves out takes ``debate.starting_choices()``.
    The result is the grounded labelling of the format's "Meaning" rules (the
    least fixed point from all ``undecided``), as a new dict keyed by id,
    statements first, then arguments, in file order.  Attack cycles that
    nothing breaks end ``undecided``; evaluation always terminates, in time
    linear in nodes + edges.  Raises ``ValueError`` if ``choices`` names
    something that is not a given or a value that is not a choice.  Neither
    the debate nor ``choices`` is mutated (the compiled index is cached on
    the debate instance, outside its fields).
    """
    ix = _index(debate)
    if choices:
        _check_choices(ix, choices)
    lab, _ = _solve(ix, choices)
    return dict(zip(ix.file_ids, map(lab.__getitem__, ix.out_perm)))


def _label_of(ix: _Index, x: int, lab_of, choice_of) -> str:
    """The label of node x from its predecessors' labels (x not on a cycle)."""
    defeated = False
    clear = True
    for a in ix.att_pred[x]:
        la = lab_of(a)
        if la == IN:
            defeated = True
            break
        if la != OUT:
            clear = False
    k = ix.kind[x]
    if k == _GIVEN:
        c = choice_of(ix.ids[x])
        if defeated or c == "rejected":
            return OUT
        return IN if (clear and c == "accepted") else UND
    if defeated:
        return OUT
    n_in = n_out = 0
    for p in ix.sup_pred[x]:
        lp = lab_of(p)
        if lp == IN:
            n_in += 1
        elif lp == OUT:
            n_out += 1
    if n_out >= ix.outneed[x]:
        return OUT
    if clear and n_in >= ix.need[x]:
        return IN
    return UND


def _solve_cycle(ix: _Index, members: tuple[int, ...], lab_of, choice_of) -> dict[int, str]:
    """Grounded labels of one strongly connected component, everything
    upstream of it fixed: the same worklist as ``_solve``, confined to it."""
    inside = set(members)
    lab = {x: UND for x in members}
    att_out: dict[int, int] = {}
    sup_in: dict[int, int] = {}
    sup_out: dict[int, int] = {}
    need: dict[int, int] = {}
    order: list[int] = []
    push = order.append
    natt = ix.natt
    outneed = ix.outneed
    for x in members:
        ao = 0
        defeated = False
        for a in ix.att_pred[x]:
            if a in inside:
                continue
            la = lab_of(a)
            if la == IN:
                defeated = True
            elif la == OUT:
                ao += 1
        si = so = 0
        for p in ix.sup_pred[x]:
            if p in inside:
                continue
            lp = lab_of(p)
            if lp == IN:
                si += 1
            elif lp == OUT:
                so += 1
        nd = ix.need[x]
        if ix.kind[x] == _GIVEN:
            c = choice_of(ix.ids[x])
            if c == "rejected":
                defeated = True
            nd = 0 if c == "accepted" else 1
        att_out[x], sup_in[x], sup_out[x], need[x] = ao, si, so, nd
        if defeated or (ix.kind[x] != _GIVEN and so >= outneed[x]):
            lab[x] = OUT
            push(x)
        elif ao == natt[x] and si >= nd:
            lab[x] = IN
            push(x)
    for x in order:
        if lab[x] is IN:
            for y in ix.att_succ[x]:
                if y in inside and lab[y] is UND:
                    lab[y] = OUT
                    push(y)
            for y in ix.sup_succ[x]:
                if y in inside and lab[y] is UND:
                    k = sup_in[y] = sup_in[y] + 1
                    if k >= need[y] and att_out[y] == natt[y]:
                        lab[y] = IN
                        push(y)
        else:
            for y in ix.att_succ[x]:
                if y in inside and lab[y] is UND:
                    k = att_out[y] = att_out[y] + 1
                    if k == natt[y] and sup_in[y] >= need[y]:
                        lab[y] = IN
                        push(y)
            for y in ix.sup_succ[x]:
                if y in inside and lab[y] is UND:
                    k = sup_out[y] = sup_out[y] + 1
                    if k >= outneed[y]:
                        lab[y] = OUT
                        push(y)
    return lab


def _propagate(
    ix: _Index,
    labels: Mapping[str, Status],
    choice_of,
    start: int,
    stop_at: int | None = None,
    within: set[int] | None = None,
) -> dict[int, str]:
    """New labels (node -> label, only those that differ from ``labels``)
    after the choice of given ``start`` changed.  Components are visited in
    topological order; only those downstream of a changed node are re-solved.
    ``stop_at``/``within`` skip components numbered beyond ``stop_at`` or not
    in ``within`` (used when only one conclusion matters)."""
    topo, comps, cyclic = ix.scc()
    ids = ix.ids
    changes: dict[int, str] = {}

    def lab_of(i: int) -> str:
        v = changes.get(i)
        return v if v is not None else labels[ids[i]]

    heap = [topo[start]]
    queued = {topo[start]}
    att_succ, sup_succ = ix.att_succ, ix.sup_succ
    while heap:
        t = heappop(heap)
        if stop_at is not None and t > stop_at:
            break
        if within is not None and t not in within:
            continue
        members = comps[t]
        if cyclic[t]:
            new = _solve_cycle(ix, members, lab_of, choice_of)
            moved = [x for x in members if new[x] != lab_of(x)]
            for x in moved:
                changes[x] = new[x]
        else:
            x = members[0]
            v = _label_of(ix, x, lab_of, choice_of)
            moved = [x] if v != lab_of(x) else []
            if moved:
                changes[x] = v
        for x in moved:
            for y in att_succ[x]:
                u = topo[y]
                if u not in queued:
                    queued.add(u)
                    heappush(heap, u)
            for y in sup_succ[x]:
                u = topo[y]
                if u not in queued:
                    queued.add(u)
                    heappush(heap, u)
    # A node may have moved and come back within one cycle's solve: drop no-ops.
    return {i: v for i, v in changes.items() if v != labels[ids[i]]}


def _choice_getter(ix: _Index, choices: Mapping[str, Choice] | None):
    start = ix.start
    if not choices:
        return start.__getitem__
    get = choices.get
    return lambda gid: get(gid) or start[gid]


def reevaluate_changes(
    debate: Debate,
    labels: Mapping[str, Status],
    choices: Mapping[str, Choice] | None,
    changed_id: str,
) -> dict[str, Status]:
    """Only the labels that change after the choice of given ``changed_id`` changed.

    ``labels`` must be ``evaluate(debate, old_choices)`` where ``old_choices``
    differs from ``choices`` (the new mapping, full or partial as for
    ``evaluate``) at most in ``changed_id``.  Returns ``{id: new_label}`` for
    exactly the nodes whose label differs, so that
    ``{**labels, **reevaluate_changes(...)} == evaluate(debate, choices)``.
    Cost: the components downstream of ``changed_id`` that actually change,
    plus their immediate successors.  Raises ``ValueError`` if
    ``changed_id`` is not a given or its new choice is not a choice
    (the other entries are not re-checked: they were valid for ``labels``).  Nothing passed in is mutated.
    """
    ix = _index(debate)
    if changed_id not in ix.start:
        raise ValueError(f"not a given of this debate: {changed_id}")
    # Checking the whole mapping would cost more than the update itself:
    # only the changed entry is checked (the rest was valid before).
    if choices and choices.get(changed_id, "accepted") not in _CHOICE_SET:
        raise ValueError(f"not a choice (accepted, rejected, unsure): {choices[changed_id]}")
    changes = _propagate(ix, labels, _choice_getter(ix, choices), ix.pos[changed_id])
    ids = ix.ids
    return {ids[i]: v for i, v in changes.items()}


def reevaluate(
    debate: Debate,
    labels: Mapping[str, Status],
    choices: Mapping[str, Choice] | None,
    changed_id: str,
) -> dict[str, Status]:
    """``evaluate(debate, choices)``, computed incrementally from ``labels``.

    Same preconditions as ``reevaluate_changes``; returns a new dict (a copy
    of ``labels`` with the changes applied; ``labels`` is not mutated), equal
    to ``evaluate(debate, choices)`` including key order.
    """
    new = dict(labels)
    new.update(reevaluate_changes(debate, labels, choices, changed_id))
    return new
