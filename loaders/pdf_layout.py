"""Pages into one document of lines: tables continued across pages, paragraphs rejoined.

Two things a page-by-page reading gets wrong, and that the layout can put right:

* A table that runs over several pages is cut into one table per page, each repeating the header
  row(s). A table that opens a page, ruled on the same columns as the table that closed the page
  before, continues it; the rows it repeats from the table's head are dropped.
* Word processors (Word, WPS, LibreOffice) let a row break across the page: the lines of each cell
  that fit stay on the page, the rest open the next part as a row of its own. That row is the rest
  of the row before (:func:`_rest_of_row`) and is joined to it cell by cell, as wrapped cell text is.
* A paragraph wraps at the text block's right edge. A line that ends at that edge continues on the
  next line when the next starts at the left edge, in the same size, with no more than the line
  spacing between (an indent or a paragraph gap starts a new paragraph). The extractors then see
  one paragraph as one line, as the text layouts print it. Across a page break the gap cannot be
  seen, and a table row printed as text that happens to reach the edge would swallow the next
  page's first line; so a page break always ends the line, as it does in wrapped text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from loaders.cells import LineSink, join_wrapped
from loaders.pdf_page import PageContent
from loaders.pdf_settings import PDF
from loaders.pdf_tables import TableBlock, merged_columns
from loaders.pdf_text import TextLine, first_word

_FIGURE = re.compile(r"^[-+]?\d[\d, ]*(?:\.\d+)?\s*%?$")  # a whole amount, count or rate

_Part = tuple[int, TableBlock]  # a table as found on one page, with the page number


@dataclass(frozen=True)
class _Text:
    page: int
    line: TextLine
    opens_page: bool


def assemble(pages: Sequence[PageContent], sink: LineSink) -> None:
    """Emit the document's lines into ``sink``."""
    block = _text_block(pages)
    widths = {page.number: round(page.width) for page in pages}
    previous: TextLine | None = None
    for entry in _entries(pages):
        if isinstance(entry, _Text):
            edges = block.get(widths[entry.page])
            if previous is not None and edges and _continues(previous, entry.line, entry.opens_page, edges):
                sink.append_to_last(entry.line.text)
            else:
                sink.text(entry.line.text, entry.page)
            previous = entry.line
        else:
            _emit_table(entry, sink)
            previous = None


def _entries(pages: Sequence[PageContent]) -> list[_Text | list[_Part]]:
    """Lines and tables in order, the parts of a table continued over pages gathered in one list."""
    entries: list[_Text | list[_Part]] = []
    for page in pages:
        for index, item in enumerate(page.items):
            if isinstance(item, TextLine):
                entries.append(_Text(page.number, item, index == 0))
            elif index == 0 and entries and isinstance(entries[-1], list) and _continued(entries[-1][-1][1], item):
                entries[-1].append((page.number, item))
            else:
                entries.append([(page.number, item)])
    return entries


def _emit_table(parts: list[_Part], sink: LineSink) -> None:
    columns = merged_columns([table for _, table in parts]) if len(parts) > 1 else None
    head: list[tuple[str, ...]] = []
    out: list[tuple[tuple[str, ...], int]] = []
    room: dict[int, float] = {}
    for number, table in parts:
        rows = table.rows(columns)
        if head:
            skip = _repeated(head, rows)
            rows = rows[skip:]
            if rows and _rest_of_row(out[-1][0], room, rows[0], table.leads(columns or table.columns)[skip]):
                out[-1] = (tuple(join_wrapped(pair) for pair in zip(out[-1][0], rows[0], strict=True)), out[-1][1])
                rows = rows[1:]
        else:
            head = rows
        out += [(row, number) for row in rows]
        room = table.room_at_bottom(columns or table.columns)
    for row, number in out:
        sink.row(row, number)


def _rest_of_row(last: tuple[str, ...], room: dict[int, float], first: tuple[str, ...], lead: dict[int, float]) -> bool:
    """Whether ``first``, opening a part, is the rest of ``last``, the row that closed the part
    before, broken across the page: each of its cells goes on from a cell of ``last`` whose last
    line had no room (``room``, by column, in font sizes) for the first word of the cell as printed
    (``lead``; a line wraps there, as :func:`_continues` says of paragraphs), and it states no
    figure beside a figure of ``last`` (a row of its own does; a figure broken by the page is
    whole on neither side)."""
    filled = [i for i, cell in enumerate(first) if cell.strip()]
    if not filled or any(room.get(i, math.inf) >= lead.get(i, 0.0) for i in filled):
        return False
    return not any(_FIGURE.match(last[i].strip()) and _FIGURE.match(first[i].strip()) for i in filled)


def _continued(last: TableBlock, first: TableBlock) -> bool:
    """Whether ``first``, opening a page, continues ``last``, which closed the page before: the same
    outer rules, and the inner rules of one found among the other's (merges hide some)."""
    a, b = last.columns, first.columns
    if abs(a[0] - b[0]) > PDF.part_tolerance or abs(a[-1] - b[-1]) > PDF.part_tolerance:
        return False
    fewer, more = sorted((a, b), key=len)
    return all(any(abs(x - y) <= PDF.part_tolerance for y in more) for x in fewer)


def _repeated(head: Sequence[tuple[str, ...]], rows: Sequence[tuple[str, ...]]) -> int:
    """How many leading rows repeat the table's first rows (never all of them). A repeated header
    row may be cut short: LibreOffice gives it one line's height, so a cell shows its first line,
    and the clipped lines, still in the text layer, fall into the row below."""
    count = 0
    while count < min(len(head), len(rows) - 1) and all(map(_same_heading, rows[count], head[count])):
        count += 1
    return count


def _same_heading(repeat: str, first: str) -> bool:
    """Whether a header cell of a continued part repeats the cell of the table's head: the same
    text, or its beginning, or its text after some clipped from the cell above."""
    repeat, first = repeat.strip(), first.strip()
    if not repeat or not first:
        return repeat == first
    return repeat == first or first.startswith(repeat) or repeat.endswith(first)


def _continues(line: TextLine, nxt: TextLine, new_page: bool, block: tuple[float, float]) -> bool:
    left, right = block
    room = right - line.x1
    full = abs(room) <= PDF.full_line * line.size or 0 < room < first_word(nxt.text) * nxt.size
    at_left = abs(nxt.x0 - left) <= 0.5 * nxt.size
    close = not new_page and nxt.top - line.bottom <= PDF.line_gap * line.size
    return full and at_left and close and abs(nxt.size - line.size) < 0.5


def _text_block(pages: Sequence[PageContent]) -> dict[int, tuple[float, float]]:
    """The left and right edges of the text for each page width (portrait and landscape differ).

    The right edge is where the lines end that reach the rightmost place several lines end at
    (wrapped lines fill the block to within a character), not the longest line: CJK layout lets
    closing punctuation hang past the margin. Nor is it where most lines end: a document of short
    lines (tables printed as words, lists) has few that reach the edge.
    """
    lines: dict[int, list[TextLine]] = {}
    for page in pages:
        lines.setdefault(round(page.width), []).extend(i for i in page.items if isinstance(i, TextLine))
    edges: dict[int, tuple[float, float]] = {}
    for key, group in lines.items():
        if group:
            left = min(line.x0 for line in group)
            edges[key] = (left, _right_edge(group))
    return edges


def _right_edge(lines: Sequence[TextLine]) -> float:
    """The median end of the lines that reach the rightmost place where several lines end (lines
    with hanging punctuation end a little right of the margin, unjustified ones a little left)."""
    ends = sorted(((line.x1, line.size) for line in lines), reverse=True)
    for i, (end, size) in enumerate(ends):
        if i + PDF.edge_lines <= len(ends) and end - ends[i + PDF.edge_lines - 1][0] <= size:
            return median(e for e, _ in ends if e >= end - PDF.full_line * size)
    return median(end for end, _ in ends)
