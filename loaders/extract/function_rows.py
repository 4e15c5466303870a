"""Rows of an expenditure table by 功能分类 code: code, name, 合计, 基本支出, 项目支出.

Rows arrive as tab cells (blanks keep the columns), as words run together by spaces, or one cell
a line; a code is ``2080109``, ``208 01 09`` or 类/款/项 cells, and merged cells leave a row with
only its 项 (``09``) under the 类 and 款 of the rows above. Where blanks were dropped a row shows
two equal amounts and does not say whether its money is 基本 or 项目: the template makes the
项 rows add up to the 总计 row, so the one split that adds up is taken, and none when several do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from loaders.extract.table_text import Token, amount, cells, compact, filled, is_amount, is_index_row
from loaders.layout import Line

_CODE_CELL = re.compile(r"^\d{2,7}$|^\d{3}(?: \d{2}){1,2}$")
_CODE_SHAPES = frozenset({(7,), (5,), (3,), (2,), (3, 2), (2, 2), (3, 2, 2)})
_TOTAL_NAMES = frozenset({"总计", "合计"})
_LEVEL_LABELS = ("类", "款", "项")
_MAX_UNKNOWN = 20  # rows whose split is unknown; beyond this the subset search is not attempted
_AMOUNT_COLUMNS = 3  # 合计, 基本支出, 项目支出 (决算 tables add columns after these)


@dataclass(frozen=True)
class Row:
    """One table row as read: code as printed, name, amounts (``None`` = not known)."""

    code: tuple[str, ...]
    columns: tuple[str, str, str] | None  # 类/款/项 cells when the columns are known
    name: str
    total: float | None
    basic: float | None
    project: float | None
    first: int
    last: int

    @property
    def is_total(self) -> bool:
        return not self.code and self.name in _TOTAL_NAMES

    @property
    def split_known(self) -> bool:
        return self.basic is not None and self.project is not None


@dataclass(frozen=True)
class Item:
    """A 项-level row with its full 7-digit code."""

    code: str
    row: Row


def is_code(text: str) -> bool:
    """A cell or word that prints a code or part of one: ``208``, ``01``, ``2080109``, ``208 01 09``."""
    return bool(_CODE_CELL.match(text))


@dataclass(frozen=True)
class CodeHead:
    """The cells of a row before its name: the code they print, and 类/款/项 when they are three."""

    name_at: int
    code: tuple[str, ...]
    columns: tuple[str, str, str] | None


def code_head(row: Sequence[str]) -> CodeHead | None:
    """Where a cell row's name starts (its first cell that is not a code) and the code before it."""
    name_at = next((i for i, c in enumerate(row) if c and not is_code(c)), None)
    if name_at is None:
        return None
    head = row[:name_at]
    columns = (head[0], head[1], head[2]) if len(head) == 3 else None
    code = tuple(c for c in head if c) if columns else tuple(" ".join(head).split())
    return CodeHead(name_at, code, columns)


def _positional(line: Line) -> Row | None:
    """A row from tab/pipe cells, where blank cells are zero amounts and mark the columns.

    The national 决算 template prints its 合计 row on the header's last line, under the 类/款/项
    labels (``类 | 款 | 项 | 合计 | 2,940.05 | …``): those labels are no code and no name."""
    row = [c if i >= len(_LEVEL_LABELS) or c != _LEVEL_LABELS[i] else "" for i, c in enumerate(cells(line))]
    head = code_head(row)
    if head is None:
        return None
    name_at = head.name_at
    if is_amount(row[name_at]):
        # A coded row whose name cell a converter emptied (``303 | 09 | <b></b> | 4.30``): the
        # blank cell before the amounts is the name; the caller may know it from the code.
        if not head.code or name_at == 0 or row[name_at - 1]:
            return None
        name_at -= 1
    start = next((i for i in range(name_at + 1, len(row)) if row[i]), len(row))  # 合计 is never blank
    values = [*row[start : start + _AMOUNT_COLUMNS], "", "", ""][:_AMOUNT_COLUMNS]
    parsed = [amount(v) if v else 0.0 for v in values]
    if parsed[0] is None or not any(amount(v) is not None for v in values):
        return None
    total, basic, project = parsed
    return Row(head.code, head.columns, compact(row[name_at]), total, basic, project, line.number, line.number)


def _consistency(values: Sequence[float]) -> int:
    """How well amounts fit one row: 合计 = 基本 + 项目 beats two equal ones beats one alone."""
    if len(values) >= _AMOUNT_COLUMNS:
        return 3 if abs(values[0] - values[1] - values[2]) < 0.015 else 0
    if len(values) == 2:
        return 2 if abs(values[0] - values[1]) < 0.005 else 0
    return 1 if values else -1


def _code_shape(tokens: Sequence[Token]) -> bool:
    return all(t.text.isdigit() for t in tokens) and tuple(len(t.text) for t in tokens) in _CODE_SHAPES


def _split(pending: list[Token], real: bool, next_total: bool) -> tuple[list[Token], list[Token]]:
    """Divide the digits after a name into this row's amounts and the next row's code."""
    best: tuple[tuple[int, ...], int] | None = None
    for k in range(0 if next_total else min(3, len(pending)), -1, -1):
        head, code = pending[: len(pending) - k], pending[len(pending) - k :]
        if (k and not _code_shape(code)) or not all(is_amount(t.text) for t in head):
            continue
        values = [amount(t.text) or 0.0 for t in head]
        score = (_consistency(values), k) if real else (k,)
        if best is None or score > best[0]:
            best = (score, k)
    k = best[1] if best else 0
    return pending[: len(pending) - k], pending[len(pending) - k :]


def _free_row(code: list[Token], name: list[Token], numbers: list[Token]) -> Row:
    values = [amount(t.text) or 0.0 for t in numbers]
    total = values[0] if values else None
    basic, project = (values[1], values[2]) if len(values) >= _AMOUNT_COLUMNS else (None, None)
    lines = [t.line for t in (*code, *name, *numbers)]
    text = "".join(compact(t.text) for t in name)
    return Row(tuple(t.text for t in code), None, text, total, basic, project, min(lines), max(lines))


def _free_rows(tokens: Iterable[Token]) -> list[Row]:
    """Rows from words in reading order: [code] name [amounts], the boundaries inferred."""
    rows: list[Row] = []
    code: list[Token] = []
    name: list[Token] = []
    pending: list[Token] = []
    for token in tokens:
        if is_amount(token.text) or is_code(token.text):
            (pending if name else code).append(token)
            continue
        if name and pending:
            real = bool(code) or compact("".join(t.text for t in name)) in _TOTAL_NAMES
            numbers, code_next = _split(pending, real, compact(token.text) in _TOTAL_NAMES)
            rows.append(_free_row(code, name, numbers))
            code, name, pending = code_next, [], []
        name.append(token)
    if name and pending:
        rows.append(_free_row(code, name, pending))
    return rows


def read_rows(lines: Sequence[Line]) -> list[Row]:
    """Every row of a table body with an amount, positional where cells allow it."""
    rows: list[Row] = []
    loose: list[Token] = []
    for line in lines:
        row = _positional(line)
        if row is None:
            tokens = filled(line)
            if not is_index_row(tokens):
                loose.extend(Token(t, line.number) for t in tokens)
            continue
        rows.extend(_free_rows(loose))
        loose = []
        rows.append(row)
    rows.extend(_free_rows(loose))
    return [r for r in rows if r.total is not None]


def _is_head(rows: Sequence[Row], i: int) -> bool:
    """Whether a lone 2-digit row after a 项 opens a new 款: its 项 below add up to it."""
    target, acc = rows[i].total or 0.0, 0.0
    for row in rows[i + 1 :]:
        if row.columns is not None or len(row.code) != 1 or len(row.code[0]) != 2:
            return False
        acc += row.total or 0.0
        if abs(acc - target) < 0.005:
            return True
    return False


def _parts(rows: Sequence[Row], i: int, level: str) -> tuple[str, str, str]:
    """类, 款 and 项 as row ``i`` states them ("" where it leaves one to the rows above)."""
    row = rows[i]
    if row.columns is not None:
        return row.columns
    code = row.code
    if len(code) == 1 and len(code[0]) == 2:
        as_kuan = level == "lei" or (level == "xiang" and _is_head(rows, i))
        return ("", code[0], "") if as_kuan else ("", "", code[0])
    if len(code) == 1:
        return (code[0][:3], code[0][3:5], code[0][5:7])
    if len(code) > 1 and len(code[0]) == 2:
        return ("", code[0], code[1])
    if len(code) > 1:
        return (code[0], code[1], code[2] if len(code) > 2 else "")
    return ("", "", "")


def items(rows: Sequence[Row]) -> list[Item]:
    """The 项 rows with full codes, 类 and 款 carried down from the rows above."""
    lei = kuan = level = ""
    found: list[Item] = []
    for i, row in enumerate(rows):
        parts = _parts(rows, i, level)
        if parts[0]:
            lei, kuan, level = parts[0], "", "lei"
        if parts[1]:
            kuan, level = parts[1], "kuan"
        if parts[2]:
            level = "xiang"
            if lei.startswith("2") and kuan:
                found.append(Item(lei + kuan + parts[2], row))
    return found


def _subset(values: Sequence[tuple[int, int]], target: int) -> frozenset[int] | None:
    """The one subset of ``(key, cents)`` adding up to ``target`` cents (±1), if it is unique."""
    reach: dict[int, tuple[int, frozenset[int]]] = {0: (1, frozenset())}  # sum -> (ways, capped at 2; one way)
    for key, cents in values:
        grown = dict(reach)
        for total, (count, chosen) in reach.items():
            if total + cents > target + 1:  # amounts are positive: past the target nothing comes back
                continue
            old = grown.get(total + cents)
            grown[total + cents] = (min(2, count + (old[0] if old else 0)), old[1] if old else chosen | {key})
        reach = grown
    hits = [reach[t] for t in (target - 1, target, target + 1) if t in reach]
    return hits[0][1] if sum(count for count, _ in hits) == 1 else None


def settle_splits(found: list[Item], basic_total: float | None) -> list[Item]:
    """Give the rows whose 基本/项目 split is unknown the split that adds up to ``basic_total``."""
    unknown = [(i, round((it.row.total or 0.0) * 100)) for i, it in enumerate(found) if not it.row.split_known]
    if not unknown or basic_total is None or len(unknown) > _MAX_UNKNOWN:
        return found
    known = sum(it.row.basic or 0.0 for it in found if it.row.split_known)
    basic = _subset(unknown, round((basic_total - known) * 100))
    if basic is None:
        return found
    settled = list(found)
    for i, _ in unknown:
        row, total = found[i].row, found[i].row.total or 0.0
        split = (total, 0.0) if i in basic else (0.0, total)
        settled[i] = Item(found[i].code, replace(row, basic=split[0], project=split[1]))
    return settled
