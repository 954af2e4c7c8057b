"""Read and check a debate file (format ``debate/1``).

``check_debate(path)`` returns ``(debate, [])`` for a valid file and
``(None, errors)`` otherwise; ``load_debate(path)`` returns the debate or
raises ``DebateInvalid`` carrying every error.  Errors are ``DebateError``
objects printed as ``FILE:LINE: message``, sorted by line; the message starts
with the path of the offending field (``arguments[2].premises[1]: ...``, list
indexes counted from 0) where there is one.  Past :data:`MAX_ERRORS`, one
last error at the line of the next says how many more there are.

Checking never raises anything but ``DebateInvalid`` (from ``load_debate``):
unreadable, oversized, non-UTF-8, non-YAML or hostile input all become errors.
Reading the bytes is :mod:`graph.read`'s job (regular files only, capped
reads), composing them into nodes with lines :mod:`graph.yaml_nodes`'s (one
document, bounded depth, bounded alias repeats); the format's rules are here,
one method of ``_Checker`` per section of the file.

* Plain scalars keep YAML 1.1 resolution (``accepted: no`` is false), but a
  string field whose plain scalar resolves to anything else (``kind: no``,
  ``id: 12``, ``text: 2024-01-01``, ``kind: =``) is an error, never a silent
  conversion.  Every node whose tag is not plain data is reported by one
  walk (``report_tags``); every other node that does not fit its field is
  reported by the field's reader, so no field is ever dropped unreported.
* Only plain data tags are allowed (``!!python/object`` and custom tags are
  errors).  Aliases share their node; past the alias budget an alias is left
  unfollowed and reported once (see :mod:`graph.yaml_nodes`).
* ``source.text`` must name a regular file in the debate file's own folder
  (or below it) once symbolic links are resolved.  Any other name gets the
  same message whether or not something is there, and no quote is checked
  against it, so that a file cannot probe or show the server's other files.

Critical questions (an argument's ``critical_questions``: texts, or mappings
``{id, text, note}``) get ids in the namespace of statements and arguments:
the argument's id, ``-q`` and the position from 1 unless written.  They are
claimed after every argument, so a clash is reported at the question's line.
A question may be attacked and named by scenarios, but is no attacker,
premise or conclusion.

Scenario ids follow the same pattern as statement and argument ids and must be
unique among scenarios; they live in their own namespace (a scenario may share
an id with a statement), because links and the app only ever look scenarios
up by scenario id.
"""

from __future__ import annotations

import dataclasses
import difflib
import gc
import heapq
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from graph.cycles import has_cycle, name_cycles
from graph.ids import ID_PATTERN
from graph.model import (
    SCHEMES,
    STATEMENT_KINDS,
    Argument,
    Attack,
    Debate,
    DebateError,
    DebateInvalid,
    Scenario,
    Source,
    Statement,
    default_question_id,
)
from graph.read import NotRegularFile, NotUtf8, TooLarge, decode_utf8, read_capped, resolve_within
from graph.text import shorten
from graph.yaml_nodes import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    MERGE,
    NULL,
    PLAIN_TAGS,
    SEQ,
    STR,
    TIMESTAMP,
    VALUE,
    Composed,
    MappingNode,
    Node,
    RefusedAlias,
    ScalarNode,
    SequenceNode,
    YamlProblem,
    bool_of,
    compose,
    short_tag,
)

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MAX_ERRORS",
    "MAX_SOURCE_BYTES",
    "check_data",
    "check_debate",
    "load_debate",
]

FORMAT = "debate/1"
MAX_BYTES = 2 * 1024 * 1024
MAX_SOURCE_BYTES = 8 * MAX_BYTES  # a source text: 16 MiB
MAX_ERRORS = 100  # errors listed; one more says how many were left out
MAX_CYCLES_PER_TANGLE = 10  # circular-support cycles reported per strongly connected part
_NAME_SHOWN = 200  # characters of a file name shown in a message

PathLike = str | os.PathLike[str]

_TYPE_NAMES = {
    STR: "string",
    BOOL: "boolean",
    INT: "integer",
    FLOAT: "number",
    NULL: "null",
    TIMESTAMP: "date",
    MAP: "a mapping",
    SEQ: "a list",
    VALUE: "YAML 1.1 value key",
    MERGE: "YAML 1.1 merge key",
}

_TOP_KEYS = ("format", "title", "source", "thesis", "statements", "arguments", "attacks", "scenarios")
_TOP_REQUIRED = ("format", "title", "statements", "arguments")
_SOURCE_KEYS = ("text", "author", "url")
_STATEMENT_KEYS = ("id", "kind", "text", "quote", "accepted", "editorial", "note")
_ARGUMENT_KEYS = ("id", "conclusion", "premises", "scheme", "critical_questions")
_QUESTION_KEYS = ("id", "text", "note")
_ATTACK_KEYS = ("by", "target", "note")
_SCENARIO_KEYS = ("id", "title", "description", "on", "off", "unsure")
_BAD_ID = "use lowercase letters, digits and '-', starting with a letter or digit, at most 64 characters"
# What a reference of each sort must not be, when it names an argument.
_NOT_AN_ARGUMENT = {
    "statement": "; a premise must be a statement",
    "conclusion": ", not a conclusion",
    "given": "; a scenario names givens only",
    "attacker": "; an attacker must be a statement",
}
# What a reference of each sort must not be, when it names a question.
_NOT_A_QUESTION = {
    "statement": "; a premise must be a statement",
    "conclusion": ", not a conclusion",
    "attacker": "; an attacker must be a statement (a question only undercuts its own argument)",
}


def check_debate(path: PathLike) -> tuple[Debate | None, list[DebateError]]:
    """Read and check one debate file.

    Returns ``(debate, [])`` when the file is valid, else ``(None, errors)``
    with the errors found, sorted by line (ties keep discovery order): every
    one, or the first ``MAX_ERRORS`` and one saying how many more.  Never
    raises for bad input; defaults are applied (``accepted`` is true for
    givens, false for objections; conclusions get ``accepted=None``)."""
    return _guarded(os.fspath(path), lambda: _check(path))


def check_data(data: bytes, name: str) -> tuple[Debate | None, list[DebateError]]:
    """Check the bytes of a debate file that exists only in memory (an
    upload, the source a link carries), named ``name`` in every error.

    The same limits and rules as :func:`check_debate`, except that nothing
    is read from disk: a ``source.text`` is kept as written in
    ``debate.source`` but not read (``debate.source_text`` is None), so the
    quotes are not checked against it.  Never raises for bad input."""
    return _guarded(name, lambda: _check(name, data))


def _guarded(
    path: str, check: Callable[[], tuple[Debate | None, list[DebateError]]]
) -> tuple[Debate | None, list[DebateError]]:
    # Composing allocates ~10 objects per line and none of them form cycles:
    # pausing the cyclic GC halves the time on large files.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        debate, errors = check()
    finally:
        if gc_was_enabled:
            gc.enable()
    if debate is None and not errors:
        # A refusal must always say why (an empty DebateInvalid prints
        # nothing).  Every path reports; this guards future ones.
        errors = [DebateError(path, 1, "refused without a reason (a bug in the checker; please report it)")]
    return debate, errors


def load_debate(path: PathLike) -> Debate:
    """The debate in ``path``; raises ``DebateInvalid`` (``.errors``: all of them, by line)."""
    debate, errors = check_debate(path)
    if debate is None:
        raise DebateInvalid(errors)
    return debate


def _check(path: PathLike, data: bytes | None = None) -> tuple[Debate | None, list[DebateError]]:
    checker = _Checker(os.fspath(path), data)
    debate = checker.check_file()
    return debate, checker.errors.listed()


# --------------------------------------------------------------------------- errors


class _Errors:
    """The errors of one file: every one counted, only the first
    ``MAX_ERRORS + 1`` by (line, discovery order) kept, so that a file with
    a million mistakes holds no million messages."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0
        # (-line, -order, message): the root of this heap is the kept error
        # that comes last, the one to drop when a better one arrives.
        self._kept: list[tuple[int, int, str]] = []

    def add(self, line: int, message: str) -> None:
        entry = (-line, -self.count, message)
        self.count += 1
        if len(self._kept) <= MAX_ERRORS:
            heapq.heappush(self._kept, entry)
        else:
            heapq.heappushpop(self._kept, entry)

    def listed(self) -> list[DebateError]:
        """The kept errors by line, the one past ``MAX_ERRORS`` replaced by a count."""
        kept = sorted((-line, -order, message) for line, order, message in self._kept)
        listed = [DebateError(self.path, line, message) for line, _, message in kept[:MAX_ERRORS]]
        if self.count > MAX_ERRORS:
            more = self.count - MAX_ERRORS
            plural = "s" if more != 1 else ""
            listed.append(
                DebateError(
                    self.path,
                    kept[MAX_ERRORS][0],
                    f"and {more} more error{plural} "
                    f"(only the first {MAX_ERRORS} are listed; fix those and check again)",
                )
            )
        return listed


# --------------------------------------------------------------------------- reading


def _describe(node: Node, hint: bool = True) -> str:
    """How a wrong-typed value is named in a message."""
    name = _TYPE_NAMES.get(node.tag, f"tag {node.tag}")
    if isinstance(node, ScalarNode):
        if node.tag == NULL and node.value in ("", "~"):
            return "nothing"
        value = shorten(node.value, 40)
        if node.tag == STR:
            return f"string '{value}'"
        return f"{name} '{value}'" + (" (quote it)" if hint else "")
    return name


def _prefixed(where: str, message: str) -> str:
    return f"{where}: {message}" if where else message


def _field(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class _Reader:
    """Typed access to composed nodes; whatever does not fit is reported."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors = _Errors(path)

    def err(self, where: Node | int, message: str) -> None:
        self.errors.add(where if isinstance(where, int) else where.line, message)

    def report_tags(self, node: Node, where: str) -> None:
        """Report every tag that is not plain data under ``node`` (each node
        visited once, however many aliases share it)."""
        seen: set[int] = set()
        todo = [(node, where)]
        while todo:
            n, path = todo.pop()
            if id(n) in seen:
                continue
            seen.add(id(n))
            if n.tag not in PLAIN_TAGS and not isinstance(n, RefusedAlias):  # that one is reported already
                self.err(
                    n,
                    f"{path or 'the top level'}: tag '{short_tag(n.tag)}' is not plain data"
                    " (only strings, numbers, booleans, lists and mappings are allowed)",
                )
            if isinstance(n, SequenceNode):
                todo.extend((v, f"{path or 'the top level'}[{i}]") for i, v in enumerate(n.value))
            elif isinstance(n, MappingNode):
                for k, v in n.value:
                    todo.append((k, path))
                    todo.append((v, _field(path, k.value if isinstance(k, ScalarNode) else "?")))

    def fields(
        self, node: MappingNode, where: str, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, Node]:
        """The fields of a mapping: unknown, duplicate and missing keys reported."""
        fields: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        for k, v in node.value:
            key = self.field_name(k, where)
            if key is None:
                continue
            if key in first_line:
                self.err(k, _prefixed(where, f"duplicate key '{key}' (first at line {first_line[key]})"))
                continue
            first_line[key] = k.line
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                more = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(allowed)})"
                kind = "field" if where else "top-level key"
                self.err(k, _prefixed(where, f"unknown {kind} '{key}'{more}"))
                continue
            fields[key] = v
        for key in required:
            if key not in fields and key not in first_line:
                missing = f"{where}: missing required field '{key}'" if where else f"missing top-level key '{key}'"
                self.err(node, missing)
        return fields

    def field_name(self, key: Node, where: str) -> str | None:
        """A key's text, taken as written (YAML 1.1 reads a plain ``on:`` or
        ``off:`` key as a boolean, but the format's keys are words); None
        after reporting a key that is no field name."""
        if type(key) is ScalarNode and key.tag == MERGE:
            self.err(key, _prefixed(where, "merge keys ('<<') are not supported; write the fields out"))
            return None
        if type(key) is not ScalarNode or key.tag not in PLAIN_TAGS:
            if key.tag in PLAIN_TAGS:  # else report_tags reports it
                self.err(key, _prefixed(where, f"a key must be a field name, got {_describe(key)}"))
            return None
        return key.value

    def string(self, fields: dict[str, Node], key: str, where: str, *, nonempty: bool = False) -> str | None:
        """The string in ``fields[key]``; None if absent or reported."""
        node = fields.get(key)
        if node is None:
            return None
        if type(node) is ScalarNode and node.tag == STR:
            if nonempty and not node.value.strip():
                self.err(node, f"{_field(where, key)}: must not be empty")
                return None
            return node.value
        if node.tag in PLAIN_TAGS:
            self.err(node, f"{_field(where, key)}: expected a string, got {_describe(node)}")
        return None

    def boolean(self, fields: dict[str, Node], key: str, where: str) -> bool | None:
        """The boolean in ``fields[key]``; None if absent or reported."""
        node = fields.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            value = bool_of(node.value)
            if value is not None:
                return value
            # Only an explicit `!!bool` can carry another word (`!!bool maybe`):
            # it is no boolean, and must not quietly count as false.
            self.err(
                node,
                f"{where}.{key}: expected true or false, got !!bool '{shorten(node.value, 40)}' (not a boolean value)",
            )
            return None
        if node.tag in PLAIN_TAGS:
            self.err(node, f"{where}.{key}: expected true or false, got {_describe(node, hint=False)}")
        return None

    def sequence(self, node: Node | None, name: str) -> list[Node] | None:
        """The items of a list node; None if absent or reported."""
        if node is None:
            return None
        if isinstance(node, SequenceNode) and node.tag == SEQ:
            return node.value
        if node.tag in PLAIN_TAGS:
            extra = " (write [] for none)" if node.tag == NULL else ""
            self.err(node, f"{name}: expected a list, got {_describe(node)}{extra}")
        return None

    def string_list(self, fields: dict[str, Node], key: str, where: str) -> list[tuple[str, Node, int]] | None:
        """(value, node, index) for each string item; wrong items reported."""
        items = self.sequence(fields.get(key), f"{where}.{key}")
        if items is None:
            return None
        out: list[tuple[str, Node, int]] = []
        for i, item in enumerate(items):
            if isinstance(item, ScalarNode) and item.tag == STR:
                out.append((item.value, item, i))
            elif item.tag in PLAIN_TAGS:
                self.err(item, f"{where}.{key}[{i}]: expected a string, got {_describe(item)}")
        return out

    def items(self, fields: dict[str, Node], key: str) -> Iterator[tuple[str, MappingNode]]:
        """(where, mapping) for each item of the list ``fields[key]``; an
        item that is no mapping is reported."""
        for i, item in enumerate(self.sequence(fields.get(key), key) or ()):
            where = f"{key}[{i}]"
            if isinstance(item, MappingNode) and item.tag == MAP:
                yield where, item
            elif item.tag in PLAIN_TAGS:
                self.err(item, f"{where}: expected a mapping (id: ..., ...), got {_describe(item)}")


# --------------------------------------------------------------------------- the rules


class _PendingQuestion(NamedTuple):
    """A critical question read, its id not yet claimed (arguments claim theirs first)."""

    id: str | None  # None when its id is wrong (reported)
    node: Node  # where its id is (or would be) written
    written: bool  # whether the file wrote the id (else it is the default)
    where: str
    text: str | None
    note: str | None


class _Pending(NamedTuple):
    """An argument read, its references not yet checked (they may point forward)."""

    argument: Argument | None  # None when the argument itself is wrong
    where: str
    conclusion: tuple[str, Node] | None
    premises: list[tuple[str, Node, int]]
    questions: list[_PendingQuestion]


class _Checker(_Reader):
    """The rules of ``debate/1``, one method per section of the file."""

    def __init__(self, path: str, data: bytes | None = None) -> None:
        super().__init__(path)
        self.data = data  # the file's bytes when it is in memory only (nothing is read from disk)
        self.ids: dict[str, tuple[str, int]] = {}  # id -> ("statement"|"argument"|"question", line)
        # Ids already reported as malformed: references to them are not
        # reported again as naming nothing.
        self.bad_ids: set[str] = set()
        self.kind_of: dict[str, str] = {}  # statement id -> kind, for statements that loaded
        self.statement_at: dict[str, tuple[str, MappingNode]] = {}  # id -> (where, item)

    # ---- the file

    def check_file(self) -> Debate | None:
        """The debate, or None with every problem reported."""
        text = self.read_file()
        if text is None:
            return None
        try:
            composed = compose(text)
        except YamlProblem as e:
            self.err(e.line, e.message)
            return None
        for line, message in composed.problems:
            self.err(line, message)
        root = self.root(composed)
        return None if root is None else self.check_root(root, composed.all_plain)

    def read_file(self) -> str | None:
        try:
            if self.data is None:
                data = read_capped(self.path, MAX_BYTES)
            elif len(self.data) > MAX_BYTES:
                raise TooLarge(len(self.data))
            else:
                data = self.data
            return decode_utf8(data, strip_bom=True)
        except OSError as e:
            self.err(1, f"cannot read file: {e.strerror or e}")
        except NotRegularFile as e:
            self.err(1, f"cannot read file: {e}")
        except TooLarge as e:
            size = "" if e.size is None else f" {e.size} bytes,"
            self.err(1, f"file is{size} larger than the 2 MiB limit ({MAX_BYTES} bytes); refused before parsing")
        except NotUtf8 as e:
            self.err(e.line, f"not UTF-8: byte 0x{e.byte:02x} cannot be decoded (save the file as UTF-8)")
        return None

    def root(self, composed: Composed) -> MappingNode | None:
        root = composed.root
        if root is None:
            self.err(1, "the file is empty (expected 'format: debate/1' and the rest)")
            return None
        if isinstance(root, MappingNode) and root.tag == MAP:
            return root
        if root.tag not in PLAIN_TAGS:
            self.report_tags(root, "")
        else:
            self.err(
                root, f"the top level must be a mapping (format:, title:, statements:, ...), got {_describe(root)}"
            )
        return None

    def check_root(self, root: MappingNode, all_plain: bool) -> Debate | None:
        """Every section in file order (which fixes the order of errors on one line)."""
        top, title = self.top_level(root, all_plain)
        source, source_text, quotable = self.source(top)
        statements, quotes = self.statements(top)
        if quotable:
            self.quotes(quotes, source, source_text)
        arguments = self.arguments(top, statements)
        attacks = self.attacks(top)
        thesis = self.thesis(top)
        scenarios = self.scenarios(top)
        self.circular_support(statements, arguments)
        if self.errors.count or title is None:
            return None
        return Debate(
            path=self.path,
            title=title,
            statements=tuple(statements),
            arguments=tuple(arguments),
            attacks=tuple(attacks),
            scenarios=tuple(scenarios),
            thesis=thesis,
            source=source,
            source_text=source_text,
        )

    # ---- top level

    def top_level(self, root: MappingNode, all_plain: bool) -> tuple[dict[str, Node], str | None]:
        """The top-level fields and the title; the format checked."""
        top = self.fields(root, "", _TOP_KEYS, _TOP_REQUIRED)
        if not all_plain:  # walk again only to say where
            self.report_tags(root, "")
        fmt = self.string(top, "format", "")
        if fmt is not None and fmt != FORMAT:
            self.err(top["format"], f"format: expected '{FORMAT}', got '{shorten(fmt, 40)}'")
        return top, self.string(top, "title", "", nonempty=True)

    def thesis(self, top: dict[str, Node]) -> str | None:
        thesis = self.string(top, "thesis", "")
        if thesis is not None:
            self.ref(thesis, top["thesis"], "thesis", "conclusion")
        return thesis

    # ---- source

    def source(self, top: dict[str, Node]) -> tuple[Source | None, str | None, bool]:
        """The source, its text (None when there is none) and whether quotes
        can be checked: not when a source text was named but is unusable
        (reported already; a quote error would only repeat it)."""
        node = top.get("source")
        if node is None:
            return None, None, True
        if not (isinstance(node, MappingNode) and node.tag == MAP):
            if node.tag not in PLAIN_TAGS:
                return None, None, True  # report_tags said why
            self.err(node, f"source: expected a mapping (text:, author:, url:), got {_describe(node)}")
            return None, None, False
        f = self.fields(node, "source", _SOURCE_KEYS, ())
        name = self.string(f, "text", "source", nonempty=True)
        source = Source(
            line=node.line, text=name, author=self.string(f, "author", "source"), url=self.string(f, "url", "source")
        )
        if name is None:
            return source, None, "text" not in f
        if self.data is not None:  # in memory only: there is no folder to read it from
            return source, None, False
        text = self.source_text(name, f["text"])
        return source, text, text is not None

    def source_text(self, name: str, node: Node) -> str | None:
        """The source text ``name`` names, or None after reporting at ``node``.

        A name outside the debate file's folder gets one message, whatever
        is (or is not) there: nothing outside is ever opened."""
        shown = shorten(name, _NAME_SHOWN)
        try:
            path = resolve_within(str(Path(self.path).parent), name)
        except ValueError as e:
            self.err(node, f"source.text: cannot read '{shown}': {e}")
            return None
        if path is None:
            self.err(
                node,
                f"source.text: '{shown}' is outside the debate file's folder"
                " (the source text must be a file in the same folder, or in a folder below it)",
            )
            return None
        try:
            # Resolved already: a link put in its place since is not followed.
            return decode_utf8(read_capped(path, MAX_SOURCE_BYTES, follow_symlinks=False))
        except OSError as e:
            self.err(node, f"source.text: cannot read '{shown}': {e.strerror or e}")
        except NotRegularFile as e:
            self.err(node, f"source.text: cannot read '{shown}': {e}")
        except TooLarge as e:
            size = "" if e.size is None else f" {e.size} bytes,"
            self.err(node, f"source.text: '{shown}' is{size} larger than the 16 MiB limit for a source text")
        except NotUtf8:
            self.err(node, f"source.text: '{shown}' is not UTF-8 text")
        return None

    # ---- statements

    def statements(self, top: dict[str, Node]) -> tuple[list[Statement], list[tuple[str, Node, str]]]:
        """The statements that loaded, and every (quote, its node, where) written."""
        statements: list[Statement] = []
        quotes: list[tuple[str, Node, str]] = []
        for where, item in self.items(top, "statements"):
            statement = self.statement(where, item, quotes)
            if statement is not None:
                statements.append(statement)
                self.kind_of[statement.id] = statement.kind
        return statements, quotes

    def quotes(self, quotes: Sequence[tuple[str, Node, str]], source: Source | None, text: str | None) -> None:
        """Each quote must be an exact substring of the source text."""
        for quote, node, where in quotes:
            if text is None:
                self.err(node, f"{where}.quote: a quote needs a source text (add source: text: FILE)")
            elif quote not in text:
                name = shorten(source.text or "", _NAME_SHOWN) if source else ""
                self.err(
                    node,
                    f"{where}.quote: not found in '{name}' (a quote must be an exact substring of the source text)",
                )

    def statement(self, where: str, item: MappingNode, quotes: list[tuple[str, Node, str]]) -> Statement | None:
        """One statement, or None when it is wrong; its quote added to ``quotes``."""
        f = self.fields(item, where, _STATEMENT_KEYS, ("id", "kind", "text"))
        sid = self.check_id(f, where)
        kind = self.string(f, "kind", where)
        if kind is not None and kind not in STATEMENT_KINDS:
            self.err(
                f["kind"],
                f"{where}.kind: unknown kind '{shorten(kind, 40)}'"
                " (expected premise, analogy, example, objection or conclusion)",
            )
            kind = None
        text = self.string(f, "text", where, nonempty=True)
        quote = self.string(f, "quote", where, nonempty=True)
        accepted = self.boolean(f, "accepted", where)
        editorial = self.boolean(f, "editorial", where)
        note = self.string(f, "note", where)
        if kind == "conclusion" and "accepted" in f:
            self.err(
                f["accepted"], f"{where}.accepted: a conclusion has no 'accepted' (it holds only through its arguments)"
            )
        if quote is not None:
            quotes.append((quote, f["quote"], where))
        if sid is None or not self.claim(sid, f.get("id", item), where, "statement"):
            return None
        self.statement_at[sid] = (where, item)
        if kind is None or text is None:
            return None
        if kind == "conclusion":
            accepted = None
        elif accepted is None:
            accepted = kind != "objection"
        return Statement(
            id=sid,
            kind=kind,
            text=text,
            line=item.line,
            quote=quote,
            accepted=accepted,
            editorial=bool(editorial),
            note=note,
        )

    # ---- arguments

    def arguments(self, top: dict[str, Node], statements: Sequence[Statement]) -> list[Argument]:
        """The arguments whose every reference resolved; conclusions without
        an argument reported."""
        pending = [self.argument(where, item) for where, item in self.items(top, "arguments")]
        # Questions claim their ids once every argument has, so that a clash
        # is always reported at the question's line.
        pending = [self.claim_questions(p) for p in pending]
        # References are checked once every id is known (forward references are fine).
        good = [p.argument for p in pending if self.argument_refs(p) and p.argument is not None]
        concluded = {p.conclusion[0] for p in pending if p.conclusion is not None}
        for s in statements:
            if s.kind == "conclusion" and s.id not in concluded:
                where, item = self.statement_at[s.id]
                self.err(item, f"{where}: conclusion '{s.id}' has no argument (add one, or make it a premise)")
        return good

    def argument(self, where: str, item: MappingNode) -> _Pending:
        f = self.fields(item, where, _ARGUMENT_KEYS, ("id", "conclusion", "premises"))
        aid = self.check_id(f, where)
        if aid is not None and not self.claim(aid, f.get("id", item), where, "argument"):
            aid = None
        conclusion = self.string(f, "conclusion", where)
        premises = self.string_list(f, "premises", where)
        ok = conclusion is not None and premises is not None
        written = f.get("premises")
        if premises == [] and isinstance(written, SequenceNode) and not written.value:
            self.err(written, f"{where}.premises: an argument needs at least one premise")
            ok = False
        scheme = self.string(f, "scheme", where)
        if scheme is not None and scheme not in SCHEMES:
            self.err(
                f["scheme"],
                f"{where}.scheme: unknown scheme '{shorten(scheme, 40)}'"
                f" (expected {', '.join(SCHEMES[:-1])} or {SCHEMES[-1]})",
            )
        questions = self.questions(f, where, aid)
        argument = None
        if aid is not None and conclusion is not None and premises is not None and ok:
            argument = Argument(
                id=aid,
                conclusion=conclusion,
                premises=tuple(p for p, _, _ in premises),
                line=item.line,
                scheme=scheme if scheme in SCHEMES else None,
            )
        return _Pending(
            argument, where, None if conclusion is None else (conclusion, f["conclusion"]), premises or [], questions
        )

    def questions(self, f: dict[str, Node], where: str, aid: str | None) -> list[_PendingQuestion]:
        """The argument's critical questions as written: a string (id: the
        argument's id, ``-q``, its position from 1) or a mapping with
        ``text`` and optionally ``id`` and ``note``; wrong items reported."""
        items = self.sequence(f.get("critical_questions"), f"{where}.critical_questions")
        out: list[_PendingQuestion] = []
        for j, item in enumerate(items or ()):
            name = f"{where}.critical_questions[{j}]"
            if isinstance(item, ScalarNode) and item.tag == STR:
                qid = None
                if aid is not None:
                    qid = default_question_id(aid, j + 1)
                    if not ID_PATTERN.fullmatch(qid):
                        self.bad_ids.add(qid)
                        self.err(
                            item,
                            f"{name}: bad id '{shorten(qid, 70)}' (the argument's id, '-q' and"
                            f" the position): {_BAD_ID}; write the question as {{id: ..., text: ...}}",
                        )
                        qid = None
                out.append(_PendingQuestion(qid, item, False, name, item.value, None))
            elif isinstance(item, MappingNode) and item.tag == MAP:
                qf = self.fields(item, name, _QUESTION_KEYS, ("text",))
                qid = (
                    self.check_id(qf, name)
                    if "id" in qf
                    else (None if aid is None else default_question_id(aid, j + 1))
                )
                if "id" not in qf and qid is not None and not ID_PATTERN.fullmatch(qid):
                    self.bad_ids.add(qid)
                    self.err(
                        item,
                        f"{name}: bad id '{shorten(qid, 70)}' (the argument's id, '-q' and"
                        f" the position): {_BAD_ID}; give the question an id",
                    )
                    qid = None
                out.append(
                    _PendingQuestion(
                        qid,
                        qf.get("id", item),
                        "id" in qf,
                        name,
                        self.string(qf, "text", name, nonempty=True),
                        self.string(qf, "note", name),
                    )
                )
            elif item.tag in PLAIN_TAGS:
                self.err(item, f"{name}: expected a string or a mapping (id: ..., text: ...), got {_describe(item)}")
        return out

    def claim_questions(self, pending: _Pending) -> _Pending:
        """Claim the ids of the argument's questions; the argument (when it
        loaded) gets the questions whose id and text are right, or is
        dropped when any is wrong."""
        good: list[_PendingQuestion] = []
        for q in pending.questions:
            if q.id is None:
                continue
            if not q.written and q.id in self.ids:
                # The default id clashes: say where it came from.
                self.err(
                    q.node,
                    f"{q.where}: the question's id '{q.id}' (the argument's id, '-q' and the position)"
                    f" is already used at line {self.ids[q.id][1]}; give the question an id"
                    " ({id: ..., text: ...})",
                )
            elif self.claim(q.id, q.node, q.where, "question") and q.text is not None:
                good.append(q)
        argument = pending.argument
        if argument is not None:
            if len(good) == len(pending.questions):
                # Default ids and absent notes are left out (empty tuples), so
                # that a loaded argument equals one built with texts alone.
                ids = tuple(q.id or "" if q.written else "" for q in good)
                notes = tuple(q.note for q in good)
                argument = dataclasses.replace(
                    argument,
                    critical_questions=tuple(q.text or "" for q in good),
                    question_ids=ids if any(ids) else (),
                    question_notes=notes if any(n is not None for n in notes) else (),
                    question_lines=tuple(q.node.line for q in good),
                )
            else:
                argument = None
        return pending._replace(argument=argument)

    def argument_refs(self, pending: _Pending) -> bool:
        """Whether the argument's conclusion and premises all name what they must."""
        ok = pending.conclusion is not None and self.ref(
            pending.conclusion[0], pending.conclusion[1], f"{pending.where}.conclusion", "conclusion"
        )
        for value, node, j in pending.premises:
            ok = self.ref(value, node, f"{pending.where}.premises[{j}]", "statement") and ok
        return ok

    # ---- attacks

    def attacks(self, top: dict[str, Node]) -> list[Attack]:
        attacks: list[Attack] = []
        for where, item in self.items(top, "attacks"):
            f = self.fields(item, where, _ATTACK_KEYS, ("by", "target"))
            by = self.string(f, "by", where)
            target = self.string(f, "target", where)
            note = self.string(f, "note", where)
            ok = by is not None and self.ref(by, f["by"], f"{where}.by", "attacker")
            ok = target is not None and self.ref(target, f["target"], f"{where}.target", "node") and ok
            if ok and by is not None and target is not None:
                attacks.append(Attack(by=by, target=target, line=item.line, note=note))
        return attacks

    # ---- scenarios (own id namespace; see the module docstring)

    def scenarios(self, top: dict[str, Node]) -> list[Scenario]:
        scenarios: list[Scenario] = []
        first_line: dict[str, int] = {}
        for where, item in self.items(top, "scenarios"):
            f = self.fields(item, where, _SCENARIO_KEYS, ("id", "title"))
            sid = self.check_id(f, where)
            if sid is not None and sid in first_line:
                self.err(f["id"], f"{where}.id: duplicate scenario id '{sid}' (first used at line {first_line[sid]})")
                sid = None
            elif sid is not None:
                first_line[sid] = f["id"].line
            title = self.string(f, "title", where, nonempty=True)
            description = self.string(f, "description", where)
            named: dict[str, tuple[str, int]] = {}  # given -> (list, line) where first named
            on, on_ok = self.givens(f, "on", where, named)
            off, off_ok = self.givens(f, "off", where, named)
            unsure, unsure_ok = self.givens(f, "unsure", where, named)
            if sid is not None and title is not None and on_ok and off_ok and unsure_ok:
                scenarios.append(
                    Scenario(
                        id=sid, title=title, line=item.line, description=description, on=on, off=off, unsure=unsure
                    )
                )
        return scenarios

    def givens(
        self, f: dict[str, Node], key: str, where: str, named: dict[str, tuple[str, int]]
    ) -> tuple[tuple[str, ...], bool]:
        """A scenario's list ``key`` and whether it is right: givens only,
        none already ``named`` in this scenario."""
        values = self.string_list(f, key, where)
        if values is None:
            return (), key not in f
        keep: list[str] = []
        ok = True
        for value, node, j in values:
            name = f"{where}.{key}[{j}]"
            if not self.ref(value, node, name, "given"):
                ok = False
            elif value in named:
                first_key, first_line = named[value]
                self.err(
                    node,
                    f"{name}: '{value}' is named twice in this scenario (first in '{first_key}' at line {first_line})",
                )
                ok = False
            else:
                named[value] = (key, node.line)
                keep.append(value)
        return tuple(keep), ok

    # ---- circular support (only over arguments whose links all resolved)

    def circular_support(self, statements: Sequence[Statement], arguments: Sequence[Argument]) -> None:
        """Report each cycle of premise -> argument -> conclusion links, at
        the line of its first node in file order."""
        rank: dict[str, int] = {}
        line: dict[str, int] = {}
        for node_id, node_line in [(s.id, s.line) for s in statements] + [(a.id, a.line) for a in arguments]:
            rank.setdefault(node_id, len(rank))
            line.setdefault(node_id, node_line)
        edges: list[tuple[str, str]] = []
        for a in arguments:
            edges.append((a.id, a.conclusion))
            edges.extend((p, a.id) for p in a.premises)
        successors: dict[str, list[str]] = {}
        for source, target in edges:
            successors.setdefault(source, []).append(target)
        if not has_cycle(successors):
            return
        found = [(line.get(cycle[0], 1), cycle) for cycle in name_cycles(edges, rank, MAX_CYCLES_PER_TANGLE)]
        for at, cycle in sorted(found):
            self.err(at, f"circular support: {' -> '.join(cycle)} (each link supports the next, so none can hold)")

    # ---- ids and references

    def check_id(self, fields: dict[str, Node], where: str) -> str | None:
        """The item's id when it is well formed; None if absent or reported."""
        value = self.string(fields, "id", where)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.bad_ids.add(value)
            self.err(fields["id"], f"{where}.id: bad id '{shorten(value, 70)}': {_BAD_ID}")
            return None
        return value

    def claim(self, value: str, node: Node, where: str, sort: str) -> bool:
        """Record ``value`` as the id of a statement or argument; False
        (reported) when it is taken."""
        if value in self.ids:
            self.err(node, f"{where}.id: duplicate id '{value}' (first used at line {self.ids[value][1]})")
            return False
        self.ids[value] = (sort, node.line)
        return True

    def ref(self, value: str, node: Node, name: str, want: str) -> bool:
        """Whether ``value`` names the sort of thing wanted: "statement",
        "conclusion", "given", "attacker" (a statement) or "node" (a
        statement or argument); reported when not."""
        sort = self.ids.get(value, (None, 0))[0]
        if sort is None:
            if value not in self.bad_ids:  # else that id has its own error
                what = "statement or argument" if want == "node" else "statement"
                self.err(node, f"{name}: '{shorten(value, 70)}' names no {what}")
            return False
        if sort == "argument":
            if want != "node":
                self.err(node, f"{name}: '{value}' is an argument{_NOT_AN_ARGUMENT[want]}")
            return want == "node"
        if sort == "question":
            if want not in ("node", "given"):
                self.err(node, f"{name}: '{value}' is a question{_NOT_A_QUESTION[want]}")
            return want in ("node", "given")
        kind = self.kind_of.get(value)
        if kind is None:
            return False  # that statement has its own error
        if want == "conclusion" and kind != "conclusion":
            self.err(node, f"{name}: '{value}' is a{'n' if kind[0] in 'aeo' else ''} {kind}, not a conclusion")
            return False
        if want == "given" and kind == "conclusion":
            self.err(node, f"{name}: '{value}' is a conclusion; a scenario names givens only")
            return False
        return True
