"""Indicator rows of a table printed a phrase a line (or a row a line, cells run together).

Without cells a row is found by what closes it: the 指标值设置依据 phrase (then 上年值 and 分值
follow, on its line or the next), the 分值 and 得分 numbers ending a 自评表 line, or a 分值
ending the line. Its 指标值 starts at a comparison sign (``>=95%``, ``≤120 元/月/人``); a worded
one (有效提高, 提升 提升) is the end of the anchor's line, the repeat of the same words, or the
column that starts where the name's narrower last line ends. What follows a 自评表 row's score
is its 偏差原因, which ends with a full stop or where a level phrase begins (or at the 总分 row);
what follows a 设置依据, before the 分值, is the 上年完成值.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from loaders.extract.indicator_rows import (
    OPERATORS,
    Columns,
    Draft,
    Word,
    labelled,
    name_of,
    number,
    operator_starts,
    value_of,
)
from loaders.extract.levels import (
    HEADER_WORDS,
    PHRASES,
    is_level_piece,
    is_tail_piece,
    longest_phrase,
    opens_level,
    tidy_value,
)
from loaders.extract.table_text import cells, compact, words
from loaders.layout import Line

_MAX_WEIGHT = 100.0
_SPAN = 6  # most pieces a template phrase is cut into
_TAIL_WORDS = 3  # most words of the 上年值 and 分值 printed under a 设置依据
_DATE = re.compile(r"\d{4}\s*年(?:\s*\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?\s*(?:底|前|底前|之前|以前)?")
_TWO_CJK = re.compile(r"[\u4e00-\u9fff]{2}")
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
    """The body's words, grouped by the line they end on.

    The body starts after the last header word before the first level phrase or 设置依据 (a
    first row may show no level; a narrow header prints a fragment a line).

    Lines holding a lone number are joined to a lone number on the next line: a table printed
    a cell a line gives 分值 and 得分 a line each.
    """
    raw = [Word(t, line.number) for line in lines for t in ([c for c in cells(line) if c] or words(line.text))]
    merged = _merged(raw)
    opening = next((i for i, w in enumerate(merged) if opens_level(compact(w.text)) or w.kind == "basis"), None)
    header = [i for i, w in enumerate(merged[:opening]) if any(h in compact(w.text) for h in HEADER_WORDS)]
    start = header[-1] + 1 if header else (opening or 0)
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


def _levels(ws: Sequence[Word]) -> tuple[tuple[tuple[int, str], ...], list[Word]]:
    """The level phrases (or pieces of them) a row starts with, at most two, and the rest."""
    k = 0
    while k < min(2, len(ws) - 1) and (ws[k].kind == "level" or is_level_piece(compact(ws[k].text))):
        k += 1
    return tuple((i, compact(w.text)) for i, w in enumerate(ws[:k])), list(ws[k:])


def _doubled(text: str) -> int:
    """Length of X when ``text`` ends with XX (a 自评表 that met a worded target: 提升 提升)."""
    return next((n for n in range(len(text) // 2, 1, -1) if text[-2 * n : -n] == text[-n:]), 0)


def _row_start(ws: Sequence[Word]) -> int:
    """Where a 自评表 row starts among the words since the last row closed: at its first level
    phrase, else past the full stop ending the last row's 偏差原因."""
    marks = [i for i, w in enumerate(ws) if w.kind == "level"]
    stops = [i for i, w in enumerate(ws) if w.text.endswith("。")]
    return marks[0] if marks else (stops[-1] + 1 if stops else 0)


def _explained(drafts: list[Draft | None], ws: Sequence[Word]) -> None:
    """Give the last row the 偏差原因 printed after its score (pieces of one cell, joined; a reason
    begun on the row's own line goes on)."""
    if drafts and (last := drafts[-1]) is not None and ws:
        drafts[-1] = replace(last, deviation=(last.deviation or "") + name_of(ws))


def _evaluated(ws: Sequence[Word], closing: Sequence[Word]) -> Draft | None:
    """A 自评表 row: its words before the 分值 and 得分 that close it."""
    levels, rest = _levels(ws)
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
    return Draft(None, None, name, target, rest[0].line, last, actual or None, weight, score, levels)


def _worded(on_line: Sequence[Word]) -> int:
    """How many of the last words on the anchor's line are the 指标值: a date, a pair of
    two-character words (有效 提高, 明显 改善), else the last word."""
    for j in range(len(on_line)):
        if _DATE.fullmatch(" ".join(w.text for w in on_line[j:])):
            return len(on_line) - j
    pair = len(on_line) > 2 and all(_TWO_CJK.fullmatch(w.text) for w in on_line[-2:])
    return 2 if pair else 1


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
        cut = len(rest) - _worded(rest[same[0] :])
        return rest[:cut], rest[cut:]
    lines = sorted({w.line for w in rest})
    widths = [sum(len(compact(w.text)) for w in rest if w.line == n) for n in lines]
    cut = next((i + 1 for i in range(1, len(widths) - 1) if widths[i] < widths[i - 1]), len(lines) - 1)
    split = next((i for i, w in enumerate(rest) if cut > 0 and w.line == lines[cut]), len(rest))
    return rest[:split], rest[split:]


def _target_row(ws: Sequence[Word], anchor: int, weight: float | None, prior: str | None = None) -> Draft | None:
    kept = [w for w in ws if w.kind != "tail"]
    while len(kept) > 1 and is_tail_piece(compact(kept[0].text)):  # the row above's cut 佐证资料
        kept = kept[1:]
    levels, rest = _levels(kept)
    if not rest:
        return None
    name, value = _target_split(rest, anchor)
    if not name:
        name, value = value[:1], value[1:]
    target = value_of(value) if value else None
    return Draft(None, None, name_of(name), target, rest[0].line, anchor, weight=weight, levels=levels, prior=prior)


def _weight_at(ws: Sequence[Word]) -> int | None:
    """Where the 分值 is among the words after a 设置依据: the last small whole number."""
    at = [i for i, w in enumerate(ws) if (v := number(w.text)) is not None and v <= _MAX_WEIGHT and v == int(v)]
    return at[-1] if at else None


def _weight(ws: Sequence[Word]) -> float | None:
    at = _weight_at(ws)
    return None if at is None else number(ws[at].text)


def _prior(ws: Sequence[Word]) -> str | None:
    """The 上年完成值 among the words after a 设置依据: what comes before the 分值."""
    at = _weight_at(ws)
    return value_of([w for w in ws[:at] if w.kind == ""]) if at else None


def _closing(group: Sequence[Word], columns: Columns) -> int:
    """How many numbers close a row on this line: 分值 and 得分 (自评表), a 分值, or none."""
    n = 2 if columns.actual else 1
    if columns.basis or not (columns.actual or columns.weight) or len(group) < n:
        return 0
    values = [number(w.text) for w in group[-n:]]
    if any(v is None for v in values):
        return 0
    return n if columns.actual or (len(group) > 1 and (values[0] or 0.0) <= _MAX_WEIGHT) else 0


def _pair(buffer: Sequence[Word]) -> Draft | None:
    """A row of the older 目标表, which has no column after the 指标值: a name then the value
    (its last word), a row a line or a cell a line."""
    levels, rest = _levels(buffer)
    if len(rest) < 2:
        return None
    return Draft(None, None, name_of(rest[:-1]), tidy_value(rest[-1].text), rest[0].line, rest[-1].line, levels=levels)


def _reason_after_score(group: Sequence[Word], columns: Columns) -> list[Word] | None:
    """The 偏差原因 a 自评表 row printed a row a line ends with, after its 分值 and 得分: words
    without a number, a sign or a level phrase; ``None`` when the line does not end so."""
    if not (columns.actual and columns.deviation):
        return None
    pairs = [k for k in range(len(group) - 2) if all(number(w.text) is not None for w in group[k : k + 2])]
    tail = group[pairs[-1] + 2 :] if pairs else []
    if not tail or any(w.kind or w.text[:1] in OPERATORS or any(c.isdigit() for c in w.text) for w in tail):
        return None
    return list(tail)


def stream_rows(lines: Sequence[Line], columns: Columns) -> list[Draft]:
    """Rows of a table printed as phrases: one cell or wrapped piece a line, or words."""
    groups = _groups(lines)
    paired = not (columns.actual or columns.basis or columns.weight)
    drafts: list[Draft | None] = []
    buffer: list[Word] = []
    i = 0
    while i < len(groups):
        group, i = groups[i], i + 1
        basis = next((k for k, w in enumerate(group) if w.kind == "basis"), None) if columns.basis else None
        closes = _closing(group, columns)
        if basis is not None:
            after = group[basis + 1 :]
            while _weight(after) is None and (k := _tail_length(groups, i)):
                after, i = [*after, *(w for g in groups[i : i + k] for w in g)], i + k
            prior = _prior(after) if columns.prior else None
            drafts.append(_target_row([*buffer, *group[:basis]], group[basis].line, _weight(after), prior))
        elif (reason := _reason_after_score(group, columns)) is not None or (closes and columns.actual):
            row = group[: len(group) - len(reason)] if reason else group
            closes = closes or 2  # the 分值 and 得分 before the reason
            ws = [*buffer, *row[:-closes]]
            start = _row_start(ws)
            if columns.deviation:
                _explained(drafts, ws[:start])
            drafts.append(_evaluated(ws[start:], row[-closes:]))
            _explained(drafts, reason or [])
        elif closes:
            drafts.append(_target_row([*buffer, *group[:-1]], group[-1].line, number(group[-1].text)))
        elif paired and sum(1 for w in group if w.kind != "level") >= 2:
            drafts.append(_pair([*buffer, *group]))  # the whole row on one line
        else:
            for w in group:
                buffer.append(w)
                pair = _pair(buffer) if paired else None
                if pair is not None:
                    drafts.append(pair)
                    buffer = []
            continue
        buffer = []
    if columns.actual and columns.deviation:
        _explained(drafts, buffer)  # the last row's, before the 总分 row
    return labelled([d for d in drafts if d is not None], restore=True)
