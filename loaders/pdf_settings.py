"""What the PDF reader tolerates, in one validated, frozen object (pdfplumber's ``TableSettings``):
how close characters, lines and rules must be to count as one, and when a file or its text layer
is unusable. The modules of the reader read :data:`PDF`; a test or a tuning run builds another.

Usage example::

    PdfSettings(word_gap=0.5)  # wider gaps before a space is inferred
    PdfSettings(page_margin=0.6)  # ValueError: page_margin must be in (0, 0.5)
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class PdfSettings:
    same_line: float = 0.4
    """Characters whose baselines differ by less than this many font sizes share a line."""
    word_gap: float = 0.3
    """A gap wider than this many font sizes is a space the PDF did not draw."""
    full_line: float = 2.0
    """A line ending within this many font sizes of the right edge (either side) is full."""
    narrow: float = 0.55
    """The width of a Latin character or digit, in font sizes (a CJK character is 1)."""
    edge_lines: int = 3
    """Lines ending within a character of each other that make the text block's right edge."""
    line_gap: float = 0.6
    """More than this many font sizes between two lines is a paragraph gap."""
    page_margin: float = 0.08
    """The top and bottom share of the page where page numbers print."""
    edge_tolerance: float = 1.0
    """Points: cell edges closer than this are one grid line."""
    part_tolerance: float = 3.5
    """Points: column rules of the parts of a table continued over pages that are one rule. pdfplumber
    snaps the rules of a page lying within 3 points of each other to their mean, so a part that shares
    its page with another table, ruled a little differently, has its rules moved by up to that much."""
    eof_window: int = 64 * 1024
    """Bytes: %%EOF must appear this close to the end of a complete file."""
    unmapped_share: float = 0.5
    """More unmapped glyphs than this share and the text layer is unusable."""

    def __post_init__(self) -> None:
        for f in fields(self):
            if getattr(self, f.name) <= 0:
                raise ValueError(f"{f.name} must be positive, not {getattr(self, f.name)}")
        if self.page_margin >= 0.5:
            raise ValueError(f"page_margin must be in (0, 0.5), not {self.page_margin}")
        if self.unmapped_share > 1:
            raise ValueError(f"unmapped_share is a share, at most 1, not {self.unmapped_share}")


PDF = PdfSettings()
"""The settings the reader runs with."""
