"""Batched reads for nested fields: one store round-trip per field per request, whatever the
number of parents (no N+1).

Every batch query in graph/queries/ takes ``$ids`` and returns ``key``/``item`` rows; one
loader class serves them all.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from strawberry.dataloader import DataLoader

from app.api.relay import raw_key
from app.store import GraphStore

Item = Any


class GroupLoader(DataLoader[str, list[Item]]):
    """Items per key from a named batch query, in the query's order."""

    def __init__(self, store: GraphStore, query_name: str) -> None:
        self._store = store
        self._query_name = query_name
        super().__init__(load_fn=self._batch)

    async def _batch(self, keys: list[str]) -> list[list[Item]]:
        """Keys may be Relay global ids or graph keys: the query gets graph keys."""
        graph_keys = [raw_key(key) for key in keys]
        rows = await self._store.read(self._query_name, {"ids": list(dict.fromkeys(graph_keys))})
        grouped: dict[str, list[Item]] = defaultdict(list)
        for row in rows:
            grouped[row["key"]].append(row["item"])
        return [grouped.get(key, []) for key in graph_keys]

    async def one(self, key: str) -> Item | None:
        items = await self.load(key)
        return items[0] if items else None

    async def only(self, key: str) -> Item:
        """The item of a relation the graph always has (a project's unit); its absence is a bug."""
        item = await self.one(key)
        if item is None:
            raise LookupError(f"{self._query_name}: nothing for {key!r}")
        return item


class Loaders:
    """The request's loaders, created lazily by query name and cached for the request."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._loaders: dict[str, GroupLoader] = {}

    def __getitem__(self, query_name: str) -> GroupLoader:
        if query_name not in self._loaders:
            self._loaders[query_name] = GroupLoader(self._store, query_name)
        return self._loaders[query_name]
