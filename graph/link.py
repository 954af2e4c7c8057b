"""Shared links: read the reader's state from a query string and write it back.

The format's "In a link" section: ``?debate=NAME&off=ID,ID&on=ID&unsure=ID``,
carrying only what differs from the file's starting choices.  Reading is
forgiving: repeated keys are merged, empty values and empty list items are
skipped, and anything that cannot be used (unknown ids, conclusions, ids named
in two lists, malformed or huge values, ids past the first 10,000) is ignored
with a warning that names the link parameter and the ignored ids.  Reading
never raises and takes time linear in the length of the query.

Warnings are plain text; long ids are cut short so a 10,000-character value
gives a short message.  The page shows them escaped (never as HTML/markdown).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import urlencode, urlsplit, urlunsplit

from graph.choices import Choices, classify_ids, diff_from_start, quote_ids, resolve_choices, shorten_id, split_ids
from graph.model import Debate
from graph.status import Choice

__all__ = [
    "LIST_KEYS",
    "build_query",
    "choices_from_query",
    "debate_name_from_query",
    "query_string",
    "query_values",
    "share_url",
    "shorten_id",
]

QueryParams = Mapping[str, str | Sequence[str]]

# Link parameter -> the choice it sets, in the order they are written.
LIST_KEYS: dict[str, Choice] = {"off": "rejected", "on": "accepted", "unsure": "unsure"}


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


def _list(ids: Sequence[object]) -> str:
    return quote_ids(ids, quote='"')


def debate_name_from_query(params: QueryParams, names: Sequence[str], default: str) -> tuple[str, list[str]]:
    """The debate the link asks for, or ``default`` with a warning when it names
    none of ``names``.  Repeated ``debate`` keys: the first known name wins."""
    values = [v.strip() for v in query_values(params, "debate") if v.strip()]
    if not values:
        return default, []
    known = set(names)
    for v in values:
        if v in known:
            others = [o for o in values if o != v]
            warnings = []
            if others:
                warnings.append(f'Link parameter "debate": used "{v}", ignored {_list(others)}.')
            return v, warnings
    return default, [f'Link parameter "debate": no debate named {_list(values)}; showing "{default}".']


def _ignored(key: str, debate: Debate, ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """The givens among ``ids`` and a warning for each kind of id ignored."""
    kinds = classify_ids(debate, ids)
    warnings = []
    if kinds.unknown:
        warnings.append(f'Link parameter "{key}": ignored unknown ids {_list(kinds.unknown)}.')
    if kinds.conclusions:
        warnings.append(
            f'Link parameter "{key}": ignored {_list(kinds.conclusions)}: conclusions '
            "cannot be chosen, they follow from the givens."
        )
    if kinds.arguments:
        warnings.append(
            f'Link parameter "{key}": ignored {_list(kinds.arguments)}: arguments cannot be chosen, only givens.'
        )
    return list(kinds.givens), warnings


def choices_from_query(params: QueryParams, debate: Debate) -> tuple[Choices, list[str]]:
    """The choices (every given) a link asks for, and warnings.  Never raises.

    Starts from the file's starting choices; ``off``/``on``/``unsure`` name
    givens (comma-separated, repeated keys merged).  Ignored, each with a
    warning naming the parameter: ids past the first 10,000 (counted over
    all three, in that order; one warning), ids that are not givens of this
    debate (unknown, malformed, a conclusion or an argument), and ids named in
    more than one list.  Linear in the length of the query.
    """
    read = split_ids({key: query_values(params, key) for key in LIST_KEYS})
    warnings = [f'Link parameter "{read.cut}": {read.cut_note()}.'] if read.cut else []
    valid: dict[str, list[str]] = {}
    for key, items in read.lists.items():
        valid[key], ignored = _ignored(key, debate, items)
        warnings += ignored
    count: dict[str, int] = {}
    for givens in valid.values():
        for i in givens:
            count[i] = count.get(i, 0) + 1
    clash = [i for i in debate.given_ids if count.get(i, 0) > 1]
    if clash:
        warnings.append(f'Link parameters "on"/"off"/"unsure": ignored {_list(clash)}, named in more than one of them.')
    keep = {k: [i for i in v if count[i] == 1] for k, v in valid.items()}
    choices = resolve_choices(debate, on=keep["on"], off=keep["off"], unsure=keep["unsure"])
    return choices, warnings


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
    """``?debate=...&off=...``, or "" when empty.  Encoded the way Streamlit
    writes the address bar (a comma as ``%2C``, a space as ``+``), so the share
    field and the address show one and the same link."""
    if not query:
        return ""
    return "?" + urlencode(dict(query))


def share_url(base_url: str | None, query: Mapping[str, str]) -> str:
    """The full link: the page's address (scheme, host, path; any query or
    fragment in it dropped) followed by the query.  Without an address (tests,
    scripts) the link is just the query."""
    if not base_url:
        return query_string(query)
    parts = urlsplit(base_url)
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", "")) + query_string(query)
