"""基本支出 by 经济分类: the rows of 一般公共预算基本支出情况表 (…基本支出决算表), and 人员经费/公用经费.

The table has the shape of the expenditure tables (code, name, 合计, then two amount columns), so
its rows are read by :func:`loaders.extract.function_rows.read_rows`; only the codes differ: a
3-digit class (``301`` 工资福利支出) or a 5-digit item (``30101``, printed ``301 01`` or as 类/款
cells, or a lone ``01`` under the class above). The two amount columns are 人员经费 and 公用经费:
a row's category is the column holding its money. Where a rendering dropped the blank cells and a
row shows two equal amounts, the classes' split is the one that adds up to the 人员经费 of the
table's 合计 row (:func:`~loaders.extract.function_rows.settle_splits`), and items take their
class's category. The national 决算 template prints the table as two halves side by side (类 | 款 |
科目名称 | 决算数, twice), closed by "人员经费合计" and "公用经费合计": each half is read as a table of
its own whose rows take the category its total row names. Without the table, 人员经费 and 公用经费
come from the 基本支出情况说明.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from loaders.extract.function_rows import Item, Row, read_rows, settle_splits
from loaders.extract.joined import Joined, source
from loaders.extract.narrative import WAN, section, span_source, wan
from loaders.extract.table_regions import Region, find_regions
from loaders.extract.table_text import cells, compact
from loaders.facts import BasicExpenditureFacts, EconomicCategory, EconomicLineFact
from loaders.layout import Layout, Line
from vocab.classification import economic_classes

_TOTAL_NAMES = ("合计", "总计")
_START = re.compile(r"基本支出(?:决算)?情况说明")
_END = re.compile(r"项目支出(?:预算|决算)?情况说明|[一二三四五六七八九十]+、(?:关于)?")
_GENERAL_BASIC = re.compile(rf"基本支出(?:预算)?[为:]?{WAN}")
_PERSONNEL = re.compile(rf"人员经费(?:支出)?[为:]?{WAN}")
_PUBLIC = re.compile(rf"公用经费(?:支出)?[为:]?{WAN}")
_CENT = 0.005
_HEADER_ROWS = 4  # the header rows that may show the two halves
_HALF_TOTALS = {"人员经费合计": EconomicCategory.PERSONNEL, "公用经费合计": EconomicCategory.PUBLIC}


def _is_basic_table(layout: Layout, region: Region) -> bool:
    title = compact(layout.lines[region.title_line - 1].text)
    return "基本支出" in title and "项目" not in title and ("一般公共预算" in title or "财政拨款" in title)


def _code(row: Row, klass: str) -> str | None:
    """The row's 3- or 5-digit code, a lone 款 completed by the class above."""
    code = "".join(row.code)
    if len(row.code) == 1 and len(code) == 2 and klass:
        return klass + code
    return code if economic_classes().is_code(code) else None


def _category(row: Row) -> EconomicCategory | None:
    if not row.split_known or row.total is None:
        return None
    personnel, public = row.basic or 0.0, row.project or 0.0
    if abs(personnel - row.total) < _CENT and abs(public) < _CENT:
        return EconomicCategory.PERSONNEL
    if abs(public - row.total) < _CENT and abs(personnel) < _CENT:
        return EconomicCategory.PUBLIC
    return None


def _settled_classes(classes: list[tuple[str, Row]], personnel_total: float | None) -> dict[str, EconomicCategory]:
    """The category of each class, its columns read or settled by the 合计 row's 人员经费."""
    settled = settle_splits([Item(code, row) for code, row in classes], personnel_total)
    return {item.code: c for item in settled if (c := _category(item.row)) is not None}


def _halves(lines: Sequence[Line]) -> tuple[list[Line], ...] | None:
    """The two halves of a table printed side by side (its header cells repeat), else None."""
    width = next(
        (len(row) for line in lines[:_HEADER_ROWS]
         if (row := cells(line)) and len(row) % 2 == 0 and len(row) >= 6
         and row[: len(row) // 2] == row[len(row) // 2 :] and any("名称" in c for c in row)),
        None,
    )
    if width is None:
        return None
    half = width // 2
    rows = [(line, cells(line)) for line in lines if len(cells(line)) == width]
    # A half row with a blank amount states nothing; left in, its code would run into the next row.
    return tuple([replace(line, cells=row[k : k + half]) for line, row in rows if row[k + half - 1]] for k in (0, half))


def _side_by_side(layout: Layout, region: Region, halves: tuple[list[Line], ...]) -> BasicExpenditureFacts | None:
    """Each half with the category of its total row; no total of the table's own."""
    lines: list[EconomicLineFact] = []
    totals: dict[EconomicCategory, tuple[float | None, Row]] = {}
    for half in halves:
        rows = read_rows(half)
        total = next((r for r in rows if not r.code and r.name in _HALF_TOTALS), None)
        category = _HALF_TOTALS[total.name] if total else None
        if total and category:
            totals[category] = (region.wan(total.total), total)
        klass = ""
        for row in rows:
            if (code := _code(row, klass)) is None:
                continue
            klass = economic_classes().top(code) or ""
            lines.append(EconomicLineFact(code, row.name or economic_classes().name(code) or "",
                                          region.wan(row.total), category, source(layout, row.first, row.last)))
    if not lines:
        return None
    personnel, public = (totals.get(c, (None, None))[0] for c in (EconomicCategory.PERSONNEL, EconomicCategory.PUBLIC))
    rows_read = [row for _, row in totals.values() if row is not None]
    return BasicExpenditureFacts(  # no total of its own: the 基本支出 is the 情况说明's
        lines=tuple(sorted(lines, key=lambda line: line.code)),
        personnel_wan=personnel,
        public_wan=public,
        source=source(layout, min(r.first for r in rows_read), max(r.last for r in rows_read)) if rows_read else None,
    )


def _table(layout: Layout, region: Region) -> BasicExpenditureFacts | None:
    if halves := _halves(region.lines):
        return _side_by_side(layout, region, halves)
    rows = read_rows(region.lines)
    # The 合计/总计 row; where header words ran into it (cells lost) they lead its name.
    total = next((r for r in rows if not r.code and r.name.endswith(_TOTAL_NAMES)), None)
    coded: list[tuple[str, Row]] = []
    klass = ""
    for row in rows:
        code = _code(row, klass)
        if code is None:
            continue
        klass = economic_classes().top(code) or ""
        coded.append((code, row))
    if not coded:
        return None
    by_class = _settled_classes([(c, r) for c, r in coded if len(c) == 3], total.basic if total else None)

    lines = tuple(
        EconomicLineFact(
            code=code,
            name=row.name or economic_classes().name(code) or "",
            amount_wan=region.wan(row.total),
            category=_category(row) or by_class.get(economic_classes().top(code) or ""),
            source=source(layout, row.first, row.last),
        )
        for code, row in coded
    )
    return BasicExpenditureFacts(
        lines=lines,
        total_wan=region.wan(total.total) if total else None,
        personnel_wan=region.wan(total.basic) if total and total.split_known else None,
        public_wan=region.wan(total.project) if total and total.split_known else None,
        source=source(layout, total.first, total.last) if total else None,
    )


def _narrative(layout: Layout, joined: Joined) -> BasicExpenditureFacts:
    part = section(joined, _START, _END)
    if part is None:
        return BasicExpenditureFacts()
    spans: list[tuple[int, int]] = []
    values: list[float | None] = []
    for pattern in (_GENERAL_BASIC, _PERSONNEL, _PUBLIC):
        m = pattern.search(part.text)
        values.append(wan(m) if m else None)
        if m:
            spans.append(m.span())
    return BasicExpenditureFacts(
        total_wan=values[0], personnel_wan=values[1], public_wan=values[2], source=span_source(layout, part, spans)
    )


def read_basic_expenditure(
    layout: Layout, regions: Sequence[Region] | None = None, narrative: Joined | None = None
) -> BasicExpenditureFacts:
    """The 基本支出表's rows and totals, its totals from the 情况说明 where the table lacks them."""
    table = next(
        (
            t
            for r in (regions if regions is not None else find_regions(layout))
            if _is_basic_table(layout, r) and r.lines
            if (t := _table(layout, r)) is not None
        ),
        None,
    )
    prose = _narrative(layout, narrative or Joined.of(layout.lines))
    if table is None:
        return prose
    if table.total_wan is not None and table.personnel_wan is not None:
        return table
    if table.personnel_wan is not None:  # two halves: 人员经费 and 公用经费 are the table's
        return replace(table, total_wan=prose.total_wan)
    return BasicExpenditureFacts(
        lines=table.lines,
        total_wan=prose.total_wan,
        personnel_wan=prose.personnel_wan,
        public_wan=prose.public_wan,
        source=prose.source,
    )
