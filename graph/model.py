"""Plain, frozen data objects for a debate file (format ``debate/1``).

Every object carries ``line``: the 1-based line of the source file it came
from, so that any later error can point at it.  Nothing here is mutated after
loading; derived indexes are computed lazily and cached on the instance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from graph.status import Choice

__all__ = [
    "GIVEN_KINDS",
    "SCHEMES",
    "STATEMENT_KINDS",
    "Argument",
    "Attack",
    "Debate",
    "DebateError",
    "DebateInvalid",
    "Question",
    "Scenario",
    "Source",
    "Statement",
    "default_question_id",
]

GIVEN_KINDS: tuple[str, ...] = ("premise", "analogy", "example", "objection")
STATEMENT_KINDS: tuple[str, ...] = (*GIVEN_KINDS, "conclusion")
SCHEMES: tuple[str, ...] = ("deduction", "analogy", "example", "authority", "cause", "other")


@dataclass(frozen=True)
class Statement:
    """A node of the map: a given (premise, analogy, example, objection) or a conclusion."""

    id: str
    kind: str
    text: str
    line: int
    quote: str | None = None
    # Only for givens: the starting toggle, already defaulted by the loader
    # (True, but False for an objection).  Always None for a conclusion.
    accepted: bool | None = None
    editorial: bool = False
    note: str | None = None

    @property
    def is_given(self) -> bool:
        return self.kind != "conclusion"


@dataclass(frozen=True)
class Question:
    """A critical question: a given that only undercuts its own ``argument``.

    It starts not raised (rejected); raised (accepted) it attacks the argument."""

    id: str
    argument: str
    text: str
    line: int
    note: str | None = None


def default_question_id(argument_id: str, position: int) -> str:
    """The id of an argument's question written as plain text: the
    argument's id, ``-q`` and its position counted from 1."""
    return f"{argument_id}-q{position}"


@dataclass(frozen=True)
class Argument:
    """Linked premises (all needed together) supporting one conclusion.

    ``critical_questions`` holds the questions' texts (what exporters and
    authors' tools read); ``question_ids`` / ``question_notes`` /
    ``question_lines`` hold, by position, what the file chose for each
    (``""`` / None / missing: the default id, no note, the argument's line).
    :attr:`questions` puts them together."""

    id: str
    conclusion: str
    premises: tuple[str, ...]
    line: int
    scheme: str | None = None
    critical_questions: tuple[str, ...] = ()
    question_ids: tuple[str, ...] = ()
    question_notes: tuple[str | None, ...] = ()
    question_lines: tuple[int, ...] = ()

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """The argument's questions in file order, each with its id, text, line and note."""
        out = []
        for i, text in enumerate(self.critical_questions):
            qid = self.question_ids[i] if i < len(self.question_ids) else ""
            note = self.question_notes[i] if i < len(self.question_notes) else None
            line = self.question_lines[i] if i < len(self.question_lines) else self.line
            out.append(
                Question(
                    id=qid or default_question_id(self.id, i + 1), argument=self.id, text=text, line=line, note=note
                )
            )
        return tuple(out)


@dataclass(frozen=True)
class Attack:
    """``by`` (a statement) attacks ``target`` (a statement: rebuttal; an argument: undercut)."""

    by: str
    target: str
    line: int
    note: str | None = None


@dataclass(frozen=True)
class Scenario:
    """A named starting point: givens to accept, reject or mark unsure."""

    id: str
    title: str
    line: int
    description: str | None = None
    on: tuple[str, ...] = ()
    off: tuple[str, ...] = ()
    unsure: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    line: int
    text: str | None = None  # path relative to the debate file, as written
    author: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Debate:
    """A whole, valid debate.  Build one with ``graph.load_debate``."""

    path: str
    title: str
    statements: tuple[Statement, ...]
    arguments: tuple[Argument, ...]
    attacks: tuple[Attack, ...] = ()
    scenarios: tuple[Scenario, ...] = ()
    thesis: str | None = None
    source: Source | None = None
    source_text: str | None = None  # the contents of source.text, when given

    # Derived, cached indexes (cached_property writes to __dict__, which a
    # frozen dataclass allows; they never change because the fields don't).
    @cached_property
    def statement_by_id(self) -> Mapping[str, Statement]:
        return {s.id: s for s in self.statements}

    @cached_property
    def argument_by_id(self) -> Mapping[str, Argument]:
        return {a.id: a for a in self.arguments}

    @cached_property
    def scenario_by_id(self) -> Mapping[str, Scenario]:
        return {s.id: s for s in self.scenarios}

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Every critical question, in file order (by argument, then position)."""
        return tuple(q for a in self.arguments for q in a.questions)

    @cached_property
    def question_by_id(self) -> Mapping[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def given_ids(self) -> tuple[str, ...]:
        """Everything the reader sets: the given statements in file order,
        then the questions (so choices, links and scenarios treat both alike)."""
        return tuple(s.id for s in self.statements if s.is_given) + tuple(q.id for q in self.questions)

    @cached_property
    def conclusion_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.statements if not s.is_given)

    @cached_property
    def arguments_for(self) -> Mapping[str, tuple[str, ...]]:
        """Conclusion id -> ids of the arguments that conclude it, in file order."""
        out: dict[str, list[str]] = {s: [] for s in self.conclusion_ids}
        for a in self.arguments:
            out.setdefault(a.conclusion, []).append(a.id)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def attackers_of(self) -> Mapping[str, tuple[str, ...]]:
        """Node id -> ids of the statements attacking it, in file order (no duplicates)."""
        out: dict[str, list[str]] = {}
        for a in self.attacks:
            lst = out.setdefault(a.target, [])
            if a.by not in lst:
                lst.append(a.by)
        return {k: tuple(v) for k, v in out.items()}

    def node(self, node_id: str) -> Statement | Argument | Question:
        """The statement, argument or question with this id; KeyError if none."""
        s = self.statement_by_id.get(node_id)
        if s is not None:
            return s
        a = self.argument_by_id.get(node_id)
        if a is not None:
            return a
        return self.question_by_id[node_id]

    def given_text(self, given_id: str) -> str:
        """The text of a given: a given statement's text or a question's
        text; KeyError if ``given_id`` names neither."""
        s = self.statement_by_id.get(given_id)
        if s is not None and s.is_given:
            return s.text
        return self.question_by_id[given_id].text

    def starting_choices(self) -> dict[str, Choice]:
        """The file's starting toggles: every given statement -> 'accepted'
        or 'rejected', then every question -> 'rejected' (not raised)."""
        out: dict[str, Choice] = {
            s.id: ("accepted" if s.accepted else "rejected") for s in self.statements if s.is_given
        }
        for q in self.questions:
            out[q.id] = "rejected"
        return out


@dataclass(frozen=True)
class DebateError:
    """One problem in a debate file, printed as ``FILE:LINE: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class DebateInvalid(Exception):
    """Raised by ``load_debate`` with every error found (``.errors``, in line order)."""

    def __init__(self, errors: list[DebateError] | tuple[DebateError, ...]) -> None:
        self.errors: tuple[DebateError, ...] = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
