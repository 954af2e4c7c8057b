"""The debate explorer page (Streamlit): it composes views from ``graph/``.

Every decision about the argument is made in ``graph/`` (``graph.page`` for
what the page shows, ``graph.wording`` for its words, ``graph.component``
for its own components); this file caches those results, keeps one reader's
state and places the views.

State: one :class:`graph.page.PageState` per browser session, under the session key
``"page"`` (the only key of ours; its fields say what each is for).  The
widgets' own keys: ``debate`` (picker), ``explain`` ("Why?" picker),
``find-given`` (search, above 60 givens), the toggles ``show-outline``,
``show-downloads`` and ``show-open-own`` (with ``upload``, ``paste``,
``open-paste``, ``close-own``), and the components' ``choice-panel``,
``found-panel``, ``argument-map``, ``ask``, ``why-ask``, ``conclusions``,
``essay``, ``outline``, ``share-link``.  The state changes only in the
callbacks (and once, when a session or debate starts, or when Back/Forward
brings another address: :func:`follow_address`); the ``draw_*`` functions
only read it.  After every run the address is set to carry exactly the
debate and the choices (``graph.link.build_query``, or ``?src=`` for a
debate the reader opened).

Speed: every element is one websocket message and one re-render in the
browser, so the page has few elements; the bulky parts (the map page, the
panel's layout, the essay's markup) go to the browser once per session
(:meth:`PageState.plan_send`).  The results are shared by every session
through one cached function, :func:`shared` (``st.cache_resource``: no copy
per call), and are frozen values; the reasoning answers are computed only
once asked.

Set ``DEBATE_CONTENT_DIR`` to read debates from another directory (tests
do), ``DEBATE_DEFAULT`` to choose the debate a plain address opens.  Hooks
for the browser tests: docs/page-hooks.md.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import streamlit as st

# No page_icon: any text icon makes Streamlit import its emoji table (0.4 s of a cold start).
st.set_page_config(page_title="Debate explorer", layout="wide")
# The page's first element goes out before the domain is imported: at a
# process's first element Streamlit inspects the call stack once, which looks
# at every module loaded so far (0.1 s more with networkx, yaml and pyvis in).
# It is the slot the header and verdict go into.
TOP = st.empty()

from graph.answers import Comparison, Overturn, RobustReport, assess_robustness, compare, overturn
from graph.choices import Choices, choices_from_scenario
from graph.component import SPECS, json_depth
from graph.essay import essay_heading, essay_markup, essay_statuses
from graph.link import build_query, choices_from_query, debate_name_from_query, share_url
from graph.load import MAX_BYTES, check_debate
from graph.model import Debate, DebateError
from graph.outline import outline_html, outline_state
from graph.page import (
    CHANGED_MARK,
    LISTED_GIVENS_UP_TO,
    Analysis,
    CompareWith,
    Loaded,
    MapDelta,
    MapPage,
    OwnDebate,
    PageState,
    analyse,
    build_map_delta,
    build_map_page,
    click,
    compare_options,
    compare_target,
    debate_names,
    fingerprint,
    found_sections,
    given_sections,
    open_own,
    open_own_link,
    panel_head,
    shown_name,
)
from graph.read import read_capped
from graph.render import MAP_HEIGHT, escape_markdown, legend_items
from graph.status import CHOICES, STATUS_SYMBOLS, status_phrase
from graph.upload import download_files, source_query
from graph.wording import (
    choice_sections,
    choice_status_note,
    conclusions_html,
    describe_change,
    full_explanation,
    matching_scenario,
    node_title,
)

ROOT = Path(__file__).resolve().parent
LOG = logging.getLogger("debate_explorer")
PREFERRED_DEFAULT = "open-source-ai-safety"
NO_SCENARIO = ""
# Results kept for all sessions: for each of ~128 sets of choices (enough for the links a
# shared page is opened with) its analysis, map delta and what was asked of it; a few
# MiB (bench/README.md, "Under load").
SHARED_ENTRIES = 512
# A debate is found by its content key, a set of choices by its own key (never hashed whole).
HASHED_BY_KEY: dict[Any, Callable[[Any], Any]] = {Choices: lambda c: c.key, Loaded: lambda s: s.key}

MAX_UPLOAD_MIB = 2  # what "Open your own debate" takes (the loader's limit; .streamlit/config.toml caps uploads too)
VERDICT_HEIGHT = 190  # px: room for the thesis, the count and a change note (scrolls beyond)
MAX_MESSAGE_BYTES = 64 * 1024  # what a component may send back (a choice is < 200 bytes)
MAX_MESSAGE_DEPTH = 16  # nesting levels (a choice has 3)


def guard_component_messages() -> None:
    """Make Streamlit ignore (as if absent) any component message larger or
    deeper than the bounds above, checked before it is parsed: Streamlit
    parses them before the script runs, where a 200,000-deep array raised a
    RecursionError on the page.  Patches the one parser of Streamlit's v2
    components (pinned in requirements.txt; tests/test_app.py checks it)."""
    from streamlit.components.v2.bidi_component import serialization

    parse = serialization.handle_deserialize
    if getattr(parse, "bounded", False):
        return

    def bounded(s: str | None) -> Any:
        if s is None or len(s) > MAX_MESSAGE_BYTES or json_depth(s) > MAX_MESSAGE_DEPTH:
            return None
        return parse(s)

    bounded.bounded = True  # type: ignore[attr-defined]
    serialization.handle_deserialize = bounded


guard_component_messages()
COMPONENTS = {name: st.components.v2.component(**vars(spec)) for name, spec in SPECS.items()}


# ------------------------------------------------------------------ state ---
def page_state() -> PageState:
    """This session's state (made by :func:`open_page_state` on its first run)."""
    state: PageState = st.session_state["page"]
    return state


def open_page_state(names: list[str]) -> PageState:
    """This session's state; on its first run, made from the address."""
    state = st.session_state.get("page")
    if not isinstance(state, PageState):  # a new session (or a reloaded module)
        state = PageState(debate=default_debate(names), link=None)
        open_address(state, link_params(), names)
        st.session_state["page"] = state
    return state


def open_address(state: PageState, params: dict[str, list[str]], names: list[str]) -> None:
    """Show what the address ``params`` asks for: the debate a ``src``
    parameter carries, else a debate of the content folder (its choices are
    read once it is loaded)."""
    opened = open_own_link(params)
    if opened is not None and opened[0] is not None:
        state.open_own(opened[0], opened[1])
        state.warnings = opened[2]
        return
    name, warnings = debate_name_from_query(params, names, default_debate(names))
    state.start_debate(name)
    state.link, state.warnings = params, (opened[2] if opened else []) + warnings


def link_params() -> dict[str, list[str]]:
    """The address's query as key -> every value (repeated keys kept)."""
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}  # noqa: SIM118


def content_dir() -> Path:
    """The folder the debates are read from."""
    return Path(os.environ.get("DEBATE_CONTENT_DIR") or ROOT / "content")


def default_debate(names: list[str]) -> str:
    """The debate a plain address opens."""
    for wanted in (os.environ.get("DEBATE_DEFAULT"), PREFERRED_DEFAULT):
        if wanted in names:
            return wanted
    return names[0] if names else ""


# ----------------------------------------------------------------- caches ---
@st.cache_resource(show_spinner=False, max_entries=32)
def load_cached(path: str, content_key: str) -> tuple[Debate | None, list[DebateError]]:
    """(debate or None, errors) for the file with this content key; even an
    unexpected failure of the loader becomes a message, never a traceback."""
    try:
        return check_debate(path)
    except Exception:
        return None, [DebateError(path, 1, "could not be loaded (an unexpected error in the loader)")]


@st.cache_resource(show_spinner=False, max_entries=SHARED_ENTRIES, hash_funcs=HASHED_BY_KEY)
def shared(what: str, src: Loaded, choices: Choices | None = None, node: str = "", other: Choices | None = None) -> Any:
    """Every result shared by all sessions, named by ``what`` (the typed
    accessors below call it).  One cached function rather than one per
    result: Streamlit runs this file again on every rerun, and each
    ``st.cache_resource`` decorator costs about 0.45 ms of every run."""
    debate, start = src.debate, Choices.start(src.debate)
    now = choices or start
    if what == "analysis":
        return analyse(debate, now)
    if what == "map-page":
        return build_map_page(debate, src.key, analysis(src, start))
    if what == "map-delta":
        return build_map_delta(debate, map_page(src), now, analysis(src, now))
    if what == "explanation":
        return full_explanation(debate, now, node, analysis(src, now).statuses)
    if what == "essay":
        return essay_heading() + essay_markup(debate)
    if what == "outline":
        return outline_html(debate, analysis(src, start).statuses, start)
    if what == "overturn":  # of ``node``, else the thesis (asked only of a debate with one)
        return overturn(debate, now, node or debate.thesis or "")
    if what == "robust":
        return assess_robustness(debate, now)
    if what == "compare":  # with ``other``, which the sentences call ``node``
        assert other is not None
        return compare(debate, now, other, node)
    raise KeyError(what)


def analysis(src: Loaded, choices: Choices) -> Analysis:
    """Statuses and reasons for these choices."""
    return cast(Analysis, shared("analysis", src, choices))


def map_page(src: Loaded) -> MapPage:
    """The map page at the file's starting choices."""
    return cast(MapPage, shared("map-page", src))


def map_delta(src: Loaded, choices: Choices) -> MapDelta:
    """The map's style delta for these choices."""
    return cast(MapDelta, shared("map-delta", src, choices))


def explanation(src: Loaded, choices: Choices, node_id: str) -> str:
    """A node's full explanation, as plain text."""
    return cast(str, shared("explanation", src, choices, node_id))


def essay_body(src: Loaded) -> str:
    """The essay's heading and marked-up text (sent once per session)."""
    return cast(str, shared("essay", src))


def outline_body(src: Loaded) -> str:
    """The outline's markup at the file's starting choices (sent once per
    session; later choices update its statuses and radios in place)."""
    return cast(str, shared("outline", src))


class Shown:
    """The debate this run shows, and where its cached results are found.
    A plain class: a dataclass here would be built again on every rerun
    (0.8 ms of each)."""

    __slots__ = ("choices", "name", "src")

    def __init__(self, name: str, src: Loaded, choices: Choices) -> None:
        self.name, self.src, self.choices = name, src, choices

    @property
    def debate(self) -> Debate:
        """The debate shown."""
        return self.src.debate

    @property
    def key(self) -> str:
        """Its content key."""
        return self.src.key

    @property
    def analysis(self) -> Analysis:
        """The statuses and reasons of the shown choices."""
        return analysis(self.src, self.choices)

    def overturn(self, node: str = "") -> Overturn:
        """What it would take to overturn ``node`` (default: the thesis, of a debate with one)."""
        return cast(Overturn, shared("overturn", self.src, self.choices, node))

    def robustness(self) -> RobustReport:
        """What holds whatever the reader decides about their doubts."""
        return cast(RobustReport, shared("robust", self.src, self.choices))

    def comparison(self, other: CompareWith) -> Comparison | None:
        """Where the reader's choices and ``other``'s part (None: nothing to compare with)."""
        if other.choices is None:
            return None
        return cast(Comparison, shared("compare", self.src, self.choices, other.name, other.choices))


# -------------------------------------------------------------- callbacks ---
def component_event(component_key: str, event: str) -> dict[str, Any] | None:
    """The payload of a component's trigger ``event`` in this run, if it is a
    dict (what else the browser sent is ignored)."""
    result = st.session_state.get(component_key) or {}
    value = result.get(event) if hasattr(result, "get") else None
    return value if isinstance(value, dict) else None


def change_to(
    shown: Shown, choices: Choices, *, remember: bool = True, scenario: str | None = None, reset: bool = False
) -> None:
    """Make ``choices`` the reader's, with the note on what they changed
    (naming the ``scenario`` picked, or saying it was a ``reset``); the old
    choices are kept for Undo unless ``remember`` is false."""
    state = page_state()
    before, after = shown.analysis, analysis(shown.src, choices)
    note = describe_change(
        shown.debate, shown.choices, before.statuses, choices, after.statuses, scenario=scenario, reset=reset
    )
    state.change(choices, note, remember=remember)


def on_choice(shown: Shown, panel: str) -> None:
    """A given chosen in a panel."""
    event = component_event(panel, "choice") or {}
    given, value = event.get("id"), event.get("choice")
    if given in shown.debate.given_ids and value in CHOICES:
        change_to(shown, shown.choices.with_choice(given, value))


def on_scenario(shown: Shown, panel: str) -> None:
    """A scenario picked in the panel."""
    sid = (component_event(panel, "scenario") or {}).get("id")
    if isinstance(sid, str) and sid in shown.debate.scenario_by_id:
        change_to(shown, choices_from_scenario(shown.debate, sid), scenario=sid)


def on_undo(shown: Shown) -> None:
    """Undo: back to the choices before the last change."""
    state = page_state()
    earlier = state.undo()
    if earlier is not None:
        change_to(shown, earlier, remember=False)


def on_ask(shown: Shown) -> None:
    """A question asked of the map (or closed)."""
    event = component_event("ask", "ask") or {}
    page_state().ask(str(event.get("id")), event.get("on") is True)


def on_apply(shown: Shown, component: str = "ask", node: str = "") -> None:
    """A set of changes of "What would it take" (for ``node``, default the
    thesis) applied: one step of Undo and history."""
    index = (component_event(component, "apply") or {}).get("index")
    sets = shown.overturn(node).sets if node or shown.debate.thesis else ()
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(sets):
        choices = shown.choices
        for given, value in sets[index]:
            choices = choices.with_choice(given, value)
        change_to(shown, choices)


def on_compare(shown: Shown) -> None:
    """Something picked (or a link pasted) in "Compare with"."""
    event = component_event("ask", "compare") or {}
    page_state().compare = compare_target(shown.debate, shown.name, event.get("value"), event.get("link"))


def on_reset(shown: Shown) -> None:
    """Back to the file's starting choices, nothing selected."""
    change_to(shown, Choices.start(shown.debate), reset=True)
    page_state().selected = None


def on_map_click(shown: Shown) -> None:
    """A click on a node of the map: a given cycles its choice, any other node is selected."""
    node_id = (component_event("argument-map", "click") or {}).get("id")
    outcome = click(shown.debate, shown.choices, node_id)
    if outcome.choices is not None:
        # The selection stays: a conclusion opened before shows how this choice changed it.
        change_to(shown, outcome.choices)
        if len(shown.debate.given_ids) > LISTED_GIVENS_UP_TO:
            st.session_state["find-given"] = node_id  # so its control shows in the sidebar
    elif outcome.selected is not None:
        page_state().selected = outcome.selected


def on_essay_select(shown: Shown) -> None:
    """A passage of the essay picked: its statement is selected (map focus and explanation)."""
    sid = (component_event("essay", "select") or {}).get("id")
    if isinstance(sid, str) and sid in shown.debate.statement_by_id:
        state = page_state()
        state.selected, state.acted = sid, True


def on_map_unselect() -> None:
    """Escape, or a click on empty canvas, cleared the map's focus: nothing is selected."""
    state = page_state()
    state.selected, state.acted = None, True


def on_debate() -> None:
    """Another debate picked."""
    page_state().start_debate(str(st.session_state.get("debate")))
    for widget in ("explain", "find-given"):  # they name nodes of the old debate
        st.session_state.pop(widget, None)


# ------------------------------------------------------------------ views ---
def draw_errors(name: str, path: str, errors: list[DebateError]) -> None:
    """A debate file that does not pass the check: its errors, named relative to the content folder."""
    folder = content_dir()
    st.title("This debate file has errors", anchor=False)
    st.error(f"{escape_markdown(name)}.yaml does not pass the check; fix these lines (or pick another debate):")
    lines = [f"{shown_name(e.path, folder)}:{e.line}: {e.message}" for e in errors]
    st.code("\n".join(lines) or f"{name}.yaml: unreadable", language=None)


def draw_header(debate: Debate, warnings: list[str]) -> None:
    """Title, byline, how to read the page, and the link's warnings (all as plain text)."""
    src = debate.source
    bits = [f"by {src.author}" if src and src.author else "", src.url if src and src.url else ""]
    byline = " · ".join(b for b in bits if b)
    # Title, byline and how to read the page: one element (each is re-sent every run).
    st.markdown(
        f"# {escape_markdown(debate.title)}\n\n"
        + (f":small[:gray[{escape_markdown(byline)}]]\n\n" if byline else "")
        + "Each box is a claim from the text. **Accept, doubt or reject the statements** in "
        "the sidebar (or click them in the map) and see which conclusions still hold, and why."
    )
    for w in warnings:
        st.warning(escape_markdown(w))


def draw_verdict(shown: Shown, note: str | None) -> None:
    """The thesis's status, how many conclusions hold, and what the last change did."""
    debate, statuses = shown.debate, shown.analysis.statuses
    holding = sum(1 for c in debate.conclusion_ids if statuses.get(c) == "in")
    parts = []
    if debate.thesis:
        thesis = debate.statement_by_id[debate.thesis]
        parts.append(f"### {status_phrase(statuses.get(thesis.id, 'undecided'))}: {escape_markdown(thesis.text)}")
    parts.append(f"**{holding} of {len(debate.conclusion_ids)} conclusions hold.**")
    if note:
        parts.append(escape_markdown(note))
    # A fixed height: a choice's note never moves the map under the pointer.
    with st.container(key="verdict", border=True, height=VERDICT_HEIGHT):
        st.markdown("\n\n".join(parts))


def draw_panel(shown: Shown, key: str, layout: dict[str, Any], listed: list[str], head: bool) -> None:
    """A panel of three-way controls (``layout`` from graph.wording.choice_sections)
    for the givens ``listed``; its layout goes to the page once."""
    state = page_state()
    layout = {**layout, "changed": CHANGED_MARK}
    layout_key = hashlib.sha256(json.dumps(layout, sort_keys=True).encode()).hexdigest()[:16]
    data: dict[str, Any] = {
        "key": layout_key,
        "choices": {g: shown.choices[g] for g in listed},
        "can_undo": bool(state.past),
        "notes": status_notes(shown, listed),
    }
    if head:  # only the head has the scenario picker
        data["scenario"] = matching_scenario(shown.debate, shown.choices) or NO_SCENARIO
    if state.plan_send(key, layout_key):
        data["sections"] = layout
    COMPONENTS["choice_panel"](
        key=key,
        data=json.dumps(data).encode("utf-8"),
        on_choice_change=lambda: on_choice(shown, key),
        on_scenario_change=lambda: on_scenario(shown, key),
        on_reset_change=lambda: on_reset(shown),
        on_undo_change=lambda: on_undo(shown),
        on_need_change=lambda: state.resend(key),
    )


def status_notes(shown: Shown, listed: list[str]) -> dict[str, str]:
    """Given id -> why its status is not what the reader chose (beside its control), for those it differs."""
    statuses = shown.analysis.statuses
    notes = {g: choice_status_note(shown.debate, g, shown.choices[g], statuses) for g in listed}
    return {g: note for g, note in notes.items() if note}


def draw_controls(shown: Shown) -> None:
    """The sidebar: the panel with its head and a control per given (above
    LISTED_GIVENS_UP_TO givens: the search and a second panel of the givens
    found and those changed)."""
    debate = shown.debate
    with st.sidebar:
        sections = given_sections(debate)
        layout = choice_sections(debate, sections)
        layout["head"] = panel_head(debate)
        draw_panel(shown, "choice-panel", layout, [g for _, ids in sections for g in ids], head=True)
        if len(debate.given_ids) > LISTED_GIVENS_UP_TO:
            draw_found(shown)


def draw_found(shown: Shown) -> None:
    """A big debate's search for givens and the panel of those found and changed."""
    st.text_input(
        f"**Find a given**: words from its text or id ({len(shown.debate.given_ids)} givens)",
        key="find-given",
        help="Or click a given in the map: its control appears here.",
    )
    sections, more, none_found = found_sections(shown.debate, shown.choices, st.session_state.get("find-given") or "")
    if none_found:
        st.caption("No given matches.")
    if sections:
        layout = choice_sections(shown.debate, sections, more)
        draw_panel(shown, "found-panel", layout, [g for _, ids in sections for g in ids], head=False)


def draw_ask(shown: Shown) -> None:
    """The questions a reader can ask of the map (what it would take, what
    holds whatever they decide, compare with another view), each answered
    only once asked: they are searches, and a choice's rerun stays fast."""
    state = page_state()
    questions: list[dict[str, Any]] = []
    if shown.debate.thesis:
        questions.append(ask_overturn(shown, "overturn" in state.asked))
    questions.append(ask_robust(shown, "robust" in state.asked))
    other = state.compare or CompareWith("")
    result = shown.comparison(other)
    compare_data: dict[str, Any] = {
        "label": "Compare your choices with",
        "options": compare_options(shown.debate),
        "value": other.value,
        "link_label": "Paste the other link",
        "note": "The map frames in blue what differs.",
        "link": other.link,
        "error": other.error,
    }
    if result is not None:
        compare_data["result"] = {
            "summary": result.summary,
            "choices": list(result.choices),
            "conclusions": list(result.conclusions),
        }
    st.markdown("### Ask the map")
    COMPONENTS["ask"](
        key="ask",
        data=json.dumps({"questions": questions, "compare": compare_data}).encode("utf-8"),
        on_ask_change=lambda: on_ask(shown),
        on_apply_change=lambda: on_apply(shown),
        on_compare_change=lambda: on_compare(shown),
    )


def ask_overturn(shown: Shown, asked: bool) -> dict[str, Any]:
    """The "What would it take" question for the ask component (answered when ``asked``)."""

    def answer() -> dict[str, Any]:
        found = shown.overturn()
        return {"sentence": found.sentence, "sets": list(found.helps)}

    return question_data("overturn", "What would it take to change the verdict?", asked, answer)


def ask_robust(shown: Shown, asked: bool) -> dict[str, Any]:
    """The "What holds whatever I decide" question (answered when ``asked``;
    the conclusions then carry their badges)."""
    ask = "What holds whatever I decide about what I am unsure of?"
    return question_data("robust", ask, asked, lambda: {"sentence": robust_summary(shown.robustness())})


def question_data(qid: str, ask: str, asked: bool, answer: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """One question of the ask component: its button, and its answer once ``asked``."""
    q: dict[str, Any] = {"id": qid, "ask": ask, "close": "Hide this answer", "open": asked}
    if asked:
        q["answer"] = answer()
    return q


def robust_summary(report: RobustReport) -> str:
    """The robustness answer in one or two sentences (plain text)."""
    if not report.unsure:
        return (
            "You are not unsure of anything, so your choices settle every conclusion. "
            "Mark some givens “Unsure” to see which conclusions hold however you settle them."
        )
    kinds = [kind for kind, _ in report.badges.values()]
    counts = (
        f"Of the conclusions, {kinds.count('holds')} hold and {kinds.count('falls')} do not hold whatever you "
        f"decide; {kinds.count('depends')} depend on it (each says on what, in the list of conclusions)."
    )
    return f"{report.thesis} {counts}" if report.thesis else counts


def marked_nodes(shown: Shown) -> list[str]:
    """The nodes where the reader's view and the one they compare with part (none without a comparison)."""
    found = shown.comparison(page_state().compare or CompareWith(""))
    return list(found.marked) if found is not None else []


def draw_map(shown: Shown, selected: str | None) -> None:
    """The map's heading and legend, the map (its page once, then style deltas), and the selected node's explanation."""
    state = page_state()
    page = map_page(shown.src)
    delta = map_delta(shown.src, shown.choices)
    data: dict[str, Any] = {
        "key": page.key,
        "seq": state.number_map_delta(delta),
        "height": MAP_HEIGHT,
        "nodes": delta.nodes,
        "edges": delta.edges,
        "selected": selected,  # the map focuses it (and its neighbourhood); None clears the focus
        "marked": marked_nodes(shown),  # framed: where "Compare with" parts
    }
    if state.plan_send("argument-map", page.key):  # the ~700 kB vis-network page
        data["html"] = page.html
    legend = " · ".join(f"{escape_markdown(a)}: {escape_markdown(b)}" for a, b in legend_items())
    st.markdown(
        "### The map\n\n:small[:gray[Thesis at the top, givens at the bottom. Hover a node for its "
        "full text, quote and why it has its status; zoom with the buttons or Ctrl + scroll, drag to "
        "pan; click a given or a critical question to change it, any other node to focus it and see "
        "why (Escape clears).]]"
        f"\n\n:small[**Legend** — {legend}]"
    )
    COMPONENTS["argument_map"](
        key="argument-map",
        data=json.dumps(data).encode("utf-8"),
        height=MAP_HEIGHT + 10,
        on_click_change=lambda: on_map_click(shown),
        on_unselect_change=on_map_unselect,
        on_need_html_change=lambda: state.resend("argument-map"),
    )
    if selected is not None:
        draw_selected(shown, selected)


def draw_selected(shown: Shown, selected: str) -> None:
    """The explanation of the node clicked in the map, under it."""
    if selected in shown.debate.statement_by_id or selected in shown.debate.argument_by_id:
        title = node_title(shown.debate, selected)
        status = status_phrase(shown.analysis.statuses.get(selected, "undecided"))
        with st.container(key="selected-explanation", border=True):
            show_plain(explanation(shown.src, shown.choices, selected), f"Selected: {title} — {status}")


def show_plain(text: str, title: str = "") -> None:
    """Multi-line plain text, escaped, wrapped; under a bold title if given (one element)."""
    head = f'<p style="margin:0 0 0.4rem;"><strong>{html.escape(title)}</strong></p>' if title else ""
    st.html(head + f'<div style="white-space:pre-wrap;font-size:0.92rem;line-height:1.45;">{html.escape(text)}</div>')


def draw_conclusions(shown: Shown) -> None:
    """The conclusions with their statuses and reasons, and the "Why?" picker with its explanation."""
    debate, now = shown.debate, shown.analysis
    # The heading and the whole list are one element (one per conclusion made every rerun slower).
    markup = "<h3>Conclusions</h3>" + conclusions_html(debate, now.statuses, now.reasons)
    data: dict[str, Any] = {"markup": markup}
    if "robust" in page_state().asked:
        data["badges"] = {cid: list(badge) for cid, badge in shown.robustness().badges.items()}
    COMPONENTS["conclusions"](key="conclusions", data=json.dumps(data).encode("utf-8"))
    titles = {cid: debate.statement_by_id[cid].text for cid in debate.conclusion_ids}
    st.selectbox(
        "Why? Pick a conclusion to see why it holds or not, and what would change that",
        list(debate.conclusion_ids),
        key="explain",
        index=None,
        placeholder="Choose a conclusion",
        format_func=lambda cid: f"{STATUS_SYMBOLS.get(now.statuses.get(cid, ''), '?')} {titles.get(cid, cid)}",
    )
    cid = st.session_state.get("explain")
    if cid in titles:
        with st.container(key="explanation", border=True):
            show_plain(explanation(shown.src, shown.choices, cid))
            draw_why_overturn(shown, cid)


def draw_why_overturn(shown: Shown, cid: str) -> None:
    """Under a conclusion's explanation: what it would take to overturn it, with its Apply buttons."""
    found = shown.overturn(cid)
    question = {
        "id": "overturn",
        "ask": "What would it take to change this?",
        "open": True,
        "answer": {"sentence": found.sentence, "sets": list(found.helps)},
    }
    COMPONENTS["ask"](
        key="why-ask",
        data=json.dumps({"questions": [question]}).encode("utf-8"),
        on_apply_change=lambda: on_apply(shown, "why-ask", cid),
        on_ask_change=lambda: None,
        on_compare_change=lambda: None,
    )


def draw_essay(shown: Shown) -> None:
    """The source text with its quoted passages marked by status (markup once, then statuses)."""
    if not shown.debate.source_text:
        return
    state = page_state()
    data: dict[str, Any] = {
        "key": shown.key[:16],
        "statuses": essay_statuses(shown.debate, shown.analysis.statuses),
        "selected": state.selected,
    }
    if state.plan_send("essay", data["key"]):
        data["markup"] = essay_body(shown.src)
    COMPONENTS["essay"](
        key="essay",
        data=json.dumps(data).encode("utf-8"),
        on_need_change=lambda: state.resend("essay"),
        on_select_change=lambda: on_essay_select(shown),
    )


def draw_outline(shown: Shown) -> None:
    """The whole argument as nested lists with a control per given, behind a
    toggle (0.7 MB of markup at 1,000 statements): the markup once per
    session, then each run's statuses and choices."""
    if not st.toggle(
        "Outline of the whole argument, with a control per given (for screen readers and keyboards)",
        key="show-outline",
    ):
        return
    state = page_state()
    data: dict[str, Any] = {
        "key": shown.key[:16],
        **outline_state(shown.debate, shown.analysis.statuses, shown.choices),
    }
    if state.plan_send("outline", data["key"]):
        data["markup"] = outline_body(shown.src)
    COMPONENTS["outline"](
        key="outline",
        data=json.dumps(data).encode("utf-8"),
        on_choice_change=lambda: on_choice(shown, "outline"),  # the sidebar's callback, unchanged
        on_need_change=lambda: state.resend("outline"),
    )


def draw_open_own(state: PageState) -> None:
    """The sidebar's "Open your own debate": upload or paste a file (YAML,
    Argdown or AIF), shown for this session only; behind a toggle (its
    widgets would otherwise be re-sent on every choice)."""
    with st.sidebar:
        if state.own is not None:
            st.caption(escape_markdown(f"Showing your own debate, {state.own.name} (only you see it)."))
            st.button("Close it and go back to the essay", key="close-own", on_click=on_close_own)
        if not st.toggle("Open your own debate (YAML, Argdown or AIF)", key="show-open-own"):
            return
        st.file_uploader(
            "Upload a file",
            type=["yaml", "yml", "argdown", "ad", "json"],
            key="upload",
            on_change=on_upload,
            help=f"At most {MAX_UPLOAD_MIB} MiB; it is read in memory, never stored, and only you see it.",
        )
        st.text_area("…or paste its text", key="paste", height=140)
        st.button("Open the pasted text", key="open-paste", on_click=on_paste)
        if state.own_errors:
            st.error("That file could not be opened; fix these lines:")
            st.code("\n".join(state.own_errors), language=None)


def on_upload() -> None:
    """A file uploaded in "Open your own debate"."""
    upload = st.session_state.get("upload")
    if upload is not None:
        open_given(str(upload.name), upload.getvalue())


def on_paste() -> None:
    """The pasted text opened ("pasted": its format is told by its content)."""
    text = st.session_state.get("paste")
    if isinstance(text, str) and text.strip():
        open_given("pasted", text.encode("utf-8"))


def open_given(name: str, data: bytes) -> None:
    """Show the file the reader gave, or say why it cannot be shown."""
    state = page_state()
    own, errors = open_own(name, data)
    if own is None:
        state.own_errors = errors
        return
    state.open_own(own)
    state.acted = True
    for widget in ("explain", "find-given"):  # they name nodes of the old debate
        st.session_state.pop(widget, None)


def on_close_own() -> None:
    """Back from the reader's own debate to the content folder's."""
    state = page_state()
    state.start_debate(state.debate)
    state.acted = True


def draw_downloads(shown: Shown, own: OwnDebate | None) -> None:
    """ "Download this debate" as YAML, Argdown, AIF and GraphML (each built
    only when clicked), behind a toggle."""
    if not st.toggle("Download this debate (YAML, Argdown, AIF, GraphML)", key="show-downloads"):
        return
    original = own.data if own is not None and own.fmt == "yaml" else None
    if own is None:
        original = read_capped(str(content_dir() / f"{shown.name}.yaml"), MAX_BYTES)
    columns = st.columns(4)
    for column, item in zip(columns, download_files(shown.debate, original, shown.name), strict=False):
        column.download_button(
            item.label, data=item.build, file_name=item.filename, mime=item.mime, key=f"download-{item.fmt}"
        )


def draw_share(query: dict[str, str]) -> None:
    """The share field and its copy button (the page's last element)."""
    COMPONENTS["share_link"](key="share-link", data=share_url(st.context.url, query).encode("utf-8"), height=110)


def sync_url(query: dict[str, str]) -> None:
    """The address carries exactly ``query`` (written only when it differs)."""
    if link_params() != {k: [v] for k, v in query.items()}:
        st.query_params.from_dict(query)


# ------------------------------------------------------------------- page ---
def pick_debate(state: PageState, names: list[str]) -> None:
    """The debate picker (only with more than one debate); a file that went
    away falls back to the default."""
    if state.debate not in names:
        state.start_debate(default_debate(names))
    if len(names) > 1:
        with st.sidebar:
            st.session_state["debate"] = state.debate
            st.selectbox("Debate", names, key="debate", on_change=on_debate)


def follow_address(state: PageState, names: list[str]) -> None:
    """Back or Forward in the browser: an address other than the one this
    page last wrote, on a run no control of ours caused, is opened as a link.
    Within the debate shown it is one more step the reader can undo."""
    params = link_params()
    if state.written is None or state.acted or params == state.written or state.choices is None:
        return
    current = current_debate(state)
    if current is not None and same_debate(state, params):
        choices, warnings = choices_from_query(params, current.debate)
        change_to(Shown(state.debate, current, state.choices), choices)
        state.warnings = warnings
        return
    open_address(state, params, names)


def same_debate(state: PageState, params: dict[str, list[str]]) -> bool:
    """Whether the address ``params`` names the debate shown."""
    if state.own is not None:
        return state.own.src is not None and params.get("src", [])[:1] == [state.own.src]
    return "src" not in params and debate_name_from_query(params, [state.debate], "")[0] == state.debate


def current_debate(state: PageState) -> Loaded | None:
    """The debate shown (the reader's own, or the content file's if it loads)."""
    if state.own is not None:
        return state.own.loaded
    path = str(content_dir() / f"{state.debate}.yaml")
    key = fingerprint(Path(path))
    debate, _ = load_cached(path, key)
    return Loaded(key, debate) if debate is not None else None


def settle_choices(state: PageState, debate: Debate) -> Choices:
    """The reader's choices for ``debate``: from the link on a session's first
    run, else the file's start when the debate (or its givens) changed."""
    if state.choices is None or set(state.choices) != set(debate.given_ids):
        if state.link is not None:
            choices, warnings = choices_from_query(state.link, debate)
            state.warnings = state.warnings + warnings
        else:
            choices = Choices.start(debate)
        state.link, state.choices, state.note = None, choices, None
    return state.choices


def main() -> None:
    """One run of the page."""
    names = debate_names(content_dir())
    state = open_page_state(names)
    follow_address(state, names)
    if state.own is None:
        if not names:
            st.error("No debate files (*.yaml) in the content folder.")
            draw_open_own(state)
            return
        pick_debate(state, names)
    draw_open_own(state)
    current = current_debate(state)
    if current is None:
        path = str(content_dir() / f"{state.debate}.yaml")
        draw_errors(state.debate, path, load_cached(path, fingerprint(Path(path)))[1])
        sync_url({"debate": state.debate})
        return
    show(state, Shown(state.own.name if state.own else state.debate, current, settle_choices(state, current.debate)))


def show(state: PageState, shown: Shown) -> None:
    """Every view of the debate ``shown``, then the address and share link that carry it."""
    top = TOP.container()
    # The sidebar's panel goes out before the map: on a session's first run the
    # browser fetches the code of Streamlit's components and draws the panel
    # while the server still renders the map page (0.1-0.2 s sooner to a drawn map).
    draw_controls(shown)
    # Then the map (its place below the header is kept by TOP): the browser
    # repaints it while the rest is still on its way.
    draw_map(shown, state.selected)
    with top:
        draw_header(shown.debate, state.warnings + list(state.own.warnings if state.own else ()))
        draw_verdict(shown, state.note)
    draw_ask(shown)
    draw_conclusions(shown)
    draw_essay(shown)
    draw_outline(shown)
    draw_downloads(shown, state.own)
    own = state.own
    if own is None:
        query = build_query(shown.debate, shown.name, shown.choices)
    else:
        query = source_query(own.src, shown.debate, shown.choices) if own.src is not None else {}
    if own is not None and own.src is None:
        st.info(escape_markdown(f"This debate is {own.too_large}."))
    else:
        draw_share(query)
    sync_url(query)
    state.written, state.acted = {k: [v] for k, v in query.items()}, False


def run_page() -> None:
    """:func:`main`, with any unexpected error shown as a plain message (the
    details go to the server's log, never to the reader)."""
    try:
        main()
    except Exception:
        LOG.exception("the page failed")
        st.error("Something went wrong while drawing this page. Reload it, or open the link again.")


run_page()
