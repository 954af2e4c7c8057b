"""graph/reason.py: what_if, robust, depends_on and diff against a naive oracle.

The oracle below is written straight from the definitions in the format's
"Reasoning commands" section: every combination of changes (or of ways of
settling the unsure givens) over *all* givens, each evaluated in full by
``evaluate``.  It shares nothing with graph/reason.py but ``evaluate``
(itself checked against tests/oracle.py).  Every property runs each method
(brute force, solver, auto) so both engines are checked on their own.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.choices import choices_from_scenario, resolve_choices
from graph.evaluate import evaluate
from graph.load import load_debate
from graph.model import Argument, Attack, Debate, Statement
from graph.reason import depends_on, diff, robust, robust_as_dict, what_if
from tests.builders import build_debate, every_link, worked_example
from tests.strategies import choices_for, debate_and_choices, debates

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
ESSAY = ROOT / "content" / "open-source-ai-safety.yaml"
METHODS = ("brute", "solver", "auto")
SETTLE = ("accepted", "rejected")
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- the oracle -------------------------------------------------------------------


def full_choices(d: Debate, choices) -> dict:
    out = d.starting_choices()
    out.update(choices or {})
    return out


def oracle_what_if(d: Debate, choices, node: str, to: str):
    """(size, every set of that size sorted) from all combinations of changes."""
    cur = full_choices(d, choices)
    givens = list(d.given_ids)
    options = [[None] + [v for v in SETTLE if v != cur[g]] for g in givens]
    reaching = []
    for combo in itertools.product(*options):
        changes = {g: v for g, v in zip(givens, combo, strict=True) if v is not None}
        if evaluate(d, {**cur, **changes})[node] == to:
            reaching.append(changes)
    if not reaching:
        return None, []
    k = min(len(c) for c in reaching)
    return k, sorted((dict(sorted(c.items())) for c in reaching if len(c) == k), key=lambda c: list(c.items()))


def completions(d: Debate, choices):
    cur = full_choices(d, choices)
    unsure = [g for g in d.given_ids if cur[g] == "unsure"]
    for combo in itertools.product(SETTLE, repeat=len(unsure)):
        yield dict(zip(unsure, combo, strict=True)), {**cur, **dict(zip(unsure, combo, strict=True))}


def oracle_robust(d: Debate, choices) -> dict:
    seen: dict = {}
    for _, settled in completions(d, choices):
        for x, s in evaluate(d, settled).items():
            seen.setdefault(x, set()).add(s)
    return {x: "holds" if s == {"in"} else "falls" if s == {"out"} else "depends" for x, s in seen.items()}


def oracle_depends_on(d: Debate, choices, node: str) -> tuple:
    table = {tuple(sorted(part.items())): evaluate(d, settled)[node] for part, settled in completions(d, choices)}
    cur = full_choices(d, choices)
    found = []
    for g in d.given_ids:
        if cur[g] != "unsure":
            continue
        for key, status in table.items():
            flipped = tuple((h, ("rejected" if v == "accepted" else "accepted") if h == g else v) for h, v in key)
            if table[flipped] != status:
                found.append(g)
                break
    return tuple(found)


def oracle_diff(d: Debate, a, b):
    fa, fb = full_choices(d, a), full_choices(d, b)
    sa, sb = evaluate(d, fa), evaluate(d, fb)
    differ = sorted(g for g in d.given_ids if fa[g] != fb[g])
    because = {}
    for x in (x for x in sa if sa[x] != sb[x]):
        for size in range(1, len(differ) + 1):
            hit = next(
                (
                    t
                    for t in itertools.combinations(differ, size)
                    if evaluate(d, {**fa, **{g: fb[g] for g in t}})[x] == sb[x]
                ),
                None,
            )
            if hit is not None:
                because[x] = hit
                break
    return because


def upstream_of(d: Debate, node: str) -> set:
    """The node and everything from which support or attack links lead to it."""
    preds: dict = {}
    for u, v in every_link(d):
        preds.setdefault(v, set()).add(u)
    seen, todo = {node}, [node]
    while todo:
        for p in preds.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


def _node_ids(d: Debate):
    return [s.id for s in d.statements] + [a.id for a in d.arguments] + [q.id for q in d.questions]


# -- examples ------------------------------------------------------------------------


def test_undecided_yet_robust_fixture():
    # c is undecided in the labelling (p unsure keeps p, r and both arguments
    # open), yet c holds either way: p accepted carries c; p rejected clears r.
    d = load_debate(FIXTURES / "reason" / "undecided-yet-holds.yaml")
    ch = choices_from_scenario(d, "unsure-of-p")
    assert evaluate(d, ch)["c"] == "undecided"
    for method in METHODS:
        r = robust(d, ch, method=method)
        assert r == {"p": "depends", "r": "depends", "c": "holds", "from-p": "depends", "from-r": "depends"}
        assert depends_on(d, ch, "c", method=method) == ()
        assert depends_on(d, ch, "r", method=method) == ("p",)
        assert what_if(d, ch, "c", method=method).as_dict() == {
            "id": "c",
            "status": "undecided",
            "to": "in",
            "size": 1,
            "sets": [{"p": "accepted"}, {"p": "rejected"}],
            "more": False,
        }
    assert robust_as_dict(d, robust(d, ch)) == {
        "statements": {"p": "depends", "r": "depends", "c": "holds"},
        "arguments": {"from-p": "depends", "from-r": "depends"},
    }


def test_no_unsure_given_maps_statuses_to_words():
    d = build_debate(
        [("p", "premise"), ("x", "objection", True), ("y", "objection", True), ("c", "conclusion")],
        [("a", "c", ["p"])],
        [("x", "y"), ("y", "x"), ("x", "a")],
    )
    words = {"in": "holds", "out": "falls", "undecided": "depends"}
    assert robust(d) == {k: words[s] for k, s in evaluate(d).items()}


def test_what_if_worked_example_json_is_the_contract():
    d = worked_example()
    w = what_if(d, None, "d")
    assert json.dumps(w.as_dict()) == (
        '{"id": "d", "status": "in", "to": "out", "size": 2, "sets": '
        '[{"p": "rejected", "r": "rejected"}, {"q": "rejected", "r": "rejected"}], "more": false}'
    )
    assert what_if(d, None, "d", limit=1).as_dict()["sets"] == [{"p": "rejected", "r": "rejected"}]
    assert what_if(d, None, "d", limit=1).more is True
    assert what_if(d, None, "d", limit=0).as_dict() == {
        "id": "d",
        "status": "in",
        "to": "out",
        "size": 2,
        "sets": [],
        "more": True,
    }


def test_what_if_asking_for_the_status_it_has_is_size_zero():
    d = worked_example()
    for method in METHODS:
        assert what_if(d, None, "c", to="in", method=method).as_dict() == {
            "id": "c",
            "status": "in",
            "to": "in",
            "size": 0,
            "sets": [{}],
            "more": False,
        }


def test_what_if_unreachable_is_null():
    # A statement that attacks itself is never in.
    d = build_debate([("p", "premise"), ("c", "conclusion")], [("a", "c", ["p"])], [("c", "c")])
    for method in METHODS:
        assert json.dumps(what_if(d, None, "c", method=method).as_dict()) == (
            '{"id": "c", "status": "undecided", "to": "in", "size": null, "sets": [], "more": false}'
        )


def test_what_if_only_names_upstream_givens():
    d = worked_example()
    assert upstream_of(d, "c") == {"c", "a1", "a2", "p", "q", "r", "x", "y"}
    assert upstream_of(d, "y") == {"y"}
    for s in what_if(d, {"q": "unsure"}, "c", to="out").sets:
        assert set(s) <= upstream_of(d, "c")


def test_diff_json_is_the_contract_and_traces_each_status():
    d = worked_example()
    a, b = {}, {"q": "rejected", "x": "accepted", "y": "rejected"}
    for method in METHODS:
        result = diff(d, a, b, method=method)
        assert json.dumps(result.as_dict()) == (
            '{"choices": {"q": ["accepted", "rejected"], "x": ["rejected", "accepted"], '
            '"y": ["accepted", "rejected"]}, "labels": {"q": ["in", "out"], "c": ["in", "out"], '
            '"d": ["in", "out"], "x": ["out", "in"], "y": ["in", "out"], "a1": ["in", "out"], '
            '"a2": ["in", "out"], "a3": ["in", "out"]}}'
        )
        # x in needs x accepted and y rejected; c out needs all three.
        assert result.because == {
            "q": ("q",),
            "c": ("q", "x", "y"),
            "d": ("q", "x", "y"),
            "x": ("x", "y"),
            "y": ("y",),
            "a1": ("q",),
            "a2": ("x", "y"),
            "a3": ("q", "x", "y"),
        }
    assert diff(d, a, a).as_dict() == {"choices": {}, "labels": {}}


def test_conclusion_needs_every_attacker_out():
    # c has two arguments and two attackers: it holds only when both are out.
    d = build_debate(
        [("p", "premise"), ("q", "premise"), ("x", "objection"), ("y", "objection"), ("c", "conclusion")],
        [("a1", "c", ["p"]), ("a2", "c", ["q"])],
        [("x", "c"), ("y", "c")],
    )
    for method in METHODS:
        assert what_if(d, {"x": "unsure", "y": "unsure"}, "c", method=method).as_dict() == {
            "id": "c",
            "status": "undecided",
            "to": "in",
            "size": 2,
            "sets": [{"x": "rejected", "y": "rejected"}],
            "more": False,
        }
        assert robust(d, {"x": "unsure"}, method=method)["c"] == "depends"
        assert depends_on(d, {"x": "unsure", "y": "unsure"}, "c", method=method) == ("x", "y")


def test_errors():
    d = worked_example()
    with pytest.raises(KeyError):
        what_if(d, None, "nope")
    with pytest.raises(KeyError):
        depends_on(d, None, "nope")
    with pytest.raises(ValueError, match="'in' or 'out'"):
        what_if(d, None, "c", to="undecided")
    with pytest.raises(ValueError, match="limit"):
        what_if(d, None, "c", limit=-1)
    with pytest.raises(ValueError, match="method"):
        robust(d, None, method="guess")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        robust(d, {"c": "accepted"})
    with pytest.raises(ValueError):
        diff(d, {}, {"p": "maybe"})


# -- the essay -----------------------------------------------------------------------


def _smallest_by_levels(d: Debate, choices, node: str, to: str):
    """Brute force over the node's upstream givens, smallest sets first."""
    cur = full_choices(d, choices)
    givens = sorted(g for g in upstream_of(d, node) if g in cur)
    for size in range(len(givens) + 1):
        found = []
        for picked in itertools.combinations(givens, size):
            for values in itertools.product(*[[v for v in SETTLE if v != cur[g]] for g in picked]):
                changes = dict(zip(picked, values, strict=True))
                if evaluate(d, {**cur, **changes})[node] == to:
                    found.append(changes)
        if found:
            return size, sorted(found, key=lambda c: list(c.items()))
    return None, []


@pytest.mark.parametrize("scenario", [None, "analogies-fail", "unsure-evidence", "misuse-unanswered"])
def test_essay_what_if_on_the_thesis_is_the_exact_minimum(scenario):
    d = load_debate(ESSAY)
    ch = choices_from_scenario(d, scenario) if scenario else None
    w = what_if(d, ch, d.thesis)
    size, sets = _smallest_by_levels(d, ch, d.thesis, w.to)
    assert w.size == size
    assert list(w.sets) == sets[:50]
    assert w.more == (len(sets) > 50)
    assert what_if(d, ch, d.thesis, method="solver") == w


def test_essay_robust_and_diff_match_the_oracle():
    d = load_debate(ESSAY)
    ch = choices_from_scenario(d, "unsure-evidence")
    for method in METHODS:
        assert robust(d, ch, method=method) == oracle_robust(d, ch)
        for node in (d.thesis, "crowdsourced-auditing"):
            assert depends_on(d, ch, node, method=method) == oracle_depends_on(d, ch, node)
    a = resolve_choices(d)
    b = choices_from_scenario(d, "grant-every-challenge")
    assert diff(d, a, b).because == oracle_diff(d, a, b)


# -- properties over random debates ----------------------------------------------------------


@st.composite
def layered_debates(draw) -> Debate:
    """Debates where several changes are often needed: givens mostly
    accepted, conclusions with alternative arguments and linked premises,
    objections undercutting and rebutting, and attack cycles among givens."""
    n_givens = draw(st.integers(3, 7))
    n_concl = draw(st.integers(1, 4))
    statements = [
        Statement(
            f"g{i}",
            draw(st.sampled_from(("premise", "premise", "objection", "example"))),
            f"G{i}",
            i + 1,
            accepted=draw(st.sampled_from((True, True, False))),
        )
        for i in range(n_givens)
    ]
    statements += [Statement(f"c{j}", "conclusion", f"C{j}", n_givens + j + 1) for j in range(n_concl)]
    givens = [f"g{i}" for i in range(n_givens)]
    arguments = []
    for j in range(n_concl):
        pool = givens + [f"c{k}" for k in range(j)]
        for _ in range(draw(st.integers(1, 3))):
            premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True))
            arguments.append(Argument(f"a{len(arguments)}", f"c{j}", tuple(premises), 100 + len(arguments)))
    targets = givens + [f"c{j}" for j in range(n_concl)] + [a.id for a in arguments]
    attacks = []
    for _ in range(draw(st.integers(0, 8))):
        attacks.append(Attack(draw(st.sampled_from(givens)), draw(st.sampled_from(targets)), 200 + len(attacks)))
    for _ in range(draw(st.integers(0, 2))):  # a 2- or 3-cycle among givens and conclusions
        ring = draw(st.lists(st.sampled_from(targets[: n_givens + n_concl]), min_size=2, max_size=3, unique=True))
        for by, target in zip(ring, ring[1:] + ring[:1], strict=True):
            attacks.append(Attack(by, target, 200 + len(attacks)))
    return Debate(
        path="layered.yaml",
        title="layered",
        statements=tuple(statements),
        arguments=tuple(arguments),
        attacks=tuple(attacks),
    )


@st.composite
def some_debate_and_choices(draw):
    d = draw(st.one_of(debates(), layered_debates()))
    return d, draw(choices_for(d))


@st.composite
def question(draw):
    d, ch = draw(some_debate_and_choices())
    node = draw(st.sampled_from(_node_ids(d)))
    to = draw(st.sampled_from((None, "in", "out")))
    limit = draw(st.sampled_from((50, 50, 2, 1, 0)))
    return d, ch, node, to, limit


@PROPERTY
@given(question(), st.sampled_from(METHODS))
def test_what_if_equals_the_oracle(q, method):
    d, ch, node, to, limit = q
    w = what_if(d, ch, node, to, limit, method=method)
    now = evaluate(d, ch)[node]
    assert w.status == now
    assert w.to == (to or ("out" if now == "in" else "in"))
    size, sets = oracle_what_if(d, ch, node, w.to)
    assert w.size == size
    assert [list(s.items()) for s in w.sets] == [list(s.items()) for s in sets[:limit]]
    assert w.more == (len(sets) > limit)


@PROPERTY
@given(question(), st.sampled_from(METHODS))
def test_what_if_sets_reach_the_target_and_none_smaller_does(q, method):
    d, ch, node, to, _ = q
    w = what_if(d, ch, node, to, method=method)
    cur = full_choices(d, ch)
    for s in w.sets:
        assert len(s) == w.size
        assert all(cur[g] != v and v in SETTLE for g, v in s.items())
        assert evaluate(d, {**cur, **s})[node] == w.to
        for g in s:  # every change is needed
            assert evaluate(d, {**cur, **{h: v for h, v in s.items() if h != g}})[node] != w.to
    if w.size:
        # No set one smaller reaches it (all of them, by brute force).
        givens = list(d.given_ids)
        for picked in itertools.combinations(givens, w.size - 1):
            for values in itertools.product(*[[v for v in SETTLE if v != cur[g]] for g in picked]):
                assert evaluate(d, {**cur, **dict(zip(picked, values, strict=True))})[node] != w.to


@PROPERTY
@given(some_debate_and_choices(), st.sampled_from(METHODS))
def test_robust_equals_the_oracle(dc, method):
    d, ch = dc
    assert robust(d, ch, method=method) == oracle_robust(d, ch)


@PROPERTY
@given(some_debate_and_choices(), st.sampled_from(METHODS), st.data())
def test_depends_on_equals_the_oracle(dc, method, data):
    d, ch = dc
    node = data.draw(st.sampled_from(_node_ids(d)))
    found = depends_on(d, ch, node, method=method)
    assert found == oracle_depends_on(d, ch, node)
    if robust(d, ch)[node] != "depends":
        assert found == ()


@PROPERTY
@given(st.one_of(debates(), layered_debates()), st.sampled_from(METHODS), st.data())
def test_diff_explains_every_differing_status(d, method, data):
    a = data.draw(choices_for(d))
    b = data.draw(choices_for(d))
    result = diff(d, a, b, method=method)
    fa, fb = full_choices(d, a), full_choices(d, b)
    sa, sb = evaluate(d, a), evaluate(d, b)
    assert result.choices == {g: (fa[g], fb[g]) for g in d.given_ids if fa[g] != fb[g]}
    assert result.statuses == {x: (sa[x], sb[x]) for x in sa if sa[x] != sb[x]}
    assert list(result.statuses) == [x for x in sa if sa[x] != sb[x]]
    for x, subset in result.because.items():
        assert set(subset) <= set(result.choices)
        assert evaluate(d, {**fa, **{g: fb[g] for g in subset}})[x] == sb[x]
    assert result.because == oracle_diff(d, a, b)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(debate_and_choices(max_givens=10, max_conclusions=8, max_attacks=20), some_debate_and_choices()),
    st.data(),
)
def test_solver_equals_brute_force_on_bigger_debates(dc, data):
    d, ch = dc
    node = data.draw(st.sampled_from(_node_ids(d)))
    assert robust(d, ch, method="solver") == robust(d, ch, method="brute")
    assert depends_on(d, ch, node, method="solver") == depends_on(d, ch, node, method="brute")
    w = what_if(d, ch, node, limit=5, method="solver")
    assert w == what_if(d, ch, node, limit=5, method="brute")


def test_critical_questions_are_givens_to_the_reasoning_commands():
    d = load_debate(ROOT / "tests" / "fixtures" / "valid" / "questions.yaml")
    # Raising a question is a change: with r rejected, one raised question brings a1 down.
    answer = what_if(d, {"r": "rejected"}, "c")
    assert (answer.status, answer.to, answer.size) == ("in", "out", 1)
    assert [dict(s) for s in answer.sets] == [{"a1-q1": "accepted"}, {"apt": "accepted"}, {"p": "rejected"}]
    assert [dict(s) for s in answer.sets] == oracle_what_if(d, {"r": "rejected"}, "c", "out")[1]
    choices = {"r": "rejected", "apt": "unsure"}
    got = robust(d, choices)
    assert got == oracle_robust(d, choices)
    as_dict = robust_as_dict(d, got)
    assert list(as_dict) == ["statements", "arguments", "questions"]
    assert as_dict["questions"] == {"a1-q1": "falls", "apt": "depends"}
    assert "questions" not in robust_as_dict(worked_example(), robust(worked_example(), {}))
    result = diff(d, {}, {"a1-q1": "accepted", "r": "rejected"})
    assert result.choices == {"r": ("accepted", "rejected"), "a1-q1": ("rejected", "accepted")}
    assert result.statuses == {
        "r": ("in", "out"),
        "c": ("in", "out"),
        "a1": ("in", "out"),
        "a2": ("in", "out"),
        "a1-q1": ("out", "in"),
    }
    assert result.because["c"] == ("a1-q1", "r")
