"""Made-up layouts for extractor tests: a document as rows of text and cells, as a reader gives it."""

from __future__ import annotations

from loaders.layout import Layout, Line


def layout_of(*rows: str) -> Layout:
    """Rows with tabs are table rows (cells), the others text; a form feed starts a new page."""
    lines, page = [], 1
    for number, row in enumerate(rows, start=1):
        page += row.startswith("\f")
        text = row.lstrip("\f")
        cells = tuple(text.split("\t")) if "\t" in text else ()
        lines.append(Line(number=number, text=text, page=page, cells=cells))
    return Layout(path="made-up.pdf", sha256="0" * 64, fmt="pdf", lines=tuple(lines))
