"""What each seed states, written down by hand from reading it, and what the extractor reads.

The five seeds are one template through five converters; the expectations are the same kind of
facts for each. The last tests re-render seeds the way other converters do (narrow wrapping,
other brackets and colons) and require the same facts, since acceptance uses unseen renderings.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from loaders import read_document
from loaders.errors import DocumentError
from loaders.extract import extract
from loaders.extract.indicators import EvaluatedProject
from loaders.extract.merge import merge_projects
from loaders.facts import CitationRole, DocumentFacts, DocumentKind, IndicatorFact, ProjectFact, SourceRef
from loaders.layout import Layout, Line
from loaders.text_reader import read_text
from tests.corpus import seed

BASIS, ALLOCATION, MENTION = CitationRole.BASIS, CitationRole.ALLOCATION, CitationRole.MENTION
PLAN_13 = "新疆维吾尔自治区人力资源和社会保障信息化“十三五”发展规划"
PLAN_14 = "新疆维吾尔自治区社会保险事业发展“十四五”规划"
SOCIAL_INSURANCE_LAW = "社会保险法"

# seed -> (unit, kind, fiscal year, departments, authorized, actual, in service, retired, 离休)
HEADERS = {
    0: ("昌吉回族自治州社会保险中心", DocumentKind.BUDGET, 2025, 11, 59, 94, 53, 41, 0),
    1: ("昌吉回族自治州社会保险中心", DocumentKind.FINAL_ACCOUNTS, 2023, 16, None, 94, 59, 35, 0),
    2: ("昌吉回族自治州社会保险管理局", DocumentKind.BUDGET, 2020, 19, 72, 93, 63, 30, 0),
    3: ("巴音郭楞蒙古自治州社会保险中心", DocumentKind.BUDGET, 2024, 10, 33, 60, 29, 31, 0),
    4: ("和静县社会保险中心", DocumentKind.BUDGET, 2025, 5, 19, 32, 16, 16, 0),
}

# seed -> 情况说明 projects in order: (name, 预算安排规模 万元, {(role, number or title)})
PROJECTS: dict[int, list[tuple[str, float, set[tuple[CitationRole, str]]]]] = {
    0: [
        ("机构运行补助经费", 55.00, {(BASIS, "昌州党机编发〔2019〕78号")}),
        ("“金保工程”系统运行电力保障、网络线路租用等费用", 20.00, {(BASIS, PLAN_13)}),
        ("“金保工程”系统维护费", 61.50, {(BASIS, PLAN_13)}),
        ("个人权益告知、经办业务通知通信等费用", 20.00, {(BASIS, PLAN_13)}),
        ("社会保障卡发放工作经费", 9.50, {(BASIS, "昌州政办发〔2021〕56号")}),
        ("社会保险宣传费", 25.00, {(BASIS, "新人社办发〔2024〕38号"), (BASIS, PLAN_14)}),
        ("社会保险标准化工作经费", 8.00,
         {(BASIS, "人社部发〔2023〕62号"), (BASIS, "新人社办发〔2024〕25号")}),
        ("社会保险基金风险防控工作经费", 12.00, {(BASIS, "人社厅发〔2022〕67号")}),
        ("95年以前退休人员生活费", 114.34, {(BASIS, "新政办发〔2010〕168号")}),
        ("州直破产企业退休职工采暖费", 68.43, {(BASIS, "人社发〔2011〕99号")}),
        ("2025年国有企业办职教幼教退休教师生活待遇中央财政补助资金", 7.14,
         {(BASIS, "昌州财建〔2024〕156号")}),
        ("2025年4月-2026年3月1995年前退休(退职)人员生活补贴资金", 10.09, {(BASIS, "昌州财建〔2024〕160号")}),
    ],
    2: [
        ("“金保工程”系统维护费", 62, {(BASIS, SOCIAL_INSURANCE_LAW)}),
        ("“金保工程”系统运行网络线路租用等工作经费", 15, {(BASIS, SOCIAL_INSURANCE_LAW)}),
        ("12333社会保障电话咨询服务中心工作经费", 30,
         {(BASIS, "关于加快推进12333电话咨询服务事业发展的意见")}),
        ("个人权益单发放工作经费", 25,
         {(BASIS, "人社部发〔2011〕107号"), (BASIS, "中华人民共和国社会保险法")}),
        ("离退休人员生存状况验证工作经费", 3,
         {(BASIS, "中办发〔2003〕16号"), (BASIS, "劳社部发〔2003〕20号")}),
        ("社会保险标准化工作经费", 15, {(BASIS, "*社会管理和公共服务标准化工作联席会议办公室")}),
        ("社会保险档案管理工作经费", 10, {(BASIS, "新社险字〔2011〕27号"), (BASIS, "新社险字〔2011〕33号")}),
        ("社会保险经办机构公共耗材等办公经费", 62, {(BASIS, SOCIAL_INSURANCE_LAW)}),
        ("社会保险全民参保计划工作经费", 20,  # the second number is in its 项目总体目标
         {(BASIS, "新人社函〔2017〕291号"), (BASIS, "新政办发〔2018〕55号")}),
        ("社会保险宣传费", 15, set()),
        ("社会保障卡发放工作经费", 35, {(BASIS, "关于做好自治区社会保障卡发行工作的通知")}),
        ("银行手续费、工本费、邮寄费经费", 40, {(BASIS, SOCIAL_INSURANCE_LAW)}),
    ],
    3: [
        ("2024年社会保险经办服务和中心运行项目", 99.00,
         {(BASIS, "巴党办〔2006〕30号"), (BASIS, "中办发〔2003〕27号"), (BASIS, "国令第765号")}),
        ("2024年自治区社保经办机构业务补助经费项目", 13.83, {(BASIS, "新财社〔2023〕239号")}),
    ],
    4: [
        ("2025年州直关闭破产企业1995年前退休人员生活补贴巴财社〔2024〕51号", 29.88,
         {(BASIS, "巴财社〔2024〕51号"), (ALLOCATION, "巴财社〔2024〕51号")}),
        ("自治区国有企业改革成本巴财企〔2024〕58号", 40.00,
         {(BASIS, "新政办发〔2010〕168号"), (ALLOCATION, "巴财企〔2024〕58号")}),
    ],
}

# seed -> every 发文字号 the document cites (tables and self-evaluations included)
CITED_NUMBERS = {
    0: {"昌州党机编发〔2019〕78号", "昌州政办发〔2021〕56号", "新人社办发〔2024〕38号",
        "人社部发〔2023〕62号", "新人社办发〔2024〕25号", "人社厅发〔2022〕67号",
        "新政办发〔2010〕168号", "人社发〔2011〕99号", "昌州财建〔2024〕156号", "昌州财建〔2024〕160号"},
    1: {"昌州政办发〔2023〕8号", "新政办发〔2010〕168号", "人社发〔2011〕99号", "人社部〔2018〕43号",
        "新人社发〔2023〕5号", "昌州政办发〔2021〕56号"},
    2: {"人社部发〔2011〕107号", "中办发〔2003〕16号", "劳社部发〔2003〕20号", "新社险字〔2011〕27号",
        "新社险字〔2011〕33号", "新人社函〔2017〕291号", "新政办发〔2018〕55号"},
    3: {"巴党办〔2006〕30号", "中办发〔2003〕27号", "国令第765号", "新财社〔2023〕239号",
        "新财社〔2014〕151号"},
    4: {"巴财社〔2024〕51号", "巴财企〔2024〕58号", "巴财社〔2023〕110号", "巴财企〔2023〕61号",
        "新政办发〔2010〕168号", "新人社发〔2018〕43号", "新政办发〔2015〕105号"},
}

# seed 001 (final accounts) has no 情况说明 blocks: its projects are its 19 项目支出绩效自评表,
# (name or its start, 全年预算数, 全年执行数, 总分) in document order.
SELF_EVALUATIONS = [
    ("2023年4月—2024年3月1995年前退休", 16.56, 15.98, 79.12),
    ("2023年为民办实事工作经费", 11.57, 11.57, 91.75),
    ("2023年国有企业办职教幼教退休教师生活待遇", 7.22, 7.14, 100),
    ("95年以前退休人员生活补贴资金", 141.50, 129.19, 100),
    ("“金保工程”系统维护费", 65.00, 64.10, 98.19),
    ("“金保工程”系统运行电力保障、网络线路租用等费用", 28.00, 21.75, 79.83),
    ("关于提前下达2023年自治区财政社保经办机构", 4.90, 4.90, 100),
    ("州直破产企业退休职工采暖费", 76.67, 70.78, 96.16),
    ("工本费、个人权益告知、经办业务通知通信等费用", 26.00, 24.94, 85),
    ("机构运行经费", 139.74, 139.74, 90),
    ("社会保险全民参保计划工作经费", 20.00, 19.77, 99.74),
    ("社会保险公共经办服务保障经费", 65.00, 63.97, 90),
    ("社会保险基层服务平台领取待遇资格确认工作经费", 4.00, 4.00, 85.94),
    ("社会保险基金风险防控工作经费", 45.00, 33.70, 89.91),
    ("社会保险宣传费", 15.00, 15.00, 94.38),
    ("社会保险标准化工作经费", 12.00, 12.00, 85),
    ("社会保险档案管理工作经费", 10.00, 9.99, 99.73),
    ("社会保险经办服务人员工作经费", 30.00, 11.31, 90),
    ("社会保障卡发放工作经费", 25.00, 22.89, 92.74),
]

# seed 001: the 发文字号 its self-evaluations cite in their 年度总体目标 (name start -> numbers), the
# first broken over two lines as "（新" / "政办发〔2010〕168 号）"; the other 13 cite none.
SELF_EVALUATION_BASES = {
    "95年以前退休人员生活补贴资金": {"新政办发〔2010〕168号"},
    "州直破产企业退休职工采暖费": {"人社发〔2011〕99号"},
    "社会保险基金风险防控工作经费": {"人社部〔2018〕43号"},
    "社会保险宣传费": {"新人社发〔2023〕5号"},
    "社会保险经办服务人员工作经费": {"新人社发〔2023〕5号"},
    "社会保障卡发放工作经费": {"昌州政办发〔2021〕56号"},
}

# Budgets also list projects that have a 绩效目标表 but no 情况说明 block: self-funded ones and
# last year's carry-overs. With them the projects add up to the 项目支出 of the tables.
TABLE_ONLY = {
    0: [],
    2: [],
    3: [("2024年失业保险宣传项目(自有资金)", 5.15, {(BASIS, "新财社〔2014〕151号")})],  # its 项目总体目标
    4: [
        ("1995年前退休人员2024年4月—2025年3月生活补贴巴财企〔2023〕61号", 5.62,
         {(ALLOCATION, "巴财企〔2023〕61号")}),
        ("2024年州直关闭破产企业1995年底前退休人员生活补贴资金巴财社〔2023〕110号", 0.11,
         {(ALLOCATION, "巴财社〔2023〕110号")}),
    ],
}


@cache
def facts(number: int) -> DocumentFacts:
    return read_document(seed(number))


def narrative_projects(doc: DocumentFacts) -> list[ProjectFact]:
    """The projects read from 情况说明 (a table-only project's source is its performance table)."""
    return [p for p in doc.projects if "三级指标" not in re.sub(r"\s", "", p.source.text)]


def policy_keys(project: ProjectFact) -> set[tuple[CitationRole, str]]:
    return {(ref.role, ref.doc_number or ref.title or "") for ref in project.policies}


def matches(expected: set[tuple[CitationRole, str]], actual: set[tuple[CitationRole, str]]) -> bool:
    """Equal sets, where an expected "*prefix" stands for a title too long to quote here."""
    def norm(keys: set[tuple[CitationRole, str]], prefixes: list[str]) -> set[tuple[CitationRole, str]]:
        return {(r, next((p for p in prefixes if k.startswith(p)), k)) for r, k in keys}
    prefixes = [k[1:] for _, k in expected if k.startswith("*")]
    return {(r, k.lstrip("*")) for r, k in expected} == norm(actual, prefixes)


@pytest.mark.parametrize("number", sorted(HEADERS))
def test_header_and_overview(number: int) -> None:
    unit, kind, year, departments, authorized, actual, in_service, retired, lixiu = HEADERS[number]
    doc = facts(number)
    assert (doc.header.unit_name, doc.header.kind, doc.header.fiscal_year) == (unit, kind, year)
    assert doc.header.title.startswith(f"{unit}{year}年") and doc.header.title.endswith(("预算公开", "决算公开"))
    assert len(doc.overview.departments) == departments
    assert (doc.overview.staff_authorized, doc.overview.staff_actual) == (authorized, actual)
    overview = doc.overview
    assert (overview.staff_in_service, overview.staff_retired, overview.staff_lixiu) == (in_service, retired, lixiu)
    assert doc.header.source is not None and unit in doc.header.source.text.replace(" ", "")
    assert doc.overview.source is not None and "下设" in doc.overview.source.text


def test_department_names() -> None:
    assert facts(0).overview.departments[0] == "办公室(组织人事科)"
    assert facts(4).overview.departments == ("行政办", "基金财务股", "征缴股", "待遇复核股", "稽核股")


@pytest.mark.parametrize("number", sorted(PROJECTS))
def test_project_names_amounts_and_policies(number: int) -> None:
    got = narrative_projects(facts(number))
    assert [(p.name, p.budget_wan) for p in got] == [(name, budget) for name, budget, _ in PROJECTS[number]]
    for project, (_, _, policies) in zip(got, PROJECTS[number], strict=True):
        assert matches(policies, policy_keys(project)), project.name


@pytest.mark.parametrize("number", sorted(CITED_NUMBERS))
def test_every_cited_number(number: int) -> None:
    doc = facts(number)
    assert {c.doc_number for c in doc.citations if c.doc_number} == CITED_NUMBERS[number]
    assert len({c.key for c in doc.citations}) == len(doc.citations)
    basis = {r.key for p in doc.projects for r in p.policies if r.role is BASIS}
    assert all(c.role is BASIS for c in doc.citations if c.key in basis)


def test_final_accounts_cite_project_goals_as_bases_and_the_rest_as_mentions() -> None:
    roles = {c.doc_number: c.role for c in facts(1).citations}
    assert roles["人社部〔2018〕43号"] is BASIS  # a self-evaluation's 年度总体目标
    assert roles["昌州政办发〔2023〕8号"] is MENTION  # the department's 整体 self-evaluation
    titles = {c.doc_number: c.title for c in facts(1).citations}
    assert titles["人社发〔2011〕99号"] == "关于进一步明确冬季采暖费补贴有关问题的通知"


def test_final_accounts_projects_are_the_self_evaluations() -> None:
    got = [(p.name, p.budget_wan, p.executed_wan, p.self_evaluation_score) for p in facts(1).projects]
    assert len(got) == len(SELF_EVALUATIONS)
    for (name, budget, executed, score), (start, *amounts) in zip(got, SELF_EVALUATIONS, strict=True):
        assert name.startswith(start)
        assert (budget, executed, score) == tuple(amounts)
    assert all(p.indicators for p in facts(1).projects)


def test_self_evaluations_link_the_policies_their_goals_cite() -> None:
    got = {p.name: {r.doc_number for r in p.policies if r.role is BASIS} for p in facts(1).projects}
    assert {name: numbers for name, numbers in got.items() if numbers} == SELF_EVALUATION_BASES
    p = project(1, "95年以前退休人员生活补贴资金")
    ref = next(r for r in p.policies if r.doc_number == "新政办发〔2010〕168号")
    assert (ref.source.line_start, ref.source.line_end) == (1285, 1289)  # 《title》（新 / 政办发〔2010〕168 号）
    assert ref.title == "关于对参加自治区城镇企业职工基本养老保险社会统筹的有关退休人员实施生活补贴的通知"


def test_headline_every_project_the_retiree_policy_funds() -> None:
    """新政办发〔2010〕168号 funds three projects in the seeds: 昌吉 2025, 昌吉 2023 (cited in its
    self-evaluation, broken over a line), 和静 2025."""
    funded = [
        (doc.header.unit_name, doc.header.fiscal_year, p.name)
        for doc in map(facts, sorted(HEADERS)) for p in doc.projects
        if any(r.doc_number == "新政办发〔2010〕168号" and r.role is BASIS for r in p.policies)
    ]
    assert funded == [
        ("昌吉回族自治州社会保险中心", 2025, "95年以前退休人员生活费"),
        ("昌吉回族自治州社会保险中心", 2023, "95年以前退休人员生活补贴资金"),
        ("和静县社会保险中心", 2025, "自治区国有企业改革成本巴财企〔2024〕58号"),
    ]


@pytest.mark.parametrize("number", sorted(TABLE_ONLY))
def test_projects_known_only_by_their_performance_table(number: int) -> None:
    doc = facts(number)
    extra = doc.projects[len(narrative_projects(doc)) :]
    assert [(p.name, p.budget_wan, policy_keys(p)) for p in extra] == TABLE_ONLY[number]
    assert doc.totals.project_expenditure_wan is not None
    assert abs(sum(p.budget_wan or 0 for p in doc.projects) - doc.totals.project_expenditure_wan) < 0.02


@pytest.mark.parametrize("number", sorted(PROJECTS))
def test_performance_tables_complete_their_projects(number: int) -> None:
    """Every 情况说明 project with a 绩效目标表 gets its indicators, even where a converter garbled
    the name in the table (seed 000) or the unit shortened it (seed 002)."""
    with_tables = {0: 12, 2: 12, 3: 1, 4: 2}[number]
    assert sum(bool(p.indicators) for p in narrative_projects(facts(number))) == with_tables


def project(number: int, name: str) -> ProjectFact:
    return next(p for p in facts(number).projects if p.name == name)


def test_headline_chang_ji_retirees() -> None:
    p = project(0, "95年以前退休人员生活费")
    assert p.budget_wan == 114.34
    assert [(r.doc_number, r.role) for r in p.policies] == [("新政办发〔2010〕168号", BASIS)]
    assert p.beneficiary_count == 877
    assert p.subsidy_standard == "1440 元/人/年"
    assert p.funding_source == "一般财政拨款"
    assert p.undertaking_unit == "昌吉回族自治州社会保险中心"
    assert p.execution_period == "2025年1月1日-2025年12月10日"
    assert [(a.label, a.amount_wan) for a in p.allocation_items] == [("生活费补助", 114.34)]
    assert p.is_subsidy
    assert p.source.line_start == 547 and "114.34" in p.source.text
    assert p.policies[0].source.line_start == 549 and "168" in p.policies[0].source.text


def test_headline_he_jing_retirees() -> None:
    p = project(4, "自治区国有企业改革成本巴财企〔2024〕58号")
    assert p.budget_wan == 40.00
    roles = {(r.role, r.doc_number) for r in p.policies}
    assert roles == {(BASIS, "新政办发〔2010〕168号"), (ALLOCATION, "巴财企〔2024〕58号")}
    assert p.beneficiary_count == 277  # stated inside 资金分配情况
    assert p.subsidy_standard == "120 元/月/人"
    basis = next(r for r in p.policies if r.role is BASIS)
    assert (basis.source.line_start, basis.source.line_end) == (1012, 1014)  # title wraps


def test_other_subsidies() -> None:
    assert project(0, "州直破产企业退休职工采暖费").beneficiary_count == 1222
    assert project(0, "州直破产企业退休职工采暖费").subsidy_standard == "560 元/年/人"
    p = project(3, "2024年自治区社保经办机构业务补助经费项目")
    assert p.beneficiary_count == 8
    assert p.funding_source == "上级一般转移支付资金"
    assert [a.amount_wan for a in p.allocation_items] == [4.50, 4.00, 5.33]
    assert not project(3, "2024年社会保险经办服务和中心运行项目").is_subsidy


def test_allocation_items_skip_breakdowns_and_totals() -> None:
    items = project(0, "机构运行补助经费").allocation_items
    assert [(a.label, a.amount_wan) for a in items] == [
        ("后勤保障服务费", 33.57), ("办公区域维修维护费", 4.43), ("社保业务费", 17.0)
    ]
    items = project(2, "社会保险经办机构公共耗材等办公经费").allocation_items
    assert sum(a.amount_wan or 0 for a in items) == 62
    items = project(2, "12333社会保障电话咨询服务中心工作经费").allocation_items
    assert [a.amount_wan for a in items] == [27.36, 2.64]  # 3800元 inside a product is no item


def test_policy_titles() -> None:
    refs = {r.doc_number: r for r in facts(3).citations}
    assert refs["国令第765号"].title == "社会保险经办条例"
    zero = {r.doc_number: r.title for r in facts(0).citations}
    assert zero["人社发〔2011〕99号"] == "关于进一步明确冬季采暖费补贴有关问题的通知"
    assert (zero["昌州财建〔2024〕156号"] or "").startswith("关于提前下达2025年")  # after a dash


def test_facts_are_json_ready() -> None:
    data = facts(0).to_dict()
    assert data["projects"][8]["policies"][0]["doc_number"] == "新政办发〔2010〕168号"


# --- bad inputs --------------------------------------------------------------------------------


def layout_of(text: str, path: str = "memo.txt") -> Layout:
    lines = tuple(Line(number=i, text=t) for i, t in enumerate(text.split("\n"), start=1))
    return Layout(path=path, sha256="0" * 64, fmt="text", lines=lines)


@pytest.mark.parametrize(
    "text",
    ["# 会议纪要\n\n今天讨论了食堂菜单。", "2025年工作计划\n一、目标", "昌吉回族自治州社会保险中心\n通知"],
)
def test_not_a_disclosure(text: str) -> None:
    with pytest.raises(DocumentError, match="not a budget disclosure") as caught:
        extract(layout_of(text))
    assert caught.value.path == "memo.txt"


def test_title_alone_is_a_disclosure_without_projects() -> None:
    doc = extract(layout_of("托克逊县财政局\n2024 年度部门决算\n公开说明"))
    assert (doc.header.unit_name, doc.header.kind, doc.header.fiscal_year, doc.projects) == (
        "托克逊县财政局", DocumentKind.FINAL_ACCOUNTS, 2024, ()
    )


# --- other renderings of the same documents -----------------------------------------------------


def wrapped(layout: Layout, width: int) -> Layout:
    """A narrow-column converter: every line cut into ``width``-character pieces, blank between."""
    pieces = [piece for line in layout.lines
              for piece in ([line.text[i : i + width] for i in range(0, len(line.text), width)] or [""])]
    rows = [row for piece in pieces for row in (piece, "")]
    return replace(layout, lines=tuple(Line(number=i, text=t) for i, t in enumerate(rows, start=1)))


def restyled(layout: Layout) -> Layout:
    """Another converter's punctuation: full-width colons and parentheses, [] for 〔〕, spaced digits."""
    table = str.maketrans({":": "：", "(": "（", ")": "）", "〔": "[", "〕": "]"})
    spaced = re.compile(r"(\d)\.(\d)")
    return replace(layout, lines=tuple(
        replace(line, text=spaced.sub(r"\1. \2", line.text.translate(table))) for line in layout.lines
    ))


def essentials(doc: DocumentFacts) -> tuple[object, ...]:
    return (
        doc.header.unit_name, doc.header.kind, doc.header.fiscal_year, doc.overview.departments,
        doc.overview.staff_actual,
        [(p.name, p.budget_wan, p.beneficiary_count, p.subsidy_standard, sorted(policy_keys(p)))
         for p in narrative_projects(doc)],
        sorted(c.doc_number or "" for c in doc.citations),
    )


RENDERINGS: dict[str, Callable[[Layout], Layout]] = {
    "wrapped-7": lambda layout: wrapped(layout, 7),
    "wrapped-11": lambda layout: wrapped(layout, 11),
    "wrapped-23": lambda layout: wrapped(layout, 23),
    "restyled": restyled,
}


@pytest.mark.parametrize("number", sorted(HEADERS))
@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
def test_other_renderings_give_the_same_facts(number: int, rendering: str) -> None:
    original = read_text(seed(number))
    assert essentials(extract(RENDERINGS[rendering](original))) == essentials(facts(number))


@pytest.mark.parametrize("number", sorted(HEADERS))
def test_restyled_punctuation_keeps_every_project_and_its_indicators(number: int) -> None:
    def projects(doc: DocumentFacts) -> list[tuple[object, ...]]:
        return [(p.name, p.budget_wan, p.executed_wan, p.self_evaluation_score, len(p.indicators))
                for p in doc.projects]
    assert projects(extract(restyled(read_text(seed(number))))) == projects(facts(number))


# --- pairing 情况说明 blocks with performance tables ---------------------------------------------


def block(name: str, budget: float | None) -> ProjectFact:
    return ProjectFact(name=name, source=SourceRef(1, 1, name), budget_wan=budget, undertaking_unit="单位")


def table(name: str, budget: float | None, executed: float | None = None) -> EvaluatedProject:
    indicator = IndicatorFact(name="发放人数", target=">=10人")
    return EvaluatedProject(name, budget, executed, 90.0, (indicator,), SourceRef(9, 9, name))


def test_tables_pair_with_blocks_despite_garbled_or_shortened_names() -> None:
    merged = merge_projects(
        [block("社会保障卡发放工作经费", 9.5), block("离退休人员生存状况验证工作经费", 3.0)],
        [table("离退休生存状况验证工作经费", 3.0, 2.5), table("社会会保障卡尔发放工作经费", 9.5)],
    )
    assert [(p.name, len(p.indicators), p.executed_wan) for p in merged] == [
        ("社会保障卡发放工作经费", 1, None), ("离退休人员生存状况验证工作经费", 1, 2.5)
    ]


def test_a_table_citing_another_number_is_another_project() -> None:
    merged = merge_projects(
        [block("州直关闭破产企业退休人员生活补贴巴财社〔2024〕51号", 29.88)],
        [table("州直关闭破产企业退休人员生活补贴巴财社[2023]110号", 0.11)],
    )
    assert [p.name for p in merged][1:] == ["州直关闭破产企业退休人员生活补贴巴财社[2023]110号"]
    assert [(r.role, r.doc_number) for r in merged[1].policies] == [(ALLOCATION, "巴财社〔2023〕110号")]
    assert not merged[0].indicators


def test_unrelated_table_with_the_same_amount_stays_apart() -> None:
    merged = merge_projects([block("社会保险宣传费", 15.0)], [table("银行手续费、工本费、邮寄费", 15.0)])
    assert len(merged) == 2 and not merged[0].indicators


def test_seed_path_is_kept() -> None:
    assert Path(facts(2).path) == seed(2)
