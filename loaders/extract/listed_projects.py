"""Projects the tables list: every 项目支出表 row and every 上年结转 row is a project.

A budget's 项目支出表 names each project with its money under a 功能分类 code; many are described
again in the 情况说明 or a 项目经费情况说明, some nowhere else (a unit's small or self-funded
projects). A 上年结转结余情况明细表 lists the projects that carry money over from earlier years,
with the amount carried. A listed project is the described project of the same name (names are
compared as :mod:`.merge` compares a performance table's with a block's), or, when the table prints
a code in place of the name (``特定目标 64100014``), the one described project no row names whose
budget is the row's amount, exactly and alone; any other row is a project of its own. So each
project is one, never doubled: the row completes what the description leaves out (its amount)
and the description keeps its name, with the table's as ``listed_as``.

Usage example::

    doc = read_document("corpus/seeds/004_7d041b95b870d977.txt")
    [(p.name, p.carryover_wan) for p in doc.projects if p.carryover_wan]
    # [('1995年前退休人员2024年4月—2025年3月生活补贴巴财企〔2023〕61号', 5.62), ('2024年州直…110号', 0.11)]
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from loaders.extract.indicators import normalise_project_name
from loaders.extract.joined import canonical_name, source
from loaders.extract.merge import likeness, named_policies
from loaders.extract.table_regions import Region, TableKind
from loaders.extract.table_text import amount, compact, filled, is_index_row
from loaders.facts import DocumentKind, ProjectFact, ProjectLineFact, SourceRef
from loaders.layout import Layout

_CENT = 0.005
_TOTALS = frozenset({"合计", "总计"})
_COLUMNS = frozenset({"合计", "小计"})  # header cells: a line naming them without amounts is the header
_PREAMBLE = re.compile(r"编制(?:部门|单位):|单位:(?:万元|千元|元)")
_RULE = re.compile(r"[|:\-\s]")  # a markdown rule row (|---|---|) has nothing else


@dataclass(frozen=True)
class Listed:
    """A project as a table lists it: its name as printed, its amount (万元) and its row."""

    name: str
    amount_wan: float | None
    source: SourceRef


def table_rows(lines: Sequence[ProjectLineFact], project_wan: float | None = None) -> list[Listed]:
    """The 项目支出表's projects in table order: a project's 项目支出合计 over its rows (one a
    功能分类 code), each row counted once however many 经济分类 columns it fills. A project said to
    cost more than the whole 项目支出 (``project_wan``) is a misreading (a code in its name taken for
    its amount), not a project."""
    rows: dict[str, dict[tuple[str, int], float]] = {}
    first: dict[str, ProjectLineFact] = {}
    sources: dict[str, SourceRef] = {}
    for line in lines:
        if line.source is None:  # not read from a table (built by hand): no row to list
            continue
        name = normalise_project_name(line.project)
        sources.setdefault(name, line.source)
        first.setdefault(name, line)
        total = line.row_total_wan if line.row_total_wan is not None else line.amount_wan
        rows.setdefault(name, {})[(line.function_code, line.source.line_start)] = total or 0.0
    listed = [
        Listed(first[name].project, round(sum(totals.values()), 6), sources[name]) for name, totals in rows.items()
    ]
    ceiling = project_wan + _CENT if project_wan is not None else None
    return [row for row in listed if ceiling is None or (row.amount_wan or 0.0) <= ceiling]


def _trailing_amounts(tokens: Sequence[str]) -> int:
    """Where a row's amounts start: the run of amounts that ends it, when it is one (the whole row,
    or a run with a decimal or thousands separator: a name may end in a bare number)."""
    start = len(tokens)
    while start and amount(tokens[start - 1]) is not None:
        start -= 1
    run = tokens[start:]
    return start if run and (start == 0 or any("." in t or "," in t for t in run)) else len(tokens)


def _carryover_rows(layout: Layout, region: Region) -> Iterator[Listed]:
    """Rows of a 上年结转 table: a name (perhaps over several lines), then its 合计 and the rest. The
    header (its lines name the 合计/小计 columns), the 编制单位 line and the 合计 row are no project."""
    name: list[str] = []
    begin: int | None = None
    for line in region.lines:
        tokens = [t for t in filled(line) if _RULE.sub("", t)]
        if not tokens:
            continue
        at = _trailing_amounts(tokens)
        own = "".join(compact(t) for t in tokens[:at])
        header = at == len(tokens) and bool(_COLUMNS & set(map(compact, tokens)))
        if is_index_row(tokens) or _PREAMBLE.search(own) or header:
            name, begin = [], None
            continue
        name += tokens[:at]
        begin = begin or line.number
        if at == len(tokens):
            continue
        text = "".join(compact(t) for t in name)
        if text and own not in _TOTALS:
            yield Listed(canonical_name(text), region.wan(amount(tokens[at])), source(layout, begin, line.number))
        name, begin = [], None


def carried_over(layout: Layout, regions: Sequence[Region]) -> list[Listed]:
    """The projects the 上年结转结余 tables list, with the amount each carries over."""
    return [
        row
        for region in regions
        if region.kind == TableKind.OTHER and "结转" in region.title and not region.stated_empty
        for row in _carryover_rows(layout, region)
    ]


def _pairs(projects: Sequence[ProjectFact], rows: Sequence[Listed], by_amount: bool) -> dict[int, int]:
    """Row index -> project index: by name (most alike first), then (``by_amount``) by a budget equal
    to the amount of exactly one unnamed row and held by exactly one unclaimed project."""
    candidates = sorted(
        ((found, -j, i, j) for j, row in enumerate(rows) for i, p in enumerate(projects)
         if (found := likeness(p, row.name, row.amount_wan)) is not None),
        reverse=True,
    )
    pairs: dict[int, int] = {}
    for _, _, i, j in candidates:
        if j not in pairs and i not in pairs.values():
            pairs[j] = i
    if not by_amount:
        return pairs
    free = [i for i in range(len(projects)) if i not in pairs.values() and projects[i].budget_wan is not None]
    unnamed = [j for j in range(len(rows)) if j not in pairs and rows[j].amount_wan is not None]

    def equal(a: float | None, b: float | None) -> bool:
        return a is not None and b is not None and abs(a - b) < _CENT

    for j in unnamed:
        same = [i for i in free if equal(projects[i].budget_wan, rows[j].amount_wan)]
        rivals = [k for k in unnamed if equal(rows[k].amount_wan, rows[j].amount_wan)]
        if len(same) == 1 and len(rivals) == 1:
            pairs[j] = same[0]
    return pairs


def _other_name(project: ProjectFact, row: Listed) -> str | None:
    return None if normalise_project_name(project.name) == normalise_project_name(row.name) else row.name


def with_table_rows(projects: Sequence[ProjectFact], rows: Sequence[Listed], kind: DocumentKind) -> list[ProjectFact]:
    """Every 项目支出表 row a project: the described one it names, completed by its amount (a budget's
    预算, a final account's 支出), or a new project."""
    final = kind == DocumentKind.FINAL_ACCOUNTS
    out = list(projects)
    pairs = _pairs(out, rows, by_amount=True)
    for j, row in enumerate(rows):
        if j in pairs:
            p = out[pairs[j]]
            budget = p.budget_wan if final or p.budget_wan is not None else row.amount_wan
            executed = row.amount_wan if final and p.executed_wan is None else p.executed_wan
            out[pairs[j]] = dataclasses.replace(
                p, budget_wan=budget, executed_wan=executed, listed_as=_other_name(p, row))
        else:
            out.append(ProjectFact(
                canonical_name(row.name), row.source, policies=named_policies(row.name, row.source),
                budget_wan=None if final else row.amount_wan, executed_wan=row.amount_wan if final else None))
    return out


def with_carryovers(projects: Sequence[ProjectFact], rows: Sequence[Listed]) -> list[ProjectFact]:
    """Each 上年结转 row's amount on the project it names, or a project of its own (known by its
    carry-over alone). Only names pair them: what is carried over is not the year's budget."""
    out = list(projects)
    pairs = _pairs(out, rows, by_amount=False)
    for j, row in enumerate(rows):
        if j in pairs:
            out[pairs[j]] = dataclasses.replace(out[pairs[j]], carryover_wan=row.amount_wan)
        else:
            policies = named_policies(row.name, row.source)
            out.append(ProjectFact(row.name, row.source, policies=policies, carryover_wan=row.amount_wan))
    return out
