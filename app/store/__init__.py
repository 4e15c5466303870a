"""Graph stores: one port (``GraphDriver``), two adapters, one facade (``GraphStore``).

The names below are imported when first used, not with the package: ``kg serve`` starts the
embedded server (``app.store.embedded_server``, standard library only) before it imports the
drivers and the app, so the server reads a big graph meanwhile."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.store.factory import open_store
    from app.store.graph_store import GraphStore, StoreError
    from app.store.port import GraphDriver

__all__ = ["GraphDriver", "GraphStore", "StoreError", "open_store"]
_HOMES = {"GraphDriver": "app.store.port", "GraphStore": "app.store.graph_store",
          "StoreError": "app.store.graph_store", "open_store": "app.store.factory"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
