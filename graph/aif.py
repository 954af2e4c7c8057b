"""AIF JSON (the Argument Interchange Format, as AIFdb and OVA write it) to and from ``debate/1``.

``import_aif(data, path)`` reads AIF JSON (``{"nodes": [...], "edges": [...],
"locutions": [...]}``, or the xAIF wrapper ``{"AIF": {...}}``) and returns a
debate/1 mapping (ready for ``yaml.safe_dump(d, sort_keys=False)``, and valid
for ``graph.load.check_debate`` once written) plus one warning line for
everything that could not be carried over.  ``export_aif(debate)`` writes a
``Debate`` as AIF; ``import_aif(export_aif(d))`` gives back the same
statements, arguments, attacks, scenarios and so the same statuses.
``export_json(debate)`` is the model itself as JSON.

Every mapping decision (ids, schemes, rephrases, cycles, what is lost) is
documented in docs/interop.md, section "AIF"; the comments here say why.

Reading never raises anything but ``AifInvalid`` (a ``DebateInvalid``: its
``.errors`` are ``DebateError`` lines ``FILE:LINE: message``), and only for
input that is not AIF JSON at all: not UTF-8, over ``graph.load.MAX_BYTES``,
empty, nested deeper than ``graph.yaml_nodes.MAX_DEPTH``, not JSON, not an AIF
object, or without a single I-node.  Anything else odd in the file (a bad
node, a dangling edge, an RA node without a premise, circular support) is a
warning, and the node or edge concerned is left out.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any, Union

from graph.convert import question_entries, scenario_data
from graph.cycles import has_cycle
from graph.ids import ID_MAX, is_id
from graph.load import FORMAT, MAX_BYTES, MAX_SOURCE_BYTES
from graph.model import (
    GIVEN_KINDS,
    Debate,
    DebateError,
    DebateInvalid,
    Statement,
    default_question_id,
)
from graph.read import NotRegularFile, NotUtf8, TooLarge, decode_utf8, read_capped, resolve_within
from graph.text import printable, shorten
from graph.yaml_nodes import MAX_DEPTH

__all__ = [
    "AIF_SCHEME_NAMES",
    "EXTENSION_KEY",
    "AifInvalid",
    "export_aif",
    "export_aif_json",
    "export_json",
    "import_aif",
    "scheme_from_aif",
]

PathLike = Union[str, "os.PathLike[str]"]

# The key under which debate/1 fields that AIF has no place for travel (on a
# node, and at the top of the AIF object).  AIF tools ignore unknown keys.
EXTENSION_KEY = "debate"

# debate/1 scheme -> the AIF scheme name written on export (AIFdb's names
# where there is one; each maps back to the same scheme on import).
AIF_SCHEME_NAMES: Mapping[str, str] = {
    "deduction": "Deduction",
    "analogy": "Analogy",
    "example": "Example",
    "authority": "Expert Opinion",
    "cause": "Cause To Effect",
    "other": "Other",
}
_DEFAULT_INFERENCE = "Default Inference"
_DEFAULT_CONFLICT = "Default Conflict"
# AIFdb's scheme ids for the two defaults (as in the QT30 corpus); no other
# scheme id is written, since the numbering belongs to AIFdb.
_SCHEME_IDS = {_DEFAULT_INFERENCE: "72", _DEFAULT_CONFLICT: "71"}

# Normalised AIF scheme name (see _scheme_key) -> debate/1 scheme.
_SCHEME_BY_KEY: Mapping[str, str] = {
    "deduction": "deduction",
    "deductive": "deduction",
    "deductive inference": "deduction",
    "modus ponens": "deduction",
    "analogy": "analogy",
    "practical reasoning analogy": "analogy",
    "practical resoning analogy": "analogy",  # AIFdb's own spelling
    "example": "example",
    "expert opinion": "authority",
    "position to know": "authority",
    "authority": "authority",
    "witness testimony": "authority",
    "cause to effect": "cause",
    "effect to cause": "cause",
    "correlation to cause": "cause",
    "efficient cause": "cause",
    "cause": "cause",
    "causal": "cause",
    "other": "other",
}
# Names that mean "no particular scheme" (Araucaria writes "RA" as the text).
_NO_SCHEME_KEYS = frozenset({"", "ra", "default", "default inference", "inference"})

_DIALOGUE_TYPES = ("L", "YA", "TA")  # locutions, illocutions, transitions: who said what when
_ARGUMENT_TYPES = ("RA", "MA")
_KNOWN_TYPES = ("I", "RA", "CA", "MA")
_TYPE_NAMES = {"I": "I-node", "RA": "RA node", "CA": "CA node", "MA": "MA node"}
_MAX_SHOWN = 40  # characters of an id or text quoted in a warning
_MAX_DIGITS = 4000  # longer JSON integers are refused (Python's own limit is 4300)
_NEL = "\x85"  # PyYAML's emitter folds it in a quoted scalar: it would not come back
_TOO_DEEP = f"not JSON this importer accepts: nested deeper than {MAX_DEPTH} levels"


class AifInvalid(DebateInvalid):
    """Raised by ``import_aif`` for input that is not AIF JSON (``.errors``: ``DebateError`` lines)."""


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


# --------------------------------------------------------------------------- schemes


def _scheme_key(name: str) -> str:
    """``"VerbalClassification"``, ``"Argument From Analogy"``, ``"From-analogy"``
    -> ``"verbal classification"``, ``"analogy"``, ``"analogy"``."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    key = " ".join(re.sub(r"[^a-z0-9]+", " ", spaced.lower()).split())
    for prefix in ("argument from ", "argument ", "from "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    return key.replace(" from ", " ")


def scheme_from_aif(name: str) -> tuple[str | None, bool]:
    """The debate/1 scheme for an AIF scheme name, and whether the name was understood.

    ``(scheme, True)`` for a name that maps onto a debate/1 scheme (any case,
    spacing or ``Argument from`` prefix); ``(None, True)`` for the default
    inference (``Default Inference``, ``RA``, empty); ``("other", False)`` for
    any other scheme (debate/1 has no place for its name)."""
    key = _scheme_key(name)
    if key in _NO_SCHEME_KEYS:
        return None, True
    scheme = _SCHEME_BY_KEY.get(key)
    if scheme is not None:
        return scheme, True
    return "other", False


# --------------------------------------------------------------------------- reading JSON


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


# A string, closed or running to the end (possessive, and able to match at
# every quote: one linear pass, whatever the input).
_JSON_STRING = re.compile(r'"(?:[^"\\]+|\\.?)*+(?:"|\Z)', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
# The same strings, or a bracket: for finding the line of the deep one.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]+|\\.?)*+(?:"|\Z)|[\[\]{}]', re.DOTALL)


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before anything is parsed.

    Strings are cut out (brackets inside them do not count; one that never
    closes runs to the end, where the parser refuses it anyway), then the
    brackets left are counted, all at regex speed.  Only for a text that is
    too deep is it walked again, token by token, to name the line."""
    brackets = _NOT_BRACKETS.sub("", _JSON_STRING.sub("", text))
    if max(accumulate(1 if ch in "[{" else -1 for ch in brackets), default=0) <= MAX_DEPTH:
        return
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        ch = m.group()
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(_line_at(text, m.start()), _TOO_DEEP)
        elif ch in "]}":
            depth -= 1
    raise _Refused(1, _TOO_DEEP)


def _too_large(size: int) -> _Refused:
    return _Refused(1, f"file is {size} bytes, larger than the 2 MiB limit ({MAX_BYTES} bytes); refused before parsing")


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        # A character is at least one byte: only a near-limit text is encoded to measure it.
        size = len(data) if len(data) > MAX_BYTES else len(data.encode("utf-8", "surrogatepass"))
        if size > MAX_BYTES:
            raise _too_large(size)
        return data[1:] if data.startswith("\ufeff") else data
    if len(data) > MAX_BYTES:
        raise _too_large(len(data))
    try:
        return decode_utf8(data, strip_bom=True)
    except NotUtf8 as e:
        raise _Refused(e.line, f"not UTF-8: byte 0x{e.byte:02x} cannot be decoded (save the file as UTF-8)") from None


def _parse_constant(name: str) -> object:
    raise _Refused(1, f"not JSON: '{name}' is not a JSON value")


def _parse_int(digits: str) -> int:
    if len(digits) > _MAX_DIGITS:
        raise _Refused(1, f"not JSON this importer accepts: a number of {len(digits)} digits")
    return int(digits)


def _load_json(text: str, duplicate_keys: list[str]) -> object:
    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) < len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    duplicate_keys.append(key)
                seen.add(key)
        return obj

    try:
        return json.loads(text, object_pairs_hook=pairs_hook, parse_constant=_parse_constant, parse_int=_parse_int)
    except json.JSONDecodeError as e:
        raise _Refused(e.lineno, f"not JSON: {e.msg} (line {e.lineno}, column {e.colno})") from None
    except RecursionError:  # _check_depth keeps this from happening; kept as a last guard
        raise _Refused(1, _TOO_DEEP) from None


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string" if value.strip() else "a blank string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _aif_object(root: object) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The AIF object (nodes, edges, ...) and the xAIF wrapper around it, if any."""
    expected = 'expected a JSON object with "nodes" and "edges" lists (AIFdb, OVA) or {"AIF": {...}} (xAIF)'
    if not isinstance(root, dict):
        raise _Refused(1, f"not AIF: {expected}, got {_describe(root)}")
    wrapper = None
    aif = root
    if "nodes" not in root and isinstance(root.get("AIF"), dict):
        wrapper, aif = root, root["AIF"]
    for key in ("nodes", "edges"):
        if key not in aif:
            raise _Refused(1, f'not AIF: no "{key}" list ({expected})')
        if not isinstance(aif[key], list):
            raise _Refused(1, f'not AIF: "{key}" must be a list, got {_describe(aif[key])}')
    return aif, wrapper


# --------------------------------------------------------------------------- import


@dataclass
class _Node:
    key: str  # nodeID as a string (AIFdb writes strings, some tools integers)
    type: str  # I, RA, CA, MA; "" for a node that is left out
    index: int  # position in "nodes"
    raw: dict[str, Any]
    ins: list[str] = field(default_factory=list)  # keys of the nodes with an edge into this one
    outs: list[str] = field(default_factory=list)


@dataclass
class _Arg:
    id: str
    key: str  # the RA or MA node
    conclusion: str  # statement id
    premises: list[str]  # statement ids
    scheme: str | None
    questions: list[str | dict[str, str]]  # as debate/1 writes them: a text, or {id, text, note}

    def question_ids(self) -> list[str]:
        """The ids of this argument's questions (the format's default where none is chosen)."""
        return [
            q["id"] if isinstance(q, dict) and "id" in q else default_question_id(self.id, n)
            for n, q in enumerate(self.questions, 1)
        ]


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def _fit(base: str, suffix: str = "") -> str:
    """``base`` + ``suffix`` cut to the id length limit (no trailing '-')."""
    return base[: ID_MAX - len(suffix)].rstrip("-") + suffix


def _clean(text: str) -> str:
    """Lone surrogates (valid in JSON, not in UTF-8) become U+FFFD; NEL a line break."""
    text = re.sub(r"[\ud800-\udfff]", "\ufffd", text)
    return text.replace(_NEL, "\n")


class _Importer:
    def __init__(self, path: PathLike, source_dir: PathLike | None) -> None:
        self.name = os.fspath(path)
        self.source_dir = source_dir
        self.warnings: list[str] = []
        self.nodes: dict[str, _Node] = {}
        self.order: list[_Node] = []  # kept I, RA, CA and MA nodes, in file order
        self.dialogue: dict[str, int] = {}
        self.ids: set[str] = set()
        self.sid: dict[str, str] = {}  # I-node key -> statement id
        self.aid: dict[str, list[str]] = {}  # RA/MA key -> argument ids

    # ---- messages

    def warn(self, where: str | None, message: str) -> None:
        head = f"{self.name}: {where}: " if where else f"{self.name}: "
        self.warnings.append(printable(f"{head}warning: {message}"))

    @staticmethod
    def shown(value: str) -> str:
        return shorten(value, _MAX_SHOWN)

    def at(self, key: str) -> str:
        return f"node {self.shown(key)}"

    def what(self, key: str) -> str:
        node = self.nodes[key]
        return f"{_TYPE_NAMES.get(node.type, 'node')} '{self.shown(key)}'"

    # ---- nodes and edges

    def read_nodes(self, items: list[Any]) -> None:
        first_at: dict[str, int] = {}
        for i, raw in enumerate(items):
            if not isinstance(raw, dict):
                self.warn(f"nodes[{i}]", f"expected an object, got {_describe(raw)}; ignored")
                continue
            nid = raw.get("nodeID")
            if isinstance(nid, bool) or not isinstance(nid, (str, int)):
                self.warn(f"nodes[{i}]", f"no nodeID (a string or an integer), got {_describe(nid)}; node ignored")
                continue
            key = str(nid)
            if key in first_at:
                self.warn(
                    self.at(key),
                    f"duplicate nodeID (first at nodes[{first_at[key]}]); this node is ignored"
                    " and edges naming the id go to the first",
                )
                continue
            first_at[key] = i
            typ = raw.get("type")
            node = _Node(key, "", i, raw)
            self.nodes[key] = node
            if typ in _DIALOGUE_TYPES:
                self.dialogue[typ] = self.dialogue.get(typ, 0) + 1
            elif typ == "PA":
                self.warn(self.at(key), "PA (preference) node ignored: debate/1 has no preferences between arguments")
            elif typ not in _KNOWN_TYPES:
                shown = f"'{self.shown(typ)}'" if isinstance(typ, str) else _describe(typ)
                self.warn(
                    self.at(key),
                    f"unknown node type {shown} (expected I, RA, CA, MA, or a dialogue type L, YA, TA); node ignored",
                )
            else:
                node.type = typ
                self.order.append(node)

    def read_edges(self, items: list[Any]) -> None:
        seen: set[tuple[str, str]] = set()
        for i, raw in enumerate(items):
            eid = raw.get("edgeID") if isinstance(raw, dict) else None
            named = isinstance(eid, (str, int)) and not isinstance(eid, bool)
            where = f"edge {self.shown(str(eid))}" if named else f"edges[{i}]"
            if not isinstance(raw, dict):
                self.warn(where, f"expected an object, got {_describe(raw)}; ignored")
                continue
            ends: list[_Node] = []
            for name in ("fromID", "toID"):
                value = raw.get(name)
                if isinstance(value, bool) or not isinstance(value, (str, int)):
                    self.warn(where, f"no {name} (a string or an integer), got {_describe(value)}; edge ignored")
                    break
                node = self.nodes.get(str(value))
                if node is None:
                    self.warn(where, f"{name} '{self.shown(str(value))}' names no node; edge ignored")
                    break
                ends.append(node)
            if len(ends) < 2:
                continue
            src, dst = ends
            if not src.type or not dst.type:
                continue  # to or from a dialogue node (or one already reported): not argument structure
            pair = (src.key, dst.key)
            if pair in seen:
                self.warn(where, f"duplicate edge from {self.what(src.key)} to {self.what(dst.key)}; ignored")
                continue
            seen.add(pair)
            kinds = (src.type, dst.type)
            if kinds in (
                ("I", "RA"),
                ("I", "MA"),
                ("RA", "I"),
                ("MA", "I"),
                ("I", "CA"),
                ("CA", "I"),
                ("CA", "RA"),
                ("CA", "MA"),
            ):
                src.outs.append(dst.key)
                dst.ins.append(src.key)
                continue
            if kinds == ("CA", "CA"):
                why = "an attack on an attack has no equivalent in debate/1"
            elif kinds == ("I", "I"):
                why = "AIF links I-nodes only through an RA, CA or MA node"
            else:
                why = "debate/1 has no such link"
            self.warn(where, f"edge from {self.what(src.key)} to {self.what(dst.key)} ignored ({why})")

    # ---- ids

    def assign_ids(self) -> None:
        """Statement ids for I-nodes, first argument ids for RA/MA nodes.

        A node keeps its own name when it has one (an extension ``id``, or a
        nodeID that is a valid id with a letter in it, as an export writes);
        those are claimed first, so a derived id never takes one.  The rest
        get ``s-``/``a-`` + the nodeID made id-safe, deduplicated ``-2``, ``-3``."""
        own: dict[str, str] = {}
        for node in self.order:
            if node.type == "CA":
                continue
            ext = node.raw.get(EXTENSION_KEY)
            ext_id = ext.get("id") if isinstance(ext, dict) else None
            # A bare number (AIFdb's nodeIDs) is a valid id, but reads better prefixed.
            if isinstance(ext_id, str) and is_id(ext_id) and ext_id not in self.ids:
                own[node.key] = ext_id
            elif is_id(node.key) and node.key not in self.ids and re.search("[a-z]", node.key):
                own[node.key] = node.key
            else:
                continue
            self.ids.add(own[node.key])
        for node in self.order:
            if node.type == "CA":
                continue
            ident = own.get(node.key)
            if ident is None:
                prefix = "s-" if node.type == "I" else "a-"
                base = _fit(prefix + (_slug(node.key) or "node"))
                ident = self.claim(base)
                if ident != base:
                    self.warn(self.at(node.key), f"id '{base}' is taken; this node is '{ident}'")
            if node.type == "I":
                self.sid[node.key] = ident
            else:
                self.aid[node.key] = [ident]

    def claim(self, base: str) -> str:
        ident, n = base, 1
        while ident in self.ids:
            n += 1
            ident = _fit(base, f"-{n}")
        self.ids.add(ident)
        return ident

    # ---- extension fields

    def extension(self, node: _Node | None, raw: dict[str, Any], allowed: Sequence[str]) -> dict[str, Any]:
        ext = raw.get(EXTENSION_KEY)
        if ext is None:
            return {}
        where = self.at(node.key) if node is not None else None
        if not isinstance(ext, dict):
            self.warn(where, f'"{EXTENSION_KEY}" must be an object, got {_describe(ext)}; ignored')
            return {}
        for key in ext:
            if key not in allowed:
                self.warn(where, f"unknown key '{self.shown(key)}' in \"{EXTENSION_KEY}\" ignored")
        return ext

    def ext_value(
        self, where: str | None, ext: Mapping[str, Any], key: str, want: type, prefix: str = EXTENSION_KEY
    ) -> Any:
        """``ext[key]`` when it has type ``want`` (a non-blank string for str),
        else None (warned, naming the field ``prefix.key``)."""
        if key not in ext or ext[key] is None:
            return None
        value = ext[key]
        if want is str and isinstance(value, str) and value.strip():
            return _clean(value)
        if want is bool and isinstance(value, bool):
            return value
        if want is list and isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return [_clean(v) for v in value]
        expected = {str: "a non-empty string", bool: "true or false", list: "a list of non-empty strings"}[want]
        self.warn(where, f'"{prefix}.{key}" must be {expected}, got {_describe(value)}; ignored')
        return None

    # ---- arguments

    def build_arguments(self) -> list[_Arg]:
        args: list[_Arg] = []
        for node in self.order:
            if node.type not in _ARGUMENT_TYPES:
                continue
            where = self.at(node.key)
            label = _TYPE_NAMES[node.type]
            premises = [self.sid[k] for k in node.ins if self.nodes[k].type == "I"]
            conclusions = [self.sid[k] for k in node.outs if self.nodes[k].type == "I"]
            if not premises:
                self.warn(where, f"{label} without a premise (no I-node points to it); dropped")
            if not conclusions:
                self.warn(where, f"{label} without a conclusion (it points to no I-node); dropped")
            if not premises or not conclusions:
                self.aid[node.key] = []
                continue
            ext = self.extension(node, node.raw, ("id", "critical_questions"))
            questions = self.read_questions(where, ext.get("critical_questions"))
            scheme = None
            if node.type == "RA":
                name = node.raw.get("scheme")
                if not (isinstance(name, str) and name.strip()):
                    name = node.raw.get("text")
                if isinstance(name, str):
                    scheme, known = scheme_from_aif(name)
                    if not known:
                        self.warn(where, f"scheme '{self.shown(name)}' has no debate/1 equivalent; imported as 'other'")
            ids = self.aid[node.key]
            for n in range(2, len(conclusions) + 1):
                ids.append(self.claim(_fit(ids[0], f"-{n}")))
            if len(conclusions) > 1:
                self.warn(
                    where,
                    f"{label} with {len(conclusions)} conclusions; imported as one argument for each"
                    f" ({', '.join(ids)})",
                )
            if node.type == "MA":
                self.warn(
                    where,
                    f"MA (rephrase) node imported as argument '{ids[0]}': {', '.join(premises)} supports"
                    f" {', '.join(conclusions)} (the reverse direction of a rephrase is not kept)",
                )
            for ident, conclusion in zip(ids, conclusions, strict=True):
                args.append(_Arg(ident, node.key, conclusion, list(premises), scheme, list(questions)))
        return self.break_cycles(args)

    def break_cycles(self, args: list[_Arg]) -> list[_Arg]:
        """Drop, in file order, each argument that would close circular support.

        Only arguments inside a strongly connected part of the support graph
        can be on a cycle, so a file without one costs one linear check.  In
        a part, arguments are kept in order unless the conclusion already
        reaches one of the premises through the kept ones."""
        succ: dict[str, list[str]] = {}
        for a in args:
            succ.setdefault(a.id, []).append(a.conclusion)
            for p in a.premises:
                succ.setdefault(p, []).append(a.id)
        if not has_cycle(succ):
            return args
        import networkx as nx

        g: nx.DiGraph[str] = nx.DiGraph()
        g.add_edges_from((u, v) for u, vs in succ.items() for v in vs)
        part = {n: i for i, comp in enumerate(nx.strongly_connected_components(g)) for n in comp}
        kept: list[_Arg] = []
        kept_succ: dict[str, list[str]] = {}
        for a in args:
            in_part = {p for p in a.premises if part[p] == part[a.id]}
            path = _path(kept_succ, a.conclusion, in_part) if in_part and part[a.conclusion] == part[a.id] else None
            if path is not None:
                cycle = " -> ".join([path[-1], a.id, *path])
                self.warn(
                    self.at(a.key),
                    f"argument '{a.id}' dropped: it would close circular support {cycle}"
                    " (debate/1 rejects circular support)",
                )
                continue
            kept.append(a)
            kept_succ.setdefault(a.id, []).append(a.conclusion)
            for p in a.premises:
                kept_succ.setdefault(p, []).append(a.id)
        return kept

    def read_questions(self, where: str, raw: object) -> list[str | dict[str, str]]:
        """An RA node's critical questions, each a non-empty text or an object
        ``{text, id?, note?}`` (a valid id, non-empty strings); others are warned and left out."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.warn(
                where,
                f'"{EXTENSION_KEY}.critical_questions" must be a list of non-empty strings, '
                f"got {_describe(raw)}; ignored",
            )
            return []
        out: list[str | dict[str, str]] = []
        for n, item in enumerate(raw, 1):
            if isinstance(item, str) and item.strip():
                out.append(_clean(item))
                continue
            ok = isinstance(item, dict) and set(item) <= {"id", "text", "note"}
            ok = ok and all(isinstance(v, str) and v.strip() for v in item.values()) and "text" in item
            if ok and "id" in item and not is_id(item["id"]):
                ok = False
            if not ok:
                self.warn(where, f"critical question {n} is not a text or {{text, id, note}}; left out")
                continue
            out.append({k: _clean(v) for k, v in item.items()})
        return out

    def read_question_attacks(self, ext: Mapping[str, Any], args: list[_Arg]) -> list[dict[str, Any]]:
        """Attacks on critical questions (AIF has no node for a question: they travel in the top extension)."""
        raw = ext.get("question_attacks")
        if raw is None:
            return []
        questions = {q for a in args for q in a.question_ids()}
        statements = set(self.sid.values())
        out: list[dict[str, Any]] = []
        for i, item in enumerate(raw if isinstance(raw, list) else [raw]):
            where = f"{EXTENSION_KEY}.question_attacks[{i}]"
            raw_by = item.get("by") if isinstance(item, dict) else None
            by = self.sid.get(raw_by, raw_by) if isinstance(raw_by, str) else None
            target = item.get("target") if isinstance(item, dict) else None
            if by not in statements or target not in questions:
                self.warn(where, "an attack on a question needs a statement 'by' and a question 'target'; ignored")
                continue
            attack: dict[str, Any] = {"by": by, "target": target}
            note = self.ext_value(where, item, "note", str, where)
            if note is not None:
                attack["note"] = note
            out.append(attack)
        return out

    # ---- attacks

    def build_attacks(self, arg_ids: Mapping[str, list[str]]) -> list[dict[str, Any]]:
        attacks: list[dict[str, Any]] = []
        for node in self.order:
            if node.type != "CA":
                continue
            where = self.at(node.key)
            attackers = [self.sid[k] for k in node.ins if self.nodes[k].type == "I"]
            targets: list[str] = []
            for k in node.outs:
                if self.nodes[k].type == "I":
                    targets.append(self.sid[k])
                elif arg_ids.get(k):
                    targets.extend(arg_ids[k])
                else:
                    self.warn(where, f"its target, {self.what(k)}, was dropped; that attack is ignored")
            if not attackers:
                self.warn(where, "CA node without an attacker (no I-node points to it); dropped")
                continue
            if not targets:
                if not node.outs:
                    self.warn(where, "CA node without a target (it points to nothing); dropped")
                continue
            if len(attackers) > 1:
                self.warn(
                    where,
                    f"CA node with {len(attackers)} attacking I-nodes; each attacks alone"
                    " (debate/1 has no linked attacks)",
                )
            if len(node.outs) > 1:
                self.warn(where, f"CA node with {len(node.outs)} targets; one attack on each")
            ext = self.extension(node, node.raw, ("note",))
            note = self.ext_value(where, ext, "note", str)
            for by in attackers:
                for target in targets:
                    attack: dict[str, Any] = {"by": by, "target": target}
                    if note is not None:
                        attack["note"] = note
                    attacks.append(attack)
        return attacks

    # ---- statements

    def build_statements(
        self, args: list[_Arg], attacks: list[dict[str, Any]], source: str | None
    ) -> tuple[list[dict[str, Any]], int]:
        concluded = {a.conclusion for a in args}
        premised = {p for a in args for p in a.premises}
        attacking = {a["by"] for a in attacks}
        statements: list[dict[str, Any]] = []
        dropped_quotes = 0
        for node in self.order:
            if node.type != "I":
                continue
            where = self.at(node.key)
            sid = self.sid[node.key]
            text = node.raw.get("text")
            if isinstance(text, str) and text.strip():
                text = _clean(text)
            if not (isinstance(text, str) and text.strip()):
                self.warn(where, f"I-node without text (got {_describe(text)}); its text is a placeholder")
                text = f"(I-node {self.shown(node.key)} has no text)"
            ext = self.extension(node, node.raw, ("id", "kind", "accepted", "quote", "editorial", "note"))
            kind = self.ext_value(where, ext, "kind", str)
            accepted = self.ext_value(where, ext, "accepted", bool)
            if sid in concluded:
                if kind is not None and kind != "conclusion":
                    self.warn(
                        where,
                        f"marked '{self.shown(kind)}' in \"{EXTENSION_KEY}\", but an RA or MA node"
                        " concludes it; imported as a conclusion",
                    )
                if accepted is not None:
                    self.warn(
                        where, f'"{EXTENSION_KEY}.accepted" ignored: a conclusion holds only through its arguments'
                    )
                kind, accepted = "conclusion", None
            elif kind in GIVEN_KINDS:
                pass
            else:
                if kind is not None:
                    why = "no RA or MA node concludes it" if kind == "conclusion" else "not a kind of given"
                    self.warn(where, f"kind '{self.shown(kind)}' in \"{EXTENSION_KEY}\" ignored ({why})")
                if sid in attacking and sid not in premised:
                    # Everything in an AIF map was asserted: an attacker starts accepted.
                    kind = "objection"
                    accepted = True if accepted is None else accepted
                else:
                    kind = "premise"
            st: dict[str, Any] = {"id": sid, "kind": kind, "text": text}
            quote = self.ext_value(where, ext, "quote", str)
            if quote is not None:
                raw_quote = ext["quote"]
                if source is not None and raw_quote in source and _NEL not in raw_quote:
                    st["quote"] = raw_quote
                else:
                    dropped_quotes += 1
            if accepted is not None:
                st["accepted"] = accepted
            if self.ext_value(where, ext, "editorial", bool):
                st["editorial"] = True
            note = self.ext_value(where, ext, "note", str)
            if note is not None:
                st["note"] = note
            statements.append(st)
        return statements, dropped_quotes

    # ---- the top level

    def read_source(self, ext: Mapping[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
        """``source`` for the debate, and the source text when its file can be read in ``source_dir``."""
        raw = ext.get("source")
        if raw is None:
            return None, None
        if not isinstance(raw, dict):
            self.warn(None, f'"{EXTENSION_KEY}.source" must be an object, got {_describe(raw)}; ignored')
            return None, None
        source: dict[str, Any] = {}
        for key in ("text", "author", "url"):
            value = self.ext_value(None, raw, key, str, f"{EXTENSION_KEY}.source")
            if value is not None:
                source[key] = value
        rel = source.get("text")
        if rel is None:
            return source or None, None
        if self.source_dir is None:
            text, problem = None, "the importer was not told where the debate will be written"
        else:
            text, problem = _read_source(self.source_dir, raw["text"])
        if text is None:
            del source["text"]
            self.warn(None, f"source text '{self.shown(rel)}' not kept: {problem}")
        return source or None, text

    def read_scenarios(self, ext: Mapping[str, Any], givens: set[str]) -> list[dict[str, Any]]:
        raw = ext.get("scenarios")
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.warn(None, f'"{EXTENSION_KEY}.scenarios" must be a list, got {_describe(raw)}; ignored')
            return []
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for i, item in enumerate(raw):
            where = f"{EXTENSION_KEY}.scenarios[{i}]"
            if not isinstance(item, dict):
                self.warn(where, f"expected an object, got {_describe(item)}; ignored")
                continue
            unknown = [k for k in item if k not in ("id", "title", "description", "on", "off", "unsure")]
            for k in unknown:
                self.warn(where, f"unknown key '{self.shown(k)}' ignored")
            sid, title = item.get("id"), self.ext_value(where, item, "title", str, where)
            if not isinstance(sid, str) or not is_id(sid) or sid in seen:
                self.warn(where, "scenario ignored: a missing, bad or duplicate id")
                continue
            if title is None:
                self.warn(where, "scenario ignored: no title")
                continue
            seen.add(sid)
            scenario: dict[str, Any] = {"id": sid, "title": title}
            description = self.ext_value(where, item, "description", str, where)
            if description is not None:
                scenario["description"] = description
            named: set[str] = set()
            for key in ("on", "off", "unsure"):
                refs = self.ext_value(where, item, key, list, where) or []
                keep = []
                for ref in refs:
                    ident = self.sid.get(ref, ref)
                    if ident not in givens or ident in named:
                        why = "is named twice" if ident in named else "names no given"
                        self.warn(where, f"'{self.shown(ref)}' in '{key}' {why}; left out")
                        continue
                    named.add(ident)
                    keep.append(ident)
                if keep:
                    scenario[key] = keep
            out.append(scenario)
        return out

    def run(self, aif: dict[str, Any], wrapper: dict[str, Any] | None, duplicate_keys: list[str]) -> dict[str, Any]:
        for key in dict.fromkeys(duplicate_keys):
            self.warn(None, f"duplicate key '{self.shown(key)}' in a JSON object; the last one is used")
        self.read_nodes(aif["nodes"])
        if not any(n.type == "I" for n in self.order):
            raise _Refused(1, "no I-node (proposition) in the file: nothing to import")
        self.read_edges(aif["edges"])
        self.assign_ids()
        args = self.build_arguments()
        kept: dict[str, list[str]] = {}
        for a in args:
            kept.setdefault(a.key, []).append(a.id)
        attacks = self.build_attacks(kept)

        top_raw = aif if EXTENSION_KEY in aif or wrapper is None else wrapper
        top = self.extension(None, top_raw, ("format", "title", "thesis", "source", "scenarios", "question_attacks"))
        attacks += self.read_question_attacks(top, args)
        source, source_text = self.read_source(top)
        statements, dropped_quotes = self.build_statements(args, attacks, source_text)
        if dropped_quotes:
            why = "no source text was kept" if source_text is None else "not found in the source text"
            self.warn(None, f"{dropped_quotes} quote{'s' if dropped_quotes != 1 else ''} left out ({why})")

        kinds = {s["id"]: s["kind"] for s in statements}
        debate: dict[str, Any] = {"format": FORMAT}
        title = self.ext_value(None, top, "title", str)
        debate["title"] = title or f"Imported from {Path(self.name).name or 'AIF'}"
        if source:
            debate["source"] = source
        thesis = top.get("thesis")
        if thesis is not None:
            ident = self.sid.get(thesis, thesis) if isinstance(thesis, str) else None
            if ident is not None and kinds.get(ident) == "conclusion":
                debate["thesis"] = ident
            else:
                self.warn(None, f'"{EXTENSION_KEY}.thesis" names no conclusion; left out')
        debate["statements"] = statements
        debate["arguments"] = [self.argument(a) for a in args]
        debate["attacks"] = attacks
        givens = {s for s, k in kinds.items() if k != "conclusion"} | {q for a in args for q in a.question_ids()}
        scenarios = self.read_scenarios(top, givens)
        if scenarios:
            debate["scenarios"] = scenarios
        self.report_dialogue(aif)
        return debate

    @staticmethod
    def argument(a: _Arg) -> dict[str, Any]:
        out: dict[str, Any] = {"id": a.id, "conclusion": a.conclusion, "premises": a.premises}
        if a.scheme is not None:
            out["scheme"] = a.scheme
        if a.questions:
            out["critical_questions"] = a.questions
        return out

    def report_dialogue(self, aif: Mapping[str, Any]) -> None:
        locutions = aif.get("locutions")
        n_locutions = len(locutions) if isinstance(locutions, list) else 0
        total = sum(self.dialogue.values())
        if not total and not n_locutions:
            return
        parts = ", ".join(f"{self.dialogue[t]} {t}" for t in _DIALOGUE_TYPES if t in self.dialogue)
        nodes = f"{total} dialogue node{'s' if total != 1 else ''} ({parts})" if total else "no dialogue node"
        locs = f"{n_locutions} locution{'s' if n_locutions != 1 else ''}"
        self.warn(None, f"{nodes} and {locs} ignored: debate/1 keeps what is argued, not who said it when")


def _path(successors: Mapping[str, Sequence[str]], start: str, goals: set[str]) -> list[str] | None:
    """A shortest path from ``start`` to one of ``goals`` (both ends included), or None."""
    if start in goals:
        return [start]
    parent: dict[str, str] = {start: start}
    frontier = [start]
    while frontier:
        nxt: list[str] = []
        for u in frontier:
            for v in successors.get(u, ()):
                if v in parent:
                    continue
                parent[v] = u
                if v in goals:
                    path = [v]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return path[::-1]
                nxt.append(v)
        frontier = nxt
    return None


def _read_source(folder: PathLike, name: str) -> tuple[str | None, str]:
    """The source text ``name`` inside ``folder``, as the loader will read
    it (a regular UTF-8 file in the folder or below, symbolic links
    resolved, at most MAX_SOURCE_BYTES), else None and why.  A name outside
    gets one reason whatever is there: nothing outside is opened."""
    try:
        path = resolve_within(os.fspath(folder), name)
    except ValueError as e:
        return None, str(e)
    if path is None:
        return None, "it is outside the debate's folder"
    try:
        return decode_utf8(read_capped(path, MAX_SOURCE_BYTES, follow_symlinks=False)), ""
    except OSError as e:
        return None, f"cannot read it: {e.strerror or e}"
    except NotRegularFile as e:
        return None, f"cannot read it: {e}"
    except TooLarge:
        return None, "it is larger than the 16 MiB limit for a source text"
    except NotUtf8:
        return None, "it is not UTF-8 text"


def import_aif(
    data: bytes | str, path: PathLike = "<aif>", *, source_dir: PathLike | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Read AIF JSON; return ``(debate, warnings)``.

    ``data`` is the file's bytes (UTF-8) or text; ``path`` names it in every
    message.  ``debate`` is a new debate/1 mapping (format, title, source,
    thesis, statements, arguments, attacks, scenarios, in that order; optional
    keys only when there is something), valid for ``check_debate`` once
    written with ``yaml.safe_dump(debate, sort_keys=False)``.  ``warnings``
    are printable lines ``FILE: node ID: warning: ...`` (``FILE: edge ID: ...``,
    ``FILE: warning: ...`` for the file as a whole), in the order found, one
    for everything that could not be carried over.

    ``source_dir`` is the folder the debate will be written to: only when it
    is given, and the source text named by an exported file's extension is a
    readable file there, are ``source.text`` and the quotes (those found in
    it) kept; otherwise they are left out with a warning.

    Raises ``AifInvalid`` (one ``DebateError``) for input that is not AIF
    JSON at all (see the module docstring); never anything else."""
    name = os.fspath(path)
    try:
        text = _decode(data)
        if not text.strip():
            raise _Refused(1, 'the file is empty (expected AIF JSON: {"nodes": [...], "edges": [...]})')
        _check_depth(text)
        duplicate_keys: list[str] = []
        root = _load_json(text, duplicate_keys)
        aif, wrapper = _aif_object(root)
        importer = _Importer(path, source_dir)
        debate = importer.run(aif, wrapper, duplicate_keys)
    except _Refused as e:
        raise AifInvalid([DebateError(name, e.line, printable(e.message))]) from None
    return debate, importer.warnings


# --------------------------------------------------------------------------- export


def _unique(base: str, taken: set[str]) -> str:
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    taken.add(ident)
    return ident


def _statement_extension(s: Statement) -> dict[str, Any]:
    ext: dict[str, Any] = {}
    if not re.search("[a-z]", s.id):
        ext["id"] = s.id  # an all-digit id would otherwise come back as s-<id>
    if s.is_given:
        ext["kind"] = s.kind
        ext["accepted"] = bool(s.accepted)
    if s.quote is not None:
        ext["quote"] = s.quote
    if s.editorial:
        ext["editorial"] = True
    if s.note is not None:
        ext["note"] = s.note
    return ext


def export_aif(debate: Debate) -> dict[str, Any]:
    """``debate`` as a new AIF JSON object (AIFdb's shape, as OVA reads it).

    One I-node per statement and one RA node per argument, each with the
    debate id as its nodeID; one CA node per attack (nodeIDs ``ca-1``,
    ``ca-2``, ... made unique against the debate's ids); edges premise -> RA
    -> conclusion and attacker -> CA -> target with edgeIDs ``e1``, ``e2``,
    ...; ``"locutions": []``.  What AIF has no place for (kinds, starting
    toggles, quotes, editorial flags, notes, critical questions, title,
    thesis, source, scenarios) travels under the ``"debate"`` key of each
    node and of the object itself, which AIF tools ignore and ``import_aif``
    reads back.  The debate is not changed."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(src: str, dst: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": src, "toID": dst, "formEdgeID": None})

    for s in debate.statements:
        node: dict[str, Any] = {"nodeID": s.id, "text": s.text, "type": "I"}
        ext = _statement_extension(s)
        if ext:
            node[EXTENSION_KEY] = ext
        nodes.append(node)
    for a in debate.arguments:
        name = AIF_SCHEME_NAMES.get(a.scheme or "", _DEFAULT_INFERENCE)
        node = {"nodeID": a.id, "text": name, "type": "RA", "scheme": name}
        if name in _SCHEME_IDS:
            node["schemeID"] = _SCHEME_IDS[name]
        ext = {}
        if not re.search("[a-z]", a.id):
            ext["id"] = a.id
        if a.questions:
            ext["critical_questions"] = question_entries(a)
        if ext:
            node[EXTENSION_KEY] = ext
        nodes.append(node)
        for p in dict.fromkeys(a.premises):
            edge(p, a.id)
        edge(a.id, a.conclusion)
    taken = {s.id for s in debate.statements} | {a.id for a in debate.arguments}
    on_questions = [at for at in debate.attacks if at.target in debate.question_by_id]
    for n, attack in enumerate((at for at in debate.attacks if at.target not in debate.question_by_id), 1):
        ca = _unique(f"ca-{n}", taken)
        node = {
            "nodeID": ca,
            "text": _DEFAULT_CONFLICT,
            "type": "CA",
            "scheme": _DEFAULT_CONFLICT,
            "schemeID": _SCHEME_IDS[_DEFAULT_CONFLICT],
        }
        if attack.note is not None:
            node[EXTENSION_KEY] = {"note": attack.note}
        nodes.append(node)
        edge(attack.by, ca)
        edge(ca, attack.target)

    top: dict[str, Any] = {"format": FORMAT, "title": debate.title}
    if debate.thesis is not None:
        top["thesis"] = debate.thesis
    if debate.source is not None:
        source = {k: v for k in ("text", "author", "url") if (v := getattr(debate.source, k)) is not None}
        if source:
            top["source"] = source
    if on_questions:
        top["question_attacks"] = [
            {"by": at.by, "target": at.target, **({"note": at.note} if at.note is not None else {})}
            for at in on_questions
        ]
    if debate.scenarios:
        top["scenarios"] = [scenario_data(sc) for sc in debate.scenarios]
    return {"nodes": nodes, "edges": edges, "locutions": [], EXTENSION_KEY: top}


def export_aif_json(debate: Debate, *, indent: int | None = 1) -> str:
    """``export_aif(debate)`` as JSON text (UTF-8 characters kept, no trailing newline)."""
    return json.dumps(export_aif(debate), ensure_ascii=False, indent=indent)


def export_json(debate: Debate, *, indent: int | None = 2) -> str:
    """The model as JSON text: every field of ``Debate`` and of the objects in it.

    Keys are the dataclass field names of graph/model.py in their order
    (``path``, ``title``, ``statements``, ``arguments``, ``attacks``,
    ``scenarios``, ``thesis``, ``source``, ``source_text``; each statement
    ``id``, ``kind``, ``text``, ``line``, ``quote``, ``accepted``,
    ``editorial``, ``note``; ...); tuples are lists, None is null.  The
    derived indexes (``statement_by_id`` and the like) are not fields and are
    not written.  No trailing newline."""
    return json.dumps(asdict(debate), ensure_ascii=False, indent=indent)
