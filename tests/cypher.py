"""Cypher only the tests run (the service never does): emptying a store, counting its nodes by label,
listing its load runs. Kept here, not in the catalogue (graph/queries/), on both engines alike."""

from __future__ import annotations

from app.store import GraphStore
from app.store.port import Row

# In pieces: one transaction for a big graph outgrows Neo4j's transaction memory.
_DELETE_SOME = "MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(n) AS deleted"
_COUNT_BY_LABEL = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label"
_LOAD_RUNS = "MATCH (r:LoadRun) RETURN r {.*} AS run ORDER BY r.startedAt"


async def delete_all(store: GraphStore) -> None:
    while (await store.driver.run(_DELETE_SOME, {}, write=True)).rows[0]["deleted"]:
        pass


async def count_by_label(store: GraphStore) -> list[Row]:
    return (await store.driver.run(_COUNT_BY_LABEL, {}, write=False)).rows


async def load_runs(store: GraphStore) -> list[Row]:
    return (await store.driver.run(_LOAD_RUNS, {}, write=False)).rows
