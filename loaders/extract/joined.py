"""Narrative text as one whitespace-free string that still knows its source lines.

Converters break sentences, names and numbers at arbitrary places and sprinkle spaces between
CJK characters and inside numbers (``33. 57 万元``). Chinese prose needs no spaces, so the
extractors read a compacted copy (NFKC, markup dropped, whitespace removed) in which a wrapped
project name or a split amount is whole again, and map every match back to its lines for the
:class:`SourceRef`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from loaders.facts import SourceRef
from loaders.layout import Layout, Line
from vocab.docnumbers import find_doc_numbers
from vocab.numbers import clean_text

_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+)|\*\*")
_SPACE = re.compile(r"\s+")
_TRAILING = re.compile(r"^[:;,、。.]+|[:;,、。.]+$")
_YUAN = re.compile(r"(\d)元")
_CELL_BREAK = "|"


@dataclass(frozen=True)
class Joined:
    """``text`` with ``line_numbers[i]`` the source line of ``text[i]``."""

    text: str
    line_numbers: tuple[int, ...]

    @classmethod
    def of(cls, lines: Iterable[Line], cell_breaks: bool = False) -> Joined:
        """The lines run together; with ``cell_breaks`` a row's cells stay apart (``|`` between
        them), so that one cell's words do not run into the next (``≥10公里`` | ``普投资规范…``)."""
        chars: list[str] = []
        numbers: list[int] = []
        for line in lines:
            cells = cell_breaks and line.cells
            text = _CELL_BREAK.join(filter(None, map(_compact_text, line.cells))) if cells else compact(line)
            chars.append(text)
            numbers.extend([line.number] * len(text))
        return cls("".join(chars), tuple(numbers))

    def slice(self, start: int, end: int) -> Joined:
        return Joined(self.text[start:end], self.line_numbers[start:end])

    def source(self, layout: Layout, start: int = 0, end: int | None = None) -> SourceRef:
        """The lines that ``text[start:end]`` was read from."""
        numbers = self.line_numbers[start:end] or self.line_numbers[-1:] or (1,)
        return source(layout, numbers[0], numbers[-1])


@lru_cache(maxsize=1 << 16)
def compact(line: Line) -> str:
    """One line as the extractors compare it (cached: every extractor reads every line)."""
    return _compact_text(line.text)


def _compact_text(text: str) -> str:
    return _SPACE.sub("", _MARKUP.sub("", clean_text(text)))


def source(layout: Layout, first: int, last: int) -> SourceRef:
    """A :class:`SourceRef` with the original text of lines ``first``..``last``."""
    page = layout.lines[first - 1].page if 0 < first <= len(layout.lines) else None
    return SourceRef(line_start=first, line_end=last, text=layout.span(first, last).strip(), page=page)


def _pair_quotes(text: str) -> str:
    """Straight double quotes back to the “” the original typesetting used, so renderings agree."""
    if text.count('"') % 2:
        return text
    parts = text.split('"')
    return "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]


def tidy(value: str) -> str:
    """A field value as written, minus the separators the template puts around it."""
    return _pair_quotes(_TRAILING.sub("", value))


def canonical_name(value: str) -> str:
    """A project or policy name: tidied, with any 发文字号 inside in canonical form."""
    text = tidy(value)
    for number, start, end in reversed(find_doc_numbers(text)):
        text = text[:start] + number + text[end:]
    return text


def standard_text(value: str) -> str:
    """A 补贴标准 as written: ``120 元/月/人``, with the one space the documents put before 元."""
    return _YUAN.sub(r"\1 元", tidy(value))
