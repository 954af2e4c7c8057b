"""The debate explorer page (Streamlit).

Only wiring: every piece of argument logic lives in ``graph/``.

State (one per browser session; the caches shared between sessions hold
only what is never mutated):
- ``_debate``: the name of the debate shown; ``_choices``: the ONE canonical
  mapping given id -> choice.  The page's components (the panel of choices,
  the map) are drawn from it on every run and change it through their
  triggers (callbacks); the debate picker re-seeds from ``_debate``.
- Both are seeded from the URL once per session; after every run the URL is
  set to carry exactly this state (``graph.link.build_query``).

Speed: every element is one websocket message and one re-render of the page
in the browser, where a rerun's time goes (bench/README.md), so the page has
few elements: headings share a markdown element with their captions, lists
are one element, and the choices, the conclusions, the essay and the share
field are one component each, whose bulky parts (the map page, the panel's layout, the
essay's markup) go to the browser once per session.

Set ``DEBATE_CONTENT_DIR`` to read debates from another directory (tests do).
Hooks for browser tests: docs/page-hooks.md.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
from pathlib import Path

import streamlit as st

# No page_icon: any text icon makes Streamlit import its emoji table (0.4 s of a cold start).
st.set_page_config(page_title="Debate explorer", layout="wide")
# The page's first element goes out before the domain is imported: at a
# process's first element Streamlit inspects the call stack once, which looks
# at every module loaded so far (0.1 s more with networkx, yaml and pyvis in).
# It is the slot the header and verdict go into.
TOP = st.empty()

from graph.choices import choices_from_scenario  # noqa: E402
from graph.essay import essay_css, essay_markup, essay_statuses  # noqa: E402
from graph.evaluate import evaluate  # noqa: E402
from graph.explain import explain_many, summarize_explanation  # noqa: E402
from graph.link import (  # noqa: E402
    build_query,
    choices_from_query,
    debate_name_from_query,
    share_url,
)
from graph.load import check_debate  # noqa: E402
from graph.model import Debate, DebateError  # noqa: E402
from graph.wording import (  # noqa: E402
    choice_sections,
    conclusions_html,
    describe_change,
    find_givens,
    full_explanation,
    matching_scenario,
    scenario_list,
    status_phrase,
    text_view_rows,
)
from graph.render import (  # noqa: E402
    STATUS_SYMBOLS,
    edge_styles,
    escape_markdown,
    legend_items,
    node_styles,
    render_html,
    style_delta,
)

ROOT = Path(__file__).resolve().parent
PREFERRED_DEFAULT = "open-source-ai-safety"
MAP_HEIGHT = 620
REASONS_FOR_ALL_UP_TO = 600  # nodes; above this only conclusions get a "why" tooltip
GROUPS = (
    ("premise", "Premises"),
    ("analogy", "Analogies"),
    ("example", "Examples"),
    ("objection", "Challenges"),
)
CHOICE_OPTIONS = ("accepted", "unsure", "rejected")
# Above this many givens the sidebar lists only the givens found by a search and
# those changed from the start (one control per given would dominate every rerun).
LISTED_GIVENS_UP_TO = 60
FOUND_SHOWN = 12
CHANGED_SHOWN = 30
CYCLE = {"accepted": "unsure", "unsure": "rejected", "rejected": "accepted"}
NO_SCENARIO = ""



# ---------------------------------------------------------------- loading ---
def content_dir() -> Path:
    return Path(os.environ.get("DEBATE_CONTENT_DIR") or ROOT / "content")


def debate_names(folder: Path) -> list[str]:
    try:
        return sorted(p.stem for p in folder.glob("*.yaml") if p.is_file())
    except OSError:
        return []


def fingerprint(path: Path) -> str:
    """Content key for the caches: the YAML's bytes plus the size and mtime of
    every file beside it (the source text it quotes lives there)."""
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


def choice_key(choices: dict) -> str:
    """The choices as one canonical JSON string: the caches' argument
    (Streamlit hashes a string in one step, a tuple item by item, on every call)."""
    return json.dumps(sorted(choices.items()), separators=(",", ":"))


# The caches below are shared by every session (st.cache_resource: no copy on
# each call, which st.cache_data makes and which cost every rerun several ms
# for the debate and the 0.5 MB map page).  What they hold is never mutated:
# the model is frozen and the page only reads the dicts.
@st.cache_resource(show_spinner=False, max_entries=32)
def load_debate_cached(path: str, key: str):
    """(debate or None, errors) for the file with this content key.  Even an
    unexpected failure of the loader becomes a FILE:LINE message, never a
    traceback on the page."""
    try:
        return check_debate(path)
    except Exception as exc:  # noqa: BLE001 - shown to the reader instead
        return None, [DebateError(path, 1, f"could not be loaded: {exc!r}")]


@st.cache_resource(show_spinner=False, max_entries=16)
def base_map(path: str, key: str) -> dict:
    """The map drawn at the file's starting choices: its HTML (sent to the page
    once) and the styles baked into it (what later deltas are relative to)."""
    debate, _ = load_debate_cached(path, key)
    choices = debate.starting_choices()
    start_key = choice_key(choices)
    labels, reasons = analyse(path, key, start_key)
    nodes, edges = node_styles(debate, labels, choices, reasons), edge_styles(debate, labels)
    return {
        "html": render_html(debate, labels, choices, reasons, height_px=MAP_HEIGHT, styles=(nodes, edges)),
        "nodes": nodes,
        "edges": edges,
        "key": f"{key[:16]}-{MAP_HEIGHT}",
        "choices": start_key,
    }


@st.cache_resource(show_spinner=False, max_entries=512)
def map_delta(path: str, key: str, choices_json: str) -> tuple[list, list, str]:
    """What differs from the map page's baked-in styles for these choices:
    (node styles, edge styles, a digest of both)."""
    debate, _ = load_debate_cached(path, key)
    base = base_map(path, key)
    nodes: list = []
    edges: list = []
    if choices_json != base["choices"]:  # else: the page as sent
        choices = dict(json.loads(choices_json))
        labels, reasons = analyse(path, key, choices_json)
        nodes = style_delta(base["nodes"], node_styles(debate, labels, choices, reasons))
        edges = style_delta(base["edges"], edge_styles(debate, labels))
    return nodes, edges, hashlib.sha256(repr((nodes, edges)).encode()).hexdigest()


@st.cache_resource(show_spinner=False, max_entries=512)
def analyse(path: str, key: str, choices_json: str) -> tuple[dict, dict]:
    """Labels of every node and a one-line reason for each, for these choices."""
    debate, _ = load_debate_cached(path, key)
    choices = dict(json.loads(choices_json))
    labels = evaluate(debate, choices)
    # Every node's tooltip says why, unless the debate is big: then only the
    # conclusions get a reason (one explanation per node per choice would
    # dominate the rerun).
    ids = list(debate.statement_by_id) + list(debate.argument_by_id)
    if len(ids) > REASONS_FOR_ALL_UP_TO:
        ids = list(debate.conclusion_ids)
    reasons = {
        n: summarize_explanation(e) for n, e in explain_many(debate, choices, ids, labels).items()
    }
    return labels, reasons


@st.cache_data(show_spinner=False, max_entries=512)
def explanation_text(path: str, key: str, choices_json: str, node_id: str) -> str:
    debate, _ = load_debate_cached(path, key)
    labels, _ = analyse(path, key, choices_json)
    return full_explanation(debate, dict(json.loads(choices_json)), node_id, labels)


@st.cache_resource(show_spinner=False, max_entries=16)
def essay_body(path: str, key: str) -> str:
    debate, _ = load_debate_cached(path, key)
    return essay_markup(debate)


# ------------------------------------------------------------------ state ---
def link_params() -> dict[str, list[str]]:
    """The address's query as key -> every value (repeated keys kept)."""
    out: dict[str, list[str]] = {}
    for k in st.query_params.keys():
        out[k] = st.query_params.get_all(k)
    return out


def set_choices(choices: dict) -> None:
    st.session_state["_choices"] = dict(choices)
    st.session_state["_link_warnings"] = []  # they were about the link, now left behind


def component_event(component_key: str, event: str) -> dict | None:
    """The payload of a component's trigger ``event`` in this run, if it is a dict."""
    result = st.session_state.get(component_key) or {}
    value = result.get(event) if hasattr(result, "get") else None
    return value if isinstance(value, dict) else None


def on_panel_choice(debate: Debate, panel_key: str) -> None:
    event = component_event(panel_key, "choice") or {}
    given_id, value = event.get("id"), event.get("choice")
    if given_id in debate.given_ids and value in CHOICE_OPTIONS:
        choices = dict(st.session_state["_choices"])
        choices[given_id] = value
        set_choices(choices)


def on_panel_scenario(debate: Debate, panel_key: str) -> None:
    sid = (component_event(panel_key, "scenario") or {}).get("id")
    if isinstance(sid, str) and sid in debate.scenario_by_id:
        set_choices(choices_from_scenario(debate, sid))


def on_reset(debate: Debate) -> None:
    set_choices(debate.starting_choices())
    st.session_state["_selected"] = None


def on_debate() -> None:
    st.session_state["_debate"] = st.session_state.get("debate")
    st.session_state.pop("_choices", None)
    st.session_state.pop("_link_params", None)
    for widget in ("explain", "find-given"):  # they name nodes of the old debate
        st.session_state.pop(widget, None)
    st.session_state["_selected"] = None
    st.session_state["_link_warnings"] = []


def on_map_click(debate: Debate) -> None:
    node_id = (component_event("argument-map", "click") or {}).get("id")
    if not isinstance(node_id, str):
        return
    if node_id in debate.given_ids:
        choices = dict(st.session_state["_choices"])
        choices[node_id] = CYCLE.get(choices.get(node_id, "accepted"), "accepted")
        set_choices(choices)
        # The selection stays: a conclusion opened before shows how this choice
        # changed it (a given's own explanation would only repeat the choice).
        if len(debate.given_ids) > LISTED_GIVENS_UP_TO:
            st.session_state["find-given"] = node_id  # so its control shows in the sidebar
    elif node_id in debate.statement_by_id or node_id in debate.argument_by_id:
        st.session_state["_selected"] = node_id


def resend(marker: str) -> None:
    """A component lost what is sent to it once (its element was remounted):
    send it again on this run."""
    st.session_state[marker] = None


# ------------------------------------------------------------- component ---
def component_source(name: str, *, shared: bool = False) -> str:
    """A component's script or style sheet (``name`` with its extension),
    without comment lines: it is sent with every rerun, so every byte counts.
    ``shared`` puts common.js (helpers of the scripts) in front."""
    folder = ROOT / "graph" / "component"
    source = (folder / name).read_text(encoding="utf-8")
    if shared:
        source = (folder / "common.js").read_text(encoding="utf-8") + "\n" + source
    lines = [ln.strip() for ln in source.splitlines()]
    return "\n".join(
        ln for ln in lines if ln and not ln.startswith("//") and not (ln.startswith("/*") and ln.endswith("*/"))
    )


# Both components get their data as bytes: a dict would make Streamlit look
# for dataframes in it, which imports pandas (half a second on the first run).
argument_map = st.components.v2.component(
    "argument_map", js=component_source("argument_map.js", shared=True)
)
# One element for every given's control: 22 Streamlit radios (with their help
# tooltips) took a third of the browser's time per choice.
choice_panel = st.components.v2.component(
    "choice_panel",
    css=component_source("choice_panel.css"),
    js=component_source("choice_panel.js", shared=True),
)
# A section heading inside a component, like Streamlit's own h3 (so it matches the others).
SECTION_HEADING_CSS = "{box} h3{{font-size:1.75rem;font-weight:600;line-height:1.2;padding:0.75rem 0 1rem;margin:0;}}\n"
ESSAY_HEADING = (
    "<h3>The essay</h3><p class=\"essay-about\">Quoted passages are marked by the status of their "
    "statement: green solid underline ✓ holds, vermillion dashed ✗ does not hold, orange dotted ? "
    "undecided. The tag after each gives that status, the statement's number (as in the text "
    "view) and its kind; hover it for the statement.</p>"
)
# The essay (with its heading): its markup goes to the page once; a choice changes only the
# status attributes of its marks (one st.html re-rendered the whole essay).
# In the page's own DOM, so the browser's find-in-page and the tests read it.
essay_view = st.components.v2.component(
    "essay",
    css=essay_css()
    # Below the fold, it is laid out only when scrolled near.
    + ".essay-box .essay{border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;padding:0.5rem 1rem;"
    "content-visibility:auto;contain-intrinsic-size:auto 2400px;}\n"
    ".essay-about{font-size:0.875rem;color:rgba(49,51,63,0.6);}\n"
    + SECTION_HEADING_CSS.format(box=".essay-box"),
    js=component_source("essay.js", shared=True),
    isolate_styles=False,
)
# The conclusions with their heading, one element in the page's own DOM (the
# e2e tests and find-in-page read it); every text in it is escaped by
# graph.wording, so it needs no sanitizer pass (st.html ran one on every run).
conclusions_view = st.components.v2.component(
    "conclusions",
    css=SECTION_HEADING_CSS.format(box=".conclusions-box"),
    js=component_source("conclusions.js", shared=True),
    isolate_styles=False,
)
# The share field with its own copy button, one element: st.code's copy
# button loads a syntax highlighter that cost the first page load about 0.8 s
# of browser time, and a text input beside it was one more widget per rerun.
share_link = st.components.v2.component(
    "share_link",
    html=(
        '<label for="link"><strong>Share this view</strong>: the link opens exactly these choices</label>'
        '<input id="link" type="text" readonly spellcheck="false">'
        '<div class="row"><button type="button">Copy link</button> '
        '<span role="status" aria-live="polite"></span></div>'
    ),
    css=component_source("share_link.css"),
    js=component_source("share_link.js"),
)


# ------------------------------------------------------------------- page ---
def show_plain(text: str, title: str = "") -> None:
    """Multi-line plain text, escaped, wrapped; under a bold title if given
    (one element either way)."""
    head = f"<p style=\"margin:0 0 0.4rem;\"><strong>{html.escape(title)}</strong></p>" if title else ""
    st.html(
        head + '<div style="white-space:pre-wrap;font-size:0.92rem;line-height:1.45;">'
        f"{html.escape(text)}</div>"
    )


def main() -> None:
    folder = content_dir()
    names = debate_names(folder)
    if not names:
        st.error(f"No debate files (*.yaml) in {escape_markdown(str(folder))}.")
        return
    default = PREFERRED_DEFAULT if PREFERRED_DEFAULT in names else names[0]
    env_default = os.environ.get("DEBATE_DEFAULT")
    if env_default in names:
        default = env_default

    ss = st.session_state
    first_run = "_debate" not in ss
    if first_run:
        params = link_params()
        name, warnings = debate_name_from_query(params, names, default)
        ss["_debate"] = name
        ss["_link_warnings"] = warnings
        ss["_link_params"] = params  # choices are read once the debate is loaded
        ss["_selected"] = None
    if ss["_debate"] not in names:  # the file went away
        ss["_debate"] = default
        ss.pop("_choices", None)
    name = ss["_debate"]

    with st.sidebar:
        if len(names) > 1:
            ss["debate"] = name
            st.selectbox("Debate", names, key="debate", on_change=on_debate)

    path = folder / f"{name}.yaml"
    key = fingerprint(path)
    debate, errors = load_debate_cached(str(path), key)
    if debate is None:
        st.title("This debate file has errors", anchor=False)
        st.error(
            f"{escape_markdown(path.name)} does not pass the check; fix these lines "
            "(or pick another debate):"
        )
        st.code("\n".join(str(e) for e in errors) or f"{path}: unreadable", language=None)
        sync_url({"debate": name})
        return

    if "_choices" not in ss or set(ss["_choices"]) != set(debate.given_ids):
        params = ss.pop("_link_params", None)
        if params is not None:
            choices, warnings = choices_from_query(params, debate)
            ss["_link_warnings"] = ss.get("_link_warnings", []) + warnings
        else:
            choices = debate.starting_choices()
        ss["_choices"] = choices
        ss["_last"] = None
        ss["_map_sent"] = None
    choices: dict = ss["_choices"]
    choices_json = choice_key(choices)
    labels, reasons = analyse(str(path), key, choices_json)

    top = TOP.container()
    # The sidebar's panel goes out before the map: on a session's first run the
    # browser fetches the code of Streamlit's components (its first component)
    # and draws the panel while the server still renders the map page, instead
    # of after (0.1-0.2 s sooner to the first drawn map).
    draw_controls(debate)
    # Then the map (its place on the page is kept by the container above it):
    # the browser repaints it while the rest is still on its way.  (Sending it
    # last on a session's first run, so the browser could lay out the page
    # meanwhile, made the first draw slower on 2 cores.)
    draw_map(debate, str(path), key, labels, choices_json)
    with top:
        draw_header(debate)
        for w in ss.get("_link_warnings", []):
            st.warning(escape_markdown(w))
        draw_verdict(debate, labels, choices)
    draw_conclusions(debate, str(path), key, labels, choices_json, reasons)
    draw_essay(debate, str(path), key, labels)
    draw_text_view(debate, labels, choices)
    query = build_query(debate, name, choices)
    draw_share(query)
    ss["_last"] = {"choices": dict(choices), "labels": dict(labels)}
    sync_url(query)


def sync_url(query: dict) -> None:
    current = link_params()
    wanted = {k: [v] for k, v in query.items()}
    if current != wanted:
        st.query_params.from_dict(query)


def draw_controls(debate: Debate) -> None:
    """The sidebar: one panel with the heading, Reset, the scenario picker and
    a radio group per given (above LISTED_GIVENS_UP_TO givens: the search and
    a second panel with the givens found and those changed)."""
    head = {
        "title": "Your choices",
        "intro": "Accept, doubt or reject each given; the map and the verdict follow. Clicking "
        "a given in the map does the same (accept → unsure → reject).",
        "reset": "Reset to the essay",
        "scenario_label": "Scenario",
        "own_choices": "(your own choices)",
        "scenarios": scenario_list(debate),
    }
    with st.sidebar:
        if len(debate.given_ids) <= LISTED_GIVENS_UP_TO:
            sections = []
            for kind, heading in GROUPS:
                ids = [s.id for s in debate.statements if s.kind == kind and s.is_given]
                if ids:
                    sections.append((heading, ids))
            draw_choice_panel(debate, "choice-panel", sections, head=head)
        else:
            draw_choice_panel(debate, "choice-panel", [], head=head)
            draw_found_controls(debate)


def draw_choice_panel(
    debate: Debate, panel_key: str, sections: list, more: str | None = None, head: dict | None = None
) -> None:
    """A panel of three-way controls for the givens in ``sections`` (heading,
    ids), showing the canonical choices, under ``head`` (title, Reset,
    scenario picker) if given.  Its layout goes to the page once; later
    reruns send only the choices and the scenario they match."""
    ss = st.session_state
    layout = choice_sections(debate, sections, more)
    if head:
        layout["head"] = head
    layout_key = hashlib.sha256(json.dumps(layout, sort_keys=True).encode()).hexdigest()[:16]
    listed = [gid for _, ids in sections for gid in ids]
    data: dict = {"key": layout_key, "choices": {g: ss["_choices"][g] for g in listed}}
    if head:  # only the head has the scenario picker
        data["scenario"] = matching_scenario(debate, ss["_choices"]) or NO_SCENARIO
    marker = f"_sent-{panel_key}"
    if ss.get(marker) != layout_key:
        data["sections"] = layout
        ss[marker] = layout_key
    choice_panel(
        key=panel_key,
        data=json.dumps(data).encode("utf-8"),
        on_choice_change=lambda: on_panel_choice(debate, panel_key),
        on_scenario_change=lambda: on_panel_scenario(debate, panel_key),
        on_reset_change=lambda: on_reset(debate),
        on_need_change=lambda: resend(marker),
    )


def draw_found_controls(debate: Debate) -> None:
    """A big debate: controls for the givens a search finds (or the one
    clicked in the map) and for those changed from the start."""
    ss = st.session_state
    st.text_input(
        f"**Find a given**: words from its text or id ({len(debate.given_ids)} givens)",
        key="find-given",
        help="Or click a given in the map: its control appears here.",
    )
    found = find_givens(debate, ss.get("find-given") or "", FOUND_SHOWN)
    if (ss.get("find-given") or "").strip() and not found:
        st.caption("No given matches.")
    start = debate.starting_choices()
    changed = [g for g in debate.given_ids if ss["_choices"].get(g) != start[g] and g not in found]
    sections = []
    if found:
        sections.append(("Found", found))
    if changed:
        sections.append((f"Changed from the start ({len(changed)})", changed[:CHANGED_SHOWN]))
    more = f"and {len(changed) - CHANGED_SHOWN} more (see the text view)." if len(changed) > CHANGED_SHOWN else None
    if sections:
        draw_choice_panel(debate, "found-panel", sections, more)


def draw_header(debate: Debate) -> None:
    src = debate.source
    bits = []
    if src is not None and src.author:
        bits.append(f"by {src.author}")
    if src is not None and src.url:
        bits.append(src.url)
    byline = f":small[:gray[{escape_markdown(' · '.join(bits))}]]\n\n" if bits else ""
    # Title, byline and how to read the page: one element (each is re-sent every run).
    st.markdown(
        f"# {escape_markdown(debate.title)}\n\n"
        + byline
        + "Each box is a claim from the text. **Accept, doubt or reject the givens** in "
        "the sidebar (or click them in the map) and see which conclusions still hold, and why."
    )


def draw_verdict(debate: Debate, labels: dict, choices: dict) -> None:
    ss = st.session_state
    conclusions = list(debate.conclusion_ids)
    holding = sum(1 for c in conclusions if labels.get(c) == "in")
    last = ss.get("_last")
    if last is None:
        ss["_change_note"] = None
    elif last["choices"] != choices:
        ss["_change_note"] = describe_change(debate, last["choices"], last["labels"], choices, labels)
    parts = []
    if debate.thesis:
        t = debate.statement_by_id[debate.thesis]
        parts.append(f"### {status_phrase(labels.get(t.id, 'undecided'))}: {escape_markdown(t.text)}")
    parts.append(f"**{holding} of {len(conclusions)} conclusions hold.**")
    if ss.get("_change_note"):
        parts.append(escape_markdown(ss["_change_note"]))
    with st.container(key="verdict", border=True):
        st.markdown("\n\n".join(parts))


def draw_map(debate, path, key, labels, choices_json) -> None:
    ss = st.session_state
    base = base_map(path, key)
    nodes, edges, digest = map_delta(path, key, choices_json)
    if ss.get("_map_digest") != digest:
        ss["_map_digest"] = digest
        ss["_map_seq"] = ss.get("_map_seq", 0) + 1
    data = {
        "key": base["key"],
        "seq": ss["_map_seq"],
        "height": MAP_HEIGHT,
        "nodes": nodes,
        "edges": edges,
    }
    # The vis-network page (~700 kB) goes out once per debate and session.
    if ss.get("_map_sent") != base["key"]:
        data["html"] = base["html"]
        ss["_map_sent"] = base["key"]
    # Heading, how to use it and the legend: one element (each is re-sent every run).
    legend = " · ".join(f"{escape_markdown(a)}: {escape_markdown(b)}" for a, b in legend_items())
    st.markdown(
        "### The map\n\n:small[:gray[Thesis at the top, givens at the bottom. Hover a node for its "
        "full text, quote and why it has its status; scroll to zoom, drag to pan; click a given "
        f"to change it, a conclusion to see why.]]\n\n:small[**Legend** — {legend}]"
    )
    argument_map(
        key="argument-map",
        data=json.dumps(data).encode("utf-8"),
        height=MAP_HEIGHT + 10,
        on_click_change=lambda: on_map_click(debate),
        on_need_html_change=lambda: resend("_map_sent"),
    )
    selected = ss.get("_selected")
    if selected and (selected in debate.statement_by_id or selected in debate.argument_by_id):
        with st.container(key="selected-explanation", border=True):
            node = debate.statement_by_id.get(selected)
            title = node.text if node is not None else f"argument {selected}"
            show_plain(
                explanation_text(path, key, choices_json, selected),
                title=f"Selected: {title} — {status_phrase(labels.get(selected, 'undecided'))}",
            )


def draw_conclusions(debate, path, key, labels, choices_json, reasons) -> None:
    # One element for the heading and the whole list (one element per
    # conclusion made every rerun several times slower in the browser).
    markup = "<h3>Conclusions</h3>" + conclusions_html(debate, labels, reasons)
    conclusions_view(key="conclusions", data=json.dumps({"markup": markup}).encode("utf-8"))
    titles = {cid: debate.statement_by_id[cid].text for cid in debate.conclusion_ids}
    st.selectbox(
        "Why? Pick a conclusion for its full explanation and its critical givens",
        list(debate.conclusion_ids),
        key="explain",
        index=None,
        placeholder="Choose a conclusion",
        format_func=lambda cid: f"{STATUS_SYMBOLS.get(labels.get(cid), '?')} {titles.get(cid, cid)}",
    )
    cid = st.session_state.get("explain")
    if cid in titles:
        with st.container(key="explanation", border=True):
            show_plain(explanation_text(path, key, choices_json, cid))


def draw_essay(debate, path, key, labels) -> None:
    if not debate.source_text:
        return
    ss = st.session_state
    data: dict = {"key": key[:16], "statuses": essay_statuses(debate, labels)}
    if ss.get("_essay_sent") != data["key"]:
        data["markup"] = ESSAY_HEADING + essay_body(path, key)
        ss["_essay_sent"] = data["key"]
    essay_view(
        key="essay",
        data=json.dumps(data).encode("utf-8"),
        on_need_change=lambda: resend("_essay_sent"),
    )


def draw_text_view(debate: Debate, labels: dict, choices: dict) -> None:
    # Behind a toggle: the table is the largest element of the page and would
    # otherwise be re-sent on every choice.
    if st.toggle("**Text view**: the map as a table (for screen readers)", key="show-text-view"):
        with st.container(key="text-view"):
            st.dataframe(text_view_rows(debate, labels, choices), hide_index=True, width="stretch")


def draw_share(query: dict) -> None:
    url = share_url(st.context.url, query)
    share_link(key="share-link", data=url.encode("utf-8"), height=110)


main()
