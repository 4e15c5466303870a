"""The national template's tables by their titles and headers, in any stated unit.

Budgets title them 收支总表 / 支出总表 / 一般公共预算支出功能分类预算表 / "三公"经费和机关运行经费
预算表 (with 部门 or 单位 and the year in front), final accounts …决算表; the 单位 line under the
title governs every amount. These documents are made up here; the real Shanghai PDFs are checked
in tests/test_real_documents.py.
"""

from __future__ import annotations

import json

import pytest

from loaders.extract import extract
from loaders.extract.economic import read_basic_expenditure
from loaders.extract.table_regions import TableKind, find_regions
from loaders.extract.tables import extract_tables
from loaders.facts import EconomicCategory
from loaders.reconcile import reconcile
from loaders.text_reader import read_text
from tests.corpus import SAMPLES
from tests.layouts import layout_of

PERSONNEL, PUBLIC = EconomicCategory.PERSONNEL, EconomicCategory.PUBLIC


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


def test_basic_expenditure_printed_as_two_halves_side_by_side() -> None:
    """The national 决算 template: 人员经费 rows on the left, 公用经费 rows on the right."""
    rows = (
        "一般公共预算财政拨款基本支出决算表", "单位：万元",
        "类\t款\t科目名称\t决算数\t类\t款\t科目名称\t决算数",
        "301\t\t工资福利支出\t100.00\t302\t\t商品和服务支出\t10.50",
        "301\t01\t基本工资\t60.00\t302\t01\t办公费\t10.50",
        "301\t03\t奖金\t\t302\t02\t印刷费\t",
        "301\t13\t住房公积金\t40.00\t\t\t\t",
        "人员经费合计\t\t\t100.00\t公用经费合计\t\t\t10.50",
    )
    basic = read_basic_expenditure(layout_of(*rows))
    assert [(e.code, e.amount_wan, e.category) for e in basic.lines] == [
        ("301", 100.0, PERSONNEL), ("30101", 60.0, PERSONNEL), ("30113", 40.0, PERSONNEL),
        ("302", 10.5, PUBLIC), ("30201", 10.5, PUBLIC),
    ]
    assert (basic.personnel_wan, basic.public_wan, basic.total_wan) == (100.0, 10.5, None)


def test_an_item_code_printed_without_its_leading_zero() -> None:
    rows = (
        "2024年部门一般公共预算基本支出部门预算经济分类预算表", "单位：元",
        "类\t款\t经济分类科目名称\t合计\t人员经费\t公用经费",
        "301\t\t工资福利支出\t300\t300\t0", "301\t2\t津贴补贴\t100\t100\t0", "301\t7\t绩效工资\t200\t200\t0",
        "合计\t\t\t300\t300\t0",
    )
    assert [(e.code, e.amount_wan) for e in read_basic_expenditure(layout_of(*rows)).lines] == [
        ("301", 0.03), ("30102", 0.01), ("30107", 0.02)
    ]


def test_a_table_we_cannot_read_is_a_finding_naming_it_and_why() -> None:
    rows = (
        "某区某局", "2025年部门预算",
        "2025年部门支出预算总表", "单位：元",
        "类\t款\t项\t功能分类科目名称\t合计\t基本支出\t项目支出",
        "行政运行（代码缺失）\t1,000.00\t1,000.00\t",  # no code: no row can be placed
        "2025年部门一般公共预算支出功能分类预算表", "单位：元",
        "类\t款\t项\t功能分类科目名称\t合计\t基本支出\t项目支出",
        "201\t01\t01\t行政运行\t1,000.00\t1,000.00\t",
    )
    doc = extract(layout_of(*rows))
    [unread] = doc.totals.unread_tables
    assert (unread.title, unread.reason) == ("2025年部门支出预算总表", "no 功能分类 row with a code and an amount")
    assert [f.code for f in doc.function_lines] == ["2010101"]  # what was read is kept
    [finding] = [f for f in reconcile(doc) if f.check == "table_unread"]
    assert finding.message.startswith("2025年部门支出预算总表: no 功能分类 row")
    assert (finding.expected_wan, finding.actual_wan, finding.difference_wan) == (None, None, None)
    assert finding.sources[0].line_start == 3


def test_the_table_of_contents_and_stated_empty_tables_are_no_finding() -> None:
    rows = (
        "某区某局", "2025年部门预算", "目录",
        "3. 2025年部门支出预算总表", "5. 2025年部门一般公共预算支出功能分类预算表",
        "2025年部门支出预算总表", "单位：元",
        "类\t款\t项\t功能分类科目名称\t合计\t基本支出\t项目支出",
        "201\t01\t01\t行政运行\t1,000.00\t1,000.00\t",
        "2025年部门“三公”经费和机关运行经费预算表", "单位:万元", "合计\t因公出国(境)费", "注：本表为空表。",
    )
    assert extract(layout_of(*rows)).totals.unread_tables == ()


def test_generated_documents_with_the_national_titles_are_read_from_their_tables() -> None:
    """The sample generator's national-titled variant (2025年部门支出预算总表, 单位：元): every table is
    found by its title, so the totals and 项 lines come from the tables, not from the prose."""
    truths = {p: json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES.glob("*.facts.json")}
    national = {p: t for p, t in truths.items() if t["rendering"]["national_titles"]}
    assert {t["kind"] for t in national.values()} == {"BUDGET", "FINAL_ACCOUNTS"}
    for path, truth in national.items():
        layout = read_text(path.with_name(path.name.replace(".facts.json", ".txt")))
        kinds = {r.kind for r in find_regions(layout) if r.lines}
        assert kinds >= {TableKind.SUMMARY, TableKind.EXPENDITURE, TableKind.GENERAL_PUBLIC, TableKind.THREE_PUBLIC}
        facts = extract_tables(layout)
        assert facts.totals.total_wan == truth["total_wan"] and facts.totals.unread_tables == ()
        assert {f.code: f.total_wan for f in facts.function_lines} == {
            line["code"]: line["total_wan"] for line in truth["function_lines"]
        }
