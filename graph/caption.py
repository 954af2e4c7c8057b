"""What a node of the map says and how it is shaped: the one home of its caption.

:mod:`graph.render` draws every node with :func:`node_caption`;
:mod:`graph.layout` sizes every box for the largest of
:func:`caption_variants`, every caption the node can have whatever the
reader chooses, so that no choice can make two boxes overlap.  Both take a node's shape and corner from here.

A caption is the status symbol, the kind word (with the thesis, editorial
and choice marks) and the shortened text.  A critical question's caption
says where it stands in a question's words (not raised, open, raised).
"""

from __future__ import annotations

from graph.model import Debate
from graph.sizes import BOX_CORNER, LABEL_MAX, NODE_FONT, QUESTION_CORNER, text_width
from graph.status import STATUS_SYMBOLS
from graph.text import shorten
from graph.wording import QUESTION_LABELS, question_state

__all__ = [
    "ATTACK_LABEL",
    "KIND_SHAPES",
    "KIND_WORDS",
    "QUESTION_LABEL_MAX",
    "box_corner",
    "caption_variants",
    "node_caption",
    "node_kind",
]

KIND_WORDS: dict[str, str] = {
    "premise": "PREMISE",
    "analogy": "ANALOGY",
    "example": "EXAMPLE",
    "objection": "CHALLENGE",
    "conclusion": "CONCLUSION",
    "argument": "ARGUMENT",
    "question": "QUESTION",
}
# Shape by kind (never the only cue: the kind word is the label's first line).
KIND_SHAPES: dict[str, str] = {
    "premise": "box",
    "analogy": "ellipse",
    "example": "database",
    "objection": "hexagon",
    "conclusion": "box",
    "argument": "dot",
    "question": "box",
}
# A question's label is shorter than a statement's: a map has three per
# analogy, and the tooltip, the sidebar and the outline have its whole text.
QUESTION_LABEL_MAX = 60
#: The label of every attack edge.
ATTACK_LABEL = "against"
_UNSURE_MARK = " — unsure"


def node_kind(debate: Debate, node_id: str) -> str:
    """The map's kind of a node: a statement's kind, ``argument`` or
    ``question``; KeyError if ``node_id`` is none of them."""
    s = debate.statement_by_id.get(node_id)
    if s is not None:
        return s.kind
    if node_id in debate.argument_by_id:
        return "argument"
    if node_id in debate.question_by_id:
        return "question"
    raise KeyError(node_id)


def box_corner(kind: str) -> float:
    """The corner radius of a boxed kind: square for a conclusion, a pill for
    a question, rounded for a premise (0 for what is not a box)."""
    if KIND_SHAPES.get(kind) != "box" or kind == "conclusion":
        return 0.0
    return float(QUESTION_CORNER if kind == "question" else BOX_CORNER)


def _caption(debate: Debate, node_id: str, symbol: str, choice: str | None) -> str:
    q = debate.question_by_id.get(node_id)
    if q is not None:
        # A no-break space: "not raised" never splits over two lines.
        said = question_state(choice).replace(" ", "\u00a0")
        return f"{symbol} {KIND_WORDS['question']} — {said}\n{shorten(q.text, QUESTION_LABEL_MAX, fold=True)}"
    s = debate.statement_by_id[node_id]
    word = "THESIS" if s.id == debate.thesis else KIND_WORDS[s.kind]
    if s.editorial:
        word += " (not in the essay)"
    if choice == "unsure":
        word += _UNSURE_MARK
    return f"{symbol} {word}\n{shorten(s.text, LABEL_MAX, fold=True)}"


def node_caption(debate: Debate, node_id: str, status: str, choice: str | None) -> str:
    """The label of a statement or question node (an argument has none):
    ``status``'s symbol (undecided's for anything else), the kind word and
    the text.  ``choice`` is the reader's choice of a given (None for a
    conclusion; a question without one is not raised).  KeyError if
    ``node_id`` is neither a statement nor a question."""
    return _caption(debate, node_id, STATUS_SYMBOLS.get(status, STATUS_SYMBOLS["undecided"]), choice)


def caption_variants(debate: Debate, node_id: str) -> list[str]:
    """Every caption :func:`node_caption` can give the node whatever the
    statuses and choices, one per status symbol of a distinct width (the
    layout sizes a box for the largest of them): a given statement with and
    without "unsure", a question with each of its words.  KeyError if
    ``node_id`` is neither a statement nor a question."""
    by_width = {text_width(sym, NODE_FONT): sym for sym in STATUS_SYMBOLS.values()}
    if node_id in debate.question_by_id:
        choices: tuple[str | None, ...] = tuple(QUESTION_LABELS)
    else:
        choices = ("unsure", "accepted") if debate.statement_by_id[node_id].is_given else (None,)
    return [_caption(debate, node_id, sym, choice) for sym in by_width.values() for choice in choices]
