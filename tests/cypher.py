"""Cypher only the tests run (the service never does): emptying a store, counting its nodes by label,
listing its load runs, taking a sort's places away as an earlier format left them. Kept here, not in
the catalogue (graph/queries/), on both engines alike."""

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


async def unplace(store: GraphStore, label: str, listed: str, sort: str) -> None:
    """``label``'s rows without a place by ``sort`` and the histogram of list ``listed`` by the values
    themselves, as a format before places by ``sort`` left them (for the upgrade that places them)."""
    await store.write_built(f"MATCH (n:{label}) REMOVE n.{sort}Order")
    await store.write_built("MATCH (b:PageBounds {list: $list, sort: $sort}) REMOVE b.placed, b.anchors, "
                            "b.anchorTexts, b.anchorKeys, b.ascendingValues, b.ascendingKeys, b.descendingValues, "
                            "b.descendingKeys", {"list": listed, "sort": sort})
