"""The fixed phrases of the performance tables: indicator levels, 指标值设置依据, scoring rules.

Narrow columns cut these phrases anywhere ("产出指" / "标", "满意" / "度指" / "标"), so a
reader joins consecutive pieces whenever together they spell one. Merged cells print an
一级指标 once for a block of rows (and PDF converters print it in the block's middle row), so
the 一级指标 of a row is checked against its 二级指标: the template nests them (数量/质量/时效
under 产出, 经济成本 under 成本, ...), and a carried 一级指标 that cannot hold the row's
二级指标 is replaced by the one that does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from vocab.numbers import compact_number

# 一级指标 -> the 二级指标 it holds, in the current template and the older ones (项目完成/项目效益).
CHILDREN: dict[str, frozenset[str]] = {
    "产出指标": frozenset({"数量指标", "质量指标", "时效指标", "成本指标"}),
    "成本指标": frozenset({"经济成本指标", "社会成本指标", "生态环境成本指标"}),
    "效益指标": frozenset({"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"}),
    "满意度指标": frozenset({"满意度指标", "服务对象满意度指标"}),
    "项目完成指标": frozenset({"数量指标", "质量指标", "时效指标", "成本指标"}),
    "项目效益指标": frozenset({"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "满意度指标"}),
}
LEVEL1 = frozenset(CHILDREN)
LEVEL2 = frozenset(child for children in CHILDREN.values() for child in children)
_PARENT = {child: parent for parent in ("产出指标", "成本指标", "效益指标", "满意度指标") for child in CHILDREN[parent]}
BASES = frozenset({"计划标准", "预算支出标准", "行业标准", "历史标准", "其他标准", "国家标准", "地方标准", "政策制度"})
TAILS = frozenset(
    {
        "按照完成比例赋分",
        "按评判等级赋分",
        "满意度赋分",
        "直接赋分",
        "按比例赋分",
        "工作资料",
        "原始凭证",
        "说明材料",
        "佐证材料",
        "工作资料,原始凭证",
    }
)
LEVELS = LEVEL1 | LEVEL2
# Words of the indicator header (一级指标 … 佐证资料, 实际完成值 … 偏差原因分析及改进措施).
HEADER_WORDS = ("一级指", "二级指", "三级指", "指标值", "权重", "依据", "完成值", "得分", "佐证", "分值", "措施")
PHRASES: dict[str, str] = {
    **{p: "tail" for p in TAILS},
    **{p: "basis" for p in BASES},
    **{p: "level" for p in LEVELS},
}
_PREFIXES = frozenset(p[:i] for p in PHRASES for i in range(1, len(p) + 1))
_OPERATOR_GAP = re.compile(r"([<>≤≥=])\s+(?==)|(?<=[<>≤≥=])\s+(?=\d)")
_MIDDLE_DOTS = str.maketrans(dict.fromkeys("・•‧∙⋅", "·"))  # 元/人·月: fonts and converters vary the dot
_TIGHT = re.compile(r"\s*([/·・•%])\s*")
_SPACE = re.compile(r"\s+")
# A neighbour cell's last characters, before the comparison sign; without a space between only when
# they are not digits (a cell that wrapped there lost the space).
_LEAKED = re.compile(r"^[^\s<>≤≥=]{1,3}\s+(?=[<>≤≥=])|^[^\s\d.<>≤≥=]{1,3}(?=[<>≤≥=])")
_CUT_DECIMAL = re.compile(r"(\d\.\d+)\s+(?=\d)")
# Between two CJK characters, or a CJK character and a digit: converters put spaces there where the
# PDF changed fonts or a cell wrapped, and a re-rendering keeps or drops them at its own wraps.
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff\d])|(?<=\d)\s+(?=[\u4e00-\u9fff])")


def is_prefix(text: str) -> bool:
    """Whether ``text`` can still grow into one of the template's phrases."""
    return text in _PREFIXES


def longest_phrase(pieces: Sequence[str]) -> int:
    """How many of ``pieces`` (compacted) together spell a template phrase; 0 if none do."""
    joined, best = "", 0
    for k, piece in enumerate(pieces, 1):
        joined += piece
        if joined in PHRASES:
            best = k
        if not is_prefix(joined):
            break
    return best


def opens_level(text: str) -> bool:
    """Whether ``text`` is the start of a level phrase (``产出``, ``数量指``, ``满意度指标``)."""
    return bool(text) and any(phrase.startswith(text) for phrase in LEVELS)


def is_tail_piece(text: str) -> bool:
    """A piece of a scoring rule or evidence phrase (``原始``, ``工作资料,原始``)."""
    return bool(text) and any(text in phrase for phrase in TAILS)


def is_level_piece(text: str) -> bool:
    """A cell that is a level phrase or a piece of one (``数量``, ``度指标``)."""
    return bool(text) and any(text in phrase for phrase in LEVELS)


@dataclass
class _Held:
    """Pieces of a level phrase read so far down one column, and the cells they came from."""

    text: str
    first: int
    cells: list[tuple[int, int]]


def _is_level1(phrase: str, beside: bool, leftmost: bool, level1: str | None) -> bool:
    """Whether a level phrase is the row's 一级指标.

    成本指标 and 满意度指标 are both levels in the template: beside another level phrase the left
    one is the 一级; alone, the 二级 when the current 一级 holds it (the older 项目完成指标
    holds 成本指标), else a new 一级.
    """
    if (phrase in LEVEL1) != (phrase in LEVEL2):
        return phrase in LEVEL1
    if beside:
        return leftmost
    return not (level1 and phrase in CHILDREN.get(level1, ()))


def label_rows(cells: Sequence[tuple[int, int, str]], rows: int) -> tuple[list[list[str | None]], set[tuple[int, int]]]:
    """一级/二级指标 of ``rows`` rows from the level cells ``(row, column, text)`` read on them.

    Pieces printed down a column on consecutive rows ("数量" / "指标") are joined and the
    phrase labels every row they span. Also returns the ``(row, column)`` cells that made up a
    phrase, so a reader can give the others back to the names they were cut from.
    """
    labels: list[list[str | None]] = [[None, None] for _ in range(rows)]
    used: set[tuple[int, int]] = set()
    per_row = Counter(row for row, _, _ in cells)
    leftmost = {row: min(c for r, c, _ in cells if r == row) for row in per_row}
    held: dict[int, _Held] = {}
    level1: str | None = None
    for row, column, text in cells:
        before = held.get(column)
        joined = before.text + text if before else ""
        follows = before is not None and before.cells[-1][0] >= row - 1
        piece = (
            _Held(joined, before.first, [*before.cells, (row, column)])
            if before and follows and is_prefix(joined)
            else None
        )
        piece = piece or _Held(text, row, [(row, column)])
        if PHRASES.get(piece.text) != "level":
            held[column] = piece
            continue
        held.pop(column, None)
        used.update(piece.cells)
        one = _is_level1(piece.text, per_row[row] > 1, column == leftmost[row], level1)
        level1 = piece.text if one else level1
        for r in range(piece.first, row + 1):
            labels[r][0 if one else 1] = piece.text
    return labels, used


def parent(level1: str | None, level2: str | None) -> str | None:
    """The 一级指标 of a row: the one read if it holds the 二级指标, else the template's parent."""
    if level2 is None or (level1 is not None and level2 in CHILDREN.get(level1, ())):
        return level1
    return _PARENT.get(level2, level1)


def tidy_value(text: str) -> str | None:
    """A 指标值 as written: spacing collapsed, none inside ``> =``, around ``/·%``, between CJK or
    between CJK and digits (``2025 年 12 月`` reads ``2025年12月``, as a PDF prints it); one middle
    dot (``元/人・月`` reads ``元/人·月``).

    Garbled cells lose what a neighbour cell leaked into them before the comparison sign
    (``号 <=13.60万元``) and the spaces a converter or a cut put inside a number (``7. 11``, ``33.5 7``).
    """
    value = _OPERATOR_GAP.sub(r"\1", _SPACE.sub(" ", compact_number(text)).strip())
    value = _LEAKED.sub("", _CUT_DECIMAL.sub(r"\1", value))
    value = _CJK_GAP.sub("", _TIGHT.sub(r"\1", value)).translate(_MIDDLE_DOTS)
    return value or None
