"""FalkorDB's profile of a statement as the rows its operators produced: what the tests of flat
reads compare between a small graph and a bigger one (a walk grows with the graph, a seek does not)."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

from app.store import GraphStore
from app.store.falkordb_driver import FalkorDBDriver

_PRODUCED = re.compile(r"Records produced: (\d+)")


def produced(plan: Iterable[object], where: str = "") -> int:
    """Rows the operators of a FalkorDB profile ``plan`` produced: of every operator, or of those whose
    line holds ``where`` (a pattern such as ``areaMember:RollupCell``)."""
    return sum(int(m[1]) for line in map(str, plan) if where in line for m in [_PRODUCED.search(line)] if m)


async def profiled_rows(store: GraphStore, text: str, params: dict[str, Any], where: str = "") -> int | None:
    """:func:`produced` by ``text`` run with ``params`` on ``store``; None on a store with no such profile (Neo4j)."""
    driver = store.driver
    if not isinstance(driver, FalkorDBDriver) or driver._db is None:
        return None
    return produced((await driver._db.select_graph(driver._graph_name).profile(text, params)).plan, where)


@asynccontextmanager
async def own_graph(socket: str) -> AsyncIterator[GraphStore]:
    """A connected FalkorDB store of a new graph on the tests' server: one per size a test compares."""
    store = GraphStore(FalkorDBDriver(f"test-{uuid.uuid4().hex[:8]}", unix_socket_path=socket))
    await store.connect()
    try:
        yield store
    finally:
        await store.close()
