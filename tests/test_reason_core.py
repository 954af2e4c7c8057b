"""graph/reason_core.py: the region labeller is the engine's rule confined to a region.

``RegionLabeller`` applies graph.index's rule (``status_from`` with the
index's thresholds) inside a region; here it is checked against
``evaluate`` over the whole debate and over a node's upstream region with
the rest fixed, with some choices changed.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.evaluate import evaluate
from graph.index import debate_index
from graph.load import load_debate
from graph.reason_core import RegionLabeller, downstream
from tests.strategies import debate_and_choices

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _never(x: int) -> str:
    raise AssertionError(f"the whole debate has no outside, asked about {x}")


@given(debate_and_choices(), st.data())
@PROPERTY
def test_labeller_over_the_whole_debate_is_evaluate(dc, data):
    d, choices = dc
    ix = debate_index(d)
    full = {**d.starting_choices(), **choices}
    labeller = RegionLabeller(ix, range(ix.n), _never, lambda g: full[ix.ids[g]])
    assert dict(zip(ix.ids, labeller.label(), strict=True)) == evaluate(d, full)
    changed = data.draw(
        st.fixed_dictionaries(
            {}, optional={g: st.sampled_from(("accepted", "rejected", "unsure")) for g in d.given_ids}
        )
    )
    got = labeller.label({ix.pos[g]: c for g, c in changed.items()})
    assert dict(zip(ix.ids, got, strict=True)) == evaluate(d, {**full, **changed})


@given(debate_and_choices(), st.data())
@PROPERTY
def test_labeller_over_an_upstream_region_is_evaluate(dc, data):
    d, choices = dc
    ix = debate_index(d)
    full = {**d.starting_choices(), **choices}
    statuses = evaluate(d, full)
    node = data.draw(st.sampled_from(ix.ids))
    region = ix.upstream([ix.pos[node]])
    labeller = RegionLabeller(ix, region, lambda x: statuses[ix.ids[x]], lambda g: full[ix.ids[g]])
    mine = [ix.ids[x] for x in region if ix.ids[x] in full]
    changed = data.draw(
        st.fixed_dictionaries({}, optional={g: st.sampled_from(("accepted", "rejected", "unsure")) for g in mine})
    )
    got = labeller.label({ix.pos[g]: c for g, c in changed.items()})
    want = evaluate(d, {**full, **changed})
    assert {ix.ids[x]: s for x, s in zip(region, got, strict=True)} == {ix.ids[x]: want[ix.ids[x]] for x in region}


def test_downstream_walks_only_kept_nodes():
    d = load_debate(Path(__file__).resolve().parent.parent / "content" / "open-source-ai-safety.yaml")
    ix = debate_index(d)
    everything = downstream(ix, range(ix.n))
    assert sorted(everything) == list(range(ix.n))
    g = ix.given_pos[0]
    assert downstream(ix, [g], lambda y: False) == [g]
