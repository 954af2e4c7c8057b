"""What the explorer page says in words, built from the engine's results.

``app.py`` only places these on the page; everything that needs to know the
argument (which scenario the choices match, which conclusions a choice
flipped, what a conclusion rests on, the rows of the text view) is decided
here, with no Streamlit import.  Texts from the debate file are escaped for
the place they go: ``html.escape`` in what is returned as HTML; plain
strings (and the plain data for the page's components, which set every text
as text) are returned unescaped and say so.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from graph.choices import choices_from_scenario
from graph.explain import critical_givens, explain, format_explanation
from graph.model import Debate, Question, Statement
from graph.status import BORDER_STYLES, CHOICE_WORDS, PALETTE, STATUS_WORDS, Choice, Status, status_phrase

__all__ = [
    "CHOICE_LABELS",
    "QUESTION_LABELS",
    "choice_label",
    "choice_sections",
    "conclusions_html",
    "describe_change",
    "find_givens",
    "full_explanation",
    "given_help",
    "matching_scenario",
    "scenario_list",
    "text_view_rows",
]

CHOICE_LABELS: dict[str, str] = {"accepted": "Accept", "unsure": "Unsure", "rejected": "Reject"}
#: A critical question's choices, worded as a question's, in the panel's order.
QUESTION_LABELS: dict[str, str] = {"rejected": "Not raised", "unsure": "Open", "accepted": "Raised"}
_CHANGES_NAMED = 5  # a change note names at most this many givens


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


def describe_change(
    debate: Debate,
    before_choices: Mapping[str, Choice],
    before_statuses: Mapping[str, Status],
    choices: Mapping[str, Choice],
    statuses: Mapping[str, Status],
) -> str | None:
    """One plain sentence: which givens changed and which conclusions flipped
    (named, with old and new status), or None when no given changed."""
    changed = [g for g in debate.given_ids if before_choices.get(g) != choices.get(g)]
    if not changed:
        return None
    what = ", ".join(
        f"{debate.given_text(g)} → {choice_label(debate, g, choices[g])}" for g in changed[:_CHANGES_NAMED]
    )
    if len(changed) > _CHANGES_NAMED:
        what += f" and {len(changed) - _CHANGES_NAMED} more"
    flipped = [c for c in debate.conclusion_ids if before_statuses.get(c) != statuses.get(c)]
    if not flipped:
        return f"Last choice ({what}) changed no conclusion."
    outcome = "; ".join(
        f"{debate.statement_by_id[c].text}: {STATUS_WORDS[before_statuses.get(c, 'undecided')]}"
        f" → {STATUS_WORDS[statuses.get(c, 'undecided')]}"
        for c in flipped
    )
    return f"Last choice ({what}) changed: {outcome}."


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


def full_explanation(
    debate: Debate, choices: Mapping[str, Choice], node_id: str, statuses: Mapping[str, Status]
) -> str:
    """Plain text: :func:`graph.explain.format_explanation` for the node and,
    for a conclusion, its critical givens (holds: reject any one and it falls;
    otherwise: accept any one and it holds)."""
    text = format_explanation(explain(debate, choices, node_id, statuses))
    if node_id not in debate.conclusion_ids:
        return text
    critical = critical_givens(debate, choices, node_id, statuses)
    names = "; ".join(f"{debate.given_text(g)} ({g})" for g in critical)
    if statuses.get(node_id) == "in":
        if critical:
            return text + f"\n\nCritical givens — reject any one of these and it falls: {names}."
        return text + "\n\nNo single given is critical: rejecting any one alone leaves it standing."
    if critical:
        return text + f"\n\nAccept any one of these and it holds: {names}."
    return text


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


def choice_sections(
    debate: Debate, sections: Sequence[tuple[str, Sequence[str]]], more: str | None = None
) -> dict[str, object]:
    """What the page's panel of choices draws, as plain JSON-ready data.

    ``sections`` are (heading, given ids) in order; ``more`` is a closing line.
    ``options`` are the choices' (value, word) pairs; a critical question's
    item has its own ``options`` (worded as a question's: not raised, open,
    raised) that the panel uses instead.  Every text is plain (the panel sets
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


def text_view_rows(
    debate: Debate, statuses: Mapping[str, Status], choices: Mapping[str, Choice]
) -> list[dict[str, object]]:
    """One row per statement, in file order (``#`` is its number, as in the
    essay's tags): kind, status, the reader's choice for a given, text, the
    conclusions it supports and what attacks it or an argument for it.
    Plain text; linear in the size of the debate."""
    supports: dict[str, dict[str, None]] = {}
    undercuts: dict[str, list[str]] = {}
    for a in debate.arguments:
        for p in a.premises:
            supports.setdefault(p, {})[a.conclusion] = None
        undercuts.setdefault(a.conclusion, []).extend(
            f"{att} (against {a.id})" for att in debate.attackers_of.get(a.id, ())
        )
    rows: list[dict[str, object]] = []
    for number, s in enumerate(debate.statements, start=1):
        rows.append(
            {
                "#": number,
                "id": s.id,
                "kind": s.kind + (" (not in the essay)" if s.editorial else ""),
                "status": status_phrase(statuses.get(s.id, "undecided")),
                "your choice": CHOICE_WORDS.get(choices.get(s.id, ""), "") if s.is_given else "",
                "statement": s.text,
                "supports": ", ".join(supports.get(s.id, {})),
                "attacked by": ", ".join(list(debate.attackers_of.get(s.id, ())) + undercuts.get(s.id, [])),
            }
        )
    return rows


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
