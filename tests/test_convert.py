"""graph.convert: picking the import or export format."""

from __future__ import annotations

import pytest

from graph.convert import EXPORTS, export_debate, guess_format, import_file
from graph.load import load_debate
from graph.model import DebateInvalid


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
