"""The engine's compiled index of a debate, the one rule statuses follow, and the worklist.

Internal to the engine: :mod:`graph.evaluate`, :mod:`graph.explain`,
:mod:`graph.network` and ``bench/engine.py`` build on it; the page and the
command line call those modules instead.  Nothing here imports networkx
(the page's first run must not pay for it), and nothing here mutates a
debate, a choices mapping or a list it was given.

- The links (:func:`node_ids`, :func:`support_links`, :func:`attack_links`,
  :func:`question_links`): the one description of a debate's nodes and
  edges, which both :class:`Index` and :func:`graph.network.debate_graph`
  are built from.  A critical question is a given whose one link of its own
  is the undercut of its argument (:func:`question_links`).
- The rule (:func:`status_from` with each node's thresholds, ``need_in`` /
  ``need_out`` of :class:`Index` and :data:`GIVEN_THRESHOLDS`): the format's
  "Meaning" section (format ``debate/1``) written once, as counts
  of a node's attackers and supports.  The worklist :func:`solve` applies it
  one count at a time; :mod:`graph.evaluate` to a node or a cycle at once.
- :class:`Index` and :func:`debate_index`: the debate compiled to integer
  arrays, once per frozen ``Debate`` instance (kept on it, so it never goes
  stale), with the strongly connected components for re-evaluation.
- :func:`solve`: the statuses of every node for some choices, and the order
  in which the worklist decided them (explanations rest on that order).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Final, TypeVar, cast

from graph.model import Debate
from graph.status import CHOICES, Choice, Status

__all__ = [
    "ARGUMENT",
    "CONCLUSION",
    "GIVEN",
    "GIVEN_THRESHOLDS",
    "IN",
    "OUT",
    "UNDECIDED",
    "Components",
    "Index",
    "Solution",
    "attack_links",
    "cached_on",
    "components",
    "debate_index",
    "gc_paused",
    "node_ids",
    "propagate",
    "question_links",
    "reseed",
    "solve",
    "status_from",
    "support_links",
]

IN: Final[Status] = "in"
OUT: Final[Status] = "out"
UNDECIDED: Final[Status] = "undecided"
_UND: Final[Status] = UNDECIDED  # short spelling for the loops below

#: Node kinds in the index (``Index.kind``).
GIVEN: Final = 0
ARGUMENT: Final = 1
CONCLUSION: Final = 2

_CACHE_SLOT = "_graph_index"
_CHOICE_SET = frozenset(CHOICES)

T = TypeVar("T")

#: (statuses of every node by node number, decided nodes in decision order).
Solution = tuple[list[Status], list[int]]
#: (topological number of each node's component, members by that number,
#: whether each component must be solved as a cycle).
Components = tuple[list[int], list[tuple[int, ...]], list[bool]]


# -- the links ---------------------------------------------------------------


def node_ids(debate: Debate) -> list[str]:
    """A new list of every node id of ``debate``: statements, then arguments,
    then critical questions, in file order."""
    return [s.id for s in debate.statements] + [a.id for a in debate.arguments] + [q.id for q in debate.questions]


def support_links(debate: Debate) -> Iterator[tuple[str, str]]:
    """Every support link ``(source, target)`` of ``debate``: for each argument
    in file order, premise -> argument for each of its premises (a premise
    listed twice counts once), then argument -> conclusion."""
    for a in debate.arguments:
        for p in dict.fromkeys(a.premises):
            yield p, a.id
        yield a.id, a.conclusion


def attack_links(debate: Debate) -> Iterator[tuple[str, str]]:
    """Every attack link ``(by, target)`` of ``debate`` once, in the order of
    first appearance (an attack written twice is one link: it counts once)."""
    seen: set[tuple[str, str]] = set()
    for at in debate.attacks:
        link = (at.by, at.target)
        if link not in seen:
            seen.add(link)
            yield link


def question_links(debate: Debate) -> Iterator[tuple[str, str]]:
    """Every critical question's undercut ``(question, its argument)``, in
    file order: the attack a question makes when the reader raises it.  Kept
    apart from :func:`attack_links` (the file's written attacks)."""
    for q in debate.questions:
        yield q.id, q.argument


# -- the rule ------------------------------------------------------------------

#: ``(need_in, need_out)`` of a given under each choice (see
#: :func:`status_from`).  A given has no supports, so a threshold of 1 is
#: never reached: an accepted given is ``in`` once it is clear, an unsure one
#: never (only defeat decides it), a rejected one is ``out`` at once.
GIVEN_THRESHOLDS: Final[Mapping[Choice, tuple[int, int]]] = {
    "accepted": (0, 1),
    "unsure": (1, 1),
    "rejected": (1, 0),
}


def status_from(
    attackers: int,
    attackers_in: int,
    attackers_out: int,
    supports_in: int,
    supports_out: int,
    need_in: int,
    need_out: int,
) -> Status:
    """The status the format's "Meaning" rules give a node, from counts.

    ``attackers`` is how many distinct nodes attack it, ``attackers_in`` /
    ``attackers_out`` how many of them are ``in`` / ``out`` (the rest are
    undecided), likewise for its supports.  ``need_in`` / ``need_out`` are
    its thresholds: how many supports must be ``in`` for it to be ``in``,
    and how many ``out`` for it to be ``out`` (``Index.thresholds``; an
    argument needs every premise in / one out, a conclusion one argument in
    / every one out, a given :data:`GIVEN_THRESHOLDS`).

    It is ``out`` when defeated (an attacker in) or when ``need_out``
    supports are out; ``in`` when clear (every attacker out) and ``need_in``
    supports are in; otherwise ``undecided``.  The counts of one node never
    meet both, so the order of the two tests does not matter.

    The grounded labelling is the least fixed point of this function over
    all nodes, starting from every node ``undecided``: :func:`solve` reaches
    it by raising the counts one decided node at a time.
    """
    if attackers_in > 0 or supports_out >= need_out:
        return OUT
    if attackers_out >= attackers and supports_in >= need_in:
        return IN
    return _UND


# A given's need_in and its status before anything propagates (every count
# zero), unattacked and attacked, for each choice: the worklist seeds a
# changed given from this table instead of calling status_from per given.
_GIVEN_START: Final[Mapping[str, tuple[int, Status, Status]]] = {
    c: (nin, status_from(0, 0, 0, 0, 0, nin, nout), status_from(1, 0, 0, 0, 0, nin, nout))
    for c, (nin, nout) in GIVEN_THRESHOLDS.items()
}


# -- the compiled index ----------------------------------------------------------


class Index:
    """A debate compiled to integer arrays.  Node i is ``ids[i]``; build one
    with :func:`debate_index` (which caches it), never mutate one.

    Nodes are numbered in the order the file's starting choices decide them
    (undecided ones last), so the worklist walks memory mostly forwards
    (~15-20 % faster on big debates).  Results in file order use
    ``file_ids`` (node ids in file order), ``out_perm[file position]`` (the
    node number) and ``file_pos[node number]`` (the file position).

    ``att_succ[i]``: the nodes i attacks; ``sup_succ[i]``: the nodes i
    supports (premise -> argument, argument -> conclusion); ``att_pred`` /
    ``sup_pred`` the reverse, each link once (:func:`attack_links`,
    :func:`support_links`).  ``n_attackers[i] == len(att_pred[i])``;
    ``need_in`` / ``need_out`` are each node's thresholds for
    :func:`status_from`, a given's for its starting choice (``start``).  ``kind[i]``: :data:`GIVEN`,
    :data:`ARGUMENT` or :data:`CONCLUSION` (a question is a :data:`GIVEN`);
    ``given_pos`` / ``given_ids``: the givens by node number.  ``pos``: id -> node number.
    """

    __slots__ = (
        "__weakref__",
        "_scc",
        "_seed_candidates",
        "_seeds",
        "att_pred",
        "att_succ",
        "file_ids",
        "file_pos",
        "given_ids",
        "given_pos",
        "ids",
        "kind",
        "n",
        "n_attackers",
        "need_in",
        "need_out",
        "out_perm",
        "pos",
        "start",
        "sup_pred",
        "sup_succ",
    )

    ids: list[str]
    pos: dict[str, int]
    n: int
    kind: list[int]
    given_pos: list[int]
    given_ids: list[str]
    start: dict[str, Choice]
    n_attackers: list[int]
    need_in: list[int]
    need_out: list[int]
    att_succ: list[tuple[int, ...]]
    sup_succ: list[tuple[int, ...]]
    att_pred: list[tuple[int, ...]]
    sup_pred: list[tuple[int, ...]]
    file_ids: list[str]
    out_perm: list[int]
    file_pos: list[int]
    _scc: Components | None
    _seeds: Solution | None
    _seed_candidates: list[int]

    def __init__(self, debate: Debate) -> None:
        """Compile ``debate`` (every link must name one of its nodes, else ``KeyError``)."""
        ids = node_ids(debate)
        pos = {x: i for i, x in enumerate(ids)}
        n = len(ids)
        kind = [GIVEN if s.is_given else CONCLUSION for s in debate.statements]
        kind += [ARGUMENT] * len(debate.arguments)
        kind += [GIVEN] * len(debate.questions)
        att_succ: list[list[int]] = [[] for _ in range(n)]
        sup_succ: list[list[int]] = [[] for _ in range(n)]
        att_pred: list[list[int]] = [[] for _ in range(n)]
        sup_pred: list[list[int]] = [[] for _ in range(n)]
        for by, target in _all_attacks(debate):
            b, t = pos[by], pos[target]
            att_succ[b].append(t)
            att_pred[t].append(b)
        for source, target in support_links(debate):
            s, t = pos[source], pos[target]
            sup_succ[s].append(t)
            sup_pred[t].append(s)
        start: dict[str, Choice] = debate.starting_choices()
        # The format's rules as thresholds for status_from (the only place
        # they are written for arguments and conclusions).  A conclusion
        # without arguments is out at once and an argument without premises
        # in once clear: only in files `check` rejects, kept so evaluation
        # stays total.
        need_in = [0] * n
        need_out = [0] * n
        for i in range(n):
            k = kind[i]
            if k == ARGUMENT:  # in: every premise in; out: one premise out
                need_in[i] = len(sup_pred[i])
                need_out[i] = 1
            elif k == CONCLUSION:  # in: one argument in; out: every argument out
                need_in[i] = 1
                need_out[i] = len(sup_pred[i])
            else:
                need_in[i], need_out[i] = GIVEN_THRESHOLDS[start[ids[i]]]
        self.ids = ids
        self.pos = pos
        self.n = n
        self.kind = kind
        self.given_pos = [i for i in range(n) if kind[i] == GIVEN]
        self.given_ids = [ids[i] for i in self.given_pos]
        self.start = start
        self.n_attackers = [len(p) for p in att_pred]
        self.need_in = need_in
        self.need_out = need_out
        self.att_succ = [tuple(x) for x in att_succ]
        self.sup_succ = [tuple(x) for x in sup_succ]
        self.att_pred = [tuple(x) for x in att_pred]
        self.sup_pred = [tuple(x) for x in sup_pred]
        self.file_ids = ids
        self._scc = None
        self._seeds = None
        self._seed_candidates = self._candidates()
        self._renumber()

    def _candidates(self) -> list[int]:
        # The nodes that zero counts can decide: every given, then (only in
        # files `check` rejects) arguments without premises and conclusions
        # without arguments.  This order is the seeds' decision order.
        kind, need_in, need_out = self.kind, self.need_in, self.need_out
        rest = [i for i in range(self.n) if kind[i] != GIVEN]
        return self.given_pos + [i for i in rest if need_in[i] <= 0] + [i for i in rest if need_out[i] <= 0]

    def _renumber(self) -> None:
        n = self.n
        _, order = solve(self, None)
        seen = bytearray(n)
        for x in order:
            seen[x] = 1
        perm = order + [i for i in range(n) if not seen[i]]
        inv = [0] * n
        for new, old in enumerate(perm):
            inv[old] = new
        self.out_perm = inv
        self.file_pos = perm
        self.ids = [self.file_ids[o] for o in perm]
        self.pos = {x: i for i, x in enumerate(self.ids)}
        for name in ("kind", "n_attackers", "need_in", "need_out"):
            old_list = getattr(self, name)
            setattr(self, name, [old_list[o] for o in perm])
        for name in ("att_succ", "sup_succ", "att_pred", "sup_pred"):
            old_list = getattr(self, name)
            setattr(self, name, [tuple([inv[y] for y in old_list[o]]) for o in perm])
        self.given_pos = sorted(inv[g] for g in self.given_pos)
        self.given_ids = [self.ids[g] for g in self.given_pos]
        self._seeds = None
        self._seed_candidates = self._candidates()

    def seeds(self) -> Solution:
        """The statuses and decision order before anything propagates, for
        the file's starting choices: each candidate's :func:`status_from`
        with every count zero.  Cached; :func:`solve` copies it."""
        if self._seeds is None:
            status = [_UND] * self.n
            order: list[int] = []
            n_attackers, need_in, need_out = self.n_attackers, self.need_in, self.need_out
            for i in self._seed_candidates:
                if status[i] is _UND:
                    s = status_from(n_attackers[i], 0, 0, 0, 0, need_in[i], need_out[i])
                    if s is not _UND:
                        status[i] = s
                        order.append(i)
            self._seeds = (status, order)
        return self._seeds

    def thresholds(self, x: int, choice: Choice) -> tuple[int, int]:
        """``(need_in, need_out)`` of node ``x`` for :func:`status_from`, a
        given's under ``choice`` (ignored for other nodes).  Raises
        ``KeyError`` for a given and a ``choice`` that is not a choice."""
        if self.kind[x] == GIVEN:
            return GIVEN_THRESHOLDS[choice]
        return self.need_in[x], self.need_out[x]

    def check_choices(self, choices: Mapping[str, Choice]) -> None:
        """Raise ``ValueError`` if ``choices`` names something that is not a
        given of the debate, or has a value that is not a choice."""
        bad = choices.keys() - self.start.keys()
        if bad:
            raise ValueError(f"not a given of this debate: {', '.join(sorted(bad))}")
        if not _CHOICE_SET.issuperset(choices.values()):
            wrong = sorted(str(v) for v in set(choices.values()) - _CHOICE_SET)
            raise ValueError(f"not a choice (accepted, rejected, unsure): {', '.join(wrong)}")

    def upstream(self, nodes: Iterable[int]) -> list[int]:
        """A new list of ``nodes`` and every node from which support or attack
        links lead to one of them (the part their statuses depend on), each
        once, ``nodes`` first (breadth-first order)."""
        seen = set(nodes)
        todo = list(seen)
        att_pred, sup_pred = self.att_pred, self.sup_pred
        for x in todo:
            for p in att_pred[x] + sup_pred[x]:
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return todo

    def scc(self) -> Components:
        """The strongly connected components over support + attack links
        (:func:`components`), computed on first use and cached."""
        if self._scc is None:
            with gc_paused():
                self._scc = components(self)
        return self._scc


def components(ix: Index) -> Components:
    """The strongly connected components of ``ix`` over support + attack
    links, numbered so that every link goes from a lower (or equal) number
    to a higher one: ``(topo, members, cyclic)`` where ``topo[i]`` is node
    i's component, ``members[t]`` the nodes of component t, and
    ``cyclic[t]`` whether it is a cycle (several nodes, or one that attacks
    itself).  Iterative Tarjan (no recursion limit); a new result each call.
    """
    n = ix.n
    succ = [a + s for a, s in zip(ix.att_succ, ix.sup_succ, strict=True)]
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
                    comp: list[int] = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp.append(w)
                        if w == v:
                            break
                    comps.append(tuple(comp))
    # Tarjan emits components in reverse topological order.
    comps.reverse()
    topo = [0] * n
    cyclic = []
    for t, members in enumerate(comps):
        for v in members:
            topo[v] = t
        cyclic.append(len(members) > 1 or members[0] in ix.att_succ[members[0]])
    return topo, comps, cyclic


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the body with the cyclic garbage collector off (restored after,
    also on error).  Compiling allocates hundreds of thousands of small lists
    and tuples that form no cycles; the collector would rescan them all over
    again (more than half the compile time at 100k statements)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def cached_on(debate: Debate, slot: str, build: Callable[[Debate], T]) -> T:
    """``build(debate)``, computed once per ``Debate`` instance and kept on it
    under the attribute ``slot`` (outside its fields: equality, ``repr`` and
    the fields are untouched).  The Debate is frozen, so the value can never
    go stale; ``build`` must return a value that nobody mutates."""
    value = debate.__dict__.get(slot)
    if value is None:
        value = build(debate)
        object.__setattr__(debate, slot, value)
    return cast(T, value)


def _all_attacks(debate: Debate) -> Iterator[tuple[str, str]]:
    # The file's attacks, then the questions' undercuts (a question is never
    # an attacker in a loaded file, so no link comes twice).
    yield from attack_links(debate)
    yield from question_links(debate)


def _compile(debate: Debate) -> Index:
    with gc_paused():
        return Index(debate)


def debate_index(debate: Debate) -> Index:
    """The compiled :class:`Index` of ``debate``, built on first use and
    cached on the instance.  Raises ``KeyError`` if a link names no node
    (never for a loaded debate)."""
    return cached_on(debate, _CACHE_SLOT, _compile)


# -- the worklist ------------------------------------------------------------------


def solve(ix: Index, choices: Mapping[str, Choice] | None) -> Solution:
    """The grounded statuses of every node of ``ix`` under ``choices`` (a
    given it leaves out takes ``ix.start``; not checked here, see
    ``Index.check_choices``), and the decided nodes in decision order: every
    node is decided strictly after the nodes that justify its status.  New
    lists; linear in nodes + links.

    A node is decided once, when the counts of its decided attackers and
    supports first satisfy :func:`status_from`; only decided nodes
    propagate, so whatever is never decided stays undecided (attack cycles
    that nothing breaks) and the loop always ends.
    """
    n = ix.n
    n_attackers = ix.n_attackers
    need_out = ix.need_out
    att_succ = ix.att_succ
    sup_succ = ix.sup_succ
    status0, order0 = ix.seeds()
    status = status0[:]
    need_in = ix.need_in[:]
    order = order0[:]
    if choices:
        # Only the givens whose choice differs from the file's start need
        # seeding differently (the set difference runs in C).
        diff = choices.items() - ix.start.items()
        if diff:
            pos = ix.pos
            starts: list[tuple[int, Status]] = []
            for gid, c in diff:
                g = pos[gid]
                # need_out of a given is read only at seeding: no support
                # reaches a given, so only need_in is patched.
                need_in[g], free, attacked = _GIVEN_START[c]
                starts.append((g, free if n_attackers[g] == 0 else attacked))
            order = reseed(order, status, starts)
    propagate(order, status, need_in, need_out, n_attackers, att_succ, sup_succ, ([0] * n, [0] * n, [0] * n))
    return status, order


def reseed(order: list[int], status: list[Status], starts: Iterable[tuple[int, Status]]) -> list[int]:
    """Give each node of ``starts`` its new starting status (in ``status``,
    in place) and return the decision order to propagate from: ``order``
    with the nodes that became decided appended, and without those that
    became undecided (a new list then; else ``order`` itself, extended)."""
    dropped = False
    for x, now in starts:
        was = status[x]
        status[x] = now
        if was is _UND:
            if now is not _UND:
                order.append(x)
        elif now is _UND:
            dropped = True
    return [x for x in order if status[x] is not _UND] if dropped else order


def propagate(
    order: list[int],
    status: list[Status],
    need_in: Sequence[int],
    need_out: Sequence[int],
    n_attackers: Sequence[int],
    att_succ: Sequence[Sequence[int]],
    sup_succ: Sequence[Sequence[int]],
    counts: tuple[list[int], list[int], list[int]],
) -> None:
    """The worklist's propagation, shared by :func:`solve` and the reasoning
    labeller (graph.reason_core): every node of ``order`` (decided, in
    decision order) tells its successors; a successor whose counts now meet
    :func:`status_from` is decided and appended to ``order``.  ``counts`` are
    the attackers-out, supports-in and supports-out counts so far (zero for
    a whole debate; a region starts from what lies outside it).  Changes
    ``order``, ``status`` and ``counts`` in place."""
    att_out, sup_in, sup_out = counts
    push = order.append
    # Each test below is status_from for the one count that just rose (an
    # attacker in decides at once); the other counts cannot have made it
    # true before, or the node would already be decided.  Iterating a list
    # while appending to it visits the appended items too: `order` is both
    # the queue and the record of decisions.
    for x in order:
        if status[x] is IN:
            for y in att_succ[x]:
                if status[y] is _UND:
                    status[y] = OUT
                    push(y)
            for y in sup_succ[x]:
                if status[y] is _UND:
                    k = sup_in[y] + 1
                    sup_in[y] = k
                    if k >= need_in[y] and att_out[y] >= n_attackers[y]:
                        status[y] = IN
                        push(y)
        else:
            for y in att_succ[x]:
                if status[y] is _UND:
                    k = att_out[y] + 1
                    att_out[y] = k
                    if k >= n_attackers[y] and sup_in[y] >= need_in[y]:
                        status[y] = IN
                        push(y)
            for y in sup_succ[x]:
                if status[y] is _UND:
                    k = sup_out[y] + 1
                    sup_out[y] = k
                    if k >= need_out[y]:
                        status[y] = OUT
                        push(y)
