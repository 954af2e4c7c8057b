"""graph/network.py: the NetworkX model of a debate."""
from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import given, settings

from graph.load import load_debate
from graph.network import build_graph
from strategies import debates

WORKED = Path(__file__).parent / "fixtures" / "valid" / "worked-example.yaml"


def test_worked_example_graph():
    d = load_debate(WORKED)
    g = build_graph(d)
    assert list(g.nodes) == ["p", "q", "r", "c", "d", "x", "y", "a1", "a2", "a3"]
    assert g.nodes["p"]["type"] == "statement" and g.nodes["p"]["kind"] == "premise"
    assert g.nodes["p"]["text"] == "P" and g.nodes["p"]["data"] is d.statement_by_id["p"]
    assert g.nodes["a1"]["type"] == "argument" and g.nodes["a1"]["data"] is d.argument_by_id["a1"]
    edges = {(u, v): data["relation"] for u, v, data in g.edges(data=True)}
    assert edges == {
        ("p", "a1"): "premise", ("q", "a1"): "premise", ("a1", "c"): "conclusion",
        ("r", "a2"): "premise", ("a2", "c"): "conclusion",
        ("c", "a3"): "premise", ("a3", "d"): "conclusion",
        ("x", "a2"): "attack", ("y", "x"): "attack",
    }
    assert g.edges["x", "a2"]["note"] is None


def test_each_call_builds_a_new_graph():
    d = load_debate(WORKED)
    g1 = build_graph(d)
    g1.remove_node("p")
    g1.nodes["q"]["kind"] = "changed"
    g2 = build_graph(d)
    assert "p" in g2 and g2.nodes["q"]["kind"] == "premise"
    assert d.statement_by_id["q"].kind == "premise"


def test_premise_that_also_attacks_its_argument_keeps_both_relations(tmp_path):
    p = tmp_path / "d.yaml"
    p.write_text(
        "format: debate/1\ntitle: T\nstatements:\n  - {id: p, kind: premise, text: P}\n"
        "  - {id: c, kind: conclusion, text: C}\narguments:\n  - {id: a, conclusion: c, premises: [p]}\n"
        "attacks:\n  - {by: p, target: a, note: self-defeating}\n  - {by: p, target: a}\n",
        encoding="utf-8",
    )
    g = build_graph(load_debate(p))
    assert g.edges["p", "a"]["relation"] == "premise"
    assert g.edges["p", "a"]["relations"] == ("premise", "attack")
    assert g.edges["p", "a"]["note"] == "self-defeating"


@settings(max_examples=60, deadline=None)
@given(debates())
def test_graph_matches_the_debate_and_leaves_it_unchanged(d):
    before = copy.deepcopy((d.statements, d.arguments, d.attacks))
    g = build_graph(d)
    assert (d.statements, d.arguments, d.attacks) == before
    assert set(g.nodes) == {s.id for s in d.statements} | {a.id for a in d.arguments}
    expected = set()
    for a in d.arguments:
        expected |= {(p, a.id, "premise") for p in a.premises}
        expected.add((a.id, a.conclusion, "conclusion"))
    expected |= {(t.by, t.target, "attack") for t in d.attacks}
    got = {(u, v, r) for u, v, data in g.edges(data=True) for r in data["relations"]}
    assert got == expected
    for u, v, data in g.edges(data=True):
        assert data["relation"] == data["relations"][0]
