// The "conclusions" component (state.components.v2, in the page's own DOM): the
// heading and the list of conclusions, each with its status and reason.
//
// data: {markup}: built by graph/wording.py with every text HTML-escaped, so
// it is set as it is; an state.html element ran the whole list through an HTML
// sanitizer on every choice (0.1-0.2 s of the first load at 1,000
// statements).  Set only when it differs from what the page shows.
// badges: {id: [robustness, text]} (only while the reader asked what holds
// whatever they decide): a <span class="robust" data-robust=...> per
// conclusion, its text set as text.
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
    state.badges = null;
  }
  const badges = data.badges && typeof data.badges === "object" ? data.badges : {};
  const shown = JSON.stringify(badges);
  if (state.badges !== shown) {
    state.badges = shown;
    for (const old of state.root.querySelectorAll("span.robust")) old.remove();
    for (const item of state.root.querySelectorAll("li[data-conclusion]")) {
      const badge = badges[item.dataset.conclusion];
      if (!Array.isArray(badge) || badge.length !== 2) continue;
      const span = document.createElement("span");
      span.className = "robust";
      span.dataset.robust = String(badge[0]);
      span.textContent = String(badge[1]);
      item.appendChild(span);
    }
  }
  return cleanup;
}
