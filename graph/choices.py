"""The reader's choices: which givens are accepted, rejected or unsure.

A full choices mapping has one entry per given of the debate (conclusions are
never chosen: they follow from the givens).  Everything starts from the
file's ``accepted`` values (``Debate.starting_choices()``).
"""
from __future__ import annotations

from typing import Iterable, Mapping

from graph.model import Debate
from graph.status import Choice

__all__ = [
    "ChoiceError",
    "resolve_choices",
    "choices_from_scenario",
    "diff_from_start",
]


class ChoiceError(ValueError):
    """A request names an unknown id, a conclusion, or one id in two lists."""


def _short_list(ids: Iterable[str]) -> str:
    return ", ".join(f"'{i}'" for i in ids)


def resolve_choices(
    debate: Debate,
    on: Iterable[str] = (),
    off: Iterable[str] = (),
    unsure: Iterable[str] = (),
) -> dict[str, Choice]:
    """Every given -> its choice: the file's starting choices, then ``on``
    givens accepted, ``off`` rejected, ``unsure`` unsure.

    Raises ``ChoiceError`` (a ``ValueError``) whose message names every
    problem: ids that are neither a statement nor an argument, ids that are
    not givens (conclusions, arguments), and ids in more than one list.
    Naming an id twice in the same list is harmless.  Returns a new dict.
    """
    lists = {"on": list(on), "off": list(off), "unsure": list(unsure)}
    problems: list[str] = []
    givens = set(debate.given_ids)
    unknown: list[str] = []
    conclusions: list[str] = []
    arguments: list[str] = []
    for items in lists.values():
        for i in items:
            if i in givens:
                continue
            if i in debate.statement_by_id:
                bucket = conclusions
            elif i in debate.argument_by_id:
                bucket = arguments
            else:
                bucket = unknown
            if i not in bucket:
                bucket.append(i)
    if unknown:
        problems.append(f"unknown id{'s' if len(unknown) > 1 else ''} {_short_list(unknown)}")
    if conclusions:
        problems.append(
            f"{_short_list(conclusions)} {'are conclusions' if len(conclusions) > 1 else 'is a conclusion'}"
            " (a conclusion follows from its arguments and cannot be set)"
        )
    if arguments:
        problems.append(
            f"{_short_list(arguments)} {'are arguments' if len(arguments) > 1 else 'is an argument'}"
            " (only givens can be set)"
        )
    where: dict[str, list[str]] = {}
    for name, items in lists.items():
        for i in dict.fromkeys(items):
            where.setdefault(i, []).append(name)
    for i, names in where.items():
        if len(names) > 1 and i in givens:  # other ids already have their own problem
            problems.append(f"'{i}' is named in both --{' and --'.join(names)}" if len(names) == 2
                            else f"'{i}' is named in --on, --off and --unsure")
    if problems:
        raise ChoiceError("; ".join(problems))
    choices = debate.starting_choices()
    for name, choice in (("on", "accepted"), ("off", "rejected"), ("unsure", "unsure")):
        for i in lists[name]:
            choices[i] = choice  # type: ignore[assignment]
    return choices


def choices_from_scenario(debate: Debate, scenario_id: str) -> dict[str, Choice]:
    """The file's starting choices with the scenario's ``on``/``off``/``unsure``
    applied.  Raises ``KeyError`` for an unknown scenario id (a loaded debate's
    scenarios only name givens, each once, so nothing else can go wrong)."""
    sc = debate.scenario_by_id[scenario_id]
    return resolve_choices(debate, on=sc.on, off=sc.off, unsure=sc.unsure)


def diff_from_start(
    debate: Debate, choices: Mapping[str, Choice]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``(on, off, unsure)``: the givens whose choice in ``choices`` differs
    from the file's start, each in file order.  Givens missing from
    ``choices`` count as unchanged; ids that are not givens are ignored.
    ``resolve_choices(debate, *diff_from_start(debate, c))`` rebuilds ``c``."""
    start = debate.starting_choices()
    out: dict[str, list[str]] = {"accepted": [], "rejected": [], "unsure": []}
    for gid in debate.given_ids:
        choice = choices.get(gid, start[gid])
        if choice != start[gid] and choice in out:
            out[choice].append(gid)
    return tuple(out["accepted"]), tuple(out["rejected"]), tuple(out["unsure"])
