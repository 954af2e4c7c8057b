"""app.py through streamlit.testing.v1.AppTest (no browser).

The page reads its debates from DEBATE_CONTENT_DIR; these tests point it at
tests/fixtures/app (tiny, second, hostile and a broken file).  Expected
labels always come from the engine (graph.evaluate), never hard-coded.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from graph.evaluate import evaluate
from graph.load import load_debate
from graph.status import STATUS_SYMBOLS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "app"
WORDS = {"in": "Holds", "out": "Does not hold", "undecided": "Undecided"}
CYCLE_AFTER = {"accepted": "unsure", "unsure": "rejected", "rejected": "accepted"}


@pytest.fixture(autouse=True)
def content(monkeypatch):
    monkeypatch.setenv("DEBATE_CONTENT_DIR", str(FIXTURES))
    monkeypatch.setenv("DEBATE_DEFAULT", "tiny")


def open_page(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def params(at: AppTest) -> dict:
    return {k: v for k, v in at.query_params.items()}


def shown_status(at: AppTest, conclusion_id: str) -> str:
    """The status word shown in the conclusion's list item (and it agrees with
    the item's data-status)."""
    markup = component_data(at, "conclusions")["markup"]
    item = re.search(
        rf'<li data-conclusion="{re.escape(conclusion_id)}" data-status="(\w+)".*?'
        r'<strong class="status">(.*?)</strong>',
        markup,
    )
    assert item is not None, markup
    found = [label for label, word in WORDS.items() if item.group(2).endswith(f" {word}")]
    assert found == [item.group(1)], item.group(0)
    return found[0]


def component(at: AppTest, name: str, key: str | None = None):
    """The one element of the page's two-way component ``name`` (with the
    element key ``key``, when the page has several)."""
    (found,) = [
        c
        for c in at.get("bidi_component")
        if c.proto.component_name.endswith(name) and (key is None or c.proto.id.endswith(key))
    ]
    return found


def component_data(at: AppTest, name: str, key: str | None = None) -> dict:
    """A component's data (the page sends UTF-8 JSON bytes, never a dict)."""
    proto = component(at, name, key).proto
    assert proto.WhichOneof("data") == "bytes"
    return json.loads(proto.bytes.decode("utf-8"))


def map_data(at: AppTest) -> dict:
    return component_data(at, "argument_map")


def panel_data(at: AppTest) -> dict:
    return component_data(at, "choice_panel")


def shown_choices(at: AppTest) -> dict:
    """given id -> choice, for every given the panel of choices lists."""
    return panel_data(at)["choices"]


def shared_link(at: AppTest) -> str:
    """The link the share field shows and its "Copy link" button copies
    (the share component's data)."""
    return component(at, "share_link").proto.bytes.decode("utf-8")


def trigger(at: AppTest, name: str, event: str, value, key: str | None = None) -> AppTest:
    """Rerun as the browser does when component ``name`` fires ``event``.

    AppTest cannot drive two-way components, so this sends the widget state
    the frontend would: the component's trigger list as JSON (Streamlit's
    wire format for ``setTriggerValue``; pinned version in requirements.txt).
    """
    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    states = at._tree.get_widget_states()
    states.widgets.append(
        WidgetState(
            id=_make_trigger_id(component(at, name, key).proto.id, "events"),
            json_trigger_value=json.dumps([{"event": event, "value": value}]),
        )
    )
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    return at


def choose(at: AppTest, given_id: str, choice: str) -> AppTest:
    """A choice made in the panel, as the browser sends it."""
    return trigger(at, "choice_panel", "choice", {"id": given_id, "choice": choice, "n": 1})


def click_node(at: AppTest, node_id: str) -> AppTest:
    """A click on a node of the map, as the browser sends it."""
    return trigger(at, "argument_map", "click", {"id": node_id, "n": 1})


def markup_tags(html: str) -> list[tuple[str, list]]:
    """Every start tag of the document (script and style bodies are text)."""
    found = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(html)
    return found


def warnings_text(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


def test_default_view_thesis_holds(tiny):
    at = open_page()
    labels = evaluate(tiny, tiny.starting_choices())
    assert labels[tiny.thesis] == "in"
    verdict = " ".join(m.value for m in at.container(key="verdict").markdown)
    assert "✓ Holds" in verdict
    held = sum(labels[c] == "in" for c in tiny.conclusion_ids)
    assert f"{held} of {len(tiny.conclusion_ids)} conclusions hold" in verdict
    assert params(at) == {"debate": "tiny"}
    assert shown_choices(at) == tiny.starting_choices()
    for c in tiny.conclusion_ids:
        assert shown_status(at, c) == labels[c]
    assert shared_link(at).endswith("?debate=tiny")


def test_rejecting_premises_flips_what_the_engine_says_and_the_url_follows(tiny):
    at = open_page()
    choices = tiny.starting_choices()
    for given in ("r", "p"):
        before = evaluate(tiny, choices)
        choices = dict(choices, **{given: "rejected"})
        after = evaluate(tiny, choices)
        choose(at, given, "rejected")
        assert not at.exception
        for c in tiny.conclusion_ids:
            assert shown_status(at, c) == after[c]
        flipped = [c for c in tiny.conclusion_ids if before[c] != after[c]]
        verdict = " ".join(m.value for m in at.container(key="verdict").markdown)
        for c in flipped:
            assert tiny.statement_by_id[c].text in verdict
        if not flipped:
            assert "No conclusion changed." in verdict
    assert params(at) == {"debate": "tiny", "off": "p,r"}
    assert shared_link(at).endswith("?debate=tiny&off=p%2Cr")  # written as the address bar writes it


@pytest.mark.parametrize(
    "query, expected, warned",
    [
        ({"off": "p"}, {"p": "rejected"}, []),
        (
            {"off": "p,q", "unsure": "r", "on": "x"},
            {"p": "rejected", "q": "rejected", "r": "unsure", "x": "accepted"},
            [],
        ),
        ({"off": ["p", "q"]}, {"p": "rejected", "q": "rejected"}, []),
        ({"off": "p,nope"}, {"p": "rejected"}, ["nope"]),
        ({"off": "<script>alert(1)</script>"}, {}, ["\\<script\\>alert(1)\\</script\\>"]),
        ({"off": ""}, {}, []),
        ({"off": "a" * 10_000}, {}, ["a" * 30]),
        ({"off": "c"}, {}, ["conclusions cannot be chosen"]),
        ({"debate": "no-such-debate", "off": "p"}, {"p": "rejected"}, ["no-such-debate"]),
    ],
)
def test_links_open_the_right_view_or_warn(query, expected, warned, tiny):
    at = open_page(query)
    want = dict(tiny.starting_choices(), **expected)
    assert shown_choices(at) == want
    labels = evaluate(tiny, want)
    for c in tiny.conclusion_ids:
        assert shown_status(at, c) == labels[c]
    text = warnings_text(at)
    for w in warned:
        assert w in text
    if not warned:
        assert text == ""
    assert "<script>" not in text  # shown escaped, never as markup
    assert len(text) < 2_000
    # the URL is rewritten to the canonical form of what is shown
    canonical = {"debate": "tiny"}
    for key, value in (("off", "rejected"), ("on", "accepted"), ("unsure", "unsure")):
        ids = sorted(g for g, v in want.items() if v == value and tiny.starting_choices()[g] != v)
        if ids:
            canonical[key] = ",".join(ids)
    assert params(at) == canonical


def test_a_scenario_sets_the_controls_and_the_url(tiny):
    at = open_page()
    head = panel_data(at)["sections"]["head"]
    assert [sc["id"] for sc in head["scenarios"]] == [sc.id for sc in tiny.scenarios]
    assert panel_data(at)["scenario"] == ""  # the start matches no scenario of tiny
    trigger(at, "choice_panel", "scenario", {"id": "doubt-q", "n": 1})
    scenario = tiny.scenario_by_id["doubt-q"]
    want = dict(tiny.starting_choices())
    want.update({g: "unsure" for g in scenario.unsure})
    want.update({g: "rejected" for g in scenario.off})
    want.update({g: "accepted" for g in scenario.on})
    assert shown_choices(at) == want
    assert panel_data(at)["scenario"] == "doubt-q"  # the picker shows it (and its description)
    assert next(sc for sc in head["scenarios"] if sc["id"] == "doubt-q")["description"] == scenario.description
    assert params(at) == {"debate": "tiny", "off": "r", "unsure": "q"}
    # A later choice that matches no scenario puts the picker back on "your own choices".
    choose(at, "p", "rejected")
    assert panel_data(at)["scenario"] == ""
    # An unknown scenario is ignored.
    trigger(at, "choice_panel", "scenario", {"id": "no-such", "n": 2})
    assert shown_choices(at) == dict(want, p="rejected")


def test_reset_returns_to_the_start_and_a_clean_url(tiny):
    at = open_page({"off": "p,q", "on": "x"})
    assert params(at)["off"] == "p,q"
    trigger(at, "choice_panel", "reset", {"n": 1})
    assert shown_choices(at) == tiny.starting_choices()
    assert params(at) == {"debate": "tiny"}


def test_a_broken_debate_file_shows_its_errors():
    at = open_page({"debate": "broken"})
    shown = "\n".join(c.value for c in at.code)
    assert re.search(r"broken\.yaml:\d+: ", shown), shown
    assert "Traceback" not in shown
    assert any("does not pass the check" in e.value for e in at.error)


def test_the_debate_picker_switches_debates():
    at = open_page({"off": "p"})
    at.selectbox(key="debate").set_value("second").run()
    assert not at.exception
    assert params(at) == {"debate": "second"}
    assert shown_choices(at) == load_debate(str(FIXTURES / "second.yaml")).starting_choices()


def test_two_sessions_do_not_affect_each_other(tiny):
    one = open_page()
    choose(one, "p", "rejected")
    two = open_page()
    assert shown_choices(two) == tiny.starting_choices()
    assert params(two) == {"debate": "tiny"}
    one.run()
    assert shown_choices(one)["p"] == "rejected"
    assert params(one) == {"debate": "tiny", "off": "p"}


def test_the_map_html_has_every_statement_and_nothing_hostile():
    at = open_page({"debate": "hostile"})
    debate = load_debate(str(FIXTURES / "hostile.yaml"))
    html = map_data(at)["html"]
    m = re.search(r"nodes = new vis\.DataSet\((.*?)\);\n", html)
    ids = {n["id"] for n in json.loads(m.group(1))}
    assert ids == {s.id for s in debate.statements} | {a.id for a in debate.arguments} | {
        q.id for q in debate.questions
    }
    assert debate.questions  # a hostile question's text is drawn too
    for s in (*debate.statements, *debate.questions):
        assert (
            json.dumps(s.text)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e")[:20] in html or s.text[:20] in html
        )
    assert "alert(" not in "".join(re.findall(r"<script[^>]*>([^<]{0,40})", html))
    for bad in ("<script>alert", "<img src=https://attacker", '<a href="javascript'):
        assert bad not in html
    # the only markup is ours: no tag has a src/href leaving the page
    tags = markup_tags(html)
    assert {t for t, _ in tags} <= {"html", "head", "meta", "script", "style", "body", "div"}
    for _, attrs in tags:
        assert not [v for k, v in attrs if k in ("src", "href") and v]
    # and the rest of the page shows the payloads as text
    everything = " ".join(m.value for m in at.markdown) + " ".join(t.value for t in at.title)
    assert "<script>" not in everything


def test_the_map_page_is_sent_once_then_only_style_deltas(tiny):
    at = open_page()
    first = map_data(at)
    assert "html" in first and first["nodes"] == [] and first["edges"] == []
    choose(at, "p", "rejected")
    second = map_data(at)
    assert "html" not in second
    assert second["key"] == first["key"] and second["seq"] > first["seq"]
    labels = evaluate(tiny, dict(tiny.starting_choices(), p="rejected"))
    start = evaluate(tiny, tiny.starting_choices())
    changed = {n for n in labels if labels[n] != start[n]} | {"p"}
    assert {n["id"] for n in second["nodes"]} == changed
    assert all(n["status"] == labels[n["id"]] for n in second["nodes"])
    choose(at, "p", "accepted")
    assert map_data(at)["nodes"] == []  # back to the start: nothing differs


def test_why_opens_the_engine_explanation_with_critical_givens(tiny):
    import html as htmllib

    from graph.explain import critical_givens

    def explanation_shown(at: AppTest) -> str:
        return " ".join(h.value for h in at.container(key="explanation").html)

    at = open_page()
    at.selectbox(key="explain").set_value("d").run()
    assert not at.exception
    start = tiny.starting_choices()
    labels = evaluate(tiny, start)
    first_line = "✓ Holds: “D follows”\nIt follows from “C follows”."  # graph.wording.full_explanation
    assert htmllib.escape(first_line) in explanation_shown(at)
    assert critical_givens(tiny, start, "d", labels) == ()  # two routes carry c
    assert "No single change of yours would make it no longer hold." in explanation_shown(at)

    # With r rejected only a1 carries c: p and q each become critical for d.
    choose(at, "r", "rejected")
    choices = dict(start, r="rejected")
    critical = critical_givens(tiny, choices, "d", evaluate(tiny, choices))
    assert critical == ("p", "q")
    assert (
        "After any one of these changes alone, it would no longer hold:\n- rejecting “P holds”\n- rejecting “Q holds”"
        in explanation_shown(at)
    )

    at.selectbox(key="explain").set_value(None).run()
    assert htmllib.escape(first_line) not in " ".join(h.value for h in at.get("html"))


def test_a_big_debate_lists_only_the_givens_searched_for_and_those_changed(tmp_path, monkeypatch):
    from bench.synthetic import make_debate, write_debate_yaml

    write_debate_yaml(make_debate(150, seed=3), tmp_path / "big.yaml")
    big = load_debate(str(tmp_path / "big.yaml"))
    assert len(big.given_ids) > 60
    monkeypatch.setenv("DEBATE_CONTENT_DIR", str(tmp_path))
    monkeypatch.setenv("DEBATE_DEFAULT", "big")
    at = open_page()
    assert panel_data(at)["choices"] == {}  # the head only: no control for every given
    assert [c.proto.id for c in at.get("bidi_component") if c.proto.id.endswith("found-panel")] == []

    target = big.given_ids[1]
    words = big.statement_by_id[target].text
    at.text_input(key="find-given").input(words).run()
    found = component_data(at, "choice_panel", "found-panel")
    assert [s["title"] for s in found["sections"]["sections"]] == ["Found"]
    assert target in found["choices"] and len(found["choices"]) <= 12
    trigger(at, "choice_panel", "choice", {"id": target, "choice": "rejected", "n": 1}, key="found-panel")
    assert params(at) == {"debate": "big", "off": target}

    at.text_input(key="find-given").input("").run()
    listed = component_data(at, "choice_panel", "found-panel")
    assert [s["title"] for s in listed["sections"]["sections"]] == ["Changed from the start (1)"]
    assert listed["choices"] == {target: "rejected"}  # listed as changed
    labels = evaluate(big, dict(big.starting_choices(), **{target: "rejected"}))
    for c in big.conclusion_ids[:20]:
        assert shown_status(at, c) == labels[c]

    # A click on a given in the map lists it (its control is found by its id).
    other = big.given_ids[5]
    click_node(at, other)
    assert at.text_input(key="find-given").value == other
    assert (
        component_data(at, "choice_panel", "found-panel")["choices"][other]
        == CYCLE_AFTER[big.starting_choices()[other]]
    )


def test_the_panel_lists_every_given_by_kind_and_sends_its_layout_once(tiny):
    at = open_page()
    first = panel_data(at)
    layout = first["sections"]
    by_title = {s["title"]: [g["id"] for g in s["givens"]] for s in layout["sections"]}
    kinds = {"Premises": "premise", "Analogies": "analogy", "Examples": "example", "Challenges": "objection"}
    assert {t: [g for g in ids] for t, ids in by_title.items()} == {
        t: [s.id for s in tiny.statements if s.kind == kinds[t] and s.is_given]
        for t in kinds
        if any(s.kind == kinds[t] and s.is_given for s in tiny.statements)
    } | {"Critical questions": [q.id for q in tiny.questions]}
    assert [o[0] for o in layout["options"]] == ["accepted", "unsure", "rejected"]
    p = next(g for s in layout["sections"] for g in s["givens"] if g["id"] == "p")
    assert (p["text"], p["help_title"], p["help"], p["start"]) == ("P holds", "Quote", "“P is true”", "accepted")

    choose(at, "p", "rejected")
    second = panel_data(at)
    assert "sections" not in second and second["key"] == first["key"]
    assert second["choices"]["p"] == "rejected"
    # A page that lost the layout (a remounted element) asks for it once more.
    trigger(at, "choice_panel", "need", second["key"])
    assert panel_data(at)["sections"] == layout


@pytest.mark.parametrize(
    "value",
    [
        {"id": "c", "choice": "rejected"},  # a conclusion is not a given
        {"id": "p", "choice": "maybe"},
        {"id": "<img src=x>", "choice": "rejected"},
        {"id": ["p"], "choice": "rejected"},
        "p",
        None,
        [1, 2],
    ],
)
def test_a_malformed_choice_from_the_page_is_ignored(value, tiny):
    at = open_page()
    trigger(at, "choice_panel", "choice", value)
    assert shown_choices(at) == tiny.starting_choices()
    assert params(at) == {"debate": "tiny"}


def test_clicking_a_given_in_the_map_cycles_it_and_a_conclusion_explains_itself(tiny):
    at = open_page()
    for expected in ("unsure", "rejected", "accepted"):
        click_node(at, "p")
        assert shown_choices(at)["p"] == expected
        assert not at.get("html") or "Selected:" not in " ".join(h.value for h in at.get("html"))
    click_node(at, "p")
    assert params(at) == {"debate": "tiny", "unsure": "p"}
    click_node(at, "d")
    assert shown_choices(at)["p"] == "unsure"  # a conclusion is not a choice

    def selected_text() -> str:
        return " ".join(h.value for h in at.container(key="selected-explanation").html)

    assert tiny.statement_by_id["d"].text in selected_text()
    before = selected_text()
    # A given clicked now changes the choice; the conclusion's explanation stays open, updated.
    click_node(at, "r")
    assert shown_choices(at)["r"] == "unsure"
    assert tiny.statement_by_id["d"].text in selected_text() and selected_text() != before
    click_node(at, "no-such-node")
    assert shown_choices(at)["p"] == "unsure"


def test_the_essay_is_sent_once_then_only_the_statuses_of_its_quotes(tiny):
    from graph.essay import essay_markup, essay_statuses

    at = open_page()
    first = component_data(at, "essay")
    assert first["markup"].startswith("<h3>The essay</h3>")
    assert first["markup"].endswith(essay_markup(tiny))
    assert first["statuses"] == essay_statuses(tiny, evaluate(tiny, tiny.starting_choices()))
    choose(at, "p", "rejected")
    second = component_data(at, "essay")
    assert "markup" not in second and second["key"] == first["key"]
    labels = evaluate(tiny, dict(tiny.starting_choices(), p="rejected"))
    assert second["statuses"] == {sid: labels[sid] for sid in first["statuses"]}
    assert second["statuses"] != first["statuses"]
    trigger(at, "essay", "need", second["key"])
    assert component_data(at, "essay")["markup"] == first["markup"]


def test_addresses_in_a_link_never_become_links():
    at = open_page({"off": "https://evil.example/login,www.evil.example,me@evil.example"})
    text = warnings_text(at)
    assert "evil.example/login" in text
    # Markdown would link these even escaped: each is broken by an invisible word joiner.
    for live in (r"https?\\?://", r"www\\?\.", r"\w@evil"):
        assert re.search(live, text) is None, (live, text)
    assert text.count("\u2060") == 3


@pytest.mark.parametrize(
    "message",
    [
        '[{"event": "choice", "value": ' + "[" * 200_000 + "]" * 200_000 + "}]",
        '[{"event": "choice", "value": {"id": "p", "choice": "rejected", "pad": "' + "x" * 100_000 + '"}}]',
        "[" * 17 + "]" * 17,
        "not json at all",
    ],
    ids=["200000-deep", "100-KB", "17-deep", "not-json"],
)
def test_a_malformed_or_oversized_component_message_is_ignored(message, tiny):
    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    at = open_page()
    states = at._tree.get_widget_states()
    states.widgets.append(
        WidgetState(id=_make_trigger_id(component(at, "choice_panel").proto.id, "events"), json_trigger_value=message)
    )
    at._run(states)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert shown_choices(at) == tiny.starting_choices()  # nothing changed ...
    choose(at, "p", "rejected")  # ... and the page still works
    assert shown_choices(at)["p"] == "rejected"


def test_a_broken_debate_file_is_named_without_the_servers_path():
    at = open_page({"debate": "broken"})
    shown = "\n".join(c.value for c in at.code) + " ".join(e.value for e in at.error)
    assert str(FIXTURES) not in shown and str(ROOT) not in shown
    assert re.search(r"^broken\.yaml:\d+: ", shown, re.M), shown


def test_raising_a_critical_question_undercuts_its_argument_on_the_map(tiny):
    at = open_page()
    layout = panel_data(at)["sections"]
    (section,) = [s for s in layout["sections"] if s["title"] == "Critical questions"]
    (question,) = section["givens"]
    assert (question["id"], question["text"], question["start"]) == ("a2-q1", "Is R really like P?", "rejected")
    assert question["options"] == [["rejected", "Not raised"], ["unsure", "Open"], ["accepted", "Raised"]]
    assert (question["help_title"], question["help"]) == ("Note", "Ask what differs between R and P.")
    assert shown_choices(at)["a2-q1"] == "rejected"

    choose(at, "a2-q1", "accepted")
    labels = evaluate(tiny, dict(tiny.starting_choices(), **{"a2-q1": "accepted"}))
    assert labels["a2"] == "out" and labels["c"] == "in"  # a1 still carries c
    delta = {n["id"]: n for n in map_data(at)["nodes"]}
    assert "a2" in delta and "a2-q1" in delta  # the question's own node and its argument's dot change
    assert all(n["status"] == labels[i] for i, n in delta.items())  # (others: only the "why" in their tooltips)
    assert delta["a2-q1"]["choice"] == "accepted" and delta["a2-q1"]["label"].startswith("✓ QUESTION — raised\n")
    assert delta["a2"]["status"] == "out" and "Ask: Is R really like P? (raised)" in delta["a2"]["tip"]
    assert params(at) == {"debate": "tiny", "on": "a2-q1"}
    assert "“Is R really like P?” → Raised" in " ".join(m.value for m in at.container(key="verdict").markdown)

    choose(at, "p", "rejected")  # and with a1 gone too, c and d fall
    labels = evaluate(tiny, dict(tiny.starting_choices(), **{"a2-q1": "accepted", "p": "rejected"}))
    assert (labels["c"], labels["d"]) == ("out", "out")
    delta = {n["id"]: n for n in map_data(at)["nodes"]}
    assert all(delta[n]["status"] == labels[n] for n in ("c", "d", "a1", "a2", "p"))

    fresh = open_page({"debate": "tiny", "on": "a2-q1"})  # the link raises it again
    assert shown_choices(fresh)["a2-q1"] == "accepted"


def test_a_click_on_a_question_in_the_map_raises_it_then_leaves_it_open_then_not_raised(tiny):
    at = open_page()
    start = tiny.starting_choices()
    for choice, word, query in (
        ("accepted", "raised", {"on": "a2-q1"}),
        ("unsure", "open", {"unsure": "a2-q1"}),
        ("rejected", "not\u00a0raised", {}),
    ):
        click_node(at, "a2-q1")
        assert shown_choices(at)["a2-q1"] == choice
        labels = evaluate(tiny, dict(start, **{"a2-q1": choice}))
        nodes = {n["id"]: n for n in map_data(at)["nodes"]}
        if choice == "rejected":
            assert nodes == {}  # back at the start: nothing differs from the page as sent
        else:
            assert nodes["a2-q1"]["label"].split("\n")[0] == f"{STATUS_SYMBOLS[labels['a2-q1']]} QUESTION — {word}"
            assert nodes["a2"]["status"] == labels["a2"]
        assert params(at) == {"debate": "tiny", **query}
        assert map_data(at)["selected"] is None  # a question is chosen, not selected


# ---- the page remembers and answers (issues 14, 15, 16) -----------------------
def ask_data(at: AppTest) -> dict:
    return component_data(at, "ask")


def test_undo_takes_back_each_choice_and_is_off_with_nothing_to_undo():
    at = open_page()
    assert panel_data(at)["can_undo"] is False
    choose(at, "p", "rejected")
    choose(at, "q", "unsure")
    assert panel_data(at)["can_undo"] is True
    trigger(at, "choice_panel", "undo", {"n": 2})
    assert shown_choices(at)["q"] == "accepted" and shown_choices(at)["p"] == "rejected"
    trigger(at, "choice_panel", "undo", {"n": 3})
    assert shown_choices(at)["p"] == "accepted" and panel_data(at)["can_undo"] is False
    assert params(at) == {"debate": "tiny"}


def test_the_address_moved_by_back_or_forward_is_followed():
    at = open_page()
    choose(at, "p", "rejected")
    choose(at, "q", "rejected")
    assert params(at) == {"debate": "tiny", "off": "p,q"}
    at.query_params.clear()
    at.query_params["debate"] = "tiny"
    at.query_params["off"] = "p"  # Back: the browser reruns the page with the earlier address
    at.run()
    assert shown_choices(at)["p"] == "rejected" and shown_choices(at)["q"] == "accepted"
    assert params(at) == {"debate": "tiny", "off": "p"}
    trigger(at, "choice_panel", "undo", {"n": 5})  # and Undo goes back to where Back came from
    assert shown_choices(at)["q"] == "rejected"


def test_what_it_would_take_is_answered_only_when_asked_and_apply_changes_the_choices():
    from graph.answers import overturn
    from graph.choices import Choices
    from graph.load import load_debate

    at = open_page()
    (q,) = [q for q in ask_data(at)["questions"] if q["id"] == "overturn"]
    assert q["open"] is False and "answer" not in q
    trigger(at, "ask", "ask", {"id": "overturn", "on": True, "n": 1})
    (q,) = [q for q in ask_data(at)["questions"] if q["id"] == "overturn"]
    tiny = load_debate(FIXTURES / "tiny.yaml")
    want = overturn(tiny, Choices.start(tiny), "d")
    assert q["answer"] == {"sentence": want.sentence, "sets": list(want.helps)}
    for bad in (-1, 99, "0", True, None):
        trigger(at, "ask", "apply", {"index": bad, "n": 2})
        assert shown_choices(at) == dict(Choices.start(tiny))
    trigger(at, "ask", "apply", {"index": 0, "n": 3})
    after = dict(Choices.start(tiny))
    after.update(dict(want.sets[0]))
    assert {g: shown_choices(at)[g] for g in after if g in shown_choices(at)} == {
        g: c for g, c in after.items() if g in shown_choices(at)
    }
    assert shown_status(at, "d") != "in"


def test_robust_badges_only_when_asked():
    at = open_page({"unsure": "p"})
    assert "badges" not in component_data(at, "conclusions")
    trigger(at, "ask", "ask", {"id": "robust", "on": True, "n": 1})
    badges = component_data(at, "conclusions")["badges"]
    assert set(badges) == {"c", "d"} and all(kind in {"holds", "falls", "depends"} for kind, _ in badges.values())
    trigger(at, "ask", "ask", {"id": "robust", "on": False, "n": 2})
    assert "badges" not in component_data(at, "conclusions")


def test_compare_with_a_scenario_a_link_and_junk():
    at = open_page()
    trigger(at, "ask", "compare", {"value": "scenario:doubt-q", "link": "", "n": 1})
    result = ask_data(at)["compare"]["result"]
    assert len(result["choices"]) == 2 and "What if Q is doubtful?" in result["summary"] + " ".join(result["choices"])
    trigger(at, "ask", "compare", {"value": "link", "link": "?debate=tiny&off=p", "n": 2})
    assert ask_data(at)["compare"]["result"]["choices"] == ["You accept “P holds”; the other link rejects it."]
    trigger(at, "ask", "compare", {"value": {"evil": 1}, "link": ["x"], "n": 3})
    assert "result" not in ask_data(at)["compare"] and ask_data(at)["compare"]["value"] == ""


def test_a_pasted_argdown_debate_opens_for_this_session_and_its_link_carries_it():
    at = open_page()
    at.toggle(key="show-open-own").set_value(True).run()
    text = (ROOT / "tests" / "fixtures" / "upload" / "tiny.argdown").read_text()
    at.text_area(key="paste").set_value(text).run()
    at.button(key="open-paste").click().run()
    assert not at.exception
    assert "src" in params(at) and "debate" not in params(at)
    assert shown_choices(at) and "We should walk more." in component_data(at, "conclusions")["markup"]
    link = dict(params(at))
    # Another session opening that link sees the same debate.
    other = open_page(link)
    assert shown_choices(other) == shown_choices(at)
    assert component_data(other, "conclusions")["markup"] == component_data(at, "conclusions")["markup"]
    # Back to the essay.
    at.button(key="close-own").click().run()
    assert params(at) == {"debate": "tiny"}


def test_a_paste_that_fails_shows_its_lines_and_keeps_the_debate():
    at = open_page()
    at.toggle(key="show-open-own").set_value(True).run()
    at.text_area(key="paste").set_value("format: debate/1\nstatements: [\n").run()
    at.button(key="open-paste").click().run()
    assert not at.exception
    assert params(at) == {"debate": "tiny"}
    codes = [c.value for c in at.code]
    assert any(line.startswith("pasted:") for code in codes for line in code.splitlines())


@pytest.mark.parametrize(
    "src, words",
    [
        ("yaml.!!!", "not base64url"),
        ("nope.abc", "unknown format"),
        ("", "empty"),
    ],
)
def test_a_hostile_src_link_gets_a_warning_and_the_default_debate(src, words):
    at = open_page({"src": src})
    assert params(at) == {"debate": "tiny"}
    assert words in warnings_text(at)


def test_a_decompression_bomb_in_a_link_is_refused_quickly():
    import base64
    import time
    import zlib

    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = packer.compress(b"x.yaml\n" + b"a" * (50 * 1024 * 1024)) + packer.flush()
    value = "yaml." + base64.urlsafe_b64encode(bomb).rstrip(b"=").decode()
    started = time.perf_counter()
    at = open_page({"src": value[:7000]})
    assert time.perf_counter() - started < 20
    assert params(at) == {"debate": "tiny"} and "src" in warnings_text(at)


def test_downloads_are_offered_for_the_debate_shown():
    at = open_page()
    at.toggle(key="show-downloads").set_value(True).run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["YAML (debate/1)", "Argdown", "AIF (JSON)", "GraphML"]


def test_a_conclusions_explanation_says_what_would_overturn_it_and_applies_it():
    from graph.answers import overturn
    from graph.choices import Choices
    from graph.load import load_debate

    at = open_page()
    at.selectbox(key="explain").set_value("c").run()
    tiny = load_debate(FIXTURES / "tiny.yaml")
    want = overturn(tiny, Choices.start(tiny), "c")
    (q,) = component_data(at, "ask", "why-ask")["questions"]
    assert q["answer"] == {"sentence": want.sentence, "sets": list(want.helps)}
    before = shown_status(at, "c")
    trigger(at, "ask", "apply", {"index": 0, "n": 1}, key="why-ask")
    assert shown_status(at, "c") != before


def test_the_map_is_told_what_is_selected_and_a_clear_from_it_unselects():
    at = open_page()
    assert map_data(at)["selected"] is None
    click_node(at, "c")
    assert map_data(at)["selected"] == "c"
    choose(at, "p", "rejected")  # the selection survives a choice
    assert map_data(at)["selected"] == "c"
    trigger(at, "argument_map", "unselect", {"n": 2})
    assert map_data(at)["selected"] is None
    assert not [c for c in at.get("flex_container") if "selected-explanation" in str(getattr(c, "key", ""))]
    trigger(at, "essay", "select", {"id": "q", "n": 1})
    assert map_data(at)["selected"] == "q" and component_data(at, "essay")["selected"] == "q"
    trigger(at, "essay", "select", {"id": "not-a-node", "n": 2})
    assert map_data(at)["selected"] == "q"


def test_the_map_frames_what_differs_from_the_view_compared_with():
    at = open_page()
    assert map_data(at)["marked"] == []
    trigger(at, "ask", "compare", {"value": "link", "link": "?debate=tiny&off=p", "n": 1})
    marked = map_data(at)["marked"]
    assert "p" in marked and set(marked) <= {"p", "q", "r", "c", "d", "x", "y", "a1", "a2", "a3"}
    trigger(at, "ask", "compare", {"value": "", "link": "", "n": 2})
    assert map_data(at)["marked"] == []
    # A critical question raised in one view and not the other is framed too (it is a node).
    trigger(at, "ask", "compare", {"value": "link", "link": "?debate=tiny&on=a2-q1", "n": 3})
    marked = map_data(at)["marked"]
    assert "a2-q1" in marked and "a2" in marked
    html = map_data(open_page())["html"]
    assert '"id": "a2-q1"' in html
