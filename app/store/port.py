"""The port every graph database adapter implements.

An adapter only knows how to run a Cypher string and apply the schema on its engine; naming
queries, counting round-trips and everything else lives once in ``GraphStore``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

Row = dict[str, Any]


class GraphDriver(Protocol):
    name: str

    async def connect(self) -> None:
        """Open connections (and, for the embedded store, start its server)."""

    async def close(self) -> None: ...

    async def run(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> list[Row]:
        """Run one statement in its own transaction; rows as plain dicts/lists/scalars."""
        ...

    async def apply_schema(self) -> None:
        """Create the constraints and indexes of graph/schema.cypher, idempotently."""
