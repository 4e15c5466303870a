"""The store contract: the same cases on FalkorDB and on Neo4j, with facts built by hand so
that these tests specify the graph layer alone."""

from __future__ import annotations

import dataclasses

import pytest

from app.store import GraphStore
from graph.payload import upsert_params
from loaders.facts import TotalsFacts
from loaders.pipeline import prepare
from tests.builders import BASIS, CHANGJI, HEJING, SRC, document, funded, load, project
from vocab.resolve import unit_key


async def test_one_policy_node_funds_projects_in_two_units(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING)
    assert await funded(store, "新政办发〔2010〕168号") == [
        ("95年以前退休人员生活费", 114.34),
        ("自治区国有企业改革成本", 40.0),
    ]
    assert await funded(store, "巴财企〔2024〕58号") == [("自治区国有企业改革成本", 40.0)]
    policy = (await store.read("policy_by_key", {"key": "新政办发〔2010〕168号"}))[0]["item"]
    assert policy["issuer"] == "新疆维吾尔自治区人民政府办公厅"
    assert policy["year"] == 2010


async def test_loading_twice_changes_nothing(store: GraphStore) -> None:
    first = await load(store, CHANGJI, HEJING)
    assert await load(store, CHANGJI, HEJING) == first


async def test_reloading_a_changed_document_replaces_its_facts(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING)
    corrected = dataclasses.replace(HEJING, sha256="b" * 64, projects=(project("自治区国有企业改革成本", 41.0, BASIS),))
    await load(store, corrected)
    assert await funded(store, "新政办发〔2010〕168号") == [
        ("95年以前退休人员生活费", 114.34),
        ("自治区国有企业改革成本", 41.0),
    ]
    assert await store.read("policy_by_key", {"key": "巴财企〔2024〕58号"}) == []  # no longer cited by anything


async def test_a_renamed_unit_is_one_unit_with_its_former_name_as_alias(store: GraphStore) -> None:
    await load(store, document("昌吉回族自治州社会保险管理局", 2020), CHANGJI)
    for name in ("昌吉回族自治州社会保险管理局", "昌吉回族自治州社会保险中心"):
        unit = (await store.read("unit_by_name", {"names": [name], "keys": [unit_key(name)]}))[0]["item"]
        assert unit["name"] == "昌吉回族自治州社会保险中心"
        assert sorted(unit["names"]) == ["昌吉回族自治州社会保险中心", "昌吉回族自治州社会保险管理局"]
    docs = await store.read("documents_of_units", {"ids": ["昌吉回族自治州社会保险中心"]})
    assert [d["item"]["fiscalYear"] for d in docs] == [2020, 2025]


async def test_units_sit_in_the_region_hierarchy(store: GraphStore) -> None:
    await load(store, HEJING)
    region = (await store.read("region_of_units", {"ids": ["和静县社会保险中心"]}))[0]["item"]
    chain = [region["name"]]
    while (row := (await store.read("regions_by_name", {"ids": [chain[-1]]}))[0]["item"])["parent"]:
        chain.append(row["parent"])
    assert chain == ["和静县", "巴音郭楞蒙古自治州", "新疆维吾尔自治区"]


async def test_a_failing_document_leaves_nothing_half_written(store: GraphStore) -> None:
    before = await load(store, CHANGJI)
    params = upsert_params(prepare(HEJING))
    params["projects"][0]["indicators"] = [{"id": "x", "props": {"nested": {"not": "allowed"}}}]
    with pytest.raises(Exception):  # noqa: B017  # each engine words the rejection its own way
        await store.write("upsert_document", params)
    assert await store.counts() == before
    assert await store.read("unit_by_name", {"names": ["和静县社会保险中心"], "keys": ["和静县社会保险中心"]}) == []


async def test_departments_keep_document_order(store: GraphStore) -> None:
    await load(store, CHANGJI)
    rows = await store.read("departments_of_documents", {"ids": [upsert_params(prepare(CHANGJI))["doc"]["id"]]})
    assert [r["item"]["name"] for r in rows] == ["办公室", "财务科"]


async def test_the_same_project_in_another_year_is_linked_with_its_similarity(store: GraphStore) -> None:
    from graph.payload import with_project_links

    older = document(
        "昌吉回族自治州社会保险管理局",
        2023,
        project("95年以前退休人员生活补贴资金", 141.5, BASIS),
        project("社会保险宣传费", 20.0),
    )
    await load(store, older)
    params = upsert_params(prepare(CHANGJI))
    elsewhere = await store.read(
        "projects_of_unit_elsewhere", {"unit": params["unit"]["id"], "document": params["doc"]["id"]}
    )
    await store.write("upsert_document", with_project_links(params, elsewhere))
    rows = await store.driver.run(
        "MATCH (a:Project)-[s:SAME_PROJECT_AS]->(b:Project) RETURN a.name AS a, b.name AS b, s.similarity AS s "
        "ORDER BY a",
        {},
        write=False,
    )
    assert [(r["a"], r["b"]) for r in rows.rows] == [
        ("95年以前退休人员生活费", "95年以前退休人员生活补贴资金"),
        ("社会保险宣传费", "社会保险宣传费"),
    ]
    assert [r["s"] for r in rows.rows] == [0.815, 1.0]
    before = await store.counts()
    await store.write("upsert_document", with_project_links(params, elsewhere))  # reloading keeps one link each
    assert await store.counts() == before


async def test_numbers_that_do_not_add_up_are_kept_as_findings(store: GraphStore) -> None:
    doc = dataclasses.replace(CHANGJI, totals=TotalsFacts(project_expenditure_wan=150.0, split_source=SRC))
    await load(store, doc)
    rows = await store.driver.run("MATCH (:BudgetDocument)-[:HAS_FINDING]->(f) RETURN f {.*} AS f", {}, write=False)
    [finding] = [r["f"] for r in rows.rows]
    assert finding["check"] == "project_vs_projects"
    assert (finding["expectedWan"], finding["actualWan"]) == (150.0, 139.34)
    assert finding["sourceLineStarts"] == [10, 10, 10]
    await load(store, CHANGJI)  # the corrected document has nothing to report
    assert (await store.driver.run("MATCH (f:DataQualityFinding) RETURN count(f) AS n", {}, write=False)).rows == [
        {"n": 0}
    ]
