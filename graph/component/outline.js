// The "outline" component (state.components.v2, in the page's own DOM): the
// whole argument as nested lists, with a radio group per given.
//
// data: {key, statuses: {id: in|out|undecided}, choices: {id: choice},
// phrases: {status: words}, markup?}.  The markup (built by graph/outline.py,
// every text HTML-escaped) comes once per key and is kept in the page; a
// choice only updates each item's status (its data-status and its words) and
// which radios are checked, in place, so the keyboard focus stays on the
// radio the reader just chose.  Back to Python as triggers: "choice"
// {id, choice, n} (the same as the sidebar's panel), and "need" once if the
// page lost the markup (the element was remounted).
const CACHE = "__outlineMarkup";

function fire(state, event, value) {
  if (!state.trigger) return;
  state.sent += 1;
  state.trigger(event, Object.assign({ n: state.sent }, value));
}

function build(state, host, markup) {
  if (state.root) state.root.remove();
  const root = document.createElement("div");
  root.className = "outline-box";
  root.innerHTML = markup;
  state.items = Array.from(root.querySelectorAll("li[data-of]"), (li) => ({
    li,
    id: li.getAttribute("data-of"),
    words: li.querySelector(":scope > .status"),
  }));
  state.groups = new Map();
  for (const group of root.querySelectorAll("fieldset[data-given]")) {
    const id = group.getAttribute("data-given");
    if (ID_RE.test(id)) state.groups.set(id, Array.from(group.querySelectorAll('input[type="radio"]')));
  }
  // One listener for every radio: a change of the checked one is the reader's choice.
  root.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio" || !input.checked) return;
    const group = input.closest("fieldset[data-given]");
    const id = group ? group.getAttribute("data-given") : null;
    if (id && ID_RE.test(id)) fire(state, "choice", { id, choice: input.value });
  });
  host.appendChild(root);
  state.root = root;
}

export default function (component) {
  const { parentElement: host, setTriggerValue } = component;
  const data = decodeJson(component.data);
  const [state, cleanup] = hostState(
    host,
    "__outline",
    () => ({ key: null, root: null, items: [], groups: new Map(), asked: null, trigger: null, sent: 0 }),
    (state) => { if (state.root) state.root.remove(); }
  );
  state.trigger = setTriggerValue;
  if (!data || typeof data !== "object" || typeof data.key !== "string") return cleanup;
  if (!data.statuses || typeof data.statuses !== "object") return cleanup;

  const markup = keptPayload(CACHE, data, "markup");
  if (state.key !== data.key || !state.root) {
    if (typeof markup !== "string") {
      askOnce(state, data.key, (key) => setTriggerValue("need", key));
      return cleanup;
    }
    build(state, host, markup);
    state.key = data.key;
  }
  const phrases = data.phrases && typeof data.phrases === "object" ? data.phrases : {};
  for (const item of state.items) {
    const given = data.statuses[item.id];
    const status = STATUSES.has(given) ? given : "undecided";
    if (item.li.getAttribute("data-status") === status) continue;
    item.li.setAttribute("data-status", status);
    if (item.words && typeof phrases[status] === "string") item.words.textContent = phrases[status];
  }
  const choices = data.choices && typeof data.choices === "object" ? data.choices : {};
  for (const [id, inputs] of state.groups) {
    const choice = choices[id];
    for (const input of inputs) {
      const checked = input.value === choice;
      if (input.checked !== checked) input.checked = checked;
    }
  }
  return cleanup;
}
