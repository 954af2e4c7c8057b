"""graph.link: reading a shared link (never raises) and writing one."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.choices import Choices
from graph.link import (
    build_query,
    choices_from_query,
    debate_name_from_query,
    query_string,
    share_url,
)
from tests.builders import build_debate

D = build_debate(
    [("p", "premise"), ("q", "premise"), ("r", "analogy"), ("x", "objection"), ("c", "conclusion")],
    [("a1", "c", ["p", "q"]), ("a2", "c", ["r"])],
    [("x", "a2")],
)
START = D.starting_choices()


def with_(**changes):
    out = dict(START)
    out.update(changes)
    return out


def test_no_parameters_is_the_start():
    assert choices_from_query({}, D) == (START, [])


def test_one_and_several_values():
    assert choices_from_query({"off": "p"}, D) == (with_(p="rejected"), [])
    assert choices_from_query({"off": "p,q", "on": "x", "unsure": "r"}, D) == (
        with_(p="rejected", q="rejected", x="accepted", r="unsure"),
        [],
    )


def test_repeated_keys_are_merged_and_duplicates_ignored():
    got, warnings = choices_from_query({"off": ["p", "q,p"], "unsure": ["r", "r"]}, D)
    assert got == with_(p="rejected", q="rejected", r="unsure") and warnings == []


def test_empty_values_and_items_are_skipped():
    assert choices_from_query({"off": ""}, D) == (START, [])
    assert choices_from_query({"off": [",,", " p ,"], "on": []}, D) == (with_(p="rejected"), [])


def test_unknown_ids_are_ignored_with_a_warning_naming_parameter_and_ids():
    got, warnings = choices_from_query({"off": "p,nope,<script>alert(1)</script>"}, D)
    assert got == with_(p="rejected")
    assert len(warnings) == 1
    assert '"off"' in warnings[0] and '"nope"' in warnings[0]
    assert "<script>alert(1)</script>" in warnings[0]  # plain text; the page escapes it


def test_a_conclusion_cannot_be_chosen():
    got, warnings = choices_from_query({"off": "c"}, D)
    assert got == START and '"c"' in warnings[0] and "conclusion" in warnings[0]


def test_an_id_in_two_lists_is_ignored():
    got, warnings = choices_from_query({"off": "p,q", "on": "p"}, D)
    assert got == with_(q="rejected")
    assert any('"p"' in w and "more than one" in w for w in warnings)


def test_a_huge_value_gives_a_short_warning():
    huge = "a" * 10_000
    got, warnings = choices_from_query({"off": huge, "on": ",".join(f"z{i}" for i in range(500))}, D)
    assert got == START
    assert len(warnings) == 2 and all(len(w) < 600 for w in warnings)
    assert "and 492 more" in warnings[1]


def test_strange_values_never_raise():
    for params in ({"off": None}, {"off": 5}, {"off": [None, 3, "p"]}, {"off": "\x00\n\t"}, {"debate": []}):
        choices, _ = choices_from_query(params, D)  # type: ignore[arg-type]
        assert set(choices) == set(START)


def test_debate_name():
    names = ["a", "b"]
    assert debate_name_from_query({}, names, "a") == ("a", [])
    assert debate_name_from_query({"debate": "b"}, names, "a") == ("b", [])
    name, warnings = debate_name_from_query({"debate": "<nope>"}, names, "a")
    assert name == "a" and '"<nope>"' in warnings[0] and '"debate"' in warnings[0]
    name, warnings = debate_name_from_query({"debate": ["zz", "b"]}, names, "a")
    assert name == "b" and '"zz"' in warnings[0]


def test_build_query_carries_only_what_differs():
    assert build_query(D, "t", START) == {"debate": "t"}
    q = build_query(D, "t", with_(q="rejected", p="rejected", x="accepted", r="unsure"))
    assert q == {"debate": "t", "off": "p,q", "on": "x", "unsure": "r"}
    assert query_string(q) == "?debate=t&off=p%2Cq&on=x&unsure=r"


def test_share_url_uses_the_page_address_without_its_query():
    q = {"debate": "t", "off": "p"}
    assert share_url("https://me.streamlit.app/?debate=old#x", q) == "https://me.streamlit.app/?debate=t&off=p"
    assert share_url("http://localhost:8501", q) == "http://localhost:8501/?debate=t&off=p"
    assert share_url(None, q) == "?debate=t&off=p"


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({g: st.sampled_from(["accepted", "rejected", "unsure"]) for g in START}))
def test_round_trip(choices):
    q = build_query(D, "t", choices)
    assert choices_from_query(q, D) == (choices, [])


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["off", "on", "unsure", "debate", "x"]),
        st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3)),
    )
)
def test_any_query_gives_a_full_mapping(params):
    choices, warnings = choices_from_query(params, D)
    assert set(choices) == set(START)
    assert all(isinstance(w, str) for w in warnings)


def test_the_choices_are_one_hashable_value():
    got, _ = choices_from_query({"off": "p"}, D)
    assert isinstance(got, Choices) and list(got) == list(D.given_ids)
    assert hash(got) == hash(Choices.start(D).with_choice("p", "rejected"))


def test_an_argument_cannot_be_chosen():
    got, warnings = choices_from_query({"on": "a1,x"}, D)
    assert got == with_(x="accepted")
    assert warnings == ['Link parameter "on": ignored "a1": arguments cannot be chosen, only givens.']


def test_ids_past_10000_are_ignored_with_one_warning():
    many = ",".join(f"z{i}" for i in range(100_000))
    t0 = time.perf_counter()
    got, warnings = choices_from_query({"off": [many, "p"], "on": "x"}, D)
    assert time.perf_counter() - t0 < 2  # was quadratic: 56,000 ids took 33 s
    assert got == START  # p and x come after the first 10,000 ids
    assert warnings == [
        'Link parameter "off": only the first 10,000 ids are read; ignored 90,002 more.',
        'Link parameter "off": ignored unknown ids "z0", "z1", "z2", "z3", "z4", "z5", "z6", "z7" and 9,992 more.',
    ]


def test_the_limit_counts_over_all_lists_in_order():
    got, warnings = choices_from_query({"off": ",".join(["p"] * 9_999), "on": "x,q", "unsure": "r"}, D)
    assert got == with_(p="rejected", x="accepted")
    assert warnings == ['Link parameter "on": only the first 10,000 ids are read; ignored 2 more.']


def test_a_512_kib_query_is_read_quickly():
    big = ",".join(f"id-{i:06d}" for i in range(52_429))
    assert len(big) > 512 * 1024 - 16
    t0 = time.perf_counter()
    got, warnings = choices_from_query({"off": big, "on": big, "unsure": big}, D)
    assert time.perf_counter() - t0 < 2  # a 512 KiB query cost 114 s of CPU on the server
    assert got == START and len(warnings) == 2 and all(len(w) < 600 for w in warnings)


def test_a_link_names_critical_questions_like_givens():
    from graph.load import load_debate

    d = load_debate("tests/fixtures/valid/questions.yaml")
    choices, warnings = choices_from_query({"on": ["apt"], "unsure": ["a1-q1"]}, d)
    assert warnings == [] and choices["apt"] == "accepted" and choices["a1-q1"] == "unsure"
    assert build_query(d, "questions", choices) == {"debate": "questions", "on": "apt", "unsure": "a1-q1"}
