"""One PDF page as text lines and ruled tables, in reading order.

A PDF's content stream is drawing order, not reading order: footers come first, a table's cells
in any order, fake bold prints every character twice. So the page is rebuilt from positions: the
characters inside a ruled table become its cells (:mod:`loaders.pdf_tables`), the others are grouped
into lines by height and read left to right, and lines and tables are ordered from the top. Page
numbers in the margins are dropped so that they do not cut a paragraph or table running on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from loaders.characters import is_unmapped
from loaders.pdf_settings import PDF
from loaders.pdf_tables import TableBlock, page_tables
from loaders.pdf_text import TextLine, text_lines

_PAGE_NUMBER = re.compile(r"^[-—–－\s]*(第\s*)?\d+(\s*页)?(\s*[/／共]\s*\d+\s*页?)?[-—–－\s]*$")


@dataclass(frozen=True)
class PageContent:
    number: int
    width: float
    height: float
    items: tuple[TextLine | TableBlock, ...]
    chars: int
    images: int
    unmapped: int
    """Characters the PDF's fonts could not map to Unicode (pdfminer's ``(cid:N)``, private-use code points)."""


def read_page(page: Any, number: int) -> PageContent:
    """The page's lines and tables; ``page`` is a pdfplumber page."""
    chars = [c for c in page.chars if c.get("text")]
    tables, loose = page_tables(page, chars)
    # pdfminer gives positions on the page as displayed; a /Rotate'd page's box is not.
    width, height = float(page.width), float(page.height)
    if page.rotation % 180:
        width, height = height, width
    lines = [line for line in text_lines(loose) if not _page_number(line, height)]
    items: list[TextLine | TableBlock] = sorted([*lines, *tables], key=lambda item: item.top)
    return PageContent(
        number=number, width=width, height=height, items=tuple(items), chars=len(chars),
        images=len(page.images), unmapped=sum(c["text"].startswith("(cid:") or is_unmapped(c["text"]) for c in chars),
    )


def _page_number(line: TextLine, height: float) -> bool:
    in_margin = line.bottom < height * PDF.page_margin or line.top > height * (1 - PDF.page_margin)
    return in_margin and _PAGE_NUMBER.match(line.text) is not None
