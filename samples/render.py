"""How a document is laid out and how its numbers are printed: one :class:`Style` per document.

The same logical document (a list of blocks) comes out as a converter would print it:

* ``tabs``: table cells separated by tabs, one row a line;
* ``markdown``: ``#`` headings, ``- `` items, pipe tables;
* ``wrapped``: prose hard-wrapped at 30–40 characters (numbers and 发文字号 are cut), cells by spaces;
* ``spaced``: stray spaces inside numbers (``1, 531. 22``) and 发文字号, full-width spaces in labels.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

LAYOUTS = ("tabs", "markdown", "wrapped", "spaced")
BRACKETS = ("〔〕", "[]", "【】", "（）", "()")


@dataclass(frozen=True)
class Heading:
    level: int  # 0 title, 1 part, 2 section, 3 caption
    text: str


@dataclass(frozen=True)
class Para:
    text: str
    item: bool = False  # a list item (主要职能, 名词解释)


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]  # the first row is the header
    header_rows: int = 1
    """Rows that head the table: their labels span the empty cells after them (and, in a header of
    several rows, below them), and a PDF or DOCX repeats them on every page the table runs onto."""
    merge_down: bool = False
    """Below the 一级指标 header, a 一级/二级指标 printed once above empty cells (as converters print a
    merged cell) is merged down over them, as the publisher's table had it."""


Block = Heading | Para | Table


@dataclass
class Style:
    """Per-document rendering choices; ``rng`` decides the stray spaces of the ``spaced`` layout."""

    layout: str
    bracket: str
    split_codes: bool
    yuan_tables: frozenset[str]
    width: int
    rng: random.Random = field(repr=False)
    national_titles: bool = False
    """Tables titled as the national budget template and district publishers print them
    (``2025年部门支出预算总表``, ``编制部门：… 单位：元``), the money tables in 元."""
    book_scope: str | None = None
    """A district's budget book (``<place>2025年区级部门预算``, the unit on a ``预算主管部门：`` or
    ``预算单位：`` line below) of this scope (部门 or 单位), with 项目经费情况说明 sections; implies
    the national titles. None: the unit's own title."""

    @classmethod
    def draw(cls, rng: random.Random, layout: str, bracket: str) -> Style:
        tables = frozenset(t for t in ("expenditure", "economic", "project", "three_public") if rng.random() < 0.3)
        split, width, own = rng.random() < 0.6, rng.randint(30, 40), random.Random(rng.random())
        national = rng.random() < 0.3  # drawn after the others: their choices stay what they were
        book = rng.random() < 0.2  # drawn last, for the same reason
        book_scope = ("部门", "单位")[rng.random() < 0.5] if book else None
        if national or book:
            tables |= {"expenditure", "economic", "project"}
        return cls(layout, bracket, split, tables, width, own, national or book, book_scope)

    def as_book(self, scope: str) -> Style:
        """This style printed as a district's budget book of ``scope`` (部门 or 单位)."""
        yuan = self.yuan_tables | {"expenditure", "economic", "project"}
        return replace(self, national_titles=True, book_scope=scope, yuan_tables=yuan)

    def amount(self, c: int, yuan: bool = False) -> str:
        """An amount given in hundredths of 万元, printed in 万元 or (``yuan``) in 元."""
        text = f"{c * 100:,}.00" if yuan else f"{c / 100:,.2f}"
        if self.layout == "spaced" and self.rng.random() < 0.6:
            text = text.replace(",", ", ").replace(".", ". ")
        return text

    def doc_number(self, canonical: str) -> str:
        """A canonical 发文字号 (``新政办发〔2010〕168号``) in this document's bracket style."""
        text = canonical.replace("〔", self.bracket[0]).replace("〕", self.bracket[1])
        if self.layout == "spaced" and self.rng.random() < 0.5:
            text = text.replace(self.bracket[0], " " + self.bracket[0]).replace("号", " 号")
        return text

    def label(self, text: str) -> str:
        """Table labels such as 收入总计, spread with full-width spaces by some converters."""
        return "\u3000".join(text) if self.layout == "spaced" and len(text) <= 4 else text

    def code_cells(self, code: str) -> tuple[str, ...]:
        """A 功能分类 code as 类/款/项 cells (``208``, ``01``, ``09``) or one cell (``2080109``)."""
        if not self.split_codes:
            return (code,)
        return (code[:3], code[3:5], code[5:7])

    def cell(self, c: int, yuan: bool = False) -> str:
        """A table cell: zero is left blank, except in wrapped text where blanks would lose the column."""
        if c == 0 and self.layout != "wrapped":
            return ""
        return self.amount(c, yuan)

    def code_columns(self) -> tuple[str, ...]:
        return ("类", "款", "项") if self.split_codes else ("科目编码",)


def render(blocks: list[Block], style: Style) -> str:
    lines: list[str] = []
    for block in blocks:
        if lines and lines[-1].startswith("- ") and not (isinstance(block, Para) and block.item):
            lines.append("")  # a markdown list ends with a blank line
        if isinstance(block, Heading):
            lines.extend(_heading(block, style))
        elif isinstance(block, Para):
            lines.extend(_para(block, style))
        else:
            lines.extend(_table(block, style))
    return "\n".join(lines).rstrip("\n") + "\n"


def _heading(block: Heading, style: Style) -> list[str]:
    if style.layout == "markdown":
        return ["#" * (block.level + 1) + " " + block.text, ""]
    if style.layout == "spaced" and block.level == 1:
        return [block.text.replace(" ", "\u3000", 1), ""]
    return [block.text, ""] if style.layout == "wrapped" else [block.text]


def _para(block: Para, style: Style) -> list[str]:
    if style.layout == "markdown":
        return ["- " + block.text] if block.item else [block.text, ""]
    if style.layout == "wrapped":
        return [*wrap(block.text, style.width), ""]
    return [block.text]


def wrap(text: str, width: int) -> list[str]:
    """Hard-wrap at ``width`` characters, as a narrow PDF column does, wherever the cut falls."""
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _table(block: Table, style: Style) -> list[str]:
    width = max(len(row) for row in block.rows)
    rows = [row + ("",) * (width - len(row)) for row in block.rows]
    if style.layout == "markdown":
        out = ["| " + " | ".join(row) + " |" for row in rows]
        out.insert(1, "|" + "---|" * width)
        return [*out, ""]
    if style.layout == "wrapped":
        return [*(" ".join(c for c in row if c) for row in rows), ""]
    return [*("\t".join(row).rstrip("\t") for row in rows), ""]
