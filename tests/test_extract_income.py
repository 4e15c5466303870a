"""Income by source (收入预算/决算情况说明) on each seed, scored against what the seeds state."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.income import read_income
from loaders.layout import Layout
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


def test_a_document_without_the_section_has_no_income_lines() -> None:
    source = layout(3)
    cut = relaid(source, lambda line: [] if "收入预算情况说明" in line.text else [line.text])
    assert read_income(cut) == ()


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_rewrapped_spaced_and_full_width_prose_reads_the_same(data: st.DataObject) -> None:
    number = data.draw(st.sampled_from([0, 1, 4]))
    assert income_of(relaid(layout(number), prose_mangler(data))) == pytest.approx(EXPECTED[number])
