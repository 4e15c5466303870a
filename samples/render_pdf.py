"""Print a generated text disclosure as a PDF, the way units publish them.

No real PDF ships with the seeds, so the project makes its own from the synthetic corpus, with the
features that make real ones hard to read: ruled tables with merged cells (the 一级/二级指标 columns),
a table running over two pages with its header repeated, a landscape page for the widest table,
page numbers, and CJK text in reportlab's built-in STSong-Light CID font (no font file needed).
Amounts print as the text prints them, in 元 or 万元.

With ``font_units``, prose prints as ONLYOFFICE prints it: figures in a Latin font (Bitstream Vera,
shipped with reportlab), and each font's ascent and descent declared in the font's own units (2048
or 256 to the em) where PDF wants thousandths. A reader that places characters by their boxes
(descent to descent plus size) then sees the figures of a sentence 0.4 em below its words.

Usage example::

    doc = generate_corpus(1, seed=7)[0]
    Path("a.pdf").write_bytes(render_pdf(doc.text))
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as PdfTable

from samples.render import Block, Heading, Para, Table
from samples.text_blocks import Span, merged_cells, parse_blocks

FONT = "STSong-Light"
FIGURES_FONT = "Vera-FontUnits"
_FIGURES = re.compile(r"\d[\d.,%]*")
_CJK_EM = 256  # the units to the em that the CJK font's metrics are declared in, with font_units
MARGIN = 56.0
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK", spaceAfter=5)
_INDENTED = ParagraphStyle("indented", parent=_BODY, firstLineIndent=2 * _BODY.fontSize, spaceAfter=0,
                           alignment=TA_JUSTIFY)
_CELL = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")
_HEADINGS = tuple(
    ParagraphStyle(f"h{level}", parent=_BODY, fontSize=size, leading=size * 1.5, spaceBefore=4, spaceAfter=6)
    for level, size in enumerate((16.0, 14.0, 12.0, 11.0))
)
# STSong-Light's encoding (UniGB-UCS2-H) has no entry for U+00B7 or the bullet U+2022 (a middle dot
# in 元/人•年); its GB middle dot is reached through U+30FB and reads back as U+00B7.
_ENCODABLE = str.maketrans({"\u00b7": "\u30fb", "\u2022": "\u30fb"})
_Command = tuple[Any, ...]  # a TableStyle command: name, from cell, to cell, arguments
_CELL_PADDING = 6.0  # reportlab's default left and right cell padding
_MIN_COLUMN = _CELL.fontSize + 2 * _CELL_PADDING  # a column as narrow as one character
_SPAN_HEIGHT = 240.0  # points: the tallest vertical merge, a third of a portrait page's frame
_CAPTION_BLOCKS = 2  # the heading and 编制部门 line that travel with a table to its landscape page


def render_pdf(text: str, *, user_password: str | None = None) -> bytes:
    """The PDF bytes of one text disclosure; with ``user_password``, encrypted so that only that
    password opens it. (reportlab leaves the CID font's strings unencrypted, so an encrypted file
    without a user password does not read back: pdfminer deciphers those strings into noise.)"""
    return render_pdf_blocks(parse_blocks(text), user_password=user_password)


def render_pdf_blocks(blocks: Sequence[Block], *, user_password: str | None = None,
                      pagesize: tuple[float, float] = A4, indent: bool = False, font_units: bool = False) -> bytes:
    """The PDF bytes of a document given as blocks (:mod:`samples.text_blocks` of a generated text,
    :mod:`samples.layout_blocks` of a converter's text), on pages of ``pagesize`` (a smaller page
    wraps paragraphs and cells elsewhere); with ``indent``, paragraphs as Chinese typesetting has
    them: justified, the first line indented two characters, no space between paragraphs; with
    ``font_units``, figures and font metrics as ONLYOFFICE writes them (see the module)."""
    register_font()
    if font_units:
        _register_figures_font()
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=MARGIN, bottomMargin=MARGIN, title="部门预算公开",
                          encrypt=None if user_password is None else StandardEncryption(
                              user_password, ownerPassword="owner", canCopy=0, canModify=0))
    doc.addPageTemplates([_template("portrait", pagesize), _template("landscape", landscape(pagesize))])
    body = _INDENTED if indent else _BODY
    doc.build(_story(blocks, pagesize[0] - 2 * MARGIN, landscape(pagesize)[0] - 2 * MARGIN, body, font_units))
    return _cjk_metrics_in_font_units(out.getvalue()) if font_units else out.getvalue()


def _register_figures_font() -> None:
    """Vera with its ascent and descent left in its own units (reportlab scales them to thousandths)."""
    if FIGURES_FONT not in pdfmetrics.getRegisteredFontNames():
        font = TTFont(FIGURES_FONT, str(Path(pdfmetrics.__file__).parents[1] / "fonts" / "Vera.ttf"))
        scale = font.face.unitsPerEm / 1000
        font.face.ascent, font.face.descent = font.face.ascent * scale, font.face.descent * scale
        pdfmetrics.registerFont(font)


def _cjk_metrics_in_font_units(pdf: bytes) -> bytes:
    """The CID font's ascent and descent restated in :data:`_CJK_EM` units to the em, each padded to
    its length so that the cross-reference offsets hold."""
    face = UnicodeCIDFont(FONT).face
    for key, value in ((b"/Ascent ", face.ascent), (b"/Descent ", face.descent)):
        stated = str(value).encode()
        pdf = pdf.replace(key + stated, key + str(round(value * _CJK_EM / 1000)).encode().rjust(len(stated)))
    return pdf


def register_font() -> str:
    """Register the CID font with reportlab (once) and return its name."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _template(name: str, size: tuple[float, float]) -> PageTemplate:
    frame = Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, id=name)
    return PageTemplate(id=name, frames=[frame], pagesize=size, onPage=_page_number)


def _page_number(canvas: Canvas, doc: BaseDocTemplate) -> None:
    """A footer drawn before the page's body, so the content stream order is not reading order."""
    canvas.setFont(FONT, 9)
    canvas.drawCentredString(doc.pageTemplate.pagesize[0] / 2, MARGIN / 2, f"- {doc.page} -")


def _story(blocks: Sequence[Block], width: float, wide_width: float, body: ParagraphStyle = _BODY,
           font_units: bool = False) -> list[Flowable]:
    """The widest table goes to a landscape page with its caption; the longest table whose only
    merges are in its header row is broken across two pages."""
    tables = {i: b for i, b in enumerate(blocks) if isinstance(b, Table)}
    widest = max(tables, key=lambda i: len(tables[i].rows[0]), default=None)
    # On a small page, every table whose columns cannot all hold a character goes landscape too.
    wide = {i for i in tables if i == widest or len(tables[i].rows[0]) * _MIN_COLUMN > width}
    splittable = [i for i in tables if i not in wide and all(s.row == 0 for s in merged_cells(tables[i]))]
    split = max(splittable, key=lambda i: len(tables[i].rows), default=None)
    landscape_from = {_caption_start(blocks, i) for i in wide}
    story: list[Flowable] = []
    turned = False
    for i, block in enumerate(blocks):
        if i in landscape_from and not turned:
            story += [NextPageTemplate("landscape"), PageBreak()]
            turned = True
        if isinstance(block, Table):
            story += _table(block, wide_width if i in wide else width, split_half=i == split)
            if i in wide and i + 1 not in landscape_from:
                story += [NextPageTemplate("portrait"), PageBreak()]
                turned = False
        else:
            story.append(_paragraph(block, wide_width if turned else width, body, font_units))
    return story


def _caption_start(blocks: Sequence[Block], table: int) -> int:
    start = table
    while start > table - _CAPTION_BLOCKS and start > 0 and not isinstance(blocks[start - 1], Table):
        start -= 1
    return start


def _paragraph(block: Heading | Para, width: float, body: ParagraphStyle = _BODY, font_units: bool = False) -> Flowable:
    style = _HEADINGS[block.level] if isinstance(block, Heading) else body
    return _text(block.text, style, width, font_units)


def _text(text: str, style: ParagraphStyle, width: float, font_units: bool = False) -> Flowable:
    """A line that fits is drawn as it is; reportlab's Paragraph, which wraps longer ones, would
    fold the full-width spaces (U+3000) that converters keep in labels into plain spaces. With
    ``font_units``, the figures of prose (the paragraphs that wrap) print in :data:`FIGURES_FONT`."""
    text = text.translate(_ENCODABLE)
    if pdfmetrics.stringWidth(text, FONT, style.fontSize) + style.firstLineIndent <= width:
        return _OneLine(text, style)
    if font_units:
        runs = (f'<font name="{FIGURES_FONT}">{escape(m[0])}</font>' for m in _FIGURES.finditer(text))
        return Paragraph("".join(_interleave(_FIGURES.split(text), runs)), style)
    return Paragraph(escape(text), style)


def _interleave(words: list[str], figures: Iterator[str]) -> Iterator[str]:
    """The escaped text between the figures, and each figure in its place."""
    for word in words:
        yield escape(word)
        yield next(figures, "")


class _OneLine(Flowable):
    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.style.leading

    def draw(self) -> None:
        self.canv.setFont(FONT, self.style.fontSize)
        self.canv.drawString(self.style.firstLineIndent, (self.style.leading - self.style.fontSize) / 2 + 2, self.text)


def _table(table: Table, width: float, *, split_half: bool) -> list[Flowable]:
    """A ruled table; ``split_half`` breaks it across pages by hand with the header row repeated, so
    every document has a multi-page table whatever its length (long ones also split by themselves)."""
    widths = _column_widths(table, width)
    rows = [[_cell(text, widths[c]) for c, text in enumerate(row)] for row in table.rows]
    merges = merged_cells(table)
    if any(span.rows > 1 for span in merges):
        merges = _fitting(merges, _row_heights(rows, widths))
    spans = [_span(s) for s in merges]
    if split_half and len(rows) >= 4:
        half = len(rows) // 2
        return [_ruled(rows[:half], widths, spans), PageBreak(), _ruled([rows[0], *rows[half:]], widths, spans),
                Spacer(1, 8)]
    return [_ruled(rows, widths, spans, min(table.header_rows, len(rows) - 1) or 1), Spacer(1, 8)]


def _row_heights(rows: list[list[str | Paragraph]], widths: list[float]) -> list[float]:
    table = PdfTable(rows, colWidths=widths, style=[("FONTNAME", (0, 0), (-1, -1), FONT),
                                                    ("FONTSIZE", (0, 0), (-1, -1), _CELL.fontSize)])
    table.wrap(sum(widths), 1e6)
    return [float(h) for h in table._rowHeights]  # type: ignore[attr-defined]  # set by wrap(), not in the stubs


def _fitting(spans: list[Span], heights: list[float]) -> list[Span]:
    """Vertical merges cut where they would grow past :data:`_SPAN_HEIGHT`: reportlab never breaks a
    table inside a merged cell, so a long one could not fit a page. The parts read as the whole did
    (a merge gives its text to every row; a part of a merge over empty cells begins empty, as a
    word processor continues a merged cell on the next page)."""
    out: list[Span] = []
    for span in spans:
        height = 0.0
        first = span.row
        for row in range(span.row, span.row + span.rows):
            if row > first and height + heights[row] > _SPAN_HEIGHT:
                out.append(Span(first, span.col, row - first, span.cols))
                first, height = row, 0.0
            height += heights[row]
        out.append(Span(first, span.col, span.row + span.rows - first, span.cols))
    return [span for span in out if span.rows > 1 or span.cols > 1]


def _span(span: Span) -> _Command:
    return ("SPAN", (span.col, span.row), (span.col + span.cols - 1, span.row + span.rows - 1))


def _cell(text: str, width: float) -> str | Paragraph:
    text = text.translate(_ENCODABLE)
    if pdfmetrics.stringWidth(text, FONT, _CELL.fontSize) <= width - 2 * _CELL_PADDING:
        return text
    return Paragraph(escape(text), _CELL)


def _ruled(rows: list[list[str | Paragraph]], widths: list[float], spans: Sequence[_Command],
           header_rows: int = 1) -> PdfTable:
    style: list[_Command] = [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), _CELL.fontSize),
        *spans,
    ]
    return PdfTable(rows, colWidths=widths, repeatRows=header_rows, style=style, hAlign="LEFT")


def _column_widths(table: Table, width: float) -> list[float]:
    """Widths in proportion to each column's longest text (capped, so long names wrap)."""
    longest = [
        max(4.0, *(pdfmetrics.stringWidth(row[c], FONT, _CELL.fontSize) / _CELL.fontSize for row in table.rows))
        for c in range(len(table.rows[0]))
    ]
    capped = [min(n, 24.0) for n in longest]
    widths = [width * n / sum(capped) for n in capped]
    narrow = {c for c, w in enumerate(widths) if w < _MIN_COLUMN}
    if narrow:  # a column must hold a character: the narrow ones get that, the others share the rest
        rest = width - _MIN_COLUMN * len(narrow)
        share = sum(n for c, n in enumerate(capped) if c not in narrow)
        widths = [_MIN_COLUMN if c in narrow else rest * n / share for c, n in enumerate(capped)]
    return widths
