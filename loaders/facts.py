"""Typed facts extracted from one disclosure: plain frozen dataclasses, JSON-serialisable.

Extraction is a pure function ``Layout -> DocumentFacts``; the graph layer only consumes these.
A field the extractor could not read is ``None`` (or empty), never a guess.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from loaders.stored import columns, doc, elsewhere, flat, keyed, prop, reading
from vocab.measures import Measure, parse_measure
from vocab.policies import title_key
from vocab.resolve import RegionLink
from vocab.subsidies import SubsidyStandard, parse_subsidy_standard


class DocumentKind(StrEnum):
    BUDGET = "BUDGET"  # 预算公开
    FINAL_ACCOUNTS = "FINAL_ACCOUNTS"  # 决算公开


class DocumentScope(StrEnum):
    """What a document covers: a 部门 consolidates its subordinate units, a 单位 is one unit alone."""

    DEPARTMENT = "DEPARTMENT"  # 部门预算/决算
    UNIT = "UNIT"  # 单位预算/决算


class CitationRole(StrEnum):
    BASIS = "BASIS"  # 设立的政策依据
    ALLOCATION = "ALLOCATION"  # the document that sent the money (拨付/下达 notices)
    MENTION = "MENTION"  # cited elsewhere in the document


@dataclass(frozen=True)
class SourceRef:
    """Where a fact was read: 1-based inclusive line range (and page when known) and the text."""

    line_start: int
    line_end: int
    text: str
    page: int | None = None


@dataclass(frozen=True)
class PolicyRef:
    """A cited policy or allocation document.

    ``doc_number`` is canonical (〔〕, no spaces), ``None`` for a document known only by title.
    """

    doc_number: str | None
    title: str | None
    role: CitationRole
    source: SourceRef

    @property
    def key(self) -> str:
        """Identity of the policy node: the number when there is one, else the title however it is
        written (``vocab.policies.title_key``: 《社会保险法》 and 中华人民共和国社会保险法 are one)."""
        return self.doc_number or f"title:{title_key(self.title or '')}"


@dataclass(frozen=True)
class AllocationItem:
    """One line of 资金分配情况."""

    label: str
    amount_wan: float | None


@dataclass(frozen=True)
class IndicatorFact:
    """A performance indicator row of 绩效目标表 / 绩效自评表.

    The values are kept as written; their ``*_measure`` is what they state (comparator, number
    and unit, or date), read from the text on construction, so the two never disagree.
    """

    name: str
    level1: str | None = None
    level2: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: float | None = None
    score: float | None = None
    source: SourceRef | None = None
    prior: str | None = None
    """上年完成值 (目标表): last year's result, as written; ``None`` where the cell is empty or ``-``."""
    deviation_reason: str | None = None
    """偏差原因分析及改进措施 (自评表): why the result missed (or passed) the target, where stated."""
    target_measure: Measure | None = field(init=False, metadata=reading("target"))
    actual_measure: Measure | None = field(init=False, metadata=reading("actual"))
    prior_measure: Measure | None = field(init=False, metadata=reading("prior"))

    def __post_init__(self) -> None:
        for name, text in (("target", self.target), ("actual", self.actual), ("prior", self.prior)):
            object.__setattr__(self, f"{name}_measure", parse_measure(text) if text else None)


@dataclass(frozen=True)
class ProjectFact:
    name: str
    source: SourceRef
    budget_wan: float | None = None
    executed_wan: float | None = None
    self_evaluation_score: float | None = None
    undertaking_unit: str | None = None
    execution_period: str | None = None
    allocation_items: tuple[AllocationItem, ...] = field(
        default=(), metadata=columns(label="allocationLabels", amount_wan="allocationAmountsWan"))
    policies: tuple[PolicyRef, ...] = ()
    funding_source: str | None = None
    beneficiary_count: int | None = None
    subsidy_standard: str | None = None
    subsidy_scope: str | None = None
    subsidy_method: str | None = None
    indicators: tuple[IndicatorFact, ...] = ()
    execution_rate: float | None = None
    """执行率 (final accounts): 全年执行数 / 全年预算数 in percent, as the 自评表 states it."""
    initial_budget_wan: float | None = None
    """年初预算数 (final accounts' 自评表): the budget at the start of the year, beside 全年预算数 (budget_wan)."""
    manager: str | None = None  # 项目负责人, as the 绩效目标表 names them
    carryover_wan: float | None = None
    """上年结转: the money the project carries over from earlier years, as the document's 上年结转结余
    情况明细表 lists it (万元); ``None`` where it lists none."""
    listed_as: str | None = None
    """项目名称 as the 项目支出表 prints it, where it differs from the name the document describes the
    project by (``特定目标 64100014``): the table's lines of that name are this project's."""
    subsidy: SubsidyStandard | None = field(init=False, metadata=reading("subsidy_standard", "subsidy"))
    """补贴标准 read as amount, currency, period and per person (from ``subsidy_standard``)."""

    def __post_init__(self) -> None:
        standard = self.subsidy_standard
        object.__setattr__(self, "subsidy", parse_subsidy_standard(standard) if standard else None)

    @property
    def is_subsidy(self) -> bool:
        """A project that pays people: the template then states 补贴人数/补贴标准."""
        return self.beneficiary_count is not None or self.subsidy_standard is not None


@dataclass(frozen=True)
class FunctionNarrativeFact:
    """A 项 as the 一般公共预算(财政拨款)支出 情况说明 describes it, one sentence each:
    "社会保障和就业支出(类)人力资源和社会保障管理事务(款)社会保险经办机构(项):支出决算数为 222.47 万元，
    比上年决算增加 1.28 万元，增长 0.58%，主要原因是: …" (final accounts), "…(项):2025年预算数为
    312.27万元，比上年预算增加…" (budgets), or the national template's "…(项)。年初预算为 X 万元，支出决算
    为 Y 万元，完成年初预算的 Z%。决算数大于年初预算数的主要原因是: …". Every figure as stated; ``None``
    where the sentence does not state it."""

    item_name: str = field(metadata=prop("narrativeItem"))
    """项 as the sentence names it, e.g. 社会保险经办机构."""
    class_name: str | None = field(default=None, metadata=prop("narrativeClass"))  # 类, e.g. 社会保障和就业支出
    section_name: str | None = field(default=None, metadata=prop("narrativeSection"))
    """款, e.g. 人力资源和社会保障管理事务."""
    code: str | None = field(default=None, metadata=prop("narrativeCode"))
    """7-digit code: the document's own function line of that name (and 类/款), else the national
    classification's 项 of that name under the 款 named; ``None`` when none or several answer to
    it: never guessed."""
    amount_wan: float | None = field(default=None, metadata=prop("narrativeWan"))
    """支出决算数 (final accounts) or 预算数 (budget): the 一般公共预算 money of the 项."""
    initial_budget_wan: float | None = None  # 年初预算 (final accounts, national template)
    completion_rate: float | None = field(default=None, metadata=prop("budgetCompletionRate"))
    """完成年初预算的 Z%, in percent."""
    prior_year_wan: float | None = None  # 上年决算数/预算数, when the sentence states it
    prior_year_change_wan: float | None = field(default=None, metadata=prop("changeFromPriorYearWan"))
    """比上年增加 (positive) / 减少 (negative) X 万元; 0 for 持平."""
    prior_year_change_rate: float | None = field(default=None, metadata=prop("changeFromPriorYearRate"))
    """增长 (positive) / 下降 (negative) Y%, in percent."""
    compared_with: str | None = field(default=None, metadata=prop("changeComparedWith"))
    """What the previous year's figure is: 上年决算, 上年预算, 上年执行数, or 上年 when unsaid."""
    change_reason: str | None = None  # 主要原因 of the change from the previous year
    variance_reason: str | None = field(default=None, metadata=prop("budgetVarianceReason"))
    """主要原因 of 决算 differing from 年初预算."""
    source: SourceRef | None = field(default=None, metadata=prop("narrative"))


@dataclass(frozen=True)
class PriorYearChangeFact:
    """比上年 / 与上年相比: how a document-level figure changed from the previous year."""

    change_wan: float | None = field(default=None, metadata=prop("wan"))  # 增加 (+) / 减少 (−) X 万元
    change_rate: float | None = field(default=None, metadata=prop("rate"))  # 增长 (+) / 下降 (−) Y%, in percent
    compared_with: str | None = None  # 上年决算, 上年预算, 上年执行数, or 上年
    reason: str | None = None  # 主要原因
    source: SourceRef | None = None


@dataclass(frozen=True)
class BudgetComparisonFact:
    """Final accounts, 与年初预算相比: "年初预算数 1,649.93 万元，决算数 1,727.26 万元，预决算差异率
    4.69%" (or "完成年初预算的 Z%"), of the 财政拨款 as a whole, with its 主要原因."""

    initial_budget_wan: float | None = None  # 年初预算数
    actual_wan: float | None = field(default=None, metadata=prop("budgetActualWan"))  # 决算数
    variance_rate: float | None = field(default=None, metadata=prop("budgetVarianceRate"))
    """预决算差异率, in percent: (决算 − 年初预算) / 年初预算."""
    completion_rate: float | None = field(default=None, metadata=prop("budgetCompletionRate"))
    """完成年初预算的 Z%, in percent."""
    reason: str | None = field(default=None, metadata=prop("budgetVarianceReason"))  # 主要原因
    source: SourceRef | None = None


@dataclass(frozen=True)
class FunctionLineFact:
    """A row of the expenditure table at 项 level by 7-digit 功能分类 code (the code and name are its
    ``FunctionClass`` and ``printedName``)."""

    code: str = field(metadata=elsewhere())
    name: str = field(metadata=elsewhere())
    total_wan: float | None = None
    basic_wan: float | None = None
    project_wan: float | None = None
    source: SourceRef | None = None
    general_public_wan: float | None = None
    """合计 of the code in the 一般公共预算(财政拨款)支出表, the money the 情况说明 describes per 项
    (``None`` when the document has no such table)."""
    narrative: FunctionNarrativeFact | None = field(default=None, metadata=flat(""))
    """What the 情况说明 states about this 项 (its amount, 比上年, 年初预算), when it does."""


@dataclass(frozen=True)
class IncomeLineFact:
    """A source of the year's income (收入总表 columns, as 收入预算/决算情况说明 lists them)."""

    funding_source: str = field(metadata=prop("source"))
    """Canonical name: 一般公共预算, 上级一般公共预算转移支付, 单位资金, 财政拨款收入, …"""
    amount_wan: float | None
    source: SourceRef | None = None


class EconomicCategory(StrEnum):
    PERSONNEL = "人员经费"
    PUBLIC = "公用经费"


@dataclass(frozen=True)
class EconomicLineFact:
    """A row of the 基本支出表 by 经济分类: a 3-digit class (301) or a 5-digit item (30101)."""

    code: str
    name: str = field(metadata=elsewhere())  # its EconomicClass and printedName
    amount_wan: float | None
    category: EconomicCategory | None = None
    """人员经费 or 公用经费 when the table's columns (or its own totals) say which."""
    source: SourceRef | None = None


@dataclass(frozen=True)
class ProjectLineFact:
    """A cell of the 项目支出表: one project's money under one 功能分类 code and 经济分类 column.

    ``economic_class`` is the column as the template names it (``商品和服务支出``) and
    ``economic_code`` its 经济分类 class (``302``). Both are ``None`` when the table names no
    column for the money (a table with one 金额 column) or a rendering lost which column held it
    (blank cells dropped): the line is then the row's whole 项目支出合计.
    """

    project: str
    function_code: str
    economic_class: str | None
    amount_wan: float | None
    source: SourceRef | None = None
    economic_code: str | None = None
    function_name: str | None = field(default=None, metadata=elsewhere())  # its FunctionClass and printedName
    row_total_wan: float | None = None
    """The row's 项目支出合计, which its columns add up to."""


class ThreePublicItem(StrEnum):
    ABROAD = "因公出国（境）费"
    VEHICLES = "公务用车购置及运行费"
    VEHICLE_PURCHASE = "公务用车购置费"
    VEHICLE_OPERATION = "公务用车运行费"
    RECEPTION = "公务接待费"


@dataclass(frozen=True)
class ThreePublicItemFact:
    """One "三公" item; final accounts also state its 全年预算数 (``budget_wan``)."""

    item: ThreePublicItem
    amount_wan: float | None = field(metadata=prop("wan"))
    budget_wan: float | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class ProcurementFact:
    """政府采购: the total, its goods/works/services parts, and what is reserved for (or granted to)
    small and medium enterprises (``sme_wan``) and small and micro ones (``small_micro_wan``)."""

    total_wan: float | None = None
    goods_wan: float | None = None
    works_wan: float | None = None
    services_wan: float | None = None
    sme_wan: float | None = None
    small_micro_wan: float | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class AssetsFact:
    """国有资产占用: houses, vehicles and large equipment as the unit reports them."""

    house_area_m2: float | None = None
    house_value_wan: float | None = None
    vehicle_count: int | None = None
    vehicle_value_wan: float | None = None
    equipment_over_500k_count: int | None = None  # 单位价值50万元以上大型设备
    equipment_over_1m_count: int | None = None  # 单位价值100万元以上大型设备
    source: SourceRef | None = None


@dataclass(frozen=True)
class PerformanceFact:
    """预算绩效: the overall (整体) targets and the projects under 绩效目标管理 (or self-evaluated)."""

    overall_count: int | None = None
    overall_wan: float | None = None
    project_count: int | None = None
    project_wan: float | None = None
    nonfiscal_project_count: int | None = None
    nonfiscal_project_wan: float | None = None
    project_executed_wan: float | None = None  # final accounts: 全年执行数
    source: SourceRef | None = None


@dataclass(frozen=True)
class HeaderFacts:
    """Who and what the document is: its title, unit, kind and fiscal year (read from the title page
    and the 第X部分 headings)."""

    unit_name: str
    kind: DocumentKind
    fiscal_year: int
    title: str
    source: SourceRef | None = field(default=None, metadata=elsewhere())
    """Where the title, unit, year and kind were read."""
    scope: DocumentScope = DocumentScope.DEPARTMENT
    """部门 or 单位 as the document says; 部门 when it says neither (the national template's word)."""


@dataclass(frozen=True)
class OverviewFacts:
    """机构设置及人员情况: the 科室 and the staff numbers."""

    departments: tuple[str, ...] = field(default=(), metadata=elsewhere())  # LISTS_DEPARTMENT
    staff_authorized: int | None = None  # 编制数
    staff_actual: int | None = None  # 实有人数
    staff_in_service: int | None = None  # 在职
    staff_retired: int | None = None  # 退休
    staff_lixiu: int | None = None  # 离休 (cadres retired under the pre-1949 veterans' scheme)
    source: SourceRef | None = None


@dataclass(frozen=True)
class DutiesFacts:
    """主要职能 and 下属单位 of the 概况."""

    functions: tuple[str, ...] = ()
    """主要职能, one item each."""
    subordinate_units: tuple[str, ...] | None = None
    """下属单位: ``()`` when the document says it has none (无下属预算单位), ``None`` when silent."""
    source: SourceRef | None = field(default=None, metadata=prop("functions"))


@dataclass(frozen=True)
class UnreadTableFact:
    """A standard table the document prints but the loaders could not read, and why; the graph
    holds it as a DataQualityFinding (``table_unread``)."""

    title: str
    reason: str
    source: SourceRef | None = None


class EmptyTable(StrEnum):
    """A standard table a unit may have nothing to put in, by the money it would show."""

    GOVERNMENT_FUND = "政府性基金预算"  # 政府性基金预算(财政拨款)支出表 / 收入支出决算表
    STATE_CAPITAL = "国有资本经营预算"  # 国有资本经营预算(财政拨款)支出表 / 收入支出决算表
    THREE_PUBLIC = "“三公”经费"  # 财政拨款"三公"经费支出表 (with 机关运行经费 in budgets)
    CARRYOVER = "上年结转结余"  # 上年结转结余情况明细表
    PROJECT = "项目支出"  # 项目支出表


@dataclass(frozen=True)
class StatedEmptyTableFact:
    """A standard table the document states empty (本表为空表, 本表无数据, 本部门无此项, or a sentence
    "…支出情况表为空表"): a stated zero for every figure it would hold, not a table left unread."""

    table: EmptyTable
    title: str
    """The table as the document names it (its title, or the name the sentence gives it)."""
    total_wan: float = 0.0
    """The table's 合计 as stated: 0."""
    source: SourceRef | None = None


@dataclass(frozen=True)
class TotalsFacts:
    """What the standard tables (or the sentences repeating them) total, in 万元."""

    total_wan: float | None = None  # 收支总计 (budget) / 支出总计 (final accounts)
    basic_expenditure_wan: float | None = None
    project_expenditure_wan: float | None = None
    three_public_wan: float | None = None
    total_source: SourceRef | None = field(default=None, metadata=elsewhere())
    split_source: SourceRef | None = field(default=None, metadata=elsewhere())
    """Where the 基本支出/项目支出 split was read."""
    three_public_source: SourceRef | None = field(default=None, metadata=elsewhere())
    year_income_wan: float | None = field(default=None, metadata=doc(
        "本年收入合计 of the 收支总表: the year's income, without what was carried over from earlier years "
        "(收入总计 = 本年收入合计 + 结转结余), 万元; null when not stated"))
    unread_tables: tuple[UnreadTableFact, ...] = field(default=(), metadata=elsewhere())
    """Standard tables printed with figures of which nothing could be read (stored as findings)."""
    stated_empty_tables: tuple[StatedEmptyTableFact, ...] = field(default=(), metadata=keyed("table", "statedEmpty"))
    """Standard tables the document states empty, one a kind, in document order."""


@dataclass(frozen=True)
class BasicExpenditureFacts:
    """The 基本支出 of the general budget: its total, 人员经费/公用经费 and 经济分类 rows."""

    lines: tuple[EconomicLineFact, ...] = ()
    total_wan: float | None = field(default=None, metadata=prop("generalBasicWan"))
    """一般公共预算(财政拨款)基本支出: what 人员经费 + 公用经费 and the 经济分类 rows add up to."""
    personnel_wan: float | None = None  # 人员经费
    public_wan: float | None = field(default=None, metadata=prop("publicFundsWan"))  # 公用经费
    source: SourceRef | None = field(default=None, metadata=prop("generalBasic"))


@dataclass(frozen=True)
class ThreePublicFacts:
    """The "三公" items the 情况说明 states and, in final accounts, their 全年预算数."""

    items: tuple[ThreePublicItemFact, ...] = field(default=(), metadata=keyed("item", ""))
    budget_wan: float | None = None
    """Final accounts: the "三公" 全年预算数 beside the amount spent."""


@dataclass(frozen=True)
class OtherMattersFacts:
    """其他重要事项 and 结转结余."""

    operating_wan: float | None = None  # 机关(单位)运行经费
    operating_source: SourceRef | None = None
    procurement: ProcurementFact | None = None
    assets: AssetsFact | None = field(default=None, metadata=flat(""))
    performance: PerformanceFact | None = None
    carryover_wan: float | None = None
    """上年结转结余 (budget) / 年初结转和结余 (final accounts); 0 when the document says there is none."""
    year_end_carryover_wan: float | None = None  # 年末结转和结余 (final accounts)
    carryover_source: SourceRef | None = None


@dataclass(frozen=True)
class WholeDocumentFacts:
    """The comparisons a document states of its whole."""

    prior_year_change: PriorYearChangeFact | None = None
    """收入支出总体 (final accounts) / 收支总预算 (budget) compared with the previous year."""
    appropriation_change: PriorYearChangeFact | None = None
    """财政拨款收入支出 (or 财政拨款收支总预算) compared with the previous year."""
    budget_comparison: BudgetComparisonFact | None = field(default=None, metadata=flat(""))
    """Final accounts: the 财政拨款 决算 against its 年初预算."""


@dataclass(frozen=True)
class Finding:
    """A data-quality finding: two numbers that should agree, with where each was read; or a fact
    that could not be established (``expected_wan`` and ``actual_wan`` then ``None``)."""

    check: str
    message: str
    expected_wan: float | None
    actual_wan: float | None
    sources: tuple[SourceRef, ...] = ()
    difference_wan: float | None = field(init=False)
    """``actual_wan - expected_wan``."""

    def __post_init__(self) -> None:
        expected, actual = self.expected_wan, self.actual_wan
        difference = None if expected is None or actual is None else round(actual - expected, 6)
        object.__setattr__(self, "difference_wan", difference)


@dataclass(frozen=True)
class ResolvedUnit:
    """The unit as the graph knows it (``loaders.pipeline.resolve``): its identity across renames, its
    normalised name and its region with the regions above it, leaf first."""

    key: str
    name: str
    regions: tuple[RegionLink, ...] = ()


@dataclass(frozen=True)
class DocumentFacts:
    """Everything one disclosure states, one family each, as its extractor returns it; the pipeline
    (``loaders.pipeline``) then resolves its unit and adds what did not add up (``findings``)."""

    path: str = field(metadata=prop("sourcePath"))
    sha256: str
    header: HeaderFacts = field(metadata=flat(""))
    overview: OverviewFacts = field(default=OverviewFacts(), metadata=flat(""))
    duties: DutiesFacts = field(default=DutiesFacts(), metadata=flat(""))
    totals: TotalsFacts = field(default=TotalsFacts(), metadata=flat(""))
    function_lines: tuple[FunctionLineFact, ...] = ()
    function_narratives: tuple[FunctionNarrativeFact, ...] = ()
    """The 情况说明's 项 that no function line holds (a 项 at 0.00, or every 项 when the tables are
    published apart); those a line holds are on the line (``FunctionLineFact.narrative``)."""
    income_lines: tuple[IncomeLineFact, ...] = ()
    basic: BasicExpenditureFacts = field(default=BasicExpenditureFacts(), metadata=flat(""))
    project_lines: tuple[ProjectLineFact, ...] = ()
    projects: tuple[ProjectFact, ...] = ()
    citations: tuple[PolicyRef, ...] = ()
    """Every policy cited anywhere in the document (project bases included)."""
    three_public: ThreePublicFacts = field(default=ThreePublicFacts(), metadata=flat("threePublic"))
    other: OtherMattersFacts = field(default=OtherMattersFacts(), metadata=flat(""))
    whole: WholeDocumentFacts = field(default=WholeDocumentFacts(), metadata=flat(""))
    unit: ResolvedUnit | None = field(default=None, metadata=elsewhere())
    """The unit resolved (``loaders.pipeline.resolve``): a Unit node, IN_REGION its region; ``None``
    until resolved."""
    findings: tuple[Finding, ...] | None = None
    """What did not add up (``loaders.pipeline.reconciled``); ``None`` until reconciled."""

    @property
    def region(self) -> str | None:
        """The unit's region (the most specific one), once resolved."""
        return self.unit.regions[0].name if self.unit and self.unit.regions else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
