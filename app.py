"""The debate explorer page (Streamlit): it composes views from ``graph/``.

Every decision about the argument is made in ``graph/`` (``graph.page`` for
what the page shows, ``graph.wording`` for its words, ``graph.component``
for its own components); this file caches those results, keeps one reader's
state and places the views.

State: one :class:`graph.page.PageState` per browser session, under the session key
``"page"`` (the only key of ours; its fields say what each is for).  The
widgets' own keys: ``debate`` (picker), ``explain`` ("Why?" picker),
``find-given`` (search, above 60 givens), ``show-text-view`` (toggle), and
the components' ``choice-panel``, ``found-panel``, ``argument-map``,
``conclusions``, ``essay``, ``share-link``.  The state changes only in the
components' callbacks (and once, when a session or debate starts); the
``draw_*`` functions only read it.  After every run the address is set to
carry exactly the choices (``graph.link.build_query``).

Speed: every element is one websocket message and one re-render in the
browser, so the page has few elements; the bulky parts (the map page, the
panel's layout, the essay's markup) go to the browser once per session
(:meth:`PageState.plan_send`).  The caches are shared by every session
(``st.cache_resource``: no copy per call) and hold only frozen values.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

# No page_icon: any text icon makes Streamlit import its emoji table (0.4 s of a cold start).
st.set_page_config(page_title="Debate explorer", layout="wide")
# The page's first element goes out before the domain is imported: at a
# process's first element Streamlit inspects the call stack once, which looks
# at every module loaded so far (0.1 s more with networkx, yaml and pyvis in).
# It is the slot the header and verdict go into.
TOP = st.empty()

from graph.choices import Choices, choices_from_scenario
from graph.component import SPECS, json_depth
from graph.essay import essay_heading, essay_markup, essay_statuses
from graph.link import build_query, choices_from_query, debate_name_from_query, share_url
from graph.load import check_debate
from graph.model import Debate, DebateError
from graph.page import (
    LISTED_GIVENS_UP_TO,
    Analysis,
    MapDelta,
    MapPage,
    PageState,
    analyse,
    build_map_delta,
    build_map_page,
    click,
    debate_names,
    fingerprint,
    found_sections,
    given_sections,
    panel_head,
    shown_name,
)
from graph.render import MAP_HEIGHT, escape_markdown, legend_items
from graph.status import CHOICES, STATUS_SYMBOLS, status_phrase
from graph.wording import (
    choice_sections,
    conclusions_html,
    describe_change,
    full_explanation,
    matching_scenario,
    text_view_rows,
)

ROOT = Path(__file__).resolve().parent
LOG = logging.getLogger("debate_explorer")
PREFERRED_DEFAULT = "open-source-ai-safety"
NO_SCENARIO = ""
# Results per set of choices kept for all sessions: enough for the links a
# shared page is opened with, small enough to stay a few MiB (bench/README.md, "Under load").
CHOICE_CACHE_ENTRIES = 128
HASH_CHOICES: dict[Any, Callable[[Any], Any]] = {Choices: lambda c: c.key}

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
        params = link_params()
        name, warnings = debate_name_from_query(params, names, default_debate(names))
        state = PageState(debate=name, link=params, warnings=warnings)
        st.session_state["page"] = state
    return state


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


def loaded(path: str, content_key: str) -> Debate:
    """The debate of a file that loaded (callers only pass such keys)."""
    debate, _ = load_cached(path, content_key)
    assert debate is not None  # callers only pass keys of files that loaded
    return debate


@st.cache_resource(show_spinner=False, max_entries=CHOICE_CACHE_ENTRIES, hash_funcs=HASH_CHOICES)
def analysis(path: str, content_key: str, choices: Choices) -> Analysis:
    """Statuses and reasons for these choices (shared by every session)."""
    return analyse(loaded(path, content_key), choices)


@st.cache_resource(show_spinner=False, max_entries=16)
def map_page(path: str, content_key: str) -> MapPage:
    """The map page at the file's starting choices (shared by every session)."""
    debate = loaded(path, content_key)
    return build_map_page(debate, content_key, analysis(path, content_key, Choices.start(debate)))


@st.cache_resource(show_spinner=False, max_entries=CHOICE_CACHE_ENTRIES, hash_funcs=HASH_CHOICES)
def map_delta(path: str, content_key: str, choices: Choices) -> MapDelta:
    """The map's style delta for these choices (shared by every session)."""
    debate = loaded(path, content_key)
    return build_map_delta(debate, map_page(path, content_key), choices, analysis(path, content_key, choices))


@st.cache_resource(show_spinner=False, max_entries=CHOICE_CACHE_ENTRIES, hash_funcs=HASH_CHOICES)
def explanation(path: str, content_key: str, choices: Choices, node_id: str) -> str:
    """A node's full explanation, as plain text."""
    debate = loaded(path, content_key)
    return full_explanation(debate, choices, node_id, analysis(path, content_key, choices).statuses)


@st.cache_resource(show_spinner=False, max_entries=16)
def essay_body(path: str, content_key: str) -> str:
    """The essay's heading and marked-up text (sent once per session)."""
    return essay_heading() + essay_markup(loaded(path, content_key))


@dataclass(frozen=True)
class Shown:
    """The debate this run shows, and where its cached results are found."""

    name: str
    path: str
    key: str
    debate: Debate
    choices: Choices

    @property
    def analysis(self) -> Analysis:
        """The statuses and reasons of the shown choices."""
        return analysis(self.path, self.key, self.choices)


# -------------------------------------------------------------- callbacks ---
def component_event(component_key: str, event: str) -> dict[str, Any] | None:
    """The payload of a component's trigger ``event`` in this run, if it is a
    dict (what else the browser sent is ignored)."""
    result = st.session_state.get(component_key) or {}
    value = result.get(event) if hasattr(result, "get") else None
    return value if isinstance(value, dict) else None


def change_to(shown: Shown, choices: Choices) -> None:
    """Make ``choices`` the reader's, with the note on what they changed."""
    state = page_state()
    before, after = shown.analysis, analysis(shown.path, shown.key, choices)
    note = describe_change(shown.debate, shown.choices, before.statuses, choices, after.statuses)
    state.change(choices, note)


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
        change_to(shown, choices_from_scenario(shown.debate, sid))


def on_reset(shown: Shown) -> None:
    """Back to the file's starting choices, nothing selected."""
    change_to(shown, Choices.start(shown.debate))
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
        + "Each box is a claim from the text. **Accept, doubt or reject the givens** in "
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
    with st.container(key="verdict", border=True):
        st.markdown("\n\n".join(parts))


def draw_panel(shown: Shown, key: str, layout: dict[str, Any], listed: list[str], head: bool) -> None:
    """A panel of three-way controls (``layout`` from graph.wording.choice_sections)
    for the givens ``listed``; its layout goes to the page once."""
    state = page_state()
    layout_key = hashlib.sha256(json.dumps(layout, sort_keys=True).encode()).hexdigest()[:16]
    data: dict[str, Any] = {"key": layout_key, "choices": {g: shown.choices[g] for g in listed}}
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
        on_need_change=lambda: state.resend(key),
    )


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


def draw_map(shown: Shown, selected: str | None) -> None:
    """The map's heading and legend, the map (its page once, then style deltas), and the selected node's explanation."""
    state = page_state()
    page = map_page(shown.path, shown.key)
    delta = map_delta(shown.path, shown.key, shown.choices)
    data: dict[str, Any] = {
        "key": page.key,
        "seq": state.number_map_delta(delta),
        "height": MAP_HEIGHT,
        "nodes": delta.nodes,
        "edges": delta.edges,
    }
    if state.plan_send("argument-map", page.key):  # the ~700 kB vis-network page
        data["html"] = page.html
    legend = " · ".join(f"{escape_markdown(a)}: {escape_markdown(b)}" for a, b in legend_items())
    st.markdown(
        "### The map\n\n:small[:gray[Thesis at the top, givens at the bottom. Hover a node for its "
        "full text, quote and why it has its status; scroll to zoom, drag to pan; click a given "
        f"to change it, a conclusion to see why.]]\n\n:small[**Legend** — {legend}]"
    )
    COMPONENTS["argument_map"](
        key="argument-map",
        data=json.dumps(data).encode("utf-8"),
        height=MAP_HEIGHT + 10,
        on_click_change=lambda: on_map_click(shown),
        on_need_html_change=lambda: state.resend("argument-map"),
    )
    if selected is not None:
        draw_selected(shown, selected)


def draw_selected(shown: Shown, selected: str) -> None:
    """The explanation of the node clicked in the map, under it."""
    if selected in shown.debate.statement_by_id or selected in shown.debate.argument_by_id:
        node = shown.debate.statement_by_id.get(selected)
        title = node.text if node is not None else f"argument {selected}"
        status = status_phrase(shown.analysis.statuses.get(selected, "undecided"))
        with st.container(key="selected-explanation", border=True):
            show_plain(explanation(shown.path, shown.key, shown.choices, selected), f"Selected: {title} — {status}")


def show_plain(text: str, title: str = "") -> None:
    """Multi-line plain text, escaped, wrapped; under a bold title if given (one element)."""
    head = f'<p style="margin:0 0 0.4rem;"><strong>{html.escape(title)}</strong></p>' if title else ""
    st.html(head + f'<div style="white-space:pre-wrap;font-size:0.92rem;line-height:1.45;">{html.escape(text)}</div>')


def draw_conclusions(shown: Shown) -> None:
    """The conclusions with their statuses and reasons, and the "Why?" picker with its explanation."""
    debate, now = shown.debate, shown.analysis
    # The heading and the whole list are one element (one per conclusion made every rerun slower).
    markup = "<h3>Conclusions</h3>" + conclusions_html(debate, now.statuses, now.reasons)
    COMPONENTS["conclusions"](key="conclusions", data=json.dumps({"markup": markup}).encode("utf-8"))
    titles = {cid: debate.statement_by_id[cid].text for cid in debate.conclusion_ids}
    st.selectbox(
        "Why? Pick a conclusion for its full explanation and its critical givens",
        list(debate.conclusion_ids),
        key="explain",
        index=None,
        placeholder="Choose a conclusion",
        format_func=lambda cid: f"{STATUS_SYMBOLS.get(now.statuses.get(cid, ''), '?')} {titles.get(cid, cid)}",
    )
    cid = st.session_state.get("explain")
    if cid in titles:
        with st.container(key="explanation", border=True):
            show_plain(explanation(shown.path, shown.key, shown.choices, cid))


def draw_essay(shown: Shown) -> None:
    """The source text with its quoted passages marked by status (markup once, then statuses)."""
    if not shown.debate.source_text:
        return
    state = page_state()
    data: dict[str, Any] = {"key": shown.key[:16], "statuses": essay_statuses(shown.debate, shown.analysis.statuses)}
    if state.plan_send("essay", data["key"]):
        data["markup"] = essay_body(shown.path, shown.key)
    COMPONENTS["essay"](
        key="essay", data=json.dumps(data).encode("utf-8"), on_need_change=lambda: state.resend("essay")
    )


def draw_text_view(shown: Shown) -> None:
    """The map as a table, behind a toggle: it is the largest element and
    would otherwise be re-sent on every choice."""
    if st.toggle("**Text view**: the map as a table (for screen readers)", key="show-text-view"):
        with st.container(key="text-view"):
            rows = text_view_rows(shown.debate, shown.analysis.statuses, shown.choices)
            st.dataframe(rows, hide_index=True, width="stretch")


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
    if not names:
        st.error("No debate files (*.yaml) in the content folder.")
        return
    state = open_page_state(names)
    pick_debate(state, names)
    path = str(content_dir() / f"{state.debate}.yaml")
    key = fingerprint(Path(path))
    debate, errors = load_cached(path, key)
    if debate is None:
        draw_errors(state.debate, path, errors)
        sync_url({"debate": state.debate})
        return
    shown = Shown(state.debate, path, key, debate, settle_choices(state, debate))
    top = TOP.container()
    # The sidebar's panel goes out before the map: on a session's first run the
    # browser fetches the code of Streamlit's components and draws the panel
    # while the server still renders the map page (0.1-0.2 s sooner to a drawn map).
    draw_controls(shown)
    # Then the map (its place below the header is kept by TOP): the browser
    # repaints it while the rest is still on its way.
    draw_map(shown, state.selected)
    with top:
        draw_header(debate, state.warnings)
        draw_verdict(shown, state.note)
    draw_conclusions(shown)
    draw_essay(shown)
    draw_text_view(shown)
    query = build_query(debate, shown.name, shown.choices)
    draw_share(query)
    sync_url(query)


def run_page() -> None:
    """:func:`main`, with any unexpected error shown as a plain message (the
    details go to the server's log, never to the reader)."""
    try:
        main()
    except Exception:
        LOG.exception("the page failed")
        st.error("Something went wrong while drawing this page. Reload it, or open the link again.")


run_page()
