"""Import and export: one entry point per direction for every format.

The format's "Import and export" section: ``import`` reads an Argdown file
(``.argdown``, ``.ad``) or AIF JSON (``.json``) into ``debate/1`` YAML;
``export`` writes a loaded debate as AIF, Argdown, GraphML or the model's
JSON.  The formats themselves live in :mod:`graph.argdown`, :mod:`graph.aif`
and :mod:`graph.network`; this module picks one by name or suffix.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from graph.model import Debate, DebateError, DebateInvalid
from graph.read import NotRegularFile, NotUtf8, TooLarge, decode_utf8, read_capped

__all__ = ["EXPORTS", "IMPORTS", "ImportResult", "export_debate", "guess_format", "import_file"]

IMPORTS: tuple[str, ...] = ("argdown", "aif")
EXPORTS: tuple[str, ...] = ("aif", "argdown", "graphml", "json")
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


def _import_argdown(text: str, path: str) -> ImportResult:
    from graph.argdown import import_argdown
    from graph.argdown_parse import ArgdownError

    try:
        out, warnings = import_argdown(text, path)
    except ArgdownError as e:
        raise DebateInvalid([DebateError(e.path, e.line, e.message)]) from None
    return out, [str(w) for w in warnings]


def _import_aif(text: str, path: str, out_dir: str) -> ImportResult:
    from graph.aif import import_aif

    data, warnings = import_aif(text, path, source_dir=out_dir)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True), warnings


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
    text = _read(path)
    return _import_argdown(text, path) if fmt == "argdown" else _import_aif(text, path, out_dir)


def _exporters() -> dict[str, Callable[[Debate], str]]:
    from graph.aif import export_aif_json, export_json
    from graph.argdown import export_argdown
    from graph.network import to_graphml

    return {"aif": export_aif_json, "argdown": export_argdown, "graphml": to_graphml, "json": export_json}


def export_debate(debate: Debate, to: str) -> str:
    """``debate`` as text in format ``to`` (one of :data:`EXPORTS`); raises
    ``ValueError`` for another."""
    if to not in EXPORTS:
        raise ValueError(f"unknown export format {to!r} (choose {', '.join(EXPORTS)})")
    return _exporters()[to](debate)
