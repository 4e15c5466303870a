"""`kg export` / `kg import`: a whole graph moved from the embedded store to Neo4j and back is
the same graph (every node's labels and properties, every relationship between the same nodes),
and search works on it in its new store."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from app.api import schema
from app.api.context import Context
from app.store import GraphStore
from app.store.falkordb_driver import FalkorDBDriver
from app.store.neo4j_driver import Neo4jDriver
from app.store.transfer import export_graph, import_graph
from tests.builders import WORLD, load
from tests.conftest import neo4j_uri
from tests.cypher import delete_all


@pytest.fixture
async def both(falkordb_socket: str) -> AsyncIterator[tuple[GraphStore, GraphStore]]:
    falkor = GraphStore(FalkorDBDriver(f"transfer-{uuid.uuid4().hex[:8]}", unix_socket_path=falkordb_socket))
    neo = GraphStore(Neo4jDriver(neo4j_uri() or "", None, None, None))
    for store in (falkor, neo):
        await store.connect()
        await delete_all(store)
    try:
        yield falkor, neo
    finally:
        for store in (falkor, neo):
            await delete_all(store)
            await store.close()


def _graph(path: Path) -> tuple[Counter[str], Counter[str]]:
    """The exported graph without store ids: nodes as labels and properties, relationships as
    type, properties and the two nodes they join."""
    nodes: dict[int, str] = {}
    rels: list[dict[str, Any]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if "node" in item:
            n = item["node"]
            nodes[n["xid"]] = json.dumps([n["labels"], n["props"]], sort_keys=True, ensure_ascii=False)
        else:
            rels.append(item["rel"])
    edges = Counter(json.dumps([r["type"], r["props"], nodes[r["start"]], nodes[r["end"]]], sort_keys=True,
                               ensure_ascii=False) for r in rels)
    return Counter(nodes.values()), edges


async def _search(store: GraphStore) -> list[Any]:
    result = await schema.execute('{ search(text: "和静 社保") { kind label } }', context_value=Context(store=store))
    assert result.errors is None and result.data
    return list(result.data["search"])


async def test_embedded_to_neo4j_and_back_is_the_same_graph(both: tuple[GraphStore, GraphStore],
                                                             tmp_path: Path) -> None:
    falkor, neo = both
    await load(falkor, *WORLD)
    await falkor.after_writes()  # as a load run leaves it: an import into FalkorDB writes the same histograms
    hits = await _search(falkor)
    assert hits
    first, second, third = tmp_path / "from-falkordb.jsonl", tmp_path / "from-neo4j.jsonl", tmp_path / "again.jsonl"
    moved = await export_graph(falkor, first)
    assert (moved.nodes, moved.relationships) == await falkor.counts()
    assert await import_graph(neo, first) == moved
    await export_graph(neo, second)
    assert _graph(second) == _graph(first)
    assert await _search(neo) == hits
    await delete_all(falkor)
    await import_graph(falkor, second)
    await export_graph(falkor, third)
    assert _graph(third) == _graph(first)
    assert await _search(falkor) == hits


async def test_an_import_goes_into_an_empty_store_only(both: tuple[GraphStore, GraphStore], tmp_path: Path) -> None:
    falkor, _ = both
    await load(falkor, *WORLD)
    await export_graph(falkor, tmp_path / "g.jsonl")
    with pytest.raises(ValueError, match="not empty"):
        await import_graph(falkor, tmp_path / "g.jsonl")


async def test_an_export_read_in_small_pages_is_the_whole_graph(both: tuple[GraphStore, GraphStore],
                                                                 tmp_path: Path) -> None:
    """Spans of three node ids: many pages hold more relationships than nodes, some none at all, and
    the export still holds every relationship once."""
    for store in both:
        await load(store, *WORLD)
        paged, whole = tmp_path / f"{store.name}-paged.jsonl", tmp_path / f"{store.name}-whole.jsonl"
        moved = await export_graph(store, paged, page=3)
        assert moved.relationships > 3 * 10
        assert (moved.nodes, moved.relationships) == await store.counts()
        await export_graph(store, whole)
        assert _graph(paged) == _graph(whole)
