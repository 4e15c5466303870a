"""Table rows as the extractors see them: cells when the converter kept them, words otherwise.

A table reaches us in one of three shapes: one row a line with tab (or markdown pipe) cells,
whose blanks still mark the columns; one row a line with the cells run together by spaces; or
one cell (or one wrapped phrase) a line. Only the first keeps column positions, so the table
parsers read positions where they exist and fall back to the order of the words elsewhere.
One converter prints one cell a line after a tab, blanks included, and ends each row with an
empty line: :func:`table_rows` puts those rows back together, with their positions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.layout import Line
from vocab.numbers import clean_text, compact_number, parse_amount

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}")
_INDEX_TOKEN = re.compile(r"^(?:[*※]|\d{1,2})$")
_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SPACE = re.compile(r"\s+")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-+]\s+)|\*\*")


def _is_pipe_row(line: Line) -> bool:
    return line.text.lstrip().startswith("|") and line.text.count("|") >= 3


def cells(line: Line) -> tuple[str, ...]:
    """The cleaned cells of a tab or markdown-pipe row; ``()`` for a line that is not one."""
    if line.cells:
        raw: tuple[str, ...] = line.cells
    elif _is_pipe_row(line):
        if _PIPE_SEPARATOR.match(line.text.strip()):
            return ()
        raw = tuple(line.text.strip().strip("|").split("|"))
    else:
        return ()
    return tuple(_SPACE.sub(" ", clean_text(cell)).strip() for cell in raw)


def filled(line: Line) -> tuple[str, ...]:
    """The non-blank cells of a cell row, or the line's words when it has no cells."""
    row = cells(line)
    if row:
        return tuple(c for c in row if c)
    return tuple(words(line.text))


def words(text: str) -> list[str]:
    """Whitespace-separated words, with markup dropped and the spaces inside numbers closed."""
    return compact_number(_MARKUP.sub("", clean_text(text))).split()


def compact(text: str) -> str:
    """Text as compared with the template's phrases: clean, without markup or whitespace."""
    return _SPACE.sub("", _MARKUP.sub("", clean_text(text)))


def row_text(line: Line) -> str:
    """A line compacted, its cells (tab or pipe) run together: ``|项目名称|X|`` reads 项目名称X."""
    if _is_pipe_row(line) or line.cells:
        return "".join(compact(c) for c in cells(line))
    return compact(line.text)


def is_amount(token: str) -> bool:
    """An amount as tables print it (``1,531.22``, ``77``, ``0``); codes like ``01`` are not."""
    text = token.replace(" ", "")
    return bool(_AMOUNT.match(text)) and not (len(text) > 1 and text[0] == "0" and text[1] != ".")


def amount(token: str) -> float | None:
    """The value of an amount token, ``None`` for anything else."""
    return parse_amount(token) if is_amount(compact_number(token)) else None


def is_index_row(tokens: tuple[str, ...] | list[str]) -> bool:
    """The ``※ ※ ※ 1 2 3`` row that numbers the columns under a table header."""
    marks = [t for t in tokens if t]
    return bool(marks) and any(t in "*※" for t in marks) and all(_INDEX_TOKEN.match(t) for t in marks)


@dataclass(frozen=True)
class Token:
    """One word or cell of a table, with the line it came from."""

    text: str
    line: int


@dataclass(frozen=True)
class TableRow:
    """A row as the converter kept it: its cells (blanks mark the columns) when ``positional``,
    else its words in reading order; read from lines ``first``..``last``."""

    texts: tuple[str, ...]
    positional: bool
    first: int
    last: int


def _lone_cell(line: Line) -> bool:
    """A line holding one cell after a tab (the one-cell-a-line shape)."""
    return len(line.cells) == 2 and not line.cells[0]


def table_rows(lines: Sequence[Line]) -> list[TableRow]:
    """A table's rows: each tab or pipe line, each run of one-cell lines up to its empty line
    (two or more cells), and the words of every other non-blank line."""
    rows: list[TableRow] = []
    run: list[Line] = []

    def close_run() -> None:
        if len(run) > 1:
            rows.append(TableRow(tuple(cells(line)[1] for line in run), True, run[0].number, run[-1].number))
        elif run:
            rows.append(TableRow(cells(run[0]), True, run[0].number, run[0].number))
        run.clear()

    for line in lines:
        if _lone_cell(line):
            run.append(line)
            continue
        close_run()
        row = cells(line)
        if row:
            rows.append(TableRow(row, True, line.number, line.number))
        elif not _is_pipe_row(line) and (found := filled(line)):
            rows.append(TableRow(found, False, line.number, line.number))
    close_run()
    return rows
