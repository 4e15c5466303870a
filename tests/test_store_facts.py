"""The fact families of 概况, the standard tables and 其他重要事项 in the graph, on both stores:
income by FundingSource, 基本支出 by EconomicClass (PART_OF its class), document properties for the
rest; a reload replaces them exactly."""

from __future__ import annotations

import dataclasses
from typing import Any

from app.store import GraphStore
from loaders import read_document
from loaders.facts import (
    AssetsFact,
    BasicExpenditureFacts,
    DutiesFacts,
    EconomicCategory,
    EconomicLineFact,
    IncomeLineFact,
    OtherMattersFacts,
    PerformanceFact,
    ProcurementFact,
    ThreePublicFacts,
    ThreePublicItem,
    ThreePublicItemFact,
)
from tests.builders import CHANGJI, SRC, load
from tests.corpus import seed

FULL = dataclasses.replace(
    CHANGJI,
    duties=DutiesFacts(functions=("经办社会保险", "管理社会保险基金"), subordinate_units=()),
    income_lines=(
        IncomeLineFact("一般公共预算", 1513.98, SRC),
        IncomeLineFact("上级一般公共预算转移支付", 17.24, SRC),
    ),
    basic=BasicExpenditureFacts(lines=(
        EconomicLineFact("301", "工资福利支出", 963.92, EconomicCategory.PERSONNEL, SRC),
        EconomicLineFact("30101", "基本工资", 267.3, EconomicCategory.PERSONNEL, SRC),
        EconomicLineFact("30201", "办公费", 27.47, EconomicCategory.PUBLIC, SRC),
    )),
    three_public=ThreePublicFacts(items=(
        ThreePublicItemFact(ThreePublicItem.VEHICLE_OPERATION, 6.99, None, SRC),
        ThreePublicItemFact(ThreePublicItem.RECEPTION, 0.6, None, SRC),
    )),
    other=OtherMattersFacts(
        operating_wan=142.69,
        procurement=ProcurementFact(total_wan=99.79, goods_wan=2.0, works_wan=9.43, services_wan=88.36, source=SRC),
        assets=AssetsFact(house_area_m2=14129.78, house_value_wan=280.58, vehicle_count=2, source=SRC),
        performance=PerformanceFact(project_count=12, project_wan=411.01, source=SRC),
        carryover_wan=0.0,
    ),
)


async def _rows(store: GraphStore, query: str) -> list[dict[str, Any]]:
    return (await store.driver.run(query, {}, write=False)).rows


async def _document(store: GraphStore) -> dict[str, Any]:
    [row] = await _rows(store, "MATCH (d:BudgetDocument) RETURN d {.*} AS d")
    return dict(row["d"])


async def test_income_and_economic_lines_land_on_shared_nodes(store: GraphStore) -> None:
    await load(store, FULL)
    income = await _rows(
        store,
        "MATCH (:BudgetDocument)-[r:HAS_INCOME]->(s:FundingSource) "
        "RETURN s.name AS name, r.amountWan AS wan, r.sourceLineStart AS line ORDER BY r.position",
    )
    assert income == [
        {"name": "一般公共预算", "wan": 1513.98, "line": 10},
        {"name": "上级一般公共预算转移支付", "wan": 17.24, "line": 10},
    ]
    economic = await _rows(
        store,
        "MATCH (:BudgetDocument)-[r:SPENDS_ECONOMIC]->(e:EconomicClass) "
        "OPTIONAL MATCH (e)-[:PART_OF]->(k:EconomicClass) "
        "RETURN e.code AS code, e.name AS name, r.amountWan AS wan, r.category AS category, k.code AS class "
        "ORDER BY code",
    )
    assert economic == [
        {"code": "301", "name": "工资福利支出", "wan": 963.92, "category": "人员经费", "class": None},
        {"code": "30101", "name": "基本工资", "wan": 267.3, "category": "人员经费", "class": "301"},
        {"code": "30201", "name": "办公费", "wan": 27.47, "category": "公用经费", "class": "302"},
    ]


async def test_document_properties_hold_the_other_families(store: GraphStore) -> None:
    await load(store, FULL)
    doc = await _document(store)
    assert doc["functions"] == ["经办社会保险", "管理社会保险基金"]
    assert doc["subordinateUnits"] == []
    assert (doc["threePublicVehicleOperationWan"], doc["threePublicReceptionWan"]) == (6.99, 0.6)
    assert "threePublicAbroadWan" not in doc  # not stated: no property, never a guessed zero
    assert (doc["operatingWan"], doc["procurementTotalWan"], doc["procurementServicesWan"]) == (142.69, 99.79, 88.36)
    assert (doc["houseAreaM2"], doc["vehicleCount"], doc["carryoverWan"]) == (14129.78, 2, 0.0)
    assert (doc["performanceProjectCount"], doc["performanceProjectWan"]) == (12, 411.01)
    assert (doc["procurementLineStart"], doc["procurementLineEnd"]) == (10, 12)


async def test_reloading_replaces_the_facts_exactly(store: GraphStore) -> None:
    first = await load(store, FULL)
    assert await load(store, FULL) == first
    corrected = dataclasses.replace(
        FULL,
        sha256="c" * 64,
        income_lines=(IncomeLineFact("一般公共预算", 1531.22, SRC),),
        basic=BasicExpenditureFacts(lines=FULL.basic.lines[:1]),
        three_public=ThreePublicFacts(),
        other=dataclasses.replace(FULL.other, procurement=None),
        duties=dataclasses.replace(FULL.duties, functions=()),
    )
    await load(store, corrected)
    rows = await _rows(store, "MATCH (:BudgetDocument)-[r:HAS_INCOME]->(s) RETURN s.name AS name, r.amountWan AS wan")
    assert rows == [{"name": "一般公共预算", "wan": 1531.22}]
    rows = await _rows(store, "MATCH (:BudgetDocument)-[r:SPENDS_ECONOMIC]->(e) RETURN e.code AS code")
    assert rows == [{"code": "301"}]
    doc = await _document(store)
    assert "threePublicReceptionWan" not in doc and "procurementTotalWan" not in doc
    assert doc.get("functions") in ([], None)
    assert doc["operatingWan"] == 142.69


async def test_a_seed_loads_and_reloads_idempotently(store: GraphStore) -> None:
    facts = read_document(seed(4))
    first = await load(store, facts)
    assert await load(store, facts) == first
    income = await _rows(store, "MATCH (:BudgetDocument)-[r:HAS_INCOME]->(s) RETURN sum(r.amountWan) AS total")
    assert round(income[0]["total"], 2) == 367.34
    classes = await _rows(
        store, "MATCH (e:EconomicClass)-[:PART_OF]->(k:EconomicClass {code: '302'}) RETURN count(e) AS n"
    )
    assert classes == [{"n": 6}]
