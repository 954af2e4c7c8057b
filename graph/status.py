"""Statuses and choices: one home for their words, symbols, colours and cycle.

A *status* is what the engine gives every statement and argument: ``in``
(holds), ``out`` (does not hold) or ``undecided`` (the format calls these
labels; the code says status everywhere, since vis-network's "label" is a
node's caption).  A *choice* is what the reader sets on a given:
``accepted``, ``rejected`` or ``unsure``.

Every view (map, essay, conclusions, panel, verdict) takes its words,
symbols and colours from here; the colours are Okabe-Ito (colour-blind safe)
and never the only cue: each status also has its symbol and border style.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = [
    "BORDER_DASHES",
    "BORDER_STYLES",
    "CHOICES",
    "CHOICE_CYCLE",
    "CHOICE_WORDS",
    "NOT_RAISED_BORDER",
    "PALETTE",
    "STATUSES",
    "STATUS_SYMBOLS",
    "STATUS_WORDS",
    "STATUS_WORDS_LOWER",
    "Choice",
    "Status",
    "next_choice",
    "status_phrase",
]

Status = Literal["in", "out", "undecided"]
Choice = Literal["accepted", "rejected", "unsure"]
STATUSES: Final[tuple[Status, ...]] = ("in", "out", "undecided")
CHOICES: Final[tuple[Choice, ...]] = ("accepted", "rejected", "unsure")

STATUS_WORDS: Final[dict[str, str]] = {"in": "Holds", "out": "Does not hold", "undecided": "Undecided"}
STATUS_WORDS_LOWER: Final[dict[str, str]] = {k: v.lower() for k, v in STATUS_WORDS.items()}
STATUS_SYMBOLS: Final[dict[str, str]] = {"in": "✓", "out": "✗", "undecided": "?"}
# Okabe-Ito: green, vermillion, orange borders; tints behind.
PALETTE: Final[dict[str, dict[str, str]]] = {
    "in": {"border": "#009E73", "background": "#DDF2EB", "font": "#1a1a1a"},
    "out": {"border": "#D55E00", "background": "#F4F4F4", "font": "#545454"},  # 6.8:1 on its tint (WCAG AA)
    "undecided": {"border": "#E69F00", "background": "#FFF3D6", "font": "#1a1a1a"},
}
# A critical question not raised is drawn quiet (grey) rather than in
# "does not hold" vermillion: it was never asked, nothing failed.
NOT_RAISED_BORDER: Final = "#767676"
# The border (map) and underline (essay) of each status: solid, dashed, dotted.
BORDER_STYLES: Final[dict[str, str]] = {"in": "solid", "out": "dashed", "undecided": "dotted"}
BORDER_DASHES: Final[dict[str, object]] = {"in": False, "out": [6, 5], "undecided": [2, 4]}

CHOICE_WORDS: Final[dict[str, str]] = {
    "accepted": "you accept it",
    "unsure": "you are unsure of it",
    "rejected": "you reject it",
}
# A click on a given in the map: accepted -> unsure -> rejected -> accepted.
CHOICE_CYCLE: Final[dict[Choice, Choice]] = {"accepted": "unsure", "unsure": "rejected", "rejected": "accepted"}


def status_phrase(status: str) -> str:
    """Symbol and word, never colour alone: ``✓ Holds``, ``✗ Does not hold``,
    ``? Undecided``; anything else reads as undecided."""
    return f"{STATUS_SYMBOLS.get(status, '?')} {STATUS_WORDS.get(status, 'Undecided')}"


def next_choice(choice: Choice) -> Choice:
    """The choice a click in the map moves ``choice`` to."""
    return CHOICE_CYCLE[choice]
