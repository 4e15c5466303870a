"""Check what the template makes add up, and report what does not (never "fix" a number).

Each check compares a stated total with the sum of its parts. Documents round every figure to
0.01 万元, so a sum of n rounded parts may differ from the stated total by up to n × 0.005
without any error in the source; only larger differences are findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from loaders.facts import DocumentFacts, DocumentKind, SourceRef


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
    return tuple(findings)
