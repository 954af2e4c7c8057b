"""A deliberately naive oracle for the format's "Meaning" rules.

Straight from the text: start with everything ``undecided`` and apply the
rules to every node at once until nothing changes (the least fixed point).
It reads only the raw tuples of the Debate (no cached indexes, no cleverness),
so it shares no code with the engine (graph/index.py, graph/evaluate.py).
"""

from __future__ import annotations

from graph.model import Debate

__all__ = ["oracle_statuses"]


def oracle_statuses(debate: Debate, choices: dict | None = None) -> dict[str, str]:
    # A critical question: a given, not raised (rejected) at the start, that
    # attacks its own argument; its id is the file's or ARGUMENT-qN.
    questions = [
        ((a.question_ids[i] if i < len(a.question_ids) and a.question_ids[i] else f"{a.id}-q{i + 1}"), a.id)
        for a in debate.arguments
        for i in range(len(a.critical_questions))
    ]
    choice = {s.id: ("accepted" if s.accepted else "rejected") for s in debate.statements if s.kind != "conclusion"}
    choice.update({q: "rejected" for q, _ in questions})
    choice.update(choices or {})
    nodes = [s.id for s in debate.statements] + [a.id for a in debate.arguments] + [q for q, _ in questions]
    attackers = {n: [at.by for at in debate.attacks if at.target == n] for n in nodes}
    for q, a in questions:
        attackers[a].append(q)
    status = {n: "undecided" for n in nodes}

    def defeated(n):
        return any(status[a] == "in" for a in attackers[n])

    def clear(n):
        return all(status[a] == "out" for a in attackers[n])

    while True:
        new = {}
        for s in debate.statements:
            if s.kind != "conclusion":
                if choice[s.id] == "accepted" and clear(s.id):
                    new[s.id] = "in"
                elif choice[s.id] == "rejected" or defeated(s.id):
                    new[s.id] = "out"
                else:
                    new[s.id] = "undecided"
            else:
                args = [a.id for a in debate.arguments if a.conclusion == s.id]
                if any(status[a] == "in" for a in args) and clear(s.id):
                    new[s.id] = "in"
                elif all(status[a] == "out" for a in args) or defeated(s.id):
                    new[s.id] = "out"
                else:
                    new[s.id] = "undecided"
        for q, _ in questions:
            if choice[q] == "accepted" and clear(q):
                new[q] = "in"
            elif choice[q] == "rejected" or defeated(q):
                new[q] = "out"
            else:
                new[q] = "undecided"
        for a in debate.arguments:
            if all(status[p] == "in" for p in a.premises) and clear(a.id):
                new[a.id] = "in"
            elif any(status[p] == "out" for p in a.premises) or defeated(a.id):
                new[a.id] = "out"
            else:
                new[a.id] = "undecided"
        if new == status:
            return status
        status.clear()
        status.update(new)
