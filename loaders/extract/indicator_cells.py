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
    deviation_column: int = -1


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


def _beside(row: list[tuple[int, str]], at: int, offset: int | None) -> tuple[int, str | None]:
    """The column ``offset`` cells right of the filled cell ``at`` (the header's order; blank
    cells count, shifted rows keep their cells together) and its text, ``None`` when blank."""
    if offset is None:
        return -1, None
    column = row[at][0] + offset
    return column, next((t for k, t in row if k == column), None)


def _read(row: list[tuple[int, str]], columns: Columns, line: int) -> _Read | None:
    """A row from its filled ``(column, text)`` cells: [levels] name 指标值 [实际完成值] anchor,
    and beside the anchor the 上年完成值 (after the 设置依据) or the 偏差原因 (after the 得分)."""
    anchor = _anchor([t for _, t in row], columns)
    if anchor is None:
        return None
    end, weight, score = anchor
    _, prior = _beside(row, end, columns.offset("basis", "prior")) if columns.basis else (-1, None)
    deviation_column, deviation = (
        _beside(row, end + 1, columns.offset("score", "deviation")) if columns.actual else (-1, None)
    )
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
    draft = Draft(None, None, name, tidy_value(target), line, line, tidy_value(actual), weight, score, levels,
                  prior=prior and tidy_value(prior), deviation=deviation)
    return _Read(draft, row[at][0] if size else -1, deviation_column)


def _lead(row: Sequence[str]) -> int:
    """How many cells on the left are blank or level pieces."""
    k = 0
    while k < len(row) and (not row[k] or is_level_piece(compact(row[k]))):
        k += 1
    return k


def cell_rows(lines: Sequence[Line], columns: Columns) -> list[Draft]:
    """Rows of a table whose rows kept their cells, level pieces joined down each column."""
    drafts: list[Draft] = []
    target_column = deviation_column = -1
    for line in lines:
        row = cells(line)
        read = _read([(k, t) for k, t in enumerate(row) if t], columns, line.number)
        if read is not None:
            drafts.append(read.draft)
            target_column, deviation_column = read.target_column, read.deviation_column
            continue
        if not drafts:
            continue
        last = drafts[-1]  # a spill-over: more level pieces, the rest of a 指标值 cut after its sign or of a 偏差原因
        target = last.target
        if target and target[-1] in OPERATORS + "/" and 0 <= target_column < len(row) and row[target_column]:
            target = tidy_value(f"{target} {row[target_column]}")
        deviation = last.deviation
        if deviation and 0 <= deviation_column < len(row) and row[deviation_column]:
            deviation += row[deviation_column]
        pieces = tuple((k, compact(row[k])) for k in range(_lead(row)) if row[k])
        drafts[-1] = replace(last, target=target, deviation=deviation, levels=last.levels + pieces)
    return labelled(drafts, restore=False)
