"""Composing YAML text into nodes that carry their line numbers.

:func:`compose` turns the text of one YAML document into a tree of
:class:`ScalarNode`, :class:`SequenceNode` and :class:`MappingNode`, each
with its resolved tag and 1-based line, and nothing else: what the values
mean is the caller's business.  Why not PyYAML's own composer:

* libyaml (``CSafeLoader``) produces the event stream; the small iterative
  composer here turns it into nodes.  PyYAML's composers recurse (the C one
  crashes the interpreter on deep nesting) and silently keep the last of
  duplicate keys; here every key of a mapping is kept, in order.
* Nesting deeper than :data:`MAX_DEPTH` is refused as soon as its start event
  streams by, so nothing deep is ever built (and libyaml, quadratic in flow
  depth, never gets far into it).
* Plain scalars keep YAML 1.1 resolution (``no`` is a boolean, ``12`` an
  integer, ``=`` a value key), as PyYAML's SafeLoader resolves them.
* An alias shares the anchored node (nothing is copied), and the values
  aliases repeat are counted as the events stream by: past
  :data:`MAX_ALIASED` in all, an alias is not followed but left as a
  :class:`RefusedAlias` and reported once, so no alias bomb ever costs more
  than that many values to whoever walks the tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from graph.text import shorten

__all__ = [
    "BOOL",
    "FLOAT",
    "INT",
    "MAP",
    "MAX_ALIASED",
    "MAX_DEPTH",
    "MERGE",
    "NULL",
    "PLAIN_TAGS",
    "SEQ",
    "STR",
    "TIMESTAMP",
    "VALUE",
    "Composed",
    "MappingNode",
    "Node",
    "RefusedAlias",
    "ScalarNode",
    "SequenceNode",
    "YamlProblem",
    "bool_of",
    "compose",
    "short_tag",
]

MAX_DEPTH = 64  # nesting levels; a debate file needs 4
# Values all aliases of one file may repeat together.  Authors alias a
# shared text or a short list; an alias bomb repeats millions.
MAX_ALIASED = 10_000

_T = "tag:yaml.org,2002:"
STR, BOOL, INT, FLOAT, NULL = _T + "str", _T + "bool", _T + "int", _T + "float", _T + "null"
TIMESTAMP, MAP, SEQ = _T + "timestamp", _T + "map", _T + "seq"
# YAML 1.1 resolves a plain `=` and `<<` to these: kept as data, so that a
# reader can name them in a wrong-type error, like `no` or `12`.
VALUE, MERGE = _T + "value", _T + "merge"
PLAIN_TAGS: frozenset[str] = frozenset({STR, BOOL, INT, FLOAT, NULL, TIMESTAMP, MAP, SEQ, VALUE, MERGE})
_REFUSED_TAG = "!refused-alias"  # not plain data: readers skip the node
# The words PyYAML reads as booleans (compared lowercased, as PyYAML does).
_BOOL_WORDS: dict[str, bool] = dict(yaml.constructor.SafeConstructor.bool_values)


class YamlProblem(Exception):
    """The text is not one YAML document this composer accepts: ``message``
    says why, ``line`` (1-based) where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class Node:
    """A composed YAML node: its resolved ``tag`` and 1-based ``line``."""

    __slots__ = ("line", "tag")

    def __init__(self, tag: str, line: int) -> None:
        self.tag = tag
        self.line = line


class ScalarNode(Node):
    """A scalar: ``value`` is its text as written (unconverted)."""

    __slots__ = ("value",)

    def __init__(self, tag: str, value: str, line: int) -> None:
        # No super().__init__: one call less per node, on the hot path.
        self.tag = tag
        self.line = line
        self.value = value


class SequenceNode(Node):
    """A list: ``value`` holds its item nodes."""

    __slots__ = ("value",)

    def __init__(self, tag: str, line: int) -> None:
        self.tag = tag
        self.line = line
        self.value: list[Node] = []


class MappingNode(Node):
    """A mapping: ``value`` holds its (key node, value node) pairs in order,
    duplicate keys included."""

    __slots__ = ("value",)

    def __init__(self, tag: str, line: int) -> None:
        self.tag = tag
        self.line = line
        self.value: list[tuple[Node, Node]] = []


class RefusedAlias(Node):
    """An alias left unfollowed because aliases had repeated too much
    already (:data:`MAX_ALIASED`); ``anchor`` is the name it gave.  Its tag
    is not plain data; the refusal is in :attr:`Composed.problems`."""

    __slots__ = ("anchor",)

    def __init__(self, anchor: str, line: int) -> None:
        super().__init__(_REFUSED_TAG, line)
        self.anchor = anchor


@dataclass(frozen=True)
class Composed:
    """What :func:`compose` made of a document.

    ``root`` is None for an empty stream; ``all_plain`` says whether every
    node's tag is plain data (in :data:`PLAIN_TAGS`); ``problems`` holds
    ``(line, message)`` for what was refused without stopping the
    composition (aliases past :data:`MAX_ALIASED`)."""

    root: Node | None
    all_plain: bool
    problems: tuple[tuple[int, str], ...]


def short_tag(tag: str) -> str:
    """A tag as an author writes it: ``!!str`` for ``tag:yaml.org,2002:str``."""
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


def bool_of(text: str) -> bool | None:
    """The boolean a ``!!bool`` scalar's text stands for (``yes``, ``Off``,
    ``true``...), as PyYAML reads it; None for any other word, which only an
    explicit ``!!bool`` tag can carry (``!!bool maybe``)."""
    return _BOOL_WORDS.get(text.lower())


def compose(text: str) -> Composed:
    """The single YAML document in ``text``, composed into nodes.

    Raises :class:`YamlProblem` for anything that is not one YAML document
    (a syntax error, a second document, an unknown alias) or that nests
    deeper than :data:`MAX_DEPTH` (checked on each start event, before the
    node is built, so deep input costs nothing and crashes nothing)."""
    return _Composer(text).run()


# --------------------------------------------------------------------------- the composer


def _last_line(text: str) -> int:
    """The number of the text's last line (1 for an empty text): a final
    newline ends the last line, it does not start another."""
    return max(text.count("\n") + (not text.endswith("\n")), 1)


def _scalar_tag_resolver() -> Callable[[str], str]:
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


_Collection = SequenceNode | MappingNode


class _Open:
    """A collection whose end event has not come yet."""

    __slots__ = ("anchor", "key", "node", "start")

    def __init__(self, node: _Collection, anchor: str | None, start: int) -> None:
        self.node = node
        self.anchor = anchor
        self.start = start  # values counted before it: its size is the difference at its end
        self.key: Node | None = None  # a mapping's key still waiting for its value


class _Composer:
    def __init__(self, text: str) -> None:
        self.text = text
        # libyaml marks an empty value at the next token, which can be past
        # the end (a file of just `---`): no line after the last is reported.
        self.last = _last_line(text)
        self.resolve = _scalar_tag_resolver()
        self.anchors: dict[str, tuple[Node, int]] = {}  # name -> (node, values it stands for)
        self.stack: list[_Open] = []
        self.root: Node | None = None
        self.documents = 0
        self.all_plain = True
        self.values = 0  # nodes so far, an alias counted as all the values it repeats
        self.aliased = 0  # the part of `values` that aliases repeated
        self.problems: list[tuple[int, str]] = []

    def run(self) -> Composed:
        # One handler per event class that matters (the others, stream and
        # document ends, carry nothing); each takes its own event class.
        handlers: dict[type[yaml.Event], Callable[[Any], None]] = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.start,
            yaml.SequenceStartEvent: self.start,
            yaml.MappingEndEvent: self.end,
            yaml.SequenceEndEvent: self.end,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document,
        }
        loader = yaml.CSafeLoader(self.text)
        get_event, get_handler = loader.get_event, handlers.get
        try:
            while (event := get_event()) is not None:
                handler = get_handler(type(event))
                if handler is not None:
                    handler(event)
        except yaml.YAMLError as e:
            raise self.translate(e) from None
        finally:
            loader.dispose()
        return Composed(self.root, self.all_plain, tuple(self.problems))

    def line_of(self, mark: yaml.Mark | yaml._yaml.Mark | None) -> int:
        if mark is None:
            return 1
        line: int = mark.line + 1
        return line if line <= self.last else self.last

    def attach(self, node: Node) -> None:
        """Add ``node`` to the open collection (or make it the root)."""
        if not self.stack:
            self.root = node
            return
        top = self.stack[-1]
        parent = top.node
        if type(parent) is SequenceNode:
            parent.value.append(node)
        elif top.key is None:
            top.key = node
        else:
            parent.value.append((top.key, node))  # type: ignore[arg-type]
            top.key = None

    def scalar(self, event: yaml.ScalarEvent) -> None:
        # Most events are scalars: line_of and attach are inlined here.
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(event.value) if event.implicit[0] else STR
        # Whatever produced the tag (written or resolved), the caller must
        # hear of a tag outside plain data.
        if tag not in PLAIN_TAGS:
            self.all_plain = False
        mark = event.start_mark
        line = mark.line + 1 if mark is not None else 1
        node = ScalarNode(tag, event.value, line if line <= self.last else self.last)
        self.values += 1
        if event.anchor:
            self.anchors[event.anchor] = (node, 1)
        if not self.stack:
            self.root = node
            return
        top = self.stack[-1]
        parent = top.node
        if type(parent) is SequenceNode:
            parent.value.append(node)
        elif top.key is None:
            top.key = node
        else:
            parent.value.append((top.key, node))  # type: ignore[arg-type]
            top.key = None

    def start(self, event: yaml.CollectionStartEvent) -> None:
        line = self.line_of(event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise YamlProblem(line, f"not YAML this checker accepts: nested deeper than {MAX_DEPTH} levels")
        is_map = type(event) is yaml.MappingStartEvent
        tag = event.tag
        if tag is None or tag == "!":
            tag = MAP if is_map else SEQ
        if tag not in PLAIN_TAGS:
            self.all_plain = False
        node: _Collection = MappingNode(tag, line) if is_map else SequenceNode(tag, line)
        self.attach(node)
        self.stack.append(_Open(node, event.anchor, self.values))
        self.values += 1

    def end(self, event: yaml.Event) -> None:
        done = self.stack.pop()
        if done.anchor:
            self.anchors[done.anchor] = (done.node, self.values - done.start)

    def alias(self, event: yaml.AliasEvent) -> None:
        name = event.anchor or ""
        line = self.line_of(event.start_mark)
        found = self.anchors.get(name)
        if found is None:  # also an alias inside its own anchor's collection
            raise YamlProblem(line, f"not YAML: unknown alias '*{shorten(name, 40)}'")
        node, size = found
        if self.aliased + size > MAX_ALIASED:
            if not self.problems:
                self.problems.append(
                    (
                        line,
                        (
                            f"not YAML this checker accepts: aliases may repeat at most {MAX_ALIASED} values in all,"
                            f" and '*{shorten(name, 40)}' goes past that; write the values out"
                        ),
                    )
                )
            node, size = RefusedAlias(name, line), 1
            self.all_plain = False
        else:
            self.aliased += size
        self.values += size
        self.attach(node)

    def document(self, event: yaml.Event) -> None:
        self.documents += 1
        if self.documents > 1:
            raise YamlProblem(
                self.line_of(event.start_mark),
                "not YAML this checker accepts: more than one document ('---'); a debate is one document",
            )

    def translate(self, e: yaml.YAMLError) -> YamlProblem:
        """libyaml's complaint as a YamlProblem at the line it points to."""
        if isinstance(e, yaml.MarkedYAMLError):
            mark = e.problem_mark or e.context_mark
            line = self.line_of(mark)
            problem = e.problem or str(e)
            if e.context and e.context_mark is not None and e.problem_mark is not None:
                problem = f"{problem} ({e.context} that starts at line {self.line_of(e.context_mark)})"
            elif e.context:
                problem = f"{problem} ({e.context})"
            return YamlProblem(line, f"not YAML: {problem}")
        if isinstance(e, yaml.reader.ReaderError):
            detail = f" (character #x{e.character:04x})" if isinstance(e.character, int) else ""
            position = max(int(e.position), 0)
            line = min(self.text.count("\n", 0, position) + 1, self.last)
            return YamlProblem(line, f"not YAML: {e.reason}{detail}")
        return YamlProblem(1, f"not YAML: {e}")
