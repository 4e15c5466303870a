"""Check what the template makes add up, and report what does not (never "fix" a number).

Each check compares a stated total with the sum of its parts, as printed: any difference of a
cent of the printed unit (0.01 元 of a table in 元, 0.01 万元 of one in 万元) is a finding with both
figures. Documents round every figure, so a sum of n parts printed to 0.01 万元 may be off by up to
n × 0.005 without any error behind it; such a finding says so ("within the rounding of n parts"),
a larger one (or any in a table printed to the 元) is a gap in the source. A standard table that
could not be read is a finding too, without figures; and one more says when a resolved unit's
name places it in no region of the table (it is loaded without one, never placed by a guess).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from loaders.facts import (
    DocumentFacts,
    DocumentKind,
    EconomicLineFact,
    Finding,
    ProjectLineFact,
    SourceRef,
    ThreePublicItem,
    ThreePublicItemFact,
)

_PRINTED_CENT = 5e-7  # half of 0.01 元, in 万元: amounts differing by less are equal as printed


def _in_cents(wan: float) -> bool:
    """Printed to 0.01 万元 (where rounding can explain a gap), not to the 元 of a table in 元."""
    return abs(wan * 100 - round(wan * 100)) < 1e-6


def _figure(wan: float) -> str:
    """A 万元 amount with the decimals it needs (2, or up to 6 for one converted from 元)."""
    text = f"{wan:.6f}".rstrip("0")
    return text if len(text.partition(".")[2]) > 2 else f"{wan:.2f}"


def _sum_check(
    check: str, what: str, stated: float | None, parts: Iterable[float | None], sources: Iterable[SourceRef | None]
) -> Iterator[Finding]:
    values = list(parts)
    if stated is None or not values or any(v is None for v in values):
        return
    total = sum(v for v in values if v is not None)
    gap = abs(total - stated)
    if gap > _PRINTED_CENT:
        in_cents = all(_in_cents(v) for v in (stated, *values) if v is not None)
        rounding = in_cents and gap <= len(values) * 0.005 + 1e-9
        note = f" (within the rounding of {len(values)} parts)" if rounding else ""
        yield Finding(
            check,
            f"{what}: stated {_figure(stated)}, parts add up to {_figure(total)}{note}",
            stated,
            round(total, 6),
            tuple(s for s in sources if s is not None),
        )


def _income(facts: DocumentFacts) -> Iterator[Finding]:
    """The sources of income add up to 收入总计; final accounts list this year's income only, so
    their 年初结转和结余 is one more part."""
    lines = facts.income_lines
    parts = [line.amount_wan for line in lines]
    sources = [facts.totals.total_source, *(line.source for line in lines)]
    if facts.header.kind == DocumentKind.FINAL_ACCOUNTS and lines:
        parts.append(facts.other.carryover_wan)
        sources.append(facts.other.carryover_source)
    total = facts.totals.total_wan
    yield from _sum_check("income_vs_total", "收入总计 ≠ sum of the income sources", total, parts, sources)


def _economic(facts: DocumentFacts) -> Iterator[Finding]:
    """人员经费 + 公用经费 = 基本支出 = the 经济分类 classes (or items, in tables without class rows);
    each class = its items."""
    yield from _sum_check(
        "basic_personnel_public",
        "一般公共预算基本支出 ≠ 人员经费 + 公用经费",
        facts.basic.total_wan,
        [facts.basic.personnel_wan, facts.basic.public_wan],
        [facts.basic.source],
    )
    lines = facts.basic.lines
    classes = [line for line in lines if len(line.code) == 3]
    items = [line for line in lines if len(line.code) == 5]
    top = classes or items
    yield from _sum_check(
        "basic_vs_economic_lines",
        "一般公共预算基本支出 ≠ sum of 经济分类 rows",
        facts.basic.total_wan,
        [line.amount_wan for line in top],
        [facts.basic.source, *(line.source for line in top)],
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
    items = {item.item: item for item in facts.three_public.items}
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
        facts.totals.three_public_wan,
        [p.amount_wan if p else None for p in parts],
        [facts.totals.three_public_source, *(p.source for p in parts if p)],
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


def _rate_tolerance(rate: float) -> float:
    """Half a unit of the last digit a rate was printed with (4.69 → 0.005, 98.0 → 0.5), in percent."""
    decimals = len(repr(abs(rate)).partition(".")[2].rstrip("0"))
    return 0.5 * 10.0**-decimals


def _against_budget(
    check: str, what: str, initial: float | None, actual: float | None, rate: float | None, *, variance: bool,
    source: SourceRef | None,
) -> Iterator[Finding]:
    """年初预算 × 完成率 = 决算, or (``variance``) |决算 − 年初预算| = 年初预算 × |差异率| whatever sign
    the document gives the rate; within the rate's printed precision and the amounts' rounding."""
    if initial is None or actual is None or rate is None:
        return
    if variance:
        expected = initial + (1 if actual >= initial else -1) * initial * abs(rate) / 100
    else:
        expected = initial * rate / 100
    if abs(expected - actual) > initial * _rate_tolerance(rate) / 100 + 0.01 + 1e-9:
        yield Finding(
            check,
            f"{what}: 年初预算 {initial:.2f} and {'预决算差异率' if variance else '完成年初预算的'} {rate}% "
            f"give {expected:.2f}, 决算 is {actual:.2f}",
            round(expected, 6),
            actual,
            (source,) if source else (),
        )


def _narrative_amounts(facts: DocumentFacts) -> Iterator[Finding]:
    """The 情况说明's amount per 项 = the table's (the 一般公共预算支出表's, the money it describes,
    else the 支出总表's); money for a 项 no table row holds is a finding too (when there are tables)."""
    for line in facts.function_lines:
        told = line.narrative
        table = line.general_public_wan if line.general_public_wan is not None else line.total_wan
        if told is None or told.amount_wan is None or table is None:
            continue
        if abs(told.amount_wan - table) > 0.005 + 1e-9:
            yield Finding(
                "function_line_narrative",
                f"{line.code} {line.name}: 情况说明 states {told.amount_wan:.2f}, the table {table:.2f}",
                table,
                told.amount_wan,
                tuple(s for s in (line.source, told.source) if s is not None),
            )
    for told in facts.function_narratives:
        if facts.function_lines and told.code is not None and (told.amount_wan or 0.0) > 0.005:
            yield Finding(
                "function_narrative_without_line",
                f"{told.code} {told.item_name}: 情况说明 states {told.amount_wan:.2f}, no table row holds the code",
                0.0,
                told.amount_wan or 0.0,
                (told.source,) if told.source else (),
            )


def _narrative_budgets(facts: DocumentFacts) -> Iterator[Finding]:
    """Final accounts: 年初预算 × 完成年初预算的 Z% = 支出决算 per 项, and the 财政拨款's 年初预算 with its
    完成率 or 预决算差异率 = its 决算."""
    told = [line.narrative for line in facts.function_lines if line.narrative] + list(facts.function_narratives)
    for fact in told:
        yield from _against_budget(
            "narrative_budget_completion", fact.code or fact.item_name, fact.initial_budget_wan, fact.amount_wan,
            fact.completion_rate, variance=False, source=fact.source,
        )
    whole = facts.whole.budget_comparison
    if whole is not None:
        for rate, variance in ((whole.completion_rate, False), (whole.variance_rate, True)):
            yield from _against_budget(
                "budget_comparison", "财政拨款", whole.initial_budget_wan, whole.actual_wan, rate,
                variance=variance, source=whole.source,
            )


def _unread(facts: DocumentFacts) -> Iterator[Finding]:
    for table in facts.totals.unread_tables:
        yield Finding("table_unread", f"{table.title}: {table.reason}", None, None,
                      (table.source,) if table.source else ())


def _prior_year_changes(facts: DocumentFacts) -> Iterator[Finding]:
    """One statement's 比上年 change in 万元 and its rate must agree: last year's amount is this year's A
    less the change C, and C = (A − C) × rate (减少47万元，增长156% does not: 124 × 156% is +193.44).
    A 项 new this year (nothing last year, written 增长100%) has no rate to check."""
    told = [line.narrative for line in facts.function_lines if line.narrative] + list(facts.function_narratives)
    for fact in told:
        amount, change, rate = fact.amount_wan, fact.prior_year_change_wan, fact.prior_year_change_rate
        if amount is None or change is None or rate is None or amount - change <= 0.01:
            continue
        prior = amount - change
        implied = prior * rate / 100
        if abs(implied - change) > prior * _rate_tolerance(rate) / 100 + 0.01 + 1e-9:
            yield Finding(
                "prior_year_change",
                f"{fact.code or fact.item_name}: changed by {change:+.2f} 万元 比上年 (from {prior:.2f} to "
                f"{amount:.2f}) but by {rate:+g}%, which gives {implied:+.2f}",
                round(implied, 6),
                change,
                (fact.source,) if fact.source else (),
            )


def reconcile(facts: DocumentFacts) -> tuple[Finding, ...]:
    """Every mismatch in the document, and every standard table it could not read, in a stable order."""
    lines = facts.function_lines
    findings: list[Finding] = [*_unread(facts)]
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
        "total_basic_project",
        "支出合计 ≠ 基本支出 + 项目支出",
        facts.totals.total_wan,
        [facts.totals.basic_expenditure_wan, facts.totals.project_expenditure_wan],
        [facts.totals.total_source, facts.totals.split_source],
    )
    findings += _sum_check(
        "total_vs_function_lines",
        "支出总计 ≠ sum of 功能分类 rows",
        facts.totals.total_wan,
        [line.total_wan for line in lines],
        [facts.totals.total_source, *line_sources],
    )
    findings += _sum_check(
        "basic_vs_function_lines",
        "基本支出 ≠ sum of 功能分类 rows' 基本支出",
        facts.totals.basic_expenditure_wan,
        [line.basic_wan for line in lines],
        [facts.totals.split_source, *line_sources],
    )
    findings += _sum_check(
        "project_vs_function_lines",
        "项目支出 ≠ sum of 功能分类 rows' 项目支出",
        facts.totals.project_expenditure_wan,
        [line.project_wan for line in lines],
        [facts.totals.split_source, *line_sources],
    )
    # Final accounts state what was spent: compare the projects' 全年执行数 with it.
    executed = facts.header.kind == DocumentKind.FINAL_ACCOUNTS
    amounts = [p.executed_wan if executed else p.budget_wan for p in facts.projects]
    findings += _sum_check(
        "project_vs_projects",
        f"项目支出 ≠ sum of the projects' {'全年执行数' if executed else '预算安排'}",
        facts.totals.project_expenditure_wan,
        amounts,
        [facts.totals.split_source, *(p.source for p in facts.projects)],
    )
    findings += _income(facts)
    findings += _economic(facts)
    findings += _three_public(facts)
    findings += _project_lines(facts)
    findings += _narrative_amounts(facts)
    findings += _narrative_budgets(facts)
    findings += _prior_year_changes(facts)
    findings += _placement(facts)
    return tuple(findings)


def _placement(facts: DocumentFacts) -> Iterator[Finding]:
    """A resolved unit whose name names no region of the table is loaded without one, and said so
    (``vocab.resolve.region_chain`` never places a unit by a guess)."""
    if facts.unit is not None and not facts.unit.regions:
        yield Finding(
            "unit_region",
            f"{facts.header.unit_name}: its name names no region of vocab/reference/regions.json; "
            "loaded without a region",
            None,
            None,
            (facts.header.source,) if facts.header.source else (),
        )

