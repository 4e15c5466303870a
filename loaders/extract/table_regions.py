"""Where each standard table of the template starts and ends, what it is, and its unit.

Tables are found by their titles (部门支出总体情况表, 支出决算表, ...), never by their number:
units renumber them, converters drop the "表3" captions or put them on a line of their own,
and the table of contents repeats the titles without any rows. A table runs to the next title,
the next part of the document or the first sentence of narrative; its "单位：元/千元/万元" line
decides the unit of every amount in it. Titles come in the national template's wordings: the
budget's (收支总表, 部门支出总体情况表, 一般公共预算支出功能分类预算表, "三公"经费和机关运行经费
预算表, with or without 部门/单位 and the year) and the final accounts' (…决算表).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import accumulate, takewhile

from loaders.extract.table_text import compact
from loaders.layout import Layout, Line
from vocab.numbers import yuan_to_wan

# A caption's number: digits, or numerals only before punctuation, so "表4一般公共预算支出情况表"
# keeps the 一 of its title.
_TITLE = re.compile(
    r"^(?:表(?:\d+|[一二三四五六七八九十]+(?=[:.、]))[:.、]?)?(?:[一二三四五六七八九十]+、)?"
    r"(?P<title>[^,，。:;]{2,36}?(?:情况表|总表|决算表|预算表|明细表))$"
)
_PART = re.compile(r"^第[一二三四五六七八九十]部分")
_UNIT = re.compile(r"单位:(?P<unit>万元|千元|元)")
_YUAN_PER_UNIT = {"元": 1, "千元": 1000, "万元": 10000}
_SUMMARY = re.compile(r"收支(?:预算|决算)?总表|收支总|收入支出决算总表")
_UNIT_LOOKAHEAD = 6  # the unit line sits under the title, after the 编制部门 line at most
_NOTE_LINES = 3  # the 注/说明 lines under a table that may state it empty
_EMPTY = re.compile(r"空表|无数据|无此项|没有[^。]{0,40}(?:收入|支出)")


class TableKind(Enum):
    SUMMARY = "SUMMARY"  # 收支总表 / 收入支出决算总表
    EXPENDITURE = "EXPENDITURE"  # 支出总表 / 支出决算表
    GENERAL_PUBLIC = "GENERAL_PUBLIC"  # 一般公共预算支出表 / 一般公共预算财政拨款支出决算表
    THREE_PUBLIC = "THREE_PUBLIC"  # 财政拨款"三公"经费支出表
    PROJECT = "PROJECT"  # 一般公共预算项目支出情况表 / 项目支出决算表: projects by 功能分类 and 经济分类
    OTHER = "OTHER"


@dataclass(frozen=True)
class Region:
    """A table: its kind, title line and body lines (title excluded), and its stated unit as the
    元 one printed unit is worth (1 for 元, 1000 for 千元, 10000 for 万元)."""

    kind: TableKind
    title_line: int
    lines: tuple[Line, ...]
    yuan_per_unit: int = 10000
    empty_note: Line | None = None
    """The note under the table that says it has nothing to show (本表为空表, 本表无数据, 无此项)."""
    title: str = ""
    """The title as printed (compacted), without its caption number."""

    @property
    def stated_empty(self) -> bool:
        return self.empty_note is not None

    @property
    def in_wan(self) -> bool:
        return self.yuan_per_unit == _YUAN_PER_UNIT["万元"]

    def wan(self, value: float | None) -> float | None:
        """An amount of this table in 万元, at full precision (156,211,123 元 is 15,621.1123)."""
        return value if self.in_wan or value is None else yuan_to_wan(value * self.yuan_per_unit)

    def printed(self, wan: float | None) -> float | None:
        """A 万元 amount in this table's unit (to compare with its printed figures)."""
        return wan if self.in_wan or wan is None else wan * 10000 / self.yuan_per_unit


def table_kind(title: str) -> TableKind:
    """Which standard table a (compacted) title names."""
    if "三公" in title:
        return TableKind.THREE_PUBLIC
    if "财政拨款" in title and "一般公共预算" not in title:
        return TableKind.OTHER  # 财政拨款收支总表: the appropriation-only view
    if _SUMMARY.search(title):
        return TableKind.SUMMARY
    if "项目支出" in title and "绩效" not in title:
        return TableKind.PROJECT
    if any(word in title for word in ("基本", "项目", "基金", "国有资本", "收入", "结转")):
        return TableKind.OTHER
    if "一般公共预算" in title and "支出" in title:
        return TableKind.GENERAL_PUBLIC
    if "支出总体情况表" in title or title.endswith("支出决算表") or re.search("支出(?:预算)?总表", title):
        return TableKind.EXPENDITURE
    return TableKind.OTHER


def _title(line: Line) -> str | None:
    text = compact(line.text)
    m = _TITLE.match(text)
    return m["title"] if m and "为空表" not in text else None


def _ends_table(line: Line) -> bool:
    text = compact(line.text)
    return bool(_PART.match(text)) or "。" in text


def _empty_note(lines: Sequence[Line]) -> Line | None:
    """The line where the note under a table (its last line and those after it) starts to say the
    table is empty; read run together, since a narrow column wraps the note (``…故本表为空`` / ``表。``)."""
    texts = [compact(line.text) for line in takewhile(lambda line: _title(line) is None, lines)]
    m = _EMPTY.search("".join(texts))
    if m is None:
        return None
    ends = list(accumulate(len(text) for text in texts))
    return lines[bisect_right(ends, m.start())]


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
        empty = _empty_note(lines[max(i + 1, j - 1) : j + _NOTE_LINES])
        regions.append(Region(table_kind(title), lines[i].number, body, _YUAN_PER_UNIT[unit], empty, title))
        i = j
    return regions
