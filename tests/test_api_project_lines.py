"""项目支出表 lines in the graph and the API, on both stores: one (Project)-[:SPENDS]->(FunctionClass) per
cell, lines naming no project the document describes kept on the document (PROJECT_SPENDS), a
reload replacing them exactly, and ``Project.expenditureLines`` read in one batch."""

from __future__ import annotations

import dataclasses
from typing import Any

from app.store import GraphStore
from graph.payload import upsert_params
from loaders import read_document
from loaders.facts import ProjectLineFact
from loaders.pipeline import prepare
from tests.builders import CHANGJI, SRC, document, load, project
from tests.corpus import seed
from tests.cypher import delete_all
from tests.graphql import execute

LINES = (
    # The table prints a space the 情况说明 does not: names are compared normalised.
    ProjectLineFact("95 年以前退休人员生活费", "2080109", "对企业补助", 114.34, SRC, "312", "社会保险经办机构", 114.34),
    ProjectLineFact("社会保险宣传费", "2080109", "商品和服务支出", 20.0, SRC, "302", "社会保险经办机构", 25.0),
    ProjectLineFact("社会保险宣传费", "2080109", "资本性支出", 5.0, SRC, "310", "社会保险经办机构", 25.0),
    ProjectLineFact("特定目标64100014", "2080699", "对个人和家庭的补助", 7.14, SRC, "303", "其他企业改革发展补助",
                    7.14),
)
WITH_LINES = dataclasses.replace(CHANGJI, project_lines=LINES)

QUERY = """
query ($unit: String!, $year: Int!) {
  unit(name: $unit) {
    projects(fiscalYear: $year) {
      name
      expenditureLines {
        functionCode economicCode economicClass amountWan rowTotalWan fiscalYear
        functionClass { code name level }
        source { lineStart lineEnd text }
      }
    }
  }
}"""


async def _rows(store: GraphStore, query: str) -> list[dict[str, Any]]:
    return (await store.driver.run(query, {}, write=False)).rows


def test_lines_go_to_their_project_and_the_rest_to_the_document() -> None:
    params = upsert_params(prepare(WITH_LINES))
    by_project = {p["props"]["name"]: [line["props"]["economicCode"] for line in p["lines"]]
                  for p in params["projects"]}
    assert by_project == {"95年以前退休人员生活费": ["312"], "社会保险宣传费": ["302", "310"]}
    [unclaimed] = params["projectLines"]
    assert (unclaimed["code"], unclaimed["name"], unclaimed["props"]["project"]) == (
        "2080699", "其他企业改革发展补助", "特定目标64100014")
    assert unclaimed["props"]["sourceLineStart"] == SRC.line_start


async def test_lines_are_written_once_and_a_reload_replaces_them(store: GraphStore) -> None:
    first = await load(store, WITH_LINES)
    assert await load(store, WITH_LINES) == first
    spends = await _rows(store, "MATCH (p:Project)-[s:SPENDS]->(fc:FunctionClass) "
                                "RETURN p.name AS project, fc.code AS code, s.economicCode AS economic, "
                                "s.amountWan AS amount ORDER BY s.position")
    assert [tuple(r.values()) for r in spends] == [
        ("95年以前退休人员生活费", "2080109", "312", 114.34),
        ("社会保险宣传费", "2080109", "302", 20.0),
        ("社会保险宣传费", "2080109", "310", 5.0),
    ]
    [kept] = await _rows(store, "MATCH (:BudgetDocument)-[s:PROJECT_SPENDS]->(fc:FunctionClass) "
                                "RETURN s.project AS project, fc.code AS code, fc.name AS name, s.amountWan AS amount")
    assert kept == {"project": "特定目标64100014", "code": "2080699", "name": "其他企业改革发展补助", "amount": 7.14}
    # A corrected file without the table: its lines go, nothing else of them stays behind.
    await load(store, CHANGJI)
    assert await _rows(store, "MATCH ()-[s:SPENDS|PROJECT_SPENDS]->() RETURN count(s) AS n") == [{"n": 0}]


async def test_expenditure_lines_of_a_seed_through_graphql(store: GraphStore) -> None:
    await load(store, read_document(seed(3)))
    data = await execute(store, QUERY, unit="巴音郭楞蒙古自治州社会保险中心", year=2024)
    projects = {p["name"]: p["expenditureLines"] for p in data["unit"]["projects"]}
    running = projects["2024年社会保险经办服务和中心运行项目"]
    assert [(x["functionCode"], x["economicCode"], x["economicClass"], x["amountWan"], x["rowTotalWan"])
            for x in running] == [
        ("2080102", "303", "对个人和家庭的补助", 34.2, 34.2),
        ("2080109", "302", "商品和服务支出", 58.5, 64.8),
        ("2080109", "310", "资本性支出", 6.3, 64.8),
    ]
    assert running[1]["functionClass"] == {"code": "2080109", "name": "社会保险经办机构", "level": "ITEM"}
    assert running[1]["source"]["lineStart"] == 342 and running[1]["fiscalYear"] == 2024
    assert sum(x["amountWan"] for x in projects["2024年自治区社保经办机构业务补助经费项目"]) == 13.83
    assert projects["2024年失业保险宣传项目(自有资金)"] == []  # self-funded: not in the 一般公共预算 table


async def test_expenditure_lines_are_one_round_trip_for_any_number_of_projects(store: GraphStore) -> None:
    async def trips(count: int) -> int:
        await delete_all(store)
        names = [f"项目{i}" for i in range(count)]
        lines = tuple(ProjectLineFact(n, "2080109", "商品和服务支出", 1.0, SRC, "302", "社会保险经办机构", 1.0)
                      for n in names)
        doc = document("和静县社会保险中心", 2025, *(project(n, 1.0) for n in names))
        await load(store, dataclasses.replace(doc, project_lines=lines))
        store.round_trips = 0
        data = await execute(store, QUERY, unit="和静县社会保险中心", year=2025)
        assert [len(p["expenditureLines"]) for p in data["unit"]["projects"]] == [1] * count
        return store.round_trips

    assert await trips(1) == await trips(12)


async def test_a_row_printed_by_code_spends_through_its_described_project(store: GraphStore) -> None:
    """Seed 000 prints two projects by code (特定目标 64100014): their lines are the described projects';
    seed 004's 上年结转 rows give their projects the amount carried over."""
    for number in (0, 4):
        await load(store, read_document(seed(number)))
    query = QUERY.replace("name\n      expenditureLines", "name carryoverWan\n      expenditureLines")
    data = await execute(store, query, unit="昌吉回族自治州社会保险中心", year=2025)
    lines = {p["name"]: [x["functionClass"]["code"] for x in p["expenditureLines"]] for p in data["unit"]["projects"]}
    assert lines["2025年国有企业办职教幼教退休教师生活待遇中央财政补助资金"] == ["2080699"]
    assert all(lines.values())
    assert await _rows(store, "MATCH ()-[s:PROJECT_SPENDS]->() RETURN count(s) AS n") == [{"n": 0}]
    data = await execute(store, query, unit="和静县社会保险中心", year=2025)
    carried = {p["name"]: p["carryoverWan"] for p in data["unit"]["projects"] if p["carryoverWan"] is not None}
    assert carried == {"1995年前退休人员2024年4月—2025年3月生活补贴巴财企〔2023〕61号": 5.62,
                       "2024年州直关闭破产企业1995年底前退休人员生活补贴资金巴财社〔2023〕110号": 0.11}
