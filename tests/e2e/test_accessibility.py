"""The whole page against axe-core's WCAG 2 A and AA rules (issue 14), in a
real browser: as it opens, with the outline and the answers open, and after
choices that fade nodes and open notes.

``STREAMLIT_OWN`` lists violations that come from Streamlit's own markup,
each with why it cannot be fixed here; it is empty: every part of the page
passes."""

from __future__ import annotations

import pytest

from tests.e2e.explorer import Explorer, load_shown_debate

pytestmark = pytest.mark.e2e

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# (rule id, CSS target) -> why it is Streamlit's and not ours.
STREAMLIT_OWN: dict[tuple[str, str], str] = {}


def _violations(explorer: Explorer) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(explorer.page, options=WCAG_AA).response["violations"]
    out = []
    for rule in found:
        for node in rule["nodes"]:
            target = " ".join(map(str, node["target"]))
            if (rule["id"], target) not in STREAMLIT_OWN:
                out.append(f"{rule['id']} at {target}: {node['failureSummary']}")
    return out


def test_the_page_as_it_opens_passes_wcag_aa(explorer: Explorer):
    explorer.open()
    assert _violations(explorer) == []


def test_the_page_with_outline_answers_and_faded_nodes_passes_wcag_aa(explorer: Explorer):
    explorer.open()
    debate = load_shown_debate(explorer)
    # Reject the first premise (nodes fade, notes appear) and doubt the next one.
    givens = [s.id for s in debate.statements if s.is_given]
    explorer.choose_in_sidebar(givens[0], "rejected")
    explorer.choose_in_sidebar(givens[1], "unsure")
    page = explorer.page
    page.get_by_text("Outline of the whole argument").click()
    page.locator(".st-key-outline li").first.wait_for()
    ask = page.locator(".st-key-ask")
    ask.get_by_role("button", name="What would it take to change the verdict?").click()
    ask.locator("p.answer").first.wait_for()
    ask.get_by_role("button", name="What holds whatever I decide about what I am unsure of?").click()
    page.locator(".st-key-conclusions span.robust").first.wait_for()
    explorer.wait_idle()
    assert _violations(explorer) == []
