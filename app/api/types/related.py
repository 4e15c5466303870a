"""A field whose value is a node's related nodes, read by a batch query (``$ids`` → ``key``/``item``
rows, app/api/batching.py), declared once for two readers:

* graphql-core calls ``resolve`` for one parent; the request's loader batches the parents' keys;
* the executor (app/api/execution.py) calls ``many`` once for a whole list of parents (10,000
  projects' units): one read and no future or task per parent.

Both give a parent the same value: its built items (ALL), the first or None (ONE), or the first,
whose absence is a bug (ONLY: a project always has a unit).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from app.api.types.common import Info, Row


class Pick(Enum):
    ALL = "all"
    ONE = "one"
    ONLY = "only"


class Related:
    """A relation read by the batch query ``query`` for a parent's ``key`` (None: nothing related)."""

    def __init__(self, query: str, key: Callable[[Any], str | None], build: Callable[[Row], Any],
                 pick: Pick = Pick.ONE) -> None:
        self.query, self.key, self.build, self.pick = query, key, build, pick

    async def resolve(self, root: Any, info: Info) -> Any:
        key = self.key(root)
        return self._value(key, [] if key is None else await info.context.loaders[self.query].load(key))

    async def many(self, roots: list[Any], info: Info) -> list[Any]:
        """``resolve`` of every root, read at once."""
        keys = [self.key(root) for root in roots]
        asked = [key for key in keys if key is not None]
        found = dict(zip(asked, await info.context.loaders[self.query].many(asked), strict=True))
        built: dict[int, Any] = {}  # a row many parents share (their unit) is built once

        def build(row: Row) -> Any:
            if id(row) not in built:
                built[id(row)] = self.build(row)
            return built[id(row)]
        return [self._value(key, [] if key is None else found[key], build) for key in keys]

    def _value(self, key: str | None, rows: list[Row], build: Callable[[Row], Any] | None = None) -> Any:
        build = build or self.build
        if self.pick is Pick.ALL:
            return [build(row) for row in rows]
        if rows:
            return build(rows[0])
        if self.pick is Pick.ONLY:
            raise LookupError(f"{self.query}: nothing for {key!r}")
        return None


def own_id(node: Any) -> str:
    """The key of a relation read from the node's own id."""
    return str(node.id)
