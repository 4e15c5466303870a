"""The money of the standard tables: totals, 基本/项目 split, "三公" and the 功能分类 lines.

Each figure is read from its table when the document has one and from the 情况说明 sentence that
repeats it otherwise (final accounts often publish the tables as a separate attachment), so a
document without tables still yields its totals. Function lines come from the 支出总表 (部门支出
总体情况表 / 支出决算表), with the 一般公共预算支出表 filling codes it lacks and repairing a code
the 支出总表 misprints twice; amounts of a table in 元 are converted to 万元.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from loaders.extract.empty_tables import read_empty_tables
from loaders.extract.function_rows import Item, items, read_rows, settle_splits
from loaders.extract.joined import Joined, source
from loaders.extract.table_regions import Region, TableKind, find_regions
from loaders.extract.table_text import amount, cells, compact, filled, is_index_row
from loaders.facts import FunctionLineFact, SourceRef, TotalsFacts, UnreadTableFact
from loaders.layout import Layout
from vocab.numbers import parse_amount

_NUM = r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_TABLE_TOTALS = tuple(re.compile(rf"{label}\|?{_NUM}") for label in ("收入总计", "支出(?:总计|合计)"))
_TOTALS = tuple(re.compile(rf"{label}[为:]?{_NUM}万元") for label in ("支出总计", "收入总计", "收支总预算"))
_BASIC = re.compile(rf"基本支出(?:预算)?[为:]?{_NUM}万元")
_PROJECT = re.compile(rf"项目支出(?:预算)?[为:]?{_NUM}万元")
_THREE_PUBLIC = re.compile(rf"三公[\"”’']?经费[^\d。;]{{0,10}}?{_NUM}万元")
_TOTAL_LABELS = frozenset({"合计", "总计"})
_YEAR_INCOME_LABEL = re.compile(r"(?:[一1][、.])?本年收入(?:合计)?")
_YEAR_INCOME = re.compile(rf"本年收入合计[为:]?{_NUM}万元")


@dataclass(frozen=True)
class TableFacts:
    """What the standard tables (or the sentences repeating them) say, in 万元: the totals and the
    function lines."""

    totals: TotalsFacts = field(default_factory=TotalsFacts)
    function_lines: tuple[FunctionLineFact, ...] = ()


_Split = tuple[float | None, float | None, SourceRef]


@dataclass(frozen=True)
class _Found:
    value: float
    source: SourceRef


def _search(layout: Layout, joined: Joined, pattern: re.Pattern[str], region: Region | None = None) -> _Found | None:
    m = pattern.search(joined.text)
    value = parse_amount(m["n"]) if m else None
    if m is None or value is None:
        return None
    wan = region.wan(value) if region else value
    return _Found(wan or 0.0, joined.source(layout, m.start(), m.end()))


def _of_kind(regions: Sequence[Region], kind: TableKind) -> list[Region]:
    return [r for r in regions if r.kind == kind and r.lines]


def _table_total(layout: Layout, regions: Sequence[Region]) -> _Found | None:
    for region in _of_kind(regions, TableKind.SUMMARY):
        joined = Joined.of(region.lines)
        for pattern in _TABLE_TOTALS:
            found = _search(layout, joined, pattern, region)
            if found:
                return found
    return None


def _spent_column(layout: Layout, region: Region) -> _Found | None:
    """Final accounts print each "三公" item as 预算数 | 决算数: the 合计 spent is the first
    决算数 column of the row of amounts (blank: a stated zero)."""
    header = next((row for line in region.lines if "决算数" in (row := cells(line))), None)
    values = next((line for line in region.lines if any(amount(c) is not None for c in cells(line))), None)
    if header is None or values is None:
        return None
    row, at = cells(values), header.index("决算数")
    value = (amount(row[at]) if row[at] else 0.0) if at < len(row) else None
    return _Found(region.wan(value) or 0.0, source(layout, values.number, values.number)) if value is not None else None


def _three_public_table(layout: Layout, regions: Sequence[Region]) -> _Found | None:
    """The 合计 of the "三公" table: in final accounts its 决算数, else the amount after a 合计
    label, else its first amount; 0 when the table has no amounts and its note states it empty."""
    for region in (r for r in regions if r.kind == TableKind.THREE_PUBLIC):
        if spent := _spent_column(layout, region):
            return spent
        tokens = [(t, line.number) for line in region.lines if not is_index_row(filled(line)) for t in filled(line)]
        values = [(i, value, n) for i, (t, n) in enumerate(tokens) if (value := amount(t)) is not None]
        labelled = [v for v in values if v[0] > 0 and compact(tokens[v[0] - 1][0]) in _TOTAL_LABELS]
        for _, value, line in labelled[:1] or values[:1]:
            return _Found(region.wan(value) or 0.0, source(layout, line, line))
        if region.stated_empty:
            return _Found(0.0, source(layout, region.title_line, region.title_line))
    return None


def _year_income(layout: Layout, regions: Sequence[Region], narrative: Joined) -> _Found | None:
    """本年收入合计: the amount beside the 收支总表's 本年收入 label (一、本年收入 in budgets, 本年收入合计 in
    final accounts; the income side comes first), else the sentence stating it."""
    for region in _of_kind(regions, TableKind.SUMMARY):
        for line in region.lines:
            tokens = filled(line)
            for label, cell in pairwise(tokens):
                if _YEAR_INCOME_LABEL.fullmatch(compact(label)) and (value := amount(cell)) is not None:
                    return _Found(region.wan(value) or 0.0, source(layout, line.number, line.number))
    return _search(layout, narrative, _YEAR_INCOME)


def _region_items(region: Region, basic_hint: float | None) -> list[Item]:
    """A table's 项 rows; the split of rows that hide it settled by the table's 总计 row."""
    rows = read_rows(region.lines)
    total = next((r for r in rows if r.is_total and r.split_known), None)
    hint = region.printed(basic_hint)
    return settle_splits(items(rows), total.basic if total else hint)


def _expenditure_split(layout: Layout, regions: Sequence[Region]) -> _Split | None:
    for region in _of_kind(regions, TableKind.EXPENDITURE):
        for row in read_rows(region.lines):
            if row.is_total and row.split_known:
                basic, project = region.wan(row.basic), region.wan(row.project)
                if basic is not None and project is not None:
                    return basic, project, source(layout, row.first, row.last)
    return None


def _function_lines(layout: Layout, regions: Sequence[Region], basic_hint: float | None) -> list[FunctionLineFact]:
    tables = [
        [(it, region) for it in _region_items(region, basic_hint if kind == TableKind.EXPENDITURE else None)]
        for kind in (TableKind.EXPENDITURE, TableKind.GENERAL_PUBLIC)
        for region in _of_kind(regions, kind)
    ]
    tables = [t for t in tables if t]
    if not tables:
        return []
    primary, others = tables[0], [pair for table in tables[1:] for pair in table]
    codes_by_name = {it.row.name: it.code for it, _ in reversed(others)}
    repeated = {code for code, n in Counter(it.code for it, _ in primary).items() if n > 1}
    chosen: dict[str, tuple[Item, Region]] = {}
    for it, region in primary:
        code = codes_by_name.get(it.row.name, it.code) if it.code in repeated else it.code
        chosen.setdefault(code, (Item(code, it.row), region))
    for it, region in others:
        chosen.setdefault(it.code, (it, region))
    general: dict[str, float | None] = {}
    for region in _of_kind(regions, TableKind.GENERAL_PUBLIC):
        for it in _region_items(region, None):
            general.setdefault(it.code, region.wan(it.row.total))
    return [
        FunctionLineFact(
            code=it.code,
            name=it.row.name,
            total_wan=region.wan(it.row.total),
            basic_wan=region.wan(it.row.basic),
            project_wan=region.wan(it.row.project),
            source=source(layout, it.row.first, it.row.last),
            general_public_wan=general.get(it.code),
        )
        for it, region in chosen.values()
    ]


_UNREAD_REASONS = {
    TableKind.SUMMARY: "no 收入总计 or 支出总计 with an amount",
    TableKind.EXPENDITURE: "no 功能分类 row with a code and an amount",
    TableKind.GENERAL_PUBLIC: "no 功能分类 row with a code and an amount",
    TableKind.THREE_PUBLIC: "no amount, and no note that the table is empty",
}


def _unread(layout: Layout, regions: Sequence[Region], read: set[TableKind]) -> tuple[UnreadTableFact, ...]:
    """The last printed table of each kind none of whose tables gave anything (the table of
    contents names them too, without rows, and is no table)."""
    unread: dict[TableKind, Region] = {}
    for region in regions:
        printed = any(amount(t) is not None for line in region.lines for t in filled(line))
        if region.kind in _UNREAD_REASONS and region.kind not in read and printed and not region.stated_empty:
            unread[region.kind] = region
    return tuple(
        UnreadTableFact(
            title=compact(layout.lines[r.title_line - 1].text),
            reason=_UNREAD_REASONS[kind],
            source=source(layout, r.title_line, r.lines[-1].number),
        )
        for kind, r in unread.items()
    )


def extract_tables(layout: Layout) -> TableFacts:
    """Totals, 基本/项目 split, "三公" total and function lines of one disclosure."""
    regions = find_regions(layout)
    narrative = Joined.of(layout.lines)
    table_total, table_three = _table_total(layout, regions), _three_public_table(layout, regions)
    total = table_total or next(filter(None, (_search(layout, narrative, p) for p in _TOTALS)), None)
    split = _expenditure_split(layout, regions)
    if split is None:
        basic, project = _search(layout, narrative, _BASIC), _search(layout, narrative, _PROJECT)
        first = basic or project
        value = (basic.value if basic else None, project.value if project else None)
        split = (*value, first.source) if first else None
    three = table_three or _search(layout, narrative, _THREE_PUBLIC)
    read = {kind for kind, found in ((TableKind.SUMMARY, table_total), (TableKind.THREE_PUBLIC, table_three)) if found}
    rows = (TableKind.EXPENDITURE, TableKind.GENERAL_PUBLIC)
    read |= {r.kind for r in regions if r.kind in rows and any(x.code or x.is_total for x in read_rows(r.lines))}
    income = _year_income(layout, regions, narrative)
    totals = TotalsFacts(
        total_wan=total.value if total else None,
        basic_expenditure_wan=split[0] if split else None,
        project_expenditure_wan=split[1] if split else None,
        three_public_wan=three.value if three else None,
        total_source=total.source if total else None,
        split_source=split[2] if split else None,
        three_public_source=three.source if three else None,
        year_income_wan=income.value if income else None,
        unread_tables=_unread(layout, regions, read),
        stated_empty_tables=read_empty_tables(layout, narrative, regions),
    )
    return TableFacts(totals, tuple(_function_lines(layout, regions, split[0] if split else None)))
