"""The map's sizes, in one place: what the layout spaces nodes by and what
the drawing gives vis-network (fonts, box widths, the frame's height), and
an estimate of each node's box as vis-network will draw it.

Units are vis-network canvas units (one CSS pixel at zoom 1) unless a name
says otherwise.

The estimate (:func:`estimate_box`) follows vis-network 9.1's own code: a
label is split at its line breaks, each line is wrapped at word boundaries
to ``BOX_MAX_WIDTH`` (vis measures a candidate line with three spaces
between words, so it breaks a little earlier than the line it then draws),
each line is one font size high, and each shape's box grows from the
label's text size as that shape does.  Text widths use the advance widths
of Arial / Liberation Sans (Chromium's "sans-serif" here, Arial's metrics on
Windows and macOS); checked against the boxes vis-network reports
(``network.getBoundingBox``) for the essay and a 300-statement synthetic
debate: every line count and width equal.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = [
    "ARGUMENT_DOT",
    "BOX_CORNER",
    "BOX_MARGIN",
    "BOX_MAX_WIDTH",
    "CONCLUSION_FONT",
    "EDGE_FONT",
    "LABEL_BELOW",
    "LABEL_MAX",
    "MAP_HEIGHT",
    "NODE_FONT",
    "QUESTION_CORNER",
    "SHAPE_SIZE",
    "NodeBox",
    "estimate_box",
    "text_width",
    "wrap_label",
]

MAP_HEIGHT = 620  # px: the map frame's height on the page
LABEL_MAX = 90  # characters of text on the node; the tooltip has all of it
NODE_FONT = 14  # a statement's label
CONCLUSION_FONT = 16  # a conclusion's label (bold box)
EDGE_FONT = 12  # "against" on attack edges
BOX_MAX_WIDTH = 180  # a label's widest line (vis widthConstraint.maximum); the box adds its margins
BOX_MARGIN = 8  # between a box's border and its label
BOX_CORNER = 8  # a rounded box's corner radius (vis grows its bounding box by it on every side)
QUESTION_CORNER = 12  # a critical question's box: rounder than a premise's
ARGUMENT_DOT = 7  # radius of an argument's dot
SHAPE_SIZE = 25  # vis's default size (half width) of a shape drawn with its label below (hexagon)
LABEL_BELOW = 3  # vis draws a label-below shape's label this far under the shape

# Advance widths in 2048ths of an em (a font's own units) of the printable
# ASCII characters, space to "~": Liberation Sans's, which are Arial's.
_ASCII_WIDTHS = (
    "569 569 727 1139 1139 1821 1366 391 682 682 797 1196 569 682 569 569 "  # space ! " # $ % & ' ( ) * + , - . /
    "1139 1139 1139 1139 1139 1139 1139 1139 1139 1139 569 569 1196 1196 1196 1139 "  # 0-9 : ; < = > ?
    "2079 1366 1366 1479 1479 1366 1251 1593 1479 569 1024 1366 1139 1706 1479 1593 "  # @ A-O
    "1366 1593 1479 1366 1251 1479 1366 1933 1366 1366 1251 569 569 569 961 1139 "  # P-Z [ \\ ] ^ _
    "682 1139 1139 1024 1139 1139 569 1139 1139 455 455 1024 455 1706 1139 1139 "  # ` a-o
    "1139 1139 682 1024 569 1139 1024 1479 1024 1024 1024 684 532 684 1196"  # p-z { | } ~
)
_EM = 2048
_WIDTHS: dict[str, int] = {chr(32 + i): int(w) for i, w in enumerate(_ASCII_WIDTHS.split())}
_WIDTHS.update({"\u00a0": 569})  # a no-break space: a space's width
_WIDTHS.update({"✓": 1716, "✗": 1716, "—": 2048, "–": 1139, "…": 2048, "‘": 455, "’": 455, "“": 682, "”": 682})
_WIDE = _EM  # a character of a wide (East Asian) script: an em
_OTHER = 1638  # any other character the table does not know: 0.8 em, wider than most letters


def _char_width(ch: str) -> int:
    known = _WIDTHS.get(ch)
    if known is not None:
        return known
    base = unicodedata.normalize("NFD", ch)[:1]  # an accented letter is as wide as its letter
    if base in _WIDTHS and base != ch:
        return _WIDTHS[base]
    return _WIDE if unicodedata.east_asian_width(ch) in ("W", "F") else _OTHER


def text_width(text: str, font: float) -> float:
    """The width of ``text`` on one line at ``font`` px (canvas units); no
    kerning (a canvas measures without it here)."""
    return sum(_char_width(ch) for ch in text) * font / _EM


_LEADING_SPACES = re.compile(r"^( +)")
_WORD_AND_SPACES = re.compile(r"([^\r][^ ]*)( +)")


def _wrap_line(line: str, font: float, max_width: float) -> list[str]:
    """vis-network's LabelSplitter on one line: words and runs of spaces are
    pieces; a line takes the most pieces whose text joined with a space
    between pieces fits, a word wider than a line is cut between letters."""
    pieces = _WORD_AND_SPACES.sub("\\1\r\\2\r", _LEADING_SPACES.sub("\\1\r", line)).split("\r")
    widths = [text_width(piece, font) for piece in pieces]
    space = text_width(" ", font)
    out: list[str] = []
    start = 0
    while start < len(pieces):
        width = 0.0
        fit = 0
        for i in range(start, len(pieces)):  # widths add up: a canvas measures without kerning here
            longer = widths[i] if fit == 0 else width + space + widths[i]
            if longer > max_width:
                break
            width = longer
            fit += 1
        if fit == 0:
            # As vis does: the shortest head that is too wide (so the line is
            # one letter over the maximum), or the whole word.
            word = pieces[start]
            cut = 0
            head = 0.0
            while cut < len(word) and head <= max_width:
                head += _char_width(word[cut]) * font / _EM
                cut += 1
            out.append(word[:cut])
            pieces[start] = word[cut:]
            widths[start] = text_width(pieces[start], font)
            if not pieces[start]:
                start += 1
            continue
        end = skip = start + fit
        if pieces[end - 1].strip() == "":
            end -= 1  # a line never ends with the spaces it broke at
        elif skip < len(pieces) and pieces[skip] and pieces[skip].strip() == "":
            skip += 1
        out.append("".join(pieces[start:end]))
        start = skip
    return out or [""]


def wrap_label(label: str, font: float, max_width: float = BOX_MAX_WIDTH) -> list[str]:
    """The lines vis-network draws for ``label`` at ``font`` px when no
    line may be wider than ``max_width``: the label's own lines ("\\n"),
    each wrapped at its spaces."""
    lines: list[str] = []
    for line in label.split("\n"):
        lines.extend(_wrap_line(line, font, max_width))
    return lines


class NodeBox(NamedTuple):
    """A node's box around its position (x, y): it spans x - left to
    x + right and y - top to y + bottom (y grows downwards)."""

    left: float
    right: float
    top: float
    bottom: float


def estimate_box(shape: str, label: str, font: float, *, corner: float = 0) -> NodeBox:
    """The bounding box vis-network gives a node of ``shape`` ("box",
    "ellipse", "database", "hexagon" or any other label-below shape, "dot")
    with ``label`` at ``font`` px, its label wrapped at ``BOX_MAX_WIDTH``
    inside ``BOX_MARGIN``; ``corner`` is a box's corner radius (vis grows
    the bounding box of a rounded box by it).  A dot is an argument's
    (radius ``ARGUMENT_DOT``, no label drawn); a label-below shape is
    ``SHAPE_SIZE`` wide each side with its label hanging under it (and the
    box widened to the label).  Raises nothing: an unknown shape is taken
    as a label-below shape."""
    if shape == "dot":
        r = float(ARGUMENT_DOT)
        return NodeBox(r, r, r, r)
    lines = wrap_label(label, font)
    width = max((text_width(line, font) for line in lines), default=0.0)
    height = len(lines) * font
    if width == 0:  # vis sizes an empty label as a 14 px square
        width = height = 14.0
    if shape == "box":
        w, h = width + 2 * BOX_MARGIN + 2 * corner, height + 2 * BOX_MARGIN + 2 * corner
        return NodeBox(w / 2, w / 2, h / 2, h / 2)
    if shape == "database":  # a square as wide as the label and its margins
        side = width + 2 * BOX_MARGIN
        return NodeBox(side / 2, side / 2, side / 2, side / 2)
    if shape == "ellipse":
        w, h = width + height, 2 * height
        return NodeBox(w / 2, w / 2, h / 2, h / 2)
    half = max(float(SHAPE_SIZE), width / 2)
    return NodeBox(half, half, float(SHAPE_SIZE), SHAPE_SIZE + LABEL_BELOW + height)
