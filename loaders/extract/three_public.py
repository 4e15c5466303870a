"""The "三公" items: 因公出国（境）费, 公务用车购置及运行费 (购置/运行), 公务接待费.

Every template states them in the "三公" 情况说明 ("其中：因公出国(境)费 0.00 万元，公务用车购置费
0.00 万元，公务用车运行费 6.99 万元，公务接待费 0.60 万元"), which reads alike in every rendering,
whereas the table is printed down (label, amount) or across (headers, then a row of amounts).
The first statement of each item in the section is its amount; the year-on-year sentences after
it say "增加/减少 X 万元" and are not read. Final accounts add each item's 全年预算数.
"""

from __future__ import annotations

import re

from loaders.extract.joined import Joined
from loaders.extract.narrative import WAN, section, wan
from loaders.facts import ThreePublicFacts, ThreePublicItem, ThreePublicItemFact
from loaders.layout import Layout

_QUOTE = "[\"“”'‘’]?"
_START = re.compile(rf"三公{_QUOTE}经费(?:支出)?(?:预算|决算)情况(?:的)?说明")
_END = re.compile(r"[一二三四五六七八九十]+、")
_ITEMS: tuple[tuple[ThreePublicItem, str], ...] = (
    (ThreePublicItem.ABROAD, r"因公出国\(境\)(?:费)?"),
    (ThreePublicItem.VEHICLES, r"公务用车购置及运行(?:维护)?费"),
    (ThreePublicItem.VEHICLE_PURCHASE, r"公务用车购置(?:费)?"),
    (ThreePublicItem.VEHICLE_OPERATION, r"公务用车运行(?:维护)?费"),
    (ThreePublicItem.RECEPTION, r"公务(?:接待|招待)费"),
)
_AMOUNT = {item: re.compile(rf"{label}(?:支出)?(?:预算)?(?:数)?[为:]?{WAN}") for item, label in _ITEMS}
_BUDGET = {item: re.compile(rf"{label}全年预算数[为:]?{WAN}") for item, label in _ITEMS}
_TOTAL_BUDGET = re.compile(rf"三公{_QUOTE}经费(?:支出)?全年预算数[为:]?{WAN}")


def read_three_public(layout: Layout, narrative: Joined | None = None) -> ThreePublicFacts:
    """The items the "三公" 情况说明 states, in template order; empty without that section."""
    part = section(narrative or Joined.of(layout.lines), _START, _END)
    if part is None:
        return ThreePublicFacts()
    items: list[ThreePublicItemFact] = []
    for item, _ in _ITEMS:
        m = _AMOUNT[item].search(part.text)
        budget = _BUDGET[item].search(part.text)
        if m is None and budget is None:
            continue
        hit = m or budget
        assert hit is not None  # one of the two matched
        items.append(
            ThreePublicItemFact(
                item=item,
                amount_wan=wan(m) if m else None,
                budget_wan=wan(budget) if budget else None,
                source=part.source(layout, hit.start(), hit.end()),
            )
        )
    total_budget = _TOTAL_BUDGET.search(part.text)
    return ThreePublicFacts(tuple(items), wan(total_budget) if total_budget else None)
