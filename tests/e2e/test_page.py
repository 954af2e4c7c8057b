"""The explorer page in a real browser (issue 5): drawing, choosing in the
sidebar and on the map, keeping the view, and sharing links.

Runs against ``streamlit run app.py`` with the real ``content/``.  Every
expected label comes from the engine (graph.evaluate) for the debate the page
names in its address, never from a hard-coded list.
"""

from __future__ import annotations

import json
import re

import pytest

from graph.status import NOT_RAISED_BORDER, PALETTE
from tests.e2e.explorer import (
    CYCLE,
    Explorer,
    load_shown_debate,
    parse_query,
    query_of_choices,
)

pytestmark = pytest.mark.e2e

# In vis-network's own header comment: marks its code wherever it is sent.
VIS_NETWORK_MARK = b"https://visjs.github.io/vis-network/"


def _evaluate(debate, choices):
    from graph.evaluate import evaluate

    return evaluate(debate, choices)


def _conclusions(debate, labels):
    return {cid: labels[cid] for cid in debate.conclusion_ids}


def _map_givens(debate):
    """The given statements of the map (its critical questions, also givens, have tests of their own)."""
    return [s.id for s in debate.statements if s.is_given]


def _most_telling_given(debate, exclude=()):
    """The accepted given whose rejection flips the most conclusions (file order
    breaks ties; the first accepted given when no rejection flips any)."""
    gid, _, flips = _most_telling_change(debate, exclude, choices=("rejected",), only_accepted=True)
    if gid is None:
        start = debate.starting_choices()
        gid = next((g for g in _map_givens(debate) if start[g] == "accepted" and g not in exclude), None)
    return gid, flips


def _most_telling_change(debate, exclude=(), choices=("rejected", "unsure", "accepted"), only_accepted=False):
    """(given, new choice, flipped conclusions) for the single change that flips the most."""
    start = debate.starting_choices()
    before = _conclusions(debate, _evaluate(debate, start))
    best = (None, None, set())
    for gid in _map_givens(debate):
        if gid in exclude or (only_accepted and start[gid] != "accepted"):
            continue
        for choice in choices:
            if choice == start[gid]:
                continue
            after = _conclusions(debate, _evaluate(debate, {**start, gid: choice}))
            flips = {cid for cid in before if before[cid] != after[cid]}
            if len(flips) > len(best[2]):
                best = (gid, choice, flips)
    return best


def test_page_loads_and_the_map_draws(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    expected_ids = {s.id for s in debate.statements} | {a.id for a in debate.arguments} | set(debate.question_by_id)

    dataset_ids = set(explorer.map_eval("() => nodes.getIds()"))
    made_ids = set(explorer.map_eval("() => Object.keys(network.body.nodes)"))
    assert dataset_ids == expected_ids
    # Every node is made at load; the first view draws some, the rest are one click away.
    assert made_ids == expected_ids
    explorer.show_whole_map()
    drawn_ids = set(explorer.map_eval("() => network.body.nodeIndices"))
    positioned = explorer.map_eval("() => Object.keys(network.getPositions())")
    assert drawn_ids == expected_ids
    assert len(positioned) == len(expected_ids)

    ink = explorer.canvas_ink()
    # One node alone is hundreds of pixels; a blank canvas has none.
    assert ink["ink"] > 2000, ink

    # The first view is the file's starting view, with the engine's labels.
    start = debate.starting_choices()
    labels = _evaluate(debate, start)
    states = explorer.node_states()
    assert {i: s["status"] for i, s in states.items()} == {i: labels[i] for i in expected_ids}
    assert {g: states[g]["choice"] for g in _map_givens(debate)} == {g: start[g] for g in _map_givens(debate)}
    assert explorer.sidebar_choices(list(debate.given_ids)) == start
    assert explorer.conclusion_labels(list(debate.conclusion_ids)) == _conclusions(debate, labels)
    assert query_of_choices(start, start) == {k: explorer.query()[k] for k in ("on", "off", "unsure")}

    explorer.assert_clean()
    assert explorer.log.blocked == []


def test_a_sidebar_choice_restyles_the_node_flips_exactly_the_predicted_conclusions_and_sets_the_url(
    explorer: Explorer,
) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    start = debate.starting_choices()
    given, choice, predicted_flips = _most_telling_change(debate)
    assert given is not None and predicted_flips, "the debate has no given whose change flips a conclusion"

    before_nodes = explorer.node_states()
    before_conclusions = explorer.conclusion_labels(list(debate.conclusion_ids))
    frames_before = len(explorer.received)

    explorer.choose_in_sidebar(given, choice)

    choices = {**start, given: choice}
    labels = _evaluate(debate, choices)
    after_nodes = explorer.node_states()
    after_conclusions = explorer.conclusion_labels(list(debate.conclusion_ids))

    # The given's node changed state and looks different.
    assert after_nodes[given]["choice"] == choice
    assert after_nodes[given]["status"] == labels[given]
    assert after_nodes[given]["style"] != before_nodes[given]["style"]
    # Every node agrees with the engine; nodes whose label did not change kept their style.
    for node_id, state in after_nodes.items():
        assert state["status"] == labels[node_id], node_id
        # ... and is drawn in its status's colour (vis applied the node's group; a
        # critical question not raised is grey).
        quiet = (state["kind"], labels[node_id]) == ("question", "out")
        border = NOT_RAISED_BORDER if quiet else PALETTE[labels[node_id]]["border"]
        assert json.loads(state["style"])["border"] == border, node_id
        if before_nodes[node_id]["status"] == state["status"] and node_id != given:
            assert state["style"] == before_nodes[node_id]["style"], node_id
    # Exactly the conclusions the engine predicts flipped.
    flipped = {c for c in after_conclusions if after_conclusions[c] != before_conclusions[c]}
    assert flipped == predicted_flips
    assert after_conclusions == _conclusions(debate, labels)
    # The address bar carries the change, and only it.
    want = query_of_choices(start, choices)
    explorer.wait_for_query(lambda q: {k: q[k] for k in want} == want)
    assert given in want["on"] | want["off"] | want["unsure"]
    # The map's code came once, with the page; the choice sent only the changes.
    assert any(VIS_NETWORK_MARK in f for f in explorer.received[:frames_before])
    assert not any(VIS_NETWORK_MARK in f for f in explorer.received[frames_before:])


def test_clicking_a_given_node_cycles_it_and_the_sidebar_and_url_follow(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    start = debate.starting_choices()
    given, _ = _most_telling_given(debate)
    assert given is not None

    choices = dict(start)
    for _ in range(3):  # accepted -> unsure -> rejected -> accepted
        expected = CYCLE[choices[given]]
        before = explorer.update_count()
        explorer.click_node(given)
        explorer.wait_for_node_choice(given, expected)
        explorer.wait_for_update_after(before)
        explorer.wait_idle()
        choices[given] = expected

        assert explorer.sidebar_choice(given) == expected
        want = query_of_choices(start, choices)
        query = explorer.wait_for_query(lambda q: {k: q[k] for k in want} == want)
        assert query["debate"]
        labels = _evaluate(debate, choices)
        assert explorer.conclusion_labels(list(debate.conclusion_ids)) == _conclusions(debate, labels)
        assert explorer.node_states([given])[given]["status"] == labels[given]
    assert choices[given] == start[given]


def test_zoom_pan_and_selection_survive_a_choice(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    given, _ = _most_telling_given(debate)
    keep_selected = debate.conclusion_ids[0]

    # Zoom in on a node away from the centre, select a node, and mark the
    # frame's window so that a reload of the frame would show.
    explorer.map_eval(
        """([target, sel]) => {
             const p = network.getPositions([target])[target];
             network.moveTo({position: {x: p.x + 37, y: p.y - 21}, scale: 1.9, animation: false});
             network.selectNodes([sel]);
             window.e2eMarker = 'still here';
           }""",
        [given, keep_selected],
    )
    # Wheel-zoom too, like a reader would (the view must survive either way).
    x, y = explorer.node_point_in_page(given)
    explorer.page.mouse.move(x, y)
    explorer.page.mouse.wheel(0, -240)
    explorer.page.wait_for_timeout(300)
    view_before = explorer.view()
    assert view_before["scale"] > 1.5

    explorer.choose_in_sidebar(given, "rejected")

    view_after = explorer.view()
    for key in ("scale", "x", "y"):
        assert view_after[key] == pytest.approx(view_before[key], rel=1e-9, abs=1e-6), (key, view_before, view_after)
    assert explorer.map_eval("() => window.e2eMarker") == "still here", "the map frame was reloaded"
    assert explorer.map_eval("() => network.getSelectedNodes()") == [keep_selected]


def test_a_copied_link_opens_the_same_view_in_a_fresh_browser(explorer: Explorer, new_context) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    start = debate.starting_choices()

    first, _ = _most_telling_given(debate)
    rest = [g for g in debate.given_ids if g != first]
    doubted = next(g for g in rest if start[g] == "accepted")
    accepted_objection = next((g for g in rest if start[g] == "rejected"), None)
    plan = [(first, "rejected"), (doubted, "unsure")]
    if accepted_objection is not None:
        plan.append((accepted_objection, "accepted"))
    else:
        plan.append((next(g for g in rest if g != doubted), "rejected"))

    choices = dict(start)
    for gid, choice in plan:
        explorer.choose_in_sidebar(gid, choice)
        choices[gid] = choice
    want = query_of_choices(start, choices)
    explorer.wait_for_query(lambda q: {k: q[k] for k in want} == want)

    link = explorer.copy_link()
    assert link == explorer.share_link()
    assert link.startswith(explorer.server.url), link
    shared = parse_query(link)
    assert {k: shared[k] for k in want} == want
    assert shared["debate"] == explorer.query()["debate"]

    labels = _evaluate(debate, choices)
    original = {
        "sidebar": explorer.sidebar_choices(list(debate.given_ids)),
        "nodes": {i: (s["status"], s["choice"]) for i, s in explorer.node_states().items()},
        "conclusions": explorer.conclusion_labels(list(debate.conclusion_ids)),
    }
    assert original["sidebar"] == choices
    assert original["conclusions"] == _conclusions(debate, labels)

    context, log = new_context()
    fresh = Explorer(context.new_page(), explorer.server, log)
    fresh.goto_url(link)
    reopened = {
        "sidebar": fresh.sidebar_choices(list(debate.given_ids)),
        "nodes": {i: (s["status"], s["choice"]) for i, s in fresh.node_states().items()},
        "conclusions": fresh.conclusion_labels(list(debate.conclusion_ids)),
    }
    assert reopened == original
    assert {k: fresh.query()[k] for k in want} == want
    fresh.assert_clean()


def test_the_choices_work_from_the_keyboard_and_mark_what_changed(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    start = debate.starting_choices()
    gid = next(g for g in debate.given_ids if start[g] == "accepted")
    accept = explorer.control(gid).locator("input[type=radio][value=accepted]")
    # Native radio groups: the legend names the group, each option is labelled.
    assert (
        explorer.control(gid).locator("legend").inner_text().strip().startswith(debate.statement_by_id[gid].text[:20])
    )
    assert "changed" not in (explorer.control(gid).get_attribute("class") or "")
    accept.focus()
    before = explorer.update_count()
    explorer.page.keyboard.press("ArrowRight")  # accepted -> unsure, as in any radio group
    explorer.wait_for_node_choice(gid, "unsure")
    explorer.wait_for_update_after(before)
    explorer.wait_idle()
    assert explorer.sidebar_choice(gid) == "unsure"
    assert explorer.query()["unsure"] == {gid}
    assert "changed" in (explorer.control(gid).get_attribute("class") or "")
    labels = _evaluate(debate, {**start, gid: "unsure"})
    assert explorer.conclusion_labels(list(debate.conclusion_ids)) == _conclusions(debate, labels)
    # The essay marks every quoted statement with its new status.
    essay = explorer.essay_statuses()
    assert essay and essay == {sid: labels[sid] for sid in essay}
    # Reset, from the keyboard too, returns to the start.
    explorer.page.locator(".st-key-choice-panel button.reset").focus()
    before = explorer.update_count()
    explorer.page.keyboard.press("Enter")
    explorer.wait_for_node_choice(gid, "accepted")
    explorer.wait_for_update_after(before)
    explorer.wait_idle()
    assert explorer.sidebar_choices(list(debate.given_ids)) == start
    explorer.wait_for_query(lambda q: not q["off"] and not q["on"] and not q["unsure"])
    explorer.assert_clean()


def test_raising_a_critical_question_in_the_sidebar_undercuts_its_argument(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    if not debate.questions:
        pytest.skip("the debate shown has no critical questions")
    start = debate.starting_choices()
    question = debate.questions[0]
    group = explorer.control(question.id)
    assert group.locator("legend").inner_text().strip() == question.text
    assert [t.strip() for t in group.locator("label").all_inner_texts()] == ["Not raised", "Open", "Raised"]
    assert explorer.sidebar_choice(question.id) == "rejected"

    before = explorer.update_count()
    group.locator("label").filter(has_text=re.compile(r"^\s*Raised\s*$")).click()  # not "Not raised"
    explorer.wait_for_update_after(before)
    explorer.wait_idle()
    labels = _evaluate(debate, {**start, question.id: "accepted"})
    assert labels[question.argument] == "out"
    states = explorer.node_states()
    assert states[question.id]["kind"] == "question" and states[question.id]["choice"] == "accepted"
    assert {i: s["status"] for i, s in states.items()} == {i: labels[i] for i in states}
    explorer.wait_for_query(lambda q: question.id in q["on"])
    assert explorer.conclusion_labels(list(debate.conclusion_ids)) == _conclusions(debate, labels)
