"""Loaders: a disclosure file in, typed facts out (``read_document``).

Usage example::

    from loaders import read_document
    facts = read_document("../shared/corpus/seeds/000_169539529834f7d7.txt")
    [p.name for p in facts.projects if p.beneficiary_count]  # the subsidy projects
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from loaders.docx_reader import read_docx
from loaders.errors import DocumentError
from loaders.extract import extract
from loaders.facts import DocumentFacts
from loaders.layout import Layout
from loaders.pdf_reader import read_pdf
from loaders.sniff import UNSUPPORTED, sniff
from loaders.text_reader import read_text
from loaders.xlsx_reader import read_xls, read_xlsx

__all__ = ["DocumentError", "DocumentFacts", "extract", "read_document"]

# Readers by the format the content shows (loaders.sniff); the text reader also refuses, with a
# reason, the binaries sniff does not know (images, archives).
_READERS: dict[str, Callable[[str | Path], Layout]] = {
    "text": read_text, "pdf": read_pdf, "docx": read_docx, "xlsx": read_xlsx, "xls": read_xls,
}


def read_document(path: str | Path) -> DocumentFacts:
    """Choose the reader by the file's content (not its suffix), then extract the facts."""
    fmt = sniff(path)
    reader = _READERS.get(fmt)
    if reader is None:
        raise DocumentError(str(path), UNSUPPORTED[fmt])
    return extract(reader(path))
