"""graph.pyvis_import: pyvis without IPython, networkx and jsonpickle, and
those modules left intact for later imports.

Each case runs in a fresh interpreter: whether IPython is loaded is
process-wide state.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_rendering_a_map_imports_none_of_them_and_a_later_import_gets_the_real_one():
    out = run(
        "import sys\n"
        "from graph.load import load_debate\n"
        "from graph.evaluate import evaluate\n"
        "from graph.render import render_html\n"
        "d = load_debate('tests/fixtures/app/tiny.yaml')\n"
        "c = d.starting_choices()\n"
        "html = render_html(d, evaluate(d, c), c)\n"
        "print('vis' in html, *(m in sys.modules for m in ('IPython', 'IPython.display', 'networkx', 'jsonpickle')))\n"
        "import IPython.display\n"
        "print(callable(IPython.display.display), IPython.display.IFrame.__module__)\n"
    )
    assert out.splitlines() == ["True False False False False", "True IPython.lib.display"]


@pytest.mark.parametrize(
    "module, same_object",
    [
        ("IPython.display", "pyvis.network.IFrame is IPython.display.IFrame"),
        ("networkx", "pyvis.network.nx is networkx"),
    ],
)
def test_a_module_loaded_before_pyvis_is_given_to_it_as_it_is(module, same_object):
    out = run(
        f"import {module}\n"
        "from graph.pyvis_import import network_class\n"
        "network_class()\n"  # pyvis is imported here, by network_class
        "import pyvis.network\n"
        f"print({same_object})\n"
    )
    assert out == "True"


def test_the_stand_in_refuses_notebook_display():
    out = run(
        "from graph.pyvis_import import network_class\n"
        "network_class()\n"
        "import pyvis.network\n"
        "try:\n"
        "    pyvis.network.IFrame('x', width=1, height=1)\n"
        "except RuntimeError as exc:\n"
        "    print('refused:', exc)\n"
    )
    assert out.startswith("refused: graph renders HTML with generate_html()")


def test_the_deferred_modules_are_the_real_ones_once_used():
    out = run(
        "from graph.pyvis_import import network_class\n"
        "Network = network_class()\n"
        "import networkx, jsonpickle, pyvis.network\n"
        "print(pyvis.network.nx.DiGraph is networkx.DiGraph, pyvis.network.jsonpickle.encode is jsonpickle.encode)\n"
        "net = Network()\n"
        "net.from_nx(networkx.path_graph(3))\n"
        "print(len(net.nodes), len(net.edges), '\"nodes\"' in net.to_json())\n"
    )
    assert out.splitlines() == ["True True", "3 2 True"]
