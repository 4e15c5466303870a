"""Reconciliation: what the template makes add up, checked on the seeds and on hand-built facts."""

from __future__ import annotations

import dataclasses

from loaders import read_document
from loaders.facts import (
    BasicExpenditureFacts,
    DocumentKind,
    EconomicCategory,
    EconomicLineFact,
    FunctionLineFact,
    IncomeLineFact,
    OtherMattersFacts,
    ThreePublicFacts,
    ThreePublicItem,
    ThreePublicItemFact,
    TotalsFacts,
)
from loaders.reconcile import reconcile
from tests.builders import CHANGJI, SRC
from tests.corpus import seed


def test_what_does_not_add_up_in_the_seeds_as_printed() -> None:
    def found(n: int) -> list[tuple[str, float | None, float | None, bool]]:
        return [(f.check, f.expected_wan, round(f.actual_wan or 0.0, 2), "rounding" in f.message)
                for f in reconcile(read_document(seed(n)))]
    # 003 and 004 describe only the general-budget projects in 情况说明; the others come from the
    # project tables, and with them the projects add up to 项目支出.
    assert found(4) == []
    # 002's totals add up; one statement contradicts itself (减少47万元，增长156%: test_api_facts.py).
    assert [check for check, *_ in found(2)] == ["prior_year_change"]
    # 003 prints totals one cent off the sum of their rows (a rounding gap, reported as printed).
    assert found(3) == [
        ("total_basic_project", 759.57, 759.58, True),
        ("total_vs_function_lines", 759.57, 759.58, True),
        ("income_vs_total", 759.57, 759.58, True),
        ("economic_class_vs_items", 26.87, 26.88, True),
    ]
    # 000: one cent of rounding in three sums; and the converter lost the code of one row of
    # 对个人和家庭的补助 ("4 20"), so the 303 items read (30302 4.00 + 30309 4.30) miss 5.30.
    assert found(0) == [
        ("project_vs_projects", 411.01, 411.0, True),
        ("economic_class_vs_items", 963.92, 963.93, True),
        ("economic_class_vs_items", 142.69, 142.7, True),
        ("economic_class_vs_items", 13.6, 8.3, False),
    ]
    # 001: the 19 self-evaluated projects executed more than the 项目支出 the accounts state
    # (self-evaluations also cover money outside this year's 财政拨款 project spending).
    [finding] = reconcile(read_document(seed(1)))
    assert (finding.check, finding.expected_wan, round(finding.actual_wan or 0.0, 2)) == (
        "project_vs_projects",
        554.41,
        682.72,
    )
    assert len(finding.sources) == 20


def test_a_cent_off_is_a_finding_with_both_figures_and_says_when_it_may_be_rounding() -> None:
    lines = tuple(FunctionLineFact(f"20801{i:02d}", "x", 0.33, 0.33, 0.0, SRC) for i in range(3))
    exact = dataclasses.replace(CHANGJI, function_lines=lines, totals=TotalsFacts(total_wan=0.99))
    assert reconcile(exact) == ()
    [close] = reconcile(dataclasses.replace(exact, totals=TotalsFacts(total_wan=1.0)))
    assert (close.expected_wan, close.actual_wan) == (1.0, 0.99)
    assert close.message.endswith("stated 1.00, parts add up to 0.99 (within the rounding of 3 parts)")
    [off] = reconcile(dataclasses.replace(exact, totals=TotalsFacts(total_wan=1.5)))
    assert off.check == "total_vs_function_lines" and off.difference_wan == -0.51
    assert "rounding" not in off.message
    assert len(off.sources) == 3  # the rows; the total's own source was not known


def test_tables_in_yuan_are_checked_to_the_fen() -> None:
    """司法局 2026 prints 合计 86,959,408.34 元 against 基本 22,118,861 + 项目 64,840,547.00."""
    row = FunctionLineFact("2040601", "行政运行", 8695.940834, 2211.8861, 6484.0547, SRC)
    [finding] = reconcile(dataclasses.replace(CHANGJI, function_lines=(row,)))
    assert finding.check == "function_line_split"
    assert "stated 8695.940834, parts add up to 8695.9408" in finding.message


def test_a_row_whose_split_does_not_add_up_is_reported() -> None:
    row = FunctionLineFact("2080109", "社会保险经办机构", 100.0, 60.0, 30.0, SRC)
    [finding] = reconcile(dataclasses.replace(CHANGJI, function_lines=(row,)))
    assert finding.check == "function_line_split" and finding.actual_wan == 90.0


def test_income_sources_add_up_to_the_total_and_final_accounts_count_the_carryover() -> None:
    lines = (IncomeLineFact("一般公共预算", 291.73, SRC), IncomeLineFact("财政拨款结转", 5.73, SRC))
    budget = dataclasses.replace(CHANGJI, totals=TotalsFacts(total_wan=297.46), income_lines=lines)
    assert reconcile(budget) == ()
    [finding] = reconcile(dataclasses.replace(budget, totals=TotalsFacts(total_wan=300.0)))
    assert finding.check == "income_vs_total" and finding.actual_wan == 297.46
    accounts = dataclasses.replace(budget, header=dataclasses.replace(budget.header, kind=DocumentKind.FINAL_ACCOUNTS),
                                   totals=TotalsFacts(total_wan=307.46), other=OtherMattersFacts(carryover_wan=10.0))
    assert reconcile(accounts) == ()


def test_personnel_public_and_economic_rows_add_up_to_basic_expenditure() -> None:
    rows = (
        EconomicLineFact("301", "工资福利支出", 100.0, EconomicCategory.PERSONNEL, SRC),
        EconomicLineFact("30101", "基本工资", 60.0, EconomicCategory.PERSONNEL, SRC),
        EconomicLineFact("30102", "津贴补贴", 40.0, EconomicCategory.PERSONNEL, SRC),
        EconomicLineFact("302", "商品和服务支出", 20.0, EconomicCategory.PUBLIC, SRC),
    )
    facts = dataclasses.replace(
        CHANGJI, basic=BasicExpenditureFacts(rows, total_wan=120.0, personnel_wan=100.0, public_wan=20.0)
    )
    assert reconcile(facts) == ()
    fewer = (*rows[:2], *rows[3:])
    off = dataclasses.replace(facts, basic=dataclasses.replace(facts.basic, public_wan=25.0, lines=fewer))
    assert sorted(f.check for f in reconcile(off)) == ["basic_personnel_public", "economic_class_vs_items"]


def test_three_public_items_add_up_to_the_total() -> None:
    def item(which: ThreePublicItem, wan: float) -> ThreePublicItemFact:
        return ThreePublicItemFact(which, wan, None, SRC)

    items = (
        item(ThreePublicItem.ABROAD, 0.0),
        item(ThreePublicItem.VEHICLE_PURCHASE, 0.0),
        item(ThreePublicItem.VEHICLE_OPERATION, 6.99),
        item(ThreePublicItem.RECEPTION, 0.6),
    )
    facts = dataclasses.replace(CHANGJI, totals=TotalsFacts(three_public_wan=7.59),
                                three_public=ThreePublicFacts(items))
    assert reconcile(facts) == ()
    subtotal = item(ThreePublicItem.VEHICLES, 7.99)
    with_subtotal = dataclasses.replace(facts, three_public=ThreePublicFacts((*items, subtotal)))
    assert sorted(f.check for f in reconcile(with_subtotal)) == ["three_public_items", "three_public_vehicles"]
