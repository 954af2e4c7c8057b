"""graph/argdown_parse.py and graph/argdown.py: the Argdown syntax, the import onto debate/1
(samples, every mapping decision, every warning, bad input), the export and its round trip,
the limits, and the reference parser as an oracle (skipped when it is not installed)."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.argdown import (
    ArgdownError,
    ArgdownWarning,
    export_argdown,
    import_argdown,
    import_argdown_data,
    title_to_id,
)
from graph.argdown_parse import MAX_DATA_DEPTH, ArgdownDoc, NodeRef, parse_argdown
from graph.evaluate import evaluate
from graph.load import MAX_BYTES, check_debate, load_debate
from graph.model import Argument, Attack, Debate, Scenario, Statement
from tests.strategies import choices_for, debates

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures" / "argdown"
SAMPLES = FIXTURES / "samples"
SHARED_SAMPLES = HERE.parent.parent / "shared" / "interop-samples" / "argdown"
ORACLE = HERE / "argdown_oracle.mjs"
ESSAY = HERE.parent / "content" / "open-source-ai-safety.yaml"
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.glob("*.argdown"))


def parse(text: str, mode: str | None = None) -> ArgdownDoc:
    return parse_argdown(text, "t.argdown", mode=mode)


def imported(
    text: str, folder: Path, name: str = "t.argdown", *, mode: str | None = None, extra_files: tuple[Path, ...] = ()
) -> tuple[Debate, list[str]]:
    """Import, write the YAML as the command line does, and load it with the checker."""
    yaml_text, warnings = import_argdown(text, name, mode=mode)
    for f in extra_files:
        shutil.copy(f, folder / f.name)
    out = folder / "imported.yaml"
    out.write_text(yaml_text, encoding="utf-8")
    debate, errors = check_debate(out)
    assert errors == [], [str(e) for e in errors]
    assert debate is not None
    return debate, [str(w) for w in warnings]


def counts(d: Debate) -> tuple[int, int, int, int]:
    return len(d.statements), len(d.conclusion_ids), len(d.arguments), len(d.attacks)


def relations(doc: ArgdownDoc) -> list[tuple[str, str, str]]:
    """(type, source, target) with titles (untitled: the first words of the text)."""

    def name(ref: NodeRef) -> str:
        if ref.kind == "statement":
            ec = doc.statement(ref.key)
            return f"[{ec.title}]" if ec.title is not None else ec.text
        a = doc.argument(ref.key)
        title = a.title if a.title is not None else "?"
        return f"<{title}>" if ref.kind == "argument" else f"<{title}>.{ref.step}"

    return [(r.type, name(r.source), name(r.target)) for r in doc.relations]


# --------------------------------------------------------------------------- the samples

# The reference parser's model of each sample (tests/argdown_oracle.mjs, @argdown/core 1.7.5):
# equivalence classes, arguments, reconstructed arguments, relations in loose and in strict mode.
SAMPLE_MODEL: dict[str, tuple[int, int, int, dict[str, int], dict[str, int]]] = {
    "argdown-primer.argdown": (
        17,
        4,
        1,
        {"support": 5, "attack": 5},
        {"entails": 3, "support": 2, "attack": 3, "contrary": 2},
    ),
    "intro.argdown": (12, 5, 1, {"support": 2, "attack": 5}, {"support": 2, "attack": 3, "contrary": 2}),
    "lexer-comment.argdown": (4, 1, 0, {"support": 1}, {"support": 1}),
    "parser-arguments.argdown": (10, 4, 2, {"support": 2, "attack": 1}, {"support": 2, "attack": 1}),
    "veggie-debate.argdown": (
        25,
        22,
        0,
        {"support": 35, "attack": 23},
        {"entails": 7, "contrary": 4, "support": 28, "attack": 18},
    ),
}

# What the documented mapping predicts (docs/interop.md, "The samples, imported"):
# statements, conclusions, arguments, attacks, and the title.
SAMPLE_DEBATE: dict[str, tuple[tuple[int, int, int, int], str]] = {
    "argdown-primer.argdown": ((22, 5, 7, 5), "❤ Welcome to Argdown! ❤"),
    "intro.argdown": ((19, 5, 5, 5), "Welcome to Argdown!"),
    "lexer-comment.argdown": ((5, 1, 1, 0), "lexer-comment"),
    "parser-arguments.argdown": ((13, 7, 7, 1), "parser-arguments"),
    "veggie-debate.argdown": ((53, 13, 34, 26), "Zentrale Thesen"),
}

_NO_SECTIONS = "not carried over (debate/1 has no sections)"
_NO_TAGS = "not carried over (debate/1 has no tags)"
_NO_TEXT = "its title is the text of its reason"
SAMPLE_WARNINGS: dict[str, list[str]] = {
    "argdown-primer.argdown": [
        f"argdown-primer.argdown:22: warning: heading 'Argdown Basics' {_NO_SECTIONS}",
        f"argdown-primer.argdown:24: warning: tag #tag {_NO_TAGS}",
        f"argdown-primer.argdown:27: warning: tag #(Another tag) {_NO_TAGS}",
        f"argdown-primer.argdown:34: warning: tag #tag {_NO_TAGS}",
        f"argdown-primer.argdown:37: warning: tag #tag {_NO_TAGS}",
        f"argdown-primer.argdown:38: warning: tag #yet-another-tag {_NO_TAGS}",
        f"argdown-primer.argdown:55: warning: heading 'Argument reconstructions' {_NO_SECTIONS}",
        "argdown-primer.argdown:72: warning: inference rules 'Some inference rule: p ∧ (p → q) → q' "
        "not carried over (a debate/1 argument can name only a scheme)",
        "argdown-primer.argdown:73: warning: data key 'some_additional_data' of the inference at line 72 "
        "not carried over (an argument has scheme, critical_questions, uses)",
    ],
    "intro.argdown": [
        f"intro.argdown:10: warning: heading 'Argdown Basics' {_NO_SECTIONS}",
        f"intro.argdown:32: warning: heading 'Argument reconstructions' {_NO_SECTIONS}",
        "intro.argdown:43: warning: inference rules 'Some inference rule (Some additional in…', '2)' "
        "not carried over (a debate/1 argument can name only a scheme)",
        f"intro.argdown:49: warning: argument <Argument 2> has no description; {_NO_TEXT}",
    ],
    "lexer-comment.argdown": [
        f"lexer-comment.argdown:23: warning: argument <an argument> has no description; {_NO_TEXT}",
    ],
    "parser-arguments.argdown": [
        "parser-arguments.argdown:1: warning: the description of <Argument 1> is not carried over "
        "(a debate/1 argument has no text; its premise-conclusion structure is what is imported)",
        f"parser-arguments.argdown:5: warning: argument <Argument 3> has no description; {_NO_TEXT}",
    ],
    "veggie-debate.argdown": [
        f"veggie-debate.argdown:28: warning: heading 'Beziehungen zwischen den zentralen Thesen' {_NO_SECTIONS}",
        f"veggie-debate.argdown:53: warning: heading 'Kulinarische Erwägungen' {_NO_SECTIONS}",
        f"veggie-debate.argdown:69: warning: heading 'Gesundheitliche Erwägungen' {_NO_SECTIONS}",
        f"veggie-debate.argdown:92: warning: heading 'Finanzielle Erwägungen' {_NO_SECTIONS}",
        f"veggie-debate.argdown:99: warning: heading 'Contra @[Strikt-Veggie] und @[Weniger-Fleisch]' {_NO_SECTIONS}",
        f"veggie-debate.argdown:101: warning: tag #test {_NO_TAGS}",
        f"veggie-debate.argdown:109: warning: heading 'Natürlichkeits-Erwägungen' {_NO_SECTIONS}",
        f"veggie-debate.argdown:112: warning: tag #test {_NO_TAGS}",
        f"veggie-debate.argdown:113: warning: tag #(test test) {_NO_TAGS}",
        f"veggie-debate.argdown:128: warning: heading 'Klimaschutz-Erwägungen' {_NO_SECTIONS}",
        f"veggie-debate.argdown:138: warning: heading 'Natur- und Landschaftsschutz-Erwägungen' {_NO_SECTIONS}",
        f"veggie-debate.argdown:140: warning: heading 'Contra @[Alles-Esser]' {_NO_SECTIONS}",
        f"veggie-debate.argdown:147: warning: heading 'Tierschutz-Erwägungen' {_NO_SECTIONS}",
        f"veggie-debate.argdown:164: warning: heading 'Welternährung-Erwägungen' {_NO_SECTIONS}",
        f"veggie-debate.argdown:173: warning: heading 'Autonomie-Erwägungen' {_NO_SECTIONS}",
    ],
}


def test_the_sample_copies_are_the_shared_samples() -> None:
    if not SHARED_SAMPLES.is_dir():
        pytest.skip("shared/interop-samples is not beside the repository")
    shared = sorted(p.name for p in SHARED_SAMPLES.glob("*.argdown"))
    assert shared == SAMPLE_NAMES
    for name in shared:
        assert (SAMPLES / name).read_bytes() == (SHARED_SAMPLES / name).read_bytes(), name


def test_every_sample_has_its_expectations() -> None:
    assert set(SAMPLE_NAMES) == set(SAMPLE_MODEL) == set(SAMPLE_DEBATE) == set(SAMPLE_WARNINGS)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_model_matches_the_reference(name: str) -> None:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    statements, arguments, reconstructed, loose, strict = SAMPLE_MODEL[name]
    for mode, expected in (("loose", loose), ("strict", strict)):
        doc = parse_argdown(text, name, mode=mode)
        assert (len(doc.statements), len(doc.arguments)) == (statements, arguments)
        assert sum(a.reconstructed for a in doc.arguments) == reconstructed
        assert doc.relation_counts() == expected, mode


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_imports_as_predicted(name: str, tmp_path: Path) -> None:
    debate, warnings = imported((SAMPLES / name).read_text(encoding="utf-8"), tmp_path, name)
    expected, title = SAMPLE_DEBATE[name]
    assert counts(debate) == expected
    assert debate.title == title
    assert warnings == SAMPLE_WARNINGS[name]


def test_veggie_debate_mapping(tmp_path: Path) -> None:
    d, _ = imported((SAMPLES / "veggie-debate.argdown").read_text(encoding="utf-8"), tmp_path)
    args = d.argument_by_id
    # A sketched argument that only supports: reason -> the statement; two targets, two arguments.
    assert args["schlechte-fette"].premises == ("schlechte-fette-reason",)
    assert (args["schlechte-fette"].conclusion, args["schlechte-fette-2"].conclusion) == (
        "strikt-vegan",
        "weniger-tier",
    )
    # "All three arguments presuppose a principle of naturalness": a premise of each.
    for aid in ("menschheitsgeschichte", "naturliche-nahrungsketten", "massentierhaltung-unnaturlich"):
        assert args[aid].premises == (f"{aid}-reason", "naturlichkeitsprinzip")
    # Support between statements: a one-premise argument.
    assert args["alles-esser-supports-fleisch-ok"].premises == ("alles-esser",)
    assert d.statement_by_id["fleisch-ok"].kind == "conclusion"
    # An argument that attacks: a stand-in conclusion carries the attack; attacks on it undercut it.
    assert ("tierschutz-argument-conclusion", "alles-esser") in {(a.by, a.target) for a in d.attacks}
    assert set(d.attackers_of["tierschutz-argument"]) == {
        "tiere-haben-kein-bewusstes",
        "in-der-modernen-massentierhaltung-geht",
        "tierzuchter-und-halter-nicht-aber-die",
        "einzelne-unerheblich-einwand-conclusion",
    }
    stand_in = d.statement_by_id["tierschutz-argument-conclusion"]
    assert (stand_in.kind, stand_in.editorial) == ("conclusion", True)
    assert stand_in.text == "What the argument “Tierschutz-Argument” concludes"
    # Two attacks in loose mode: each one way.
    assert d.attackers_of["fleisch-ok"] == ("strikt-veggie",)
    assert d.attackers_of["strikt-veggie"][0] == "fleisch-ok"
    # An argument described three times: the first is the reason's text, the others its note.
    reason = d.statement_by_id["einzelne-unerheblich-einwand-reason"]
    assert reason.text.startswith("Ob ein Einzelner Fleisch isst oder nicht, ändert nichts")
    assert reason.note == (
        "Also described as: Ob ein Einzelner Fleisch isst oder nicht, hat keinen Einfluss "
        "auf das Problem der Welternährung."
    )


def test_veggie_debate_in_strict_mode(tmp_path: Path) -> None:
    # Strict: the 5 one-way statement attacks are 4 contrary pairs (one pair was stated both ways),
    # each imported as attacks both ways: 26 - 5 + 8 = 29.
    d, _ = imported((SAMPLES / "veggie-debate.argdown").read_text(encoding="utf-8"), tmp_path, mode="strict")
    assert counts(d) == (53, 13, 34, 29)
    assert set(d.attackers_of["weniger-tier"]) == {"strikt-vegan"}
    assert set(d.attackers_of["strikt-vegan"]) == {"weniger-tier"}


# --------------------------------------------------------------------------- the syntax


def test_statements_titles_and_equivalence_classes() -> None:
    doc = parse("[T]: first\n\nplain text\n\n[T]: second\n\nplain text\n\n[U]\n")
    assert [(ec.title, [m.text for m in ec.members]) for ec in doc.statements] == [
        ("T", ["first", "second"]),
        (None, ["plain text"]),
        (None, ["plain text"]),
        ("U", [""]),
    ]
    assert [m.is_reference for m in doc.statements[3].members] == [True]


def test_references_mentions_and_definitions_across_the_document() -> None:
    doc = parse("[A]\n  + [B]: b\n\nSee @[A] and @<X>.\n\n[A]: defined late\n")
    a = doc.statements[0]
    assert a.title == "A" and a.text == "defined late" and len(a.members) == 2
    assert [(m.kind, m.title, m.line) for m in doc.mentions] == [("statement", "A", 4), ("argument", "X", 4)]
    assert doc.statements[2].text == "See @[A] and @<X>."  # a mention is no relation
    assert relations(doc) == [("support", "[B]", "[A]")]


def test_arguments_descriptions_and_references() -> None:
    doc = parse("<A>: first\n\n<A>: second\n\n[S]\n  + <A>\n  - <B>\n")
    a, b = doc.arguments
    assert (a.title, [m.text for m in a.members], [m.is_reference for m in a.members]) == (
        "A",
        ["first", "second", ""],
        [False, False, True],
    )
    assert (b.title, b.members[0].is_reference) == ("B", True)
    assert relations(doc) == [("support", "<A>", "[S]"), ("attack", "<B>", "[S]")]


def test_premise_conclusion_structures() -> None:
    doc = parse_argdown((SAMPLES / "parser-arguments.argdown").read_text(encoding="utf-8"), "p")
    a1 = doc.arguments[0]
    assert (a1.title, [s.role for s in a1.pcs], [i.conclusion for i in a1.inferences]) == (
        "Argument 1",
        ["premise", "premise", "main-conclusion"],
        [2],
    )
    untitled = doc.arguments[-1]
    assert untitled.title is None
    assert [s.role for s in untitled.pcs] == [
        "premise",
        "premise",
        "intermediary-conclusion",
        "intermediary-conclusion",
        "premise",
        "main-conclusion",
    ]
    assert [i.conclusion for i in untitled.inferences] == [2, 3, 5]
    # the main conclusion's own member says so too
    assert [m.role for m in doc.statement(untitled.pcs[-1].key).members] == ["main-conclusion"]


def test_expanded_inference_rules_and_data() -> None:
    doc = parse("(1) p\n(2) q\n--\nModus ponens, Rule two\n{uses: [1, 2], logic: deductive}\n--\n(3) r\n")
    inference = doc.arguments[0].inferences[0]
    assert inference.rules == ("Modus ponens", "Rule two")
    assert inference.data == {"uses": [1, 2], "logic": "deductive"}
    assert (inference.line, inference.data_line) == (3, 5)


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("+", ("support", "child", "parent")),
        ("<+", ("support", "child", "parent")),
        ("+>", ("support", "parent", "child")),
        ("-", ("attack", "child", "parent")),
        ("<-", ("attack", "child", "parent")),
        ("->", ("attack", "parent", "child")),
        ("_", ("undercut", "child", "parent")),
        ("<_", ("undercut", "child", "parent")),
        ("_>", ("undercut", "parent", "child")),
        ("><", ("contradictory", "parent", "child")),
    ],
)
def test_relation_symbols_and_directions(symbol: str, expected: tuple[str, str, str]) -> None:
    doc = parse(f"[parent]: p\n  {symbol} [child]: c\n")
    names = {"child": "[child]", "parent": "[parent]"}
    assert relations(doc) == [(expected[0], names[expected[1]], names[expected[2]])]


def test_relations_nest_at_every_depth() -> None:
    doc = parse_argdown((FIXTURES / "deep-relations.argdown").read_text(encoding="utf-8"), "d")
    assert relations(doc) == [
        ("support", "[L1]", "[Root]"),
        ("attack", "<L2>", "[L1]"),
        ("support", "[L3]", "<L2>"),
        ("undercut", "[L4]", "[L3]"),
        ("support", "<L5>", "[L4]"),
        ("attack", "[L6]", "<L5>"),
        ("support", "[L1b]", "[L1]"),
        ("attack", "[L1c]", "[Root]"),
    ]


def test_relations_in_a_structure_and_in_lists() -> None:
    doc = parse_argdown((FIXTURES / "features.argdown").read_text(encoding="utf-8"), "f")
    rels = relations(doc)
    assert ("attack", "[S8]", "[S7]") in rels  # below a premise
    assert ("undercut", "[S11]", "<A4>.1") in rels  # below an inference
    assert ("attack", "[S12]", "[S5]") in rels  # below the main conclusion (the argument's, moved there)
    assert ("support", "[S12]", "<A1>") in rels
    assert ("attack", "<A5>", "<A4>") in rels  # on the argument as a whole
    assert ("support", "[S2]", "[L1]") in rels  # below a list item
    assert [ec.title for ec in doc.statements if ec.members[0].role == "list-item"] == ["L1", "O1", "O2"]


def test_an_undercut_below_a_conclusion_targets_the_inference_above_it() -> None:
    doc = parse("(1) p\n----\n(2) c\n  <_ [u]: u\n\n[s]: s\n  <_ [v]: v\n")
    assert relations(doc) == [("undercut", "[u]", "<?>.0"), ("undercut", "[v]", "[s]")]


def test_loose_and_strict_mode() -> None:
    text = (FIXTURES / "strict.argdown").read_text(encoding="utf-8")
    strict = {"contrary": 1, "contradictory": 1, "support": 1, "entails": 1}
    # the front matter says strict, and takes priority over the argument (as in the reference)
    assert (parse(text).mode, parse(text, "loose").mode) == ("strict", "strict")
    assert parse(text).relation_counts() == strict
    body = text.split("===\n\n", 1)[1]
    assert (parse(body).mode, parse(body, "strict").mode) == ("loose", "strict")
    assert parse(body).relation_counts() == {"attack": 2, "contradictory": 1, "support": 2}
    assert parse(body, "strict").relation_counts() == strict


def test_tags_data_headings_front_matter_and_comments() -> None:
    doc = parse_argdown((FIXTURES / "features.argdown").read_text(encoding="utf-8"), "f")
    assert doc.front_matter == {"title": "A tour of the Argdown syntax", "author": "graph.argdown tests"}
    assert [(h.text, h.level, h.tags, h.data) for h in doc.headings] == [
        ("A heading #htag", 1, ("htag",), {"isGroup": True})
    ]
    s1 = doc.statements[0]
    assert s1.tags == ("tag1", "two words")
    assert s1.members[0].text == ("A titled statement with bold, italic, a link and ❤. #tag1 #(two words)")
    assert s1.members[0].links == (("link", "https://example.org"),)
    assert s1.members[1].data == {"note": "data on a member"}
    s3 = next(ec for ec in doc.statements if ec.title == "S3")
    assert s3.members[0].data == {"kind": "objection"}
    s14 = next(ec for ec in doc.statements if ec.title == "S14")
    assert s14.text == "Escapes: *not italic* and [not a reference]."  # and the comments are gone
    block = parse("[S] {\nsources:\n  - one\n  - two\n}\n")
    assert block.statements[0].members[0].data == {"sources": ["one", "two"]}


def test_comments_are_ignored_everywhere() -> None:
    doc = parse_argdown((SAMPLES / "lexer-comment.argdown").read_text(encoding="utf-8"), "c")
    assert [ec.text for ec in doc.statements] == ["Some statement", "Another Statement", "Another statement", "THE END"]


# --------------------------------------------------------------------------- bad input

BAD: dict[str, str] = {
    "backslash.argdown": "1: a backslash must be followed by the character it escapes, on the same line",
    "bad-data.argdown": "1: the data element is not valid YAML: did not find expected ',' or ']'",
    "empty.argdown": "1: empty Argdown document: no statement, argument or heading (only comments or white space)",
    "only-comments.argdown": "1: empty Argdown document: no statement, argument or heading "
    "(only comments or white space)",
    "front-matter-no-empty-line.argdown": "4: the front matter ('===' ... '===') must be followed by an empty line",
    "inference-outside-pcs.argdown": "2: an inference ('--') may only stand between numbered statements "
    "of a premise-conclusion structure",
    "missing-conclusion.argdown": "2: missing conclusion: a numbered statement ('(2) ...') must follow the inference",
    "missing-inference.argdown": "2: missing inference: put a line of four hyphens (----) between the premises "
    "and the conclusion of a premise-conclusion structure",
    "nested-list.argdown": "2: lists cannot be nested, and a statement cannot have list items below it",
    "paragraph-starts-with-relation.argdown": "3: a paragraph cannot start with an outgoing attack relation "
    "(- or <-): remove the empty line above it, or start the paragraph "
    "with a statement or argument",
    "relation-without-parent.argdown": "3: a relation must be indented below the statement or argument it belongs "
    "to, and as far as a sibling relation above it or further than its parent",
    "text-after-reference.argdown": "1: text cannot follow a reference ([Title] or <Title>) in the same paragraph; "
    "put an empty line between them, or write a definition [Title]: text",
    "two-pcs.argdown": "9: argument <A> already has a premise-conclusion structure (line 3); "
    "an argument can have only one",
    "unclosed-bold.argdown": "1: incomplete bold text: close it with '**', or escape the character with a backslash "
    "('\\*') to write it as it is",
    "unfinished-inference.argdown": "2: unfinished inference: end it with a line of two hyphens (--), "
    "or write four hyphens (----) on one line",
}


def test_every_bad_fixture_has_its_message() -> None:
    assert sorted(p.name for p in (FIXTURES / "bad").glob("*.argdown")) == sorted(BAD)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_refused_with_file_line_and_message(name: str) -> None:
    text = (FIXTURES / "bad" / name).read_text(encoding="utf-8")
    with pytest.raises(ArgdownError) as e:
        import_argdown(text, name)
    assert str(e.value) == f"{name}:{BAD[name]}"
    line, message = BAD[name].split(": ", 1)
    assert (e.value.path, e.value.line, e.value.message) == (name, int(line), message)


def test_a_huge_file_is_refused_before_parsing() -> None:
    text = "[A]: x\n" * (MAX_BYTES // 7 + 1)
    size = len(text.encode("utf-8"))
    with pytest.raises(ArgdownError) as e:
        import_argdown(text, "huge.argdown")
    assert str(e.value) == (
        f"huge.argdown:1: file is {size} bytes, larger than the 2 MiB limit ({MAX_BYTES} bytes); refused before parsing"
    )
    # counted in UTF-8 bytes, not characters
    wide = "ü" * (MAX_BYTES // 2 + 1)
    with pytest.raises(ArgdownError, match="larger than the 2 MiB limit"):
        parse_argdown(wide, "wide.argdown")
    parse_argdown("ü" * (MAX_BYTES // 2 - 8), "fits.argdown")


def test_deep_nesting_gives_an_error_never_a_recursion_error() -> None:
    # 10,000 levels of relations or of lists need more than 2 MiB of indentation.
    deep_tree = "[s0]: x\n" + "".join(" " * i + f"+ [s{i}]\n" for i in range(1, 10_001))
    deep_list = "".join(" " * i + "* item\n" for i in range(1, 10_001))
    for text in (deep_tree, deep_list):
        with pytest.raises(ArgdownError, match="larger than the 2 MiB limit"):
            import_argdown(text, "deep.argdown")
    # As deep as fits: a relation tree 1,900 levels deep is read (no recursion) ...
    depth = 1_900
    tree = "[s0]: x\n" + "".join(" " * i + f"+ [s{i}]: x\n" for i in range(1, depth))
    doc = parse(tree)
    assert len(doc.relations) == depth - 1
    # ... and nested lists, bold ranges and YAML data are errors at their first level too deep.
    with pytest.raises(ArgdownError) as e:
        parse("".join(" " * i + "* item\n" for i in range(1, 2_000)))
    assert str(e.value).startswith("t.argdown:2: lists cannot be nested")
    with pytest.raises(ArgdownError) as e:
        parse("x " + "**a " * 40_000)  # deep, and under the token cap
    assert str(e.value).startswith("t.argdown:1: incomplete bold text")
    with pytest.raises(ArgdownError, match=f"nested deeper than {MAX_DATA_DEPTH} levels"):
        parse("[a]: b {" + "a: {" * 10_000 + "}" * 10_001)
    with pytest.raises(ArgdownError, match=f"nested deeper than {MAX_DATA_DEPTH} levels"):
        parse("[a]: b {x: " + "[" * 10_000 + "]" * 10_000 + "}")


def test_a_document_without_statements_is_not_a_debate() -> None:
    with pytest.raises(ArgdownError) as e:
        import_argdown("# Only a heading\n", "h.argdown")
    assert str(e.value) == "h.argdown:1: nothing to import: the document has no statement and no argument"


def test_a_dangling_reference_and_a_dangling_mention_are_warnings(tmp_path: Path) -> None:
    d, warnings = imported("[A]: text about @[Nowhere]\n  + [Unknown]\n", tmp_path, "dangling.argdown")
    assert d.statement_by_id["unknown"].text == "Unknown"
    assert warnings == [
        "dangling.argdown:1: warning: mention @[Nowhere] names no statement",
        "dangling.argdown:2: warning: statement [Unknown] is referred to but never defined; "
        "its title is used as its text",
    ]


def test_messages_never_carry_control_characters(tmp_path: Path) -> None:
    _, warnings = imported("[A\x1b[31m]: x\n  + [B\x07]\n\n# head\x1bing\n\nx #t\x1bag\n", tmp_path)
    assert warnings and all(w.isprintable() for w in warnings)


# --------------------------------------------------------------------------- the mapping


def test_support_between_statements_is_an_argument_with_one_premise(tmp_path: Path) -> None:
    d, warnings = imported("[Claim]: c\n  + [Reason]: r\n  <+ [Second]: s\n\n[Other]: o\n  +> [Claim]\n", tmp_path)
    assert [(a.id, a.premises, a.conclusion) for a in d.arguments] == [
        ("reason-supports-claim", ("reason",), "claim"),
        ("second-supports-claim", ("second",), "claim"),
        ("other-supports-claim", ("other",), "claim"),
    ]
    assert [(s.id, s.kind) for s in d.statements] == [
        ("claim", "conclusion"),
        ("reason", "premise"),
        ("second", "premise"),
        ("other", "premise"),
    ]
    assert warnings == []


def test_an_attack_on_a_sketched_argument_is_an_undercut(tmp_path: Path) -> None:
    d, _ = imported("[C]: c\n  + <A>: a reason\n    - [O]: an objection\n    _ [U]: an undercut\n", tmp_path)
    assert [(a.id, a.premises, a.conclusion) for a in d.arguments] == [("a", ("a-reason",), "c")]
    assert d.statement_by_id["a-reason"].text == "a reason"
    assert [(t.by, t.target) for t in d.attacks] == [("o", "a"), ("u", "a")]


def test_an_attack_on_a_reconstructed_argument_undercuts_its_last_inference(tmp_path: Path) -> None:
    text = "<A>\n\n(1) p\n----\n(2) q\n(3) r\n----\n(4) s\n\n<A>\n  - [X]: x\n  _ [Y]: y\n\n[Z]: z\n  -> <A>\n"
    d, _ = imported(text, tmp_path)
    assert [(a.id, a.premises, a.conclusion) for a in d.arguments] == [
        ("a-step-1", ("p",), "q"),
        ("a", ("q", "r"), "s"),
    ]
    assert [(t.by, t.target) for t in d.attacks] == [("x", "a"), ("y", "a"), ("z", "a")]


def test_an_attack_on_a_premise_replaces_the_same_attack_on_its_argument(tmp_path: Path) -> None:
    # The reference model drops [X] -> <A> because [X] already attacks A's premise [p].
    text = "<A>\n\n(1) [p]: p\n----\n(2) [q]: q\n\n[X]: x\n  -> [p]\n  -> <A>\n"
    assert relations(parse(text)) == [("attack", "[X]", "[p]")]
    d, _ = imported(text, tmp_path)
    assert [(t.by, t.target) for t in d.attacks] == [("x", "p")]


def test_contrary_and_contradictory_are_mutual_attacks(tmp_path: Path) -> None:
    text = "[A]: a\n  - [B]: b\n  >< [C]: c\n"
    d, warnings = imported(text, tmp_path, "c.argdown", mode="strict")
    assert [(t.by, t.target) for t in d.attacks] == [("b", "a"), ("a", "b"), ("a", "c"), ("c", "a")]
    assert warnings == [
        "c.argdown:3: warning: [A] and [C] are contradictory: imported as a mutual attack "
        "(debate/1 cannot say that exactly one of them holds)"
    ]
    loose, _ = imported(text, tmp_path, "c.argdown", mode="loose")
    assert [(t.by, t.target) for t in loose.attacks] == [("b", "a"), ("a", "c"), ("c", "a")]


def test_a_main_conclusion_is_a_conclusion_and_the_rest_givens(tmp_path: Path) -> None:
    d, _ = imported("(1) [p]: p\n(2) [q]: q\n----\n(3) [m]: m\n(4) [r]: r\n----\n(5) [c]: c\n", tmp_path)
    assert {s.id: s.kind for s in d.statements} == {
        "p": "premise",
        "q": "premise",
        "m": "conclusion",
        "r": "premise",
        "c": "conclusion",
    }
    assert [(a.id, a.premises, a.conclusion) for a in d.arguments] == [
        ("argument-step-1", ("p", "q"), "m"),
        ("argument", ("m", "r"), "c"),
    ]


def test_inference_data_uses_chooses_the_premises(tmp_path: Path) -> None:
    text = "<A>\n\n(1) p\n(2) q\n----\n(3) m\n(4) r\n-- {uses: [1, 4]} --\n(5) c\n\n<B>\n\n(1) x\n-- {uses: [7]} --\n(2) y\n"
    d, warnings = imported(text, tmp_path, "u.argdown")
    assert d.argument_by_id["a"].premises == ("p", "r")
    assert d.argument_by_id["b"].premises == ("x",)
    assert warnings == [
        "u.argdown:14: warning: data uses '[7]' must list numbers of statements above the "
        "inference; the statements since the previous conclusion are used"
    ]


def test_sketched_arguments_direct_and_with_a_stand_in_conclusion(tmp_path: Path) -> None:
    d, warnings = imported((FIXTURES / "sketched.argdown").read_text(encoding="utf-8"), tmp_path, "s.argdown")
    assert [(a.id, a.premises, a.conclusion) for a in d.arguments] == [
        ("direct", ("direct-reason",), "claim"),
        ("double", ("double-reason",), "claim"),
        ("double-2", ("double-reason",), "other"),
        ("attacker", ("attacker-reason", "backing"), "attacker-conclusion"),
        ("reused", ("reused-reason",), "claim"),
        ("lonely", ("lonely-reason",), "lonely-conclusion"),
    ]
    assert [(t.by, t.target) for t in d.attacks] == [("attacker-conclusion", "claim")]
    assert d.statement_by_id["attacker-reason"].note == "Also described as: A second description of the attacker."
    assert d.statement_by_id["reused-reason"].text == "Defined after it was referred to."
    assert warnings == []


def test_a_support_of_an_argument_is_an_added_premise(tmp_path: Path) -> None:
    text = "<S>: sketched\n  +> [T]: t\n  <+ [P]: p\n\n<R>\n  <+ [Q]: q\n\n<R>\n\n(1) a\n----\n(2) b\n"
    d, warnings = imported(text, tmp_path, "a.argdown")
    assert d.argument_by_id["s"].premises == ("s-reason", "p")
    assert d.argument_by_id["r"].premises == ("a", "q")
    assert warnings == [
        "a.argdown:6: warning: [Q] supports <R>, but does not say which premise: imported as an "
        "added premise of its last inference (attach the relation to a premise to say which)"
    ]


def test_an_undercut_of_a_statement_is_an_attack_with_a_warning(tmp_path: Path) -> None:
    d, warnings = imported("[S]: s\n  _ [U]: u\n", tmp_path, "u.argdown")
    assert [(t.by, t.target) for t in d.attacks] == [("u", "s")]
    assert warnings == [
        "u.argdown:2: warning: an undercut needs an argument or an inference, but [S] is a "
        "statement: imported as an attack on it"
    ]


def test_circular_support_is_left_out_with_a_warning(tmp_path: Path) -> None:
    d, warnings = imported("[a]: A\n  + [b]: B\n\n[b]\n  + [a]\n\n[c]: C\n  + [c]\n", tmp_path, "c.argdown")
    assert [(a.id, a.premises, a.conclusion) for a in d.arguments] == [("b-supports-a", ("b",), "a")]
    assert {s.id: s.kind for s in d.statements} == {"a": "conclusion", "b": "premise", "c": "premise"}
    assert warnings == [
        "c.argdown:5: warning: [a] supports [b]: not carried over, it would close a circle of support "
        "(a -> a-supports-b -> b -> b-supports-a -> a)",
        "c.argdown:8: warning: [c] supports [c]: not carried over, it would close a circle of support "
        "(c -> c-supports-c -> c)",
    ]
    two, warnings = imported("(1) [p]: P\n----\n(2) [q]: Q\n\n(1) [q]\n----\n(2) [p]\n", tmp_path, "p.argdown")
    assert [(a.id, a.premises, a.conclusion) for a in two.arguments] == [("argument", ("p",), "q")]
    assert warnings == [
        "p.argdown:5: warning: argument 'argument-2' is not carried over: with premise (1) it "
        "would close a circle of support (q -> argument-2 -> p -> argument -> q)"
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("already-an-id", "already-an-id"),
        ("a0", "a0"),
        ("Fleisch-OK", "fleisch-ok"),
        ("Natürlichkeitsprinzip", "naturlichkeitsprinzip"),
        ("Straße & Brücke", "strasse-brucke"),
        ("  Spaces,  punctuation!? ", "spaces-punctuation"),
        ("Ærø Œuvre", "aero-oeuvre"),
        ("日本語", ""),
        ("!!!", ""),
        ("word " * 30, ("word-" * 13)[:-1]),
    ],
)
def test_ids_from_titles(title: str, expected: str) -> None:
    assert title_to_id(title) == expected
    assert len(title_to_id(title)) <= 64


def test_ids_are_unique_across_statements_and_arguments(tmp_path: Path) -> None:
    text = "[Same]: s\n\n[same]: t\n\n<Same>: a\n  +> [Same]\n\n[日本]: x\n\n[中文]: y\n\n[Same-reason]: z\n"
    d, _ = imported(text, tmp_path)
    assert [s.id for s in d.statements] == [
        "same",
        "same-2",
        "statement",
        "statement-2",
        "same-reason",
        "same-3-reason",
    ]
    assert [a.id for a in d.arguments] == ["same-3"]


def test_statement_data_sets_what_the_debate_keeps(tmp_path: Path) -> None:
    text = (
        "[a]: A {kind: objection, accepted: true, editorial: true, note: a note}\n\n"
        "[b]: B {kind: analogy, colour: red}\n\n"
        "[c]: C {kind: premise, accepted: maybe}\n  + [a]\n\n"
        "[d]: D {kind: conclusion}\n\n"
        "[e]: E {quote: not without a source}\n"
    )
    d, warnings = imported(text, tmp_path, "d.argdown")
    a, b, c, dd, e = d.statements
    assert (a.kind, a.accepted, a.editorial, a.note) == ("objection", True, True, "a note")
    assert (b.kind, b.accepted) == ("analogy", True)
    assert (c.kind, c.accepted) == ("conclusion", None)
    assert (dd.kind, e.quote) == ("premise", None)
    assert warnings == [
        "d.argdown:3: warning: data key 'colour' not carried over (a statement has kind, accepted, editorial, "
        "note, quote)",
        "d.argdown:5: warning: data accepted 'maybe' is not true or false; ignored",
        "d.argdown:5: warning: 'c' has data kind premise, but arguments conclude it: imported as a conclusion",
        "d.argdown:8: warning: 'd' has data kind conclusion, but no argument concludes it: imported as a premise",
        "d.argdown:10: warning: the quote of 'e' not carried over: it needs a source text "
        "(front matter source: {text: FILE})",
    ]


def test_front_matter_title_thesis_source_scenarios(tmp_path: Path) -> None:
    source = tmp_path / "essay.txt"
    source.write_text("The whole essay: A holds.", encoding="utf-8")
    text = (
        "===\ntitle: My debate\nthesis: Claim\nsource: {text: essay.txt, author: Me}\n"
        "scenarios:\n  - {id: doubt, title: Doubt it, off: [r], on: [Nothing]}\n"
        "  - {id: yaml11, title: Unquoted keys, on: [o]}\n"
        "map: {statementLabelMode: text}\n===\n\n"
        "[Claim]: A holds. {quote: 'A holds'}\n  + [r]: R\n  - [o]: O {kind: objection}\n"
    )
    d, warnings = imported(text, tmp_path, "f.argdown")
    assert (d.title, d.thesis, d.source.text if d.source else None) == ("My debate", "claim", "essay.txt")
    assert d.statement_by_id["claim"].quote == "A holds"
    assert [(s.id, s.off, s.on) for s in d.scenarios] == [("doubt", ("r",), ()), ("yaml11", (), ("o",))]
    assert warnings == [
        "f.argdown:1: warning: front matter key 'map' not carried over (the importer reads title, thesis, source, "
        "scenarios, attack_notes, question_attacks, model)",
        "f.argdown:1: warning: front matter scenarios[0].on: 'Nothing' is not a given named once; ignored",
    ]


def test_equivalent_formulations_and_links_go_into_the_note(tmp_path: Path) -> None:
    d, _ = imported(
        "[T]: First [wording](https://a.example).\n\n[T]: Second wording.\n\n[T]: First wording.\n", tmp_path
    )
    assert d.statements[0].text == "First wording."
    assert d.statements[0].note == "Link: wording (https://a.example)\n\nAlso stated as: Second wording."


def test_import_data_and_yaml_agree() -> None:
    text = (SAMPLES / "intro.argdown").read_text(encoding="utf-8")
    data, warnings = import_argdown_data(text, "intro.argdown")
    yaml_text, warnings2 = import_argdown(text, "intro.argdown")
    assert warnings == warnings2 and all(isinstance(w, ArgdownWarning) for w in warnings)
    assert yaml_text.startswith("# Imported from the Argdown file intro.argdown by graph.argdown;\n")
    assert list(data) == ["format", "title", "statements", "arguments", "attacks"]
    assert "\nstatements:\n- id: argdown-is-a-simple-syntax-for-defining\n  kind: premise\n" in yaml_text


# --------------------------------------------------------------------------- export and round trip


def same_debate(a: Debate, b: Debate) -> None:
    assert [(s.id, s.kind, s.text, s.quote, s.accepted, s.editorial, s.note) for s in a.statements] == [
        (s.id, s.kind, " ".join(s.text.split()), s.quote, s.accepted, s.editorial, s.note) for s in b.statements
    ]
    assert [
        (x.id, x.conclusion, tuple(dict.fromkeys(x.premises)), x.scheme, x.critical_questions) for x in a.arguments
    ] == [(x.id, x.conclusion, tuple(dict.fromkeys(x.premises)), x.scheme, x.critical_questions) for x in b.arguments]
    assert {(t.by, t.target) for t in a.attacks} == {(t.by, t.target) for t in b.attacks}


def test_the_essay_round_trips(tmp_path: Path) -> None:
    essay = load_debate(ESSAY)
    again, warnings = imported(
        export_argdown(essay), tmp_path, "essay.argdown", extra_files=(ESSAY.with_suffix(".txt"),)
    )
    assert warnings == []
    same_debate(again, essay)
    assert (again.title, again.thesis, again.source.text if again.source else None) == (
        essay.title,
        essay.thesis,
        essay.source.text if essay.source else None,
    )
    assert [(s.id, s.title, s.description, s.on, s.off, s.unsure) for s in again.scenarios] == [
        (s.id, s.title, s.description, s.on, s.off, s.unsure) for s in essay.scenarios
    ]
    assert [(t.by, t.target, t.note) for t in again.attacks] == [(t.by, t.target, t.note) for t in essay.attacks]
    for scenario in essay.scenarios:
        choices = {
            **{g: "accepted" for g in scenario.on},
            **{g: "rejected" for g in scenario.off},
            **{g: "unsure" for g in scenario.unsure},
        }
        assert evaluate(again, choices) == evaluate(essay, choices)


def test_export_writes_readable_argdown() -> None:
    d = Debate(
        path="x.yaml",
        title="T",
        statements=(
            Statement("p", "premise", "P", 1, accepted=True),
            Statement("x", "objection", "X", 2, accepted=False),
            Statement("c", "conclusion", "C", 3),
        ),
        arguments=(Argument("a", "c", ("p",), 4, scheme="deduction"),),
        attacks=(Attack("x", "a", 5), Attack("x", "p", 6), Attack("x", "x", 7)),
    )
    assert export_argdown(d) == (
        "===\ntitle: T\nmodel:\n  mode: loose\n===\n\n"
        "// Exported from debate/1 by graph.argdown: statements, arguments, then attacks.\n\n"
        '[p]: P\n\n[x]: X {kind: "objection"}\n\n[c]: C\n\n'
        '<a> {scheme: "deduction"}\n\n(1) [p]\n----\n(2) [c]\n\n'
        "[x]\n  - [x]\n\n<a>\n  _ [x]\n\n[p]\n  - [x]\n"
    )


def test_a_self_attack_survives_the_round_trip(tmp_path: Path) -> None:
    # The reference merges a relation from X to X into any earlier relation of its kind towards X,
    # so the export writes self-attacks first.
    d = Debate(
        path="x.yaml",
        title="T",
        statements=(Statement("x", "premise", "X", 1, accepted=True), Statement("y", "premise", "Y", 2, accepted=True)),
        arguments=(),
        attacks=(Attack("y", "x", 3), Attack("x", "x", 4)),
    )
    again, _ = imported(export_argdown(d), tmp_path)
    assert {(t.by, t.target) for t in again.attacks} == {("y", "x"), ("x", "x")}


@pytest.mark.skipif(
    "question_ids" not in Argument.__dataclass_fields__, reason="this model has no question ids (format: questions)"
)
def test_critical_questions_round_trip(tmp_path: Path) -> None:
    # Questions: one with the format's id, one with its own id and a note; a statement
    # attacks a question and a scenario raises one (questions are givens).
    argument = Argument(
        "a", "c", ("p",), 3, critical_questions=("Is p true?", "Is it {relevant}?"),
        question_ids=("", "relevance"), question_notes=(None, "Asked by the reviewer."),
    )  # fmt: skip
    d = Debate(
        path="x.yaml",
        title="Q",
        statements=(Statement("p", "premise", "P", 1, accepted=True), Statement("c", "conclusion", "C", 2)),
        arguments=(argument,),
        attacks=(Attack("p", "relevance", 4, note="p answers it"), Attack("p", "a-q1", 5)),
        scenarios=(Scenario("doubt", "Doubt it", 6, on=("a-q1",)),),
    )
    text = export_argdown(d)
    assert '{critical_questions: ["Is p true?", {"id": "relevance", "text": "Is it \\u007brelevant\\u007d?"' in text
    again, warnings = imported(text, tmp_path)
    assert warnings == []
    questions = again.argument_by_id["a"].questions  # type: ignore[attr-defined]
    assert [(q.id, q.text, q.note) for q in questions] == [
        ("a-q1", "Is p true?", None),
        ("relevance", "Is it {relevant}?", "Asked by the reviewer."),
    ]
    assert [(t.by, t.target, t.note) for t in again.attacks] == [
        ("p", "relevance", "p answers it"),
        ("p", "a-q1", None),
    ]
    assert [(s.id, s.on) for s in again.scenarios] == [("doubt", ("a-q1",))]
    assert evaluate(again, {"relevance": "accepted"}) == evaluate(d, {"relevance": "accepted"})


_TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(lambda t: t.split() != [])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXTS, note=st.none() | _TEXTS, title=_TEXTS)
def test_any_text_round_trips(text: str, note: str | None, title: str, tmp_path: Path) -> None:
    d = Debate(
        path="x.yaml",
        title=title,
        statements=(
            Statement("s", "premise", text, 1, accepted=True, note=note),
            Statement("c", "conclusion", text[::-1] if text[::-1].split() else "c", 2),
        ),
        arguments=(Argument("a", "c", ("s",), 3, critical_questions=(text,)),),
    )
    data, warnings = import_argdown_data(export_argdown(d), "x.argdown")
    assert warnings == []
    assert data["title"] == title
    assert [s["text"] for s in data["statements"]] == [" ".join(s.text.split()) for s in d.statements]
    assert data["statements"][0].get("note") == note
    assert data["arguments"][0]["critical_questions"] == [text]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_debates_round_trip_with_the_same_statuses(data: st.DataObject, tmp_path: Path) -> None:
    original = data.draw(debates())
    again, warnings = imported(export_argdown(original), tmp_path, "r.argdown")
    assert warnings == []
    same_debate(again, original)
    for _ in range(3):
        choices = data.draw(choices_for(original))
        assert evaluate(again, choices) == evaluate(original, choices)


# --------------------------------------------------------------------------- speed


def generated(n: int) -> str:
    """An Argdown file of n statements: supports between them, sketched objections, and an
    argument with a premise-conclusion structure for every tenth statement."""
    out = ["===", "title: Generated", "===", ""]
    for i in range(n):
        out.append(f"[S{i}]: Statement number {i} says something about _topic_ {i % 17}.")
        if i:
            out.append(f"  + [S{(i * 7919) % i}]")
        if i % 3 == 0:
            out.append(f"  - <A{i}>: An objection to statement {i}.")
            out.append(f"    - [S{(i * 104729) % (i + 1)}]")
        out.append("")
    for k in range(n // 10):
        out += [f"<P{k}>", "", f"(1) [S{k}]", f"(2) [S{k + 1}]", "----", f"(3) [S{n - 1 - k}]", ""]
    return "\n".join(out)


def test_importing_1000_statements_takes_under_a_second(tmp_path: Path) -> None:
    text = generated(1000)
    best = min(_timed(lambda: import_argdown(text, "gen.argdown")) for _ in range(3))
    assert best < 1.0, best
    d, _ = imported(text, tmp_path)
    assert len(d.statements) >= 1000


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# --------------------------------------------------------------------------- the reference parser


def _oracle_available() -> bool:
    if shutil.which("node") is None:
        return False
    try:
        out = subprocess.run(
            ["node", str(ORACLE), str(SAMPLES / "lexer-comment.argdown")], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return out.returncode == 0 and out.stdout.startswith("{")


def _oracle(files: list[Path], mode: str | None) -> dict[str, dict[str, Any]]:
    cmd = ["node", str(ORACLE), *(["--mode", mode] if mode else []), *map(str, files)]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=True)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    return {Path(r["file"]).name: r for r in rows}


@pytest.mark.skipif(
    not _oracle_available(),
    reason="node or @argdown/core 1.7.5 is not installed "
    "(mkdir -p /tmp/argdown-oracle && cd /tmp/argdown-oracle && npm install @argdown/core@1.7.5)",
)
@pytest.mark.parametrize("mode", [None, "loose", "strict"])
def test_counts_match_the_reference_parser(mode: str | None, tmp_path: Path) -> None:
    essay = tmp_path / "essay-export.argdown"
    essay.write_text(export_argdown(load_debate(ESSAY)), encoding="utf-8")
    files = [*sorted(SAMPLES.glob("*.argdown")), *sorted(FIXTURES.glob("*.argdown")), essay]
    reference = _oracle(files, mode)
    for f in files:
        ref = reference[f.name]
        assert ref["errors"] == 0, f.name
        doc = parse_argdown(f.read_text(encoding="utf-8"), f.name, mode=mode)
        mine = {
            "statements": len(doc.statements),
            "arguments": len(doc.arguments),
            "relations": doc.relation_counts(),
            "pcs": sum(a.reconstructed for a in doc.arguments),
            "members": sum(len(ec.definitions) for ec in doc.statements),
        }
        assert mine == {k: ref[k] for k in mine}, f.name


@pytest.mark.skipif(not _oracle_available(), reason="node or @argdown/core 1.7.5 is not installed")
def test_the_reference_parser_refuses_the_bad_syntax_too() -> None:
    syntax = [FIXTURES / "bad" / n for n in sorted(BAD) if n not in ("bad-data.argdown", "two-pcs.argdown")]
    reference = _oracle(syntax, None)
    # the reference reports a parse error (or, for an empty input, produces no model at all)
    assert all(reference[f.name]["errors"] != 0 for f in syntax), {f.name: reference[f.name] for f in syntax}


def test_the_scenario_model_is_importable() -> None:
    # A guard for the tests above: Scenario still has the fields the export writes.
    assert {f for f in Scenario.__dataclass_fields__} >= {"id", "title", "description", "on", "off", "unsure"}


def test_a_file_of_too_many_tokens_is_refused_quickly_at_its_line():
    from graph.argdown_parse import MAX_TOKENS

    text = "[a]: x\n" + "  <+ [a]\n" * (MAX_TOKENS // 3 + 10)
    started = time.perf_counter()
    with pytest.raises(ArgdownError) as caught:
        import_argdown_data(text, "big.argdown")
    assert time.perf_counter() - started < 10
    assert caught.value.message == (
        f"more than {MAX_TOKENS:,} words, brackets and marks: refused (split the debate in parts)"
    )
    assert 1 < caught.value.line <= MAX_TOKENS // 3 + 11
