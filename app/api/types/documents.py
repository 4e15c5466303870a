# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Disclosure documents and their tables: expenditure by 功能分类 (function) and 经济分类 (economic)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from app.api.types import places, policies, projects, quality
from app.api.types.common import DocumentKind, FunctionLevel, Info, Row, SourceRef

if TYPE_CHECKING:
    from app.api.types.places import Department, Unit
    from app.api.types.policies import Policy
    from app.api.types.projects import Project
    from app.api.types.quality import DataQualityFinding

UnitRef = Annotated["Unit", strawberry.lazy("app.api.types.places")]
DepartmentRef = Annotated["Department", strawberry.lazy("app.api.types.places")]
PolicyRef = Annotated["Policy", strawberry.lazy("app.api.types.policies")]
ProjectRef = Annotated["Project", strawberry.lazy("app.api.types.projects")]
FindingRef = Annotated["DataQualityFinding", strawberry.lazy("app.api.types.quality")]


@strawberry.type(description="A code of the national 政府收支分类科目 functional classification (功能分类): "
                 "what the money is for. The hierarchy follows the code: 类 (3 digits) > 款 (5) > 项 (7).")
class FunctionClass:
    code: str = strawberry.field(description="3-, 5- or 7-digit code, e.g. 2080109")
    name: str | None = strawberry.field(description="Name as the documents print it, e.g. 社会保险经办机构")

    @strawberry.field(description="类, 款 or 项, from the length of the code.")
    def level(self) -> FunctionLevel | None:
        return FunctionLevel.of_code(self.code)

    @strawberry.field(description="The enclosing 款 or 类 when the graph holds it (null otherwise, never guessed).")
    async def parent(self, info: Info) -> FunctionClass | None:
        if len(self.code) <= 3:
            return None
        return await function_class(info, self.code[: len(self.code) - 2])

    @strawberry.field(description="Codes one level below this one that the graph holds.")
    async def children(self, info: Info) -> list[FunctionClass]:
        rows = await info.context.loaders["children_of_function_classes"].load(self.code)
        return [FunctionClass.of(r) for r in rows]

    @classmethod
    def of(cls, row: Row) -> FunctionClass:
        return cls(code=row["code"], name=row.get("name"))


async def function_class(info: Info, code: str | None) -> FunctionClass | None:
    """The FunctionClass node with that code (batched), or None."""
    if code is None:
        return None
    row = await info.context.loaders["function_classes_by_code"].one(code)
    return FunctionClass.of(row) if row else None


@strawberry.type(description="A row of the expenditure table (支出总表) by 功能分类 at 项 level: "
                 "合计 (total) = 基本支出 (basic: staff and running costs) + 项目支出 (project spending).")
class FunctionLine:
    code: str = strawberry.field(description="7-digit 功能分类 code, e.g. 2080109")
    name: str
    total_wan: float | None = strawberry.field(description="合计 (万元)")
    basic_wan: float | None = strawberry.field(description="基本支出 (万元)")
    project_wan: float | None = strawberry.field(description="项目支出 (万元)")
    fiscal_year: int | None
    source: SourceRef | None

    @strawberry.field(description="The classification node, with its 款 and 类 parents.")
    async def function_class(self, info: Info) -> FunctionClass | None:
        return await function_class(info, self.code)

    @classmethod
    def of(cls, row: Row) -> FunctionLine:
        return cls(code=row["code"], name=row.get("name") or "", total_wan=row.get("totalWan"),
                   basic_wan=row.get("basicWan"), project_wan=row.get("projectWan"),
                   fiscal_year=row.get("fiscalYear"), source=SourceRef.of(row))


@strawberry.type(description="A row of the basic expenditure table (基本支出表) by 经济分类 (economic "
                 "classification: what the money buys), e.g. 30101 基本工资 (basic salaries).")
class EconomicLine:
    code: str = strawberry.field(description="3- or 5-digit 经济分类 code, e.g. 30101")
    name: str
    total_wan: float | None = strawberry.field(description="合计 (万元)")
    source: SourceRef | None

    @classmethod
    def of(cls, row: Row) -> EconomicLine:
        return cls(code=row["code"], name=row.get("name") or "", total_wan=row.get("totalWan"),
                   source=SourceRef.of(row))


@strawberry.type(description="One disclosure of a unit for a fiscal year: 预算公开 (budget, published before "
                 "the year) or 决算公开 (final accounts, after it).")
class BudgetDocument:
    id: strawberry.ID
    title: str
    kind: DocumentKind
    fiscal_year: int
    source_path: str | None = strawberry.field(description="The file it was loaded from")
    sha256: str | None = strawberry.field(description="SHA-256 of that file")
    total_wan: float | None = strawberry.field(description="收支总计 (budget) or 支出总计 (final accounts)")
    basic_expenditure_wan: float | None = strawberry.field(description="基本支出")
    project_expenditure_wan: float | None = strawberry.field(description="项目支出")
    three_public_wan: float | None = strawberry.field(description="财政拨款三公经费合计")
    staff_authorized: int | None = strawberry.field(description="编制数")
    staff_actual: int | None = strawberry.field(description="实有人数")

    @strawberry.field
    async def unit(self, info: Info) -> UnitRef:
        return places.Unit.of(await info.context.loaders["unit_of_documents"].only(str(self.id)))

    @strawberry.field(description="科室 listed in 机构设置")
    async def departments(self, info: Info) -> list[DepartmentRef]:
        rows = await info.context.loaders["departments_of_documents"].load(str(self.id))
        return [places.Department(name=r["name"]) for r in rows]

    @strawberry.field(
        description="Rows of the expenditure table by function classification at 项 level (7-digit code).")
    async def function_lines(self, info: Info) -> list[FunctionLine]:
        rows = await info.context.loaders["function_lines_of_documents"].load(str(self.id))
        return [FunctionLine.of(r) for r in rows]

    @strawberry.field(description="Rows of the basic expenditure table by 经济分类 (empty until the loader "
                      "extracts that table).")
    async def economic_lines(self, info: Info) -> list[EconomicLine]:
        rows = await info.context.loaders["economic_lines_of_documents"].load(str(self.id))
        return [EconomicLine.of(r) for r in rows]

    @strawberry.field
    async def projects(self, info: Info) -> list[ProjectRef]:
        rows = await info.context.loaders["projects_of_documents"].load(str(self.id))
        return [projects.Project.of(r) for r in rows]

    @strawberry.field(description="Every policy document cited anywhere in this document.")
    async def cited_policies(self, info: Info) -> list[PolicyRef]:
        rows = await info.context.loaders["cited_policies_of_documents"].load(str(self.id))
        return [policies.Policy.of(r) for r in rows]

    @strawberry.field(description="What did not add up in this document (e.g. a total that is not the sum of "
                      "its rows): reported, not hidden.")
    async def data_quality_findings(self, info: Info) -> list[FindingRef]:
        rows = await info.context.loaders["findings_of_documents"].load(str(self.id))
        return [quality.DataQualityFinding.of(r) for r in rows]

    @classmethod
    def of(cls, row: Row) -> BudgetDocument:
        return cls(
            id=strawberry.ID(row["id"]), title=row["title"], kind=DocumentKind(row["kind"]),
            fiscal_year=row["fiscalYear"], source_path=row.get("sourcePath"), sha256=row.get("sha256"),
            total_wan=row.get("totalWan"), basic_expenditure_wan=row.get("basicExpenditureWan"),
            project_expenditure_wan=row.get("projectExpenditureWan"), three_public_wan=row.get("threePublicWan"),
            staff_authorized=row.get("staffAuthorized"), staff_actual=row.get("staffActual"),
        )
