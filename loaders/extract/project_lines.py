"""一般公共预算项目支出情况表 (项目支出决算表): each project's money by 功能分类 code and 经济分类 column.

A row is one project under a 7-digit 功能分类 code (类/款/项 cells, one ``2080109`` cell, or
``208 01 09`` words; a lone 项 takes 类 and 款 from the rows above, as in the expenditure tables),
then its 项目支出合计 and one amount per 经济分类 column. The 总计 row, the unit's row and the
类/款 subtotals are not projects. Columns are known by their header names, never by position:
headers wrap words across cells and lines (``对个人和 家庭的补 助``), merge or garble the code
columns, and units leave columns out, so the k-th amount after 合计 belongs to the k-th column
the header names after 合计.

Where a rendering kept the cells, blanks say which column holds the money. Where it ran them
together by spaces, a row that prints every column still reads in order; any other row gives
only its 合计, its column unknown, never guessed. A table with a single 金额 column gives the same.

Usage example::

    lines = read_project_lines(read_text("corpus/seeds/003_911f9712737d8e1a.txt"))
    lines[1].project, lines[1].function_code, lines[1].economic_code, lines[1].amount_wan
    # ('2024年社会保险经办服务和中心运行项目', '2080109', '302', 58.5)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from loaders.extract.function_rows import Row, code_head, is_code, items
from loaders.extract.joined import canonical_name, source
from loaders.extract.table_regions import Region, TableKind, find_regions
from loaders.extract.table_text import TableRow, Token, amount, compact, is_amount, is_index_row, table_rows
from loaders.facts import ProjectLineFact
from loaders.layout import Layout

# 经济分类 classes of the columns: (code, name as the template prints it, pattern on compacted text).
# A name that another contains comes after it (资本性支出 after 资本性支出(基本建设)).
_CLASSES: tuple[tuple[str, str, str], ...] = (
    ("309", "资本性支出(基本建设)", r"资本性支出\(基本建设\)"),
    ("311", "对企业补助(基本建设)", r"对企业补助\(基本建设\)"),
    ("301", "工资福利支出", r"工资福利支出"),
    ("302", "商品和服务支出", r"商品和?服务支出"),
    ("303", "对个人和家庭的补助", r"对个人和家庭的?补助"),
    ("307", "债务利息及费用支出", r"债务利息及?费用支出"),
    ("310", "资本性支出", r"资本性支出"),
    ("312", "对企业补助", r"对企业补助"),
    ("313", "对社会保障基金补助", r"对社会保障基金补助"),
    ("399", "其他支出", r"其他支出"),
)
_CLASS = re.compile("|".join(f"(?P<c{code}>{pattern})" for code, _, pattern in _CLASSES))
_NAMES = {code: name for code, name, _ in _CLASSES}
_TOTAL = re.compile(r"合计|金额|小计")  # the 项目支出合计 column, where the named columns start
_PREAMBLE = re.compile(r"单位:(?:万元|元)|编制(?:部门|单位):")  # 编制部门 … 单位：万元, not a header
_TOTAL_NAMES = frozenset({"总计", "合计"})
_ROW_CODE = re.compile(r"^2\d{2}(?: ?\d{2}){0,2}$")  # a code that opens a row: 208, 208 01, 2080109
_CENT = 0.005


@dataclass(frozen=True)
class Column:
    """A column after 合计: its 经济分类 class, or only its header text when it names none."""

    code: str | None
    name: str


@dataclass(frozen=True)
class _Read:
    """A body row: ``row`` (code as printed, 合计, lines) for the 类/款/项 carry-down, its name
    texts (cells: function name and project; words: all of them) and its amounts after 合计 (cells:
    by column, ``None`` for a blank; words: in order)."""

    row: Row
    names: tuple[str, ...]
    positional: bool
    amounts: tuple[float | None, ...]


def _column(text: str) -> Column | None:
    if not text:
        return None
    m = _CLASS.search(text)
    code = next((k[1:] for k, v in m.groupdict().items() if v), None) if m else None
    return Column(code, _NAMES[code]) if code else Column(None, text)


def _columns(header: Sequence[TableRow]) -> tuple[Column | None, ...]:
    """The columns after 合计, by the header's cells where it has them, else by its words."""
    rows = [r for r in header if not _PREAMBLE.search("".join(compact(t) for t in r.texts))]
    cell_rows = [r for r in rows if r.positional]
    width = max((len(r.texts) for r in cell_rows), default=0)
    texts = ["".join(compact(r.texts[i]) for r in cell_rows if i < len(r.texts)) for i in range(width)]
    anchor = next((i for i, text in enumerate(texts) if _TOTAL.search(text)), None)
    if anchor is not None:
        named = [_column(text) for text in texts[anchor + 1 :]]
        while named and named[-1] is None:
            named.pop()
        return tuple(named)
    text = "".join(compact(t) for r in rows for t in r.texts)
    start = m.end() if (m := _TOTAL.search(text)) else 0
    return tuple(c for found in _CLASS.finditer(text, start) if (c := _column(found[0])) is not None)


def _opens_body(row: TableRow) -> bool:
    """The column numbers (※ 1 2 3), a row with a code, or the 总计 row (the header's 合计 has no amount)."""
    first = next((t for t in row.texts if t), "")
    total = compact(first) in _TOTAL_NAMES and any(amount(t) is not None for t in row.texts)
    return is_index_row(row.texts) or bool(_ROW_CODE.match(first)) or total


def _cell_read(row: TableRow) -> _Read | None:
    """A cell row: code cells, name cells up to the first amount (合计), then one cell a column."""
    cells = row.texts
    head = code_head(cells)
    if head is None:
        return None
    at = next((i for i in range(head.name_at, len(cells)) if amount(cells[i]) is not None), None)
    if at is None or at == head.name_at:
        return None
    names = cells[head.name_at : at]
    amounts = tuple(amount(c) if c else None for c in cells[at + 1 :])
    code_row = Row(head.code, head.columns, compact(names[0]), amount(cells[at]), None, None, row.first, row.last)
    return _Read(code_row, names, True, amounts)


def _opens_row(tokens: Sequence[Token]) -> bool:
    """Words that print a 功能分类 code (digits only: ``24.48`` is five characters, but an amount)."""
    shape = tuple(len(t.text) for t in tokens)
    digits = bool(tokens) and all(t.text.isdigit() for t in tokens)
    return digits and tokens[0].text.startswith("2") and shape in {(7,), (3,), (3, 2), (3, 2, 2), (5,), (5, 2)}


def _next_code(pending: Sequence[Token], total_next: bool) -> int | None:
    """How many of the numbers after a name are the next row's code; None when they are no row's
    end (a number inside a project name: ``95 年以前…``, ``特定目标 64100014``)."""
    for k in (3, 2, 1):
        if k < len(pending) and _opens_row(pending[-k:]):
            return k
    if total_next or any("." in t.text for t in pending):
        return 0  # before 合计, or after amounts no name carries: a row without a code follows
    return None


def _consistent(values: Sequence[float]) -> bool:
    """合计 first, then the columns that add up to it."""
    return len(values) > 1 and abs(values[0] - sum(values[1:])) <= len(values) * _CENT


def _word_read(code: list[Token], name: list[Token], numbers: list[Token], width: int) -> _Read:
    """A row from words: its amounts are the trailing numbers where 合计 is the sum of the rest
    (one number when the table has no named column); numbers before them belong to the name."""
    run = len(numbers)
    while run and is_amount(numbers[run - 1].text):
        run -= 1
    values = [amount(t.text) or 0.0 for t in numbers]
    if width == 0:
        start = max(run, len(numbers) - 1)
    else:
        start = next((j for j in range(run, len(numbers)) if _consistent(values[j:])), run)
    words = [*name, *numbers[:start]]
    lines = [t.line for t in (*code, *words, *numbers)]
    total = values[start] if start < len(values) else None
    row = Row(tuple(t.text for t in code), None, compact(words[0].text), total, None, None, min(lines), max(lines))
    return _Read(row, tuple(t.text for t in words), False, tuple(values[start + 1 :]))


def _word_reads(tokens: Sequence[Token], width: int) -> list[_Read]:
    """Rows from words in reading order: [code] names [amounts], a row ending where numbers give
    way to the next row's code (or to 合计)."""
    reads: list[_Read] = []
    code: list[Token] = []
    name: list[Token] = []
    pending: list[Token] = []
    for token in tokens:
        if is_amount(token.text) or is_code(token.text):
            (pending if name else code).append(token)
            continue
        if name and pending:
            k = _next_code(pending, compact(token.text) in _TOTAL_NAMES)
            if k is None:
                name += pending
            else:
                reads.append(_word_read(code, name, pending[: len(pending) - k], width))
                code, name = pending[len(pending) - k :], []
            pending = []
        name.append(token)
    if name:
        reads.append(_word_read(code, name, pending, width))
    return reads


def _body(rows: Sequence[TableRow], width: int) -> list[_Read]:
    reads: list[_Read] = []
    words: list[Token] = []
    for row in rows:
        if is_index_row(row.texts):
            continue
        if not row.positional:
            words += [Token(t, row.first) for t in row.texts]
            continue
        reads += _word_reads(words, width)
        words = []
        if (read := _cell_read(row)) is not None:
            reads.append(read)
    return reads + _word_reads(words, width)


def _names(read: _Read, code: str, function_names: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(function name, project name) of a row; no project for a subtotal or the unit's row."""
    if read.positional:
        names = [compact(name) or None for name in read.names]
        return (names[0], names[-1]) if len(names) > 1 else (names[0], None)
    text = "".join(compact(t) for t in read.names)
    known = compact(function_names.get(code, ""))
    if known and text.startswith(known):
        return known, text[len(known) :] or None
    return compact(read.names[0]), "".join(compact(t) for t in read.names[1:]) or None


def _region_lines(
    layout: Layout, region: Region, function_names: Mapping[str, str]
) -> list[ProjectLineFact]:
    rows = table_rows(region.lines)
    start = next((i for i, row in enumerate(rows) if _opens_body(row)), len(rows))
    columns = _columns(rows[:start])
    reads = _body(rows[start:], len(columns))
    by_row = {id(it.row): it.code for it in items([read.row for read in reads])}
    lines: list[ProjectLineFact] = []
    for read in reads:
        code = by_row.get(id(read.row))
        if code is None or not read.row.total:
            continue
        function_name, project = _names(read, code, function_names)
        if project is None:
            continue
        placed: list[tuple[Column | None, float]] = []
        if read.positional or len(read.amounts) == len(columns):
            placed = [(columns[k] if k < len(columns) else None, v) for k, v in enumerate(read.amounts) if v]
        for column, value in placed or [(None, read.row.total)]:
            lines.append(
                ProjectLineFact(
                    project=canonical_name(project),
                    function_code=code,
                    economic_class=column.name if column else None,
                    amount_wan=region.wan(value),
                    source=source(layout, read.row.first, read.row.last),
                    economic_code=column.code if column else None,
                    function_name=function_name,
                    row_total_wan=region.wan(read.row.total),
                )
            )
    return lines


def read_project_lines(
    layout: Layout, function_names: Mapping[str, str] | None = None, regions: Sequence[Region] | None = None
) -> tuple[ProjectLineFact, ...]:
    """Every project line of the document's 项目支出 tables, in table order.

    ``function_names`` (7-digit code → name, from the expenditure tables) tells where a function
    name ends and the project's begins when a rendering ran the cells together."""
    found = regions if regions is not None else find_regions(layout)
    return tuple(
        line
        for region in found
        if region.kind == TableKind.PROJECT and region.lines
        for line in _region_lines(layout, region, function_names or {})
    )
