"""graph.sizes: the box estimate agrees with the bounding boxes vis-network reports."""

from __future__ import annotations

import pytest

from graph.sizes import BOX_MAX_WIDTH, LABEL_BELOW, NodeBox, estimate_box, text_width, wrap_label

# Boxes that vis-network 9.1.2 gave these labels (network.getBoundingBox
# around the node's position: left, right, top, bottom) in Debian's chromium
# (sans-serif = Liberation Sans), the essay's map drawn by graph.render; a
# hexagon's label hangs LABEL_BELOW more under it than vis's box says.
MEASURED = [
    (
        "box",
        14,
        8,
        "? PREMISE\nBuilding powerful AI such as LLMs raises important questions of safety and ethics",
        (84.87, 84.87, 51, 51),
    ),
    ("box", 16, 0, "? THESIS\nOpen-sourcing AI is critical for developing it safely", (83.15, 83.15, 40, 40)),
    (
        "box",
        16,
        0,
        "? CONCLUSION\nAvailable AI systems allow crowdsourced auditing of how to control them responsibly",
        (81.66, 81.66, 56, 56),
    ),
    (
        "ellipse",
        14,
        0,
        "? ANALOGY\nOpen access let worldwide collaboration make Linux and operating systems more secure",
        (116.7, 116.7, 84, 84),
    ),
    (
        "ellipse",
        14,
        0,
        "? ANALOGY\nOpen clinical trial data enabled faster detection of Vioxx's heart risks",
        (102.72, 102.72, 56, 56),
    ),
    (
        "database",
        14,
        0,
        "? EXAMPLE\nMeta released its Llama models openly to spur safety research and benefit society",
        (82.31, 82.31, 82.31, 82.31),
    ),
    (
        "hexagon",
        14,
        0,
        "? CHALLENGE (not in the essay)\nHeartbleed was a flaw in OpenSSL, not Linux, and went unnoticed for about two years",
        (71.99, 71.99, 25, 109),
    ),
    ("dot", 14, 0, "", (7, 7, 7, 7)),
]


@pytest.mark.parametrize(("shape", "font", "corner", "label", "vis"), MEASURED)
def test_the_estimate_is_the_box_vis_network_draws(shape, font, corner, label, vis):
    box = estimate_box(shape, label, font, corner=corner)
    expected = NodeBox(*vis)
    if shape == "hexagon":
        expected = expected._replace(bottom=expected.bottom + LABEL_BELOW)
    assert box == pytest.approx(expected, abs=0.2)


def test_lines_wrap_at_spaces_as_vis_does_and_break_a_word_too_long():
    assert wrap_label("? PREMISE\nAPI-only or select-group access narrows the perspectives brought to safety", 14) == [
        "? PREMISE",
        "API-only or select-group",
        "access narrows the",
        "perspectives brought to",
        "safety",
    ]
    long = "x" * 60
    lines = wrap_label(long, 14)
    assert "".join(lines) == long and len(lines) == 3
    assert text_width(lines[0], 14) > BOX_MAX_WIDTH >= text_width(lines[0][:-1], 14)  # vis's cut: one letter over


def test_text_widths_are_arials_and_unknown_characters_are_wide():
    assert text_width("a", 14) == pytest.approx(7.7861328125)  # what the canvas measured
    assert text_width("é", 14) == text_width("e", 14)  # an accented letter as its letter
    assert text_width("字", 14) == 14  # a wide character: one em
    assert text_width("", 14) == 0
