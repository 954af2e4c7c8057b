// The "choice-panel" component (state.components.v2, in the sidebar): one
// three-way radio group per given, in a <fieldset> with the given as its
// <legend> and its quote in a <details>.  Native radios: Tab reaches a group,
// the arrow keys choose, screen readers announce group and option.
//
// Above the givens, when the layout has a head: the sidebar's heading, a
// "Reset" button and a native <select> of the debate's scenarios with the
// chosen one's description under it.
//
// data: {key, choices: {id: choice}, scenario, can_undo, notes: {id: text}, sections?}.  The layout (head,
// headings, givens, option words) comes once per key and is kept in the page;
// later reruns carry only the choices and the scenario they match, which are
// set in place, with each given's note (why its status is not what the reader
// chose) and whether Undo can act.  Back to Python as triggers: "choice" {id,
// choice, n}, "scenario" {id, n}, "reset" {n}, "undo" {n}; if the page lost the layout (the element
// was remounted), it asks once ("need").  Every text is set as text, never as
// markup.  See docs/page-hooks.md.
const CACHE = "__choicePanelSections";

function element(tag, text, className) {
  const el = document.createElement(tag);
  if (text) el.textContent = text;
  if (className) el.className = className;
  return el;
}

function fire(state, event, value) {
  if (!state.trigger) return;
  state.sent += 1;
  state.trigger(event, Object.assign({ n: state.sent }, value));
  closeSidebarOnPhone();
}

// On a phone the open sidebar covers the page: after a choice it closes, so
// the reader sees what the choice did (the verdict and the map).
const PHONE = "(max-width: 640px)";
function closeSidebarOnPhone() {
  if (!window.matchMedia || !window.matchMedia(PHONE).matches) return;
  const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
  if (close) close.click();
}

function buildHead(state, root, head) {
  if (head.title) root.appendChild(element("h2", String(head.title)));
  if (head.intro) root.appendChild(element("p", String(head.intro), "intro"));
  const buttons = element("div", "", "head-buttons");
  if (head.undo) {
    const undo = element("button", String(head.undo), "undo");
    undo.type = "button";
    undo.disabled = true;
    undo.addEventListener("click", () => fire(state, "undo", {}));
    buttons.appendChild(undo);
    state.undo = undo;
  }
  if (head.reset) {
    const reset = element("button", String(head.reset), "reset");
    reset.type = "button";
    reset.addEventListener("click", () => fire(state, "reset", {}));
    buttons.appendChild(reset);
  }
  if (buttons.childNodes.length) root.appendChild(buttons);
  const scenarios = (Array.isArray(head.scenarios) ? head.scenarios : []).filter(
    (sc) => sc && typeof sc.id === "string" && ID_RE.test(sc.id)
  );
  if (!scenarios.length) return;
  const label = element("label", String(head.scenario_label || "Scenario"), "scenario-label");
  label.htmlFor = "scenario";
  const select = document.createElement("select");
  select.id = "scenario";
  select.appendChild(new Option(String(head.own_choices || "(your own choices)"), ""));
  for (const sc of scenarios) select.appendChild(new Option(String(sc.title || sc.id), sc.id));
  const about = element("p", "", "scenario-about");
  about.id = "scenario-about";
  about.setAttribute("aria-live", "polite");
  select.setAttribute("aria-describedby", "scenario-about");
  select.addEventListener("change", () => {
    if (select.value) fire(state, "scenario", { id: select.value });
  });
  root.append(label, select, about);
  state.scenario = { select, about, texts: new Map(scenarios.map((sc) => [sc.id, String(sc.description || "")])) };
}

function build(state, host, layout) {
  if (state.root) state.root.remove();
  const root = element("div", "", "panel");
  state.scenario = null;
  state.undo = null;
  if (layout.head && typeof layout.head === "object") buildHead(state, root, layout.head);
  const options = Array.isArray(layout.options) ? layout.options : [];
  state.groups = new Map();
  for (const section of Array.isArray(layout.sections) ? layout.sections : []) {
    const part = element("section");
    if (section.title) part.appendChild(element("h3", String(section.title)));
    let about = null;
    for (const given of Array.isArray(section.givens) ? section.givens : []) {
      if (!given || typeof given.id !== "string" || !ID_RE.test(given.id)) continue;
      if (typeof given.about === "string" && given.about !== about) {
        about = given.about;
        part.appendChild(element("h4", about, "about"));
      }
      const group = element("fieldset", "", "given");
      group.dataset.given = given.id;
      const legend = element("legend", String(given.text || given.id));
      if (given.editorial) legend.appendChild(element("em", " (not in the essay)"));
      // The changed-from-start mark says so in words, not by its colour alone.
      const mark = element("span", String(layout.changed || "changed"), "changed-mark");
      mark.hidden = true;
      legend.appendChild(mark);
      group.appendChild(legend);
      const row = element("div", "", "options");
      const inputs = [];
      // A given may word its choices its own way (a critical question: not raised / open / raised).
      const own = Array.isArray(given.options) ? given.options : options;
      for (const [value, word] of own) {
        const label = element("label");
        const input = document.createElement("input");
        input.type = "radio";
        input.name = `choice-${given.id}`;
        input.value = String(value);
        input.addEventListener("change", () => {
          if (input.checked) fire(state, "choice", { id: given.id, choice: input.value });
        });
        label.append(input, ` ${word}`);
        row.appendChild(label);
        inputs.push(input);
      }
      group.appendChild(row);
      const note = element("p", "", "status-note");
      note.hidden = true;
      group.appendChild(note);
      if (given.help) {
        const more = element("details");
        more.append(element("summary", String(given.help_title || "Quote")), element("p", String(given.help)));
        group.appendChild(more);
      }
      part.appendChild(group);
      state.groups.set(given.id, { element: group, inputs, start: given.start, mark, note });
    }
    root.appendChild(part);
  }
  if (layout.more) root.appendChild(element("p", String(layout.more), "more"));
  host.appendChild(root);
  state.root = root;
}

export default function (component) {
  const { parentElement: host, setTriggerValue } = component;
  const data = decodeJson(component.data);
  const [state, cleanup] = hostState(
    host,
    "__choicePanel",
    () => ({ key: null, root: null, groups: new Map(), asked: null, trigger: null, sent: 0 }),
    (state) => { if (state.root) state.root.remove(); }
  );
  state.trigger = setTriggerValue;
  if (!data || typeof data !== "object" || typeof data.key !== "string") return cleanup;
  if (!data.choices || typeof data.choices !== "object") return cleanup;

  const layout = keptPayload(CACHE, data, "sections");
  if (state.key !== data.key || !state.root) {
    if (!layout || typeof layout !== "object") {
      askOnce(state, data.key, (key) => setTriggerValue("need", key));
      return cleanup;
    }
    build(state, host, layout);
    state.key = data.key;
  }
  if (state.scenario) {
    const sid = typeof data.scenario === "string" && state.scenario.texts.has(data.scenario) ? data.scenario : "";
    if (state.scenario.select.value !== sid) state.scenario.select.value = sid;
    state.scenario.about.textContent = sid ? state.scenario.texts.get(sid) : "";
  }
  if (state.undo) state.undo.disabled = !data.can_undo;
  const notes = data.notes && typeof data.notes === "object" ? data.notes : {};
  for (const [id, group] of state.groups) {
    const choice = data.choices[id];
    for (const input of group.inputs) input.checked = input.value === choice;
    group.element.classList.toggle("changed", choice !== group.start);
    group.mark.hidden = choice === group.start;
    const note = typeof notes[id] === "string" ? notes[id] : "";
    if (group.note.textContent !== note) group.note.textContent = note;
    group.note.hidden = !note;
  }
  return cleanup;
}
