"""A field whose value is a node's related nodes, read by a batch query (``$ids`` → ``key``/``item``
rows, app/api/batching.py), declared once for two readers:

* graphql-core calls ``resolve`` for one parent; the request's loader batches the parents' keys;
* the executor (app/api/execution.py) calls ``many`` once for a whole list of parents (10,000
  projects' units): one read and no future or task per parent.

Both give a parent the same value: its built items (ALL), the first or None (ONE), or the first,
whose absence is a bug (ONLY: a project always has a unit). Optionally the items are put in
``order`` (a sort key of the built items), read with only the properties the selection needs
(``narrowed``: the items' label, whose type is declared ``narrowable``, app/api/types/common.py),
and kept by ``keep``: a test of a built item whose keyword parameters are the field's arguments
(a unit's projects of one ``fiscalYear``). The arguments are the same for every parent of a list
(those of the one field of the selection), so ``many`` reads once whatever they are.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from enum import Enum
from types import MethodType
from typing import Any

from app.api.types.common import Info, Row, selected_properties


class Pick(Enum):
    ALL = "all"
    ONE = "one"
    ONLY = "only"


class Related:
    """A relation read by the batch query ``query`` for a parent's ``key`` (None: nothing related)."""

    def __init__(self, query: str, key: Callable[[Any], str | None], build: Callable[[Row], Any],
                 pick: Pick = Pick.ONE, *, order: Callable[[Any], Any] | None = None, narrowed: str | None = None,
                 keep: Callable[..., bool] | None = None) -> None:
        self.query, self.key, self.build, self.pick = query, key, build, pick
        self.order, self.narrowed, self.keep = order, narrowed, keep
        self.resolve = _resolver(self, keep)
        """The field's resolver: ``(root, info)``, and ``keep``'s arguments when given."""

    async def _resolve(self, root: Any, info: Info, **arguments: Any) -> Any:
        key = self.key(root)
        return self._value(key, [] if key is None else await self._loader(info).load(key), self.build, arguments)

    async def many(self, roots: list[Any], info: Info, **arguments: Any) -> list[Any]:
        """``resolve`` of every root (with the same arguments), read at once."""
        keys = [self.key(root) for root in roots]
        asked = [key for key in keys if key is not None]
        found = dict(zip(asked, await self._loader(info).many(asked), strict=True))
        built: dict[int, Any] = {}  # a row many parents share (their unit) is built once

        def build(row: Row) -> Any:
            if id(row) not in built:
                built[id(row)] = self.build(row)
            return built[id(row)]
        return [self._value(key, [] if key is None else found[key], build, arguments) for key in keys]

    def _loader(self, info: Info) -> Any:
        if self.narrowed is None:
            return info.context.loaders[self.query]
        chosen = selected_properties(info, self.narrowed)
        return info.context.loaders.narrowed(self.query, self.narrowed, chosen)

    def _value(self, key: str | None, rows: list[Row], build: Callable[[Row], Any], arguments: dict[str, Any]) -> Any:
        if self.pick is not Pick.ALL and self.keep is None and self.order is None and rows:
            return build(rows[0])  # the first as read: a project's unit, for each of 10,000 projects
        items = [build(row) for row in rows]
        if self.keep is not None:
            keep = self.keep
            items = [item for item in items if keep(item, **arguments)]
        if self.order is not None:
            items.sort(key=self.order)
        if self.pick is Pick.ALL:
            return items
        if items:
            return items[0]
        if self.pick is Pick.ONLY:
            raise LookupError(f"{self.query}: nothing for {key!r}")
        return None


def _resolver(relation: Related, keep: Callable[..., bool] | None) -> Callable[..., Awaitable[Any]]:
    """``relation``'s resolver, bound to it (the executor finds its ``many`` there), declaring ``keep``'s
    keyword parameters as the field's arguments: strawberry reads them from its signature, their
    annotations in ``keep``'s module."""
    async def resolve(self: Related, root: Any, info: Info, **arguments: Any) -> Any:
        return await self._resolve(root, info, **arguments)
    own = inspect.signature(resolve).parameters
    taken = list(inspect.signature(keep).parameters.values())[1:] if keep else []
    signature = inspect.Signature([own["self"], own["root"], own["info"].replace(annotation=Info), *taken])
    setattr(resolve, "__signature__", signature)  # noqa: B010  (inspect reads it)
    resolve.__module__ = keep.__module__ if keep else __name__
    return MethodType(resolve, relation)


def own_id(node: Any) -> str:
    """The key of a relation read from the node's own id."""
    return str(node.id)
