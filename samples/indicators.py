"""A project's performance indicators: targets as the template writes them, last year's result and,
in final accounts, what was achieved and the score it earned.

A target is drawn as what it states (comparator, number and unit, or a deadline) and then written
one of the ways tables write it (``>=95%``, ``≥95%``, ``不低于95%``, ``95%以上``), so the ground truth
knows both the text and what an extractor must read from it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from samples.world import ProjectKind

_WRITINGS = {
    "GE": (">={}", "≥{}", "不低于{}", "{}以上"),
    "LE": ("<={}", "≤{}", "不超过{}", "{}以内"),
    "EQ": ("={}",),
}


@dataclass(frozen=True)
class Target:
    """A 指标值 as written (``text``) and what it states; comparators as :class:`vocab.measures.Comparator`."""

    text: str
    comparator: str | None = None
    value: float | None = None
    unit: str | None = None
    date: str | None = None  # ISO, for a deadline

    @property
    def number(self) -> str:
        return f"{self.value:g}" if self.value is not None else ""


@dataclass(frozen=True)
class Indicator:
    level1: str
    level2: str
    name: str
    target: Target
    weight: int
    prior: str | None = None  # 上年完成值 (目标表); ``None`` prints ``-``
    actual: str | None = None
    score: int | None = None  # hundredths of a point


def measured(rng: random.Random, comparator: str, number: str, unit: str) -> Target:
    """``comparator number unit`` written one of the ways tables write it."""
    return Target(rng.choice(_WRITINGS[comparator]).format(number + unit), comparator, float(number), unit)


def deadline(year: int, day: int) -> Target:
    """A completion date: ``2025年12月10日前`` states at most that day."""
    return Target(f"{year}年12月{day}日前", "LE", date=f"{year}-12-{day:02d}")


def indicators(
    pk: ProjectKind, people: int | None, budget: int, year: int, kind: str, rng: random.Random
) -> tuple[Indicator, ...]:
    """The six indicators of a project's target table (budget) or self-evaluation (final accounts)."""
    if pk.subsidy:
        s = pk.subsidy
        timely = (
            ("补贴按时发放率", measured(rng, "GE", "98", "%"))
            if rng.random() < 0.5
            else ("补贴资金发放完成时间", deadline(year, rng.randint(5, 20)))
        )
        rows = [
            ("产出指标", "数量指标", "补贴发放人数", measured(rng, "GE", str(people), "人")),
            ("产出指标", "质量指标", "补贴发放准确率", measured(rng, "EQ", "100", "%")),
            ("产出指标", "时效指标", *timely),
            ("成本指标", "经济成本指标", "补贴发放标准", measured(rng, "EQ", str(s.yuan), f"元/人·{s.per}")),
            ("效益指标", "社会效益指标", "政策知晓率", measured(rng, "GE", "90", "%")),
            ("满意度指标", "满意度指标", "补贴对象满意度", measured(rng, "GE", "95", "%")),
        ]
    else:
        timely = (
            ("资金支付及时率", measured(rng, "EQ", "100", "%"))
            if rng.random() < 0.5
            else ("业务办理时限", measured(rng, "LE", str(rng.choice((3, 5, 7))), "个工作日"))
        )
        rows = [
            ("产出指标", "数量指标", "保障业务正常开展月数", measured(rng, "EQ", "12", "月")),
            ("产出指标", "质量指标", "业务办理差错率", measured(rng, "LE", "1", "%")),
            ("产出指标", "时效指标", *timely),
            ("成本指标", "经济成本指标", "项目预算控制数", measured(rng, "LE", f"{budget / 100:.2f}", "万元")),
            ("效益指标", "社会效益指标", "经办服务效率", Target("有效提升")),
            ("满意度指标", "满意度指标", "服务对象满意度", measured(rng, "GE", "90", "%")),
        ]
    # a target table shares 100 points among indicators; a self-evaluation keeps 10 for execution
    weights = (20 if kind == "FINAL_ACCOUNTS" else 30, 15, 15, 15, 15, 10)
    new = rng.random() < 0.3  # a project new this year has no 上年完成值
    return tuple(
        Indicator(a, b, c, target, w, None if new or a == "成本指标" else _result(target, year - 1))
        for (a, b, c, target), w in zip(rows, weights, strict=True)
    )


def _result(target: Target, year: int, short: bool = False) -> str:
    """A result that meets ``target`` (or, ``short``, misses it), as tables write results."""
    if target.date:
        day = int(target.date[-2:])
        return f"{year}年12月{day + 5 if short else day - 3}日"
    if target.value is None:
        return target.text
    value = target.value
    if short and target.comparator == "LE":
        value += 0.5 if target.unit == "%" else 2
    elif short:
        value = max(0.0, value - (3 if target.unit == "%" else 5 if target.unit == "人" else 1))
    return f"{value:g}{target.unit}"


def evaluate(indicators: tuple[Indicator, ...], year: int, executed: int, rng: random.Random) -> tuple[Indicator, ...]:
    """Final accounts: what each indicator achieved and its score; one output indicator may fall short."""
    missed = rng.randrange(3) if rng.random() < 0.6 else -1
    scored = []
    for i, ind in enumerate(indicators):
        full = ind.weight * 100
        if ind.target.unit == "万元" and i != missed:  # the cost ceiling: what was actually spent
            actual, score = f"{executed / 100:.2f}万元", full
        else:
            actual = _result(ind.target, year, short=i == missed)
            score = full - rng.randint(50, 300) if i == missed else full
        scored.append(replace(ind, actual="=" + actual if ind.target.value is not None else actual, score=score))
    return tuple(scored)
