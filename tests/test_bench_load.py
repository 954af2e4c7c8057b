"""bench/load.py's simulated readers against a real ``streamlit run app.py``:
two readers open a link each and make a choice, so the load bench cannot rot
silently when the page or Streamlit's protocol changes.  Bounded: about 5 s,
at most ~20 s when the server does not answer."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from bench.load import LoadServer, load_site, make_links, run_phase, trigger_widget_id


def test_the_trigger_id_is_streamlits():
    from streamlit.components.v2.bidi_component.main import _make_trigger_id

    assert trigger_widget_id("$$ID-abc-choice-panel") == _make_trigger_id("$$ID-abc-choice-panel", "events")


def test_two_readers_open_a_link_and_make_a_choice():
    site = load_site()
    links = make_links(site, 2, seed=3)
    assert "off=" in links[1] or "on=" in links[1] or "unsure=" in links[1]  # one given changed by the link
    server = LoadServer("app.py")
    try:
        server.start(timeout=8)
        # In a thread of its own: the browser tests' Playwright may hold this thread's event loop.
        with ThreadPoolExecutor(1) as pool:
            result = pool.submit(run_phase, server, site, links, choices=1, timeout=6, seconds=8).result()
    finally:
        server.stop()
    assert result.failures == 0, result.failure_notes
    assert len(result.open_s) == 2  # each: the map page, the link's choices in the panel, the verdict
    assert len(result.choice_s) == 2  # each: the panel, the map's styles and the address followed
