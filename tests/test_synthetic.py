"""bench/synthetic.py: seeded, valid, and written as YAML the loader reads back unchanged."""

from __future__ import annotations

from dataclasses import replace

from bench.synthetic import make_attack_framework, make_debate, with_questions, without_questions, write_debate_yaml
from graph.evaluate import evaluate


def test_same_seed_same_debate_other_seed_other_debate():
    assert make_debate(300, seed=3) == make_debate(300, seed=3)
    assert make_debate(300, seed=3) != make_debate(300, seed=4)


def test_debate_has_every_ingredient():
    d = make_debate(1000, seed=1)
    assert 950 <= len(d.statements) <= 1050
    assert any(len(v) > 1 for v in d.arguments_for.values())  # alternative arguments
    assert any(p in d.arguments_for for a in d.arguments for p in a.premises)  # chains
    args, stmts = set(d.argument_by_id), set(d.statement_by_id)
    assert any(a.target in args for a in d.attacks)  # undercuts
    assert any(a.target in stmts for a in d.attacks)  # rebuttals
    pairs = {(a.by, a.target) for a in d.attacks}
    assert any((t, b) in pairs for b, t in pairs)  # 2-cycles
    assert set(evaluate(d).values()) == {"in", "out", "undecided"}


def test_written_yaml_loads_back_to_the_same_labels(tmp_path):
    from graph.load import check_debate

    d = make_debate(300, seed=300)
    path = write_debate_yaml(d, tmp_path / "sub" / "synthetic-300.yaml")
    loaded, errors = check_debate(path)
    assert errors == []
    assert [s.id for s in loaded.statements] == [s.id for s in d.statements]
    assert len(loaded.attacks) == len(d.attacks)
    assert evaluate(loaded) == evaluate(d)
    f = make_attack_framework(200, seed=2)
    loaded, errors = check_debate(write_debate_yaml(f, tmp_path / "framework.yaml"))
    assert errors == [] and evaluate(loaded) == evaluate(f)


def test_questions_are_added_in_turn_and_dropped_with_the_attacks_on_them(tmp_path):
    from graph.load import check_debate
    from graph.model import Attack

    asked = with_questions(make_debate(60, seed=1))
    assert [len(a.questions) for a in asked.arguments[:5]] == [0, 1, 2, 3, 0]
    loaded, errors = check_debate(write_debate_yaml(asked, tmp_path / "asked.yaml"))
    assert errors == [] and len(loaded.questions) == len(asked.questions) > 0
    answered = replace(
        asked, attacks=(*asked.attacks, Attack(by=asked.statements[0].id, target=asked.questions[0].id, line=1))
    )
    bare = without_questions(answered)
    assert bare.questions == () and bare.attacks == asked.attacks
