// The "ask" component (st.components.v2): the questions a reader can ask of
// the map, under the verdict.  One element for all its parts (a Streamlit
// button each made every choice slower in the browser):
// - "What would it take to change the verdict?": the sentence naming every
//   smallest set of changes, and an "Apply" button per set;
// - "What holds whatever I decide?": whether the thesis stands however the
//   reader settles what they are unsure of (the conclusions get badges);
// - "Compare with": a <select> (the essay as written, each scenario, a link)
//   and, for a link, a field to paste it in; the differences as lists.
//
// data: {questions: [{id, ask, close, open, answer?: {sentence, sets?: [text]}}],
//        compare: {label, options: [[value, title]], value, link_label, link,
//                  result?: {summary, choices: [text], conclusions: [text]},
//                  error?}}.
// Back to Python as triggers: "ask" {id, on, n}, "apply" {index, n},
// "compare" {value, link, n}.  Every text is set as text, never as markup.
function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

function button(text, onClick, className) {
  const b = el("button", text, className);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

function list(lines, className) {
  const ul = el("ul", "", className);
  for (const line of lines) ul.appendChild(el("li", line));
  return ul;
}

function question(state, q) {
  const box = el("section", "", "question");
  box.dataset.question = String(q.id);
  if (!q.open) {
    box.appendChild(button(q.ask, () => state.fire("ask", { id: q.id, on: true }), "ask"));
    return box;
  }
  box.appendChild(el("h4", q.ask));
  const answer = q.answer && typeof q.answer === "object" ? q.answer : {};
  const text = el("p", answer.sentence || "", "answer");
  text.setAttribute("role", "status");
  box.appendChild(text);
  const sets = Array.isArray(answer.sets) ? answer.sets : [];
  if (sets.length) {
    const row = el("div", "", "sets");
    sets.forEach((tip, index) => {
      const apply = button(`Apply: ${tip}`, () => state.fire("apply", { index }), "apply");
      apply.dataset.set = String(index);
      row.appendChild(apply);
    });
    box.appendChild(row);
  }
  if (q.close) box.appendChild(button(q.close, () => state.fire("ask", { id: q.id, on: false }), "close"));
  return box;
}

function comparer(state, c) {
  const box = el("section", "", "question compare");
  const label = el("label", c.label, "compare-label");
  label.htmlFor = "compare-with";
  const select = document.createElement("select");
  select.id = "compare-with";
  for (const [value, title] of Array.isArray(c.options) ? c.options : []) {
    select.appendChild(new Option(String(title), String(value)));
  }
  select.value = String(c.value || "");
  box.append(label, select);
  const send = () => state.fire("compare", { value: select.value, link: field ? field.value : "" });
  let field = null;
  if (c.value === "link") {
    const fieldLabel = el("label", c.link_label, "compare-label");
    fieldLabel.htmlFor = "compare-link";
    field = document.createElement("input");
    field.id = "compare-link";
    field.type = "text";
    field.value = String(c.link || "");
    field.autocomplete = "off";
    field.addEventListener("keydown", (e) => { if (e.key === "Enter") send(); });
    const go = button("Compare", send, "go");
    box.append(fieldLabel, field, go);
  }
  select.addEventListener("change", () => {
    if (select.value === "link") state.fire("compare", { value: "link", link: "" });
    else send();
  });
  if (c.error) {
    const err = el("p", c.error, "error");
    err.setAttribute("role", "alert");
    box.appendChild(err);
  }
  const r = c.result && typeof c.result === "object" ? c.result : null;
  if (r) {
    const summary = el("p", c.note ? `${r.summary} ${c.note}` : r.summary, "answer");
    summary.setAttribute("role", "status");
    box.appendChild(summary);
    if (Array.isArray(r.choices) && r.choices.length) {
      box.append(el("h4", "Where your choices differ"), list(r.choices, "differs"));
    }
    if (Array.isArray(r.conclusions) && r.conclusions.length) {
      box.append(el("h4", "Conclusions that come out differently"), list(r.conclusions, "differs"));
    }
  }
  return box;
}

export default function (component) {
  const { parentElement: host, setTriggerValue } = component;
  const data = decodeJson(component.data);
  const [state, cleanup] = hostState(
    host,
    "__ask",
    () => ({ root: null, shown: null, sent: 0 }),
    (state) => { if (state.root) state.root.remove(); }
  );
  state.fire = (event, value) => {
    state.sent += 1;
    setTriggerValue(event, Object.assign({ n: state.sent }, value));
  };
  if (!data || typeof data !== "object") return cleanup;
  const shown = JSON.stringify(data);
  if (state.shown === shown) return cleanup;
  state.shown = shown;
  // Keep the focus where it was across a re-render (a button's id or the field).
  const active = host.activeElement || (host.getRootNode && host.getRootNode().activeElement);
  const focusKey = active && active.id ? `#${active.id}` : null;
  if (state.root) state.root.remove();
  const root = el("div", "", "ask");
  for (const q of Array.isArray(data.questions) ? data.questions : []) {
    if (q && typeof q === "object") root.appendChild(question(state, q));
  }
  if (data.compare && typeof data.compare === "object") root.appendChild(comparer(state, data.compare));
  host.appendChild(root);
  state.root = root;
  if (focusKey) {
    const again = root.querySelector(focusKey);
    if (again) again.focus();
  }
  return cleanup;
}
