"""What every binary reader does the same way: undo merged cells, rejoin wrapped text, number lines.

PDF, DOCX and spreadsheet tables all merge cells, and the text extractors read one line per table
row with every row self-contained, as the text layouts print them. So a reader gives a horizontal
merge's text to its first column (the columns it covers stay empty) and a vertical merge's text to
every row it covers (an indicator's 一级指标 on each of its rows). Text a narrow column or cell
wrapped is joined without a separator, except between two Latin letters, where the break stood for
a space (between digits it more likely cut a number).

Usage example::

    grid_rows(2, 2, [GridCell(0, 0, "产出指标", rows=2), GridCell(0, 1, "数量"), GridCell(1, 1, "质量")])
    # [('产出指标', '数量'), ('产出指标', '质量')]
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from loaders.characters import normalise_characters
from loaders.layout import Layout, Line


@dataclass(frozen=True)
class GridCell:
    """A cell at its top-left grid position, with the rows and columns it covers."""

    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1


def grid_rows(height: int, width: int, cells: Iterable[GridCell]) -> list[tuple[str, ...]]:
    """The table as rows of cell texts, merges undone; rows left wholly empty are dropped."""
    grid = [[""] * width for _ in range(height)]
    for cell in cells:
        for row in range(cell.row, min(cell.row + cell.rows, height)):
            if cell.col < width:
                grid[row][cell.col] = cell.text
    return [tuple(row) for row in grid if any(row)]


def join_wrapped(parts: Iterable[str]) -> str:
    """Rejoin the pieces of text that a line or cell width cut apart."""
    text = ""
    for part in parts:
        if text and part and _latin(text[-1]) and _latin(part[0]):
            text += " "
        text += part
    return text


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


class LineSink:
    """Collects a reader's lines, numbered from 1 in reading order, their characters normalised
    (:mod:`loaders.characters`) as they come in."""

    def __init__(self) -> None:
        self.lines: list[Line] = []

    def text(self, text: str, page: int | None) -> None:
        """A line of narrative; tabs inside it are cells, as the text reader reads them."""
        text = normalise_characters(text)
        cells = tuple(cell.strip() for cell in text.split("\t")) if "\t" in text else ()
        self.lines.append(Line(len(self.lines) + 1, text, page, cells))

    def row(self, cells: Iterable[str], page: int | None) -> None:
        """A table row: ``text`` is the cells joined by tabs, as a tab-rendered text table reads."""
        row = tuple(normalise_characters(cell).replace("\t", " ").replace("\n", " ") for cell in cells)
        self.lines.append(Line(len(self.lines) + 1, "\t".join(row), page, row))

    def append_to_last(self, text: str) -> None:
        """Continue the last line with text that a narrow column wrapped onto the next one."""
        last = self.lines[-1]
        self.lines[-1] = Line(last.number, join_wrapped((last.text, normalise_characters(text))), last.page, last.cells)

    def layout(self, path: str, data: bytes, fmt: str) -> Layout:
        return Layout(path=path, sha256=hashlib.sha256(data).hexdigest(), fmt=fmt, lines=tuple(self.lines))
