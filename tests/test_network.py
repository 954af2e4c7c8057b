"""graph/network.py: the NetworkX model of a debate."""

from __future__ import annotations

import copy
import io
import itertools
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.index import debate_index
from graph.load import load_debate
from graph.network import build_graph, debate_graph, support_cycles, to_graphml, upstream_of
from tests.builders import WORKED_EXAMPLE_FILE, build_debate, every_link, load_worked_example
from tests.strategies import debates


def test_worked_example_graph(worked):
    d = worked
    g = build_graph(d)
    assert list(g.nodes) == ["p", "q", "r", "c", "d", "x", "y", "a1", "a2", "a3"]
    assert g.nodes["p"]["type"] == "statement" and g.nodes["p"]["kind"] == "premise"
    assert g.nodes["p"]["text"] == "P" and g.nodes["p"]["data"] is d.statement_by_id["p"]
    assert g.nodes["a1"]["type"] == "argument" and g.nodes["a1"]["data"] is d.argument_by_id["a1"]
    edges = {(u, v): data["relation"] for u, v, data in g.edges(data=True)}
    assert edges == {
        ("p", "a1"): "premise",
        ("q", "a1"): "premise",
        ("a1", "c"): "conclusion",
        ("r", "a2"): "premise",
        ("a2", "c"): "conclusion",
        ("c", "a3"): "premise",
        ("a3", "d"): "conclusion",
        ("x", "a2"): "attack",
        ("y", "x"): "attack",
    }
    assert g.edges["x", "a2"]["note"] is None


def test_each_call_builds_a_new_graph(worked):
    d = worked
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
    assert set(g.nodes) == {s.id for s in d.statements} | {a.id for a in d.arguments} | {q.id for q in d.questions}
    expected = {(q.id, q.argument, "attack") for q in d.questions}  # a raised question undercuts its argument
    for a in d.arguments:
        expected |= {(p, a.id, "premise") for p in a.premises}
        expected.add((a.id, a.conclusion, "conclusion"))
    expected |= {(t.by, t.target, "attack") for t in d.attacks}
    got = {(u, v, r) for u, v, data in g.edges(data=True) for r in data["relations"]}
    assert got == expected
    for _, _, data in g.edges(data=True):
        assert data["relation"] == data["relations"][0]


# -- debate_graph: the cached, read-only model ------------------------------------


def test_debate_graph_of_the_worked_example(worked):
    d = worked
    g = debate_graph(d)
    assert isinstance(g, nx.MultiDiGraph)
    assert list(g.nodes) == ["p", "q", "r", "c", "d", "x", "y", "a1", "a2", "a3"]
    assert g.nodes["p"] == {"kind": "premise", "text": "P", "quote": None, "line": 4}
    assert g.nodes["a1"] == {"kind": "argument", "text": "", "quote": None, "line": 12}
    assert g.graph == {"title": "Tiny", "path": d.path}
    assert sorted((u, v, k) for u, v, k in g.edges(keys=True)) == sorted(
        [
            ("p", "a1", "support"),
            ("q", "a1", "support"),
            ("a1", "c", "support"),
            ("r", "a2", "support"),
            ("a2", "c", "support"),
            ("c", "a3", "support"),
            ("a3", "d", "support"),
            ("x", "a2", "attack"),
            ("y", "x", "attack"),
        ]
    )
    assert all(data["relation"] == k for _, _, k, data in g.edges(keys=True, data=True))


def test_debate_graph_is_built_once_per_debate_and_frozen(worked):
    d = worked
    g = debate_graph(d)
    assert debate_graph(d) is g
    assert nx.is_frozen(g)
    with pytest.raises(nx.NetworkXError):
        g.add_node("new")
    with pytest.raises(nx.NetworkXError):
        g.remove_edge("p", "a1")
    # another instance of an equal debate has its own graph, equal to this one
    other = load_worked_example()
    assert debate_graph(other) is not g and nx.utils.graphs_equal(debate_graph(other), g)
    # the debate's fields and equality are untouched by the cache
    assert d == other


def test_premise_that_also_attacks_its_argument_has_both_edges():
    d = build_debate([("p", "premise"), ("c", "conclusion")], [("a", "c", ["p", "p"])], [("p", "a"), ("p", "a")])
    g = debate_graph(d)
    assert sorted(g["p"]["a"]) == ["attack", "support"]
    assert g.number_of_edges() == 3  # p -> a twice (support, attack: each once), a -> c


def test_graph_and_index_are_built_from_the_same_links(worked):
    d = worked
    ix = debate_index(d)
    g = debate_graph(d)
    from_index = {(ix.ids[u], ix.ids[v], "support") for u in range(ix.n) for v in ix.sup_succ[u]}
    from_index |= {(ix.ids[u], ix.ids[v], "attack") for u in range(ix.n) for v in ix.att_succ[u]}
    assert set(g.edges(keys=True)) == from_index
    assert list(g.nodes) == ix.file_ids


# -- upstream_of ---------------------------------------------------------------------


def test_upstream_of_the_worked_example(worked):
    d = worked
    assert upstream_of(d, ["d"]) == ("p", "q", "r", "c", "d", "x", "y", "a1", "a2", "a3")
    assert upstream_of(d, ["x"]) == ("x", "y")
    assert upstream_of(d, ["a1", "y"]) == ("p", "q", "y", "a1")
    assert upstream_of(d, []) == ()
    with pytest.raises(KeyError):
        upstream_of(d, ["nowhere"])


def _reaching(d, targets) -> set[str]:
    """Brute force: every node with a path of links to a target, and the targets."""
    links = every_link(d)
    found = set(targets)
    while True:
        more = {u for u, v in links if v in found} - found
        if not more:
            return found
        found |= more


@settings(max_examples=60, deadline=None)
@given(debates(), st.data())
def test_upstream_of_is_everything_that_reaches_the_nodes(d, data):
    ids = [s.id for s in d.statements] + [a.id for a in d.arguments] + [q.id for q in d.questions]
    targets = data.draw(st.lists(st.sampled_from(ids), max_size=3))
    got = upstream_of(d, targets)
    assert set(got) == _reaching(d, targets)
    assert list(got) == [n for n in ids if n in set(got)]  # file order, each once
    # the index's walk (what explanations use) finds the same part
    ix = debate_index(d)
    assert {ix.ids[i] for i in ix.upstream(ix.pos[t] for t in targets)} == set(got)


# -- support_cycles -------------------------------------------------------------------


def test_support_cycles_name_the_loaders_circular_support():
    # tests/fixtures/invalid/circular-support.yaml, as objects (the loader refuses the file);
    # test_load expects "d -> a3 -> e -> a2 -> d" and "e -> a4 -> e" for it.
    d = build_debate(
        [("p", "premise"), ("c", "conclusion"), ("d", "conclusion"), ("e", "conclusion")],
        [("a1", "c", ["p"]), ("a2", "d", ["c", "e"]), ("a3", "e", ["d"]), ("a4", "e", ["e"])],
    )
    assert support_cycles(d) == (("d", "a3", "e", "a2", "d"), ("e", "a4", "e"))
    assert support_cycles(d, limit=1) in ((("d", "a3", "e", "a2", "d"),), (("e", "a4", "e"),))
    with pytest.raises(ValueError, match="at least 1"):
        support_cycles(d, limit=0)


def test_attack_cycles_are_not_support_cycles(worked):
    d = worked
    assert support_cycles(d) == ()
    d = build_debate([("x", "objection", True), ("y", "objection", True)], attacks=[("x", "y"), ("y", "x")])
    assert support_cycles(d) == ()


def test_support_cycles_name_at_most_limit_per_tangle_and_every_tangle():
    # one tangle: c0..c3 each concluded from each other one (many cycles); a separate 2-cycle e <-> f
    cs = [f"c{i}" for i in range(4)]
    args = [(f"a{i}{j}", cs[j], [cs[i]]) for i in range(4) for j in range(4) if i != j]
    args += [("ae", "e", ["f"]), ("af", "f", ["e"])]
    d = build_debate([("p", "premise")] + [(c, "conclusion") for c in [*cs, "e", "f"]], args)
    cycles = support_cycles(d, limit=3)
    tangle = [c for c in cycles if c[0] in cs]
    assert len(tangle) == 3 and len(set(tangle)) == 3
    assert [c for c in cycles if c[0] not in cs] == [("e", "af", "f", "ae", "e")]
    for c in cycles:
        assert c[0] == c[-1] and len(set(c[:-1])) == len(c) - 1
        links = {(p, a) for a, _, ps in args for p in ps} | {(a, concl) for a, concl, _ in args}
        assert all((u, v) in links for u, v in itertools.pairwise(c))
    assert len(support_cycles(d)) > 3


@settings(max_examples=60, deadline=None)
@given(debates())
def test_debates_that_check_accepts_have_no_support_cycles(d):
    assert support_cycles(d) == ()


# -- to_graphml ------------------------------------------------------------------------


def _read(text: str) -> nx.MultiDiGraph:
    return nx.read_graphml(io.BytesIO(text.encode("utf-8")), force_multigraph=True)


def test_graphml_reads_back_with_networkx(worked):
    d = worked
    back = _read(to_graphml(d))
    g = debate_graph(d)
    assert list(back.nodes) == list(g.nodes)
    for n, attrs in g.nodes(data=True):
        assert back.nodes[n] == {k: v for k, v in attrs.items() if v is not None}
    assert sorted((u, v, data["relation"]) for u, v, data in back.edges(data=True)) == sorted(
        (u, v, k) for u, v, k in g.edges(keys=True)
    )
    assert back.graph["title"] == "Tiny"


def test_graphml_keeps_markup_as_text_quotes_and_parallel_edges():
    d = build_debate(
        [
            ("p", "premise", {"text": '<b>bold</b> & "quoted" \x01 ctrl', "quote": "a <quote>", "accepted": None}),
            ("c", "conclusion"),
        ],
        [("a", "c", ["p"])],
        [("p", "a")],
        title="T <&>",
    )
    text = to_graphml(d)
    assert "<b>" not in text  # escaped, never markup
    back = _read(text)
    assert back.nodes["p"]["text"] == '<b>bold</b> & "quoted" \ufffd ctrl'
    assert back.nodes["p"]["quote"] == "a <quote>"
    assert "quote" not in back.nodes["c"]
    assert back.graph["title"] == "T <&>"
    assert sorted(data["relation"] for _, _, data in back.edges("p", data=True)) == ["attack", "support"]


# -- the page's fast path does not import networkx ----------------------------------------


def test_evaluation_and_explanation_do_not_import_networkx():
    code = (
        "import sys\n"
        "from graph.evaluate import evaluate, reevaluate\n"
        "from graph.explain import explain_many, critical_givens\n"
        "from graph.load import load_debate\n"
        f"d = load_debate({str(WORKED_EXAMPLE_FILE)!r})\n"
        "s = evaluate(d); reevaluate(d, s, {'q': 'rejected'}, 'q'); explain_many(d, {}); critical_givens(d, {}, 'd')\n"
        "print('networkx' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"
