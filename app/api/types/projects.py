# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Projects (项目) with their subsidy facts, money allocation and performance indicators."""

from __future__ import annotations

from typing import ClassVar

import strawberry

from app.api.relay import Node, global_id
from app.api.types import documents, places, policies
from app.api.types.common import Row, SourceRef, narrowable, of_row
from app.api.types.measures import Measure, SubsidyStandard, meets
from app.api.types.refs import DocumentRef, FunctionClassRef, PolicyRef, UnitRef
from app.api.types.related import Pick, Related, own_id
from loaders import facts


@narrowable("Indicator")
@strawberry.type(description="A performance indicator (绩效指标) of a project, from 绩效目标表 (targets, budget) "
                 "or 绩效自评表 (self-evaluation, final accounts).")
class Indicator(Node):
    id: strawberry.ID
    level1: str | None = strawberry.field(description="一级指标, e.g. 产出指标")
    level2: str | None = strawberry.field(description="二级指标, e.g. 数量指标")
    name: str = strawberry.field(description="三级指标")
    target: str | None = strawberry.field(description="指标值 as written, e.g. >=95%")
    actual: str | None = strawberry.field(description="实际完成值 (final accounts)")
    weight: float | None = strawberry.field(description="分值 (weight in the score)")
    score: float | None = strawberry.field(description="得分 (final accounts)")
    target_measure: Measure | None = strawberry.field(
        description="指标值 (target) read: comparator, number and unit, or a deadline date")
    actual_measure: Measure | None = strawberry.field(description="实际完成值 (result, final accounts) read")
    prior_value: str | None = strawberry.field(
        description="上年完成值 (last year's result, 绩效目标表) as written; null where the table leaves it "
        "empty (-, /)")
    prior_measure: Measure | None = strawberry.field(description="上年完成值 (last year's result) read")
    deviation_reason: str | None = strawberry.field(
        description="偏差原因分析及改进措施 (why the result deviates from the target, and what will be done; "
        "绩效自评表) where stated")
    source: SourceRef | None

    @strawberry.field(description="Whether the result (实际完成值) meets the target (指标值) as written: the "
                      "numbers (or dates) compared by the target's comparator, exactly when it states none; null "
                      "when they cannot be compared (no result, words, different units or date precisions)")
    def met(self) -> bool | None:
        return meets(self.target_measure, self.actual_measure)

    project: Project | None = strawberry.field(description="The project it measures.", resolver=Related(
        "project_of_indicators", own_id, lambda row: Project.of(row), narrowed="Project").resolve)

    FACT_NAMES: ClassVar[dict[str, str]] = {"prior_value": "prior"}
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {"met": ("target_measure", "actual_measure")}
    """Fields computed from others (see ``met``), for a read of the selected fields' properties only."""

    @classmethod
    def of(cls, row: Row) -> Indicator:
        return of_row(cls, row, facts.IndicatorFact, id=global_id("Indicator", row.get("id") or ""))


@strawberry.type(description="One line of 资金分配情况 (how the project's money is split), e.g. 州本级 40 万元.")
class AllocationItem:
    label: str
    amount_wan: float | None


@strawberry.type(description="A cell of the 项目支出表 (project expenditure table): the project's money under one "
                 "功能分类 code (what it is for) and one 经济分类 column (what it buys), e.g. 2080109 "
                 "社会保险经办机构 × 302 商品和服务支出.")
class ProjectExpenditureLine:
    project: str | None = strawberry.field(description="项目名称 as the table prints it")
    function_code: str = strawberry.field(description="7-digit 功能分类 code (项), e.g. 2080109")
    economic_code: str | None = strawberry.field(
        description="经济分类 class of the column: 301 工资福利支出, 302 商品和服务支出, 303 对个人和家庭的补助, "
        "307 债务利息及费用支出, 309 资本性支出(基本建设), 310 资本性支出, 311 对企业补助(基本建设), 312 对企业补助, "
        "313 对社会保障基金补助, 399 其他支出; null when the column is not known (see economicClass)")
    economic_class: str | None = strawberry.field(
        description="The column as the template names it, e.g. 商品和服务支出; null when the table has a single "
        "金额 column or its rendering lost which column held the money: the line is then the row's whole "
        "项目支出合计")
    amount_wan: float | None = strawberry.field(description="Amount (万元) in this column")
    row_total_wan: float | None = strawberry.field(
        description="项目支出合计 of the row (the project under this function code), which its columns add up to")
    fiscal_year: int | None
    source: SourceRef | None
    function_name: strawberry.Private[str | None]
    position: strawberry.Private[int | None]  # in the table, for a document's whole table in order

    @strawberry.field(description="The 功能分类 项 the money is classified under.")
    def function_class(self) -> FunctionClassRef:
        return documents.FunctionClass(id=global_id("FunctionClass", self.function_code), code=self.function_code,
                                       name=self.function_name)

    @classmethod
    def of(cls, row: Row) -> ProjectExpenditureLine:
        return of_row(cls, row, facts.ProjectLineFact)


@narrowable("Project")
@strawberry.type(description="A project (项目) of a unit in one fiscal year, as one document discloses it. "
                 "Projects that pay people (补贴, subsidies) state 补贴人数 and 补贴标准.")
class Project(Node):
    id: strawberry.ID
    name: str
    fiscal_year: int
    budget_wan: float | None = strawberry.field(description="预算安排规模 / 全年预算数 (万元)")
    executed_wan: float | None = strawberry.field(description="全年执行数 (final accounts only)")
    initial_budget_wan: float | None = strawberry.field(default=None, description=(
        "年初预算数 (final accounts' 绩效自评表): the budget at the start of the year, beside budgetWan (全年预算数, "
        "after adjustments during the year) and executedWan; null where not stated"))
    carryover_wan: float | None = strawberry.field(default=None, description=(
        "上年结转 (money carried over from earlier years) as the document's 上年结转结余情况明细表 lists the "
        "project, 万元; null where it lists none"))
    self_evaluation_score: float | None = strawberry.field(description="绩效自评总分 (final accounts only)")
    beneficiary_count: int | None = strawberry.field(
        description="补贴人数 / 享受人数 where the project pays individuals")
    subsidy_standard: str | None = strawberry.field(description="补贴标准 as written, e.g. 120 元/月/人")
    subsidy: SubsidyStandard | None = strawberry.field(
        description="补贴标准 (the subsidy's rate) read: amount, currency, period, per person")
    execution_rate: float | None = strawberry.field(
        description="执行率 (execution rate, %: 全年执行数 / 全年预算数) as the 绩效自评表 states it; null when "
        "not stated (budgets)")
    manager: str | None = strawberry.field(description="项目负责人 (the official responsible for the project) as "
                                           "the 绩效目标表 names them")
    funding_source: str | None = strawberry.field(description="资金来源 (where the money comes from) as written")
    subsidy_scope: str | None = strawberry.field(description="补贴范围 (who is eligible)")
    subsidy_method: str | None = strawberry.field(description="补贴方式 (how it is paid)")
    undertaking_unit: str | None = strawberry.field(description="项目承担单位 as written")
    execution_period: str | None = strawberry.field(description="资金执行时间 as written")
    is_subsidy: bool = strawberry.field(
        description="True when the project pays individuals (补贴人数/补贴标准 stated).")
    allocation_items: list[AllocationItem] = strawberry.field(description="资金分配情况, line by line")
    source: SourceRef | None

    unit: UnitRef = strawberry.field(description="The unit that undertakes it.", resolver=Related(
        "unit_of_projects", own_id, lambda row: places.Unit.of(row), Pick.ONLY).resolve)
    document: DocumentRef = strawberry.field(description="The document that discloses it.", resolver=Related(
        "document_of_projects", own_id, lambda row: documents.BudgetDocument.of(row), Pick.ONLY,
        narrowed="BudgetDocument").resolve)
    policies: list[PolicyRef] = strawberry.field(
        description="设立的政策依据 and the allocation documents that fund it",
        resolver=Related("policies_of_projects", own_id, lambda row: policies.Policy.of(row), Pick.ALL).resolve)

    indicators: list[Indicator] = strawberry.field(
        description="绩效指标: performance targets and results.",
        resolver=Related("indicators_of_projects", own_id, Indicator.of, Pick.ALL).resolve)
    expenditure_lines: list[ProjectExpenditureLine] = strawberry.field(
        description="Its lines of the 项目支出表 (project expenditure table): money by 功能分类 code and 经济分类 "
        "column, in table order.",
        resolver=Related("expenditure_lines_of_projects", own_id, ProjectExpenditureLine.of, Pick.ALL).resolve)
    linked_projects: list[LinkedProject] = strawberry.field(
        description="The projects of the unit's other documents linked to this one as the same project (renamed "
        "or re-worded too), each with the confidence and reason of the link.",
        resolver=Related("links_of_projects", own_id, lambda row: LinkedProject.of(row), Pick.ALL).resolve)
    history: list[Project] = strawberry.field(
        description="The same project of the same unit in every year and document, oldest first (this one "
        "included): linked projects (see linkedProjects) and those of the same name.",
        resolver=Related("history_of_projects", own_id, lambda row: Project.of(row), Pick.ALL,
                         narrowed="Project").resolve)

    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {"is_subsidy": ("beneficiary_count", "subsidy_standard")}
    """Fields computed from others (see ``of``), for a read of the selected fields' properties only."""

    @classmethod
    def of(cls, row: Row) -> Project:
        project = of_row(cls, row, facts.ProjectFact, is_subsidy=False, id=global_id("Project", row["id"]))
        project.is_subsidy = project.beneficiary_count is not None or project.subsidy_standard is not None
        return project


@strawberry.type(description="A project linked to another as the same project across years: how sure the link is "
                 "and why (same name; names alike; one name containing the other; the same 功能分类).")
class LinkedProject:
    project: Project
    confidence: float = strawberry.field(description="0 to 1; 1 for the same name")
    reason: str | None = strawberry.field(description="Why they are taken as one project")

    @classmethod
    def of(cls, row: Row) -> LinkedProject:
        return cls(project=Project.of(row["project"]), confidence=row["confidence"], reason=row.get("reason"))
