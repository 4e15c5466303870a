"""Neo4j adapter over the official async driver.

A read's rows come back as few records (its columns' values collected into lists by the server):
the async driver reads each record with socket reads of its own, each wrapped in a task and a timer
(the server's connection.recv_timeout_seconds hint), so 2,700 rows took 0.15 s to read against
0.013 s as one record (0.8 s against 0.07 s without neo4j-rust-ext), and more under concurrent
requests. A text's columns are learnt from its first run that returns rows, read as usual; one
whose columns are not all named by identifiers, or whose values hold nodes, relationships or paths
(which ``Record.data()`` turns into their properties, slowly) keeps being read as usual, as does
one a subquery refuses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl
from neo4j.exceptions import (
    ConnectionPoolError,
    CypherSyntaxError,
    DatabaseUnavailable,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Entity, Path

from app.store.port import Result, StoreUnavailable, WriteCounts
from graph.dialect import neo4j_drop_statement, neo4j_retired, neo4j_schema_statements, schema_statement_name

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _entities(value: Any) -> bool:
    if isinstance(value, list):
        return any(_entities(v) for v in value)
    if isinstance(value, dict):
        return any(_entities(v) for v in value.values())
    return isinstance(value, Entity | Path)


CHUNK = 250
"""Rows a record carries: each connection keeps a buffer as big as the biggest message it received,
so a whole answer of thousands of projects in one record grew every pooled connection's by
megabytes (the service's RSS rose past 1.5 GiB in a 50-client soak); 250 rows make few records."""


def collected(cypher: str, columns: tuple[str, ...]) -> str:
    """``cypher`` (a read returning ``columns``) answering records of ``rows``: lists of up to
    :data:`CHUNK` of its rows' values, in its order."""
    return (f"CALL {{\n{cypher}\n}}\nWITH collect([{', '.join(f'`{c}`' for c in columns)}]) AS rows\n"
            f"UNWIND range(0, size(rows) - 1, {CHUNK}) AS chunk\nRETURN rows[chunk..chunk + {CHUNK}] AS rows")


class Neo4jDriver:
    name = "neo4j"

    def __init__(self, uri: str, user: str | None, password: str | None, database: str | None) -> None:
        self._uri = uri
        self._auth = (user, password) if user and password else None
        self._database = database
        self._driver: AsyncDriver | None = None
        # each read text's columns, once it returned rows (None: it is read row by row)
        self._columns: dict[str, tuple[str, ...] | None] = {}

    async def connect(self) -> None:
        # One catalogue serves every graph: "label does not exist" notifications on a graph that
        # has no indicators yet are noise, not news; real errors still raise.
        # A stopped server must fail a request at once (STORE_UNAVAILABLE: its port refuses the
        # connection), not after the driver's default 30 s of retries; the pool reconnects by itself
        # when it is back. No retry at all: the driver waits 1 s before its first, so a query caught
        # by a server shutting down took 3-3.4 s to fail (bench_faults); the client retries instead.
        # The timeouts only bound a server that does not answer at all: opening a connection (and
        # its HELLO, within the acquisition timeout) waits for this process's event loop too, which
        # a busy service on two loaded cores holds for seconds; at 1 s and 1.5 s a 50-client soak saw
        # new connections time out ("write timed out") against a server that was up.
        # A statement never waits for a pooled connection: GraphStore runs fewer at once than the pool holds.
        self._driver = AsyncGraphDatabase.driver(
            self._uri, auth=self._auth, notifications_min_severity="OFF",
            connection_timeout=5.0, connection_acquisition_timeout=10.0, max_transaction_retry_time=0.0,
        )
        await self._driver.verify_connectivity()

    async def close(self) -> None:
        if self._driver is not None:
            await self._driver.close()
            self._driver = None

    async def run(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> Result:
        if self._driver is None:
            raise RuntimeError("Neo4jDriver.run before connect()")
        columns = None if write else self._columns.get(cypher)
        if columns is not None:
            try:
                records = (await self._execute(collected(cypher, columns), params, write=False)).records
            except CypherSyntaxError:  # it cannot run as a subquery: read it as it is from now on
                self._columns[cypher] = None
            else:
                return Result([dict(zip(columns, row, strict=True)) for record in records for row in record["rows"]])
        result = await self._execute(cypher, params, write=write)
        if not write and cypher not in self._columns and result.records:
            keys = tuple(result.keys)
            plain = all(_IDENTIFIER.fullmatch(k) for k in keys) and not _entities([r.values() for r in result.records])
            self._columns[cypher] = keys if plain else None
        c = result.summary.counters
        counts = WriteCounts(c.nodes_created, c.nodes_deleted, c.relationships_created, c.relationships_deleted)
        return Result([record.data() for record in result.records], counts)

    async def _execute(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> Any:
        assert self._driver is not None
        try:
            return await self._driver.execute_query(
                cypher,  # catalogue text, never built from input: values travel as parameters
                dict(params),
                database_=self._database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            )
        except (ServiceUnavailable, SessionExpired, DatabaseUnavailable, OSError, ConnectionPoolError) as exc:
            raise StoreUnavailable(f"neo4j at {self._uri} is unavailable: {exc}") from exc

    async def plan(self, cypher: str, params: Mapping[str, Any]) -> list[str]:
        if self._driver is None:
            raise RuntimeError("Neo4jDriver.plan before connect()")
        result = await self._driver.execute_query("EXPLAIN " + cypher, dict(params), database_=self._database,
                                                  routing_=RoutingControl.READ)
        lines: list[str] = []

        def walk(step: Mapping[str, Any], depth: int) -> None:
            details = step.get("args", step.get("arguments", {})).get("Details", "")
            lines.append("  " * depth + f"{step['operatorType']} {details}".rstrip())
            for child in step.get("children", []):
                walk(child, depth + 1)

        walk(result.summary.plan or {"operatorType": "?"}, 0)
        return lines

    async def after_writes(self) -> None:
        """Nothing: Neo4j reads a page in index order, with no histogram to keep."""

    async def building(self) -> bool:
        """Never once connected: ``apply_schema`` waited for every index to be online."""
        return False

    async def apply_schema(self) -> None:
        """Only the statements whose index (a constraint's too) the database lacks run: one read at
        start-up, not a write transaction per statement (0.2–0.4 s). Indexes are populated in the
        background; queries planned before one is online would not use it (and the upgrade a
        store's opening runs next would scan), so this waits for any not online yet. Those an
        earlier version created that no query reads any more are dropped
        (:func:`graph.dialect.neo4j_retired`): every write would keep them up."""
        present = {row["name"]: row["state"] for row in
                   (await self.run("SHOW INDEXES YIELD name, state", {}, write=False)).rows}
        for name in neo4j_retired():
            if name in present:
                await self.run(neo4j_drop_statement(name), {}, write=True)
                del present[name]
        missing = [s for s in neo4j_schema_statements() if schema_statement_name(s) not in present]
        for statement in missing:
            await self.run(statement, {}, write=True)
        if missing or any(state != "ONLINE" for state in present.values()):
            await self.run("CALL db.awaitIndexes(600)", {}, write=True)
