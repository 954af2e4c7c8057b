"""Import pyvis's ``Network`` without importing IPython.

pyvis 0.3.2 runs ``from IPython.display import IFrame`` when it is imported,
for ``Network.show`` in a notebook, which this package never calls (it only
uses ``generate_html``).  Importing IPython takes about 0.4 s, a tenth of the
explorer page's cold start.  So while pyvis is imported, and only when
IPython is not loaded already, ``IPython`` and ``IPython.display`` are
stand-ins whose ``IFrame`` raises; both are removed from ``sys.modules``
right after, so any later ``import IPython`` gets the real one.  If IPython
is already loaded (a notebook), pyvis gets the real one too.
"""
from __future__ import annotations

import sys
import threading
import types
from typing import Any

__all__ = ["network_class"]

_STAND_INS = ("IPython", "IPython.display")
_lock = threading.Lock()


class _NoNotebook:
    """What pyvis's ``Network.show`` would build in a notebook: not here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("graph renders HTML with generate_html(); IPython display is not available")


def network_class() -> type:
    """``pyvis.network.Network``, imported without IPython when possible."""
    with _lock:
        if "pyvis.network" in sys.modules or "IPython" in sys.modules:
            from pyvis.network import Network

            return Network
        package = types.ModuleType("IPython")
        package.__path__ = []  # a package, so "IPython.display" resolves below it
        display = types.ModuleType("IPython.display")
        display.IFrame = _NoNotebook
        package.display = display
        sys.modules.update({"IPython": package, "IPython.display": display})
        try:
            from pyvis.network import Network
        finally:
            for name, stand_in in zip(_STAND_INS, (package, display)):
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]
        return Network
