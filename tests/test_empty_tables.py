"""Tables stated empty (本表为空表, 本表无数据, 本部门无此项, "…支出情况表为空表"): a stated zero with the
table it concerns and where it is said. The real Shanghai PDFs say it in a note under the table
(tests/real_expected, family "empty tables"); the Xinjiang seeds in a sentence naming the table,
which a converter may wrap; the generated budget books in a note, as Shanghai's districts do."""

from __future__ import annotations

from loaders.extract.empty_tables import read_empty_tables
from loaders.facts import EmptyTable
from loaders.pipeline import read_document
from tests.corpus import seed
from tests.layouts import layout_of

GOVERNMENT_FUND, STATE_CAPITAL, CARRYOVER = EmptyTable.GOVERNMENT_FUND, EmptyTable.STATE_CAPITAL, EmptyTable.CARRYOVER


def test_a_sentence_naming_the_table_states_it_empty() -> None:
    tables = read_document(seed(0)).totals.stated_empty_tables
    assert [(t.table, t.title, t.total_wan) for t in tables] == [
        (GOVERNMENT_FUND, "政府性基金预算支出情况表", 0.0),
        (STATE_CAPITAL, "国有资本经营预算支出情况表", 0.0),
        (CARRYOVER, "上年结转结余情况明细表", 0.0),
    ]
    assert [t.source.line_start for t in tables if t.source] == [317, 330, 358]  # the first time it is said


def test_a_table_name_wrapped_over_lines_is_whole() -> None:
    tables = read_document(seed(1)).totals.stated_empty_tables
    assert [(t.table, t.title) for t in tables] == [
        (GOVERNMENT_FUND, "政府性基金预算财政拨款收入支出决算表"),
        (STATE_CAPITAL, "国有资本经营预算财政拨款收入支出决算表"),
    ]
    assert all(t.source and "为空" in t.source.text for t in tables)


def test_a_note_under_the_table_names_it_by_its_title_with_its_page() -> None:
    rows = ("2025年部门政府性基金预算支出功能分类预算表", "编制部门：某区某局 单位：元",
            "功能分类科目编码\t功能分类科目名称\t合计\t基本支出\t项目支出", "注：本部门无此项。",
            "\f2025年部门国有资本经营预算支出功能分类预算表", "单位：元", "科目编码\t科目名称\t合计", "本表为空表。")
    tables = read_empty_tables(layout_of(*rows))
    assert [(t.table, t.title, t.source.page if t.source else None) for t in tables] == [
        (GOVERNMENT_FUND, "2025年部门政府性基金预算支出功能分类预算表", 1),
        (STATE_CAPITAL, "2025年部门国有资本经营预算支出功能分类预算表", 2),
    ]


def test_a_table_printing_amounts_is_not_empty_whatever_its_note_says() -> None:
    rows = ("部门“三公”经费和机关运行经费预算表", "单位:万元", "合计\t因公出国(境)费\t公务接待费",
            "47.91\t0\t1.35", "注:本部门无“三公”经费预算，故本表为空表。")
    assert read_empty_tables(layout_of(*rows)) == ()


def test_a_table_with_rows_is_not_empty() -> None:
    """Seed 004 lists its 上年结转 projects in the 上年结转结余情况明细表; only its fund tables are empty."""
    assert [t.table for t in read_document(seed(4)).totals.stated_empty_tables] == [GOVERNMENT_FUND, STATE_CAPITAL]
