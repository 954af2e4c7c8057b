"""Import and export: one entry point per direction for every format.

The format's "Import and export" section: ``import`` reads an Argdown file
(``.argdown``, ``.ad``) or AIF JSON (``.json``) into ``debate/1`` YAML;
``export`` writes a loaded debate as AIF, Argdown, GraphML, the model's JSON
or ``debate/1`` YAML.  The formats themselves live in :mod:`graph.argdown`,
:mod:`graph.aif` and :mod:`graph.network`; this module picks one by name or
suffix, and writes the YAML (:func:`export_yaml`).  :func:`import_data` is
the import of bytes already in memory (an upload), :func:`import_file` that
of a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from graph.model import Argument, Debate, DebateError, DebateInvalid, Scenario, default_question_id
from graph.read import NotRegularFile, NotUtf8, TooLarge, decode_utf8, read_capped

__all__ = [
    "EXPORTS",
    "IMPORTS",
    "ImportResult",
    "debate_data",
    "export_debate",
    "export_yaml",
    "guess_format",
    "import_data",
    "import_file",
    "question_entries",
    "scenario_data",
]

IMPORTS: tuple[str, ...] = ("argdown", "aif")
EXPORTS: tuple[str, ...] = ("aif", "argdown", "graphml", "json", "yaml")
_SUFFIXES = {".argdown": "argdown", ".ad": "argdown", ".json": "aif"}

ImportResult = tuple[str, list[str]]


def guess_format(path: str) -> str | None:
    """The import format a file's suffix names, or None."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def _read(path: str) -> str:
    from graph.load import MAX_BYTES

    try:
        return decode_utf8(read_capped(path, MAX_BYTES), strip_bom=True)
    except TooLarge:
        raise DebateInvalid([DebateError(path, 1, f"file is larger than {MAX_BYTES} bytes")]) from None
    except NotUtf8 as e:
        raise DebateInvalid([DebateError(path, e.line, str(e))]) from None
    except (NotRegularFile, OSError) as e:
        raise DebateInvalid([DebateError(path, 1, f"cannot read file: {e}")]) from None


def _import_argdown(data: bytes | str, path: str) -> ImportResult:
    from graph.argdown import import_argdown
    from graph.argdown_parse import ArgdownError
    from graph.load import MAX_BYTES

    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:  # before decoding: a huge upload is not copied again
            raise DebateInvalid([DebateError(path, 1, f"file is larger than {MAX_BYTES} bytes")])
        try:
            data = decode_utf8(data, strip_bom=True)
        except NotUtf8 as e:
            raise DebateInvalid([DebateError(path, e.line, str(e))]) from None
    try:
        out, warnings = import_argdown(data, path)
    except ArgdownError as e:
        raise DebateInvalid([DebateError(e.path, e.line, e.message)]) from None
    return out, [str(w) for w in warnings]


def _import_aif(data: bytes | str, path: str, out_dir: str | None) -> ImportResult:
    from graph.aif import import_aif

    debate, warnings = import_aif(data, path, source_dir=out_dir)
    return yaml.safe_dump(debate, sort_keys=False, allow_unicode=True), warnings


def import_data(data: bytes | str, path: str, fmt: str, out_dir: str | None = None) -> ImportResult:
    """``(debate/1 YAML, warning lines)`` for ``data``, the contents (UTF-8
    bytes, or text) of a file named ``path`` in messages, in format ``fmt``
    (``argdown`` or ``aif``).  Nothing is read from disk except, for AIF
    only and only when ``out_dir`` is given, the source text its extension
    names in that folder (None: quotes and ``source.text`` are left out with
    a warning; an Argdown front matter's ``source`` is kept as written).
    Raises ``DebateInvalid`` (``FILE:LINE: message`` errors) for data over
    the 2 MiB limit, not UTF-8 or not of its format, ``ValueError`` for an
    unknown format."""
    if fmt == "argdown":
        return _import_argdown(data, path)
    if fmt == "aif":
        return _import_aif(data, path, out_dir)
    raise ValueError(f"unknown import format {fmt!r} (choose {', '.join(IMPORTS)})")


def import_file(path: str, fmt: str | None = None, out_dir: str = ".") -> ImportResult:
    """``(debate/1 YAML, warning lines)`` for the file at ``path`` in format
    ``fmt`` (``argdown`` or ``aif``; None: by its suffix).  ``out_dir`` is
    where the YAML will be written (a source text is named relative to it).
    Raises ``DebateInvalid`` (``FILE:LINE: message`` errors) for a file that
    cannot be read or is not of its format, ``ValueError`` for an unknown
    format."""
    fmt = fmt or guess_format(path)
    if fmt not in IMPORTS:
        raise ValueError(f"cannot tell the format of {path}: name it with --from {' or --from '.join(IMPORTS)}")
    return import_data(_read(path), path, fmt, out_dir)


def _exporters() -> dict[str, Callable[[Debate], str]]:
    from graph.aif import export_aif_json, export_json
    from graph.argdown import export_argdown
    from graph.network import to_graphml

    return {
        "aif": export_aif_json,
        "argdown": export_argdown,
        "graphml": to_graphml,
        "json": export_json,
        "yaml": export_yaml,
    }


def question_entries(argument: Argument) -> list[str | dict[str, str]]:
    """The argument's questions as the format writes them: the text alone when
    the id is the default one and there is no note, else ``{id, text, note}``."""
    out: list[str | dict[str, str]] = []
    for position, q in enumerate(argument.questions, 1):
        if q.id == default_question_id(argument.id, position) and q.note is None:
            out.append(q.text)
        else:
            out.append({"id": q.id, "text": q.text, **({} if q.note is None else {"note": q.note})})
    return out


def debate_data(debate: Debate) -> dict[str, Any]:
    """``debate`` as ``debate/1`` data (plain dicts, lists and strings, keys
    in the format's order) that ``check`` reads back as the same debate: the
    same ids, kinds, texts, toggles, quotes, notes, arguments, questions,
    attacks, scenarios, thesis and source (lines aside).  Optional fields are
    written only when set; ``accepted`` only where it differs from the
    format's default (true, false for an objection).  A ``source.text`` is
    written as the debate names it: the YAML passes ``check`` where that file
    is beside it."""
    from graph.load import FORMAT

    data: dict[str, Any] = {"format": FORMAT, "title": debate.title}
    if debate.source is not None:
        src = debate.source
        fields = (("text", src.text), ("author", src.author), ("url", src.url))
        data["source"] = {k: v for k, v in fields if v is not None}
    if debate.thesis is not None:
        data["thesis"] = debate.thesis
    statements = []
    for s in debate.statements:
        item: dict[str, Any] = {"id": s.id, "kind": s.kind, "text": s.text}
        if s.quote is not None:
            item["quote"] = s.quote
        if s.is_given and s.accepted != (s.kind != "objection"):
            item["accepted"] = bool(s.accepted)
        if s.editorial:
            item["editorial"] = True
        if s.note is not None:
            item["note"] = s.note
        statements.append(item)
    data["statements"] = statements
    arguments = []
    for a in debate.arguments:
        arg: dict[str, Any] = {"id": a.id, "conclusion": a.conclusion, "premises": list(a.premises)}
        if a.scheme is not None:
            arg["scheme"] = a.scheme
        if a.critical_questions:
            arg["critical_questions"] = question_entries(a)
        arguments.append(arg)
    data["arguments"] = arguments
    if debate.attacks:
        data["attacks"] = [
            {"by": k.by, "target": k.target, **({} if k.note is None else {"note": k.note})} for k in debate.attacks
        ]
    if debate.scenarios:
        data["scenarios"] = [scenario_data(sc) for sc in debate.scenarios]
    return data


def scenario_data(sc: Scenario) -> dict[str, Any]:
    """A scenario as ``debate/1`` writes it: id, title, then description,
    ``on``, ``off`` and ``unsure`` when set."""
    entry: dict[str, Any] = {"id": sc.id, "title": sc.title}
    if sc.description is not None:
        entry["description"] = sc.description
    for key, ids in (("on", sc.on), ("off", sc.off), ("unsure", sc.unsure)):
        if ids:
            entry[key] = list(ids)
    return entry


def export_yaml(debate: Debate) -> str:
    """``debate`` as ``debate/1`` YAML text (:func:`debate_data`, block style,
    characters kept, not escaped)."""
    from graph.argdown import dump_debate_yaml

    return dump_debate_yaml(debate_data(debate))


def export_debate(debate: Debate, to: str) -> str:
    """``debate`` as text in format ``to`` (one of :data:`EXPORTS`); raises
    ``ValueError`` for another."""
    if to not in EXPORTS:
        raise ValueError(f"unknown export format {to!r} (choose {', '.join(EXPORTS)})")
    return _exporters()[to](debate)
