"""基本支出 by 经济分类: the rows of 一般公共预算基本支出情况表 (…基本支出决算表), and 人员经费/公用经费.

The table has the shape of the expenditure tables (code, name, 合计, then two amount columns), so
its rows are read by :func:`loaders.extract.function_rows.read_rows`; only the codes differ: a
3-digit class (``301`` 工资福利支出) or a 5-digit item (``30101``, printed ``301 01`` or as 类/款
cells, or a lone ``01`` under the class above). The two amount columns are 人员经费 and 公用经费:
a row's category is the column holding its money. Where a rendering dropped the blank cells and a
row shows two equal amounts, the classes' split is the one that adds up to the 人员经费 of the
table's 合计 row (:func:`~loaders.extract.function_rows.settle_splits`), and items take their
class's category. Without the table, 人员经费 and 公用经费 come from the 基本支出情况说明.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.extract.function_rows import Item, Row, read_rows, settle_splits
from loaders.extract.joined import Joined, source
from loaders.extract.narrative import WAN, section, span_source, wan
from loaders.extract.table_regions import Region, find_regions
from loaders.extract.table_text import compact
from loaders.facts import BasicExpenditureFacts, EconomicCategory, EconomicLineFact
from loaders.layout import Layout
from vocab.classification import economic_classes

_TOTAL_NAMES = ("合计", "总计")
_START = re.compile(r"基本支出(?:决算)?情况说明")
_END = re.compile(r"项目支出(?:预算|决算)?情况说明|[一二三四五六七八九十]+、(?:关于)?")
_GENERAL_BASIC = re.compile(rf"基本支出(?:预算)?[为:]?{WAN}")
_PERSONNEL = re.compile(rf"人员经费(?:支出)?[为:]?{WAN}")
_PUBLIC = re.compile(rf"公用经费(?:支出)?[为:]?{WAN}")
_CENT = 0.005


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


def _table(layout: Layout, region: Region) -> BasicExpenditureFacts | None:
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
    return BasicExpenditureFacts(
        lines=table.lines,
        total_wan=prose.total_wan,
        personnel_wan=prose.personnel_wan,
        public_wan=prose.public_wan,
        source=prose.source,
    )
