"""The port every graph database adapter implements.

An adapter only knows how to run a Cypher string and apply the schema on its engine; naming
queries, counting round-trips and everything else lives once in ``GraphStore``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

Row = dict[str, Any]


class StoreUnavailable(RuntimeError):
    """The store cannot be reached right now (stopped, restarting, network): a request fails at
    once with this, and the next ones succeed when the store is back. Adapters raise it for
    their engine's connection errors; clients see the code STORE_UNAVAILABLE."""


@dataclass(frozen=True)
class WriteCounts:
    """What a statement changed, as the engine reports it (for LoadRun records)."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0

    def __add__(self, other: WriteCounts) -> WriteCounts:
        return WriteCounts(*(a + b for a, b in zip(self.as_tuple(), other.as_tuple(), strict=True)))

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.nodes_created, self.nodes_deleted, self.relationships_created, self.relationships_deleted)


@dataclass(frozen=True)
class Result:
    rows: list[Row]
    counts: WriteCounts = field(default_factory=WriteCounts)


class GraphDriver(Protocol):
    name: str

    async def connect(self) -> None:
        """Open connections (and, for the embedded store, start its server)."""

    async def close(self) -> None: ...

    async def run(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> Result:
        """Run one statement in its own transaction; rows as plain dicts/lists/scalars."""
        ...

    async def apply_schema(self) -> None:
        """Create the constraints and indexes of graph/schema.cypher, idempotently."""

    async def plan(self, cypher: str, params: Mapping[str, Any]) -> list[str]:
        """The engine's plan for a read, one operator a line (tests check index use with it)."""
        ...

    async def building(self) -> bool:
        """Whether indexes are still being built: until they are, some reads may miss rows."""
        ...

    async def after_writes(self) -> None:
        """Bring what the engine keeps beside the facts up to date with them, once a batch of writes
        (a load run, an import, an upgrade) is done: FalkorDB's page histograms; nothing on Neo4j."""
