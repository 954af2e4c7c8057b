"""graph/status.py: the status words, symbols and colours every view shares."""

from __future__ import annotations

from graph.status import PALETTE, STATUS_SYMBOLS, STATUS_WORDS, status_phrase


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two #rrggbb colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_status_text_meets_wcag_aa_on_its_tint_and_on_white():
    for status, colours in PALETTE.items():
        assert contrast(colours["font"], colours["background"]) >= 4.5, status
        assert contrast(colours["font"], "#ffffff") >= 4.5, status


def test_the_contrast_formula_against_known_pairs():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#8a8a8a", "#f4f4f4"), 1) == 3.1  # the old faded text the issue measured


def test_a_status_is_never_told_by_colour_alone():
    assert status_phrase("out") == f"{STATUS_SYMBOLS['out']} {STATUS_WORDS['out']}"
    assert status_phrase("nonsense") == "? Undecided"
