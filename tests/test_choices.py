"""graph/choices.py: resolving the reader's choices."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from graph.choices import ChoiceError, choices_from_scenario, diff_from_start, resolve_choices
from graph.load import load_debate
from strategies import debate_and_choices

VALID = Path(__file__).parent / "fixtures" / "valid"


@pytest.fixture(scope="module")
def worked():
    return load_debate(VALID / "worked-example.yaml")


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
        "p1": "rejected", "p2": "rejected", "e1": "unsure", "obj": "accepted", "obj-2": "accepted",
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
