"""graph.component: the page's components as data, and the checks on what they send back."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from graph.component import SPECS, component_source, js_constants, json_depth, map_bridge_js
from graph.ids import ID_PATTERN
from graph.status import STATUSES


def test_every_script_starts_with_the_generated_constants_and_common_js() -> None:
    common = component_source("common.js")
    for spec in SPECS.values():
        assert spec.js.startswith(js_constants() + common), spec.name
        assert "//" not in "\n".join(ln for ln in spec.js.splitlines() if ln.startswith("//"))


def test_the_generated_id_rule_is_the_loaders() -> None:
    source = re.search(r"const ID_RE = new RegExp\((.*)\);", js_constants())
    assert source is not None
    assert json.loads(source.group(1)) == f"^{ID_PATTERN.pattern}$"
    statuses = re.search(r"const STATUSES = new Set\((.*)\);", js_constants())
    assert statuses is not None and json.loads(statuses.group(1)) == list(STATUSES)


def test_the_map_bridge_defines_the_id_rule_first_inside_its_function() -> None:
    bridge = map_bridge_js()
    assert bridge.startswith('(function () {\n"use strict";\nvar ID_RE = new RegExp(')
    assert "/^[a-z0-9]" not in bridge  # no hand-written copy of the rule


@pytest.mark.parametrize(
    "text, depth",
    [("1", 0), ("[]", 1), ('{"a": [1, {"b": []}]}', 4), ('"[[[["', 0), ('["\\"[", ["x"]]', 2), ("[" * 50, 50)],
)
def test_json_depth_counts_nesting_outside_strings(text: str, depth: int) -> None:
    assert json_depth(text) == depth


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


json_values = hs.recursive(
    hs.none() | hs.booleans() | hs.integers() | hs.text(alphabet='[]{}"\\ab,:'),
    lambda inner: hs.lists(inner, max_size=3) | hs.dictionaries(hs.text(alphabet='[]{}"\\ab'), inner, max_size=3),
    max_leaves=12,
)


@given(json_values)
def test_json_depth_agrees_with_the_parsed_value(value: object) -> None:
    assert json_depth(json.dumps(value)) == _depth(value)
