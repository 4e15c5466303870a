"""What the 情况说明 states per 功能分类 项 (amount, 比上年, 年初预算, 主要原因) and of the whole document,
scored against what each seed states (read by hand), on a national-template paragraph written for
the test, and on re-renderings of the seeds' prose."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract import extract
from loaders.extract.function_narrative import attach_narratives, read_function_narratives
from loaders.extract.whole_comparisons import read_whole_document
from loaders.facts import (
    BudgetComparisonFact,
    DocumentFacts,
    DocumentKind,
    FunctionLineFact,
    FunctionNarrativeFact,
    HeaderFacts,
    PriorYearChangeFact,
    WholeDocumentFacts,
)
from loaders.layout import Layout, Line
from loaders.reconcile import reconcile
from tests.fact_scores import Value, layout, prose_mangler, relaid, score

# Per seed: 项 → (code, amount, 比上年 change 万元, change %), in the document's order. Codes are the
# document's own function lines, or for a 项 no line holds (a 0.00 项; final accounts whose tables are
# published apart) the national classification's 项 of that name under the 款 the sentence names.
Expected = dict[str, tuple[str | None, float, float, float]]
EXPECTED: dict[int, Expected] = {
    0: {
        "行政运行": ("2080101", 816.43, -27.98, -3.31),
        "信息化建设": ("2080108", 81.50, -3.50, -4.12),
        "社会保险经办机构": ("2080109", 312.27, 159.27, 104.10),
        "行政单位离退休": ("2080501", 4.00, 0.50, 14.29),
        "机关事业单位基本养老保险缴费支出": ("2080505", 105.21, -6.80, -6.07),
        "机关事业单位职业年金缴费支出": ("2080506", 52.60, -3.40, -6.07),
        "其他企业改革发展补助": ("2080699", 17.24, -1.92, -10.02),
        "其他城市生活救助": ("2082501", 0.00, -199.23, -100.00),  # no table row: 0.00 this year
        "行政单位医疗": ("2101101", 52.60, -3.40, -6.07),
        "公务员医疗补助": ("2101103", 3.29, -0.21, -6.00),
        "其他行政事业单位医疗支出": ("2101199", 0.57, 0.01, 1.79),
        "住房公积金": ("2210201", 85.51, -4.44, -4.94),
    },
    1: {  # final accounts: 支出决算数, 比上年决算; the tables are an attachment, so codes are the classification's
        "宗教事务": ("2013404", 1.26, 1.26, 100.00),
        "行政运行": ("2080101", 856.03, -69.37, -7.50),
        "信息化建设": ("2080108", 85.86, 2.64, 3.17),
        "社会保险经办机构": ("2080109", 222.47, 1.28, 0.58),
        "行政单位离退休": ("2080501", 51.29, 26.81, 109.52),
        "机关事业单位基本养老保险缴费支出": ("2080505", 99.89, 16.93, 20.41),
        "机关事业单位职业年金缴费支出": ("2080506", 57.05, 48.18, 543.18),
        "其他企业改革发展补助": ("2080699", 23.12, -1.62, -6.55),
        "其他城市生活救助": ("2082501", 199.97, -18.61, -8.51),
        "行政单位医疗": ("2101101", 29.24, -20.01, -40.63),
        "其他行政事业单位医疗支出": ("2101199", 0.52, -0.02, -3.70),
        "住房公积金": ("2210201", 78.84, 4.25, 5.70),
        # 其他支出(类)其他支出(款)其他支出(项): the reference table leaves out the 项 of 22999, so no code.
        "其他支出": (None, 21.71, 0.71, 3.38),
        "其他统战事务支出": ("2013499", 0.00, -2.37, -100.0),
        "公务员医疗补助": ("2101103", 0.00, -15.55, -100.0),
    },
    2: {  # 比上年执行数; "减少 47 万元，增长 156%" contradicts itself and is kept as written
        "行政运行": ("2080101", 905.62, -198.74, -18.0),
        "信息化建设": ("2080108", 77.0, -47.0, 156.0),
        "社会保险经办机构": ("2080109", 255.0, -9.0, -3.4),
    },
    3: {
        "培训支出": ("2050803", 1.95, 0.52, 36.36),
        "行政运行": ("2080101", 395.51, 32.09, 8.83),
        "一般行政管理事务": ("2080102", 34.20, 34.20, 100.00),
        "社会保险经办机构": ("2080109", 78.63, -52.61, -40.09),
        "行政单位离退休": ("2080501", 86.40, 68.42, 380.53),
        "机关事业单位基本养老保险缴费支出": ("2080505", 51.09, 2.98, 6.19),
        "机关事业单位职业年金缴费支出": ("2080506", 25.55, 1.49, 6.19),
        "其他企业改革发展补助": ("2080699", 0.00, -35.00, -100.00),
        "行政单位医疗": ("2101101", 22.35, -12.82, -36.45),
        "公务员医疗补助": ("2101103", 16.98, 0.90, 5.60),
        "其他行政事业单位医疗支出": ("2101199", 0.73, -0.70, -48.95),
        "住房公积金": ("2210201", 41.04, 2.95, 7.74),
    },
    4: {
        "社会保险经办机构": ("2080109", 198.17, -4.15, -2.05),
        "行政单位离退休": ("2080501", 11.95, 0.00, 0.0),
        "机关事业单位基本养老保险缴费支出": ("2080505", 27.09, -0.09, -0.33),
        "企业关闭破产补助": ("2080601", 45.14, -2.02, -4.28),
        "其他企业改革发展补助": ("2080699", 40.00, -7.00, -14.89),
        "行政单位医疗": ("2101101", 12.33, 0.04, 0.33),
        "公务员医疗补助": ("2101103", 4.89, 0.27, 5.84),
        "住房公积金": ("2210201", 22.04, 0.18, 0.82),
        "其他组织事务支出": ("2013299", 0.00, -11.95, -100.0),
        "其他人力资源和社会保障管理事务支出": ("2080199", 0.00, -4.00, -100.0),
    },
}
COMPARED_WITH = {0: "上年预算", 1: "上年决算", 2: "上年执行数", 3: "上年预算", 4: "上年预算"}
# 项 a table row holds (the others are the document's separate list); 001 publishes no tables.
IN_TABLE = {n: {item for item, (code, amount, *_) in EXPECTED[n].items() if amount} for n in (0, 2, 3, 4)} | {1: set()}


@cache
def facts_of(number: int) -> DocumentFacts:
    return extract(layout(number))


def narratives(facts: DocumentFacts) -> list[FunctionNarrativeFact]:
    """Every 项 statement, those on function lines and the others, in the document's order."""
    told = [line.narrative for line in facts.function_lines if line.narrative] + list(facts.function_narratives)
    return sorted(told, key=lambda f: f.source.line_start if f.source else 0)


def as_facts(told: list[FunctionNarrativeFact]) -> dict[str, Value]:
    got: dict[str, Value] = {}
    for f in told:
        got |= {
            f"{f.item_name}/code": f.code,
            f"{f.item_name}/amount": f.amount_wan,
            f"{f.item_name}/change": f.prior_year_change_wan,
            f"{f.item_name}/rate": f.prior_year_change_rate,
        }
    return got


def expected_facts(number: int) -> dict[str, Value]:
    want: dict[str, Value] = {}
    for item, (code, amount, change, rate) in EXPECTED[number].items():
        want |= {f"{item}/code": code, f"{item}/amount": amount, f"{item}/change": change, f"{item}/rate": rate}
    return want


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_every_item_statement_of_each_seed(number: int) -> None:
    told = narratives(facts_of(number))
    result = score(expected_facts(number), as_facts(told))
    assert (result.precision, result.recall) == (1.0, 1.0), as_facts(told)  # on every seed
    assert [f.item_name for f in told] == list(EXPECTED[number])  # in the document's order
    assert {f.compared_with for f in told} == {COMPARED_WITH[number]}
    assert all(f.change_reason for f in told) and not any(f.variance_reason for f in told)
    on_lines = {line.narrative.item_name for line in facts_of(number).function_lines if line.narrative}
    assert on_lines == IN_TABLE[number]


def test_seed_001_names_reasons_and_lines() -> None:
    told = {f.item_name: f for f in narratives(facts_of(1))}
    office = told["社会保险经办机构"]
    assert (office.class_name, office.section_name) == ("社会保障和就业支出", "人力资源和社会保障管理事务")
    assert office.change_reason == (
        "本年增加社会保险档案管理工作经费、社会保障卡发放工作经费、社会保险全民参保计划工作经费"
    )
    assert office.source is not None and (office.source.line_start, office.source.line_end) == (178, 186)
    assert "222.47" in office.source.text
    # a reason broken over lines and quoting “金保工程” reads whole
    assert told["信息化建设"].change_reason == "本年增加“金保工程”系统运行电力保障、网络线路租用项目经费"
    assert told["行政运行"].initial_budget_wan is None and told["行政运行"].completion_rate is None


def test_seed_003_narrative_is_the_general_budget_table_not_the_whole() -> None:
    # 2080109: 支出总表 83.78 holds 5.15 万元 of 单位资金; the 一般公共预算支出表 and the 情况说明 say 78.63.
    [line] = [line for line in facts_of(3).function_lines if line.code == "2080109"]
    assert (line.total_wan, line.general_public_wan) == (83.78, 78.63)
    assert line.narrative is not None and line.narrative.amount_wan == 78.63


def test_seed_001_states_its_whole_against_last_year_and_its_initial_budget() -> None:
    facts = facts_of(1)
    assert facts.whole.prior_year_change is not None and facts.whole.appropriation_change is not None
    whole, money = facts.whole.prior_year_change, facts.whole.appropriation_change
    assert (whole.change_wan, whole.change_rate, whole.compared_with) == (114.20, 6.51, "上年")
    assert whole.reason is not None and whole.reason.startswith("本年增加“金保工程”系统运行电力保障")
    assert (money.change_wan, money.change_rate) == (-25.49, -1.45)
    assert money.reason == "本年州直破产企业退休职工采暖费、95年以前退休人员生活补贴资金减少"
    budget = facts.whole.budget_comparison
    assert budget is not None
    assert (budget.initial_budget_wan, budget.actual_wan, budget.variance_rate) == (1649.93, 1727.26, 4.69)
    assert budget.completion_rate is None
    assert budget.reason is not None and budget.reason.startswith("年中追加“金保工程”")
    assert budget.source is not None and budget.source.line_start == 108  # 财政拨款 (四), before 一般公共预算 (五)


@pytest.mark.parametrize("number", [0, 2, 3, 4])
def test_budgets_state_no_whole_document_comparison(number: int) -> None:
    # The budget seeds compare 基本支出/项目支出 and each income source with last year, never the total.
    facts = facts_of(number)
    whole = facts.whole
    assert (whole.prior_year_change, whole.appropriation_change, whole.budget_comparison) == (None, None, None)


# A final accounts' 具体情况 in the national template, for a fictional unit (no seed uses this form).
NATIONAL = """\
五、一般公共预算财政拨款支出决算情况说明
（一）一般公共预算财政拨款支出决算总体情况
2023年度一般公共预算财政拨款支出年初预算为 170.50 万元，支出决算为 175.30 万元，完成年初预算的 102.82%。
决算数大于年初预算数的主要原因是：年中追加公益性岗位补贴资金。
（三）一般公共预算财政拨款支出决算具体情况
1．社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）。年初预算为 120.00 万元，
支出决算为 118.80 万元，完成年初预算的 99.00%。决算数小于年初预算数的主要原因是：严格控制一般性支出，
办公经费结余。
2．社会保障和就业支出（类）就业补助（款）其他就业补助支出（项）。年初预算为 40.00 万元，支出决算为
46.00 万元，完成年初预算的 115.00%。决算数大于年初预算数的主要原因是：年中追加公益性岗位补贴资金。
3．卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）。年初预算为 10.50 万元，支出决算为 10.50 万元，
完成年初预算的 100%，比上年决算持平。
六、一般公共预算财政拨款基本支出决算情况说明
2023年度一般公共预算财政拨款基本支出 140.20 万元，比上年增加 3.10 万元。
"""


def text_layout(text: str) -> Layout:
    lines = tuple(Line(number=i, text=t) for i, t in enumerate(text.splitlines(), 1))
    return Layout("/fictional/示范县就业服务中心2023年度部门决算.txt", "0" * 64, "text", lines)


def test_the_national_template_states_initial_budget_completion_and_its_reasons() -> None:
    source = text_layout(NATIONAL)
    lines = (FunctionLineFact("2080101", "行政运行", 118.80, 118.80, 0.0),)
    attached, rest = attach_narratives(lines, read_function_narratives(source))
    office = attached[0].narrative
    assert office is not None and office.code == "2080101"
    assert (office.initial_budget_wan, office.amount_wan, office.completion_rate) == (120.0, 118.8, 99.0)
    assert office.variance_reason == "严格控制一般性支出,办公经费结余" and office.change_reason is None
    assert office.prior_year_change_wan is None
    assert office.source is not None and (office.source.line_start, office.source.line_end) == (6, 8)
    jobs, clinic = rest
    assert (jobs.code, jobs.initial_budget_wan, jobs.amount_wan, jobs.completion_rate) == ("2080799", 40.0, 46.0, 115.0)
    assert jobs.variance_reason == "年中追加公益性岗位补贴资金"
    assert (clinic.code, clinic.amount_wan, clinic.completion_rate) == ("2101102", 10.5, 100.0)
    assert (clinic.prior_year_change_wan, clinic.prior_year_change_rate, clinic.compared_with) == (0.0, 0.0, "上年决算")
    whole = read_whole_document(source)
    assert whole.budget_comparison == BudgetComparisonFact(
        initial_budget_wan=170.5, actual_wan=175.3, completion_rate=102.82, reason="年中追加公益性岗位补贴资金",
        source=whole.budget_comparison.source if whole.budget_comparison else None,
    )
    assert whole.prior_year_change is None and whole.appropriation_change is None


def test_a_name_two_lines_answer_to_is_resolved_only_by_its_kuan() -> None:
    two = (FunctionLineFact("2010101", "行政运行", 5.0), FunctionLineFact("2080101", "行政运行", 118.8))
    named = read_function_narratives(text_layout(NATIONAL))[:1]
    bare = [FunctionNarrativeFact(item_name="行政运行", amount_wan=118.8)]
    assert [f.code for f in attach_narratives(two, named)[1]] == []  # 人力资源和社会保障管理事务 → 2080101
    assert attach_narratives(two, named)[0][1].narrative is not None
    attached, rest = attach_narratives(two, bare)
    assert [line.narrative for line in attached] == [None, None] and [f.code for f in rest] == [None]  # never guessed


def _final(
    *told: FunctionNarrativeFact, lines: tuple[FunctionLineFact, ...] = (),
    budget_comparison: BudgetComparisonFact | None = None, prior_year_change: PriorYearChangeFact | None = None,
) -> DocumentFacts:
    return DocumentFacts(path="/x", sha256="0", header=HeaderFacts("u", DocumentKind.FINAL_ACCOUNTS, 2023, "t"),
                         function_lines=lines, function_narratives=told,
                         whole=WholeDocumentFacts(prior_year_change, budget_comparison=budget_comparison))


def test_reconcile_narrative_against_tables_and_initial_budget() -> None:
    good = FunctionNarrativeFact("行政运行", code="2080101", amount_wan=118.8, initial_budget_wan=120.0,
                                 completion_rate=99.0)
    assert reconcile(_final(good)) == ()
    off = FunctionNarrativeFact("行政运行", code="2080101", amount_wan=118.8, initial_budget_wan=120.0,
                                completion_rate=89.0)
    [finding] = reconcile(_final(off))
    assert (finding.check, finding.expected_wan, finding.actual_wan) == ("narrative_budget_completion", 106.8, 118.8)
    line = FunctionLineFact("2080101", "行政运行", 120.0, 120.0, 0.0, general_public_wan=118.0, narrative=good)
    [finding] = reconcile(_final(lines=(line,)))
    assert (finding.check, finding.expected_wan, finding.actual_wan) == ("function_line_narrative", 118.0, 118.8)
    stray = FunctionNarrativeFact("其他就业补助支出", code="2080799", amount_wan=46.0)
    assert [f.check for f in reconcile(_final(stray, lines=(FunctionLineFact("2080101", "行政运行"),)))] == [
        "function_narrative_without_line"]
    assert reconcile(_final(stray)) == ()  # no tables to hold it: nothing to compare
    rate = BudgetComparisonFact(initial_budget_wan=1649.93, actual_wan=1727.26, variance_rate=4.69)
    assert reconcile(_final(budget_comparison=rate)) == ()
    wrong = BudgetComparisonFact(initial_budget_wan=1649.93, actual_wan=1727.26, variance_rate=6.69)
    assert [f.check for f in reconcile(_final(budget_comparison=wrong))] == ["budget_comparison"]


def test_a_rate_printed_without_decimals_is_checked_to_its_precision() -> None:
    whole = BudgetComparisonFact(initial_budget_wan=200.0, actual_wan=197.3, completion_rate=99.0)  # 98.65% ≈ 99%
    assert reconcile(_final(budget_comparison=whole)) == ()
    change = PriorYearChangeFact(change_wan=1.0)
    assert reconcile(_final(prior_year_change=change)) == ()


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_rewrapped_spaced_and_full_width_prose_reads_the_same(data: st.DataObject) -> None:
    number = data.draw(st.sampled_from([0, 1, 4]))
    mangled = extract(relaid(layout(number), prose_mangler(data)))
    assert as_facts(narratives(mangled)) == pytest.approx(as_facts(narratives(facts_of(number))))
    reasons = [(f.change_reason, f.compared_with) for f in narratives(mangled)]
    assert reasons == [(f.change_reason, f.compared_with) for f in narratives(facts_of(number))]
    whole = (mangled.whole.prior_year_change, mangled.whole.appropriation_change, mangled.whole.budget_comparison)
    original = facts_of(number)
    assert [_figures(x) for x in whole] == [
        _figures(x) for x in (original.whole.prior_year_change, original.whole.appropriation_change,
                              original.whole.budget_comparison)
    ]


def _figures(fact: PriorYearChangeFact | BudgetComparisonFact | None) -> tuple[object, ...] | None:
    if fact is None:
        return None
    return tuple(v for k, v in vars(fact).items() if k != "source")
