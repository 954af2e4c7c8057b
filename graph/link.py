"""Shared links: read the reader's state from a query string and write it back.

The format's "In a link" section: ``?debate=NAME&off=ID,ID&on=ID&unsure=ID``,
carrying only what differs from the file's starting choices.  Reading is
forgiving: repeated keys are merged, empty values and empty list items are
skipped, and anything that cannot be used (unknown ids, conclusions, ids named
in two lists, malformed or huge values) is ignored with a warning that names
the link parameter and the ignored ids.  Reading never raises.

Warnings are plain text; long ids are cut short so a 10,000-character value
gives a short message.  The page shows them escaped (never as HTML/markdown).
"""
from __future__ import annotations

import re
from typing import Mapping, Sequence, Union
from urllib.parse import urlencode, urlsplit, urlunsplit

from graph.choices import diff_from_start, resolve_choices
from graph.model import Debate
from graph.status import Choice

__all__ = [
    "LIST_KEYS",
    "query_values",
    "debate_name_from_query",
    "choices_from_query",
    "build_query",
    "query_string",
    "share_url",
    "shorten_id",
]

QueryParams = Mapping[str, Union[str, Sequence[str]]]

# Link parameter -> the choice it sets, in the order they are written.
LIST_KEYS: dict[str, Choice] = {"off": "rejected", "on": "accepted", "unsure": "unsure"}
_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_SHOWN_IDS = 8  # a warning lists at most this many ids
_SHOWN_CHARS = 40  # and at most this many characters of each


def query_values(params: QueryParams, key: str) -> list[str]:
    """Every value of ``key`` (a str, or a list for repeated keys), in order."""
    try:
        raw = params.get(key)
    except Exception:  # a strange mapping must not break the page
        return []
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    try:
        return [v for v in raw if isinstance(v, str)]
    except TypeError:
        return []


def shorten_id(text: str) -> str:
    """An id as it may appear in a warning: control characters dropped, cut to
    40 characters."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    if len(clean) > _SHOWN_CHARS:
        return clean[: _SHOWN_CHARS - 1] + "…"
    return clean


def _list(ids: Sequence[str]) -> str:
    shown = ", ".join(f'"{shorten_id(i)}"' for i in ids[:_SHOWN_IDS])
    if len(ids) > _SHOWN_IDS:
        shown += f" and {len(ids) - _SHOWN_IDS} more"
    return shown


def debate_name_from_query(
    params: QueryParams, names: Sequence[str], default: str
) -> tuple[str, list[str]]:
    """The debate the link asks for, or ``default`` with a warning when it names
    none of ``names``.  Repeated ``debate`` keys: the first known name wins."""
    values = [v.strip() for v in query_values(params, "debate") if v.strip()]
    if not values:
        return default, []
    for v in values:
        if v in names:
            others = [o for o in values if o != v]
            warnings = []
            if others:
                warnings.append(
                    f'Link parameter "debate": used "{v}", ignored {_list(others)}.'
                )
            return v, warnings
    return default, [
        f'Link parameter "debate": no debate named {_list(values)}; showing "{default}".'
    ]


def choices_from_query(
    params: QueryParams, debate: Debate
) -> tuple[dict[str, Choice], list[str]]:
    """The full choices mapping (every given) a link asks for, and warnings.

    Starts from the file's starting choices; ``off``/``on``/``unsure`` name
    givens (comma-separated, repeated keys merged).  Ignored, each with a
    warning naming the parameter: ids that are not givens of this debate
    (unknown, malformed, or a conclusion), and ids named in more than one list.
    """
    warnings: list[str] = []
    wanted: dict[str, list[str]] = {}
    for key in LIST_KEYS:
        items: list[str] = []
        for value in query_values(params, key):
            for part in value.split(","):
                part = part.strip()
                if part and part not in items:
                    items.append(part)
        wanted[key] = items

    givens = set(debate.given_ids)
    conclusions = set(debate.conclusion_ids)
    valid: dict[str, list[str]] = {}
    for key, items in wanted.items():
        unknown = [i for i in items if i not in givens and i not in conclusions]
        concl = [i for i in items if i in conclusions]
        if unknown:
            warnings.append(
                f'Link parameter "{key}": ignored unknown ids {_list(unknown)}.'
            )
        if concl:
            warnings.append(
                f'Link parameter "{key}": ignored {_list(concl)}: conclusions '
                "cannot be chosen, they follow from the givens."
            )
        valid[key] = [i for i in items if i in givens]

    count: dict[str, int] = {}
    for items in valid.values():
        for i in items:
            count[i] = count.get(i, 0) + 1
    clash = [i for i in debate.given_ids if count.get(i, 0) > 1]
    if clash:
        warnings.append(
            f'Link parameters "on"/"off"/"unsure": ignored {_list(clash)}, '
            "named in more than one of them."
        )
    keep = {k: [i for i in v if count[i] == 1] for k, v in valid.items()}
    choices = resolve_choices(debate, on=keep["on"], off=keep["off"], unsure=keep["unsure"])
    return dict(choices), warnings


def build_query(debate: Debate, name: str, choices: Mapping[str, Choice]) -> dict[str, str]:
    """The link parameters for this state: ``debate`` always, then ``off``,
    ``on``, ``unsure`` only when not empty (ids sorted, comma-joined)."""
    on, off, unsure = diff_from_start(debate, choices)
    query = {"debate": name}
    for key, ids in (("off", off), ("on", on), ("unsure", unsure)):
        if ids:
            query[key] = ",".join(sorted(ids))
    return query


def query_string(query: Mapping[str, str]) -> str:
    """``?debate=...&off=...`` (commas kept readable), or "" when empty."""
    if not query:
        return ""
    return "?" + urlencode(dict(query), safe=",")


def share_url(base_url: str | None, query: Mapping[str, str]) -> str:
    """The full link: the page's address (scheme, host, path; any query or
    fragment in it dropped) followed by the query.  Without an address (tests,
    scripts) the link is just the query."""
    if not base_url:
        return query_string(query)
    parts = urlsplit(base_url)
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")) + query_string(query)
