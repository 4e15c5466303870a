"""Neo4j reads come back as one record once a text's columns are known (app/store/neo4j_driver.py):
the rows are those the text gives read as usual, in its order; a text that cannot be read so
(values holding nodes, a column that is no identifier, a clause a subquery refuses) and every
write are read as usual."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from neo4j import AsyncGraphDatabase

from app.store.neo4j_driver import CHUNK, Neo4jDriver
from app.store.port import StoreUnavailable
from tests.conftest import neo4j_uri

pytestmark = pytest.mark.store


@pytest.fixture
async def driver() -> AsyncIterator[Neo4jDriver]:
    driver = Neo4jDriver(neo4j_uri() or "", None, None, None)
    await driver.connect()
    await driver.run("MATCH (n:ReadsProbe) DETACH DELETE n", {}, write=True)
    await driver.run("UNWIND range(1, 30) AS i CREATE (:ReadsProbe {i: i, name: 'n' + toString(i % 7), "
                     "tags: [i, i * 2]})", {}, write=True)
    try:
        yield driver
    finally:
        await driver.run("MATCH (n:ReadsProbe) DETACH DELETE n", {}, write=True)
        await driver.close()


def _texts_sent(driver: Neo4jDriver, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    sent: list[str] = []
    execute = driver._execute

    async def recording(cypher: str, params: Any, *, write: bool) -> Any:
        sent.append(cypher)
        return await execute(cypher, params, write=write)

    monkeypatch.setattr(driver, "_execute", recording)
    return sent


READS = [
    "MATCH (n:ReadsProbe) WHERE n.i > $min RETURN n.i AS i, n {.name, .tags} AS item, null AS none "
    "ORDER BY n.name DESC, n.i LIMIT $limit",
    "MATCH (n:ReadsProbe) WHERE n.i > $min WITH n.name AS name, collect(n.i) AS members "
    "RETURN name, members, size(members) AS count ORDER BY name",
    "MATCH (n:ReadsProbe {i: 1}) RETURN 'one' AS kind, n.i AS i UNION ALL MATCH (n:ReadsProbe) WHERE n.i > $min "
    "RETURN 'more' AS kind, n.i AS i ORDER BY i DESC LIMIT 3",
]


@pytest.mark.parametrize("cypher", READS)
async def test_a_read_as_one_record_gives_the_rows_read_as_usual(driver: Neo4jDriver, cypher: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    sent = _texts_sent(driver, monkeypatch)
    params = {"min": 20, "limit": 6}
    first = (await driver.run(cypher, params, write=False)).rows
    again = (await driver.run(cypher, params, write=False)).rows
    assert first and again == first
    assert sent[0] == cypher and sent[1].startswith("CALL {") and sent[1] != cypher
    none = (await driver.run(cypher, {"min": 99, "limit": 6}, write=False)).rows
    assert none == ([{"kind": "one", "i": 1}] if "UNION" in cypher else [])


async def test_a_read_of_many_rows_comes_in_chunks_in_its_order(driver: Neo4jDriver,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    sent = _texts_sent(driver, monkeypatch)
    cypher = "UNWIND range($n, 1, -1) AS i RETURN i, toString(i) AS text"
    for n in (2 * CHUNK + 1, CHUNK, 1):
        first = (await driver.run(cypher, {"n": n}, write=False)).rows
        assert first == [{"i": i, "text": str(i)} for i in range(n, 0, -1)]
    assert sent[0] == cypher and all(text.startswith("CALL {") for text in sent[1:])


async def test_a_read_learns_its_columns_from_a_run_with_rows(driver: Neo4jDriver,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    sent = _texts_sent(driver, monkeypatch)
    cypher = "MATCH (n:ReadsProbe) WHERE n.i > $min RETURN n.i AS i ORDER BY i"
    assert (await driver.run(cypher, {"min": 99}, write=False)).rows == []
    assert [r["i"] for r in (await driver.run(cypher, {"min": 27}, write=False)).rows] == [28, 29, 30]
    assert [r["i"] for r in (await driver.run(cypher, {"min": 28}, write=False)).rows] == [29, 30]
    assert sent[:2] == [cypher, cypher] and sent[2].startswith("CALL {")


@pytest.mark.parametrize("cypher", [
    "MATCH (n:ReadsProbe {i: 3}) RETURN n",  # a node: its properties, as Record.data() gives them
    "MATCH (n:ReadsProbe {i: 3}) RETURN [n.i, n] AS pair",
    "MATCH (n:ReadsProbe {i: 3}) RETURN n.i, n.name AS name",  # a column no identifier names
    "CALL db.propertyKeys()",  # a procedure's implicit columns: no subquery takes it
])
async def test_a_read_that_cannot_be_one_record_is_read_as_usual(driver: Neo4jDriver, cypher: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    sent = _texts_sent(driver, monkeypatch)
    runs = [(await driver.run(cypher, {}, write=False)).rows for _ in range(3)]
    assert runs[0] and runs[1] == runs[0] and runs[2] == runs[0]
    assert sent[-1] == cypher
    if cypher.endswith("RETURN n"):
        assert runs[0] == [{"n": {"i": 3, "name": "n3", "tags": [3, 6]}}]


async def test_a_write_is_never_one_record(driver: Neo4jDriver, monkeypatch: pytest.MonkeyPatch) -> None:
    sent = _texts_sent(driver, monkeypatch)
    cypher = "MATCH (n:ReadsProbe {i: $i}) SET n.seen = true RETURN n.i AS i"
    for i in (1, 2):
        result = await driver.run(cypher, {"i": i}, write=True)
        assert result.rows == [{"i": i}]
    assert sent == [cypher, cypher]


async def test_a_pool_with_no_connection_free_is_a_store_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool's acquisition timeout (all its connections busy, under load) is reported as the
    store being unavailable (STORE_UNAVAILABLE, which clients retry), not as an internal error."""
    make = AsyncGraphDatabase.driver
    monkeypatch.setattr(AsyncGraphDatabase, "driver", lambda *a, **k: make(*a, **k, max_connection_pool_size=1))
    driver = Neo4jDriver(neo4j_uri() or "", None, None, None)
    await driver.connect()
    assert driver._driver is not None
    session = driver._driver.session()
    held = await session.begin_transaction()  # the pool's one connection
    try:
        with pytest.raises(StoreUnavailable, match="pool"):
            await driver.run("RETURN 1 AS one", {}, write=False)
    finally:
        await held.rollback()
        await session.close()
        await driver.close()
