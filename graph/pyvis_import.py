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
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from jinja2 import Environment

__all__ = ["PyvisNetwork", "network_class"]

_DEFERRED = ("networkx", "jsonpickle")
_lock = threading.Lock()


class PyvisNetwork(Protocol):
    """The part of pyvis's ``Network`` this package uses (pyvis has no type
    information of its own)."""

    nodes: list[dict[str, object]]
    edges: list[dict[str, object]]
    node_ids: list[str]
    height: str
    width: str
    heading: str
    options: object
    templateEnv: Environment

    def __init__(
        self, *, directed: bool = ..., cdn_resources: str = ..., height: str = ..., width: str = ...
    ) -> None: ...

    def generate_html(self) -> str:
        """The page, from pyvis's Jinja template."""
        ...


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
        # Through __dict__ (what setting an attribute does): a ModuleType has no declared attributes.
        display.__dict__["IFrame"] = _NoNotebook
        package.__dict__["display"] = display
        out.update({"IPython": package, "IPython.display": display})
    for name in _DEFERRED:
        if name not in sys.modules:
            out[name] = _Deferred(name)
    return out


def network_class() -> type[PyvisNetwork]:
    """``pyvis.network.Network``, imported without IPython, networkx and
    jsonpickle when they are not loaded already."""
    with _lock:
        if "pyvis.network" in sys.modules:
            from pyvis.network import Network

            loaded: type[PyvisNetwork] = Network  # untyped (Any): given its type here
            return loaded
        stand_ins = _stand_ins()
        sys.modules.update(stand_ins)
        try:
            from pyvis.network import Network
        finally:
            for name, stand_in in stand_ins.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]
        imported: type[PyvisNetwork] = Network
        return imported
