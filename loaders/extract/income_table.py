"""Income by source from the 收入总表 (部门/单位收入总体情况表, 收入预算总表, 收入决算表).

The table prints one column per source after its 总计/合计 column (and the budget template's
财政拨款(补助)小计), and a 合计 row for the whole unit. Its headers wrap across cells and lines,
cut words (``上级国有 资本经营 预算安排 的转移支``) and some converters shift a cell of the second
header row, so columns are known by name: the names the header states, in its order (each
上级…转移支付 after its own source), are the columns after 合计, one cell each. A blank cell of a named
column is a stated zero.

Where a rendering ran the cells together by spaces, the blanks are lost: the row is read only when
it prints every column, otherwise the table gives nothing, never a guess; so does a row whose
columns do not add up to its 合计. A table without a
合计 row (a unit's rows alone) gives nothing either. Amounts of a table in 元 are converted.

Final accounts list this year's income only (their 年初结转和结余 is the carryover, counted apart),
and their 财政拨款收入 is the 一般公共预算 and its 上级转移支付 together: a 决算 table's columns are
read under those names, as the 收入决算情况说明 names them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.extract.joined import source
from loaders.extract.table_regions import Region, find_regions
from loaders.extract.table_text import TableRow, amount, compact, is_index_row, table_rows
from loaders.facts import IncomeLineFact
from loaders.layout import Layout

_TITLE = re.compile(r"收入(?:总体情况|预算总|决算|总)表")
_NOT_INCOME = ("支出", "收支", "财政拨款")  # 收入支出决算总表, 收支总表, 财政拨款收入支出决算总表
_TOTALS = frozenset({"合计", "总计", "本年收入合计"})
_CENT = 0.005
_CARRYOVER = "年初结转和结余"  # a final account's carryover: a column, but not an income line

# (pattern on the compacted header, canonical name).
_COLUMNS: tuple[tuple[str, str], ...] = (
    (r"财政拨款收入", "财政拨款收入"),
    (r"一般公共预算(?:拨款)?", "一般公共预算"),
    (r"上级一般公共预算安排的?转移支付?|上级转移支付", "上级一般公共预算转移支付"),
    (r"政府性基金(?:预算)?(?:拨款)?", "政府性基金预算"),
    (r"上级政府性基金(?:预算)?安排的?转移支付?", "上级政府性基金转移支付"),
    (r"国有资本经营(?:预算)?(?:拨款)?", "国有资本经营预算"),
    (r"上级国有资本经营预算?安排的?转移支付?", "上级国有资本经营预算转移支付"),
    (r"财政专户(?:管理资金|核拨)?(?:\(教育收费\))?|教育收费\(财政专户\)", "财政专户"),
    (r"单位资金", "单位资金"),
    (r"上级补助收入", "上级补助收入"),
    (r"事业收入", "事业收入"),
    (r"事业单位经营收入", "事业单位经营收入"),
    (r"经营收入", "经营收入"),
    (r"附属单位上缴收入", "附属单位上缴收入"),
    (r"其他收入", "其他收入"),
    (r"用事业基金弥补收支差额", "用事业基金弥补收支差额"),
    (r"财政拨款结转(?:结余)?|上年结转(?:结余)?", "财政拨款结转"),
    (r"非财政拨款结转结余|单位上年结余", "非财政拨款结转结余"),
    (_CARRYOVER, _CARRYOVER),
)
_TRANSFER_OF = {
    "上级一般公共预算转移支付": "一般公共预算",
    "上级政府性基金转移支付": "政府性基金预算",
    "上级国有资本经营预算转移支付": "国有资本经营预算",
}
# Longer names first, so 上级一般公共预算… is not read as 一般公共预算 nor 事业单位经营收入 as 事业收入.
_BY_LENGTH = sorted(range(len(_COLUMNS)), key=lambda i: -len(_COLUMNS[i][0].split("|")[0]))
_COLUMN = re.compile("|".join(f"(?P<c{i}>{_COLUMNS[i][0]})" for i in _BY_LENGTH))
_FINAL_NAMES = {"一般公共预算": "财政拨款收入", "上级一般公共预算转移支付": "财政拨款收入"}


def _title(layout: Layout, region: Region) -> str:
    return next((compact(line.text) for line in layout.lines if line.number == region.title_line), "")


def _is_income(title: str) -> bool:
    return bool(_TITLE.search(title)) and not any(word in title for word in _NOT_INCOME)


def _label(row: TableRow) -> str:
    return compact(next((t for t in row.texts if compact(t)), ""))


def _is_total(row: TableRow) -> bool:
    return _label(row) in _TOTALS and any(amount(t) is not None for t in row.texts)


def _names(text: str) -> list[str]:
    return [
        next(_COLUMNS[int(k[1:])][1] for k, v in m.groupdict().items() if v is not None)
        for m in _COLUMN.finditer(text)
    ]


def _columns(header: Sequence[TableRow]) -> tuple[list[str], bool]:
    """The named columns after 合计 in the header's order, and whether a 小计 precedes them.

    Cells are read column by column (a name wrapped over two header rows is one text); each
    上级…转移支付 goes right after its own source, where the template prints it, for a converter
    may shift it to the end of its header row."""
    rows = [row for row in header if not is_index_row(row.texts)]
    cell_rows = [row for row in rows if row.positional]
    width = max((len(row.texts) for row in cell_rows), default=0)
    texts = ["".join(compact(row.texts[i]) for row in cell_rows if i < len(row.texts)) for i in range(width)]
    texts.append("".join(compact(t) for row in rows if not row.positional for t in row.texts))  # wrapped words
    names: list[str] = []
    for name in (n for text in texts for n in _names(text)):
        if name in names:
            continue
        parent = _TRANSFER_OF.get(name)
        names.insert(names.index(parent) + 1 if parent in names else len(names), name)
    return names, any("小计" in text for text in texts)


def _amounts(row: TableRow, width: int) -> tuple[float, list[float | None]] | None:
    """The row's 合计 and the ``width`` cells after it (a blank is 0), or ``None`` when the words
    of a row that lost its blanks do not print every column."""
    at = next((i for i, t in enumerate(row.texts) if amount(t) is not None), None)
    if at is None:
        return None
    after = [amount(t) if compact(t) else 0.0 for t in row.texts[at + 1 :]]
    if not row.positional and len(after) != width:
        return None
    return amount(row.texts[at]) or 0.0, (after + [0.0] * width)[:width]


def _read(layout: Layout, region: Region, final: bool) -> tuple[IncomeLineFact, ...]:
    rows = table_rows(region.lines)
    total = next((i for i, row in enumerate(rows) if _is_total(row)), None)
    if total is None:
        return ()
    names, subtotal = _columns(rows[:total])
    read = _amounts(rows[total], len(names) + subtotal)
    if not names or read is None:
        return ()
    whole, values = read
    parts = values[subtotal:]
    if any(v is None for v in parts) or abs(sum(v or 0.0 for v in parts) - whole) > _CENT * len(parts):
        return ()  # a cell that is not an amount, or columns that do not add up: not what the header says
    row = rows[total]
    ref = source(layout, row.first, row.last)
    found: dict[str, float] = {}
    for name, value in zip(names, parts, strict=True):
        if name == _CARRYOVER:
            continue
        key = _FINAL_NAMES.get(name, name) if final else name
        found[key] = round(found.get(key, 0.0) + (region.wan(value) or 0.0), 6)
    return tuple(IncomeLineFact(name, value, ref) for name, value in found.items())


def read_income_table(layout: Layout) -> tuple[IncomeLineFact, ...]:
    """The sources of the first 收入总表 with a 合计 row, by its column names; ``()`` without one.

    Usage example::

        lines = read_income_table(read_text("corpus/seeds/003_911f9712737d8e1a.txt"))
        {line.funding_source: line.amount_wan for line in lines if line.amount_wan}
        # {'一般公共预算': 740.6, '上级一般公共预算转移支付': 13.83, '单位资金': 5.15}
    """
    for region in find_regions(layout):
        title = _title(layout, region)
        if _is_income(title) and (lines := _read(layout, region, "决算" in title)):
            return lines
    return ()
