"""Characters of a PDF page into lines of text, by position.

pdfplumber gives characters with their boxes in drawing order. Lines are rebuilt from geometry:
characters whose baselines agree share a line, read left to right; a gap wider than a third of the
font size is a space the PDF did not draw; a character printed twice at one place (fake bold,
shadows) counts once. Both the page's loose text and each table cell are read this way.

A line is its baseline, not its boxes: a character's box is placed by its font's declared descent,
and producers declare it in any unit (ONLYOFFICE writes font units, so the box of a Latin figure
inside a CJK sentence sits a third of a line below its words). Where the character's matrix is
upright, its origin gives the baseline whatever the font declares; otherwise the box's middle does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from loaders.pdf_settings import PDF

_UNBROKEN = re.compile(r"(?:[0-9A-Za-z.,%+\-/:()=<>≤≥]+|[^\s0-9A-Za-z])[，。；：、！？）》」』”’,.;:!?)%]*")

Char = dict[str, Any]
"""A pdfplumber character: ``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``size``..."""



@dataclass(frozen=True)
class TextLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def first_word(text: str) -> float:
    """The width, in font sizes, of what a line cannot break before: a run of Latin letters, digits
    and their marks (``1,727.26``, ``0.00%``, ``>=95%``) or one CJK character, with the closing
    punctuation after it. A line that stopped short by less than the next line's first word ended
    there because that word did not fit: it wraps, as a full line does."""
    word = _UNBROKEN.match(text)
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else PDF.narrow for c in word[0]) if word else 0.0


def first_word_printed(line: TextLine) -> float:
    """:func:`first_word` of a printed line, at least its share of the line's width as printed (a
    font's Latin letters and digits may be wider than :attr:`~loaders.pdf_settings.PdfSettings.narrow`)."""
    word = _UNBROKEN.match(line.text)
    share = (line.x1 - line.x0) / line.size * len(word[0]) / len(line.text) if word else 0.0
    return max(first_word(line.text), share)


def text_lines(chars: Iterable[Char]) -> list[TextLine]:
    """Characters grouped into lines by their baseline, each line read left to right."""
    groups: list[list[Char]] = []
    for char in sorted(chars, key=_baseline):
        if groups:
            first = groups[-1][0]
            if abs(_baseline(char) - _baseline(first)) <= PDF.same_line * min(_size(char), _size(first)):
                groups[-1].append(char)
                continue
        groups.append([char])
    return [line for group in groups if (line := _line(group)) is not None]


def _line(chars: list[Char]) -> TextLine | None:
    chars.sort(key=lambda c: c["x0"])
    text: list[str] = []
    previous: Char | None = None
    for char in chars:
        if previous is not None:
            if char["text"] == previous["text"] and abs(char["x0"] - previous["x0"]) < 1:
                continue  # overprinted (fake bold or a shadow)
            gap = char["x0"] - previous["x1"]
            if gap > PDF.word_gap * _size(char) and not (char["text"].isspace() or previous["text"].isspace()):
                text.append(" ")
        text.append(char["text"])
        previous = char
    line = "".join(text).strip(" ")
    if not line.strip():
        return None
    return TextLine(
        text=line, x0=float(chars[0]["x0"]), x1=float(max(c["x1"] for c in chars)),
        top=float(min(c["top"] for c in chars)), bottom=float(max(c["bottom"] for c in chars)),
        size=max(_size(c) for c in chars),
    )


def _baseline(char: Char) -> float:
    """Where the character stands, from the top of the page: its origin (the matrix's translation,
    in the same space as its box) for upright text, its box's middle otherwise."""
    matrix = char.get("matrix")
    if matrix is not None and matrix[0] > 0 and matrix[3] > 0 and matrix[1] == matrix[2] == 0:
        return float(char["bottom"]) - (float(matrix[5]) - float(char["y0"]))
    return (float(char["top"]) + float(char["bottom"])) / 2


def _size(char: Char) -> float:
    return max(float(char.get("size") or 0), float(char["bottom"]) - float(char["top"]), 1.0)
