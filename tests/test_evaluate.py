"""graph/evaluate.py: the format's worked example, and properties against a naive oracle."""

from __future__ import annotations

import copy
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.evaluate import evaluate, reevaluate, reevaluate_changes
from graph.model import Debate
from tests.builders import WORKED_EXAMPLE_FILE, build_debate, every_link, worked_example
from tests.oracle import oracle_statuses
from tests.strategies import debate_and_choices


def _step_by_step(d: Debate) -> None:
    # With the starting toggles every statement is in but x: c and d hold.
    now = evaluate(d)
    assert {k: now[k] for k in "pqrcdxy"} == dict(p="in", q="in", r="in", c="in", d="in", x="out", y="in")
    # Turn q off: a1 is out, a2 still carries c, so c and d stay in.
    ch = {"q": "rejected"}
    now = evaluate(d, ch)
    assert (now["a1"], now["a2"], now["c"], now["d"]) == ("out", "in", "in", "in")
    # Also turn x on: y defeats x, so x is out and a2 stays in.
    ch["x"] = "accepted"
    now = evaluate(d, ch)
    assert (now["x"], now["a2"], now["c"], now["d"]) == ("out", "in", "in", "in")
    # Also turn y off: x is in, a2 is out, and c, d are out.
    ch["y"] = "rejected"
    now = evaluate(d, ch)
    assert (now["x"], now["a2"], now["c"], now["d"]) == ("in", "out", "out", "out")


def test_worked_example_step_by_step():
    _step_by_step(worked_example())


@pytest.mark.skipif(not WORKED_EXAMPLE_FILE.exists(), reason="fixture written by the loader's author")
def test_worked_example_from_the_file(worked):
    d = worked
    _step_by_step(d)
    assert evaluate(d) == evaluate(worked_example())


def test_result_covers_every_node_in_file_order():
    d = worked_example()
    assert list(evaluate(d)) == [s.id for s in d.statements] + [a.id for a in d.arguments]


def test_mutual_attack_of_two_accepted_objections_is_undecided():
    d = build_debate([("x", "objection", True), ("y", "objection", True)], attacks=[("x", "y"), ("y", "x")])
    assert evaluate(d) == {"x": "undecided", "y": "undecided"}
    # Something that breaks the cycle decides it.
    assert evaluate(d, {"y": "rejected"}) == {"x": "in", "y": "out"}


def test_self_attack_is_never_in():
    d = build_debate([("s", "premise"), ("c", "conclusion")], [("a", "c", ["s"])], [("s", "s")])
    assert evaluate(d) == {"s": "undecided", "c": "undecided", "a": "undecided"}
    assert evaluate(d, {"s": "rejected"})["s"] == "out"


def test_odd_attack_cycle_ends_undecided_and_does_not_hang():
    ids = [f"o{i}" for i in range(501)]
    ring = zip(ids, ids[1:] + ids[:1], strict=True)
    d = build_debate([(i, "objection", True) for i in ids], attacks=list(ring))
    assert set(evaluate(d).values()) == {"undecided"}


def test_unsure_given_that_nothing_defeats_is_undecided_and_spreads():
    d = worked_example()
    now = evaluate(d, {"r": "unsure", "q": "rejected"})
    assert (now["r"], now["a2"], now["c"], now["d"]) == ("undecided",) * 4


def test_invalid_choices_are_refused():
    d = worked_example()
    with pytest.raises(ValueError, match="c"):
        evaluate(d, {"c": "accepted"})
    with pytest.raises(ValueError, match="maybe"):
        evaluate(d, {"p": "maybe"})
    with pytest.raises(ValueError):
        reevaluate(d, evaluate(d), {}, "a1")


@settings(max_examples=250, deadline=None)
@given(debate_and_choices())
def test_statuses_equal_the_naive_oracle(dc):
    d, ch = dc
    assert evaluate(d, ch) == oracle_statuses(d, ch)


@settings(max_examples=80, deadline=None)
@given(debate_and_choices(), st.randoms(use_true_random=False))
def test_order_of_statements_arguments_attacks_does_not_matter(dc, rnd):
    d, ch = dc
    shuffled = Debate(
        path=d.path,
        title=d.title,
        statements=tuple(rnd.sample(d.statements, len(d.statements))),
        arguments=tuple(rnd.sample(d.arguments, len(d.arguments))),
        attacks=tuple(rnd.sample(d.attacks, len(d.attacks))),
    )
    assert evaluate(shuffled, ch) == evaluate(d, ch)


@settings(max_examples=80, deadline=None)
@given(debate_and_choices())
def test_evaluation_leaves_its_input_unchanged(dc):
    d, ch = dc
    d_before, ch_before = copy.deepcopy(d), dict(ch)
    statuses = evaluate(d, ch)
    statuses_before = dict(statuses)
    other = dict(ch)
    if d.given_ids:
        other[d.given_ids[0]] = "unsure"
    reevaluate(d, statuses, other, d.given_ids[0])
    assert d == d_before and ch == ch_before and statuses == statuses_before
    # Fields are the same objects' values, not just equal dataclasses.
    assert (d.statements, d.arguments, d.attacks) == (d_before.statements, d_before.arguments, d_before.attacks)


@settings(max_examples=80, deadline=None)
@given(debate_and_choices())
def test_accepted_given_with_no_attackers_is_in(dc):
    d, ch = dc
    full = {**d.starting_choices(), **ch}
    statuses = evaluate(d, ch)
    attacked = {a.target for a in d.attacks}
    for g in d.given_ids:
        if full[g] == "accepted" and g not in attacked:
            assert statuses[g] == "in"


def _reaches(d: Debate, start: str) -> set[str]:
    succ: dict[str, set[str]] = {}
    for u, v in every_link(d):
        succ.setdefault(u, set()).add(v)
    seen, todo = {start}, [start]
    while todo:
        for y in succ.get(todo.pop(), ()):
            if y not in seen:
                seen.add(y)
                todo.append(y)
    return seen - {start}


@settings(max_examples=100, deadline=None)
@given(debate_and_choices(), st.data())
def test_flipping_a_given_that_reaches_nothing_changes_nothing_else(dc, data):
    d, ch = dc
    lonely = [g for g in d.given_ids if not _reaches(d, g)]
    if not lonely:
        return
    g = data.draw(st.sampled_from(lonely))
    new = data.draw(st.sampled_from(("accepted", "rejected", "unsure")))
    before, after = evaluate(d, ch), evaluate(d, {**ch, g: new})
    assert {k: v for k, v in before.items() if k != g} == {k: v for k, v in after.items() if k != g}


@settings(max_examples=200, deadline=None)
@given(debate_and_choices(), st.data())
def test_reevaluate_equals_evaluate_after_one_flip(dc, data):
    d, ch = dc
    g = data.draw(st.sampled_from(d.given_ids))
    new = {**ch, g: data.draw(st.sampled_from(("accepted", "rejected", "unsure")))}
    old_statuses = evaluate(d, ch)
    full = evaluate(d, new)
    assert reevaluate(d, old_statuses, new, g) == full
    changes = reevaluate_changes(d, old_statuses, new, g)
    assert changes == {k: v for k, v in full.items() if old_statuses[k] != v}


def test_reevaluate_on_a_synthetic_debate_matches_full_evaluation():
    from bench.synthetic import make_debate

    d = make_debate(400, seed=7)
    rnd = random.Random(1)
    choices = dict(d.starting_choices())
    statuses = evaluate(d, choices)
    assert statuses == oracle_statuses(d, choices)
    for _ in range(60):
        g = rnd.choice(d.given_ids)
        choices[g] = rnd.choice(("accepted", "rejected", "unsure"))
        statuses = reevaluate(d, statuses, choices, g)
        assert statuses == evaluate(d, choices)
    assert statuses == oracle_statuses(d, choices)


def test_repeated_evaluation_reuses_the_compiled_index():
    d = worked_example()
    evaluate(d)
    cached = [v for k, v in d.__dict__.items() if k.startswith("_graph")]
    evaluate(d, {"q": "rejected"})
    assert cached and [v for k, v in d.__dict__.items() if k.startswith("_graph")] == cached


def test_a_critical_question_undercuts_only_its_own_argument():
    from graph.load import load_debate

    d = load_debate("tests/fixtures/valid/questions.yaml")
    start = evaluate(d)
    assert list(start)[-2:] == ["a1-q1", "apt"]  # questions after the arguments
    assert start == {
        "p": "in",
        "r": "in",
        "c": "in",
        "ans": "out",
        "a1": "in",
        "a2": "in",
        "a1-q1": "out",
        "apt": "out",
    }
    raised = evaluate(d, {"a1-q1": "accepted"})
    assert (raised["a1-q1"], raised["a1"], raised["a2"], raised["c"]) == ("in", "out", "in", "in")
    both = evaluate(d, {"a1-q1": "accepted", "r": "rejected"})
    assert (both["a1"], both["a2"], both["c"]) == ("out", "out", "out")
    opened = evaluate(d, {"apt": "unsure", "r": "rejected"})
    assert (opened["apt"], opened["a1"], opened["c"]) == ("undecided", "undecided", "undecided")
    # The text's answer, accepted, defeats the raised question: the argument stands.
    answered = evaluate(d, {"apt": "accepted", "ans": "accepted"})
    assert (answered["ans"], answered["apt"], answered["a1"]) == ("in", "out", "in")
    assert evaluate(d, {"apt": "accepted"})["a1"] == "out"
    for choices in (
        {},
        {"a1-q1": "accepted"},
        {"apt": "unsure", "r": "rejected"},
        {"apt": "accepted", "ans": "accepted"},
    ):
        assert evaluate(d, choices) == oracle_statuses(d, choices)
