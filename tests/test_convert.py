"""graph.convert: picking the import or export format; imports from memory; the YAML export."""

from __future__ import annotations

import dataclasses
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.convert import EXPORTS, debate_data, export_debate, export_yaml, guess_format, import_data, import_file
from graph.evaluate import evaluate
from graph.load import MAX_BYTES, check_debate, load_debate
from graph.model import Argument, Attack, Debate, DebateInvalid, Scenario, Source, Statement
from tests.strategies import choices_for, debates

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "content" / "open-source-ai-safety.yaml"
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "interop-samples"
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="shared/interop-samples is not beside the repository")


def test_the_suffix_names_the_import_format():
    assert [guess_format(p) for p in ("a.argdown", "b.AD", "c.json", "d.yaml")] == ["argdown", "argdown", "aif", None]


def test_every_export_format_gives_text_and_others_are_refused():
    debate = load_debate("content/open-source-ai-safety.yaml")
    for fmt in EXPORTS:
        assert export_debate(debate, fmt).strip()
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        export_debate(debate, "pdf")


def test_import_refuses_an_unknown_format_and_an_unreadable_file(tmp_path):
    with pytest.raises(ValueError, match="cannot tell the format"):
        import_file(str(tmp_path / "x.txt"))
    with pytest.raises(DebateInvalid) as raised:
        import_file(str(tmp_path / "missing.json"))
    assert str(raised.value.errors[0]).startswith(f"{tmp_path / 'missing.json'}:1: cannot read file")


# --------------------------------------------------------------------------- import_data (bytes in memory)


@needs_samples
@pytest.mark.parametrize(
    "sample", ["argdown/intro.argdown", "argdown/veggie-debate.argdown", "aif/araucaria-nodeset128.json"]
)
def test_import_data_gives_what_import_file_gives(sample):
    path = str(SAMPLES / sample)
    fmt = guess_format(path)
    assert fmt is not None
    assert import_data(Path(path).read_bytes(), path, fmt, ".") == import_file(path)


def test_import_data_refuses_bad_bytes_with_the_files_messages():
    with pytest.raises(DebateInvalid) as raised:
        import_data(b"[A]: caf\xe9", "x.argdown", "argdown")
    assert [str(e) for e in raised.value.errors] == ["x.argdown:1: byte 0xe9 at line 1 is not UTF-8"]
    with pytest.raises(DebateInvalid) as raised:
        import_data(b"[A]: a" * (MAX_BYTES // 6 + 1), "x.argdown", "argdown")
    assert [str(e) for e in raised.value.errors] == [f"x.argdown:1: file is larger than {MAX_BYTES} bytes"]
    with pytest.raises(ValueError, match="unknown import format 'yaml'"):
        import_data(b"", "x.yaml", "yaml")


def test_import_data_reads_no_source_text_without_a_folder():
    # An AIF export names its source text; with no folder to look in, it is left out (warned).
    aif = export_debate(load_debate(ESSAY), "aif")
    text, warnings = import_data(aif.encode(), "essay.json", "aif")
    data = yaml.safe_load(text)
    assert "source" not in data
    assert not [s for s in data["statements"] if "quote" in s]
    assert warnings == [
        "essay.json: warning: source text 'open-source-ai-safety.txt' not kept:"
        " the importer was not told where the debate will be written",
        "essay.json: warning: 26 quotes left out (no source text was kept)",
    ]


# --------------------------------------------------------------------------- export_yaml


def _plain(d: Debate) -> tuple[object, ...]:
    """Everything a debate says, lines aside (and questions by what they are, not by how they were written)."""

    def argument(a: Argument) -> tuple[object, ...]:
        return (a.id, a.conclusion, a.premises, a.scheme, tuple((q.id, q.text, q.note) for q in a.questions))

    return (
        d.title,
        d.thesis,
        None if d.source is None else dataclasses.replace(d.source, line=0),
        tuple(dataclasses.replace(s, line=0) for s in d.statements),
        tuple(argument(a) for a in d.arguments),
        tuple(dataclasses.replace(k, line=0) for k in d.attacks),
        tuple(dataclasses.replace(sc, line=0) for sc in d.scenarios),
    )


def _reloaded(d: Debate, folder: Path) -> Debate:
    path = folder / "exported.yaml"
    path.write_text(export_yaml(d), encoding="utf-8")
    loaded, errors = check_debate(path)
    assert errors == [], [str(e) for e in errors]
    assert loaded is not None
    return loaded


def test_the_essay_exported_as_yaml_loads_back_as_the_same_debate(tmp_path):
    shutil.copy(ROOT / "content" / "open-source-ai-safety.txt", tmp_path)
    essay = load_debate(ESSAY)
    again = _reloaded(essay, tmp_path)
    assert _plain(again) == _plain(essay)
    assert again.source_text == essay.source_text
    assert evaluate(again) == evaluate(essay)
    assert export_debate(essay, "yaml") == export_yaml(essay)


def test_yaml_export_writes_only_what_is_set():
    d = Debate(
        path="x.yaml",
        title="T",
        statements=(
            Statement("p", "premise", "P", 1, accepted=True),
            Statement("o", "objection", "O", 2, accepted=False),
            Statement("r", "premise", "R", 3, accepted=False, editorial=True, note="n"),
            Statement("c", "conclusion", "C", 4),
        ),
        arguments=(Argument("a", "c", ("p", "r"), 5, critical_questions=("Q?", "R?"), question_ids=("", "mine")),),
        attacks=(Attack("o", "a", 6), Attack("o", "a-q1", 7, note="why")),
        scenarios=(Scenario("s", "S", 8, on=("o",)),),
        source=Source(line=9, author="A"),
    )
    assert debate_data(d) == {
        "format": "debate/1",
        "title": "T",
        "source": {"author": "A"},
        "statements": [
            {"id": "p", "kind": "premise", "text": "P"},
            {"id": "o", "kind": "objection", "text": "O"},
            {"id": "r", "kind": "premise", "text": "R", "accepted": False, "editorial": True, "note": "n"},
            {"id": "c", "kind": "conclusion", "text": "C"},
        ],
        "arguments": [
            {
                "id": "a",
                "conclusion": "c",
                "premises": ["p", "r"],
                "critical_questions": ["Q?", {"id": "mine", "text": "R?"}],
            }
        ],
        "attacks": [{"by": "o", "target": "a"}, {"by": "o", "target": "a-q1", "note": "why"}],
        "scenarios": [{"id": "s", "title": "S", "on": ["o"]}],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_yaml_export_round_trip_keeps_statements_arguments_attacks_and_statuses(tmp_path, data):
    d = data.draw(debates())
    again = _reloaded(d, tmp_path)
    assert _plain(again) == _plain(d)
    choices = data.draw(choices_for(d))
    assert evaluate(again, choices) == evaluate(d, choices)


# Texts a hand-written file may hold: any character but surrogates (a UTF-8 file cannot hold them), not blank.
_TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(lambda t: t.strip())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_TEXTS, text=_TEXTS, note=st.none() | st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_yaml_export_keeps_every_character_of_a_text(tmp_path, title, text, note):
    d = Debate(
        path="x.yaml",
        title=title,
        statements=(
            Statement("p", "premise", text, 1, accepted=True, note=note),
            Statement("c", "conclusion", text, 2),
        ),
        arguments=(Argument("a", "c", ("p",), 3, critical_questions=(text,)),),
    )
    assert _plain(_reloaded(d, tmp_path)) == _plain(d)


def test_the_essay_is_exported_in_every_format_under_50_ms():
    essay = load_debate(ESSAY)
    for fmt in EXPORTS:
        export_debate(essay, fmt)  # the first call imports the writer (networkx for GraphML)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            export_debate(essay, fmt)
            times.append(time.perf_counter() - start)
        assert min(times) < 0.05, (fmt, times)
