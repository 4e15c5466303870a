"""What indicator values and subsidy standards read as, through GraphQL, from the real seeds on both
stores: targetMeasure / actualMeasure / priorMeasure with their comparator, number, unit or date,
priorValue and deviationReason, and on projects the parsed 补贴标准 (subsidy), executionRate and
manager. The figures are the seeds' own (tests/test_extract_indicator_details.py holds them all)."""

from __future__ import annotations

from typing import Any

from app.api.types.measures import Comparator, Measure, meets
from app.store import GraphStore
from graph.payload import document_id
from tests.builders import load
from tests.corpus import seed_facts
from tests.graphql import execute

MEASURE = "{ text comparator value unit date qualitative }"
PROJECTS = f"""
query ($id: ID!) {{ document(id: $id) {{ projects {{
  name budgetWan executedWan executionRate manager subsidyStandard
  subsidy {{ text amount currency period perPerson comparator }}
  indicators {{ name target actual priorValue deviationReason
                targetMeasure {MEASURE} actualMeasure {MEASURE} priorMeasure {MEASURE} }}
}} }} }}"""


async def projects_of(store: GraphStore, number: int) -> dict[str, dict[str, Any]]:
    """Seed ``number`` loaded alone; its projects by name."""
    await load(store, seed_facts(number))
    data = await execute(store, PROJECTS, id=document_id(seed_facts(number)))
    assert data["document"] is not None
    return {p["name"]: p for p in data["document"]["projects"]}


def indicator(project: dict[str, Any], name: str) -> dict[str, Any]:
    return next(i for i in project["indicators"] if i["name"] == name)


async def test_hejing_2025_subsidy_standard_per_person_per_month(store: GraphStore) -> None:
    projects = await projects_of(store, 4)
    project = projects["自治区国有企业改革成本巴财企〔2024〕58号"]
    assert project["subsidyStandard"] == "120 元/月/人"
    assert project["subsidy"] == {"text": "120 元/月/人", "amount": 120.0, "currency": "元", "period": "MONTH",
                                  "perPerson": True, "comparator": None}
    assert (project["manager"], project["executionRate"]) == ("权云峰", None)
    standard = indicator(project, "补助发放标准")
    assert standard["targetMeasure"] == {"text": "≤120元/月/人", "comparator": "LE", "value": 120.0,
                                         "unit": "元/月/人", "date": None, "qualitative": False}
    assert (standard["priorValue"], standard["priorMeasure"], standard["actualMeasure"]) == (None, None, None)
    worded = indicator(project, "提高享受政策人员生活水平")["targetMeasure"]
    assert worded == {"text": "有效提高", "comparator": None, "value": None, "unit": None, "date": None,
                      "qualitative": True}
    others = [p for name, p in projects.items() if name != "自治区国有企业改革成本巴财企〔2024〕58号"]
    assert all(p["subsidy"] is None for p in others if p["subsidyStandard"] is None)


async def test_changji_2025_yearly_subsidy_and_prior_year_values(store: GraphStore) -> None:
    projects = await projects_of(store, 0)
    project = projects["95年以前退休人员生活费"]
    assert project["subsidy"] == {"text": "1440 元/人/年", "amount": 1440.0, "currency": "元", "period": "YEAR",
                                  "perPerson": True, "comparator": None}
    assert project["manager"] == "李树峰"
    deadline = indicator(project, "发放完成时间")
    assert (deadline["targetMeasure"]["comparator"], deadline["targetMeasure"]["date"]) == ("LE", "2025-12-10")
    assert deadline["priorValue"] == "2024年12月10日"
    assert deadline["priorMeasure"]["date"] == "2024-12-10"
    people = indicator(project, "核定1995年以前企业退休人数")
    assert (people["target"], people["priorValue"]) == ("=877人", "776人")
    assert people["priorMeasure"] == {"text": "776人", "comparator": None, "value": 776.0, "unit": "人",
                                      "date": None, "qualitative": False}


async def test_changji_2023_final_accounts_results_deviations_and_execution(store: GraphStore) -> None:
    projects = await projects_of(store, 1)
    project = projects["社会保险基金风险防控工作经费"]
    assert (project["budgetWan"], project["executedWan"], project["executionRate"]) == (45.0, 33.7, 74.89)
    assert project["manager"] is None and project["subsidy"] is None
    fee = indicator(project, "风险防控培训费")
    assert (fee["targetMeasure"]["comparator"], fee["targetMeasure"]["value"], fee["targetMeasure"]["unit"]) == (
        "EQ", 12.0, "万元")
    assert (fee["actualMeasure"]["comparator"], fee["actualMeasure"]["value"]) == ("EQ", 11.0)
    assert fee["deviationReason"] == "压缩培训成本,预算资金结余。"
    assert indicator(project, "培训次数")["deviationReason"] is None
    reasons = sum(1 for p in projects.values() for i in p["indicators"] if i["deviationReason"])
    assert reasons == 24


async def test_changji_2023_final_accounts_results_met_or_not(store: GraphStore) -> None:
    """met compares each result with its target as written; words and budgets (no result) give null."""
    query = """query ($id: ID!) { project(id: $id) { indicators { name met } } }"""
    await load(store, seed_facts(1))
    data = await execute(store, query,
                         id="昌吉回族自治州社会保险中心|2023|FINAL_ACCOUNTS|DEPARTMENT|社会保险基金风险防控工作经费")
    met = {i["name"]: i["met"] for i in data["project"]["indicators"]}
    assert met == {"培训次数": True, "培训人次": True, "保障法律服务": True, "社保经办审计次数": True,
                   "培训出勤率": True, "风险防控培训费": False, "法律顾问服务费": True, "社保经办审计费": True,
                   "社会保险基金风险防控能力提升": None, "培训人员满意度": True}
    await load(store, seed_facts(4))
    budget = await execute(store, "query ($id: ID!) { document(id: $id) { projects { indicators { met } } } }",
                           id=document_id(seed_facts(4)))
    mets = [i["met"] for p in budget["document"]["projects"] for i in p["indicators"]]
    assert mets and all(v is None for v in mets)


def test_met_by_comparator_unit_and_date_precision() -> None:
    def m(comparator: Comparator | None, value: float | None = None, unit: str | None = None,
          date: str | None = None) -> Measure:
        return Measure(text="", comparator=comparator, value=value, unit=unit, date=date)

    assert meets(m(Comparator.GE, 95, "%"), m(Comparator.EQ, 95, "%")) is True
    assert meets(m(Comparator.GT, 95, "%"), m(Comparator.EQ, 95, "%")) is False
    assert meets(m(Comparator.LT, 10, "万元"), m(None, 9.5, "万元")) is True
    assert meets(m(None, 100, "%"), m(Comparator.EQ, 99, "%")) is False  # no comparator: exactly
    assert meets(m(Comparator.GE, 95, "%"), m(Comparator.EQ, 95, "人")) is None  # different units
    assert meets(m(Comparator.LE, date="2025-12-10"), m(None, date="2025-12-01")) is True
    assert meets(m(Comparator.LE, date="2025-12-10"), m(None, date="2025-12")) is None  # precision differs
    assert meets(m(Comparator.LE, date="2025-12-10"), m(None, 1, "次")) is None
    assert meets(m(Comparator.GE, 95, "%"), None) is None
    assert meets(m(None), m(None)) is None  # words
