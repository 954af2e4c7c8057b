"""Read and check a debate file (format ``debate/1``).

``check_debate(path)`` returns ``(debate, [])`` for a valid file and
``(None, errors)`` otherwise; ``load_debate(path)`` returns the debate or
raises ``DebateInvalid`` carrying every error.  Errors are ``DebateError``
objects printed as ``FILE:LINE: message``, sorted by line; the message starts
with the path of the offending field (``arguments[2].premises[1]: ...``, list
indexes counted from 0) where there is one.

Checking never raises anything but ``DebateInvalid`` (from ``load_debate``):
unreadable, oversized, non-UTF-8, non-YAML or hostile input all become errors.

How the YAML is read, and why:

* Only regular files are read (a FIFO would block, a device never ends), and
  never more than the limit plus one byte: over 2 MiB is refused before a
  byte is parsed, even if the file grows while it is read.
* libyaml (``CSafeLoader``) produces the event stream; a small iterative
  composer here turns it into nodes.  PyYAML's own composers recurse (the C
  one crashes the interpreter on deep nesting) and silently keep the last of
  duplicate keys.  Nesting deeper than ``MAX_DEPTH`` is refused as soon as
  its start event streams by, so nothing deep is ever built (and libyaml,
  quadratic in flow depth, never gets far into it).
* Plain scalars keep YAML 1.1 resolution (``accepted: no`` is false), but a
  string field whose plain scalar resolves to anything else (``kind: no``,
  ``id: 12``, ``text: 2024-01-01``, ``kind: =``) is an error, never a silent
  conversion.  Every node whose tag is not plain data is reported by one
  walk (``tags_ok``); every other node that does not fit its field is
  reported by the field's reader, so no field is ever dropped unreported.
* Only plain data tags are allowed (``!!python/object`` and custom tags are
  errors); aliases are followed without expansion, so alias bombs cost
  nothing.

Scenario ids follow the same pattern as statement and argument ids and must be
unique among scenarios; they live in their own namespace (a scenario may share
an id with a statement), because links and the app only ever look scenarios
up by scenario id.
"""
from __future__ import annotations

import difflib
import gc
import os
import re
import stat
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence, Union

import yaml

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
)

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_SOURCE_BYTES",
    "ID_PATTERN",
    "check_debate",
    "load_debate",
]

FORMAT = "debate/1"
MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64  # nesting levels; a debate file needs 4
MAX_SOURCE_BYTES = 8 * MAX_BYTES  # a source text: 16 MiB
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
MAX_CYCLES_PER_TANGLE = 10  # circular-support cycles reported per strongly connected part

PathLike = Union[str, "os.PathLike[str]"]

_T = "tag:yaml.org,2002:"
STR, BOOL, INT, FLOAT, NULL = _T + "str", _T + "bool", _T + "int", _T + "float", _T + "null"
MAP, SEQ = _T + "map", _T + "seq"
# YAML 1.1 resolves a plain `=` and `<<` to these: kept as data so the
# field readers name them in a wrong-type error, like `no` or `12` (no field
# accepts them, so a written `!!value`/`!!merge` is refused the same way).
VALUE, MERGE = _T + "value", _T + "merge"
_PLAIN_TAGS = {STR, BOOL, INT, FLOAT, NULL, MAP, SEQ, _T + "timestamp", VALUE, MERGE}
_TYPE_NAMES = {
    STR: "string",
    BOOL: "boolean",
    INT: "integer",
    FLOAT: "number",
    NULL: "null",
    _T + "timestamp": "date",
    MAP: "a mapping",
    SEQ: "a list",
    VALUE: "YAML 1.1 value key",
    MERGE: "YAML 1.1 merge key",
}
# The words PyYAML reads as booleans (compared lowercased, as PyYAML does);
# an explicit `!!bool` may carry any other word.
_BOOL_VALUES: dict[str, bool] = dict(yaml.constructor.SafeConstructor.bool_values)

_TOP_KEYS = ("format", "title", "source", "thesis", "statements", "arguments", "attacks", "scenarios")
_TOP_REQUIRED = ("format", "title", "statements", "arguments")
_SOURCE_KEYS = ("text", "author", "url")
_STATEMENT_KEYS = ("id", "kind", "text", "quote", "accepted", "editorial", "note")
_ARGUMENT_KEYS = ("id", "conclusion", "premises", "scheme", "critical_questions")
_ATTACK_KEYS = ("by", "target", "note")
_SCENARIO_KEYS = ("id", "title", "description", "on", "off", "unsure")


# --------------------------------------------------------------------------- YAML


class _YamlProblem(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _last_line(text: str) -> int:
    """The number of the file's last line (1 for an empty file): a final
    newline ends the last line, it does not start another."""
    return max(text.count("\n") + (not text.endswith("\n")), 1)


def _line_of_position(text: str, position: int) -> int:
    return min(text.count("\n", 0, max(position, 0)) + 1, _last_line(text))


class Node:
    """A composed YAML node: resolved ``tag``, ``value`` and 1-based ``line``."""

    __slots__ = ("tag", "value", "line")

    def __init__(self, tag: str, value, line: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line


class ScalarNode(Node):
    __slots__ = ()


class SequenceNode(Node):
    __slots__ = ()  # value: list of nodes


class MappingNode(Node):
    __slots__ = ()  # value: list of (key node, value node), duplicates kept


def _scalar_tag_resolver() -> "Callable[[str], str]":
    """Plain scalar -> its YAML 1.1 tag, as PyYAML's SafeLoader resolves it
    (memoised: debate files repeat the same words)."""
    table = yaml.resolver.Resolver.yaml_implicit_resolvers
    memo: dict[str, str] = {}

    def resolve(value: str) -> str:
        tag = memo.get(value)
        if tag is None:
            tag = STR
            for candidate, regexp in table.get(value[:1] if value else "", ()):
                if regexp.match(value):
                    tag = candidate
                    break
            memo[value] = tag
        return tag

    return resolve


def _compose(text: str) -> tuple[Node | None, bool]:
    """The single document's root node (None for an empty stream), and
    whether every tag in it is plain data.

    Raises _YamlProblem for anything that is not one YAML document, or that
    nests deeper than MAX_DEPTH (checked on each start event, before the
    node is built, so deep input costs nothing and crashes nothing)."""
    resolve = _scalar_tag_resolver()
    # libyaml marks an empty value at the next token, which can be past the
    # end (a file of just `---`): no line after the last one is reported.
    last = _last_line(text)

    def line_of(mark: yaml.Mark) -> int:
        line = mark.line + 1
        return line if line <= last else last

    plain_tags = _PLAIN_TAGS
    anchors: dict[str, Node] = {}
    # Open collections: [node, anchor, key waiting for its value (mappings)].
    stack: list[list] = []
    root: Node | None = None
    documents = 0
    all_plain = True
    loader = yaml.CSafeLoader(text)
    ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
    MappingStartEvent, SequenceStartEvent = yaml.MappingStartEvent, yaml.SequenceStartEvent
    MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
    get_event = loader.get_event
    try:
        while True:
            ev = get_event()
            if ev is None:
                break
            cls = type(ev)
            if cls is ScalarEvent:
                tag = ev.tag
                if tag is None or tag == "!":
                    tag = resolve(ev.value) if ev.implicit[0] else STR
                # Whatever produced the tag (written or resolved), a tag
                # outside plain data must reach tags_ok: the field readers
                # leave such nodes to it.
                if tag not in plain_tags:
                    all_plain = False
                node = ScalarNode(tag, ev.value, line_of(ev.start_mark))
                if ev.anchor:
                    anchors[ev.anchor] = node
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _YamlProblem(line_of(ev.start_mark), f"not YAML this checker accepts: nested deeper than {MAX_DEPTH} levels")
                is_map = cls is MappingStartEvent
                tag = ev.tag
                if tag is None or tag == "!":
                    tag = MAP if is_map else SEQ
                if tag not in plain_tags:
                    all_plain = False
                node = (MappingNode if is_map else SequenceNode)(tag, [], line_of(ev.start_mark))
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                node, anchor, _ = stack.pop()
                if anchor:
                    anchors[anchor] = node
                continue
            elif cls is AliasEvent:
                node = anchors.get(ev.anchor)
                if node is None:
                    raise _YamlProblem(line_of(ev.start_mark), f"not YAML: unknown alias '*{ev.anchor}'")
            else:
                if cls is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise _YamlProblem(line_of(ev.start_mark), "not YAML this checker accepts: more than one document ('---'); a debate is one document")
                continue
            # Attach the new node to its parent.
            if stack:
                top = stack[-1]
                parent = top[0]
                if type(parent) is SequenceNode:
                    parent.value.append(node)
                elif top[2] is None:
                    top[2] = node
                else:
                    parent.value.append((top[2], node))
                    top[2] = None
            else:
                root = node
            if cls is MappingStartEvent or cls is SequenceStartEvent:
                stack.append([node, ev.anchor, None])
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = line_of(mark) if mark is not None else 1
        problem = e.problem or str(e)
        if e.context and e.context_mark is not None and e.problem_mark is not None:
            problem = f"{problem} ({e.context} that starts at line {line_of(e.context_mark)})"
        elif e.context:
            problem = f"{problem} ({e.context})"
        raise _YamlProblem(line, f"not YAML: {problem}") from None
    except yaml.reader.ReaderError as e:
        detail = f" (character #x{e.character:04x})" if isinstance(e.character, int) else ""
        raise _YamlProblem(_line_of_position(text, e.position), f"not YAML: {e.reason}{detail}") from None
    except yaml.YAMLError as e:
        raise _YamlProblem(1, f"not YAML: {e}") from None
    finally:
        loader.dispose()
    return root, all_plain


# --------------------------------------------------------------------------- checking


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:39] + "…"


def _describe(node: Node, hint: bool = True) -> str:
    """How a wrong-typed value is named in a message."""
    name = _TYPE_NAMES.get(node.tag, f"tag {node.tag}")
    if isinstance(node, ScalarNode):
        if node.tag == NULL and node.value in ("", "~"):
            return "nothing"
        value = _shown(node.value)
        if node.tag == STR:
            return f"string '{value}'"
        return f"{name} '{value}'" + (" (quote it)" if hint else "")
    return name


def _tag_text(tag: str) -> str:
    return "!!" + tag[len(_T):] if tag.startswith(_T) else tag


class _Checker:
    def __init__(self, path: PathLike) -> None:
        self.path = os.fspath(path)
        self.errors: list[DebateError] = []
        # Ids already reported as malformed: references to them are not
        # reported again as naming nothing.
        self.bad_ids: set[str] = set()

    def err(self, node_or_line: Union[Node, int], message: str) -> None:
        line = node_or_line if isinstance(node_or_line, int) else node_or_line.line
        self.errors.append(DebateError(self.path, line, message))

    # ---- plain data checks

    def tags_ok(self, node: Node, where: str) -> bool:
        """Reject non-plain tags anywhere under ``node`` (aliases visited once)."""
        ok = True
        seen: set[int] = set()
        todo = [(node, where)]
        while todo:
            n, path = todo.pop()
            if id(n) in seen:
                continue
            seen.add(id(n))
            if n.tag not in _PLAIN_TAGS:
                self.err(n, f"{path or 'the top level'}: tag '{_tag_text(n.tag)}' is not plain data (only strings, numbers, booleans, lists and mappings are allowed)")
                ok = False
            if isinstance(n, SequenceNode):
                todo.extend((v, f"{path or 'the top level'}[{i}]") for i, v in enumerate(n.value))
            elif isinstance(n, MappingNode):
                for k, v in n.value:
                    todo.append((k, path))
                    key = k.value if isinstance(k, ScalarNode) else "?"
                    todo.append((v, f"{path}.{key}" if path else key))
        return ok

    def mapping(
        self,
        node: MappingNode,
        where: str,
        allowed: tuple[str, ...],
        required: tuple[str, ...],
        what: str = "field",
    ) -> dict[str, Node]:
        """Fields of a mapping node: unknown, duplicate and missing keys reported."""
        fields: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        for k, v in node.value:
            # Keys are field names taken as written: YAML 1.1 reads a plain
            # `on:`/`off:` key as a boolean, but the format's keys are words.
            if type(k) is ScalarNode and k.tag == MERGE:
                prefix = f"{where}: " if where else ""
                self.err(k, f"{prefix}merge keys ('<<') are not supported; write the fields out")
                continue
            if type(k) is not ScalarNode or k.tag not in _PLAIN_TAGS:
                if k.tag in _PLAIN_TAGS:  # else tags_ok reports it
                    prefix = f"{where}: " if where else ""
                    self.err(k, f"{prefix}a key must be a field name, got {_describe(k)}")
                continue
            key = k.value
            if key in first_line:
                prefix = f"{where}: " if where else ""
                self.err(k, f"{prefix}duplicate key '{key}' (first at line {first_line[key]})")
                continue
            first_line[key] = k.line
            if key not in allowed:
                prefix = f"{where}: " if where else ""
                hint = difflib.get_close_matches(key, allowed, n=1)
                more = f" (did you mean '{hint[0]}'?)" if hint else f" (allowed: {', '.join(allowed)})"
                kind = "top-level key" if not where else what
                self.err(k, f"{prefix}unknown {kind} '{key}'{more}")
                continue
            fields[key] = v
        for key in required:
            if key not in fields and key not in first_line:
                if where:
                    self.err(node, f"{where}: missing required field '{key}'")
                else:
                    self.err(node, f"missing top-level key '{key}'")
        return fields

    def string(self, fields: dict[str, Node], key: str, where: str, *, nonempty: bool = False) -> str | None:
        node = fields.get(key)
        if node is None:
            return None
        if type(node) is ScalarNode and node.tag == STR:
            if nonempty and not node.value.strip():
                name = f"{where}.{key}" if where else key
                self.err(node, f"{name}: must not be empty")
                return None
            return node.value
        if node.tag in _PLAIN_TAGS:
            name = f"{where}.{key}" if where else key
            self.err(node, f"{name}: expected a string, got {_describe(node)}")
        return None

    def boolean(self, fields: dict[str, Node], key: str, where: str) -> bool | None:
        node = fields.get(key)
        if node is None:
            return None
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            value = _BOOL_VALUES.get(node.value.lower())
            if value is not None:
                return value
            # Only an explicit `!!bool` can carry another word (`!!bool maybe`):
            # it is no boolean, and must not quietly count as false.
            self.err(node, f"{where}.{key}: expected true or false, got !!bool '{_shown(node.value)}' (not a boolean value)")
            return None
        if node.tag in _PLAIN_TAGS:
            self.err(node, f"{where}.{key}: expected true or false, got {_describe(node, hint=False)}")
        return None

    def sequence(self, node: Node | None, name: str) -> list[Node] | None:
        if node is None:
            return None
        if isinstance(node, SequenceNode) and node.tag == SEQ:
            return node.value
        if node.tag in _PLAIN_TAGS:
            extra = " (write [] for none)" if node.tag == NULL else ""
            self.err(node, f"{name}: expected a list, got {_describe(node)}{extra}")
        return None

    def string_list(self, fields: dict[str, Node], key: str, where: str) -> list[tuple[str, Node, int]] | None:
        """(value, node, index) for each string item; wrong items reported."""
        items = self.sequence(fields.get(key), f"{where}.{key}")
        if items is None:
            return None
        out = []
        for i, item in enumerate(items):
            if isinstance(item, ScalarNode) and item.tag == STR:
                out.append((item.value, item, i))
            elif item.tag in _PLAIN_TAGS:
                self.err(item, f"{where}.{key}[{i}]: expected a string, got {_describe(item)}")
        return out

    def each_mapping(self, seq: list[Node] | None, key: str) -> Iterable[tuple[int, str, MappingNode]]:
        for i, item in enumerate(seq or ()):
            where = f"{key}[{i}]"
            if isinstance(item, MappingNode) and item.tag == MAP:
                yield i, where, item
            elif item.tag in _PLAIN_TAGS:
                self.err(item, f"{where}: expected a mapping (id: ..., ...), got {_describe(item)}")

    def check_id(self, fields: dict[str, Node], where: str) -> str | None:
        value = self.string(fields, "id", where)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.bad_ids.add(value)
            shown = value if len(value) <= 70 else value[:69] + "…"
            self.err(fields["id"], f"{where}.id: bad id '{shown}': use lowercase letters, digits and '-', starting with a letter or digit, at most 64 characters")
            return None
        return value


class _NotRegular(Exception):
    """The path names no regular file; the message says what it is instead."""


class _TooLarge(Exception):
    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size  # from stat; None when the file grew while it was read


# Non-blocking open: a FIFO swapped in after the stat cannot hang the open.
# No controlling terminal from a tty.  (Flags missing on a platform are 0.)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | _O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def _require_regular(mode: int) -> None:
    """Raise _NotRegular unless ``mode`` is a regular file's: a FIFO blocks
    or never ends, a device like /dev/zero never ends, and stat gives them
    all size 0, so a size limit alone does not hold them."""
    if stat.S_ISREG(mode):
        return
    kind = (
        "a directory" if stat.S_ISDIR(mode)
        else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else None
    )
    raise _NotRegular(f"it is {kind}, not a regular file" if kind else "it is not a regular file")


def _read_capped(path: PathLike, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, never more than ``limit``.

    Raises OSError, _NotRegular or _TooLarge."""
    _require_regular(os.stat(path).st_mode)  # before open: opening a FIFO blocks
    fd = os.open(path, _OPEN_FLAGS)
    with open(fd, "rb") as f:  # owns fd from here
        st = os.fstat(fd)
        _require_regular(st.st_mode)  # the file stat saw may have been replaced
        if st.st_size > limit:
            raise _TooLarge(st.st_size)
        if _O_NONBLOCK:
            os.set_blocking(fd, True)
        # At most one byte over: a file that grows is still bounded.
        data = f.read(limit + 1)
    if len(data) > limit:
        raise _TooLarge(None)
    return data


def _read_text(path: str) -> tuple[str | None, int, str | None]:
    """(text, line, problem) for the debate file itself."""
    try:
        data = _read_capped(path, MAX_BYTES)
    except OSError as e:
        return None, 1, f"cannot read file: {e.strerror or e}"
    except _NotRegular as e:
        return None, 1, f"cannot read file: {e}"
    except _TooLarge as e:
        size = "" if e.size is None else f" {e.size} bytes,"
        return None, 1, f"file is{size} larger than the 2 MiB limit ({MAX_BYTES} bytes); refused before parsing"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        return None, line, f"not UTF-8: byte 0x{data[e.start]:02x} cannot be decoded (save the file as UTF-8)"
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, 1, None


def _read_source_text(base: Path, rel: str) -> tuple[str | None, str | None]:
    try:
        data = _read_capped(base / rel, MAX_SOURCE_BYTES)
    except OSError as e:
        return None, f"cannot read '{rel}': {e.strerror or e}"
    except _NotRegular as e:
        return None, f"cannot read '{rel}': {e}"
    except _TooLarge as e:
        size = "" if e.size is None else f" {e.size} bytes,"
        return None, f"'{rel}' is{size} larger than the 16 MiB limit for a source text"
    try:
        # Keep every character (no newline translation): quotes must match exactly.
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return None, f"'{rel}' is not UTF-8 text"


def _has_cycle(successors: Mapping[str, Sequence[str]]) -> bool:
    """Whether the directed graph given by ``successors`` has a cycle
    (iterative depth-first search: no recursion limit on long chains)."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in successors:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors.get(root, ())))]
        while stack:
            node, rest = stack[-1]
            nxt = next(rest, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return True
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(successors.get(nxt, ()))))
    return False


def _circular_support(
    statements: Iterable[Statement], arguments: Iterable[Argument]
) -> list[tuple[list[str], int]]:
    """Cycles through premise -> argument -> conclusion links: (ids, line).

    NetworkX names the cycles; it is imported only when there is one (its
    import is a quarter of a second, and most files have none)."""
    order: dict[str, int] = {}
    line: dict[str, int] = {}
    for s in statements:
        order.setdefault(s.id, len(order))
        line.setdefault(s.id, s.line)
    edges: list[tuple[str, str]] = []
    for a in arguments:
        order.setdefault(a.id, len(order))
        line.setdefault(a.id, a.line)
        edges.append((a.id, a.conclusion))
        edges.extend((p, a.id) for p in a.premises)
    successors: dict[str, list[str]] = {}
    for source, target in edges:
        successors.setdefault(source, []).append(target)
    if not _has_cycle(successors):
        return []
    import networkx as nx

    g = nx.DiGraph()
    g.add_edges_from(edges)
    found = []
    for comp in nx.strongly_connected_components(g):
        if len(comp) < 2 and not any(g.has_edge(n, n) for n in comp):
            continue
        sub = g.subgraph(comp)
        for n, cycle in enumerate(nx.simple_cycles(sub)):
            if n >= MAX_CYCLES_PER_TANGLE:
                break
            start = min(range(len(cycle)), key=lambda i: order.get(cycle[i], 0))
            cycle = cycle[start:] + cycle[:start]
            found.append((cycle + [cycle[0]], line.get(cycle[0], 1)))
    found.sort(key=lambda c: (c[1], c[0]))
    return found


def check_debate(path: PathLike) -> tuple[Debate | None, list[DebateError]]:
    """Read and check one debate file.

    Returns ``(debate, [])`` when the file is valid, else ``(None, errors)``
    with every error found, sorted by line (ties keep discovery order).
    Never raises for bad input; defaults are applied (``accepted`` is true for
    givens, false for objections; conclusions get ``accepted=None``)."""
    # Composing allocates ~10 objects per line and none of them form cycles:
    # pausing the cyclic GC halves the time on large files.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        debate, errors = _check(path)
    finally:
        if gc_was_enabled:
            gc.enable()
    if debate is None and not errors:
        # A refusal must always say why (an empty DebateInvalid prints
        # nothing).  Every path above reports; this guards future ones.
        errors = [DebateError(os.fspath(path), 1, "refused without a reason (a bug in the checker; please report it)")]
    return debate, errors


def _check(path: PathLike) -> tuple[Debate | None, list[DebateError]]:
    c = _Checker(path)
    text, line, problem = _read_text(c.path)
    if problem is not None:
        return None, [DebateError(c.path, line, problem)]
    try:
        root, all_plain = _compose(text)
    except _YamlProblem as e:
        return None, [DebateError(c.path, e.line, e.message)]
    if root is None:
        return None, [DebateError(c.path, 1, "the file is empty (expected 'format: debate/1' and the rest)")]
    if not isinstance(root, MappingNode) or root.tag != MAP:
        if root.tag not in _PLAIN_TAGS:
            c.tags_ok(root, "")
        else:
            c.err(root, f"the top level must be a mapping (format:, title:, statements:, ...), got {_describe(root)}")
        return None, c.errors
    debate = _check_root(c, root, all_plain)
    c.errors.sort(key=lambda e: e.line)
    if c.errors:
        return None, c.errors
    return debate, []


def load_debate(path: PathLike) -> Debate:
    """The debate in ``path``; raises ``DebateInvalid`` (``.errors``: all of them, by line)."""
    debate, errors = check_debate(path)
    if debate is None:
        raise DebateInvalid(errors)
    return debate


def _check_root(c: _Checker, root: MappingNode, all_plain: bool) -> Debate | None:
    top = c.mapping(root, "", _TOP_KEYS, _TOP_REQUIRED)
    if not all_plain:  # walk again only to say where
        c.tags_ok(root, "")

    fmt = c.string(top, "format", "")
    if fmt is not None and fmt != FORMAT:
        c.err(top["format"], f"format: expected '{FORMAT}', got '{fmt}'")
    title = c.string(top, "title", "", nonempty=True)

    # ---- source
    source: Source | None = None
    source_text: str | None = None
    source_failed = False
    if "source" in top:
        node = top["source"]
        if isinstance(node, MappingNode) and node.tag == MAP:
            sf = c.mapping(node, "source", _SOURCE_KEYS, ())
            rel = c.string(sf, "text", "source", nonempty=True)
            source = Source(
                line=node.line,
                text=rel,
                author=c.string(sf, "author", "source"),
                url=c.string(sf, "url", "source"),
            )
            if rel is not None:
                source_text, problem = _read_source_text(Path(c.path).parent, rel)
                if problem:
                    c.err(sf["text"], f"source.text: {problem}")
                    source_failed = True
            elif "text" in sf:
                source_failed = True
        elif node.tag in _PLAIN_TAGS:
            c.err(node, f"source: expected a mapping (text:, author:, url:), got {_describe(node)}")
            source_failed = True

    ids: dict[str, tuple[str, int]] = {}  # id -> ("statement"|"argument", line)

    def claim(value: str | None, node: Node, where: str, sort: str) -> bool:
        if value is None:
            return False
        if value in ids:
            c.err(node, f"{where}.id: duplicate id '{value}' (first used at line {ids[value][1]})")
            return False
        ids[value] = (sort, node.line)
        return True

    # ---- statements
    statements: list[Statement] = []
    quote_nodes: list[tuple[str, Node, str]] = []
    stmt_where: dict[str, tuple[str, MappingNode]] = {}
    for i, where, item in c.each_mapping(c.sequence(top.get("statements"), "statements"), "statements"):
        f = c.mapping(item, where, _STATEMENT_KEYS, ("id", "kind", "text"))
        sid = c.check_id(f, where)
        kind = c.string(f, "kind", where)
        if kind is not None and kind not in STATEMENT_KINDS:
            c.err(f["kind"], f"{where}.kind: unknown kind '{kind}' (expected premise, analogy, example, objection or conclusion)")
            kind = None
        text = c.string(f, "text", where, nonempty=True)
        quote = c.string(f, "quote", where, nonempty=True)
        accepted = c.boolean(f, "accepted", where)
        editorial = c.boolean(f, "editorial", where)
        note = c.string(f, "note", where)
        if kind == "conclusion" and "accepted" in f:
            c.err(f["accepted"], f"{where}.accepted: a conclusion has no 'accepted' (it holds only through its arguments)")
        if quote is not None:
            quote_nodes.append((quote, f["quote"], where))
        if claim(sid, f.get("id", item), where, "statement"):
            stmt_where[sid] = (where, item)
        else:
            sid = None
        if sid is None or kind is None or text is None:
            continue
        if kind != "conclusion" and accepted is None:
            accepted = kind != "objection"
        statements.append(
            Statement(
                id=sid,
                kind=kind,
                text=text,
                line=item.line,
                quote=quote,
                accepted=accepted if kind != "conclusion" else None,
                editorial=bool(editorial),
                note=note,
            )
        )
    kind_of = {s.id: s.kind for s in statements}

    # ---- quotes
    for quote, node, where in quote_nodes:
        if source_failed:
            continue  # the source.text error already says why
        if source_text is None:
            c.err(node, f"{where}.quote: a quote needs a source text (add source: text: FILE)")
        elif quote not in source_text:
            c.err(node, f"{where}.quote: not found in '{source.text}' (a quote must be an exact substring of the source text)")

    def ref(value: str, node: Node, name: str, want: str) -> bool:
        """Check an id reference; want: statement|conclusion|given|node."""
        sort = ids.get(value, (None,))[0]
        if sort is None and value in c.bad_ids:
            return False
        if sort is None:
            what = "statement or argument" if want == "node" else "statement"
            c.err(node, f"{name}: '{value}' names no {what}")
            return False
        if sort == "argument" and want != "node":
            needed = {"statement": "a premise must be a statement", "conclusion": "not a conclusion",
                      "given": "a scenario names givens only", "attacker": "an attacker must be a statement"}[want]
            sep = ", " if want == "conclusion" else "; "
            c.err(node, f"{name}: '{value}' is an argument{sep}{needed}")
            return False
        if sort == "argument":
            return True
        kind = kind_of.get(value)
        if kind is None:
            return False  # that statement has its own error
        if want == "conclusion" and kind != "conclusion":
            c.err(node, f"{name}: '{value}' is a{'n' if kind[0] in 'aeo' else ''} {kind}, not a conclusion")
            return False
        if want == "given" and kind == "conclusion":
            c.err(node, f"{name}: '{value}' is a conclusion; a scenario names givens only")
            return False
        return True

    # ---- arguments
    arguments: list[Argument] = []
    good_arguments: list[Argument] = []
    argument_refs: list[tuple[Argument | None, str, Node | None, str | None, list[tuple[str, Node, int]]]] = []
    concluded: set[str] = set()
    for i, where, item in c.each_mapping(c.sequence(top.get("arguments"), "arguments"), "arguments"):
        f = c.mapping(item, where, _ARGUMENT_KEYS, ("id", "conclusion", "premises"))
        aid = c.check_id(f, where)
        if not claim(aid, f.get("id", item), where, "argument"):
            aid = None
        conclusion = c.string(f, "conclusion", where)
        ok = conclusion is not None
        if conclusion is not None:
            concluded.add(conclusion)
        premises = c.string_list(f, "premises", where)
        if premises is None:
            ok = False
        elif not premises and not f["premises"].value:
            c.err(f["premises"], f"{where}.premises: an argument needs at least one premise")
            ok = False
        scheme = c.string(f, "scheme", where)
        if scheme is not None and scheme not in SCHEMES:
            c.err(f["scheme"], f"{where}.scheme: unknown scheme '{scheme}' (expected {', '.join(SCHEMES[:-1])} or {SCHEMES[-1]})")
        questions = c.string_list(f, "critical_questions", where)
        arg = None
        if aid is not None and ok:
            arg = Argument(
                id=aid,
                conclusion=conclusion,
                premises=tuple(p for p, _, _ in premises),
                line=item.line,
                scheme=scheme if scheme in SCHEMES else None,
                critical_questions=tuple(q for q, _, _ in questions or ()),
            )
        argument_refs.append((arg, where, f.get("conclusion"), conclusion, premises or []))

    # References are checked once every id is known (forward references are fine).
    for arg, where, cnode, conclusion, premises in argument_refs:
        ok = conclusion is not None and ref(conclusion, cnode, f"{where}.conclusion", "conclusion")
        for p, pnode, j in premises:
            ok = ref(p, pnode, f"{where}.premises[{j}]", "statement") and ok
        if arg is not None:
            arguments.append(arg)
            if ok:
                good_arguments.append(arg)

    for s in statements:
        if s.kind == "conclusion" and s.id not in concluded:
            where, item = stmt_where[s.id]
            c.err(item, f"{where}: conclusion '{s.id}' has no argument (add one, or make it a premise)")

    # ---- attacks
    attacks: list[Attack] = []
    for i, where, item in c.each_mapping(c.sequence(top.get("attacks"), "attacks"), "attacks"):
        f = c.mapping(item, where, _ATTACK_KEYS, ("by", "target"))
        by = c.string(f, "by", where)
        target = c.string(f, "target", where)
        note = c.string(f, "note", where)
        ok = by is not None and target is not None
        if by is not None:
            ok = ref(by, f["by"], f"{where}.by", "attacker") and ok
        if target is not None:
            ok = ref(target, f["target"], f"{where}.target", "node") and ok
        if ok:
            attacks.append(Attack(by=by, target=target, line=item.line, note=note))

    # ---- thesis
    thesis = c.string(top, "thesis", "")
    if thesis is not None:
        ref(thesis, top["thesis"], "thesis", "conclusion")

    # ---- scenarios (own id namespace; see the module docstring)
    scenarios: list[Scenario] = []
    scenario_lines: dict[str, int] = {}
    for i, where, item in c.each_mapping(c.sequence(top.get("scenarios"), "scenarios"), "scenarios"):
        f = c.mapping(item, where, _SCENARIO_KEYS, ("id", "title"))
        sid = c.check_id(f, where)
        if sid is not None:
            if sid in scenario_lines:
                c.err(f["id"], f"{where}.id: duplicate scenario id '{sid}' (first used at line {scenario_lines[sid]})")
                sid = None
            else:
                scenario_lines[sid] = f["id"].line
        stitle = c.string(f, "title", where, nonempty=True)
        description = c.string(f, "description", where)
        lists: dict[str, tuple[str, ...]] = {}
        named: dict[str, tuple[str, int]] = {}
        ok = True
        for key in ("on", "off", "unsure"):
            values = c.string_list(f, key, where)
            if values is None:
                ok = ok and key not in f
                lists[key] = ()
                continue
            keep = []
            for value, node, j in values:
                name = f"{where}.{key}[{j}]"
                if not ref(value, node, name, "given"):
                    ok = False
                    continue
                if value in named:
                    first_key, first_line = named[value]
                    c.err(node, f"{name}: '{value}' is named twice in this scenario (first in '{first_key}' at line {first_line})")
                    ok = False
                    continue
                named[value] = (key, node.line)
                keep.append(value)
            lists[key] = tuple(keep)
        if sid is None or stitle is None or not ok:
            continue
        scenarios.append(
            Scenario(id=sid, title=stitle, line=item.line, description=description, **lists)
        )

    # ---- circular support (only over arguments whose links all resolved)
    for cycle, line in _circular_support(statements, good_arguments):
        c.err(line, f"circular support: {' -> '.join(cycle)} (each link supports the next, so none can hold)")

    if c.errors or title is None:
        return None
    return Debate(
        path=c.path,
        title=title,
        statements=tuple(statements),
        arguments=tuple(good_arguments),
        attacks=tuple(attacks),
        scenarios=tuple(scenarios),
        thesis=thesis,
        source=source,
        source_text=source_text,
    )
