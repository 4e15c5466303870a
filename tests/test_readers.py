"""PDF, DOCX, XLSX and XLS disclosures give the facts of the same document as text.

No real PDFs ship with the seeds, so generated disclosures are printed as each format by
``samples.render_pdf`` / ``samples.render_office`` (ruled tables, merged 一级/二级指标 cells, a table
broken over two pages with its header repeated, a landscape page, tables in 元 and 万元, a CJK font)
and read back through ``read_document``; the files carry no telling suffix, so the format is found
by content. Facts must equal the text's except for provenance (path, hash, line and page numbers),
every family of facts must be what the generator's truth states, and every table row must come out
as the text prints it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from loaders import read_document
from loaders.cells import GridCell, LineSink, grid_rows, join_wrapped
from loaders.docx_reader import read_docx
from loaders.facts import DocumentFacts
from loaders.layout import Layout
from loaders.pdf_layout import assemble
from loaders.pdf_page import PageContent
from loaders.pdf_reader import read_pdf
from loaders.pdf_tables import TableBlock, TableCell
from loaders.pdf_text import text_lines
from loaders.sniff import sniff
from loaders.xlsx_reader import display, read_xls, read_xlsx
from samples.generate import generate_corpus
from samples.render import Table
from samples.render_office import render_docx, render_xls, render_xlsx
from samples.render_pdf import register_font, render_pdf, render_pdf_blocks
from samples.text_blocks import parse_blocks
from tests.fact_families import differences, families
from tests.sample_families import FAMILIES, expected_families, extracted_families, family_score

DOCS = generate_corpus(16, seed=11)
RENDERERS: dict[str, Callable[[str], bytes]] = {
    "pdf": render_pdf, "docx": render_docx, "xlsx": render_xlsx, "xls": render_xls,
}
READERS: dict[str, Callable[[str | Path], Layout]] = {
    "pdf": read_pdf, "docx": read_docx, "xlsx": read_xlsx, "xls": read_xls,
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each generated document as text and in every format, under a suffix that says nothing."""
    folder = tmp_path_factory.mktemp("rendered")
    files: dict[str, dict[str, Path]] = {}
    for doc in DOCS:
        stem = doc.filename.removesuffix(".txt")
        text = folder / doc.filename
        text.write_text(doc.text, encoding="utf-8")
        files[stem] = {"txt": text}
        for fmt, render in RENDERERS.items():
            path = folder / f"{stem}-{fmt}.download"
            path.write_bytes(render(doc.text))
            files[stem][fmt] = path
    return files


def comparable(value: Any) -> Any:
    """Facts without provenance: no path or hash, no source references (line and page numbers)."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()
                if k not in ("path", "sha256") and not (isinstance(v, dict) and "line_start" in v)}
    if isinstance(value, list | tuple):
        return [comparable(v) for v in value]
    return value


@pytest.fixture(scope="module")
def facts(rendered: dict[str, dict[str, Path]]) -> Callable[[str, str], DocumentFacts]:
    """The facts of a document in a format, read once."""
    cache: dict[tuple[str, str], DocumentFacts] = {}

    def read(stem: str, fmt: str) -> DocumentFacts:
        if (stem, fmt) not in cache:
            cache[(stem, fmt)] = read_document(rendered[stem][fmt])
        return cache[(stem, fmt)]

    return read


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_every_document_gives_the_facts_of_its_text(
    rendered: dict[str, dict[str, Path]], facts: Callable[[str, str], DocumentFacts], fmt: str
) -> None:
    differing = {}
    for stem, paths in rendered.items():
        assert sniff(paths[fmt]) == fmt
        got, want = (comparable(facts(stem, f).to_dict()) for f in (fmt, "txt"))
        if got != want:
            differing[stem] = {k: (got[k], want[k]) for k in want if got.get(k) != want[k]}
    assert differing == {}


@pytest.mark.parametrize("fmt", ["txt", *RENDERERS])
def test_every_family_reads_as_the_truth_states_it(facts: Callable[[str, str], DocumentFacts], fmt: str) -> None:
    """The families of facts (income, 经济分类, project columns, "三公", 结转结余, 其他重要事项, each 项's
    statement, indicators, 补贴标准 …) come out of every format whole: precision and recall 1.0."""
    wrong = {}
    for doc in DOCS:
        want = expected_families(doc.truth)
        got = extracted_families(facts(doc.filename.removesuffix(".txt"), fmt))
        found = {family: family_score(want, got, family) for family in FAMILIES}
        assert all(s.expected for s in found.values()), doc.filename  # every document states every family
        wrong.update({(doc.filename, name): (s.precision, s.recall) for name, s in found.items()
                      if (s.precision, s.recall) != (1.0, 1.0)})
    assert wrong == {}


def table_rows(rows: Any) -> list[tuple[str, ...]]:
    """Rows without trailing empty cells and without whitespace (converters differ on both)."""
    out = []
    for row in rows:
        cells = ["".join(cell.split()) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        out.append(tuple(cells))
    return out


@pytest.mark.parametrize("fmt", list(RENDERERS))
def test_table_rows_read_as_the_text_prints_them(rendered: dict[str, dict[str, Path]], fmt: str) -> None:
    checked = 0
    for doc in DOCS:
        tables = [block for block in parse_blocks(doc.text) if isinstance(block, Table)]
        if not tables:
            continue  # a wrapped-layout text: its tables are lines of words, printed as such
        layout = READERS[fmt](rendered[doc.filename.removesuffix(".txt")][fmt])
        want = table_rows(row for table in tables for row in table.rows)
        assert table_rows(line.cells for line in layout.lines if line.cells) == want, doc.filename
        assert all(line.text == "\t".join(line.cells) for line in layout.lines if line.cells)
        checked += 1
    assert checked >= len(DOCS) // 2


def test_the_pdfs_have_what_makes_real_ones_hard(rendered: dict[str, dict[str, Path]]) -> None:
    """The test PDFs really hold multi-page and merged-cell tables, landscape pages, 元 and 万元."""
    landscape = split = merged = 0
    for doc in DOCS:
        path = rendered[doc.filename.removesuffix(".txt")]["pdf"]
        layout = read_pdf(path)
        with pdfplumber.open(path) as pdf:
            wide_pages = {page.page_number for page in pdf.pages if page.width > page.height}
            raw = [table for page in pdf.pages for table in page.extract_tables()]
        landscape += any(line.cells and line.page in wide_pages for line in layout.lines)
        merged += any(cell is None for table in raw for row in table for cell in row)
        rows = [line for line in layout.lines if line.cells]
        crossing = any(a.page != b.page and a.number + 1 == b.number for a, b in pairwise(rows))
        split += crossing and sum(len(table) for table in raw) > len(rows)  # repeated header dropped
        assert "部门" in layout.text and all(line.page for line in layout.lines)
    with_tables = sum(any(isinstance(b, Table) for b in parse_blocks(doc.text)) for doc in DOCS)
    assert landscape == split == with_tables
    assert merged == with_tables
    assert any("金额单位：元" in doc.text for doc in DOCS) and any("金额单位：万元" in doc.text for doc in DOCS)


def test_merges_give_across_to_the_first_column_and_down_to_every_row() -> None:
    cells = [GridCell(0, 0, "预算单位"), GridCell(0, 1, "某中心", cols=3),
             GridCell(1, 0, "产出指标", rows=2), GridCell(1, 1, "数量"), GridCell(2, 1, "质量"), GridCell(3, 3, "")]
    assert grid_rows(4, 4, cells) == [
        ("预算单位", "某中心", "", ""), ("产出指标", "数量", "", ""), ("产出指标", "质量", "", ""),
    ]


def test_pdf_characters_read_by_position_not_drawing_order() -> None:
    def char(text: str, x0: float, top: float) -> dict[str, Any]:
        return {"text": text, "x0": x0, "x1": x0 + 10, "top": top, "bottom": top + 10, "size": 10}

    drawn = [char("计", 70, 100), char("合", 50, 100), char("合", 50.4, 100),  # bold by printing twice
             char("5", 100, 101), char("页", 50, 20), char("1", 60, 100)]
    assert [line.text for line in text_lines(drawn)] == ["页", "合1计 5"]


def test_wrapped_text_rejoins_without_cutting_numbers_or_words() -> None:
    assert join_wrapped(["新政办发〔20", "10〕168号"]) == "新政办发〔2010〕168号"
    assert join_wrapped(["1,53", "1.22万元"]) == "1,531.22万元"
    assert join_wrapped(["OCR is not", "enabled"]) == "OCR is not enabled"


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [(1003.16, "#,##0.00", "1,003.16"), (55300, "#,##0.00", "55,300.00"), (40.6, "0.00", "40.60"),
     (0.882, "0.00%", "88.20%"), (12.0, "General", "12"), (None, "General", ""), ("=12月", "@", "=12月")],
)
def test_spreadsheet_cells_read_as_the_sheet_shows_them(value: object, number_format: str, shown: str) -> None:
    assert display(value, number_format) == shown


def test_a_page_turned_by_rotate_reads_as_displayed(tmp_path: Path) -> None:
    """Landscape pages are also portrait pages with /Rotate 90 and their content drawn turned."""
    path = tmp_path / "rotated.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setPageRotation(90)
    canvas.translate(A4[0], 0)
    canvas.rotate(90)  # draw in the displayed (landscape) orientation
    canvas.setFont(register_font(), 12)
    canvas.drawString(60, 500, "表2 部门支出总体情况表")
    canvas.grid([60, 300, 460], [400, 430, 460])
    canvas.drawString(66, 440, "科目名称")
    canvas.drawString(306, 440, "合计")
    canvas.drawString(66, 410, "社会保险经办机构")
    canvas.drawString(306, 410, "1,531.22")
    canvas.save()
    assert [(line.text, line.cells) for line in read_pdf(path).lines] == [
        ("表2 部门支出总体情况表", ()),
        ("科目名称\t合计", ("科目名称", "合计")),
        ("社会保险经办机构\t1,531.22", ("社会保险经办机构", "1,531.22")),
    ]


@pytest.mark.parametrize("index", [0, 1])
def test_figures_whose_font_sits_lower_read_on_the_line_of_their_words(index: int, tmp_path: Path) -> None:
    """ONLYOFFICE declares each font's descent in the font's own units, so the box of a figure in
    its Latin font sits 0.4 em below the box of the CJK words around it (the real 财政局 决算 in
    ../shared/corpus/real is one such file): a generated document printed so gives the facts of the
    same document printed plainly, its sentences read whole."""
    blocks = parse_blocks(DOCS[index].text)
    plain, lowered = tmp_path / "plain.pdf", tmp_path / "font-units.pdf"
    plain.write_bytes(render_pdf_blocks(blocks))
    lowered.write_bytes(render_pdf_blocks(blocks, font_units=True))
    with pdfplumber.open(lowered) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    assert any(b["top"] - a["top"] > 0.4 * a["size"] and "Vera" in b["fontname"] and "Vera" not in a["fontname"]
               for a, b in pairwise(chars)), "the figures' boxes do not sit lower"
    assert differences(families(read_document(plain)), families(read_document(lowered))) == {}


def _page(number: int, rows: list[tuple[str, ...]], *, room: float = 5.0, lead: float = 1.0) -> PageContent:
    """A page holding one ruled table of 20-point-high rows on three 60-point columns; the cells of
    its last row have ``room`` left on their last line, those of its first ``lead`` as first word."""
    cells = tuple(TableCell(text, 60.0 * c, 60.0 * (c + 1), 20.0 * r, 20.0 * (r + 1),
                            room if r == len(rows) - 1 and text else math.inf, lead if text else 0.0)
                  for r, row in enumerate(rows) for c, text in enumerate(row))
    return PageContent(number, 595.0, 842.0, (TableBlock(cells),), 1, 0, 0)


@pytest.mark.parametrize(("last", "room", "first", "joined"), [
    (("208", "社会保险标准化工作", "8.00"), 0.5, ("", "经费", ""), True),  # the rest of a row
    (("总计", "1,531.", ""), 0.2, ("", "22", ""), True),  # a figure broken by the page
    (("208", "社会保险宣传费", "25.00"), 6.0, ("", "经费", ""), False),  # the cell had room: a row of its own
    (("合计", "100.00", ""), 0.2, ("其中", "30.00", ""), False),  # a figure beside a figure
])
def test_a_row_broken_across_the_page_is_one_row(last: tuple[str, ...], room: float, first: tuple[str, ...],
                                                   joined: bool) -> None:
    """A word processor breaks a row at the page: the lines of each cell that fit stay, the rest opens
    the next page under the repeated header. It is the same row when each of its cells goes on from a
    cell whose last line had no room for its first word, and it states no figure beside a figure."""
    head = ("科目", "项目名称", "金额")
    sink = LineSink()
    assemble([_page(1, [head, last], room=room), _page(2, [head, first])], sink)
    rows = [line.cells for line in sink.lines]
    assert rows == ([head, tuple(a + b for a, b in zip(last, first, strict=True))] if joined else [head, last, first])
