"""The debate explorer's domain: load, check, model, evaluate, explain, render.

No Streamlit here; ``app.py`` composes these calls into a page, and
``python -m graph`` into a command line.  The rendering functions
(``render_html`` and friends, which import pyvis) and the NetworkX model
(``build_graph``) load on first use, so that the command line and the page
start quickly.
"""

from __future__ import annotations

from typing import Any

from graph.choices import ChoiceError, choices_from_scenario, diff_from_start, resolve_choices
from graph.evaluate import evaluate, reevaluate, reevaluate_changes
from graph.explain import (
    Explanation,
    critical_givens,
    explain,
    explain_many,
    format_explanation,
    summarize_explanation,
)
from graph.load import check_debate, load_debate
from graph.model import (
    Argument,
    Attack,
    Debate,
    DebateError,
    DebateInvalid,
    Scenario,
    Source,
    Statement,
)

__all__ = [
    "Argument",
    "Attack",
    "ChoiceError",
    "Debate",
    "DebateError",
    "DebateInvalid",
    "Explanation",
    "Scenario",
    "Source",
    "Statement",
    "build_graph",
    "check_debate",
    "choices_from_scenario",
    "critical_givens",
    "diff_from_start",
    "evaluate",
    "explain",
    "explain_many",
    "format_explanation",
    "load_debate",
    "reevaluate",
    "reevaluate_changes",
    "render_html",
    "resolve_choices",
    "summarize_explanation",
]


def __getattr__(name: str) -> Any:
    if name == "build_graph":
        from graph.network import build_graph

        return build_graph
    if name == "render_html":
        from graph.render import render_html

        return render_html
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
