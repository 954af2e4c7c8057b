"""Fixtures shared by the unit tests; the builders behind them live in tests/builders.py."""

from __future__ import annotations

import pytest

from graph.load import load_debate
from graph.model import Debate
from tests.builders import TINY_FILE, load_worked_example


@pytest.fixture
def worked() -> Debate:
    """The format's worked example, loaded afresh from tests/fixtures/valid/worked-example.yaml."""
    return load_worked_example()


@pytest.fixture
def tiny() -> Debate:
    """The page's small debate, loaded afresh from tests/fixtures/app/tiny.yaml."""
    return load_debate(TINY_FILE)
