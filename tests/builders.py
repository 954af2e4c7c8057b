"""Shared test builders: small debates from compact tuples, and the format's worked example.

Tests import from here (``from tests.builders import ...``); tests/conftest.py turns the
loaded fixture files into pytest fixtures (``worked``, ``tiny``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from graph.load import load_debate
from graph.model import Argument, Attack, Debate, Scenario, Statement

__all__ = [
    "FIXTURES",
    "TINY_FILE",
    "WORKED_ARGUMENTS",
    "WORKED_ATTACKS",
    "WORKED_EXAMPLE_FILE",
    "WORKED_STATEMENTS",
    "build_debate",
    "every_link",
    "load_worked_example",
    "worked_example",
]

FIXTURES = Path(__file__).parent / "fixtures"
WORKED_EXAMPLE_FILE = FIXTURES / "valid" / "worked-example.yaml"
TINY_FILE = FIXTURES / "app" / "tiny.yaml"

# The format's "Worked example" (tests/fixtures/valid/worked-example.yaml), as build_debate specs.
WORKED_STATEMENTS: tuple[tuple[Any, ...], ...] = (
    ("p", "premise"),
    ("q", "premise"),
    ("r", "analogy"),
    ("c", "conclusion"),
    ("d", "conclusion"),
    ("x", "objection"),
    ("y", "objection", True),
)
WORKED_ARGUMENTS: tuple[tuple[Any, ...], ...] = (("a1", "c", ["p", "q"]), ("a2", "c", ["r"]), ("a3", "d", ["c"]))
WORKED_ATTACKS: tuple[tuple[Any, ...], ...] = (("x", "a2"), ("y", "x"))

_STATEMENT_EXTRAS = frozenset({"text", "line", "accepted", "quote", "note", "editorial"})
_ARGUMENT_EXTRAS = frozenset({"line", "scheme", "critical_questions"})
_ATTACK_EXTRAS = frozenset({"line", "note"})


def _extras(spec: tuple[Any, ...], fixed: int, allowed: frozenset[str]) -> dict[str, Any]:
    """The optional last element of a spec: a dict of fields (a bare bool is a statement's `accepted`)."""
    if len(spec) == fixed:
        return {}
    if len(spec) != fixed + 1:
        raise ValueError(f"spec {spec!r}: expected {fixed} items and an optional dict")
    extra = spec[fixed]
    if isinstance(extra, bool) and "accepted" in allowed:
        return {"accepted": extra}
    if not isinstance(extra, Mapping) or not set(extra) <= allowed:
        raise ValueError(f"spec {spec!r}: the last item must be a dict with keys among {sorted(allowed)}")
    return dict(extra)


def build_debate(
    statements: Iterable[tuple[Any, ...]],
    arguments: Iterable[tuple[Any, ...]] = (),
    attacks: Iterable[tuple[Any, ...]] = (),
    *,
    thesis: str | None = None,
    scenarios: Sequence[Scenario] = (),
    text: str = "{ID}",
    lines: Literal["running", "statements"] = "running",
    path: str = "t.yaml",
    title: str = "t",
    source_text: str | None = None,
) -> Debate:
    """A Debate built straight from compact specs, without the loader (nothing is checked).

    - statements: ``(id, kind)``, ``(id, kind, accepted)`` or ``(id, kind, {field: value})`` with
      fields among text, line, accepted, quote, note, editorial.  ``accepted`` defaults as the loader
      does (True, False for an objection) and is always None for a conclusion.
    - arguments: ``(id, conclusion, premises)`` or ``(id, conclusion, premises, {field: value})``
      with fields among line, scheme, critical_questions.
    - attacks: ``(by, target)`` or ``(by, target, {field: value})`` with fields among line, note.
    - text: the template of a statement's default text; ``{id}`` is its id, ``{ID}`` the id upper-cased.
    - lines: "running" numbers statements, then arguments, then attacks 1, 2, 3, ...; "statements"
      numbers the statements 1..n and puts every argument and attack on line 1.  A ``line`` field wins.

    Raises ValueError for a spec of the wrong shape or with an unknown field.
    """
    counter = itertools.count(1)

    def next_line(is_statement: bool) -> int:
        n = next(counter)
        return n if lines == "running" or is_statement else 1

    sts = []
    for spec in statements:
        sid, kind = spec[0], spec[1]
        extra = _extras(tuple(spec), 2, _STATEMENT_EXTRAS)
        line = next_line(True)
        accepted = None if kind == "conclusion" else extra.get("accepted", kind != "objection")
        sts.append(
            Statement(
                id=sid,
                kind=kind,
                text=extra.get("text", text.format(id=sid, ID=sid.upper())),
                line=extra.get("line", line),
                quote=extra.get("quote"),
                accepted=accepted,
                editorial=extra.get("editorial", False),
                note=extra.get("note"),
            )
        )
    args = []
    for spec in arguments:
        aid, conclusion, premises = spec[0], spec[1], spec[2]
        extra = _extras(tuple(spec), 3, _ARGUMENT_EXTRAS)
        line = next_line(False)
        args.append(
            Argument(
                id=aid,
                conclusion=conclusion,
                premises=tuple(premises),
                line=extra.get("line", line),
                scheme=extra.get("scheme"),
                critical_questions=tuple(extra.get("critical_questions", ())),
            )
        )
    atts = []
    for spec in attacks:
        by, target = spec[0], spec[1]
        extra = _extras(tuple(spec), 2, _ATTACK_EXTRAS)
        line = next_line(False)
        atts.append(Attack(by=by, target=target, line=extra.get("line", line), note=extra.get("note")))
    return Debate(
        path=path,
        title=title,
        statements=tuple(sts),
        arguments=tuple(args),
        attacks=tuple(atts),
        scenarios=tuple(scenarios),
        thesis=thesis,
        source_text=source_text,
    )


def worked_example(**options: Any) -> Debate:
    """The format's worked example built in memory (texts P, Q, ...; lines 1..12; path t.yaml,
    title t); ``options`` go to build_debate (text, lines, thesis, ...)."""
    return build_debate(WORKED_STATEMENTS, WORKED_ARGUMENTS, WORKED_ATTACKS, **options)


def load_worked_example() -> Debate:
    """A fresh Debate loaded from tests/fixtures/valid/worked-example.yaml (title Tiny, its real lines)."""
    return load_debate(WORKED_EXAMPLE_FILE)


def every_link(d: Debate) -> list[tuple[str, str]]:
    """Every (from, to) link of ``d``, written straight from the model for the
    tests' naive oracles (not from graph.index): premise -> argument,
    argument -> conclusion, attacker -> target, question -> its argument."""
    links = [(p, a.id) for a in d.arguments for p in a.premises]
    links += [(a.id, a.conclusion) for a in d.arguments]
    links += [(at.by, at.target) for at in d.attacks]
    links += [(q.id, q.argument) for q in d.questions]
    return links
