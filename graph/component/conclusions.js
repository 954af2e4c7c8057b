// The "conclusions" component (state.components.v2, in the page's own DOM): the
// heading and the list of conclusions, each with its status and reason.
//
// data: {markup}: built by graph/wording.py with every text HTML-escaped, so
// it is set as it is; an state.html element ran the whole list through an HTML
// sanitizer on every choice (0.1-0.2 s of the first load at 1,000
// statements).  Set only when it differs from what the page shows.
export default function (component) {
  const { parentElement: host } = component;
  const data = decodeJson(component.data);
  const [state, cleanup] = hostState(
    host,
    "__conclusions",
    () => ({ root: null, markup: null }),
    (state) => { if (state.root) state.root.remove(); }
  );
  if (!data || typeof data !== "object" || typeof data.markup !== "string") return cleanup;
  if (!state.root) {
    state.root = document.createElement("div");
    state.root.className = "conclusions-box";
    host.appendChild(state.root);
  }
  if (state.markup !== data.markup) {
    state.root.innerHTML = data.markup;
    state.markup = data.markup;
  }
  return cleanup;
}
