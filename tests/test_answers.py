"""graph/answers.py: the page's worded answers to what it would take, what
holds whatever the reader decides, and where two views part."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from graph.answers import (
    OVERTURN_SHOWN,
    assess_robustness,
    compare,
    count_words,
    name_change,
    name_changes,
    overturn,
)
from graph.choices import Choices, choices_from_scenario
from graph.evaluate import evaluate
from graph.load import load_debate
from tests.builders import FIXTURES, build_debate

ESSAY = Path(__file__).resolve().parent.parent / "content" / "open-source-ai-safety.yaml"


@pytest.fixture(scope="module")
def essay():
    return load_debate(ESSAY)


def _ids_in(debate, text: str) -> set[str]:
    ids = [s.id for s in debate.statements] + [a.id for a in debate.arguments] + [q.id for q in debate.questions]
    # An id that is also words of the debate's own texts ("gain-of-function") does not count.
    own = " ".join(s.text for s in debate.statements)
    pattern = r"(?<![\w-]){}(?![\w-])"
    return {
        i
        for i in ids
        if "-" in i
        and re.search(pattern.format(re.escape(i)), text)
        and not re.search(pattern.format(re.escape(i)), own)
    }


def _brute_minimum(debate, choices: Choices, node: str) -> int | None:
    """The fewest changes that give ``node`` another holds/does-not-hold answer, by trying every set."""
    holds = evaluate(debate, choices)[node] == "in"
    givens = list(debate.given_ids)
    for size in range(1, len(givens) + 1):
        for combo in itertools.combinations(givens, size):
            options = [[c for c in ("accepted", "unsure", "rejected") if c != choices[g]] for g in combo]
            for picked in itertools.product(*options):
                after = choices
                for g, c in zip(combo, picked, strict=True):
                    after = after.with_choice(g, c)
                if (evaluate(debate, after)[node] == "in") != holds:
                    return size
        if size >= 3:  # the essay's answers are small; a larger one is asserted through graph.reason's tests
            return None
    return None


def test_overturn_of_the_essay_thesis_is_exact_and_applying_a_set_flips_it(essay):
    start = Choices.start(essay)
    answer = overturn(essay, start, essay.thesis)
    assert answer.holds and answer.size == _brute_minimum(essay, start, essay.thesis)
    assert 1 <= len(answer.sets) <= OVERTURN_SHOWN and len(answer.helps) == len(answer.sets)
    for changes in answer.sets:
        assert len(changes) == answer.size
        after = start
        for gid, choice in changes:
            after = after.with_choice(gid, choice)
        assert evaluate(essay, after)[essay.thesis] != "in"
    assert answer.sentence.startswith("To overturn this you would have to ")
    assert not _ids_in(essay, answer.sentence + " ".join(answer.helps))


def test_overturn_when_nothing_can_change_it():
    d = build_debate([("c", "conclusion")], [], thesis="c")
    answer = overturn(d, Choices.start(d), "c")
    assert answer.size is None and answer.sets == ()
    assert answer.sentence == "Nothing you can change makes it hold."


def test_names_of_changes_use_the_texts_and_the_question_words():
    d = load_debate(FIXTURES / "reason" / "undecided-yet-holds.yaml")
    gid = d.given_ids[0]
    text = d.given_text(gid)
    assert name_change(d, gid, "rejected") == f"reject “{text}”"
    assert name_change(d, gid, "unsure") == f"doubt “{text}”"
    assert name_changes(d, [(gid, "accepted")]) == f"accept “{text}”"
    assert name_changes(d, []) == "nothing"
    assert count_words(1, "change") == "one change" and count_words(12, "change") == "12 changes"


def test_robustness_of_the_undecided_yet_robust_fixture():
    d = load_debate(FIXTURES / "reason" / "undecided-yet-holds.yaml")
    choices = choices_from_scenario(d, "unsure-of-p")
    assert evaluate(d, choices)["c"] == "undecided"
    report = assess_robustness(d, choices)
    assert report.unsure == 1
    assert report.badges["c"] == ("holds", "holds whatever you decide about the one point you are unsure of")


def test_robustness_with_nothing_unsure_computes_nothing(essay):
    report = assess_robustness(essay, Choices.start(essay))
    assert (report.unsure, dict(report.statuses), dict(report.badges), report.thesis) == (0, {}, {}, "")


def test_a_conclusion_that_depends_names_what_it_depends_on(essay):
    start = Choices.start(essay)
    # The givens whose doubt alone leaves the thesis open, from the engine.
    opening = [g for g in essay.given_ids if evaluate(essay, start.with_choice(g, "unsure"))[essay.thesis] != "in"]
    assert opening
    report = assess_robustness(essay, start.with_choice(opening[0], "unsure"))
    kind, text = report.badges[essay.thesis]
    assert kind == "depends" and essay.given_text(opening[0]) in text
    assert report.thesis == f"The thesis {text}."


def test_compare_names_each_differing_choice_and_traces_each_conclusion(essay):
    start = Choices.start(essay)
    for sc in essay.scenarios:
        other = choices_from_scenario(essay, sc.id)
        answer = compare(essay, start, other, "them")
        differing = [g for g in essay.given_ids if start[g] != other[g]]
        flipped = [c for c in essay.conclusion_ids if evaluate(essay, start)[c] != evaluate(essay, other)[c]]
        assert len(answer.choices) == len(differing)
        for gid, line in zip(differing, answer.choices, strict=True):
            assert f"“{essay.given_text(gid)}”" in line and line.startswith("You ")
        assert len(answer.conclusions) == min(len(flipped), 12) + (len(flipped) > 12)
        assert set(differing) | set(flipped) <= set(answer.marked)
        assert not _ids_in(essay, " ".join((answer.summary, *answer.choices, *answer.conclusions)))
        if not differing:
            assert answer.summary == "Your choices and those of them are the same."


def test_hostile_texts_come_back_as_plain_text():
    d = build_debate(
        [("p", "premise", {"text": "<script>x</script> https://evil.example"}), ("c", "conclusion")],
        [("a", "c", ["p"])],
        thesis="c",
    )
    answer = overturn(d, Choices.start(d), "c")
    assert "<script>x</script> https://evil.example" in answer.sentence  # data, escaped where it is shown
