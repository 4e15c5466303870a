"""Reconciliation: what the template makes add up, checked on the seeds and on hand-built facts."""

from __future__ import annotations

import dataclasses

from loaders import read_document
from loaders.facts import FunctionLineFact
from loaders.reconcile import reconcile
from tests.builders import CHANGJI, SRC
from tests.conftest import seed


def test_the_seeds_add_up_once_table_only_projects_are_counted() -> None:
    # 003 and 004 describe only the general-budget projects in 情况说明; the others come from the
    # project tables, and with them every total agrees within rounding.
    for n in range(5):
        assert reconcile(read_document(seed(n))) == (), n


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
