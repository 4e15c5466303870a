"""Income by source: the columns of 收入总表, as 收入预算情况说明 (or 收入决算情况说明) states them.

The section lists every source of the year's income with its amount ("一般公共预算 1,513.98 万元",
"上级一般公共预算安排的转移支付资金 17.24 万元", "政府性基金预算未安排", "单位资金 5.15 万元"),
in every template and rendering, so the sources are read there, each under one canonical name:
the budget template's (一般公共预算 … 非财政拨款结转结余) and the final accounts' (财政拨款收入,
上级补助收入, 事业收入, 经营收入, 附属单位上缴收入, 其他收入). "未安排" is a stated zero.

A document whose prose states no source (no such section, or worded otherwise) takes them from its
收入总表 (:mod:`.income_table`). The two are never mixed: where the prose states any source, its
lines are the document's, for the table names the same money differently (财政拨款收入 against
一般公共预算 and 上级转移支付) and lists columns the prose leaves out, so filling gaps from it
would count a source twice.
"""

from __future__ import annotations

import re

from loaders.extract.income_table import read_income_table
from loaders.extract.joined import Joined
from loaders.extract.narrative import WAN, section, wan
from loaders.facts import IncomeLineFact
from loaders.layout import Layout

_START = re.compile(r"收入(?:预算|决算)情况(?:的)?说明")
_END = re.compile(r"支出(?:预算|决算)情况(?:的)?说明|[一二三四五六七八九十]+、关于")

# (pattern, canonical name); longer phrases first, so 上级一般公共预算… is not read as 一般公共预算.
_SOURCES: tuple[tuple[str, str], ...] = (
    (r"上级一般公共预算安排的?转移支付(?:资金)?", "上级一般公共预算转移支付"),
    (r"上级政府性基金(?:预算)?安排的?转移支付(?:资金)?", "上级政府性基金转移支付"),
    (r"上级国有资本经营预算安排的?转移支付(?:资金)?", "上级国有资本经营预算转移支付"),
    (r"一般公共预算(?:拨款)?", "一般公共预算"),
    (r"政府性基金预算(?:拨款)?", "政府性基金预算"),
    (r"国有资本经营预算(?:拨款)?", "国有资本经营预算"),
    (r"教育收费\(财政专户\)|财政专户(?:管理资金|核拨)?(?:\(教育收费\))?", "财政专户"),
    (r"单位资金", "单位资金"),
    (r"非财政拨款结转结余", "非财政拨款结转结余"),
    (r"财政拨款结转(?:结余)?", "财政拨款结转"),
    (r"财政拨款收入", "财政拨款收入"),
    (r"上级补助收入", "上级补助收入"),
    (r"事业单位经营收入", "事业单位经营收入"),
    (r"事业收入", "事业收入"),
    (r"经营收入", "经营收入"),
    (r"附属单位上缴收入", "附属单位上缴收入"),
    (r"用事业基金弥补收支差额", "用事业基金弥补收支差额"),
    (r"其他收入", "其他收入"),
)
_LABEL = re.compile(
    "(?:" + "|".join(f"(?P<s{i}>{pattern})" for i, (pattern, _) in enumerate(_SOURCES)) + ")"
    rf"[为:]?(?:{WAN}|(?P<none>未安排))"
)


def read_income(layout: Layout, narrative: Joined | None = None) -> tuple[IncomeLineFact, ...]:
    """Every income source the 收入情况说明 states, in its order; else the 收入总表's columns."""
    return read_income_prose(layout, narrative) or read_income_table(layout)


def read_income_prose(layout: Layout, narrative: Joined | None = None) -> tuple[IncomeLineFact, ...]:
    """Every income source the 收入情况说明 states, in its order; ``()`` without that section."""
    joined = narrative or Joined.of(layout.lines)
    part = section(joined, _START, _END)
    if part is None:
        return ()
    found: dict[str, IncomeLineFact] = {}
    for m in _LABEL.finditer(part.text):
        name = next(_SOURCES[i][1] for i in range(len(_SOURCES)) if m.group(f"s{i}") is not None)
        amount = 0.0 if m["none"] else wan(m)
        if name not in found:
            found[name] = IncomeLineFact(name, amount, part.source(layout, m.start(), m.end()))
    return tuple(found.values())
