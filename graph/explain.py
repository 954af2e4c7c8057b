"""Why a statement or argument holds, fails or stays undecided.

``explain`` returns a structured, frozen ``Explanation`` tree built from the
order in which the evaluation worklist decided the nodes: every reason it
names was decided strictly before the node it justifies, so the tree is
well-founded (never circular) and every part of it is true.

For a node that is ``in`` the tree shows the argument that carries it (for a
conclusion), its premises (for an argument), and each attacker with the
reason that attacker is ``out``.  ``givens`` is then a *sufficient set of
accepted givens*, chosen greedily to be small: with exactly these givens
accepted and **every other given rejected**, the node is still ``in``.  (Why
that definition: rejecting a given outside the set can only make its own
consequences ``out``; none of them is needed by the tree, and an attacker
that the tree shows ``out`` stays ``out`` because every reason given for it
is either a rejected given, which stays rejected, or a node of the tree,
which keeps its status by induction on the decision order.)

For ``out``: what breaks it, either the attacker that defeats it or, along
supports, one failing premise of an argument / every argument of a
conclusion, down to rejected givens; ``givens`` are the rejected givens on
those routes.  For ``undecided``: the unsure givens and the attack cycles
that keep it open (``givens`` and ``cycles``).

``explain_many`` explains many nodes at once (one evaluation, one pass).
``critical_givens`` lists the givens whose choice alone decides a
conclusion, using incremental re-evaluation limited to its ancestors;
``deciding_changes`` lists every single change (accepting or rejecting one
given) that alone changes whether a node holds, in both directions.
``format_explanation`` and ``summarize_explanation`` render the tree for
authors (the CLI's ``explain``): they name nodes by id and use the engine's
words.  What a reader of the page sees is worded by :mod:`graph.wording`
from the same structures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from graph.evaluate import changes_after
from graph.index import ARGUMENT, CONCLUSION, GIVEN, IN, OUT, UNDECIDED, Index, Solution, debate_index, solve
from graph.model import Argument, Debate, Question
from graph.status import Choice, Status
from graph.text import shorten

__all__ = [
    "REASONS",
    "Change",
    "Explanation",
    "critical_givens",
    "deciding_changes",
    "explain",
    "explain_many",
    "format_explanation",
    "summarize_explanation",
]

#: Every value ``Explanation.reason`` takes, with the status it goes with.
REASONS: Mapping[str, Status] = {
    "accepted": "in",  # a given the reader accepts, every attacker out
    "premises-hold": "in",  # an argument whose premises are all in, every attacker out
    "carried": "in",  # a conclusion with an argument in (support[0]), every attacker out
    "rejected": "out",  # a given the reader rejects
    "defeated": "out",  # an attacker (attackers[0]) is in
    "premise-fails": "out",  # an argument with a premise (support[0]) out
    "unsupported": "out",  # a conclusion whose every argument (support) is out
    "unsure": "undecided",  # a given the reader is unsure of
    "open": "undecided",  # some support or attacker is itself undecided (blocked_by)
}


@dataclass(frozen=True)
class Explanation:
    """One node's status and the reason for it; ``support`` and ``attackers``
    are the explanations of the nodes that reason rests on (shared, not
    copied, when two parts of the tree rest on the same node).

    - ``in``: ``support`` = the carrying argument (conclusion) or every
      premise (argument); ``attackers`` = every attacker, each ``out``;
      ``givens`` = a small sufficient set of accepted givens (see module doc).
    - ``out``: ``attackers`` = the one attacker that defeats it (reason
      ``defeated``), else ``support`` = the failing premise or every failing
      argument; ``givens`` = the rejected givens those routes end in.
    - ``undecided``: ``blocked_by`` = the undecided supports/attackers that
      keep it open, ``givens`` = the unsure givens behind it, ``cycles`` =
      attack cycles behind it (each a list of ids, the first repeated at the
      end); ``support``/``attackers`` are empty.
    """

    node: str
    text: str
    kind: str  # premise | analogy | example | objection | conclusion | argument | question
    status: Status
    reason: str
    choice: Choice | None = None
    support: tuple[Explanation, ...] = ()
    attackers: tuple[Explanation, ...] = ()
    givens: tuple[str, ...] = ()
    cycles: tuple[tuple[str, ...], ...] = ()
    blocked_by: tuple[str, ...] = ()


# The last solve per compiled index (explanations of many nodes under the
# same choices share it); weak, so it goes with the index (and its debate).
_LAST_SOLVE: WeakKeyDictionary[Index, tuple[frozenset[tuple[str, Choice]], Solution]] = WeakKeyDictionary()


def _choice_map(ix: Index, choices: Mapping[str, Choice] | None) -> dict[str, Choice]:
    full = dict(ix.start)
    if choices:
        ix.check_choices(choices)
        full.update(choices)
    return full


def _solve_memo(ix: Index, full: dict[str, Choice]) -> Solution:
    """``solve`` for a full choices mapping, remembering the last answer per index."""
    key = frozenset(full.items())
    last = _LAST_SOLVE.get(ix)
    if last is not None and last[0] == key:
        return last[1]
    result = solve(ix, full)
    _LAST_SOLVE[ix] = (key, result)
    return result


def _node_text(debate: Debate, node_id: str) -> tuple[str, str]:
    node = debate.node(node_id)
    if isinstance(node, Argument):
        concl = debate.statement_by_id[node.conclusion]
        return f"argument for {concl.text}", "argument"
    if isinstance(node, Question):
        return node.text, "question"
    return node.text, node.kind


def explain(
    debate: Debate,
    choices: Mapping[str, Choice] | None,
    node_id: str,
    statuses: Mapping[str, Status] | None = None,
) -> Explanation:
    """The reason ``node_id`` (a statement or argument) has its status under ``choices``.

    ``choices`` is as for ``evaluate`` (missing givens take the file's
    start).  ``statuses``, if given, must be ``evaluate(debate, choices)``:
    it is cross-checked against the evaluation this function needs for the
    decision order (the last one is memoised per debate), and ``ValueError``
    is raised if it is stale.  Raises ``KeyError`` for an unknown id,
    ``ValueError`` for invalid choices.  Never mutates anything passed in.
    """
    return explain_many(debate, choices, (node_id,), statuses)[node_id]


def explain_many(
    debate: Debate,
    choices: Mapping[str, Choice] | None,
    node_ids: Iterable[str] | None = None,
    statuses: Mapping[str, Status] | None = None,
) -> dict[str, Explanation]:
    """``{id: explain(debate, choices, id, statuses)}`` for each of ``node_ids``
    (every statement and argument when None), sharing one evaluation and one
    pass over the reasons: use it to explain many nodes at once (tooltips).
    Same contract and errors as ``explain``."""
    ix = debate_index(debate)
    wanted = list(ix.file_ids) if node_ids is None else list(dict.fromkeys(node_ids))
    for node_id in wanted:
        if node_id not in ix.pos:
            raise KeyError(node_id)
    full = _choice_map(ix, choices)
    status, order = _solve_memo(ix, full)
    targets = [ix.pos[n] for n in wanted]
    if statuses is not None:
        for node_id, t in zip(wanted, targets, strict=True):
            if statuses.get(node_id) != status[t]:
                raise ValueError(f"stale statuses: {node_id} is {status[t]}, not {statuses.get(node_id)}")
    decided = [t for t in targets if status[t] is not UNDECIDED]
    built = _explain_decided(debate, ix, status, order, full, decided) if decided else {}
    return {
        node_id: (built[t] if status[t] is not UNDECIDED else _explain_undecided(debate, ix, status, full, t))
        for node_id, t in zip(wanted, targets, strict=True)
    }


# (cost, tie-break, rank, reason, support, attackers, accepted givens, rejected givens)
_Option = tuple[int, int, int, str, tuple[int, ...], tuple[int, ...], int, int]


def _given_ids(mask: int, file_ids: list[str]) -> tuple[str, ...]:
    """The ids of the givens in a set written as bits (bit i: the node at
    file position i), in file order."""
    bits = bin(mask)  # "0b" then the highest bit first
    last = len(bits) - 1
    out: list[str] = []
    i = bits.rfind("1")
    while i > 1:
        out.append(file_ids[last - i])
        i = bits.rfind("1", 2, i)
    return tuple(out)


def _explain_decided(
    debate: Debate,
    ix: Index,
    status: list[Status],
    order: list[int],
    full: dict[str, Choice],
    targets: list[int],
) -> dict[int, Explanation]:
    rank = [-1] * ix.n
    for r, x in enumerate(order):
        rank[x] = r
    # Every decided ancestor, in decision order: each one's candidate reasons
    # are decided earlier, so they are ready when it is reached.
    todo = sorted((x for x in ix.upstream(targets) if status[x] is not UNDECIDED), key=rank.__getitem__)
    # Sets of givens are ints, bit i for the node at file position i: a union
    # is one "|" however big the sets grow along deep chains (frozenset unions
    # were most of the time of explaining a big map), and the bits come out
    # in file order.
    need: dict[int, int] = {}  # in: sufficient accepted givens; out: those keeping it out
    broken: dict[int, int] = {}  # out: rejected givens on the chosen routes
    why: dict[int, tuple[str, tuple[int, ...], tuple[int, ...]]] = {}  # reason, support, attackers
    file_pos = ix.file_pos
    for x in todo:
        r = rank[x]
        k = ix.kind[x]
        atts = ix.att_pred[x]
        sups = ix.sup_pred[x]
        if status[x] is IN:
            m = 0
            for a in atts:
                m |= need[a]
            if k == GIVEN:
                why[x] = ("accepted", (), atts)
                need[x] = m | (1 << file_pos[x])
            elif k == ARGUMENT:
                why[x] = ("premises-hold", sups, atts)
                for p in sups:
                    m |= need[p]
                need[x] = m
            else:
                best = min(
                    (a for a in sups if status[a] is IN and rank[a] < r),
                    key=lambda a: (need[a].bit_count(), rank[a]),
                )
                why[x] = ("carried", (best,), atts)
                need[x] = m | need[best]
            broken[x] = 0
            continue
        # out
        if k == GIVEN and full[ix.ids[x]] == "rejected":
            why[x], need[x], broken[x] = ("rejected", (), ()), 0, 1 << file_pos[x]
            continue
        options: list[_Option] = []
        for a in atts:
            if status[a] is IN and rank[a] < r:
                options.append((need[a].bit_count(), 0, rank[a], "defeated", (), (a,), need[a], 0))
        if k == ARGUMENT:
            for p in sups:
                if status[p] is OUT and rank[p] < r:
                    options.append((need[p].bit_count(), 1, rank[p], "premise-fails", (p,), (), need[p], broken[p]))
        elif k == CONCLUSION and all(status[a] is OUT and rank[a] < r for a in sups):
            n = b = 0
            for a in sups:
                n |= need[a]
                b |= broken[a]
            options.append((n.bit_count(), 1, r, "unsupported", sups, (), n, b))
        _, _, _, reason, sup, att, n, b = min(options, key=lambda o: o[:3])
        why[x] = (reason, sup, att)
        # An out given is rejected in the "only these accepted" world anyway.
        need[x] = 0 if k == GIVEN else n
        broken[x] = b
    # Only the nodes the chosen reasons lead to become Explanation objects.
    used = set(targets)
    stack = list(targets)
    while stack:
        _, sup, att = why[stack.pop()]
        for y in sup + att:
            if y not in used:
                used.add(y)
                stack.append(y)
    built: dict[int, Explanation] = {}
    ids = ix.ids
    file_ids = ix.file_ids
    for x in (x for x in todo if x in used):
        reason, sup, att = why[x]
        text, kind = _node_text(debate, ids[x])
        built[x] = Explanation(
            node=ids[x],
            text=text,
            kind=kind,
            status=status[x],
            reason=reason,
            choice=full.get(ids[x]),
            support=tuple(built[s] for s in sup),
            attackers=tuple(built[a] for a in att),
            givens=_given_ids(need[x] if status[x] is IN else broken[x], file_ids),
        )
    return built


def _explain_undecided(
    debate: Debate, ix: Index, status: list[Status], full: dict[str, Choice], target: int
) -> Explanation:
    ids = ix.ids

    def blockers(x: int) -> list[int]:
        # The undecided nodes that x's status waits on.
        out = [a for a in ix.att_pred[x] if status[a] is UNDECIDED]
        out += [p for p in ix.sup_pred[x] if status[p] is UNDECIDED]
        return out

    # The undecided region behind the target, and its edges.
    seen = {target}
    todo = [target]
    for x in todo:
        for p in blockers(x):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    unsure = sorted((x for x in seen if ix.kind[x] == GIVEN and full[ids[x]] == "unsure"), key=ix.file_pos.__getitem__)
    cycles = _cycles(todo, blockers)
    x = target
    text, kind = _node_text(debate, ids[x])
    reason = "unsure" if ix.kind[x] == GIVEN and full[ids[x]] == "unsure" else "open"
    return Explanation(
        node=ids[x],
        text=text,
        kind=kind,
        status=UNDECIDED,
        reason=reason,
        choice=full.get(ids[x]),
        givens=tuple(ids[g] for g in unsure),
        cycles=tuple(tuple(ids[v] for v in c) for c in cycles),
        blocked_by=tuple(ids[b] for b in dict.fromkeys(blockers(x))),
    )


def _cycles(nodes: list[int], preds: Callable[[int], list[int]], limit: int = 5) -> list[list[int]]:
    """Up to ``limit`` distinct cycles in the graph ``p -> x`` for p in
    preds(x), found by depth-first search (a back edge closes a cycle).
    Each is returned in attack/support direction with its first node
    repeated at the end."""
    state: dict[int, int] = {}  # 1 on the path, 2 done
    found: list[list[int]] = []
    keys: set[frozenset[int]] = set()
    for root in nodes:
        if root in state:
            continue
        path = [root]
        iters = [iter(preds(root))]
        state[root] = 1
        while iters and len(found) < limit:
            nxt = next(iters[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iters.pop()
                continue
            st = state.get(nxt)
            if st == 1:
                # path goes x -> pred -> pred ...; reverse it to follow the edges
                cyc = path[path.index(nxt) :]
                cyc.reverse()
                key = frozenset(cyc)
                if key not in keys:
                    keys.add(key)
                    found.append([*cyc, cyc[0]])
            elif st is None:
                state[nxt] = 1
                path.append(nxt)
                iters.append(iter(preds(nxt)))
    return found


#: One change the reader could make and what it does: (given id, its new
#: choice, the new status of the node asked about).
Change = tuple[str, Choice, Status]


def critical_givens(
    debate: Debate,
    choices: Mapping[str, Choice] | None,
    conclusion_id: str,
    statuses: Mapping[str, Status] | None = None,
) -> tuple[str, ...]:
    """The givens whose choice alone decides ``conclusion_id``, in file order.

    If the conclusion is ``in``: each given, not already rejected, whose
    rejection alone takes the conclusion out of ``in``.  Otherwise: each
    given, not already accepted, whose acceptance alone brings it ``in``.
    (Any statement or argument id works, not only a conclusion.)  Only the
    conclusion's ancestors can matter, and each trial re-evaluates only the
    part of them downstream of the flipped given.  ``statuses``, if given,
    must be ``evaluate(debate, choices)`` (it is used as is, saving one
    evaluation).  Raises ``KeyError`` for an unknown id, ``ValueError`` for
    invalid choices.
    """

    def flips(status: Status) -> tuple[Choice, ...]:
        return ("rejected",) if status == IN else ("accepted",)

    def counts(was: Status, now: Status) -> bool:
        return (now == IN) != (was == IN)

    return tuple(g for g, _, _ in _single_changes(debate, choices, conclusion_id, statuses, flips, counts))


def deciding_changes(
    debate: Debate,
    choices: Mapping[str, Choice] | None,
    node_id: str,
    statuses: Mapping[str, Status] | None = None,
) -> tuple[Change, ...]:
    """Every single change of one given that alone changes whether
    ``node_id`` holds, as (given, new choice, new status of the node).

    Each given upstream of the node is tried accepted and rejected (never
    unsure), whichever it is not already.  Kept: for a node that is ``in``,
    the changes after which it is not ``in``; for one that is ``out``, those
    after which it is ``in``; for an ``undecided`` one, those after which it
    is ``in`` or ``out``.  In file order of the givens, accepting before
    rejecting.  (:func:`critical_givens` is the one-direction subset of this:
    rejecting for a node in, accepting otherwise.)  Same inputs, cost per
    trial and errors as :func:`critical_givens`.
    """

    def flips(status: Status) -> tuple[Choice, ...]:
        return ("accepted", "rejected")

    def counts(was: Status, now: Status) -> bool:
        if was == IN:
            return now != IN
        if was == OUT:
            return now == IN
        return now != UNDECIDED

    return _single_changes(debate, choices, node_id, statuses, flips, counts)


def _single_changes(
    debate: Debate,
    choices: Mapping[str, Choice] | None,
    node_id: str,
    statuses: Mapping[str, Status] | None,
    flips: Callable[[Status], tuple[Choice, ...]],
    counts: Callable[[Status, Status], bool],
) -> tuple[Change, ...]:
    """The trials behind :func:`critical_givens` and :func:`deciding_changes`:
    each upstream given set to each of ``flips(node status)`` it does not
    already have, kept when ``counts(old status, new status)``."""
    ix = debate_index(debate)
    if node_id not in ix.pos:
        raise KeyError(node_id)
    full = _choice_map(ix, choices)
    if statuses is None:
        status, _ = _solve_memo(ix, full)
        statuses = dict(zip(ix.ids, status, strict=True))  # key order is irrelevant here
    target = ix.pos[node_id]
    topo, _, _ = ix.scc()
    anc = ix.upstream([target])
    within = {topo[x] for x in anc}
    was = statuses[node_id]
    found: list[tuple[int, int, Choice, Status]] = []
    for g in anc:
        if ix.kind[g] != GIVEN:
            continue
        gid = ix.ids[g]
        for rank, flip_to in enumerate(flips(was)):
            if full[gid] == flip_to:
                continue

            def choice_of(x: str, _g: str = gid, _to: Choice = flip_to) -> Choice:
                return _to if x == _g else full[x]

            changes = changes_after(ix, statuses, choice_of, g, stop_at=topo[target], within=within)
            now = changes.get(target, was)
            if counts(was, now):
                found.append((ix.file_pos[g], rank, flip_to, now))
    found.sort(key=lambda f: f[:2])
    return tuple((ix.file_ids[pos], to, now) for pos, _, to, now in found)


# -- text -------------------------------------------------------------------

_MAX_TEXT = 70
_MAX_INDENT = 10

_REASON_TEXT = {
    "accepted": "accepted",
    "premises-hold": "all its premises hold",
    "carried": "carried by an argument that holds",
    "rejected": "rejected",
    "defeated": "defeated by an attacker that holds",
    "premise-fails": "a premise does not hold",
    "unsupported": "every argument for it fails",
    "unsure": "you are unsure of it",
    "open": "it waits on something undecided",
}


# A question's choices in the reader's words (the page says raised / open).
_QUESTION_REASON_TEXT = {"accepted": "raised", "rejected": "not raised", "unsure": "left open"}


def _reason_text(e: Explanation) -> str:
    if e.kind == "question" and e.reason in _QUESTION_REASON_TEXT:
        return _QUESTION_REASON_TEXT[e.reason]
    return _REASON_TEXT[e.reason]


def _name(e: Explanation) -> str:
    if e.kind == "argument":
        return f"{e.node} ({shorten(e.text, _MAX_TEXT, fold=True)})"
    return f'{e.node} "{shorten(e.text, _MAX_TEXT, fold=True)}"'


def format_explanation(expl: Explanation) -> str:
    """Readable plain text: the node, its status and reason, then the reasons
    it rests on as an indented tree (a node already explained above is
    referred to, not repeated)."""
    lines: list[str] = []
    head = f"{_name(expl)} is {expl.status}: {_reason_text(expl)}."
    lines.append(head)
    if expl.status == IN and expl.givens:
        lines.append(f"Accepting only these givens (rejecting every other) keeps it in: {', '.join(expl.givens)}.")
    elif expl.status == OUT and expl.givens:
        lines.append(f"Rejected givens on the routes that fail: {', '.join(expl.givens)}.")
    if expl.status == UNDECIDED:
        if expl.blocked_by:
            lines.append(f"Waiting on: {', '.join(expl.blocked_by)}.")
        if expl.givens:
            lines.append(f"Unsure givens behind it: {', '.join(expl.givens)}.")
        for c in expl.cycles:
            lines.append(f"Cycle nothing breaks: {' -> '.join(c)}.")
        if not expl.givens and not expl.cycles and expl.reason == "unsure":
            lines.append("Accept or reject it to decide it.")
        return "\n".join(lines)
    seen: set[int] = {id(expl)}
    # (explanation, depth, role) in display order, without recursion
    stack = [(c, 1, "attacker") for c in reversed(expl.attackers)]
    stack += [(c, 1, "support") for c in reversed(expl.support)]
    while stack:
        e, depth, role = stack.pop()
        pad = "  " * min(depth, _MAX_INDENT)
        lead = "attacked by " if role == "attacker" else ""
        if id(e) in seen:
            lines.append(f"{pad}- {lead}{_name(e)} is {e.status} (see above)")
            continue
        seen.add(id(e))
        lines.append(f"{pad}- {lead}{_name(e)} is {e.status}: {_reason_text(e)}")
        stack.extend((c, depth + 1, "attacker") for c in reversed(e.attackers))
        stack.extend((c, depth + 1, "support") for c in reversed(e.support))
    return "\n".join(lines)


def summarize_explanation(expl: Explanation) -> str:
    """One line for the app, e.g. ``Holds through a1: 3 accepted premises; beats x``."""
    if expl.status == IN:
        beaten = [a.node for a in expl.attackers]
        n = len(expl.givens)
        count = f"{n} accepted {'premise' if n == 1 else 'premises'}"
        if expl.reason == "carried":
            arg = expl.support[0]
            beaten += [a.node for a in arg.attackers if a.node not in beaten]
            text = f"Holds through {arg.node}: {count}"
        elif expl.reason == "premises-hold":
            text = f"Holds: {count}"
        else:
            text = "Holds: accepted"
        if beaten:
            text += f"; beats {', '.join(beaten)}"
        return text
    if expl.status == OUT:
        if expl.reason == "rejected":
            return "Fails: rejected"
        if expl.reason == "defeated":
            return f"Fails: defeated by {expl.attackers[0].node}"
        if expl.reason == "premise-fails":
            text = f"Fails: premise {expl.support[0].node} does not hold"
        else:
            text = "Fails: every argument for it fails"
        if expl.givens:
            text += f" (rejected: {', '.join(expl.givens)})"
        return text
    parts = []
    if expl.givens:
        parts.append(f"unsure of {', '.join(expl.givens)}")
    if expl.cycles:
        parts.append(f"attack cycle {' -> '.join(expl.cycles[0])}")
    if not parts:
        parts.append("waiting on " + ", ".join(expl.blocked_by) if expl.blocked_by else "unsure")
    return "Undecided: " + "; ".join(parts)
