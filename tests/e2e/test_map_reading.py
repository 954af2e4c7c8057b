"""A map a person can read (issue 13): fitted on load however slow the
device, readable at first sight, focus on a node, the wheel scrolls the page,
and a phone layout.

Runs against ``streamlit run app.py`` with the real ``content/`` (and, for the
synthetic debates, a second server on a temp folder written with
``bench/synthetic.py``).  What the map shows is read through the hooks in
docs/page-hooks.md (``window.mapView``, ``mapFits``, ``mapFocus``, the
toolbar's buttons by their accessible names) and vis-network's own API
(``getScale``, ``getBoundingBox``, ``canvasToDOM``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.render import READABLE_PX
from tests.e2e.explorer import CYCLE, Explorer, load_shown_debate
from tests.e2e.harness import AppServer, guard_context, serving

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
THROTTLED_LOADS = 10
CPU_SLOWDOWN = 4
# A fitted view fills the frame along one side at least (the rest is margin).
FILLS = 0.8


def _evaluate(debate: Any, choices: dict[str, str]) -> dict[str, str]:
    from graph.evaluate import evaluate

    return evaluate(debate, choices)


def _neighbourhood(debate: Any, node_id: str) -> set[str]:
    """What the map's focus on ``node_id`` highlights: it, what it rests on (its
    arguments, their premises and attackers), what rests on it (the arguments it
    is a premise of and their conclusions), what attacks it and what it attacks.
    A critical question attacks its argument (and what answers it attacks the question)."""
    attacks = [(a.by, a.target) for a in debate.attacks] + [(q.id, q.argument) for q in debate.questions]
    out = {node_id}
    if node_id in debate.argument_by_id:
        arg = debate.argument_by_id[node_id]
        out |= set(arg.premises) | {arg.conclusion} | {by for by, t in attacks if t == node_id}
        return out
    for arg in debate.arguments:
        if arg.conclusion == node_id:
            out |= {arg.id, *arg.premises} | {by for by, t in attacks if t == arg.id}
        if node_id in arg.premises:
            out |= {arg.id, arg.conclusion}
    out |= {by for by, t in attacks if t == node_id} | {t for by, t in attacks if by == node_id}
    return out


def _assert_fitted(view: dict[str, Any], tolerance: float = 1.0) -> None:
    """Every node drawn lies inside the frame, and the view is not left zoomed on a corner."""
    boxes = view["boxes"]
    assert boxes, view
    outside = {
        i: b
        for i, b in boxes.items()
        if b["left"] < -tolerance
        or b["top"] < -tolerance
        or b["right"] > view["width"] + tolerance
        or b["bottom"] > view["height"] + tolerance
    }
    assert not outside, f"drawn outside the {view['width']}x{view['height']} frame at scale {view['scale']}: {outside}"
    span_w = max(b["right"] for b in boxes.values()) - min(b["left"] for b in boxes.values())
    span_h = max(b["bottom"] for b in boxes.values()) - min(b["top"] for b in boxes.values())
    filled = max(span_w / view["width"], span_h / view["height"])
    # A small first view may stop at the largest zoom instead of filling the frame.
    assert filled >= FILLS or view["scale"] >= 0.999, (filled, view["scale"])


def _assert_readable(view: dict[str, Any]) -> None:
    small = [(i, round(px, 2)) for i, px in view["labels"] if px < READABLE_PX - 1e-6]
    assert view["labels"], "no label drawn"
    assert not small, f"labels under {READABLE_PX} px on screen (scale {view['scale']:.3f}): {small}"


def _guarded_page(browser: Any, server: AppServer, **options: Any) -> tuple[Any, Explorer]:
    context = browser.new_context(**options)
    log = guard_context(context)
    return context, Explorer(context.new_page(), server, log)


def _swipe_up(cdp: Any, x: float, y: float, distance: float = 240, steps: int = 15) -> None:
    """One finger from (x, y) straight up by ``distance`` px, as touch events
    (a synthesized scroll gesture does not go through the page's touch handling)."""
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, steps + 1):
        point = {"x": x, "y": y - distance * step / steps}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        time.sleep(0.016)  # a finger's pace: one move per frame
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def _empty_point(explorer: Explorer) -> tuple[float, float]:
    """A point of the map in the window (page coordinates) with no node, edge or toolbar near it."""
    box = explorer.frame_box()
    window_height = explorer.page.viewport_size["height"]
    # The part of the frame inside the window, in the frame's own pixels.
    low, high = max(60.0, -box["y"] + 10), min(box["height"] - 20, window_height - box["y"] - 10)
    point = explorer.map_eval(
        """([low, high]) => {
          const r = network.body.container.getBoundingClientRect();
          const free = (x, y) => network.getNodeAt({x, y}) === undefined && network.getEdgeAt({x, y}) === undefined;
          for (let y = high; y > low; y -= 17) {
            for (let x = 20; x < r.width - 20; x += 23) {
              if ([[0, 0], [-12, 0], [12, 0], [0, -12], [0, 12]].every(([dx, dy]) => free(x + dx, y + dy))) {
                return {x: r.left + x, y: r.top + y};
              }
            }
          }
          return null;
        }""",
        [low, high],
    )
    assert point is not None, "no empty spot on the map"
    return box["x"] + point["x"], box["y"] + point["y"]


# ---- always fitted -----------------------------------------------------------
def test_ten_loads_with_the_cpu_slowed_down_are_all_fitted(browser, app_server: AppServer) -> None:
    context = browser.new_context(viewport=LAPTOP)
    log = guard_context(context)
    try:
        for load in range(THROTTLED_LOADS):
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            explorer = Explorer(page, app_server, log)
            explorer.open()
            page.wait_for_timeout(300)  # late layout changes of the page would refit by now
            view = explorer.map_view()
            assert view["fits"] >= 1, f"load {load}: never fitted"
            _assert_fitted(view)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
            page.close()
        assert not log.problems(), log.problems()
    finally:
        context.close()


def test_the_map_is_fitted_again_after_the_frame_is_resized(explorer: Explorer) -> None:
    explorer.open()
    before = explorer.map_view()
    _assert_fitted(before)
    explorer.page.set_viewport_size({"width": 1000, "height": 900})
    explorer.frame().wait_for_function("n => window.mapFits > n", arg=before["fits"])
    after = explorer.map_view()
    assert after["width"] < before["width"]
    _assert_fitted(after)
    _assert_readable(after)


def test_the_toolbar_zooms_fits_and_shows_the_whole_map_from_the_keyboard(explorer: Explorer) -> None:
    explorer.open()
    fitted = explorer.map_view()
    zoom_in = explorer.map_button("Zoom in")
    zoom_in.focus()
    explorer.page.keyboard.press("Enter")
    assert explorer.view()["scale"] == pytest.approx(fitted["scale"] * 1.25)
    explorer.page.keyboard.press("Tab")  # native buttons, in order
    explorer.page.keyboard.press("Enter")
    assert explorer.map_eval("() => document.activeElement.getAttribute('aria-label')") == "Zoom out"
    assert explorer.view()["scale"] == pytest.approx(fitted["scale"])
    explorer.page.keyboard.press("Enter")
    assert explorer.view()["scale"] == pytest.approx(fitted["scale"] / 1.25)
    explorer.page.keyboard.press("Tab")
    assert explorer.map_eval("() => document.activeElement.textContent") == "Fit"
    explorer.page.keyboard.press("Enter")
    assert explorer.view()["scale"] == pytest.approx(fitted["scale"])

    explorer.page.keyboard.press("Tab")
    explorer.page.keyboard.press("Enter")  # "Show the whole map"
    explorer.frame().wait_for_function("() => window.mapView === 'whole'")
    whole = explorer.map_view()
    assert len(whole["boxes"]) == whole["all"]
    _assert_fitted(whole)
    assert explorer.map_button("Show the first view").is_visible()
    explorer.map_button("Show the first view").click()
    explorer.frame().wait_for_function("() => window.mapView === 'first'")
    assert set(explorer.map_view()["boxes"]) == set(fitted["boxes"])


# ---- readable at first sight --------------------------------------------------
def test_the_first_view_on_a_laptop_is_readable_and_the_whole_map_one_click_away(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    view = explorer.map_view()
    assert view["mode"] == "first"
    _assert_readable(view)
    _assert_fitted(view)
    assert debate.thesis in view["boxes"]
    # "+N more" under a node opens what it counts.
    badges = explorer.map_eval("() => window.mapBadges.map(b => ({id: b.id, x: b.x, y: b.y, text: b.text}))")
    assert badges, "nothing is marked as having more to show"
    badge = min(badges, key=lambda b: b["y"])
    count = int(badge["text"].split()[0].lstrip("+"))
    point = explorer.map_eval("b => network.canvasToDOM({x: b.x, y: b.y})", badge)
    explorer.page.locator('iframe[title="Argument map"]').evaluate("el => el.scrollIntoView({block: 'center'})")
    box = explorer.frame_box()
    explorer.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    opened = explorer.shown_ids() - set(view["boxes"])
    assert len(opened) == count, (badge, opened)
    assert opened <= _neighbourhood(debate, badge["id"])
    explorer.show_whole_map()
    whole = explorer.map_view()
    assert len(whole["boxes"]) == whole["all"] == len(debate.statements) + len(debate.arguments) + len(debate.questions)
    _assert_fitted(whole)


def test_no_two_node_boxes_overlap_on_the_essay(explorer: Explorer) -> None:
    explorer.open()
    explorer.show_whole_map()
    assert explorer.overlapping_boxes() == []


# Every "against" label drawn in the next frame, as a point in canvas units,
# read from the canvas's own fillText calls (what vis really drew, and where).
_DRAWN_LABELS_JS = """
() => new Promise(done => {
  const proto = CanvasRenderingContext2D.prototype, fill = proto.fillText, drawn = [];
  proto.fillText = function (text, x, y) {
    if (text === "against") {
      const m = this.getTransform(), ratio = network.canvas.pixelRatio;
      drawn.push(network.DOMtoCanvas({x: (m.a * x + m.c * y + m.e) / ratio, y: (m.b * x + m.d * y + m.f) / ratio}));
    }
    return fill.apply(this, arguments);
  };
  network.once("afterDrawing", () => { proto.fillText = fill; done(drawn); });
  network.redraw();
})
"""


def test_every_edge_label_is_drawn_on_its_edge(explorer: Explorer) -> None:
    """vis-network 9.1.2 drew an along-the-edge label of an edge pointing exactly
    right to left at the canvas's origin; the essay's first view has one."""
    explorer.open()
    debate = load_shown_debate(explorer)
    for whole in (False, True):
        if whole:  # around a questioned argument, at a scale where vis draws edge labels
            explorer.show_whole_map()
            explorer.map_eval(
                "id => network.moveTo({position: network.getPositions([id])[id], scale: 1, animation: false})",
                debate.questions[0].argument,
            )
        middles = explorer.map_eval(
            """() => edges.get().filter(e => e.label && !network.body.nodes[e.from].options.hidden
                 && !network.body.nodes[e.to].options.hidden).map(e => {
                 const p = network.getPositions([e.from, e.to]);
                 return {x: (p[e.from].x + p[e.to].x) / 2, y: (p[e.from].y + p[e.to].y) / 2}; })"""
        )
        drawn = explorer.map_eval(_DRAWN_LABELS_JS)
        assert drawn, "no edge label was drawn"
        astray = [p for p in drawn if not any(abs(p["x"] - m["x"]) < 40 and abs(p["y"] - m["y"]) < 20 for m in middles)]
        assert not astray, f"labels drawn off their edges: {astray}"


# ---- critical questions in the map ----------------------------------------------
# What a question's node says after each click, from the start (not raised).
QUESTION_WORDS = {"accepted": "raised", "unsure": "open", "rejected": "not\u00a0raised"}


def _telling_question(debate: Any) -> Any:
    """The first question whose raising, from the start, changes a conclusion."""
    start = debate.starting_choices()
    before = _evaluate(debate, start)
    for q in debate.questions:
        after = _evaluate(debate, {**start, q.id: "accepted"})
        if any(after[c] != before[c] for c in debate.conclusion_ids):
            return q
    pytest.fail("no critical question of the essay changes a conclusion when raised")


def test_a_critical_question_is_in_the_map_by_its_argument_and_a_click_raises_it(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    question = _telling_question(debate)
    argument = debate.argument_by_id[question.argument]
    # Focusing the argument's conclusion shows the argument with its questions.
    explorer.click_node(argument.conclusion)
    explorer.wait_for_focus(argument.conclusion)
    explorer.wait_idle()
    asked = {q.id for q in argument.questions}
    assert asked <= explorer.shown_ids()
    states = explorer.node_states([question.id, argument.id])
    assert states[question.id]["kind"] == "question" and states[question.id]["choice"] == "rejected"
    edge = explorer.map_eval("id => edges.get(id)", f"attack:{question.id}:{argument.id}")
    assert edge is not None and edge["kind"] == "attack"
    pos = explorer.map_eval("ids => network.getPositions(ids)", [question.id, argument.id])
    dx, dy = pos[question.id]["x"] - pos[argument.id]["x"], pos[question.id]["y"] - pos[argument.id]["y"]
    assert 0 <= dy < 300 and abs(dx) < 400, "a question sits beside its argument's dot, on its row"

    start = debate.starting_choices()
    choice = "rejected"
    for _ in range(3):  # not raised -> raised -> open -> not raised
        choice = CYCLE[choice]
        before = explorer.update_count()
        explorer.click_node(question.id)
        explorer.wait_for_node_choice(question.id, choice)
        explorer.wait_for_update_after(before)
        explorer.wait_idle()
        labels = _evaluate(debate, {**start, question.id: choice})
        node = explorer.map_eval("id => nodes.get(id)", question.id)
        assert node["label"].split("\n")[0].endswith(f"QUESTION — {QUESTION_WORDS[choice]}"), node["label"]
        assert node["status"] == labels[question.id]
        assert explorer.node_states([argument.id])[argument.id]["status"] == labels[argument.id]
        assert explorer.sidebar_choice(question.id) == choice
        assert explorer.conclusion_labels(list(debate.conclusion_ids)) == {c: labels[c] for c in debate.conclusion_ids}
        assert explorer.focus() is not None and explorer.focus()["id"] == argument.conclusion
    raised = _evaluate(debate, {**start, question.id: "accepted"})
    assert raised[argument.id] == "out" and raised[argument.conclusion] != _evaluate(debate, start)[argument.conclusion]
    explorer.wait_for_query(lambda q: question.id not in q["on"] | q["unsure"])
    explorer.assert_clean()


def test_no_boxes_overlap_and_each_box_holds_its_label_with_every_question_raised_or_open(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    questions = [q.id for q in debate.questions]
    raised, left_open = questions[::2], questions[1::2]
    name = Path(debate.path).stem
    explorer.open(f"?debate={name}&on={','.join(raised)}&unsure={','.join(left_open)}")
    states = explorer.node_states(questions)
    assert {q: states[q]["choice"] for q in questions} == {
        **dict.fromkeys(raised, "accepted"),
        **dict.fromkeys(left_open, "unsure"),
    }
    explorer.show_whole_map()
    assert explorer.overlapping_boxes() == []
    # What vis draws fits the box the layout kept for the node (so no choice makes two overlap).
    from graph.layout import node_boxes

    kept = node_boxes(debate)
    drawn = explorer.map_eval(
        "ids => Object.fromEntries(ids.map(id => { const b = network.getBoundingBox(id);"
        " return [id, [b.right - b.left, b.bottom - b.top]]; }))",
        [*questions, *(s.id for s in debate.statements if s.kind in ("premise", "conclusion", "analogy"))],
    )
    too_big = {
        i: (w, h)
        for i, (w, h) in drawn.items()
        if w > kept[i].left + kept[i].right + 0.5 or h > kept[i].top + kept[i].bottom + 0.5
    }
    assert not too_big, too_big


# ---- the synthetic debates ------------------------------------------------------
SYNTHETIC_SIZES = (300, 1000)


@pytest.fixture(scope="module")
def synthetic_server(browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    from bench.synthetic import make_debate, with_questions, write_debate_yaml

    folder = tmp_path_factory.mktemp("synthetic-debates")
    for size in SYNTHETIC_SIZES:
        write_debate_yaml(make_debate(size, seed=size), folder / f"synthetic-{size}.yaml")
    write_debate_yaml(with_questions(make_debate(300, seed=3)), folder / "questions-300.yaml")
    with serving(folder) as server:
        yield server


@pytest.mark.parametrize("size", SYNTHETIC_SIZES)
def test_the_first_view_of_a_big_debate_is_fitted_and_readable(browser, synthetic_server: AppServer, size: int) -> None:
    context, explorer = _guarded_page(browser, synthetic_server, viewport=LAPTOP)
    try:
        explorer.open(f"?debate=synthetic-{size}")
        view = explorer.map_view()
        assert view["mode"] == "first" and len(view["boxes"]) < view["all"]
        _assert_fitted(view)
        _assert_readable(view)
        explorer.show_whole_map()
        _assert_fitted(explorer.map_view())
        explorer.assert_clean()
    finally:
        context.close()


@pytest.mark.parametrize("size", SYNTHETIC_SIZES)
def test_no_two_node_boxes_overlap_on_a_big_debate(browser, synthetic_server: AppServer, size: int) -> None:
    context, explorer = _guarded_page(browser, synthetic_server, viewport=LAPTOP)
    try:
        explorer.open(f"?debate=synthetic-{size}")
        explorer.show_whole_map()
        assert explorer.overlapping_boxes() == []
    finally:
        context.close()


def test_no_two_node_boxes_overlap_on_a_big_debate_with_critical_questions(
    browser, synthetic_server: AppServer
) -> None:
    context, explorer = _guarded_page(browser, synthetic_server, viewport=LAPTOP)
    try:
        explorer.open("?debate=questions-300")
        debate = load_shown_debate(explorer)
        assert len(debate.questions) > 200
        explorer.show_whole_map()
        assert set(explorer.map_view()["boxes"]) >= set(debate.question_by_id)
        assert explorer.overlapping_boxes() == []
    finally:
        context.close()


# ---- steady, and the page scrolls -------------------------------------------------
def test_a_choice_does_not_move_the_map_on_the_page(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    start = debate.starting_choices()
    given = next(g for g in debate.given_ids if start[g] == "accepted" and g in debate.statement_by_id)
    before = explorer.frame_box()
    explorer.choose_in_sidebar(given, "rejected")
    assert explorer.frame_box() == before


def test_the_wheel_over_the_map_scrolls_the_page_and_ctrl_wheel_zooms(explorer: Explorer) -> None:
    explorer.open()
    start = explorer.view()
    box = explorer.frame_box()
    # A point of the map below its toolbar, inside the window.
    x, y = box["x"] + box["width"] / 2, min(box["y"] + 120, 900)
    explorer.page.mouse.move(x, y)
    explorer.page.mouse.wheel(0, 300)
    # The page scrolls once the frame has seen (and let pass) the event: on a busy machine, later.
    explorer.page.wait_for_function(
        "top => document.querySelector('.st-key-argument-map').getBoundingClientRect().top < top - 100",
        arg=box["y"],
        timeout=10_000,
    )
    assert explorer.view() == start, "a plain wheel changed the map's view"
    assert explorer.map_eval("() => window.mapWheelHints") >= 1
    assert "Ctrl" in explorer.frame().locator(".argmap-hint").inner_text()

    box = explorer.frame_box()
    explorer.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    explorer.page.keyboard.down("Control")
    explorer.page.mouse.wheel(0, -200)
    explorer.page.keyboard.up("Control")
    explorer.page.wait_for_timeout(300)
    assert explorer.view()["scale"] > start["scale"] * 1.05


# ---- focus ------------------------------------------------------------------------
def test_focus_fades_the_rest_highlights_the_neighbourhood_and_survives_a_choice(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    thesis = debate.thesis
    expected = _neighbourhood(debate, thesis)
    explorer.click_node(thesis)
    explorer.wait_for_focus(thesis)
    explorer.wait_idle()
    focus = explorer.focus()
    assert focus is not None and focus["id"] == thesis
    assert set(focus["nodes"]) == expected
    assert expected <= explorer.shown_ids(), "the focus left part of its neighbourhood hidden"

    def assert_focused() -> None:
        opacity = explorer.node_opacities()
        assert {i for i, o in opacity.items() if o >= 0.99} == expected
        assert all(o <= 0.5 for i, o in opacity.items() if i not in expected)
        assert explorer.map_eval("() => network.getSelectedNodes()") == [thesis]

    assert_focused()
    start = debate.starting_choices()
    given = next(g for g in debate.given_ids if start[g] == "accepted" and g in debate.statement_by_id)
    explorer.choose_in_sidebar(given, "rejected")
    assert explorer.focus() == focus
    assert_focused()
    # A click on a given changes it and leaves the focus where it is.
    near = next(g for g in sorted(expected) if g in start and g != given)
    before = explorer.update_count()
    explorer.click_node(near)
    explorer.wait_for_node_choice(near, CYCLE[start[near]])
    explorer.wait_for_update_after(before)
    explorer.wait_idle()
    assert explorer.focus() == focus
    assert_focused()

    # Escape clears it.
    explorer.map_button("Fit").press("Escape")
    explorer.wait_for_focus(None)
    assert set(explorer.node_opacities().values()) == {1}
    assert explorer.map_eval("() => network.getSelectedNodes()") == []

    # So does a click on empty canvas.
    explorer.click_node(thesis)
    explorer.wait_for_focus(thesis)
    explorer.wait_idle()
    explorer.page.mouse.click(*_empty_point(explorer))
    explorer.wait_for_focus(None)
    explorer.wait_idle()
    assert set(explorer.node_opacities().values()) == {1}
    explorer.assert_clean()


def test_a_passage_picked_in_the_essay_focuses_its_node_in_the_map(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    mark = explorer.page.locator(".st-key-essay mark.essay-q[data-statement]").first
    statement = mark.get_attribute("data-statement")
    before = explorer.update_count()
    mark.click()
    explorer.wait_for_update_after(before)
    explorer.wait_for_focus(statement)
    assert set(explorer.focus()["nodes"]) == _neighbourhood(debate, statement)
    assert statement in explorer.shown_ids()


# ---- a phone ------------------------------------------------------------------------
def test_on_a_phone_the_map_fits_the_width_reads_and_a_choice_shows_in_the_verdict(
    browser, app_server: AppServer
) -> None:
    context, explorer = _guarded_page(browser, app_server, viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = explorer.open().page
        overflow = page.evaluate(
            """() => [document.documentElement, document.body, ...document.querySelectorAll(
                        '[data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stMainBlockContainer"]')]
                     .filter(el => el.scrollWidth > el.clientWidth + 1)
                     .map(el => `${el.tagName}.${el.dataset.testid || ''} ${el.scrollWidth}>${el.clientWidth}`)"""
        )
        assert overflow == [], overflow
        box = explorer.frame_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        view = explorer.map_view()
        _assert_fitted(view)
        _assert_readable(view)

        # A vertical swipe over the map scrolls the page and leaves the map's view.
        start = explorer.view()
        explorer.frame().locator("canvas").scroll_into_view_if_needed()
        box = explorer.frame_box()
        _swipe_up(context.new_cdp_session(page), box["x"] + box["width"] / 2, min(box["y"] + 400, PHONE["height"] - 60))
        page.wait_for_timeout(300)
        assert explorer.frame_box()["y"] < box["y"] - 100, "the swipe did not scroll the page"
        assert explorer.view() == start, "the swipe moved the map"

        # Tap the thesis: its focus opens what it rests on; tap one of its givens.
        debate = load_shown_debate(explorer)
        thesis = debate.thesis
        x, y = explorer.node_point_in_page(thesis, bring_into_view=True)
        page.touchscreen.tap(x, y)
        explorer.wait_for_focus(thesis)
        explorer.wait_idle()
        page.wait_for_timeout(400)  # the view's move to the opened neighbourhood
        start_choices = debate.starting_choices()
        givens = [g for g in sorted(_neighbourhood(debate, thesis)) if g in start_choices]
        assert givens, "the thesis has no given next to it"
        given = givens[0]
        before = explorer.update_count()
        x, y = explorer.node_point_in_page(given, bring_into_view=True)
        page.touchscreen.tap(x, y)
        expected = CYCLE[start_choices[given]]
        explorer.wait_for_node_choice(given, expected)
        explorer.wait_for_update_after(before)
        explorer.wait_idle()

        labels = _evaluate(debate, {**start_choices, given: expected})
        words = {"in": "Holds", "out": "Does not hold", "undecided": "Undecided"}
        verdict = page.locator(".st-key-verdict")
        verdict.scroll_into_view_if_needed()
        assert words[labels[thesis]] in verdict.inner_text()
        seen = verdict.evaluate(
            """el => { const r = el.getBoundingClientRect();
                       const top = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 30));
                       return r.width > 0 && r.top >= 0 && r.top < window.innerHeight && el.contains(top); }"""
        )
        assert seen, "the verdict is covered or out of sight after the choice"
        explorer.assert_clean()
    finally:
        context.close()
