"""Plain-text helpers shared by every message and view: one way to shorten.

Texts from a debate file or a link are shown in messages, tooltips and
warnings; each place cuts them with :func:`shorten`, so a long text ends the
same way everywhere (with "…", after at most ``limit`` characters).
"""

from __future__ import annotations

__all__ = ["ELLIPSIS", "escape_controls", "printable", "shorten"]

ELLIPSIS = "…"


def printable(text: str) -> str:
    """``text`` with every non-printable character (control characters, line
    breaks, escape sequences' ESC) replaced by ``?``: safe on a terminal."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def escape_controls(text: str) -> str:
    """``text`` with every non-printable character (C0/C1 controls, line and
    paragraph separators, format characters) written as a Python-style
    escape (``\\x1b``, ``\\r``, ``\\n``, ``\\u202e``); printable text,
    backslashes included, is left as it is.  What a terminal is sent."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def shorten(text: str, limit: int, *, fold: bool = False) -> str:
    """``text`` cut to at most ``limit`` characters, ending in "…" when cut.

    With ``fold``, runs of white space (newlines included) first become one
    space.  ``limit`` must be at least 1.
    """
    if fold:
        text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + ELLIPSIS
