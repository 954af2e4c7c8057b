// The "essay" component (state.components.v2, in the page's own DOM): the source
// text with its quoted passages marked by status.
//
// data: {key, statuses: {statement id: in|out|undecided}, markup?}.  The
// markup (built by graph/essay.py, every text HTML-escaped) comes once per
// key and is kept in the page; a choice changes only the data-status
// attributes of the marks and tags, which the fixed style rules draw.  If
// the page lost the markup (the element was remounted), it asks once ("need").
const CACHE = "__essayMarkup";

export default function (component) {
  const { parentElement: host, setTriggerValue } = component;
  const data = decodeJson(component.data);
  const [state, cleanup] = hostState(
    host,
    "__essay",
    () => ({ key: null, root: null, marked: [], asked: null }),
    (state) => { if (state.root) state.root.remove(); }
  );
  if (!data || typeof data !== "object" || typeof data.key !== "string") return cleanup;
  if (!data.statuses || typeof data.statuses !== "object") return cleanup;

  const markup = keptPayload(CACHE, data, "markup");
  if (state.key !== data.key || !state.root) {
    if (typeof markup !== "string") {
      askOnce(state, data.key, (key) => setTriggerValue("need", key));
      return cleanup;
    }
    if (state.root) state.root.remove();
    const root = document.createElement("div");
    root.className = "essay-box";
    root.innerHTML = markup;
    host.appendChild(root);
    state.root = root;
    state.key = data.key;
    state.marked = Array.from(root.querySelectorAll("[data-statement]"));
  }
  for (const el of state.marked) {
    const status = data.statuses[el.getAttribute("data-statement")];
    el.setAttribute("data-status", STATUSES.has(status) ? status : "undecided");
  }
  return cleanup;
}
