"""What the 情况说明 states per 功能分类 项 and of the whole document, through GraphQL, from the real
seeds on both stores: on the FunctionLine a table row holds, in BudgetDocument.functionNarratives
(with or without a row), and the document's 比上年 and 年初预算 figures. The figures are the seeds'
own (tests/test_extract_function_narrative.py reads them); what a document does not state is null."""

from __future__ import annotations

from typing import Any

from app.store import GraphStore
from graph.payload import document_id
from tests.builders import load
from tests.corpus import read_at, seed_facts
from tests.graphql import execute

SOURCE = "{ lineStart lineEnd text }"
FIGURES = ("initialBudgetWan budgetCompletionRate priorYearWan changeFromPriorYearWan changeFromPriorYearRate "
           "changeComparedWith changeReason budgetVarianceReason")
QUERY = f"""
query ($id: ID!) {{ document(id: $id) {{
  initialBudgetWan budgetActualWan budgetVarianceRate budgetCompletionRate budgetVarianceReason
  budgetComparisonSource {{ lineStart lineEnd }}
  priorYearChange {{ changeWan changeRate comparedWith reason source {{ lineStart lineEnd }} }}
  appropriationChange {{ changeWan changeRate comparedWith reason source {{ lineStart lineEnd }} }}
  functionLines {{ code name totalWan generalPublicWan narrativeWan {FIGURES} narrativeSource {SOURCE} }}
  functionNarratives {{ code className sectionName itemName amountWan inTable {FIGURES} source {SOURCE}
                        functionClass {{ code name parent {{ code }} }} }}
}} }}"""


async def ask(store: GraphStore, number: int) -> dict[str, Any]:
    await load(store, seed_facts(number))
    data = await execute(store, QUERY, id=document_id(seed_facts(number)))
    assert data["document"] is not None
    return dict(data["document"])


async def test_seed_001_final_accounts_state_each_item_and_the_whole(store: GraphStore) -> None:
    doc = await ask(store, 1)
    assert doc["functionLines"] == []  # the tables are published apart
    told = doc["functionNarratives"]
    assert len(told) == 15 and not any(t["inTable"] for t in told)
    office = next(t for t in told if t["itemName"] == "社会保险经办机构")
    assert (office["code"], office["amountWan"], office["changeFromPriorYearWan"], office["changeFromPriorYearRate"],
            office["changeComparedWith"]) == ("2080109", 222.47, 1.28, 0.58, "上年决算")
    assert office["className"] == "社会保障和就业支出" and office["sectionName"] == "人力资源和社会保障管理事务"
    assert office["functionClass"] == {"code": "2080109", "name": "社会保险经办机构", "parent": {"code": "20801"}}
    assert "222.47" in read_at(1, office["source"]) and office["changeReason"].startswith("本年增加社会保险档案")
    assert (office["initialBudgetWan"], office["budgetCompletionRate"], office["budgetVarianceReason"]) == (
        None, None, None)
    running = next(t for t in told if t["itemName"] == "行政运行")
    assert (running["amountWan"], running["changeFromPriorYearWan"]) == (856.03, -69.37)
    other = next(t for t in told if t["itemName"] == "其他支出")
    assert other["code"] is None and other["functionClass"] is None and other["amountWan"] == 21.71
    assert [t["itemName"] for t in told][:2] == ["宗教事务", "行政运行"]  # the document's order
    assert (doc["initialBudgetWan"], doc["budgetActualWan"], doc["budgetVarianceRate"]) == (1649.93, 1727.26, 4.69)
    assert doc["budgetCompletionRate"] is None and doc["budgetVarianceReason"].startswith("年中追加“金保工程”")
    assert "预决算" in read_at(1, doc["budgetComparisonSource"])
    assert {k: v for k, v in doc["priorYearChange"].items() if k != "source"} == {
        "changeWan": 114.2, "changeRate": 6.51, "comparedWith": "上年",
        "reason": seed_facts(1).whole.prior_year_change.reason if seed_facts(1).whole.prior_year_change else None,
    }
    money = doc["appropriationChange"]
    assert (money["changeWan"], money["changeRate"]) == (-25.49, -1.45)
    assert "减少25.49万元" in read_at(1, money["source"])


async def test_seed_003_budget_items_on_their_lines(store: GraphStore) -> None:
    doc = await ask(store, 3)
    lines = {line["code"]: line for line in doc["functionLines"]}
    office = lines["2080109"]
    assert (office["totalWan"], office["generalPublicWan"], office["narrativeWan"]) == (83.78, 78.63, 78.63)
    assert (office["changeFromPriorYearWan"], office["changeFromPriorYearRate"], office["changeComparedWith"]) == (
        -52.61, -40.09, "上年预算")
    assert office["changeReason"].startswith("根据预算管理一体化系统预算编制规则")
    assert "78.63" in read_at(3, office["narrativeSource"]) and office["initialBudgetWan"] is None
    assert all(line["narrativeWan"] is not None for line in lines.values())  # every row is described
    told = doc["functionNarratives"]
    assert len(told) == 12 and sum(t["inTable"] for t in told) == 11
    [apart] = [t for t in told if not t["inTable"]]
    assert (apart["code"], apart["itemName"], apart["amountWan"], apart["changeFromPriorYearWan"]) == (
        "2080699", "其他企业改革发展补助", 0.0, -35.0)
    # a budget states neither its initial budget nor a comparison of its whole with last year: nulls
    assert (doc["initialBudgetWan"], doc["budgetVarianceRate"], doc["priorYearChange"],
            doc["appropriationChange"], doc["budgetComparisonSource"]) == (None, None, None, None, None)
