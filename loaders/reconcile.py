"""Check what the template makes add up, and report what does not (never "fix" a number).

Each check compares a stated total with the sum of its parts. Documents round every figure to
0.01 万元, so a sum of n rounded parts may differ from the stated total by up to n × 0.005
without any error in the source; only larger differences are findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from loaders.facts import (
    DocumentFacts,
    DocumentKind,
    EconomicLineFact,
    ProjectLineFact,
    SourceRef,
    ThreePublicItem,
    ThreePublicItemFact,
)


@dataclass(frozen=True)
class Finding:
    """A data-quality finding: two numbers that should agree, with where each was read."""

    check: str
    message: str
    expected_wan: float
    actual_wan: float
    sources: tuple[SourceRef, ...] = ()

    @property
    def difference_wan(self) -> float:
        return round(self.actual_wan - self.expected_wan, 6)


def _sum_check(
    check: str, what: str, stated: float | None, parts: Iterable[float | None], sources: Iterable[SourceRef | None]
) -> Iterator[Finding]:
    values = list(parts)
    if stated is None or not values or any(v is None for v in values):
        return
    total = sum(v for v in values if v is not None)
    if abs(total - stated) > len(values) * 0.005 + 1e-9:
        yield Finding(
            check,
            f"{what}: stated {stated:.2f}, parts add up to {total:.2f}",
            stated,
            round(total, 6),
            tuple(s for s in sources if s is not None),
        )


def _income(facts: DocumentFacts) -> Iterator[Finding]:
    """The sources of income add up to 收入总计; final accounts list this year's income only, so
    their 年初结转和结余 is one more part."""
    lines = facts.income_lines
    parts = [line.amount_wan for line in lines]
    sources = [facts.total_source, *(line.source for line in lines)]
    if facts.kind == DocumentKind.FINAL_ACCOUNTS and lines:
        parts.append(facts.carryover_wan)
        sources.append(facts.carryover_source)
    yield from _sum_check("income_vs_total", "收入总计 ≠ sum of the income sources", facts.total_wan, parts, sources)


def _economic(facts: DocumentFacts) -> Iterator[Finding]:
    """人员经费 + 公用经费 = 基本支出 = the 经济分类 classes (or items, in tables without class rows);
    each class = its items."""
    yield from _sum_check(
        "basic_personnel_public",
        "一般公共预算基本支出 ≠ 人员经费 + 公用经费",
        facts.general_basic_wan,
        [facts.personnel_wan, facts.public_funds_wan],
        [facts.general_basic_source],
    )
    lines = facts.economic_lines
    classes = [line for line in lines if len(line.code) == 3]
    items = [line for line in lines if len(line.code) == 5]
    top = classes or items
    yield from _sum_check(
        "basic_vs_economic_lines",
        "一般公共预算基本支出 ≠ sum of 经济分类 rows",
        facts.general_basic_wan,
        [line.amount_wan for line in top],
        [facts.general_basic_source, *(line.source for line in top)],
    )
    for klass in classes:
        under: list[EconomicLineFact] = [line for line in items if line.code.startswith(klass.code)]
        if under:
            yield from _sum_check(
                "economic_class_vs_items",
                f"{klass.code} {klass.name} ≠ sum of its items",
                klass.amount_wan,
                [line.amount_wan for line in under],
                [klass.source, *(line.source for line in under)],
            )


def _three_public(facts: DocumentFacts) -> Iterator[Finding]:
    """因公出国（境）费 + 公务用车购置及运行费 + 公务接待费 = "三公" total; 购置 + 运行 = 购置及运行."""
    items = {item.item: item for item in facts.three_public_items}
    if not items:
        return
    purchase, operation = items.get(ThreePublicItem.VEHICLE_PURCHASE), items.get(ThreePublicItem.VEHICLE_OPERATION)
    vehicles = items.get(ThreePublicItem.VEHICLES)
    vehicle_parts = [purchase, operation] if purchase and operation else []
    if vehicles and vehicle_parts:
        yield from _sum_check(
            "three_public_vehicles",
            "公务用车购置及运行费 ≠ 购置费 + 运行费",
            vehicles.amount_wan,
            [p.amount_wan for p in vehicle_parts if p],
            [vehicles.source, *(p.source for p in vehicle_parts if p)],
        )
    car: list[ThreePublicItemFact | None] = [vehicles] if vehicles else [*vehicle_parts] or [None]
    parts = [items.get(ThreePublicItem.ABROAD), *car, items.get(ThreePublicItem.RECEPTION)]
    yield from _sum_check(
        "three_public_items",
        '"三公"经费 ≠ sum of its items',
        facts.three_public_wan,
        [p.amount_wan if p else None for p in parts],
        [facts.three_public_source, *(p.source for p in parts if p)],
    )


def _project_lines(facts: DocumentFacts) -> Iterator[Finding]:
    """Each row of the 项目支出表: its 经济分类 columns add up to its 项目支出合计. A row read
    without its columns (one line, no class) is that 合计 itself and has nothing to add up."""
    rows: dict[tuple[str, str, int | None, int | None], list[ProjectLineFact]] = {}
    for line in facts.project_lines:
        at = (line.source.line_start, line.source.line_end) if line.source else (None, None)
        rows.setdefault((line.project, line.function_code, *at), []).append(line)
    for (project, code, *_), lines in rows.items():
        if len(lines) == 1 and lines[0].economic_class is None:
            continue
        yield from _sum_check(
            "project_line_columns",
            f"{code} {project}: 项目支出合计 ≠ sum of its 经济分类 columns",
            lines[0].row_total_wan,
            [line.amount_wan for line in lines],
            [lines[0].source],
        )


def reconcile(facts: DocumentFacts) -> tuple[Finding, ...]:
    """Every mismatch in the document, in a stable order."""
    lines = facts.function_lines
    findings: list[Finding] = []
    for line in lines:
        findings += _sum_check(
            "function_line_split",
            f"{line.code} {line.name}: 基本支出 + 项目支出 ≠ 合计",
            line.total_wan,
            [line.basic_wan, line.project_wan],
            [line.source],
        )
    line_sources = [line.source for line in lines]
    findings += _sum_check(
        "total_vs_function_lines",
        "支出总计 ≠ sum of 功能分类 rows",
        facts.total_wan,
        [line.total_wan for line in lines],
        [facts.total_source, *line_sources],
    )
    findings += _sum_check(
        "basic_vs_function_lines",
        "基本支出 ≠ sum of 功能分类 rows' 基本支出",
        facts.basic_expenditure_wan,
        [line.basic_wan for line in lines],
        [facts.split_source, *line_sources],
    )
    findings += _sum_check(
        "project_vs_function_lines",
        "项目支出 ≠ sum of 功能分类 rows' 项目支出",
        facts.project_expenditure_wan,
        [line.project_wan for line in lines],
        [facts.split_source, *line_sources],
    )
    # Final accounts state what was spent: compare the projects' 全年执行数 with it.
    executed = facts.kind == DocumentKind.FINAL_ACCOUNTS
    amounts = [p.executed_wan if executed else p.budget_wan for p in facts.projects]
    findings += _sum_check(
        "project_vs_projects",
        f"项目支出 ≠ sum of the projects' {'全年执行数' if executed else '预算安排'}",
        facts.project_expenditure_wan,
        amounts,
        [facts.split_source, *(p.source for p in facts.projects)],
    )
    findings += _income(facts)
    findings += _economic(facts)
    findings += _three_public(facts)
    findings += _project_lines(facts)
    return tuple(findings)
