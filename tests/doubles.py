"""Stand-ins for a store in API tests."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any


class BrokenDriver:
    """A store that fails (or hangs first) on every query, to see what a client is told."""

    name = "broken"

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay

    async def connect(self) -> None: ...

    async def close(self) -> None: ...

    async def apply_schema(self) -> None: ...

    async def after_writes(self) -> None: ...

    async def building(self) -> bool:
        return False

    async def run(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> Any:
        await asyncio.sleep(self.delay)
        raise RuntimeError(f"connection refused while running {cypher[:40]}")

    async def plan(self, cypher: str, params: Mapping[str, Any]) -> list[str]:
        return await self.run(cypher, params, write=False)  # type: ignore[no-any-return]  # it raises
