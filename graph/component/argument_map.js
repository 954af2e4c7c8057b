// The two-way "argument-map" component (state.components.v2), running in the app page.
//
// It owns ONE sandboxed iframe (sandbox="allow-scripts" only, title "Argument map")
// whose srcdoc is the pyvis HTML from graph/render.py.  The HTML is sent by the
// server once per debate (data.html); later reruns carry only style deltas
// (data.nodes / data.edges, relative to the styles baked into the HTML), which
// are posted into the frame and applied with vis DataSet updates: zoom, pan and
// selection stay.  Clicks on nodes come back from the frame as messages, are
// checked (source, origin, shape) and sent to Python as the "click" trigger; a
// click on empty canvas (or Escape) that clears the map's focus as "unselect".
// The page's selection (data.selected, when the server sends it) goes into the
// frame with every update as its focus.  See docs/page-hooks.md.
const CACHE = "__argumentMapHtml";
const PNG_PREFIX = "data:image/png;base64,";
const PNG_MAX = 32 * 1024 * 1024;  // characters: far more than a drawn map, less than a hostile frame could send

// Save the PNG the frame posted ("Save as PNG" in its toolbar) as a download.
function savePng(url) {
  if (!url.startsWith(PNG_PREFIX) || url.length > PNG_MAX) return;
  let bytes;
  try {
    const raw = atob(url.slice(PNG_PREFIX.length));
    bytes = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  } catch (err) {
    return;
  }
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([bytes], { type: "image/png" }));
  link.download = "argument-map.png";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

function send(state) {
  if (state.ready && state.pending && state.frame && state.frame.contentWindow) {
    state.frame.contentWindow.postMessage(state.pending, "*");
  }
}

function isItemList(list) {
  return Array.isArray(list) && list.every((it) => it && typeof it === "object" && typeof it.id === "string");
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = decodeJson(component.data);
  const host = parentElement;
  const [state, cleanup] = hostState(host, "__argumentMap", () => {
    const state = { frame: null, key: null, ready: false, pending: null, clicks: 0, asked: null, trigger: null };
    state.onMessage = (event) => {
      const frame = state.frame;
      if (!frame || event.source !== frame.contentWindow) return;
      // A sandboxed frame without allow-same-origin has the opaque origin "null".
      if (event.origin !== "null") return;
      const msg = event.data;
      if (!msg || typeof msg !== "object" || typeof msg.type !== "string") return;
      if (msg.type === "argmap:ready") {
        state.ready = true;
        send(state);
      } else if (msg.type === "argmap:click" && typeof msg.id === "string" && ID_RE.test(msg.id)) {
        state.clicks += 1;
        if (state.trigger) state.trigger("click", { id: msg.id, n: state.clicks });
      } else if (msg.type === "argmap:unselect") {
        state.clicks += 1;
        if (state.trigger) state.trigger("unselect", { n: state.clicks });
      } else if (msg.type === "argmap:png" && typeof msg.url === "string") {
        savePng(msg.url);
      }
    };
    window.addEventListener("message", state.onMessage);
    return state;
  }, (state) => {
    window.removeEventListener("message", state.onMessage);
    if (state.frame) state.frame.remove();
  });
  state.trigger = setTriggerValue;

  if (!data || typeof data !== "object" || typeof data.key !== "string") return cleanup;
  if (!isItemList(data.nodes || []) || !isItemList(data.edges || [])) return cleanup;
  if (!Number.isFinite(data.height)) return cleanup;  // the height is graph/render.py's MAP_HEIGHT
  const selected = data.selected;
  if (selected !== undefined && selected !== null && !(typeof selected === "string" && ID_RE.test(selected))) return cleanup;

  const html = keptPayload(CACHE, data, "html");
  if (state.key !== data.key || !state.frame) {
    if (typeof html !== "string") {
      askOnce(state, data.key, (key) => setTriggerValue("need_html", key));
      return cleanup;
    }
    if (state.frame) state.frame.remove();
    const frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts");
    frame.setAttribute("title", "Argument map");
    frame.setAttribute("data-testid", "argument-map-frame");
    const height = data.height;
    // Border inside the width: a phone's column has no pixel to spare.
    frame.style.cssText = `box-sizing:border-box;width:100%;height:${height + 6}px;border:1px solid #d9d9d9;border-radius:6px;display:block;`;
    state.ready = false;
    state.key = data.key;
    state.frame = frame;
    frame.srcdoc = html;
    host.appendChild(frame);
  }
  state.pending = { type: "argmap:update", seq: data.seq, nodes: data.nodes || [], edges: data.edges || [] };
  if (selected !== undefined) state.pending.focus = selected;
  // "Compare with": the nodes that differ, framed in the map (ids only).
  if (Array.isArray(data.marked)) state.pending.marked = data.marked.filter((id) => typeof id === "string" && ID_RE.test(id));
  send(state);
  return cleanup;
}
