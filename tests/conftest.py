"""Shared fixtures: the seed corpus, and a real store of each kind.

Every store test runs on both engines: FalkorDB (the embedded default, started here in a
temporary folder) and Neo4j (the launcher that ``make test`` starts; its URI comes in
``NEO4J_TEST_URI``). Without that URI the Neo4j cases fail, unless ``KG_SKIP_NEO4J=1`` is set
on purpose for a quick local run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest

from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.neo4j_driver import Neo4jDriver
from tests.cypher import delete_all
from tests.profiles import own_graph


@pytest.fixture(scope="session")
def falkordb_socket(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = EmbeddedFalkorDB(tmp_path_factory.mktemp("falkordb"))
    path = server.start()
    yield str(path)
    server.stop()


@pytest.fixture
async def falkordb_store(falkordb_socket: str) -> AsyncIterator[GraphStore]:
    """An empty, connected FalkorDB store of its own graph (for what only FalkorDB has: plans, profiles)."""
    async with own_graph(falkordb_socket) as graph:
        try:
            yield graph
        finally:
            await delete_all(graph)


def neo4j_uri() -> str | None:
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri is None and os.environ.get("KG_SKIP_NEO4J") == "1":
        pytest.skip("KG_SKIP_NEO4J=1: Neo4j cases skipped on purpose")
    if uri is None:
        pytest.fail("NEO4J_TEST_URI is not set: run the tests with `make test`, which starts Neo4j")
    return uri


@pytest.fixture(params=["falkordb", "neo4j"])
async def store(request: pytest.FixtureRequest) -> AsyncIterator[GraphStore]:
    """An empty, connected store of each kind."""
    if request.param == "falkordb":
        socket_path = request.getfixturevalue("falkordb_socket")
        driver: FalkorDBDriver | Neo4jDriver = FalkorDBDriver(
            f"test-{uuid.uuid4().hex[:8]}", unix_socket_path=socket_path
        )
    else:
        driver = Neo4jDriver(neo4j_uri() or "", None, None, None)
    graph = GraphStore(driver)
    await graph.connect()
    await delete_all(graph)
    try:
        yield graph
    finally:
        await delete_all(graph)
        await graph.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses a store (the ``store`` fixture or the embedded server) is marked ``store``,
    so ``pytest -m "not store"`` runs the pure tests without any database."""
    for item in items:
        if {"store", "falkordb_socket"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.store)
