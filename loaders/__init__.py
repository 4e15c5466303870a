"""Loaders: a disclosure file in, typed facts out (``read_document``).

Usage example::

    from loaders import read_document
    facts = read_document("../shared/corpus/seeds/000_169539529834f7d7.txt")
    [p.name for p in facts.projects if p.beneficiary_count]  # the subsidy projects
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from loaders.errors import DocumentError
from loaders.extract import extract
from loaders.facts import DocumentFacts
from loaders.layout import Layout
from loaders.text_reader import binary_kind, not_text_error, read_text

__all__ = ["DocumentError", "DocumentFacts", "extract", "read_document"]

# Readers by the binary kind the content starts with (None: text). PDF/DOCX/XLSX readers add
# their kind here; until then such files are refused with a clear reason.
_READERS: dict[str | None, Callable[[str | Path], Layout]] = {None: read_text}


def read_document(path: str | Path) -> DocumentFacts:
    """Choose the reader by the file's content (not its suffix), then extract the facts."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise DocumentError(str(path), f"cannot read file: {exc.strerror or exc}") from exc
    kind = binary_kind(head)
    reader = _READERS.get(kind)
    if reader is None:
        raise not_text_error(str(path), kind or "binary")
    return extract(reader(path))
