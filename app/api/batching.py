"""Batched reads for nested fields: one store round-trip per field per request, whatever the
number of parents (no N+1).

Every batch query in graph/queries/ takes ``$ids`` and returns ``key``/``item`` rows (or ``keys``:
every id sharing the item); one loader class serves them all.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from functools import partial
from typing import Any, NamedTuple

from strawberry.dataloader import DataLoader

from app.api.relay import raw_key
from app.store import GraphStore
from graph.browse import batched
from graph.catalogue import query
from graph.projection import narrowed

Item = Any
Row = dict[str, Any]
Read = tuple[str, dict[str, Any]]
_UNBATCHABLE = {"limit", "skip"}  # LIMIT and SKIP take a parameter, not a value read per row


class _Gathered(NamedTuple):
    """The keys of the lists asked for in one turn, and the read of their items (one for all of them)."""

    keys: list[str]
    found: asyncio.Task[list[list[Item]]]


async def _read_groups(store: GraphStore, query_name: str, text: str | None, keys: list[str]) -> list[list[Item]]:
    """The items of each key from a named batch query (or its narrowed ``text``). What a loader loads
    with, apart from the loader: a loader given its own bound method was in a reference cycle with it,
    and with it every row it had cached stayed until the cyclic collector came (at 10,000 documents a
    policy's 4,210 funded projects: ~0.75 MiB of garbage a request in a soak). Keys may be Relay
    global ids or graph keys: the query gets graph keys."""
    graph_keys = [raw_key(key) for key in keys]
    params = {"ids": list(dict.fromkeys(graph_keys))}
    rows = await (store.read_built(text, params) if text else store.read(query_name, params))
    grouped: dict[str, list[Item]] = defaultdict(list)
    for row in rows:
        for key in row["keys"] if "keys" in row else (row["key"],):
            grouped[key].append(row["item"])
    return [grouped.get(key, []) for key in graph_keys]


class GroupLoader(DataLoader[str, list[Item]]):
    """Items per key from a named batch query (or its ``text`` narrowed to fewer properties), in the
    query's order."""

    def __init__(self, store: GraphStore, query_name: str, text: str | None = None) -> None:
        self._read = partial(_read_groups, store, query_name, text)
        self._gathering: _Gathered | None = None
        super().__init__(load_fn=self._read)

    async def many(self, keys: list[str]) -> list[list[Item]]:
        """Items per key for a whole list of parents at once (app/api/types/related.py), no future per
        key; the lists asked for in one turn of the event loop (a field of each of 20 documents'
        projects, each list completed on its own) are read together, as ``load`` batches keys."""
        if not keys:
            return []
        if self._gathering is None:
            asked: list[str] = []
            self._gathering = _Gathered(asked, asyncio.ensure_future(self._read_gathered(asked)))
        gathered = self._gathering
        start = len(gathered.keys)
        gathered.keys.extend(keys)
        # shielded: a list whose task is cancelled leaves the read to the other lists
        return (await asyncio.shield(gathered.found))[start:start + len(keys)]

    async def _read_gathered(self, keys: list[str]) -> list[list[Item]]:
        await asyncio.sleep(0)  # a turn for the other lists to be asked for
        self._gathering = None
        return await self._read(keys)

    async def one(self, key: str) -> Item | None:
        items = await self.load(key)
        return items[0] if items else None


class BuiltReads(DataLoader[Read, list[Row]]):
    """Reads a builder composed (graph/browse.py), batched: the reads of one text that differ only in
    some parameters (each parent's key: a nested page under every unit of a list) are sent as one
    query (``graph.browse.batched``), so nested pages cost one round-trip per field, not per parent."""

    def __init__(self, store: GraphStore) -> None:
        super().__init__(load_fn=partial(_built_reads, store), cache=False)  # not a bound method (see _read_groups)


async def _built_reads(store: GraphStore, reads: list[Read]) -> list[list[Row]]:
    """The rows of each read (text, parameters): those of one text that differ in some parameters in one query."""
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, (text, _) in enumerate(reads):
        by_text[text].append(i)
    out: list[list[Row]] = [[] for _ in reads]
    for text, indexes in by_text.items():
        params = [reads[i][1] for i in indexes]
        names = set().union(*params)
        varying = sorted(n for n in names if any(p.get(n) != params[0].get(n) for p in params))
        if len(indexes) == 1 or not varying or _UNBATCHABLE & set(varying):
            for i, given in zip(indexes, params, strict=True):
                out[i] = await store.read_built(text, given)
            continue
        shared = {n: params[0].get(n) for n in names if n not in varying}
        batch = [{n: p.get(n) for n in varying} for p in params]
        for row in await store.read_built(batched(text, varying), {**shared, "batch": batch}):
            out[indexes[row.pop("batchIndex")]].append({k: v for k, v in row.items() if k != "batchRow"})
    return out


class Loaders:
    """The request's loaders, created lazily by query name and cached for the request."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._loaders: dict[str, GroupLoader] = {}
        self.built = BuiltReads(store)

    async def read_built(self, text: str, params: dict[str, Any]) -> list[Row]:
        """A builder's read, batched with the same read for other parents (see BuiltReads)."""
        return await self.built.load((text, params))

    def __getitem__(self, query_name: str) -> GroupLoader:
        if query_name not in self._loaders:
            self._loaders[query_name] = GroupLoader(self._store, query_name)
        return self._loaders[query_name]

    def narrowed(self, query_name: str, label: str, chosen: tuple[str, ...] | None) -> GroupLoader:
        """The loader of ``query_name`` returning only the ``chosen`` properties of its ``label``
        items (all of them when None), one per choice and request."""
        if chosen is None:
            return self[query_name]
        key = f"{query_name}|{','.join(chosen)}"
        if key not in self._loaders:
            text = narrowed(query(query_name, self._store.name), label, chosen)
            self._loaders[key] = GroupLoader(self._store, query_name, text)
        return self._loaders[key]
