"""``Explorer``: the debate explorer page as the browser tests see it.

Everything here goes through the hooks in docs/page-hooks.md (widget keys,
the "Argument map" frame and its ``network``/``nodes``/``edges`` globals), so a
change of layout does not break the tests, but a change of hook does.  Every
action waits for its visible outcome first and only then for Streamlit to be
idle (waiting for idle alone races with the rerun that has not started yet).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.e2e.harness import APP_ROOT, CONTENT_DIR_ENV, AppServer, BrowserLog

__all__ = [
    "CYCLE",
    "LABEL_OF_WORD",
    "OPTION_OF_CHOICE",
    "WORD_OF_LABEL",
    "Explorer",
    "content_dir_of",
    "load_shown_debate",
    "parse_query",
    "query_of_choices",
]

OPTION_OF_CHOICE = {"accepted": "Accept", "unsure": "Unsure", "rejected": "Reject"}
WORD_OF_LABEL = {"in": "Holds", "out": "Does not hold", "undecided": "Undecided"}
LABEL_OF_WORD = {v: k for k, v in WORD_OF_LABEL.items()}
# What a click on a given's node does (issue 5): accepted -> unsure -> rejected -> accepted.
CYCLE = {"accepted": "unsure", "unsure": "rejected", "rejected": "accepted"}

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP_FRAME = 'iframe[title="Argument map"]'
# Generous: a cold first page on a busy 2-core machine has taken 16 s.
TIMEOUT_MS = 45_000

# Node items minus what is not style: identity, state, position, text.
# Keys are sorted so that equal styles compare equal whatever order vis keeps them in.
# A node's look as vis-network resolved it (its group's options merged with
# the node's own): what is drawn, not what was sent.
_NODE_STYLE_JS = """
ids => {
  const out = {};
  for (const id of ids) {
    const n = nodes.get(id), drawn = network.body.nodes[id];
    if (n === null || !drawn) { out[id] = null; continue; }
    const o = drawn.options;
    const style = {shape: o.shape, border: o.color.border, background: o.color.background,
                   dashes: o.shapeProperties.borderDashes, borderWidth: o.borderWidth,
                   font: o.font.color, group: o.group};
    out[id] = {status: n.status, choice: n.choice ?? null, kind: n.kind, style: JSON.stringify(style)};
  }
  return out;
}
"""


# What the map shows right now, as the reader sees it: the frame's size, the
# view's scale, every node drawn (not hidden) with its box on screen (px in
# the frame), and every label drawn with its size on screen (scale times the
# font size vis drew it with: a label's own size, not the global option).
_MAP_VIEW_JS = """
() => {
  const r = network.body.container.getBoundingClientRect();
  const scale = network.getScale();
  const boxes = {}, labels = [];
  const drawn = new Set();
  for (const id of nodes.getIds()) {
    const n = network.body.nodes[id];
    if (!n || n.options.hidden) continue;
    drawn.add(id);
    const b = network.getBoundingBox(id);
    const a = network.canvasToDOM({x: b.left, y: b.top}), z = network.canvasToDOM({x: b.right, y: b.bottom});
    boxes[id] = {left: a.x, top: a.y, right: z.x, bottom: z.y};
    if (n.options.label) labels.push([id, scale * n.labelModule.fontOptions.size]);
  }
  for (const id of edges.getIds()) {
    const e = network.body.edges[id];
    if (!e || !e.options.label || !drawn.has(e.fromId) || !drawn.has(e.toId)) continue;
    labels.push([id, scale * e.labelModule.fontOptions.size]);
  }
  return {width: r.width, height: r.height, scale, boxes, labels, mode: window.mapView || null,
          fits: window.mapFits || 0, all: nodes.length};
}
"""

# Pairs of node boxes (vis's own bounding boxes, canvas units) that overlap by
# more than ``slack`` units both ways, over every node drawn.
_OVERLAPS_JS = """
slack => {
  const ids = nodes.getIds().filter(id => !network.body.nodes[id].options.hidden);
  const b = ids.map(id => network.getBoundingBox(id));
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const w = Math.min(b[i].right, b[j].right) - Math.max(b[i].left, b[j].left);
      const h = Math.min(b[i].bottom, b[j].bottom) - Math.max(b[i].top, b[j].top);
      if (w > slack && h > slack) out.push([ids[i], ids[j]]);
    }
  }
  return out;
}
"""

# Two animation frames: whatever was asked of vis has been drawn.  A frame out
# of sight gets no animation frames (the browser throttles it): give up after 1 s.
_TWO_FRAMES_JS = """
() => new Promise(done => {
  requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
  setTimeout(() => done(false), 1000);
})
"""


def parse_query(url: str) -> dict[str, Any]:
    """``debate`` as a string and ``on``/``off``/``unsure`` as sets of ids."""
    params = parse_qs(urlsplit(url).query, keep_blank_values=True)
    out: dict[str, Any] = {"debate": (params.get("debate") or [None])[-1]}
    for key in ("on", "off", "unsure"):
        ids: set[str] = set()
        for value in params.get(key, []):
            ids.update(part for part in value.split(",") if part)
        out[key] = ids
    return out


def query_of_choices(starting: dict[str, str], choices: dict[str, str]) -> dict[str, set[str]]:
    """The ``on``/``off``/``unsure`` sets the format's "In a link" section prescribes."""
    on, off, unsure = set(), set(), set()
    for gid, start in starting.items():
        now = choices.get(gid, start)
        if now == start:
            continue
        {"accepted": on, "rejected": off, "unsure": unsure}[now].add(gid)
    return {"on": on, "off": off, "unsure": unsure}


def map_frame(page: Any) -> Any:
    """The map's frame in ``page`` (None if its iframe has no document yet);
    waits for the iframe element like any Playwright locator."""
    return page.locator(MAP_FRAME).element_handle().content_frame()


class Explorer:
    """One browser page on the running app."""

    def __init__(self, page: Any, server: AppServer, log: BrowserLog) -> None:
        self.page = page
        self.server = server
        self.log = log
        # Every websocket frame the page receives from the server, in order.
        self.received: list[bytes] = []
        page.set_default_timeout(TIMEOUT_MS)
        page.on("websocket", self._watch_socket)

    def _watch_socket(self, ws: Any) -> None:
        def keep(payload: Any) -> None:
            self.received.append(payload if isinstance(payload, bytes) else str(payload).encode())

        ws.on("framereceived", keep)

    # ---- loading -------------------------------------------------------
    def open(self, query: str = "") -> Explorer:
        """Load the page (``query`` like ``?off=a,b``) and wait until it is drawn."""
        url = self.server.url + (query.lstrip("/") if query else "")
        return self.goto_url(url)

    def goto_url(self, url: str) -> Explorer:
        """Load ``url`` and wait until the whole page is drawn: the map is sent
        first in a run, so its being drawn says nothing of the sidebar; the
        share field (with its copy button) is the last element of a page."""
        self.page.goto(url)
        self.wait_for_map()
        self.page.locator(".st-key-share-link input").wait_for(state="attached")
        self.wait_idle()
        return self

    def wait_idle(self) -> None:
        self.page.locator(IDLE).wait_for(state="attached")

    def wait_for_map(self) -> None:
        self.page.locator(MAP_FRAME).wait_for(state="attached")
        self.frame().wait_for_function("() => window.mapReady === true")

    def frame(self) -> Any:
        frame = map_frame(self.page)
        assert frame is not None, "the Argument map iframe has no content frame"
        return frame

    # ---- the graph -----------------------------------------------------
    def map_eval(self, js: str, arg: Any = None) -> Any:
        return self.frame().evaluate(js, arg)

    def update_count(self) -> int:
        return int(self.map_eval("() => window.lastUpdate || 0"))

    def wait_for_update_after(self, count: int) -> None:
        self.frame().wait_for_function("n => (window.lastUpdate || 0) > n", arg=count)

    def node_states(self, ids: list[str] | None = None) -> dict[str, dict[str, Any]]:
        """id -> {status, choice, kind, style (JSON of the styling fields)}."""
        if ids is None:
            ids = self.map_eval("() => nodes.getIds()")
        return self.map_eval(_NODE_STYLE_JS, list(ids))

    def view(self) -> dict[str, float]:
        return self.map_eval(
            "() => { const p = network.getViewPosition(); return {scale: network.getScale(), x: p.x, y: p.y}; }"
        )

    # ---- what the map shows (the first view, the toolbar, focus) -------
    def map_view(self) -> dict[str, Any]:
        """The frame's ``width``/``height``, the view's ``scale``, ``boxes`` (id ->
        {left, top, right, bottom} on screen, px in the frame) of the nodes drawn,
        ``labels`` ([id, px on screen] of every label drawn, edges' too), ``mode``
        (``window.mapView``: "first" or "whole"), ``fits`` and ``all`` (node count).
        Scrolls the map into sight first: the browser draws no frame out of sight."""
        self.page.locator(MAP_FRAME).scroll_into_view_if_needed()
        self.map_eval(_TWO_FRAMES_JS)
        return self.map_eval(_MAP_VIEW_JS)

    def shown_ids(self) -> set[str]:
        """The nodes the map draws now (not hidden by the first view)."""
        return set(self.map_view()["boxes"])

    def node_hidden(self, node_id: str) -> bool:
        return bool(self.map_eval("id => !!network.body.nodes[id].options.hidden", node_id))

    def map_button(self, name: str) -> Any:
        """A button of the map's toolbar by its accessible name (in the frame)."""
        return self.frame().get_by_role("button", name=name, exact=True)

    def show_whole_map(self) -> None:
        """Click "Show the whole map" (when the first view is shown) and wait until it is drawn."""
        if self.map_eval("() => window.mapView") != "whole":
            self.map_button("Show the whole map").click()
            self.frame().wait_for_function("() => window.mapView === 'whole'")
        self.map_eval(_TWO_FRAMES_JS)

    def overlapping_boxes(self, slack: float = 0.5) -> list[list[str]]:
        """Pairs of drawn nodes whose boxes (``network.getBoundingBox``) overlap."""
        self.page.locator(MAP_FRAME).scroll_into_view_if_needed()
        self.map_eval(_TWO_FRAMES_JS)
        return self.map_eval(_OVERLAPS_JS, slack)

    def focus(self) -> dict[str, Any] | None:
        """``window.mapFocus``: {id, nodes (the focused neighbourhood, sorted)} or None."""
        return self.map_eval("() => window.mapFocus")

    def wait_for_focus(self, node_id: str | None) -> None:
        """Until the map draws the focus on ``node_id`` (None: no focus)."""
        self.frame().wait_for_function(
            "id => id === null ? window.mapFocus === null : !!window.mapFocus && window.mapFocus.id === id",
            arg=node_id,
        )

    def node_opacities(self) -> dict[str, float]:
        """id -> the opacity vis draws the node with (1 when not faded)."""
        return self.map_eval(
            """() => Object.fromEntries(nodes.getIds().map(id => {
                 const o = network.body.nodes[id].options.opacity;
                 return [id, (o === undefined || o === null) ? 1 : o]; }))"""
        )

    def frame_box(self) -> dict[str, float]:
        """The map frame's rectangle on the page (viewport px)."""
        box = self.page.locator(MAP_FRAME).bounding_box()
        assert box is not None, "the Argument map iframe is not visible"
        return box

    def node_point_in_page(self, node_id: str, *, bring_into_view: bool = False) -> tuple[float, float]:
        """Where ``node_id`` is drawn, in page (viewport) coordinates.

        The node's canvas position goes through ``network.canvasToDOM`` (relative
        to the network's container), plus the container's offset in the frame,
        plus the iframe's offset in the page.
        """
        locator = self.page.locator(MAP_FRAME)
        locator.scroll_into_view_if_needed()
        if bring_into_view and self.node_hidden(node_id):
            # The first view hides what does not fit readably: open the whole map.
            self.show_whole_map()
        js = """
        ([id, recentre]) => {
          const pos = network.getPositions([id])[id];
          let p = network.canvasToDOM(pos);
          const r = network.body.container.getBoundingClientRect();
          const inside = (q) => q.x > 5 && q.y > 5 && q.x < r.width - 5 && q.y < r.height - 5;
          if (!inside(p) && recentre) {
            network.moveTo({position: pos, animation: false});
            p = network.canvasToDOM(pos);
          }
          return {x: r.left + p.x, y: r.top + p.y, inside: inside(p)};
        }
        """
        point = self.map_eval(js, [node_id, bring_into_view])
        assert point["inside"], f"node {node_id} is drawn outside the map's visible area"
        box = locator.bounding_box()
        assert box is not None, "the Argument map iframe is not visible"
        window = self.page.viewport_size or {"height": 1 << 30}
        if not 0 <= box["y"] + point["y"] <= window["height"]:
            # The frame is only partly in the window and the node is in the part out of it.
            locator.evaluate("el => el.scrollIntoView({block: 'center'})")
            box = locator.bounding_box()
            assert box is not None, "the Argument map iframe is not visible"
        return box["x"] + point["x"], box["y"] + point["y"]

    def click_node(self, node_id: str) -> None:
        x, y = self.node_point_in_page(node_id, bring_into_view=True)
        self.page.mouse.click(x, y)

    def canvas_ink(self) -> dict[str, int]:
        """How many pixels of the map's canvas are drawn on (alpha > 0)."""
        return self.map_eval(
            """() => {
              const c = network.canvas.frame.canvas;
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              let ink = 0;
              for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;
              return {ink, width: c.width, height: c.height};
            }"""
        )

    # ---- the sidebar controls -----------------------------------------
    def control(self, given_id: str) -> Any:
        """The given's radio group (a fieldset in the panel's shadow root,
        which Playwright's CSS locators enter)."""
        fieldset = f'fieldset[data-given="{given_id}"]'
        # Above 60 givens a second panel lists the givens found and changed.
        return self.page.locator(f".st-key-choice-panel {fieldset}, .st-key-found-panel {fieldset}")

    def find_given(self, given_id: str) -> None:
        """A debate with many givens: search for this one until its control shows."""
        box = self.page.locator(".st-key-find-given input").first
        box.fill(given_id)
        box.press("Enter")
        self.control(given_id).first.wait_for(state="visible")
        self.wait_idle()

    def sidebar_choices(self, given_ids: list[str]) -> dict[str, str]:
        """given id -> the choice its radio group shows (accepted / unsure / rejected)."""
        out = {}
        for gid in given_ids:
            checked = (
                self.control(gid)
                .locator("input[type=radio]:checked")
                .evaluate_all("inputs => inputs.map(i => i.value)")
            )
            assert len(checked) == 1, f"{gid}: checked options {checked!r}"
            out[gid] = checked[0]
        return out

    def sidebar_choice(self, given_id: str) -> str:
        return self.sidebar_choices([given_id])[given_id]

    def choose_in_sidebar(self, given_id: str, choice: str) -> None:
        """Click the given's option and wait until the map shows it."""
        option = OPTION_OF_CHOICE[choice]
        before = self.update_count()
        self.control(given_id).locator("label").filter(has_text=option).click()
        self.wait_for_node_choice(given_id, choice)
        self.wait_for_update_after(before)
        self.wait_idle()

    def wait_for_node_choice(self, given_id: str, choice: str) -> None:
        self.frame().wait_for_function(
            "([id, c]) => { const n = nodes.get(id); return n !== null && n.choice === c; }",
            arg=[given_id, choice],
        )

    # ---- conclusions, URL, share link ------------------------------------
    def essay_statuses(self) -> dict[str, str]:
        """statement id -> the data-status its marks in the essay carry (all must agree)."""
        pairs = self.page.locator(".st-key-essay [data-statement]").evaluate_all(
            "els => els.map(e => [e.dataset.statement, e.dataset.status])"
        )
        out: dict[str, str] = {}
        for sid, status in pairs:
            assert out.setdefault(sid, status) == status, (sid, status, out[sid])
        return out

    def conclusion_label(self, conclusion_id: str) -> str:
        item = self.page.locator(f'.st-key-conclusions li[data-conclusion="{conclusion_id}"]')
        text = item.locator(".status").first.inner_text()
        # "Holds" is not a substring of "Does not hold" (case matters), so each word counts alone.
        words = [w for w in LABEL_OF_WORD if w in text]
        assert len(words) == 1, f"conclusion {conclusion_id} shows {words!r}: {text!r}"
        return LABEL_OF_WORD[words[0]]

    def conclusion_labels(self, conclusion_ids: list[str]) -> dict[str, str]:
        return {cid: self.conclusion_label(cid) for cid in conclusion_ids}

    def query(self) -> dict[str, Any]:
        return parse_query(self.page.url)

    def wait_for_query(self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 10.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            q = self.query()
            if predicate(q):
                return q
            if time.monotonic() > deadline:
                raise AssertionError(f"the address bar never matched; last: {self.page.url}")
            self.page.wait_for_timeout(50)

    def share_link(self) -> str:
        return self.page.locator(".st-key-share-link input").first.input_value()

    # ---- safety ----------------------------------------------------------
    def copy_link(self) -> str:
        """Click "Copy link" under the share field and return what reached the clipboard."""
        self.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=self.server.url)
        box = self.page.locator(".st-key-share-link")
        box.get_by_role("button", name="Copy link").click()
        box.get_by_role("status").filter(has_text="Copied").wait_for()
        return self.page.evaluate("() => navigator.clipboard.readText()")

    def assert_clean(self) -> None:
        problems = self.log.problems()
        assert not problems, f"the browser saw problems: {json.dumps(problems, indent=1)}"


def content_dir_of(server: AppServer) -> Path:
    """Where the server reads its debates: its own setting, the inherited env var, or content/."""
    if server.content_dir is not None:
        return server.content_dir
    inherited = server.extra_env.get(CONTENT_DIR_ENV) or os.environ.get(CONTENT_DIR_ENV)
    return Path(inherited) if inherited else APP_ROOT / "content"


def load_shown_debate(explorer: Explorer) -> Any:
    """The Debate the page shows (``debate=`` in its address), loaded by graph.load."""
    from graph.load import load_debate

    name = explorer.query()["debate"]
    assert name, f"the address names no debate: {explorer.page.url}"
    return load_debate(content_dir_of(explorer.server) / f"{name}.yaml")
