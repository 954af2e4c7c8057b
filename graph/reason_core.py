"""The exact solvers behind :mod:`graph.reason`: a region of the debate, its
statuses by brute force, and the same statuses as an answer-set program.

Internal to :mod:`graph.reason` (the page and the command line call that
module).  Nodes are those of the engine's compiled index
(:func:`graph.index.debate_index`: its node numbers, kinds, links and
thresholds; the brute force applies its :func:`graph.index.status_from`).
Everything works on a *region*: a set of nodes whose predecessors
outside it have statuses that cannot change in the question asked (the
caller proves that and passes them as ``outside``).  Two engines answer the
same three questions about a region, and must agree (the tests check both
against an oracle written from the format's definitions):

- brute force (:class:`RegionLabeller`, :func:`smallest_changes_by_brute_force`,
  :func:`settled_statuses_by_brute_force`, :func:`essential_givens_by_brute_force`):
  every combination, each labelled by the format's worklist confined to the
  region;
- clingo (:class:`ChangeSearch`, :func:`settled_statuses_by_solver`,
  :func:`essential_givens_by_solver`).

Why answer-set programming: given the choices, the format's rules are a
*definite* program (``in(x) :- accepted(x), out(a1), ..., out(an).``,
``out(x) :- in(a).``, and so on: no negation), and the least model of a
definite program is the least fixed point of its immediate-consequence
operator, which here is exactly the format's rule applied to every node at
once.  So the grounded labelling is the least model, attack cycles included,
with no level or ranking encoding to get right: clingo's unfounded-set check
is what keeps a cycle undecided.  Choices enter as choice rules, and a
stable model of "choice rules + definite rules" is precisely "a choice, and
the least model of the definite rules under it".  Default negation appears
only over choice atoms and over atoms of the definite part (stratified).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import combinations

import clingo
from clingo.backend import Backend

from graph.index import (
    ARGUMENT,
    GIVEN,
    GIVEN_THRESHOLDS,
    IN,
    OUT,
    UNDECIDED,
    Index,
    propagate,
    reseed,
    status_from,
)
from graph.status import Choice, Status

__all__ = [
    "ChangeSearch",
    "RegionLabeller",
    "downstream",
    "essential_givens_by_brute_force",
    "essential_givens_by_solver",
    "settled_statuses_by_brute_force",
    "settled_statuses_by_solver",
    "smallest_changes_by_brute_force",
]

# Core-guided optimisation (usc,oll): the smallest number of changes is
# usually tiny, and proving it from below is far faster than clingo's default
# branch and bound from above (15 s -> 0.6 s for a node with 5,000 nodes
# upstream in a 10,000-node attack framework).  clingo reports through a
# logger; every question here is posed so that none of its messages applies
# (they would only reach a user's terminal).
_CLINGO_ARGS: Sequence[str] = ("--warn=none", "--opt-strategy=usc,oll")
_UND: Status = UNDECIDED  # short spelling for the loops below

#: A set of changes: indices into a sorted candidate list.
ChangeSet = tuple[int, ...]
#: What a region node's predecessors outside the region are: node -> status.
Outside = Callable[[int], Status]


def downstream(ix: Index, sources: Iterable[int], keep: Callable[[int], bool] | None = None) -> list[int]:
    """The sources and every node of ``ix`` reachable from them along support
    and attack links, walking only through nodes for which ``keep`` is true
    (all when None); sources first, then in search order.  A new list (the
    mirror of ``Index.upstream``)."""
    seen = set(sources)
    order = list(seen)
    att_succ, sup_succ = ix.att_succ, ix.sup_succ
    for x in order:
        for y in att_succ[x] + sup_succ[x]:
            if y not in seen and (keep is None or keep(y)):
                seen.add(y)
                order.append(y)
    return order


# -- brute force ----------------------------------------------------------------


class RegionLabeller:
    """The format's worklist confined to a region, for many choices in turn.

    ``region``: node numbers of ``ix``; ``outside`` gives the (fixed) status
    of every predecessor of a region node that is not in the region;
    ``choice_of`` the region givens' choices.  :meth:`label` returns the
    grounded statuses of the region's nodes (by position in ``region``) with
    some of those choices changed.

    The rule is :func:`graph.index.status_from` with the index's thresholds
    (``need_in`` / ``need_out``, a given's :data:`graph.index.GIVEN_THRESHOLDS`
    for its choice), applied one count at a time as in
    :func:`graph.index.solve`.  What does not depend on the changed choices
    (the counts from outside predecessors, each node's status before
    anything inside propagates) is computed once, here; a changed given is
    re-seeded from :func:`graph.index.status_from` with its new thresholds.
    """

    def __init__(self, ix: Index, region: Sequence[int], outside: Outside, choice_of: Callable[[int], Choice]) -> None:
        local = {x: k for k, x in enumerate(region)}
        self.region: tuple[int, ...] = tuple(region)
        self.local: dict[int, int] = local
        self.size: int = len(region)
        kind, n_attackers = ix.kind, ix.n_attackers
        ix_need_in, ix_need_out = ix.need_in, ix.need_out
        ix_att_pred, ix_sup_pred = ix.att_pred, ix.sup_pred
        ix_att_succ, ix_sup_succ = ix.att_succ, ix.sup_succ
        n_att = [n_attackers[x] for x in region]
        need_in: list[int] = []
        need_out: list[int] = []
        # Counts from outside predecessors (attackers in and out, supports
        # in and out), then each node's status before anything inside the
        # region propagates and the order in which those were decided.
        base_att_in: list[int] = []
        base_att_out: list[int] = []
        base_sup_in: list[int] = []
        base_sup_out: list[int] = []
        seed: list[Status] = []
        seed_order: list[int] = []
        for k, x in enumerate(region):
            att_in = att_out = sup_in = sup_out = 0
            for a in ix_att_pred[x]:
                if a not in local:
                    s = outside(a)
                    att_in += s == IN
                    att_out += s == OUT
            for p in ix_sup_pred[x]:
                if p not in local:
                    s = outside(p)
                    sup_in += s == IN
                    sup_out += s == OUT
            if kind[x] == GIVEN:
                x_in, x_out = GIVEN_THRESHOLDS[choice_of(x)]
            else:
                x_in, x_out = ix_need_in[x], ix_need_out[x]
            status = status_from(n_att[k], att_in, att_out, sup_in, sup_out, x_in, x_out)
            need_in.append(x_in)
            need_out.append(x_out)
            base_att_in.append(att_in)
            base_att_out.append(att_out)
            base_sup_in.append(sup_in)
            base_sup_out.append(sup_out)
            seed.append(status)
            if status is not _UND:
                seed_order.append(k)
        self.n_att: list[int] = n_att
        self.need_in: list[int] = need_in
        self.need_out: list[int] = need_out
        self.att_succ: list[tuple[int, ...]] = [tuple([local[y] for y in ix_att_succ[x] if y in local]) for x in region]
        self.sup_succ: list[tuple[int, ...]] = [tuple([local[y] for y in ix_sup_succ[x] if y in local]) for x in region]
        self.att_in: list[int] = base_att_in
        self.att_out: list[int] = base_att_out
        self.sup_in: list[int] = base_sup_in
        self.sup_out: list[int] = base_sup_out
        self.seed: list[Status] = seed
        self.seed_order: list[int] = seed_order

    def label(self, changed: Mapping[int, Choice] | None = None) -> list[Status]:
        """Statuses of the region's nodes (in region order), with the givens
        in ``changed`` (node number -> choice) set to their new choice.
        Raises ``KeyError`` for a node that is not in the region, or a
        value that is not a choice."""
        lab = self.seed[:]
        need_in = self.need_in
        order = self.seed_order[:]
        att_out = self.att_out[:]
        sup_in = self.sup_in[:]
        sup_out = self.sup_out[:]
        n_att, need_out = self.n_att, self.need_out
        if changed:
            need_in = need_in[:]
            local, att_in = self.local, self.att_in
            starts: list[tuple[int, Status]] = []
            for g, c in changed.items():
                k = local[g]
                # need_out of a given is read only at seeding: no support
                # reaches a given, so only need_in is patched.
                c_in, c_out = GIVEN_THRESHOLDS[c]
                need_in[k] = c_in
                starts.append((k, status_from(n_att[k], att_in[k], att_out[k], sup_in[k], sup_out[k], c_in, c_out)))
            order = reseed(order, lab, starts)
        propagate(order, lab, need_in, need_out, n_att, self.att_succ, self.sup_succ, (att_out, sup_in, sup_out))
        return lab


def _consistent(candidates: Sequence[tuple[int, Choice]], combo: ChangeSet) -> bool:
    givens = [candidates[i][0] for i in combo]
    return len(set(givens)) == len(givens)


def smallest_changes_by_brute_force(
    labeller: RegionLabeller,
    candidates: Sequence[tuple[int, Choice]],
    target: int,
    status: Status,
    limit: int,
    budget: int | None = None,
) -> tuple[int | None, list[ChangeSet], bool] | None:
    """``(size, sets, more)``: the smallest number of candidate changes after
    which ``target`` (a node of the labeller's region) has ``status``, the
    first ``limit`` such sets in lexicographic order of their candidate
    indices, and whether there are more.  ``candidates`` are
    ``(given node, new choice)`` pairs (a set never holds two of one given);
    the other givens keep the labeller's choices.  ``size`` None: unreachable.

    Sets are tried smallest first, in that order.  With a ``budget``, once
    (sets tried) x (region size) exceeds it, gives up and returns None."""
    t = labeller.local[target]
    m = len(candidates)
    spent = 0
    for size in range(m + 1):
        found: list[ChangeSet] = []
        for combo in combinations(range(m), size):
            if not _consistent(candidates, combo):
                continue
            spent += labeller.size
            if budget is not None and spent > budget:
                return None
            changed = {candidates[i][0]: candidates[i][1] for i in combo}
            if labeller.label(changed)[t] == status:
                found.append(combo)
                if len(found) > limit:
                    return size, found[:limit], True
        if found:
            return size, found, False
    return None, [], False


def _completions(free: Sequence[int]) -> Iterable[dict[int, Choice]]:
    for bits in range(1 << len(free)):
        yield {g: ("accepted" if bits >> k & 1 else "rejected") for k, g in enumerate(free)}


def settled_statuses_by_brute_force(labeller: RegionLabeller, free: Sequence[int]) -> dict[int, tuple[bool, bool]]:
    """Region node -> ``(in under every completion, out under every
    completion)``, where a completion settles each ``free`` given as accepted
    or rejected and the other givens keep the labeller's choices."""
    always_in = [True] * labeller.size
    always_out = [True] * labeller.size
    for settled in _completions(free):
        labels = labeller.label(settled)
        for k, s in enumerate(labels):
            if s != IN:
                always_in[k] = False
            if s != OUT:
                always_out[k] = False
    return {x: (always_in[k], always_out[k]) for k, x in enumerate(labeller.region)}


def essential_givens_by_brute_force(labeller: RegionLabeller, free: Sequence[int], target: int) -> list[int]:
    """The ``free`` givens that ``target``'s status depends on: those ``g``
    for which two completions differing only in ``g`` give ``target``
    different statuses (in the order of ``free``)."""
    t = labeller.local[target]
    table = []
    for settled in _completions(free):
        table.append(labeller.label(settled)[t])
    return [
        g for k, g in enumerate(free) if any(table[b] != table[b | 1 << k] for b in range(len(table)) if not b >> k & 1)
    ]


# -- the answer-set program -----------------------------------------------------------


def _ignore(code: clingo.MessageCode, message: str) -> None:
    return None


def _control() -> clingo.Control:
    return clingo.Control(_CLINGO_ARGS, logger=_ignore)


class _Encoder:
    """Writes the grounded labelling of a region as definite rules.

    Literals are clingo program literals; ``top`` is an atom made a fact, so
    ``top`` is true and ``-top`` false, and rules are simplified around them.
    """

    def __init__(self, backend: Backend) -> None:
        self.b = backend
        self.top = backend.add_atom()
        backend.add_rule([self.top])

    def rule(self, head: int, body: Sequence[int]) -> None:
        if -self.top in body:
            return
        self.b.add_rule([head], [x for x in body if x != self.top])

    def constant(self, status: Status) -> tuple[int, int]:
        """(in literal, out literal) of a node whose status is fixed."""
        t = self.top
        return (t if status == IN else -t), (t if status == OUT else -t)

    def region(
        self,
        ix: Index,
        region: Sequence[int],
        outside: Outside,
        given_lits: Mapping[int, tuple[int, int]],
        symbols: str | None = None,
    ) -> dict[int, tuple[int, int]]:
        """Add the rules of ``region``; return node -> (in atom, out atom).

        ``given_lits[g]``: literals true exactly when given ``g`` is accepted /
        rejected (neither: unsure).  With ``symbols``, the atoms are named
        ``in(k)`` / ``out(k)`` (k: position in ``region``) with that
        suffix, so that a model can report them."""
        b = self.b
        lits: dict[int, tuple[int, int]] = {}
        for k, x in enumerate(region):
            if symbols is None:
                lits[x] = (b.add_atom(), b.add_atom())
            else:
                num = [clingo.Number(k)]
                lits[x] = (
                    b.add_atom(clingo.Function("in" + symbols, num)),
                    b.add_atom(clingo.Function("out" + symbols, num)),
                )
        consts: dict[int, tuple[int, int]] = {}

        def of(y: int) -> tuple[int, int]:
            v = lits.get(y)
            if v is None:
                v = consts.get(y)
                if v is None:
                    v = consts[y] = self.constant(outside(y))
            return v

        for x in region:
            x_in, x_out = lits[x]
            attackers = [of(a) for a in ix.att_pred[x]]
            clear = [a_out for _, a_out in attackers]
            for a_in, _ in attackers:
                self.rule(x_out, [a_in])
            k = ix.kind[x]
            if k == GIVEN:
                acc, rej = given_lits[x]
                self.rule(x_in, [acc, *clear])
                self.rule(x_out, [rej])
            elif k == ARGUMENT:
                premises = [of(p) for p in ix.sup_pred[x]]
                self.rule(x_in, [p_in for p_in, _ in premises] + clear)
                for _, p_out in premises:
                    self.rule(x_out, [p_out])
            else:
                args = [of(a) for a in ix.sup_pred[x]]
                if len(args) > 1 and len(clear) > 1:
                    c = b.add_atom()
                    self.rule(c, clear)
                    clear = [c]
                for a_in, _ in args:
                    self.rule(x_in, [a_in, *clear])
                self.rule(x_out, [a_out for _, a_out in args])
        return lits

    def fixed_choice(self, choice: Choice) -> tuple[int, int]:
        t = self.top
        return (t if choice == "accepted" else -t), (t if choice == "rejected" else -t)


def _status_assumptions(lits: tuple[int, int], status: Status) -> list[int]:
    x_in, x_out = lits
    if status == IN:
        return [x_in]
    if status == OUT:
        return [x_out]
    return [-x_in, -x_out]


class ChangeSearch:
    """The smallest sets of changes that give one node of a region a status.

    One clingo program for the region, reusable for several targets:
    ``candidates`` (sorted as the caller wants sets ordered) are
    ``(given node, new choice)`` pairs; each is a choice atom ``c(i)``, at
    most one per given, and a minimize statement counts them; every other
    given keeps ``choice_of``.  The program never grows after it is built:
    the questions the search asks are put as assumptions, including "some
    candidate in [lo, hi) is chosen" (choice atoms ``sel`` pick the range,
    ``want`` demands a hit in it).
    """

    def __init__(
        self,
        ix: Index,
        region: Sequence[int],
        outside: Outside,
        choice_of: Callable[[int], Choice],
        candidates: Sequence[tuple[int, Choice]],
    ) -> None:
        self._ctl = _control()
        self._m = m = len(candidates)
        with self._ctl.backend() as b:
            enc = _Encoder(b)
            ch = [b.add_atom(clingo.Function("c", [clingo.Number(i)])) for i in range(m)]
            sel = [b.add_atom() for _ in range(m)]
            want, hit = b.add_atom(), b.add_atom()
            if ch:
                b.add_rule(ch, choice=True)
                b.add_rule(sel, choice=True)
                b.add_minimize(0, [(c, 1) for c in ch])
            b.add_rule([want], choice=True)
            for c, s in zip(ch, sel, strict=True):
                b.add_rule([hit], [c, s])
            b.add_rule([], [want, -hit])
            by_given: dict[int, list[int]] = {}
            for i, (g, _) in enumerate(candidates):
                by_given.setdefault(g, []).append(i)
            given_lits: dict[int, tuple[int, int]] = {}
            for g in region:
                if ix.kind[g] != GIVEN:
                    continue
                mine = by_given.get(g, [])
                if not mine:
                    given_lits[g] = enc.fixed_choice(choice_of(g))
                    continue
                for i, j in combinations(mine, 2):
                    b.add_rule([], [ch[i], ch[j]])
                acc, rej = b.add_atom(), b.add_atom()
                for i in mine:
                    v = candidates[i][1]
                    if v != "unsure":
                        b.add_rule([acc if v == "accepted" else rej], [ch[i]])
                cur = choice_of(g)
                if cur != "unsure":
                    b.add_rule([acc if cur == "accepted" else rej], [-ch[i] for i in mine])
                given_lits[g] = (acc, rej)
            self._lits = enc.region(ix, region, outside, given_lits)
        self._ch, self._sel, self._want = ch, sel, want

    # -- solving ----------------------------------------------------------------

    def _model(self, assumptions: Sequence[int]) -> set[int] | None:
        """The chosen candidates of a model under ``assumptions`` (with the
        optimisation mode set, the last model: an optimal one), or None."""
        found: list[set[int]] = []

        def on_last(model: clingo.Model) -> None:
            found.append({s.arguments[0].number for s in model.symbols(atoms=True)})

        result = self._ctl.solve(assumptions=assumptions, on_last=on_last)
        return found[-1] if result.satisfiable else None

    def _prefix(self, chosen: Sequence[int], t: int) -> list[int]:
        inside = set(chosen)
        return [-self._want] + [self._ch[i] if i in inside else -self._ch[i] for i in range(t)]

    def _hit(self, chosen: Sequence[int], lo: int, hi: int) -> list[int]:
        """Assumptions: candidates below ``lo`` exactly ``chosen``, and some
        candidate in ``[lo, hi)`` chosen."""
        inside = set(chosen)
        sel = self._sel
        return (
            [self._want]
            + [self._ch[i] if i in inside else -self._ch[i] for i in range(lo)]
            + [sel[i] if lo <= i < hi else -sel[i] for i in range(self._m)]
        )

    def _lexmin(self, base: list[int], chosen: list[int], t: int, model: set[int]) -> ChangeSet:
        """The lexicographically smallest solution whose candidates below
        ``t`` are exactly ``chosen``; ``model`` is one such solution."""
        chosen = list(chosen)
        while True:
            rest = [i for i in model if i >= t]
            if not rest:
                return tuple(chosen)
            e = min(rest)
            if e > t:
                better = self._model(base + self._hit(chosen, t, e))
                if better is not None:
                    model = better
                    continue
            # No solution here picks a candidate in [t, e): the next one is e.
            chosen.append(e)
            t = e + 1

    def _successor(self, base: list[int], current: ChangeSet, find: bool) -> tuple[bool, ChangeSet | None]:
        """Whether a solution follows ``current`` in lexicographic order, and
        (when ``find``) the next one.  The solutions after it are those that
        share its first p candidates and whose next one is larger, for the
        largest such p."""
        for p in range(len(current) - 1, -1, -1):
            prefix = list(current[:p])
            t = current[p] + 1
            model = self._model(base + self._prefix(prefix, t))
            if model is not None:
                return True, (self._lexmin(base, prefix, t, model) if find else None)
        return False, None

    def smallest(self, target: int, status: Status, limit: int) -> tuple[int | None, list[ChangeSet], bool]:
        """``(size, sets, more)`` as :func:`smallest_changes_by_brute_force`,
        for ``target`` (a node of the region)."""
        conf = self._ctl.configuration.solve
        goal = _status_assumptions(self._lits[target], status)
        conf.opt_mode = "opt"  # type: ignore[union-attr]
        conf.models = 0  # type: ignore[union-attr]  # until the optimum is proven
        model = self._model([*goal, -self._want])
        if model is None:
            return None, [], False
        size = len(model)
        # From now on: any model within the optimum, the first one found.
        conf.opt_mode = f"enum,{size}"  # type: ignore[union-attr]
        conf.models = 1  # type: ignore[union-attr]
        if limit == 0:
            return size, [], True
        sets = [self._lexmin(goal, [], 0, model)]
        more = False
        while True:
            want = len(sets) < limit
            exists, nxt = self._successor(goal, sets[-1], want)
            if not exists:
                break
            if not want:
                more = True
                break
            assert nxt is not None
            sets.append(nxt)
        return size, sets, more


def _free_program(
    ix: Index,
    region: Sequence[int],
    outside: Outside,
    choice_of: Callable[[int], Choice],
    free: Sequence[int],
    copies: Sequence[str],
) -> tuple[clingo.Control, list[dict[int, int]], list[dict[int, tuple[int, int]]], int]:
    """A program with one copy of ``region`` per suffix in ``copies``, each
    ``free`` given a choice atom per copy (true: accepted, false: rejected)."""
    ctl = _control()
    free_set = set(free)
    atoms: list[dict[int, int]] = []
    lits: list[dict[int, tuple[int, int]]] = []
    with ctl.backend() as b:
        enc = _Encoder(b)
        for suffix in copies:
            mine = {g: b.add_atom() for g in free}
            if mine:
                b.add_rule(list(mine.values()), choice=True)
            given_lits = {
                g: ((mine[g], -mine[g]) if g in free_set else enc.fixed_choice(choice_of(g)))
                for g in region
                if ix.kind[g] == GIVEN
            }
            atoms.append(mine)
            lits.append(enc.region(ix, region, outside, given_lits, symbols=suffix))
        top = enc.top
    return ctl, atoms, lits, top


def settled_statuses_by_solver(
    ix: Index, region: Sequence[int], outside: Outside, choice_of: Callable[[int], Choice], free: Sequence[int]
) -> dict[int, tuple[bool, bool]]:
    """As :func:`settled_statuses_by_brute_force`, by clingo's cautious
    reasoning: the atoms true in every stable model, one per completion."""
    ctl, _, _, _ = _free_program(ix, region, outside, choice_of, free, [""])
    ctl.configuration.solve.enum_mode = "cautious"  # type: ignore[union-attr]
    ctl.configuration.solve.models = 0  # type: ignore[union-attr]
    last: list[Sequence[clingo.Symbol]] = []
    ctl.solve(on_model=lambda m: last.append(m.symbols(shown=True)))
    always = {(s.name, s.arguments[0].number) for s in last[-1]}
    return {x: (("in", k) in always, ("out", k) in always) for k, x in enumerate(region)}


def essential_givens_by_solver(
    ix: Index,
    region: Sequence[int],
    outside: Outside,
    choice_of: Callable[[int], Choice],
    free: Sequence[int],
    target: int,
) -> list[int]:
    """As :func:`essential_givens_by_brute_force`, with two copies of the
    region: for each free given g, is there a pair of completions that agree
    on every other free given, accept g in one copy and reject it in the
    other, and give ``target`` different statuses?"""
    ctl, (fa, fb), (la, lb), _ = _free_program(ix, region, outside, choice_of, free, ["a", "b"])
    with ctl.backend() as b:
        same = {g: b.add_atom() for g in free}
        b.add_rule(list(same.values()), choice=True)
        for g in free:
            b.add_rule([], [same[g], fa[g], -fb[g]])
            b.add_rule([], [same[g], -fa[g], fb[g]])
        differ = b.add_atom()
        for x, y in zip(la[target], lb[target], strict=True):
            b.add_rule([differ], [x, -y])
            b.add_rule([differ], [-x, y])
        b.add_rule([], [-differ])
    found = []
    for g in free:
        assumptions = [fa[g], -fb[g]] + [same[h] for h in free if h != g]
        if ctl.solve(assumptions=assumptions).satisfiable:
            found.append(g)
    return found
