"""Indicator rows of a table printed a phrase a line (or a row a line, cells run together).

Without cells a row is found by what closes it: the 指标值设置依据 phrase (then 上年值 and 分值
follow, on its line or the next), the 分值 and 得分 numbers ending a 自评表 line, or a 分值
ending the line. Its 指标值 starts at a comparison sign (``>=95%``, ``≤120 元/月/人``); a worded
one (有效提高, 提升 提升) is the end of the anchor's line, the repeat of the same words, or the
column that starts where the name's narrower last line ends. What follows a 自评表 row's score
is its 偏差原因, which ends with a full stop or where a level phrase begins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from loaders.extract.indicator_rows import Columns, Draft, Word, name_of, number, operator_starts, value_of
from loaders.extract.levels import PHRASES, assign, longest_phrase, tidy_value
from loaders.extract.table_text import cells, compact, words
from loaders.layout import Line

_MAX_WEIGHT = 100.0
_SPAN = 6  # most pieces a template phrase is cut into
_TAIL_WORDS = 3  # most words of the 上年值 and 分值 printed under a 设置依据
_NUMERIC = re.compile(r"^(?:[-/—–]|[<>≤≥=]*\d[\d.,%]*\s?\S{0,3})$")


def _merged(raw: Sequence[Word]) -> list[Word]:
    """Consecutive words that spell a template phrase ("产出指" "标") become one word."""
    out: list[Word] = []
    i = 0
    while i < len(raw):
        k = longest_phrase([compact(w.text) for w in raw[i : i + _SPAN]])
        if k:
            phrase = "".join(compact(w.text) for w in raw[i : i + k])
            out.append(Word(phrase, raw[i + k - 1].line, PHRASES[phrase]))
        else:
            out.append(raw[i])
        i += max(k, 1)
    return out


def _numeric(group: Sequence[Word]) -> bool:
    """Words that can only be an 上年完成值 or a 分值: ``-``, ``10``, ``12 次``, ``24小时``."""
    return len(group) <= _TAIL_WORDS and all(_NUMERIC.match(w.text) for w in group)


def _tail_length(groups: Sequence[Sequence[Word]], i: int) -> int:
    """How many lines from ``i`` hold a 设置依据's 上年值 and 分值 (``- 10``; ``有效保障`` ``6``)."""
    if i < len(groups) and _numeric(groups[i]):
        return 1
    lone = i + 1 < len(groups) and len(groups[i + 1]) == 1 and number(groups[i + 1][0].text) is not None
    return 2 if lone and len(groups[i]) <= _TAIL_WORDS and groups[i][0].kind == "" else 0


def _groups(lines: Sequence[Line]) -> list[list[Word]]:
    """The body's words from its first level phrase on, grouped by the line they end on.

    Lines holding a lone number are joined to a lone number on the next line: a table printed
    a cell a line gives 分值 and 得分 a line each.
    """
    raw = [Word(t, line.number) for line in lines for t in ([c for c in cells(line) if c] or words(line.text))]
    merged = _merged(raw)
    start = next((i for i, w in enumerate(merged) if w.kind == "level"), len(merged))
    groups: list[list[Word]] = []
    for w in merged[start:]:
        if groups and groups[-1][-1].line == w.line:
            groups[-1].append(w)
        else:
            groups.append([w])
    joined: list[list[Word]] = []
    for group in groups:
        lone = len(group) == 1 and number(group[0].text) is not None
        if lone and joined and len(joined[-1]) == 1 and number(joined[-1][0].text) is not None:
            joined[-1] = [*joined[-1], *group]
        else:
            joined.append(group)
    return joined


def _levels(ws: Sequence[Word], level1: str | None) -> tuple[str | None, str | None, list[Word]]:
    """The level phrases a row starts with (at most 一级 and 二级), and the rest of it."""
    k = 0
    while k < min(2, len(ws)) and ws[k].kind == "level":
        k += 1
    if not k:
        return None, None, list(ws)
    l1, l2 = assign([w.text for w in ws[:k]], level1)
    return l1, l2, list(ws[k:])


def _doubled(text: str) -> int:
    """Length of X when ``text`` ends with XX (a 自评表 that met a worded target: 提升 提升)."""
    return next((n for n in range(len(text) // 2, 1, -1) if text[-2 * n : -n] == text[-n:]), 0)


def _evaluated(ws: Sequence[Word], closing: Sequence[Word], level1: str | None) -> Draft | None:
    """A 自评表 row: its words before the 分值 and 得分 that close it."""
    marks = [i for i, w in enumerate(ws) if w.kind == "level"]
    stops = [i for i, w in enumerate(ws) if w.text.endswith("。")]
    start = marks[0] if marks else (stops[-1] + 1 if stops else 0)  # past the last row's 偏差原因
    l1, l2, rest = _levels(ws[start:], level1)
    if not rest:
        return None
    weight, score, last = number(closing[0].text), number(closing[1].text), closing[-1].line
    ops = operator_starts(rest)
    on_line = [w for w in rest if w.line == last]
    if ops:
        cut = ops[1] if len(ops) > 1 else len(rest)
        name, target, actual = name_of(rest[: ops[0]]), value_of(rest[ops[0] : cut]), value_of(rest[cut:])
    elif len(on_line) >= 2:
        name, target, actual = name_of(rest[:-2]), rest[-2].text, rest[-1].text
    else:
        text = name_of(rest)
        n = _doubled(text)
        name, target = (text[: -2 * n], text[-n:]) if n else (text, None)
        actual = target
    return Draft(l1, l2, name, target, rest[0].line, last, actual or None, weight, score)


def _target_split(rest: list[Word], anchor: int) -> tuple[list[Word], list[Word]]:
    """Name and 指标值 of a 目标表 row.

    A value with a comparison sign starts at it; a worded one printed on the anchor's line is
    that line's last word; else it is the column that starts after the name's last (narrower)
    line, as a narrow column wraps it.
    """
    ops = operator_starts(rest)
    if ops:
        return rest[: ops[0]], rest[ops[0] :]
    same = [i for i, w in enumerate(rest) if w.line == anchor]
    if same:
        return rest[: same[-1]], rest[same[-1] :]
    lines = sorted({w.line for w in rest})
    widths = [sum(len(compact(w.text)) for w in rest if w.line == n) for n in lines]
    cut = next((i + 1 for i in range(1, len(widths) - 1) if widths[i] < widths[i - 1]), len(lines) - 1)
    split = next((i for i, w in enumerate(rest) if cut > 0 and w.line == lines[cut]), len(rest))
    return rest[:split], rest[split:]


def _target_row(ws: Sequence[Word], anchor: int, weight: float | None, level1: str | None) -> Draft | None:
    l1, l2, rest = _levels([w for w in ws if w.kind != "tail"], level1)
    if not rest:
        return None
    name, value = _target_split(rest, anchor)
    if not name:
        name, value = value[:1], value[1:]
    return Draft(l1, l2, name_of(name), value_of(value) if value else None, rest[0].line, anchor, weight=weight)


def _weight(ws: Sequence[Word]) -> float | None:
    """The 分值 among the words after a 设置依据: the last small whole number."""
    values = [v for w in ws if (v := number(w.text)) is not None and v <= _MAX_WEIGHT and v == int(v)]
    return values[-1] if values else None


def _closing(group: Sequence[Word], columns: Columns) -> int:
    """How many numbers close a row on this line: 分值 and 得分 (自评表), a 分值, or none."""
    n = 2 if columns.actual else 1
    if columns.basis or not (columns.actual or columns.weight) or len(group) < n:
        return 0
    values = [number(w.text) for w in group[-n:]]
    if any(v is None for v in values):
        return 0
    return n if columns.actual or (len(group) > 1 and (values[0] or 0.0) <= _MAX_WEIGHT) else 0


def _pair(buffer: Sequence[Word], level1: str | None) -> Draft | None:
    """The older 目标表 has no column after the 指标值: name and value alternate, a cell each."""
    l1, l2, rest = _levels(buffer, level1)
    if len(rest) < 2:
        return None
    return Draft(l1, l2, name_of(rest[:1]), tidy_value(rest[1].text), rest[0].line, rest[1].line)


def stream_rows(lines: Sequence[Line], columns: Columns) -> list[Draft]:
    """Rows of a table printed as phrases: one cell or wrapped piece a line, or words."""
    groups = _groups(lines)
    paired = not (columns.actual or columns.basis or columns.weight)
    drafts: list[Draft] = []
    buffer: list[Word] = []
    level1: str | None = None
    i = 0
    while i < len(groups):
        group, i = groups[i], i + 1
        basis = next((k for k, w in enumerate(group) if w.kind == "basis"), None) if columns.basis else None
        closes = _closing(group, columns)
        draft: Draft | None = None
        if basis is not None:
            after = group[basis + 1 :]
            while _weight(after) is None and (k := _tail_length(groups, i)):
                after, i = [*after, *(w for g in groups[i : i + k] for w in g)], i + k
            draft = _target_row([*buffer, *group[:basis]], group[basis].line, _weight(after), level1)
        elif closes and columns.actual:
            draft = _evaluated([*buffer, *group[:-closes]], group[-closes:], level1)
        elif closes:
            draft = _target_row([*buffer, *group[:-1]], group[-1].line, number(group[-1].text), level1)
        else:
            for w in group:
                buffer.append(w)
                draft = _pair(buffer, level1) if paired else None
                if draft is not None:
                    drafts.append(draft)
                    level1, buffer = draft.level1 or level1, []
            continue
        buffer = []
        if draft is not None:
            drafts.append(draft)
            level1 = draft.level1 or level1
    return drafts
