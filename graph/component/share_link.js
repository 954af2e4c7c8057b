// The "Share this view" field and its "Copy link" button (st.components.v2,
// in the page): one element, so a choice re-renders one thing, not two.
// data: the link as UTF-8 bytes.  The field is read-only and selects all of
// itself on focus; the button copies with the Clipboard API, else with the
// field selected and execCommand("copy"); a status line says what happened.
export default function (component) {
  const { data, parentElement } = component;
  const field = parentElement.querySelector("input");
  const button = parentElement.querySelector("button");
  const status = parentElement.querySelector("[role=status]");
  if (!field || !button || !status) return;
  let url = "";
  try {
    url = decodeText(data);
  } catch (err) {
    url = "";
  }
  if (typeof url !== "string") url = "";
  if (field.value !== url) field.value = url;
  button.disabled = !url;
  field.onfocus = () => field.select();
  button.onclick = async () => {
    let copied = false;
    try {
      await navigator.clipboard.writeText(url);
      copied = true;
    } catch (err) {
      field.focus();
      field.select();
      try { copied = document.execCommand("copy"); } catch (err2) { copied = false; }
    }
    status.textContent = copied ? "Copied ✓" : "Could not copy: select the link above and copy it.";
    clearTimeout(button.__statusTimer);
    button.__statusTimer = setTimeout(() => { status.textContent = ""; }, 4000);
  };
}
