"""Draw a debate as a pyvis (vis-network) page, and describe its styles.

``render_html`` returns one self-contained HTML string: vis-network inlined
(no request leaves the page; pyvis's bootstrap CDN tags are stripped),
positions fixed from :mod:`graph.layout`, physics off, straight edges.  A
small bridge script is appended that lets the page around it (the two-way
component in ``app.py``) restyle nodes in place through ``postMessage``.

Text safety: every text from the debate file travels only inside JSON that
Jinja's ``tojson`` writes with ``<``, ``>``, ``&`` and ``'`` escaped as
``\\u003c`` etc., node labels are drawn on a canvas, and tooltips are built
with ``textContent`` (the ``tip`` field), never as HTML.  No node carries a
``title`` string, so pyvis's "href" tooltip mode (raw HTML) never switches on.

``node_styles`` / ``edge_styles`` give the label-dependent part of every vis
item, so a choice can be sent as the few items that differ (``style_delta``).
A node's look comes from its vis group (``NODE_GROUPS``: one per kind and
status, in the page's options); what every edge shares is in the options too.
"""
from __future__ import annotations

import json
import re
import threading
from typing import Iterable, Iterator, Mapping, Sequence

from graph.layout import compute_layout
from graph.model import Attack, Debate

__all__ = [
    "STATUS_WORDS",
    "STATUS_SYMBOLS",
    "KIND_WORDS",
    "KIND_SHAPES",
    "PALETTE",
    "CHOICE_WORDS",
    "escape_markdown",
    "status_phrase",
    "NODE_GROUPS",
    "node_styles",
    "edge_styles",
    "style_delta",
    "render_html",
    "legend_items",
]

STATUS_WORDS: dict[str, str] = {"in": "Holds", "out": "Does not hold", "undecided": "Undecided"}
STATUS_SYMBOLS: dict[str, str] = {"in": "✓", "out": "✗", "undecided": "?"}
CHOICE_WORDS: dict[str, str] = {
    "accepted": "you accept it",
    "unsure": "you are unsure of it",
    "rejected": "you reject it",
}
KIND_WORDS: dict[str, str] = {
    "premise": "PREMISE",
    "analogy": "ANALOGY",
    "example": "EXAMPLE",
    "objection": "CHALLENGE",
    "conclusion": "CONCLUSION",
    "argument": "ARGUMENT",
}
# Shape by kind (never the only cue: the kind word is the label's first line).
KIND_SHAPES: dict[str, str] = {
    "premise": "box",
    "analogy": "ellipse",
    "example": "database",
    "objection": "hexagon",
    "conclusion": "box",
    "argument": "dot",
}
# Okabe-Ito colours (colour-blind safe); border style carries the label too.
PALETTE: dict[str, dict[str, str]] = {
    "in": {"border": "#009E73", "background": "#DDF2EB", "font": "#1a1a1a"},
    "out": {"border": "#D55E00", "background": "#F4F4F4", "font": "#8a8a8a"},
    "undecided": {"border": "#E69F00", "background": "#FFF3D6", "font": "#1a1a1a"},
}
SUPPORT_COLOUR = "#4d4d4d"
SUPPORT_FADED = "#c8c8c8"
ATTACK_COLOUR = "#CC79A7"  # reddish purple
ATTACK_FADED = "#ead0df"
BORDER_DASHES: dict[str, object] = {"in": False, "out": [6, 5], "undecided": [2, 4]}
LABEL_MAX = 90  # characters of text on the node; the tooltip has all of it

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|<>~$:&])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)]))")


def escape_markdown(text: str) -> str:
    """Make a text from a debate file or a link show literally in Streamlit's
    markdown: newlines become spaces, and every character that could start
    markup (emphasis, code, links, HTML, tables, colour/emoji directives, math,
    entities) or a list/heading at the start is backslash-escaped."""
    text = " ".join(str(text).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    def guard(m: re.Match) -> str:
        if m.group(2):
            return m.group(1) + "\\" + m.group(2)
        return m.group(1) + m.group(3) + "\\" + m.group(4)

    return _MD_LINE_START.sub(guard, text)


def status_phrase(label: str) -> str:
    """Symbol and word, never colour alone: ``✓ Holds``, ``✗ Does not hold``, ``? Undecided``."""
    return f"{STATUS_SYMBOLS.get(label, '?')} {STATUS_WORDS.get(label, 'Undecided')}"


def _short(text: str, limit: int = LABEL_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def legend_items() -> list[tuple[str, str]]:
    """(symbol or swatch, meaning) pairs for the legend shown under the map."""
    return [
        ("✓ green solid border", "holds"),
        ("✗ vermillion dashed border, faded", "does not hold"),
        ("? orange dotted border", "undecided"),
        ("rounded box", "premise"),
        ("ellipse", "analogy"),
        ("cylinder", "example"),
        ("hexagon", "challenge (objection)"),
        ("square box, bold", "conclusion"),
        ("small dot", "argument: its premises together support the conclusion above"),
        ("grey solid arrow", "supports"),
        ("purple dashed arrow ending in a bar, labelled 'against'", "attacks"),
    ]


def _tip(
    debate: Debate,
    node_id: str,
    status: str,
    choice: str | None,
    reason: str | None,
) -> str:
    """The tooltip as plain text (shown with textContent, never parsed)."""
    lines: list[str] = []
    if node_id in debate.statement_by_id:
        s = debate.statement_by_id[node_id]
        head = f"{KIND_WORDS[s.kind]} — {status_phrase(status)}"
        if choice is not None:
            head += f" ({CHOICE_WORDS.get(choice, choice)})"
        lines.append(head)
        lines.append(s.text)
        if s.quote:
            lines.append(f"Quote: “{s.quote}”")
        if s.editorial:
            lines.append("Not in the essay (an editorial addition).")
        if s.note:
            lines.append(f"Note: {s.note}")
    else:
        a = debate.argument_by_id[node_id]
        lines.append(f"ARGUMENT — {status_phrase(status)}")
        def name(i: str) -> str:
            st = debate.statement_by_id.get(i)
            return _short(st.text, 60) if st is not None else i

        together = "together " if len(a.premises) > 1 else ""
        lines.append(
            "; ".join(name(p) for p in a.premises) + f" — {together}support: {name(a.conclusion)}"
        )
        if a.scheme:
            lines.append(f"Scheme: {a.scheme}")
        for q in a.critical_questions:
            lines.append(f"Ask: {q}")
    if reason:
        lines.append(f"Why: {reason}")
    lines.append(f"id: {node_id}")
    return "\n".join(lines)


def _group_options(kind: str, status: str) -> dict:
    pal = PALETTE[status]
    if kind == "argument":
        return {
            "borderWidth": 2,
            "color": {"background": pal["border"], "border": pal["border"]},
            "font": {"color": pal["font"]},
            "shape": KIND_SHAPES[kind],
            "shapeProperties": {"borderDashes": BORDER_DASHES[status]},
            "size": 7,
        }
    return {
        "borderWidth": 4 if kind == "conclusion" else 3,
        "color": {"background": pal["background"], "border": pal["border"]},
        "font": {"color": pal["font"], "size": 16 if kind == "conclusion" else 14},
        "margin": 8,
        "shape": KIND_SHAPES[kind],
        "shapeProperties": {
            "borderDashes": BORDER_DASHES[status],
            "borderRadius": 0 if kind == "conclusion" else 8,
        },
        "widthConstraint": {"maximum": 180},
    }


# One vis group per kind and status: a node carries only its group's name,
# not the dozen style values (at 1,000 statements that made the map page 27%
# smaller and its first draw faster).  Every group of a kind sets the same
# keys, so moving a node to another group leaves nothing of the old one.
NODE_GROUPS: dict[str, dict] = {
    f"{kind}-{status}": _group_options(kind, status) for kind in KIND_SHAPES for status in PALETTE
}


def node_styles(
    debate: Debate,
    labels: Mapping[str, str],
    choices: Mapping[str, str],
    reasons: Mapping[str, str] | None = None,
) -> list[dict]:
    """The label-dependent vis properties of every node, in a fixed order
    (statements in file order, then arguments): its ``group`` (one of
    ``NODE_GROUPS``, ``{kind}-{status}``), label, tooltip text, status and
    choice.  Each dict has the same keys for every state, so applying one over
    another (a vis DataSet update replaces top-level keys) fully replaces the
    style.

    ``labels`` maps every id to "in"/"out"/"undecided" (missing -> undecided);
    ``choices`` maps given ids to a choice (missing -> the file's start);
    ``reasons`` (optional) maps ids to a one-line "why" for the tooltip.
    """
    start = debate.starting_choices()
    reasons = reasons or {}
    out: list[dict] = []
    thesis = debate.thesis
    for s in debate.statements:
        status = labels.get(s.id, "undecided")
        if status not in PALETTE:
            status = "undecided"
        choice = choices.get(s.id, start.get(s.id)) if s.is_given else None
        kind_word = KIND_WORDS[s.kind]
        if s.id == thesis:
            kind_word = "THESIS"
        if s.editorial:
            kind_word += " (not in the essay)"
        if choice == "unsure":
            kind_word += " — unsure"
        out.append(
            {
                "choice": choice,
                "group": f"{s.kind}-{status}",
                "id": s.id,
                "label": f"{STATUS_SYMBOLS[status]} {kind_word}\n{_short(s.text)}",
                "status": status,
                "tip": _tip(debate, s.id, status, choice, reasons.get(s.id)),
            }
        )
    for a in debate.arguments:
        status = labels.get(a.id, "undecided")
        if status not in PALETTE:
            status = "undecided"
        out.append(
            {
                "choice": None,
                "group": f"argument-{status}",
                "id": a.id,
                "label": "",
                "status": status,
                "tip": _tip(debate, a.id, status, None, reasons.get(a.id)),
            }
        )
    return out


def _edge_id(kind: str, a: str, b: str) -> str:
    return f"{kind}:{a}:{b}"


def _distinct_attacks(debate: Debate) -> Iterator[tuple[str, Attack]]:
    """(edge id, attack) once per attacker-target pair: a file may repeat an
    attack, and vis refuses two edges with one id."""
    seen: set[str] = set()
    for att in debate.attacks:
        eid = _edge_id("attack", att.by, att.target)
        if eid not in seen:
            seen.add(eid)
            yield eid, att


def edge_styles(debate: Debate, labels: Mapping[str, str]) -> list[dict]:
    """The label-dependent vis properties of every edge (support links faded
    when what they carry does not hold; attacks strong when the attacker
    holds): colour and width, and an attack's label colour.  Edge ids are
    ``support:{from}:{to}`` and ``attack:{by}:{target}``."""
    out: list[dict] = []
    for a in debate.arguments:
        for p in a.premises:
            live = labels.get(p) == "in"
            out.append(
                {
                    "color": {"color": SUPPORT_COLOUR if live else SUPPORT_FADED},
                    "id": _edge_id("support", p, a.id),
                    "width": 2 if live else 1,
                }
            )
        live = labels.get(a.id) == "in"
        out.append(
            {
                "color": {"color": SUPPORT_COLOUR if live else SUPPORT_FADED},
                "id": _edge_id("support", a.id, a.conclusion),
                "width": 2.5 if live else 1,
            }
        )
    for eid, att in _distinct_attacks(debate):
        live = labels.get(att.by) == "in"
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


def style_delta(base: Sequence[dict], current: Sequence[dict]) -> list[dict]:
    """The items of ``current`` that differ from the item with the same id in
    ``base`` (both from ``node_styles`` or both from ``edge_styles``).  The
    receiving frame restores every item not listed to its ``base`` style, so
    the delta is complete on its own (no dependence on earlier deltas)."""
    by_id = {item["id"]: item for item in base}
    return [item for item in current if by_id.get(item["id"]) != item]


def _vis_nodes(debate: Debate, styles: Iterable[dict]) -> list[dict]:
    pos = compute_layout(debate)
    kinds = {s.id: s.kind for s in debate.statements}
    out: list[dict] = []
    for style in styles:
        nid = style["id"]
        x, y = pos[nid]
        out.append({**style, "kind": kinds.get(nid, "argument"), "x": x, "y": y})
    return out


def _vis_edges(debate: Debate, styles: Iterable[dict]) -> list[dict]:
    by_id = {e["id"]: e for e in styles}
    out: list[dict] = []
    for a in debate.arguments:
        for p in a.premises:  # the options' arrow
            eid = _edge_id("support", p, a.id)
            out.append({**by_id[eid], "from": p, "to": a.id, "kind": "support"})
        eid = _edge_id("support", a.id, a.conclusion)
        out.append({**by_id[eid], "from": a.id, "to": a.conclusion, "kind": "support",
                    "arrows": {"to": {"enabled": True, "scaleFactor": 0.8}}})
    for eid, att in _distinct_attacks(debate):
        out.append({**by_id[eid], "from": att.by, "to": att.target, "kind": "attack",
                    "label": "against", "dashes": [8, 6],
                    "arrows": {"to": {"enabled": True, "type": "bar", "scaleFactor": 0.9}}})
    return out


_OPTIONS = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
    "edges": {
        "smooth": False,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "font": {"size": 12, "strokeWidth": 3, "strokeColor": "#ffffff", "align": "middle"},
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

# Bridge between the map and the page around it (see docs/page-hooks.md).
# Runs inside the sandboxed frame after pyvis's drawGraph().
_BRIDGE_JS = r"""
(function () {
  "use strict";
  var ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
  var baseNodes = {}, baseEdges = {}, overNodes = {}, overEdges = {};
  window.lastUpdate = 0;
  window.lastUpdateSeq = -1;
  window.mapReady = false;
  function tipElement(text) {
    var div = document.createElement("div");
    div.className = "argmap-tip";
    div.textContent = String(text);
    return div;
  }
  function withTitle(item) {
    var copy = Object.assign({}, item);
    if (typeof copy.tip === "string") { copy.title = tipElement(copy.tip); }
    return copy;
  }
  nodes.get().forEach(function (n) { baseNodes[n.id] = Object.assign({}, n); });
  edges.get().forEach(function (e) { baseEdges[e.id] = Object.assign({}, e); });
  // Tooltips are built when first needed (hover), not for every node at load:
  // a 3,000-node map would otherwise create 3,000 DOM elements up front.
  network.on("hoverNode", function (params) {
    var n = nodes.get(params.node);
    if (n && typeof n.tip === "string" && !(n.title instanceof Element)) {
      nodes.update({id: n.id, title: tipElement(n.tip)});
    }
  });
  // The first frame drawn with the page's own view (docs/page-hooks.md).
  network.once("afterDrawing", function () { window.mapDrawnAt = Date.now(); });
  network.fit({animation: false});
  window.mapReady = true;
  window.lastUpdate = 1;

  function validItems(list, base) {
    if (!Array.isArray(list)) { return null; }
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var it = list[i];
      if (!it || typeof it !== "object" || typeof it.id !== "string") { return null; }
      if (!Object.prototype.hasOwnProperty.call(base, it.id)) { continue; }
      out.push(it);
    }
    return out;
  }
  function restyle(dataset, base, over, items) {
    var want = {}, changes = [];
    items.forEach(function (it) { want[it.id] = it; });
    Object.keys(over).forEach(function (id) {
      if (!want[id]) { changes.push(withTitle(base[id])); }
    });
    items.forEach(function (it) { changes.push(withTitle(it)); });
    if (changes.length) { dataset.update(changes); }
    return want;
  }
  function apply(msg) {
    var ns = validItems(msg.nodes, baseNodes), es = validItems(msg.edges, baseEdges);
    if (ns === null || es === null) { return; }
    overNodes = restyle(nodes, baseNodes, overNodes, ns);
    overEdges = restyle(edges, baseEdges, overEdges, es);
    // An open tooltip would still show the old status: close it.
    try {
      var popup = network.interactionHandler && network.interactionHandler.popup;
      if (popup && !popup.hidden) { popup.hide(); }
    } catch (err) { /* internal API: best effort only */ }
    window.lastUpdateSeq = msg.seq;
    window.lastUpdate += 1;
  }
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) { return; }
    var msg = event.data;
    if (!msg || typeof msg !== "object" || msg.type !== "argmap:update") { return; }
    if (typeof msg.seq !== "number" || !isFinite(msg.seq)) { return; }
    try { apply(msg); } catch (err) { /* a malformed update is ignored */ }
  });
  network.on("click", function (params) {
    if (!params || !params.nodes || params.nodes.length !== 1) { return; }
    var id = params.nodes[0];
    if (typeof id !== "string" || !ID_RE.test(id)) { return; }
    window.parent.postMessage({type: "argmap:click", id: id}, "*");
  });
  window.parent.postMessage({type: "argmap:ready"}, "*");
})();
"""

_EXTRA_CSS = """
<style>
  html, body { margin: 0; padding: 0; background: #ffffff; }
  #mynetwork { border: none !important; float: none !important; }
  .card { border: none; }
  .argmap-tip { white-space: pre-wrap; max-width: 380px; font: 13px/1.35 sans-serif; }
  div.vis-tooltip { max-width: 400px; white-space: normal; }
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


def _slim_vis_css(match: re.Match) -> str:
    css = match.group(2)
    if ".vis-network" not in css:
        return match.group(0)
    kept = [
        rule + "}"
        for rule in css.split("}")
        if any(name in rule.split("{", 1)[0] for name in _VIS_RULES_KEPT)
    ]
    return match.group(1) + "".join(kept) + match.group(3)


_net_lock = threading.Lock()
_net = None


def _template_cache():
    """Jinja's bytecode cache in the user's temp folder (Jinja makes it, private
    to the user), so a new process loads pyvis's compiled template instead of
    compiling it again (0.15 s of the page's first run); ``None`` if there is
    no such folder to use.  A cache that cannot be written only costs that
    compile time, never the map."""
    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable or damaged: compile as if there were none
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    try:
        return QuietCache()
    except (OSError, RuntimeError):  # no temp folder of ours (Jinja refuses one it does not own)
        return None


def _network():
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
    labels: Mapping[str, str],
    choices: Mapping[str, str],
    reasons: Mapping[str, str] | None = None,
    height_px: int = 620,
    *,
    styles: tuple[Sequence[dict], Sequence[dict]] | None = None,
) -> str:
    """The whole map as one HTML document (a string; nothing is written to disk).

    Globals inside it (pyvis's names): ``network``, ``nodes``, ``edges``; plus
    the bridge's ``window.lastUpdate``/``lastUpdateSeq``/``mapReady``.  Every
    statement and argument is a node whose id is its id.  ``styles``, if
    given, is ``(node_styles(...), edge_styles(...))`` for these same
    arguments, already computed by the caller (they are not computed again).
    """
    if styles is None:
        styles = (node_styles(debate, labels, choices, reasons), edge_styles(debate, labels))
    nodes = _vis_nodes(debate, styles[0])
    edges = _vis_edges(debate, styles[1])
    with _net_lock:
        net = _network()
        net.nodes = nodes
        net.edges = edges
        net.node_ids = [n["id"] for n in nodes]
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
    html = html.replace("</head>", _EXTRA_CSS + "</head>", 1)
    # The bridge runs in pyvis's own script, right after drawGraph(): in a
    # script of its own, the browser could draw a frame in between, and the
    # bridge's fit() then drew the whole map a second time (~170 ms at 1,000
    # statements).
    call = html.rfind("drawGraph();")
    if call != -1:
        end = call + len("drawGraph();")
        return html[:end] + "\n" + _BRIDGE_JS + html[end:]
    tail = html.rfind("</body>")
    return html[:tail] + "<script>" + _BRIDGE_JS + "</script>\n" + html[tail:]
