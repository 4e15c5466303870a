"""A stated quantity (指标值, 实际完成值, 上年完成值, 补贴标准) as a comparator, a number with its unit, or a date.

Performance tables write one target many ways: ``>=95%``, ``≥95%``, ``＞＝９５％``, ``不低于95%``,
``95%以上``; ``=120 元/ 人• 月`` with a converter's spaces inside; deadlines as dates
(``2025 年 12 月 10 日前``); and words (``达到预期``, ``有所提升``). :func:`parse_measure` reads every such
form into one :class:`Measure` and keeps the text as written. What it cannot read whole is
qualitative (no comparator, value or date), never guessed. The unit is kept as written, so a
value is not scaled: ``13 万元`` is 13 with the unit 万元.

Usage example::

    parse_measure("> =95 %")                 # Measure(text='> =95 %', comparator=GE, value=95.0, unit='%')
    parse_measure("2025 年 12 月 10 日前")    # comparator LE, date '2025-12-10': a deadline
    parse_measure("有所提升").is_qualitative  # True
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from enum import StrEnum

from vocab.numbers import clean_text


class Comparator(StrEnum):
    GE = "GE"  # ≥, >=, 不低于, 不少于, 大于等于, …以上
    GT = "GT"  # >, 大于, 高于, 超过
    LE = "LE"  # ≤, <=, 不高于, 不超过, 小于等于, …以下/以内, a deadline (…前)
    LT = "LT"  # <, 小于, 低于
    EQ = "EQ"  # =, ＝, 等于


@dataclass(frozen=True)
class Measure:
    """What a value states. ``date`` is ISO 8601 at the precision written (``2025-12-10``,
    ``2025-10``); ``value`` and ``unit`` are the number and what follows it (``元/人·月``)."""

    text: str
    comparator: Comparator | None = None
    value: float | None = None
    unit: str | None = None
    date: str | None = None

    @property
    def is_qualitative(self) -> bool:
        """Words only (``显著``, ``有效提高``): neither a number nor a date."""
        return self.value is None and self.date is None


_PREFIXES: dict[str, Comparator] = {
    **dict.fromkeys(
        (">=", "=>", "≥", "≥=", "≧", "不低于", "不少于", "不小于", "大于等于", "大于或等于", "至少"), Comparator.GE
    ),
    **dict.fromkeys((">", "大于", "高于", "多于", "超过"), Comparator.GT),
    **dict.fromkeys(
        ("<=", "=<", "≤", "≤=", "≦", "不高于", "不超过", "不多于", "不大于", "小于等于", "小于或等于", "最多"),
        Comparator.LE,
    ),
    **dict.fromkeys(("<", "小于", "低于", "少于"), Comparator.LT),
    **dict.fromkeys(("=", "==", "等于"), Comparator.EQ),
}
_SUFFIXES: dict[str, Comparator] = {
    **dict.fromkeys(("以上", "及以上"), Comparator.GE),
    **dict.fromkeys(("以下", "及以下", "以内", "之内", "内", "前", "之前", "以前"), Comparator.LE),
}
PLACEHOLDERS = frozenset({"", "-", "--", "—", "——", "–", "/", "无", "空"})
"""What a table prints in a cell it leaves empty (上年完成值 of a new project: ``-`` or ``/``)."""


def _alternation(words: dict[str, Comparator]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


COMPARATOR = _alternation(_PREFIXES)
"""Regular expression (no groups) of every written comparator, longest first."""
NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
"""A number as written once spaces are gone: ``1,440``, ``99.62``."""
_DATE = r"(?P<year>\d{4})年(?:(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?)?(?P<end>底)?"
_MEASURE = re.compile(
    rf"(?P<op>{COMPARATOR})?"
    rf"(?:{_DATE}|(?P<number>{NUMBER})(?P<unit>[^\d()<>=≤≥]*?)(?P<note>\(.*\))?)"
    rf"(?P<suffix>{_alternation(_SUFFIXES)})?"
)
_IN_TEXT = re.compile(rf"(?P<op>{COMPARATOR})?(?P<number>{NUMBER})(?P<unit>[^\d,;:。、()<>=≤≥]*)")
_SPACE = re.compile(r"\s+")
_DOTS = str.maketrans(dict.fromkeys("•・‧∙⋅･", "·"))
_PERCENTS = re.compile(r"%{2,}")


def normalise(text: str) -> str:
    """What two writings of one value share: NFKC (full-width forms folded), markup and every
    space dropped, one middle dot (``·``) for the many converters print."""
    return _PERCENTS.sub("%", _SPACE.sub("", clean_text(text)).translate(_DOTS))


def stated(text: str | None) -> str | None:
    """``text``, or ``None`` when it is blank or a placeholder (``-``, ``/``)."""
    return None if text is None or normalise(text) in PLACEHOLDERS else text


def _iso(m: re.Match[str]) -> str | None:
    """The date a match spells, at the precision written; ``None`` for an impossible one."""
    year = int(m["year"])
    month, day = (int(m[k]) if m[k] else None for k in ("month", "day"))
    if month is not None and not 1 <= month <= 12:
        return None
    if m["end"] and day is None:  # 年底 / 月底: the last day of the year or month
        month = month or 12
        day = calendar.monthrange(year, month)[1]
    if day is not None and (month is None or not 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return "-".join(f"{n:02d}" if i else str(n) for i, n in enumerate((year, month, day)) if n is not None)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def parse_measure(text: str) -> Measure:
    """Read a whole value: ``[comparator] (number [unit] | date) [以上/以内/前…]``, else words.

    >>> parse_measure("≤3个工作日")
    Measure(text='≤3个工作日', comparator=<Comparator.LE: 'LE'>, value=3.0, unit='个工作日', date=None)
    """
    m = _MEASURE.fullmatch(normalise(text))
    if m is None:
        return Measure(text)
    comparator = _PREFIXES[m["op"]] if m["op"] else (_SUFFIXES[m["suffix"]] if m["suffix"] else None)
    if m["year"]:
        date = _iso(m)
        if date is None:
            return Measure(text)
        return Measure(text, comparator or (Comparator.LE if m["end"] else None), date=date)
    return Measure(text, comparator, _number(m["number"]), m["unit"] or None)


def find_measure(text: str) -> Measure | None:
    """The first ``[comparator] number [unit]`` inside running text (``每人每月补助不超过951.78元``),
    its unit running to the next digit or punctuation; ``None`` when the text holds no number."""
    m = _IN_TEXT.search(normalise(text))
    if m is None:
        return None
    return Measure(text, _PREFIXES[m["op"]] if m["op"] else None, _number(m["number"]), m["unit"] or None)
