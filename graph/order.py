"""Order keys: an integer written next to a text sort key, in the order of the text.

FalkorDB's range index orders strings otherwise than its comparison operators (graph/dialect.py),
so a range on a text property cannot be answered from it; a range on integers can. A bounded page
(graph/browse.py) ranges over ``<sort>Order``, the text's first code points packed in an integer:
``a <= b`` implies ``key(a) <= key(b)``, so every row a range on the key leaves out sorts after
every row it keeps, and the exact order of the text is applied within the range. The loader writes
the key with the text, in the same statement (graph/payload.py), so it is never stale.
"""

from __future__ import annotations

from typing import Any

ORDERED_TEXT = {"Indicator": ("name",), "Project": ("name",)}
"""The text sort keys given an order key, by label: those the loader writes with the node's own
properties (a unit's name is chosen in Cypher among its documents, so it has none)."""
UNORDERED_TEXT = {"Unit": ("name",), "BudgetDocument": ("title",), "Policy": ("issuer",), "FunctionClass": ("name",),
                  "LoadRun": ("startedAt",), "DataQualityFinding": ("check",)}
"""The other text sort keys: their pages are read unbounded."""
_POINTS, _BITS = 3, 21  # code points kept, bits per code point (Unicode ends below 2**21)


def order_property(sort: str) -> str:
    return f"{sort}Order"


def order_key(text: str) -> int:
    """``text``'s first code points packed in an integer (below 2**63), 0 past its end."""
    points = [ord(c) for c in text[:_POINTS]]
    return sum(p << (_BITS * (_POINTS - 1 - i)) for i, p in enumerate(points))


def with_order_keys(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """``props`` of a ``label`` node with the order key of each of its text sort keys."""
    texts = [s for s in ORDERED_TEXT.get(label, ()) if isinstance(props.get(s), str)]
    return {**props, **{order_property(s): order_key(props[s]) for s in texts}}
