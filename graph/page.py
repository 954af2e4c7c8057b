"""What the explorer page shows for a debate and a reader's choices, as data.

``app.py`` places these results on the page and caches them; every decision
about the argument is made here, with no Streamlit import:

- the debates of a content folder and a key for a file's content
  (:func:`debate_names`, :func:`fingerprint`), and how a file is named to a
  reader (:func:`shown_name`: never the server's absolute path);
- the statuses and one-line reasons for a set of choices (:func:`analyse`);
- the map page sent once per debate (:func:`build_map_page`) and the style
  delta a set of choices needs on top of it (:func:`build_map_delta`);
- the panel of choices (:func:`given_sections`, :func:`panel_head`,
  :func:`found_sections`) and what a click on the map does (:func:`click`).

Every function is pure: it takes the frozen debate and a
:class:`~graph.choices.Choices` value and returns new objects.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from graph.choices import Choices, choices_from_scenario
from graph.evaluate import evaluate
from graph.explain import explain_many
from graph.link import LIST_KEYS, choices_from_query, query_values
from graph.model import Debate
from graph.render import MAP_HEIGHT, EdgeStyle, NodeStyle, edge_styles, node_styles, render_html, style_delta
from graph.status import Status, next_choice
from graph.text import escape_controls
from graph.upload import TooLargeForLink, clean_name, detect_format, encode_source, open_link, open_text
from graph.wording import find_givens, reason_line, scenario_list

__all__ = [
    "ASKABLE",
    "CHANGED_MARK",
    "CHANGED_SHOWN",
    "COMPARE_LINK",
    "COMPARE_LINK_MAX",
    "COMPARE_NOTHING",
    "COMPARE_START",
    "FOUND_SHOWN",
    "GIVEN_GROUPS",
    "LISTED_GIVENS_UP_TO",
    "QUESTIONS_HEADING",
    "REASONS_FOR_ALL_UP_TO",
    "UNDO_STEPS",
    "Analysis",
    "Click",
    "CompareWith",
    "Loaded",
    "MapDelta",
    "MapPage",
    "OwnDebate",
    "PageState",
    "analyse",
    "build_map_delta",
    "build_map_page",
    "click",
    "compare_options",
    "compare_target",
    "debate_names",
    "fingerprint",
    "found_sections",
    "given_sections",
    "open_own",
    "open_own_link",
    "panel_head",
    "shown_name",
]

REASONS_FOR_ALL_UP_TO = 600  # nodes; above this only conclusions get a "why" tooltip
# Above this many givens the panel lists only the givens found by a search and
# those changed from the start (one control per given would dominate every rerun).
LISTED_GIVENS_UP_TO = 60
FOUND_SHOWN = 12
CHANGED_SHOWN = 30
# The panel's sections: the givens of each kind, under these headings.
GIVEN_GROUPS: tuple[tuple[str, str], ...] = (
    ("premise", "Premises"),
    ("analogy", "Analogies"),
    ("example", "Examples"),
    ("objection", "Challenges"),
)
QUESTIONS_HEADING = "Critical questions"  # the last section: every argument's questions
CHANGED_MARK = "changed from the essay"  # beside a given whose choice is not the file's start
UNDO_STEPS = 100  # changes Undo can take back
#: What a reader can ask of the map (graph.answers): what it would take to
#: overturn the thesis, and what holds whatever they decide about their doubts.
ASKABLE: frozenset[str] = frozenset({"overturn", "robust"})

Section = tuple[str, Sequence[str]]


# ---------------------------------------------------------------- content ---
def debate_names(folder: Path) -> list[str]:
    """The debates of ``folder``: its ``*.yaml`` files' names without the
    suffix, sorted; none when the folder cannot be read."""
    try:
        return sorted(p.stem for p in folder.glob("*.yaml") if p.is_file())
    except OSError:
        return []


def fingerprint(path: Path) -> str:
    """A key for the content of debate file ``path``: its bytes plus the size
    and modification time of every file beside it (the source text it quotes
    lives there).  An unreadable file gets a key from its error, never raises."""
    h = hashlib.sha256()
    try:
        h.update(path.read_bytes())
        for other in sorted(path.parent.iterdir()):
            if other.is_file():
                stat = other.stat()
                h.update(f"{other.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    except OSError as exc:
        h.update(repr(exc).encode())
    return h.hexdigest()


def shown_name(path: str, folder: Path) -> str:
    """``path`` as a reader may see it: relative to the content ``folder``
    (a page never shows where the server keeps its files)."""
    try:
        return Path(path).resolve().relative_to(folder.resolve()).as_posix()
    except (OSError, ValueError):
        return Path(path).name


# --------------------------------------------------------------- analysis ---
@dataclass(frozen=True)
class Analysis:
    """The status of every statement, argument and question, and a one-line reason for
    each node that has one (all of them up to ``REASONS_FOR_ALL_UP_TO``
    nodes, else the conclusions only)."""

    statuses: Mapping[str, Status]
    reasons: Mapping[str, str]


def analyse(debate: Debate, choices: Choices) -> Analysis:
    """Statuses and reasons for ``choices`` (a value made for ``debate``)."""
    statuses = evaluate(debate, choices)
    ids: Sequence[str] = [*debate.statement_by_id, *debate.argument_by_id, *debate.question_by_id]
    if len(ids) > REASONS_FOR_ALL_UP_TO:
        # One explanation per node per choice would dominate the rerun.
        ids = debate.conclusion_ids
    explained = explain_many(debate, choices, list(ids), statuses)
    return Analysis(statuses, {n: reason_line(debate, e) for n, e in explained.items()})


# -------------------------------------------------------------------- map ---
@dataclass(frozen=True)
class MapPage:
    """The map as drawn at the file's starting choices: the page (sent once
    per session), the styles baked into it (what deltas are relative to),
    its ``key`` and the starting choices' key."""

    html: str
    nodes: Sequence[NodeStyle]
    edges: Sequence[EdgeStyle]
    key: str
    start_key: str


@dataclass(frozen=True)
class MapDelta:
    """What differs from a :class:`MapPage`'s styles for some choices, and a
    digest of it (equal digests: nothing to send again)."""

    nodes: Sequence[NodeStyle]
    edges: Sequence[EdgeStyle]
    digest: str


def build_map_page(debate: Debate, content_key: str, start: Analysis) -> MapPage:
    """The map page of ``debate`` at its starting choices, whose ``start``
    analysis the caller has; ``content_key`` (:func:`fingerprint`) names it."""
    choices = Choices.start(debate)
    nodes = node_styles(debate, start.statuses, choices, start.reasons)
    edges = edge_styles(debate, start.statuses)
    html = render_html(debate, start.statuses, choices, start.reasons, styles=(nodes, edges))
    return MapPage(html, nodes, edges, f"{content_key[:16]}-{MAP_HEIGHT}", choices.key)


def build_map_delta(debate: Debate, page: MapPage, choices: Choices, now: Analysis) -> MapDelta:
    """The styles ``choices`` (analysed as ``now``) need on top of ``page``."""
    nodes: list[NodeStyle] = []
    edges: list[EdgeStyle] = []
    if choices.key != page.start_key:  # else: the page as sent
        nodes = style_delta(page.nodes, node_styles(debate, now.statuses, choices, now.reasons))
        edges = style_delta(page.edges, edge_styles(debate, now.statuses))
    digest = hashlib.sha256(json.dumps([nodes, edges], sort_keys=True).encode()).hexdigest()
    return MapDelta(nodes, edges, digest)


@dataclass(frozen=True)
class Click:
    """What a click on node ``id`` of the map does: new choices (a given
    cycles accepted -> unsure -> rejected) or a node to select."""

    choices: Choices | None = None
    selected: str | None = None


def click(debate: Debate, choices: Choices, node_id: object) -> Click:
    """The outcome of a click on ``node_id`` (anything the browser sent):
    nothing for what is not a node of ``debate``."""
    if not isinstance(node_id, str):
        return Click()
    if node_id in debate.given_ids:
        return Click(choices=choices.with_choice(node_id, next_choice(choices[node_id])))
    if node_id in debate.statement_by_id or node_id in debate.argument_by_id:
        return Click(selected=node_id)
    return Click()


# ------------------------------------------------------------------ state ---
@dataclass(frozen=True, eq=False)
class Loaded:
    """A debate that passed the check, and the key its cached results are
    found by: the file's :func:`fingerprint`, or for a debate the reader
    opened (:class:`OwnDebate`) ``own:`` and a hash of its bytes.  Two with
    one key are the same debate."""

    key: str
    debate: Debate


@dataclass(frozen=True)
class OwnDebate:
    """A debate the reader opened themselves (an upload, a paste or a
    ``?src=`` link), for their session only: ``name`` (its file name,
    cleaned), ``data`` and ``fmt`` (its bytes and format), ``loaded``,
    ``src`` (the ``?src=`` value that carries it, or None when it is too
    large, and then ``too_large`` says so) and ``warnings`` (plain lines)."""

    name: str
    data: bytes
    fmt: str
    loaded: Loaded
    src: str | None
    too_large: str
    warnings: tuple[str, ...]


def open_own(name: str, data: bytes, fmt: str | None = None) -> tuple[OwnDebate | None, list[str]]:
    """A debate from a file the reader gave (``fmt`` None: told by its name
    or content, :func:`graph.upload.open_text`): ``(own, [])``, or ``(None,
    errors)`` with each error a plain ``NAME:LINE: message`` line (control
    characters escaped).  Nothing is written to disk; never raises."""
    debate, errors, warnings = open_text(name, data, fmt)
    if debate is None:
        return None, [escape_controls(f"{e.path}:{e.line}: {e.message}") for e in errors]
    return _own(name, data, fmt or detect_format(name, data), debate, warnings), []


def open_own_link(params: Mapping[str, Sequence[str]]) -> tuple[OwnDebate | None, Choices | None, list[str]] | None:
    """The debate a link carries in ``src`` (:func:`graph.upload.open_link`)
    with its choices and warnings; ``(None, None, reasons)`` when it cannot
    be opened; None when the link carries none.  Never raises."""
    opened = open_link(params)
    if opened is None:
        return None
    if opened.source is None or opened.debate is None or opened.choices is None:
        head = "The debate this link carries could not be opened"
        return None, None, [f"{head}: {line}" for line in opened.errors] + list(opened.warnings)
    src = opened.source
    return _own(src.name, src.data, src.fmt, opened.debate, []), opened.choices, list(opened.warnings)


def _own(name: str, data: bytes, fmt: str, debate: Debate, warnings: Sequence[str]) -> OwnDebate:
    key = "own:" + hashlib.sha256(fmt.encode() + b"\0" + data).hexdigest()
    try:
        src, too_large = encode_source(data, fmt, name), ""
    except TooLargeForLink as e:
        src, too_large = None, str(e)
    return OwnDebate(clean_name(name), data, fmt, Loaded(key, debate), src, too_large, tuple(warnings))


COMPARE_LINK_MAX = 16 * 1024  # characters of a pasted link to compare with
COMPARE_NOTHING, COMPARE_START, COMPARE_LINK = "", "start", "link"


@dataclass(frozen=True)
class CompareWith:
    """What the reader compares their choices with: ``value`` (the picker's:
    "", "start", "scenario:ID" or "link"), ``link`` (the pasted link),
    ``name`` (how the sentences call the other side), ``choices`` (None when
    there is nothing to compare with) and ``error`` (plain text; "" if none)."""

    value: str
    link: str = ""
    name: str = ""
    choices: Choices | None = None
    error: str = ""


def compare_options(debate: Debate) -> list[tuple[str, str]]:
    """The "Compare with" picker's (value, title) pairs."""
    scenarios = [(f"scenario:{sc.id}", f"Scenario: {sc.title}") for sc in debate.scenarios]
    return [
        (COMPARE_NOTHING, "(nothing)"),
        (COMPARE_START, "The essay as written"),
        *scenarios,
        (COMPARE_LINK, "Someone else's link…"),
    ]


def compare_target(debate: Debate, name: str, value: object, link: object) -> CompareWith:
    """What picking ``value`` (and pasting ``link``) in "Compare with" means
    for the debate ``name``.  Never raises: anything from the browser that is
    not a known option, or a link that is too long, of another debate or not
    a link, gives nothing to compare with and a plain error."""
    value = value if isinstance(value, str) else COMPARE_NOTHING
    link = link.strip() if isinstance(link, str) else ""
    if value == COMPARE_START:
        return CompareWith(value, name="the essay as written", choices=Choices.start(debate))
    if value.startswith("scenario:") and value[9:] in debate.scenario_by_id:
        sc = debate.scenario_by_id[value[9:]]
        return CompareWith(value, name=f"the scenario “{sc.title}”", choices=choices_from_scenario(debate, sc.id))
    if value != COMPARE_LINK:
        return CompareWith(COMPARE_NOTHING)
    if not link:
        return CompareWith(value)
    if len(link) > COMPARE_LINK_MAX:
        return CompareWith(
            value, error=f"That link is longer than {COMPARE_LINK_MAX} characters; paste a link of this page."
        )
    params = parse_qs(urlsplit(link).query if "?" in link or "://" in link else link, keep_blank_values=True)
    if not any(key in params for key in ("debate", *LIST_KEYS)):
        return CompareWith(value, link, error="That is not a link of this page (it has no choices in it).")
    named = [v.strip() for v in query_values(params, "debate") if v.strip()]
    if named and name not in named:
        return CompareWith(value, link, error="That link opens another debate; compare works within one debate.")
    choices, warnings = choices_from_query(params, debate)
    return CompareWith(value, link, "the other link", choices, " ".join(warnings))


@dataclass
class PageState:
    """One reader's page (one browser session): what it shows and what its
    browser already has.  It lives here, not in app.py, because Streamlit runs
    the page's script anew on every rerun (a class defined there would be a
    new class each time)."""

    debate: str  # the debate shown: its file name without ".yaml"
    link: dict[str, list[str]] | None  # the address's query, kept until the debate is loaded
    warnings: list[str] = field(default_factory=list)  # about the link; gone after the next choice
    choices: Choices | None = None  # the reader's choices for ``debate``; None until it is loaded
    note: str | None = None  # what the last change did (the verdict's last line)
    selected: str | None = None  # the node clicked in the map, whose explanation is open
    sent: dict[str, str] = field(default_factory=dict)  # component -> key of the bulky payload it has
    map_digest: str = ""  # the map delta last sent ...
    map_seq: int = 0  # ... and its number (the frame applies the newest)
    past: list[Choices] = field(default_factory=list)  # earlier choices, newest last (Undo)
    written: dict[str, list[str]] | None = None  # the address last written: another one is Back/Forward
    asked: frozenset[str] = frozenset()  # questions asked of the map (ASKABLE), answered until closed
    compare: CompareWith | None = None  # what the reader compares their choices with
    own: OwnDebate | None = None  # a debate the reader opened (shown instead of ``debate``)
    own_errors: list[str] = field(default_factory=list)  # why the last file they gave did not open
    acted: bool = False  # a callback ran this run (so an old address is not Back/Forward)

    def change(self, choices: Choices, note: str | None, *, remember: bool = True) -> None:
        """The reader's new choices and what they changed; the old ones are
        kept for Undo (at most :data:`UNDO_STEPS`) unless ``remember`` is false."""
        self.acted = True
        if remember and self.choices is not None and choices != self.choices:
            self.past = [*self.past[-(UNDO_STEPS - 1) :], self.choices]
        self.choices, self.note = choices, note

    def undo(self) -> Choices | None:
        """The choices before the last change (taken off the Undo list), or None."""
        return self.past.pop() if self.past else None

    def ask(self, question: str, on: bool) -> None:
        """Start (``on``) or stop answering ``question`` (one of :data:`ASKABLE`; others are ignored)."""
        if question in ASKABLE:
            self.asked = self.asked | {question} if on else self.asked - {question}

    def start_debate(self, name: str) -> None:
        """Another debate, from its starting choices."""
        self.debate, self.link, self.warnings = name, None, []
        self.choices, self.note, self.selected = None, None, None
        self.past, self.asked, self.compare = [], frozenset(), None
        self.own, self.own_errors = None, []

    def open_own(self, own: OwnDebate, choices: Choices | None = None) -> None:
        """Show the reader's own debate (from ``choices``, else its start)."""
        self.start_debate(self.debate)
        self.own, self.choices = own, choices

    def plan_send(self, component: str, key: str) -> bool:
        """Whether ``component`` needs the bulky payload named ``key`` on this
        run (once per key, and again after :meth:`resend`)."""
        if self.sent.get(component) == key:
            return False
        self.sent[component] = key
        return True

    def resend(self, component: str) -> None:
        """The browser lost ``component``'s payload (its element was remounted)."""
        self.sent.pop(component, None)

    def number_map_delta(self, delta: MapDelta) -> int:
        """The sequence number of ``delta`` (a new one when it differs from the last)."""
        if delta.digest != self.map_digest:
            self.map_digest, self.map_seq = delta.digest, self.map_seq + 1
        return self.map_seq


# ------------------------------------------------------------------ panel ---
def given_sections(debate: Debate) -> list[Section]:
    """(heading, given ids) per kind of given, in file order, then the
    critical questions under :data:`QUESTIONS_HEADING`; empty above
    ``LISTED_GIVENS_UP_TO`` givens (the page lists found ones instead)."""
    if len(debate.given_ids) > LISTED_GIVENS_UP_TO:
        return []
    sections: list[Section] = []
    for kind, heading in GIVEN_GROUPS:
        ids = [s.id for s in debate.statements if s.kind == kind and s.is_given]
        if ids:
            sections.append((heading, ids))
    if debate.questions:
        sections.append((QUESTIONS_HEADING, [q.id for q in debate.questions]))
    return sections


def panel_head(debate: Debate) -> dict[str, object]:
    """The head of the panel of choices (plain texts, set as text)."""
    return {
        "title": "Your choices",
        "intro": "Accept, doubt or reject each statement; the map and the verdict follow. Clicking "
        "a given in the map does the same (accept → unsure → reject; a critical question: "
        "not raised → raised → open).",
        "reset": "Reset to the essay",
        "undo": "Undo",
        "scenario_label": "Scenario",
        "own_choices": "(your own choices)",
        "scenarios": scenario_list(debate),
    }


def found_sections(debate: Debate, choices: Choices, words: str) -> tuple[list[Section], str | None, bool]:
    """A big debate's second panel: ``(sections, closing line, nothing found)``
    for the givens ``words`` finds and those changed from the start."""
    found = find_givens(debate, words, FOUND_SHOWN)
    changed = [g for g in Choices.start(debate).changed(choices) if g not in found]
    sections: list[Section] = []
    if found:
        sections.append(("Found", found))
    if changed:
        sections.append((f"Changed from the start ({len(changed)})", changed[:CHANGED_SHOWN]))
    more = None
    if len(changed) > CHANGED_SHOWN:
        more = f"and {len(changed) - CHANGED_SHOWN} more (see the outline)."
    return sections, more, bool(words.strip()) and not found
