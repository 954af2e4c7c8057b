"""The page's answers to the reasoning questions, worded for a reader.

Three questions a reader asks of the map, each answered exactly by
:mod:`graph.reason` and put in plain sentences here (the statements' own
texts, never ids):

- :func:`overturn`: what it would take to overturn a node (every smallest
  set of changes to the reader's choices), with the sets to apply;
- :func:`assess_robustness`: what holds (or falls) whatever the reader
  decides about what they are unsure of, and what each open conclusion
  depends on;
- :func:`compare`: where two readers' choices part, and which conclusions
  come out differently because of which of those choices.

The page asks them only on demand (they are search problems; a choice's
rerun must stay fast): every function here is pure and may be cached per
set of choices.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from graph.choices import Choices
from graph.model import Debate
from graph.reason import Robustness, depends_on, diff, robust, what_if
from graph.status import STATUS_WORDS_LOWER, Choice, Status

__all__ = [
    "DEPENDS_NAMED_FOR",
    "OVERTURN_LIMIT",
    "OVERTURN_SHOWN",
    "ChangeSet",
    "Comparison",
    "Overturn",
    "RobustReport",
    "assess_robustness",
    "compare",
    "count_words",
    "name_change",
    "name_changes",
    "overturn",
    "overturn_sentence",
    "robust_phrase",
    "thesis_robust_sentence",
]

OVERTURN_SHOWN = 3  # "What it would take" names at most this many sets ...
OVERTURN_LIMIT = 50  # ... and counts at most this many
DEPENDS_NAMED_FOR = 30  # conclusions whose robustness badge names what they depend on
_DEPENDS_NAMED = 3  # a badge names at most this many of those
_DIFFERENCES_NAMED = 12  # a comparison lists at most this many conclusions
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

ChangeSet = tuple[tuple[str, Choice], ...]
"""A set of changes: (given id, choice) pairs in id order."""


# ------------------------------------------------------------------ words ---
def count_words(n: int, noun: str) -> str:
    """``n`` and ``noun`` in words: "one change", "two changes", "12 changes"."""
    number = _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)
    return f"{number} {noun}" + ("" if n == 1 else "s")


def name_change(debate: Debate, given_id: str, choice: Choice) -> str:
    """Plain text (unescaped) naming one change by the given's text: "accept
    “T”", "reject “T”", "doubt “T”"; for a critical question "raise the
    question “T”", "leave aside the question “T”", "keep the question “T”
    open".  Raises KeyError for an id that is not a given of ``debate``."""
    text = debate.given_text(given_id)
    if given_id in debate.question_by_id:
        if choice == "unsure":
            return f"keep the question “{text}” open"
        return f"{'raise' if choice == 'accepted' else 'leave aside'} the question “{text}”"
    verb = {"accepted": "accept", "rejected": "reject", "unsure": "doubt"}[choice]
    return f"{verb} “{text}”"


def name_changes(debate: Debate, changes: Sequence[tuple[str, Choice]]) -> str:
    """Plain text naming a set of changes ((given id, choice) pairs): "reject
    “A”", "reject “A” and accept “B”", "A, B and C"."""
    words = [name_change(debate, g, c) for g, c in changes]
    if len(words) <= 1:
        return "".join(words) or "nothing"
    return ", ".join(words[:-1]) + " and " + words[-1]


def overturn_sentence(
    debate: Debate,
    holds: bool,
    size: int | None,
    shown: Sequence[Sequence[tuple[str, Choice]]],
    more: int,
    more_than: bool = False,
) -> str:
    """Plain text (unescaped) for "What it would take": "To overturn this you
    would have to reject “X”, or accept “Y” and “Z” (two changes)." (``holds``:
    whether the node holds now; otherwise "To make it hold ..."), the ``shown``
    sets of the minimum ``size`` named by their givens' text, then ", and N more
    ways" (``more`` sets not shown; ``more_than``: and others not counted).
    ``size`` None: "Nothing you can change makes it fall/hold."."""
    if size is None:
        return f"Nothing you can change makes it {'fall' if holds else 'hold'}."
    lead = "To overturn this you would have to " if holds else "To make it hold you would have to "
    ways = ", or ".join(name_changes(debate, s) for s in shown)
    if more or more_than:
        ways += f", and {'over ' if more_than else ''}{more} more way{'s' if more != 1 or more_than else ''}"
    return f"{lead}{ways} ({count_words(size, 'change')})."


def _unsure_things(unsure: int) -> str:
    return "the one point you are unsure of" if unsure == 1 else f"the {unsure} points you are unsure of"


def robust_phrase(debate: Debate, kind: Robustness, depends: Sequence[str], unsure: int) -> str:
    """Plain text (unescaped) for a conclusion's robustness while ``unsure``
    givens are unsure: "holds whatever you decide about the N points you are
    unsure of", "does not hold whatever ...", or "depends on what you decide
    about: TEXT; TEXT" naming the givens ``depends`` (ids) by their text, at
    most three, then "and N more".  Raises KeyError for an id in ``depends``
    that is not a given."""
    if kind == "holds":
        return f"holds whatever you decide about {_unsure_things(unsure)}"
    if kind == "falls":
        return f"does not hold whatever you decide about {_unsure_things(unsure)}"
    named = "; ".join(f"“{debate.given_text(g)}”" for g in depends[:_DEPENDS_NAMED])
    if len(depends) > _DEPENDS_NAMED:
        named += f" and {len(depends) - _DEPENDS_NAMED} more"
    return f"depends on what you decide about {named}" if named else "depends on what you decide"


def thesis_robust_sentence(debate: Debate, kind: Robustness, depends: Sequence[str], unsure: int) -> str:
    """One plain sentence (unescaped) for the verdict: whether the thesis
    stands whatever the reader decides about what they are unsure of."""
    if kind == "depends":
        return f"The thesis {robust_phrase(debate, kind, depends, unsure)}."
    return f"Settled: the thesis {robust_phrase(debate, kind, depends, unsure)}."


# -------------------------------------------------------------- overturn ---
@dataclass(frozen=True)
class Overturn:
    """What it would take to give node ``id`` the other status: ``holds``
    (whether it holds now), ``size`` (the fewest changes; None when nothing
    can), ``sets`` (the first :data:`OVERTURN_SHOWN` smallest sets, as
    :func:`graph.reason.what_if` orders them), ``more`` (how many more it
    counted), ``more_than`` (whether it stopped counting), ``sentence``
    (plain text naming the sets by their givens' texts) and ``helps`` (plain
    text naming each shown set, for its Apply button)."""

    id: str
    holds: bool
    size: int | None
    sets: tuple[ChangeSet, ...]
    more: int
    more_than: bool
    sentence: str
    helps: tuple[str, ...]


def overturn(debate: Debate, choices: Choices, node_id: str) -> Overturn:
    """What it would take to overturn ``node_id`` from ``choices``: make it
    fall when it holds, else make it hold.  Raises KeyError for an unknown node."""
    answer = what_if(debate, choices, node_id, limit=OVERTURN_LIMIT)
    holds = answer.status == "in"
    sets = tuple(tuple(sorted(s.items())) for s in answer.sets)
    shown = sets[:OVERTURN_SHOWN]
    more = len(sets) - len(shown)
    sentence = overturn_sentence(debate, holds, answer.size, shown, more, answer.more)
    helps = tuple(_first_upper(name_changes(debate, s)) for s in shown)
    return Overturn(node_id, holds, answer.size, shown, more, answer.more, sentence, helps)


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------- robustness ---
@dataclass(frozen=True)
class RobustReport:
    """What holds whatever the reader decides about the ``unsure`` givens
    they are unsure of: ``statuses`` (statement and argument id -> holds,
    falls or depends; empty when nothing is unsure), ``badges`` (conclusion
    id -> (robustness, plain sentence) for the conclusions list) and
    ``thesis`` (the verdict's sentence; "" without a thesis or with nothing
    unsure).  Conclusions that depend name what they depend on, the thesis
    first, at most :data:`DEPENDS_NAMED_FOR` of them."""

    unsure: int
    statuses: Mapping[str, Robustness]
    badges: Mapping[str, tuple[Robustness, str]]
    thesis: str


def assess_robustness(debate: Debate, choices: Choices) -> RobustReport:
    """The :class:`RobustReport` of ``choices`` (nothing is computed when no given is unsure)."""
    unsure = sum(1 for c in choices.values() if c == "unsure")
    if not unsure:
        return RobustReport(0, {}, {}, "")
    statuses = robust(debate, choices)
    open_ = [c for c in debate.conclusion_ids if statuses.get(c) == "depends"]
    if debate.thesis in open_:  # the verdict names what the thesis depends on, whatever the cap
        open_.remove(debate.thesis)
        open_.insert(0, debate.thesis)
    # depends_on costs ~35 ms a conclusion at 10,000 nodes: an answer stays bounded.
    depends = {c: depends_on(debate, choices, c) for c in open_[:DEPENDS_NAMED_FOR]}
    badges = {
        c: (statuses[c], robust_phrase(debate, statuses[c], depends.get(c, ()), unsure))
        for c in debate.conclusion_ids
        if c in statuses
    }
    thesis = ""
    if debate.thesis and debate.thesis in statuses:
        thesis = thesis_robust_sentence(debate, statuses[debate.thesis], depends.get(debate.thesis, ()), unsure)
    return RobustReport(unsure, statuses, badges, thesis)


# -------------------------------------------------------------- comparing ---
@dataclass(frozen=True)
class Comparison:
    """Where the reader's choices (``a``) and another set (``b``, named
    ``other``) part: ``choices`` (plain lines, one per differing given:
    "You accept “T”; the other view rejects it"), ``conclusions`` (plain
    lines, one per conclusion whose status differs, with the smallest subset
    of the differing choices that accounts for it, at most
    :data:`_DIFFERENCES_NAMED`, then a line "and N more"), ``marked``
    (the ids of every differing given and node, for the map) and ``summary``
    (one sentence)."""

    other: str
    choices: tuple[str, ...]
    conclusions: tuple[str, ...]
    marked: tuple[str, ...]
    summary: str


def _choice_words(debate: Debate, given_id: str, choice: Choice, subject: str) -> str:
    if given_id in debate.question_by_id:
        verb = {"accepted": "raise", "rejected": "leave aside", "unsure": "keep open"}[choice]
    else:
        verb = {"accepted": "accept", "rejected": "reject", "unsure": "are unsure of"}[choice]
    if subject != "You":  # third person: "the essay as written rejects it"
        verb = {"are unsure of": "is unsure of", "keep open": "keeps open", "leave aside": "leaves aside"}.get(
            verb, verb + "s"
        )
    return f"{subject} {verb}"


def compare(debate: Debate, a: Choices, b: Choices, other: str) -> Comparison:
    """Compare the reader's choices ``a`` with ``b`` (``other`` names b in
    the sentences, e.g. "the essay as written" or "the other link").
    Raises ValueError for choices of another debate."""
    answer = diff(debate, a, b)
    lines = tuple(
        f"{_choice_words(debate, g, ca, 'You')} “{debate.given_text(g)}”; {_choice_words(debate, g, cb, other)} it."
        for g, (ca, cb) in answer.choices.items()
    )
    differing = [c for c in debate.conclusion_ids if c in answer.statuses]
    conclusions = tuple(_conclusion_line(debate, c, answer.statuses[c], answer.because[c], other) for c in differing)
    if len(conclusions) > _DIFFERENCES_NAMED:
        conclusions = (*conclusions[:_DIFFERENCES_NAMED], f"and {len(differing) - _DIFFERENCES_NAMED} more.")
    marked = tuple(dict.fromkeys([*answer.choices, *answer.statuses]))
    if not answer.choices:
        summary = f"Your choices and those of {other} are the same."
    else:
        summary = (
            f"You and {other} differ on {count_words(len(answer.choices), 'point')}; "
            f"{count_words(len(differing), 'conclusion')} come{'s' if len(differing) == 1 else ''} out differently."
        )
    return Comparison(other, lines, conclusions, marked, summary)


def _conclusion_line(
    debate: Debate, cid: str, statuses: tuple[Status, Status], because: Sequence[str], other: str
) -> str:
    mine, theirs = (STATUS_WORDS_LOWER[s] for s in statuses)
    named = [f"“{debate.given_text(g)}”" for g in because]
    causes = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return (
        f"“{debate.statement_by_id[cid].text}”: {mine} for you, {theirs} for {other}, because you differ on {causes}."
    )
