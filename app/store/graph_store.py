"""The facade the rest of the app talks to: named queries over any ``GraphDriver``."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from app.store.port import GraphDriver, Result, Row, WriteCounts
from graph.catalogue import query

STATEMENTS_AT_ONCE = 32
"""Statements one process runs on its store at once; the others wait for one to end. Both drivers'
pools hold 100 connections and fail a statement that finds none free (FalkorDB's at once with "Too
many connections", Neo4j's after its acquisition timeout): 50 clients whose requests each read
several lists at once reached that, and a store busy answering looked stopped (STORE_UNAVAILABLE,
and a needless restart of the embedded one). Below the pools' size a connection is always free, so
STORE_UNAVAILABLE means the store is gone; a wait here is bounded by the request's own time limit."""


class StoreError(RuntimeError):
    """The store could not be reached or refused a statement; the message says which."""


class GraphStore:
    """Runs catalogue queries by name and counts round-trips (the N+1 tests read the count).

    Usage example::

        store = GraphStore(driver)
        await store.connect()
        rows = await store.read("documents_count")
    """

    def __init__(self, driver: GraphDriver, *, at_once: int = STATEMENTS_AT_ONCE) -> None:
        self.driver = driver
        self.round_trips = 0
        self._turns = asyncio.Semaphore(at_once)

    @property
    def name(self) -> str:
        return self.driver.name

    async def connect(self) -> None:
        try:
            await self.driver.connect()
            await self.driver.apply_schema()
        except Exception as exc:
            raise StoreError(f"{self.driver.name} store unavailable: {exc}") from exc

    async def close(self) -> None:
        await self.driver.close()

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return (await self._run(name, params, write=False)).rows

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        return (await self._run(name, params, write=True)).rows

    async def write_counted(self, name: str, params: Mapping[str, Any] | None = None) -> WriteCounts:
        """Run a write and return what it changed."""
        return (await self._run(name, params, write=True)).counts

    async def read_built(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run a read whose text a builder in graph/ composed from catalogue fragments for this
        dialect (graph/browse.py, graph/search.py); values still travel only as parameters."""
        return (await self._statement(cypher, params, write=False)).rows

    async def write_built(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """A write a builder in graph/ composed (graph/transfer.py); values only as parameters."""
        return (await self._statement(cypher, params, write=True)).rows

    async def after_writes(self) -> None:
        """Once a batch of writes is done (a load run, an import, an upgrade): the store brings what
        it keeps beside the facts up to date (``GraphDriver.after_writes``)."""
        await self.driver.after_writes()

    async def building(self) -> bool:
        """Whether the engine is still building indexes (``GraphDriver.building``)."""
        return await self.driver.building()

    async def plan(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[str]:
        """The engine's plan for a read (operators, one a line), not run."""
        return await self.driver.plan(cypher, params or {})

    async def scalar(self, name: str, params: Mapping[str, Any] | None = None) -> Any:
        rows = await self.read(name, params)
        return next(iter(rows[0].values())) if rows else None

    async def counts(self) -> tuple[int, int]:
        """(nodes, relationships) of the knowledge graph; operational records (load runs, the
        loader lock) are not facts and are not counted."""
        nodes = int(await self.scalar("count_nodes")) - int(await self.scalar("count_records"))
        return nodes, int(await self.scalar("count_relationships"))

    async def _run(self, name: str, params: Mapping[str, Any] | None, *, write: bool) -> Result:
        return await self._statement(query(name, self.driver.name), params, write=write)

    async def _statement(self, cypher: str, params: Mapping[str, Any] | None, *, write: bool) -> Result:
        """One round trip, once fewer than :data:`STATEMENTS_AT_ONCE` others are running."""
        self.round_trips += 1
        async with self._turns:
            return await self.driver.run(cypher, params or {}, write=write)
