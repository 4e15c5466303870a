"""Values inside a project's 情况说明 fields: amounts, 资金分配情况 items, people and standards.

All functions read compacted text (see :mod:`loaders.extract.joined`), so ``33. 57 万元`` arrives
as ``33.57万元``. Amounts are 万元; a document that writes 元 is converted.
"""

from __future__ import annotations

import re

from loaders.extract.joined import standard_text, tidy
from loaders.facts import AllocationItem
from vocab.numbers import parse_amount, yuan_to_wan

# An amount of money, not a rate (元/月/人) nor a factor of a product (6人*3800元*12月).
_AMOUNT = re.compile(
    r"(?<![\d.*])(?P<num>\d[\d,]*(?:\.\d+)?)(?P<unit>万元|万(?![\u4e00-\u9fff])|元)(?![/*每])"
)
_SEGMENT_END = re.compile(r"[。;]")
_ITEM_NUMBER = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[、.](?=\D|\d{4}年))")
_SUBTOTAL = ("合计", "共计", "总计", "小计")
_LABEL_EDGES = ":,、"
_PEOPLE = re.compile(r"(?P<n>\d+)(?:人|名)")
_PEOPLE_IN_TEXT = re.compile(r"(?:享受|补贴|补助|发放|领取|保障)[^,;。]{0,15}?(?P<n>\d+)(?:人|名)")
_STANDARD_IN_TEXT = re.compile(r"(?:补贴|补助)(?:发放)?标准(?:为)?:?(?P<std>[^,;。]+)")


def _wan(m: re.Match[str]) -> float | None:
    value = parse_amount(m["num"])
    return value if m["unit"].startswith("万") else yuan_to_wan(value)


def amount_wan(text: str) -> float | None:
    """The first amount in ``text`` in 万元 (预算安排规模)."""
    m = _AMOUNT.search(text)
    return _wan(m) if m else None


def allocation_items(text: str) -> tuple[AllocationItem, ...]:
    """资金分配情况 as (label, amount) items.

    Items are separated by 。/；, numbered or not; within one, every amount closes a label
    ("宣传费，培训费10万元，工作经费5万元"), except what follows 其中 (a breakdown of the item
    just read) and 合计/共计 lines (the sum of the others).
    """
    items: list[AllocationItem] = []
    for segment in _SEGMENT_END.split(text):
        segment = _ITEM_NUMBER.sub("", segment)
        cursor = 0
        for m in _AMOUNT.finditer(segment):
            label = segment[cursor : m.start()].strip(_LABEL_EDGES)
            cursor = m.end()
            if label.startswith("其中"):
                break
            if label and not label.startswith(_SUBTOTAL):
                items.append(AllocationItem(label=tidy(label), amount_wan=_wan(m)))
    return tuple(items)


def beneficiaries(people_field: str | None, allocation_field: str | None) -> int | None:
    """补贴人数, or the people 资金分配情况 says receive the money when there is no such field."""
    if people_field is not None:
        m = _PEOPLE.search(people_field)
        return int(m["n"]) if m else None
    m = _PEOPLE_IN_TEXT.search(allocation_field or "")
    return int(m["n"]) if m else None


def subsidy_standard(standard_field: str | None, allocation_field: str | None) -> str | None:
    """补贴标准 as written, or the 补助发放标准 stated inside 资金分配情况."""
    if standard_field is not None:
        return standard_text(standard_field) or None
    m = _STANDARD_IN_TEXT.search(allocation_field or "")
    return standard_text(m["std"]) if m else None
