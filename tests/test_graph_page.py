"""graph.page: what the page shows, as data (no Streamlit)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.choices import Choices
from graph.evaluate import evaluate
from graph.explain import explain_many
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
from graph.wording import reason_line

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
    ids = [*tiny.statement_by_id, *tiny.argument_by_id, *tiny.question_by_id]
    assert tiny.questions  # a question has its reason too (its tooltip in the map)
    want = {n: reason_line(tiny, e) for n, e in explain_many(tiny, choices, ids, statuses).items()}
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
    assert len(sections[1][1]) == CHANGED_SHOWN and more == "and 4 more (see the outline)."
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


def test_undo_takes_back_each_change_in_turn_and_nothing_more(tiny: Debate) -> None:
    from graph.page import UNDO_STEPS

    state = PageState(debate="tiny", link=None)
    start = Choices.start(tiny)
    state.change(start, None)
    one = start.with_choice(tiny.given_ids[0], "rejected")
    two = one.with_choice(tiny.given_ids[1], "unsure")
    state.change(one, "n1")
    state.change(two, "n2")
    state.change(two, "same")  # no change, nothing to undo
    assert state.undo() == one and state.undo() == start and state.undo() is None
    for _ in range(UNDO_STEPS + 5):
        state.change(one if state.choices == start else start, None)
    assert len(state.past) == UNDO_STEPS
    state.change(two, None, remember=False)
    assert len(state.past) == UNDO_STEPS and state.past[-1] != two


def test_questions_are_asked_until_closed_and_unknown_ones_ignored() -> None:
    state = PageState(debate="tiny", link=None)
    state.ask("overturn", True)
    state.ask("robust", True)
    state.ask("delete-everything", True)
    state.ask("robust", False)
    assert state.asked == {"overturn"}
    state.start_debate("other")
    assert state.asked == frozenset() and state.past == [] and state.compare is None


def test_compare_target_reads_each_option_and_refuses_bad_links(worked: Debate) -> None:
    from graph.choices import choices_from_scenario
    from graph.page import COMPARE_LINK_MAX, compare_options, compare_target

    values = [v for v, _ in compare_options(worked)]
    assert values[:2] == ["", "start"] and values[-1] == "link"
    assert compare_target(worked, "w", "start", "").choices == Choices.start(worked)
    for sc in worked.scenarios:
        got = compare_target(worked, "w", f"scenario:{sc.id}", "")
        assert got.choices == choices_from_scenario(worked, sc.id) and sc.title in got.name
    for junk in (None, 3, ["start"], "scenario:nope", "drop table"):
        assert compare_target(worked, "w", junk, "").choices is None
    gid = worked.given_ids[0]
    got = compare_target(worked, "w", "link", f"https://x.example/?debate=w&off={gid}")
    assert got.choices == Choices.start(worked).with_choice(gid, "rejected") and not got.error
    assert compare_target(worked, "w", "link", f"off={gid}").choices is not None
    assert compare_target(worked, "w", "link", "").choices is None
    assert "another debate" in compare_target(worked, "w", "link", "?debate=other").error
    assert "no choices" in compare_target(worked, "w", "link", "just words").error
    assert "longer than" in compare_target(worked, "w", "link", "?off=" + "a" * COMPARE_LINK_MAX).error
    warned = compare_target(worked, "w", "link", "?off=no-such-given")
    assert warned.choices == Choices.start(worked) and "no-such-given" in warned.error
