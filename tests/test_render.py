"""graph.render: the pyvis page, its styles and deltas, and markdown escaping."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.layout import compute_layout
from graph.render import (
    NODE_GROUPS,
    READABLE_PX,
    edge_styles,
    escape_markdown,
    node_styles,
    render_html,
    style_delta,
)
from graph.status import PALETTE
from tests.builders import build_debate, worked_example

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)> <a href="http://evil">href</a> & \' "'


# This file's debates: texts "text of <id>"; arguments and attacks on line 1.
RENDER = {"text": "text of {id}", "lines": "statements"}

TINY = worked_example(thesis="d", **RENDER)  # the format's worked example
ALL_IN = {
    "p": "in",
    "q": "in",
    "r": "in",
    "c": "in",
    "d": "in",
    "x": "out",
    "y": "in",
    "a1": "in",
    "a2": "in",
    "a3": "in",
}

HOSTILE = build_debate(
    [
        ("p", "premise", {"text": PAYLOAD, "quote": PAYLOAD, "note": PAYLOAD}),
        ("x", "objection", {"text": "see href=javascript:alert(2)", "editorial": True}),
        ("d", "conclusion", {"text": "</script><script>alert(3)</script>"}),
    ],
    [("a1", "d", ["p"])],
    [("x", "a1")],
    thesis="d",
    **RENDER,
)


def vis_items(html: str, name: str) -> list[dict]:
    m = re.search(name + r" = new vis\.DataSet\((.*?)\);\n", html)
    assert m, name
    return json.loads(m.group(1))


def test_every_statement_and_argument_is_a_node_at_its_layout_position():
    html = render_html(TINY, ALL_IN, TINY.starting_choices())
    nodes = vis_items(html, "nodes")
    ids = [n["id"] for n in nodes]
    assert sorted(ids) == sorted([s.id for s in TINY.statements] + [a.id for a in TINY.arguments])
    pos = compute_layout(TINY)
    for n in nodes:
        assert (n["x"], n["y"]) == pos[n["id"]]
        assert n["status"] == ALL_IN[n["id"]]
        assert n["group"] == f"{n['kind']}-{n['status']}"
    assert {
        n["id"]: n["choice"] for n in nodes if n["kind"] != "conclusion" and n["kind"] != "argument"
    } == TINY.starting_choices()


def test_options_physics_off_straight_edges():
    html = render_html(TINY, ALL_IN, TINY.starting_choices())
    m = re.search(r"var options = (\{.*?\});\n", html)
    options = json.loads(m.group(1))
    assert options["physics"]["enabled"] is False
    assert options["edges"]["smooth"] is False
    assert options["nodes"]["fixed"] == {"x": True, "y": True}  # a drag cannot move a node
    assert options["groups"] == NODE_GROUPS


def test_a_group_per_kind_and_status_every_group_of_a_kind_setting_the_same_keys():
    kinds = {"premise", "analogy", "example", "objection", "conclusion", "argument", "question"}
    assert set(NODE_GROUPS) == {f"{k}-{s}" for k in kinds for s in ("in", "out", "undecided")}
    for kind in kinds:
        looks = [NODE_GROUPS[f"{kind}-{s}"] for s in ("in", "out", "undecided")]
        assert len({json.dumps(sorted(g)) for g in looks}) == 1, kind  # same keys
        assert len({g["color"]["border"] for g in looks}) == 3  # the status shows
    for status in ("in", "out", "undecided"):
        group = NODE_GROUPS[f"premise-{status}"]
        assert group["color"]["border"] == PALETTE[status]["border"]
        assert bool(group["shapeProperties"]["borderDashes"]) == (status != "in")


def test_support_and_attack_edges_look_different():
    html = render_html(TINY, ALL_IN, TINY.starting_choices())
    edges = {e["id"]: e for e in vis_items(html, "edges")}
    assert set(edges) == {
        "support:p:a1",
        "support:q:a1",
        "support:a1:c",
        "support:r:a2",
        "support:a2:c",
        "support:c:a3",
        "support:a3:d",
        "attack:x:a2",
        "attack:y:x",
    }
    att, sup = edges["attack:y:x"], edges["support:a1:c"]
    assert att["label"] == "against" and att["dashes"] and att["arrows"]["to"]["type"] == "bar"
    assert "dashes" not in sup and "label" not in sup
    assert att["color"]["color"] != sup["color"]["color"]
    assert (att["from"], att["to"]) == ("y", "x")  # directed


def test_offline_no_cdn_no_outside_src():
    html = render_html(TINY, ALL_IN, TINY.starting_choices())
    assert "bootstrap" not in html
    assert "cdnjs" not in html and "jsdelivr" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "node_modules" not in html
    assert "vis.Network" in html  # vis-network is inlined


def test_of_vis_networks_stylesheet_only_the_tooltip_rules_are_sent():
    html = render_html(TINY, ALL_IN, TINY.starting_choices())
    styles = re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
    vis_classes = {c for css in styles for c in re.findall(r"\.(vis-[\w-]+)", css)}
    assert vis_classes == {"vis-tooltip"}
    assert sum(len(css) for css in styles) < 2_000
    assert "data:image" not in html  # the panels' icons are gone


def test_hostile_text_never_becomes_markup():
    labels = {"p": "in", "x": "out", "d": "in", "a1": "in"}
    html = render_html(HOSTILE, labels, HOSTILE.starting_choices())
    for bad in ("<script>alert", "</script><script>", "<img src=x", '<a href="http://evil">'):
        assert bad not in html
    # every <script> tag in the page is ours: pyvis utils, vis-network, and
    # drawGraph followed by the bridge; the same count as for a harmless debate
    plain = render_html(TINY, ALL_IN, TINY.starting_choices())
    assert html.count("<script") == plain.count("<script") == 4  # one is a string inside vis-network
    # The bridge runs in drawGraph's own script (no frame drawn in between).
    assert re.search(r"drawGraph\(\);\s*\(function \(\) \{\s*\"use strict\";", html)
    nodes = vis_items(html, "nodes")
    assert not any("title" in n for n in nodes)  # tooltips come from textContent
    assert "div.popup" not in html  # pyvis's raw-HTML tooltip mode stayed off
    p = next(n for n in nodes if n["id"] == "p")
    assert PAYLOAD in p["tip"]  # the text survives, literally


def test_node_styles_follow_labels_with_the_same_keys_for_every_state():
    s1 = node_styles(TINY, ALL_IN, TINY.starting_choices())
    labels2 = dict(ALL_IN, p="out", a1="out", q="undecided")
    s2 = node_styles(TINY, labels2, dict(TINY.starting_choices(), p="rejected", q="unsure"))
    for a, b in zip(s1, s2, strict=True):
        assert a["id"] == b["id"] and set(a) == set(b)
    by = {s["id"]: s for s in s2}
    assert by["p"]["group"] == "premise-out" and by["a1"]["group"] == "argument-out"
    assert by["q"]["group"] == "premise-undecided" and by["r"]["group"] == "analogy-in"
    assert by["q"]["label"].startswith("?")
    assert by["p"]["label"].startswith("✗") and by["r"]["label"].startswith("✓")
    assert by["q"]["choice"] == "unsure" and by["c"]["choice"] is None


def test_style_delta_lists_exactly_the_changed_items():
    base = node_styles(TINY, ALL_IN, TINY.starting_choices())
    assert style_delta(base, base) == []
    labels2 = dict(ALL_IN, p="out", a1="out")
    now = node_styles(TINY, labels2, dict(TINY.starting_choices(), p="rejected"))
    assert [d["id"] for d in style_delta(base, now)] == ["p", "a1"]
    ebase = edge_styles(TINY, ALL_IN)
    enow = edge_styles(TINY, labels2)
    assert {d["id"] for d in style_delta(ebase, enow)} == {"support:p:a1", "support:a1:c"}


def test_tooltip_carries_text_quote_and_reason():
    d = build_debate(
        [("p", "premise", {"quote": "Q!", "text": "P"}), ("d", "conclusion")], [("a", "d", ["p"])], thesis="d", **RENDER
    )
    styles = node_styles(
        d,
        {"p": "in", "d": "in", "a": "in"},
        d.starting_choices(),
        reasons={"p": "you accept it and nothing attacks it"},
    )
    tip = styles[0]["tip"]
    assert "P" in tip and "Quote: “Q!”" in tip and "Why: you accept it and nothing attacks it" in tip


@pytest.mark.parametrize(
    "text, forbidden",
    [
        ("[click](javascript:alert(1))", "[click]("),
        ("<b>bold</b>", "<b>"),
        ("**strong**", "**"),
        (":red[colour]", ":red["),
        ("`code`", "`code`"),
        ("# heading", "# "),
        ("- item", "- "),
        ("$x^2$", "$x"),
    ],
)
def test_escape_markdown_defuses_markup(text, forbidden):
    out = escape_markdown(text)
    # the markup's first character is always escaped
    assert not re.search(r"(?<!\\)" + re.escape(forbidden), out)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_escape_markdown_keeps_the_visible_text(text):
    out = escape_markdown(text)
    assert "\n" not in out
    # removing the escapes (and the invisible word joiners that break bare
    # addresses) gives back the text with its whitespace collapsed
    joiner = "\u2060"
    assert re.sub(r"\\(.)", r"\1", out).replace(joiner, "") == " ".join(text.split()).replace(joiner, "")


def test_style_values_are_complete_so_a_delta_loses_nothing():
    # A vis DataSet update replaces top-level keys wholesale: every styled key
    # must carry the whole value the drawn item has.
    labels = dict(ALL_IN, p="out", a1="out")
    choices = dict(TINY.starting_choices(), p="rejected")
    html = render_html(TINY, labels, choices)
    drawn = {n["id"]: n for n in vis_items(html, "nodes")}
    for style in node_styles(TINY, labels, choices):
        for key, value in style.items():
            assert drawn[style["id"]][key] == value, (style["id"], key)
    drawn_edges = {e["id"]: e for e in vis_items(html, "edges")}
    for style in edge_styles(TINY, labels):
        for key, value in style.items():
            assert drawn_edges[style["id"]][key] == value, (style["id"], key)


_RENDER_IN_A_NEW_PROCESS = (
    "import hashlib, sys\n"
    "from graph.load import load_debate\n"
    "from graph.evaluate import evaluate\n"
    "from graph.render import render_html\n"
    "d = load_debate('tests/fixtures/app/tiny.yaml')\n"
    "c = d.starting_choices()\n"
    "print(hashlib.sha256(render_html(d, evaluate(d, c), c).encode()).hexdigest())\n"
)


def _render_in_a_new_process(tmp: Path) -> str:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run(
        [sys.executable, "-c", _RENDER_IN_A_NEW_PROCESS],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "TMPDIR": str(tmp)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_compiled_page_template_is_kept_for_the_next_process(tmp_path):
    first = _render_in_a_new_process(tmp_path)
    cached = sorted(tmp_path.glob("_jinja2-cache-*/__jinja2_*.cache"))
    assert cached  # pyvis's template and the ones it includes
    stamps = [c.stat().st_mtime_ns for c in cached]
    assert _render_in_a_new_process(tmp_path) == first  # same page from the cache
    assert [c.stat().st_mtime_ns for c in cached] == stamps  # read, not compiled and written again


def test_a_cache_folder_that_cannot_be_used_costs_only_time(tmp_path):
    (tmp_path / "fresh").mkdir()
    expected = _render_in_a_new_process(tmp_path / "fresh")
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    # Jinja refuses a cache "folder" that is a file, and one whose files are damaged.
    (blocked / f"_jinja2-cache-{os.getuid()}").write_text("not a folder")
    assert _render_in_a_new_process(blocked) == expected
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    _render_in_a_new_process(damaged)
    for cache in damaged.glob("_jinja2-cache-*/__jinja2_*.cache"):
        cache.write_bytes(cache.read_bytes()[:40])
    assert _render_in_a_new_process(damaged) == expected


def test_an_arguments_tooltip_says_where_each_critical_question_stands():
    from graph.load import load_debate

    d = load_debate(Path(__file__).parent / "fixtures" / "valid" / "questions.yaml")
    choices = dict(d.starting_choices(), **{"a1-q1": "unsure", "apt": "accepted"})
    styles = {s["id"]: s for s in node_styles(d, {}, choices)}
    tip = styles["a1"]["tip"].splitlines()
    assert "Ask: Is P enough? (open)" in tip
    assert "Ask: Is the analogy apt? (raised; answered by the challenge “The text answers the question”)" in tip
    start = {s["id"]: s for s in node_styles(d, {}, d.starting_choices())}
    assert "Ask: Is P enough? (not raised)" in start["a1"]["tip"].splitlines()


def test_every_critical_question_is_a_node_beside_its_argument_worded_as_a_question():
    from graph.load import load_debate

    d = load_debate(Path(__file__).parent / "fixtures" / "valid" / "questions.yaml")
    start = d.starting_choices()
    statuses = {"a1-q1": "undecided", "apt": "in", "ans": "in"}
    choices = dict(start, **{"a1-q1": "unsure", "apt": "accepted"})
    styles = {s["id"]: s for s in node_styles(d, statuses, choices)}
    # Statements, then arguments, then the questions in file order.
    assert list(styles) == [*d.statement_by_id, *d.argument_by_id, "a1-q1", "apt"]
    open_q, raised = styles["a1-q1"], styles["apt"]
    assert open_q["group"] == "question-undecided" and open_q["choice"] == "unsure"
    assert open_q["label"] == "? QUESTION — open\nIs P enough?"
    assert raised["label"].startswith("✓ QUESTION — raised\n")
    not_raised = {s["id"]: s for s in node_styles(d, {"a1-q1": "out"}, start)}["a1-q1"]
    assert not_raised["label"] == "✗ QUESTION — not\u00a0raised\nIs P enough?"  # never split
    assert not_raised["choice"] == "rejected"
    tip = open_q["tip"].splitlines()
    assert tip[0].startswith("Critical question (open) — ? Undecided")
    assert tip[1] == "Is P enough?"
    assert "Click it to change: not raised → raised → open → not raised." in tip
    answered = raised["tip"].splitlines()
    assert "Answered by the challenge “The text answers the question”." in answered
    assert "Note: Ask what differs." in answered
    assert not any("a1-q1" in line or "apt:" in line for line in tip + answered)  # never an id
    # Each question attacks its argument; an answer attacks its question.
    edges = {e["id"] for e in edge_styles(d, statuses)}
    assert {"attack:a1-q1:a1", "attack:apt:a1", "attack:ans:apt"} <= edges
    html = render_html(d, statuses, choices)
    nodes = vis_items(html, "nodes")
    assert {n["id"]: n["kind"] for n in nodes if n["id"] in ("a1-q1", "apt")} == {
        "a1-q1": "question",
        "apt": "question",
    }
    assert NODE_GROUPS["question-in"]["shape"] == "box"


def _bridge_settings(html: str) -> dict:
    m = re.search(r"var SETTINGS = (\{.*?\});\n", html)
    assert m, "the bridge's SETTINGS were not filled in"
    return json.loads(m.group(1))


def test_the_bridge_gets_the_view_settings_and_the_thesis_as_the_first_views_root():
    html = render_html(TINY, ALL_IN, TINY.starting_choices())
    assert _bridge_settings(html) == {"maxScale": 1.0, "readablePx": READABLE_PX, "root": "d"}
    assert READABLE_PX == 11  # the "readable": 11 CSS px on screen
    assert html.count("var SETTINGS = ") == 1
    assert "var SETTINGS = {};" not in html
    no_thesis = build_debate([("p", "premise"), ("c", "conclusion")], [("a", "c", ["p"])], **RENDER)
    assert _bridge_settings(render_html(no_thesis, {}, no_thesis.starting_choices()))["root"] is None


def test_the_frame_never_scrolls_itself_so_a_plain_wheel_scrolls_the_page():
    html = render_html(TINY, ALL_IN, TINY.starting_choices())
    rule = re.search(r"html, body \{([^}]*)\}", html)
    assert rule and "overflow: hidden" in rule.group(1)
    # The toolbar's buttons and the wheel hint are styled inside the frame (no outside sheet).
    for selector in (".argmap-bar button", ".argmap-bar button:focus-visible", ".argmap-hint.shown"):
        assert selector + " {" in html, selector


def test_the_bridge_keeps_its_checks_on_messages_and_builds_no_markup_from_text():
    html = render_html(TINY, ALL_IN, TINY.starting_choices())
    bridge = html[html.index("var SETTINGS = ") :]
    assert "event.source !== window.parent" in bridge
    assert "ID_RE.test(id)" in bridge
    # Text reaches the frame's DOM only as textContent.
    assert "innerHTML" not in bridge and "insertAdjacentHTML" not in bridge
