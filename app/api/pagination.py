# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolver itself is typed)
"""Relay cursor connections, one generic type for every root list: opaque keyset cursors,
bounded page sizes, sorting by an enum, ``totalCount`` counted apart and only when asked.

A page is read by graph/browse.py's ``page`` query from its cursor on, in the order of the sort
key's index; the total by its ``count`` query. Neither collects all matches, so a page deep into
a long list costs what the first one does. A cursor holds the last row's sort value and key;
cursors of earlier versions (an offset) are still accepted.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from app.api.errors import ClientError
from app.store import GraphStore
from graph.browse import (
    FURTHER,
    LISTINGS,
    REACHES,
    UNBOUNDED,
    bound_property,
    boundable,
    bounded_sorts,
    count_query,
    indexed_filters,
    may_lack,
    offset_page_query,
    page_query,
)
from graph.projection import narrowed

MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
T = TypeVar("T")


@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


@strawberry.type(description="One node of a page and the cursor to continue after it.")
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type(description="A page of results (Relay cursor connection) and the total across all pages.")
class Connection(Generic[T]):
    page_info: PageInfo
    edges: list[Edge[T]]
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items match, across all pages (counted only when asked)")
    async def total_count(self) -> int:
        return await self.count()


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@dataclass(frozen=True)
class Cursor:
    """Where a page ends: its last row's sort value and key, or (old cursors) an offset."""

    sort: Any = None
    key: Any = None
    offset: int | None = None


def encode_cursor(sort: Any, key: Any) -> str:
    return base64.b64encode(("key:" + json.dumps([sort, key], ensure_ascii=False)).encode()).decode()


def decode_cursor(cursor: str | None) -> Cursor | None:
    """The position after ``cursor``; a malformed cursor is the client's error, said plainly."""
    if cursor is None:
        return None
    try:
        kind, _, value = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        if kind == "offset" and int(value) >= 0:
            return Cursor(offset=int(value) + 1)
        if kind == "key":
            sort, key = json.loads(value)
            if isinstance(key, str | int) and (sort is None or isinstance(sort, str | int | float)):
                return Cursor(sort=sort, key=key)
        raise ValueError(kind)
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise ClientError(f"invalid cursor {cursor!r}") from exc


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise ClientError(f"first must be between 0 and {MAX_PAGE_SIZE}, got {first}")
    return first


Read = Callable[[str, dict[str, Any]], Awaitable[list[dict[str, Any]]]]


async def paginate(store: GraphStore, listing: str, node: Callable[[dict[str, Any]], T],
                   filters: dict[str, Any], sort: Enum, direction: SortDirection,
                   first: int | None, after: str | None, read: Read | None = None,
                   chosen: tuple[str, ...] | None = None) -> Connection[T]:
    """One page of the root list ``listing`` (graph/browse.py): usually one store round-trip,
    two when the page runs from rows with a sort value into those without; the total is a
    separate query run only if ``totalCount`` is selected. ``read`` runs the built reads (the
    request's batched reads for a nested list: app/api/batching.py; by default the store);
    ``chosen``: the only properties of the listed nodes read (app/api/types/common.py
    ``listed_properties``; None: all they are written)."""
    limit, cursor = page_size(first), decode_cursor(after)
    given = {k: v for k, v in filters.items() if v is not None and v is not False}
    # a nested list's reads are batched in a subquery, which a bounded page's subquery cannot be in
    # on FalkorDB (a nested list's parent filter is never bounded anyway: graph/browse.py boundable)
    own, read = read is None, read or store.read_built
    if chosen is not None:
        read = _narrowing(read, LISTINGS[listing].label, chosen)
    rows = await _rows(read, store.name, listing, given, str(sort.value), direction is SortDirection.DESC, cursor,
                       limit + 1, own)
    edges = [Edge(cursor=encode_cursor(r["sortValue"], r["keyValue"]), node=node(r["item"])) for r in rows[:limit]]

    async def count() -> int:
        found = await read(count_query(listing, given), given)
        return int(found[0]["total"]) if found else 0

    return Connection(edges=edges, count=count,
                      page_info=PageInfo(has_next_page=len(rows) > limit,
                                         end_cursor=edges[-1].cursor if edges else None))


def _narrowing(read: Read, label: str, chosen: tuple[str, ...]) -> Read:
    """``read`` of texts returning only the ``chosen`` properties of their ``label`` items."""
    async def narrowed_read(text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        return await read(narrowed(text, label, chosen), params)
    return narrowed_read


async def _rows(read: Read, dialect: str, listing: str, given: dict[str, Any], sort: str, desc: bool,
                cursor: Cursor | None, fetch: int, own: bool = True) -> list[dict[str, Any]]:
    """Up to ``fetch`` rows after ``cursor``: those with a sort value, then those without (``own``:
    read alone, not batched with other parents' pages, so it may be bounded)."""
    if cursor is not None and cursor.offset is not None:
        text = offset_page_query(listing, given, sort, desc=desc)
        return await read(text, {**given, "skip": cursor.offset, "limit": fetch})
    rows: list[dict[str, Any]] = []
    in_nulls = cursor is not None and cursor.sort is None
    if not in_nulls:
        after = {"afterSort": cursor.sort, "afterKey": cursor.key} if cursor else {}
        text_sort = cursor is not None and isinstance(cursor.sort, str)
        params = {**given, **after, "limit": fetch}
        # FalkorDB sorts every listed node a filter leaves: bounded by the sort key's histogram,
        # unless that falls short (graph/browse.py)
        bounded = (dialect == "falkordb" and own and (listing, sort) in bounded_sorts()
                   and boundable(listing, given, rowwise=True)
                   and not (text_sort and bound_property(listing, sort) == sort))
        # a page a filter leaves short of the bound is read again further (REACHES), then unbounded
        further = REACHES + (FURTHER if indexed_filters(listing, given) else ()) if given else REACHES[:1]
        reaches = [*further, None] if bounded else [None]
        for reach in reaches:
            text = page_query(listing, given, sort, desc=desc, after=cursor is not None, nulls=False, dialect=dialect,
                              text_sort=text_sort, bounded=reach is not None, reach=reach or 1)
            found = await read(text, params)
            rows = [row for row in found if row["keyValue"] is not None]  # a bound with no row within it
            if len(rows) == fetch or (found and abs(found[0].get("bound", 0)) == UNBOUNDED):
                break  # a full page, or the rest of the list
    if len(rows) < fetch and may_lack(listing, sort):
        after_null = in_nulls and cursor is not None
        text = page_query(listing, given, sort, desc=desc, after=after_null, nulls=True, dialect=dialect)
        after = {"afterKey": cursor.key} if after_null and cursor else {}
        rows += await read(text, {**given, **after, "limit": fetch - len(rows)})
    return rows
