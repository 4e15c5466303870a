"""Read a generated text disclosure back into blocks (headings, paragraphs, tables) for re-rendering.

The PDF/DOCX/XLSX renderers start from the *text* of a generated document, not from its plan, so
what they print is exactly what the text says, and the facts read from the rendered file can be
compared with the facts read from the text. Tables are recognised as the text layouts print them:
markdown pipe rows, or tab-separated rows running until the next blank line (a row whose only cell
is its first prints without a tab, and stays in its table). Wrapped-layout tables, cells joined by
spaces, have no recoverable columns and stay paragraphs, as a converter would have left them.

Usage example::

    blocks = parse_blocks(generate_corpus(1, seed=7)[0].text)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from samples.render import Block, Heading, Para, Table

_MARKDOWN_RULE = frozenset("|-: ")


def parse_blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        end = i + 1
        if not line.strip():
            pass
        elif line.startswith("|"):
            end = _run_end(lines, i, lambda s: s.startswith("|"))
            blocks += _table([_pipe_cells(s) for s in lines[i:end] if not set(s) <= _MARKDOWN_RULE])
        elif "\t" in line:
            end = _run_end(lines, i, lambda s: bool(s.strip()))
            blocks += _table([s.split("\t") for s in lines[i:end]])
        else:
            blocks.append(line_block(line))
        i = end
    return blocks


def _run_end(lines: list[str], start: int, keep: Callable[[str], bool]) -> int:
    end = start
    while end < len(lines) and keep(lines[end]):
        end += 1
    return end


def _pipe_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip()[1:-1].split("|")]


def _table(rows: list[list[str]]) -> list[Block]:
    """The rows padded to one width, as a table (none when the run held only rule rows)."""
    width = max((len(row) for row in rows), default=0)
    return [Table(tuple(tuple(row) + ("",) * (width - len(row)) for row in rows))] if rows else []


def line_block(line: str) -> Block:
    if line.startswith("#"):
        marks = len(line) - len(line.lstrip("#"))
        return Heading(min(marks - 1, 3), line[marks:].strip())
    if line.startswith("- "):
        return Para(line[2:], item=True)
    return Para(line)


@dataclass(frozen=True)
class Span:
    """A merged cell: its top-left position and how many rows and columns it covers."""

    row: int
    col: int
    rows: int
    cols: int


_LEVEL_HEADERS = ("一级指标", "二级指标")


def merged_cells(table: Table) -> list[Span]:
    """The merges a publisher's template makes, and that a reader must undo exactly.

    Header rows (the table's ``header_rows``, and an indicator table's rows above its 一级指标
    header) span a label across the empty cells after it, and in a header of several rows down over
    the empty cells below it too (the text printed it once); below that header the 一级/二级指标 columns
    merge runs of equal values vertically, and with ``merge_down`` a value over the empty cells
    below it. Readers give a horizontal span's text to its first column only and a vertical span's
    text to every row, which is what the text layouts print (``merge_down`` aside: the text printed
    the merged cell once).
    """
    rows = table.rows
    header = next((i for i, row in enumerate(rows) if row and "".join(row[0].split()) == _LEVEL_HEADERS[0]), None)
    if header is None and table.header_rows > 1:
        spans = _header_spans(rows, table.header_rows)
    else:
        spans = _row_spans(rows, range(table.header_rows if header is None else header))
    if header is not None:
        for col, name in enumerate(rows[header]):
            if "".join(name.split()) in _LEVEL_HEADERS:
                spans += _column_spans(rows, col, header + 1, down=table.merge_down)
    return spans


def _row_spans(rows: tuple[tuple[str, ...], ...], which: range) -> list[Span]:
    spans = []
    for r in which:
        row = rows[r]
        for c, text in enumerate(row):
            if not text:
                continue
            end = c + 1
            while end < len(row) and not row[end]:
                end += 1
            if end - c > 1:
                spans.append(Span(r, c, 1, end - c))
    return spans


def _header_spans(rows: tuple[tuple[str, ...], ...], height: int) -> list[Span]:
    """A header of several rows: a label spans the empty cells after it, then down over the empty
    cells below (the 功能分类科目名称 beside 类/款/项, 合计 over its 小计 row)."""
    covered: set[tuple[int, int]] = set()
    spans = []
    for r in range(height):
        row = rows[r]
        for c, text in enumerate(row):
            if not text or (r, c) in covered:
                continue
            end_col = c + 1
            while end_col < len(row) and not row[end_col] and (r, end_col) not in covered:
                end_col += 1
            end = r + 1
            while end < height and not any(rows[end][c:end_col]) and not any(
                    (end, k) in covered for k in range(c, end_col)):
                end += 1
            covered |= {(r2, c2) for r2 in range(r, end) for c2 in range(c, end_col)}
            if end_col - c > 1 or end - r > 1:
                spans.append(Span(r, c, end - r, end_col - c))
    return spans


def _column_spans(rows: tuple[tuple[str, ...], ...], col: int, start: int, *, down: bool = False) -> list[Span]:
    """Runs of one value in ``col``, each run kept inside its parent run in the columns to the left;
    ``down``: also over the empty cells below a level (``…指标``) in rows that go on to the right."""
    spans = []
    r = start
    while r < len(rows):
        end = r + 1
        while end < len(rows) and rows[r][col] and _same_run(rows[r], rows[end], col, down):
            end += 1
        if end - r > 1:
            spans.append(Span(r, col, end - r, 1))
        r = end
    return spans


def _same_run(first: tuple[str, ...], row: tuple[str, ...], col: int, down: bool) -> bool:
    if row[: col + 1] == first[: col + 1]:
        return True
    if not down or row[col] or not "".join(first[col].split()).endswith("指标") or not any(row[col + 1 :]):
        return False
    return all(not mine or mine == theirs for mine, theirs in zip(row[:col], first[:col], strict=True))
