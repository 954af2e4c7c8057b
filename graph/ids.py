"""The id rule of format ``debate/1``: one home for Python and JavaScript.

An id is ``[a-z0-9][a-z0-9-]*``, at most 64 characters.  The loader checks
ids with :data:`ID_PATTERN`; the link reader and the page's components use
the same rule (the components get :func:`id_pattern_js`, generated from it).
"""

from __future__ import annotations

import re

__all__ = ["ID_MAX", "ID_PATTERN", "id_pattern_js", "is_id"]

ID_MAX = 64
ID_PATTERN: re.Pattern[str] = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{ID_MAX - 1}}}")


def is_id(value: object) -> bool:
    """True when ``value`` is a string that is a whole valid id."""
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def id_pattern_js() -> str:
    """The rule as the source of a JavaScript ``RegExp`` that matches a whole id."""
    return f"^{ID_PATTERN.pattern}$"
