"""Argdown and ``debate/1``: import an Argdown document as a debate, export a debate as Argdown.

:func:`import_argdown` parses Argdown (:mod:`graph.argdown_parse`) and maps
it onto ``debate/1`` as faithfully as the format's meaning allows; every
decision is written down in ``docs/interop.md`` (section "Argdown").  In
short: every equivalence class is a statement; a premise-conclusion
structure gives one argument per inference; a support between statements is
a one-premise argument; an argument sketched without a structure gets a
*reason* statement (its description) and, where it has to carry attacks, a
stand-in conclusion; attacks on arguments are undercuts; contrary and
contradictory statements attack each other.  Whatever cannot be carried over
is a warning with its Argdown line, never dropped silently.  The result
passes ``graph.load.check_debate`` once written to a file.

:func:`export_argdown` writes a debate as Argdown that imports back to the
same debate: the same ids, statements, arguments and attacks (duplicates
merged), so the same statuses under the same choices.
"""

from __future__ import annotations

import gc
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import yaml

from graph.argdown_parse import (
    ArgdownDoc,
    ArgdownError,
    ArgumentNode,
    EquivalenceClass,
    NodeRef,
    Relation,
    parse_argdown,
)
from graph.ids import ID_MAX, is_id
from graph.model import GIVEN_KINDS, SCHEMES, Debate, default_question_id
from graph.text import printable, shorten

__all__ = [
    "ArgdownError",
    "ArgdownWarning",
    "dump_debate_yaml",
    "export_argdown",
    "import_argdown",
    "import_argdown_data",
    "title_to_id",
]

FORMAT = "debate/1"
_STATEMENT_DATA = ("kind", "accepted", "editorial", "note", "quote")
_ARGUMENT_DATA = ("scheme", "critical_questions")
_INFERENCE_DATA = ("scheme", "critical_questions", "uses")
_FRONT_MATTER = ("title", "thesis", "source", "scenarios", "attack_notes", "question_attacks", "model")
_ANONYMOUS_ID_LENGTH = 40
# fmt: off
_TRANSLITERATION = {
    "ß": "ss", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "Oe",
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
}
# fmt: on
_NOT_ID = re.compile(r"[^a-z0-9]+")

# A critical question as written in data: its text, or {id, text, note}.
_QuestionEntry = str | dict[str, str]


@dataclass(frozen=True)
class ArgdownWarning:
    """Something of the Argdown document that the debate does not carry."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message}"


def title_to_id(title: str, limit: int = ID_MAX) -> str:
    """The id an Argdown title becomes, before duplicates are numbered.

    A title that is already a valid id stays as it is.  Otherwise letters
    lose their accents (``ü`` -> ``u``, ``ß`` -> ``ss``), everything is
    lowercased, every run of other characters becomes one ``-``, and the
    result is cut at a hyphen to at most ``limit`` characters.  Returns ""
    when nothing is left (a title of only punctuation or of a script
    without Latin letters)."""
    if is_id(title) and len(title) <= limit:
        return title
    folded = "".join(_TRANSLITERATION.get(c, c) for c in title)
    folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    slug = _NOT_ID.sub("-", folded.lower()).strip("-")
    if len(slug) > limit:
        cut = slug.rfind("-", 0, limit + 1)
        slug = (slug[:cut] if cut >= limit // 2 else slug[:limit]).strip("-")
    return slug


class _Ids:
    """One namespace for statement and argument ids; a taken id gets -2, -3, ..."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def take(self, base: str) -> str:
        base = base[:ID_MAX]
        if base not in self.used:
            self.used.add(base)
            return base
        n = self.counters.get(base, 2)
        while True:
            suffix = f"-{n}"
            candidate = base[: ID_MAX - len(suffix)] + suffix
            n += 1
            if candidate not in self.used:
                break
        self.counters[base] = n
        self.used.add(candidate)
        return candidate


def _joined(*parts: str) -> str:
    """An id made of other ids; when it would be too long, the parts are
    shortened evenly so that the whole fits."""
    whole = "-".join(parts)
    if len(whole) <= ID_MAX:
        return whole
    room = max((ID_MAX - (len(parts) - 1)) // len(parts), 1)
    return "-".join(p[:room].strip("-") or p[:room] for p in parts)


def _shown(text: str, limit: int = 60) -> str:
    return printable(shorten(text, limit, fold=True))


# --------------------------------------------------------------------------- import


@dataclass
class _Statement:
    id: str
    text: str
    line: int
    data_kind: str | None = None
    data_kind_line: int = 0
    accepted: bool | None = None
    accepted_line: int = 0
    editorial: bool = False
    note: list[str] = field(default_factory=list)
    quote: str | None = None
    quote_line: int = 0


@dataclass
class _Premise:
    id: str
    line: int
    removable: bool  # added for a support relation (not part of a written structure)
    what: str = ""


@dataclass
class _Argument:
    id: str
    conclusion: str
    premises: list[_Premise]
    line: int
    scheme: str | None = None
    questions: list[_QuestionEntry] | None = None
    removable: bool = False  # made for one support relation


class _Importer:
    def __init__(self, doc: ArgdownDoc) -> None:
        self.doc = doc
        self.path = doc.path
        self.warnings: list[ArgdownWarning] = []
        self.ids = _Ids()
        self.sid: dict[str, str] = {}  # equivalence class key -> statement id
        self.aid: dict[str, str] = {}  # argument key -> argument id
        self.statements: dict[str, _Statement] = {}
        self.arguments: list[_Argument] = []
        self.attacks: list[tuple[str, str, int]] = []
        self.attack_seen: set[tuple[str, str]] = set()
        self.reason: dict[str, str] = {}  # unreconstructed argument key -> its reason statement
        self.stand_in: dict[str, str] = {}  # ... -> its stand-in conclusion (when it needs one)
        self.direct: set[str] = set()  # unreconstructed arguments that only support statements
        self.targets: dict[str, list[str]] = {}  # argument key -> debate arguments an attack on it undercuts
        self.steps: dict[str, list[str]] = {}  # reconstructed argument key -> debate argument per inference
        self.extra: dict[str, list[_Premise]] = {}  # argument key -> premises added by supports
        self.question_ids: set[str] = set()

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ArgdownWarning(self.path, line, message))

    # ---- names for messages

    def ec_name(self, key: str) -> str:
        ec = self.doc.statement(key)
        return f"[{_shown(ec.title)}]" if ec.title is not None else f"'{_shown(ec.text or '?', 40)}'"

    def arg_name(self, key: str) -> str:
        a = self.doc.argument(key)
        return f"<{_shown(a.title)}>" if a.title is not None else f"the untitled argument at line {a.line}"

    def ref_name(self, ref: NodeRef) -> str:
        if ref.kind == "statement":
            return self.ec_name(ref.key)
        if ref.kind == "argument":
            return self.arg_name(ref.key)
        return f"the inference {ref.step + 1} of {self.arg_name(ref.key)}"

    # ---- the run

    def run(self) -> dict[str, Any]:
        doc = self.doc
        if not doc.statements and not doc.arguments:
            raise ArgdownError(self.path, 1, "nothing to import: the document has no statement and no argument")
        front = self.front_matter()
        self.name_everything()
        for ec in doc.statements:
            self.statement_of(ec)
        self.mentions_and_headings(front)
        by_source: dict[str, list[Relation]] = {}
        for r in doc.relations:
            if r.target.kind == "argument" and r.type in ("support", "entails"):
                premise = self.support_premise(r)
                if premise is not None:
                    self.extra.setdefault(r.target.key, []).append(premise)
            if r.source.kind == "argument":
                by_source.setdefault(r.source.key, []).append(r)
        for a in doc.arguments:
            if a.reconstructed:
                self.reconstructed(a)
            else:
                self.sketched(a, by_source.get(a.key, []))
        for r in doc.relations:
            self.relation(r)
        self.break_circles()
        return self.assemble(front)

    def name_everything(self) -> None:
        doc = self.doc
        for ec in doc.statements:
            base = title_to_id(ec.title) if ec.title is not None else title_to_id(ec.text, _ANONYMOUS_ID_LENGTH)
            self.sid[ec.key] = self.ids.take(base or "statement")
        for a in doc.arguments:
            base = title_to_id(a.title) if a.title is not None else ""
            self.aid[a.key] = self.ids.take(base or "argument")
        outgoing: dict[str, list[Relation]] = {}
        for r in doc.relations:
            if r.source.kind == "argument":
                outgoing.setdefault(r.source.key, []).append(r)
        for a in doc.arguments:
            if a.reconstructed:
                continue
            aid = self.aid[a.key]
            self.reason[a.key] = self.ids.take(_joined(aid, "reason"))
            out = outgoing.get(a.key, [])
            if out and all(r.type in ("support", "entails") and r.target.kind == "statement" for r in out):
                self.direct.add(a.key)
            else:
                self.stand_in[a.key] = self.ids.take(_joined(aid, "conclusion"))

    # ---- statements

    def statement_of(self, ec: EquivalenceClass) -> None:
        sid = self.sid[ec.key]
        text = ec.text
        if not text:
            text = ec.title or "(no text)"
            if ec.definitions:
                self.warn(ec.line, f"statement {self.ec_name(ec.key)} has no text; its title is used as its text")
            else:
                self.warn(
                    ec.line,
                    f"statement {self.ec_name(ec.key)} is referred to but never defined; its title is used as its text",
                )
        s = _Statement(sid, text, ec.line)
        others: list[str] = []
        for m in ec.members:
            if m.tags:
                self.warn(m.line, f"{_tags(m.tags)} not carried over (debate/1 has no tags)")
            for link_text, url in m.links:
                s.note.append(f"Link: {link_text} ({url})")
            if not m.is_reference and m.text and m.text != text and m.text not in others:
                others.append(m.text)
            if m.data is not None:
                self.statement_data(s, m.data, m.data_line)
        if others:
            s.note.append("Also stated as: " + " / ".join(others))
        self.statements[sid] = s

    def statement_data(self, s: _Statement, data: Mapping[str, Any], line: int) -> None:
        unknown = [k for k in data if k not in _STATEMENT_DATA]
        if unknown:
            self.warn(line, f"data {_keys(unknown)} not carried over (a statement has {', '.join(_STATEMENT_DATA)})")
        kind = data.get("kind")
        if kind is not None:
            if isinstance(kind, str) and (kind in GIVEN_KINDS or kind == "conclusion"):
                s.data_kind, s.data_kind_line = kind, line
            else:
                self.warn(
                    line, f"data kind {_value(kind)} is not premise, analogy, example, objection or conclusion; ignored"
                )
        if "accepted" in data:
            if isinstance(data["accepted"], bool):
                s.accepted, s.accepted_line = data["accepted"], line
            else:
                self.warn(line, f"data accepted {_value(data['accepted'])} is not true or false; ignored")
        if "editorial" in data:
            if isinstance(data["editorial"], bool):
                s.editorial = data["editorial"]
            else:
                self.warn(line, f"data editorial {_value(data['editorial'])} is not true or false; ignored")
        if "note" in data:
            if isinstance(data["note"], str) and data["note"].strip():
                s.note.insert(sum(1 for n in s.note if not n.startswith(("Link: ", "Also stated as: "))), data["note"])
            else:
                self.warn(line, f"data note {_value(data['note'])} is not a text; ignored")
        if "quote" in data:
            if isinstance(data["quote"], str) and data["quote"].strip():
                s.quote, s.quote_line = data["quote"], line
            else:
                self.warn(line, f"data quote {_value(data['quote'])} is not a text; ignored")

    def new_statement(
        self, sid: str, text: str, line: int, *, editorial: bool = False, note: str | None = None
    ) -> None:
        s = _Statement(sid, text, line, editorial=editorial)
        if note:
            s.note.append(note)
        self.statements[sid] = s

    # ---- arguments

    def support_premise(self, r: Relation) -> _Premise | None:
        """The premise a support of an argument adds to it (the supporter's carrier)."""
        what = f"{self.ref_name(r.source)} supports {self.ref_name(r.target)}"
        carrier = self.carrier(r.source)
        if carrier is None:
            self.warn(r.lines[0], f"{what}: not carried over")
            return None
        return _Premise(carrier, r.lines[0], True, what)

    def argument_data(
        self, data: Mapping[str, Any] | None, line: int, allowed: tuple[str, ...], what: str
    ) -> tuple[str | None, list[_QuestionEntry] | None, Any]:
        if not data:
            return None, None, None
        unknown = [k for k in data if k not in allowed]
        if unknown:
            self.warn(line, f"data {_keys(unknown)} of {what} not carried over (an argument has {', '.join(allowed)})")
        scheme = data.get("scheme")
        if scheme is not None and scheme not in SCHEMES:
            self.warn(line, f"data scheme {_value(scheme)} is not one of {', '.join(SCHEMES)}; ignored")
            scheme = None
        questions = data.get("critical_questions")
        if questions is not None:
            questions = self.questions_of(questions, line)
        return scheme, questions, data.get("uses")

    def questions_of(self, value: Any, line: int) -> list[_QuestionEntry] | None:
        """Critical questions from data: texts, or mappings {text, id, note}."""
        if not isinstance(value, list):
            self.warn(line, "data critical_questions must be a list; ignored")
            return None
        out: list[_QuestionEntry] = []
        for q in value:
            if isinstance(q, str) and q.strip():
                out.append(q)
            elif (
                isinstance(q, dict)
                and isinstance(q.get("text"), str)
                and q["text"].strip()
                and set(q) <= {"id", "text", "note"}
                and ("id" not in q or is_id(q["id"]))
                and ("note" not in q or isinstance(q["note"], str))
            ):
                out.append({k: q[k] for k in ("id", "text", "note") if k in q})
            else:
                self.warn(
                    line,
                    f"data critical question {_value(q)} is neither a text nor "
                    "{id, text, note} with a valid id; ignored",
                )
        return out

    def member_warnings(self, a: ArgumentNode, describe: bool) -> tuple[str | None, list[_QuestionEntry] | None]:
        """Warnings for what an argument's members carry; its scheme and questions."""
        scheme: str | None = None
        questions: list[_QuestionEntry] | None = None
        for m in a.members:
            if m.tags:
                self.warn(m.line, f"{_tags(m.tags)} not carried over (debate/1 has no tags)")
            if describe and m.text:
                self.warn(
                    m.line,
                    f"the description of {self.arg_name(a.key)} is not carried over "
                    "(a debate/1 argument has no text; its premise-conclusion structure is what is imported)",
                )
            if m.data:
                s, q, _ = self.argument_data(m.data, m.data_line, _ARGUMENT_DATA, self.arg_name(a.key))
                scheme = s or scheme
                questions = q if q is not None else questions
        return scheme, questions

    def reconstructed(self, a: ArgumentNode) -> None:
        aid = self.aid[a.key]
        scheme, questions = self.member_warnings(a, describe=True)
        step_ids = []
        for j in range(len(a.inferences)):
            last = j == len(a.inferences) - 1
            step_ids.append(aid if last else self.ids.take(_joined(aid, "step", str(j + 1))))
        self.steps[a.key] = step_ids
        self.targets[a.key] = [step_ids[-1]]
        start = 0
        for j, inf in enumerate(a.inferences):
            premises = list(range(start, inf.conclusion))
            s_scheme, s_questions, uses = self.argument_data(
                inf.data, inf.data_line, _INFERENCE_DATA, f"the inference at line {inf.line}"
            )
            if uses is not None:
                chosen = self.uses(a, inf.conclusion, uses, inf.data_line)
                if chosen is not None:
                    premises = chosen
            if inf.rules:
                rules = ", ".join(f"'{_shown(r, 40)}'" for r in inf.rules)
                self.warn(
                    inf.line, f"inference rules {rules} not carried over (a debate/1 argument can name only a scheme)"
                )
            conclusion = self.sid[a.pcs[inf.conclusion].key]
            arg = _Argument(step_ids[j], conclusion, [], inf.line, s_scheme, s_questions)
            for i in premises:
                pid = self.sid[a.pcs[i].key]
                arg.premises.append(_Premise(pid, a.pcs[i].line, False, f"premise ({a.pcs[i].number})"))
            if j == len(a.inferences) - 1:
                arg.scheme = arg.scheme or scheme
                arg.questions = arg.questions if arg.questions is not None else questions
                for p in self.extra.get(a.key, []):
                    self.warn(
                        p.line,
                        f"{p.what}, but does not say which premise: imported as an added premise "
                        "of its last inference (attach the relation to a premise to say which)",
                    )
                    arg.premises.append(p)
            self.arguments.append(arg)
            start = inf.conclusion

    def uses(self, a: ArgumentNode, conclusion: int, uses: Any, line: int) -> list[int] | None:
        numbers = {s.number: i for i, s in enumerate(a.pcs[:conclusion])}
        if isinstance(uses, list) and uses and all(isinstance(u, int) and u in numbers for u in uses):
            return [numbers[u] for u in dict.fromkeys(uses)]
        self.warn(
            line,
            f"data uses {_value(uses)} must list numbers of statements above the inference; "
            "the statements since the previous conclusion are used",
        )
        return None

    def sketched(self, a: ArgumentNode, outgoing: list[Relation]) -> None:
        aid = self.aid[a.key]
        scheme, questions = self.member_warnings(a, describe=False)
        texts = [m.text for m in a.members if m.text]
        reason = self.reason[a.key]
        if texts:
            unique = list(dict.fromkeys(texts))
            note = ("Also described as: " + " / ".join(unique[1:])) if len(unique) > 1 else None
            text = unique[0]
        else:
            text, note = a.title or "(no description)", None
            self.warn(
                a.line, f"argument {self.arg_name(a.key)} has no description; its title is the text of its reason"
            )
        self.new_statement(reason, text, a.line, note=note)
        for m in a.members:
            for link_text, url in m.links:
                self.statements[reason].note.append(f"Link: {link_text} ({url})")

        def premises() -> list[_Premise]:
            own = [_Premise(reason, a.line, False, "its reason")]
            return own + [_Premise(p.id, p.line, p.removable, p.what) for p in self.extra.get(a.key, [])]

        made: list[str] = []
        if a.key in self.direct:
            for r in outgoing:
                target = self.sid[r.target.key]
                arg_id = aid if not made else self.ids.take(aid)
                self.arguments.append(_Argument(arg_id, target, premises(), r.lines[0], scheme, questions))
                made.append(arg_id)
        else:
            stand_in = self.stand_in[a.key]
            self.new_statement(
                stand_in,
                f"What the argument “{_plain(a.title or text)}” concludes",
                a.line,
                editorial=True,
                note="Argdown gives this argument no premise-conclusion structure; this statement "
                "stands for its unstated conclusion, which carries its relations.",
            )
            self.arguments.append(_Argument(aid, stand_in, premises(), a.line, scheme, questions))
            made.append(aid)
        self.targets[a.key] = made

    def carrier(self, ref: NodeRef) -> str | None:
        """The statement that holds when ``ref`` holds (what a relation from it starts at)."""
        if ref.kind == "statement":
            return self.sid[ref.key]
        if ref.kind == "argument":
            a = self.doc.argument(ref.key)
            if a.reconstructed:
                return self.sid[a.pcs[-1].key]
            return self.stand_in.get(ref.key)
        return None

    # ---- relations

    def attack(self, by: str, target: str, line: int) -> None:
        if (by, target) not in self.attack_seen:
            self.attack_seen.add((by, target))
            self.attacks.append((by, target, line))

    def relation(self, r: Relation) -> None:
        line = r.lines[0]
        source, target = r.source, r.target
        if r.type in ("support", "entails"):
            if target.kind != "statement":
                return  # a support of an argument became one of its premises
            if source.kind == "argument" and source.key in self.direct:
                return  # made with the argument
            by = self.carrier(source)
            if by is None:
                self.warn(line, f"support from {self.ref_name(source)} not carried over")
                return
            to = self.sid[target.key]
            name = self.aid[source.key] if source.kind == "argument" else by
            what = f"{self.ref_name(source)} supports {self.ref_name(target)}"
            self.arguments.append(
                _Argument(
                    self.ids.take(_joined(name, "supports", to)),
                    to,
                    [_Premise(by, line, False, what)],
                    line,
                    removable=True,
                )
            )
            return
        by = self.carrier(source)
        if by is None:
            self.warn(line, f"{r.type} from {self.ref_name(source)} not carried over")
            return
        if r.type in ("contrary", "contradictory"):
            other = self.carrier(target)
            if other is None:
                return
            self.attack(by, other, line)
            self.attack(other, by, line)
            if r.type == "contradictory":
                self.warn(
                    line,
                    f"{self.ref_name(source)} and {self.ref_name(target)} are contradictory: imported as "
                    "a mutual attack (debate/1 cannot say that exactly one of them holds)",
                )
            return
        if target.kind == "inference":
            self.attack(by, self.steps[target.key][target.step], line)
        elif target.kind == "argument":
            for t in self.targets.get(target.key, []):
                self.attack(by, t, line)
        elif r.type == "undercut":
            self.warn(
                line,
                f"an undercut needs an argument or an inference, but {self.ref_name(target)} is a "
                "statement: imported as an attack on it",
            )
            self.attack(by, self.sid[target.key], line)
        else:
            self.attack(by, self.sid[target.key], line)

    # ---- circular support

    def break_circles(self) -> None:
        """Leave out the links that would close a circle of support (``check``
        refuses those), each with a warning: arguments are added in the order
        they were built, and a premise (or, for a premise written in a
        structure or the only premise of a support, the whole argument) that
        would close a circle with those added before is left out."""
        succ: dict[str, list[str]] = {}
        for a in self.arguments:
            for p in a.premises:
                succ.setdefault(p.id, []).append(a.id)
            succ.setdefault(a.id, []).append(a.conclusion)
        tangled = _on_cycles(succ)
        if not tangled:
            return
        graph: dict[str, list[str]] = {}
        kept: list[_Argument] = []
        dropped: set[str] = set()
        for a in self.arguments:
            if a.id not in tangled:
                kept.append(a)
                continue
            premises: list[_Premise] = []
            whole = False
            for p in a.premises:
                path = _path(graph, a.conclusion, p.id) if p.id in tangled else None
                if path is None and p.id != a.conclusion:
                    premises.append(p)
                    continue
                circle = " -> ".join([p.id, a.id, *(path or [a.conclusion])])
                if p.removable or a.removable:
                    self.warn(p.line, f"{p.what}: not carried over, it would close a circle of support ({circle})")
                    if a.removable:
                        whole = True
                        break
                    continue
                self.warn(
                    p.line,
                    f"argument '{a.id}' is not carried over: with {p.what} it would close "
                    f"a circle of support ({circle})",
                )
                whole = True
                break
            if whole or not premises:
                dropped.add(a.id)
                continue
            a.premises = premises
            kept.append(a)
            for p in premises:
                graph.setdefault(p.id, []).append(a.id)
            graph.setdefault(a.id, []).append(a.conclusion)
        self.arguments = kept
        if dropped:
            for by, target, line in self.attacks:
                if target in dropped:
                    self.warn(
                        line,
                        f"the attack of '{by}' on argument '{target}' is not carried over: that argument was left out",
                    )
            self.attacks = [t for t in self.attacks if t[1] not in dropped]
            for key, ids in self.targets.items():
                self.targets[key] = [i for i in ids if i not in dropped]

    # ---- everything else

    def front_matter(self) -> dict[str, Any]:
        fm = self.doc.front_matter
        line = self.doc.front_matter_line or 1
        if fm is None:
            return {}
        if not isinstance(fm, dict):
            self.warn(line, "the front matter is not a mapping (key: value); not carried over")
            return {}
        unknown = [k for k in fm if k not in _FRONT_MATTER]
        if unknown:
            self.warn(
                line, f"front matter {_keys(unknown)} not carried over (the importer reads {', '.join(_FRONT_MATTER)})"
            )
        model = fm.get("model")
        if model is not None:
            extra = [k for k in model if k != "mode"] if isinstance(model, dict) else ["model"]
            mode = model.get("mode") if isinstance(model, dict) else None
            if extra or mode not in (None, "loose", "strict"):
                self.warn(line, "front matter model: only 'mode: loose' or 'mode: strict' is read")
        return fm

    def mentions_and_headings(self, front: Mapping[str, Any]) -> None:
        titles = {ec.title for ec in self.doc.statements if ec.title is not None}
        arguments = {a.title for a in self.doc.arguments if a.title is not None}
        for m in self.doc.mentions:
            if m.kind == "statement" and m.title not in titles:
                self.warn(m.line, f"mention @[{_shown(m.title)}] names no statement")
            elif m.kind == "argument" and m.title not in arguments:
                self.warn(m.line, f"mention @<{_shown(m.title)}> names no argument")
        for i, h in enumerate(self.doc.headings):
            if i == 0 and self.title_heading(front):
                continue
            self.warn(h.line, f"heading '{_shown(h.text)}' not carried over (debate/1 has no sections)")

    def title_heading(self, front: Mapping[str, Any]) -> bool:
        title = front.get("title")
        has_title = isinstance(title, str) and bool(title.strip())
        return not has_title and self.doc.first_block == "heading" and bool(self.doc.headings[0].text)

    def title(self, front: Mapping[str, Any]) -> str:
        title = front.get("title")
        if isinstance(title, str) and title.strip():
            return title
        if title is not None:
            self.warn(self.doc.front_matter_line or 1, "front matter title is not a text; ignored")
        if self.title_heading(front):
            return self.doc.headings[0].text
        return PurePath(self.path).stem or "Imported from Argdown"

    def assemble(self, front: Mapping[str, Any]) -> dict[str, Any]:
        concluded = {a.conclusion for a in self.arguments}
        fm_line = self.doc.front_matter_line or 1
        source = self.source(front.get("source"), fm_line)
        statements = []
        for s in self.statements.values():
            entry: dict[str, Any] = {"id": s.id}
            if s.id in concluded:
                entry["kind"] = "conclusion"
                if s.data_kind not in (None, "conclusion"):
                    self.warn(
                        s.data_kind_line,
                        f"'{s.id}' has data kind {s.data_kind}, but arguments conclude it: imported as a conclusion",
                    )
                if s.accepted is not None:
                    self.warn(
                        s.accepted_line,
                        f"data accepted of '{s.id}' not carried over: "
                        "it is a conclusion, which holds only through its arguments",
                    )
            else:
                if s.data_kind == "conclusion":
                    self.warn(
                        s.data_kind_line,
                        f"'{s.id}' has data kind conclusion, but no argument concludes it: imported as a premise",
                    )
                entry["kind"] = s.data_kind if s.data_kind in GIVEN_KINDS else "premise"
            entry["text"] = s.text
            if s.quote is not None:
                if source is not None and source.get("text"):
                    entry["quote"] = s.quote
                else:
                    self.warn(
                        s.quote_line,
                        f"the quote of '{s.id}' not carried over: it needs a source text "
                        "(front matter source: {text: FILE})",
                    )
            if s.accepted is not None and s.id not in concluded:
                entry["accepted"] = s.accepted
            if s.editorial:
                entry["editorial"] = True
            if s.note:
                entry["note"] = "\n\n".join(s.note)
            statements.append(entry)
        kinds = {e["id"]: e["kind"] for e in statements}
        arguments = []
        for a in self.arguments:
            entry = {"id": a.id, "conclusion": a.conclusion, "premises": list(dict.fromkeys(p.id for p in a.premises))}
            if a.scheme:
                entry["scheme"] = a.scheme
            if a.questions:
                entry["critical_questions"] = self.question_entries(a)
            arguments.append(entry)
        attacks = [{"by": by, "target": target} for by, target, _ in self.attacks]
        self.question_attacks(front.get("question_attacks"), attacks, kinds, fm_line)
        self.attack_notes(front.get("attack_notes"), attacks, fm_line)
        out: dict[str, Any] = {"format": FORMAT, "title": self.title(front)}
        if source is not None:
            out["source"] = source
        thesis = self.thesis(front.get("thesis"), kinds, fm_line)
        if thesis is not None:
            out["thesis"] = thesis
        out["statements"] = statements
        out["arguments"] = arguments
        if attacks:
            out["attacks"] = attacks
        scenarios = self.scenarios(
            front.get("scenarios"), {**kinds, **dict.fromkeys(self.question_ids, "question")}, fm_line
        )
        if scenarios:
            out["scenarios"] = scenarios
        return out

    def question_entries(self, a: _Argument) -> list[_QuestionEntry]:
        """An argument's questions as the debate writes them: a plain text
        when it takes the format's id, else {id, text, note}; an id already
        taken (by a statement, an argument or another question) is renumbered."""
        out: list[_QuestionEntry] = []
        for i, q in enumerate(a.questions or (), 1):
            entry = {"text": q} if isinstance(q, str) else dict(q)
            wanted = entry.get("id") or default_question_id(a.id, i)
            qid = self.ids.take(wanted)
            self.question_ids.add(qid)
            if qid == default_question_id(a.id, i) and set(entry) == {"text"}:
                out.append(entry["text"])
            else:
                out.append({"id": qid, **{k: entry[k] for k in ("text", "note") if k in entry}})
        return out

    def question_attacks(self, value: Any, attacks: list[dict[str, Any]], kinds: Mapping[str, str], line: int) -> None:
        """Attacks on critical questions, which the export keeps in the front
        matter (a question is not an Argdown statement)."""
        if value is None:
            return
        seen = {(a["by"], a["target"]) for a in attacks}
        for item in value if isinstance(value, list) else [value]:
            by = self.resolve(item.get("by")) if isinstance(item, dict) else None
            target = item.get("target") if isinstance(item, dict) else None
            if by is None or target not in self.question_ids:
                self.warn(
                    line,
                    f"front matter question_attacks: {_value(item)} is not a statement "
                    "attacking a critical question; ignored",
                )
                continue
            if (by, target) not in seen:
                seen.add((by, target))
                attacks.append({"by": by, "target": target})

    def source(self, value: Any, line: int) -> dict[str, str] | None:
        if value is None:
            return None
        if not isinstance(value, dict) or not value:
            self.warn(line, "front matter source must be a mapping (text, author, url); ignored")
            return None
        out = {}
        for key, v in value.items():
            if key in ("text", "author", "url") and isinstance(v, str) and v.strip():
                out[key] = v
            else:
                self.warn(
                    line,
                    f"front matter source.{_shown(str(key), 30)} not carried over "
                    "(source has text, author and url, each a text)",
                )
        return out or None

    def resolve(self, name: Any) -> str | None:
        """A statement named by id or by Argdown title."""
        if not isinstance(name, str):
            return None
        for ec in self.doc.statements:
            if ec.title == name:
                return self.sid[ec.key]
        return name if name in self.statements else None

    def thesis(self, value: Any, kinds: Mapping[str, str], line: int) -> str | None:
        if value is None:
            return None
        sid = self.resolve(value)
        if sid is None:
            self.warn(line, f"front matter thesis {_value(value)} names no statement; ignored")
            return None
        if kinds.get(sid) != "conclusion":
            self.warn(line, f"front matter thesis '{sid}' is not a conclusion (nothing concludes it); ignored")
            return None
        return sid

    def scenarios(self, value: Any, kinds: Mapping[str, str], line: int) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.warn(line, "front matter scenarios must be a list; ignored")
            return []
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for i, sc in enumerate(value):
            where = f"front matter scenarios[{i}]"
            if (
                not isinstance(sc, dict)
                or not is_id(sc.get("id"))
                or sc["id"] in seen
                or not isinstance(sc.get("title"), str)
                or not sc["title"].strip()
            ):
                self.warn(line, f"{where} needs a new valid id and a title; ignored")
                continue
            entry: dict[str, Any] = {"id": sc["id"], "title": sc["title"]}
            if isinstance(sc.get("description"), str):
                entry["description"] = sc["description"]
            named: set[str] = set()
            # YAML 1.1 reads an unquoted on: / off: key as true / false.
            sc = {("on" if k is True else "off" if k is False else k): v for k, v in sc.items()}
            for key in ("on", "off", "unsure"):
                names = sc.get(key)
                if names is None:
                    continue
                givens = []
                for name in names if isinstance(names, list) else [names]:
                    sid = name if name in self.question_ids else self.resolve(name)
                    if sid is None or kinds.get(sid) == "conclusion" or sid in named:
                        self.warn(line, f"{where}.{key}: {_value(name)} is not a given named once; ignored")
                        continue
                    named.add(sid)
                    givens.append(sid)
                entry[key] = givens
            extra = [k for k in sc if k not in ("id", "title", "description", "on", "off", "unsure")]
            if extra:
                self.warn(line, f"{where}: {_keys(extra)} not carried over")
            seen.add(sc["id"])
            out.append(entry)
        return out

    def attack_notes(self, value: Any, attacks: list[dict[str, Any]], line: int) -> None:
        if value is None:
            return
        index = {(a["by"], a["target"]): a for a in attacks}
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and isinstance(item.get("note"), str):
                attack = index.get((self.resolve(item.get("by")) or item.get("by"), item.get("target")))
                if attack is not None:
                    attack["note"] = item["note"]
                    continue
            self.warn(line, f"front matter attack_notes: {_value(item)} names no attack; ignored")


def _tags(tags: tuple[str, ...]) -> str:
    shown = ", ".join("#" + (t if re.fullmatch(r"[\w-]+", t) else f"({t})") for t in tags)
    return f"tag{'s' if len(tags) > 1 else ''} {printable(shorten(shown, 80))}"


def _keys(keys: list[Any]) -> str:
    shown = ", ".join(f"'{_shown(str(k), 30)}'" for k in keys)
    return f"key{'s' if len(keys) > 1 else ''} {shown}"


def _value(value: Any) -> str:
    return f"'{_shown(str(value), 40)}'"


def _plain(text: str) -> str:
    return " ".join(text.split())


def _on_cycles(succ: Mapping[str, list[str]]) -> set[str]:
    """The nodes that lie on some cycle (iterative Tarjan: no recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: set[str] = set()
    counter = 0
    for root in list(succ):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            nexts = succ.get(node, [])
            if i < len(nexts):
                work.append((node, i + 1))
                nxt = nexts[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                members = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    members.append(top)
                    if top == node:
                        break
                if len(members) > 1 or node in succ.get(node, []):
                    out.update(members)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out


def _path(graph: Mapping[str, list[str]], start: str, goal: str) -> list[str] | None:
    """A path from start to goal (both included), or None (iterative search)."""
    if start == goal:
        return [start]
    parent: dict[str, str] = {start: start}
    todo = [start]
    while todo:
        node = todo.pop()
        for nxt in graph.get(node, []):
            if nxt in parent:
                continue
            parent[nxt] = node
            if nxt == goal:
                path = [goal]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            todo.append(nxt)
    return None


def import_argdown_data(
    text: str, path: str, *, mode: str | None = None
) -> tuple[dict[str, Any], list[ArgdownWarning]]:
    """The ``debate/1`` data (plain dicts and lists, ready for YAML) that the
    Argdown ``text`` (read from ``path``) maps to, and a warning for every
    part of the document that it does not carry.

    ``mode`` is as for :func:`graph.argdown_parse.parse_argdown`.  Raises
    :class:`ArgdownError` (``FILE:LINE: message``) for a syntax error, an
    empty document, a document without statements and arguments, and text
    over the size limit."""
    with _gc_paused():
        doc = parse_argdown(text, path, mode=mode)
        importer = _Importer(doc)
        data = importer.run()
    warnings = sorted(importer.warnings, key=lambda w: w.line)
    return data, warnings


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused: parsing makes many small objects
    and no cycles, and the collector's passes over them cost as much as the
    parse (the loader pauses it for the same reason)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_argdown(text: str, path: str, *, mode: str | None = None) -> tuple[str, list[ArgdownWarning]]:
    """The ``debate/1`` YAML text for the Argdown ``text`` (read from
    ``path``) and its warnings; see :func:`import_argdown_data`.  The YAML
    passes ``check`` when written to a file (beside the source text, if the
    front matter names one)."""
    data, warnings = import_argdown_data(text, path, mode=mode)
    with _gc_paused():
        return _yaml_with_header(data, path), warnings


def _yaml_with_header(data: Mapping[str, Any], path: str) -> str:
    header = (
        f"# Imported from the Argdown file {printable(path)} by graph.argdown;\n"
        "# how each Argdown element maps onto debate/1: docs/interop.md, section Argdown.\n"
    )
    return dump_debate_yaml(data, header)


def dump_debate_yaml(data: Mapping[str, Any], header: str = "") -> str:
    """``data`` as YAML for people to read: keys in the format's order, block
    style, after the comment lines ``header``.

    This is ``yaml.safe_dump``; with libyaml present its C emitter writes the
    same text (the same safe representer) three times faster, which keeps a
    1,000-statement import well under a second."""
    options: dict[str, Any] = {"sort_keys": False, "allow_unicode": True, "default_flow_style": False, "width": 100}
    dumper = getattr(yaml, "CSafeDumper", None)
    if dumper is not None:
        body: str = yaml.dump(dict(data), Dumper=dumper, **options)
    else:
        body = yaml.safe_dump(dict(data), **options)
    return header + body


# --------------------------------------------------------------------------- export

# Characters of a text that Argdown would read as syntax, in any position
# within a line (the text never starts one: it follows "[id]: ").
_ALWAYS_ESCAPED = frozenset("\\*_[<{#@=")
_RE_SPECIAL_START = re.compile(r"\.[^\s]+?\.|:[^\s]+?:")
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _escape_text(text: str) -> str:
    """``text`` with white space folded and every character that Argdown would
    read as syntax escaped with a backslash, so that it reads back as itself."""
    folded = " ".join(text.split())
    out = []
    for i, ch in enumerate(folded):
        nxt = folded[i + 1] if i + 1 < len(folded) else ""
        if ch in _ALWAYS_ESCAPED or (ch == "/" and nxt in "/*"):
            out.append("\\" + ch)
        elif ch in ".:" and _RE_SPECIAL_START.match(folded, i):
            # Any '.x.' or ':x:' is read as a shortcode (an unknown one as it
            # is), and it would swallow an escape inside it: escape its start.
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def _json(value: Any, extra: str = "") -> str:
    """A YAML flow value, JSON-spelt, with the characters ``extra`` (and any
    that YAML does not take as they are) written as escapes."""
    text = json.dumps(value, ensure_ascii=False)
    text = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    for ch in extra:
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def _data(items: Iterable[tuple[str, Any]]) -> str:
    """An Argdown data element: braces inside texts escaped (an Argdown data
    element ends at the first brace that looks like its end).  Values are
    texts, booleans, or lists of texts and of {key: text} mappings."""
    parts = [f"{k}: {_flow(v)}" for k, v in items]
    return "{" + ", ".join(parts) + "}" if parts else ""


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    return _json(value, "{}")


def _questions_for_export(a: Any) -> list[_QuestionEntry]:
    """An argument's critical questions for its data: the text alone when the
    question has the format's id and no note, else {id, text, note}.  (Read
    with getattr: question ids and notes are newer than the argument's texts.)"""
    ids = getattr(a, "question_ids", ())
    notes = getattr(a, "question_notes", ())
    out: list[_QuestionEntry] = []
    for i, text in enumerate(a.critical_questions, 1):
        qid = (ids[i - 1] if i <= len(ids) else "") or default_question_id(a.id, i)
        note = notes[i - 1] if i <= len(notes) else None
        if qid == default_question_id(a.id, i) and note is None:
            out.append(text)
        else:
            out.append({"id": qid, "text": text, **({"note": note} if note is not None else {})})
    return out


def _front_matter(items: list[tuple[str, Any]]) -> str:
    """The front matter's YAML: block style, unless some value would hold
    '===' (which would end the front matter early) or would not read back
    as itself; then JSON with those characters escaped."""
    block: str = yaml.safe_dump(dict(items), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    # PyYAML's block style does not keep every text (U+0085 reads back as a
    # line break), so it is used only when it reads back as written.
    if "===" not in block and yaml.safe_load(block) == dict(items):
        return block.rstrip("\n")
    return "\n".join(f"{k}: {_json(v, '=')}" for k, v in items)


def export_argdown(debate: Debate) -> str:
    """``debate`` as Argdown text that :func:`import_argdown` reads back as
    the same debate: every statement as ``[id]: text`` with its kind and
    toggle as data, every argument as ``<id>`` with a premise-conclusion
    structure, every rebuttal as ``[target] - [attacker]`` and every undercut
    as ``<argument> _ [attacker]``; critical questions in their argument's
    data; the title, thesis, source, scenarios, attack notes and attacks on
    critical questions in the front matter.  White space inside texts is folded
    into single spaces (Argdown has no line breaks inside a statement)."""
    front: list[tuple[str, Any]] = [("title", debate.title)]
    if debate.thesis:
        front.append(("thesis", debate.thesis))
    if debate.source is not None:
        src = {
            k: v
            for k, v in (("text", debate.source.text), ("author", debate.source.author), ("url", debate.source.url))
            if v is not None
        }
        if src:
            front.append(("source", src))
    if debate.scenarios:
        front.append(
            (
                "scenarios",
                [
                    {
                        k: v
                        for k, v in (
                            ("id", sc.id),
                            ("title", sc.title),
                            ("description", sc.description),
                            ("on", list(sc.on)),
                            ("off", list(sc.off)),
                            ("unsure", list(sc.unsure)),
                        )
                        if v not in (None, [])
                    }
                    for sc in debate.scenarios
                ],
            )
        )
    questions = {a.id: _questions_for_export(a) for a in debate.arguments}
    question_ids = {
        q["id"] if isinstance(q, dict) else default_question_id(aid, i)
        for aid, qs in questions.items()
        for i, q in enumerate(qs, 1)
    }
    on_questions = [{"by": a.by, "target": a.target} for a in debate.attacks if a.target in question_ids]
    if on_questions:
        front.append(("question_attacks", list({(x["by"], x["target"]): x for x in on_questions}.values())))
    notes = [{"by": a.by, "target": a.target, "note": a.note} for a in debate.attacks if a.note]
    if notes:
        front.append(("attack_notes", notes))
    front.append(("model", {"mode": "loose"}))
    lines = [
        "===",
        _front_matter(front),
        "===",
        "",
        "// Exported from debate/1 by graph.argdown: statements, arguments, then attacks.",
        "",
    ]
    for s in debate.statements:
        data: list[tuple[str, Any]] = []
        if s.is_given:
            if s.kind != "premise":
                data.append(("kind", s.kind))
            if s.accepted != (s.kind != "objection"):
                data.append(("accepted", bool(s.accepted)))
        if s.editorial:
            data.append(("editorial", True))
        if s.quote is not None:
            data.append(("quote", s.quote))
        if s.note is not None:
            data.append(("note", s.note))
        extra = _data(data)
        lines += [f"[{s.id}]: {_escape_text(s.text)}" + (f" {extra}" if extra else ""), ""]
    for a in debate.arguments:
        data = []
        if a.scheme:
            data.append(("scheme", a.scheme))
        if questions[a.id]:
            data.append(("critical_questions", questions[a.id]))
        extra = _data(data)
        lines += [f"<{a.id}>" + (f" {extra}" if extra else ""), ""]
        premises = list(dict.fromkeys(a.premises))
        lines += [f"({i}) [{p}]" for i, p in enumerate(premises, 1)]
        lines += ["----", f"({len(premises) + 1}) [{a.conclusion}]", ""]
    # A relation from X to X merges into any earlier relation of its kind
    # towards X (the reference parser's rule): self-attacks go first.
    ordered = sorted(
        dict.fromkeys((a.by, a.target) for a in debate.attacks if a.target not in question_ids),
        key=lambda t: t[0] != t[1],
    )
    blocks: dict[str, list[str]] = {}
    for by, target in ordered:
        blocks.setdefault(target, []).append(by)
    for target, attackers in blocks.items():
        if target in debate.argument_by_id:
            lines.append(f"<{target}>")
            lines += [f"  _ [{by}]" for by in attackers]
        else:
            lines.append(f"[{target}]")
            lines += [f"  - [{by}]" for by in attackers]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
