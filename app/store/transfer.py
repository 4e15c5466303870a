"""``kg export`` / ``kg import``: a whole graph as JSON lines, from any store into any store (the
way a user moves from the embedded store to Neo4j).

    KG_STORE=embedded kg export graph.jsonl
    KG_STORE=neo4j NEO4J_URI=bolt://db:7687 kg import graph.jsonl

One line per node ``{"node": {"xid", "labels", "props"}}``, then one per relationship
``{"rel": {"type", "start", "startLabel", "end", "endLabel", "props"}}``; read and written in
pages, so a graph of any size streams through. An import goes into an empty store only.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.store.graph_store import GraphStore
from graph.dialect import NGRAMS, import_key_index
from graph.transfer import (
    LAST_ID,
    NODES_PAGE,
    RELATIONSHIPS_PAGE,
    create_nodes,
    create_relationships,
    drop_import_keys,
    fulltext_labels,
    span_import_keys,
    span_ngrams,
)

PAGE = 2000


@dataclass(frozen=True)
class Moved:
    nodes: int
    relationships: int


async def export_graph(store: GraphStore, path: Path, page: int = PAGE) -> Moved:
    """Write every node and relationship of ``store`` to ``path``, a span of ``page`` node ids
    (the nodes, then their outgoing relationships) a read."""
    nodes = relationships = 0
    with path.open("w", encoding="utf-8") as out:
        async for row in _pages(store, NODES_PAGE, page):
            props = {k: v for k, v in row["props"].items() if k != NGRAMS}
            out.write(json.dumps({"node": {"xid": row["xid"], "labels": sorted(row["labels"]), "props": props}},
                                 ensure_ascii=False) + "\n")
            nodes += 1
        async for row in _pages(store, RELATIONSHIPS_PAGE, page):
            rel = {k: row[k] for k in ("type", "start", "startLabel", "end", "endLabel", "props")}
            out.write(json.dumps({"rel": rel}, ensure_ascii=False) + "\n")
            relationships += 1
    return Moved(nodes, relationships)


async def _pages(store: GraphStore, text: str, page: int) -> AsyncIterator[dict[str, Any]]:
    """The rows of ``text`` for node ids in spans of ``page`` up to the largest id (a span of
    deleted ids is an empty page, not the end)."""
    last = (await store.read_built(LAST_ID))[0]["last"]
    for after in range(-1, -1 if last is None else last, page):
        for row in await store.read_built(text, {"after": after, "upto": after + page}):
            yield row


async def import_graph(store: GraphStore, path: Path) -> Moved:
    """Create the graph of ``path`` in ``store``, which must hold no nodes."""
    if await store.read_built("MATCH (n) RETURN n LIMIT 1"):
        raise ValueError(f"the {store.name} store is not empty: an import goes into an empty store")
    labels = sorted({label for line in _lines(path) if "node" in line for label in line["node"]["labels"]})
    for label in labels:
        await store.write_built(import_key_index(store.name, label, create=True))
    try:
        nodes = await _batched(store, path, "node", lambda n: (tuple(n["labels"]),),
                               lambda key: create_nodes(key[0]), lambda n: {"xid": n["xid"], "props": n["props"]})
        relationships = await _batched(store, path, "rel", lambda r: (r["type"], r["startLabel"], r["endLabel"]),
                                       lambda key: create_relationships(*key),
                                       lambda r: {"start": r["start"], "end": r["end"], "props": r["props"]})
        if store.name == "falkordb":  # its search pairs are not exported: written here, by spans of node ids
            last = (await store.read_built(LAST_ID))[0]["last"]
            for after in range(-1, -1 if last is None else last, PAGE):
                span = {"after": after, "upto": after + PAGE, "searched": fulltext_labels()}
                await store.write_built(span_import_keys(), span)
                await store.write_built(span_ngrams(), span)
        else:
            for label in labels:
                while (await store.write_built(drop_import_keys(label), {"limit": PAGE}))[0]["done"]:
                    pass
    finally:
        for label in labels:
            await store.write_built(import_key_index(store.name, label, create=False))
    await store.after_writes()
    return Moved(nodes, relationships)


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a graph export line: {exc}") from exc


Item = dict[str, Any]


async def _batched(store: GraphStore, path: Path, kind: str, group: Callable[[Item], tuple[Any, ...]],
                   text: Callable[[tuple[Any, ...]], str], row: Callable[[Item], Item]) -> int:
    """Write the ``kind`` lines of ``path`` in pages of one group (label set, or type and labels)."""
    pending: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    written = 0
    for line in _lines(path):
        if kind not in line:
            continue
        item = line[kind]
        key = group(item)
        pending[key].append(row(item))
        if len(pending[key]) >= PAGE:
            await store.write_built(text(key), {"rows": pending.pop(key)})
        written += 1
    for key, rows in pending.items():
        await store.write_built(text(key), {"rows": rows})
    return written
