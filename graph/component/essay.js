// The "essay" component (state.components.v2, in the page's own DOM): the source
// text with its quoted passages marked by status.
//
// data: {key, statuses: {statement id: in|out|undecided}, markup?}.  The
// markup (built by graph/essay.py, every text HTML-escaped) comes once per
// key and is kept in the page; a choice changes only the data-status
// attributes of the marks and tags, which the fixed style rules draw.  If
// the page lost the markup (the element was remounted), it asks once ("need").
// A marked passage is a button: a click, Enter or Space selects its statement
// (trigger "select" {id, n}: the map focuses it and its explanation opens);
// data.selected (an id or null) marks the selected statement's passages.
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
    for (const mark of root.querySelectorAll("mark.essay-q[data-statement]")) {
      mark.tabIndex = 0;
      mark.setAttribute("role", "button");
      const pick = () => {
        state.sent = (state.sent || 0) + 1;
        state.trigger("select", { id: mark.getAttribute("data-statement"), n: state.sent });
        // The reader is taken to the map, where the statement is focused and explained.
        const map = document.querySelector(".st-key-argument-map");
        if (map) map.scrollIntoView({ block: "start" });
      };
      mark.addEventListener("click", pick);
      mark.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); }
      });
    }
  }
  state.trigger = setTriggerValue;
  const selected = typeof data.selected === "string" ? data.selected : null;
  if (state.selected !== selected) {
    state.selected = selected;
    for (const el of state.marked) {
      const on = selected !== null && el.getAttribute("data-statement") === selected;
      el.classList.toggle("selected", on);
      if (el.tagName === "MARK") el.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
  for (const el of state.marked) {
    const status = data.statuses[el.getAttribute("data-statement")];
    el.setAttribute("data-status", STATUSES.has(status) ? status : "undecided");
  }
  return cleanup;
}
