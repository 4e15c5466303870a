"""Indicator rows of a 绩效目标表 / 绩效自评表: the row model both table readers fill.

A row is [一级][二级] 三级指标 指标值, followed, depending on the table, by 设置依据 上年值 分值
赋分规则 佐证资料 (目标表), by 实际完成值 分值 得分 偏差原因 (自评表), by 分值 alone, or by
nothing (older 目标表). The header says which, by the names of its columns (compacted, since
converters print ``上年 完成 值``), and in which order; :class:`Columns` carries that to the readers
(:mod:`indicator_cells` for tables that kept their cells, :mod:`indicator_stream` for tables
printed a phrase a line). Both produce :class:`Draft` rows, whose levels :func:`settle`
carries down merged cells and checks against the template's nesting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from loaders.extract.joined import source
from loaders.extract.levels import label_rows, parent, tidy_value
from loaders.extract.table_text import compact
from loaders.facts import IndicatorFact
from loaders.layout import Layout
from vocab.measures import COMPARATOR, normalise, parse_measure, stated

OPERATORS = "<>≤≥="
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_WORD_COMPARATOR = re.compile(rf"^(?:{COMPARATOR})\d")


# The columns after the 指标值, each by the names its header cell goes by (the first found counts).
_NAMES: dict[str, tuple[str, ...]] = {
    "basis": ("设置依", "依据"),
    "prior": ("上年",),
    "actual": ("实际完成",),
    "weight": ("分值", "权重"),
    "score": ("得分",),
    "deviation": ("偏差",),
}


@dataclass(frozen=True)
class Columns:
    """What a table's header says its rows hold after the 指标值, and in which order."""

    order: tuple[str, ...]  # the keys of ``_NAMES`` the header names, left to right
    cells: tuple[tuple[str, int], ...] = ()  # the cell each key heads, where the header kept its cells

    @classmethod
    def of(cls, header: str, cells: Sequence[str] = ()) -> Columns:
        """From the compacted header text and, where it kept them, the header row's cells: a table
        printed with fixed column widths keeps a merge's covered columns as blank cells in every
        row (LibreOffice, Word), so a column is where its header cell is, not a count of names."""
        found = _first(header, _NAMES)
        order = tuple(sorted(found, key=found.__getitem__))
        heads = [(key, at) for key in order
                 if (at := next((k for k, c in enumerate(cells) if _first(compact(c), {key: _NAMES[key]})), -1)) >= 0]
        return cls(order, tuple(heads))

    @property
    def actual(self) -> bool:  # 实际完成值 ... 得分: a 自评表
        return "actual" in self.order

    @property
    def basis(self) -> bool:  # 指标值设置依据
        return "basis" in self.order

    @property
    def weight(self) -> bool:  # 分值 / 权重
        return "weight" in self.order

    @property
    def prior(self) -> bool:  # 上年完成值 (目标表)
        return "prior" in self.order

    @property
    def deviation(self) -> bool:  # 偏差原因分析及改进措施 (自评表)
        return "deviation" in self.order

    def offset(self, start: str, column: str) -> int | None:
        """How many columns right of ``start`` the header puts ``column``; ``None`` if it has not both."""
        if start not in self.order or column not in self.order:
            return None
        heads = dict(self.cells)
        if start in heads and column in heads:
            return heads[column] - heads[start]
        return self.order.index(column) - self.order.index(start)


def _first(text: str, names: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Where in ``text`` each key's first-found name begins, for the keys named."""
    at = {key: [i for name in alternatives if (i := text.find(name)) >= 0] for key, alternatives in names.items()}
    return {key: min(places) for key, places in at.items() if places}


@dataclass(frozen=True)
class Word:
    """A word of a plain line or a cell of a cell row; template phrases already joined."""

    text: str
    line: int
    kind: str = ""  # "level" / "basis" / "tail" for template phrases


@dataclass(frozen=True)
class Draft:
    """One indicator as read, its levels not yet carried from the rows above."""

    level1: str | None
    level2: str | None
    name: str
    target: str | None
    first: int
    last: int
    actual: str | None = None
    weight: float | None = None
    score: float | None = None
    levels: tuple[tuple[int, str], ...] = ()  # (column, text) of the level cells read on the row
    prior: str | None = None  # 上年完成值
    deviation: str | None = None  # 偏差原因


def number(text: str) -> float | None:
    """A bare number (分值, 得分); ``None`` for anything else."""
    text = text.replace(" ", "")
    return float(text) if _NUMBER.match(text) else None


def value_of(ws: Sequence[Word]) -> str | None:
    """Words of one value: spaced as printed on a line, joined where a line broke them."""
    text = "".join((" " if i and w.line == ws[i - 1].line else "") + w.text for i, w in enumerate(ws))
    return tidy_value(text)


def name_of(ws: Sequence[Word]) -> str:
    """An indicator name: Chinese needs no spaces, so the pieces are joined without them."""
    return "".join(compact(w.text) for w in ws)


def starts_value(text: str) -> bool:
    """A word that opens a value: a comparison sign or word before a number (``>=95%``,
    ``不低于95%``), or a whole value that a suffix compares or that is a date (``95%以上``,
    ``3个工作日以内``, ``2025年12月10日前``, ``2025年12月8日``)."""
    if text[:1] in OPERATORS or _WORD_COMPARATOR.match(normalise(text)):
        return True
    measure = parse_measure(text)
    return measure.date is not None or (measure.comparator is not None and measure.value is not None)


def operator_starts(ws: Sequence[Word]) -> list[int]:
    """Where values start (:func:`starts_value`; a bare ``>`` joins the next word)."""
    bare = set(OPERATORS)
    return [i for i, w in enumerate(ws) if starts_value(w.text) and not (i and ws[i - 1].text in bare)]


def labelled(drafts: Sequence[Draft], restore: bool) -> list[Draft]:
    """Drafts with the levels their level cells spell (pieces joined down the columns).

    With ``restore``, cells that took part in no level phrase go back to the front of the name:
    a reader without columns cannot tell a name's first piece from a level's.
    """
    cells = [(i, column, text) for i, d in enumerate(drafts) for column, text in d.levels]
    labels, used = label_rows(cells, len(drafts))
    out = []
    for i, (d, (level1, level2)) in enumerate(zip(drafts, labels, strict=True)):
        lost = "".join(text for column, text in d.levels if restore and (i, column) not in used)
        out.append(replace(d, level1=level1, level2=level2, name=lost + d.name))
    return out


def settle(drafts: Sequence[Draft], layout: Layout) -> list[IndicatorFact]:
    """Carry levels down (and up to rows above the first label), then fix each 一级指标."""
    level1 = next((d.level1 for d in drafts if d.level1), None)
    level2 = next((d.level2 for d in drafts if d.level2), None)
    facts: list[IndicatorFact] = []
    for d in drafts:
        if d.level1 and d.level1 != level1:
            level2 = None  # a new 一级指标 opens a new block of 二级指标
        level1, level2 = d.level1 or level1, d.level2 or level2
        facts.append(
            IndicatorFact(
                name=d.name,
                level1=parent(level1, level2),
                level2=level2,
                target=d.target,
                actual=d.actual,
                weight=d.weight,
                score=d.score,
                source=source(layout, d.first, d.last),
                prior=stated(d.prior),
                deviation_reason=stated(d.deviation),
            )
        )
    return facts
