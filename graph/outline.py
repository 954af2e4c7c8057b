"""The whole argument as an outline: nested HTML lists a screen reader can walk.

:func:`outline_html` writes the debate in reading order: the thesis under
its own heading, then each reason for it ("Reason 1 of 3 ... rests on:"),
what each reason rests on nested under it (recursively), and the challenges
(attacks on a statement, undercuts of a reason, a reason's critical
questions) listed under what they challenge; then the conclusions the thesis
does not reach, then the givens no reason uses.  Every item says its status
in words with its symbol (:func:`graph.status.status_phrase`, never colour
alone), its kind in the reader's words ("challenge" for an objection), its
full text and, on demand, its quote and note (native ``<details>``).  Every
given has its own radio group (a ``<fieldset>`` whose radios are named
``outline-choice-ID``) reflecting the reader's choice.

The outline is finite whatever the links: a statement is shown in full
once, and anywhere else it is named by its text ("see above: ..."), so a
shared premise is written once and an attack cycle ends at its first
repeat.  Items are nested at most :data:`MAX_LEVEL` deep (a deep support
chain would be unreadable read aloud, and browsers' HTML parsers flatten
very deep trees): a statement below that depth is named there ("see
below: ...") and shown in full after its tree, marked "Continued from
above".  Built with an explicit stack (no recursion), in time linear in
the debate's statements, arguments, questions and links.

The markup's structure depends only on the debate; the statuses and
choices are written into it and, on the page, updated in place from
:func:`outline_state` (so a choice made in the outline keeps the keyboard
focus on its radio).  Every text from the debate file is HTML-escaped;
nothing from it becomes markup or a link.  Ids appear only in attributes
(``data-of``, ``data-given``, radio names, element ids), never in the
visible text.
"""

from __future__ import annotations

import html
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

from graph.model import Argument, Debate, Question, Statement
from graph.status import BORDER_STYLES, PALETTE, STATUSES, Choice, Status, status_phrase
from graph.wording import CHOICE_LABELS, KIND_NAMES, QUESTION_LABELS, SCHEME_WORDS

__all__ = [
    "MAX_LEVEL",
    "OUTLINE_TITLE",
    "outline_css",
    "outline_html",
    "outline_state",
]

OUTLINE_TITLE = "The argument as an outline"
#: How deep items nest before a statement is continued after its tree.
MAX_LEVEL = 12
#: Schemes a reason's line does not name: "it follows directly" adds nothing to "it rests on".
_UNNAMED_SCHEMES = frozenset({"deduction", "other"})
_ARTICLES = {"premise": "a", "analogy": "an", "example": "an", "objection": "a", "conclusion": "a"}
_NOT_IN_ESSAY = " (not in the essay)"
_CLOSE_ITEM = "</li>"
_CLOSE_LIST = "</ul></li>"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class _Visit:
    """One item to write: a statement, argument or question, in its place."""

    node: str
    level: int
    role: str = ""  # "challenge", "reason", "continued" or "" (a premise or a root)
    reason_of: tuple[int, int] = (0, 0)  # a reason's position among its conclusion's: (k, n)
    attack_note: str | None = None


class _Writer:
    """The outline's pieces, written in document order (used once, by :func:`outline_html`)."""

    def __init__(self, debate: Debate, statuses: Mapping[str, Status], choices: Mapping[str, Choice]) -> None:
        self.debate = debate
        self.statuses = statuses
        self.choices = choices
        self.out: list[str] = []
        self.shown: set[str] = set()  # statements written in full (or being written)
        self.waiting: set[str] = set()  # statements continued below, not yet written
        self.queue: deque[str] = deque()
        self.notes: dict[tuple[str, str], str] = {}
        for at in debate.attacks:
            if at.note and (at.by, at.target) not in self.notes:
                self.notes[(at.by, at.target)] = at.note

    # ------------------------------------------------------------ pieces ---
    def status_of(self, node: str) -> str:
        status = self.statuses.get(node, "undecided")
        return status if status in STATUSES else "undecided"

    def open_item(self, node: str, extra_class: str = "") -> None:
        status = self.status_of(node)
        cls = "item" + (f" {extra_class}" if extra_class else "")
        self.out.append(
            f'<li class="{cls}" data-of="{_esc(node)}" data-status="{status}">'
            f'<strong class="status">{_esc(status_phrase(status))}</strong> — '
        )

    def kind_name(self, s: Statement, role: str) -> str:
        if role == "challenge":
            name = KIND_NAMES["objection"]
            if s.kind != "objection":
                name += f" ({_ARTICLES[s.kind]} {KIND_NAMES[s.kind].lower()})"
        elif s.id == self.debate.thesis:
            name = "Thesis"
        else:
            name = KIND_NAMES[s.kind]
        if role == "continued":
            name = f"Continued from above: {name[0].lower()}{name[1:]}"
        return name + (_NOT_IN_ESSAY if s.editorial else "")

    def more(self, title: str, text: str | None, css: str) -> None:
        if text:
            self.out.append(f'<details class="{css}"><summary>{title}</summary><p>{_esc(text)}</p></details>')

    def control(self, given: str, labels: Mapping[str, str]) -> None:
        chosen = self.choices.get(given)
        gid = _esc(given)
        radios = "".join(
            f'<label><input type="radio" name="outline-choice-{gid}" value="{value}"'
            + (" checked" if value == chosen else "")
            + f"> {_esc(word)}</label>"
            for value, word in labels.items()
        )
        self.out.append(
            f'<fieldset class="choice" data-given="{gid}" aria-describedby="outline-t-{gid}">'
            f"<legend>Your choice</legend>{radios}</fieldset>"
        )

    def reference(self, visit: _Visit, s: Statement) -> None:
        where = "see above" if s.id in self.shown else "see below"
        self.open_item(s.id, "ref")
        self.out.append(
            f'<span class="kind">{_esc(self.kind_name(s, visit.role))}</span>, {where}: '
            f'<span class="ref-text">“{_esc(s.text)}”</span>'
        )
        self.more("Note on this challenge", visit.attack_note, "note")

    # ------------------------------------------------------------- items ---
    def statement(self, visit: _Visit) -> list[_Visit]:
        s = self.debate.statement_by_id[visit.node]
        if s.id in self.shown or s.id in self.waiting:
            self.reference(visit, s)
            return []
        if visit.level > MAX_LEVEL:
            self.waiting.add(s.id)
            self.queue.append(s.id)
            self.reference(visit, s)
            return []
        self.shown.add(s.id)
        self.open_item(s.id, "thesis" if s.id == self.debate.thesis else "")
        self.out.append(
            f'<span class="kind">{_esc(self.kind_name(s, visit.role))}</span>: '
            f'<span class="text" id="outline-t-{_esc(s.id)}">{_esc(s.text)}</span>'
        )
        if s.is_given:
            self.control(s.id, CHOICE_LABELS)
        self.more("Quote", f"“{s.quote}”" if s.quote else None, "quote")
        self.more("Note", s.note, "note")
        self.more("Note on this challenge", visit.attack_note, "note")
        level = visit.level + 1
        reasons = self.debate.arguments_for.get(s.id, ())
        children = [_Visit(aid, level, "reason", (k, len(reasons))) for k, aid in enumerate(reasons, start=1)]
        children += self.challenges(s.id, level)
        return children

    def argument(self, visit: _Visit) -> list[_Visit]:
        a: Argument = self.debate.argument_by_id[visit.node]
        k, n = visit.reason_of
        name = f"Reason {k} of {n}" if n > 1 else "Reason"
        how = "" if a.scheme in _UNNAMED_SCHEMES else SCHEME_WORDS.get(a.scheme or "", "")
        rests = "it rests on:" if len(a.premises) == 1 else "it rests on all of these together:"
        self.open_item(a.id, "reason")
        self.out.append(f'<span class="kind">{name}</span>' + (f" ({how})" if how else "") + f" — {rests}")
        level = visit.level + 1
        children = [_Visit(p, level) for p in a.premises]
        children += self.challenges(a.id, level)
        children += [_Visit(q.id, level) for q in a.questions]
        return children

    def question(self, visit: _Visit) -> list[_Visit]:
        q: Question = self.debate.question_by_id[visit.node]
        self.open_item(q.id, "question")
        self.out.append(
            f'<span class="kind">{KIND_NAMES["question"]}</span>: '
            f'<span class="text" id="outline-t-{_esc(q.id)}">{_esc(q.text)}</span>'
        )
        self.control(q.id, QUESTION_LABELS)
        self.more("Note", q.note, "note")
        return self.challenges(q.id, visit.level + 1)

    def challenges(self, target: str, level: int) -> list[_Visit]:
        return [
            _Visit(by, level, "challenge", attack_note=self.notes.get((by, target)))
            for by in self.debate.attackers_of.get(target, ())
        ]

    # ------------------------------------------------------------- trees ---
    def tree(self, root: str) -> None:
        """Write ``root`` and everything under it, then what it continued below."""
        self.one_tree(root, "")
        while self.queue:
            later = self.queue.popleft()
            self.waiting.discard(later)
            self.one_tree(later, "continued")

    def one_tree(self, root: str, role: str) -> None:
        stack: list[_Visit | str] = [_Visit(root, 1, role)]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                self.out.append(item)
                continue
            if item.node in self.debate.argument_by_id:
                children = self.argument(item)
            elif item.node in self.debate.question_by_id:
                children = self.question(item)
            else:
                children = self.statement(item)
            if children:
                self.out.append("<ul>")
                stack.append(_CLOSE_LIST)
                stack.extend(reversed(children))
            else:
                self.out.append(_CLOSE_ITEM)

    def section(self, heading_id: str, heading: str, roots: list[str]) -> None:
        """A heading and the trees of those ``roots`` not yet written (none: nothing)."""
        start = len(self.out)
        self.out.append(f'<h4 id="{heading_id}">{_esc(heading)}</h4><ul class="outline-tree">')
        wrote = False
        for root in roots:
            if root not in self.shown:
                self.tree(root)
                wrote = True
        if wrote:
            self.out.append("</ul>")
        else:
            del self.out[start:]


def _top_first(debate: Debate, ids: list[str]) -> list[str]:
    """``ids`` with those no argument rests on and that attack nothing first
    (each keeps file order): the tops of what is left, so what they rest on
    nests under them."""
    used = {p for a in debate.arguments for p in a.premises} | {at.by for at in debate.attacks}
    return [i for i in ids if i not in used] + [i for i in ids if i in used]


def outline_html(debate: Debate, statuses: Mapping[str, Status], choices: Mapping[str, Choice]) -> str:
    """The outline of ``debate`` as one HTML string: a ``<section>`` landmark
    named by its ``<h3>``, with an ``<h4>`` and a nested ``<ul>`` for the
    thesis, the other conclusions and the givens no reason uses (each part
    left out when empty).

    ``statuses`` maps statement, argument and question ids to ``in``/``out``/
    ``undecided`` (as :func:`graph.evaluate.evaluate` returns; a missing or
    unknown one reads as undecided); ``choices`` maps given ids to the
    reader's choices (a given it leaves out has no radio checked).  Every
    item is an ``<li class="item">`` with ``data-of`` (its id) and
    ``data-status``; a statement's full text has the element id
    ``outline-t-ID``; a given's radios sit in a ``<fieldset data-given=ID>``.
    Raises KeyError only for a debate whose links name nothing (the loader
    rejects those).  Nothing is mutated.
    """
    w = _Writer(debate, statuses, choices)
    w.out.append(
        f'<section class="outline" aria-labelledby="outline-title"><h3 id="outline-title">{OUTLINE_TITLE}</h3>'
        '<p class="outline-about">Each claim with its reasons nested under it, what each reason rests on, '
        "and the challenges to it. A claim that appears in several places is written in full once. "
        "Change a given with its buttons: Accept, Unsure or Reject (for a critical question: "
        "Not raised, Open or Raised).</p>"
    )
    conclusions = [c for c in debate.conclusion_ids if c != debate.thesis]
    if debate.thesis is not None:
        w.section("outline-thesis", "The thesis and its reasons", [debate.thesis])
    w.section(
        "outline-others",
        "Other conclusions" if debate.thesis is not None else "Conclusions",
        _top_first(debate, conclusions),
    )
    givens = [s.id for s in debate.statements if s.is_given]
    w.section("outline-unused", "Givens no reason uses", _top_first(debate, givens))
    w.out.append("</section>")
    return "".join(w.out)


def outline_state(debate: Debate, statuses: Mapping[str, Status], choices: Mapping[str, Choice]) -> dict[str, object]:
    """What the page's outline updates in place on each choice, JSON-ready:
    ``statuses`` (every statement, argument and question id -> status),
    ``choices`` (every given id -> choice) and ``phrases`` (status -> the
    words shown for it).  Linear in the debate's size; nothing is mutated."""
    ids = [s.id for s in debate.statements] + [a.id for a in debate.arguments] + [q.id for q in debate.questions]
    shown: dict[str, str] = {}
    for node in ids:
        status = statuses.get(node, "undecided")
        shown[node] = status if status in STATUSES else "undecided"
    return {
        "statuses": shown,
        "choices": {g: choices[g] for g in debate.given_ids if g in choices},
        "phrases": {s: status_phrase(s) for s in STATUSES},
    }


def outline_css() -> str:
    """The status rules of the outline's items (inside ``.outline-box``): a
    left border in the status's colour and line style (the status's words
    say it too; the text itself is never faded)."""
    rules = []
    for status in STATUSES:
        colour, line = PALETTE[status]["border"], BORDER_STYLES[status]
        rules.append(f'.outline-box li.item[data-status="{status}"]{{border-left:3px {line} {colour};}}')
    return "\n".join(rules) + "\n"
