"""The verdict's "What it would take" on the essay in a browser (issue 15):
it names the smallest sets of changes by their givens' text, and "Apply"
makes one of them the reader's choices, the address following.
"""

from __future__ import annotations

import pytest

from graph.choices import Choices
from graph.evaluate import evaluate
from graph.page import overturn
from tests.e2e.explorer import WORD_OF_LABEL, Explorer, load_shown_debate, query_of_choices

pytestmark = pytest.mark.e2e


def test_apply_makes_the_first_set_the_readers_and_flips_the_verdict(explorer: Explorer) -> None:
    explorer.open()
    debate = load_shown_debate(explorer)
    start = Choices.start(debate)
    want = overturn(debate, start, debate.thesis)
    assert evaluate(debate, start)[debate.thesis] == "in" and want.sets
    page = explorer.page
    verdict = page.locator(".st-key-verdict")
    verdict.filter(has_text="What it would take").wait_for()
    text = verdict.inner_text()
    assert "✓ Holds" in text
    for changes in want.sets:
        for gid, _ in changes:
            assert debate.given_text(gid) in text
            assert gid not in text

    before = explorer.update_count()
    page.locator(".st-key-whatif-apply-0").get_by_role("button", name="Apply").click()
    applied = dict(start, **dict(want.sets[0]))
    after = evaluate(debate, applied)[debate.thesis]
    assert after == "out"
    verdict.filter(has_text=WORD_OF_LABEL[after]).wait_for()
    explorer.wait_for_update_after(before)
    explorer.wait_idle()
    assert "✓ Holds" not in verdict.inner_text()
    assert explorer.conclusion_label(debate.thesis) == after
    expected = query_of_choices(debate.starting_choices(), applied)
    query = explorer.wait_for_query(lambda q: {k: q[k] for k in expected} == expected)
    assert query["debate"]
    explorer.assert_clean()
