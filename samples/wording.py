"""How the template writes numbers, years and changes in prose, for every part that writes them."""

from __future__ import annotations

from samples.plan import BUDGET, DocPlan
from samples.render import Style

_NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二 (enough for section and project numbering)."""
    if n <= 10:
        return _NUMERALS[n - 1]
    return ("" if n < 20 else _NUMERALS[n // 10 - 1]) + "十" + (_NUMERALS[n % 10 - 1] if n % 10 else "")


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}" if whole else "0.00"


def compare(basis: str, change: int, rate: float, style: Style) -> str:
    """``比上年预算增加 1.28 万元，增长 0.58%``; ``basis`` "" writes ``与上年相比，…``."""
    if change == 0:
        return f"与上年{basis}持平"
    up = change > 0
    head = f"比上年{basis}" if basis else "与上年相比，"
    amount = style.amount(abs(change))
    return f"{head}{'增加' if up else '减少'}{amount}万元，{'增长' if up else '下降'}{abs(rate):.2f}%"


def year_words(plan: DocPlan) -> str:
    """``2025年`` (budget) or ``2023年度`` (final accounts)."""
    return f"{plan.year}年" if plan.kind == BUDGET else f"{plan.year}年度"
