"""What the explorer page says in words, built from the engine's results.

``app.py`` only places these on the page; everything that needs to know the
argument (which scenario the choices match, which conclusions a choice
flipped, what a conclusion rests on, the rows of the text view) is decided
here, with no Streamlit import.  Texts from the debate file are escaped for
the place they go: ``html.escape`` in what is returned as HTML; plain
strings (and the plain data for the page's components, which set every text
as text) are returned unescaped and say so.

The reader's explanations (docs/wording.md has the rules, with examples):
:func:`reason_line` (one line per node: the conclusions list and the map's
tooltips), :func:`full_explanation` (the "Why?" box and the selected node's
panel), :func:`node_tip` (the map's tooltip), :func:`choice_status_note`
(beside a given's control, when its status is not what the reader chose),
:func:`describe_change` (the note under the verdict) and :func:`node_title`.
They name statements by their whole texts, never by id, and never use the
engine's words; :mod:`graph.explain` keeps the id-based renderings for
authors (the CLI).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from itertools import pairwise

from graph.choices import choices_from_scenario
from graph.explain import Change, Explanation, deciding_changes, explain
from graph.model import Argument, Debate, Question, Statement
from graph.status import BORDER_STYLES, CHOICE_WORDS, PALETTE, Choice, Status, status_phrase

__all__ = [
    "CHANGES_NAMED",
    "CHOICE_LABELS",
    "KIND_NAMES",
    "QUESTION_LABELS",
    "SCHEME_WORDS",
    "choice_label",
    "choice_sections",
    "choice_status_note",
    "conclusions_html",
    "describe_change",
    "find_givens",
    "full_explanation",
    "given_help",
    "matching_scenario",
    "node_tip",
    "node_title",
    "question_state",
    "reason_line",
    "scenario_list",
]

CHOICE_LABELS: dict[str, str] = {"accepted": "Accept", "unsure": "Unsure", "rejected": "Reject"}
#: A critical question's choices, worded as a question's, in the panel's order.
QUESTION_LABELS: dict[str, str] = {"rejected": "Not raised", "unsure": "Open", "accepted": "Raised"}
#: What the reader reads for each kind of node (an objection is a *challenge*
#: everywhere a reader reads it; the format and the code keep ``objection``).
KIND_NAMES: dict[str, str] = {
    "premise": "Premise",
    "analogy": "Analogy",
    "example": "Example",
    "objection": "Challenge",
    "conclusion": "Conclusion",
    "argument": "Argument",
    "question": "Critical question",
}
#: How an argument reasons, in words (``other``: nothing is said).
SCHEME_WORDS: dict[str, str] = {
    "deduction": "it follows directly",
    "analogy": "by analogy",
    "example": "from an example",
    "authority": "from an authority",
    "cause": "from cause to effect",
}
CHANGES_NAMED = 3  # a change note names at most this many givens, and as many conclusions


def matching_scenario(debate: Debate, choices: Mapping[str, Choice]) -> str | None:
    """The id of the first scenario whose choices are exactly these, else None."""
    for scenario in debate.scenarios:
        if choices_from_scenario(debate, scenario.id) == dict(choices):
            return scenario.id
    return None


def choice_label(debate: Debate, given_id: str, choice: Choice) -> str:
    """The panel's word for ``choice`` of this given: a question's
    (:data:`QUESTION_LABELS`) for a critical question, else :data:`CHOICE_LABELS`."""
    labels = QUESTION_LABELS if given_id in debate.question_by_id else CHOICE_LABELS
    return labels[choice]


def question_state(choice: str | None) -> str:
    """Where a critical question stands, in running text: ``not raised``,
    ``open`` or ``raised`` (:data:`QUESTION_LABELS`, lower case); no choice,
    or anything else, is not raised (a question's start)."""
    return QUESTION_LABELS.get(choice or "rejected", QUESTION_LABELS["rejected"]).lower()


def conclusions_html(debate: Debate, statuses: Mapping[str, Status], reasons: Mapping[str, str]) -> str:
    """Every conclusion as one list item: status (symbol and word, and the
    map's border colour and style), its text and a one-line reason.  Each item
    carries ``data-conclusion`` (the id) and ``data-status`` (the status), and
    its ``.status`` element holds exactly one status word.  All text escaped."""
    items: list[str] = []
    for cid in debate.conclusion_ids:
        status = statuses.get(cid, "undecided")
        colour = PALETTE.get(status, PALETTE["undecided"])["border"]
        line = BORDER_STYLES.get(status, "dotted")
        thesis = " <em>(the thesis)</em>" if cid == debate.thesis else ""
        reason = reasons.get(cid, "")
        why = f'<br><span class="reason" style="opacity:0.75;font-size:0.9em;">{html.escape(reason)}</span>'
        items.append(
            f'<li data-conclusion="{html.escape(cid)}" data-status="{html.escape(status)}" '
            f'style="border-left:4px {line} {colour};padding:2px 0 2px 10px;margin:0 0 10px 0;">'
            f'<strong class="status">{html.escape(status_phrase(status))}</strong>{thesis} — '
            f"{html.escape(debate.statement_by_id[cid].text)}" + (why if reason else "") + "</li>"
        )
    return '<ul class="conclusions" style="list-style:none;padding:0;margin:0;">' + "".join(items) + "</ul>"


def given_help(statement: Statement | Question) -> tuple[str, str] | None:
    """Plain (title, text) shown under a given's control, or None: its quote
    (and note), or for an editorial challenge what it is; a critical
    question's note."""
    if isinstance(statement, Question):
        return None if not statement.note else ("Note", statement.note)
    parts: list[str] = []
    if statement.quote:
        parts.append("“" + statement.quote + "”")
    elif statement.editorial:
        parts.append("An editorial challenge: it is not in the essay.")
    if statement.note:
        parts.append(statement.note)
    if not parts:
        return None
    return ("Quote" if statement.quote else "Note"), "\n".join(parts)


def _uncap(text: str) -> str:
    return text[:1].lower() + text[1:]


def choice_sections(
    debate: Debate, sections: Sequence[tuple[str, Sequence[str]]], more: str | None = None
) -> dict[str, object]:
    """What the page's panel of choices draws, as plain JSON-ready data.

    ``sections`` are (heading, given ids) in order; ``more`` is a closing line.
    ``options`` are the choices' (value, word) pairs; a critical question's
    item has its own ``options`` (worded as a question's: not raised, open,
    raised) that the panel uses instead, and ``about`` (the argument it
    questions, under which the panel groups it).  Every text is plain (the panel sets
    it as text, never as markup).  Raises KeyError for an id that is not a
    given of ``debate``.
    """
    start = debate.starting_choices()
    question_options = [[value, word] for value, word in QUESTION_LABELS.items()]
    out: list[dict[str, object]] = []
    for heading, ids in sections:
        givens: list[dict[str, object]] = []
        for gid in ids:
            s: Statement | Question
            if gid in debate.question_by_id:
                s = debate.question_by_id[gid]
                item: dict[str, object] = {
                    "id": gid,
                    "text": s.text,
                    "editorial": False,
                    "start": start[gid],
                    "options": question_options,
                    # Questions are grouped under the argument they question.
                    "about": "About " + _uncap(node_title(debate, s.argument)),
                }
            else:
                s = debate.statement_by_id[gid]
                if not s.is_given:
                    raise KeyError(gid)
                item = {"id": gid, "text": s.text, "editorial": s.editorial, "start": start[gid]}
            help_ = given_help(s)
            if help_ is not None:
                item["help_title"], item["help"] = help_
            givens.append(item)
        out.append({"title": heading, "givens": givens})
    return {
        "options": [[value, word] for value, word in CHOICE_LABELS.items()],
        "sections": out,
        "more": more or "",
    }


def find_givens(debate: Debate, words: str, limit: int) -> list[str]:
    """Ids of the givens whose id or text contains every word of ``words``
    (case-insensitive), in file order, at most ``limit``; none for no words."""
    wanted = words.casefold().split()
    if not wanted:
        return []
    found: list[str] = []
    for gid in debate.given_ids:
        haystack = f"{gid} {debate.given_text(gid)}".casefold()
        if all(w in haystack for w in wanted):
            found.append(gid)
            if len(found) == limit:
                break
    return found


def scenario_list(debate: Debate) -> list[dict[str, str]]:
    """The debate's scenarios as plain JSON-ready data, in file order:
    ``{"id", "title", "description"}`` (texts unescaped: set as text)."""
    return [{"id": sc.id, "title": sc.title, "description": sc.description or ""} for sc in debate.scenarios]


# ------------------------------------------------------- the reader's words ---
# Every sentence below follows docs/wording.md: statements are named by their
# own whole text in curly quotes, never by id; the engine's words (in, out,
# undecided, defeated, carried, given ...) never appear in a sentence; a
# status is named only by graph.status.status_phrase.  Texts are returned
# plain (unescaped): the page sets them as text or escapes them where it puts
# them.

_INDENT_MAX = 10  # deeper trees are not indented further


def _quoted(text: str) -> str:
    return f"“{text}”"


def _and(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _some(items: Sequence[str], limit: int = CHANGES_NAMED) -> str:
    """At most ``limit`` of ``items``, then "N more"."""
    if len(items) <= limit:
        return _and(items)
    return _and([*items[:limit], f"{len(items) - limit} more"])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _named(debate: Debate, node_id: str) -> str:
    """How a sentence names a node: a statement by its quoted text ("the
    challenge" before an objection's), a critical question as one, an
    argument by what it goes from and to."""
    node = debate.node(node_id)
    if isinstance(node, Argument):
        return f"the argument from {_premises(debate, node)} to {_quoted(debate.statement_by_id[node.conclusion].text)}"
    if isinstance(node, Question):
        return f"the critical question {_quoted(node.text)}"
    if node.kind == "objection":
        return f"the challenge {_quoted(node.text)}"
    return _quoted(node.text)


def _premises(debate: Debate, argument: Argument) -> str:
    return _and([_quoted(debate.statement_by_id[p].text) for p in dict.fromkeys(argument.premises)])


def _called(e: Explanation) -> str:
    """:func:`_named` from an explanation (its kind and text are in it)."""
    if e.kind == "question":
        return f"the critical question {_quoted(e.text)}"
    if e.kind == "objection":
        return f"the challenge {_quoted(e.text)}"
    return _quoted(e.text)


def _is_given(e: Explanation) -> bool:
    return e.choice is not None


def node_title(debate: Debate, node_id: str) -> str:
    """A node's name for a heading, plain: a statement's or question's text;
    an argument as ``Argument from “P” and “Q” to “C”``.  KeyError if unknown."""
    node = debate.node(node_id)
    if isinstance(node, Argument):
        return _cap(_named(debate, node_id))
    return node.text


# ---- one line -------------------------------------------------------------
def _stands_against(attackers: Sequence[Explanation]) -> list[str]:
    """Clauses for what an in node stands against: the challenges (and
    raised questions) that do not hold, each with why; questions not raised
    are left out (the full explanation counts them)."""
    rejected: list[str] = []
    other: list[str] = []
    for a in attackers:  # one pass, no helper calls for the usual case: this runs for every node on every choice
        reason, kind = a.reason, a.kind
        if reason == "rejected":
            if kind != "question":
                rejected.append(f"the challenge “{a.text}”" if kind == "objection" else f"“{a.text}”")
        elif reason == "defeated":
            other.append(f"{_called(a)} is countered by {_called(a.attackers[0])}")
        else:
            other.append(f"{_called(a)} does not hold")
    if rejected:
        other.insert(0, f"you reject {_and(rejected)}")
    return other


def _fails_because(debate: Debate, arg: Explanation) -> str:
    """Why an argument that does not hold fails, as a clause."""
    if arg.reason == "premise-fails":
        p = arg.support[0]
        return f"it needs {_called(p)}, which " + ("you reject" if p.reason == "rejected" else "does not hold")
    att = arg.attackers[0]
    if att.kind == "question":
        return f"{_called(att)} is raised against it"
    return f"it is countered by {_called(att)}, which holds"


def _names(debate: Debate, ids: Sequence[str]) -> list[str]:
    return [_named(debate, g) for g in ids]


def _cycle_clause(debate: Debate, cycle: Sequence[str]) -> str:
    """Two (or more) claims that block each other, by their texts."""
    edges = list(pairwise(cycle))

    def attacks(a: str, b: str) -> bool:
        q = debate.question_by_id.get(a)
        return a in debate.attackers_of.get(b, ()) or (q is not None and q.argument == b)

    names = list(dict.fromkeys(_named(debate, v) for v in cycle if v not in debate.argument_by_id))
    if not names:  # only arguments: name them all (a format without support cycles never gets here)
        names = list(dict.fromkeys(_named(debate, v) for v in cycle))
    all_attacks = all(attacks(a, b) for a, b in edges)
    if len(names) == 1:
        return f"{_cap(names[0])} counters itself" if all_attacks else f"{_cap(names[0])} waits on itself"
    if all_attacks:
        together = "each other" if len(names) == 2 else "one another in a circle"
        return f"{_cap(_and(names))} counter {together}, and nothing you chose settles which holds"
    return f"{_cap(_and(names))} wait on one another in a circle, and nothing you chose settles it"


def reason_line(debate: Debate, expl: Explanation) -> str:
    """One plain sentence on why the node of ``expl`` (from
    :func:`graph.explain.explain` for ``debate``) has its status: what it
    follows from and what it stands against, what counters it or what you
    reject, or what you are unsure of.  Statements named by their whole
    texts, never by id.  Cheap (no evaluation): the page computes it for
    every node on every choice.  Raises KeyError if ``expl`` is not of
    ``debate``."""
    e = expl
    if e.status == "in":
        if e.choice is not None:  # a given
            head = "You raise this question" if e.kind == "question" else "You accept it"
            against = _stands_against(e.attackers) if e.attackers else []
        elif e.kind == "argument":
            sup = e.support
            which = "which holds" if len(sup) == 1 else "which all hold"
            head = f"It rests on {_and([_called(p) for p in sup])}, {which}"
            against = _stands_against(e.attackers) if e.attackers else []
        else:
            arg = e.support[0]
            head = f"It follows from {_and([_called(p) for p in arg.support])}"
            attackers = arg.attackers + e.attackers
            against = _stands_against(attackers) if attackers else []
        if against:
            return f"{head}; against it, {_and(against)}."
        return head + "."
    if e.status == "out":
        if e.reason == "rejected":
            return "You do not raise this question." if e.kind == "question" else "You reject it."
        if e.reason == "defeated":
            att = e.attackers[0]
            if att.kind == "question":
                return f"{_cap(_called(att))} is raised against it."
            lead = {"accepted": "You accept it, but it", "unsure": "You are unsure of it, and it"}.get(
                e.choice or "", "It"
            )
            verb = "answered" if e.kind == "question" else "countered"
            return f"{lead} is {verb} by {_called(att)}, which holds."
        if e.reason == "premise-fails":
            return _cap(_fails_because(debate, e)) + "."
        # unsupported: every argument for it fails
        if not e.support:
            return "Nothing supports it."
        if len(e.support) == 1:
            return f"Its only argument fails: {_fails_because(debate, e.support[0])}."
        text = f"None of its {len(e.support)} arguments holds"
        if e.givens:
            text += f"; you reject {_some(_names(debate, e.givens))}"
        return text + "."
    # not settled
    if e.reason == "unsure":
        return "You leave this question open." if e.kind == "question" else "You are unsure of it."
    parts: list[str] = []
    if e.givens:
        parts.append(f"It waits on what you are unsure of: {_some(_names(debate, e.givens))}.")
    if e.cycles:
        parts.append(_cap(_cycle_clause(debate, e.cycles[0])) + ".")
    if not parts:
        parts.append(f"It waits on {_some(_names(debate, e.blocked_by))}, which is not settled.")
    return " ".join(parts)


# ---- the full explanation ---------------------------------------------------
_Kid = tuple[Explanation, str]  # a node and its role under its parent: premise | counter | against | route


def _against_kids(e: Explanation) -> list[_Kid]:
    return [(a, "against") for a in e.attackers]


def _holds_kids(debate: Debate, e: Explanation) -> tuple[str, list[_Kid]]:
    """For an in conclusion: what it follows from, and its kids."""
    arg = e.support[0]
    kids: list[_Kid] = [(p, "premise") for p in arg.support]
    kids += [(a, "against-argument") for a in arg.attackers] + _against_kids(e)
    return f"it follows from {_and([_called(p) for p in arg.support])}", kids


def _fails_kids(debate: Debate, e: Explanation) -> tuple[str, list[_Kid]]:
    """For an out node that is not a rejected given: a clause and its kids."""
    if e.reason == "defeated":
        return "", [(e.attackers[0], "counter")]
    if e.reason == "premise-fails":
        return "", [(e.support[0], "premise")]
    if not e.support:
        return "nothing supports it", []
    if len(e.support) == 1:
        arg = e.support[0]
        node = debate.argument_by_id[arg.node]
        return f"it would follow from {_premises(debate, node)}, but that argument fails", _fails_kids(debate, arg)[1]
    return f"none of the {len(e.support)} arguments for it holds", [(a, "route") for a in e.support]


def _does_not_hold(debate: Debate, e: Explanation, what: str) -> tuple[str, list[_Kid]]:
    """The line for ``e`` (named ``what``) that does not hold: what the reader
    chose of it, then why it does not hold, with the steps under it."""
    if e.reason == "rejected":
        verb = "do not raise" if e.kind == "question" else "reject"
        return f"You {verb} {what}.", []
    if e.choice == "accepted":
        verb = "raise" if e.kind == "question" else "accept"
        lead = f"You {verb} {what}, but it does not hold"
    elif e.choice == "unsure":
        lead = f"You are unsure of {what}, and it does not hold"
    else:
        lead = f"{_cap(what)} does not hold"
    clause, kids = _fails_kids(debate, e)
    return lead + (f": {clause}" if clause else "") + ":", kids


def _line(debate: Debate, e: Explanation, role: str) -> tuple[str, list[_Kid]]:
    """One line of the tree: a sentence on ``e`` in its ``role`` and the
    nodes the next lines explain."""
    name = _called(e)
    if role == "route":  # an argument that fails, under a conclusion that does not hold
        node = debate.argument_by_id[e.node]
        _, kids = _fails_kids(debate, e)
        return f"The argument from {_premises(debate, node)} fails:", kids
    if role == "counter":  # e holds and counters its parent
        if e.kind == "question":
            return f"{_cap(name)} is raised against it.", _against_kids(e)
        if _is_given(e):
            return f"It is countered by {name}, which you accept.", _against_kids(e)
        clause, kids = _holds_kids(debate, e)
        return f"It is countered by {name}, which holds: {clause}.", kids
    if role in ("against", "against-argument"):  # e does not hold, and its parent stands against it
        where = "this argument" if role == "against-argument" else "it"
        return _does_not_hold(debate, e, f"{name} against {where}")
    # premise: why e has its status
    if e.status == "in":
        if _is_given(e):
            verb = "raise" if e.kind == "question" else "accept"
            return f"You {verb} {name}.", _against_kids(e)
        if e.kind == "argument":
            return f"The argument from {_and([_called(p) for p in e.support])} holds.", [
                (p, "premise") for p in e.support
            ] + _against_kids(e)
        clause, kids = _holds_kids(debate, e)
        return f"{_cap(name)} holds: {clause}.", kids
    return _does_not_hold(debate, e, name)


def _questions_line(kids: list[_Kid]) -> tuple[list[_Kid], str | None]:
    """The critical questions not raised against one argument, counted in
    one line instead of one line each."""
    quiet = [k for k in kids if k[1] == "against-argument" and k[0].kind == "question" and k[0].reason == "rejected"]
    if len(quiet) < 2:
        return kids, None
    rest = [k for k in kids if k not in quiet]
    return rest, f"None of the {len(quiet)} critical questions against this argument is raised."


def _tree(debate: Debate, kids: list[_Kid]) -> list[str]:
    """The lines explaining ``kids`` and what they rest on, depth first,
    without recursion; a node already explained with its own lines is
    referred to, not repeated."""
    lines: list[str] = []
    expanded: set[int] = set()
    stack: list[tuple[Explanation | str, str, int]] = []

    def push(items: list[_Kid], depth: int) -> None:
        items, counted = _questions_line(items)
        entries: list[tuple[Explanation | str, str, int]] = [(e, role, depth) for e, role in items]
        if counted is not None:
            entries.append((counted, "", depth))
        stack.extend(reversed(entries))

    push(kids, 0)
    while stack:
        e, role, depth = stack.pop()
        pad = "  " * min(depth, _INDENT_MAX) + "- "
        if isinstance(e, str):
            lines.append(pad + e)
            continue
        text, sub = _line(debate, e, role)
        if sub and id(e) in expanded:
            lines.append(pad + text.rstrip(":.") + " (see above).")
            continue
        if sub:
            expanded.add(id(e))
        lines.append(pad + text)
        push(sub, depth + 1)
    return lines


def _accepted_leaves(expl: Explanation) -> list[Explanation]:
    """The accepted givens (and raised questions) that hold in ``expl``'s
    tree, in the order the tree names them: what the reasoning shown rests on."""
    found: dict[str, Explanation] = {}
    seen: set[int] = set()
    todo = [expl]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if e.reason == "accepted":
            found.setdefault(e.node, e)
        todo.extend(reversed((*e.support, *e.attackers)))
    return list(found.values())


def _change_item(debate: Debate, node_id: str, given_id: str, to: Choice) -> str:
    name = "it" if given_id == node_id else _named(debate, given_id)
    if given_id in debate.question_by_id:
        return ("raising " if to == "accepted" else "not raising ") + name
    return ("accepting " if to == "accepted" else "rejecting ") + name


def _what_would_change(
    debate: Debate, node_id: str, status: Status, changes: Sequence[Change], rests_on: Sequence[str]
) -> list[str]:
    lines = ["What would change this:"]
    if status == "in":
        groups = [("it would no longer hold", list(changes))]
    elif status == "out":
        groups = [("it would hold", list(changes))]
    else:
        groups = [
            ("it would hold", [c for c in changes if c[2] == "in"]),
            ("it would not hold", [c for c in changes if c[2] == "out"]),
        ]
    if not changes:
        what = {"in": "make it no longer hold", "out": "make it hold"}.get(status, "settle it")
        lines.append(f"No single change of yours would {what}.")
    for result, items in groups:
        if items:
            lines.append(f"After any one of these changes alone, {result}:")
            lines += [f"- {_change_item(debate, node_id, g, to)}" for g, to, _ in items]
    if status == "in":
        flipping = {g for g, to, _ in changes if to == "rejected"}
        others = [g for g in rests_on if g not in flipping and g != node_id]
        if others:
            which = "only one of the other things" if flipping else "any one of the things"
            lines.append(f"Rejecting {which} it rests on would not change it: it would still hold another way.")
    return lines


def full_explanation(
    debate: Debate, choices: Mapping[str, Choice], node_id: str, statuses: Mapping[str, Status]
) -> str:
    """Plain text for the "Why?" box and the selected node's panel: the
    status and text, :func:`reason_line`, then the reasons it rests on as an
    indented list (what it follows from, what it stands against and why, or
    what counters it or what you reject; for a node not settled, what you
    are unsure of and the claims that block each other), then what it rests
    on (for one that holds) and "What would change this": every single
    accept or reject that alone would change whether it holds
    (:func:`graph.explain.deciding_changes`).  Never an id.  ``statuses``
    must be ``evaluate(debate, choices)``; raises KeyError for an unknown
    id, ValueError for stale statuses or invalid choices."""
    e = explain(debate, choices, node_id, statuses)
    lines = [f"{status_phrase(e.status)}: {_cap(_named(debate, node_id))}", reason_line(debate, e)]
    if e.status == "undecided":
        # The first line names at most CHANGES_NAMED unsure givens and one cycle: the rest here.
        if len(e.givens) > CHANGES_NAMED:
            statements = [g for g in e.givens if g not in debate.question_by_id]
            questions = [g for g in e.givens if g in debate.question_by_id]
            if statements:
                lines.append("- You are unsure of these:")
                lines += [f"  - {_named(debate, g)}" for g in statements]
            if questions:
                lines.append("- You leave these critical questions open:")
                lines += [f"  - {_quoted(debate.question_by_id[g].text)}" for g in questions]
        lines += [f"- {_cap(_cycle_clause(debate, c))}." for c in e.cycles[1:]]
        rests: list[str] = []
    else:
        if e.status == "in":
            kids = _line(debate, e, "premise")[1]
        elif e.reason == "defeated":  # the first line said what counters it: the list says why that holds
            kids = [(e.attackers[0], "premise")]
        else:
            kids = [] if e.reason == "rejected" else _fails_kids(debate, e)[1]
        lines += _tree(debate, kids)
        rests = []
        if e.status == "in":
            leaves = [x for x in _accepted_leaves(e) if x.node != node_id]
            rests = [x.node for x in leaves]
            if leaves:
                lines += ["", "It rests on what you accept:"]
                lines += [f"- {_cap(_called(x))}" for x in leaves]
    changes = deciding_changes(debate, choices, node_id, statuses)
    lines += ["", *_what_would_change(debate, node_id, e.status, changes, rests)]
    return "\n".join(lines)


# ---- next to a control --------------------------------------------------------
def choice_status_note(debate: Debate, given_id: str, choice: Choice, statuses: Mapping[str, Status]) -> str | None:
    """Why a given's status is not what the reader chose, for the place next
    to its control, e.g. "You accept this, but it is countered by “…”, which
    holds, so it does not hold."; None when they agree (accepted and holds,
    rejected, unsure and not settled).  ``statuses`` must be the evaluation
    of the choices in which the given has ``choice``.  Plain text; KeyError
    if ``given_id`` is not a given of ``debate``."""
    debate.given_text(given_id)  # KeyError for what is not a given
    status = statuses.get(given_id, "undecided")
    if choice == "rejected" or status == {"accepted": "in", "unsure": "undecided"}[choice]:
        return None
    question = given_id in debate.question_by_id
    if choice == "accepted":
        you = "You raise this question" if question else "You accept this"
    else:
        you = "You leave this question open" if question else "You are unsure of this"
    attackers = debate.attackers_of.get(given_id, ())
    holding = [_named(debate, a) for a in attackers if statuses.get(a) == "in"]
    if status == "out" and holding:
        link = "but" if choice == "accepted" else "and"
        verb = "answered" if question else "countered"
        return f"{you}, {link} it is {verb} by {_some(holding)}, which holds, so this does not hold."
    unsettled = [_named(debate, a) for a in attackers if statuses.get(a) == "undecided"]
    if status == "undecided" and unsettled:
        return f"{you}, but {_some(unsettled)}, against it, is not settled, so neither is this."
    return None


# ---- the map's tooltip ----------------------------------------------------------
def node_tip(
    debate: Debate,
    node_id: str,
    status: str,
    choice: str | None,
    reason: str | None,
    question_choices: Mapping[str, str] | None = None,
) -> str:
    """The map's tooltip for a statement, argument or critical question, as
    plain text (the map sets it with textContent): kind and status (and the
    reader's choice), the whole text and the whole quote, the note, for an
    argument what it goes from and to and its critical questions (each with
    its choice in ``question_choices``, missing: not raised, and what
    answers it), for a question the argument it is about, what answers it
    and what a click does; then ``reason`` (:func:`reason_line`).  Never an
    id.  KeyError if unknown."""
    lines: list[str] = []
    if node_id in debate.question_by_id:
        lines += _question_tip(debate, debate.question_by_id[node_id], status, choice)
    elif node_id in debate.statement_by_id:
        s = debate.statement_by_id[node_id]
        kind = "Thesis" if s.id == debate.thesis else KIND_NAMES[s.kind]
        head = f"{kind} — {status_phrase(status)}"
        if choice is not None:
            head += f" ({CHOICE_WORDS.get(choice, choice)})"
        lines += [head, s.text]
        if s.quote:
            lines.append(f"Quote: {_quoted(s.quote)}")
        if s.editorial:
            lines.append("Not in the essay: a challenge the map's editors added.")
        if s.note:
            lines.append(f"Note: {s.note}")
    else:
        a = debate.argument_by_id[node_id]
        lines.append(f"{KIND_NAMES['argument']} — {status_phrase(status)}")
        together = " (together)" if len(a.premises) > 1 else ""
        lines.append(f"From: {_premises(debate, a)}{together}")
        lines.append(f"To: {_quoted(debate.statement_by_id[a.conclusion].text)}")
        if a.scheme in SCHEME_WORDS:
            lines.append(f"How: {SCHEME_WORDS[a.scheme]}")
        for q in a.questions:
            word = question_state((question_choices or {}).get(q.id))
            answers = debate.attackers_of.get(q.id, ())
            against = f"; answered by {_and([_named(debate, x) for x in answers])}" if answers else ""
            lines.append(f"Ask: {q.text} ({word}{against})")
    if reason:
        lines.append(f"Why: {reason}")
    return "\n".join(lines)


def _question_tip(debate: Debate, q: Question, status: str, choice: str | None) -> list[str]:
    """The lines of a critical question's tooltip, before its reason."""
    said = question_state(choice)
    effect = _QUESTION_EFFECTS.get(status, _QUESTION_EFFECTS["undecided"])
    lines = [f"{KIND_NAMES['question']} ({said}) — {status_phrase(status)}: {effect}", q.text]
    lines.append(f"About {_uncap(node_title(debate, q.argument))}.")
    answers = debate.attackers_of.get(q.id, ())
    if answers:
        lines.append(f"Answered by {_and([_named(debate, x) for x in answers])}.")
    if q.note:
        lines.append(f"Note: {q.note}")
    lines.append("Click it to change: not raised → raised → open → not raised.")
    return lines


# What a question's status does to its argument, in words.
_QUESTION_EFFECTS = {
    "in": "it counts against the argument",
    "out": "it does not count against the argument",
    "undecided": "the argument is undecided unless something else decides it",
}


# ---- the change note ----------------------------------------------------------
def describe_change(
    debate: Debate,
    before_choices: Mapping[str, Choice],
    before_statuses: Mapping[str, Status],
    choices: Mapping[str, Choice],
    statuses: Mapping[str, Status],
    *,
    scenario: str | None = None,
    reset: bool = False,
) -> str | None:
    """The short note under the verdict on what the last change did.

    It names what changed (after ``reset``: that the view is back to the
    essay as written; after picking the scenario with id ``scenario``: its
    title; else at most :data:`CHANGES_NAMED` changed givens with their new
    choice, then "and N more"), then at most :data:`CHANGES_NAMED` conclusions
    whose status changed (old and new status), then "and N more", or that no
    conclusion changed.  None when no given changed and it was neither a
    reset nor a scenario.  Plain text; KeyError for an unknown scenario."""
    changed = [g for g in debate.given_ids if before_choices.get(g) != choices.get(g)]
    if reset:
        head = "Back to the essay as written."
    elif scenario is not None:
        head = f"Scenario {_quoted(debate.scenario_by_id[scenario].title)}."
    elif not changed:
        return None
    else:
        what = [f"{_quoted(debate.given_text(g))} → {choice_label(debate, g, choices[g])}" for g in changed]
        head = f"Last choice: {_some(what)}."
    flipped = [c for c in debate.conclusion_ids if before_statuses.get(c) != statuses.get(c)]
    if not flipped:
        return f"{head} No conclusion changed."
    outcome = [
        f"{_quoted(debate.statement_by_id[c].text)} {status_phrase(before_statuses.get(c, 'undecided'))}"
        f" → {status_phrase(statuses.get(c, 'undecided'))}"
        for c in flipped
    ]
    shown = "; ".join(outcome[:CHANGES_NAMED])
    if len(outcome) > CHANGES_NAMED:
        shown += f"; and {len(outcome) - CHANGES_NAMED} more"
    return f"{head} Changed: {shown}."
