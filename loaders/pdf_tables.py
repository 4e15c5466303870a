"""Ruled tables of a PDF page, read from their ruling lines.

pdfplumber finds the cells that the ruling lines enclose; a merged cell is simply a larger box. The
grid is rebuilt from the distinct cell edges, so each box knows the rows and columns it covers, and
every character is placed by its centre, which survives any drawing order. Merges are undone as
:func:`loaders.cells.grid_rows` says (horizontal: first column; vertical: every row). A box that
frames a single cell is a decoration, not a table, and its text stays with the page's lines.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from loaders.cells import GridCell, grid_rows, join_wrapped
from loaders.pdf_settings import PDF
from loaders.pdf_text import Char, TextLine, first_word_printed, text_lines

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True)
class TableCell:
    """A ruled box and its text; a merged cell is one larger box. ``room``: the space left at the
    end of its text's last line, in font sizes, inside the padding its text keeps on the left (a
    line that wrapped left less than the word that went on; without text, infinite)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    room: float = math.inf
    lead: float = 0.0
    """The width of the first word of its text, in font sizes (:func:`~loaders.pdf_text.first_word_printed`)."""


@dataclass(frozen=True)
class TableBlock:
    """One ruled table as found on one page: its boxes, gridded into rows on demand."""

    cells: tuple[TableCell, ...]

    @property
    def columns(self) -> list[float]:
        """The x positions of the column rules."""
        return _edges([x for cell in self.cells for x in (cell.x0, cell.x1)])

    @property
    def top(self) -> float:
        return min(cell.top for cell in self.cells)

    def rows(self, columns: Sequence[float] | None = None) -> list[tuple[str, ...]]:
        """The rows of cell texts on this table's own column rules, or on ``columns``: a table
        continued from another page is gridded on the rules of all its parts, since a part whose
        rows all span some columns shows fewer rules than the table has."""
        xs = list(columns) if columns is not None else self.columns
        ys = _edges([y for cell in self.cells for y in (cell.top, cell.bottom)])
        grid = []
        for cell in self.cells:
            r0, c0 = _index(ys, cell.top), _index(xs, cell.x0)
            grid.append(GridCell(r0, c0, cell.text, _index(ys, cell.bottom) - r0, _index(xs, cell.x1) - c0))
        return grid_rows(len(ys) - 1, len(xs) - 1, grid)

    def leads(self, columns: Sequence[float]) -> list[dict[int, float]]:
        """For each row of :meth:`rows`, the :attr:`TableCell.lead` of its cells with text, by column."""
        ys = _edges([y for cell in self.cells for y in (cell.top, cell.bottom)])
        rows: list[dict[int, float]] = [{} for _ in ys[1:]]
        for cell in self.cells:
            if cell.text:
                for r in range(_index(ys, cell.top), _index(ys, cell.bottom)):
                    rows[r][_index(columns, cell.x0)] = cell.lead
        return [row for row in rows if row]

    def room_at_bottom(self, columns: Sequence[float]) -> dict[int, float]:
        """The room (:attr:`TableCell.room`) of the cells along the table's bottom edge, by column
        on ``columns``: where a row broken by the page may have left text to go on."""
        bottom = max(cell.bottom for cell in self.cells)
        return {_index(columns, cell.x0): cell.room for cell in self.cells
                if bottom - cell.bottom <= PDF.edge_tolerance}


def page_tables(page: Any, chars: Sequence[Char]) -> tuple[list[TableBlock], list[Char]]:
    """The page's ruled tables, and the characters outside their cells."""
    tables: list[TableBlock] = []
    claimed: set[int] = set()
    for found in page.find_tables():
        block = _table(found.cells, chars, claimed)
        if block is not None:
            tables.append(block)
    return tables, [char for i, char in enumerate(chars) if i not in claimed]


def _table(boxes: Sequence[Box], chars: Sequence[Char], claimed: set[int]) -> TableBlock | None:
    xs = _edges([x for box in boxes for x in (box[0], box[2])])
    ys = _edges([y for box in boxes for y in (box[1], box[3])])
    if (len(xs) - 1) * (len(ys) - 1) < 2:
        return None
    owner: dict[tuple[int, int], int] = {}
    for i, box in enumerate(boxes):
        for r in range(_index(ys, box[1]), _index(ys, box[3])):
            for c in range(_index(xs, box[0]), _index(xs, box[2])):
                owner[(r, c)] = i
    inside: list[list[Char]] = [[] for _ in boxes]
    for i, char in enumerate(chars):
        x = (float(char["x0"]) + float(char["x1"])) / 2
        y = (float(char["top"]) + float(char["bottom"])) / 2
        cell = owner.get((bisect_right(ys, y) - 1, bisect_right(xs, x) - 1))
        if cell is not None and xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]:
            inside[cell].append(char)
            claimed.add(i)
    lines = [text_lines(chars) for chars in inside]
    # The cells' padding: where the text of the cells that hug their left edge begins.
    padding = max(0.0, min((ls[0].x0 - b[0] for ls, b in zip(lines, boxes, strict=True) if ls), default=0.0))
    return TableBlock(tuple(_cell(ls, b, padding) for ls, b in zip(lines, boxes, strict=True)))


def _cell(lines: Sequence[TextLine], box: Box, padding: float) -> TableCell:
    x0, top, x1, bottom = map(float, box)
    if not lines:
        return TableCell("", x0, x1, top, bottom)
    room = (x1 - padding - lines[-1].x1) / lines[-1].size
    return TableCell(join_wrapped(line.text for line in lines), x0, x1, top, bottom, room, first_word_printed(lines[0]))


def _edges(values: Sequence[float], tolerance: float = PDF.edge_tolerance) -> list[float]:
    """Distinct positions, those within the tolerance taken as one."""
    edges: list[float] = []
    for value in sorted(float(v) for v in values):
        if not edges or value - edges[-1] > tolerance:
            edges.append(value)
    return edges


def merged_columns(tables: Sequence[TableBlock]) -> list[float]:
    """The column rules of all parts of one table (drawn by page, they may stray by a point or two)."""
    return _edges([x for table in tables for x in table.columns], PDF.part_tolerance)


def _index(edges: Sequence[float], value: float) -> int:
    """The grid line nearest ``value``."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))
