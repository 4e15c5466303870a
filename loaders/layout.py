"""The intermediate layout every reader produces and every extractor reads.

Readers (text/markdown now, PDF/DOCX/XLSX later) differ in how they find lines and cells;
extractors only ever see numbered lines, optionally grouped into pages and with table cells
already split. Keeping that boundary means a PDF fact comes out exactly like a text fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One physical line of the source, 1-based ``number`` across the whole document."""

    number: int
    text: str
    page: int | None = None
    cells: tuple[str, ...] = ()
    """Table cells when the reader knows them (tabs in text, ruled cells in PDF); else empty."""


@dataclass(frozen=True)
class Layout:
    """A document as lines, with where it came from."""

    path: str
    sha256: str
    fmt: str
    lines: tuple[Line, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def span(self, first: int, last: int) -> str:
        """The text of lines ``first``..``last`` (1-based, inclusive)."""
        return "\n".join(line.text for line in self.lines[first - 1 : last])
