"""Draw a debate as a pyvis (vis-network) page, and describe its styles.

``render_html`` returns one self-contained HTML string: vis-network inlined
(no request leaves the page; pyvis's bootstrap CDN tags are stripped),
positions fixed from :mod:`graph.layout`, physics off, straight edges.  A
small bridge script is appended that lets the page around it (the two-way
component in ``app.py``) restyle nodes in place through ``postMessage``.

Text safety: every text from the debate file travels only inside JSON that
Jinja's ``tojson`` writes with ``<``, ``>``, ``&`` and ``'`` escaped as
``\\u003c`` etc., node statuses are drawn on a canvas, and tooltips are built
with ``textContent`` (the ``tip`` field), never as HTML.  No node carries a
``title`` string, so pyvis's "href" tooltip mode (raw HTML) never switches on.

``node_styles`` / ``edge_styles`` give the status-dependent part of every vis
item, so a choice can be sent as the few items that differ (``style_delta``).
A node's look comes from its vis group (``NODE_GROUPS``: one per kind and
status, in the page's options); what every edge shares is in the options too.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NotRequired, TypedDict, TypeVar

from graph.caption import ATTACK_LABEL, KIND_SHAPES, box_corner, node_caption, node_kind
from graph.component import map_bridge_js
from graph.index import attack_links, question_links
from graph.layout import compute_layout
from graph.model import Debate
from graph.sizes import (
    ARGUMENT_DOT,
    BOX_MARGIN,
    BOX_MAX_WIDTH,
    CONCLUSION_FONT,
    EDGE_FONT,
    MAP_HEIGHT,
    NODE_FONT,
)
from graph.status import BORDER_DASHES, NOT_RAISED_BORDER, PALETTE
from graph.wording import node_tip

if TYPE_CHECKING:
    from jinja2 import FileSystemBytecodeCache

    from graph.pyvis_import import PyvisNetwork

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "MAP_HEIGHT",
    "NODE_GROUPS",
    "READABLE_PX",
    "EdgeStyle",
    "NodeStyle",
    "VisItem",
    "edge_styles",
    "escape_markdown",
    "legend_items",
    "node_styles",
    "render_html",
    "style_delta",
]

SUPPORT_COLOUR = "#4d4d4d"
SUPPORT_FADED = "#c8c8c8"
ATTACK_COLOUR = "#CC79A7"  # reddish purple
ATTACK_FADED = "#ead0df"

# The smallest label the first view draws, in CSS px on screen (scale times
# font size): the frame picks the nodes it shows so that every label is at least this.
READABLE_PX = 11
# The first view never zooms in further than this (a small debate is not blown up).
_FIRST_VIEW_MAX_SCALE = 1.0

VisItem = dict[str, object]
"""A vis-network item (node or edge) or options object, as JSON-ready data."""


class NodeStyle(TypedDict):
    """The status-dependent part of a node (:func:`node_styles`)."""

    choice: str | None
    group: str
    id: str
    label: str
    status: str
    tip: str


class EdgeStyle(TypedDict):
    """The status-dependent part of an edge (:func:`edge_styles`); ``font`` on attacks only."""

    color: dict[str, str]
    id: str
    width: float
    font: NotRequired[dict[str, str]]


_Style = TypeVar("_Style", NodeStyle, EdgeStyle)

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|<>~$:&])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)]))")


# What GFM's autolink step (run on the text after escapes are resolved) turns
# into a link: a scheme before "://", "www" before ".", the "@" of an address.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=\bwww)(?=\.)|(?<=[\w.+-])(?=@[\w-])")
_WORD_JOINER = "\u2060"  # invisible, and no autolink pattern lets it through


def escape_markdown(text: str) -> str:
    """Make a text from a debate file or a link show literally in Streamlit's
    markdown: newlines become spaces, every character that could start
    markup (emphasis, code, links, HTML, tables, colour/emoji directives, math,
    entities) or a list/heading at the start is backslash-escaped, and an
    invisible word joiner breaks every bare web or mail address (markdown
    links those even when escaped), so nothing becomes a link."""
    text = " ".join(str(text).split())
    text = _AUTOLINK.sub(_WORD_JOINER, text)
    text = _MD_SPECIAL.sub(r"\\\1", text)

    def guard(m: re.Match[str]) -> str:
        if m.group(2):
            return m.group(1) + "\\" + m.group(2)
        return m.group(1) + m.group(3) + "\\" + m.group(4)

    return _MD_LINE_START.sub(guard, text)


def legend_items() -> list[tuple[str, str]]:
    """(symbol or swatch, meaning) pairs for the legend shown under the map."""
    return [
        ("✓ green solid border", "holds"),
        ("✗ vermillion dashed border, faded", "does not hold"),
        ("? orange dotted border", "undecided"),
        ("rounded box", "premise"),
        ("ellipse", "analogy"),
        ("cylinder", "example"),
        ("hexagon", "challenge"),
        ("square box, bold", "conclusion"),
        ("small dot", "argument: its premises together support the conclusion above"),
        (
            "pill-shaped box",
            "critical question about the argument it points to (grey while not raised; click to raise it)",
        ),
        ("grey solid arrow", "supports"),
        ("purple dashed arrow ending in a bar, labelled 'against'", "attacks"),
    ]


def _group_options(kind: str, status: str) -> VisItem:
    pal = PALETTE[status]
    if kind == "argument":
        return {
            "borderWidth": 2,
            "color": {"background": pal["border"], "border": pal["border"]},
            "font": {"color": pal["font"]},
            "shape": KIND_SHAPES[kind],
            "shapeProperties": {"borderDashes": BORDER_DASHES[status]},
            "size": ARGUMENT_DOT,
        }
    border = NOT_RAISED_BORDER if kind == "question" and status == "out" else pal["border"]
    return {
        "borderWidth": 4 if kind == "conclusion" else 3,
        "color": {"background": pal["background"], "border": border},
        "font": {"color": pal["font"], "size": CONCLUSION_FONT if kind == "conclusion" else NODE_FONT},
        "margin": BOX_MARGIN,
        "shape": KIND_SHAPES[kind],
        "shapeProperties": {
            "borderDashes": BORDER_DASHES[status],
            "borderRadius": box_corner(kind),
        },
        "widthConstraint": {"maximum": BOX_MAX_WIDTH},
    }


# One vis group per kind and status: a node carries only its group's name,
# not the dozen style values (at 1,000 statements that made the map page 27%
# smaller and its first draw faster).  Every group of a kind sets the same
# keys, so moving a node to another group leaves nothing of the old one.
NODE_GROUPS: dict[str, VisItem] = {
    f"{kind}-{status}": _group_options(kind, status) for kind in KIND_SHAPES for status in PALETTE
}


def _known_status(statuses: Mapping[str, str], node_id: str) -> str:
    """The status ``statuses`` give ``node_id``: undecided when missing or not a status."""
    status = statuses.get(node_id, "undecided")
    return status if status in PALETTE else "undecided"


def node_styles(
    debate: Debate,
    statuses: Mapping[str, str],
    choices: Mapping[str, str],
    reasons: Mapping[str, str] | None = None,
) -> list[NodeStyle]:
    """The status-dependent vis properties of every node, in a fixed order
    (statements in file order, then arguments, then critical questions):
    its ``group`` (one of
    ``NODE_GROUPS``, ``{kind}-{status}``), label, tooltip text, status and
    choice.  Each dict has the same keys for every state, so applying one over
    another (a vis DataSet update replaces top-level keys) fully replaces the
    style.

    ``statuses`` maps every id to "in"/"out"/"undecided" (missing -> undecided);
    ``choices`` maps given ids (questions too) to a choice (missing -> the file's start);
    ``reasons`` (optional) maps ids to a one-line "why" for the tooltip.
    """
    start = debate.starting_choices()
    reasons = reasons or {}
    out: list[NodeStyle] = []
    for s in debate.statements:
        status = _known_status(statuses, s.id)
        choice = choices.get(s.id, start.get(s.id)) if s.is_given else None
        out.append(
            {
                "choice": choice,
                "group": f"{s.kind}-{status}",
                "id": s.id,
                "label": node_caption(debate, s.id, status, choice),
                "status": status,
                "tip": node_tip(debate, s.id, status, choice, reasons.get(s.id)),
            }
        )
    for a in debate.arguments:
        status = _known_status(statuses, a.id)
        asked = {q.id: choices.get(q.id, start[q.id]) for q in a.questions}
        out.append(
            {
                "choice": None,
                "group": f"argument-{status}",
                "id": a.id,
                "label": "",
                "status": status,
                "tip": node_tip(debate, a.id, status, None, reasons.get(a.id), asked),
            }
        )
    for q in debate.questions:
        status = _known_status(statuses, q.id)
        choice = choices.get(q.id, start[q.id])
        out.append(
            {
                "choice": choice,
                "group": f"question-{status}",
                "id": q.id,
                "label": node_caption(debate, q.id, status, choice),
                "status": status,
                "tip": node_tip(debate, q.id, status, choice, reasons.get(q.id)),
            }
        )
    return out


def _edge_id(kind: str, a: str, b: str) -> str:
    return f"{kind}:{a}:{b}"


def _attack_edges(debate: Debate) -> Iterator[tuple[str, str, str]]:
    """(edge id, by, target) of every attack the map draws, once per pair (a
    file may repeat an attack, and vis refuses two edges with one id): the
    file's attacks (those on critical questions too), then each question's
    on its argument (it counts once the question is raised)."""
    for by, target in (*attack_links(debate), *question_links(debate)):
        yield _edge_id("attack", by, target), by, target


def edge_styles(debate: Debate, statuses: Mapping[str, str]) -> list[EdgeStyle]:
    """The status-dependent vis properties of every edge (support links faded
    when what they carry does not hold; attacks strong when the attacker
    holds): colour and width, and an attack's label colour.  Edge ids are
    ``support:{from}:{to}`` and ``attack:{by}:{target}``."""
    out: list[EdgeStyle] = []
    for a in debate.arguments:
        for p in a.premises:
            live = statuses.get(p) == "in"
            out.append(
                {
                    "color": {"color": SUPPORT_COLOUR if live else SUPPORT_FADED},
                    "id": _edge_id("support", p, a.id),
                    "width": 2 if live else 1,
                }
            )
        live = statuses.get(a.id) == "in"
        out.append(
            {
                "color": {"color": SUPPORT_COLOUR if live else SUPPORT_FADED},
                "id": _edge_id("support", a.id, a.conclusion),
                "width": 2.5 if live else 1,
            }
        )
    for eid, by, _ in _attack_edges(debate):
        live = statuses.get(by) == "in"
        out.append(
            {
                "color": {"color": ATTACK_COLOUR if live else ATTACK_FADED},
                # The rest of the label's font is in the options (every edge's).
                "font": {"color": "#7a2f5a" if live else "#b99aac"},
                "id": eid,
                "width": 2.5 if live else 1,
            }
        )
    return out


def style_delta(base: Sequence[_Style], current: Sequence[_Style]) -> list[_Style]:
    """The items of ``current`` that differ from the item with the same id in
    ``base`` (both from ``node_styles`` or both from ``edge_styles``).  The
    receiving frame restores every item not listed to its ``base`` style, so
    the delta is complete on its own (no dependence on earlier deltas)."""
    by_id = {item["id"]: item for item in base}
    return [item for item in current if by_id.get(item["id"]) != item]


def _vis_nodes(debate: Debate, styles: Iterable[NodeStyle]) -> list[VisItem]:
    pos = compute_layout(debate)
    out: list[VisItem] = []
    for style in styles:
        nid = style["id"]
        x, y = pos[nid]
        out.append({**style, "kind": node_kind(debate, nid), "x": x, "y": y})
    return out


def _vis_edges(debate: Debate, styles: Iterable[EdgeStyle]) -> list[VisItem]:
    by_id = {e["id"]: e for e in styles}
    out: list[VisItem] = []
    for a in debate.arguments:
        for p in a.premises:  # the options' arrow
            eid = _edge_id("support", p, a.id)
            out.append({**by_id[eid], "from": p, "to": a.id, "kind": "support"})
        eid = _edge_id("support", a.id, a.conclusion)
        out.append(
            {
                **by_id[eid],
                "from": a.id,
                "to": a.conclusion,
                "kind": "support",
                "arrows": {"to": {"enabled": True, "scaleFactor": 0.8}},
            }
        )
    for eid, by, target in _attack_edges(debate):
        out.append(
            {
                **by_id[eid],
                "from": by,
                "to": target,
                "kind": "attack",
                "label": ATTACK_LABEL,
                "dashes": [8, 6],
                "arrows": {"to": {"enabled": True, "type": "bar", "scaleFactor": 0.9}},
            }
        )
    return out


_OPTIONS: VisItem = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
    "edges": {
        "smooth": False,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        # Horizontal, not "middle" (along the edge): vis-network 9.1.2 draws a
        # "middle" label of an edge pointing exactly right to left at the
        # canvas's origin instead of on its edge (drawLabel skips its
        # translate when the angle is 0, and _setAlignment then draws at 0, 0).
        "font": {"size": EDGE_FONT, "strokeWidth": 3, "strokeColor": "#ffffff", "align": "horizontal"},
    },
    "interaction": {
        "hover": True,
        "tooltipDelay": 150,
        "navigationButtons": False,
        "keyboard": False,
        "multiselect": False,
        "hideEdgesOnDrag": False,
    },
    "groups": NODE_GROUPS,
    "nodes": {
        "fixed": {"x": True, "y": True},
        "shadow": False,
        "font": {"face": "sans-serif"},
        "color": {
            "highlight": {"background": "#ffffff", "border": "#000000"},
            "hover": {"background": "#ffffff", "border": "#000000"},
        },
    },
}

# The frame may run its own inline code and styles and show data: images,
# nothing else: no request leaves it (no fetch, no image or font from anywhere).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)
_CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'

# Compact: the frame's whole style sheet stays under 2 kB (tests/test_render.py).
_EXTRA_CSS = """
<style>
html, body { margin:0; padding:0; background:#fff; overflow: hidden; }
#mynetwork { border:none !important; float:none !important; position:relative; }
.card { border:none; }
.argmap-tip { white-space:pre-wrap; max-width:380px; font:13px/1.35 sans-serif; }
div.vis-tooltip { max-width:400px; white-space:normal; }
.argmap-bar { position:absolute; top:6px; left:6px; right:6px; z-index:5; display:flex; gap:6px; align-items:center;
 pointer-events:none; }
.argmap-bar button { pointer-events:auto; font:14px/1 sans-serif; min-width:34px; height:32px; padding:0 10px;
 background:#fff; color:#1f1f1f; border:1px solid #8f8f8f; border-radius:6px; cursor:pointer; white-space:nowrap; }
.argmap-bar button:hover { background:#f0f0f0; }
.argmap-bar button:focus-visible { outline:3px solid #0b63ce; outline-offset:1px; }
.argmap-caption { margin-left:auto; font:12px sans-serif; color:#4a4a4a; background:#ffffffd9; padding:2px 4px; }
.argmap-hint { position:absolute; left:50%; bottom:16px; transform:translateX(-50%); z-index:6; max-width:90%;
 padding:8px 12px; border-radius:6px; background:#1e1e1ee0; color:#fff; font:14px/1.3 sans-serif;
 text-align:center; opacity:0; transition:opacity .2s; pointer-events:none; }
.argmap-hint.shown { opacity:1; }
@media (max-width:440px) { .argmap-caption { display:none; } }
</style>
"""

# Tags pyvis's template always emits that would load from a CDN (bootstrap).
_CDN_TAG = re.compile(
    r"<link[^>]*https?://[^>]*>|<script[^>]*\bsrc\s*=\s*[\"']?https?://[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
_NODE_MODULES_COMMENT = re.compile(r"<!--(?:(?!-->).)*node_modules(?:(?!-->).)*-->", re.DOTALL)

_STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL | re.IGNORECASE)
# Of vis-network's stylesheet (220 kB, mostly images for its editing and
# configuration panels, which the map never shows) only the tooltip's rules
# are used.
_VIS_RULES_KEPT = ("vis-tooltip",)


def _slim_vis_css(match: re.Match[str]) -> str:
    css = match.group(2)
    if ".vis-network" not in css:
        return match.group(0)
    kept = [rule + "}" for rule in css.split("}") if any(name in rule.split("{", 1)[0] for name in _VIS_RULES_KEPT)]
    return match.group(1) + "".join(kept) + match.group(3)


_net_lock = threading.Lock()
_net: PyvisNetwork | None = None


def _template_cache() -> FileSystemBytecodeCache | None:
    """Jinja's bytecode cache in the user's temp folder (Jinja makes it, private
    to the user), so a new process loads pyvis's compiled template instead of
    compiling it again (0.15 s of the page's first run); ``None`` if there is
    no such folder to use.  A cache that cannot be written only costs that
    compile time, never the map."""
    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable or damaged: compile as if there were none
                bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    try:
        return QuietCache()
    except (OSError, RuntimeError):  # no temp folder of ours (Jinja refuses one it does not own)
        return None


def _network() -> PyvisNetwork:
    """One pyvis Network reused for every render: its Jinja environment keeps
    the compiled template (building a new Network recompiles it, ~150 ms)."""
    global _net
    if _net is None:
        from graph.pyvis_import import network_class

        _net = network_class()(directed=True, cdn_resources="in_line", height="600px", width="100%")
        _net.templateEnv.bytecode_cache = _template_cache()
    return _net


def render_html(
    debate: Debate,
    statuses: Mapping[str, str],
    choices: Mapping[str, str],
    reasons: Mapping[str, str] | None = None,
    height_px: int = MAP_HEIGHT,
    *,
    styles: tuple[Sequence[NodeStyle], Sequence[EdgeStyle]] | None = None,
) -> str:
    """The whole map as one HTML document (a string; nothing is written to disk).

    Globals inside it (pyvis's names): ``network``, ``nodes``, ``edges``; plus
    the bridge's ``window.lastUpdate``/``lastUpdateSeq``/``mapReady``.  Every
    statement, argument and critical question is a node whose id is its id.  ``styles``, if
    given, is ``(node_styles(...), edge_styles(...))`` for these same
    arguments, already computed by the caller (they are not computed again).
    """
    if styles is None:
        styles = (node_styles(debate, statuses, choices, reasons), edge_styles(debate, statuses))
    nodes = _vis_nodes(debate, styles[0])
    edges = _vis_edges(debate, styles[1])
    with _net_lock:
        net = _network()
        net.nodes = nodes
        net.edges = edges
        net.node_ids = [style["id"] for style in styles[0]]  # the ids of ``nodes``, in order
        net.height = f"{int(height_px)}px"
        net.width = "100%"
        net.heading = ""
        net.options = json.loads(json.dumps(_OPTIONS))
        html = net.generate_html()
        net.nodes, net.edges, net.node_ids = [], [], []
    html = _CDN_TAG.sub("", html)
    html = _STYLE_BLOCK.sub(_slim_vis_css, html)
    html = _EMPTY_HEADING.sub("", html)
    # pyvis leaves a commented-out <script src=...> to node_modules: drop it.
    html = _NODE_MODULES_COMMENT.sub("", html)
    html = html.replace("<head>", "<head>" + _CSP_META, 1)
    html = html.replace("</head>", _EXTRA_CSS + "</head>", 1)
    # The bridge runs in pyvis's own script, right after drawGraph(): in a
    # script of its own, the browser could draw a frame in between, and the
    # bridge's fit() then drew the whole map a second time (~170 ms at 1,000
    # statements).
    bridge = _bridge(debate)
    call = html.rfind("drawGraph();")
    if call != -1:
        end = call + len("drawGraph();")
        return html[:end] + "\n" + bridge + html[end:]
    tail = html.rfind("</body>")
    return html[:tail] + "<script>" + bridge + "</script>\n" + html[tail:]


_SETTINGS_LINE = "var SETTINGS = {};"


def _bridge(debate: Debate) -> str:
    """The bridge with this map's view settings in place of its empty ``SETTINGS``
    (ids are ``[a-z0-9-]``, so the JSON cannot end the script)."""
    settings = {"readablePx": READABLE_PX, "maxScale": _FIRST_VIEW_MAX_SCALE, "root": debate.thesis}
    source = map_bridge_js()
    assert _SETTINGS_LINE in source, "map_bridge.js lost its SETTINGS line"
    return source.replace(_SETTINGS_LINE, f"var SETTINGS = {json.dumps(settings, sort_keys=True)};", 1)
