"""Hypothesis strategies: random *valid* debates built directly from graph/model.py.

Valid means what `check` accepts: unique ids, every conclusion has at least
one argument, every argument at least one premise, no circular support (an
argument's premises are givens or earlier conclusions).  Attacks are free:
any statement may attack any statement, argument or critical question,
including itself, and duplicates are allowed, so attack cycles of every
length occur.  Some arguments have critical questions (``max_questions``
in all, so that brute-force oracles stay quick), some with an id of their own.
"""

from __future__ import annotations

from hypothesis import strategies as st

from graph.model import GIVEN_KINDS, Argument, Attack, Debate, Statement

__all__ = ["choices_for", "debate_and_choices", "debates"]


@st.composite
def debates(
    draw, max_givens: int = 7, max_conclusions: int = 5, max_attacks: int = 8, max_questions: int = 2
) -> Debate:
    n_givens = draw(st.integers(1, max_givens))
    n_concl = draw(st.integers(0, max_conclusions))
    statements = []
    line = 1
    for i in range(n_givens):
        kind = draw(st.sampled_from(GIVEN_KINDS))
        accepted = draw(st.booleans()) if kind == "objection" else draw(st.booleans() | st.just(True))
        statements.append(Statement(id=f"g{i}", kind=kind, text=f"Given {i}", line=line, accepted=accepted))
        line += 1
    for j in range(n_concl):
        statements.append(Statement(id=f"c{j}", kind="conclusion", text=f"Conclusion {j}", line=line))
        line += 1
    arguments = []
    questions_left = max_questions
    for j in range(n_concl):
        pool = [f"g{i}" for i in range(n_givens)] + [f"c{k}" for k in range(j)]
        for _ in range(draw(st.integers(1, 3))):
            premises = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
            aid = f"a{len(arguments)}"
            n_questions = draw(st.integers(0, questions_left)) if draw(st.integers(0, 2)) == 0 else 0
            questions_left -= n_questions
            texts = tuple(f"Question {k} of {aid}?" for k in range(n_questions))
            ids = tuple(draw(st.sampled_from(("", f"q-{aid}-{k}"))) for k in range(n_questions))
            arguments.append(
                Argument(
                    id=aid,
                    conclusion=f"c{j}",
                    premises=tuple(premises),
                    line=line,
                    critical_questions=texts,
                    question_ids=ids,
                )
            )
            line += 1
    sids = [s.id for s in statements]
    targets = sids + [a.id for a in arguments] + [q.id for a in arguments for q in a.questions]
    attacks = []
    for _ in range(draw(st.integers(0, max_attacks))):
        attacks.append(Attack(by=draw(st.sampled_from(sids)), target=draw(st.sampled_from(targets)), line=line))
        line += 1
    return Debate(
        path="random.yaml",
        title="random",
        statements=tuple(statements),
        arguments=tuple(arguments),
        attacks=tuple(attacks),
    )


def choices_for(debate: Debate):
    """A partial choices mapping for the debate's givens (missing ones take the start)."""
    return st.fixed_dictionaries(
        {}, optional={g: st.sampled_from(("accepted", "rejected", "unsure")) for g in debate.given_ids}
    )


@st.composite
def debate_and_choices(draw, **kw):
    d = draw(debates(**kw))
    return d, draw(choices_for(d))
