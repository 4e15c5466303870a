"""GraphQL object types. Each is built from a store row (a plain dict) and resolves its
relations through the request's batch loaders."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from app.api.context import Context

Row = dict[str, Any]
Info = strawberry.Info[Context, None]


@strawberry.enum(description="Kind of disclosure.")
class DocumentKind(Enum):
    BUDGET = strawberry.enum_value("BUDGET", description="部门/单位预算公开")
    FINAL_ACCOUNTS = strawberry.enum_value("FINAL_ACCOUNTS", description="部门/单位决算公开")


@strawberry.type(description="Where a fact was read in its source document.")
class SourceRef:
    line_start: int | None
    line_end: int | None
    page: int | None
    text: str | None

    @classmethod
    def of(cls, row: Row) -> SourceRef | None:
        if row.get("sourceLineStart") is None:
            return None
        return cls(line_start=row.get("sourceLineStart"), line_end=row.get("sourceLineEnd"),
                   page=row.get("sourcePage"), text=row.get("sourceText"))


@strawberry.type(description="Administrative region (行政区划), PART_OF its parent.")
class Region:
    name: str
    parent_name: strawberry.Private[str | None]

    @strawberry.field
    async def parent(self, info: Info) -> Region | None:
        if self.parent_name is None:
            return None
        row = await info.context.loaders["regions_by_name"].one(self.parent_name)
        return Region.of(row) if row else None

    @classmethod
    def of(cls, row: Row) -> Region:
        return cls(name=row["name"], parent_name=row.get("parent"))


@strawberry.type(description="A 科室 (internal department) of a unit.")
class Department:
    name: str


@strawberry.type(description="A row of the expenditure table by 功能分类 at 项 level.")
class FunctionLine:
    code: str = strawberry.field(description="7-digit 功能分类 code, e.g. 2080109")
    name: str
    total_wan: float | None
    basic_wan: float | None
    project_wan: float | None
    source: SourceRef | None

    @classmethod
    def of(cls, row: Row) -> FunctionLine:
        return cls(code=row["code"], name=row.get("name") or "", total_wan=row.get("totalWan"),
                   basic_wan=row.get("basicWan"), project_wan=row.get("projectWan"), source=SourceRef.of(row))


@strawberry.type(description="A performance indicator (绩效指标) of a project.")
class Indicator:
    level1: str | None = strawberry.field(description="一级指标, e.g. 产出指标")
    level2: str | None = strawberry.field(description="二级指标, e.g. 数量指标")
    name: str = strawberry.field(description="三级指标")
    target: str | None = strawberry.field(description="指标值 as written, e.g. >=95%")
    actual: str | None = strawberry.field(description="实际完成值 (final accounts)")
    weight: float | None
    score: float | None
    source: SourceRef | None

    @classmethod
    def of(cls, row: Row) -> Indicator:
        return cls(level1=row.get("level1"), level2=row.get("level2"), name=row["name"],
                   target=row.get("target"), actual=row.get("actual"), weight=row.get("weight"),
                   score=row.get("score"), source=SourceRef.of(row))


@strawberry.type(description="A policy or allocation document (政策依据 / 资金下达文件), by 发文字号 or title.")
class Policy:
    key: strawberry.Private[str]
    doc_number: str | None = strawberry.field(
        description="Canonical 发文字号 with 〔〕, e.g. 新政办发〔2010〕168号; null for a policy known only by title")
    title: str | None
    issuer: str | None = strawberry.field(description="Issuing agency where it can be told from the number's prefix")
    year: int | None

    @strawberry.field(description="Projects this document is the basis of or allocates money to.")
    async def funded_projects(self, info: Info) -> list[Project]:
        return [Project.of(r) for r in await info.context.loaders["projects_of_policies"].load(self.key)]

    @classmethod
    def of(cls, row: Row) -> Policy:
        return cls(key=row["key"], doc_number=row.get("docNumber"), title=row.get("title"),
                   issuer=row.get("issuer"), year=row.get("year"))


@strawberry.type(description="A project (项目) of a unit in one fiscal year, as one document discloses it.")
class Project:
    id: strawberry.ID
    name: str
    fiscal_year: int
    budget_wan: float | None = strawberry.field(description="预算安排规模 / 全年预算数 (万元)")
    executed_wan: float | None = strawberry.field(description="全年执行数 (final accounts only)")
    self_evaluation_score: float | None = strawberry.field(description="绩效自评总分 (final accounts only)")
    beneficiary_count: int | None = strawberry.field(description="补贴人数 / 享受人数 where the project pays individuals")
    subsidy_standard: str | None = strawberry.field(description="补贴标准 as written, e.g. 120 元/月/人")
    funding_source: str | None = strawberry.field(description="资金来源")
    subsidy_scope: str | None = strawberry.field(description="补贴范围")
    subsidy_method: str | None = strawberry.field(description="补贴方式")
    undertaking_unit: str | None = strawberry.field(description="项目承担单位 as written")
    execution_period: str | None = strawberry.field(description="资金执行时间 as written")
    source: SourceRef | None

    @strawberry.field(description="True when the project pays individuals (补贴人数/补贴标准 stated).")
    def is_subsidy(self) -> bool:
        return self.beneficiary_count is not None or self.subsidy_standard is not None

    @strawberry.field
    async def unit(self, info: Info) -> Unit:
        row = await info.context.loaders["unit_of_projects"].one(str(self.id))
        return Unit.of(row)

    @strawberry.field
    async def document(self, info: Info) -> BudgetDocument:
        row = await info.context.loaders["document_of_projects"].one(str(self.id))
        return BudgetDocument.of(row)

    @strawberry.field(description="设立的政策依据 and the allocation documents that fund it")
    async def policies(self, info: Info) -> list[Policy]:
        return [Policy.of(r) for r in await info.context.loaders["policies_of_projects"].load(str(self.id))]

    @strawberry.field
    async def indicators(self, info: Info) -> list[Indicator]:
        return [Indicator.of(r) for r in await info.context.loaders["indicators_of_projects"].load(str(self.id))]

    @classmethod
    def of(cls, row: Row) -> Project:
        return cls(
            id=strawberry.ID(row["id"]), name=row["name"], fiscal_year=row["fiscalYear"],
            budget_wan=row.get("budgetWan"), executed_wan=row.get("executedWan"),
            self_evaluation_score=row.get("selfEvaluationScore"), beneficiary_count=row.get("beneficiaryCount"),
            subsidy_standard=row.get("subsidyStandard"), funding_source=row.get("fundingSource"),
            subsidy_scope=row.get("subsidyScope"), subsidy_method=row.get("subsidyMethod"),
            undertaking_unit=row.get("undertakingUnit"), execution_period=row.get("executionPeriod"),
            source=SourceRef.of(row),
        )


@strawberry.type(description="A budget unit (预算单位); one node across renames, former names kept as aliases.")
class Unit:
    id: strawberry.ID
    name: str
    names: strawberry.Private[list[str]]

    @strawberry.field(description="Former names and other spellings seen in documents.")
    def aliases(self) -> list[str]:
        return [n for n in self.names if n != self.name]

    @strawberry.field
    async def region(self, info: Info) -> Region | None:
        name = await info.context.loaders["region_of_units"].one(str(self.id))
        if name is None:
            return None
        row = await info.context.loaders["regions_by_name"].one(name)
        return Region.of(row) if row else None

    @strawberry.field
    async def documents(self, info: Info) -> list[BudgetDocument]:
        return [BudgetDocument.of(r) for r in await info.context.loaders["documents_of_units"].load(str(self.id))]

    @strawberry.field
    async def projects(self, info: Info, fiscal_year: int | None = None) -> list[Project]:
        rows = await info.context.loaders["projects_of_units"].load(str(self.id))
        return [Project.of(r) for r in rows if fiscal_year is None or r["fiscalYear"] == fiscal_year]

    @classmethod
    def of(cls, row: Row) -> Unit:
        return cls(id=strawberry.ID(row["id"]), name=row["name"], names=list(row.get("names") or []))


@strawberry.type(description="One disclosure document (预算公开 or 决算公开) of a unit for a fiscal year.")
class BudgetDocument:
    id: strawberry.ID
    title: str
    kind: DocumentKind
    fiscal_year: int
    source_path: str | None
    sha256: str | None
    total_wan: float | None = strawberry.field(description="收支总计 (budget) or 支出总计 (final accounts)")
    basic_expenditure_wan: float | None = strawberry.field(description="基本支出")
    project_expenditure_wan: float | None = strawberry.field(description="项目支出")
    three_public_wan: float | None = strawberry.field(description="财政拨款三公经费合计")
    staff_authorized: int | None = strawberry.field(description="编制数")
    staff_actual: int | None = strawberry.field(description="实有人数")

    @strawberry.field
    async def unit(self, info: Info) -> Unit:
        return Unit.of(await info.context.loaders["unit_of_documents"].one(str(self.id)))

    @strawberry.field(description="科室 listed in 机构设置")
    async def departments(self, info: Info) -> list[Department]:
        rows = await info.context.loaders["departments_of_documents"].load(str(self.id))
        return [Department(name=r["name"]) for r in rows]

    @strawberry.field(description="Rows of the expenditure table by function classification at 项 level (7-digit code).")
    async def function_lines(self, info: Info) -> list[FunctionLine]:
        rows = await info.context.loaders["function_lines_of_documents"].load(str(self.id))
        return [FunctionLine.of(r) for r in rows]

    @strawberry.field
    async def projects(self, info: Info) -> list[Project]:
        return [Project.of(r) for r in await info.context.loaders["projects_of_documents"].load(str(self.id))]

    @strawberry.field(description="Every policy document cited anywhere in this document.")
    async def cited_policies(self, info: Info) -> list[Policy]:
        rows = await info.context.loaders["cited_policies_of_documents"].load(str(self.id))
        return [Policy.of(r) for r in rows]

    @classmethod
    def of(cls, row: Row) -> BudgetDocument:
        return cls(
            id=strawberry.ID(row["id"]), title=row["title"], kind=DocumentKind(row["kind"]),
            fiscal_year=row["fiscalYear"], source_path=row.get("sourcePath"), sha256=row.get("sha256"),
            total_wan=row.get("totalWan"), basic_expenditure_wan=row.get("basicExpenditureWan"),
            project_expenditure_wan=row.get("projectExpenditureWan"), three_public_wan=row.get("threePublicWan"),
            staff_authorized=row.get("staffAuthorized"), staff_actual=row.get("staffActual"),
        )
