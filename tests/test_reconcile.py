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


def test_the_seeds_budgets_add_up_and_the_final_accounts_self_evaluations_do_not() -> None:
    # 003 and 004 describe only the general-budget projects in 情况说明; the others come from the
    # project tables, and with them every budget total agrees within rounding.
    for n in (3, 4):
        assert reconcile(read_document(seed(n))) == (), n
    # 002's totals add up; one statement contradicts itself (减少47万元，增长156%: test_api_facts.py).
    assert [f.check for f in reconcile(read_document(seed(2)))] == ["prior_year_change"]
    # 000: the converter lost the code of one row of 对个人和家庭的补助 ("4 20"), so the 303 items
    # read (30302 4.00 + 30309 4.30) do not add up to their class; everything else in 000 agrees.
    [garbled] = reconcile(read_document(seed(0)))
    assert (garbled.check, garbled.expected_wan, garbled.actual_wan) == ("economic_class_vs_items", 13.6, 8.3)
    # 001: the 19 self-evaluated projects executed more than the 项目支出 the accounts state
    # (self-evaluations also cover money outside this year's 财政拨款 project spending).
    [finding] = reconcile(read_document(seed(1)))
    assert (finding.check, finding.expected_wan, round(finding.actual_wan, 2)) == (
        "project_vs_projects",
        554.41,
        682.72,
    )
    assert len(finding.sources) == 20


def test_rounding_of_many_parts_is_not_a_finding_but_a_real_gap_is() -> None:
    lines = tuple(FunctionLineFact(f"20801{i:02d}", "x", 0.33, 0.33, 0.0, SRC) for i in range(3))
    close = dataclasses.replace(CHANGJI, function_lines=lines, totals=TotalsFacts(total_wan=1.0))
    assert reconcile(close) == ()
    off = dataclasses.replace(close, totals=TotalsFacts(total_wan=1.5))
    [finding] = reconcile(off)
    assert finding.check == "total_vs_function_lines" and finding.difference_wan == -0.51
    assert len(finding.sources) == 3  # the rows; the total's own source was not known


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
