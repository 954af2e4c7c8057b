"""graph.wording: what the page says, from the engine's results."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.evaluate import evaluate
from graph.explain import critical_givens, explain, format_explanation
from graph.load import load_debate
from graph.wording import (
    choice_sections,
    conclusions_html,
    describe_change,
    find_givens,
    full_explanation,
    given_help,
    matching_scenario,
    status_phrase,
    text_view_rows,
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
