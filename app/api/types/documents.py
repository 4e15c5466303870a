# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Disclosure documents: what each states about its unit (概况), its money (tables by 功能分类 and 经济分类,
income by source, "三公", 其他重要事项) and its projects."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import quote

import strawberry

from app.api.relay import Node, global_id
from app.api.types import places, policies, projects, quality
from app.api.types.common import (
    DocumentKind,
    DocumentScope,
    FunctionLevel,
    Info,
    Row,
    SourceRef,
    figures,
    narrowable,
    of_row,
)
from app.api.types.economic import EconomicLine, IncomeLine
from app.api.types.narratives import (
    FunctionNarrative,
    PriorYearChange,
    StatedFigures,
    in_document_order,
    stated_figures,
)
from app.api.types.refs import DepartmentRef, FindingRef, PolicyRef, ProjectLineRef, ProjectRef, UnitRef
from app.api.types.related import Pick, Related, own_id
from app.api.types.statements import Assets, Performance, Procurement, StatedEmptyTable, ThreePublicItem
from graph.codec import decode
from loaders import facts
from vocab.classification import function_classes


@strawberry.type(description="A code of the national 政府收支分类科目 functional classification (功能分类): "
                 "what the money is for. The hierarchy follows the code: 类 (3 digits) > 款 (5) > 项 (7); every "
                 "code a document names comes with its 款 and 类.")
class FunctionClass(Node):
    code: str = strawberry.field(description="3-, 5- or 7-digit code, e.g. 2080109")
    name: str | None = strawberry.field(
        description="The published name (支出功能分类科目), e.g. 社会保险经办机构; for a code the reference table "
        "lacks, the name documents print (null when none prints it)")

    @strawberry.field(description="类, 款 or 项, from the length of the code.")
    def level(self) -> FunctionLevel | None:
        return FunctionLevel.of_code(self.code)

    parent: FunctionClass | None = strawberry.field(
        description="The enclosing 款 or 类 (null for a 类, or when the graph does not hold it).",
        resolver=Related("function_classes_by_code", lambda fc: function_classes().parent(fc.code),
                         lambda row: FunctionClass.of(row)).resolve)
    children: list[FunctionClass] = strawberry.field(
        description="Codes one level below this one that the graph holds (documents name them or codes under them).",
        resolver=Related("children_of_function_classes", lambda fc: fc.code, lambda row: FunctionClass.of(row),
                         Pick.ALL).resolve)

    @classmethod
    def of(cls, row: Row) -> FunctionClass:
        return cls(id=global_id("FunctionClass", row["code"]), code=row["code"],
                   name=function_classes().name(row["code"]) or row.get("name"))


async def function_class(info: Info, code: str | None) -> FunctionClass | None:
    """The FunctionClass node with that code (batched), or None."""
    if code is None:
        return None
    row = await info.context.loaders["function_classes_by_code"].one(code)
    return FunctionClass.of(row) if row else None


@strawberry.type(description="A row of the expenditure table (支出总表) by 功能分类 at 项 level: "
                 "合计 (total) = 基本支出 (basic: staff and running costs) + 项目支出 (project spending).")
class FunctionLine(StatedFigures):
    code: str = strawberry.field(description="7-digit 功能分类 code, e.g. 2080109")
    name: str
    total_wan: float | None = strawberry.field(description="合计 (万元)")
    basic_wan: float | None = strawberry.field(description="基本支出 (万元)")
    project_wan: float | None = strawberry.field(description="项目支出 (万元)")
    fiscal_year: int | None
    source: SourceRef | None
    general_public_wan: float | None = strawberry.field(
        default=None, description="The code's 合计 in the 一般公共预算(财政拨款)支出表: the general-budget money "
        "the 情况说明 describes per 项 (null when the document has no such table)")
    narrative_wan: float | None = strawberry.field(
        default=None, description="The amount the 情况说明 states for this 项: 支出决算数 (final accounts, spent) or "
        "预算数 (budget), 万元; null when it does not describe the 项")
    narrative_source: SourceRef | None = strawberry.field(
        default=None, description="Where the 情况说明 describes this 项 (its amount, 比上年, 年初预算)")

    function_class: FunctionClass | None = strawberry.field(
        description="The classification node, with its 款 and 类 parents.",
        resolver=Related("function_classes_by_code", lambda line: line.code, FunctionClass.of).resolve)

    @classmethod
    def of(cls, row: Row) -> FunctionLine:
        """The table's row, filled as :func:`of_row` plans it once per set of properties (not decoded as a whole
        fact each row: 20 documents' lines are 40), and what the 情况说明 states for its 项 (another fact of the
        same node)."""
        told = decode(row, facts.FunctionNarrativeFact)
        line = of_row(cls, row, facts.FunctionLineFact, narrative_wan=told["amount_wan"],
                      narrative_source=SourceRef.of_values(told["source"]), **stated_figures(told))
        if line.name is None:  # a line the table names no 项 of: the field is text
            line.name = ""
        return line


if TYPE_CHECKING:
    DocumentFigures = object
else:
    DocumentFigures = figures(facts.DocumentFacts, "DocumentFigures")
    """Every figure a document family declares for the API (``loaders.stored.doc``), by its field's name."""


@narrowable("BudgetDocument")
@strawberry.type(description="One disclosure of a unit for a fiscal year: 预算公开 (budget, published before "
                 "the year) or 决算公开 (final accounts, after it).")
class BudgetDocument(Node, DocumentFigures):
    id: strawberry.ID
    title: str
    kind: DocumentKind
    scope: DocumentScope = strawberry.field(description="部门 (consolidating subordinate units) or 单位; a unit's "
                                            "部门 and 单位 documents of one year are two documents")
    fiscal_year: int
    source_path: str | None = strawberry.field(
        description="The name of the file it was loaded from (never a path on the server)",
        deprecation_reason="Use fileName, sha256 and sourceUrl; this gives the file name only")
    sha256: str | None = strawberry.field(description="SHA-256 of that file: what identifies its content")

    @strawberry.field(description="The name of the file it was loaded from, e.g. 和静县社会保险中心2025年单位预算.pdf")
    def file_name(self) -> str | None:
        return self.source_path

    @strawberry.field(description="Where the file is public: KG_SOURCE_URL_BASE followed by the file name; null when "
                      "the service has no such setting")
    def source_url(self, info: Info) -> str | None:
        base = info.context.source_url_base
        if base is None or self.source_path is None:
            return None
        return f"{base.rstrip('/')}/{quote(self.source_path)}"
    total_wan: float | None = strawberry.field(description="收支总计 (budget) or 支出总计 (final accounts)")
    basic_expenditure_wan: float | None = strawberry.field(description="基本支出")
    project_expenditure_wan: float | None = strawberry.field(description="项目支出")
    three_public_wan: float | None = strawberry.field(description="财政拨款三公经费合计")
    staff_authorized: int | None = strawberry.field(description="编制数")
    staff_actual: int | None = strawberry.field(description="实有人数")
    staff_in_service: int | None = strawberry.field(description="在职: staff in service")
    staff_retired: int | None = strawberry.field(description="退休: retired staff the unit pays")
    staff_lixiu: int | None = strawberry.field(description="离休: cadres retired under the scheme for those who "
                                               "joined the revolution before 1949")
    staff_source: SourceRef | None = strawberry.field(description="Where 机构设置及人员情况 (the 科室 list and "
                                                      "staff numbers) was read")
    functions: list[str] = strawberry.field(description="主要职能 (the unit's main functions), one item each, in the "
                                            "document's order; empty when none was read")
    subordinate_units: list[str] | None = strawberry.field(
        description="下属单位 (subordinate units): empty when the document says there are none (无下属预算单位), "
        "null when it does not say")
    functions_source: SourceRef | None = strawberry.field(description="Where 主要职能 (and 下属单位) were read")
    general_basic_wan: float | None = strawberry.field(
        description="一般公共预算(财政拨款)基本支出: the basic expenditure that 人员经费 + 公用经费 and the 经济分类 "
        "rows add up to (万元)")
    personnel_wan: float | None = strawberry.field(description="人员经费: staff costs (万元)")
    public_funds_wan: float | None = strawberry.field(description="公用经费: running costs of the office (万元)")
    general_basic_source: SourceRef | None = strawberry.field(description="Where that basic expenditure was read")
    three_public_budget_wan: float | None = strawberry.field(
        description='Final accounts: the "三公" 全年预算数 (the year\'s budget) beside what was spent')
    three_public_items: list[ThreePublicItem] = strawberry.field(
        description='The "三公" items the document states, in the template\'s order (empty when it states none)')
    stated_empty_tables: list[StatedEmptyTable] = strawberry.field(
        description="Standard tables the document states empty (政府性基金, 国有资本经营, "
        '"三公", 上年结转结余, 项目支出), one a kind, in the order of EmptyTableKind; a stated zero, unlike a '
        "table left unread (dataQualityFindings)")
    carryover_wan: float | None = strawberry.field(
        description="结转结余 at the start: 上年结转结余 (budget) / 年初结转和结余 (final accounts), 万元; 0 when "
        "the document says there is none")
    year_end_carryover_wan: float | None = strawberry.field(description="年末结转和结余 (final accounts, 万元)")
    carryover_source: SourceRef | None = strawberry.field(description="Where 结转结余 was read")
    operating_wan: float | None = strawberry.field(
        description="机关(单位)运行经费: the running costs of the office paid by appropriations (万元)")
    operating_source: SourceRef | None = strawberry.field(description="Where 机关运行经费 was read")
    procurement: Procurement | None = strawberry.field(description="政府采购; null when the document states none")
    assets: Assets | None = strawberry.field(description="国有资产占用; null when the document states none")
    performance: Performance | None = strawberry.field(description="预算绩效; null when the document states none")
    initial_budget_wan: float | None = strawberry.field(
        default=None, description="Final accounts, 与年初预算相比: the 财政拨款 年初预算数 (initial budget of the "
        "appropriations for the year, 万元); null when not stated")
    budget_actual_wan: float | None = strawberry.field(
        default=None, description="The 决算数 (what the appropriations actually spent, 万元) stated beside 年初预算数")
    budget_variance_rate: float | None = strawberry.field(
        default=None, description="预决算差异率: (决算 − 年初预算) / 年初预算 in percent, as stated")
    budget_completion_rate: float | None = strawberry.field(
        default=None, description="完成年初预算的 Z%: 决算 as a percentage of 年初预算, as stated")
    budget_variance_reason: str | None = strawberry.field(
        default=None, description="主要原因 of 决算 differing from 年初预算, as written")
    budget_comparison_source: SourceRef | None = strawberry.field(
        default=None, description="Where the 年初预算 comparison was read")
    prior_year_change: PriorYearChange | None = strawberry.field(
        default=None, description="收入支出总体 (final accounts) / 收支总预算 (budget) compared with the previous "
        "year (比上年); null when not stated")
    appropriation_change: PriorYearChange | None = strawberry.field(
        default=None, description="财政拨款收入支出 (appropriations) compared with the previous year; null when "
        "not stated")

    unit: UnitRef = strawberry.field(resolver=Related(
        "unit_of_documents", own_id, lambda row: places.Unit.of(row), Pick.ONLY).resolve)

    departments: list[DepartmentRef] = strawberry.field(description="科室 listed in 机构设置", resolver=Related(
        "departments_of_documents", own_id, lambda row: places.Department(name=row["name"]), Pick.ALL).resolve)
    function_lines: list[FunctionLine] = strawberry.field(
        description="Rows of the expenditure table by function classification at 项 level (7-digit code).",
        resolver=Related("function_lines_of_documents", own_id, FunctionLine.of, Pick.ALL).resolve)

    function_narratives: list[FunctionNarrative] = strawberry.field(
        description="Every 功能分类 项 the 一般公共预算(财政拨款)支出 情况说明 describes (具体使用情况 / "
        "决算具体情况), in the document's order, with or without a table row (inTable); empty when it describes none.",
        resolver=Related("function_narratives_of_documents", own_id, FunctionNarrative.of, Pick.ALL,
                         order=in_document_order).resolve)

    economic_lines: list[EconomicLine] = strawberry.field(
        description="Rows of the basic expenditure table (基本支出表) by 经济分类, by code; empty when the document "
        "publishes no such table (final accounts publish theirs separately).",
        resolver=Related("economic_lines_of_documents", own_id, EconomicLine.of, Pick.ALL).resolve)
    income_sources: list[IncomeLine] = strawberry.field(
        description="The year's income by source (收入, as 收入预算/决算情况说明 lists it), in the document's order; "
        "empty when the document has no such section.",
        resolver=Related("income_lines_of_documents", own_id, IncomeLine.of, Pick.ALL).resolve)

    project_expenditure_lines: list[ProjectLineRef] = strawberry.field(
        description="The whole 一般公共预算项目支出情况表 (project expenditure table), in table order: each project × "
        "功能分类 项 × 经济分类 column, including rows naming a project the document describes nowhere else.",
        resolver=Related("project_lines_of_documents", own_id, lambda row: projects.ProjectExpenditureLine.of(row),
                         Pick.ALL, order=lambda line: line.position or 0).resolve)

    projects: list[ProjectRef] = strawberry.field(resolver=Related(
        "projects_of_documents", own_id, lambda row: projects.Project.of(row), Pick.ALL, narrowed="Project").resolve)

    cited_policies: list[PolicyRef] = strawberry.field(
        description="Every policy document cited anywhere in this document.",
        resolver=Related("cited_policies_of_documents", own_id, lambda row: policies.Policy.of(row), Pick.ALL).resolve)
    data_quality_findings: list[FindingRef] = strawberry.field(
        description="What did not add up in this document (e.g. a total that is not the sum of its rows): reported, "
        "not hidden.", resolver=Related("findings_of_documents", own_id,
                                        lambda row: quality.DataQualityFinding.of(row), Pick.ALL).resolve)

    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {"file_name": ("source_path",), "source_url": ("source_path",)}
    """Fields computed from others (see their resolvers), for a read of the selected fields' properties only."""
    FACT_NAMES: ClassVar[dict[str, str]] = {
        "source_path": "path", "staff_source": "overview.source", "total_wan": "totals.total_wan",
        "functions_source": "duties.source", "general_basic_wan": "basic.total_wan",
        "public_funds_wan": "basic.public_wan", "general_basic_source": "basic.source",
        "three_public_budget_wan": "three_public.budget_wan", "three_public_items": "three_public.items",
        "initial_budget_wan": "whole.budget_comparison.initial_budget_wan",
        "budget_actual_wan": "whole.budget_comparison.actual_wan",
        "budget_variance_rate": "whole.budget_comparison.variance_rate",
        "budget_completion_rate": "whole.budget_comparison.completion_rate",
        "budget_variance_reason": "whole.budget_comparison.reason",
        "budget_comparison_source": "whole.budget_comparison.source",
    }

    @classmethod
    def of(cls, row: Row) -> BudgetDocument:
        document = of_row(cls, row, facts.DocumentFacts, id=global_id("BudgetDocument", row["id"]))
        if document.source_path is not None:  # the file's name, never where it lies on the server
            document.source_path = PurePath(document.source_path).name
        return document
