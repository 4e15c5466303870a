"""Per-project performance tables: 项目支出绩效目标表 (budget) and 项目支出绩效自评表 (final accounts).

Each table opens with its "项目名称" row, which converters keep even where they lose the title
(or print it a letter apart), so a table is the run of lines from one 项目名称 to the next, to
a section heading, to the "总分" row closing a 自评表, or to the document's end; a run without
an indicator header (the 项目名称 lines of the 情况说明) is not a table. The header decides the
columns, the layout of its rows decides the reader (cells or phrases). The whole-department
tables (整体绩效目标表) name no project and are left out.

The orchestrator attaches the indicators to the projects read elsewhere by
:func:`normalise_project_name`, which ignores what renderings of one name differ in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.extract.citations import policy_refs, unique
from loaders.extract.indicator_cells import cell_rows
from loaders.extract.indicator_rows import Columns, settle
from loaders.extract.indicator_stream import stream_rows
from loaders.extract.joined import Joined, canonical_name, source
from loaders.extract.levels import HEADER_WORDS, opens_level
from loaders.extract.table_text import cells, compact, row_text, words
from loaders.facts import CitationRole, IndicatorFact, PolicyRef, SourceRef
from loaders.layout import Layout, Line
from vocab.numbers import parse_amount

_LABEL = "项目名称"
_ANCHOR = re.compile(rf"^{_LABEL}")
_NAME = re.compile(
    r"^项目名称:?(?P<name>.*?)(?:项目负责人|主管部门|实施单位|项目资金|预算单位|年度预算总额|年度资金总额|$)"
)
_NAME_SUFFIX = re.compile(r"(?:项目)?(?:支出)?绩效(?:目标|自评)表$")
_END = re.compile(
    r"^(?:[(]?[一二三四五六七八九十]+[)、]|第[一二三四五六七八九十]+部分|项目支出绩效(?:目标|自评)表)|整体.*绩效|名词解释"
)
_MANAGER = re.compile(r"项目负责人:?(?P<name>.*?)(?:联系电话|主管部门|实施单位|项目资金|预算单位|年度预算总额|$)")
_HEADER = re.compile(r"一级指|^一级|三级指标")
_FUNDS = re.compile(r"年度(?:资金|预算)总额")
_RATE = re.compile(r"^(?P<rate>\d+(?:\.\d+)?)%$")
# Where a table states what the project is for, in its own words: the policies cited there
# are what it rests on (年度总体目标 of a 自评表, 项目总体目标 of a 目标表, 立项依据 where printed).
_OWN_TEXT = re.compile(r"(?:年度|项目)?总体目标|(?:立项|政策)依据|实施内容")
_NAME_LINES = 6  # a wrapped 项目名称 ends within this many (non-blank) lines
_FUND_LINES = 4
_FUND_CELLS = 8  # the 年度资金总额 row's cells, printed a cell a line by some converters
_QUOTES = str.maketrans({c: '"' for c in "“”„‟「」『』'‘’"})
_DASHES = str.maketrans({c: "-" for c in "—–－―~～"})


@dataclass(frozen=True)
class EvaluatedProject:
    """A project's performance table: 全年预算数/全年执行数, 执行率 and 总分 (自评表), its
    项目负责人 (目标表), its indicators."""

    name: str
    budget_wan: float | None
    executed_wan: float | None
    score: float | None
    indicators: tuple[IndicatorFact, ...]
    source: SourceRef
    execution_rate: float | None = None
    initial_budget_wan: float | None = None  # 年初预算数 (自评表)
    manager: str | None = None
    policies: tuple[PolicyRef, ...] = ()
    """The 发文字号 its 总体目标 / 立项依据 / 实施内容 and indicator rows cite: the project's BASIS."""


def normalise_project_name(name: str) -> str:
    """The key two renderings of one project name share: no spaces, quotes and dashes unified,
    full-width forms folded, 发文字号 canonical, a trailing "绩效目标表" dropped."""
    text = canonical_name(compact(name)).translate(_QUOTES).translate(_DASHES)
    return _NAME_SUFFIX.sub("", text)


def _is_anchor(lines: Sequence[Line], i: int) -> bool:
    """A 项目名称 row, also when a narrow column cut the label ("项目" / "名称"), or a row whose
    cells put it after another label (``预算单位 | X | 项目名称 | Y``, as one template prints it)."""
    text = row_text(lines[i])
    if _ANCHOR.match(text) or any(_ANCHOR.match(compact(cell)) for cell in cells(lines[i])[1:]):
        return True
    if not text or not _LABEL.startswith(text) or text == _LABEL:
        return False
    following = next((row_text(line) for line in lines[i + 1 : i + 3] if line.text.strip()), "")
    return _ANCHOR.match(text + following) is not None


def _blocks(layout: Layout) -> list[tuple[int, int]]:
    """``(first, end)`` line indexes of every run from a 项目名称 row to where its table ends."""
    lines = layout.lines
    anchors = [i for i in range(len(lines)) if _is_anchor(lines, i)]
    blocks = []
    for n, first in enumerate(anchors):
        limit = anchors[n + 1] if n + 1 < len(anchors) else len(lines)
        end = first + 1
        while end < limit and not _END.search(row_text(lines[end])):
            end += 1
            if row_text(lines[end - 1]).startswith("总分"):
                break
        blocks.append((first, end))
    return blocks


def _name(lines: Sequence[Line]) -> str:
    texts = [text for text in map(row_text, lines) if text][:_NAME_LINES]
    joined = "".join(texts)
    m = _NAME.match(joined[joined.find(_LABEL) :] if _LABEL in texts[0] else joined) if texts else None
    name = m["name"] if m else ""
    return _NAME_SUFFIX.sub("", canonical_name(name))


def _manager(lines: Sequence[Line]) -> str | None:
    """项目负责人: the rest of its line, or the next line when a narrow cell put the name there."""
    at = next((i for i, line in enumerate(lines[:_NAME_LINES * 2]) if "项目负责人" in row_text(line)), None)
    if at is None:
        return None
    rest = [row_text(lines[at]).split("项目负责人", 1)[1], *(t for t in map(row_text, lines[at + 1 : at + 3]) if t)]
    m = _MANAGER.match("项目负责人" + (rest[0] or (rest[1] if len(rest) > 1 else "")))
    return (m["name"].strip(":") or None) if m else None


def _words_after(lines: Sequence[Line], label: re.Pattern[str], span: int = _FUND_LINES) -> list[str]:
    """The words printed after ``label`` (on its line and the next ``span - 1``)."""
    at = next((i for i, line in enumerate(lines) if label.search(row_text(line))), None)
    if at is None:
        return []
    text = " ".join(line.text for line in lines[at : at + span])
    m = label.search(text)
    return words(text[m.end() :] if m else text)


def _amounts_after(lines: Sequence[Line], label: re.Pattern[str]) -> list[float]:
    """The amounts printed after ``label`` (on its line and the next few)."""
    return [v for w in _words_after(lines, label) if (v := parse_amount(w)) is not None]


def _execution_rate(lines: Sequence[Line]) -> float | None:
    """执行率 of a 自评表 whose funds header names it: the percentage on the 年度资金总额 row."""
    if not any("执行率" in row_text(line) for line in lines):
        return None
    rates = [float(m["rate"]) for w in _words_after(lines, _FUNDS, _FUND_CELLS) if (m := _RATE.match(w))]
    return rates[0] if rates else None


def _own_policies(layout: Layout, lines: Sequence[Line], top: int) -> tuple[PolicyRef, ...]:
    """The numbered policies the table cites in its own words: from its first 总体目标 / 立项依据 /
    实施内容 label (the name row above it names allocations) through its indicator rows (their
    指标设定依据), across line and page breaks."""
    head = Joined.of(lines[:top], cell_breaks=True)
    m = _OWN_TEXT.search(head.text)
    parts = [head.slice(m.end(), len(head.text))] if m else []
    parts.append(Joined.of(lines[top:], cell_breaks=True))
    return unique(ref for part in parts for ref in policy_refs(part, layout, CitationRole.BASIS, titles_alone=False))


def _score(lines: Sequence[Line]) -> float | None:
    total = next((line for line in lines if row_text(line).startswith("总分")), None)
    values = [v for w in words(total.text) if (v := parse_amount(w)) is not None] if total else []
    return values[-1] if values else None


def _starts_level(line: Line) -> bool:
    first = next((c for c in cells(line) if c), None) or next(iter(words(line.text)), "")
    return opens_level(compact(first))


def _header(lines: Sequence[Line]) -> tuple[int, int, str] | None:
    """Where the indicator header starts, where rows with cells start, and the header's text.

    The text runs to the first line opening with a level phrase (a narrow column prints the
    header a fragment a line); rows with cells follow the last line made of header words.
    """
    first = next((i for i, line in enumerate(lines) if _HEADER.search(row_text(line))), None)
    if first is None:
        return None
    rows = first + 1
    while rows < len(lines) and (not lines[rows].text.strip() or _is_header(lines[rows])):
        rows += 1
    text_end = next((i for i in range(first + 1, len(lines)) if _starts_level(lines[i])), len(lines))
    return first, rows, "".join(row_text(line) for line in lines[first:text_end])


def _is_header(line: Line) -> bool:
    return any(w in row_text(line) for w in HEADER_WORDS)


def _uses_cells(lines: Sequence[Line]) -> bool:
    """Whether most rows kept their cells (three or more filled)."""
    rows = [line for line in lines if line.text.strip()]
    with_cells = [line for line in rows if sum(1 for c in cells(line) if c) >= 3]
    return bool(rows) and 2 * len(with_cells) >= len(rows)


def _project(layout: Layout, first: int, end: int) -> EvaluatedProject | None:
    lines = layout.lines[first:end]
    header = _header(lines)
    name = _name(lines)
    if header is None or not name:
        return None
    top, rows, text = header
    columns = Columns.of(text, cells(lines[top]))
    close = next((i for i, line in enumerate(lines) if row_text(line).startswith("总分")), len(lines))
    cell_table = _uses_cells(lines[rows:close])
    read = cell_rows(lines[rows:close], columns) if cell_table else stream_rows(lines[top:close], columns)
    funds = _amounts_after(lines[:top], _FUNDS)  # 自评表: 年初预算数 全年预算数 全年执行数
    budget = funds[1] if columns.actual and len(funds) >= 3 else (funds[0] if funds else None)
    executed = funds[2] if columns.actual and len(funds) >= 3 else None
    return EvaluatedProject(
        name=name,
        budget_wan=budget,
        executed_wan=executed,
        score=_score(lines) if columns.actual else None,
        indicators=tuple(settle(read, layout)),
        source=source(layout, lines[0].number, lines[-1].number),
        execution_rate=_execution_rate(lines[:top]) if columns.actual else None,
        initial_budget_wan=funds[0] if columns.actual and len(funds) >= 3 else None,
        manager=_manager(lines[:top]),
        policies=_own_policies(layout, lines, top),
    )


def extract_indicators(layout: Layout) -> tuple[EvaluatedProject, ...]:
    """Every project performance table of ``layout`` with its indicators, in document order."""
    found = (_project(layout, first, end) for first, end in _blocks(layout))
    return tuple(p for p in found if p is not None)
