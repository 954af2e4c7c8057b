"""Argdown syntax: a pure-Python lexer, parser and model of the Argdown core syntax.

:func:`parse_argdown` reads an Argdown document into an :class:`ArgdownDoc`:
equivalence classes of statements (by title), arguments with their
descriptions and premise-conclusion structures, and the relations between
them, after the same derivations the reference parser (the npm package
``@argdown/core`` 1.7.5) makes in its model: relations of a reconstructed
argument move to its main conclusion, undercuts of it to its last inference,
strict mode reads statement-to-statement support as entailment and attack as
contrariness, and an attack on an argument that repeats an attack on one of
its premises is dropped.  What the mapping onto ``debate/1`` does with this is
:mod:`graph.argdown`'s business.

The lexer is a port of the reference lexer, rule by rule and in its order
(first match wins, as in Chevrotain), with its context rules: relation
symbols, list items, statement numbers and headings only at the start of a
line, indentation measured into Indent/Dedent tokens, bold and italic ends
only when the matching start is open.  Quirks are kept on purpose, so that
the counts agree with the reference on real files: for example its
indentation class ``[' '\\t]`` also holds the apostrophe.  Every rule that
could scan ahead (closing brackets, ``-->``, ``}``) finds its end through a
memo that only moves forward, and the parser keeps open relation trees and
bold/italic ranges on explicit stacks, so time is linear in the input and no
nesting depth can exhaust the interpreter's stack.

A document that the reference parser rejects is refused here too: the first
problem raises :class:`ArgdownError`, printed ``FILE:LINE: message``.
Inline YAML data ``{...}`` and the front matter (``===`` block) are parsed
with PyYAML's safe loader after a depth check on the event stream.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from graph.load import MAX_BYTES
from graph.text import printable, shorten

__all__ = [
    "MAX_DATA_DEPTH",
    "MAX_TOKENS",
    "MODES",
    "SHORTCODES",
    "ArgdownDoc",
    "ArgdownError",
    "ArgumentMember",
    "ArgumentNode",
    "EquivalenceClass",
    "Heading",
    "Inference",
    "Mention",
    "NodeRef",
    "PcsStatement",
    "Relation",
    "StatementMember",
    "parse_argdown",
]

MODES: tuple[str, ...] = ("loose", "strict")
MAX_DATA_DEPTH = 64  # nesting levels of one YAML data element or the front matter
# Tokens a file may have: a 3,000-statement debate has ~40,000 (6 bytes each),
# while 2 MiB of "[" is one token a byte and took 10-15 s to read; at this cap
# no file costs more than about 1.5 s (bench/interop.py).
MAX_TOKENS = 100_000
_MAX_DATA_ALIASES = 1000

# The reference parser's shortcodes (``@argdown/core`` plugins/shortcodes.js, MIT licence).
# fmt: off
SHORTCODES: Mapping[str, str] = {
    ".A.": "∀", ":A:": "∀", ".E.": "∃", ":E:": "∃", ".O.": "𝗢", ":O:": "𝗢", ".P.": "𝗣", ":P:": "𝗣",
    ".->.": "→", ":->:": "→", ".<->.": "↔", ":<->:": "↔", ".~.": "¬", ":~:": "¬", ".^.": "∧", ":^:": "∧",
    ".v.": "∨", ":v:": "∨", ".v_.": "⊻", ":v_:": "⊻", ".<>.": "◇", ":<>:": "◇", ".[].": "◻", ":[]:": "◻",
    ":happy:": "😀", ".happy.": "😀", ":smile:": "☺️", ".smile.": "☺", ":smiley:": "☺", ".smiley.": "☺",
    ":laugh:": "😆", ".laugh.": "😆", ":lol:": "😆", ".lol.": "😆", ":rofl:": "🤣", ".rofl.": "🤣",
    ":joy:": "😂", ".joy.": "😂", ":heart:": "❤", ".heart.": "❤", ".?.": "❓", ":?:": "❓",
    ".question.": "❓", ":question:": "❓", ":love:": "😍", ".love.": "😍", ":wink:": "😉", ".wink.": "😉",
    ":shush:": "🤫", ".shush.": "🤫", ":meh:": "😐", ".meh.": "😐", ":eye-roll:": "🙄", ".eye-roll.": "🙄",
    ":sad:": "😢", ".sad.": "😢", ":disappointed:": "😞", ".disappointed.": "😞", ":scream:": "😱",
    ".scream.": "😱", ":+1:": "👍", ".+1.": "👍", ":up:": "👍", ".up.": "👍", ":-1:": "👎", ".-1.": "👎",
    ":down:": "👎", ".down.": "👎", ":think:": "🤔", ".think.": "🤔", ".star.": "⭐", ":star:": "⭐",
    ".y.": "✔", ":y:": "✔", ".agree.": "✔", ":agree:": "✔", ".n.": "❌", ":n:": "❌",
    ".disagree.": "❌", ":disagree:": "❌",
}
# fmt: on


class ArgdownError(ValueError):
    """An Argdown document that cannot be read (or imported): ``FILE:LINE: message``."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class NodeRef:
    """A relation member: a statement (equivalence class), an argument, or
    the inference of an argument that leads to its ``step``-th conclusion
    (0-based)."""

    kind: str  # "statement" | "argument" | "inference"
    key: str
    step: int = -1


@dataclass(frozen=True)
class StatementMember:
    """One occurrence of a statement: a definition (with text) or a reference."""

    text: str  # plain text: formatting marks dropped, shortcodes replaced, stripped
    line: int
    is_reference: bool
    role: str  # top-level | relation | list-item | premise | intermediary-conclusion | main-conclusion
    tags: tuple[str, ...] = ()
    data: Mapping[str, Any] | None = None
    data_line: int = 0
    links: tuple[tuple[str, str], ...] = ()  # (link text, url)


@dataclass(frozen=True)
class EquivalenceClass:
    """A statement in Argdown's sense: every member with the same title.
    An untitled statement is its own class (``title`` None)."""

    key: str
    title: str | None
    line: int
    members: tuple[StatementMember, ...]

    @property
    def definitions(self) -> tuple[StatementMember, ...]:
        return tuple(m for m in self.members if not m.is_reference)

    @property
    def text(self) -> str:
        """The first defining member's text ("" when the class is only referred to)."""
        for m in self.members:
            if not m.is_reference and m.text:
                return m.text
        return ""

    @property
    def tags(self) -> tuple[str, ...]:
        return _union(m.tags for m in self.members)


@dataclass(frozen=True)
class ArgumentMember:
    """One occurrence of an argument: a definition with a description, or a reference."""

    text: str
    line: int
    is_reference: bool
    tags: tuple[str, ...] = ()
    data: Mapping[str, Any] | None = None
    data_line: int = 0
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PcsStatement:
    key: str  # the equivalence class
    number: int  # as written: (1), (2), ...
    line: int
    role: str  # premise | intermediary-conclusion | main-conclusion


@dataclass(frozen=True)
class Inference:
    line: int
    conclusion: int  # index in the argument's pcs of the conclusion it leads to
    rules: tuple[str, ...] = ()
    data: Mapping[str, Any] | None = None
    data_line: int = 0


@dataclass(frozen=True)
class ArgumentNode:
    key: str
    title: str | None
    line: int
    members: tuple[ArgumentMember, ...]
    pcs: tuple[PcsStatement, ...] = ()
    inferences: tuple[Inference, ...] = ()  # one per conclusion, in order
    pcs_line: int = 0

    @property
    def reconstructed(self) -> bool:
        return bool(self.pcs)

    @property
    def tags(self) -> tuple[str, ...]:
        return _union(m.tags for m in self.members)


@dataclass(frozen=True)
class Relation:
    """``source`` stands in relation ``type`` to ``target``: support, attack,
    undercut, contradictory, and in strict mode entails and contrary (the two
    symmetric ones are stored once).  ``lines``: every place it is stated."""

    type: str
    source: NodeRef
    target: NodeRef
    lines: tuple[int, ...]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    line: int
    tags: tuple[str, ...] = ()
    data: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Mention:
    kind: str  # "statement" | "argument"
    title: str
    line: int


@dataclass(frozen=True)
class ArgdownDoc:
    """A parsed Argdown document (see the module docstring)."""

    path: str
    mode: str
    statements: tuple[EquivalenceClass, ...]
    arguments: tuple[ArgumentNode, ...]
    relations: tuple[Relation, ...]
    headings: tuple[Heading, ...] = ()
    mentions: tuple[Mention, ...] = ()
    front_matter: Any = None  # the front matter's YAML value, as written (a mapping when well-formed)
    front_matter_line: int = 0
    first_block: str = ""  # the kind of the document's first block: heading | statement | ...

    def statement(self, key: str) -> EquivalenceClass:
        return self._statement_by_key[key]

    def argument(self, key: str) -> ArgumentNode:
        return self._argument_by_key[key]

    @property
    def _statement_by_key(self) -> dict[str, EquivalenceClass]:
        cached: dict[str, EquivalenceClass] | None = self.__dict__.get("_ecs")
        if cached is None:
            cached = {ec.key: ec for ec in self.statements}
            object.__setattr__(self, "_ecs", cached)
        return cached

    @property
    def _argument_by_key(self) -> dict[str, ArgumentNode]:
        cached: dict[str, ArgumentNode] | None = self.__dict__.get("_args")
        if cached is None:
            cached = {a.key: a for a in self.arguments}
            object.__setattr__(self, "_args", cached)
        return cached

    def relation_counts(self) -> dict[str, int]:
        """Relations by type, as the reference model counts them."""
        out: dict[str, int] = {}
        for r in self.relations:
            out[r.type] = out.get(r.type, 0) + 1
        return out


def _union(groups: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for g in groups:
        for t in g:
            seen.setdefault(t, None)
    return tuple(seen)


# --------------------------------------------------------------------------- tokens

# fmt: off
(
    T_COMMENT, T_FRONT_MATTER, T_DATA, T_ESCAPED, T_SPECIAL, T_EMPTYLINE, T_NEWLINE, T_INDENT, T_DEDENT,
    T_INFERENCE_START, T_IN_SUPPORT, T_IN_ATTACK, T_OUT_SUPPORT, T_OUT_ATTACK, T_CONTRADICTION,
    T_IN_UNDERCUT, T_OUT_UNDERCUT, T_HEADING, T_STATEMENT_NUMBER, T_ORDERED_ITEM, T_UNORDERED_ITEM,
    T_A_BOLD_END, T_U_BOLD_END, T_A_ITALIC_END, T_U_ITALIC_END, T_A_BOLD_START, T_U_BOLD_START,
    T_A_ITALIC_START, T_U_ITALIC_START, T_LINK, T_TAG, T_STATEMENT_DEFINITION, T_STATEMENT_REFERENCE,
    T_STATEMENT_MENTION, T_ARGUMENT_DEFINITION, T_ARGUMENT_REFERENCE, T_ARGUMENT_MENTION, T_SPACES,
    T_FREESTYLE, T_UNUSED, T_INFERENCE_END, T_LIST_DELIMITER, T_EOF,
) = range(43)
# fmt: on

_DESCRIPTIONS = {
    T_FRONT_MATTER: "front matter ('===')",
    T_DATA: "a data element ({...})",
    T_EMPTYLINE: "an empty line",
    T_NEWLINE: "a line break",
    T_INDENT: "an indented line",
    T_DEDENT: "the end of an indented block",
    T_INFERENCE_START: "an inference line ('--')",
    T_IN_SUPPORT: "an incoming support relation (+>)",
    T_IN_ATTACK: "an incoming attack relation (->)",
    T_OUT_SUPPORT: "an outgoing support relation (+ or <+)",
    T_OUT_ATTACK: "an outgoing attack relation (- or <-)",
    T_CONTRADICTION: "a contradiction relation (><)",
    T_IN_UNDERCUT: "an incoming undercut relation (_>)",
    T_OUT_UNDERCUT: "an outgoing undercut relation (_ or <_)",
    T_HEADING: "a heading ('#')",
    T_STATEMENT_NUMBER: "a numbered statement ('(1)')",
    T_ORDERED_ITEM: "an ordered list item ('1.')",
    T_UNORDERED_ITEM: "an unordered list item ('*')",
    T_STATEMENT_DEFINITION: "a statement definition ([Title]:)",
    T_STATEMENT_REFERENCE: "a statement reference ([Title])",
    T_ARGUMENT_DEFINITION: "an argument definition (<Title>:)",
    T_ARGUMENT_REFERENCE: "an argument reference (<Title>)",
    T_INFERENCE_END: "the end of an inference ('--')",
    T_LIST_DELIMITER: "a comma",
    T_EOF: "the end of the document",
}
_RELATION_TOKENS = frozenset(
    (T_IN_SUPPORT, T_IN_ATTACK, T_OUT_SUPPORT, T_OUT_ATTACK, T_CONTRADICTION, T_IN_UNDERCUT, T_OUT_UNDERCUT)
)
_FREESTYLE_TOKENS = frozenset((T_FREESTYLE, T_UNUSED, T_ESCAPED, T_SPECIAL))
_RANGE_STARTS = {
    T_A_BOLD_START: T_A_BOLD_END,
    T_U_BOLD_START: T_U_BOLD_END,
    T_A_ITALIC_START: T_A_ITALIC_END,
    T_U_ITALIC_START: T_U_ITALIC_END,
}
_RANGE_ENDS = frozenset(_RANGE_STARTS.values())
_CONTENT_TOKENS = (
    _FREESTYLE_TOKENS
    | frozenset(_RANGE_STARTS)
    | _RANGE_ENDS
    | frozenset((T_LINK, T_TAG, T_ARGUMENT_MENTION, T_STATEMENT_MENTION, T_NEWLINE))
)
_CONTENT_START = _CONTENT_TOKENS - _RANGE_ENDS


def _describe(kind: int) -> str:
    return _DESCRIPTIONS.get(kind, "text")


class _Tok:
    __slots__ = ("image", "kind", "line")

    def __init__(self, kind: int, image: str, line: int) -> None:
        self.kind = kind
        self.image = image
        self.line = line


# JavaScript's \s and '.' (no line terminators), which the reference patterns use.
_WS = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_NOT_LT = "[^\n\r\u2028\u2029]"
_IND = "[' \t]"  # the reference's indentation class [' '\t]: space, tab and (sic) apostrophe

_RE_EMPTYLINE = re.compile(r"(?:[ \t]*\n){2,}")
_RE_NEWLINE = re.compile(r"[ \t]*\n")
_RE_SPACES = re.compile(r"[ \t]+")
_RE_ESCAPED = re.compile(r"\\" + _NOT_LT + " *")
_RE_SPECIAL = re.compile(rf"\.[^{_WS}]+?\.[ \t]?|:[^{_WS}]+?:[ \t]?")
_RE_INFERENCE_START = re.compile(_IND + "*--")
_RE_INFERENCE_END = re.compile("-{2,}")
_RELATION_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (T_IN_SUPPORT, re.compile(f"({_IND}*)\\+>")),
    (T_IN_ATTACK, re.compile(f"({_IND}*)->")),
    (T_OUT_SUPPORT, re.compile(f"({_IND}*)<?\\+")),
    (T_OUT_ATTACK, re.compile(f"({_IND}*)<?-")),
    (T_CONTRADICTION, re.compile(f"({_IND}*)><")),
    (T_IN_UNDERCUT, re.compile(f"({_IND}*)_>")),
    (T_OUT_UNDERCUT, re.compile(f"({_IND}*)(?:<_|_(?=[{_WS}]))")),
)
_RE_HEADING = re.compile("#+ ")
_RE_STATEMENT_NUMBER = re.compile(_IND + r"*\(([0-9]+)\)")
_RE_ORDERED = re.compile(f"({_IND}*)[0-9]+\\.(?=[{_WS}])")
_RE_UNORDERED = re.compile(f"({_IND}*)\\*(?=[{_WS}])")
_END_AFTER = r"(?:[ \t]|(?=[\n\r)}_.,!?;:\-*]|\Z))"
_RANGE_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (T_A_BOLD_END, re.compile(r"\*\*" + _END_AFTER)),
    (T_U_BOLD_END, re.compile(r"__" + _END_AFTER)),
    (T_A_ITALIC_END, re.compile(r"\*" + _END_AFTER)),
    (T_U_ITALIC_END, re.compile(r"_" + _END_AFTER)),
    (T_A_BOLD_START, re.compile(rf"\*\*(?![{_WS}])")),
    (T_U_BOLD_START, re.compile(rf"__(?![{_WS}])")),
    (T_A_ITALIC_START, re.compile(rf"\*(?![{_WS}])")),
    (T_U_ITALIC_START, re.compile(rf"_(?![{_WS}])")),
)
_RE_TAG_WORD = re.compile("[a-zA-z0-9\\-\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]+[ \t]?")
_RE_FREESTYLE = re.compile(r"[^\\@#*_\[\],.:;</>\-\n(){}]+")
_CONTROL = frozenset("@#*_[],.:;</>-(){}")
_RE_DATA_BAD = re.compile(f"\\}}(?=[{_WS}][^,}}])|[\u2028\u2029]")
_RE_DATA_NOT_FINAL = re.compile(f"[{_WS}]*[,}}]")
_LINE_START_CHARS = frozenset(" \t'+-<>_(*0123456789")


class _Next:
    """Where a fixed string next occurs at or after a position.  The lexer
    moves forward, so the last answer is reused while it still applies
    (amortised linear, even for a document full of unclosed brackets)."""

    __slots__ = ("found", "needle", "start", "text")

    def __init__(self, text: str, needle: str) -> None:
        self.text = text
        self.needle = needle
        self.start = -1
        self.found = -1

    def at(self, start: int) -> int:
        if self.start >= 0 and start >= self.start and (self.found == -1 or self.found >= start):
            return self.found
        if self.start >= 0 and start < self.start and (self.found == -1 or self.found >= self.start):
            hit = self.text.find(self.needle, start, self.start + len(self.needle) - 1)
            return hit if hit >= 0 else self.found
        self.start = start
        self.found = self.text.find(self.needle, start)
        return self.found


class _Lexer:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.n = len(text)
        self.path = path
        self.tokens: list[_Tok] = []
        self.indents = [0]
        self.ranges: list[int] = []
        self.line = 1
        self.inference_mode = False
        self._finders: dict[str, _Next] = {}
        self._data_bad: list[int] | None = None
        self._data_final: list[int] = []

    def find(self, needle: str, start: int) -> int:
        f = self._finders.get(needle)
        if f is None:
            f = self._finders[needle] = _Next(self.text, needle)
        return f.at(start)

    def line_end(self, start: int) -> int:
        """The next line terminator (in JavaScript's sense) at or after start, or n."""
        best = self.n
        for lt in ("\n", "\u2028", "\u2029"):
            hit = self.find(lt, start)
            if 0 <= hit < best:
                best = hit
        return best

    def error(self, message: str) -> ArgdownError:
        return ArgdownError(self.path, self.line, message)

    # ---- indentation

    def emit(self, kind: int) -> None:
        self.tokens.append(_Tok(kind, "", self.line))

    def indent_to(self, level: int) -> None:
        last = self.indents[-1]
        if level > last:
            self.indents.append(level)
            self.emit(T_INDENT)
        elif level < last:
            while len(self.indents) > 1 and level < last:
                self.indents.pop()
                last = self.indents[-1]
                self.emit(T_DEDENT)

    def dedent_all(self) -> None:
        while len(self.indents) > 1:
            self.indents.pop()
            self.emit(T_DEDENT)

    # ---- the loop

    def run(self) -> list[_Tok]:
        text = self.text
        pos = 0
        while pos < self.n:
            kind, end = self.match_inference(pos) if self.inference_mode else self.match_default(pos)
            if end <= pos:
                raise self.error("a backslash must be followed by the character it escapes, on the same line")
            image = text[pos:end]
            if kind != T_SPACES and kind != T_COMMENT:
                self.tokens.append(_Tok(kind, image, self.line))
                if len(self.tokens) > MAX_TOKENS:
                    raise self.error(
                        f"more than {MAX_TOKENS:,} words, brackets and marks: refused (split the debate in parts)"
                    )
            self.line += image.count("\n")
            pos = end
        if self.tokens and self.tokens[-1].kind == T_EMPTYLINE:
            self.tokens.pop()
        if text.endswith("\n") and self.line > 1:
            self.line -= 1  # a final line break ends the last line, it does not start another
        self.dedent_all()
        self.tokens.append(_Tok(T_EOF, "", self.line))
        return self.tokens

    def last_kind(self) -> int:
        return self.tokens[-1].kind if self.tokens else -1

    def comment_end(self, pos: int, last: int) -> int:
        text = self.text
        if text.startswith("<!--", pos):
            close, length = self.find("-->", pos + 4), 3
        elif text.startswith("/*", pos):
            close, length = self.find("*/", pos + 2), 2
        elif text.startswith("//", pos):
            close, length = self.find("\n", pos + 2), 0
            if close >= 0 and self.line_end(pos + 2) < close:
                return -1
        else:
            return -1
        if close < 0:
            return -1
        if length and (self.find("\u2028", pos) in range(pos, close) or self.find("\u2029", pos) in range(pos, close)):
            return -1
        end = close + length
        if last == T_EMPTYLINE:
            while end < self.n and text[end] == "\n":
                end += 1
        elif last == T_NEWLINE:
            m = _RE_NEWLINE.match(text, end)
            if m and not _RE_NEWLINE.match(text, m.end()):
                end = m.end()
        return end

    def front_matter_end(self, pos: int) -> int:
        text = self.text
        run_end = pos
        while run_end < self.n and text[run_end] == "=":
            run_end += 1
        run = run_end - pos
        if run < 3:
            return -1
        if run >= 6:
            return run_end
        close = self.find("===", run_end)
        if close < 0:
            return -1
        end = close
        while end < self.n and text[end] == "=":
            end += 1
        return end

    def data_end(self, pos: int) -> int:
        """The reference's {((?!}\\s[^,}])(.|\\n))*}(?!\\s*(,|})), without its backtracking."""
        if self._data_bad is None:
            self._data_bad = [m.start() for m in _RE_DATA_BAD.finditer(self.text)]
            self._data_final = [i for i in _iter_find(self.text, "}") if not _RE_DATA_NOT_FINAL.match(self.text, i + 1)]
        k = bisect.bisect_right(self._data_bad, pos)
        if k < len(self._data_bad):
            bad = self._data_bad[k]
            limit = bad if self.text[bad] == "}" else bad - 1
        else:
            limit = self.n - 1
        j = bisect.bisect_right(self._data_final, limit) - 1
        if j >= 0 and self._data_final[j] > pos:
            return self._data_final[j] + 1
        return -1

    def bracketed(self, pos: int, close: str, first: int, same_line_from: int) -> int:
        """End of the first ``close`` at or after ``first`` with no line break
        from ``same_line_from`` on, or -1."""
        hit = self.find(close, first)
        if hit < 0 or self.line_end(same_line_from) < hit:
            return -1
        return hit + len(close)

    def match_default(self, pos: int) -> tuple[int, int]:
        text = self.text
        ch = text[pos]
        last = self.last_kind()
        line_start = last in (-1, T_NEWLINE, T_EMPTYLINE)
        if ch == "<" or ch == "/":
            end = self.comment_end(pos, last)
            if end > 0:
                return T_COMMENT, end
        elif ch == "=":
            end = self.front_matter_end(pos)
            if end > 0:
                return T_FRONT_MATTER, end
        elif ch == "{":
            end = self.data_end(pos)
            if end > 0:
                return T_DATA, end
        elif ch == "\\":
            m = _RE_ESCAPED.match(text, pos)
            return (T_ESCAPED, m.end()) if m else (T_ESCAPED, pos)
        elif ch == "." or ch == ":":
            m = _RE_SPECIAL.match(text, pos)
            if m:
                return T_SPECIAL, m.end()
        if ch in " \t\n":
            if last != T_EMPTYLINE:
                m = _RE_EMPTYLINE.match(text, pos)
                if m:
                    if m.end() < self.n:
                        self.dedent_all()
                    return T_EMPTYLINE, m.end()
            m = _RE_NEWLINE.match(text, pos)
            if m:
                return T_NEWLINE, m.end()
        if line_start and ch in _LINE_START_CHARS:
            if last != T_EMPTYLINE:
                m = _RE_INFERENCE_START.match(text, pos)
                if m:
                    self.dedent_all()
                    self.inference_mode = True
                    return T_INFERENCE_START, m.end()
            for kind, rx in _RELATION_PATTERNS:
                m = rx.match(text, pos)
                if m:
                    self.indent_to(len(m.group(1)))
                    return kind, m.end()
        if ch == "#" and line_start:
            m = _RE_HEADING.match(text, pos)
            if m:
                return T_HEADING, m.end()
        if line_start and ch in _LINE_START_CHARS:
            m = _RE_STATEMENT_NUMBER.match(text, pos)
            if m:
                self.dedent_all()
                return T_STATEMENT_NUMBER, m.end()
            m = _RE_ORDERED.match(text, pos)
            if m:
                self.indent_to(len(m.group(1)) + 1)
                return T_ORDERED_ITEM, m.end()
            m = _RE_UNORDERED.match(text, pos)
            if m:
                self.indent_to(len(m.group(1)) + 1)
                return T_UNORDERED_ITEM, m.end()
        if ch == "*" or ch == "_":
            found = self.match_range(pos)
            if found is not None:
                return found
        if ch == "[":
            end = self.link_end(pos)
            if end > 0:
                return T_LINK, end
        if ch == "#":
            end = self.tag_end(pos)
            if end > 0:
                return T_TAG, end
        if ch == "[":
            end = self.bracketed(pos, "]:", pos + 2, pos + 1)
            if end > 0:
                return T_STATEMENT_DEFINITION, end
            if pos + 1 < self.n and text[pos + 1] != "-":
                end = self.bracketed(pos, "]", pos + 2, pos + 2)
                if end > 0:
                    return T_STATEMENT_REFERENCE, end
        if ch == "@" and pos + 1 < self.n and text[pos + 1] in "[<":
            close = "]" if text[pos + 1] == "[" else ">"
            end = self.bracketed(pos, close, pos + 3, pos + 2)
            if end > 0:
                if end < self.n and text[end] in " \t":
                    end += 1
                return (T_STATEMENT_MENTION if close == "]" else T_ARGUMENT_MENTION), end
        if ch == "<":
            end = self.bracketed(pos, ">:", pos + 2, pos + 1)
            if end > 0:
                return T_ARGUMENT_DEFINITION, end
            if pos + 1 < self.n and text[pos + 1] != "-":
                end = self.bracketed(pos, ">", pos + 2, pos + 2)
                if end > 0:
                    return T_ARGUMENT_REFERENCE, end
        return self.match_text(pos, ch)

    def match_text(self, pos: int, ch: str) -> tuple[int, int]:
        if ch == " " or ch == "\t":
            m = _RE_SPACES.match(self.text, pos)
            assert m is not None
            return T_SPACES, m.end()
        if ch in _CONTROL:
            end = pos + 1
            if end < self.n and self.text[end] in " \t":
                end += 1
            return T_UNUSED, end
        m = _RE_FREESTYLE.match(self.text, pos)
        if m:
            return T_FREESTYLE, m.end()
        return T_FREESTYLE, pos  # a backslash nothing matched: the caller reports it

    def match_range(self, pos: int) -> tuple[int, int] | None:
        top = self.ranges[-1] if self.ranges else -1
        for kind, rx in _RANGE_PATTERNS:
            if kind in _RANGE_ENDS:
                # The reference also asks whether a skipped token came last, but
                # Chevrotain keeps no skipped tokens, so that test never holds.
                if top != kind or not self.tokens:
                    continue
                m = rx.match(self.text, pos)
                if m:
                    self.ranges.pop()
                    return kind, m.end()
            else:
                m = rx.match(self.text, pos)
                if m:
                    self.ranges.append(_RANGE_STARTS[kind])
                    return kind, m.end()
        return None

    def link_end(self, pos: int) -> int:
        close = self.find("]", pos + 1)
        if close < pos + 2 or close + 1 >= self.n or self.text[close + 1] != "(":
            return -1
        paren = self.find(")", close + 2)
        if paren < close + 3:
            return -1
        end = paren + 1
        if end < self.n and self.text[end] in " \t":
            end += 1
        return end

    def tag_end(self, pos: int) -> int:
        text = self.text
        if pos + 1 < self.n and text[pos + 1] == "(":
            close = self.find(")", pos + 2)
            if close >= pos + 3:
                end = close + 1
                if end < self.n and text[end] in " \t":
                    end += 1
                return end
            return -1
        m = _RE_TAG_WORD.match(text, pos + 1)
        return m.end() if m else -1

    def match_inference(self, pos: int) -> tuple[int, int]:
        text = self.text
        ch = text[pos]
        last = self.last_kind()
        if ch == "<" or ch == "/":
            end = self.comment_end(pos, last)
            if end > 0:
                return T_COMMENT, end
        if ch in " \t\n":
            m = _RE_NEWLINE.match(text, pos)
            if m:
                return T_NEWLINE, m.end()
        if ch == "\\":
            m = _RE_ESCAPED.match(text, pos)
            return (T_ESCAPED, m.end()) if m else (T_ESCAPED, pos)
        if ch == "." or ch == ":":
            m = _RE_SPECIAL.match(text, pos)
            if m:
                return T_SPECIAL, m.end()
        if ch == "-":
            m = _RE_INFERENCE_END.match(text, pos)
            if m:
                self.inference_mode = False
                return T_INFERENCE_END, m.end()
        if ch == "{":
            end = self.data_end(pos)
            if end > 0:
                return T_DATA, end
        if ch == ",":
            return T_LIST_DELIMITER, pos + 1
        return self.match_text(pos, ch)


def _iter_find(text: str, needle: str) -> list[int]:
    out = []
    i = text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


# --------------------------------------------------------------------------- YAML data


def _load_yaml(source: str, path: str, line: int, what: str) -> Any:
    """Safe-load one YAML document; depth and aliases are checked on the event
    stream first, so that no deep or aliased input reaches a recursive composer."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = 0
    aliases = 0
    try:
        for event in yaml.parse(source, Loader=loader_class):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DATA_DEPTH:
                    at = line + event.start_mark.line if event.start_mark else line
                    raise ArgdownError(path, at, f"{what} nested deeper than {MAX_DATA_DEPTH} levels")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if aliases > _MAX_DATA_ALIASES:
                    raise ArgdownError(path, line, f"{what} uses more than {_MAX_DATA_ALIASES} YAML aliases")
        return yaml.load(source, Loader=loader_class)  # a safe loader, C or Python
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        at = line + mark.line if mark is not None else line
        raise ArgdownError(path, at, f"{what} is not valid YAML: {printable(str(e.problem or e))}") from None
    except yaml.YAMLError as e:
        raise ArgdownError(path, line, f"{what} is not valid YAML: {printable(str(e))}") from None


_BLOCK_DATA_START = re.compile(r"\{[ \t]*\n")
_BLOCK_DATA_END = re.compile(r"\}\s*\Z")
_FRONT_START = re.compile(r"\A\s*={3,}")
_FRONT_END = re.compile(r"={3,}\s*\Z")


def _data_value(image: str, path: str, line: int) -> Any:
    source = image
    m = _BLOCK_DATA_START.match(image)
    if m:  # a line break after '{' switches to YAML block format (the reference's rule)
        source = _BLOCK_DATA_END.sub("", image[m.end() :])
        line += 1
    return _load_yaml(source, path, line, "the data element")


# --------------------------------------------------------------------------- parsing


class _Content:
    __slots__ = ("links", "tags", "text")

    def __init__(self) -> None:
        self.text = ""
        self.tags: list[str] = []
        self.links: list[tuple[str, str]] = []


class _EC:
    __slots__ = ("key", "line", "members", "title")

    def __init__(self, key: str, title: str | None, line: int) -> None:
        self.key = key
        self.title = title
        self.line = line
        self.members: list[StatementMember] = []


class _Arg:
    __slots__ = ("inferences", "key", "line", "members", "pcs", "pcs_line", "title")

    def __init__(self, key: str, title: str | None, line: int) -> None:
        self.key = key
        self.title = title
        self.line = line
        self.members: list[ArgumentMember] = []
        self.pcs: list[PcsStatement] | None = None
        self.inferences: list[Inference] = []
        self.pcs_line = 0


@dataclass
class _Frame:
    parent: NodeRef
    count: int = 0
    only_undercuts: bool = False
    inference: NodeRef | None = None  # what an undercut below this parent targets
    pending: _Raw | None = None  # the relation to the parent's parent, recorded when this frame closes


@dataclass
class _Raw:
    type: str
    source: NodeRef
    target: NodeRef
    lines: list[int] = field(default_factory=list)


class _Parser:
    def __init__(self, tokens: list[_Tok], path: str) -> None:
        self.toks = tokens
        self.i = 0
        self.path = path
        self.ecs: dict[str, _EC] = {}
        self.args: dict[str, _Arg] = {}
        self.anonymous = 0
        self.raw: list[_Raw] = []
        self.headings: list[Heading] = []
        self.mentions: list[Mention] = []
        self.front_matter: Any = None
        self.front_matter_line = 0
        self.first_block = ""

    # ---- token helpers

    def peek(self, ahead: int = 0) -> _Tok:
        j = self.i + ahead
        return self.toks[j] if j < len(self.toks) else self.toks[-1]

    def take(self) -> _Tok:
        t = self.toks[self.i]
        if t.kind != T_EOF:
            self.i += 1
        return t

    def error(self, message: str, tok: _Tok | None = None) -> ArgdownError:
        return ArgdownError(self.path, (tok or self.peek()).line, message)

    def new_key(self) -> str:
        # A line break cannot occur in a title, so these keys never meet one.
        self.anonymous += 1
        return f"\n{self.anonymous}"

    # ---- the document

    def document(self) -> None:
        if self.peek().kind == T_NEWLINE:
            self.take()
        if self.peek().kind == T_EMPTYLINE:
            self.take()
        if self.peek().kind == T_FRONT_MATTER:
            tok = self.take()
            source = _FRONT_END.sub("", _FRONT_START.sub("", tok.image))
            self.front_matter = _load_yaml(source, self.path, tok.line, "the front matter")
            self.front_matter_line = tok.line
            if self.peek().kind == T_NEWLINE:
                self.take()
            if self.peek().kind == T_EOF:
                raise self.error("empty Argdown document: there is nothing after the front matter")
            if self.peek().kind != T_EMPTYLINE:
                raise self.error("the front matter ('===' ... '===') must be followed by an empty line")
            self.take()
        if self.peek().kind == T_EOF:
            raise ArgdownError(
                self.path, 1, "empty Argdown document: no statement, argument or heading (only comments or white space)"
            )
        previous_argument: str | None = None
        while True:
            previous_argument = self.block(previous_argument)
            t = self.peek()
            if t.kind == T_EOF:
                return
            if t.kind != T_EMPTYLINE:
                raise self.misplaced(t)
            self.take()

    def misplaced(self, t: _Tok) -> ArgdownError:
        """The error for a token that cannot continue the element before it."""
        k = t.kind
        if k in _RELATION_TOKENS or k == T_INDENT:
            return self.error(
                "a relation must be indented below the statement or argument it belongs to, "
                "and as far as a sibling relation above it or further than its parent",
                t,
            )
        if k == T_STATEMENT_NUMBER:
            return self.error(
                "a premise-conclusion structure must start its own paragraph: put an empty line above it", t
            )
        if k == T_INFERENCE_START:
            return self.error(
                "an inference ('--') may only stand between numbered statements of a premise-conclusion structure", t
            )
        if k in (T_ORDERED_ITEM, T_UNORDERED_ITEM):
            return self.error(
                "lists cannot be nested and cannot continue a statement: put an empty line above the list", t
            )
        if k in (T_STATEMENT_DEFINITION, T_STATEMENT_REFERENCE, T_ARGUMENT_DEFINITION, T_ARGUMENT_REFERENCE):
            return self.error(
                f"{_describe(k)} must start a paragraph, a list item or a relation; "
                "to name it inside a text, mention it: @[Title] or @<Title>",
                t,
            )
        if k in _CONTENT_TOKENS:
            return self.error(
                "text cannot follow a reference ([Title] or <Title>) in the same paragraph; "
                "put an empty line between them, or write a definition [Title]: text",
                t,
            )
        if k == T_DATA:
            return self.error("a data element ({...}) must directly follow a statement, an argument or a heading", t)
        if k == T_FRONT_MATTER:
            return self.error("front matter ('===') may only open the document", t)
        return self.error(f"unexpected {_describe(k)}", t)

    def block(self, previous_argument: str | None) -> str | None:
        t = self.peek()
        k = t.kind
        if not self.first_block:
            self.first_block = "heading" if k == T_HEADING else "other"
        if k == T_HEADING:
            self.heading()
        elif k == T_STATEMENT_NUMBER:
            self.pcs(previous_argument)
        elif k in (T_ARGUMENT_DEFINITION, T_ARGUMENT_REFERENCE):
            ref = self.member("top-level", allow_argument=True)
            return ref.key
        elif k == T_INDENT and self.peek(1).kind in (T_ORDERED_ITEM, T_UNORDERED_ITEM):
            self.list_block()
        elif k in _CONTENT_START or k in (T_STATEMENT_DEFINITION, T_STATEMENT_REFERENCE):
            self.member("top-level", allow_argument=False)
        elif k in _RELATION_TOKENS:
            raise self.error(
                f"a paragraph cannot start with {_describe(k)}: remove the empty line above it, "
                "or start the paragraph with a statement or argument",
                t,
            )
        else:
            raise self.misplaced(t)
        return None

    def heading(self) -> None:
        start = self.take()
        content = self.content()
        if content is None:
            raise self.error("a heading needs a text after '# '")
        data = None
        if self.peek().kind == T_NEWLINE and self.peek(1).kind == T_DATA:
            self.take()
        if self.peek().kind == T_DATA:
            d = self.take()
            data = self.data_mapping(d, "heading")
            if self.peek().kind == T_NEWLINE:
                self.take()
        self.headings.append(Heading(content.text.strip(), len(start.image) - 1, start.line, tuple(content.tags), data))

    def list_block(self) -> None:
        self.take()  # the indent
        kind = self.peek().kind
        while self.peek().kind == kind:
            self.take()
            self.member("list-item", allow_argument=True)
        if self.peek().kind != T_DEDENT:
            raise self.misplaced(self.peek())
        self.take()

    # ---- statements and arguments

    def content(self) -> _Content | None:
        """Statement text up to the first token that is not part of it; None if empty."""
        if self.peek().kind not in _CONTENT_START:
            return None
        out = _Content()
        parts: list[str] = []
        opened: list[tuple[int, _Tok]] = []  # open bold/italic ranges: (end kind, start token)
        toks = self.toks
        while True:
            t = toks[self.i]
            k = t.kind
            if k not in _CONTENT_TOKENS:
                break
            if k in _RANGE_ENDS:
                if not opened or opened[-1][0] != k:
                    break
                opened.pop()
                self.i += 1
                if t.image.endswith(" "):
                    parts.append(" ")
                continue
            self.i += 1
            if k in (T_FREESTYLE, T_UNUSED):
                parts.append(t.image)
            elif k == T_ESCAPED:
                parts.append(t.image[1:])
            elif k == T_SPECIAL:
                parts.append(_special(t.image))
            elif k == T_NEWLINE:
                nxt = toks[self.i].kind
                last_child = nxt not in _CONTENT_TOKENS or nxt in _RANGE_ENDS
                if not last_child and not (parts and parts[-1].endswith(" ")):
                    parts.append(" ")
            elif k in _RANGE_STARTS:
                opened.append((_RANGE_STARTS[k], t))
            elif k == T_LINK:
                image = t.image
                close = image.index("](")
                text = " ".join(image[1:close].split())
                out.links.append((text, "".join(image[close + 2 : image.rindex(")")].split())))
                parts.append(text + (" " if image.endswith(" ") else ""))
            elif k == T_TAG:
                image = t.image
                tag = image[2 : image.rindex(")")] if image.startswith("#(") else image[1:].rstrip(" \t")
                if tag not in out.tags:
                    out.tags.append(tag)
                parts.append(image)
            else:  # a mention
                image = t.image
                bracket = "]" if k == T_STATEMENT_MENTION else ">"
                self.mentions.append(
                    Mention("statement" if bracket == "]" else "argument", image[2 : image.rindex(bracket)], t.line)
                )
                parts.append(image)
        if opened:
            end_kind, start = opened[-1]
            what = "bold" if end_kind in (T_A_BOLD_END, T_U_BOLD_END) else "italic"
            mark = {T_A_BOLD_END: "**", T_U_BOLD_END: "__", T_A_ITALIC_END: "*", T_U_ITALIC_END: "_"}[end_kind]
            raise self.error(
                f"incomplete {what} text: close it with '{mark}', or escape the character "
                f"with a backslash ('\\{mark[0]}') to write it as it is",
                start,
            )
        out.text = "".join(parts)
        return out

    def data_mapping(self, tok: _Tok, owner: str) -> Mapping[str, Any]:
        value = _data_value(tok.image, self.path, tok.line)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.error(f"the data element of a {owner} must be a mapping ({{key: value, ...}})", tok)
        return value

    def member(self, role: str, allow_argument: bool, frame: _Frame | None = None) -> NodeRef:
        """A statement or argument (definition or reference), its data and its relations."""
        ref = self.member_head(role, allow_argument)
        if self.peek().kind == T_INDENT:
            self.relations(ref, frame)
        return ref

    def member_head(self, role: str, allow_argument: bool) -> NodeRef:
        t = self.peek()
        k = t.kind
        if k in (T_ARGUMENT_DEFINITION, T_ARGUMENT_REFERENCE):
            if not allow_argument:
                raise self.error(
                    "an argument cannot stand here: a premise, a conclusion or a member of a "
                    "contradiction (><) must be a statement ([Title] or text)",
                    t,
                )
            return self.argument_head()
        title: str | None = None
        is_reference = False
        tags: list[str] = []
        content: _Content | None
        if k == T_STATEMENT_REFERENCE:
            self.take()
            title = t.image[1:-1]
            is_reference = True
            while self.peek().kind == T_TAG:
                tags.append(_tag_of(self.take().image))
            if self.peek().kind == T_NEWLINE:
                self.take()
            content = None
        elif k == T_STATEMENT_DEFINITION:
            self.take()
            title = t.image[1:-2]
            content = self.content()
            if content is None:
                raise self.error(
                    f"missing text after the definition [{_shown(title)}]: "
                    "write the text after the colon, or drop the colon to refer to it",
                    t,
                )
        elif k in _CONTENT_START:
            content = self.content()
        else:
            raise self.error(
                "missing relation content: a relation symbol must be followed by a statement or an argument", t
            )
        data, data_line = self.optional_data("statement")
        if content is not None:
            for tag in content.tags:
                if tag not in tags:
                    tags.append(tag)
        if title is None:
            key = self.new_key()
            ec = self.ecs[key] = _EC(key, None, t.line)
        else:
            ec = self.ecs.get(title)  # type: ignore[assignment]
            if ec is None:
                ec = self.ecs[title] = _EC(title, title, t.line)
        ec.members.append(
            StatementMember(
                text=content.text.strip() if content else "",
                line=t.line,
                is_reference=is_reference,
                role=role,
                tags=tuple(tags),
                data=data,
                data_line=data_line,
                links=tuple(content.links) if content else (),
            )
        )
        return NodeRef("statement", ec.key)

    def argument_head(self) -> NodeRef:
        t = self.take()
        tags: list[str] = []
        content: _Content | None = None
        if t.kind == T_ARGUMENT_DEFINITION:
            title = t.image[1:-2]
            content = self.content()
            if content is None:
                raise self.error(
                    f"missing description after the definition <{_shown(title)}>: "
                    "write it after the colon, or drop the colon to refer to the argument",
                    t,
                )
            tags.extend(content.tags)
        else:
            title = t.image[1:-1]
            while self.peek().kind == T_TAG:
                tag = _tag_of(self.take().image)
                if tag not in tags:
                    tags.append(tag)
            if self.peek().kind == T_NEWLINE:
                self.take()
        data, data_line = self.optional_data("argument")
        arg = self.args.get(title)
        if arg is None:
            arg = self.args[title] = _Arg(title, title, t.line)
        arg.members.append(
            ArgumentMember(
                text=content.text.strip() if content else "",
                line=t.line,
                is_reference=content is None,
                tags=tuple(tags),
                data=data,
                data_line=data_line,
                links=tuple(content.links) if content else (),
            )
        )
        return NodeRef("argument", arg.key)

    def optional_data(self, owner: str) -> tuple[Mapping[str, Any] | None, int]:
        if self.peek().kind != T_DATA:
            return None, 0
        d = self.take()
        data = self.data_mapping(d, owner)
        if self.peek().kind == T_NEWLINE:
            self.take()
        return data, d.line

    # ---- relations (an explicit stack: a tree 10,000 levels deep is fine)

    def relations(self, parent: NodeRef, frame: _Frame | None) -> None:
        self.take()  # the indent
        stack = [frame if frame is not None else _Frame(parent)]
        while stack:
            fr = stack[-1]
            t = self.peek()
            k = t.kind
            if k == T_DEDENT and fr.count:
                self.take()
                stack.pop()
                if fr.pending is not None:
                    self.raw.append(fr.pending)
                continue
            if k not in _RELATION_TOKENS:
                if fr.count == 0:
                    if k in (T_ORDERED_ITEM, T_UNORDERED_ITEM):
                        raise self.error("lists cannot be nested, and a statement cannot have list items below it", t)
                    raise self.error(
                        f"expected a relation (+, -, _, <+, +>, <-, ->, <_, _>, ><) here, found {_describe(k)}", t
                    )
                raise self.misplaced(t)
            if fr.only_undercuts and k != T_OUT_UNDERCUT:
                raise self.error("below an inference only undercuts (_ or <_) may stand", t)
            self.take()
            fr.count += 1
            child = self.member_head("relation", allow_argument=k != T_CONTRADICTION)
            relation = self.relate(k, fr, child, t.line)
            # Relations are recorded in post-order (a relation after those
            # below its child), as the reference does: its merging of
            # duplicates depends on that order.
            if self.peek().kind == T_INDENT:
                self.take()
                # Inside a premise-conclusion structure an undercut below any
                # statement targets the inference above it, as in the reference.
                stack.append(_Frame(child, inference=fr.inference, pending=relation))
            else:
                self.raw.append(relation)

    @staticmethod
    def relate(k: int, fr: _Frame, child: NodeRef, line: int) -> _Raw:
        parent = fr.parent
        if k == T_IN_SUPPORT:
            return _Raw("support", parent, child, [line])
        if k == T_IN_ATTACK:
            return _Raw("attack", parent, child, [line])
        if k == T_OUT_SUPPORT:
            return _Raw("support", child, parent, [line])
        if k == T_OUT_ATTACK:
            return _Raw("attack", child, parent, [line])
        if k == T_CONTRADICTION:
            return _Raw("contradictory", parent, child, [line])
        if k == T_IN_UNDERCUT:
            return _Raw("undercut", parent, child, [line])
        target = fr.inference if (parent.kind == "statement" and fr.inference is not None) else parent
        return _Raw("undercut", child, target, [line])

    # ---- premise-conclusion structures

    def pcs(self, previous_argument: str | None) -> None:
        first = self.peek()
        if previous_argument is not None:
            arg = self.args[previous_argument]
            if arg.pcs is not None:
                raise self.error(
                    f"argument <{_shown(arg.title or '')}> already has a premise-conclusion structure "
                    f"(line {arg.pcs_line}); an argument can have only one",
                    first,
                )
        else:
            key = self.new_key()
            arg = self.args[key] = _Arg(key, None, first.line)
        arg.pcs = []
        arg.pcs_line = first.line
        self.pcs_statement(arg, "premise")
        tails = 0
        last_member = -1
        while self.peek().kind in (T_STATEMENT_NUMBER, T_INFERENCE_START):
            while self.peek().kind == T_STATEMENT_NUMBER:
                self.pcs_statement(arg, "premise")
            if self.peek().kind != T_INFERENCE_START:
                raise self.error(
                    "missing inference: put a line of four hyphens (----) between the premises "
                    "and the conclusion of a premise-conclusion structure"
                )
            self.inference(arg)
            if self.peek().kind != T_STATEMENT_NUMBER:
                raise self.error("missing conclusion: a numbered statement ('(2) ...') must follow the inference")
            last_member = self.pcs_statement(arg, "intermediary-conclusion")
            tails += 1
        if not tails:
            raise self.error(
                "incomplete premise-conclusion structure: it needs numbered premises, an inference "
                "(----) and a numbered conclusion, with no empty line between them",
                first,
            )
        last = arg.pcs[-1]
        arg.pcs[-1] = PcsStatement(last.key, last.number, last.line, "main-conclusion")
        ec = self.ecs[last.key]
        m = ec.members[last_member]
        ec.members[last_member] = StatementMember(
            m.text, m.line, m.is_reference, "main-conclusion", m.tags, m.data, m.data_line, m.links
        )

    def pcs_statement(self, arg: _Arg, role: str) -> int:
        """One numbered statement; returns the index of its member in its class."""
        num = self.take()
        assert arg.pcs is not None
        m = _RE_STATEMENT_NUMBER.match(num.image)
        number = int(m.group(1)) if m else len(arg.pcs) + 1
        steps = len(arg.inferences)
        frame = _Frame(NodeRef("statement", ""))
        if steps:
            frame.inference = NodeRef("inference", arg.key, steps - 1)
        ref = self.member_head(role, allow_argument=False)
        index = len(self.ecs[ref.key].members) - 1
        frame.parent = ref
        if self.peek().kind == T_INDENT:
            self.relations(ref, frame)
        arg.pcs.append(PcsStatement(ref.key, number, num.line, role))
        return index

    def inference(self, arg: _Arg) -> None:
        start = self.take()
        assert arg.pcs is not None
        rules: list[str] = []
        if self.peek().kind == T_NEWLINE and self.peek(1).kind in _FREESTYLE_TOKENS:
            self.take()
        if self.peek().kind in _FREESTYLE_TOKENS:
            while True:
                parts = []
                while self.peek().kind in _FREESTYLE_TOKENS:
                    t = self.take()
                    parts.append(_freestyle_text(t))
                rules.append("".join(parts).strip())
                if self.peek().kind != T_LIST_DELIMITER or self.peek(1).kind not in _FREESTYLE_TOKENS:
                    break
                self.take()
        if self.peek().kind == T_NEWLINE:
            self.take()
        data = None
        data_line = 0
        if self.peek().kind == T_DATA:
            d = self.take()
            data = self.data_mapping(d, "inference")
            data_line = d.line
            if self.peek().kind == T_NEWLINE:
                self.take()
        if self.peek().kind != T_INFERENCE_END:
            raise self.error(
                "unfinished inference: end it with a line of two hyphens (--), "
                "or write four hyphens (----) on one line",
                start,
            )
        self.take()
        if self.peek().kind != T_NEWLINE:
            raise self.error("an inference line must end at the end of its line")
        self.take()
        step = len(arg.inferences)
        arg.inferences.append(Inference(start.line, len(arg.pcs), tuple(rules), data, data_line))
        if self.peek().kind == T_INDENT:
            ref = NodeRef("inference", arg.key, step)
            self.relations(ref, _Frame(ref, only_undercuts=True, inference=ref))


def _freestyle_text(t: _Tok) -> str:
    if t.kind == T_ESCAPED:
        return t.image[1:]
    if t.kind == T_SPECIAL:
        return _special(t.image)
    return t.image


def _special(image: str) -> str:
    code = SHORTCODES.get(image.strip())
    if code is None:
        return image
    return code + (" " if image.endswith(" ") else "")


def _tag_of(image: str) -> str:
    return image[2 : image.rindex(")")] if image.startswith("#(") else image[1:].rstrip(" \t")


def _shown(title: str) -> str:
    return printable(shorten(title, 60))


# --------------------------------------------------------------------------- the model's derivations


def _derive(raw: list[_Raw], args: Mapping[str, _Arg], mode: str) -> list[Relation]:
    """The reference model's relations: duplicates merged, then moved off
    reconstructed arguments, then (strict) reinterpreted, then redundant
    statement-to-argument attacks dropped."""
    merged: dict[tuple[str, NodeRef, NodeRef], _Raw] = {}
    # The reference counts a relation as a duplicate when its source already
    # has one of the same type towards the same target, looking at incoming
    # relations too: so a relation from X to X merges into any earlier
    # relation of its type towards X.
    towards: dict[tuple[str, NodeRef], _Raw] = {}
    for r in raw:
        key = (r.type, r.source, r.target)
        same = merged.get(key)
        if same is None and r.type == "contradictory":
            same = merged.get((r.type, r.target, r.source))
        if same is None and r.source == r.target:
            same = towards.get((r.type, r.target))
        if same is not None:
            same.lines.extend(r.lines)
        else:
            merged[key] = r
            towards.setdefault((r.type, r.target), r)

    def main_conclusion(ref: NodeRef) -> NodeRef | None:
        if ref.kind != "argument":
            return None
        a = args[ref.key]
        return NodeRef("statement", a.pcs[-1].key) if a.pcs else None

    moved: dict[tuple[str, NodeRef, NodeRef], _Raw] = {}
    for r in merged.values():
        conclusion = main_conclusion(r.source)
        if conclusion is not None and conclusion == r.target:
            # The reference looks for a duplicate among the conclusion's own
            # relations, finds this very relation there, and drops it.
            continue
        source = conclusion or r.source
        target = r.target
        if r.type == "undercut" and target.kind == "argument" and args[target.key].pcs:
            target = NodeRef("inference", target.key, len(args[target.key].inferences) - 1)
        key = (r.type, source, target)
        same = moved.get(key)
        if same is not None:
            same.lines.extend(r.lines)
        else:
            moved[key] = _Raw(r.type, source, target, list(r.lines))

    out = list(moved.values())
    if mode == "strict":
        contrary: set[frozenset[NodeRef]] = set()
        kept = []
        for r in out:
            if r.source.kind == "statement" and r.target.kind == "statement":
                if r.type == "support":
                    r.type = "entails"
                elif r.type == "attack":
                    pair = frozenset((r.source, r.target))
                    if pair in contrary:
                        continue
                    contrary.add(pair)
                    r.type = "contrary"
            kept.append(r)
        out = kept

    opposed: dict[NodeRef, set[str]] = {}
    for r in out:
        if r.source.kind == "statement" and r.target.kind == "statement":
            if r.type == "attack":
                opposed.setdefault(r.source, set()).add(r.target.key)
            elif r.type in ("contrary", "contradictory"):
                opposed.setdefault(r.source, set()).add(r.target.key)
                opposed.setdefault(r.target, set()).add(r.source.key)
    kept = []
    for r in out:
        if r.type == "attack" and r.source.kind == "statement" and r.target.kind == "argument":
            premises = {s.key for s in args[r.target.key].pcs or () if s.role == "premise"}
            if premises & opposed.get(r.source, set()):
                continue
        kept.append(r)
    # Merged in the reference's order; listed in the document's (by first mention).
    kept.sort(key=lambda r: r.lines[0])
    return [Relation(r.type, r.source, r.target, tuple(r.lines)) for r in kept]


# --------------------------------------------------------------------------- entry point


def parse_argdown(text: str, path: str, *, mode: str | None = None) -> ArgdownDoc:
    """Parse Argdown ``text`` (read from ``path``, used in messages).

    ``mode`` is ``"loose"`` or ``"strict"`` (how relations between two
    statements are read) for a document whose front matter does not say
    (``model: {mode: ...}`` takes priority, as in the reference parser);
    None means loose, Argdown's default.  Raises
    :class:`ArgdownError` (``FILE:LINE: message``) for text over
    ``graph.load.MAX_BYTES`` bytes in UTF-8 (before any parsing), an empty
    document, and the first syntax error; never anything else for bad input.
    """
    if mode is not None and mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    # Counted in UTF-8 bytes, as the file would be; a text far over the limit is not encoded.
    far_over = len(text) > 4 * MAX_BYTES
    size = len(text) if far_over else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        shown = "" if far_over else f" {size} bytes,"
        raise ArgdownError(
            path, 1, f"file is{shown} larger than the 2 MiB limit ({MAX_BYTES} bytes); refused before parsing"
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    tokens = _Lexer(text, path).run()
    p = _Parser(tokens, path)
    p.document()
    # As in the reference, the front matter's setting takes priority.
    fm = p.front_matter if isinstance(p.front_matter, dict) else None
    model = fm.get("model") if fm else None
    wanted = model.get("mode") if isinstance(model, dict) else None
    mode = wanted if wanted in MODES else mode or "loose"
    relations = _derive(p.raw, p.args, mode)
    statements = tuple(EquivalenceClass(ec.key, ec.title, ec.line, tuple(ec.members)) for ec in p.ecs.values())
    arguments = tuple(
        ArgumentNode(a.key, a.title, a.line, tuple(a.members), tuple(a.pcs or ()), tuple(a.inferences), a.pcs_line)
        for a in p.args.values()
    )
    return ArgdownDoc(
        path=path,
        mode=mode,
        statements=statements,
        arguments=arguments,
        relations=tuple(relations),
        headings=tuple(p.headings),
        mentions=tuple(p.mentions),
        front_matter=p.front_matter if p.front_matter is not None else None,
        front_matter_line=p.front_matter_line,
        first_block=p.first_block,
    )
