"""Relay global object identification: one opaque id per entity, whatever its type, that
``node(id:)`` fetches again.

A global id is the URL-safe base64 of ``Type:key``, where key is the entity's identity in the
graph: a unit's key (its name with former organisational suffixes mapped to the current ones, so
a renamed unit keeps it), a document's unit key, year and kind, a project's document and name, a
policy's canonical 发文字号 or title key, a region's name, a 功能分类 code. Clients must treat it
as opaque. The keys the API handed out before global ids are still accepted wherever an id is
(``raw_key`` tells one from the other), so links saved by earlier clients keep working.
"""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache

import strawberry

NODE_TYPES = ("BudgetDocument", "DataQualityFinding", "FunctionClass", "Indicator", "LoadRun", "Policy", "Project",
              "Region", "Unit")


@strawberry.interface(description="An object with a global id (Relay): opaque, stable across reloads and unit "
                      "renames; node(id:) and nodes(ids:) fetch it again.")
class Node:
    id: strawberry.ID


IDS_KEPT = 1 << 15
"""How many global ids each of :func:`global_id` and :func:`decode` remembers: a request encodes one per object
it answers and decodes one per parent whose relations it reads (135 projects' units), mostly the same ids
request after request; a 10,000-item answer's fit."""


@lru_cache(maxsize=IDS_KEPT)
def global_id(type_name: str, key: str) -> strawberry.ID:
    """The opaque id of the ``type_name`` entity whose graph key is ``key``."""
    return strawberry.ID(base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("="))


@lru_cache(maxsize=IDS_KEPT)
def decode(node_id: str) -> tuple[str, str] | None:
    """(type name, key) of a global id; None for anything else (an old key, a typo)."""
    try:
        text = base64.urlsafe_b64decode(node_id + "=" * (-len(node_id) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    type_name, sep, key = text.partition(":")
    return (type_name, key) if sep and type_name in NODE_TYPES and key else None


def raw_key(node_id: str) -> str:
    """The graph key behind ``node_id``, a global id or a key as the API gave it before global ids."""
    decoded = decode(node_id)
    return decoded[1] if decoded else node_id
