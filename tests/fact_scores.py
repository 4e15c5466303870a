"""Precision and recall of extracted facts against expectations read from the seeds by hand, and
the re-renderings the extraction must not notice (rewrapped lines, spaced and full-width digits)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache

from hypothesis import strategies as st

from loaders.layout import Layout, Line
from loaders.text_reader import read_text
from tests.corpus import seed

Value = float | int | str | tuple[object, ...] | None


@dataclass(frozen=True)
class Score:
    expected: int
    found: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def _same(a: Value, b: Value) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int):
        return abs(a - b) < 0.005
    return a == b


def score(expected: Mapping[str, Value], got: Mapping[str, Value]) -> Score:
    """Facts as key → value; a stated ``None`` is not a fact, on either side."""
    exp = {k: v for k, v in expected.items() if v is not None}
    found = {k: v for k, v in got.items() if v is not None}
    correct = sum(1 for k, v in exp.items() if k in found and _same(found[k], v))
    return Score(len(exp), len(found), correct)


@cache
def layout(number: int) -> Layout:
    return read_text(seed(number))


def relaid(source: Layout, row: Callable[[Line], list[str]]) -> Layout:
    """The same document with every line replaced by the lines ``row`` prints for it."""
    texts = [text for line in source.lines for text in row(line)]
    lines = tuple(
        Line(number=i, text=t, cells=tuple(c.strip() for c in t.split("\t")) if "\t" in t else ())
        for i, t in enumerate(texts, 1)
    )
    return Layout(source.path, source.sha256, source.fmt, lines)


def spaced_cells(line: Line) -> list[str]:
    """Cells run together by spaces, blank cells lost (the 004 converter)."""
    return [" ".join(c for c in line.cells if c)] if line.cells else [line.text]


def cell_a_line(line: Line) -> list[str]:
    """One cell a line, each after a tab, rows apart (the 002 converter)."""
    return [*(f"\t{c}" for c in line.cells), ""] if line.cells else [line.text]


_FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
NUMBER = re.compile(r"(?<![\d.])\d[\d,]*\.\d+(?![\d.])")


@st.composite
def mangled_number(draw: st.DrawFn, text: str) -> str:
    """``text`` with stray spaces inside and, perhaps, full-width digits."""
    chars = list(text.translate(_FULL_WIDTH) if draw(st.booleans()) else text)
    for _ in range(draw(st.integers(0, 3))):
        chars.insert(draw(st.integers(1, max(1, len(chars) - 1))), " ")
    return "".join(chars)


def prose_mangler(data: st.DataObject) -> Callable[[Line], list[str]]:
    """A line of prose with its decimal numbers mangled and the line cut in two at a random place
    (a narrower page); table rows (cells) are left alone."""

    def row(line: Line) -> list[str]:
        if line.cells or "万元" not in line.text:
            return [line.text]
        text = NUMBER.sub(lambda m: data.draw(mangled_number(m[0])), line.text)
        cut = data.draw(st.integers(0, len(text)))
        return [text[:cut], text[cut:]] if 0 < cut < len(text) else [text]

    return row
