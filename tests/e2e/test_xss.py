"""A debate whose every text is an HTML/script payload (tests/fixtures/e2e/xss.yaml).

Nothing may run: no dialog, no console error (a sandboxed frame refusing an
``alert`` logs one), no change to the parent page (a canary global, the
document title), no element with an event-handler attribute or a
``javascript:`` link, no request leaving 127.0.0.1 (image payloads point at
attacker.example).  And the texts read literally: the title, the controls,
the node labels, the tooltips and the essay show the ``<script>`` as text.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from tests.e2e.explorer import Explorer

pytestmark = pytest.mark.e2e

CONTENT_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "e2e"
FIXTURE = yaml.safe_load((CONTENT_DIR / "xss.yaml").read_text())
SOURCE_TEXT = (CONTENT_DIR / "xss.txt").read_text()
TEXTS = {s["id"]: s["text"] for s in FIXTURE["statements"]}
GIVENS = [s["id"] for s in FIXTURE["statements"] if s["kind"] != "conclusion"]
CONCLUSIONS = [s["id"] for s in FIXTURE["statements"] if s["kind"] == "conclusion"]

# The bodies of the fixture's <script> payloads: a <script> element whose whole
# text is one of them was made by a payload (the page's own scripts may carry
# the payload text inside JSON strings, which is fine).
_SCRIPT_BODIES = sorted(
    {m.strip() for m in re.findall(r"<script>(.*?)</script>", (CONTENT_DIR / "xss.yaml").read_text() + SOURCE_TEXT)}
)

# Anything a payload would leave behind if it were parsed as HTML.
_INJECTED_JS = """
(bodies) => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      if (attr.startsWith('on')) found.push(`${el.tagName} ${attr}`);
    }
    const href = (el.getAttribute('href') || el.getAttribute('src') || '').trim().toLowerCase();
    if (href.startsWith('javascript:')) found.push(`${el.tagName} javascript: url`);
    if (el.tagName === 'SCRIPT' && bodies.includes(el.textContent.trim())) found.push('SCRIPT from payload');
    if (el.tagName === 'IMG' && /attacker/.test(el.getAttribute('src') || '')) found.push('IMG from payload');
    if (el.tagName === 'svg' && el.closest('svg') === el && el.getAttribute('onload')) found.push('SVG onload');
  }
  return found;
}
"""


def _hover_tooltip(explorer: Explorer, node_id: str) -> str:
    """Hover a node and return the text of the tooltip the map shows for it."""
    x, y = explorer.node_point_in_page(node_id, bring_into_view=True)
    explorer.page.mouse.move(x - 3, y - 3)
    explorer.page.mouse.move(x, y, steps=3)
    frame = explorer.frame()
    frame.wait_for_function(
        """() => [...document.querySelectorAll('div.popup, div.vis-tooltip')]
                 .some(el => getComputedStyle(el).display !== 'none'
                             && getComputedStyle(el).visibility !== 'hidden'
                             && el.textContent.trim() !== '')""",
    )
    return frame.evaluate(
        """() => [...document.querySelectorAll('div.popup, div.vis-tooltip')]
                 .filter(el => getComputedStyle(el).display !== 'none'
                               && getComputedStyle(el).visibility !== 'hidden')
                 .map(el => el.textContent).join('\\n')"""
    )


def _assert_nothing_ran(explorer: Explorer) -> None:
    page = explorer.page
    assert explorer.log.dialogs == []
    assert explorer.log.blocked == []
    assert explorer.log.console_errors == []
    assert explorer.log.page_errors == []
    assert page.evaluate("() => window.__xss") is None
    assert page.evaluate("() => window.e2eCanary") == "intact"
    assert "PWNED" not in page.title()
    assert explorer.map_eval("() => window.__xss === undefined")
    assert "PWNED" not in explorer.map_eval("() => document.title")
    assert page.evaluate(_INJECTED_JS, _SCRIPT_BODIES) == []
    assert explorer.map_eval(_INJECTED_JS, _SCRIPT_BODIES) == []
    # The map frame is the only frame the page made; no payload frame inside it.
    assert explorer.map_eval("() => document.querySelectorAll('iframe').length") == 0
    assert page.evaluate("() => document.querySelectorAll('iframe[srcdoc]:not([title=\"Argument map\"])').length") == 0


def test_payloads_neither_run_nor_fetch_and_read_literally(explorer: Explorer) -> None:
    explorer.open("?debate=xss")
    page = explorer.page
    page.evaluate("() => { window.e2eCanary = 'intact'; }")

    # The title and the essay read literally (textContent also covers collapsed parts,
    # and _INJECTED_JS rules out a real <script> carrying the same text).
    body = page.evaluate("() => document.body.textContent")
    assert FIXTURE["title"] in body
    essay_line = SOURCE_TEXT.splitlines()[1]
    assert essay_line in body
    # So do the conclusions (their list's markup is set as it is: every text in it is escaped).
    assert CONCLUSIONS
    for cid in CONCLUSIONS:
        item = page.locator(f'.st-key-conclusions li[data-conclusion="{cid}"]')
        assert TEXTS[cid] in item.text_content(), cid

    # Each given's control names it literally.
    for gid in GIVENS:
        label = explorer.control(gid).locator("legend").text_content()
        assert TEXTS[gid][:12] in label, (gid, label)

    # Node labels are drawn as text on the canvas: the raw characters, not entities.
    labels = explorer.map_eval("() => Object.fromEntries(nodes.get().map(n => [n.id, n.label || '']))")
    for sid, text in TEXTS.items():
        flat = " ".join(labels[sid].split())
        assert text[:8] in flat or text.split()[0] in flat, (sid, labels[sid])
        for entity in ("&lt;", "&gt;", "&quot;", "&#"):
            assert labels[sid].count(entity) <= text.count(entity), (sid, entity, labels[sid])

    # Tooltips, including the one for the title containing "href" (pyvis then
    # switches every tooltip to innerHTML), show the text literally.
    for sid in ("href-analogy", "script-premise", "thesis"):
        tip = _hover_tooltip(explorer, sid)
        assert TEXTS[sid] in tip, (sid, tip)
    _assert_nothing_ran(explorer)

    # Interact: a choice in the sidebar, a click on the thesis (opens its explanation),
    # a click on a given's node, the payload scenario.
    explorer.choose_in_sidebar("img-premise", "unsure")
    before = explorer.update_count()
    explorer.click_node("script-premise")
    explorer.wait_for_node_choice("script-premise", "unsure")
    explorer.wait_for_update_after(before)
    explorer.click_node("thesis")
    page.locator(".st-key-selected-explanation").first.wait_for(state="attached")
    explorer.wait_idle()
    for expander in page.locator('[data-testid="stExpander"] summary').all():
        if expander.is_visible():
            expander.click()
    explorer.wait_idle()

    picker = explorer.page.locator(".st-key-choice-panel select")
    scenario = FIXTURE["scenarios"][0]
    option = picker.locator(f'option[value="{scenario["id"]}"]')
    assert option.text_content() == scenario["title"]  # the option reads literally too
    picker.select_option(scenario["id"])
    # The scenario applies (it rejects script-premise) and its description
    # appears, literally, under the picker.
    explorer.wait_for_node_choice("script-premise", "rejected")
    about = explorer.page.locator(".st-key-choice-panel .scenario-about")
    about.filter(has_text=scenario["description"][:20]).wait_for()
    assert about.text_content() == scenario["description"]
    explorer.wait_idle()
    _assert_nothing_ran(explorer)
    assert picker.input_value() == scenario["id"]


def test_a_payload_in_the_link_is_reported_as_text(explorer: Explorer) -> None:
    # At most 40 characters: the page shortens longer ids in its warning.
    payload = "<img src=//evil.test onerror=alert(1)>"
    assert len(payload) <= 40
    explorer.open(f"?debate=xss&off={quote(payload)}&unsure=%3Cscript%3Ealert(1)%3C/script%3E")
    explorer.page.evaluate("() => { window.e2eCanary = 'intact'; }")
    body = explorer.page.evaluate("() => document.body.textContent")
    # The reader is told which ids were ignored, as text.
    assert payload in body
    # The view is the file's starting view.
    states = explorer.node_states(GIVENS)
    from graph.load import load_debate

    starting = load_debate(CONTENT_DIR / "xss.yaml").starting_choices()
    assert {g: states[g]["choice"] for g in GIVENS} == {g: starting[g] for g in GIVENS}  # (questions: no node)
    _assert_nothing_ran(explorer)
