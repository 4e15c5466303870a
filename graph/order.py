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

That placing reads what the new rows need, not the whole list (graph/browse.py ``Placing``): the
rows at the anchors the page histogram keeps (every 16th place) and the new rows, sorted together
by the engine as a page sorts them, put each new row in a bucket between two anchors; within its
bucket (read by a range over the place index) the engine finds its neighbours, comparing texts as
a page does, and :func:`fill` spreads the new rows between them. Only a bucket whose gap is used
up is placed again (:func:`places` between its anchors), and only a list with no anchors yet (an
earlier version's), one a load grew by a share (app/store/falkordb_driver.py), or one whose
anchors are out of order or with no room left is read whole.
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
ORDERED_TIES = {"BudgetDocument": ("fiscalYear",), "Project": ("fiscalYear",), "Indicator": ("score",)}
"""Numeric sort keys that many rows share (a year: about 830 documents and several thousand
projects each at 10,000 documents; an indicator's score: a few dozen values among 180,000
indicators), given a place as ordered texts are: a histogram of the values themselves cannot
split a year, so a page by year would sort every document of its year; one of places (value, key)
can."""
UNORDERED_TEXT = {"FunctionClass": ("name",), "LoadRun": ("startedAt",), "DataQualityFinding": ("check",)}
"""The other text sort keys (reference data, a few runs, findings a reviewer may add): their pages
are read unbounded."""
UNPLACED = -1
GAP = 1 << 20  # between two places given at once: rows written later fit between them
END = 1 << 53  # places stay below (exact as floats too); an earlier version's codes of letters lay above


def order_property(sort: str) -> str:
    return f"{sort}Order"


def placed_sorts(label: str) -> tuple[str, ...]:
    """The sort keys of ``label`` given a place: its ordered texts and ties."""
    return (*ORDERED_TEXT.get(label, ()), *ORDERED_TIES.get(label, ()))


def with_order_keys(label: str, props: dict[str, Any]) -> dict[str, Any]:
    """``props`` of a ``label`` node, each of its placed sort keys that it has not placed yet."""
    given = [s for s in ORDERED_TEXT.get(label, ()) if isinstance(props.get(s), str)]
    given += [s for s in ORDERED_TIES.get(label, ()) if isinstance(props.get(s), int | float)]
    return {**props, **{order_property(s): UNPLACED for s in given}}


class Crowded(Exception):
    """No room left for the rows between two fixed places: a wider stretch must be placed again."""


def places(current: Sequence[int | None], low: int = UNPLACED, high: int | None = None) -> dict[int, int]:
    """New places for rows listed in (text, key) order with their ``current`` places: by index,
    those that need one so that places grow strictly along the list. A place kept is one that
    grows from the last kept and leaves room for the rows waiting before it; the waiting rows
    (unplaced, or placed out of order) get places spread evenly in the gap. Places that would
    reach :data:`END` are all given again.

    ``low`` and ``high``: the places of the rows just before and after the listed ones (a stretch
    of the list, placed again when a gap in it is used up): all places stay between them, or
    :class:`Crowded`. With no ``high`` the list ends there: rows past the last kept are
    :data:`GAP` apart."""
    found: dict[int, int] = {}
    waiting: list[int] = []
    last = low  # the last place kept or given
    ceiling = END if high is None else high

    def settle(upto: int) -> None:
        for n, i in enumerate(waiting, start=1):
            found[i] = last + (upto - last) * n // (len(waiting) + 1)

    for i, place in enumerate(current):
        if place is not None and last + len(waiting) < place < ceiling:
            settle(place)
            waiting.clear()
            last = place
        else:
            waiting.append(i)
    if high is None:
        settle(last + GAP * (len(waiting) + 1))
        if last + GAP * len(waiting) < END:
            return found
    elif last + len(waiting) < high:
        settle(high)
        return found
    if all(place is None for place in current):
        raise Crowded
    return places([None] * len(current), low, high)


Gap = tuple[int, int | None]
"""The places of the placed rows just before and after a new row (None after: the list's end)."""


def fill(gaps: Sequence[Gap]) -> list[int | None]:
    """Places for new rows listed in (text, key) order, each with its :data:`Gap`: the rows of a
    gap spread evenly in it (:func:`places`); None for those of a gap with no room left.
    :class:`Crowded` when the gaps do not follow the list's order (the placed rows are not in
    order: the list must be placed again whole)."""
    given: list[int | None] = []
    start = 0
    while start < len(gaps):
        end = start
        while end < len(gaps) and gaps[end] == gaps[start]:
            end += 1
        low, high = gaps[start]
        if end < len(gaps) and (high is None or gaps[end][0] < high):
            raise Crowded
        try:
            spread = places([None] * (end - start), low, high)
            given += [spread[i] for i in range(end - start)]
        except Crowded:
            given += [None] * (end - start)
        start = end
    return given
