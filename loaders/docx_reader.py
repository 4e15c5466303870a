"""Read a DOCX disclosure into the numbered-line layout, through python-docx.

The body is read in document order, paragraphs and tables interleaved. A paragraph is one line
per manual line break; a table row is one line whose ``cells`` are the cell texts, merges undone as
everywhere (:mod:`loaders.cells`): a ``gridSpan`` gives its text to its first column, a
``vMerge`` continuation repeats the text of the cell it continues. Pages are counted from the page
breaks Word recorded when it last laid the document out (``lastRenderedPageBreak``) or, in a file
no word processor has paginated, from the explicit page and section breaks.

Usage example::

    layout = read_docx("附件1 部门预算公开.docx")
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from loaders.cells import GridCell, LineSink, grid_rows, join_wrapped
from loaders.guards import check_archive, library_errors
from loaders.layout import Layout
from loaders.limits import Deadline, ReaderLimits

_RENDERED = ".//w:lastRenderedPageBreak"
_EXPLICIT = './/w:br[@w:type="page"] | .//w:pageBreakBefore | .//w:pPr/w:sectPr'


def read_docx(path: str | Path, limits: ReaderLimits | None = None) -> Layout:
    """Read a .docx; raise :class:`DocumentError` for a damaged, encrypted or oversized one."""
    name = str(path)
    limits = limits or ReaderLimits.from_env()
    data = limits.read(name)
    check_archive(name, data, "DOCX", limits)
    sink = LineSink()
    with limits.deadline(name) as deadline, library_errors(name, "DOCX"):
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        breaks = _RENDERED if body.xpath(_RENDERED) else _EXPLICIT
        page = 1
        for block in document.iter_inner_content():
            deadline.check(f"page {page}")
            if isinstance(block, Paragraph):
                for text in block.text.split("\n"):
                    if text.strip():
                        sink.text(text, page)
            else:
                for row in _table_rows(block, deadline):
                    sink.row(row, page)
            page += len(block._element.xpath(breaks))
            limits.check_pages(name, page)
    return sink.layout(name, data, "docx")


def _table_rows(table: Table, deadline: Deadline) -> list[tuple[str, ...]]:
    cells: list[GridCell] = []
    above: dict[int, str] = {}  # the text in each grid column of the previous row, for vMerge
    width = 0
    rows = table._tbl.tr_lst
    for r, tr in enumerate(rows):
        deadline.check(f"table row {r + 1}")
        col = tr.grid_before
        for tc, text in _row_cells(tr, table):
            span = max(tc.grid_span, 1)
            if tc.vMerge == "continue":
                text = above.get(col, "")
            cells.append(GridCell(r, col, text, 1, span))
            above[col] = text
            col += span
        width = max(width, col)
    return grid_rows(len(rows), width, cells)


def _row_cells(tr: Any, table: Table) -> Iterator[tuple[Any, str]]:
    for tc in tr.tc_lst:
        cell = _Cell(tc, table)
        yield tc, join_wrapped(p.text.replace("\n", "") for p in cell.paragraphs)
