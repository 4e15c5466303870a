"""Neo4j adapter over the official async driver."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase, RoutingControl
from neo4j.exceptions import DatabaseUnavailable, ServiceUnavailable, SessionExpired

from app.store.port import Result, StoreUnavailable, WriteCounts
from graph.dialect import neo4j_schema_statements, schema_statement_name


class Neo4jDriver:
    name = "neo4j"

    def __init__(self, uri: str, user: str | None, password: str | None, database: str | None) -> None:
        self._uri = uri
        self._auth = (user, password) if user and password else None
        self._database = database
        self._driver: AsyncDriver | None = None

    async def connect(self) -> None:
        # One catalogue serves every graph: "label does not exist" notifications on a graph that
        # has no indicators yet are noise, not news; real errors still raise.
        # A stopped server must fail a request within ~2 s (STORE_UNAVAILABLE), not after the
        # driver's default 30 s of retries; the pool reconnects by itself when it is back. No retry
        # at all: the driver waits 1 s before its first, so a query caught by a server shutting down
        # took 3-3.4 s to fail (bench_faults); the client retries instead.
        self._driver = AsyncGraphDatabase.driver(
            self._uri, auth=self._auth, notifications_min_severity="OFF",
            connection_timeout=1.0, connection_acquisition_timeout=1.5, max_transaction_retry_time=0.0,
        )
        await self._driver.verify_connectivity()

    async def close(self) -> None:
        if self._driver is not None:
            await self._driver.close()
            self._driver = None

    async def run(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> Result:
        if self._driver is None:
            raise RuntimeError("Neo4jDriver.run before connect()")
        try:
            result = await self._driver.execute_query(
                cypher,  # catalogue text, never built from input: values travel as parameters
                dict(params),
                database_=self._database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            )
        except (ServiceUnavailable, SessionExpired, DatabaseUnavailable, OSError) as exc:
            raise StoreUnavailable(f"neo4j at {self._uri} is unavailable: {exc}") from exc
        c = result.summary.counters
        counts = WriteCounts(c.nodes_created, c.nodes_deleted, c.relationships_created, c.relationships_deleted)
        return Result([record.data() for record in result.records], counts)

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

    async def apply_schema(self) -> None:
        """Only the statements whose index (a constraint's too) the database lacks run: one read at
        start-up, not a write transaction per statement (0.2–0.4 s). Indexes are populated in the
        background; queries planned before one is online would not use it (and the upgrade a
        store's opening runs next would scan), so this waits for any not online yet."""
        present = {row["name"]: row["state"] for row in
                   (await self.run("SHOW INDEXES YIELD name, state", {}, write=False)).rows}
        missing = [s for s in neo4j_schema_statements() if schema_statement_name(s) not in present]
        for statement in missing:
            await self.run(statement, {}, write=True)
        if missing or any(state != "ONLINE" for state in present.values()):
            await self.run("CALL db.awaitIndexes(600)", {}, write=True)
