"""Documents filtered by year, kind and scope are counted from the cells of their own roll-ups
(graph/rollups.py DOCUMENTS, graph/browse.py ``Listing.kept``), not by walking them: the count
is the number of matching documents after loads, replacements and deletes, whether the load has
added up its cells of all regions yet or not, and its plan reads no document."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from app.loading.upgrade import FORMAT, upgrade_graph
from app.store import GraphStore
from graph.browse import count_query
from graph.payload import upsert_params
from tests.builders import document, load, project
from tests.graphql import execute
from tests.profiles import profiled_rows
from tests.test_region_counts import corpus

FILTERS: list[dict[str, Any]] = [
    {"fiscalYear": {"min": 2020}}, {"fiscalYear": {"max": 2018}}, {"fiscalYear": {"min": 2017, "max": 2022}},
    {"kind": "BUDGET"}, {"scope": "DEPARTMENT"},
    {"fiscalYear": {"min": 2019}, "kind": "FINAL_ACCOUNTS", "scope": "UNIT"},
]


def _matches(doc: dict[str, Any], f: dict[str, Any]) -> bool:
    years = f.get("fiscalYear", {})
    return (doc["year"] >= years.get("min", doc["year"]) and doc["year"] <= years.get("max", doc["year"])
            and doc["kind"] == f.get("kind", doc["kind"]) and doc["scope"] == f.get("scope", doc["scope"]))


async def assert_counts_exact(store: GraphStore) -> None:
    """Every filter's totalCount is the number of documents it matches, read from the documents."""
    docs = await store.read_built("MATCH (d:BudgetDocument) RETURN d.fiscalYear AS year, d.kind AS kind, "
                                  "d.scope AS scope")
    for f in FILTERS:
        data = await execute(store, "query ($f: DocumentFilter) { documents(first: 1, filter: $f) { totalCount } }",
                             f=f)
        assert data["documents"]["totalCount"] == sum(_matches(d, f) for d in docs), f


async def _stale_cells(store: GraphStore) -> int:
    rows = await store.read_built("MATCH (c:StaleCell {family: 'DOCUMENTS', level: 'ALL'}) RETURN count(c) AS n")
    return int(rows[0]["n"])


@pytest.mark.parametrize("seed", [5, 11])
async def test_a_documents_count_by_year_kind_and_scope_stays_exact_through_loads_replacements_and_deletes(
        store: GraphStore, tmp_path: Path, seed: int) -> None:
    docs = corpus(tmp_path, 16, seed)
    await load(store, *docs[:10])
    assert await _stale_cells(store) > 0  # the load has not added up its cells of all regions: read from regions
    await assert_counts_exact(store)
    await store.write("add_up_all_cells")
    assert await _stale_cells(store) == 0
    await assert_counts_exact(store)
    first = docs[0]
    await load(store, dataclasses.replace(first, sha256="c" * 64, projects=first.projects[1:]), *docs[10:])
    await assert_counts_exact(store)
    await store.write("delete_documents", {"ids": [upsert_params(d)["doc"]["id"] for d in (docs[1], docs[11])]})
    await assert_counts_exact(store)
    await store.write("add_up_all_cells")
    await assert_counts_exact(store)
    await store.write("delete_documents", {"ids": [upsert_params(d)["doc"]["id"] for d in docs]})
    await assert_counts_exact(store)
    await store.write("add_up_all_cells")
    assert await store.read_built("MATCH (c:RollupCell {family: 'DOCUMENTS'}) RETURN c.key AS key") == []


async def test_a_documents_count_by_year_reads_no_document(store: GraphStore) -> None:
    """The count's plan names no document on either store; FalkorDB's profile of it produces as
    many rows with one unit's documents of ten years as with eleven units' (the walk: a row per
    document)."""
    text, params = count_query("documents", {"yearMin"}), {"yearMin": 2018}
    rows: list[int] = []
    for units in (["和静县社会保险中心"], [f"和静县第{n}社会保险中心" for n in range(10)]):
        await load(store, *[document(unit, year, project("项目", 1.0), sha=f"{year}{unit}")
                            for unit in units for year in range(2015, 2025)])
        await store.write("add_up_all_cells")
        assert ":BudgetDocument" not in "\n".join(await store.plan(text, params))
        if (produced := await profiled_rows(store, text, params)) is not None:
            rows.append(produced)
    data = await execute(store, "{ documents(first: 1, filter: {fiscalYear: {min: 2018}}) { totalCount } }")
    assert data["documents"]["totalCount"] == 11 * 7
    assert rows == [] or rows[0] == rows[1] < 11 * 7, rows


async def test_a_graph_of_format_5_gets_its_document_roll_ups_from_the_upgrade(store: GraphStore,
                                                                                tmp_path: Path) -> None:
    await load(store, *corpus(tmp_path, 8, 11))
    await store.write_built("MATCH (r:Rollup {family: 'DOCUMENTS'}) DETACH DELETE r")
    await store.write_built("MATCH (c:RollupCell {family: 'DOCUMENTS'}) DETACH DELETE c")
    await store.write("stamp_graph_format", {"version": 5})
    assert await upgrade_graph(store) == FORMAT - 5
    await assert_counts_exact(store)
    assert await store.read_built("MATCH (c:StaleCell) RETURN c.key AS key") == []
