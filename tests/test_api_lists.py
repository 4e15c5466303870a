"""Root lists: every family reachable, filtered by what a researcher asks, sorted, paged."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from app.store import GraphStore
from loaders.facts import DocumentScope
from tests.builders import WORLD, document, load
from tests.graphql import execute


def names(data: dict[str, Any], root: str, field: str = "name") -> list[Any]:
    return [edge["node"][field] for edge in data[root]["edges"]]


@pytest.mark.parametrize(("filter_", "expected"), [
    ({"fiscalYear": {"min": 2025}}, ["95年以前退休人员生活费", "社会保险宣传费", "自治区国有企业改革成本"]),
    ({"fiscalYear": {"max": 2023}}, ["95年以前退休人员生活费"]),
    ({"region": "巴音郭楞蒙古自治州"}, ["自治区国有企业改革成本", "自治区国有企业改革成本"]),
    ({"unit": "昌吉回族自治州社会保险管理局"}, ["95年以前退休人员生活费", "95年以前退休人员生活费", "社会保险宣传费"]),
    ({"policy": "巴财企[2024]58号"}, ["自治区国有企业改革成本", "自治区国有企业改革成本"]),
    ({"issuer": "巴音郭楞"}, ["自治区国有企业改革成本", "自治区国有企业改革成本"]),
    ({"budgetWan": {"min": 39, "max": 111}}, ["95年以前退休人员生活费", "自治区国有企业改革成本"]),
    ({"subsidiesOnly": True, "fiscalYear": {"min": 2025}}, ["95年以前退休人员生活费", "自治区国有企业改革成本"]),
    ({"nameContains": "退休"}, ["95年以前退休人员生活费", "95年以前退休人员生活费"]),
])
async def test_projects_filters(store: GraphStore, filter_: dict[str, Any], expected: list[str]) -> None:
    await load(store, *WORLD)
    query = "query ($f: ProjectFilter) { projects(filter: $f, sort: NAME) { totalCount edges { node { name } } } }"
    data = await execute(store, query, f=filter_)
    assert sorted(names(data, "projects")) == sorted(expected)
    assert data["projects"]["totalCount"] == len(expected)


async def test_projects_sorted_by_budget_descending_and_paged(store: GraphStore) -> None:
    await load(store, *WORLD)
    query = ("query ($a: String) { projects(first: 2, after: $a, sort: BUDGET, direction: DESC) "
             "{ totalCount pageInfo { hasNextPage endCursor } edges { node { budgetWan } } } }")
    first = (await execute(store, query, a=None))["projects"]
    rest = (await execute(store, query, a=first["pageInfo"]["endCursor"]))["projects"]
    amounts = [e["node"]["budgetWan"] for e in first["edges"] + rest["edges"]]
    assert first["totalCount"] == 5 and first["pageInfo"]["hasNextPage"]
    assert amounts[:3] == [114.34, 110.0, 40.0]


async def test_documents_filters_and_function_code_prefix(store: GraphStore) -> None:
    await load(store, *WORLD)
    query = "query ($f: DocumentFilter) { documents(filter: $f) { totalCount edges { node { fiscalYear kind } } } }"
    final = await execute(store, query, f={"kind": "FINAL_ACCOUNTS"})
    assert [e["node"] for e in final["documents"]["edges"]] == [{"fiscalYear": 2023, "kind": "FINAL_ACCOUNTS"}]
    spending = await execute(store, query, f={"functionCodePrefix": "20805"})
    assert spending["documents"]["totalCount"] == 1
    cites = await execute(store, query, f={"policy": "巴财企〔2024〕58号", "region": "和静县"})
    assert cites["documents"]["totalCount"] == 2


async def test_documents_of_one_unit_and_year_by_scope(store: GraphStore) -> None:
    """A unit's 部门 and 单位 documents of one year are two documents, told apart by ``scope``."""
    department = document("和静县社会保险中心", 2025)
    header = replace(department.header, title="和静县社会保险中心2025年单位预算公开", scope=DocumentScope.UNIT)
    unit = replace(department, path="/corpus/unit.txt", header=header)
    await load(store, department, unit)
    query = "query ($f: DocumentFilter) { documents(filter: $f) { totalCount edges { node { title scope } } } }"
    both = await execute(store, query, f={"unit": "和静县社会保险中心"})
    assert sorted(e["node"]["scope"] for e in both["documents"]["edges"]) == ["DEPARTMENT", "UNIT"]
    only = await execute(store, query, f={"scope": "UNIT"})
    assert [e["node"] for e in only["documents"]["edges"]] == [
        {"title": "和静县社会保险中心2025年单位预算公开", "scope": "UNIT"}]


async def test_units_regions_policies_indicators_function_classes(store: GraphStore) -> None:
    await load(store, *WORLD)
    data = await execute(store, """{
      units(filter: {nameContains: "管理局"}) { totalCount edges { node { name aliases } } }
      inBayingol: units(filter: {region: "巴音郭楞蒙古自治州"}) { edges { node { name } } }
      regions(filter: {within: "巴音郭楞蒙古自治州"}) { edges { node { name parent { name } } } }
      policies(filter: {issuer: "财政局"}) { edges { node { docNumber year fundedProjects { fiscalYear } } } }
      indicators(filter: {fiscalYear: {max: 2023}}) { edges { node { name level1 actual project { name } } } }
      functionClasses(filter: {codePrefix: "208", level: ITEM}, sort: CODE, direction: DESC) {
        edges { node { code name level parent { code } } } }
    }""")
    assert data["units"]["totalCount"] == 1  # found by its former name
    assert names(data, "units") == ["昌吉回族自治州社会保险中心"]
    assert names(data, "inBayingol") == ["和静县社会保险中心"]
    assert [e["node"] for e in data["regions"]["edges"]] == [
        {"name": "和静县", "parent": {"name": "巴音郭楞蒙古自治州"}},
        {"name": "巴音郭楞蒙古自治州", "parent": {"name": "新疆维吾尔自治区"}}]
    [policy] = [e["node"] for e in data["policies"]["edges"]]
    assert policy["docNumber"] == "巴财企〔2024〕58号" and policy["year"] == 2024
    assert sorted(p["fiscalYear"] for p in policy["fundedProjects"]) == [2024, 2025]
    [indicator] = [e["node"] for e in data["indicators"]["edges"]]
    assert indicator == {"name": "发放人数", "level1": "产出指标", "actual": "860人",
                         "project": {"name": "95年以前退休人员生活费"}}
    assert [e["node"]["code"] for e in data["functionClasses"]["edges"]] == ["2080501", "2080109"]
    assert data["functionClasses"]["edges"][0]["node"]["level"] == "ITEM"
    assert data["functionClasses"]["edges"][0]["node"]["parent"] == {"code": "20805"}  # merged with the 项


async def test_facts_not_yet_in_the_graph_are_empty_not_invented(store: GraphStore) -> None:
    await load(store, *WORLD)
    data = await execute(store, """{ loadRuns { totalCount } dataQualityFindings { totalCount }
      documents(first: 1) { edges { node { economicLines { code }
                                           functionLines { source { lineStart text } } } } } }""")
    assert data["loadRuns"]["totalCount"] == 0
    node = data["documents"]["edges"][0]["node"]
    assert node["economicLines"] == []
    assert node["functionLines"][0]["source"]["lineStart"] == 10  # provenance on the fact
