"""The page's own components: their scripts, styles and markup, as data.

Each component of the page (the map, the panel of choices, the conclusions,
the essay, the share field) is a :class:`ComponentSpec` here; ``app.py``
hands each one to ``st.components.v2.component`` and nothing else (no
Streamlit import in ``graph/``).  The scripts live beside this file; every
script gets the same preamble: the constants generated from their Python
homes (``ID_RE`` from :mod:`graph.ids`, ``STATUSES`` from
:mod:`graph.status`) and ``common.js``.

Why the preamble is part of each script, not a module loaded once:
Streamlit's v2 components take inline code (sent as a Blob URL module per
component) or files from a *packaged* component's ``asset_dir``; an inline
module cannot import a sibling, and the page is not an installed package.
Comment lines are dropped: a component's code travels with every rerun.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graph.ids import id_pattern_js
from graph.status import STATUSES

__all__ = [
    "SPECS",
    "ComponentSpec",
    "component_source",
    "js_constants",
    "json_depth",
    "map_bridge_js",
    "section_heading_css",
]

FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ComponentSpec:
    """What ``st.components.v2.component`` takes for one of the page's components."""

    name: str
    js: str
    css: str | None = None
    html: str | None = None
    isolate_styles: bool = True


def _strip_comments(source: str) -> str:
    lines = (ln.strip() for ln in source.splitlines())
    return "\n".join(
        ln for ln in lines if ln and not ln.startswith("//") and not (ln.startswith("/*") and ln.endswith("*/"))
    )


@cache
def component_source(file_name: str) -> str:
    """The file ``file_name`` of this folder without comment lines and indentation."""
    return _strip_comments((FOLDER / file_name).read_text(encoding="utf-8"))


def js_constants() -> str:
    """The constants every script shares, generated from their Python homes."""
    return (
        f"const ID_RE = new RegExp({json.dumps(id_pattern_js())});\n"
        f"const STATUSES = new Set({json.dumps(list(STATUSES))});\n"
    )


def _script(file_name: str) -> str:
    return js_constants() + component_source("common.js") + "\n" + component_source(file_name)


@cache
def map_bridge_js() -> str:
    """The bridge inside the map's frame: ``map_bridge.js`` with ``ID_RE``
    defined first thing inside its function (no global of ours in the frame)."""
    strict = '"use strict";'
    pattern = json.dumps(id_pattern_js())
    return component_source("map_bridge.js").replace(strict, f"{strict}\nvar ID_RE = new RegExp({pattern});", 1)


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON ``text`` (brackets inside
    strings do not count), in one pass without parsing: what a message from
    the browser is checked with before anything parses it."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def section_heading_css(box: str) -> str:
    """A section heading (h3) inside a component, like Streamlit's own h3."""
    return f"{box} h3{{font-size:1.75rem;font-weight:600;line-height:1.2;padding:0.75rem 0 1rem;margin:0;}}\n"


def _essay_css() -> str:
    from graph.essay import essay_css

    # Below the fold, the essay is laid out only when scrolled near.
    return (
        essay_css() + ".essay-box .essay{border:1px solid rgba(49,51,63,0.2);border-radius:0.5rem;padding:0.5rem 1rem;"
        "content-visibility:auto;contain-intrinsic-size:auto 2400px;}\n"
        ".essay-about{font-size:0.875rem;color:rgba(49,51,63,0.8);}\n"
        # The selected statement's passage: an outline as well as the status tint (never colour alone).
        ".essay-box mark.essay-q{cursor:pointer;}\n"
        ".essay-box mark.essay-q.selected{outline:3px solid #0b57d0;outline-offset:1px;border-radius:2px;}\n"
        ".essay-box mark.essay-q:focus-visible{outline:2px solid #0b57d0;outline-offset:2px;}\n"
        ".essay-box sup.essay-tag.selected{font-weight:700;}\n" + section_heading_css(".essay-box")
    )


def _outline_css() -> str:
    from graph.outline import outline_css

    return component_source("outline.css") + outline_css() + section_heading_css(".outline-box")


def _specs() -> dict[str, ComponentSpec]:
    return {
        # The map: one sandboxed frame whose page is graph.render's output.
        "argument_map": ComponentSpec("argument_map", js=_script("argument_map.js")),
        # One element for every given's control (22 Streamlit radios with their
        # tooltips took a third of the browser's time per choice).
        "choice_panel": ComponentSpec(
            "choice_panel", js=_script("choice_panel.js"), css=component_source("choice_panel.css")
        ),
        # In the page's own DOM (no shadow root), so find-in-page and the tests read them.
        "essay": ComponentSpec("essay", js=_script("essay.js"), css=_essay_css(), isolate_styles=False),
        "conclusions": ComponentSpec(
            "conclusions",
            js=_script("conclusions.js"),
            css=section_heading_css(".conclusions-box")
            + ".conclusions-box span.robust{display:block;font-size:0.9em;font-style:italic;margin-top:0.15rem;}\n",
            isolate_styles=False,
        ),
        # The whole argument as nested lists with a radio group per given (graph.outline),
        # in the page's own DOM so find-in-page, axe and the tests read it.
        "outline": ComponentSpec("outline", js=_script("outline.js"), css=_outline_css(), isolate_styles=False),
        # The questions a reader can ask of the map (graph.answers), one element for all.
        "ask": ComponentSpec("ask", js=_script("ask.js"), css=component_source("ask.css")),
        # The share field with its own copy button: st.code's copy button loads a
        # syntax highlighter (0.8 s of the first load's browser time).
        "share_link": ComponentSpec(
            "share_link",
            js=_script("share_link.js"),
            css=component_source("share_link.css"),
            html=(FOLDER / "share_link.html").read_text(encoding="utf-8").strip(),
        ),
    }


SPECS: dict[str, ComponentSpec] = _specs()
