"""Which statements hold: the grounded statuses of format ``debate/1``.

``evaluate`` computes, for the reader's choices, the least fixed point of the
rules in the format's "Meaning" section, starting with every node
``undecided``: the worklist :func:`graph.index.solve`, linear in nodes +
links, over the debate compiled once into integer arrays
(:func:`graph.index.debate_index`, cached on the frozen ``Debate``
instance, so repeated evaluations only pay for the worklist).  Whatever is
never decided stays ``undecided``, so attack cycles end ``undecided`` where
nothing breaks them and never hang.

``reevaluate`` / ``reevaluate_changes`` recompute after one given's choice
changed.  They walk the strongly connected components (of the support +
attack links) downstream of that given in topological order and stop
propagating wherever the statuses come out unchanged.  Each component is
re-solved from scratch (its own nodes reset to ``undecided``, everything
upstream fixed), which is exactly the grounded labelling because a node's
grounded status depends only on its ancestors.  A single node is solved
with :func:`graph.index.status_from`, the one written form of the rules; a
cycle with the same rule raised one count at a time, as the worklist does.

Nothing here mutates the debate, the choices or the statuses passed in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from heapq import heappop, heappush

from graph.choices import Choices
from graph.index import (
    GIVEN,
    GIVEN_THRESHOLDS,
    IN,
    OUT,
    UNDECIDED,
    Index,
    debate_index,
    solve,
    status_from,
)
from graph.model import Debate
from graph.status import CHOICES, Choice, Status

__all__ = ["ChoiceOf", "StatusOf", "changes_after", "evaluate", "reevaluate", "reevaluate_changes"]

_CHOICE_SET = frozenset(CHOICES)

#: A node number's current status (inside ``changes_after``).
StatusOf = Callable[[int], Status]
#: A given id's choice.
ChoiceOf = Callable[[str], Choice]


def evaluate(debate: Debate, choices: Mapping[str, Choice] | None = None) -> dict[str, Status]:
    """Status every statement, argument and critical question of ``debate`` ``in``, ``out`` or ``undecided``.

    ``choices`` maps given ids to ``"accepted"``, ``"rejected"`` or
    ``"unsure"``; a given it leaves out takes ``debate.starting_choices()``.
    The result is the grounded labelling of the format's "Meaning" rules (the
    least fixed point from all ``undecided``), as a new dict keyed by id,
    statements first, then arguments, then questions, in file order.  Attack cycles that
    nothing breaks end ``undecided``; evaluation always terminates, in time
    linear in nodes + edges.  Raises ``ValueError`` if ``choices`` names
    something that is not a given or a value that is not a choice.  Neither
    the debate nor ``choices`` is mutated (the compiled index is cached on
    the debate instance, outside its fields).
    """
    ix = debate_index(debate)
    if choices and not (isinstance(choices, Choices) and choices.made_for(debate)):
        ix.check_choices(choices)  # a Choices value was checked when it was made
    status, _ = solve(ix, choices)
    of: StatusOf = status.__getitem__
    return dict(zip(ix.file_ids, map(of, ix.out_perm), strict=True))


def _thresholds_of(ix: Index, x: int, choice_of: ChoiceOf) -> tuple[int, int]:
    if ix.kind[x] == GIVEN:
        return ix.thresholds(x, choice_of(ix.ids[x]))
    return ix.need_in[x], ix.need_out[x]


def _status_of(ix: Index, x: int, status_of: StatusOf, choice_of: ChoiceOf) -> Status:
    """Node x's status from its attackers' and supports' (x not on a cycle)."""
    a_in = a_out = s_in = s_out = 0
    for a in ix.att_pred[x]:
        s = status_of(a)
        if s == IN:
            a_in = 1
            break  # defeated: status_from is out whatever the other counts
        if s == OUT:
            a_out += 1
    if not a_in:
        for p in ix.sup_pred[x]:
            s = status_of(p)
            if s == IN:
                s_in += 1
            elif s == OUT:
                s_out += 1
    if ix.kind[x] == GIVEN:
        need_in, need_out = GIVEN_THRESHOLDS[choice_of(ix.ids[x])]
    else:
        need_in, need_out = ix.need_in[x], ix.need_out[x]
    return status_from(ix.n_attackers[x], a_in, a_out, s_in, s_out, need_in, need_out)


def _solve_component(
    ix: Index, members: tuple[int, ...], status_of: StatusOf, choice_of: ChoiceOf
) -> dict[int, Status]:
    """Grounded statuses of one strongly connected component, everything
    upstream of it fixed: counts start from the nodes outside it, then the
    worklist raises them one decided member at a time, as ``solve`` does."""
    inside = set(members)
    status: dict[int, Status] = dict.fromkeys(members, UNDECIDED)
    counts: dict[int, list[int]] = {}  # [attackers in, attackers out, supports in, supports out]
    need: dict[int, tuple[int, int]] = {}
    n_attackers = ix.n_attackers
    order: list[int] = []
    push = order.append
    for x in members:
        c = [0, 0, 0, 0]
        for a in ix.att_pred[x]:
            if a not in inside:
                s = status_of(a)
                if s == IN:
                    c[0] += 1
                elif s == OUT:
                    c[1] += 1
        for p in ix.sup_pred[x]:
            if p not in inside:
                s = status_of(p)
                if s == IN:
                    c[2] += 1
                elif s == OUT:
                    c[3] += 1
        counts[x] = c
        need[x] = nd = _thresholds_of(ix, x, choice_of)
        now = status_from(n_attackers[x], c[0], c[1], c[2], c[3], nd[0], nd[1])
        if now is not UNDECIDED:
            status[x] = now
            push(x)
    for x in order:
        # a decided attacker raises its targets' attackers-in or -out count,
        # a decided support its targets' supports-in or -out count
        att, sup = (0, 2) if status[x] is IN else (1, 3)
        for links, k in ((ix.att_succ[x], att), (ix.sup_succ[x], sup)):
            for y in links:
                if y in inside and status[y] is UNDECIDED:
                    c = counts[y]
                    c[k] += 1
                    nd = need[y]
                    now = status_from(n_attackers[y], c[0], c[1], c[2], c[3], nd[0], nd[1])
                    if now is not UNDECIDED:
                        status[y] = now
                        push(y)
    return status


def changes_after(
    ix: Index,
    statuses: Mapping[str, Status],
    choice_of: ChoiceOf,
    start: int,
    stop_at: int | None = None,
    within: set[int] | None = None,
) -> dict[int, Status]:
    """The new statuses, by node number, of exactly the nodes whose status
    differs from ``statuses`` (all of ``ix``'s nodes, by id) after the
    choice of given node ``start`` changed; ``choice_of(given id)`` is the
    new choice of every given.  For :mod:`graph.explain` and
    :func:`reevaluate_changes`; nothing is checked here.

    Components (``ix.scc()``) are visited in topological order and only those
    downstream of a changed node are re-solved.  ``stop_at`` / ``within``
    skip components numbered beyond ``stop_at`` or not in ``within`` (when
    only one node's status matters; the other results are then partial).
    """
    topo, comps, cyclic = ix.scc()
    ids = ix.ids
    changes: dict[int, Status] = {}

    def status_of(i: int) -> Status:
        v = changes.get(i)
        return v if v is not None else statuses[ids[i]]

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
            new = _solve_component(ix, members, status_of, choice_of)
            moved = [x for x in members if new[x] != status_of(x)]
            for x in moved:
                changes[x] = new[x]
        else:
            x = members[0]
            v = _status_of(ix, x, status_of, choice_of)
            moved = [x] if v != status_of(x) else []
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
    return {i: v for i, v in changes.items() if v != statuses[ids[i]]}


def _choice_getter(ix: Index, choices: Mapping[str, Choice] | None) -> ChoiceOf:
    start = ix.start
    if not choices:
        return start.__getitem__
    get = choices.get

    def choice_of(gid: str) -> Choice:
        return get(gid) or start[gid]

    return choice_of


def reevaluate_changes(
    debate: Debate,
    statuses: Mapping[str, Status],
    choices: Mapping[str, Choice] | None,
    changed_id: str,
) -> dict[str, Status]:
    """Only the statuses that change after the choice of given ``changed_id`` changed.

    ``statuses`` must be ``evaluate(debate, old_choices)`` where
    ``old_choices`` differs from ``choices`` (the new mapping, full or
    partial as for ``evaluate``) at most in ``changed_id``.  Returns
    ``{id: new_status}`` for exactly the nodes whose status differs, so that
    ``{**statuses, **reevaluate_changes(...)} == evaluate(debate, choices)``.
    Cost: the components downstream of ``changed_id`` that actually change,
    plus their immediate successors.  Raises ``ValueError`` if
    ``changed_id`` is not a given or its new choice is not a choice (the
    other entries are not re-checked: they were valid for ``statuses``).
    Nothing passed in is mutated.
    """
    ix = debate_index(debate)
    if changed_id not in ix.start:
        raise ValueError(f"not a given of this debate: {changed_id}")
    # Checking the whole mapping would cost more than the update itself:
    # only the changed entry is checked (the rest was valid before).
    if choices and choices.get(changed_id, "accepted") not in _CHOICE_SET:
        raise ValueError(f"not a choice (accepted, rejected, unsure): {choices[changed_id]}")
    changes = changes_after(ix, statuses, _choice_getter(ix, choices), ix.pos[changed_id])
    ids = ix.ids
    return {ids[i]: v for i, v in changes.items()}


def reevaluate(
    debate: Debate,
    statuses: Mapping[str, Status],
    choices: Mapping[str, Choice] | None,
    changed_id: str,
) -> dict[str, Status]:
    """``evaluate(debate, choices)``, computed incrementally from ``statuses``.

    Same preconditions and errors as ``reevaluate_changes``; returns a new
    dict (a copy of ``statuses`` with the changes applied; ``statuses`` is
    not mutated), equal to ``evaluate(debate, choices)`` including key order.
    """
    new = dict(statuses)
    new.update(reevaluate_changes(debate, statuses, choices, changed_id))
    return new
