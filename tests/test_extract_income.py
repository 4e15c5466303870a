"""Income by source (收入预算/决算情况说明, else the 收入总表) on each seed, scored against what
the seeds state; the table alone against the prose on the seeds and the generated corpus."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.income import read_income, read_income_prose
from loaders.extract.income_table import read_income_table
from loaders.facts import IncomeLineFact
from loaders.layout import Layout, Line
from loaders.text_reader import read_text
from tests.corpus import SAMPLES
from tests.fact_scores import layout, prose_mangler, relaid, score

_UPPER = "上级一般公共预算转移支付"
_ZERO_TRANSFERS = {
    "政府性基金预算": 0.0,
    "上级政府性基金转移支付": 0.0,
    "国有资本经营预算": 0.0,
    "上级国有资本经营预算转移支付": 0.0,
}
EXPECTED: dict[int, dict[str, float]] = {
    0: {
        "一般公共预算": 1513.98,
        _UPPER: 17.24,
        **_ZERO_TRANSFERS,
        "单位资金": 0.0,
        "财政拨款结转": 0.0,
        "非财政拨款结转结余": 0.0,
    },
    1: {
        "财政拨款收入": 1727.26,
        "上级补助收入": 0.0,
        "事业收入": 0.0,
        "经营收入": 0.0,
        "附属单位上缴收入": 0.0,
        "其他收入": 139.82,
    },
    2: {"一般公共预算": 1237.62, "政府性基金预算": 0.0},  # the 2020 template names two
    3: {"一般公共预算": 740.60, _UPPER: 13.83, **_ZERO_TRANSFERS, "单位资金": 5.15},
    4: {"一般公共预算": 291.73, _UPPER: 69.88, **_ZERO_TRANSFERS, "财政拨款结转": 5.73},
}
TOTALS = {0: 1531.22, 1: 1867.08, 2: 1237.62, 3: 759.57, 4: 367.34}


def income_of(source: Layout) -> dict[str, float | None]:
    return {line.funding_source: line.amount_wan for line in read_income(source)}


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_income_sources_of_each_seed(number: int) -> None:
    got = income_of(layout(number))
    result = score(EXPECTED[number], got)  # precision and recall are 1.0 on every seed
    assert (result.precision, result.recall) == (1.0, 1.0), got
    assert list(got) == list(EXPECTED[number])  # in the document's order
    assert sum(v or 0.0 for v in got.values()) == pytest.approx(TOTALS[number], abs=0.015)  # 0.01 rounding


def test_each_source_keeps_the_sentence_it_was_read_from() -> None:
    [upper] = [line for line in read_income(layout(4)) if line.funding_source == _UPPER]
    assert upper.source is not None and "69.88" in upper.source.text
    assert upper.source.line_start == upper.source.line_end


def test_a_document_without_the_section_takes_the_table() -> None:
    source = layout(3)
    cut = relaid(source, lambda line: [] if "收入预算情况说明" in line.text else [line.text])
    assert read_income_prose(cut) == ()
    assert read_income(cut) == read_income_table(cut) != ()


def test_a_document_without_the_section_or_the_table_has_no_income_lines() -> None:
    assert read_income_table(layout(1)) == ()  # 001 lists its tables as an attachment
    cut = relaid(layout(1), lambda line: [] if "收入决算情况说明" in line.text else [line.text])
    assert read_income(cut) == ()


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_rewrapped_spaced_and_full_width_prose_reads_the_same(data: st.DataObject) -> None:
    number = data.draw(st.sampled_from([0, 1, 4]))
    assert income_of(relaid(layout(number), prose_mangler(data))) == pytest.approx(EXPECTED[number])


# -- the 收入总表 ------------------------------------------------------------------------------

_PROSE_START = re.compile(r"收入(?:预算|决算)情况(?:的)?说明")
_PROSE_END = re.compile(r"支出(?:预算|决算)情况(?:的)?说明|[一二三四五六七八九十]+、关于")
CORPUS = SAMPLES
SAMPLES = sorted(CORPUS.glob("*.txt"))


def without_prose() -> Callable[[Line], list[str]]:
    """Drops every 收入情况说明 (and its line in the table of contents) up to the next part."""
    inside = False

    def row(line: Line) -> list[str]:
        nonlocal inside
        if _PROSE_START.search(line.text.replace(" ", "")):
            inside = True
        elif inside and _PROSE_END.search(line.text.replace(" ", "")):
            inside = False
        return [] if inside else [line.text]

    return row


def nonzero(lines: tuple[IncomeLineFact, ...]) -> dict[str, float | None]:
    return {line.funding_source: line.amount_wan for line in lines if line.amount_wan}


# Each seed's table against its prose: the sources with money (the table prints more empty columns,
# each a stated zero). 001 publishes no table; 004's table lost its blank cells (words split by
# spaces), so its 合计 row does not say which column holds which amount and gives nothing.
TABLE_READS = {0: True, 2: True, 3: True, 4: False}


@pytest.mark.parametrize("number", sorted(TABLE_READS))
def test_the_table_alone_gives_the_prose_income_of_each_seed(number: int) -> None:
    cut = relaid(layout(number), without_prose())
    assert read_income_prose(cut) == ()
    table = read_income(cut)
    if not TABLE_READS[number]:
        assert table == ()
        return
    result = score(nonzero(read_income(layout(number))), nonzero(table))
    assert (result.precision, result.recall) == (1.0, 1.0), table
    stated = {line.funding_source: line.amount_wan for line in table}
    zeros = {k: v for k, v in EXPECTED[number].items() if v == 0.0 and k in stated}
    assert zeros == {k: stated[k] for k in zeros}  # the prose's stated zeros are blank columns
    assert sum(v or 0.0 for v in stated.values()) == pytest.approx(TOTALS[number], abs=0.015)
    [row] = {line.source for line in table}
    assert row is not None and "计" in row.text  # read from the 合计/总计 row


def test_each_table_source_keeps_the_total_row() -> None:
    [line] = [x for x in read_income_table(layout(3)) if x.funding_source == "单位资金"]
    assert line.source is not None and "5.15" in line.source.text and "总计" in line.source.text


def _layout(*texts: str) -> Layout:
    lines = (
        Line(number=i, text=t, cells=tuple(c.strip() for c in t.split("\t")) if "\t" in t else ())
        for i, t in enumerate(texts, 1)
    )
    return Layout("income.txt", "0" * 64, "txt", tuple(lines))


def test_a_table_in_yuan_is_converted() -> None:
    source = _layout(
        "表2 收入总表",
        "编制部门：某某县社会保险中心 单位：元",
        "科目编码\t科目名称\t合计\t上年结转\t一般公共预算\t政府性基金预算\t财政专户管理资金\t单位资金",
        "208\t社会保障和就业支出\t3,612,300.00\t57,300.00\t3,500,000.00\t\t\t55,000.00",
        "合计\t\t3,612,300.00\t57,300.00\t3,500,000.00\t\t\t55,000.00",
    )
    got = {line.funding_source: line.amount_wan for line in read_income(source)}
    assert got == {
        "一般公共预算": 350.0,
        "政府性基金预算": 0.0,
        "财政专户": 0.0,
        "单位资金": 5.5,
        "财政拨款结转": 5.73,
    }


def test_words_that_print_every_column_are_read_and_others_are_not() -> None:
    header = "科目编码 科目名称 合计 一般公共预算 上级转移支付 上年结转结余"
    full = _layout("表2 部门收入总体情况表", "单位：万元", header, "合计 100.00 80.00 15.00 5.00")
    assert nonzero(read_income(full)) == {"一般公共预算": 80.0, "上级一般公共预算转移支付": 15.0, "财政拨款结转": 5.0}
    short = _layout("表2 部门收入总体情况表", "单位：万元", header, "合计 100.00 80.00 20.00")
    assert read_income(short) == ()  # which column holds 20.00 is not known: no guess


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_a_generated_document_without_prose_reads_its_table(path: Path) -> None:
    source = read_text(path)
    cut = relaid(source, without_prose())
    assert read_income_prose(cut) == ()
    assert nonzero(read_income(cut)) == pytest.approx(nonzero(read_income(source)))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_a_generated_document_with_both_gives_the_prose_lines(path: Path) -> None:
    source = read_text(path)
    assert read_income_table(source) != ()
    assert read_income(source) == read_income_prose(source) != ()


@pytest.mark.parametrize("number", range(5))
def test_a_seed_with_both_gives_exactly_the_prose_lines(number: int) -> None:
    assert read_income(layout(number)) == read_income_prose(layout(number))
