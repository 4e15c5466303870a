"""What a document states about itself, through GraphQL, from the real seeds on both stores: 概况
lists and staff, income by source, 经济分类 rows with their class, "三公" items, 结转结余, 机关运行经费,
政府采购, 国有资产 and 预算绩效, each with the lines it was read from. The figures are the seeds' own
(the same the extraction tests hold, tests/test_extract_*.py); a document that states none of them
answers nulls and empty lists, never zeros."""

from __future__ import annotations

from typing import Any

import pytest

from app.api.types import DocumentScope, EconomicCategory, ThreePublicKind
from app.store import GraphStore
from graph.payload import document_id
from loaders import facts, read_document
from tests.builders import document, load
from tests.corpus import REAL, read_at, seed_facts
from tests.cypher import delete_all
from tests.graphql import execute

SOURCE = "source { lineStart lineEnd text }"
DOCUMENT = f"""
query ($id: ID!) {{ document(id: $id) {{
  kind yearIncomeWan
  staffAuthorized staffActual staffInService staffRetired staffLixiu staffSource {{ lineStart lineEnd }}
  functions subordinateUnits functionsSource {{ lineStart lineEnd }}
  generalBasicWan personnelWan publicFundsWan generalBasicSource {{ lineStart lineEnd }}
  threePublicWan threePublicBudgetWan threePublicItems {{ item name amountWan budgetWan {SOURCE} }}
  carryoverWan yearEndCarryoverWan carryoverSource {{ lineStart lineEnd }}
  operatingWan operatingSource {{ lineStart lineEnd }}
  procurement {{ totalWan goodsWan worksWan servicesWan smeWan smallMicroWan {SOURCE} }}
  assets {{ houseAreaM2 houseValueWan vehicleCount vehicleValueWan equipmentOver500kCount equipmentOver1mCount
            {SOURCE} }}
  performance {{ overallCount overallWan projectCount projectWan nonfiscalProjectCount nonfiscalProjectWan
                 projectExecutedWan {SOURCE} }}
  incomeSources {{ fundingSource amountWan fiscalYear {SOURCE} }}
  economicLines {{ code name amountWan category fiscalYear parent {{ code name }} {SOURCE} }}
}} }}"""


async def ask(store: GraphStore, number: int) -> dict[str, Any]:
    """Seed ``number`` loaded alone, and everything DOCUMENT asks of it."""
    await load(store, seed_facts(number))
    data = await execute(store, DOCUMENT, id=document_id(seed_facts(number)))
    assert data["document"] is not None
    return dict(data["document"])


def figures(group: dict[str, Any] | None) -> dict[str, Any]:
    assert group is not None
    return {k: v for k, v in group.items() if k != "source"}


async def test_seed_000_budget_states_its_other_matters(store: GraphStore) -> None:
    doc = await ask(store, 0)
    assert doc["yearIncomeWan"] == 1531.22
    assert (doc["operatingWan"], doc["carryoverWan"], doc["yearEndCarryoverWan"]) == (142.69, 0.0, None)
    assert "机关运行经费财政拨款预算142.69万元" in read_at(0, doc["operatingSource"])
    assert "没有上年结转结余" in read_at(0, doc["carryoverSource"])
    assert figures(doc["procurement"]) == {"totalWan": 99.79, "goodsWan": 2.0, "worksWan": 9.43,
                                           "servicesWan": 88.36, "smeWan": 99.79, "smallMicroWan": 99.79}
    assert "政府采购预算99.79万元" in read_at(0, doc["procurement"]["source"])
    assert figures(doc["assets"]) == {"houseAreaM2": 14129.78, "houseValueWan": 280.58, "vehicleCount": 2,
                                      "vehicleValueWan": 59.11, "equipmentOver500kCount": 0,
                                      "equipmentOver1mCount": 0}
    assert "14,129.78" in read_at(0, doc["assets"]["source"])
    assert figures(doc["performance"]) == {"overallCount": 1, "overallWan": 411.0, "projectCount": 12,
                                           "projectWan": 411.01, "nonfiscalProjectCount": None,
                                           "nonfiscalProjectWan": 0.0, "projectExecutedWan": None}
    assert "411.01" in read_at(0, doc["performance"]["source"])


async def test_seed_000_three_public_items_in_template_order(store: GraphStore) -> None:
    doc = await ask(store, 0)
    items = [(i["item"], i["name"], i["amountWan"], i["budgetWan"]) for i in doc["threePublicItems"]]
    assert items == [
        ("ABROAD", "因公出国（境）费", 0.0, None),
        ("VEHICLE_PURCHASE", "公务用车购置费", 0.0, None),
        ("VEHICLE_OPERATION", "公务用车运行费", 6.99, None),
        ("RECEPTION", "公务接待费", 0.6, None),
    ]
    assert doc["threePublicBudgetWan"] is None  # a budget states no 全年预算数
    reception = doc["threePublicItems"][-1]["source"]
    assert "公务接待费" in read_at(0, reception) and reception["text"] is None  # lines only on the document


async def test_seed_001_final_accounts_state_budgets_beside_spending(store: GraphStore) -> None:
    doc = await ask(store, 1)
    assert doc["kind"] == "FINAL_ACCOUNTS" and doc["threePublicBudgetWan"] == 7.59
    items = {i["item"]: (i["amountWan"], i["budgetWan"]) for i in doc["threePublicItems"]}
    assert items == {"ABROAD": (0.0, 0.0), "VEHICLES": (6.99, None), "VEHICLE_PURCHASE": (0.0, 0.0),
                     "VEHICLE_OPERATION": (6.99, 6.99), "RECEPTION": (0.53, 0.6)}
    assert (doc["operatingWan"], doc["carryoverWan"], doc["yearEndCarryoverWan"]) == (90.01, 0.0, 0.0)
    assert doc["performance"]["projectExecutedWan"] == 682.72
    assets = doc["assets"]
    assert (assets["equipmentOver500kCount"], assets["equipmentOver1mCount"]) == (None, 0)  # only 100万 stated
    assert doc["procurement"]["smallMicroWan"] == 135.94
    assert doc["economicLines"] == []  # the final accounts publish their tables separately


async def test_seed_000_overview_functions_staff_and_no_subordinates(store: GraphStore) -> None:
    doc = await ask(store, 0)
    staff = (doc["staffAuthorized"], doc["staffActual"], doc["staffInService"], doc["staffRetired"],
             doc["staffLixiu"])
    assert staff == (59, 94, 53, 41, 0)
    assert "实有人数94人,其中:在职53人" in read_at(0, doc["staffSource"])
    assert len(doc["functions"]) == 8
    assert doc["functions"][0].startswith("贯彻执行党和国家")
    assert doc["functions"][-1].startswith("完成自治州人力资源和社会保障局交办")
    assert doc["subordinateUnits"] == []  # 无下属预算单位: stated none, not silent
    assert "贯彻执行党和国家" in read_at(0, doc["functionsSource"])


async def test_income_sources_in_the_documents_order(store: GraphStore) -> None:
    doc = await ask(store, 4)
    income = [(i["fundingSource"], i["amountWan"]) for i in doc["incomeSources"]]
    assert income == [
        ("一般公共预算", 291.73), ("上级一般公共预算转移支付", 69.88), ("政府性基金预算", 0.0),
        ("上级政府性基金转移支付", 0.0), ("国有资本经营预算", 0.0), ("上级国有资本经营预算转移支付", 0.0),
        ("财政拨款结转", 5.73),
    ]
    upper = doc["incomeSources"][1]
    assert upper["fiscalYear"] == 2025 and "69.88" in upper["source"]["text"]
    final = await ask(store, 1)
    assert [(i["fundingSource"], i["amountWan"]) for i in final["incomeSources"]] == [
        ("财政拨款收入", 1727.26), ("上级补助收入", 0.0), ("事业收入", 0.0), ("经营收入", 0.0),
        ("附属单位上缴收入", 0.0), ("其他收入", 139.82),
    ]


async def test_economic_lines_with_category_and_class(store: GraphStore) -> None:
    doc = await ask(store, 4)
    assert (doc["generalBasicWan"], doc["personnelWan"], doc["publicFundsWan"]) == (291.73, 280.4, 11.33)
    assert "291.73" in read_at(4, doc["generalBasicSource"])
    lines = {line["code"]: line for line in doc["economicLines"]}
    assert len(lines) == 20 and list(lines) == sorted(lines)
    assert {code: (line["amountWan"], line["category"]) for code, line in lines.items() if len(code) == 3} == {
        "301": (252.61, "PERSONNEL"), "302": (11.33, "PUBLIC"), "303": (27.79, "PERSONNEL")}
    car = lines["30231"]
    assert (car["name"], car["amountWan"], car["category"], car["fiscalYear"]) == (
        "公务用车运行维护费", 2.14, "PUBLIC", 2025)
    assert car["parent"] == {"code": "302", "name": "商品和服务支出"}
    assert car["source"]["text"] == "302 31 公务用车运行维护费 2.14 2.14"
    assert lines["301"]["parent"] is None  # a 类 row is the class itself


async def test_a_document_that_states_none_of_it_answers_nulls(store: GraphStore) -> None:
    bare = document("和静县社会保险中心", 2025)
    await load(store, bare)
    doc = (await execute(store, DOCUMENT, id=document_id(bare)))["document"]
    empty = {"functions", "threePublicItems", "incomeSources", "economicLines"}
    assert {k for k, v in doc.items() if v == []} == empty
    assert {k: v for k, v in doc.items() if k not in empty | {"kind"} and v is not None} == {}


async def test_nested_lists_cost_one_trip_each_whatever_the_number_of_documents(store: GraphStore) -> None:
    query = ("{ documents(first: 10) { edges { node { incomeSources { fundingSource } "
             "economicLines { parent { code } } threePublicItems { item } procurement { totalWan } } } } }")

    async def trips(*numbers: int) -> int:
        await delete_all(store)
        await load(store, *(seed_facts(n) for n in numbers))
        store.round_trips = 0
        data = await execute(store, query)
        assert len(data["documents"]["edges"]) == len(numbers)
        return store.round_trips

    assert await trips(4) == await trips(0, 1, 3, 4) == 3  # the page, income sources, economic lines


@pytest.mark.parametrize(("api", "fact"), [(ThreePublicKind, facts.ThreePublicItem),
                                           (EconomicCategory, facts.EconomicCategory),
                                           (DocumentScope, facts.DocumentScope)])
def test_api_enums_name_every_extracted_value(api: type, fact: type) -> None:
    assert [m.name for m in api] == [m.name for m in fact]


async def test_seed_000_project_table_whole_in_table_order(store: GraphStore) -> None:
    """Every 项目支出表 cell of seed 000, the two 特定目标 rows (no project elsewhere) included."""
    await load(store, seed_facts(0))
    data = await execute(store, """query ($id: ID!) { document(id: $id) {
        projectExpenditureLines { project functionCode economicCode amountWan } } }""", id=document_id(seed_facts(0)))
    lines = data["document"]["projectExpenditureLines"]
    assert len(lines) == 12
    assert round(sum(line["amountWan"] for line in lines), 2) == 411.0  # the 总计 row prints 411.01: rounding
    assert lines[0] == {"project": "“金保工程”系统运行电力保障、网络线路租用等费用", "functionCode": "2080108",
                        "economicCode": "302", "amountWan": 20.0}
    assert [line["economicCode"] for line in lines[-2:]] == ["303", "303"]
    assert "95年以前退休人员生活费" in {line["project"].replace(" ", "") for line in lines}


async def test_tables_stated_empty_are_served_with_their_page(store: GraphStore) -> None:
    """A real PDF (notes under its tables) and a seed (sentences naming the tables)."""
    pdf = REAL / "shpt-shehuigongzuobu-2024-final-dept.pdf"
    if not pdf.exists():
        pytest.skip(f"{pdf.name} is not in {REAL}")
    query = ("query ($id: ID!) { document(id: $id) { statedEmptyTables { table title totalWan "
             "source { page lineStart } } } }")
    got = {}
    for facts_ in (read_document(pdf), seed_facts(0)):
        await load(store, facts_)
        data = await execute(store, query, id=document_id(facts_))
        got[facts_.header.unit_name] = [(t["table"], t["totalWan"], t["source"]["page"])
                                        for t in data["document"]["statedEmptyTables"]]
    assert got == {
        "中共上海市普陀区委社会工作部": [("GOVERNMENT_FUND", 0.0, 15), ("STATE_CAPITAL", 0.0, 16),
                                       ("THREE_PUBLIC", 0.0, 14)],
        "昌吉回族自治州社会保险中心": [("GOVERNMENT_FUND", 0.0, None), ("STATE_CAPITAL", 0.0, None),
                                    ("CARRYOVER", 0.0, None)],
    }
