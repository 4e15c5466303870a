"""补贴标准 (a subsidy's rate) as an amount of money per person and per period.

The documents write one rate as ``1440 元/人/年``, ``120 元/月/人``, ``=120 元/人·月`` (a 指标值),
``每人每月120元`` or inside a sentence (``每人每月补助金额不超过951.78 元``). The amount is read as a
:class:`~vocab.measures.Measure` (so a ceiling keeps its comparator); who and how often it pays
come from the unit's parts (``/人``, ``·月``) and from 每人/每月 words. The amount stays in the
currency written (元 or 万元) and the text is kept.

Usage example::

    parse_subsidy_standard("120 元/月/人")
    # SubsidyStandard(text='120 元/月/人', amount=120.0, currency='元', period=MONTH, per_person=True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from vocab.measures import Comparator, find_measure, normalise, parse_measure


class Period(StrEnum):
    YEAR = "YEAR"  # 年
    QUARTER = "QUARTER"  # 季, 季度
    MONTH = "MONTH"  # 月
    DAY = "DAY"  # 日, 天


@dataclass(frozen=True)
class SubsidyStandard:
    text: str
    amount: float | None = None
    currency: str | None = None  # 元 or 万元, as written
    period: Period | None = None
    per_person: bool = False  # 每人, /人, 人均
    comparator: Comparator | None = None  # a ceiling (不超过…) or floor; None when stated exactly


_PERIODS = {"年": Period.YEAR, "季度": Period.QUARTER, "季": Period.QUARTER, "月": Period.MONTH, "日": Period.DAY,
            "天": Period.DAY}
_CURRENCY = re.compile(r"^(?P<currency>万元|元)(?P<per>.*)$")
_PER_WORD = re.compile(r"每(?P<part>人|户|季度|季|年|月|日|天)|(?P<average>人均)")
_PER_PART = re.compile(r"[/·]")


def parse_subsidy_standard(text: str) -> SubsidyStandard:
    """Amount, currency, period and whether per person; only the text when it states no money."""
    whole = parse_measure(text)
    measure = whole if whole.value is not None else find_measure(text)
    m = _CURRENCY.match(measure.unit or "") if measure else None
    if measure is None or m is None:
        return SubsidyStandard(text)
    parts = [p for p in _PER_PART.split(m["per"]) if p]
    for word in _PER_WORD.finditer(normalise(text)):
        parts.append(word["part"] or "人")
    period = next((_PERIODS[p] for p in parts if p in _PERIODS), None)
    return SubsidyStandard(text, measure.value, m["currency"], period, "人" in parts, measure.comparator)
