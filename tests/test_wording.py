"""graph.wording: what the page says, from the engine's results."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.evaluate import evaluate
from graph.explain import critical_givens, explain, format_explanation
from graph.load import load_debate
from graph.reason import depends_on, robust
from graph.wording import (
    choice_sections,
    conclusions_html,
    count_words,
    describe_change,
    find_givens,
    full_explanation,
    given_help,
    matching_scenario,
    name_change,
    name_changes,
    overturn_sentence,
    robust_phrase,
    status_phrase,
    text_view_rows,
    thesis_robust_sentence,
)

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = load_debate(FIXTURES / "app" / "hostile.yaml")


def test_status_phrase_never_relies_on_colour():
    assert status_phrase("in") == "✓ Holds"
    assert status_phrase("out") == "✗ Does not hold"
    assert status_phrase("undecided") == "? Undecided"


def test_matching_scenario_finds_the_scenario_and_nothing_else(tiny):
    start = tiny.starting_choices()
    assert matching_scenario(tiny, start) is None
    doubt = dict(start, q="unsure", r="rejected")
    assert matching_scenario(tiny, doubt) == "doubt-q"
    assert matching_scenario(tiny, dict(doubt, p="rejected")) is None


def test_describe_change_names_the_givens_and_the_flipped_conclusions(tiny):
    start = tiny.starting_choices()
    before = evaluate(tiny, start)
    assert describe_change(tiny, start, before, start, before) is None
    after_choices = dict(start, r="rejected")
    after = evaluate(tiny, after_choices)
    assert describe_change(tiny, start, before, after_choices, after) == (
        "Last choice (R is like P → Reject) changed no conclusion."
    )
    both = dict(after_choices, p="rejected")
    assert describe_change(tiny, start, before, both, evaluate(tiny, both)) == (
        "Last choice (P holds → Reject, R is like P → Reject) changed: "
        "C follows: Holds → Does not hold; D follows: Holds → Does not hold."
    )


def test_conclusions_html_lists_every_conclusion_once_with_its_label(tiny):
    choices = dict(tiny.starting_choices(), q="unsure", r="rejected")
    labels = evaluate(tiny, choices)
    markup = conclusions_html(tiny, labels, {"c": "why c", "d": "why d"})
    items = re.findall(
        r'<li data-conclusion="(\w+)" data-status="(\w+)".*?<strong class="status">(.*?)</strong>', markup
    )
    assert [(cid, status) for cid, status, _ in items] == [(c, labels[c]) for c in tiny.conclusion_ids]
    assert all(word == status_phrase(status) for _, status, word in items)
    assert "<em>(the thesis)</em> — D follows" in markup
    assert markup.count('class="reason"') == 2


def test_conclusions_html_escapes_every_text():
    labels = evaluate(HOSTILE, HOSTILE.starting_choices())
    reasons = {c: "<img src=x onerror=alert(1)>" for c in HOSTILE.conclusion_ids}
    markup = conclusions_html(HOSTILE, labels, reasons)
    tags = set(re.findall(r"<([a-zA-Z]+)", markup))
    assert tags <= {"ul", "li", "strong", "em", "br", "span"}, tags
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup


def test_full_explanation_adds_the_critical_givens_of_a_conclusion(tiny):
    start = tiny.starting_choices()
    labels = evaluate(tiny, start)
    text = full_explanation(tiny, start, "d", labels)
    assert text.startswith(format_explanation(explain(tiny, start, "d", labels)))
    assert text.endswith("No single given is critical: rejecting any one alone leaves it standing.")

    choices = dict(start, r="rejected")
    labels = evaluate(tiny, choices)
    assert critical_givens(tiny, choices, "d", labels) == ("p", "q")
    assert full_explanation(tiny, choices, "d", labels).endswith(
        "Critical givens — reject any one of these and it falls: P holds (p); Q holds (q)."
    )

    choices = dict(start, p="rejected", r="rejected")
    labels = evaluate(tiny, choices)
    assert labels["d"] == "out"
    assert full_explanation(tiny, choices, "d", labels).endswith(
        "Accept any one of these and it holds: P holds (p); R is like P (r)."
    )
    # A given is not a conclusion: no critical givens are added.
    assert full_explanation(tiny, choices, "p", labels) == format_explanation(explain(tiny, choices, "p", labels))


def test_given_help_is_the_quote_or_what_an_editorial_challenge_is(tiny):
    assert given_help(tiny.statement_by_id["x"]) == ("Note", "An editorial challenge: it is not in the essay.")
    assert given_help(tiny.statement_by_id["p"]) == ("Quote", "“P is true”")


def test_choice_sections_carry_plain_texts_in_the_order_given(tiny):
    layout = choice_sections(tiny, [("First", ["q", "p"]), ("Then", ["x"])], "and more")
    assert layout["options"] == [["accepted", "Accept"], ["unsure", "Unsure"], ["rejected", "Reject"]]
    assert layout["more"] == "and more"
    assert [(s["title"], [g["id"] for g in s["givens"]]) for s in layout["sections"]] == [
        ("First", ["q", "p"]),
        ("Then", ["x"]),
    ]
    x = layout["sections"][1]["givens"][0]
    assert x["editorial"] is True and x["text"] == "X objects"
    assert x["start"] == tiny.starting_choices()["x"]
    # Texts stay as written (the panel sets them as text): no escaping, no loss.
    hostile = [s.id for s in HOSTILE.statements if s.is_given]
    texts = {g["id"]: g["text"] for g in choice_sections(HOSTILE, [("All", hostile)])["sections"][0]["givens"]}
    assert texts == {g: HOSTILE.statement_by_id[g].text for g in hostile}
    with pytest.raises(KeyError):
        choice_sections(tiny, [("Bad", ["c"])])


def test_text_view_rows_have_one_row_per_statement_with_links(tiny):
    choices = dict(tiny.starting_choices(), r="rejected")
    labels = evaluate(tiny, choices)
    rows = text_view_rows(tiny, labels, choices)
    assert [r["id"] for r in rows] == [s.id for s in tiny.statements]
    by_id = {r["id"]: r for r in rows}
    assert by_id["p"]["supports"] == "c"
    assert by_id["c"]["supports"] == "d"
    assert by_id["c"]["attacked by"] == "x (against a2)"
    assert by_id["x"]["attacked by"] == "y"
    assert by_id["x"]["kind"] == "objection (not in the essay)"
    assert by_id["r"]["your choice"] == "you reject it"
    assert by_id["d"]["your choice"] == ""
    assert by_id["r"]["status"] == "✗ Does not hold"
    assert by_id["p"]["#"] == 1


def test_find_givens_matches_every_word_in_id_or_text(tiny):
    assert find_givens(tiny, "", 10) == []
    assert find_givens(tiny, "holds", 10) == ["p", "q"]
    assert find_givens(tiny, "HOLDS q", 10) == ["q"]
    assert find_givens(tiny, "holds", 1) == ["p"]
    assert find_givens(tiny, "x", 10) == ["x", "y"]  # id x; "Y answers X"
    assert find_givens(tiny, "follows", 10) == []  # conclusions are not givens


def test_scenario_list_keeps_file_order_and_plain_texts(tiny):
    from graph.wording import scenario_list

    assert scenario_list(tiny) == [
        {"id": sc.id, "title": sc.title, "description": sc.description or ""} for sc in tiny.scenarios
    ]
    assert [sc["title"] for sc in scenario_list(HOSTILE)] == [sc.title for sc in HOSTILE.scenarios]


def test_critical_questions_are_worded_as_questions():
    d = load_debate(FIXTURES / "valid" / "questions.yaml")
    layout = choice_sections(d, [("Critical questions", ["a1-q1", "apt"]), ("Premises", ["p"])])
    q1, apt = layout["sections"][0]["givens"]
    assert q1 == {
        "id": "a1-q1",
        "text": "Is P enough?",
        "editorial": False,
        "start": "rejected",
        "options": [["rejected", "Not raised"], ["unsure", "Open"], ["accepted", "Raised"]],
    }
    assert (apt["help_title"], apt["help"]) == ("Note", "Ask what differs.")
    assert "options" not in layout["sections"][1]["givens"][0]  # a statement uses the shared options
    start = d.starting_choices()
    raised = dict(start, apt="accepted", r="rejected")
    note = describe_change(d, start, evaluate(d, start), raised, evaluate(d, raised))
    assert note == "Last choice (R is like P → Reject, Is the analogy apt? → Raised) changed: C: Holds → Does not hold."
    assert find_givens(d, "analogy apt", 5) == ["apt"]
    text = full_explanation(d, dict(start, r="rejected"), "c", evaluate(d, dict(start, r="rejected")))
    assert 'attacked by apt "Is the analogy apt?" is out: not raised' in text  # a question, by its text
    assert text.endswith("reject any one of these and it falls: P (p).")  # never a question: not raised already


def test_a_change_is_named_by_the_givens_text_and_a_question_as_a_question(tiny):
    assert name_change(tiny, "p", "rejected") == "reject “P holds”"
    assert name_change(tiny, "p", "accepted") == "accept “P holds”"
    assert name_change(tiny, "a2-q1", "accepted") == "raise the question “Is R really like P?”"
    assert name_change(tiny, "a2-q1", "rejected") == "leave aside the question “Is R really like P?”"
    assert name_changes(tiny, [("p", "rejected"), ("r", "rejected")]) == "reject “P holds” and reject “R is like P”"
    assert count_words(1, "change") == "one change"
    assert count_words(2, "change") == "two changes"
    assert count_words(12, "change") == "12 changes"


def test_the_overturn_sentence_names_sets_by_text_and_says_how_many_more(tiny):
    sets = [[("p", "rejected")], [("q", "rejected"), ("r", "accepted")]]
    held = overturn_sentence(tiny, True, 2, sets, 4)
    assert held == (
        "To overturn this you would have to reject “P holds”, or reject “Q holds” and accept “R is like P”"
        ", and 4 more ways (two changes)."
    )
    assert overturn_sentence(tiny, False, 1, sets[:1], 0).startswith("To make it hold you would have to reject")
    assert overturn_sentence(tiny, True, 1, sets[:1], 1, more_than=True).endswith(
        ", and over 1 more ways (one change)."
    )
    assert overturn_sentence(tiny, True, None, [], 0) == "Nothing you can change makes it fall."
    assert overturn_sentence(tiny, False, None, [], 0) == "Nothing you can change makes it hold."
    for text in (held, overturn_sentence(tiny, False, 1, sets, 0)):
        # tiny's ids are lower case, its texts' words capitalised: no word of the sentence is an id
        assert not set(tiny.given_ids) & set(re.findall(r"[\w-]+", text))


def test_robust_phrases_name_the_givens_by_text_three_at_most(tiny):
    assert robust_phrase(tiny, "holds", (), 2) == "holds whatever you decide about the 2 givens you are unsure of"
    assert robust_phrase(tiny, "falls", (), 1) == "falls whatever you decide about the given you are unsure of"
    assert robust_phrase(tiny, "depends", ("p", "q"), 2) == "depends on: P holds; Q holds"
    four = robust_phrase(tiny, "depends", ("p", "q", "r", "a2-q1"), 4)
    assert four == "depends on: P holds; Q holds; R is like P and 1 more"
    assert thesis_robust_sentence(tiny, "holds", (), 2).startswith("Robust: the thesis holds whatever")
    assert thesis_robust_sentence(tiny, "depends", ("p",), 1) == "The thesis depends on: P holds."


def test_conclusions_carry_a_robust_badge_only_when_something_is_unsure(tiny):
    labels = evaluate(tiny, tiny.starting_choices())
    assert 'class="robust"' not in conclusions_html(tiny, labels, {})
    choices = dict(tiny.starting_choices(), p="unsure", q="unsure", r="rejected")
    labels = evaluate(tiny, choices)
    sure = robust(tiny, choices)
    depends = {c: depends_on(tiny, choices, c) for c in tiny.conclusion_ids if sure[c] == "depends"}
    markup = conclusions_html(tiny, labels, {}, sure, depends, 2)
    badges = dict(re.findall(r'<li data-conclusion="(\w+)".*?<span class="robust" data-robust="(\w+)"', markup))
    assert badges == {c: sure[c] for c in tiny.conclusion_ids}
    assert depends  # the test needs a conclusion that depends
    for ids in depends.values():
        assert robust_phrase(tiny, "depends", ids, 2) in markup
        assert all(g not in re.sub(r"<[^>]*>", "", markup).split() for g in ids)
    assert conclusions_html(tiny, labels, {}, sure, depends, 0) == conclusions_html(tiny, labels, {})


def test_a_robust_badge_escapes_the_givens_text():
    choices = {g: "unsure" for g in HOSTILE.given_ids}
    labels = evaluate(HOSTILE, choices)
    sure = robust(HOSTILE, choices)
    depends = {c: depends_on(HOSTILE, choices, c) for c in HOSTILE.conclusion_ids if sure[c] == "depends"}
    markup = conclusions_html(HOSTILE, labels, {}, sure, depends, len(choices))
    assert 'class="robust"' in markup
    assert "<script" not in markup.lower()
