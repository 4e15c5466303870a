"""Where each standard table of the template starts and ends, what it is, and its unit.

Tables are found by their titles (部门支出总体情况表, 支出决算表, ...), never by their number:
units renumber them, converters drop the "表3" captions or put them on a line of their own,
and the table of contents repeats the titles without any rows. A table runs to the next title,
the next part of the document or the first sentence of narrative; its "单位：元/万元" line
decides the unit of every amount in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from loaders.extract.table_text import compact
from loaders.layout import Layout, Line
from loaders.numbers import yuan_to_wan

# A caption's number: digits, or numerals only before punctuation, so "表4一般公共预算支出情况表"
# keeps the 一 of its title.
_TITLE = re.compile(
    r"^(?:表(?:\d+|[一二三四五六七八九十]+(?=[:.、]))[:.、]?)?(?:[一二三四五六七八九十]+、)?"
    r"(?P<title>[^,，。:;]{2,36}?(?:情况表|总表|决算表|明细表))$"
)
_PART = re.compile(r"^第[一二三四五六七八九十]部分")
_UNIT = re.compile(r"单位:(?P<unit>万元|元)")
_UNIT_LOOKAHEAD = 6  # the unit line sits under the title, after the 编制部门 line at most


class TableKind(Enum):
    SUMMARY = "SUMMARY"  # 收支总表 / 收入支出决算总表
    EXPENDITURE = "EXPENDITURE"  # 支出总表 / 支出决算表
    GENERAL_PUBLIC = "GENERAL_PUBLIC"  # 一般公共预算支出表 / 一般公共预算财政拨款支出决算表
    THREE_PUBLIC = "THREE_PUBLIC"  # 财政拨款"三公"经费支出表
    PROJECT = "PROJECT"  # 一般公共预算项目支出情况表 / 项目支出决算表: projects by 功能分类 and 经济分类
    OTHER = "OTHER"


@dataclass(frozen=True)
class Region:
    """A table: its kind, title line and body lines (title excluded), and whether it is in 元."""

    kind: TableKind
    title_line: int
    lines: tuple[Line, ...]
    yuan: bool

    def wan(self, value: float | None) -> float | None:
        """An amount of this table in 万元 (converted when the table is in 元)."""
        return yuan_to_wan(value) if self.yuan else value


def table_kind(title: str) -> TableKind:
    """Which standard table a (compacted) title names."""
    if "三公" in title:
        return TableKind.THREE_PUBLIC
    if "财政拨款" in title and "一般公共预算" not in title:
        return TableKind.OTHER  # 财政拨款收支总表: the appropriation-only view
    if "收支总" in title or "收入支出决算总表" in title:
        return TableKind.SUMMARY
    if "项目支出" in title and "绩效" not in title:
        return TableKind.PROJECT
    if any(word in title for word in ("基本", "项目", "基金", "国有资本", "收入", "结转")):
        return TableKind.OTHER
    if "一般公共预算" in title and "支出" in title:
        return TableKind.GENERAL_PUBLIC
    if "支出总体情况表" in title or title.endswith("支出决算表") or "支出总表" in title:
        return TableKind.EXPENDITURE
    return TableKind.OTHER


def _title(line: Line) -> str | None:
    text = compact(line.text)
    m = _TITLE.match(text)
    return m["title"] if m and "为空表" not in text else None


def _ends_table(line: Line) -> bool:
    text = compact(line.text)
    return bool(_PART.match(text)) or "。" in text


def find_regions(layout: Layout) -> list[Region]:
    """Every titled table of ``layout``, in document order."""
    regions: list[Region] = []
    lines = layout.lines
    i = 0
    while i < len(lines):
        title = _title(lines[i])
        if title is None:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and _title(lines[j]) is None and not _ends_table(lines[j]):
            j += 1
        body = lines[i + 1 : j]
        head = lines[i : min(j, i + 1 + _UNIT_LOOKAHEAD)]
        units = (_UNIT.search(compact(line.text)) for line in head)
        unit = next((m["unit"] for m in units if m), "万元")
        regions.append(Region(table_kind(title), lines[i].number, body, unit == "元"))
        i = j
    return regions
