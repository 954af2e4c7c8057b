"""graph.wording: what the page says, from the engine's results."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings

from graph.evaluate import evaluate
from graph.explain import critical_givens
from graph.load import load_debate
from graph.wording import (
    choice_sections,
    conclusions_html,
    describe_change,
    find_givens,
    full_explanation,
    given_help,
    matching_scenario,
    question_state,
    status_phrase,
)
from tests.strategies import debate_and_choices

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
        "Last choice: “R is like P” → Reject. No conclusion changed."
    )
    both = dict(after_choices, p="rejected")
    assert describe_change(tiny, start, before, both, evaluate(tiny, both)) == (
        "Last choice: “P holds” → Reject and “R is like P” → Reject. "
        "Changed: “C follows” ✓ Holds → ✗ Does not hold; “D follows” ✓ Holds → ✗ Does not hold."
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


def test_full_explanation_says_what_would_change_a_conclusion(tiny):
    start = tiny.starting_choices()
    labels = evaluate(tiny, start)
    assert full_explanation(tiny, start, "d", labels) == (
        "✓ Holds: “D follows”\n"
        "It follows from “C follows”.\n"
        "- “C follows” holds: it follows from “R is like P”.\n"
        "  - You accept “R is like P”.\n"
        "  - You reject the challenge “X objects” against this argument.\n"
        "  - You do not raise the critical question “Is R really like P?” against this argument.\n"
        "\n"
        "It rests on what you accept:\n"
        "- “R is like P”\n"
        "\n"
        "What would change this:\n"
        "No single change of yours would make it no longer hold.\n"
        "Rejecting any one of the things it rests on would not change it: it would still hold another way."
    )

    choices = dict(start, r="rejected")
    labels = evaluate(tiny, choices)
    assert critical_givens(tiny, choices, "d", labels) == ("p", "q")
    assert full_explanation(tiny, choices, "d", labels).endswith(
        "What would change this:\n"
        "After any one of these changes alone, it would no longer hold:\n"
        "- rejecting “P holds”\n"
        "- rejecting “Q holds”"
    )

    choices = dict(start, p="rejected", r="rejected")
    labels = evaluate(tiny, choices)
    assert labels["d"] == "out"
    assert full_explanation(tiny, choices, "d", labels) == (
        "✗ Does not hold: “D follows”\n"
        "Its only argument fails: it needs “C follows”, which does not hold.\n"
        "- “C follows” does not hold: none of the 2 arguments for it holds:\n"
        "  - The argument from “P holds” and “Q holds” fails:\n"
        "    - You reject “P holds”.\n"
        "  - The argument from “R is like P” fails:\n"
        "    - You reject “R is like P”.\n"
        "\n"
        "What would change this:\n"
        "After any one of these changes alone, it would hold:\n"
        "- accepting “P holds”\n"
        "- accepting “R is like P”"
    )
    # A given: its own choice is what would change it.
    assert full_explanation(tiny, choices, "p", labels) == (
        "✗ Does not hold: “P holds”\nYou reject it.\n\nWhat would change this:\n"
        "After any one of these changes alone, it would hold:\n- accepting it"
    )


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
        "about": "About the argument from “P” to “C”",  # grouped under the argument it questions
    }
    assert (apt["help_title"], apt["help"]) == ("Note", "Ask what differs.")
    assert "options" not in layout["sections"][1]["givens"][0]  # a statement uses the shared options
    start = d.starting_choices()
    raised = dict(start, apt="accepted", r="rejected")
    note = describe_change(d, start, evaluate(d, start), raised, evaluate(d, raised))
    assert (
        note
        == "Last choice: “R is like P” → Reject and “Is the analogy apt?” → Raised. Changed: “C” ✓ Holds → ✗ Does not hold."
    )
    assert find_givens(d, "analogy apt", 5) == ["apt"]
    text = full_explanation(d, dict(start, r="rejected"), "c", evaluate(d, dict(start, r="rejected")))
    assert "- None of the 2 critical questions against this argument is raised." in text  # questions, counted
    assert text.endswith(  # a question not raised is raised, not accepted
        "- rejecting “P”\n- raising the critical question “Is P enough?”\n- raising the critical question “Is the analogy apt?”"
    )


# --------------------------------------------------------- the reader's words ---
# What the page shows a reader never names a node by id, never uses the
# engine's words, and shows every text and quote whole (docs/wording.md).
ESSAY = load_debate(Path(__file__).parent.parent / "content" / "open-source-ai-safety.yaml")

#: The engine's words a reader must not read (besides the statuses "in" and
#: "out" used as words, see ENGINE_PATTERNS): "undecided" is allowed only in
#: the page's status name "? Undecided" (graph.status.status_phrase), which is
#: taken out before the check; "objection" is "challenge" for a reader.
ENGINE_WORDS = frozenset(
    {
        "defeated", "defeats", "defeat", "carried", "carries", "carry", "clear", "label", "labels",
        "given", "givens", "undecided", "objection", "objections", "attacker", "attackers",
        "attacked", "unsupported", "premise-fails", "premises-hold", "blocked", "cycle", "cycles",
        "critical givens", "id", "ids", "node", "nodes",
    }
)  # fmt: skip
#: "in" and "out" are ordinary English ("in the essay", "in a circle"); as the
#: engine's statuses they follow a verb or stand before a colon or arrow.
ENGINE_PATTERNS = (
    re.compile(r"\b(?:is|are|be|been|stays?|keeps?(?: it)?|now|was|were|becomes?|goes)\s+(?:in|out)\b", re.I),
    re.compile(r"\b(?:in|out)\s*(?:[:;)→]|$)", re.I | re.M),
    re.compile(r"(?:→|\()\s*(?:in|out)\b", re.I),
)


def debate_texts(debate) -> list[str]:
    """Every text of the debate a page may show whole, longest first."""
    texts = {debate.title}
    for s in debate.statements:
        texts |= {s.text, s.quote or "", s.note or ""}
    for q in debate.questions:
        texts |= {q.text, q.note or ""}
    for a in debate.attacks:
        texts.add(a.note or "")
    for sc in debate.scenarios:
        texts |= {sc.title, sc.description or ""}
    return sorted((t for t in texts if t), key=len, reverse=True)


def debate_ids(debate) -> set[str]:
    ids = set(debate.statement_by_id) | set(debate.argument_by_id) | set(debate.question_by_id)
    return ids | set(debate.scenario_by_id)


def assert_plain(debate, shown: str, where: str = "") -> None:
    """``shown`` quotes only whole texts of ``debate``, and once those (and the
    status names) are taken out, what is left (the page's own words) holds no
    id of the debate and none of the engine's words."""
    texts = debate_texts(debate)
    whole = set(texts)
    for span in re.findall(r"“(.*?)”", shown, flags=re.S):
        assert span in whole, f"{where}: quoted text is not a whole text of the debate: {span!r}"
    left = re.sub(r"“.*?”", "§", shown, flags=re.S)
    for t in texts:  # texts shown without quotes: a tooltip's text line, its note, a question after "Ask:"
        if len(t) >= 4:
            left = left.replace(t, "§")
    left = "\n".join("§" if line in whole else line for line in left.split("\n"))
    for status in ("in", "out", "undecided"):
        left = left.replace(status_phrase(status), "§")
    assert "…" not in left, f"{where}: something is cut: {shown!r}"
    words = set(re.findall(r"[a-z0-9][a-z0-9-]*", left.casefold()))
    assert not words & debate_ids(debate), f"{where}: ids {words & debate_ids(debate)} in {shown!r}"
    found = {w for w in ENGINE_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", left, re.I)}
    assert not found, f"{where}: engine words {found} in {shown!r}"
    for pattern in ENGINE_PATTERNS:
        assert not pattern.search(left), f"{where}: status as a word ({pattern.pattern}) in {shown!r}"


def essay_choice_sets() -> list[tuple[str, dict[str, str]]]:
    """The start, every scenario of the file, all accepted / rejected /
    unsure, and a few seeded random sets."""
    import random

    from graph.choices import choices_from_scenario

    d = ESSAY
    sets = [("start", d.starting_choices())]
    sets += [(f"scenario {sc.id}", choices_from_scenario(d, sc.id)) for sc in d.scenarios]
    sets += [(f"all {c}", {g: c for g in d.given_ids}) for c in ("accepted", "rejected", "unsure")]
    rnd = random.Random(14)
    for i in range(4):
        sets.append((f"random {i}", {g: rnd.choice(["accepted", "rejected", "unsure"]) for g in d.given_ids}))
    return sets


def shown_texts(debate, choices, reference=None, scenario=None):
    """(where, text) for everything the page words for ``choices``: every
    node's one-line reason, full explanation and tooltip, every given's
    note by its control, and the change notes from ``reference`` to here
    (as a choice, as the scenario, as a reset back)."""
    from graph.explain import explain_many
    from graph.wording import choice_status_note, node_tip, reason_line

    full = {**debate.starting_choices(), **choices}
    statuses = evaluate(debate, full)
    explained = explain_many(debate, full, None, statuses)
    for node, e in explained.items():
        if node in debate.question_by_id:
            continue  # a question has no node of its own: its argument's tooltip and the panel word it
        reason = reason_line(debate, e)
        yield f"reason {node}", reason
        yield f"explanation {node}", full_explanation(debate, full, node, statuses)
        choice = full.get(node) if node in debate.statement_by_id and debate.statement_by_id[node].is_given else None
        asked = None
        if node in debate.argument_by_id:
            asked = {q.id: full[q.id] for q in debate.argument_by_id[node].questions}
        yield f"tip {node}", node_tip(debate, node, statuses[node], choice, reason, asked)
    for g in debate.given_ids:
        note = choice_status_note(debate, g, full[g], statuses)
        if note is not None:
            yield f"note {g}", note
    if reference is not None:
        before = evaluate(debate, reference)
        for kwargs in ({}, {"scenario": scenario} if scenario else {"reset": True}):
            note = describe_change(debate, reference, before, full, statuses, **kwargs)
            if note is not None:
                yield f"change {kwargs}", note
        back = describe_change(debate, full, statuses, reference, before, reset=True)
        yield "reset", back


def test_every_essay_id_has_a_hyphen_so_no_word_of_ours_can_be_one():
    # The id check above looks for ids as whole words in the page's own
    # words; an id that is an ordinary word ("thesis") could clash with
    # them.  The essay has none, so the check is exact there; the fixtures
    # below with one-letter ids show it also runs where ids are short.
    assert all("-" in i for i in debate_ids(ESSAY))


@pytest.mark.parametrize("name, choices", essay_choice_sets(), ids=[n for n, _ in essay_choice_sets()])
def test_the_essay_reads_in_plain_words_under_every_choice_set(name, choices):
    scenario = name.removeprefix("scenario ") if name.startswith("scenario ") else None
    seen = 0
    for where, shown in shown_texts(ESSAY, choices, ESSAY.starting_choices(), scenario):
        assert_plain(ESSAY, shown, f"{name}, {where}")
        seen += 1
    # every statement and argument: a reason, an explanation and a tooltip each
    assert seen >= 3 * (len(ESSAY.statements) + len(ESSAY.arguments))


@settings(max_examples=80, deadline=None)
@given(debate_and_choices())
def test_random_debates_read_in_plain_words(dc):
    d, choices = dc
    for where, shown in shown_texts(d, choices, d.starting_choices()):
        assert_plain(d, shown, where)


def test_small_fixtures_with_one_letter_ids_read_in_plain_words(tiny):
    for d in (tiny, load_debate(FIXTURES / "valid" / "questions.yaml")):
        for choice in ("accepted", "rejected", "unsure"):
            for where, shown in shown_texts(d, {g: choice for g in d.given_ids}, d.starting_choices()):
                assert_plain(d, shown, where)


def test_the_misuse_challenge_says_why_it_does_not_hold_though_the_reader_accepts_it():
    from graph.explain import explain
    from graph.wording import choice_status_note, node_tip, reason_line

    d, start = ESSAY, ESSAY.starting_choices()
    statuses = evaluate(d, start)
    misuse, answer = d.statement_by_id["limiting-access-curbs-misuse"], d.statement_by_id["restriction-fails"]
    assert (start[misuse.id], statuses[misuse.id]) == ("accepted", "out")
    note = choice_status_note(d, misuse.id, "accepted", statuses)
    assert note == f"You accept this, but it is countered by “{answer.text}”, which holds, so this does not hold."
    reason = reason_line(d, explain(d, start, misuse.id, statuses))
    assert reason == f"You accept it, but it is countered by “{answer.text}”, which holds."
    assert node_tip(d, misuse.id, "out", "accepted", reason).split("\n") == [
        "Challenge — ✗ Does not hold (you accept it)",
        misuse.text,
        f"Quote: “{misuse.quote}”",
        f"Note: {misuse.note}",
        f"Why: {reason}",
    ]
    # Agreeing choices get no note: accepted and holds, rejected, unsure and not settled.
    for g in d.given_ids:
        if g != misuse.id:
            assert choice_status_note(d, g, start[g], statuses) is None, g
    unsure = dict(start, **{"llama-release": "unsure"})
    assert choice_status_note(d, "llama-release", "unsure", evaluate(d, unsure)) is None
    with pytest.raises(KeyError):
        choice_status_note(d, "open-source-critical", "accepted", statuses)  # a conclusion is not a given


def test_choice_status_notes_for_questions_unsure_givens_and_open_challenges():
    from graph.wording import choice_status_note

    d = load_debate(FIXTURES / "valid" / "questions.yaml")
    choices = dict(d.starting_choices(), ans="accepted", apt="accepted")
    statuses = evaluate(d, choices)
    assert statuses["apt"] == "out"
    assert choice_status_note(d, "apt", "accepted", statuses) == (
        "You raise this question, but it is answered by the challenge “The text answers the question”, "
        "which holds, so this does not hold."
    )
    assert choice_status_note(d, "apt", "unsure", evaluate(d, dict(choices, apt="unsure"))) == (
        "You leave this question open, and it is answered by the challenge “The text answers the question”, "
        "which holds, so this does not hold."
    )
    from tests.builders import build_debate

    cyc = build_debate(
        [("p", "premise"), ("x", "objection", True), ("y", "objection", True)], [], [("x", "y"), ("y", "x"), ("x", "p")]
    )
    statuses = evaluate(cyc, {})
    assert statuses["p"] == "undecided"
    assert choice_status_note(cyc, "p", "accepted", statuses) == (
        "You accept this, but the challenge “X”, against it, is not settled, so neither is this."
    )


def test_tooltips_name_no_id_and_show_whole_texts(tiny):
    from graph.wording import node_tip

    tip = node_tip(tiny, "a2", "out", None, "Why not.", {"a2-q1": "accepted"})
    assert tip.split("\n") == [
        "Argument — ✗ Does not hold",
        "From: “R is like P”",
        "To: “C follows”",
        "Ask: Is R really like P? (raised)",
        "Why: Why not.",
    ]
    assert node_tip(tiny, "a1", "in", None, None).split("\n")[1] == "From: “P holds” and “Q holds” (together)"
    assert node_tip(tiny, "d", "in", None, None).startswith("Thesis — ✓ Holds\nD follows")
    x = node_tip(tiny, "x", "out", "rejected", None)
    assert (
        x
        == "Challenge — ✗ Does not hold (you reject it)\nX objects\nNot in the essay: a challenge the map's editors added."
    )
    q = load_debate(FIXTURES / "valid" / "questions.yaml")
    assert "Ask: Is the analogy apt? (not raised; answered by the challenge “The text answers the question”)" in (
        node_tip(q, "a1", "in", None, None)
    )
    long_quote = ESSAY.statement_by_id["linux-heartbleed"]
    assert f"Quote: “{long_quote.quote}”" in node_tip(ESSAY, long_quote.id, "in", "accepted", None)


def test_node_titles_name_arguments_by_what_they_go_from_and_to(tiny):
    from graph.wording import node_title

    assert node_title(tiny, "c") == "C follows"
    assert node_title(tiny, "a1") == "The argument from “P holds” and “Q holds” to “C follows”"
    assert node_title(tiny, "a2-q1") == "Is R really like P?"
    with pytest.raises(KeyError):
        node_title(tiny, "nowhere")


def test_change_notes_are_short_and_name_the_scenario_or_the_reset():
    from graph.choices import choices_from_scenario

    d, start = ESSAY, ESSAY.starting_choices()
    before = evaluate(d, start)
    granted = choices_from_scenario(d, "grant-every-challenge")
    after = evaluate(d, granted)
    flipped = [c for c in d.conclusion_ids if before[c] != after[c]]
    assert len(flipped) == 9
    note = describe_change(d, start, before, granted, after, scenario="grant-every-challenge")
    texts = [d.statement_by_id[c].text for c in flipped]
    assert note == (
        "Scenario “Grant every challenge”. Changed: "
        + "; ".join(f"“{t}” ✓ Holds → ✗ Does not hold" for t in texts[:3])
        + "; and 6 more."
    )
    # Without the scenario's name: at most three of the seven choices, then how many more.
    plain = describe_change(d, start, before, granted, after)
    assert plain.startswith(
        "Last choice: “Heartbleed was a flaw in OpenSSL, not Linux, and went unnoticed for about two years” → Accept, "
    )
    assert plain.split(". Changed: ")[0].endswith("→ Accept and 4 more")
    back = describe_change(d, granted, after, start, before, reset=True)
    assert back.startswith("Back to the essay as written. Changed: ") and back.endswith("; and 6 more.")
    assert describe_change(d, start, before, start, before, reset=True) == (
        "Back to the essay as written. No conclusion changed."
    )
    assert describe_change(d, start, before, start, before, scenario="as-written") == (
        "Scenario “The essay as written”. No conclusion changed."
    )
    with pytest.raises(KeyError):
        describe_change(d, start, before, start, before, scenario="nowhere")


def test_the_thesis_rests_on_what_its_explanation_names_without_contradiction():
    # Issue 14: "accepting only these givens keeps it in: llama-release" next to
    # leaks-expose-closed-flaws as critical read as a contradiction.  Now what it
    # rests on includes the statement that answers the challenge, and every
    # statement whose rejection alone would undo it is among them.
    d, start = ESSAY, ESSAY.starting_choices()
    text = full_explanation(d, start, d.thesis, evaluate(d, start))
    rests = text.split("It rests on what you accept:\n")[1].split("\n\n")[0].split("\n")
    leaks = d.statement_by_id["leaks-expose-closed-flaws"].text
    assert f"- “{leaks}”" in rests
    assert f"- rejecting “{leaks}”" in text
    assert f"- accepting the challenge “{d.statement_by_id['safeguards-removable'].text}”" in text
    assert "rejecting every other" not in text and "Accepting only" not in text
    assert text.endswith(
        "Rejecting only one of the other things it rests on would not change it: it would still hold another way."
    )


def test_a_questions_state_in_running_text():
    assert [question_state(c) for c in ("rejected", "unsure", "accepted")] == ["not raised", "open", "raised"]
    assert question_state(None) == "not raised"  # a question not chosen is at its start
