"""Specification of the value normaliser: what a 指标值 (and a 实际完成值, a 上年完成值, a 补贴标准)
states, whatever way it is written.

The example tables hold values as the seeds print them (converter spaces, full-width signs and
katakana dots included); the properties say what no writing may change: full- or half-width
forms, spaces anywhere, the spelling of a comparator.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vocab.measures import Comparator, Measure, find_measure, parse_measure, stated
from vocab.subsidies import Period, SubsidyStandard, parse_subsidy_standard

GE, GT, LE, LT, EQ = Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT, Comparator.EQ
Reading = tuple[Comparator | None, float | None, str | None, str | None]


def reading(m: Measure) -> Reading:
    """What a value states, without the text it was written as."""
    return (m.comparator, m.value, m.unit, m.date)


# Values as the seeds print them (000's targets and 上年完成值, 001's results, 003/004's targets).
SEED_VALUES: list[tuple[str, Reading]] = [
    (">=95%", (GE, 95.0, "%", None)),
    ("> =95%", (GE, 95.0, "%", None)),  # 000: a converter's space inside the sign
    ("≥29 人", (GE, 29.0, "人", None)),
    ("=120 元/人·月", (EQ, 120.0, "元/人·月", None)),
    ("=120 元/ 人· 月", (EQ, 120.0, "元/人·月", None)),
    ("120 元 / 人・ 月", (None, 120.0, "元/人·月", None)),  # 000's 上年完成值, a katakana dot
    ("=1440 元/ 人• 年", (EQ, 1440.0, "元/人·年", None)),
    ("≤120 元/月/人", (LE, 120.0, "元/月/人", None)),
    ("<=770.27元/人/月", (LE, 770.27, "元/人/月", None)),
    ("< =109 元", (LE, 109.0, "元", None)),
    ("<=13 万元", (LE, 13.0, "万元", None)),  # 万 kept in the unit, never scaled
    ("=21.5 0万元", (EQ, 21.5, "万元", None)),  # 000: a cut inside the decimal
    ("7. 11 万元", (None, 7.11, "万元", None)),
    ("99. 62 %", (None, 99.62, "%", None)),
    (">=470 万条", (GE, 470.0, "万条", None)),
    ("<=8 小时", (LE, 8.0, "小时", None)),
    ("<=11 月", (LE, 11.0, "月", None)),
    (">=0.04 元/条", (GE, 0.04, "元/条", None)),
    ("=100%", (EQ, 100.0, "%", None)),
    ("100%", (None, 100.0, "%", None)),
    ("=115 人", (EQ, 115.0, "人", None)),
    ("=80.74%", (EQ, 80.74, "%", None)),
    ("62", (None, 62.0, None, None)),  # 002's older template: a bare number
    ("6次(2分钟/次)", (None, 6.0, "次", None)),  # a remark in brackets is not the unit
    ("2025 年 12 月 10 日前", (LE, None, None, "2025-12-10")),  # a deadline
    ("2025 年9月 10日前", (LE, None, None, "2025-09-10")),
    ("2025 年 10 月前", (LE, None, None, "2025-10")),
    ("2024年11月30日", (None, None, None, "2024-11-30")),
    ("2024 年 12 月 10 日", (None, None, None, "2024-12-10")),  # 000's 上年完成值: the day it was done
    ("显著", (None, None, None, None)),
    ("有效提高", (None, None, None, None)),
    ("及时足额发放", (None, None, None, None)),
    ("长期", (None, None, None, None)),
    ("2025 注时年 12 月 10 日前", (None, None, None, None)),  # 000 garbled: words, not a guess
]

# The forms the issue names.
ISSUE_VALUES: list[tuple[str, Reading]] = [
    (">=95%", (GE, 95.0, "%", None)),
    ("≥10252人", (GE, 10252.0, "人", None)),
    ("=120 元/人·月", (EQ, 120.0, "元/人·月", None)),
    ("≤3个工作日", (LE, 3.0, "个工作日", None)),
    ("2025 年 12 月 10 日前", (LE, None, None, "2025-12-10")),
    ("100%", (None, 100.0, "%", None)),
    ("达到预期", (None, None, None, None)),
    ("有所提升", (None, None, None, None)),
    ("＞＝９５％", (GE, 95.0, "%", None)),
    ("不低于95%", (GE, 95.0, "%", None)),
    ("不少于2次", (GE, 2.0, "次", None)),
    ("大于等于90%", (GE, 90.0, "%", None)),
    ("不高于5%", (LE, 5.0, "%", None)),
    ("不超过951.78元", (LE, 951.78, "元", None)),
    ("小于等于24小时", (LE, 24.0, "小时", None)),
    ("＜5%", (LT, 5.0, "%", None)),
    ("＞0", (GT, 0.0, None, None)),
    ("＝12次", (EQ, 12.0, "次", None)),
    ("95%以上", (GE, 95.0, "%", None)),
    ("3个工作日内", (LE, 3.0, "个工作日", None)),
    ("10万元以内", (LE, 10.0, "万元", None)),
    ("2025年底前", (LE, None, None, "2025-12-31")),
    ("2024年2月底", (LE, None, None, "2024-02-29")),
    ("1,440元/人/年", (None, 1440.0, "元/人/年", None)),
    ("<ul><li>=6.40</li><li>万元</li></ul>", (EQ, 6.4, "万元", None)),  # 000's markup inside a cell
]


@pytest.mark.parametrize(("text", "expected"), SEED_VALUES + ISSUE_VALUES)
def test_values_as_written(text: str, expected: Reading) -> None:
    m = parse_measure(text)
    assert reading(m) == expected
    assert m.text == text
    assert m.is_qualitative == (expected[1] is None and expected[3] is None)


def test_an_impossible_date_is_words() -> None:
    assert reading(parse_measure("2025年2月30日前")) == (None, None, None, None)
    assert reading(parse_measure("2025年13月前")) == (None, None, None, None)


@pytest.mark.parametrize("text", ["-", " / ", "—", "", "无"])
def test_placeholders_are_not_stated(text: str) -> None:
    assert stated(text) is None


def test_stated_values_are_kept_as_written() -> None:
    assert stated("12 次") == "12 次"
    assert stated(None) is None


# Spellings of each comparator: sign, full width, words before the number, words after it.
SPELLINGS: dict[Comparator, list[str]] = {
    GE: [">={n}{u}", "≥{n}{u}", "＞＝{n}{u}", "=>{n}{u}", "不低于{n}{u}", "不少于{n}{u}", "大于等于{n}{u}",
         "{n}{u}以上"],
    GT: [">{n}{u}", "＞{n}{u}", "大于{n}{u}", "高于{n}{u}", "超过{n}{u}"],
    LE: ["<={n}{u}", "≤{n}{u}", "＜＝{n}{u}", "不高于{n}{u}", "不超过{n}{u}", "小于等于{n}{u}", "{n}{u}以内",
         "{n}{u}以下"],
    LT: ["<{n}{u}", "＜{n}{u}", "小于{n}{u}", "低于{n}{u}"],
    EQ: ["={n}{u}", "＝{n}{u}", "等于{n}{u}"],
}
UNITS = ["%", "人", "次", "个", "万元", "元", "万条", "小时", "个工作日", "元/人·月", "元/月/人", "元/人/年", "人次",
         "期"]
numbers = st.one_of(
    st.integers(0, 10**6).map(str),
    st.decimals(0, 10**5, places=2, allow_nan=False, allow_infinity=False).map(str),
)
units = st.sampled_from(UNITS)
_FULL_WIDTH = str.maketrans("0123456789.%<>=/", "０１２３４５６７８９．％＜＞＝／")


@st.composite
def spaced(draw: st.DrawFn, text: str) -> str:
    """``text`` with spaces (ASCII, full-width, tabs) put anywhere, as converters do."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 4))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from([" ", "  ", "\u3000", "\t"])))
    return "".join(chars)


@given(numbers, units)
def test_round_trip_of_at_least(n: str, unit: str) -> None:
    m = parse_measure(f"≥{n}{unit}")
    assert reading(m) == (GE, float(n), unit, None)


@given(st.sampled_from(list(Comparator)), numbers, units, st.data())
def test_every_spelling_of_a_comparator_reads_alike(
    comparator: Comparator, n: str, unit: str, data: st.DataObject
) -> None:
    spelling = data.draw(st.sampled_from(SPELLINGS[comparator]))
    assert reading(parse_measure(spelling.format(n=n, u=unit))) == (comparator, float(n), unit, None)


@given(st.sampled_from(list(Comparator)), numbers, units, st.data())
def test_full_width_and_spaces_change_nothing(comparator: Comparator, n: str, unit: str, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(SPELLINGS[comparator])).format(n=n, u=unit)
    written = data.draw(spaced(text.translate(_FULL_WIDTH) if data.draw(st.booleans()) else text))
    assert reading(parse_measure(written)) == reading(parse_measure(text))


@given(st.dates(date(1990, 1, 1), date(2100, 12, 31)), st.sampled_from(["前", "之前", "以前", ""]), st.data())
def test_dates_read_as_iso(day: date, suffix: str, data: st.DataObject) -> None:
    m = parse_measure(data.draw(spaced(f"{day.year}年{day.month}月{day.day}日{suffix}")))
    assert m.date == day.isoformat()
    assert m.comparator == (LE if suffix else None) and m.value is None


@given(st.text(max_size=40))
def test_any_text_reads_without_error_and_is_kept(text: str) -> None:
    m = parse_measure(text)
    assert m.text == text
    assert m.value is None or m.value >= 0


@given(st.text(alphabet="提高升显著有效长期保障及时足额发放达到预期所", min_size=1, max_size=12))
def test_words_are_qualitative(text: str) -> None:
    m = parse_measure(text)
    assert m.is_qualitative and m.comparator is None and m.unit is None


def test_a_measure_inside_running_text() -> None:
    m = find_measure("社会保险代办员每人每月补助金额不超过951.78 元")
    assert m is not None and reading(m) == (LE, 951.78, "元", None)
    assert find_measure("按评判等级赋分") is None


# 补贴标准 as the seeds and the issue write them: (text, amount, currency, period, per person).
SUBSIDIES: list[tuple[str, float | None, str | None, Period | None, bool]] = [
    ("1440 元/人/年", 1440.0, "元", Period.YEAR, True),  # 000: 95年以前退休人员生活费
    ("560 元/年/人", 560.0, "元", Period.YEAR, True),  # 000: 州直破产企业退休职工采暖费
    ("120 元/月/人", 120.0, "元", Period.MONTH, True),  # 000 and 004
    ("=120 元/人·月", 120.0, "元", Period.MONTH, True),
    ("=1440 元/ 人• 年", 1440.0, "元", Period.YEAR, True),
    ("每人每月120元", 120.0, "元", Period.MONTH, True),
    ("1.2万元/人/年", 1.2, "万元", Period.YEAR, True),
    ("人均每季度300元", 300.0, "元", Period.QUARTER, True),
    ("社会保险代办员每人每月补助金额不超过951.78 元", 951.78, "元", Period.MONTH, True),  # 003
    ("800元/户", 800.0, "元", None, False),
    ("按实际发放", None, None, None, False),
]


@pytest.mark.parametrize(("text", "amount", "currency", "period", "per_person"), SUBSIDIES)
def test_subsidy_standards(
    text: str, amount: float | None, currency: str | None, period: Period | None, per_person: bool
) -> None:
    s = parse_subsidy_standard(text)
    assert (s.amount, s.currency, s.period, s.per_person, s.text) == (amount, currency, period, per_person, text)


def test_a_subsidy_ceiling_keeps_its_comparator() -> None:
    assert parse_subsidy_standard("每人每月不超过951.78元").comparator == LE
    assert parse_subsidy_standard("120 元/月/人").comparator is None


PERIOD_WORDS = {Period.YEAR: "年", Period.QUARTER: "季度", Period.MONTH: "月", Period.DAY: "日"}


@given(st.integers(1, 100_000), st.sampled_from(["元", "万元"]), st.sampled_from(list(Period)), st.data())
def test_every_writing_of_a_rate_reads_alike(amount: int, currency: str, period: Period, data: st.DataObject) -> None:
    p = PERIOD_WORDS[period]
    forms = [f"{amount} {currency}/人/{p}", f"{amount}{currency}/{p}/人", f"={amount} {currency}/人·{p}",
             f"每人每{p}{amount}{currency}", f"每{p}每人{amount}{currency}"]
    text = data.draw(spaced(data.draw(st.sampled_from(forms))))
    s = parse_subsidy_standard(text)
    assert (s.amount, s.currency, s.period, s.per_person) == (amount, currency, period, True)
    assert s == SubsidyStandard(text, float(amount), currency, period, True, s.comparator)
