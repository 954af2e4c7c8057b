"""graph/caption.py: what a node of the map says, and its shape."""

from __future__ import annotations

import pytest

from graph.caption import KIND_SHAPES, QUESTION_LABEL_MAX, box_corner, caption_variants, node_caption, node_kind
from graph.model import Debate
from graph.sizes import BOX_CORNER, NODE_FONT, QUESTION_CORNER, text_width
from graph.status import CHOICES, STATUS_SYMBOLS, STATUSES
from tests.builders import build_debate

LONG_QUESTION = "Is there a relevant difference between the two cases that the text leaves out, and does it matter?"


def _debate() -> Debate:
    return build_debate(
        [
            ("p", "premise"),
            ("x", "objection", {"editorial": True}),
            ("c", "conclusion"),
            ("t", "conclusion"),
        ],
        [
            ("a", "c", ["p"], {"critical_questions": ("Is P true?", LONG_QUESTION)}),
            ("b", "t", ["c"]),
        ],
        thesis="t",
    )


def test_a_statement_says_its_status_kind_and_text() -> None:
    d = _debate()
    assert node_caption(d, "p", "in", "accepted") == "✓ PREMISE\nP"
    assert node_caption(d, "p", "undecided", "unsure") == "? PREMISE — unsure\nP"
    assert node_caption(d, "x", "out", "rejected") == "✗ CHALLENGE (not in the essay)\nX"
    assert node_caption(d, "c", "in", None) == "✓ CONCLUSION\nC"
    assert node_caption(d, "t", "in", None) == "✓ THESIS\nT"
    assert node_caption(d, "p", "nonsense", "accepted").startswith("? ")  # anything else: undecided


def test_a_question_says_where_it_stands_in_a_questions_words() -> None:
    d = _debate()
    assert node_caption(d, "a-q1", "out", "rejected") == "✗ QUESTION — not\u00a0raised\nIs P true?"
    assert node_caption(d, "a-q1", "undecided", "unsure") == "? QUESTION — open\nIs P true?"
    assert node_caption(d, "a-q1", "in", "accepted") == "✓ QUESTION — raised\nIs P true?"
    assert node_caption(d, "a-q1", "out", None) == node_caption(d, "a-q1", "out", "rejected")  # none: not raised
    text = node_caption(d, "a-q2", "in", "accepted").split("\n", 1)[1]
    assert len(text) <= QUESTION_LABEL_MAX and text.endswith("…") and LONG_QUESTION.startswith(text[:-1])


def test_the_variants_hold_every_caption_a_node_can_have_up_to_the_symbols_width() -> None:
    d = _debate()
    width = {sym: text_width(sym, NODE_FONT) for sym in STATUS_SYMBOLS.values()}
    for nid in ("p", "x", "c", "t", "a-q1", "a-q2"):
        variants = caption_variants(d, nid)
        assert len(variants) == len(set(variants))
        given = nid in d.given_ids
        for status in STATUSES:
            for choice in CHOICES if given else (None,):
                caption = node_caption(d, nid, status, choice)
                symbol, rest = caption.split(" ", 1)
                assert any(v.split(" ", 1)[1] == rest and width[v.split(" ", 1)[0]] == width[symbol] for v in variants)


def test_kinds_shapes_and_corners() -> None:
    d = _debate()
    assert [node_kind(d, n) for n in ("p", "x", "c", "a", "a-q1")] == [
        "premise",
        "objection",
        "conclusion",
        "argument",
        "question",
    ]
    with pytest.raises(KeyError):
        node_kind(d, "nope")
    with pytest.raises(KeyError):
        node_caption(d, "a", "in", None)  # an argument has no caption
    assert KIND_SHAPES["question"] == "box"
    assert (box_corner("question"), box_corner("premise"), box_corner("conclusion"), box_corner("analogy")) == (
        QUESTION_CORNER,
        BOX_CORNER,
        0,
        0,
    )
