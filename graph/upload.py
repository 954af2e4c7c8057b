"""A debate of the reader's own, for the page: opened from an upload or a
paste, downloaded again in every format, and shared by a link that carries it.

Nothing here is ever written to disk or shared between readers: every
function takes bytes and gives new values.  The page composes them (it
keeps the bytes in the reader's session only):

* :func:`open_text` (``name``, ``data``) -> ``(debate or None, errors,
  warnings)``: a ``debate/1`` YAML file, an Argdown file or AIF JSON (the
  xAIF wrapper too), told by the name's extension or, failing that, by the
  content (:func:`detect_format`), under the limits and checks of a file
  (:func:`graph.load.check_data`).  Never raises.
* :func:`download_files` -> one :class:`Download` per format (YAML,
  Argdown, AIF, GraphML), each made only when asked for.
* :func:`encode_source` / :func:`decode_source`: the ``src`` link parameter,
  ``FORMAT.DATA`` where DATA is the file's name, a line break and its bytes,
  raw deflate, base64url without padding; at most :data:`MAX_LINK_CHARS`
  characters, and never decompressed past :data:`MAX_LINK_SOURCE_BYTES`.
  :func:`source_query` gives a link's whole query (the source and the
  reader's choices, as :func:`graph.link.build_query` writes them) and
  :func:`open_link` reads it back.

Messages are plain text (the page shows them escaped, never as markup):
errors are ``DebateError`` (``NAME:LINE: message``, as ``check`` gives
them), warnings and link messages printable lines.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import NamedTuple

from graph.choices import Choices
from graph.convert import export_yaml, guess_format, import_data
from graph.link import build_query, choices_from_query, query_values
from graph.load import MAX_BYTES, MAX_ERRORS, check_data
from graph.model import Debate, DebateError, DebateInvalid
from graph.read import NotUtf8, decode_utf8
from graph.status import Choice
from graph.text import printable, shorten

__all__ = [
    "DEFAULT_NAME",
    "FORMATS",
    "MAX_LINK_CHARS",
    "MAX_LINK_SOURCE_BYTES",
    "MAX_NAME_CHARS",
    "Download",
    "LinkedSource",
    "OpenedLink",
    "SourceLinkError",
    "TooLargeForLink",
    "clean_name",
    "decode_source",
    "detect_format",
    "download_files",
    "encode_source",
    "open_link",
    "open_text",
    "source_query",
]

FORMATS: tuple[str, ...] = ("yaml", "argdown", "aif")
# The ``src`` value's length, in characters.  A link over 8 KiB is refused by
# common proxies (nginx's default header buffers are 8 KiB) and cut by chat
# and mail programs; 8,000 leaves room for the address and the choices.
MAX_LINK_CHARS = 8000
# What a link's source may decompress to: 20 times what real text (which
# deflates 3 to 4 times) fits in MAX_LINK_CHARS, so only a made-up source
# comes near.  At the 2 MiB file limit such a source could cost whoever opens
# the link 15 s of CPU (a hostile Argdown file); at this one, about 1 s.
MAX_LINK_SOURCE_BYTES = 128 * 1024
MAX_NAME_CHARS = 100  # of a file's name, in messages and in a link
DEFAULT_NAME = "pasted"  # a paste, or a name with nothing usable left

_SNIFFED = 64 * 1024  # bytes looked at to tell a format from the content
_YAML_KEY = re.compile(r"^(?:format|statements|arguments)[ \t]*:(?:[ \t]|$)", re.MULTILINE)
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")
_FILE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_SRC = 'Link parameter "src"'
_EXPECTED = "expected a debate/1 YAML file, an Argdown file or AIF JSON"


# ------------------------------------------------------------------ naming ---


def clean_name(name: str) -> str:
    """The name a file is called by in messages, titles and links: its last
    path component (``/`` or ``\\``), non-printable characters as ``?``, at
    most :data:`MAX_NAME_CHARS` characters (the extension kept); or
    :data:`DEFAULT_NAME` when nothing is left.  It never names a file to
    open: nothing is read by name."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = printable(base).strip()
    if not base or base in (".", ".."):
        return DEFAULT_NAME
    if len(base) <= MAX_NAME_CHARS:
        return base
    suffix = PurePosixPath(base).suffix
    suffix = suffix if len(suffix) <= 12 else ""
    return shorten(base[: len(base) - len(suffix)], MAX_NAME_CHARS - len(suffix)) + suffix


def _format_of_name(name: str) -> str | None:
    if PurePosixPath(name).suffix.lower() in (".yaml", ".yml"):
        return "yaml"
    return guess_format(name)


def detect_format(name: str, data: bytes) -> str:
    """The format of a file: by the extension of ``name`` (``.yaml``/``.yml``,
    ``.argdown``/``.ad``, ``.json``), else by its first 64 KiB: ``aif`` when
    it starts with ``{`` (after a byte order mark and white space), ``yaml``
    when it has a top-level ``format:``, ``statements:`` or ``arguments:``
    key and does not start with an Argdown front matter (``===``), else
    ``argdown``.  One of :data:`FORMATS`."""
    by_name = _format_of_name(name)
    if by_name is not None:
        return by_name
    head = data[:_SNIFFED].decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return "aif"
    if not head.startswith("===") and _YAML_KEY.search(head):
        return "yaml"
    return "argdown"


# ------------------------------------------------------------------ opening ---


def open_text(name: str, data: bytes, fmt: str | None = None) -> tuple[Debate | None, list[DebateError], list[str]]:
    """A debate from the bytes of an uploaded or pasted file.

    ``name`` is the file's name as the reader gave it (cleaned by
    :func:`clean_name`: every error and warning names it, and Argdown and
    AIF take the title from it when the file has none); ``fmt`` one of
    :data:`FORMATS`, or None to tell it by :func:`detect_format`.  Returns
    ``(debate, [], warnings)`` or ``(None, errors, warnings)``:

    * errors as ``check`` gives them (``NAME:LINE: message``, sorted by
      line, at most ``MAX_ERRORS`` and one more saying how many were left
      out); a file over 2 MiB is refused before it is decoded; an empty
      file, a binary one (a NUL byte) and one that is not UTF-8 each get one
      error when no extension names the format (otherwise the format's own
      message);
    * an Argdown or AIF file is imported (:func:`graph.convert.import_data`)
      and the result checked, so its syntax errors come at their line and
      what it cannot carry are its importer's warnings;
    * nothing is read from disk: a ``source.text`` (debate/1 YAML, or an
      Argdown front matter) is left out with a warning, and with it the
      quotes, which could not be checked against it;
    * warnings are printable lines, at most ``MAX_ERRORS`` and one more
      saying how many were left out.

    ``debate.path`` is the cleaned name.  Never raises: an unexpected
    failure becomes one error."""
    shown = clean_name(name)
    try:
        debate, errors, warnings = _open(shown, data, fmt)
    except Exception:  # a bug must not become a traceback on the page
        return None, [DebateError(shown, 1, "could not be opened (an unexpected error; please report it)")], []
    return debate, errors, _capped(warnings)


def _open(name: str, data: bytes, fmt: str | None) -> tuple[Debate | None, list[DebateError], list[str]]:
    if len(data) > MAX_BYTES:
        message = f"file is {len(data)} bytes, larger than the 2 MiB limit ({MAX_BYTES} bytes); refused before parsing"
        return None, [DebateError(name, 1, message)], []
    if fmt is None and _format_of_name(name) is None:
        refused = _not_a_text(name, data)
        if refused is not None:
            return None, [refused], []
    fmt = fmt or detect_format(name, data)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    warnings: list[str] = []
    if fmt == "yaml":
        debate, errors = check_data(data, name)
    else:
        try:
            text, warnings = import_data(data, name, fmt)
        except DebateInvalid as e:
            return None, list(e.errors), []
        debate, errors = check_data(text.encode("utf-8"), name)
        # The import's YAML exists nowhere: its lines would point at nothing.
        errors = [
            DebateError(name, 1, f"the imported debate fails check (line {e.line} of its debate/1 YAML): {e.message}")
            for e in errors
        ]
    if debate is None:
        return None, errors, [printable(w) for w in warnings]
    debate, dropped = _without_source_text(debate, name, fmt)
    return debate, [], [printable(w) for w in warnings] + dropped


def _not_a_text(name: str, data: bytes) -> DebateError | None:
    """The one error for data whose format cannot be told at all, or None."""
    if not data.strip():
        return DebateError(name, 1, f"the file is empty ({_EXPECTED})")
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return DebateError(name, line, f"not a text file: byte 0x00 at line {line} ({_EXPECTED})")
    try:
        decode_utf8(data)
    except NotUtf8 as e:
        return DebateError(name, e.line, f"not UTF-8: byte 0x{e.byte:02x} cannot be decoded (save the file as UTF-8)")
    return None


def _without_source_text(debate: Debate, name: str, fmt: str) -> tuple[Debate, list[str]]:
    """The debate without its ``source.text`` and quotes, and the warning
    that says so; unchanged (no warning) when it names no source text."""
    source = debate.source
    if source is None or source.text is None:
        return debate, []
    quoted = sum(1 for s in debate.statements if s.quote is not None)
    where = f"{name}:{source.line}" if fmt == "yaml" else name
    named = f"source.text '{shorten(printable(source.text), 60)}'"
    if quoted:
        quotes = f"its {quoted} quotes" if quoted != 1 else "its quote"
        what = f"{named} and {quotes} are left out"
        why = f"so {'they' if quoted != 1 else 'it'} cannot be checked against it"
    else:
        what, why = f"{named} is left out", "so it is not read"
    warning = f"{where}: warning: {what}: a debate opened in the page cannot read files, {why}"
    kept = dataclasses.replace(source, text=None)
    return (
        dataclasses.replace(
            debate,
            source=None if kept.author is None and kept.url is None else kept,
            source_text=None,
            statements=tuple(s if s.quote is None else dataclasses.replace(s, quote=None) for s in debate.statements),
        ),
        [warning],
    )


def _capped(warnings: list[str]) -> list[str]:
    if len(warnings) <= MAX_ERRORS:
        return warnings
    more = len(warnings) - MAX_ERRORS
    plural = "s" if more != 1 else ""
    return [*warnings[:MAX_ERRORS], f"and {more} more warning{plural} (only the first {MAX_ERRORS} are listed)"]


# ---------------------------------------------------------------- downloads ---


@dataclass(frozen=True)
class Download:
    """One file to download: ``build()`` makes its bytes, only when called
    (the page hands ``build`` to the download button, which calls it when
    the reader clicks)."""

    fmt: str  # yaml, argdown, aif or graphml
    label: str  # the format's name for people
    filename: str  # ASCII letters, digits, ".", "-", "_" only
    mime: str
    build: Callable[[], bytes]


def _file_stem(name: str) -> str:
    stem = PurePosixPath(clean_name(name)).stem
    return _FILE_CHARS.sub("-", stem).strip("-.")[:64] or "debate"


def download_files(debate: Debate, original: bytes | None, name: str) -> list[Download]:
    """The debate as YAML, Argdown, AIF JSON and GraphML, in that order.

    ``original`` is the ``debate/1`` YAML the debate was checked from (a
    file in ``content/``, an uploaded YAML file): the YAML download is those
    bytes, as written, comments and ``source.text`` included.  None (a debate
    imported from Argdown or AIF): the YAML is written from the model
    (:func:`graph.convert.export_yaml`).  ``name`` gives the files' names
    (``NAME.yaml``, ``NAME.argdown``, ``NAME.json``, ``NAME.graphml``, its
    extension replaced, made safe for a download).  Nothing is computed
    until a ``build`` is called.  A download never holds the server's path
    to the file: the debate's ``path`` (which GraphML writes) is cut to the
    file's name."""
    from graph.aif import export_aif_json
    from graph.argdown import export_argdown
    from graph.network import to_graphml

    stem = _file_stem(name)
    shown = dataclasses.replace(debate, path=clean_name(debate.path))

    def utf8(make: Callable[[Debate], str]) -> Callable[[], bytes]:
        return lambda: make(shown).encode("utf-8")

    yaml_bytes: Callable[[], bytes] = (lambda: original) if original is not None else utf8(export_yaml)
    return [
        Download("yaml", "YAML (debate/1)", f"{stem}.yaml", "application/yaml", yaml_bytes),
        Download("argdown", "Argdown", f"{stem}.argdown", "text/plain", utf8(export_argdown)),
        Download("aif", "AIF (JSON)", f"{stem}.json", "application/json", utf8(export_aif_json)),
        Download("graphml", "GraphML", f"{stem}.graphml", "application/graphml+xml", utf8(to_graphml)),
    ]


# -------------------------------------------------------------------- links ---


class LinkedSource(NamedTuple):
    """What a ``src`` link parameter carries: a file's (cleaned) name, its
    format (one of :data:`FORMATS`) and its bytes."""

    name: str
    fmt: str
    data: bytes


class SourceLinkError(ValueError):
    """A ``src`` value that cannot be read; ``str()`` is the message, which
    names the parameter."""


class TooLargeForLink(ValueError):
    """A source whose ``src`` value would be over :data:`MAX_LINK_CHARS`."""


def encode_source(data: bytes, fmt: str, name: str = DEFAULT_NAME) -> str:
    """The ``src`` value for the file ``name`` (cleaned by
    :func:`clean_name`) holding ``data`` in format ``fmt``: ``FMT.`` then
    base64url (no padding) of the raw deflate of the name, a line break and
    the bytes.  Raises :class:`TooLargeForLink` when the value would be over
    :data:`MAX_LINK_CHARS` characters or the name and bytes over
    :data:`MAX_LINK_SOURCE_BYTES` (what :func:`decode_source` accepts),
    ``ValueError`` for a format not in :data:`FORMATS`."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (choose {', '.join(FORMATS)})")
    payload = clean_name(name).encode("utf-8") + b"\n" + data
    too_large = "too large to share by link: download the file instead"
    if len(payload) > MAX_LINK_SOURCE_BYTES:
        raise TooLargeForLink(f"{too_large} (a link carries at most {MAX_LINK_SOURCE_BYTES // 1024} KiB of source)")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(payload) + packer.flush()
    value = f"{fmt}." + base64.urlsafe_b64encode(packed).rstrip(b"=").decode("ascii")
    if len(value) > MAX_LINK_CHARS:
        raise TooLargeForLink(
            f"{too_large} (the link would carry {len(value):,} characters; at most {MAX_LINK_CHARS:,})"
        )
    return value


def decode_source(value: str, *, max_chars: int = MAX_LINK_CHARS) -> LinkedSource:
    """What the ``src`` value ``value`` carries (see :func:`encode_source`).

    Raises :class:`SourceLinkError`, with a message of its own, for: an empty
    value; one over ``max_chars`` characters (checked first); no format or
    an unknown one; no data, or data that is not base64url; not raw deflate,
    cut short, or followed by more data; more than
    :data:`MAX_LINK_SOURCE_BYTES` once decompressed (decompression stops one
    byte past it, so a decompression bomb costs no more memory than that);
    no name line.  Time and memory are bounded by ``max_chars`` and that
    limit."""
    if not value:
        raise SourceLinkError(f"{_SRC}: empty.")
    if len(value) > max_chars:
        raise SourceLinkError(f"{_SRC}: too long ({len(value):,} characters; a link carries at most {max_chars:,}).")
    fmt, dot, b64 = value.partition(".")
    if not dot:
        raise SourceLinkError(f'{_SRC}: no format (expected "yaml.", "argdown." or "aif." before the data).')
    if fmt not in FORMATS:
        shown = shorten(printable(fmt), 20)
        raise SourceLinkError(f'{_SRC}: unknown format "{shown}" (expected yaml, argdown or aif before the ".").')
    if not b64:
        raise SourceLinkError(f'{_SRC}: no data after "{fmt}.".')
    if not _BASE64URL.fullmatch(b64):
        raise SourceLinkError(f'{_SRC}: not base64url data (only letters, digits, "-" and "_" may follow "{fmt}.").')
    if len(b64) % 4 == 1:
        raise SourceLinkError(f"{_SRC}: not base64url data (it ends in the middle of a character: the link was cut?).")
    try:
        packed = base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4))
    except (binascii.Error, ValueError):
        raise SourceLinkError(f"{_SRC}: not base64url data.") from None
    unpacker = zlib.decompressobj(-15)
    try:
        payload = unpacker.decompress(packed, MAX_LINK_SOURCE_BYTES + 1)
    except zlib.error as e:
        raise SourceLinkError(f"{_SRC}: not deflate data ({printable(str(e))}).") from None
    if len(payload) > MAX_LINK_SOURCE_BYTES:
        raise SourceLinkError(
            f"{_SRC}: refused: it decompresses to more than the {MAX_LINK_SOURCE_BYTES // 1024} KiB"
            f" a link may carry ({MAX_LINK_SOURCE_BYTES} bytes): a debate that large is shared as a file."
        )
    if not unpacker.eof:
        raise SourceLinkError(f"{_SRC}: the compressed data ends early (the link was cut?).")
    if unpacker.unused_data:
        raise SourceLinkError(f"{_SRC}: more data after the end of the compressed source.")
    raw_name, newline, data = payload.partition(b"\n")
    if not newline:
        raise SourceLinkError(f"{_SRC}: no file name before the source.")
    return LinkedSource(clean_name(raw_name.decode("utf-8", errors="replace")), fmt, data)


def source_query(src: str, debate: Debate, choices: Mapping[str, Choice]) -> dict[str, str]:
    """The link parameters for a debate carried by a link: ``src`` (the
    value from :func:`encode_source`, made once per file), then ``off``,
    ``on`` and ``unsure`` exactly as :func:`graph.link.build_query` writes
    them (only what differs from the file's starting choices).  Give it to
    :func:`graph.link.share_url` or :func:`graph.link.query_string`."""
    query = {"src": src}
    query.update((k, v) for k, v in build_query(debate, "", choices).items() if k != "debate")
    return query


class OpenedLink(NamedTuple):
    """A debate opened from a link's ``src`` parameter.

    ``source`` is what the link carries (None when it cannot be read);
    ``debate`` and ``choices`` are None when it cannot be opened, and then
    ``errors`` (printable lines: the link's problem, or the carried file's
    errors as ``NAME:LINE: message``) say why.  ``warnings``: the file's
    warnings, then the link's (ids it names that are not givens, other
    parameters ignored)."""

    source: LinkedSource | None
    debate: Debate | None
    choices: Choices | None
    errors: tuple[str, ...]
    warnings: tuple[str, ...]


def open_link(params: Mapping[str, str | Sequence[str]]) -> OpenedLink | None:
    """The debate and choices a link's query carries, or None when it has no
    ``src`` parameter (it names a debate of ``content/``, or none).

    ``params``: key -> value or list of values (repeated keys), as for
    :func:`graph.link.choices_from_query`.  The first non-empty ``src`` is
    read (:func:`decode_source`), opened (:func:`open_text`, by the format
    the link names) and the choices read from ``off``/``on``/``unsure``
    (:func:`graph.link.choices_from_query`).  A ``debate`` parameter beside
    it is ignored with a warning.  Never raises."""
    values = [v for v in query_values(params, "src") if v]
    if not values and not query_values(params, "src"):
        return None
    notes: list[str] = []
    if len(values) > 1:
        notes.append(f"{_SRC}: used the first, ignored {len(values) - 1} more.")
    if query_values(params, "debate"):
        notes.append('Link parameter "debate": ignored: the link carries its own debate ("src").')
    try:
        source = decode_source(values[0]) if values else decode_source("")
    except SourceLinkError as e:
        return OpenedLink(None, None, None, (str(e),), tuple(notes))
    debate, errors, warnings = open_text(source.name, source.data, source.fmt)
    if debate is None:
        return OpenedLink(source, None, None, tuple(printable(str(e)) for e in errors), tuple(warnings + notes))
    choices, ignored = choices_from_query(params, debate)
    return OpenedLink(source, debate, choices, (), tuple(warnings + notes + ignored))
