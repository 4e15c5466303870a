"""Hand-built facts for tests of the graph layer and the API (no extraction involved).

``WORLD`` is the small graph the API tests share: two units (one renamed) in two regions of
巴音郭楞/昌吉, budgets and final accounts over three years, function lines, an indicator, and
the policy 新政办发〔2010〕168号 funding subsidies in both units.
"""

from __future__ import annotations

import dataclasses

from app.store import GraphStore
from graph.payload import upsert_params
from loaders.facts import (
    CitationRole,
    DocumentFacts,
    DocumentKind,
    FunctionLineFact,
    HeaderFacts,
    IndicatorFact,
    OverviewFacts,
    PolicyRef,
    ProjectFact,
    SourceRef,
)
from loaders.pipeline import prepare

SRC = SourceRef(line_start=10, line_end=12, text="（新政办发〔2010〕168号）")
BASIS = PolicyRef("新政办发〔2010〕168号", "关于实施生活补贴的通知", CitationRole.BASIS, SRC)
ALLOCATION = PolicyRef("巴财企〔2024〕58号", None, CitationRole.ALLOCATION, SRC)


def document(
    unit: str, year: int, *projects: ProjectFact, kind: DocumentKind = DocumentKind.BUDGET, sha: str = "a" * 64
) -> DocumentFacts:
    return DocumentFacts(
        path=f"/corpus/{unit}-{year}.txt",
        sha256=sha,
        header=HeaderFacts(unit, kind, year, f"{unit}{year}年部门预算公开"),
        overview=OverviewFacts(departments=("办公室", "财务科")),
        projects=projects,
    )


def project(name: str, amount: float, *policies: PolicyRef, people: int | None = None) -> ProjectFact:
    return ProjectFact(name=name, source=SRC, budget_wan=amount, policies=policies, beneficiary_count=people)


CHANGJI = document(
    "昌吉回族自治州社会保险中心",
    2025,
    project("95年以前退休人员生活费", 114.34, BASIS, people=877),
    project("社会保险宣传费", 25.0),
)
HEJING = document("和静县社会保险中心", 2025, project("自治区国有企业改革成本", 40.0, BASIS, ALLOCATION, people=277))


async def load(store: GraphStore, *docs: DocumentFacts) -> tuple[int, int]:
    for doc in docs:
        await store.write("upsert_document", upsert_params(prepare(doc)))
    return await store.counts()


async def funded(store: GraphStore, key: str) -> list[tuple[str, float]]:
    rows = await store.read("projects_of_policies", {"ids": [key]})
    return sorted((r["item"]["name"], r["item"]["budgetWan"]) for r in rows)


def _lines(*rows: tuple[str, str, float]) -> tuple[FunctionLineFact, ...]:
    return tuple(FunctionLineFact(code, name, total, source=SRC) for code, name, total in rows)


CHANGJI_2025 = dataclasses.replace(CHANGJI, function_lines=_lines(
    ("2080109", "社会保险经办机构", 300.0), ("2080501", "行政单位离退休", 114.34)))
CHANGJI_2023_FINAL = dataclasses.replace(
    document("昌吉回族自治州社会保险管理局", 2023, dataclasses.replace(
        project("95年以前退休人员生活费", 110.0, BASIS, people=860), executed_wan=108.5,
        indicators=(IndicatorFact("发放人数", "产出指标", "数量指标", ">=860人", "860人", 20.0, 20.0, SRC),)),
        kind=DocumentKind.FINAL_ACCOUNTS, sha="b" * 64),
    function_lines=_lines(("2080109", "社会保险经办机构", 280.0)))
HEJING_2024 = document("和静县社会保险中心", 2024,
                       project("自治区国有企业改革成本", 38.0, BASIS, ALLOCATION, people=270), sha="c" * 64)
WORLD: tuple[DocumentFacts, ...] = (CHANGJI_2025, CHANGJI_2023_FINAL, HEJING, HEJING_2024)
