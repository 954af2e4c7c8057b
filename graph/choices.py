"""The reader's choices: which givens are accepted, rejected or unsure.

:class:`Choices` is the one value every part of the program passes around: an
immutable, hashable mapping with one entry per given of a debate (conclusions
are never chosen: they follow from the givens), in the file's order.  It is
validated once, where it is made (:meth:`Choices.start`, :meth:`Choices.of`,
:meth:`Choices.from_key`, :func:`resolve_choices`), so whoever receives one
can trust it.  Everything starts from the file's ``accepted`` values.

Ids the reader names (on the command line, in a link) are read here too:
:func:`split_ids` splits and bounds them (at most :data:`MAX_IDS`, in time
linear in their length), :func:`classify_ids` tells givens from everything
else, and :func:`quote_ids` names a few of them in a short message.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, Sequence, ValuesView
from itertools import chain
from typing import Any, NamedTuple, NoReturn

from graph.model import Debate
from graph.status import CHOICES, Choice
from graph.text import printable, shorten

__all__ = [
    "MAX_IDS",
    "ChoiceError",
    "Choices",
    "IdKinds",
    "IdLists",
    "choices_from_scenario",
    "classify_ids",
    "diff_from_start",
    "quote_ids",
    "resolve_choices",
    "shorten_id",
    "split_ids",
]

MAX_IDS = 10_000  # ids read from one request (all lists together); the rest are ignored
_SHOWN_IDS = 8  # a message names at most this many ids
_SHOWN_CHARS = 40  # and at most this many characters of each
_CHOICE_SET: frozenset[str] = frozenset(CHOICES)
_CHOICE_LIST = "accepted, rejected or unsure"


class ChoiceError(ValueError):
    """A request names an unknown id, a conclusion, or one id in two lists."""


def shorten_id(text: str) -> str:
    """An id as it may appear in a message: non-printable characters shown as
    ``?``, cut to 40 characters (ending in "…")."""
    return shorten(printable(text), _SHOWN_CHARS)


def quote_ids(ids: Sequence[object], quote: str = "'") -> str:
    """``'a', 'b'``: the first 8 of ``ids``, each shortened and quoted, then
    ``and N more`` when there are more.  Anything not a string is shown by
    its (unquoted) ``repr``."""
    shown = ", ".join(
        f"{quote}{shorten_id(i)}{quote}" if isinstance(i, str) else shorten_id(repr(i)) for i in ids[:_SHOWN_IDS]
    )
    if len(ids) > _SHOWN_IDS:
        shown += f" and {len(ids) - _SHOWN_IDS:,} more"
    return shown


class IdKinds(NamedTuple):
    """Ids sorted by what they name in a debate; each tuple in first-seen
    order, without repeats."""

    givens: tuple[str, ...]
    conclusions: tuple[str, ...]
    arguments: tuple[str, ...]
    unknown: tuple[object, ...]


def classify_ids(debate: Debate, ids: Iterable[object]) -> IdKinds:
    """Sort ``ids`` into the debate's givens (critical questions among them), conclusions, arguments and
    anything else (unknown; also whatever is not a string).  Linear in the
    number of ids; never raises for hashable ids."""
    out: tuple[list[str], list[str], list[str], list[object]] = ([], [], [], [])
    givens, conclusions, arguments, unknown = out
    statements, args, questions = debate.statement_by_id, debate.argument_by_id, debate.question_by_id
    for i in dict.fromkeys(ids):
        if not isinstance(i, str):
            unknown.append(i)
        elif i in statements:
            (givens if statements[i].is_given else conclusions).append(i)
        elif i in args:
            arguments.append(i)
        elif i in questions:  # a critical question is a given
            givens.append(i)
        else:
            unknown.append(i)
    return IdKinds(tuple(givens), tuple(conclusions), tuple(arguments), tuple(unknown))


class IdLists(NamedTuple):
    """Named lists of ids as read by :func:`split_ids`."""

    lists: dict[str, tuple[str, ...]]  # name -> ids, in order, each once
    cut: str | None  # the list where the limit was reached, if it was
    ignored: int  # how many ids past the limit were ignored

    def cut_note(self) -> str:
        """``only the first 10,000 ids are read; ignored 5 more`` ("" if none were)."""
        if not self.ignored:
            return ""
        return f"only the first {MAX_IDS:,} ids are read; ignored {self.ignored:,} more"


def split_ids(values: Mapping[str, Iterable[str]], limit: int = MAX_IDS) -> IdLists:
    """Each name's values split at commas, stripped, blanks skipped, repeats
    within a list dropped.  Counting ids as written over all lists in order,
    those past ``limit`` are ignored (``cut`` names the list where that began,
    ``ignored`` counts them).  Linear in the total length; never raises."""
    lists: dict[str, tuple[str, ...]] = {}
    cut: str | None = None
    room, ignored = limit, 0
    for name, items in values.items():
        parts = [p for p in (q.strip() for v in items for q in v.split(",")) if p]
        if len(parts) > room:
            cut = cut or name
            ignored += len(parts) - room
            parts = parts[:room]
        room -= len(parts)
        lists[name] = tuple(dict.fromkeys(parts))
    return IdLists(lists, cut, ignored)


class Choices(Mapping[str, Choice]):
    """Every given of one debate -> its choice; immutable and hashable.

    Make one with :meth:`start`, :meth:`of`, :meth:`from_key` or
    :func:`resolve_choices` (calling the class directly raises ``TypeError``).
    Iterates in the debate's given order; equal (and ``==`` to a plain dict)
    when the items are the same; the hash is that of :attr:`key`.
    """

    __slots__ = ("_data", "_givens", "_hash", "_key")
    _data: dict[str, Choice]
    _givens: tuple[str, ...]
    _key: str | None
    _hash: int | None

    def __init__(self) -> None:
        raise TypeError("make Choices with Choices.start, Choices.of or Choices.from_key")

    @classmethod
    def _trusted(cls, givens: tuple[str, ...], data: dict[str, Choice]) -> Choices:
        """A Choices around ``data`` (already valid, in given order; not copied)."""
        self = object.__new__(cls)
        for name, value in (("_data", data), ("_givens", givens), ("_key", None), ("_hash", None)):
            object.__setattr__(self, name, value)
        return self

    @classmethod
    def start(cls, debate: Debate) -> Choices:
        """The file's starting choices: every given accepted or rejected as its
        ``accepted`` says."""
        return cls._trusted(debate.given_ids, debate.starting_choices())

    @classmethod
    def of(cls, debate: Debate, mapping: Mapping[str, str]) -> Choices:
        """``mapping`` checked against ``debate``: its keys must be givens and
        its values choices; givens it leaves out take their starting choice.

        Raises ``ChoiceError`` naming every problem (unknown ids, conclusions,
        arguments, values that are not choices; at most 8 of each named).
        """
        if isinstance(mapping, Choices) and mapping._givens is debate.given_ids:
            return mapping
        kinds = classify_ids(debate, mapping.keys())
        problems = _kind_problems(kinds)
        bad = [(k, v) for k, v in mapping.items() if not (isinstance(v, str) and v in _CHOICE_SET)]
        if bad:
            pairs = [f"{quote_ids([k])} = {quote_ids([v])}" for k, v in bad[:_SHOWN_IDS]]
            more = f" and {len(bad) - _SHOWN_IDS:,} more" if len(bad) > _SHOWN_IDS else ""
            verb = "are not choices" if len(bad) > 1 else "is not a choice"
            problems.append(f"{', '.join(pairs)}{more} {verb} (expected {_CHOICE_LIST})")
        if problems:
            raise ChoiceError("; ".join(problems))
        data = debate.starting_choices()
        for g in kinds.givens:
            data[g] = mapping[g]  # type: ignore[assignment]  # checked above
        return cls._trusted(debate.given_ids, data)

    @classmethod
    def from_key(cls, debate: Debate, key: str) -> Choices:
        """The inverse of :attr:`key`, checked like :meth:`of` (givens the key
        leaves out take their starting choice).  Raises ``ChoiceError`` for a
        malformed key (a part without ``=``, an id given twice) or what
        :meth:`of` rejects."""
        if not isinstance(key, str):
            raise ChoiceError(f"a choices key is a string, not {type(key).__name__}")
        pairs = [part.partition("=") for part in key.split(",")] if key else []
        malformed = [f"{i}{eq}{c}" for i, eq, c in pairs if not eq]
        if malformed:
            raise ChoiceError(f"malformed choices key: {quote_ids(malformed)} has no '='")
        mapping = {i: c for i, _, c in pairs}
        if len(mapping) != len(pairs):
            raise ChoiceError("malformed choices key: an id is given twice")
        return cls.of(debate, mapping)

    @property
    def key(self) -> str:
        """``id=choice`` pairs sorted by id, joined by commas: canonical (equal
        choices, equal keys) and cached."""
        if self._key is None:
            object.__setattr__(self, "_key", ",".join(f"{i}={c}" for i, c in sorted(self._data.items())))
        return self._key  # type: ignore[return-value]  # set just above

    def with_choice(self, given_id: str, choice: str) -> Choices:
        """A new value with ``given_id`` set to ``choice`` (this one when it
        already is).  Raises ``ChoiceError`` if ``given_id`` is not one of
        these givens or ``choice`` not a choice."""
        if not isinstance(given_id, str) or given_id not in self._data:
            raise ChoiceError(f"{quote_ids([given_id])} is not a given (only givens can be set)")
        if not isinstance(choice, str) or choice not in _CHOICE_SET:
            raise ChoiceError(f"{quote_ids([choice])} is not a choice (expected {_CHOICE_LIST})")
        if self._data[given_id] == choice:
            return self
        data = dict(self._data)
        data[given_id] = choice  # type: ignore[assignment]  # checked above
        return Choices._trusted(self._givens, data)

    def made_for(self, debate: Debate) -> bool:
        """Whether this value was made (and so checked) for ``debate``: the
        engine then need not check it again."""
        return self._givens is debate.given_ids

    def changed(self, other: Mapping[str, str]) -> tuple[str, ...]:
        """The givens whose choice in ``other`` differs from this one (missing
        from ``other`` counts as different), in file order."""
        get = other.get
        return tuple(g for g, c in self._data.items() if get(g) != c)

    def __getitem__(self, given_id: str) -> Choice:
        return self._data[given_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, given_id: object) -> bool:
        return given_id in self._data

    def keys(self) -> KeysView[str]:
        return self._data.keys()

    def values(self) -> ValuesView[Choice]:
        return self._data.values()

    def items(self) -> ItemsView[str, Choice]:
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Choices):
            return self is other or self._data == other._data
        if isinstance(other, Mapping):
            return self._data == (other if isinstance(other, dict) else dict(other.items()))
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(self.key))
        return self._hash  # type: ignore[return-value]  # set just above

    def __repr__(self) -> str:
        return f"Choices({self._data!r})"

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError("Choices is immutable; use with_choice")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError("Choices is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._givens, dict(self._data)))

    def __copy__(self) -> Choices:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Choices:
        return self


def _restore(givens: tuple[str, ...], data: dict[str, Choice]) -> Choices:
    """Unpickling (pickles are trusted as code already; nothing to check)."""
    return Choices._trusted(givens, data)


def _kind_problems(kinds: IdKinds) -> list[str]:
    """The message parts for ids that are not givens, in the order unknown,
    conclusions, arguments."""
    problems: list[str] = []
    if kinds.unknown:
        problems.append(f"unknown id{'s' if len(kinds.unknown) > 1 else ''} {quote_ids(kinds.unknown)}")
    if kinds.conclusions:
        many = len(kinds.conclusions) > 1
        problems.append(
            f"{quote_ids(kinds.conclusions)} {'are conclusions' if many else 'is a conclusion'}"
            " (a conclusion follows from its arguments and cannot be set)"
        )
    if kinds.arguments:
        many = len(kinds.arguments) > 1
        problems.append(
            f"{quote_ids(kinds.arguments)} {'are arguments' if many else 'is an argument'} (only givens can be set)"
        )
    return problems


def _clash_problems(lists: Mapping[str, Sequence[str]], givens: tuple[str, ...]) -> list[str]:
    """One part per given named in more than one list (at most 8 named)."""
    where: dict[str, list[str]] = {}
    for name, items in lists.items():
        for i in items:  # each list holds an id once
            where.setdefault(i, []).append(name)
    given_set = set(givens)
    # ids that are not givens already have their own problem
    clashes = [(i, names) for i, names in where.items() if len(names) > 1 and i in given_set]
    problems = [
        f"{quote_ids([i])} is named in both --{' and --'.join(names)}"
        if len(names) == 2
        else f"{quote_ids([i])} is named in --on, --off and --unsure"
        for i, names in clashes[:_SHOWN_IDS]
    ]
    if len(clashes) > _SHOWN_IDS:
        problems.append(f"and {len(clashes) - _SHOWN_IDS:,} more ids are named in more than one list")
    return problems


def resolve_choices(
    debate: Debate,
    on: Iterable[str] = (),
    off: Iterable[str] = (),
    unsure: Iterable[str] = (),
) -> Choices:
    """Every given -> its choice: the file's starting choices, then ``on``
    givens accepted, ``off`` rejected, ``unsure`` unsure.

    Raises ``ChoiceError`` (a ``ValueError``) whose message names the
    problems (at most 8 ids of each kind): ids that are neither a statement
    nor an argument, ids that are not givens (conclusions, arguments), and
    ids in more than one list.  Naming an id twice in the same list is
    harmless.  Linear in the number of ids.
    """
    lists = {"on": tuple(dict.fromkeys(on)), "off": tuple(dict.fromkeys(off)), "unsure": tuple(dict.fromkeys(unsure))}
    problems = _kind_problems(classify_ids(debate, chain.from_iterable(lists.values())))
    problems += _clash_problems(lists, debate.given_ids)
    if problems:
        raise ChoiceError("; ".join(problems))
    data = debate.starting_choices()
    for name, choice in (("on", "accepted"), ("off", "rejected"), ("unsure", "unsure")):
        for i in lists[name]:
            data[i] = choice  # type: ignore[assignment]  # a literal choice
    return Choices._trusted(debate.given_ids, data)


def choices_from_scenario(debate: Debate, scenario_id: str) -> Choices:
    """The file's starting choices with the scenario's ``on``/``off``/``unsure``
    applied.  Raises ``KeyError`` for an unknown scenario id (a loaded debate's
    scenarios only name givens, each once, so nothing else can go wrong)."""
    sc = debate.scenario_by_id[scenario_id]
    return resolve_choices(debate, on=sc.on, off=sc.off, unsure=sc.unsure)


def diff_from_start(
    debate: Debate, choices: Mapping[str, Choice]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``(on, off, unsure)``: the givens whose choice in ``choices`` differs
    from the file's start, each in file order.  Givens missing from
    ``choices`` count as unchanged; ids that are not givens are ignored.
    ``resolve_choices(debate, *diff_from_start(debate, c))`` rebuilds ``c``."""
    start = debate.starting_choices()
    out: dict[str, list[str]] = {"accepted": [], "rejected": [], "unsure": []}
    for gid in debate.given_ids:
        choice = choices.get(gid, start[gid])
        if choice != start[gid] and choice in out:
            out[choice].append(gid)
    return tuple(out["accepted"]), tuple(out["rejected"]), tuple(out["unsure"])
