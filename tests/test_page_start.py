"""A FalkorDB page sorted by the key a filter ranges over (projects by year from 2021 on, by budget
from an amount) starts its bound at the filter's start, not at the list's, and stops at the
filter's other end (graph/browse.py ``_ranged``): it reads as many rows with 2,000 as with 8,000
projects (from the list's start, its bounds fell short until it read every match unbounded), and
after any cursor, both ways, it is the page the unbounded query reads."""

from __future__ import annotations

from typing import Any

import pytest

from app.api.pagination import Cursor, _rows
from app.store import GraphStore
from graph.browse import BOUNDS_STEP, page_query
from graph.order import UNPLACED
from tests.profiles import own_graph
from tests.test_page_reach import _reading

YEARS = 10  # 2015 to 2024
PAGE = 6
SCAN = "Node By Index Scan | (p:Project)"
NEW = 41  # projects written after the placing of 1,500
RARE = 200  # one project in RARE has a big budget (test_a_page_by_year_of_a_few_big_projects)


async def _projects(store: GraphStore, size: int) -> None:
    """``size`` projects as the loader leaves them before its placing: a year each (in turn), a budget
    that grows with their number."""
    await store.write_built("UNWIND range(0, $size - 1) AS n CREATE (:Project {id: 'p' + toString(100000 + n), "
                            "name: 'n', nameOrder: $unplaced, fiscalYear: 2015 + n % $years, "
                            "fiscalYearOrder: $unplaced, budgetWan: toFloat(n)})",
                            {"size": size, "years": YEARS, "unplaced": UNPLACED})
    await store.after_writes()


def _cases(size: int) -> list[tuple[str, bool, dict[str, Any]]]:
    """(sort, descending, filters): each page starts where the filter does, past most of the list."""
    return [("fiscalYear", False, {"yearMin": 2021}), ("fiscalYear", True, {"yearMax": 2018}),
            ("fiscalYear", False, {"yearMin": 2017, "yearMax": 2017}),
            ("budgetWan", False, {"amountMin": size * 0.6}), ("budgetWan", True, {"amountMax": size * 0.3}),
            ("budgetWan", False, {"amountMin": size * 0.6, "amountMax": size * 0.6 + 20.5})]


async def _page(store: GraphStore, sort: str, desc: bool, given: dict[str, Any], cursor: dict[str, Any],
                produced: list[int], where: str = "") -> list[tuple[Any, ...]]:
    after = Cursor(sort=cursor["afterSort"], key=cursor["afterKey"]) if cursor else None
    rows = await _rows(_reading(store, produced, where), "falkordb", "projects", given, sort, desc, after, PAGE)
    return [(r["sortValue"], r["keyValue"]) for r in rows]


async def _unbounded(store: GraphStore, sort: str, desc: bool, given: dict[str, Any],
                     cursor: dict[str, Any]) -> list[tuple[Any, ...]]:
    text = page_query("projects", set(given), sort, desc=desc, after=bool(cursor), nulls=False, dialect="falkordb")
    rows = await store.read_built(text, {**given, **cursor, "limit": PAGE})
    return [(r["sortValue"], r["keyValue"]) for r in rows]


async def test_a_page_from_a_filters_start_reads_as_many_rows_with_2000_as_with_8000_projects(
        falkordb_socket: str) -> None:
    """The first page of each case, and the page after the last row but one of 2017 (its filter
    stops at 2017: the rest of the year, not every project of the year read again)."""
    produced: list[list[int]] = []
    for size in (2000, 8000):
        async with own_graph(falkordb_socket) as store:
            await _projects(store, size)
            found: list[int] = []
            cases = [(*case, {}) for case in _cases(size)]
            last = (await store.read_built("MATCH (p:Project) WHERE p.fiscalYear = 2017 RETURN p.id AS id "
                                           "ORDER BY id DESC LIMIT 2"))[1]["id"]
            cases.append(("fiscalYear", False, {"yearMax": 2017}, {"afterSort": 2017, "afterKey": last}))
            for sort, desc, given, cursor in cases:
                page = await _page(store, sort, desc, given, cursor, found)
                assert page == await _unbounded(store, sort, desc, given, cursor), (sort, desc, given)
                assert page, (sort, desc, given)
            produced.append(found)
    assert produced[0] == produced[1], produced


@pytest.mark.parametrize("case", range(len(_cases(0))))
async def test_pages_from_a_filters_start_after_any_cursor_are_the_unbounded_pages(
        falkordb_store: GraphStore, case: int) -> None:
    """Cursors of rows before, within and past the filter's range and of bare values, both ways,
    with rows written since the last placing (unplaced, with a year or budget anywhere) and once
    they are placed: then a full page is read at once from about two buckets of rows."""
    size = 1500
    await _projects(falkordb_store, size)
    sort, desc, given = _cases(size)[case]
    listed = await falkordb_store.read_built(f"MATCH (p:Project) RETURN p.{sort} AS v, p.id AS id ORDER BY v, id")
    cursors = [{}, *({"afterSort": r["v"], "afterKey": r["id"]} for r in listed[::89]),
               *({"afterSort": v, "afterKey": k} for v in (2016, 2017, 2021, size * 0.6, size * 0.3)
                 for k in ("", "p2"))]
    await falkordb_store.write_built("UNWIND range(1, $new) AS n CREATE (:Project {id: 'q' + toString(100 + n), "
                                     "name: 'n', nameOrder: $unplaced, fiscalYear: 2015 + n % $years, "
                                     "fiscalYearOrder: $unplaced, budgetWan: toFloat(n * 37)})",
                                     {"years": YEARS, "unplaced": UNPLACED, "new": NEW})
    for placing in (False, True):
        if placing:
            await falkordb_store.after_writes()
        for cursor in cursors:
            for way in (desc, not desc):
                found: list[int] = []
                page = await _page(falkordb_store, sort, way, given, cursor, found, SCAN)
                assert page == await _unbounded(falkordb_store, sort, way, given, cursor), (cursor, way, placing)
                if placing and len(page) == PAGE:  # one read, of about two buckets (and the rows placed in them)
                    assert len(found) == 1 and found[0] <= 2 * BOUNDS_STEP + NEW, (cursor, way, found)


async def _rare(store: GraphStore, size: int, rare: int = RARE) -> None:
    """``size`` projects, a year each in turn; in the order of (year, id), every ``rare``-th has a budget
    of 1,000 (the others less): a filter on an indexed property of the listed node that keeps few."""
    await store.write_built("UNWIND range(0, $size - 1) AS n CREATE (:Project {id: 'p' + toString(100000 + n), "
                            "name: 'n', nameOrder: $unplaced, fiscalYear: 2015 + n % $years, "
                            "fiscalYearOrder: $unplaced, budgetWan: CASE WHEN (n / $years) % $rare = $rare - 1 "
                            "THEN 1000.0 ELSE toFloat(n % 500) END})",
                            {"size": size, "years": YEARS, "unplaced": UNPLACED, "rare": rare})
    await store.after_writes()


async def test_a_page_by_year_of_a_few_big_projects_reads_as_many_rows_with_6000_as_with_24000_projects(
        falkordb_socket: str) -> None:
    """Projects of 1,000 万元 or more (one in RARE) by year: read from bounds ever further until a
    page is full (a bound that holds no row says how far it reached), not every match at once
    without a bound once 64 pages' worth fell short; after any cursor, both ways, the page is the
    unbounded page."""
    produced: list[list[int]] = []
    given = {"amountMin": 1000.0}
    for size in (6000, 24000):
        async with own_graph(falkordb_socket) as store:
            await _rare(store, size)
            found: list[int] = []
            for desc in (False, True):
                page = await _page(store, "fiscalYear", desc, given, {}, found)
                assert page == await _unbounded(store, "fiscalYear", desc, given, {}) and len(page) == PAGE
            produced.append(found)
            if size == 6000:
                listed = await store.read_built("MATCH (p:Project) RETURN p.fiscalYear AS v, p.id AS id "
                                                "ORDER BY v, id")
                for row in [*listed[::233], {"v": 2016, "id": ""}, {"v": 2024, "id": "p2"}]:
                    cursor = {"afterSort": row["v"], "afterKey": row["id"]}
                    for desc in (False, True):
                        assert (await _page(store, "fiscalYear", desc, given, cursor, [])
                                == await _unbounded(store, "fiscalYear", desc, given, cursor)), (cursor, desc)
    assert produced[0] == produced[1], produced


async def test_a_page_of_a_few_big_projects_is_filled_by_a_read_at_most_four_times_as_far_as_it_needed(
        falkordb_socket: str) -> None:
    """One project in 70 of 1,000 万元, by year: 64 pages' worth of rows hold too few, and each further
    read reaches four times as far as the last (graph/browse.py ``FURTHER``), so the read that fills the
    page reads under five pages' worth of matches (reaching eight times as far, it read 41 for 6)."""
    async with own_graph(falkordb_socket) as store:
        await _rare(store, 6000, rare=70)
        found: list[int] = []
        page = await _page(store, "fiscalYear", False, {"amountMin": 1000.0}, {}, found, where=SCAN)
        assert page == await _unbounded(store, "fiscalYear", False, {"amountMin": 1000.0}, {}) and len(page) == PAGE
        assert found[-1] < 5 * PAGE, found
