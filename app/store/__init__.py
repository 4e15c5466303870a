"""Graph stores: one port (``GraphDriver``), two adapters, one facade (``GraphStore``)."""

from __future__ import annotations

from app.store.factory import open_store
from app.store.graph_store import GraphStore, StoreError
from app.store.port import GraphDriver

__all__ = ["GraphDriver", "GraphStore", "StoreError", "open_store"]
