"""The source text with each quoted span marked by its statement's status.

``quote_spans`` finds where every statement's quote sits in the source text
(its first occurrence; the loader has already checked that it is there).
``essay_markup`` turns the text into HTML: paragraphs, and each quoted span
wrapped in a ``<mark>`` followed by a small tag naming the statement's number
and kind, with the statement's text as a hover title.  ``essay_statuses``
gives each quoted statement's status, which the page sets as the
``data-status`` of its marks and tags, and ``essay_css`` the fixed rules that
draw a status: colour *and* underline style (never colour alone) and the
status symbol and word in the tag.  The markup does not depend on the
statuses, so a choice changes only attributes.  Every piece of text is
HTML-escaped; nothing from the file becomes markup.

Overlapping quotes: the text is cut at every span boundary and each piece is
marked by the shortest quote covering it (the most specific statement).
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from graph.model import Debate
from graph.status import BORDER_STYLES, PALETTE, STATUS_SYMBOLS, STATUS_WORDS_LOWER, STATUSES
from graph.wording import KIND_NAMES

__all__ = [
    "STATUS_STYLE",
    "Span",
    "essay_css",
    "essay_heading",
    "essay_markup",
    "essay_statuses",
    "quote_spans",
]

# Text of a passage that does not hold: darker than the map's faded font, as
# it is body text on a tint.
_FADED_TEXT = "#6b6b6b"
# Okabe-Ito tints + a distinct underline per status (graph.status).
STATUS_STYLE: dict[str, str] = {
    status: f"background:{PALETTE[status]['background']};border-bottom:3px {BORDER_STYLES[status]} "
    f"{PALETTE[status]['border']};" + (f"color:{_FADED_TEXT};" if status == "out" else "")
    for status in STATUSES
}


@dataclass(frozen=True)
class Span:
    """Characters ``start:end`` of the source text quote statement ``statement_id``."""

    start: int
    end: int
    statement_id: str


def quote_spans(debate: Debate) -> list[Span]:
    """Spans of every quote found in the source text, sorted by start (then
    longest first).  Quotes not found (or no source text) are skipped."""
    text = debate.source_text or ""
    spans: list[Span] = []
    for s in debate.statements:
        if not s.quote:
            continue
        at = text.find(s.quote)
        if at >= 0:
            spans.append(Span(at, at + len(s.quote), s.id))
    spans.sort(key=lambda sp: (sp.start, -(sp.end - sp.start), sp.statement_id))
    return spans


def _number_of(debate: Debate) -> dict[str, int]:
    return {s.id: i + 1 for i, s in enumerate(debate.statements)}


def essay_markup(debate: Debate) -> str:
    """The source text as escaped HTML paragraphs, each quoted span in a
    ``<mark class="essay-q" data-statement=ID>`` followed by a
    ``<sup class="essay-tag" data-statement=ID>[N kind]</sup>`` (N: the
    statement's number in file order).  Independent of the statuses: the status
    is a ``data-status`` attribute the page sets (:func:`essay_statuses`,
    drawn by :func:`essay_css`), so this part never changes with a choice.
    Returns "" when the debate has no source text."""
    text = debate.source_text or ""
    if not text:
        return ""
    spans = quote_spans(debate)
    numbers = _number_of(debate)
    cuts = sorted({0, len(text), *(sp.start for sp in spans), *(sp.end for sp in spans)})
    pieces: list[str] = []
    for a, b in itertools.pairwise(cuts):
        covering = [sp for sp in spans if sp.start <= a and b <= sp.end]
        chunk = text[a:b]
        if not covering:
            pieces.append(_escape_text(chunk))
            continue
        sp = min(covering, key=lambda s: (s.end - s.start, s.start))
        if "\n\n" in chunk:  # keep a mark inside one paragraph
            chunk = re.sub(r"\s+", " ", chunk)
        stmt = debate.statement_by_id[sp.statement_id]
        sid = html.escape(stmt.id)
        title = html.escape(f"{numbers[stmt.id]}. {KIND_NAMES[stmt.kind]}: {stmt.text}")
        pieces.append(f'<mark class="essay-q" data-statement="{sid}" title="{title}">{_escape_text(chunk)}</mark>')
        if b == sp.end:
            pieces.append(
                f'<sup class="essay-tag" data-statement="{sid}" title="{title}">'
                f"[{numbers[stmt.id]} {html.escape(KIND_NAMES[stmt.kind].lower())}]</sup>"
            )
    body = "".join(pieces)
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    return '<div class="essay">' + "".join(f"<p>{p.strip()}</p>" for p in paragraphs) + "</div>"


def essay_statuses(debate: Debate, statuses: Mapping[str, str]) -> dict[str, str]:
    """Status (``in`` / ``out`` / ``undecided``) of every statement quoted in
    the essay: what the page sets as ``data-status`` on its marks and tags."""
    out: dict[str, str] = {}
    for sp in quote_spans(debate):
        status = statuses.get(sp.statement_id, "undecided")
        out.setdefault(sp.statement_id, status if status in STATUS_STYLE else "undecided")
    return out


def essay_heading() -> str:
    """The essay's heading and how to read its marks (markup, fixed text)."""
    return (
        '<h3>The essay</h3><p class="essay-about">Quoted passages are marked by the status of their '
        "statement: green solid underline ✓ holds, vermillion dashed ✗ does not hold, orange dotted ? "
        "undecided. The tag after each gives that status, the statement's number (as in the text "
        "view) and its kind; hover it for the statement.</p>"
    )


def essay_css() -> str:
    """Style rules for :func:`essay_markup` whose marks and tags carry a
    ``data-status`` attribute (see :func:`essay_statuses`), fixed, so a
    choice changes only attributes."""
    rules = [
        ".essay mark.essay-q{color:inherit;padding:0 2px;}",
        ".essay sup.essay-tag{font-size:0.7em;color:#444;}",
    ]
    for status, style in STATUS_STYLE.items():
        rules.append(f'.essay mark.essay-q[data-status="{status}"]{{{style}}}')
        rules.append(
            f'.essay sup.essay-tag[data-status="{status}"]::before'
            f'{{content:"{STATUS_SYMBOLS[status]} {STATUS_WORDS_LOWER[status]} ";}}'
        )
    return "\n".join(rules) + "\n"


def _escape_text(chunk: str) -> str:
    # Single newlines inside a paragraph read as spaces; blank lines (which
    # the paragraphs are split on) are kept as "\n\n".
    return html.escape(chunk, quote=True)
