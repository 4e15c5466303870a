"""Reads through the Neo4j driver's routing: a `neo4j://` URI is served (the driver fetches a routing
table, so a cluster's readers can answer), every statement a GraphQL request runs goes as a read
transaction, and the loader's writes as write transactions."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import RoutingControl

from app.api import schema
from app.api.context import Context
from app.store import GraphStore
from app.store.neo4j_driver import Neo4jDriver
from tests.builders import HEJING, load
from tests.conftest import neo4j_uri
from tests.cypher import delete_all

QUERY = """{ documents(first: 5) { totalCount edges { node { title unit { name region { name } } projects { name } } } }
    search(text: "社会保险") { label } }"""


async def test_a_neo4j_uri_routes_every_api_read_as_a_read_and_loads_as_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    store = GraphStore(Neo4jDriver((neo4j_uri() or "").replace("bolt://", "neo4j://"), None, None, None))
    await store.connect()
    sent: list[Any] = []
    driver = store.driver._driver  # type: ignore[attr-defined]  # the adapter's neo4j AsyncDriver
    execute = driver.execute_query

    async def recording(*args: Any, **kwargs: Any) -> Any:
        sent.append(kwargs.get("routing_"))
        return await execute(*args, **kwargs)

    monkeypatch.setattr(driver, "execute_query", recording)
    try:
        await delete_all(store)
        sent.clear()
        await load(store, HEJING)
        assert sent and set(sent) == {RoutingControl.WRITE, RoutingControl.READ}  # counts() reads after writing
        sent.clear()
        result = await schema.execute(QUERY, context_value=Context(store=store))
        assert result.errors is None and result.data is not None
        assert result.data["documents"]["totalCount"] == 1
        assert len(sent) >= 4 and set(sent) == {RoutingControl.READ}
    finally:
        await delete_all(store)
        await store.close()
