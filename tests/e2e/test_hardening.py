"""What a hostile link or debate file must not get from the page in a browser
(issue 12): no address becomes a link, and the map's frame reaches no network.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from tests.e2e.explorer import Explorer

pytestmark = pytest.mark.e2e

CONTENT_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "e2e"

# Every link in the page's DOM, shadow roots included.
_LINKS_JS = """
() => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.tagName === 'A' && el.getAttribute('href')) found.push(el.getAttribute('href'));
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
}
"""


def test_no_address_from_a_link_or_a_file_becomes_a_link(explorer: Explorer) -> None:
    hostile = ",".join(["https://evil.example/login", "www.evil.example"])
    explorer.open(f"?debate=links&off={quote(hostile)}")
    page = explorer.page
    warnings = " ".join(page.locator('[data-testid="stAlert"]').all_text_contents())
    assert "evil.example/login" in warnings.replace("\u2060", "")
    # Reject the premise: the thesis flips and the change note names it.
    explorer.choose_in_sidebar("p", "rejected")
    verdict = page.locator(".st-key-verdict")
    verdict.filter(has_text="Does not hold").wait_for()
    explorer.wait_idle()
    text = verdict.text_content().replace("\u2060", "")
    assert "www.evil.example/thesis" in text  # shown, as text
    body = page.evaluate("() => document.body.textContent").replace("\u2060", "")
    for shown in ("www.evil.example and https://evil.example/title", "https://evil.example/source"):
        assert shown in body
    links = page.evaluate(_LINKS_JS)
    # (In-page anchors of headings, "#read-www-evil-...", lead nowhere else.)
    assert [h for h in links if not h.startswith("#")] == []


def test_the_map_frame_reaches_no_address(explorer: Explorer) -> None:
    explorer.open("?debate=links")
    answered: list[str] = []
    failed: list[str] = []
    explorer.page.on("response", lambda r: answered.append(r.url) if "csp-probe" in r.url else None)
    explorer.page.on("requestfailed", lambda r: failed.append(r.failure or "") if "csp-probe" in r.url else None)
    target = explorer.server.url + "csp-probe"
    outcome = explorer.map_eval(
        """async (url) => {
          const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
          let fetched = "sent";
          try { await fetch(url + "/fetch"); } catch (err) { fetched = "refused"; }
          const img = await new Promise((done) => {
            const el = new Image();
            el.onload = () => done("loaded");
            el.onerror = () => done("refused");
            el.src = url + "/img.png";
          });
          return {csp: csp && csp.content, fetched, img};
        }""",
        target,
    )
    assert answered == []  # nothing reached the server (without the policy both got a 404)
    assert outcome["fetched"] == "refused" and outcome["img"] == "refused", outcome
    assert "connect-src 'none'" in (outcome["csp"] or "") and "default-src 'none'" in outcome["csp"]
    assert all("csp" in f.lower() for f in failed), failed  # the browser blocked what it began
    # The browser reports each refusal on the console: those, and only those, were expected.
    refusals = [e for e in explorer.log.console_errors if "Content Security Policy" in e]
    assert len(refusals) >= 2, explorer.log.console_errors
    assert len(refusals) == len(explorer.log.console_errors), explorer.log.console_errors
    explorer.log.console_errors.clear()
