"""graph/explain.py: explanations that are true, sufficient givens that suffice,
critical givens that really are critical."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from graph.evaluate import evaluate
from graph.explain import (
    REASONS,
    Explanation,
    critical_givens,
    explain,
    format_explanation,
    summarize_explanation,
)
from tests.builders import build_debate, worked_example
from tests.strategies import debate_and_choices

STEPS = [{}, {"q": "rejected"}, {"q": "rejected", "x": "accepted"}, {"q": "rejected", "x": "accepted", "y": "rejected"}]


def only_these_accepted(debate, givens) -> dict[str, str]:
    """The test world of "suffices": the named givens accepted, every other given rejected."""
    return {g: ("accepted" if g in givens else "rejected") for g in debate.given_ids}


def walk(expl: Explanation):
    seen, todo = set(), [expl]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend(e.support)
        todo.extend(e.attackers)


def assert_true_everywhere(debate, choices, expl: Explanation) -> None:
    """Every node the tree names has the status it claims, for the reason it claims."""
    statuses = evaluate(debate, choices)
    full = {**debate.starting_choices(), **choices}
    for e in walk(expl):
        assert statuses[e.node] == e.status
        assert REASONS[e.reason] == e.status
        attackers = set(debate.attackers_of.get(e.node, ()))
        if e.node in debate.argument_by_id:  # and its critical questions, which undercut it
            attackers |= {q.id for q in debate.argument_by_id[e.node].questions}
        if e.status == "in":
            # clear: every attacker is there, and out
            assert {a.node for a in e.attackers} == attackers
            assert all(a.status == "out" for a in e.attackers)
            assert set(e.givens) <= {g for g in debate.given_ids if full[g] == "accepted"}
            if e.reason == "accepted":
                assert full[e.node] == "accepted" and not e.support
            elif e.reason == "premises-hold":
                assert {s.node for s in e.support} == set(debate.argument_by_id[e.node].premises)
                assert all(s.status == "in" for s in e.support)
            else:
                (arg,) = e.support
                assert arg.node in debate.arguments_for[e.node] and arg.status == "in"
        elif e.status == "out":
            assert set(e.givens) <= {g for g in debate.given_ids if full[g] == "rejected"}
            if e.reason == "rejected":
                assert full[e.node] == "rejected"
            elif e.reason == "defeated":
                (a,) = e.attackers
                assert a.node in attackers and a.status == "in"
            elif e.reason == "premise-fails":
                (p,) = e.support
                assert p.node in debate.argument_by_id[e.node].premises and p.status == "out"
            else:
                assert {s.node for s in e.support} == set(debate.arguments_for[e.node])
                assert all(s.status == "out" for s in e.support)


def test_worked_example_explanations_are_true_and_their_givens_suffice():
    d = worked_example()
    checked = 0
    for ch in STEPS:
        statuses = evaluate(d, ch)
        for c in d.conclusion_ids:
            expl = explain(d, ch, c, statuses)
            assert_true_everywhere(d, ch, expl)
            if statuses[c] == "in":
                assert expl.givens
                assert evaluate(d, only_these_accepted(d, expl.givens))[c] == "in"
                checked += 1
    assert checked == 6  # c and d hold in the first three steps


def test_worked_example_picks_the_smaller_set_and_names_what_breaks():
    d = worked_example()
    # Start: a2 needs only r, a1 needs p and q.
    e = explain(d, {}, "c")
    assert (e.reason, e.support[0].node, e.givens) == ("carried", "a2", ("r",))
    # Last step: d fails because c has no argument left; a2 is defeated by x.
    e = explain(d, STEPS[3], "d")
    assert (e.status, e.reason, e.givens) == ("out", "unsupported", ("q",))
    (a3,) = e.support
    assert a3.reason == "premise-fails"
    (c,) = a3.support
    assert (c.node, c.reason) == ("c", "unsupported")
    a2 = next(s for s in c.support if s.node == "a2")
    assert (a2.reason, a2.attackers[0].node) == ("defeated", "x")
    assert summarize_explanation(explain(d, STEPS[3], "a2")) == "Fails: defeated by x"
    assert summarize_explanation(explain(d, STEPS[2], "c")) == "Holds through a2: 1 accepted premise; beats x"
    assert summarize_explanation(explain(d, STEPS[3], "c")) == "Fails: every argument for it fails (rejected: q)"


def test_format_names_ids_and_texts():
    d = worked_example()
    text = format_explanation(explain(d, STEPS[2], "d"))
    assert text.splitlines()[0] == 'd "D" is in: carried by an argument that holds.'
    for piece in (
        "a3 (argument for D)",
        'c "C" is in',
        'attacked by x "X" is out: defeated',
        'attacked by y "Y" is in: accepted',
        ": r.",
    ):
        assert piece in text


def test_undecided_names_the_cycle_and_the_unsure_givens():
    d = build_debate(
        [("p", "premise"), ("x", "objection", True), ("y", "objection", True), ("u", "premise"), ("c", "conclusion")],
        [("a", "c", ["p", "u"])],
        [("x", "y"), ("y", "x"), ("x", "a")],
    )
    e = explain(d, {"u": "unsure"}, "c")
    assert e.status == "undecided" and e.reason == "open" and e.blocked_by == ("a",)
    assert e.givens == ("u",)
    assert len(e.cycles) == 1 and set(e.cycles[0]) == {"x", "y"} and e.cycles[0][0] == e.cycles[0][-1]
    line = summarize_explanation(e)
    assert line.startswith("Undecided: unsure of u; attack cycle ")
    text = format_explanation(e)
    assert "Unsure givens behind it: u." in text and "Cycle nothing breaks:" in text
    # a self-attack is a cycle of one
    d = build_debate([("s", "premise")], attacks=[("s", "s")])
    assert explain(d, {}, "s").cycles == (("s", "s"),)


def test_bad_calls_are_refused():
    d = worked_example()
    with pytest.raises(KeyError):
        explain(d, {}, "nowhere")
    with pytest.raises(ValueError, match="stale"):
        explain(d, {"q": "rejected"}, "a1", evaluate(d))
    with pytest.raises(KeyError):
        critical_givens(d, {}, "nowhere")


@settings(max_examples=150, deadline=None)
@given(debate_and_choices())
def test_random_explanations_are_true_and_sufficient(dc):
    d, ch = dc
    statuses = evaluate(d, ch)
    for node, status in statuses.items():
        expl = explain(d, ch, node, statuses)
        assert expl.status == status
        assert_true_everywhere(d, ch, expl)
        if status == "in":
            assert evaluate(d, only_these_accepted(d, expl.givens))[node] == "in"
        elif status == "undecided":
            # every undecided region rests on an unsure given or a cycle
            assert expl.givens or expl.cycles
        format_explanation(expl)
        summarize_explanation(expl)


def _brute_force_critical(d, ch, node):
    full = {**d.starting_choices(), **ch}
    was_in = evaluate(d, ch)[node] == "in"
    to = "rejected" if was_in else "accepted"
    return tuple(g for g in d.given_ids if full[g] != to and (evaluate(d, {**full, g: to})[node] == "in") != was_in)


@settings(max_examples=150, deadline=None)
@given(debate_and_choices())
def test_critical_givens_flip_alone_and_no_other_given_does(dc):
    d, ch = dc
    statuses = evaluate(d, ch)
    order = {g: i for i, g in enumerate(d.given_ids)}
    for node in list(d.conclusion_ids) + [a.id for a in d.arguments]:
        found = critical_givens(d, ch, node, statuses)
        assert found == tuple(sorted(_brute_force_critical(d, ch, node), key=order.get))
        assert critical_givens(d, ch, node) == found


def test_worked_example_critical_givens():
    d = worked_example()
    assert critical_givens(d, {}, "d") == ()  # two independent routes
    assert critical_givens(d, STEPS[1], "d") == ("r",)
    assert critical_givens(d, STEPS[2], "d") == ("r", "y")
    # d is out at the last step: accepting q, or y, brings it back
    assert critical_givens(d, STEPS[3], "d") == ("q", "y")


@settings(max_examples=60, deadline=None)
@given(debate_and_choices())
def test_explain_many_equals_one_by_one(dc):
    from graph.explain import explain_many

    d, ch = dc
    many = explain_many(d, ch)
    assert list(many) == list(evaluate(d, ch))
    for node, expl in many.items():
        assert expl == explain(d, ch, node)


def test_a_raised_question_explains_the_fall_of_its_argument():
    from graph.load import load_debate

    d = load_debate("tests/fixtures/valid/questions.yaml")
    choices = {"a1-q1": "accepted"}
    e = explain(d, choices, "a1")
    assert (e.status, e.reason) == ("out", "defeated")
    (q,) = e.attackers
    assert (q.node, q.kind, q.text, q.reason) == ("a1-q1", "question", "Is P enough?", "accepted")
    assert format_explanation(e).splitlines()[1] == '  - attacked by a1-q1 "Is P enough?" is in: raised'
    assert_true_everywhere(d, choices, e)
    assert explain(d, {}, "apt").reason == "rejected"
    assert format_explanation(explain(d, {"apt": "unsure"}, "apt")).startswith(
        'apt "Is the analogy apt?" is undecided: left open.'
    )


def _brute_force_changes(d, ch, node):
    full = {**d.starting_choices(), **ch}
    was = evaluate(d, ch)[node]
    found = []
    for g in d.given_ids:
        for to in ("accepted", "rejected"):
            if full[g] == to:
                continue
            now = evaluate(d, {**full, g: to})[node]
            if (was == "in" and now != "in") or (was == "out" and now == "in") or (was == "undecided" and now != was):
                found.append((g, to, now))
    return tuple(found)


@settings(max_examples=150, deadline=None)
@given(debate_and_choices())
def test_deciding_changes_are_every_single_change_that_decides_a_node(dc):
    from graph.explain import deciding_changes

    d, ch = dc
    statuses = evaluate(d, ch)
    for node in list(d.conclusion_ids) + [a.id for a in d.arguments] + list(d.given_ids):
        found = deciding_changes(d, ch, node, statuses)
        assert found == _brute_force_changes(d, ch, node)
        assert deciding_changes(d, ch, node) == found
        # critical_givens is its one-direction part
        one_way = "rejected" if statuses[node] == "in" else "accepted"
        assert critical_givens(d, ch, node, statuses) == tuple(
            g for g, to, now in found if to == one_way and (now == "in") != (statuses[node] == "in")
        )


@settings(max_examples=150, deadline=None)
@given(debate_and_choices())
def test_what_a_node_that_holds_rests_on_includes_every_statement_whose_rejection_undoes_it(dc):
    # The page lists the accepted givens of the tree as "what it rests on" and the
    # rejections that alone would undo it: the second must be part of the first.
    from graph.explain import deciding_changes

    d, ch = dc
    statuses = evaluate(d, ch)
    for node, status in statuses.items():
        if status != "in":
            continue
        leaves = {e.node for e in walk(explain(d, ch, node, statuses)) if e.reason == "accepted"}
        undo = {g for g, to, _ in deciding_changes(d, ch, node, statuses) if to == "rejected"}
        assert undo <= leaves


def test_deciding_changes_of_the_worked_example():
    from graph.explain import deciding_changes

    d = worked_example()
    assert deciding_changes(d, {}, "d") == ()  # two independent routes, nothing accepts against it alone
    assert deciding_changes(d, STEPS[1], "d") == (("r", "rejected", "out"),)
    with pytest.raises(KeyError):
        deciding_changes(d, {}, "nowhere")
