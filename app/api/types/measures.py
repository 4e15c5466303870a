# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Stated quantities read back as objects: an indicator value (指标值, 实际完成值, 上年完成值) as a
:class:`Measure`, a 补贴标准 as a :class:`SubsidyStandard`. The graph keeps them as flat properties
beside the text (graph/codec.py: readings); each is null where the text is."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

import strawberry

_Ordered = TypeVar("_Ordered", float, str)


@strawberry.enum(description="How a value compares with its number or date, as written (≥, 不低于, …以上, …前).")
class Comparator(Enum):
    GE = strawberry.enum_value("GE", description="at least: ≥, >=, 不低于, 不少于, 大于等于, …以上")
    GT = strawberry.enum_value("GT", description="more than: >, 大于, 高于, 超过")
    LE = strawberry.enum_value("LE", description="at most: ≤, <=, 不高于, 不超过, 小于等于, …以内; a deadline (…前)")
    LT = strawberry.enum_value("LT", description="less than: <, 小于, 低于")
    EQ = strawberry.enum_value("EQ", description="exactly: =, 等于")


@strawberry.type(description="What a value states: a comparator with a number and its unit (>=95% is GE 95 %, "
                 "=120 元/人·月 is EQ 120 元/人·月) or a date (2025 年 12 月 10 日前 is LE 2025-12-10). A "
                 "qualitative value (显著 notable, 有效提高 effectively raised) has only its text.")
class Measure:
    text: str = strawberry.field(description="The value as written")
    comparator: Comparator | None = strawberry.field(
        description="How the result must compare; null when the value states none (100%, 长期)")
    value: float | None = strawberry.field(
        description="The number, in the unit written (13 万元 is 13, unit 万元: never scaled)")
    unit: str | None = strawberry.field(description="What follows the number, e.g. %, 人, 万元, 元/人·月")
    date: str | None = strawberry.field(
        description="ISO 8601 date at the precision written (2025-12-10, 2025-10) when the value is a date")

    @strawberry.field(description="True when the value is words only (neither a number nor a date).")
    def qualitative(self) -> bool:
        return self.value is None and self.date is None



def meets(target: Measure | None, actual: Measure | None) -> bool | None:
    """Whether a result meets its target as written: the result's number (or date) against the
    target's, by the target's comparator (none stated: exactly). None when they cannot be compared:
    either is words or missing, the units differ, or the dates are written to different precisions.

    >>> meets(Measure(text=">=95%", comparator=Comparator.GE, value=95, unit="%", date=None),
    ...       Measure(text="=98%", comparator=Comparator.EQ, value=98, unit="%", date=None))
    True
    """
    if target is None or actual is None:
        return None
    comparator = target.comparator or Comparator.EQ
    if target.date is not None or actual.date is not None:
        if target.date is None or actual.date is None or len(target.date) != len(actual.date):
            return None
        return _holds(comparator, actual.date, target.date)
    if target.value is None or actual.value is None or (target.unit or "") != (actual.unit or ""):
        return None
    return _holds(comparator, actual.value, target.value)


def _holds(comparator: Comparator, have: _Ordered, want: _Ordered) -> bool:
    return {
        Comparator.GE: have >= want, Comparator.GT: have > want, Comparator.LE: have <= want,
        Comparator.LT: have < want, Comparator.EQ: have == want,
    }[comparator]


@strawberry.enum(description="How often a subsidy pays its amount.")
class SubsidyPeriod(Enum):
    YEAR = strawberry.enum_value("YEAR", description="年: per year")
    QUARTER = strawberry.enum_value("QUARTER", description="季 / 季度: per quarter")
    MONTH = strawberry.enum_value("MONTH", description="月: per month")
    DAY = strawberry.enum_value("DAY", description="日 / 天: per day")


@strawberry.type(description="补贴标准 (the rate a subsidy pays) read as an amount per person and per period: "
                 "1440 元/人/年 is 1440 元 per person per YEAR, 每人每月120元 is 120 元 per person per MONTH.")
class SubsidyStandard:
    text: str = strawberry.field(description="补贴标准 as written")
    amount: float | None = strawberry.field(description="The amount, in its currency as written; null when the "
                                            "text states no money")
    currency: str | None = strawberry.field(description="元 (yuan) or 万元 (10,000 yuan), as written")
    period: SubsidyPeriod | None = strawberry.field(description="How often it is paid; null when not stated")
    per_person: bool = strawberry.field(description="True when the amount is per person (每人, /人, 人均)")
    comparator: Comparator | None = strawberry.field(
        description="A ceiling (LE: 不超过…) or floor (GE) on the amount; null when stated exactly")

