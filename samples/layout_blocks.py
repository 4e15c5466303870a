"""Blocks (headings, paragraphs, tables) from the numbered lines of a converted disclosure.

:mod:`samples.text_blocks` reads the generator's own text back; this reads what a *converter* made
of a real PDF (the seeds), so that the document can be printed again as PDF, DOCX or XLSX and the
facts read from those compared with the facts read from the text. What the converter kept is
rebuilt as the publisher laid it out:

* tables: tab-separated rows, one row a line, up to the next blank line; or one cell a line after a
  tab, each row ended by a blank line (the rows are put back together, blanks included);
* paragraphs: a converter that wrapped prose at its page width leaves lines of one width; such a
  full line runs on into the next, unless that one opens an item (``（二）``, ``3.``, ``二、``) or
  either is a table row printed as words. The paragraph is printed whole, so the new file wraps it
  at its own width, cutting numbers and names elsewhere;
* markdown: ``#`` headings and ``- `` items as in :func:`samples.text_blocks.line_block`; HTML
  markup a converter left (``<b>``, ``<sup>``) is dropped, as a PDF shows no tags.

Tables a converter ran together by spaces, or printed a phrase a line, have no columns to recover
and stay lines of text, each its own paragraph.

Usage example::

    blocks = layout_blocks(read_text("corpus/seeds/003_911f9712737d8e1a.txt"))
    Path("a.pdf").write_bytes(render_pdf_blocks(blocks))
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import pairwise

from loaders.cells import join_wrapped
from loaders.layout import Layout, Line
from samples.render import Block, Para, Table
from samples.text_blocks import line_block

_TAGS = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|font|ul|ol|li|p|br)\b[^>]*>", re.IGNORECASE)
_OPENS_ITEM = re.compile(
    r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}\s*[、.．](?!\d)|表\s*\d|[-#])"
)
_ENDS_SENTENCE = ("。", "：", ":", "；", ";", "！", "？")
_CODE_WORD = re.compile(r"^2\d{2}(?:\d{2}){0,2}$")
_NUMBER_WORD = re.compile(r"^-?[\d,，.]+%?$")
_INDEX_ROW = re.compile(r"^[*※]+[\d*※]*$")
_AMOUNT = re.compile(r"^-?[\d,]+\.\d{2}$")
_MAX_HEADER_ROWS = 4
_PIECE = 3  # a level cell this short is a piece of a merged cell (数量, 指标, 满意)
_WRAP_BAND = 4.5  # a line this much narrower than the wrap width (in CJK characters) is still full:
# the converter's spaces and half-width digits measure narrower than they printed
_WRAPPED_SHARE = 0.25  # the share of long lines that must be full for the text to count as wrapped


def layout_blocks(layout: Layout) -> list[Block]:
    """The document as blocks to render, tables rebuilt and wrapped paragraphs joined."""
    lines = layout.lines
    width = wrap_width(lines)
    blocks: list[Block] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            blocks.append(line_block(join_wrapped(paragraph)))
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        if _lone_cell(line):
            close()
            i = _one_cell_table(lines, i, blocks)
            continue
        if line.cells:
            close()
            i = _tab_table(lines, i, blocks)
            continue
        text = _TAGS.sub("", line.text).strip()
        if text and paragraph and not _runs_on(paragraph[-1], text, width):
            close()
        if text:
            paragraph.append(text)
        if text and (width is None or _table_words(text)):
            close()
        i += 1
    close()
    return blocks


def wrap_width(lines: Sequence[Line]) -> float | None:
    """The width (in CJK characters) a converter wrapped the prose at; ``None`` when it did not."""
    widths = sorted(display_width(line.text.strip()) for line in lines if line.text.strip() and not line.cells)
    if len(widths) < 20:
        return None
    top = widths[int(len(widths) * 0.95)]
    long = [w for w in widths if w >= top / 2]
    full = [w for w in long if top - _WRAP_BAND <= w <= top + 0.5]
    return top if len(full) >= _WRAPPED_SHARE * len(long) else None


def display_width(text: str) -> float:
    """Width in CJK characters: wide and full-width characters 1, others a half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _runs_on(previous: str, text: str, width: float | None) -> bool:
    """Whether ``text`` continues the wrapped line ``previous``."""
    if width is None or _OPENS_ITEM.match(text) or _table_words(previous) or _table_words(text):
        return False
    if previous.endswith(_ENDS_SENTENCE):
        return False  # a full line that ends a sentence more likely ends its paragraph too
    return display_width(previous) >= width - _WRAP_BAND


def _table_words(text: str) -> bool:
    """A table row run together by spaces: three numbers or more as words of their own, or a
    功能分类 code (``208``, ``2080109``) before its name."""
    words = text.split()
    codes = any(_CODE_WORD.match(a) and not _NUMBER_WORD.match(b) for a, b in pairwise(words))
    return codes or sum(bool(_NUMBER_WORD.match(word)) for word in words) >= 3


def _lone_cell(line: Line) -> bool:
    return len(line.cells) == 2 and not line.cells[0]


def _one_cell_table(lines: Sequence[Line], start: int, blocks: list[Block]) -> int:
    """Rows of one cell a line (after a tab), each ended by a blank line; two blank lines, or a line
    that is neither, end the table. Leading rows of one filled cell are its title and captions."""
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    i = start
    while i < len(lines) and (_lone_cell(lines[i]) or not lines[i].text.strip()):
        if _lone_cell(lines[i]):
            row.append(_cell(lines[i].cells[1]))
        elif row:
            rows.append(tuple(row))
            row = []
        elif rows:
            i += 1
            break  # the second blank line in a row
        i += 1
    if row:
        rows.append(tuple(row))
    rows = [r for r in rows if any(r)]
    while rows and sum(1 for c in rows[0] if c) == 1:
        blocks.append(Para(next(c for c in rows[0] if c)))
        rows.pop(0)
    if rows:
        blocks.append(_table(rows))
    return i


def _tab_table(lines: Sequence[Line], start: int, blocks: list[Block]) -> int:
    """Tab rows up to the next blank line; a row with no tab in between is one cell."""
    rows: list[tuple[str, ...]] = []
    i = start
    while i < len(lines) and lines[i].text.strip() and not _lone_cell(lines[i]):
        line = lines[i]
        rows.append(tuple(_cell(c) for c in line.cells) if line.cells else (_cell(line.text),))
        i += 1
    blocks.append(_table(rows))
    return i


def _cell(text: str) -> str:
    return _TAGS.sub("", text).strip()


def _table(rows: list[tuple[str, ...]]) -> Table:
    """The rows padded to one width, with how many head the table and whether its indicator levels,
    printed once above empty cells, were merged cells."""
    width = max(len(row) for row in rows)
    padded = tuple(row + ("",) * (width - len(row)) for row in rows)
    return Table(padded, header_rows=_header_rows(padded), merge_down=_levels_whole(padded))


def _header_rows(rows: tuple[tuple[str, ...], ...]) -> int:
    """The rows above the first that holds an amount, through the ``※ 1 2 3`` row numbering the
    columns; at most :data:`_MAX_HEADER_ROWS`, at least one."""
    index = next((i for i, row in enumerate(rows[:_MAX_HEADER_ROWS + 1]) if _INDEX_ROW.match("".join(row))), None)
    if index is not None:
        return index + 1
    first = next((i for i, row in enumerate(rows) if any(_AMOUNT.match(c.replace(" ", "")) for c in row)), 1)
    return max(1, min(first, _MAX_HEADER_ROWS))


def _levels_whole(rows: tuple[tuple[str, ...], ...]) -> bool:
    """An indicator table whose 一级/二级指标 cells are whole phrases, not pieces of a merged cell
    that a converter printed a word a row (``数量`` above ``指标``): those cannot be merged again."""
    header = next((i for i, row in enumerate(rows) if "".join(row[0].split()) == "一级指标"), None)
    if header is None:
        return False
    levels = ["".join(c.split()) for row in rows[header + 1 :] for c in row[:2] if c.strip()]
    return all(len(c) > _PIECE for c in levels)
