// The "overturn" component (st.components.v2, in the verdict): one "Apply"
// button per smallest set of changes that would overturn the thesis (the
// sentence naming the sets is in the verdict's text), or, for a big debate not
// yet asked, one "What would it take?" button.  One element for all of them:
// a Streamlit button each made every choice slower in the browser.
//
// data: {sets: [tooltip, ...]} or {ask: label}.  Back to Python as triggers:
// "apply" {index, n} and "ask" {n}.  Every text is set as text.
export default function (component) {
  const { parentElement: host, setTriggerValue } = component;
  const data = decodeJson(component.data);
  const [state, cleanup] = hostState(
    host,
    "__overturn",
    () => ({ root: null, shown: null, sent: 0 }),
    (state) => { if (state.root) state.root.remove(); }
  );
  if (!data || typeof data !== "object") return cleanup;
  state.trigger = setTriggerValue;
  const shown = JSON.stringify(data);
  if (state.shown === shown) return cleanup;
  state.shown = shown;
  if (state.root) state.root.remove();
  const root = document.createElement("div");
  root.className = "overturn";
  const fire = (event, value) => {
    state.sent += 1;
    state.trigger(event, Object.assign({ n: state.sent }, value));
  };
  if (typeof data.ask === "string") {
    const ask = document.createElement("button");
    ask.type = "button";
    ask.textContent = data.ask;
    ask.onclick = () => fire("ask", {});
    root.appendChild(ask);
  } else if (Array.isArray(data.sets)) {
    data.sets.forEach((tip, index) => {
      const apply = document.createElement("button");
      apply.type = "button";
      apply.textContent = "Apply";
      apply.title = String(tip);
      apply.setAttribute("aria-label", `Apply: ${String(tip)}`);
      apply.dataset.set = String(index);
      apply.onclick = () => fire("apply", { index });
      root.appendChild(apply);
    });
  }
  host.appendChild(root);
  state.root = root;
  return cleanup;
}
