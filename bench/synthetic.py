"""Seeded synthetic debates for benchmarks and for loading big maps in the app.

    make_debate(size, seed=0) -> Debate          # about `size` statements
    make_attack_framework(size, seed=0) -> Debate  # givens and attacks only
    write_debate_yaml(debate, path)              # a valid debate/1 file
    with_questions(debate) / without_questions(debate)  # critical questions added / dropped

A debate of ``size`` statements has about 55 % premises/analogies/examples,
15 % objections and 30 % conclusions.  Each conclusion has one to three
alternative arguments, each with one to three linked premises drawn from the
givens and from recent earlier conclusions (so support chains run deep but
never circle).  Objections undercut arguments or rebut statements, some
conclusions rebut others, and some objections attack each other in 2- and
3-cycles.  The same (size, seed) always gives the same debate.
"""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

from graph.model import Argument, Attack, Debate, Statement

__all__ = ["make_attack_framework", "make_debate", "with_questions", "without_questions", "write_debate_yaml"]

_KINDS = ("premise", "premise", "analogy", "example")


def make_debate(size: int, seed: int = 0) -> Debate:
    """A valid debate of about ``size`` statements (at least 10)."""
    rnd = random.Random(seed)
    size = max(size, 10)
    n_concl = max(1, size * 30 // 100)
    n_obj = max(1, size * 15 // 100)
    n_given = size - n_concl - n_obj
    statements: list[Statement] = []
    line = 1
    givens = []
    for i in range(n_given):
        sid = f"p{i}"
        givens.append(sid)
        statements.append(Statement(sid, rnd.choice(_KINDS), f"Premise number {i}", line, accepted=rnd.random() < 0.9))
        line += 1
    objections = []
    for i in range(n_obj):
        sid = f"x{i}"
        objections.append(sid)
        statements.append(Statement(sid, "objection", f"Objection number {i}", line, accepted=rnd.random() < 0.35))
        line += 1
    conclusions = [f"c{j}" for j in range(n_concl)]
    for j, cid in enumerate(conclusions):
        statements.append(Statement(cid, "conclusion", f"Conclusion number {j}", line))
        line += 1
    arguments: list[Argument] = []
    for j, cid in enumerate(conclusions):
        for _ in range(rnd.choice((1, 1, 2, 2, 3))):
            k = rnd.choice((1, 2, 2, 3))
            premises = []
            if j and rnd.random() < 0.7:
                # a recent earlier conclusion: makes long chains
                premises.append(conclusions[max(0, j - 1 - int(rnd.expovariate(0.3)))])
            while len(premises) < k:
                p = rnd.choice(givens)
                if p not in premises:
                    premises.append(p)
            arguments.append(
                Argument(
                    f"a{len(arguments)}",
                    cid,
                    tuple(premises),
                    line,
                    scheme=rnd.choice(("deduction", "analogy", "example", "cause")),
                )
            )
            line += 1
    attacks: list[Attack] = []
    arg_ids = [a.id for a in arguments]
    for x in objections:
        for _ in range(rnd.choice((1, 1, 2))):
            r = rnd.random()
            if r < 0.5:
                target = rnd.choice(arg_ids)  # undercut
            elif r < 0.8:
                target = rnd.choice(conclusions)  # rebuttal of a conclusion
            else:
                target = rnd.choice(givens)  # rebuttal of a given
            attacks.append(Attack(x, target, line))
            line += 1
    for _ in range(max(1, n_concl // 50)):  # conclusions rebutting conclusions
        a, b = rnd.sample(conclusions, 2)
        attacks.append(Attack(a, b, line))
        line += 1
    n_cycles = max(1, n_obj // 20)
    for i in range(n_cycles):  # attack cycles among objections
        if len(objections) < 3:
            break
        ring = rnd.sample(objections, 2 if i % 2 == 0 else 3)
        for a, b in zip(ring, [*ring[1:], *ring[:1]], strict=True):
            attacks.append(Attack(a, b, line))
            line += 1
    return Debate(
        path=f"synthetic-{size}.yaml",
        title=f"Synthetic debate ({size} statements, seed {seed})",
        statements=tuple(statements),
        arguments=tuple(arguments),
        attacks=tuple(attacks),
    )


def make_attack_framework(size: int, seed: int = 0, attacks_per_node: float = 1.5) -> Debate:
    """An abstract framework as a debate: ``size`` accepted objections and
    random attacks between them (cycles, chains and self-attacks included)."""
    rnd = random.Random(seed)
    statements = tuple(Statement(f"x{i}", "objection", f"Argument {i}", i + 1, accepted=True) for i in range(size))
    attacks = []
    seen = set()
    line = size + 1
    for _ in range(int(size * attacks_per_node)):
        a = rnd.randrange(size)
        # mostly "forward" attacks so that long in/out chains form, some backward for cycles
        b = min(size - 1, a + 1 + int(rnd.expovariate(0.2))) if rnd.random() < 0.85 else rnd.randrange(size)
        if (a, b) not in seen:
            seen.add((a, b))
            attacks.append(Attack(f"x{a}", f"x{b}", line))
            line += 1
    return Debate(
        path=f"framework-{size}.yaml",
        title=f"Attack framework ({size})",
        statements=statements,
        arguments=(),
        attacks=tuple(attacks),
    )


def _q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def write_debate_yaml(debate: Debate, path) -> Path:
    """Write ``debate`` as a debate/1 file at ``path`` (parents created); returns the path.

    One flow mapping per line, so lines stay short and errors point at a line.
    Only fields the format knows are written; quotes and source text are left
    out (a synthetic debate has no source text).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = ["format: debate/1", f"title: {_q(debate.title)}"]
    if debate.thesis:
        out.append(f"thesis: {debate.thesis}")
    out.append("statements:")
    for s in debate.statements:
        fields = [f"id: {s.id}", f"kind: {s.kind}", f"text: {_q(s.text)}"]
        if s.is_given:
            fields.append(f"accepted: {'true' if s.accepted else 'false'}")
        if s.editorial:
            fields.append("editorial: true")
        if s.note:
            fields.append(f"note: {_q(s.note)}")
        out.append("  - {" + ", ".join(fields) + "}")
    out.append("arguments:" if debate.arguments else "arguments: []")
    for a in debate.arguments:
        fields = [f"id: {a.id}", f"conclusion: {a.conclusion}", f"premises: [{', '.join(a.premises)}]"]
        if a.scheme:
            fields.append(f"scheme: {a.scheme}")
        if a.critical_questions:
            fields.append(f"critical_questions: [{', '.join(_q(q) for q in a.critical_questions)}]")
        out.append("  - {" + ", ".join(fields) + "}")
    if debate.attacks:
        out.append("attacks:")
        for at in debate.attacks:
            fields = [f"by: {at.by}", f"target: {at.target}"]
            if at.note:
                fields.append(f"note: {_q(at.note)}")
            out.append("  - {" + ", ".join(fields) + "}")
    if debate.scenarios:
        out.append("scenarios:")
        for sc in debate.scenarios:
            fields = [f"id: {sc.id}", f"title: {_q(sc.title)}"]
            if sc.description:
                fields.append(f"description: {_q(sc.description)}")
            for key in ("on", "off", "unsure"):
                vals = getattr(sc, key)
                if vals:
                    fields.append(f"{key}: [{', '.join(vals)}]")
            out.append("  - {" + ", ".join(fields) + "}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def with_questions(debate: Debate) -> Debate:
    """``debate`` with 0 to 3 critical questions on its arguments in turn (long and short texts)."""
    texts = ("Is it typical?", "Is there a relevant difference between the two cases that the text leaves out?", "Why?")
    arguments = tuple(replace(a, critical_questions=texts[: i % 4]) for i, a in enumerate(debate.arguments))
    return replace(debate, arguments=arguments)


def without_questions(debate: Debate) -> Debate:
    """``debate`` with no critical questions (and no attacks on them): the map
    as it was drawn before questions had nodes."""
    arguments = tuple(replace(a, critical_questions=()) for a in debate.arguments)
    attacks = tuple(at for at in debate.attacks if at.target not in debate.question_by_id)
    return replace(debate, arguments=arguments, attacks=attacks)
