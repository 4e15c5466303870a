"""Relay cursor connections, one generic type for every root list: opaque offset cursors,
bounded page sizes, sorting by an enum, ``totalCount`` from the same store round-trip.

Every ``*_page`` query in graph/queries/browse.cypher takes the filter parameters plus
``$sort`` (a property name from a sort enum), ``$desc``, ``$skip`` and ``$limit``, and returns
one row: ``total`` and ``items`` (maps of the page's nodes).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from app.api.errors import ClientError
from app.store import GraphStore

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
    total_count: int
    page_info: PageInfo
    edges: list[Edge[T]]


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """Offset after ``cursor``; a malformed cursor is the client's error, said plainly."""
    if cursor is None:
        return 0
    try:
        kind, _, value = base64.b64decode(cursor.encode(), validate=True).decode().partition(":")
        if kind != "offset" or int(value) < 0:
            raise ValueError(kind)
        return int(value) + 1
    except ValueError as exc:
        raise ClientError(f"invalid cursor {cursor!r}") from exc


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise ClientError(f"first must be between 0 and {MAX_PAGE_SIZE}, got {first}")
    return first


async def paginate(store: GraphStore, query_name: str, node: Callable[[dict[str, Any]], T],
                   filters: dict[str, Any], sort: Enum, direction: SortDirection,
                   first: int | None, after: str | None) -> Connection[T]:
    """One page of ``query_name``: one store round-trip whatever is selected."""
    limit, skip = page_size(first), decode_cursor(after)
    rows = await store.read(query_name, {**filters, "sort": sort.value, "desc": direction is SortDirection.DESC,
                                         "skip": skip, "limit": limit})
    total, items = (int(rows[0]["total"]), rows[0]["items"]) if rows else (0, [])
    edges = [Edge(cursor=encode_cursor(skip + i), node=node(item)) for i, item in enumerate(items)]
    return Connection(total_count=total, edges=edges,
                      page_info=PageInfo(has_next_page=skip + len(items) < total,
                                         end_cursor=edges[-1].cursor if edges else None))
