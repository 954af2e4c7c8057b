"""The page remembers and answers (issues 14 and 15, in a real browser):
Back, Forward and Undo move through the reader's earlier choices; "What
would it take" names the smallest changes and applies one; "What holds
whatever I decide" badges the conclusions; "Compare with" lists where two
views part.

Every expected status comes from the engine (graph.evaluate, graph.reason)
for the essay the page shows, never from a hard-coded list.
"""

from __future__ import annotations

import json

import pytest

from graph.answers import assess_robustness, compare, overturn
from graph.choices import Choices, choices_from_scenario
from graph.evaluate import evaluate
from tests.e2e.explorer import Explorer, load_shown_debate, query_of_choices

pytestmark = pytest.mark.e2e

ASK = ".st-key-ask"


def _statuses(explorer: Explorer, debate) -> dict[str, str]:
    return explorer.conclusion_labels(list(debate.conclusion_ids))


def _choices_of(debate, steps) -> list[Choices]:
    out = [Choices.start(debate)]
    for gid, choice in steps:
        out.append(out[-1].with_choice(gid, choice))
    return out


def _three_steps(debate):
    """Three changes, each flipping at least one conclusion when possible."""
    givens = [s.id for s in debate.statements if s.is_given][:3]
    start = debate.starting_choices()
    return [(g, "rejected" if start[g] == "accepted" else "accepted") for g in givens]


def _expect(explorer: Explorer, debate, choices: Choices) -> None:
    """Wait until the page shows ``choices`` (its address is written last in a run), then check it."""
    want = query_of_choices(debate.starting_choices(), dict(choices))
    explorer.wait_for_query(lambda q: all(q[k] == want[k] for k in want))
    # After Back the address changes at once; the page follows when its run ends.
    checked = [g for g, _ in _three_steps(debate)]
    for _ in range(200):
        if explorer.sidebar_choices(checked) == {g: choices[g] for g in checked}:
            break
        explorer.page.wait_for_timeout(50)
    expected = evaluate(debate, choices)
    explorer.page.wait_for_function(
        """(want) => Object.entries(want).every(([id, s]) => {
             const li = document.querySelector(`.st-key-conclusions li[data-conclusion="${id}"]`);
             return li && li.dataset.status === s; })""",
        arg={c: expected[c] for c in debate.conclusion_ids},
    )
    explorer.wait_idle()
    shown = explorer.sidebar_choices([g for g, _ in _three_steps(debate)])
    assert shown == {g: choices[g] for g in shown}
    assert _statuses(explorer, debate) == {c: expected[c] for c in debate.conclusion_ids}


def test_back_and_forward_walk_through_the_earlier_choices(explorer: Explorer):
    explorer.open()
    debate = load_shown_debate(explorer)
    steps = _three_steps(debate)
    for gid, choice in steps:
        explorer.choose_in_sidebar(gid, choice)
    states = _choices_of(debate, steps)
    _expect(explorer, debate, states[3])
    for back in (2, 1, 0):
        explorer.page.go_back()
        _expect(explorer, debate, states[back])
    explorer.page.go_forward()
    _expect(explorer, debate, states[1])
    explorer.page.go_forward()
    _expect(explorer, debate, states[2])


def test_undo_takes_back_the_last_choice_and_is_off_with_nothing_to_undo(explorer: Explorer):
    explorer.open()
    debate = load_shown_debate(explorer)
    undo = explorer.page.locator(".st-key-choice-panel button.undo")
    assert undo.is_disabled()
    steps = _three_steps(debate)[:2]
    for gid, choice in steps:
        explorer.choose_in_sidebar(gid, choice)
    states = _choices_of(debate, steps)
    undo.click()
    _expect(explorer, debate, states[1])
    undo.click()
    _expect(explorer, debate, states[0])
    explorer.page.wait_for_function(
        "() => document.querySelector('.st-key-choice-panel iframe, .st-key-choice-panel') !== null"
    )
    assert undo.is_disabled()


def test_what_it_would_take_names_the_smallest_sets_and_apply_flips_the_verdict(explorer: Explorer):
    explorer.open()
    debate = load_shown_debate(explorer)
    start = Choices.start(debate)
    answer = overturn(debate, start, debate.thesis)
    assert answer.size is not None and answer.sets
    box = explorer.page.locator(ASK)
    box.get_by_role("button", name="What would it take to change the verdict?").click()
    sentence = box.locator("[data-question=overturn] p.answer")
    sentence.wait_for()
    assert sentence.inner_text() == answer.sentence
    applies = box.locator("[data-question=overturn] button.apply")
    assert applies.count() == len(answer.sets)
    before = explorer.conclusion_label(debate.thesis)
    applies.first.click()
    after = start
    for gid, choice in answer.sets[0]:
        after = after.with_choice(gid, choice)
    want = evaluate(debate, after)[debate.thesis]
    assert want != before
    explorer.page.wait_for_function(
        '([id, s]) => { const li = document.querySelector(`.st-key-conclusions li[data-conclusion="${id}"]`);'
        " return li && li.dataset.status === s; }",
        arg=[debate.thesis, want],
    )
    explorer.wait_idle()
    # The answer follows the new choices (it is asked until closed).
    assert sentence.inner_text() == overturn(debate, after, debate.thesis).sentence


def test_what_holds_whatever_you_decide_badges_every_conclusion(explorer: Explorer):
    explorer.open()
    debate = load_shown_debate(explorer)
    unsure = [s.id for s in debate.statements if s.is_given][:2]
    for gid in unsure:
        explorer.choose_in_sidebar(gid, "unsure")
    choices = Choices.start(debate)
    for gid in unsure:
        choices = choices.with_choice(gid, "unsure")
    report = assess_robustness(debate, choices)
    explorer.page.locator(ASK).get_by_role(
        "button", name="What holds whatever I decide about what I am unsure of?"
    ).click()
    explorer.page.locator(".st-key-conclusions span.robust").first.wait_for()
    explorer.wait_idle()
    badges = explorer.page.locator(".st-key-conclusions li[data-conclusion]").evaluate_all(
        "items => Object.fromEntries(items.map(li => { const b = li.querySelector('span.robust');"
        " return [li.dataset.conclusion, b ? [b.dataset.robust, b.textContent] : null]; }))"
    )
    assert badges == {c: list(report.badges[c]) for c in debate.conclusion_ids}


def test_compare_with_a_scenario_lists_where_the_views_part(explorer: Explorer):
    explorer.open()
    debate = load_shown_debate(explorer)
    scenario = next(sc for sc in debate.scenarios if choices_from_scenario(debate, sc.id) != Choices.start(debate))
    explorer.page.locator(f"{ASK} select#compare-with").select_option(f"scenario:{scenario.id}")
    want = compare(
        debate, Choices.start(debate), choices_from_scenario(debate, scenario.id), f"the scenario “{scenario.title}”"
    )
    lists = explorer.page.locator(f"{ASK} ul.differs")
    lists.first.wait_for()
    explorer.wait_idle()
    assert lists.nth(0).locator("li").all_inner_texts() == list(want.choices)
    assert lists.nth(1).locator("li").all_inner_texts() == list(want.conclusions)
    # The map frames every node where the two views part.
    explorer.frame().wait_for_function(
        "(want) => JSON.stringify(window.mapMarked) === want",
        arg=json.dumps(sorted(want.marked), separators=(",", ":")),
    )
    explorer.page.locator(f"{ASK} select#compare-with").select_option("")
    explorer.frame().wait_for_function("() => Array.isArray(window.mapMarked) && window.mapMarked.length === 0")


def test_compare_with_a_pasted_link_and_a_bad_one(explorer: Explorer):
    explorer.open()
    debate = load_shown_debate(explorer)
    gid, choice = _three_steps(debate)[0]
    word = {"rejected": "off", "accepted": "on"}[choice]
    box = explorer.page.locator(ASK)
    box.locator("select#compare-with").select_option("link")
    field = box.locator("input#compare-link")
    field.fill(f"http://example.invalid/?debate={explorer.query()['debate']}&{word}={gid}")
    field.press("Enter")
    other = Choices.start(debate).with_choice(gid, choice)
    want = compare(debate, Choices.start(debate), other, "the other link")
    box.locator("p.answer").filter(has_text=want.summary).wait_for()
    field = box.locator("input#compare-link")
    field.fill("?debate=some-other-debate")
    field.press("Enter")
    box.get_by_role("alert").filter(has_text="another debate").wait_for()
    assert box.locator("a").count() == 0  # nothing pasted becomes a link


def test_the_outline_lists_every_statement_nested_by_support_and_takes_choices(explorer: Explorer):
    explorer.open()
    debate = load_shown_debate(explorer)
    page = explorer.page
    page.get_by_text("Outline of the whole argument").click()
    page.locator(".st-key-outline li[data-of]").first.wait_for()
    explorer.wait_idle()
    items = page.locator(".st-key-outline li[data-of]").evaluate_all(
        """items => items.map(li => {
             const up = li.parentElement.closest('li[data-of]');
             const words = li.querySelector(':scope > .status');
             return [li.dataset.of, up ? up.dataset.of : null, li.dataset.status, words ? words.textContent : ''];
           })"""
    )
    shown = {of for of, _, _, _ in items}
    assert {s.id for s in debate.statements} <= shown
    statuses = evaluate(debate, Choices.start(debate))
    from graph.status import STATUS_WORDS

    for of, up, status, words in items:
        if of in statuses:
            assert status == statuses[of] and STATUS_WORDS[status] in words, (of, status, words)
        # Nested as the support structure says: an argument under its conclusion,
        # a premise under an argument it feeds (or a challenge under what it attacks).
        if up is not None and of in debate.argument_by_id and up in debate.statement_by_id:
            assert debate.argument_by_id[of].conclusion == up
        if up in debate.argument_by_id and of in debate.statement_by_id:
            arg = debate.argument_by_id[up]
            assert of in arg.premises or of in debate.attackers_of.get(up, ())
    # A choice made in the outline is the reader's choice everywhere.
    gid = next(s.id for s in debate.statements if s.is_given)
    page.locator(f'.st-key-outline fieldset[data-given="{gid}"] label').filter(has_text="Reject").click()
    explorer.wait_for_node_choice(gid, "rejected")
    explorer.wait_idle()
    assert explorer.sidebar_choice(gid) == "rejected"


def test_a_passage_of_the_essay_selects_its_statement(explorer: Explorer):
    explorer.open()
    debate = load_shown_debate(explorer)
    page = explorer.page
    mark = page.locator(".st-key-essay mark.essay-q").first
    sid = mark.get_attribute("data-statement")
    mark.focus()
    page.keyboard.press("Enter")
    text = debate.statement_by_id[sid].text
    # The container is made before its text arrives: wait for the text itself.
    page.locator(".st-key-selected-explanation").filter(has_text=text).wait_for()
    explorer.wait_idle()
    assert page.locator(f'.st-key-essay mark.essay-q.selected[data-statement="{sid}"]').count() >= 1
    assert page.locator(".st-key-essay mark.essay-q.selected").evaluate_all(
        "ms => ms.every(m => m.dataset.statement === arguments[0])".replace("arguments[0]", repr(sid))
    )


def test_on_a_phone_the_sidebar_closes_after_a_choice_and_the_verdict_shows(new_context, app_server):
    context, log = new_context()
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    explorer = Explorer(page, app_server, log)
    explorer.open()
    debate = load_shown_debate(explorer)
    collapsed = "() => document.querySelector('section[data-testid=stSidebar]').dataset.collapsed"
    if page.evaluate(collapsed) == "true":
        page.locator('[data-testid="stExpandSidebarButton"]').click()
    page.wait_for_function(f"() => ({collapsed})() === 'false'")
    gid = next(s.id for s in debate.statements if s.is_given)
    explorer.choose_in_sidebar(gid, "rejected")
    page.wait_for_function(f"() => ({collapsed})() === 'true'")
    verdict = page.locator(".st-key-verdict")
    verdict.scroll_into_view_if_needed()
    box = verdict.bounding_box()
    assert box is not None and box["width"] <= 390 and box["height"] > 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
