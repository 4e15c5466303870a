"""Read spreadsheet disclosures (.xlsx through openpyxl, legacy .xls through xlrd) into the layout.

Units attach the standard tables as workbooks, one table or one part per sheet, with titles and
notes in single cells above and below. Each sheet is a page. A cell reads as the sheet shows it:
amounts through their number format (``#,##0.00`` gives ``1,003.16``), so a table row comes out as a
tab-rendered text table prints it. In each run of non-empty rows, the rows with two or more values
(or a merged cell) and the rows between them form a table, read as rows of cells with merges
undone (:mod:`loaders.cells`); a lone value in the first column before or after them is narrative.

Usage example::

    layout = read_xlsx("附件2 部门预算公开表.xlsx")
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import xlrd

from loaders.cells import GridCell, LineSink, grid_rows, join_wrapped
from loaders.guards import check_archive, library_errors
from loaders.layout import Layout
from loaders.limits import Deadline, ReaderLimits

Merge = tuple[int, int, int, int]  # first row, first column, rows, columns (0-based)


def read_xlsx(path: str | Path, limits: ReaderLimits | None = None) -> Layout:
    """Read a .xlsx workbook; raise :class:`DocumentError` for a damaged, encrypted or oversized one."""
    name = str(path)
    limits = limits or ReaderLimits.from_env()
    data = limits.read(name)
    check_archive(name, data, "XLSX", limits)
    sink = LineSink()
    with limits.deadline(name) as deadline, library_errors(name, "XLSX"):
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        limits.check_pages(name, len(book.worksheets))
        for page, sheet in enumerate(book.worksheets, start=1):
            deadline.check(f"sheet {sheet.title}")
            # The cells the file holds, not the sheet's bounding box: a style applied down to row
            # 1,048,576 would otherwise make a million empty rows.
            shown = {(r - 1, c - 1): display(cell.value, cell.number_format)
                     for (r, c), cell in sheet._cells.items() if cell.value is not None}
            values = [[shown.get((r, c), "") for c in range(1 + max((c for _, c in shown), default=-1))]
                      for r in range(1 + max((r for r, _ in shown), default=-1))]
            merges = [(m.min_row - 1, m.min_col - 1, m.max_row - m.min_row + 1, m.max_col - m.min_col + 1)
                      for m in sheet.merged_cells.ranges]
            sheet_lines(sink, page, values, merges, deadline)
    return sink.layout(name, data, "xlsx")


def read_xls(path: str | Path, limits: ReaderLimits | None = None) -> Layout:
    """Read a legacy .xls (BIFF) workbook."""
    name = str(path)
    limits = limits or ReaderLimits.from_env()
    data = limits.read(name)
    sink = LineSink()
    with limits.deadline(name) as deadline, library_errors(name, "XLS"):
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
        limits.check_pages(name, book.nsheets)
        for page, sheet in enumerate(book.sheets(), start=1):
            deadline.check(f"sheet {sheet.name}")
            values = [[_xls_display(book, sheet, r, c) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
            merges = [(r0, c0, r1 - r0, c1 - c0) for r0, r1, c0, c1 in sheet.merged_cells]
            sheet_lines(sink, page, values, merges, deadline)
    return sink.layout(name, data, "xls")


def _xls_display(book: xlrd.book.Book, sheet: xlrd.sheet.Sheet, row: int, col: int) -> str:
    cell = sheet.cell(row, col)
    value: object = cell.value
    if cell.ctype == xlrd.XL_CELL_DATE:
        value = xlrd.xldate.xldate_as_datetime(float(cell.value), book.datemode)
    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
        value = bool(cell.value)
    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        value = None
    fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key) if cell.xf_index is not None else None
    return display(value, fmt.format_str if fmt is not None else "General")


def display(value: object, number_format: str) -> str:
    """A cell's value as the sheet shows it (the common number formats; others as General)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        return _number(float(value), number_format)
    return join_wrapped(str(value).splitlines())


def _number(value: float, number_format: str) -> str:
    section = number_format.split(";")[0]
    if section.lower() in ("general", "@", ""):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    percent = "%" in section
    if percent:
        value *= 100
    fraction = section.split(".", 1)[1] if "." in section else ""
    decimals = len(fraction) - len(fraction.lstrip("0#"))
    grouping = "," if "," in section.split(".")[0] else ""
    return f"{value:{grouping}.{decimals}f}" + ("%" if percent else "")


def sheet_lines(
    sink: LineSink, page: int, values: Sequence[Sequence[str]], merges: Sequence[Merge], deadline: Deadline
) -> None:
    """One sheet's rows into lines: narrative and tables, as the module docstring says."""
    filled = [any(cell.strip() for cell in row) for row in values]
    start = 0
    while start < len(values):
        end = start
        while end < len(values) and filled[end]:
            end += 1
        if end > start:
            deadline.check(f"sheet {page} row {start + 1}")
            _block(sink, page, values, range(start, end), merges)
        start = end + 1


def _block(sink: LineSink, page: int, values: Sequence[Sequence[str]], rows: range, merges: Sequence[Merge]) -> None:
    merged = {m[0] + i for m in merges for i in range(m[2]) if m[2] > 1 or m[3] > 1}
    table = [r for r in rows if r in merged or sum(bool(cell.strip()) for cell in values[r]) > 1]
    first, last = (table[0], table[-1] + 1) if table else (rows.stop, rows.stop)
    for r in range(rows.start, first):
        sink.text(_lone(values[r]), page)
    for row in _table_rows(values, range(first, last), merges):
        sink.row(row, page)
    for r in range(last, rows.stop):
        sink.text(_lone(values[r]), page)


def _lone(row: Sequence[str]) -> str:
    return "\t".join(cell for cell in row if cell.strip())


def _table_rows(values: Sequence[Sequence[str]], rows: range, merges: Sequence[Merge]) -> list[tuple[str, ...]]:
    """The rows ``rows`` as a table, from its leftmost to its rightmost used column."""
    if not rows:
        return []
    inside = [m for m in merges if m[0] in rows]
    hidden = {(m[0] + i, m[1] + j) for m in merges for i in range(m[2]) for j in range(m[3])}
    used = [c for r in rows for c, cell in enumerate(values[r]) if cell.strip()]
    used += [c for m in inside for c in (m[1], m[1] + m[3] - 1)]
    left, right = min(used), max(used) + 1
    cells = [
        GridCell(r - rows.start, c - left, values[r][c])
        for r in rows for c in range(left, min(right, len(values[r]))) if (r, c) not in hidden
    ]
    cells += [
        GridCell(m[0] - rows.start, m[1] - left, _value(values, m[0], m[1]), min(m[2], rows.stop - m[0]), m[3])
        for m in inside if m[1] >= left
    ]
    return grid_rows(len(rows), right - left, cells)


def _value(values: Sequence[Sequence[str]], row: int, col: int) -> str:
    return values[row][col] if row < len(values) and col < len(values[row]) else ""
