"""Projects filtered by year (and subsidies among them) are counted from the cells of their
documents' roll-ups (graph/rollups.py PROJECTS, SUBSIDIES; graph/browse.py ``Listing.kept``), not
by walking them: the count is the number of matching projects after loads, replacements and
deletes, whether the load has added up its cells of all regions yet or not, and its plan reads no
project. A graph of format 7 gets its projects placed by year (graph/order.py ORDERED_TIES) by the
upgrade."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from app.loading.upgrade import FORMAT, upgrade_graph
from app.store import GraphStore
from app.store.falkordb_driver import FalkorDBDriver
from graph.browse import count_query
from graph.order import UNPLACED
from graph.payload import upsert_params
from tests.builders import BASIS, document, load, project
from tests.cypher import unplace
from tests.graphql import execute
from tests.profiles import profiled_rows
from tests.test_region_counts import corpus

FILTERS: list[dict[str, Any]] = [
    {"fiscalYear": {"min": 2020}}, {"fiscalYear": {"max": 2018}}, {"fiscalYear": {"min": 2017, "max": 2022}},
    {"subsidiesOnly": True}, {"subsidiesOnly": True, "fiscalYear": {"min": 2019}},
    {"subsidiesOnly": True, "fiscalYear": {"min": 2016, "max": 2021}},
]


def _matches(row: dict[str, Any], f: dict[str, Any]) -> bool:
    years = f.get("fiscalYear", {})
    return (row["year"] >= years.get("min", row["year"]) and row["year"] <= years.get("max", row["year"])
            and (row["subsidy"] or not f.get("subsidiesOnly")))


async def assert_counts_exact(store: GraphStore) -> None:
    """Every filter's totalCount, counted from cells, is the number of projects it matches, read
    from the projects."""
    rows = await store.read_built("MATCH (p:Project) RETURN p.fiscalYear AS year, p:Subsidy AS subsidy")
    for f in FILTERS:
        given = {param for param, bound in (("yearMin", "min"), ("yearMax", "max")) if bound in f.get("fiscalYear", {})}
        given |= {"subsidiesOnly"} if f.get("subsidiesOnly") else set()
        assert ":Project" not in count_query("projects", given), f
        data = await execute(store, "query ($f: ProjectFilter) { projects(first: 1, filter: $f) { totalCount } }",
                             f=f)
        assert data["projects"]["totalCount"] == sum(_matches(r, f) for r in rows), f


async def _stale_cells(store: GraphStore) -> int:
    rows = await store.read_built("MATCH (c:StaleCell {level: 'ALL'}) WHERE c.family IN ['PROJECTS', 'SUBSIDIES'] "
                                  "RETURN count(c) AS n")
    return int(rows[0]["n"])


@pytest.mark.parametrize("seed", [5, 11])
async def test_a_projects_count_by_year_and_subsidies_stays_exact_through_loads_replacements_and_deletes(
        store: GraphStore, tmp_path: Path, seed: int) -> None:
    docs = corpus(tmp_path, 16, seed)
    await load(store, *docs[:10])
    assert await _stale_cells(store) > 0  # the load has not added up its cells of all regions: read from regions
    await assert_counts_exact(store)
    await store.write("add_up_all_cells")
    assert await _stale_cells(store) == 0
    await assert_counts_exact(store)
    first = docs[0]
    changed = dataclasses.replace(first, sha256="c" * 64, projects=(
        project("新的补贴项目", 77.5, BASIS), *first.projects[2:]))
    await load(store, changed, *docs[10:])
    await assert_counts_exact(store)
    await store.write("delete_documents", {"ids": [upsert_params(d)["doc"]["id"] for d in (docs[1], docs[11])]})
    await assert_counts_exact(store)
    await store.write("add_up_all_cells")
    await assert_counts_exact(store)
    await store.write("delete_documents", {"ids": [upsert_params(d)["doc"]["id"] for d in docs]})
    await assert_counts_exact(store)


async def test_a_projects_count_by_year_reads_no_project(store: GraphStore) -> None:
    """The count's plan names no project on either store; FalkorDB's profile of it produces as
    many rows with one unit's documents of ten years as with eleven units' (the walk: a row per
    project)."""
    rows: list[int] = []
    for given in ({"yearMin"}, {"yearMin", "subsidiesOnly"}, {"subsidiesOnly"}):
        assert ":Project" not in count_query("projects", given)
    text, params = count_query("projects", {"yearMin"}), {"yearMin": 2018}
    for units in (["和静县社会保险中心"], [f"和静县第{n}社会保险中心" for n in range(10)]):
        await load(store, *[document(unit, year, project("项目", 1.0), project("补贴", 2.0, BASIS),
                                     sha=f"{year}{unit}")
                            for unit in units for year in range(2015, 2025)])
        await store.write("add_up_all_cells")
        assert ":Project" not in "\n".join(await store.plan(text, params))
        if (produced := await profiled_rows(store, text, params)) is not None:
            rows.append(produced)
    data = await execute(store, "{ projects(first: 1, filter: {fiscalYear: {min: 2018}}) { totalCount } }")
    assert data["projects"]["totalCount"] == 11 * 7 * 2
    assert rows == [] or rows[0] == rows[1] < 11 * 7, rows


async def test_a_graph_of_format_7_gets_its_projects_placed_by_year_from_the_upgrade(
        store: GraphStore, tmp_path: Path) -> None:
    await load(store, *corpus(tmp_path, 8, 11))
    await store.after_writes()
    # as format 7 left them: projects with no place by year, a histogram of the years themselves
    await unplace(store, "Project", "projects", "fiscalYear")
    await store.write("stamp_graph_format", {"version": 7})
    assert await upgrade_graph(store) == FORMAT - 7
    await assert_counts_exact(store)
    if isinstance(store.driver, FalkorDBDriver):
        unplaced = await store.read_built("MATCH (p:Project) WHERE p.fiscalYearOrder IS NULL "
                                          "OR p.fiscalYearOrder = $unplaced RETURN count(p) AS n",
                                          {"unplaced": UNPLACED})
        assert unplaced[0]["n"] == 0
        bounds = await store.read_built("MATCH (b:PageBounds {list: 'projects', sort: 'fiscalYear'}) "
                                        "RETURN b.placed AS placed")
        assert bounds == [{"placed": True}]
