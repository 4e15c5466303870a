"""aggregate() answers from the documents' roll-ups (graph/rollups.py) exactly what adding up the
facts themselves answers: every drilldown and filter, on the seeds and on a generated corpus, after
a document is re-loaded changed and after one is deleted; and the scope filter counts a unit's
money once by default."""

from __future__ import annotations

import dataclasses
import itertools
import math
from typing import Any

import pytest

from app.api.aggregate import (
    _DIMENSIONS,
    _FUNCTION_DIGITS,
    _REGION_DEPTH,
    AggregateFacts,
    Dimension,
    _direct,
    _rollup,
    _rollup_reads,
)
from app.api.aggregate import _group_params as group_params
from app.api.filters import AggregateFilter, AggregateScope, IntRange, filter_params
from app.api.types import DocumentKind
from app.loading.upgrade import upgrade_graph
from app.store import GraphStore
from graph.catalogue import query
from graph.payload import upsert_params
from loaders import read_document
from loaders.facts import DocumentFacts, DocumentScope
from loaders.pipeline import prepare
from samples.generate import generate_corpus
from tests.builders import ALLOCATION, BASIS, document, load, project
from tests.corpus import seed
from tests.graphql import execute

FILTERS: dict[AggregateFacts, list[AggregateFilter]] = {
    AggregateFacts.PROJECTS: [
        AggregateFilter(), AggregateFilter(subsidies_only=True), AggregateFilter(fiscal_year=IntRange(min=2024)),
        AggregateFilter(region="巴音郭楞蒙古自治州"), AggregateFilter(policy="巴财社〔2024〕51号"),
        AggregateFilter(policy="新政办发〔2010〕168号", subsidies_only=True), AggregateFilter(scope=AggregateScope.ALL),
        AggregateFilter(scope=AggregateScope.UNIT), AggregateFilter(unit="昌吉回族自治州社会保险中心"),
    ],
    AggregateFacts.SPENDING: [
        AggregateFilter(), AggregateFilter(kind=DocumentKind.BUDGET), AggregateFilter(function_code_prefix="208"),
        AggregateFilter(function_code_prefix="2080"), AggregateFilter(function_code_prefix="208010"),
        AggregateFilter(region="昌吉回族自治州", fiscal_year=IntRange(max=2025)),
        AggregateFilter(scope=AggregateScope.DEPARTMENT),
    ],
}


def drilldowns(facts: AggregateFacts) -> list[tuple[Dimension, ...]]:
    """Every drilldown of up to two dimensions the facts answer."""
    dimensions = sorted(_DIMENSIONS[facts], key=list(Dimension).index)
    return [c for n in range(3) for c in itertools.combinations(dimensions, n)
            if sum(d in _FUNCTION_DIGITS for d in c) <= 1 and sum(d in _REGION_DEPTH for d in c) <= 1]


EXTREMES = ("budgetMinWan", "budgetMaxWan", "executedMinWan", "executedMaxWan")
"""What a roll-up read without $extremes leaves null."""


def same(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        for key in x.keys() | y.keys():
            u, v = x.get(key), y.get(key)
            if isinstance(u, float) or isinstance(v, float):
                if u is None or v is None or not math.isclose(u, v, rel_tol=1e-9, abs_tol=1e-9):
                    return False
            elif u != v:
                return False
    return True


async def assert_rollups_match_facts(store: GraphStore) -> int:
    """Every drilldown × filter the roll-ups answer gives, from every read of roll-ups or their
    cells that answers it, the cells adding up the facts gives."""
    compared = 0
    for facts in AggregateFacts:
        for drilldown, given in itertools.product(drilldowns(facts), FILTERS[facts]):
            params = {**filter_params(given), **group_params(list(drilldown), 5001)}
            plan = _rollup(facts, list(drilldown), params)
            if plan is None:
                continue
            direct = await store.read(_direct(facts, list(drilldown)), params)
            lean = [row | dict.fromkeys(EXTREMES) for row in direct]
            for name, read in _rollup_reads(list(drilldown), params):
                rolled = await store.read(name, {**params, **plan, **read})
                assert same(rolled, direct), (facts, drilldown, given, name, read, rolled[:3], direct[:3])
                rolled = await store.read(name, {**params, **plan, **read, "extremes": False})
                assert same(rolled, lean), (facts, drilldown, given, name, read, rolled[:3], lean[:3])
            compared += bool(direct)
    return compared


async def test_rollups_answer_as_the_facts_on_the_seeds(store: GraphStore) -> None:
    for n in range(5):
        await store.write("upsert_document", upsert_params(read_document(seed(n))))
    assert await assert_rollups_match_facts(store) > 150


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[DocumentFacts]:
    folder = tmp_path_factory.mktemp("rollup-corpus")
    facts = []
    for doc in generate_corpus(16, 5, scale=True):
        (folder / doc.filename).write_text(doc.text, encoding="utf-8")
        facts.append(read_document(folder / doc.filename))
    return facts


async def test_rollups_answer_as_the_facts_on_a_generated_corpus_reloaded_and_pruned(
        store: GraphStore, generated: list[DocumentFacts]) -> None:
    for facts in generated:
        await store.write("upsert_document", upsert_params(facts))
    assert await assert_rollups_match_facts(store) > 150
    # A document re-loaded changed: its projects, amounts and policies are not what they were.
    first = generated[0]
    changed = dataclasses.replace(first, sha256="c" * 64, projects=(
        project("新的补贴项目", 77.5, BASIS, ALLOCATION, people=12), *(
            dataclasses.replace(p, budget_wan=(p.budget_wan or 0) + 1.25) for p in first.projects[1:])))
    await load(store, changed)
    await store.write("delete_documents", {"ids": [upsert_params(generated[1])["doc"]["id"]]})
    assert await assert_rollups_match_facts(store) > 150
    rows = await store.read_built("MATCH (r:Rollup) WHERE NOT (r)<-[:ROLLS_UP]-(:BudgetDocument) RETURN count(r) AS n")
    assert rows[0]["n"] == 0


async def test_a_graph_loaded_before_cells_gets_them_from_the_upgrade(
        store: GraphStore, generated: list[DocumentFacts]) -> None:
    """Roll-ups written before they had cells (no cell, no RollupCell) are placed in cells by the
    upgrade (app/loading/upgrade.py) of a graph with no format stamp, without loading anything again."""
    for facts in generated[:6]:
        await store.write("upsert_document", upsert_params(facts))
    await store.write_built("MATCH (c:RollupCell) DETACH DELETE c")
    await store.write_built("MATCH (r:Rollup) REMOVE r.cell")
    assert await upgrade_graph(store) > 0
    assert await assert_rollups_match_facts(store) > 100
    assert await store.read("units_with_unplaced_rollups") == []


async def test_a_stale_cell_of_all_regions_reads_as_its_region_cells_until_added_up(
        store: GraphStore, generated: list[DocumentFacts]) -> None:
    """A document's write leaves the cells of all regions above its region cells marked stale (a
    load adds them up once at its end: add_up_all_cells); a read meanwhile answers from the region
    cells a stale one holds, so every read still gives the facts' cells."""
    for facts in generated:
        await store.write("upsert_document", upsert_params(facts))
    stale = await store.read_built("MATCH (c:StaleCell) RETURN DISTINCT c.level AS level")
    assert stale == [{"level": "ALL"}]
    assert await assert_rollups_match_facts(store) > 150
    await store.write("add_up_all_cells")
    assert await store.read_built("MATCH (c:StaleCell) RETURN c.key AS key") == []
    assert await assert_rollups_match_facts(store) > 150


UNIT = "和静县社会保险中心"


async def test_a_region_that_gets_a_parent_later_moves_the_rollups_of_its_units(store: GraphStore) -> None:
    """A document that knew its unit's county only (no parent), then another unit's document that
    places the county in its prefecture: the first unit's roll-ups and cells are in the prefecture
    and province too (by region, prefecture, province, and a region filter), as the facts are."""
    alone = upsert_params(prepare(document(UNIT, 2025, project("县级项目", 40.0, BASIS))))
    await store.write("upsert_document", {**alone, "regions": [{"name": alone["region"], "parent": None}]})
    await load(store, document("和静县财政局", 2025, project("财政项目", 5.0, BASIS), sha="f" * 64))
    assert await assert_rollups_match_facts(store) > 20
    data = await execute(store, '{ aggregate(drilldown: [REGION], filter: {region: "巴音郭楞蒙古自治州"}) '
                                "{ cells { region { name } budgetWan } } }")
    assert data["aggregate"]["cells"] == [{"region": {"name": "和静县"}, "budgetWan": 45.0}]


def unit_document(facts: DocumentFacts) -> DocumentFacts:
    """``facts`` as the unit's own 单位 document, from a file of its own."""
    return dataclasses.replace(facts, path=facts.path + ".unit",
                               header=dataclasses.replace(facts.header, scope=DocumentScope.UNIT))


async def totals_by_scope(store: GraphStore) -> dict[AggregateScope | None, tuple[dict[int, float], float]]:
    """Budget by year and in all under each scope (None: the default), through the API."""
    totals = {}
    for scope in (None, *AggregateScope):
        given = "" if scope is None else f"filter: {{scope: {scope.name}}}, "
        data = await execute(store, f"{{ aggregate({given}drilldown: [FISCAL_YEAR]) "
                                    "{ cells { fiscalYear budgetWan } summary { count budgetWan } } }")
        totals[scope] = ({c["fiscalYear"]: c["budgetWan"] for c in data["aggregate"]["cells"]},
                         data["aggregate"]["summary"]["budgetWan"])
    return totals


async def test_by_default_a_unit_counts_once_its_unit_document_before_its_department_one(store: GraphStore) -> None:
    consolidated = document(UNIT, 2025, project("部门合计项目", 100.0, BASIS))  # 部门: the template's default
    alone = unit_document(document(UNIT, 2025, project("单位项目", 60.0, BASIS), sha="d" * 64))
    other_year = document(UNIT, 2024, project("上年项目", 10.0))  # a 部门 document with no 单位 one beside it
    await load(store, consolidated, alone, other_year)
    totals = await totals_by_scope(store)
    assert totals[None] == totals[AggregateScope.EACH_UNIT_ONCE] == ({2024: 10.0, 2025: 60.0}, 70.0)
    assert totals[AggregateScope.ALL] == ({2024: 10.0, 2025: 160.0}, 170.0)
    assert totals[AggregateScope.DEPARTMENT] == ({2024: 10.0, 2025: 100.0}, 110.0)
    assert totals[AggregateScope.UNIT] == ({2025: 60.0}, 60.0)
    assert await assert_rollups_match_facts(store) > 20


async def test_the_department_document_counts_again_when_the_unit_document_is_gone(store: GraphStore) -> None:
    """Whether a 部门 document counts depends on the unit's other documents: deleting the 单位
    one, or re-writing its file as another unit's, makes it count again (roll-ups as the facts)."""
    consolidated = document(UNIT, 2025, project("部门合计项目", 100.0, BASIS))
    alone = unit_document(document(UNIT, 2025, project("单位项目", 60.0, BASIS), sha="d" * 64))
    await load(store, consolidated, alone, unit_document(document(UNIT, 2024, project("上年项目", 10.0))))
    assert (await totals_by_scope(store))[None] == ({2024: 10.0, 2025: 60.0}, 70.0)
    other = dataclasses.replace(alone, sha256="e" * 64, header=dataclasses.replace(
        alone.header, unit_name="昌吉回族自治州社会保险中心"))  # the same file, now another unit's
    await load(store, other)
    assert (await totals_by_scope(store))[None] == ({2024: 10.0, 2025: 160.0}, 170.0)
    assert await assert_rollups_match_facts(store) > 10
    await load(store, alone)
    assert (await totals_by_scope(store))[None] == ({2024: 10.0, 2025: 60.0}, 70.0)
    await store.write("delete_documents", {"ids": [upsert_params(prepare(alone))["doc"]["id"]]})
    assert (await totals_by_scope(store))[None] == ({2024: 10.0, 2025: 100.0}, 110.0)
    assert await assert_rollups_match_facts(store) > 10


@pytest.mark.parametrize("given", [
    AggregateFilter(region="巴音郭楞蒙古自治州", unit=UNIT, fiscal_year=IntRange(min=2024)),
    AggregateFilter(region="巴音郭楞蒙古自治州"), AggregateFilter()])
@pytest.mark.parametrize("drilldown", [[Dimension.PREFECTURE, Dimension.UNIT], [Dimension.POLICY]])
async def test_the_rollups_read_walks_no_relationship(store: GraphStore, given: AggregateFilter,
                                                      drilldown: list[Dimension]) -> None:
    """Every read of roll-ups or their cells starts from an index (a unit's roll-ups from their
    unit's, the others from their family's), never a document, unit or region (every engine's
    plan): what it filters and groups by is written on the roll-up or cell."""
    await load(store, document(UNIT, 2025, project("单位项目", 60.0, BASIS)))
    params = {**filter_params(given), **group_params(drilldown, 10)}
    for name, read in _rollup_reads(drilldown, params):
        plan = await store.plan(query(name, store.name), {
            **params, **(_rollup(AggregateFacts.PROJECTS, drilldown, params) or {}), **read})
        assert any("Index" in line and "Rollup" in line for line in plan), (name, plan)
        walks = ("Expand", "Traverse", "LabelScan", "Label Scan", "AllNodes", "All Node")
        assert not [line for line in plan if any(w in line for w in walks)], (name, plan)


@pytest.mark.parametrize("facts", list(AggregateFacts))
async def test_the_facts_read_seeks_the_unit_filtered_on(store: GraphStore, facts: AggregateFacts) -> None:
    """A unit filter of the queries adding up the facts finds the unit by its id's index, from
    its name's unit key (as unit(name:) does), never by reading every unit's names."""
    await load(store, document(UNIT, 2025, project("单位项目", 60.0, BASIS)))
    for drilldown in ([Dimension.FISCAL_YEAR], [Dimension.POLICY] if facts is AggregateFacts.PROJECTS else []):
        params = {**filter_params(AggregateFilter(unit=UNIT)), **group_params(drilldown, 10)}
        plan = await store.plan(query(_direct(facts, drilldown), store.name), params)
        found_by = [line for line in plan if "fu:Unit" in line]
        assert found_by and all("Index" in line for line in found_by), plan


def test_the_rollups_file_each_project_once_per_policy() -> None:
    both = document("测试单位", 2025, project("两种依据", 10.0, BASIS, BASIS), project("无依据", 5.0))
    rollups = {r["family"]: r for r in upsert_params(prepare(both))["rollups"]}
    by_policy = rollups["PROJECTS_BY_POLICY"]
    assert dict(zip(by_policy["keys"], by_policy["count"], strict=True)) == {"": 1, BASIS.key: 1}
    assert rollups["PROJECTS"]["budgetSum"] == [15.0] and "SPENDING" not in rollups


async def test_a_summary_added_up_from_partitioning_cells_is_the_summary_read(store: GraphStore) -> None:
    for n in range(5):
        await store.write("upsert_document", upsert_params(read_document(seed(n))))
    fields = ("count budgetWan budgetCount budgetAvgWan budgetMinWan budgetMaxWan executedWan executedCount "
              "executedAvgWan executedMinWan executedMaxWan")
    for facts, drilldown in [(AggregateFacts.PROJECTS, "FISCAL_YEAR, UNIT"), (AggregateFacts.SPENDING, "FUNCTION_ITEM"),
                             (AggregateFacts.PROJECTS, "PREFECTURE")]:
        data = await execute(store, f"{{ aggregate(facts: {facts.name}, drilldown: [{drilldown}]) {{ truncated "
                                    f"cellsOverlap summary {{ {fields} }} }} }}")
        assert not data["aggregate"]["truncated"] and not data["aggregate"]["cellsOverlap"]
        params = {**filter_params(AggregateFilter()), **group_params([], 2)}
        read = (await store.read("aggregate_rollups", {**params, **(_rollup(facts, [], params) or {})}))[0]
        for name, value in data["aggregate"]["summary"].items():  # the API rounds amounts to 6 decimals
            expected = round(read[name], 6) if isinstance(value, float) else read[name]
            assert value == expected if not isinstance(value, float) else math.isclose(value, expected), name
