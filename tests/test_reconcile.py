"""Reconciliation: what the template makes add up, checked on the seeds and on hand-built facts."""

from __future__ import annotations

import dataclasses

from loaders import read_document
from loaders.facts import FunctionLineFact
from loaders.reconcile import reconcile
from tests.builders import CHANGJI, SRC
from tests.conftest import seed


def test_the_seeds_budgets_add_up_and_the_final_accounts_self_evaluations_do_not() -> None:
    # 003 and 004 describe only the general-budget projects in 情况说明; the others come from the
    # project tables, and with them every budget total agrees within rounding.
    for n in (0, 2, 3, 4):
        assert reconcile(read_document(seed(n))) == (), n
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
    close = dataclasses.replace(CHANGJI, function_lines=lines, total_wan=1.0)
    assert reconcile(close) == ()
    off = dataclasses.replace(close, total_wan=1.5)
    [finding] = reconcile(off)
    assert finding.check == "total_vs_function_lines" and finding.difference_wan == -0.51
    assert len(finding.sources) == 3  # the rows; the total's own source was not known


def test_a_row_whose_split_does_not_add_up_is_reported() -> None:
    row = FunctionLineFact("2080109", "社会保险经办机构", 100.0, 60.0, 30.0, SRC)
    [finding] = reconcile(dataclasses.replace(CHANGJI, function_lines=(row,)))
    assert finding.check == "function_line_split" and finding.actual_wan == 90.0
