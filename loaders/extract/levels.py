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
from collections.abc import Sequence

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
PHRASES: dict[str, str] = {
    **{p: "tail" for p in TAILS},
    **{p: "basis" for p in BASES},
    **{p: "level" for p in LEVELS},
}
_PREFIXES = frozenset(p[:i] for p in PHRASES for i in range(1, len(p) + 1))
_OPERATOR_GAP = re.compile(r"([<>≤≥=])\s+(?==)|(?<=[<>≤≥=])\s+(?=\d)")
_TIGHT = re.compile(r"\s*([/·・•%])\s*")
_SPACE = re.compile(r"\s+")
_LEAKED = re.compile(r"^[^\s<>≤≥=]{1,3}\s+(?=[<>≤≥=])")  # a neighbour cell's last characters
_CUT_DECIMAL = re.compile(r"(\d\.\d+)\s+(?=\d)")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


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


def is_level_piece(text: str) -> bool:
    """A cell that is a level phrase or a piece of one (``数量``, ``度指标``)."""
    return bool(text) and any(text in phrase for phrase in LEVELS)


def assign(phrases: Sequence[str], level1: str | None) -> tuple[str | None, str | None]:
    """Which of one or two level phrases read at a row's start is the 一级 and which the 二级.

    One phrase alone is a 二级指标 when the current 一级指标 can hold it (成本指标 under the
    older 项目完成指标) or when it can only be one; otherwise it opens a new 一级指标.
    """
    if len(phrases) >= 2:
        return phrases[0], phrases[1]
    (phrase,) = phrases
    if phrase in LEVEL2 and (phrase not in LEVEL1 or (level1 and phrase in CHILDREN.get(level1, ()))):
        return None, phrase
    return phrase, None


def parent(level1: str | None, level2: str | None) -> str | None:
    """The 一级指标 of a row: the one read if it holds the 二级指标, else the template's parent."""
    if level2 is None or (level1 is not None and level2 in CHILDREN.get(level1, ())):
        return level1
    return _PARENT.get(level2, level1)


def tidy_value(text: str) -> str | None:
    """A 指标值 as written: spacing collapsed, none inside ``> =``, around ``/·%`` or between CJK.

    Garbled cells lose what a neighbour cell leaked into them before the comparison sign
    (``号 <=13.60万元``) and the space a cut put inside a decimal (``33.5 7``).
    """
    value = _OPERATOR_GAP.sub(r"\1", _SPACE.sub(" ", text).strip())
    value = _LEAKED.sub("", _CUT_DECIMAL.sub(r"\1", value))
    value = _CJK_GAP.sub("", _TIGHT.sub(r"\1", value))
    return value or None
