"""Save a generated text disclosure as DOCX, XLSX or legacy XLS, the way units attach them.

DOCX: headings and paragraphs with a CJK East Asian font, ruled tables ("Table Grid") with merged
cells (header labels across, the 一级/二级指标 runs down) and a repeated header row, the widest
table in a landscape section. Workbooks: each part (第一部分…) on its own sheet, titles and
narrative in single cells, tables below them separated by an empty row, amounts stored as numbers
with the number format that prints them as the text does (``#,##0.00``), merged cells as in DOCX.

Usage example::

    doc = generate_corpus(1, seed=7)[0]
    Path("a.docx").write_bytes(render_docx(doc.text))
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence

import docx
import openpyxl
import xlwt  # type: ignore[import-untyped]  # no stubs; only the tests write .xls
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl.cell.cell import Cell

from samples.render import Block, Heading, Table
from samples.text_blocks import Span, merged_cells, parse_blocks

EAST_ASIAN_FONT = "SimSun"
_AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})*\.\d+$|^-?\d+\.\d+$")
_PERCENT = re.compile(r"^-?\d+\.\d+%$")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")


def render_docx(text: str) -> bytes:
    return render_docx_blocks(parse_blocks(text))


def render_docx_blocks(blocks: Sequence[Block]) -> bytes:
    """A document given as blocks (:mod:`samples.text_blocks`, :mod:`samples.layout_blocks`) as DOCX."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    widest = max((i for i, b in enumerate(blocks) if isinstance(b, Table)), key=lambda i: _columns(blocks[i]),
                 default=None)
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            if i == widest:
                _section(document, landscape=True)
            _docx_table(document, block)
            if i == widest:
                _section(document, landscape=False)
        elif isinstance(block, Heading):
            document.add_heading(block.text, level=min(block.level, 3))
        else:
            document.add_paragraph(block.text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _columns(block: Block) -> int:
    return len(block.rows[0]) if isinstance(block, Table) else 0


def _section(document: docx.document.Document, *, landscape: bool) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    width, height = sorted((section.page_width, section.page_height), reverse=landscape)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height


def _docx_table(document: docx.document.Document, block: Table) -> None:
    rows, width = len(block.rows), len(block.rows[0])
    table = document.add_table(rows=rows, cols=width)
    table.style = "Table Grid"
    for row in table.rows[: block.header_rows]:  # repeat the header rows on every page
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    spans = merged_cells(block)
    covered = {(s.row + i, s.col + j) for s in spans for i in range(s.rows) for j in range(s.cols)}
    for r, (row, values) in enumerate(zip(table.rows, block.rows, strict=True)):
        for c, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            if (r, c) not in covered:
                cell.text = text
    for span in spans:
        merged = table.cell(span.row, span.col).merge(table.cell(span.row + span.rows - 1, span.col + span.cols - 1))
        merged.text = block.rows[span.row][span.col]


def render_xlsx(text: str) -> bytes:
    return render_xlsx_blocks(parse_blocks(text))


def render_xlsx_blocks(blocks: Sequence[Block]) -> bytes:
    """A document given as blocks (:mod:`samples.text_blocks`, :mod:`samples.layout_blocks`) as XLSX."""
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])
    for title, rows, spans in _sheets(blocks):
        sheet = book.create_sheet(title)
        for span in spans:
            sheet.merge_cells(start_row=span.row + 1, start_column=span.col + 1,
                              end_row=span.row + span.rows, end_column=span.col + span.cols)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(r, c)
                if value and isinstance(cell, Cell):  # not hidden under a merge
                    cell.value, cell.number_format = _typed(value)
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # text such as "=12月" is an indicator value, not a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render_xls(text: str) -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, xlwt.XFStyle] = {}

    def write(value: str) -> tuple[float | str, xlwt.XFStyle]:
        typed, number_format = _typed(value)
        if number_format not in styles:
            styles[number_format] = xlwt.easyxf(num_format_str=number_format)
        return typed, styles[number_format]

    for title, rows, spans in _sheets(parse_blocks(text)):
        sheet = book.add_sheet(title)
        hidden = {(s.row + i, s.col + j) for s in spans for i in range(s.rows) for j in range(s.cols)}
        for s in spans:
            sheet.write_merge(s.row, s.row + s.rows - 1, s.col, s.col + s.cols - 1, *write(rows[s.row][s.col]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value and (r, c) not in hidden:
                    sheet.write(r, c, *write(value))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheets(blocks: Sequence[Block]) -> Iterator[tuple[str, list[tuple[str, ...]], list[Span]]]:
    """(title, rows, merges) for each part (第一部分…) of the document; tables end with an empty row."""
    title, rows, spans = "封面", list[tuple[str, ...]](), list[Span]()
    used: set[str] = set()
    for block in blocks:
        if not isinstance(block, Table) and _PART.match(block.text) and rows:
            yield _sheet_title(title, used), rows, spans
            title, rows, spans = block.text, [], []
        if isinstance(block, Table):
            spans += [Span(len(rows) + s.row, s.col, s.rows, s.cols) for s in merged_cells(block)]
            rows += [*block.rows, ()]
        else:
            rows.append((block.text,))
    yield _sheet_title(title, used), rows, spans


def _sheet_title(text: str, used: set[str]) -> str:
    """Sheet names are at most 31 characters, without ``[]:*?/\\``, and unique in the workbook."""
    title = re.sub(r"[\[\]:*?/\\]", "", text).strip()[:28] or "Sheet"
    while title in used:
        title += "+"
    used.add(title)
    return title


def _typed(text: str) -> tuple[float | str, str]:
    """A cell as a spreadsheet stores it: amounts and rates as numbers with their format."""
    if _AMOUNT.match(text):
        decimals = len(text.split(".")[1])
        return float(text.replace(",", "")), ("#,##0." if "," in text else "0.") + "0" * decimals
    if _PERCENT.match(text):
        decimals = len(text[:-1].split(".")[1])
        return float(text[:-1]) / 100, "0." + "0" * decimals + "%"
    return text, "General"
