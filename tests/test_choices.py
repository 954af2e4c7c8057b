"""graph/choices.py: resolving the reader's choices."""

from __future__ import annotations

import copy
import pickle
import time
from pathlib import Path

import pytest
from hypothesis import given, settings

from graph.choices import (
    MAX_IDS,
    ChoiceError,
    Choices,
    choices_from_scenario,
    classify_ids,
    diff_from_start,
    quote_ids,
    resolve_choices,
    shorten_id,
    split_ids,
)
from graph.load import load_debate
from tests.builders import build_debate, load_worked_example
from tests.strategies import debate_and_choices

VALID = Path(__file__).parent / "fixtures" / "valid"


def test_no_changes_is_the_start(worked):
    assert resolve_choices(worked) == worked.starting_choices()
    assert resolve_choices(worked) is not resolve_choices(worked)


def test_lists_set_choices(worked):
    got = resolve_choices(worked, on=["x"], off=("q", "q"), unsure=iter(["r"]))
    assert got == {"p": "accepted", "q": "rejected", "r": "unsure", "x": "accepted", "y": "accepted"}


@pytest.mark.parametrize(
    "kw, message",
    [
        ({"on": ["zz"]}, "unknown id 'zz'"),
        ({"on": ["zz", "yy"], "off": ["zz"]}, "unknown ids 'zz', 'yy'"),
        ({"off": ["c"]}, "'c' is a conclusion (a conclusion follows from its arguments and cannot be set)"),
        ({"off": ["c", "d"]}, "'c', 'd' are conclusions (a conclusion follows from its arguments and cannot be set)"),
        ({"unsure": ["a1"]}, "'a1' is an argument (only givens can be set)"),
        ({"on": ["p"], "off": ["p"]}, "'p' is named in both --on and --off"),
        ({"on": ["p"], "off": ["p"], "unsure": ["p"]}, "'p' is named in --on, --off and --unsure"),
        ({"on": ["zz", "p"], "unsure": ["p"]}, "unknown id 'zz'; 'p' is named in both --on and --unsure"),
    ],
)
def test_bad_requests_raise_choice_error(worked, kw, message):
    with pytest.raises(ChoiceError) as info:
        resolve_choices(worked, **kw)
    assert str(info.value) == message
    assert isinstance(info.value, ValueError)


def test_scenarios():
    d = load_debate(VALID / "full.yaml")
    assert choices_from_scenario(d, "main") == {
        "p1": "rejected",
        "p2": "rejected",
        "e1": "unsure",
        "obj": "accepted",
        "obj-2": "accepted",
        "arg-1-q1": "rejected",
        "arg-1-q2": "rejected",  # its critical questions: not raised
    }
    assert choices_from_scenario(d, "empty") == d.starting_choices()
    with pytest.raises(KeyError):
        choices_from_scenario(d, "nope")


def test_diff_from_start(worked):
    assert diff_from_start(worked, worked.starting_choices()) == ((), (), ())
    assert diff_from_start(worked, {}) == ((), (), ())
    c = resolve_choices(worked, on=["x"], off=["r", "p"], unsure=["y"])
    assert diff_from_start(worked, c) == (("x",), ("p", "r"), ("y",))  # file order
    # accepting an already accepted given is no difference; non-givens are ignored
    assert diff_from_start(worked, {"p": "accepted", "c": "rejected", "zz": "unsure"}) == ((), (), ())


@settings(max_examples=80, deadline=None)
@given(debate_and_choices())
def test_diff_then_resolve_round_trips(dc):
    d, partial = dc
    full = {**d.starting_choices(), **partial}
    on, off, unsure = diff_from_start(d, full)
    assert resolve_choices(d, on=on, off=off, unsure=unsure) == full
    start = d.starting_choices()
    assert all(start[i] != "accepted" for i in on) and all(start[i] != "rejected" for i in off)
    assert not unsure or all(start[i] != "unsure" for i in unsure)
    assert len(set(on) | set(off) | set(unsure)) == len(on) + len(off) + len(unsure)


# --- Choices: one immutable, hashable value ------------------------------------------


def test_start_is_the_files_choices_in_given_order(worked):
    c = Choices.start(worked)
    assert c == worked.starting_choices() and worked.starting_choices() == c
    assert list(c) == list(worked.given_ids) and len(c) == len(worked.given_ids)
    assert c["x"] == "rejected" and "x" in c and "c" not in c
    assert isinstance(c, Choices) and isinstance(resolve_choices(worked), Choices)


def test_of_fills_missing_givens_and_keeps_given_order(worked):
    c = Choices.of(worked, {"y": "unsure", "p": "rejected"})
    assert c == {**worked.starting_choices(), "y": "unsure", "p": "rejected"}
    assert list(c) == list(worked.given_ids)  # not the mapping's order
    assert Choices.of(worked, c) is c  # already checked for this debate
    assert Choices.of(worked, {}) == Choices.start(worked)


@pytest.mark.parametrize(
    "mapping, message",
    [
        ({"zz": "accepted"}, "unknown id 'zz'"),
        (
            {"c": "accepted", "a1": "rejected"},
            "'c' is a conclusion (a conclusion follows from its arguments and cannot be set); "
            "'a1' is an argument (only givens can be set)",
        ),
        ({"p": "maybe"}, "'p' = 'maybe' is not a choice (expected accepted, rejected or unsure)"),
        ({"p": "in", "q": None}, "'p' = 'in', 'q' = None are not choices (expected accepted, rejected or unsure)"),
        (
            {5: "accepted", "p": True},
            "unknown id 5; 'p' = True is not a choice (expected accepted, rejected or unsure)",
        ),
        ({"x\x1b[2J" + "y" * 100: "accepted"}, "unknown id 'x?[2J" + "y" * 34 + "…'"),
    ],
)
def test_of_names_every_problem(worked, mapping, message):
    with pytest.raises(ChoiceError) as info:
        Choices.of(worked, mapping)
    assert str(info.value) == message


def test_of_names_at_most_eight_of_each(worked):
    with pytest.raises(ChoiceError) as info:
        Choices.of(worked, {f"z{i}": "accepted" for i in range(20)})
    assert str(info.value) == "unknown ids 'z0', 'z1', 'z2', 'z3', 'z4', 'z5', 'z6', 'z7' and 12 more"


def test_with_choice_is_a_new_value(worked):
    start = Choices.start(worked)
    c = start.with_choice("q", "unsure")
    assert c == {**worked.starting_choices(), "q": "unsure"} and start == worked.starting_choices()
    assert start.with_choice("p", "accepted") is start  # nothing changes
    assert list(c) == list(worked.given_ids)
    for gid, choice, message in (
        ("c", "accepted", "'c' is not a given (only givens can be set)"),
        ("zz", "accepted", "'zz' is not a given (only givens can be set)"),
        ("p", "yes", "'yes' is not a choice (expected accepted, rejected or unsure)"),
    ):
        with pytest.raises(ChoiceError) as info:
            start.with_choice(gid, choice)
        assert str(info.value) == message


def test_key_is_canonical_and_round_trips(worked):
    c = Choices.of(worked, {"y": "unsure", "p": "rejected"})
    assert c.key == "p=rejected,q=accepted,r=accepted,x=rejected,y=unsure"
    assert c.key is c.key  # cached
    assert Choices.from_key(worked, c.key) == c
    assert Choices.from_key(worked, "") == Choices.start(worked)  # missing givens take the start
    assert Choices.from_key(worked, "q=unsure") == {**worked.starting_choices(), "q": "unsure"}


@pytest.mark.parametrize(
    "key, message",
    [
        ("p=accepted,q", "malformed choices key: 'q' has no '='"),
        ("p=accepted,p=rejected", "malformed choices key: an id is given twice"),
        ("p=in", "'p' = 'in' is not a choice (expected accepted, rejected or unsure)"),
        ("c=accepted", "'c' is a conclusion (a conclusion follows from its arguments and cannot be set)"),
    ],
)
def test_from_key_checks(worked, key, message):
    with pytest.raises(ChoiceError) as info:
        Choices.from_key(worked, key)
    assert str(info.value) == message


def test_hash_and_equality_are_by_content(worked):
    a = Choices.of(worked, {"p": "rejected", "y": "unsure"})
    b = Choices.start(worked).with_choice("y", "unsure").with_choice("p", "rejected")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert {a: 1}[b] == 1
    assert a != Choices.start(worked) and a != "p=rejected" and a != list(a)
    assert a == dict(a) and dict(a) == a and a != {**a, "p": "accepted"}


def test_changed_lists_differing_givens_in_file_order(worked):
    start = Choices.start(worked)
    c = start.with_choice("y", "unsure").with_choice("p", "rejected")
    assert c.changed(start) == ("p", "y") and start.changed(c) == ("p", "y")
    assert c.changed(c) == ()
    assert start.changed({"p": "accepted"}) == ("q", "r", "x", "y")  # missing counts as different


def test_choices_is_immutable(worked):
    c = Choices.start(worked)
    with pytest.raises(TypeError):
        c["p"] = "rejected"  # type: ignore[index]
    with pytest.raises(AttributeError):
        c._data = {}  # type: ignore[misc]
    with pytest.raises(AttributeError):
        c.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        Choices()
    assert copy.copy(c) is c and copy.deepcopy(c) is c
    back = pickle.loads(pickle.dumps(c.with_choice("q", "unsure")))
    assert back == c.with_choice("q", "unsure") and isinstance(back, Choices)
    assert repr(Choices.of(worked, {})).startswith("Choices({'p': 'accepted'")


def test_diff_from_start_takes_choices(worked):
    c = Choices.of(worked, {"x": "accepted", "r": "rejected", "p": "rejected", "y": "unsure"})
    assert diff_from_start(worked, c) == (("x",), ("p", "r"), ("y",))
    assert resolve_choices(worked, *diff_from_start(worked, c)) == c


@settings(max_examples=80, deadline=None)
@given(debate_and_choices())
def test_key_round_trips_and_matches_equality(dc):
    d, partial = dc
    c = Choices.of(d, partial)
    assert c == {**d.starting_choices(), **partial}
    assert Choices.from_key(d, c.key) == c and Choices.from_key(d, c.key).key == c.key
    start = Choices.start(d)
    assert (c == start) == (c.key == start.key) == (c.changed(start) == ())


# --- reading ids: bounded and linear --------------------------------------------------


def test_split_ids_splits_strips_and_dedupes():
    got = split_ids({"on": ["p, q,,p", " "], "off": ["q"]})
    assert got.lists == {"on": ("p", "q"), "off": ("q",)} and (got.cut, got.ignored) == (None, 0)
    assert got.cut_note() == ""


def test_split_ids_ignores_ids_past_the_limit_over_all_lists():
    got = split_ids({"on": ["a,b", "c"], "off": ["d,e"], "unsure": ["f"]}, limit=4)
    assert got.lists == {"on": ("a", "b", "c"), "off": ("d",), "unsure": ()}
    assert (got.cut, got.ignored) == ("off", 2)
    assert split_ids({"on": ["a,a,a,b"]}, limit=3).lists == {"on": ("a",)}  # counted as written
    big = split_ids({"on": [",".join(f"z{i}" for i in range(100_000))]})
    assert len(big.lists["on"]) == MAX_IDS == 10_000 and big.ignored == 90_000
    assert big.cut_note() == "only the first 10,000 ids are read; ignored 90,000 more"


def test_classify_ids(worked):
    kinds = classify_ids(worked, ["p", "c", "a1", "zz", "p", "y", 3, "d"])
    assert kinds == (("p", "y"), ("c", "d"), ("a1",), ("zz", 3))
    assert kinds.givens == ("p", "y") and kinds.unknown == ("zz", 3)


def test_quote_ids_and_shorten_id():
    assert quote_ids(["a", "b"]) == "'a', 'b'" and quote_ids(["a"], quote='"') == '"a"'
    assert quote_ids([str(i) for i in range(1_010)]).endswith("'7' and 1,002 more")
    assert shorten_id("a\x1b[31m\nb") == "a?[31m?b"
    assert shorten_id("x" * 100) == "x" * 39 + "…" and len(shorten_id("x" * 40)) == 40


def test_resolve_choices_is_linear_and_names_few_ids(worked):
    unknown = [f"z{i}" for i in range(100_000)]
    both = list(worked.given_ids) * 2
    t0 = time.perf_counter()
    with pytest.raises(ChoiceError) as info:
        resolve_choices(worked, on=unknown + both, off=unknown)
    assert time.perf_counter() - t0 < 2  # was quadratic: 100,000 ids did not finish in 60 s
    assert str(info.value) == "unknown ids 'z0', 'z1', 'z2', 'z3', 'z4', 'z5', 'z6', 'z7' and 99,992 more"
    clashes = [f"g{i}" for i in range(12)]
    many = build_debate([(g, "premise", {"text": g, "line": 1}) for g in clashes], path="m", title="m")
    with pytest.raises(ChoiceError) as info:
        resolve_choices(many, on=clashes, off=clashes)
    assert str(info.value) == "; ".join(
        [f"'g{i}' is named in both --on and --off" for i in range(8)]
        + ["and 4 more ids are named in more than one list"]
    )


def test_a_value_knows_the_debate_it_was_checked_for():
    from graph.evaluate import evaluate

    one, other = load_worked_example(), load_worked_example()
    made = Choices.start(one).with_choice("q", "rejected")
    assert made.made_for(one) and not made.made_for(other)
    assert evaluate(other, made) == evaluate(one, made)  # checked again for another debate, same answer
