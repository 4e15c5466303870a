"""Places: an integer written next to a text sort key, in the order of (text, node key).

FalkorDB's range index orders strings otherwise than its comparison operators (graph/dialect.py)
and orders no second property, so neither a range on the text nor one on a code of its first
letters can split the rows sharing a text (thousands of indicators share a name). A bounded page
(graph/browse.py) ranges over ``<sort>Order``, the node's *place*: an integer that grows with
(text, key), the order a page reads. A place depends on every other row, so the loader cannot
know it: it writes :data:`UNPLACED` with the text (graph/payload.py), and the end of each load run
places the new rows between their neighbours, in the gaps left between places (:func:`places`).
A page treats an unplaced row as one that may sort anywhere (graph/browse.py), so a page is never
wrong, only unbounded, between a write and the next placing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

ORDERED_TEXT = {"Indicator": ("name",), "Project": ("name",), "Unit": ("name",), "BudgetDocument": ("title",),
                "Policy": ("issuer",)}
"""The text sort keys given a place, by label: those of lists that grow with the documents. The
loader writes each with its text (:func:`with_order_keys`); where Cypher chooses the text among
the documents (a unit's name, a policy's issuer), it keeps the node's place while the text stays
and writes the unplaced one with a new text (graph/queries/ingest.cypher)."""
UNORDERED_TEXT = {"FunctionClass": ("name",), "LoadRun": ("startedAt",), "DataQualityFinding": ("check",)}
"""The other text sort keys (reference data, a few runs, findings a reviewer may add): their pages
are read unbounded."""
UNPLACED = -1
GAP = 1 << 20  # between two places given at once: rows written later fit between them
END = 1 << 53  # places stay below (exact as floats too); an earlier version's codes of letters lay above


def order_property(sort: str) -> str:
    return f"{sort}Order"


def with_order_keys(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """``props`` of a ``label`` node, each of its ordered text sort keys not placed yet."""
    texts = [s for s in ORDERED_TEXT.get(label, ()) if isinstance(props.get(s), str)]
    return {**props, **{order_property(s): UNPLACED for s in texts}}


def places(current: Sequence[int | None]) -> dict[int, int]:
    """New places for rows listed in (text, key) order with their ``current`` places: by index,
    those that need one so that places grow strictly along the list. A place kept is one that
    grows from the last kept and leaves room for the rows waiting before it; the waiting rows
    (unplaced, or placed out of order) get places spread evenly in the gap. Places that would
    reach :data:`END` are all given again."""
    found: dict[int, int] = {}
    waiting: list[int] = []
    last = -1  # the last place kept or given

    def settle(upto: int) -> None:
        for n, i in enumerate(waiting, start=1):
            found[i] = last + (upto - last) * n // (len(waiting) + 1)

    for i, place in enumerate(current):
        if place is not None and last + len(waiting) < place < END:
            settle(place)
            waiting.clear()
            last = place
        else:
            waiting.append(i)
    settle(last + GAP * (len(waiting) + 1))
    if last + GAP * len(waiting) >= END:
        return places([None] * len(current))
    return found
