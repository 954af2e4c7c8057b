"""graph/load.py: every rejection rule, exact messages and lines, and robustness."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import load
from graph.load import MAX_BYTES, check_debate, load_debate
from graph.model import Debate, DebateError, DebateInvalid
from tests.strategies import debates

FIXTURES = Path(__file__).parent / "fixtures"
INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"

OUTSIDE = (
    "is outside the debate file's folder (the source text must be a file in the same folder, or in a folder below it)"
)

NOT_PLAIN = "is not plain data (only strings, numbers, booleans, lists and mappings are allowed)"

# fixture -> every "LINE: message" check must report, in this order.
EXPECTED = {
    "accepted-on-conclusion.yaml": [
        "5: statements[1].accepted: a conclusion has no 'accepted' (it holds only through its arguments)",
    ],
    "alias-repeats-too-much.yaml": [
        "72: not YAML this checker accepts: aliases may repeat at most 10000 values in all, and '*many' goes"
        " past that; write the values out",
    ],
    "attack-target-names-nothing.yaml": [
        "9: attacks[0].target: 'ghost' names no statement or argument",
    ],
    "attacker-is-argument.yaml": [
        "9: attacks[0].by: 'a' is an argument; an attacker must be a statement",
    ],
    "bool-tag-not-boolean.yaml": [
        "7: statements[0].accepted: expected true or false, got !!bool 'maybe' (not a boolean value)",
    ],
    "bad-id.yaml": [
        "4: statements[0].id: bad id 'Bad_Id': use lowercase letters, digits and '-', starting with a letter"
        " or digit, at most 64 characters",
    ],
    "circular-support.yaml": [
        "6: circular support: d -> a3 -> e -> a2 -> d (each link supports the next, so none can hold)",
        "7: circular support: e -> a4 -> e (each link supports the next, so none can hold)",
    ],
    "conclusion-not-conclusion.yaml": [
        "7: arguments[0].conclusion: 'q' is an example, not a conclusion",
    ],
    "conclusion-without-argument.yaml": [
        "5: statements[1]: conclusion 'c' has no argument (add one, or make it a premise)",
    ],
    "custom-tag.yaml": [
        "4: statements[0]: tag '!statement' is not plain data (only strings, numbers, booleans, lists and"
        " mappings are allowed)",
    ],
    "duplicate-id.yaml": [
        "7: arguments[0].id: duplicate id 'p' (first used at line 4)",
    ],
    "duplicate-key.yaml": [
        "7: statements[0]: duplicate key 'text' (first at line 6)",
    ],
    "empty.yaml": [
        "1: the file is empty (expected 'format: debate/1' and the rest)",
    ],
    "missing-field.yaml": [
        "4: statements[0]: missing required field 'text'",
    ],
    "missing-top-key.yaml": [
        "1: missing top-level key 'title'",
    ],
    "no-premises.yaml": [
        "6: arguments[0].premises: an argument needs at least one premise",
    ],
    "not-utf8.yaml": [
        "2: not UTF-8: byte 0xe9 cannot be decoded (save the file as UTF-8)",
    ],
    "not-yaml.yaml": [
        "5: not YAML: did not find expected ',' or '}' (while parsing a flow mapping that starts at line 4)",
    ],
    "only-document-start.yaml": [
        "1: the top level must be a mapping (format:, title:, statements:, ...), got nothing",
    ],
    "premise-is-argument.yaml": [
        "9: arguments[1].premises[0]: 'a' is an argument; a premise must be a statement",
    ],
    "premise-names-nothing.yaml": [
        "9: arguments[0].premises[1]: 'nowhere' names no statement",
    ],
    "python-tag.yaml": [
        "6: statements[0].text: tag '!!python/object/apply:os.system' is not plain data (only strings,"
        " numbers, booleans, lists and mappings are allowed)",
    ],
    "quote-not-in-source.yaml": [
        "9: statements[0].quote: not found in 'source.txt' (a quote must be an exact substring of the source text)",
    ],
    "quote-without-source.yaml": [
        "4: statements[0].quote: a quote needs a source text (add source: text: FILE)",
    ],
    "question-as-attacker.yaml": [
        "10: attacks[0].by: 'a-q1' is a question; an attacker must be a statement"
        " (a question only undercuts its own argument)",
    ],
    "question-as-premise.yaml": [
        "9: arguments[1].premises[0]: 'a-q1' is a question; a premise must be a statement",
        "10: arguments[2].conclusion: 'a-q1' is a question, not a conclusion",
    ],
    "question-bad-id.yaml": [
        "11: arguments[0].critical_questions[0].id: bad id 'Is-It-Apt': use lowercase letters, digits and '-',"
        " starting with a letter or digit, at most 64 characters",
    ],
    "question-default-id-taken.yaml": [
        "12: arguments[0].critical_questions[0]: the question's id 'a-q1' (the argument's id, '-q' and the"
        " position) is already used at line 5; give the question an id ({id: ..., text: ...})",
    ],
    "question-default-id-too-long.yaml": [
        "11: arguments[0].critical_questions[0]: bad id 'an-argument-id-so-long-that-adding-dash-q-and-one-goes-past-64-q1'"
        " (the argument's id, '-q' and the position): use lowercase letters, digits and '-', starting with a letter"
        " or digit, at most 64 characters; write the question as {id: ..., text: ...}",
    ],
    "question-duplicate-id.yaml": [
        "11: arguments[0].critical_questions[0].id: duplicate id 'p' (first used at line 4)",
        "12: arguments[0].critical_questions[1].id: duplicate id 'b' (first used at line 13)",
    ],
    "question-wrong-shape.yaml": [
        "11: arguments[0].critical_questions[0]: expected a string or a mapping (id: ..., text: ...),"
        " got integer '12' (quote it)",
        "12: arguments[0].critical_questions[1]: missing required field 'text'",
        "13: arguments[0].critical_questions[2]: unknown field 'txet' (did you mean 'text'?)",
        "13: arguments[0].critical_questions[2]: missing required field 'text'",
    ],
    "scenario-duplicate-id.yaml": [
        "8: scenarios[1].id: duplicate scenario id 's' (first used at line 7)",
    ],
    "scenario-names-conclusion.yaml": [
        "11: scenarios[0].off[0]: 'c' is a conclusion; a scenario names givens only",
    ],
    "scenario-names-given-twice.yaml": [
        "13: scenarios[0].unsure[0]: 'p' is named twice in this scenario (first in 'on' at line 11)",
    ],
    "several-errors.yaml": [
        "1: missing top-level key 'title'",
        "4: statements[1].id: duplicate id 'p' (first used at line 3)",
        "6: statements[3]: conclusion 'lonely' has no argument (add one, or make it a premise)",
        "8: arguments[0].premises[1]: 'nowhere' names no statement",
        "9: arguments[1].premises: an argument needs at least one premise",
        "9: arguments[1].conclusion: 'p' is a premise, not a conclusion",
        "11: attacks[0].by: 'a' is an argument; an attacker must be a statement",
    ],
    "source-absolute-path.yaml": [
        f"4: source.text: '/etc/passwd' {OUTSIDE}",
    ],
    "source-not-regular-file.yaml": [
        "4: source.text: cannot read '.': it is a directory, not a regular file",
    ],
    "source-outside-folder.yaml": [
        f"5: source.text: '../valid/full.txt' {OUTSIDE}",
    ],
    "source-unreadable.yaml": [
        "5: source.text: cannot read 'missing-source.txt': No such file or directory",
    ],
    "thesis-not-conclusion.yaml": [
        "3: thesis: 'p' is a premise, not a conclusion",
    ],
    "too-deep.yaml": [
        "5: not YAML this checker accepts: nested deeper than 64 levels",
    ],
    "top-not-mapping.yaml": [
        "1: the top level must be a mapping (format:, title:, statements:, ...), got a list",
    ],
    "two-documents.yaml": [
        "5: not YAML this checker accepts: more than one document ('---'); a debate is one document",
    ],
    "unknown-alias.yaml": [
        "4: not YAML: unknown alias '*nothing'",
    ],
    "unknown-field.yaml": [
        "6: statements[0]: unknown field 'txt' (did you mean 'text'?)",
    ],
    "unknown-kind.yaml": [
        "4: statements[0].kind: unknown kind 'claim' (expected premise, analogy, example, objection or conclusion)",
    ],
    "unknown-scheme.yaml": [
        "7: arguments[0].scheme: unknown scheme 'induction' (expected deduction, analogy, example,"
        " authority, cause or other)",
    ],
    "unknown-top-key.yaml": [
        "6: unknown top-level key 'atacks' (did you mean 'attacks'?)",
    ],
    "value-and-merge-scalars.yaml": [
        "1: format: expected a string, got YAML 1.1 value key '=' (quote it)",
        "2: title: expected a string, got YAML 1.1 merge key '<<' (quote it)",
        "4: statements[0].kind: expected a string, got YAML 1.1 value key '=' (quote it)",
        "5: statements[1].text: expected a string, got YAML 1.1 merge key '<<' (quote it)",
        "5: statements[1].accepted: expected true or false, got YAML 1.1 value key '='",
        "6: arguments: expected a list, got YAML 1.1 value key '=' (quote it)",
    ],
    "wrong-format.yaml": [
        "1: format: expected 'debate/1', got 'debate/2'",
    ],
    "wrong-shapes.yaml": [
        "3: source: expected a mapping (text:, author:, url:), got string 'source.txt'",
        "5: statements[0]: expected a mapping (id: ..., ...), got string 'just a sentence'",
        "6: arguments: expected a list, got a mapping",
        "7: attacks: expected a list, got nothing (write [] for none)",
    ],
    "wrong-type.yaml": [
        "6: statements[0].text: expected a string, got integer '42' (quote it)",
    ],
    "yaml11-surprises.yaml": [
        "4: statements[0].id: expected a string, got boolean 'on' (quote it)",
        "5: statements[1].kind: expected a string, got boolean 'no' (quote it)",
        "6: statements[2].text: expected a string, got boolean 'yes' (quote it)",
        "7: statements[3].text: expected a string, got date '2024-05-01' (quote it)",
        "8: statements[4].accepted: expected true or false, got string 'no'",
    ],
}


def test_every_invalid_fixture_is_in_the_table():
    assert sorted(p.name for p in INVALID.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_reports_exact_errors(name):
    path = INVALID / name
    debate, errors = check_debate(path)
    assert debate is None
    assert [f"{e.line}: {e.message}" for e in errors] == EXPECTED[name]
    # Printed as FILE:LINE: message, with the path as the caller gave it.
    assert [str(e) for e in errors] == [f"{path}:{line}" for line in EXPECTED[name]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_load_debate_raises_with_the_same_errors(name):
    with pytest.raises(DebateInvalid) as info:
        load_debate(INVALID / name)
    assert [f"{e.line}: {e.message}" for e in info.value.errors] == EXPECTED[name]
    assert str(info.value).splitlines() == [f"{INVALID / name}:{line}" for line in EXPECTED[name]]


def test_several_errors_are_all_reported_in_line_order():
    _, errors = check_debate(INVALID / "several-errors.yaml")
    assert len(errors) == 7
    assert [e.line for e in errors] == sorted(e.line for e in errors)


def write(tmp_path: Path, text: str, name: str = "d.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


TINY = """format: debate/1
title: T
statements:
  - {id: p, kind: premise, text: P}
  - {id: c, kind: conclusion, text: C}
arguments:
  - {id: a, conclusion: c, premises: [p]}
"""


def test_file_over_2_mib_is_refused_before_parsing(tmp_path):
    # Not YAML at all: proves nothing was parsed.
    p = tmp_path / "big.yaml"
    p.write_bytes(b"\x00[" * (MAX_BYTES // 2) + b"x")
    _, errors = check_debate(p)
    assert [str(e) for e in errors] == [
        f"{p}:1: file is {MAX_BYTES + 1} bytes, larger than the 2 MiB limit ({MAX_BYTES} bytes); refused before parsing"
    ]


def test_file_of_exactly_2_mib_is_parsed(tmp_path):
    body = TINY + "#" * (MAX_BYTES - len(TINY.encode()) - 1) + "\n"
    p = write(tmp_path, body)
    assert os.path.getsize(p) == MAX_BYTES
    debate, errors = check_debate(p)
    assert errors == [] and debate is not None


def test_missing_file_and_directory_are_errors(tmp_path):
    _, errors = check_debate(tmp_path / "nope.yaml")
    assert [str(e) for e in errors] == [f"{tmp_path / 'nope.yaml'}:1: cannot read file: No such file or directory"]
    _, errors = check_debate(tmp_path)
    assert len(errors) == 1 and errors[0].line == 1
    assert errors[0].message.startswith("cannot read file: ")


def test_worked_example_loads_with_defaults():
    d = load_debate(VALID / "worked-example.yaml")
    assert isinstance(d, Debate)
    assert [s.id for s in d.statements] == ["p", "q", "r", "c", "d", "x", "y"]
    assert [s.line for s in d.statements] == [4, 5, 6, 7, 8, 9, 10]
    assert d.starting_choices() == {
        "p": "accepted",
        "q": "accepted",
        "r": "accepted",
        "x": "rejected",
        "y": "accepted",
    }
    assert d.statement_by_id["c"].accepted is None
    assert [(a.id, a.conclusion, a.premises) for a in d.arguments] == [
        ("a1", "c", ("p", "q")),
        ("a2", "c", ("r",)),
        ("a3", "d", ("c",)),
    ]
    assert [(t.by, t.target, t.line) for t in d.attacks] == [("x", "a2", 16), ("y", "x", 17)]
    assert d.path == str(VALID / "worked-example.yaml")


def test_full_fixture_keeps_every_field_and_character():
    d = load_debate(VALID / "full.yaml")
    s = d.statement_by_id
    assert d.thesis == "main" and d.title == "Everything: a full example"
    assert d.source.text == "full.txt" and d.source.author == "Someone"
    assert d.source_text == (VALID / "full.txt").read_bytes().decode("utf-8")
    assert "\r\n" in d.source_text  # no newline translation
    assert s["e1"].quote == "The first line.\r\nSecond" and s["e1"].text == "yes"
    assert s["e1"].editorial is True and s["p1"].editorial is False
    assert s["p2"].text == "First premise" and s["p2"].accepted is False  # alias; `no` is false
    assert s["obj"].accepted is False and s["obj-2"].accepted is True
    assert s["main"].note == "Longer free text <b>not HTML</b>."
    a = d.argument_by_id["arg-1"]
    assert a.scheme == "analogy"
    assert a.critical_questions == ("Is the analogy apt?", "Is 'yes' a word?")
    assert d.attacks[0].note == "an undercut"
    sc = d.scenario_by_id["main"]  # scenario ids have their own namespace
    assert (sc.on, sc.off, sc.unsure) == (("obj",), ("p1",), ("e1",))
    assert d.scenario_by_id["empty"].on == ()


def test_every_content_file_passes():
    for path in sorted((Path(__file__).parent.parent / "content").glob("*.yaml")):
        _, errors = check_debate(path)
        assert errors == [], [str(e) for e in errors]


@pytest.mark.parametrize(
    "line, message",
    [
        ("    kind: no", "statements[0].kind: expected a string, got boolean 'no' (quote it)"),
        ("    kind: 1.5", "statements[0].kind: expected a string, got number '1.5' (quote it)"),
        ("    kind: null", "statements[0].kind: expected a string, got null 'null' (quote it)"),
        ("    kind:", "statements[0].kind: expected a string, got nothing"),
        ("    kind: [premise]", "statements[0].kind: expected a string, got a list"),
        ("    kind: {a: b}", "statements[0].kind: expected a string, got a mapping"),
        ("    kind: !!binary aGVsbG8=", f"statements[0].kind: tag '!!binary' {NOT_PLAIN}"),
        (
            "    kind: !!str no",
            "statements[0].kind: unknown kind 'no' (expected premise, analogy, example, objection or conclusion)",
        ),
        ("    kind: premise\n    accepted: 1", "statements[0].accepted: expected true or false, got integer '1'"),
        # YAML 1.1 reads a plain `=` and `<<` as value/merge keys, not strings.
        ("    kind: =", "statements[0].kind: expected a string, got YAML 1.1 value key '=' (quote it)"),
        ("    kind: <<", "statements[0].kind: expected a string, got YAML 1.1 merge key '<<' (quote it)"),
        (
            "    kind: premise\n    accepted: !!bool maybe",
            "statements[0].accepted: expected true or false, got !!bool 'maybe' (not a boolean value)",
        ),
        (
            "    kind: premise\n    accepted: <<",
            "statements[0].accepted: expected true or false, got YAML 1.1 merge key '<<'",
        ),
        (
            "    kind: premise\n    =: x",
            "statements[0]: unknown field '=' (allowed: id, kind, text, quote, accepted, editorial, note)",
        ),
    ],
)
def test_scalar_types_are_never_converted_silently(tmp_path, line, message):
    text = f"format: debate/1\ntitle: T\nstatements:\n  - id: p\n{line}\n    text: P\narguments: []\n"
    _, errors = check_debate(write(tmp_path, text))
    assert [e.message for e in errors] == [message]
    assert errors[0].line == 5 + line.count("\n")


def test_on_and_off_keys_are_words_not_booleans(tmp_path):
    text = TINY + "scenarios:\n  - id: s\n    title: S\n    on: [p]\n  - id: t\n    title: T\n    off:\n      - p\n"
    d = load_debate(write(tmp_path, text))
    assert d.scenario_by_id["s"].on == ("p",) and d.scenario_by_id["t"].off == ("p",)


def test_bad_ids(tmp_path):
    long = "a" * 65
    text = TINY.replace("{id: p,", "{id: -p,").replace("[p]", "[-p]")
    text += f"scenarios:\n  - {{id: {long}, title: S}}\n  - {{id: 'a b', title: S}}\n"
    _, errors = check_debate(write(tmp_path, text))
    bad = "use lowercase letters, digits and '-', starting with a letter or digit, at most 64 characters"
    assert [(e.line, e.message) for e in errors] == [
        (4, f"statements[0].id: bad id '-p': {bad}"),  # and no echo at the premise naming it
        (9, f"scenarios[0].id: bad id '{long}': {bad}"),
        (10, f"scenarios[1].id: bad id 'a b': {bad}"),
    ]
    # 64 characters is fine
    ok = TINY.replace("id: p,", f"id: {'b' * 64},").replace("[p]", f"[{'b' * 64}]")
    assert check_debate(write(tmp_path, ok))[1] == []


def test_quote_with_unreadable_source_reports_only_the_source(tmp_path):
    text = TINY.replace("title: T\n", "title: T\nsource: {text: gone.txt}\n").replace("text: P}", "text: P, quote: q}")
    _, errors = check_debate(write(tmp_path, text))
    assert [(e.line, e.message) for e in errors] == [
        (3, "source.text: cannot read 'gone.txt': No such file or directory")
    ]


def test_source_text_not_utf8(tmp_path):
    (tmp_path / "s.txt").write_bytes(b"caf\xe9")
    text = TINY.replace("title: T\n", "title: T\nsource:\n  text: s.txt\n")
    _, errors = check_debate(write(tmp_path, text))
    assert [(e.line, e.message) for e in errors] == [(4, "source.text: 's.txt' is not UTF-8 text")]


def test_source_text_is_relative_to_the_yaml_file(tmp_path, monkeypatch):
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "s.txt").write_text("exact words here", encoding="utf-8")
    text = TINY.replace("title: T\n", "title: T\nsource: {text: s.txt}\n").replace("text: P}", "text: P, quote: words}")
    write(sub, text)
    monkeypatch.chdir(tmp_path)
    assert load_debate(Path("sub") / "d.yaml").statement_by_id["p"].quote == "words"


def test_self_attack_and_attack_cycles_are_allowed(tmp_path):
    text = TINY + "attacks:\n  - {by: p, target: p}\n  - {by: p, target: a}\n"
    d = load_debate(write(tmp_path, text))
    assert len(d.attacks) == 2


def test_merge_keys_and_duplicate_top_level_keys(tmp_path):
    text = TINY + "title: Again\nattacks: []\nstatements: []\n"
    _, errors = check_debate(write(tmp_path, text))
    assert [(e.line, e.message) for e in errors] == [
        (8, "duplicate key 'title' (first at line 2)"),
        (10, "duplicate key 'statements' (first at line 3)"),
    ]
    text = TINY.replace("  - {id: c,", "  - {<<: {kind: conclusion}, id: c,")
    _, errors = check_debate(write(tmp_path, text))
    assert [e.message for e in errors] == ["statements[1]: merge keys ('<<') are not supported; write the fields out"]


def test_alias_bomb_is_cheap(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    text = TINY + "\n".join(lines) + "\n"
    _, errors = check_debate(write(tmp_path, text))
    assert [e.message for e in errors][:1] == [
        "unknown top-level key 'a0' (allowed: format, title, source, thesis, statements, arguments, attacks, scenarios)"
    ]


def test_deep_flow_nesting_is_refused_quickly(tmp_path):
    p = tmp_path / "deep.yaml"
    p.write_text("a: " + "[" * 500_000 + "]" * 500_000, encoding="utf-8")
    _, errors = check_debate(p)
    assert [(e.line, e.message) for e in errors] == [(1, "not YAML this checker accepts: nested deeper than 64 levels")]


def test_brackets_in_strings_and_comments_are_not_nesting(tmp_path):
    items = "".join(f'  - {{id: p{i}, kind: premise, text: "Item {i} (see [note"}}  # [[{{ ({i}\n' for i in range(70))
    text = f"format: debate/1\ntitle: T\nstatements:\n{items}arguments: []\n"
    d = load_debate(write(tmp_path, text))
    assert len(d.statements) == 70 and d.statements[0].text == "Item 0 (see [note"


@pytest.mark.parametrize("depth, refused", [(63, False), (64, True)])
def test_depth_limit_counts_collections(tmp_path, depth, refused):
    # The top-level mapping is one level: 63 more are the most allowed.
    text = TINY + "attacks: " + "[" * depth + "]" * depth + "\n"
    _, errors = check_debate(write(tmp_path, text))
    deep = (8, "not YAML this checker accepts: nested deeper than 64 levels")
    assert ((errors[0].line, errors[0].message) == deep) is refused
    assert len(errors) == 1


def test_very_deep_nesting_in_a_field_is_refused_at_its_line(tmp_path):
    text = TINY.replace("text: P}", "text: P, note: " + "[" * 100_000 + "}")
    _, errors = check_debate(write(tmp_path, text))
    assert [(e.line, e.message) for e in errors] == [(4, "not YAML this checker accepts: nested deeper than 64 levels")]


def test_deep_block_nesting_is_refused_at_the_first_line_too_deep(tmp_path):
    p = write(tmp_path, "".join(" " * i + f"k{i}:\n" for i in range(200)))
    _, errors = check_debate(p)
    assert [(e.line, e.message) for e in errors] == [
        (65, "not YAML this checker accepts: nested deeper than 64 levels")
    ]


def test_deep_block_nesting_does_not_crash(tmp_path):
    lines = ["format: debate/1"] + [" " * i + f"k{i}:" for i in range(0, 300)]
    p = write(tmp_path, "\n".join(lines[1:]) + "\n")
    _, errors = check_debate(p)
    assert len(errors) == 1 and errors[0].message.startswith("not YAML")


def test_no_line_past_the_end_is_reported(tmp_path):
    _, errors = check_debate(write(tmp_path, 'format: "debate/1\n'))
    assert [e.line for e in errors] == [1]
    _, errors = check_debate(write(tmp_path, "format: debate/1\ntitle: T\nstatements: []\narguments:"))
    assert [(e.line, e.message) for e in errors] == [(4, "arguments: expected a list, got nothing (write [] for none)")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_debate_file_and_source_text_are_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe")  # nobody writes: a plain open() would wait forever
    _, errors = check_debate(tmp_path / "pipe")
    assert [(e.line, e.message) for e in errors] == [
        (1, "cannot read file: it is a named pipe (FIFO), not a regular file")
    ]
    text = TINY.replace("title: T\n", "title: T\nsource: {text: pipe}\n")
    _, errors = check_debate(write(tmp_path, text))
    assert [(e.line, e.message) for e in errors] == [
        (3, "source.text: cannot read 'pipe': it is a named pipe (FIFO), not a regular file")
    ]


def test_source_directory_is_refused(tmp_path):
    (tmp_path / "sub").mkdir()
    text = TINY.replace("title: T\n", "title: T\nsource: {text: sub}\n")
    _, errors = check_debate(write(tmp_path, text))
    assert [(e.line, e.message) for e in errors] == [
        (3, "source.text: cannot read 'sub': it is a directory, not a regular file")
    ]


def _fstat_saying_empty(monkeypatch):
    """Make fstat report 0 bytes, as for a file that grows after it."""
    real = os.fstat

    def fstat(fd):
        st = real(fd)
        return os.stat_result(
            (
                st.st_mode,
                st.st_ino,
                st.st_dev,
                st.st_nlink,
                st.st_uid,
                st.st_gid,
                0,
                st.st_atime,
                st.st_mtime,
                st.st_ctime,
            )
        )

    monkeypatch.setattr(load.os, "fstat", fstat)


def test_reads_are_capped_even_when_the_size_check_passes(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    with open(big, "wb") as f:
        f.truncate(1 << 30)  # sparse: 1 GiB that costs nothing unless read whole
    src = tmp_path / "s.txt"
    with open(src, "wb") as f:
        f.truncate(1 << 30)
    text = TINY.replace("title: T\n", "title: T\nsource: {text: s.txt}\n")
    d = write(tmp_path, text)
    _fstat_saying_empty(monkeypatch)
    _, errors = check_debate(big)
    assert [e.message for e in errors] == [
        f"file is larger than the 2 MiB limit ({MAX_BYTES} bytes); refused before parsing"
    ]
    _, errors = check_debate(d)
    assert [(e.line, e.message) for e in errors] == [
        (3, "source.text: 's.txt' is larger than the 16 MiB limit for a source text")
    ]


def test_a_refusal_always_has_a_reason(tmp_path, monkeypatch):
    # A guard, for a path that forgets to report: never (None, []), never an empty DebateInvalid.
    monkeypatch.setattr(load, "_check", lambda path: (None, []))
    p = write(tmp_path, TINY)
    debate, errors = check_debate(p)
    assert debate is None
    assert [str(e) for e in errors] == [f"{p}:1: refused without a reason (a bug in the checker; please report it)"]
    with pytest.raises(DebateInvalid) as info:
        load_debate(p)
    assert len(info.value.errors) == 1


def test_bom_is_ignored(tmp_path):
    p = tmp_path / "bom.yaml"
    p.write_bytes(b"\xef\xbb\xbf" + TINY.encode())
    assert check_debate(p)[1] == []


# ------------------------------------------------- where the source text may be


def _debate_in(folder: Path, source: str) -> Path:
    """TINY in ``folder``, its source text named ``source`` (line 3) and a
    quote (line 5) that the outside files of these tests contain."""
    folder.mkdir(exist_ok=True)
    text = TINY.replace("title: T\n", f"title: T\nsource: {{text: {source}}}\n")
    text = text.replace("text: P}", "text: P, quote: secret}")
    return write(folder, text)


@pytest.mark.parametrize("name", ["../outside.txt", "OUTSIDE/outside.txt", "../sub/../outside.txt"])
def test_source_outside_the_folder_reads_the_same_whether_or_not_it_exists(tmp_path, name):
    name = name.replace("OUTSIDE", str(tmp_path))  # an absolute path
    d = _debate_in(tmp_path / "sub", name)
    missing = check_debate(d)
    (tmp_path / "outside.txt").write_text("the secret words", encoding="utf-8")
    present = check_debate(d)
    expected = [(3, f"source.text: '{name}' {OUTSIDE}")]
    # Not a word about the quote: it is never looked for in an outside file.
    assert [(e.line, e.message) for e in missing[1]] == expected
    assert [(e.line, e.message) for e in present[1]] == expected


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_out_of_the_folder_is_refused_like_any_outside_path(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (tmp_path / "secret.txt").write_text("the secret words", encoding="utf-8")
    (sub / "essay.txt").symlink_to("../secret.txt")
    (sub / "gone.txt").symlink_to(tmp_path / "missing.txt")  # dangling, absolute
    (sub / "texts").symlink_to(tmp_path, target_is_directory=True)
    for name in ("essay.txt", "gone.txt", "texts/secret.txt"):
        _, errors = check_debate(_debate_in(sub, name))
        assert [(e.line, e.message) for e in errors] == [(3, f"source.text: '{name}' {OUTSIDE}")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_links_and_folders_inside_the_folder_are_followed(tmp_path):
    sub = tmp_path / "sub"
    (sub / "texts").mkdir(parents=True)
    (sub / "texts" / "essay.txt").write_text("a secret kept", encoding="utf-8")
    (sub / "essay.txt").symlink_to("texts/essay.txt")
    for name in ("essay.txt", "texts/essay.txt", "texts/../texts/essay.txt", "../sub/texts/essay.txt"):
        assert load_debate(_debate_in(sub, name)).source_text == "a secret kept"
    (sub / "texts" / "essay.txt").write_text("nothing to see", encoding="utf-8")
    _, errors = check_debate(_debate_in(sub, "essay.txt"))  # quotes are checked against it
    assert [(e.line, e.message) for e in errors] == [
        (5, "statements[0].quote: not found in 'essay.txt' (a quote must be an exact substring of the source text)")
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loop_is_refused(tmp_path):
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    _, errors = check_debate(_debate_in(tmp_path, "a.txt"))
    assert [(e.line, e.message) for e in errors] == [
        (3, "source.text: cannot read 'a.txt': it is a symbolic link, not a regular file")
    ]


def test_nul_in_the_source_name_is_an_error_not_a_crash(tmp_path):
    _, errors = check_debate(_debate_in(tmp_path, '"s\\0.txt"'))
    assert [(e.line, e.message) for e in errors] == [
        (3, "source.text: cannot read 's\0.txt': a file name cannot contain a NUL character")
    ]


# ------------------------------------------------- aliases and the error cap

ALIAS_LIMIT = "not YAML this checker accepts: aliases may repeat at most 10000 values in all"


def _premise_aliases(items: int, aliases: int) -> str:
    """TINY whose argument's premises are an anchored list of ``items``
    premises, then ``aliases`` more arguments reusing it (from line 8)."""
    many = ", ".join(["p"] * items)
    lines = [f"  - {{id: a{i}, conclusion: c, premises: *many}}" for i in range(1, aliases + 1)]
    return TINY.replace("premises: [p]}", f"premises: &many [{many}]}}") + "\n".join(lines) + "\n"


def test_aliases_may_repeat_up_to_the_limit(tmp_path):
    # 999 items and the list itself: 1000 values per alias, 10 aliases.
    d = load_debate(write(tmp_path, _premise_aliases(999, 10)))
    assert len(d.arguments) == 11 and d.arguments[10].premises == ("p",) * 999
    _, errors = check_debate(write(tmp_path, _premise_aliases(999, 11)))
    assert [(e.line, e.message) for e in errors] == [
        (18, f"{ALIAS_LIMIT}, and '*many' goes past that; write the values out")
    ]


def test_alias_bomb_is_refused_quickly_at_its_line(tmp_path):
    # Issue 12: one anchored argument of 3000 premises aliased 3000 times
    # (27 KB) took 20 s and 900 MB; a checker that walked the expansion
    # would still take seconds.
    many = ", ".join(["p"] * 3000)
    text = TINY.replace("  - {id: a,", "  - &a {id: a,").replace("premises: [p]}", f"premises: [{many}]}}")
    text += "  - *a\n" * 3000
    p = write(tmp_path, text)
    assert os.path.getsize(p) < MAX_BYTES
    started = time.perf_counter()
    _, errors = check_debate(p)
    elapsed = time.perf_counter() - started
    # Each alias is the same argument (3007 values): the fourth goes past.
    duplicate = "duplicate id 'a' (first used at line 7)"
    assert [(e.line, e.message) for e in errors] == [
        (7, f"arguments[1].id: {duplicate}"),
        (7, f"arguments[2].id: {duplicate}"),
        (7, f"arguments[3].id: {duplicate}"),
        (11, f"{ALIAS_LIMIT}, and '*a' goes past that; write the values out"),
    ]
    assert elapsed < 2, f"{elapsed:.2f} s"


def test_aliased_scenarios_cannot_multiply_errors(tmp_path):
    # Issue 12: 18 KB of aliased scenarios gave 4 million error lines.
    nobody = ", ".join(f"x{i}" for i in range(1000))
    text = TINY + f"scenarios:\n  - &s {{id: s, title: S, on: [{nobody}]}}\n" + "  - *s\n" * 3000
    started = time.perf_counter()
    _, errors = check_debate(write(tmp_path, text))
    assert time.perf_counter() - started < 2
    assert len(errors) == 101
    assert errors[0] == DebateError(str(tmp_path / "d.yaml"), 9, "scenarios[0].on[0]: 'x0' names no statement")
    assert errors[-1].message.startswith("and ") and errors[-1].line == 9


def test_alias_inside_its_own_anchor_is_unknown(tmp_path):
    _, errors = check_debate(write(tmp_path, TINY + "attacks: &loop [*loop]\n"))
    assert [(e.line, e.message) for e in errors] == [(8, "not YAML: unknown alias '*loop'")]


def _nameless_premises(count: int) -> str:
    """TINY with ``count`` premises that name nothing, one a line from line 10."""
    names = "".join(f"      - q{i}\n" for i in range(count))
    argument = "  - {id: a, conclusion: c, premises: [p]}\n"
    return TINY.replace(argument, f"  - id: a\n    conclusion: c\n    premises:\n{names}")


def test_errors_are_listed_up_to_100_then_counted(tmp_path):
    p = write(tmp_path, _nameless_premises(5000))
    _, errors = check_debate(p)
    assert len(errors) == 101
    assert [(e.line, e.message) for e in errors[:100]] == [
        (10 + i, f"arguments[0].premises[{i}]: 'q{i}' names no statement") for i in range(100)
    ]
    assert str(errors[100]) == (
        f"{p}:110: and 4900 more errors (only the first 100 are listed; fix those and check again)"
    )
    with pytest.raises(DebateInvalid) as info:
        load_debate(p)
    assert len(info.value.errors) == 101


@pytest.mark.parametrize(
    "count, last",
    [
        (100, "arguments[0].premises[99]: 'q99' names no statement"),
        (101, "and 1 more error (only the first 100 are listed; fix those and check again)"),
    ],
)
def test_error_cap_boundary(tmp_path, count, last):
    _, errors = check_debate(write(tmp_path, _nameless_premises(count)))
    assert len(errors) == 100 + (count > 100) and errors[-1].message == last


def test_error_cap_keeps_the_first_by_line_not_by_discovery(tmp_path):
    # Conclusions without an argument are found after every premise, but
    # come first in the file.
    lonely = "".join(f"  - {{id: c{i}, kind: conclusion, text: C}}\n" for i in range(150))
    text = _nameless_premises(150).replace("arguments:\n", lonely + "arguments:\n")
    _, errors = check_debate(write(tmp_path, text))
    assert [e.line for e in errors] == [*range(6, 106), 106]
    assert errors[0].message == "statements[2]: conclusion 'c0' has no argument (add one, or make it a premise)"
    assert errors[-1].message.startswith("and 200 more errors")


# ---------------------------------------------------------------- properties


def _assert_clean(path: Path, text_lines: int) -> None:
    try:
        debate, errors = check_debate(path)
    except Exception as e:  # pragma: no cover - the property is that this never happens
        raise AssertionError(f"check_debate raised {e!r}") from e
    assert (debate is None) == bool(errors)
    for e in errors:
        assert isinstance(e, DebateError) and e.message
        assert 1 <= e.line <= text_lines + 1
    try:
        load_debate(path)
    except DebateInvalid as e:
        assert e.errors == tuple(errors)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(tmp_path, data):
    p = tmp_path / "r.yaml"
    p.write_bytes(data)
    _assert_clean(p, data.count(b"\n"))


_scalars = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.sampled_from(["p", "c", "a", "no", "on", "premise", "conclusion", "objection", "debate/1", "x.txt"]),
)
_keys = st.sampled_from(
    [
        "format",
        "title",
        "statements",
        "arguments",
        "attacks",
        "scenarios",
        "source",
        "thesis",
        "id",
        "kind",
        "text",
        "quote",
        "accepted",
        "premises",
        "conclusion",
        "by",
        "target",
        "on",
        "off",
        "zz",
    ]
)
_yamlish = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=5),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_yamlish, st.booleans())
def test_random_yaml_never_raises(tmp_path, data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    p = write(tmp_path, text)
    _assert_clean(p, text.count("\n"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.sampled_from(["", "\n", ":", "- ", "[", "'", "&x ", "*x", "!!python/none ", "\t", "\x00", "#"]),
)
def test_damaged_valid_file_never_raises(tmp_path, cut_at, length, insert):
    text = (VALID / "full.yaml").read_text(encoding="utf-8")
    cut_at %= len(text)
    damaged = text[:cut_at] + insert + text[cut_at + length % 40 :]
    p = write(tmp_path, damaged, "full.yaml")
    (tmp_path / "full.txt").write_bytes((VALID / "full.txt").read_bytes())
    _assert_clean(p, damaged.count("\n"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_author_guide_shows_every_message(name):
    """docs/debate-format.md illustrates each rule with the exact message."""
    guide = (Path(__file__).parent.parent / "docs" / "debate-format.md").read_text(encoding="utf-8")
    for line in EXPECTED[name]:
        assert f"{name}:{line}" in guide


def test_empty_text_is_refused(tmp_path):
    text = TINY.replace("text: P}", 'text: "  "}')
    _, errors = check_debate(write(tmp_path, text))
    assert [(e.line, e.message) for e in errors] == [(4, "statements[0].text: must not be empty")]


def _to_yaml(d: Debate) -> tuple[str, dict[str, int]]:
    """A debate written one item per line; returns the text and each id's line."""
    import json

    lines = ["format: debate/1", f"title: {json.dumps(d.title)}", "statements:"]
    where: dict[str, int] = {}
    for s in d.statements:
        extra = "" if s.accepted is None else f", accepted: {'yes' if s.accepted else 'no'}"
        lines.append(f"  - {{id: {s.id}, kind: {s.kind}, text: {json.dumps(s.text)}{extra}}}")
        where[s.id] = len(lines)
    lines.append("arguments:" if d.arguments else "arguments: []")
    for a in d.arguments:
        # Questions in both forms: a text where the id is the default, else a mapping.
        questions = ", ".join(
            json.dumps(q.text) if q.id == f"{a.id}-q{i}" else f"{{id: {q.id}, text: {json.dumps(q.text)}}}"
            for i, q in enumerate(a.questions, 1)
        )
        extra = f", critical_questions: [{questions}]" if questions else ""
        lines.append(f"  - {{id: {a.id}, conclusion: {a.conclusion}, premises: [{', '.join(a.premises)}]{extra}}}")
        where[a.id] = len(lines)
    lines.append("attacks:" if d.attacks else "attacks: []")
    for i, t in enumerate(d.attacks):
        lines.append(f"  - {{by: {t.by}, target: {t.target}}}")
        where[f"attack{i}"] = len(lines)
    return "\n".join(lines) + "\n", where


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(debates())
def test_written_debates_load_back_identically(tmp_path, d):
    text, where = _to_yaml(d)
    got = load_debate(write(tmp_path, text))
    assert [(s.id, s.kind, s.text, s.accepted) for s in got.statements] == [
        (s.id, s.kind, s.text, s.accepted if s.is_given else None) for s in d.statements
    ]
    assert [(a.id, a.conclusion, a.premises) for a in got.arguments] == [
        (a.id, a.conclusion, a.premises) for a in d.arguments
    ]
    assert [(t.by, t.target) for t in got.attacks] == [(t.by, t.target) for t in d.attacks]
    assert [(q.id, q.argument, q.text, q.line) for q in got.questions] == [
        (q.id, q.argument, q.text, where[q.argument]) for q in d.questions
    ]
    assert got.given_ids == d.given_ids and got.starting_choices() == d.starting_choices()
    assert [s.line for s in got.statements] == [where[s.id] for s in d.statements]
    assert [a.line for a in got.arguments] == [where[a.id] for a in d.arguments]
    assert [t.line for t in got.attacks] == [where[f"attack{i}"] for i in range(len(d.attacks))]


@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), max_size=20))
def test_has_cycle_agrees_with_networkx(pairs):
    import networkx as nx

    from graph.cycles import has_cycle

    successors: dict[str, list[str]] = {}
    for a, b in pairs:
        successors.setdefault(str(a), []).append(str(b))
    g = nx.DiGraph([(str(a), str(b)) for a, b in pairs])
    assert has_cycle(successors) == (not nx.is_directed_acyclic_graph(g))


def test_critical_questions_load_as_givens_with_their_ids():
    d = load_debate(VALID / "questions.yaml")
    a1 = d.argument_by_id["a1"]
    assert a1.critical_questions == ("Is P enough?", "Is the analogy apt?")  # the texts, as before
    assert [(q.id, q.argument, q.text, q.line, q.note) for q in d.questions] == [
        ("a1-q1", "a1", "Is P enough?", 13, None),
        ("apt", "a1", "Is the analogy apt?", 14, "Ask what differs."),
    ]
    assert d.question_by_id["apt"] is d.questions[1] and d.node("apt") is d.questions[1]
    assert d.given_ids == ("p", "r", "ans", "a1-q1", "apt")  # the statements' givens, then the questions
    assert d.starting_choices() == {
        "p": "accepted",
        "r": "accepted",
        "ans": "rejected",
        "a1-q1": "rejected",
        "apt": "rejected",
    }
    assert d.given_text("apt") == "Is the analogy apt?" and d.given_text("p") == "P"
    assert [(t.by, t.target) for t in d.attacks] == [("ans", "apt")]  # a question may be attacked
    assert d.scenarios[0].on == ("a1-q1",) and d.scenarios[0].unsure == ("apt",)
    with pytest.raises(KeyError):
        d.given_text("c")
