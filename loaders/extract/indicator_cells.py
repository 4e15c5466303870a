"""Indicator rows of a table that kept its cells (tabs, markdown pipes), one row a line.

Cells give the boundaries but not always the columns: converters shift a row's cells left or
right and print a merged 一级/二级 cell in pieces down its column ("数量" above "指标", "满意"
above "度指 标"). So a row is read from its right: the 设置依据 cell, or the 分值 (and 得分)
numbers, anchor it and the cells before are 指标值 and name; the level pieces on its left are
joined down each column. A line with no anchor spills over from the row above (the rest of a
cut 指标值, more level pieces).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from loaders.extract.indicator_rows import OPERATORS, Columns, Draft, Word, labelled, name_of, number
from loaders.extract.levels import BASES, is_level_piece, tidy_value
from loaders.extract.table_text import cells, compact
from loaders.layout import Line


@dataclass(frozen=True)
class _Read:
    draft: Draft
    target_column: int


def _anchor(texts: list[str], columns: Columns) -> tuple[int, float | None, float | None] | None:
    """Index of the first cell after the 指标值 and the 分值/得分 found; ``None`` if unanchored."""
    numbers = [number(t) for t in texts]
    if columns.actual:
        pairs = [k for k in range(len(texts) - 1) if numbers[k] is not None and numbers[k + 1] is not None]
        return (pairs[-1], numbers[pairs[-1]], numbers[pairs[-1] + 1]) if pairs else None
    if columns.basis:
        b = next((k for k, t in enumerate(texts) if compact(t) in BASES), None)
        if b is None:
            return None
        return b, next((numbers[k] for k in range(b + 2, len(texts)) if numbers[k] is not None), None), None
    if columns.weight:
        return (len(texts) - 1, numbers[-1], None) if numbers and numbers[-1] is not None else None
    return len(texts), None, None


def _read(row: list[tuple[int, str]], columns: Columns, line: int) -> _Read | None:
    """A row from its filled ``(column, text)`` cells: [levels] name 指标值 [实际完成值] anchor."""
    anchor = _anchor([t for _, t in row], columns)
    if anchor is None:
        return None
    end, weight, score = anchor
    size = min(len(row[:end]) - 1, 2 if columns.actual else 1)  # 指标值 (and 实际完成值) cells
    if size < 0:
        return None
    at = end - size
    lead = 0
    while lead < at - 1 and is_level_piece(compact(row[lead][1])):  # the name itself is never a level
        lead += 1
    target = row[at][1] if size else ""
    actual = row[at + 1][1] if size == 2 else ""
    name = name_of([Word(t, line) for _, t in row[lead:at]])
    levels = tuple((k, compact(t)) for k, t in row[:lead])
    draft = Draft(None, None, name, tidy_value(target), line, line, tidy_value(actual), weight, score, levels)
    return _Read(draft, row[at][0] if size else -1)


def _lead(row: Sequence[str]) -> int:
    """How many cells on the left are blank or level pieces."""
    k = 0
    while k < len(row) and (not row[k] or is_level_piece(compact(row[k]))):
        k += 1
    return k


def cell_rows(lines: Sequence[Line], columns: Columns) -> list[Draft]:
    """Rows of a table whose rows kept their cells, level pieces joined down each column."""
    drafts: list[Draft] = []
    target_column = -1
    for line in lines:
        row = cells(line)
        read = _read([(k, t) for k, t in enumerate(row) if t], columns, line.number)
        if read is not None:
            drafts.append(read.draft)
            target_column = read.target_column
            continue
        if not drafts:
            continue
        last = drafts[-1]  # a spill-over: more level pieces, the rest of a 指标值 cut after its sign
        target = last.target
        if target and target[-1] in OPERATORS + "/" and 0 <= target_column < len(row) and row[target_column]:
            target = tidy_value(f"{target} {row[target_column]}")
        pieces = tuple((k, compact(row[k])) for k in range(_lead(row)) if row[k])
        drafts[-1] = replace(last, target=target, levels=last.levels + pieces)
    return labelled(drafts, restore=False)
