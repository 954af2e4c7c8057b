"""graph.page: what the page shows, as data (no Streamlit)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.choices import Choices
from graph.evaluate import evaluate
from graph.explain import explain_many, summarize_explanation
from graph.model import Debate
from graph.page import (
    CHANGED_SHOWN,
    LISTED_GIVENS_UP_TO,
    PageState,
    analyse,
    build_map_delta,
    build_map_page,
    click,
    debate_names,
    fingerprint,
    found_sections,
    given_sections,
    shown_name,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "app"


def test_debate_names_are_the_yaml_files_sorted(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yaml", "notes.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / "dir.yaml").mkdir()
    assert debate_names(tmp_path) == ["a", "b"]
    assert debate_names(tmp_path / "missing") == []


def test_the_fingerprint_follows_the_file_and_its_source_text(tmp_path: Path) -> None:
    for name in ("tiny.yaml", "tiny.txt"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    path = tmp_path / "tiny.yaml"
    first = fingerprint(path)
    assert fingerprint(path) == first
    (tmp_path / "tiny.txt").write_text("P is true. Q is true, so C. And more.")
    assert fingerprint(path) != first
    assert len(fingerprint(tmp_path / "gone.yaml")) == 64  # an error has a key too, never raises


def test_a_file_is_named_relative_to_the_content_folder(tmp_path: Path) -> None:
    assert shown_name(str(FIXTURES / "tiny.yaml"), FIXTURES) == "tiny.yaml"
    assert shown_name(str(FIXTURES / "sub" / "x.yaml"), FIXTURES) == "sub/x.yaml"
    assert shown_name("/elsewhere/secret/x.yaml", FIXTURES) == "x.yaml"


def test_analyse_gives_the_engines_statuses_and_reasons(tiny: Debate) -> None:
    choices = Choices.start(tiny).with_choice("p", "rejected")
    result = analyse(tiny, choices)
    statuses = evaluate(tiny, choices)
    assert result.statuses == statuses
    ids = [*tiny.statement_by_id, *tiny.argument_by_id]
    want = {n: summarize_explanation(e) for n, e in explain_many(tiny, choices, ids, statuses).items()}
    assert result.reasons == want


def test_the_map_delta_is_empty_at_the_start_and_names_what_changed(tiny: Debate) -> None:
    start = Choices.start(tiny)
    page = build_map_page(tiny, "k" * 64, analyse(tiny, start))
    assert page.key.startswith("k" * 16) and "vis.Network" in page.html
    assert build_map_delta(tiny, page, start, analyse(tiny, start)).nodes == []
    rejected = start.with_choice("p", "rejected")
    delta = build_map_delta(tiny, page, rejected, analyse(tiny, rejected))
    before, after = evaluate(tiny, start), evaluate(tiny, rejected)
    assert {n["id"] for n in delta.nodes} == {n for n in after if after[n] != before[n]} | {"p"}
    again = build_map_delta(tiny, page, rejected, analyse(tiny, rejected))
    assert again.digest == delta.digest != build_map_delta(tiny, page, start, analyse(tiny, start)).digest


def test_a_click_cycles_a_given_and_selects_anything_else(tiny: Debate) -> None:
    start = Choices.start(tiny)
    seen = []
    choices = start
    for _ in range(3):
        choices = click(tiny, choices, "p").choices
        seen.append(choices["p"])
    assert seen == ["unsure", "rejected", "accepted"]
    assert click(tiny, start, "c").selected == "c" and click(tiny, start, "c").choices is None
    assert click(tiny, start, "a1").selected == "a1"
    for junk in ("nope", None, 3, {"id": "p"}):
        outcome = click(tiny, start, junk)
        assert outcome.choices is None and outcome.selected is None


def test_the_panel_groups_givens_by_kind_in_file_order(tiny: Debate) -> None:
    assert given_sections(tiny) == [
        ("Premises", ["p", "q"]),
        ("Analogies", ["r"]),
        ("Challenges", ["x", "y"]),
        ("Critical questions", ["a2-q1"]),
    ]  # the questions last


def test_a_big_debate_lists_found_and_changed_givens_only() -> None:
    from bench.synthetic import make_debate

    big = make_debate(300)
    assert len(big.given_ids) > LISTED_GIVENS_UP_TO
    assert given_sections(big) == []
    start = Choices.start(big)
    choices = start
    for gid in big.given_ids[: CHANGED_SHOWN + 5]:
        choices = choices.with_choice(gid, "unsure")
    sections, more, none_found = found_sections(big, choices, big.given_ids[0])
    assert sections[0] == ("Found", [big.given_ids[0]])
    assert sections[1][0] == f"Changed from the start ({CHANGED_SHOWN + 4})"
    assert len(sections[1][1]) == CHANGED_SHOWN and more == "and 4 more (see the text view)."
    assert not none_found
    assert found_sections(big, start, "no such words at all") == ([], None, True)


def test_page_state_sends_a_payload_once_per_key_and_again_when_lost() -> None:
    state = PageState(debate="tiny", link=None)
    assert state.plan_send("essay", "k1") and not state.plan_send("essay", "k1")
    assert state.plan_send("essay", "k2")
    state.resend("essay")
    assert state.plan_send("essay", "k2")


@pytest.mark.parametrize("digests, seqs", [(["a", "a", "b", "a"], [1, 1, 2, 3])])
def test_page_state_numbers_each_new_map_delta(digests: list[str], seqs: list[int]) -> None:
    from graph.page import MapDelta

    state = PageState(debate="tiny", link=None)
    assert [state.number_map_delta(MapDelta([], [], d)) for d in digests] == seqs
