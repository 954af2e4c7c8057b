"""graph.text, graph.ids and graph.status: the shared homes of small concepts."""

from __future__ import annotations

import pytest

from graph.ids import ID_MAX, id_pattern_js, is_id
from graph.status import CHOICE_CYCLE, CHOICES, STATUSES, next_choice, status_phrase
from graph.text import escape_controls, printable, shorten


@pytest.mark.parametrize(
    "text, limit, fold, want",
    [
        ("short", 10, False, "short"),
        ("abcdefghij", 5, False, "abcd…"),
        ("ab   cd\nef", 20, True, "ab cd ef"),
        ("abc defgh", 5, False, "abc…"),
    ],
)
def test_shorten_cuts_with_one_ellipsis(text: str, limit: int, fold: bool, want: str) -> None:
    assert shorten(text, limit, fold=fold) == want
    assert len(shorten(text, limit, fold=fold)) <= limit


def test_control_characters_are_replaced_or_escaped() -> None:
    assert printable("a\x1b[2Kb\r\n") == "a?[2Kb??"
    assert escape_controls("ok\x1b[8m\r\n\t\u202e\\") == "ok\\x1b[8m\\r\\n\\t\\u202e\\"
    assert escape_controls("plain: ✓ é") == "plain: ✓ é"


def test_the_id_rule() -> None:
    assert is_id("a") and is_id("a-1") and is_id("9" * ID_MAX)
    for bad in ("", "-a", "A", "a_b", "9" * (ID_MAX + 1), "a\n", None, 3):
        assert not is_id(bad)
    assert id_pattern_js() == "^[a-z0-9][a-z0-9-]{0,63}$"


def test_statuses_and_the_click_cycle() -> None:
    assert STATUSES == ("in", "out", "undecided") and set(CHOICES) == set(CHOICE_CYCLE)
    assert [status_phrase(s) for s in STATUSES] == ["✓ Holds", "✗ Does not hold", "? Undecided"]
    assert status_phrase("nonsense") == "? Undecided"
    choice = "accepted"
    seen = []
    for _ in range(3):
        choice = next_choice(choice)
        seen.append(choice)
    assert seen == ["unsure", "rejected", "accepted"]
