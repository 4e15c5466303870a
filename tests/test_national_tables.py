"""The national template's tables by their titles and headers, in any stated unit.

Budgets title them 收支总表 / 支出总表 / 一般公共预算支出功能分类预算表 / "三公"经费和机关运行经费
预算表 (with 部门 or 单位 and the year in front), final accounts …决算表; the 单位 line under the
title governs every amount. These documents are made up here; the real Shanghai PDFs are checked
in tests/test_real_documents.py.
"""

from __future__ import annotations

import pytest

from loaders.extract.table_regions import TableKind, find_regions
from loaders.extract.tables import extract_tables
from tests.layouts import layout_of


def expenditure(title: str, unit: str, *rows: str) -> tuple[str, ...]:
    header = ("项目\t\t\t\t支出预算\t\t", "类\t款\t项\t功能分类科目名称\t合计\t基本支出\t项目支出")
    return (title, f"编制部门：某区某局 单位：{unit}", *header, *rows)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("2025年部门财务收支预算总表", TableKind.SUMMARY),
        ("2025年预算单位支出预算总表", TableKind.EXPENDITURE),
        ("2025年部门一般公共预算支出功能分类预算表", TableKind.GENERAL_PUBLIC),
        ("2026年单位“三公”经费和机关运行经费预算表", TableKind.THREE_PUBLIC),
        ("2025年部门财政拨款收支预算总表", TableKind.OTHER),
        ("2025年部门一般公共预算基本支出部门预算经济分类预算表", TableKind.OTHER),
        ("2025年预算单位政府性基金预算支出功能分类预算表", TableKind.OTHER),
        ("收入支出决算总表", TableKind.SUMMARY),
        ("一般公共预算财政拨款支出决算表", TableKind.GENERAL_PUBLIC),
    ],
)
def test_budget_and_final_titles(title: str, kind: TableKind) -> None:
    regions = find_regions(layout_of(title, "单位：元", "合计\t1.00"))
    assert [r.kind for r in regions] == [kind]


def test_the_stated_unit_governs_every_amount_at_full_precision() -> None:
    rows = ("201\t38\t02\t一般行政管理事务\t156,211,123\t\t156,211,123", "合计\t\t\t\t156,211,123\t0\t156,211,123")
    for unit, wan in (("元", 15621.1123), ("千元", 156211123 / 10), ("万元", 156211123.0)):
        facts = extract_tables(layout_of(*expenditure("2024年部门支出预算总表", unit, *rows)))
        assert [(f.code, f.total_wan, f.basic_wan, f.project_wan) for f in facts.function_lines] == [
            ("2013802", wan, 0.0, wan)
        ]
        assert (facts.totals.basic_expenditure_wan, facts.totals.project_expenditure_wan) == (0.0, wan)


def test_codes_in_one_cell_and_a_table_continued_over_pages() -> None:
    rows = expenditure(
        "2025年单位支出预算总表", "元",
        "2013802\t一般行政管理事务\t\t\t1,000.50\t\t1,000.50",
        "\f2025年单位支出预算总表（续）",
        "类\t款\t项\t功能分类科目名称\t合计\t基本支出\t项目支出",
        "208 05 05\t机关事业单位基本养老保险缴费支出\t\t\t20,000.00\t20,000.00\t",
        "合计\t\t\t\t21,000.50\t20,000.00\t1,000.50",
    )
    facts = extract_tables(layout_of(*rows))
    assert [(f.code, f.total_wan, f.source and f.source.page) for f in facts.function_lines] == [
        ("2013802", 0.10005, 1), ("2080505", 2.0, 2)
    ]


def test_final_accounts_print_the_total_under_the_level_labels() -> None:
    rows = (
        "支出决算表", "单位：万元",
        "项目\t\t\t\t本年支出合计\t基本支出\t项目支出",
        "类\t款\t项\t合计\t2,940.05\t2,336.91\t603.14",
        "201\t06\t01\t行政运行\t2,940.05\t2,336.91\t603.14",
    )
    facts = extract_tables(layout_of(*rows))
    assert (facts.totals.basic_expenditure_wan, facts.totals.project_expenditure_wan) == (2336.91, 603.14)
    assert facts.totals.split_source is not None and facts.totals.split_source.line_start == 4


def test_final_accounts_three_public_is_the_amount_spent() -> None:
    rows = (
        "财政拨款“三公”经费支出决算表", "单位：万元",
        "合计\t\t因公出国（境）费\t\t公务接待费\t",
        "预算数\t决算数\t预算数\t决算数\t预算数\t决算数",
        "0.95\t\t\t\t0.95\t",
    )
    facts = extract_tables(layout_of(*rows))
    assert facts.totals.three_public_wan == 0.0 and facts.totals.three_public_source is not None
    assert facts.totals.three_public_source.line_start == 5


def test_a_table_stated_empty_is_a_stated_zero() -> None:
    rows = (
        "财政拨款“三公”经费支出决算表", "单位：万元",
        "合计\t\t因公出国（境）费\t",
        "预算数\t决算数\t预算数\t决算数",
        "注：本表反映部门本年度“三公”经费支出预决算情况。",
        "说明：本部门本年度没有财政拨款“三公”经费支出，故本表无数据。",
    )
    assert extract_tables(layout_of(*rows)).totals.three_public_wan == 0.0
    budget = ("2025年部门“三公”经费和机关运行经费预算表", "单位:万元", "合计\t因公出国(境)费", "注:本表为空表。")
    assert extract_tables(layout_of(*budget)).totals.three_public_wan == 0.0


def test_printed_amounts_win_over_a_note_that_says_empty() -> None:
    rows = ("部门“三公”经费和机关运行经费预算表", "单位:万元", "合计\t因公出国(境)费\t公务接待费",
            "47.91\t0\t1.35", "注:本部门无“三公”经费预算，故本表为空表。")
    assert extract_tables(layout_of(*rows)).totals.three_public_wan == 47.91
