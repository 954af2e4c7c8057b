// The two-way "argument-map" component (st.components.v2), running in the app page.
//
// It owns ONE sandboxed iframe (sandbox="allow-scripts" only, title "Argument map")
// whose srcdoc is the pyvis HTML from graph/render.py.  The HTML is sent by the
// server once per debate (data.html); later reruns carry only style deltas
// (data.nodes / data.edges, relative to the styles baked into the HTML), which
// are posted into the frame and applied with vis DataSet updates: zoom, pan and
// selection stay.  Clicks on nodes come back from the frame as messages, are
// checked (source, origin, shape) and sent to Python as the "click" trigger.
// See docs/page-hooks.md.
const CACHE = "__argumentMapHtml";

function send(st) {
  if (st.ready && st.pending && st.frame && st.frame.contentWindow) {
    st.frame.contentWindow.postMessage(st.pending, "*");
  }
}

function isItemList(list) {
  return Array.isArray(list) && list.every((it) => it && typeof it === "object" && typeof it.id === "string");
}

export default function (component) {
  const { parentElement, setTriggerValue } = component;
  const data = decodeJson(component.data);
  const host = parentElement;
  const [st, cleanup] = hostState(host, "__argumentMap", () => {
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
      }
    };
    window.addEventListener("message", state.onMessage);
    return state;
  }, (state) => {
    window.removeEventListener("message", state.onMessage);
    if (state.frame) state.frame.remove();
  });
  st.trigger = setTriggerValue;

  if (!data || typeof data !== "object" || typeof data.key !== "string") return cleanup;
  if (!isItemList(data.nodes || []) || !isItemList(data.edges || [])) return cleanup;

  const html = keptPayload(CACHE, data, "html");
  if (st.key !== data.key || !st.frame) {
    if (typeof html !== "string") {
      askOnce(st, data.key, (key) => setTriggerValue("need_html", key));
      return cleanup;
    }
    if (st.frame) st.frame.remove();
    const frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts");
    frame.setAttribute("title", "Argument map");
    frame.setAttribute("data-testid", "argument-map-frame");
    const height = Number.isFinite(data.height) ? data.height : 620;
    frame.style.cssText = `width:100%;height:${height + 6}px;border:1px solid #d9d9d9;border-radius:6px;display:block;`;
    st.ready = false;
    st.key = data.key;
    st.frame = frame;
    frame.srcdoc = html;
    host.appendChild(frame);
  }
  st.pending = { type: "argmap:update", seq: data.seq, nodes: data.nodes || [], edges: data.edges || [] };
  send(st);
  return cleanup;
}
