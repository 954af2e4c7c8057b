"""Bring your own debate, in a real browser (issue 16, item 4): upload or
paste a file and explore it, share it by a ``?src=`` link, download the
debate shown; a hostile ``?src=`` gets a plain warning and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.evaluate import evaluate
from graph.upload import encode_source, open_text
from tests.e2e.explorer import Explorer

pytestmark = pytest.mark.e2e

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "interop-samples"
TINY_ARGDOWN = Path(__file__).resolve().parents[1] / "fixtures" / "upload" / "tiny.argdown"
SIDEBAR = 'section[data-testid="stSidebar"]'


def _open_toggle(explorer: Explorer, label: str) -> None:
    explorer.page.get_by_text(label).click()
    explorer.wait_idle()


def _map_ids(explorer: Explorer) -> set[str]:
    return set(explorer.map_eval("() => nodes.getIds()"))


def _wait_for_map_of(explorer: Explorer, debate) -> None:
    """Wait until the map draws exactly ``debate``'s statements and arguments."""
    want = {s.id for s in debate.statements} | {a.id for a in debate.arguments}
    for _ in range(300):
        try:
            if _map_ids(explorer) == want:
                break
        except Exception:  # the frame is being replaced by the new debate's
            pass
        explorer.page.wait_for_timeout(100)
    explorer.wait_idle()
    assert _map_ids(explorer) == want


def test_a_pasted_argdown_file_is_explored_and_shared_by_link(explorer: Explorer, new_context):
    explorer.open()
    _open_toggle(explorer, "Open your own debate (YAML, Argdown or AIF)")
    text = TINY_ARGDOWN.read_text(encoding="utf-8")
    explorer.page.locator(f"{SIDEBAR} textarea").fill(text)
    explorer.page.get_by_role("button", name="Open the pasted text").click()
    debate, errors, _ = open_text("pasted", text.encode())
    assert debate is not None and not errors
    _wait_for_map_of(explorer, debate)
    statuses = evaluate(debate)
    for cid in debate.conclusion_ids:
        assert explorer.conclusion_label(cid) == statuses[cid]
    link = explorer.share_link()
    assert "src=" in link and "debate=" not in link
    # A stranger opening the link sees the same map.
    context, log = new_context()
    other = Explorer(context.new_page(), explorer.server, log)
    other.goto_url(link)
    assert _map_ids(other) == _map_ids(explorer)


def test_an_uploaded_aif_file_opens(explorer: Explorer):
    sample = next(iter(sorted((SAMPLES / "aif").glob("*.json"))), None)
    if sample is None:
        pytest.skip(f"no AIF samples beside the checkout ({SAMPLES})")
    explorer.open()
    _open_toggle(explorer, "Open your own debate (YAML, Argdown or AIF)")
    explorer.page.locator(f"{SIDEBAR} input[type=file]").set_input_files(str(sample))
    debate, errors, _ = open_text(sample.name, sample.read_bytes())
    assert debate is not None, errors
    _wait_for_map_of(explorer, debate)


def test_the_debate_shown_downloads_as_yaml(explorer: Explorer):
    explorer.open()
    _open_toggle(explorer, "Download this debate (YAML, Argdown, AIF, GraphML)")
    with explorer.page.expect_download() as info:
        explorer.page.get_by_role("button", name="YAML (debate/1)").click()
    path = info.value.path()
    name = explorer.query()["debate"]
    content = Path(__file__).resolve().parents[2] / "content" / f"{name}.yaml"
    assert Path(path).read_bytes() == content.read_bytes()


@pytest.mark.parametrize("src", ["yaml.%%%", "argdown." + "A" * 9000, "aif.AAAA"])
def test_a_hostile_src_link_gets_a_plain_warning(explorer: Explorer, src: str):
    explorer.open(f"?src={src}")
    warning = explorer.page.locator('[data-testid="stAlert"]').filter(has_text="src")
    warning.first.wait_for()
    assert warning.first.locator("a").count() == 0
    assert explorer.query()["debate"]  # the default debate is shown instead


def test_a_src_link_that_fails_the_check_names_the_line(explorer: Explorer):
    bad = b"format: debate/1\ntitle: T\nstatements:\n  - {id: p, kind: premise}\n"
    explorer.open("?src=" + encode_source(bad, "yaml", "bad.yaml"))
    warning = explorer.page.locator('[data-testid="stAlert"]').filter(has_text="bad.yaml:")
    warning.first.wait_for()
    assert explorer.query()["debate"]


def test_the_map_saves_as_a_png_image(explorer: Explorer):
    explorer.open()
    with explorer.page.expect_download() as info:
        explorer.frame().get_by_role("button", name="Save the map as a PNG image").click()
    download = info.value
    assert download.suggested_filename == "argument-map.png"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 5_000
