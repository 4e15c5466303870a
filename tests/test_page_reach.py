"""A FalkorDB page filtered on the listed node's own properties that a bound one page away leaves
short is read again from further bounds (graph/browse.py ``REACHES``), not at once without a
bound: a filter that keeps one project in 20 (subsidies) reads about the same rows with 2,000 and
with 8,000 projects, and every page, both ways, is the page the unbounded query reads."""

from __future__ import annotations

from typing import Any

from app.api.pagination import Cursor, _rows
from app.store import GraphStore
from app.store.falkordb_driver import FalkorDBDriver
from graph.browse import page_query
from tests.profiles import own_graph
from tests.profiles import produced as rows_produced

SHARE = 20  # one project in SHARE is a subsidy


async def _projects(store: GraphStore, size: int) -> None:
    await store.write_built("UNWIND range(0, $size - 1) AS n CREATE (p:Project {id: 'p' + toString(100000 + n), "
                            "name: 'n', fiscalYear: 2020, budgetWan: toFloat(n)})", {"size": size})
    await store.write_built("MATCH (p:Project) WHERE toInteger(substring(p.id, 1)) % $share = 0 SET p:Subsidy",
                            {"share": SHARE})
    await store.after_writes()


def _reading(store: GraphStore, produced: list[int], where: str = "") -> Any:
    """A read that also adds up the rows FalkorDB's profile of each statement produced (by the
    operators whose line holds ``where``: tests/profiles.py)."""
    driver = store.driver
    assert isinstance(driver, FalkorDBDriver) and driver._db is not None
    graph = driver._db.select_graph(driver._graph_name)

    async def read(text: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        plan = (await graph.profile(text, params)).plan
        produced.append(rows_produced(plan, where))
        return await store.read_built(text, params)
    return read


async def _page(store: GraphStore, cursor: dict[str, Any], desc: bool, produced: list[int]) -> list[tuple[Any, ...]]:
    given = {"subsidiesOnly": True}
    after = Cursor(sort=cursor["afterSort"], key=cursor["afterKey"]) if cursor else None
    rows = await _rows(_reading(store, produced), "falkordb", "projects", given, "budgetWan", desc, after, 6)
    return [(r["sortValue"], r["keyValue"]) for r in rows]


async def _unbounded(store: GraphStore, cursor: dict[str, Any], desc: bool) -> list[tuple[Any, ...]]:
    text = page_query("projects", {"subsidiesOnly"}, "budgetWan", desc=desc, after=bool(cursor), nulls=False,
                      dialect="falkordb")
    rows = await store.read_built(text, {"subsidiesOnly": True, **cursor, "limit": 6})
    return [(r["sortValue"], r["keyValue"]) for r in rows]


async def test_a_page_of_subsidies_by_budget_reads_as_many_rows_with_2000_as_with_8000_projects(
        falkordb_socket: str) -> None:
    produced: list[list[int]] = []
    for size in (2000, 8000):
        async with own_graph(falkordb_socket) as store:
            await _projects(store, size)
            found: list[int] = []
            for desc in (False, True):
                assert await _page(store, {}, desc, found) == await _unbounded(store, {}, desc)
            produced.append(found)
    # read from 8 pages away (a page away holds 5 subsidies, one short); unbounded: a row per subsidy
    assert len(produced[0]) == 4 and produced[0] == produced[1], produced


async def test_pages_of_subsidies_after_any_cursor_are_the_unbounded_pages(falkordb_store: GraphStore) -> None:
    await _projects(falkordb_store, 3000)
    listed = await falkordb_store.read_built("MATCH (p:Project) RETURN p.budgetWan AS v, p.id AS id ORDER BY v, id")
    cursors = [{}, *({"afterSort": r["v"], "afterKey": r["id"]} for r in listed[::173]),
               {"afterSort": 1500.5, "afterKey": "p2"}, {"afterSort": 0.0, "afterKey": ""}]
    for cursor in cursors:
        for desc in (False, True):
            assert await _page(falkordb_store, cursor, desc, []) == await _unbounded(falkordb_store, cursor, desc), \
                (cursor, desc)


async def _indicators(store: GraphStore, projects: int) -> None:
    """``projects`` projects of two years, each with three indicators (ids as the loader keys them)."""
    await store.write_built("UNWIND range(0, $n - 1) AS n CREATE (p:Project {id: 'p' + toString(100000 + n), "
                            "name: 'n', fiscalYear: 2019 + n % 2}) WITH p, n UNWIND range(0, 2) AS k "
                            "CREATE (p)-[:HAS_INDICATOR]->(:Indicator {id: p.id + '|' + toString(k), name: 'i', "
                            "nameOrder: -1, sourceLineStart: n * 3 + k})", {"n": projects})
    await store.after_writes()


async def _indicator_page(store: GraphStore, cursor: dict[str, Any], desc: bool,
                          produced: list[int]) -> list[tuple[Any, ...]]:
    after = Cursor(sort=cursor["afterSort"], key=cursor["afterKey"]) if cursor else None
    rows = await _rows(_reading(store, produced), "falkordb", "indicators", {"yearMin": 2020}, "sourceLineStart",
                       desc, after, 6)
    return [(r["sortValue"], r["keyValue"]) for r in rows]


async def _indicators_unbounded(store: GraphStore, cursor: dict[str, Any], desc: bool) -> list[tuple[Any, ...]]:
    text = page_query("indicators", {"yearMin"}, "sourceLineStart", desc=desc, after=bool(cursor), nulls=False,
                      dialect="falkordb")
    rows = await store.read_built(text, {"yearMin": 2020, **cursor, "limit": 6})
    return [(r["sortValue"], r["keyValue"]) for r in rows]


async def test_indicators_by_their_projects_year_read_a_bucket_not_every_indicator_of_the_years(
        falkordb_socket: str) -> None:
    """Indicators filtered by their project's year (half of them) are read within the histogram's
    bound, each one's project after it: the same rows with 1,000 and 4,000 projects (walked from the
    projects of the year, a row per indicator of it), and after any cursor, both ways, the page the
    unbounded query reads."""
    produced: list[list[int]] = []
    for size in (1000, 4000):
        async with own_graph(falkordb_socket) as store:
            await _indicators(store, size)
            found: list[int] = []
            for desc in (False, True):
                assert await _indicator_page(store, {}, desc, found) == await _indicators_unbounded(store, {}, desc)
            produced.append(found)
            if size == 1000:
                listed = await store.read_built("MATCH (i:Indicator) RETURN i.sourceLineStart AS v, i.id AS id "
                                                "ORDER BY v, id")
                for row in [*listed[::211], {"v": 1500.5, "id": "p2"}]:
                    cursor = {"afterSort": row["v"], "afterKey": row["id"]}
                    for desc in (False, True):
                        assert (await _indicator_page(store, cursor, desc, [])
                                == await _indicators_unbounded(store, cursor, desc)), (cursor, desc)
    assert produced[0] == produced[1], produced


async def _cited(store: GraphStore, projects: int) -> None:
    """``projects`` projects, each the basis of two policies of its own; every third cites one of a 财政 issuer."""
    await store.write_built("UNWIND range(0, $n - 1) AS n CREATE (p:Project {id: 'p' + toString(100000 + n), "
                            "name: 'n', fiscalYear: 2020, budgetWan: toFloat(n)}) WITH p, n UNWIND range(0, 1) AS k "
                            "CREATE (:Policy {key: p.id + '/' + toString(k), issuer: CASE WHEN k = 1 AND n % 3 = 0 "
                            "THEN '自治区财政厅' ELSE '人社局' END})-[:BASIS_OF]->(p)", {"n": projects})
    await store.after_writes()


async def _cited_page(store: GraphStore, cursor: dict[str, Any], desc: bool, produced: list[int],
                      bounded: bool = True) -> list[tuple[Any, ...]]:
    if not bounded:
        text = page_query("projects", {"issuer"}, "budgetWan", desc=desc, after=bool(cursor), nulls=False,
                          dialect="falkordb")
        rows = await store.read_built(text, {"issuer": "财政", **cursor, "limit": 6})
    else:
        after = Cursor(sort=cursor["afterSort"], key=cursor["afterKey"]) if cursor else None
        rows = await _rows(_reading(store, produced), "falkordb", "projects", {"issuer": "财政"}, "budgetWan", desc,
                           after, 6)
    return [(r["sortValue"], r["keyValue"]) for r in rows]


async def test_projects_by_an_issuer_of_their_policies_read_a_bucket_each_once(falkordb_socket: str) -> None:
    """Projects filtered by an issuer of the policies they rest on (two each) are read within the
    histogram's bound, each one's policies after it, each project once: the same rows with 1,000
    and 4,000 projects (walked from the policies, a row per policy of the issuer), and after any
    cursor, both ways, the page the unbounded query reads."""
    produced: list[list[int]] = []
    for size in (1000, 4000):
        async with own_graph(falkordb_socket) as store:
            await _cited(store, size)
            found: list[int] = []
            for desc in (False, True):
                assert (await _cited_page(store, {}, desc, found)
                        == await _cited_page(store, {}, desc, [], bounded=False))
            produced.append(found)
            if size == 1000:
                for n in [*range(0, 1000, 137), 999]:
                    cursor = {"afterSort": float(n), "afterKey": f"p{100000 + n}"}
                    for desc in (False, True):
                        assert (await _cited_page(store, cursor, desc, [])
                                == await _cited_page(store, cursor, desc, [], bounded=False)), (cursor, desc)
    assert produced[0] == produced[1], produced
