"""FalkorDB pages by a number many documents, projects or indicators share (a year, a score) are
bounded by their places in (value, id) order (graph/order.py ORDERED_TIES): a page reads about a
bucket of rows however many share its value, and after any cursor (a row's, a gone row's, a moved
row's, or a bare value's) it is the page the unbounded query reads, or falls short of it."""

from __future__ import annotations

from typing import Any

import pytest

from app.loading.upgrade import FORMAT, upgrade_graph
from app.store import GraphStore
from app.store.falkordb_driver import FalkorDBDriver
from graph.browse import BOUNDS_STEP, LISTINGS, page_query
from graph.order import UNPLACED, order_property
from tests.cypher import unplace
from tests.profiles import own_graph
from tests.profiles import produced as rows_produced

YEARS = 3
LISTS = ["documents", "projects", "indicators"]
"""The lists whose rows are placed by a value they share (the loader writes a project's name with it)."""
SORTS = {"documents": "fiscalYear", "projects": "fiscalYear", "indicators": "score"}


async def _documents(store: GraphStore, keys: range, name: str = "documents") -> None:
    """Rows of the list ``name`` as the loader leaves them before the load's placing: a value each
    (a year; a score, an indicator of a project of its own, keyed as the loader keys it), unplaced."""
    label, sort = LISTINGS[name].label, SORTS[name]
    key = "'d' + toString(100000 + n)"
    row = f"{sort}: 2020 + n % $years, title: 't', name: 't', {order_property(sort)}: $unplaced"
    create = (f"CREATE (:Project {{id: {key}, name: 'p', fiscalYear: 2020}})-[:HAS_INDICATOR]->"
              f"(:Indicator {{id: {key} + '|' + toString(n % 10), {row}}})" if name == "indicators"
              else f"CREATE (:{label} {{id: {key}, {row}}})")
    await store.write_built(f"UNWIND $keys AS n {create}", {"keys": list(keys), "years": YEARS, "unplaced": UNPLACED})


async def _page(store: GraphStore, cursor: dict[str, Any], *, desc: bool, bounded: bool,
                profile: bool | str = False, name: str = "documents") -> tuple[list[tuple[int, str]], int]:
    """The page of 5 after ``cursor`` and, when ``profile``, the rows FalkorDB's plan produced
    (of every operator; of the listed rows' index scan with ``profile="scan"``)."""
    text = page_query(name, set(), SORTS[name], desc=desc, after=bool(cursor), nulls=False,
                      dialect="falkordb", bounded=bounded)
    params = {**cursor, "limit": 5}
    # a bounded page with no row within its bound returns the bound in a row with no key
    rows = [(r["sortValue"], r["keyValue"]) for r in await store.read_built(text, params) if r["keyValue"] is not None]
    produced = 0
    if profile and isinstance(store.driver, FalkorDBDriver) and store.driver._db is not None:
        plan = (await store.driver._db.select_graph(store.driver._graph_name).profile(text, params)).plan
        scan = f"Index Scan | ({LISTINGS[name].x}:{LISTINGS[name].label})"
        lines = [str(line) for line in plan if profile != "scan" or scan in str(line)]
        produced = rows_produced(lines)
    return rows, produced


def _after(row: tuple[int, str]) -> dict[str, Any]:
    return {"afterSort": row[0], "afterKey": row[1]}


@pytest.mark.parametrize("name", LISTS)
async def test_a_page_by_year_reads_about_a_bucket_however_many_documents_share_the_year(
        falkordb_socket: str, name: str) -> None:
    """With 200 and with 1,000 documents a year, the first pages either way, the page after the
    150th document and the page after a bare year produce the same rows in FalkorDB's profile
    (bounded by the year alone, the first page sorted a whole year)."""
    produced = []
    for size in (600, 3000):
        async with own_graph(falkordb_socket) as store:
            await _documents(store, range(size), name)
            await store.after_writes()
            whole, _ = await _page(store, {"afterSort": 0, "afterKey": ""}, desc=False, bounded=False, name=name)
            cursors = [({}, False), ({}, True), (_after(whole[0]), False)]
            listed = (await store.read_built(f"MATCH (d:{LISTINGS[name].label}) RETURN d.{SORTS[name]} AS year, "
                                             "d.id AS id ORDER BY year, id"))
            cursors += [(_after((listed[150]["year"], listed[150]["id"])), False),
                        ({"afterSort": 2021, "afterKey": ""}, False)]
            found = []
            for cursor, desc in cursors:
                rows, count = await _page(store, cursor, desc=desc, bounded=True, profile=True, name=name)
                assert rows == (await _page(store, cursor, desc=desc, bounded=False, name=name))[0]
                found.append(count)
            produced.append(found)
    assert produced[0] == produced[1], produced


@pytest.mark.parametrize("name", LISTS)
async def test_pages_by_year_after_any_cursor_are_the_unbounded_pages(falkordb_store: GraphStore, name: str) -> None:
    """Documents placed, then some deleted (their cursors find no row), some moved to another year
    (unplaced, as a write leaves them) and new ones written: before and after the next placing,
    each bounded page after every kind of cursor, both ways, is the unbounded page or a part of it;
    once placed, a full one that read about a bucket of its year's 500 documents (from the cursor's
    row, or from the last boundary of the histogram before a cursor whose row is gone or moved)."""
    label, sort = LISTINGS[name].label, SORTS[name]
    await _documents(falkordb_store, range(1500), name)
    await falkordb_store.after_writes()
    listed = await falkordb_store.read_built(f"MATCH (d:{label}) RETURN d.{sort} AS year, d.id AS id "
                                             "ORDER BY year, id")
    cursors = [(r["year"], r["id"]) for r in listed[::97]]
    cursors += [(year, key) for year in range(2019, 2020 + YEARS + 1) for key in ("", "d2")]
    await falkordb_store.write_built(f"MATCH (d:{label}) WHERE d.id ENDS WITH '3' DETACH DELETE d")
    await falkordb_store.write_built(f"MATCH (d:{label}) WHERE d.id ENDS WITH '7' "
                                     f"SET d.{sort} = d.{sort} + 1, d.{order_property(sort)} = $unplaced",
                                     {"unplaced": UNPLACED})
    await _documents(falkordb_store, range(1500, 1620), name)
    for placing in (False, True):
        if placing:
            await falkordb_store.after_writes()
        for (year, key) in cursors:
            for desc in (False, True):
                cursor = _after((year, key))
                bounded, scanned = await _page(falkordb_store, cursor, desc=desc, bounded=True, profile="scan",
                                               name=name)
                unbounded = (await _page(falkordb_store, cursor, desc=desc, bounded=False, name=name))[0]
                assert bounded == unbounded[:len(bounded)], (cursor, desc)
                if placing:
                    assert len(bounded) == 5 or len(unbounded) < 5, (cursor, desc)
                    if len(unbounded) == 5:
                        assert scanned <= 2 * BOUNDS_STEP + 5, (cursor, desc, scanned)


async def test_a_graph_of_format_9_gets_its_indicators_placed_by_score_from_the_upgrade(
        falkordb_store: GraphStore) -> None:
    """Format 9 kept no place by score and a histogram of the scores themselves: the upgrade places
    every indicator and writes the histogram of places, and a page by score then reads a bucket."""
    await _documents(falkordb_store, range(1500), "indicators")
    await falkordb_store.after_writes()
    await unplace(falkordb_store, "Indicator", "indicators", "score")
    await falkordb_store.write("stamp_graph_format", {"version": 9})
    assert await upgrade_graph(falkordb_store) == FORMAT - 9
    unplaced = await falkordb_store.read_built("MATCH (i:Indicator) WHERE i.scoreOrder IS NULL OR i.scoreOrder = $no "
                                               "RETURN count(i) AS n", {"no": UNPLACED})
    assert unplaced == [{"n": 0}]
    rows, scanned = await _page(falkordb_store, {"afterSort": 2021, "afterKey": "d2"}, desc=False, bounded=True,
                                profile="scan", name="indicators")
    assert len(rows) == 5 and scanned <= 2 * BOUNDS_STEP + 5, (rows, scanned)
