// The "Copy link" button under the share field (st.components.v2, in the app page).
// data: the link as UTF-8 bytes.  Copies with the Clipboard API, else with a selected
// textarea and execCommand("copy"); says what happened in a status line.
export default function (component) {
  const { data, parentElement } = component;
  const button = parentElement.querySelector("button");
  const status = parentElement.querySelector("[role=status]");
  if (!button || !status) return;
  let url = "";
  try {
    url = new TextDecoder().decode(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
  } catch (err) {
    url = "";
  }
  button.disabled = !url;
  button.onclick = async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch (err) {
      const area = document.createElement("textarea");
      area.value = url;
      area.setAttribute("readonly", "");
      area.style.cssText = "position:absolute;left:-9999px;";
      parentElement.appendChild(area);
      area.select();
      try { copied = document.execCommand("copy"); } catch (err2) { copied = false; }
      area.remove();
    }
    status.textContent = copied ? "Copied ✓" : "Could not copy: select the link above and copy it.";
    clearTimeout(button.__statusTimer);
    button.__statusTimer = setTimeout(() => { status.textContent = ""; }, 4000);
  };
}
