"""Relay cursor connections over offset pages: cursors are opaque, page sizes are bounded."""

from __future__ import annotations

import base64

import strawberry

MAX_PAGE_SIZE = 500


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: str | None


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """Offset after ``cursor``; a malformed cursor is the client's error, said plainly."""
    if cursor is None:
        return 0
    try:
        kind, _, value = base64.b64decode(cursor.encode()).decode().partition(":")
        if kind != "offset":
            raise ValueError(kind)
        return int(value) + 1
    except ValueError as exc:
        raise ValueError(f"invalid cursor {cursor!r}") from exc


DEFAULT_PAGE_SIZE = 50


def page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise ValueError(f"first must be between 0 and {MAX_PAGE_SIZE}, got {first}")
    return first
