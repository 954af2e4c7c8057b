"""Reasoning about a debate: what would change a status, what holds however
the reader settles what they are unsure of, and what two sets of choices
change (the format's "Reasoning commands", /work/shared/debate-format.md).

Every answer is exact.  Each question is asked of one *region* of the
debate, the part that can matter, with everything outside it fixed:

- :func:`what_if`: everything upstream of its node (its ancestors through
  support and attack links).  A node's status depends on the choices of
  those givens alone, so no smallest set of changes names any other.
- :func:`diff`: everything downstream of the givens whose choices differ;
  every other node has the same status on both sides, whatever subset of
  b's choices is applied to a.
- :func:`robust` and :func:`depends_on`: the *open region*, the
  ``undecided`` nodes reachable from an unsure, undecided given through
  ``undecided`` nodes.  Settling an unsure given (accepting or rejecting it)
  never moves a node out of ``in`` or ``out``: with the given unsure the
  format's rule yields, for any statuses of the rest, no more information
  than with it settled, so its least fixed point is below the settled one.
  And an ``undecided`` node outside the region stays ``undecided``: its
  inputs are fixed ``in``/``out`` nodes or other such nodes, so keeping all
  of those ``undecided`` is a pre-fixed point of the settled rule, which
  the least fixed point lies below.

Within its region a question is answered by brute force while the
combinations tried, times the region's size, stay under a small budget,
and otherwise by an answer-set solver (clingo), in which the grounded
labelling is the least model of a definite program (see
:mod:`graph.reason_core`).  ``method`` forces one or the other (for tests
and benchmarks); the answers are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Final, Literal

from graph.evaluate import evaluate
from graph.index import GIVEN, Index, debate_index
from graph.model import Debate
from graph.reason_core import (
    ChangeSearch,
    RegionLabeller,
    downstream,
    essential_givens_by_brute_force,
    essential_givens_by_solver,
    settled_statuses_by_brute_force,
    settled_statuses_by_solver,
    smallest_changes_by_brute_force,
)
from graph.status import Choice, Status

__all__ = [
    "ROBUSTNESS",
    "Diff",
    "Method",
    "Robustness",
    "WhatIf",
    "depends_on",
    "diff",
    "robust",
    "robust_as_dict",
    "what_if",
]

#: ``holds``: in under every way of settling the unsure givens; ``falls``:
#: out under every way; ``depends``: neither.
Robustness = Literal["holds", "falls", "depends"]
ROBUSTNESS: Final[tuple[Robustness, ...]] = ("holds", "falls", "depends")
#: How to answer: ``auto`` (brute force when small, else the solver),
#: ``brute`` or ``solver``.  Every method gives the same answer.
Method = Literal["auto", "brute", "solver"]
_METHODS: Final = ("auto", "brute", "solver")

# Brute force while (combinations tried) x (nodes in the region) stays under
# _brute_budget(nodes in the region).  Measured: labelling costs ~0.7 us a
# node, building the solver's program ~40 us a node plus ~1 ms; so brute
# force pays while it tries fewer than about 50 combinations.
_BRUTE_FIXED: Final = 1_000
_BRUTE_PER_NODE: Final = 50
_SETTLE_ORDER: Final[tuple[Choice, Choice]] = ("accepted", "rejected")


@dataclass(frozen=True)
class WhatIf:
    """The answer of :func:`what_if`.

    ``id``: the node asked about; ``status``: its status now; ``to``: the
    status wanted; ``size``: the smallest number of changes that give it
    ``to`` (None when none do); ``sets``: the sets of changes of that size,
    each a mapping given id -> ``accepted``/``rejected`` in id order, the
    sets in order of their (id, choice) items, at most the ``limit`` first;
    ``more``: whether sets were left out.
    """

    id: str
    status: Status
    to: Status
    size: int | None
    sets: tuple[Mapping[str, Choice], ...]
    more: bool

    def as_dict(self) -> dict[str, object]:
        """The format's ``whatif --json`` object: ``{"id", "status", "to",
        "size", "sets", "more"}`` (a new, JSON-ready dict)."""
        return {
            "id": self.id,
            "status": self.status,
            "to": self.to,
            "size": self.size,
            "sets": [dict(s) for s in self.sets],
            "more": self.more,
        }


@dataclass(frozen=True)
class Diff:
    """The answer of :func:`diff`.

    ``choices``: given id -> (choice in a, choice in b) for the givens whose
    choices differ; ``statuses``: node id -> (status in a, status in b) for
    the statements, arguments and critical questions whose statuses differ,
    both in file order (statements, arguments, then questions).  ``because``: for each node of
    ``statuses``, the smallest subset of the differing givens (ids in id
    order) that accounts for it: applying b's choices of those givens to a
    gives the node b's status, and no smaller subset does; of several such
    subsets, the first in id order.
    """

    choices: Mapping[str, tuple[Choice, Choice]]
    statuses: Mapping[str, tuple[Status, Status]]
    because: Mapping[str, tuple[str, ...]]

    def as_dict(self) -> dict[str, dict[str, list[str]]]:
        """The format's ``diff --json`` object: ``{"choices": {id: [a, b]},
        "labels": {id: [a, b]}}`` (a new, JSON-ready dict)."""
        return {
            "choices": {k: list(v) for k, v in self.choices.items()},
            "labels": {k: list(v) for k, v in self.statuses.items()},
        }


# -- shared steps ---------------------------------------------------------------


def _check_method(method: str) -> None:
    if method not in _METHODS:
        raise ValueError(f"not a method ({', '.join(_METHODS)}): {method}")


def _full_choices(debate: Debate, choices: Mapping[str, Choice] | None) -> dict[str, Choice]:
    full = debate.starting_choices()
    if choices:
        full.update(choices)
    return full


def _node(ix: Index, node_id: str) -> int:
    x = ix.pos.get(node_id)
    if x is None:
        raise KeyError(node_id)
    return x


def _chooser(ix: Index, full: Mapping[str, Choice]) -> Callable[[int], Choice]:
    ids = ix.ids

    def choice_of(g: int) -> Choice:
        return full[ids[g]]

    return choice_of


def _status_of(ix: Index, statuses: Mapping[str, Status]) -> Callable[[int], Status]:
    ids = ix.ids

    def status_of(x: int) -> Status:
        return statuses[ids[x]]

    return status_of


def _brute_budget(region_size: int) -> int:
    return _BRUTE_FIXED + _BRUTE_PER_NODE * region_size


def _within_budget(method: str, combinations_count: int, region_size: int) -> bool:
    if method != "auto":
        return method == "brute"
    return combinations_count * region_size <= _brute_budget(region_size)


def _open_region(ix: Index, statuses: Mapping[str, Status], full: Mapping[str, Choice]) -> tuple[list[int], list[int]]:
    """(the unsure givens that are undecided, in file order; the open region
    reachable from them through undecided nodes)."""
    ids = ix.ids
    # The index numbers nodes in decision order; out_perm lists them in file order.
    free = [
        g for g in ix.out_perm if ix.kind[g] == GIVEN and full[ids[g]] == "unsure" and statuses[ids[g]] == "undecided"
    ]

    def open_node(y: int) -> bool:
        return statuses[ids[y]] == "undecided"

    return free, downstream(ix, free, open_node)


# -- the public questions --------------------------------------------------------------


def what_if(
    debate: Debate,
    choices: Mapping[str, Choice] | None,
    node_id: str,
    to: Status | None = None,
    limit: int = 50,
    *,
    method: Method = "auto",
) -> WhatIf:
    """Every smallest set of changes to ``choices`` after which ``node_id``
    has status ``to``.

    ``choices`` as for :func:`graph.evaluate.evaluate` (a given it leaves
    out has its starting choice).  A *change* sets one given to
    ``accepted`` or ``rejected``, different from its current choice (an
    unsure given set either way is one change).  ``to`` defaults to ``out``
    when the node is ``in`` now and to ``in`` otherwise; asking for the
    status it has now gives size 0 and the one empty set.  Only givens
    upstream of the node (its ancestors through support and attack links)
    can matter, so sets name no others.  The sets are of the minimum size (every change in one is
    needed), each in id order, listed in order of their (id, choice) items:
    the first ``limit`` of them, ``more`` telling whether any were left out.

    Raises ``KeyError`` for an unknown ``node_id``; ``ValueError`` for
    invalid choices, a ``to`` other than ``in``/``out``, a negative
    ``limit`` or an unknown ``method``.
    """
    _check_method(method)
    statuses = evaluate(debate, choices)
    ix = debate_index(debate)
    target = _node(ix, node_id)
    now = statuses[node_id]
    if to is None:
        to = "out" if now == "in" else "in"
    elif to not in ("in", "out"):
        raise ValueError(f"a what-if target is 'in' or 'out', not {to!r}")
    if limit < 0:
        raise ValueError(f"limit must be 0 or more, not {limit}")
    full = _full_choices(debate, choices)
    choice_of = _chooser(ix, full)
    region = ix.upstream([target])
    givens = sorted((ix.ids[g], g) for g in region if ix.kind[g] == GIVEN)
    candidates = [(g, v) for gid, g in givens for v in _SETTLE_ORDER if v != full[gid]]
    outside = _status_of(ix, statuses)
    answer = None
    budget = _brute_budget(len(region)) if method == "auto" else None
    # Brute force can only win if it can at least try every single change.
    if method == "brute" or (method == "auto" and len(candidates) * len(region) <= _brute_budget(len(region))):
        labeller = RegionLabeller(ix, region, outside, choice_of)
        answer = smallest_changes_by_brute_force(labeller, candidates, target, to, limit, budget)
    if answer is None:
        answer = ChangeSearch(ix, region, outside, choice_of, candidates).smallest(target, to, limit)
    size, sets, more = answer
    named = tuple({ix.ids[candidates[i][0]]: candidates[i][1] for i in combo} for combo in sets)
    return WhatIf(id=node_id, status=now, to=to, size=size, sets=named, more=more)


def robust(
    debate: Debate, choices: Mapping[str, Choice] | None = None, *, method: Method = "auto"
) -> dict[str, Robustness]:
    """Every statement and argument id -> ``holds``, ``falls`` or ``depends``.

    ``holds``: ``in`` under every way of settling each unsure given as
    accepted or rejected; ``falls``: ``out`` under every way; ``depends``:
    neither.  With no unsure given that is ``in`` -> ``holds``, ``out`` ->
    ``falls``, ``undecided`` -> ``depends``.  This is stronger than the
    status: a node ``undecided`` now may hold (or fall) whichever way the
    unsure givens are settled, but a node ``in`` (``out``) now always holds
    (falls).  A new dict in the order of ``evaluate``'s result.  Raises
    ``ValueError`` for invalid choices or an unknown ``method``.
    """
    _check_method(method)
    statuses = evaluate(debate, choices)
    word: dict[Status, Robustness] = {"in": "holds", "out": "falls", "undecided": "depends"}
    result = {k: word[s] for k, s in statuses.items()}
    ix = debate_index(debate)
    full = _full_choices(debate, choices)
    free, region = _open_region(ix, statuses, full)
    if not region:
        return result
    choice_of = _chooser(ix, full)
    outside = _status_of(ix, statuses)
    if _within_budget(method, 1 << min(len(free), 40), len(region)):
        settled = settled_statuses_by_brute_force(RegionLabeller(ix, region, outside, choice_of), free)
    else:
        settled = settled_statuses_by_solver(ix, region, outside, choice_of, free)
    for x, (always_in, always_out) in settled.items():
        result[ix.ids[x]] = "holds" if always_in else "falls" if always_out else "depends"
    return result


def robust_as_dict(debate: Debate, robustness: Mapping[str, Robustness]) -> dict[str, dict[str, Robustness]]:
    """The format's ``robust --json`` object for a :func:`robust` result:
    ``{"statements": {id: word}, "arguments": {id: word}}``, plus
    ``"questions": {id: word}`` when the debate has critical questions, in
    file order (ids missing from ``robustness`` are left out)."""
    out = {
        "statements": {s.id: robustness[s.id] for s in debate.statements if s.id in robustness},
        "arguments": {a.id: robustness[a.id] for a in debate.arguments if a.id in robustness},
    }
    if debate.questions:
        out["questions"] = {q.id: robustness[q.id] for q in debate.questions if q.id in robustness}
    return out


def depends_on(
    debate: Debate, choices: Mapping[str, Choice] | None, node_id: str, *, method: Method = "auto"
) -> tuple[str, ...]:
    """The unsure givens whose settling matters to ``node_id``, in file order.

    Exactly: each unsure given g such that two ways of settling the unsure
    givens (each accepted or rejected) that differ only in g give the node
    different statuses.  This is the smallest set of unsure givens whose
    settling determines its status (its status is a function of their
    settling alone, and of no smaller set's).  Empty when :func:`robust`
    says ``holds`` or ``falls``, and also when it says ``depends`` of a
    node that stays ``undecided`` however they are settled (an unbroken
    attack cycle).  Raises ``KeyError`` for an unknown id, ``ValueError``
    for invalid choices or an unknown ``method``.
    """
    _check_method(method)
    statuses = evaluate(debate, choices)
    ix = debate_index(debate)
    target = _node(ix, node_id)
    full = _full_choices(debate, choices)
    free, open_region = _open_region(ix, statuses, full)
    open_set = set(open_region)
    if target not in open_set:
        return ()
    region = [x for x in ix.upstream([target]) if x in open_set]
    in_region = set(region)
    mine = [g for g in free if g in in_region]
    choice_of = _chooser(ix, full)
    outside = _status_of(ix, statuses)
    if _within_budget(method, 1 << min(len(mine), 40), len(region)):
        found = essential_givens_by_brute_force(RegionLabeller(ix, region, outside, choice_of), mine, target)
    else:
        found = essential_givens_by_solver(ix, region, outside, choice_of, mine, target)
    return tuple(ix.ids[g] for g in found)


def diff(
    debate: Debate,
    choices_a: Mapping[str, Choice] | None,
    choices_b: Mapping[str, Choice] | None,
    *,
    method: Method = "auto",
) -> Diff:
    """What differs between two sets of choices, and why.

    Each of ``choices_a``/``choices_b`` as for ``evaluate`` (missing givens
    take their starting choice).  The result lists the givens whose choices
    differ, the statements and arguments whose statuses differ, and for each
    of those the smallest subset of the differing givens that accounts for
    it (:class:`Diff`): applying b's choices of that subset to a gives the
    node its status in b, and no smaller subset does (the whole set always
    does, so every differing status has one).  Raises ``ValueError`` for
    invalid choices or an unknown ``method``.
    """
    _check_method(method)
    status_a = evaluate(debate, choices_a)
    status_b = evaluate(debate, choices_b)
    ix = debate_index(debate)
    full_a = _full_choices(debate, choices_a)
    full_b = _full_choices(debate, choices_b)
    differ = [gid for gid in debate.given_ids if full_a[gid] != full_b[gid]]
    changed = [x for x, s in status_a.items() if status_b[x] != s]
    because = _account(ix, status_a, status_b, full_a, full_b, sorted(differ), changed, method)
    return Diff(
        choices={gid: (full_a[gid], full_b[gid]) for gid in differ},
        statuses={x: (status_a[x], status_b[x]) for x in changed},
        because={x: because[x] for x in changed},
    )


def _account(
    ix: Index,
    status_a: Mapping[str, Status],
    status_b: Mapping[str, Status],
    full_a: Mapping[str, Choice],
    full_b: Mapping[str, Choice],
    differ: Sequence[str],
    changed: Sequence[str],
    method: str,
) -> dict[str, tuple[str, ...]]:
    """Node id -> the first smallest subset of ``differ`` (sorted ids) that
    gives it b's status.  Subsets are tried by brute force, smallest first,
    over everything downstream of ``differ`` at once, while the budget lasts;
    the nodes left are asked of the solver."""
    because: dict[str, tuple[str, ...]] = {}
    if not changed:
        return because
    sources = [ix.pos[g] for g in differ]
    region = downstream(ix, sources)
    outside = _status_of(ix, status_a)
    choice_a = _chooser(ix, full_a)
    candidates: list[tuple[int, Choice]] = [(ix.pos[g], full_b[g]) for g in differ]
    left = list(changed)
    if method != "solver":
        labeller = RegionLabeller(ix, region, outside, choice_a)
        local = [labeller.local[ix.pos[x]] for x in left]
        spent, budget = 0, _brute_budget(len(region))
        for size in range(1, len(candidates) + 1):
            for combo in combinations(range(len(candidates)), size):
                spent += len(region)
                if method == "auto" and spent > budget:
                    break
                labels = labeller.label({candidates[i][0]: candidates[i][1] for i in combo})
                keep = []
                for x, k in zip(left, local, strict=True):
                    if labels[k] == status_b[x]:
                        because[x] = tuple(differ[i] for i in combo)
                    else:
                        keep.append((x, k))
                left = [x for x, _ in keep]
                local = [k for _, k in keep]
                if not left:
                    return because
            else:
                continue
            break
    search = ChangeSearch(ix, region, outside, choice_a, candidates)
    for x in left:
        found, sets, _ = search.smallest(ix.pos[x], status_b[x], 1)
        assert found is not None and sets, "b's own choices always account for b's status"
        because[x] = tuple(differ[i] for i in sets[0])
    return because
