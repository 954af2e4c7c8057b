"""Import pyvis's ``Network`` without the modules it needs only for what
this package never calls.

pyvis 0.3.2 imports, when it is imported:

- ``IPython.display`` (for ``Network.show`` in a notebook): about 0.4 s;
- ``networkx`` (for ``Network.from_nx``): about 0.2 s;
- ``jsonpickle`` (for ``Network.to_json``): about 0.05 s.

This package only calls ``generate_html``, and those imports were a fifth of
the explorer page's cold start.  So while pyvis is imported, each of them
that is not loaded already is a stand-in in ``sys.modules``, removed right
after, so any later import gets the real module:

- IPython's stand-in ``IFrame`` raises: notebook display is not available;
- networkx's and jsonpickle's stand-ins import the real module on first use
  of any of their attributes, so ``from_nx`` and ``to_json`` still work.

A module already loaded (IPython in a notebook, networkx once the model was
built) is given to pyvis as it is.
"""
from __future__ import annotations

import importlib
import sys
import threading
import types
from typing import Any

__all__ = ["network_class"]

_DEFERRED = ("networkx", "jsonpickle")
_lock = threading.Lock()


class _NoNotebook:
    """What pyvis's ``Network.show`` would build in a notebook: not here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise RuntimeError("graph renders HTML with generate_html(); IPython display is not available")


class _Deferred(types.ModuleType):
    """A module imported on first use of one of its attributes."""

    def __getattr__(self, attr: str) -> Any:
        if sys.modules.get(self.__name__) is self:  # still importing pyvis: no real module yet
            raise AttributeError(attr)
        return getattr(importlib.import_module(self.__name__), attr)


def _stand_ins() -> dict[str, types.ModuleType]:
    out: dict[str, types.ModuleType] = {}
    if "IPython" not in sys.modules:
        package = types.ModuleType("IPython")
        package.__path__ = []  # a package, so "IPython.display" resolves below it
        display = types.ModuleType("IPython.display")
        display.IFrame = _NoNotebook
        package.display = display
        out.update({"IPython": package, "IPython.display": display})
    for name in _DEFERRED:
        if name not in sys.modules:
            out[name] = _Deferred(name)
    return out


def network_class() -> type:
    """``pyvis.network.Network``, imported without IPython, networkx and
    jsonpickle when they are not loaded already."""
    with _lock:
        if "pyvis.network" in sys.modules:
            from pyvis.network import Network

            return Network
        stand_ins = _stand_ins()
        sys.modules.update(stand_ins)
        try:
            from pyvis.network import Network
        finally:
            for name, stand_in in stand_ins.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]
        return Network
