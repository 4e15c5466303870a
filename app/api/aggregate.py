# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Aggregation in one request, OpenSpending-style: pick the facts, the drilldown dimensions
and a filter; get one cell per combination with sums, counts, averages, minima and maxima (and
a summary cell that counts every fact once, even where cells by policy overlap).

Grouping happens in the store (graph/queries/aggregate.cypher), over the roll-ups each document
carries (graph/rollups.py: a few groups per document) or their cells added up across documents,
wherever they answer the request, else over the facts themselves; all give the same numbers
(tests/test_aggregate_rollups.py). A cell's unit,
region, policy and function class are resolved through the request's batch loaders, so drilling
down by unit costs one more round-trip, not one per cell.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from typing import Any

import strawberry
from graphql import FieldNode

from app.api.errors import ClientError
from app.api.filters import AggregateFilter, filter_params
from app.api.types import FunctionClass, Info, Policy, Region, Row, Unit
from app.api.types.common import field_children
from app.api.types.related import Related
from graph.rollups import SPENDING_DIGITS, Family

MAX_CELLS = 5000


@strawberry.enum(description="Which facts to add up.")
class AggregateFacts(Enum):
    PROJECTS = strawberry.enum_value("PROJECTS", description=(
        "Projects (项目): budgetWan is 预算安排规模, executedWan is 全年执行数 (final accounts)."))
    SPENDING = strawberry.enum_value("SPENDING", description=(
        "Expenditure lines by 功能分类: a budget document's 合计 counts as budgetWan, a final "
        "account's (决算) as executedWan."))


@strawberry.enum(description="A dimension to group by.")
class Dimension(Enum):
    FISCAL_YEAR = "FISCAL_YEAR"
    REGION = strawberry.enum_value("REGION", description="The unit's own region (行政区划), as deep as it is known")
    PROVINCE = strawberry.enum_value("PROVINCE", description=(
        "The province-level region (省/自治区) the unit's region is part of: every unit below it rolls up"))
    PREFECTURE = strawberry.enum_value("PREFECTURE", description=(
        "The prefecture-level region (州/市/地区): a prefecture's cell includes its counties' units; null for a "
        "unit of a province-level region"))
    UNIT = strawberry.enum_value("UNIT", description="预算单位")
    FUNCTION_CLASS = strawberry.enum_value("FUNCTION_CLASS", description="功能分类 at 类 level (3 digits); SPENDING")
    FUNCTION_SECTION = strawberry.enum_value("FUNCTION_SECTION",
                                             description="功能分类 at 款 level (5 digits); SPENDING")
    FUNCTION_ITEM = strawberry.enum_value("FUNCTION_ITEM", description="功能分类 at 项 level (7 digits); SPENDING")
    POLICY = strawberry.enum_value("POLICY", description=(
        "政策依据 or allocation document; PROJECTS. A project with several policies counts in each of their "
        "cells, so cells overlap (Aggregation.cellsOverlap) and their sum exceeds the summary"))
    ISSUER = strawberry.enum_value("ISSUER", description="Issuer of the policy; PROJECTS (cells overlap as by POLICY)")


_FLAG = {Dimension.FISCAL_YEAR: "byYear", Dimension.UNIT: "byUnit", Dimension.POLICY: "byPolicy",
         Dimension.ISSUER: "byIssuer"}
"""The $by* parameter of each dimension; function classes are grouped by $functionDigits, regions by
$byRegion at $regionDepth."""
_FUNCTION_DIGITS = {Dimension.FUNCTION_CLASS: 3, Dimension.FUNCTION_SECTION: 5, Dimension.FUNCTION_ITEM: 7}
_REGION_DEPTH: dict[Dimension, int | None] = {Dimension.REGION: None, Dimension.PROVINCE: 1, Dimension.PREFECTURE: 2}
_OVERLAPPING = {Dimension.POLICY, Dimension.ISSUER}
_COMMON = {Dimension.FISCAL_YEAR, Dimension.UNIT} | set(_REGION_DEPTH)
_DIMENSIONS = {AggregateFacts.PROJECTS: _COMMON | {Dimension.POLICY, Dimension.ISSUER},
               AggregateFacts.SPENDING: _COMMON | set(_FUNCTION_DIGITS)}
_FILTERS = {AggregateFacts.PROJECTS: {"fiscal_year", "unit", "region", "policy", "issuer", "subsidies_only",
                                      "name_contains", "scope"},
            AggregateFacts.SPENDING: {"fiscal_year", "unit", "region", "kind", "function_code_prefix", "scope"}}
_LEVEL_FAMILY = {digits: family for family, digits in SPENDING_DIGITS.items()}


@strawberry.type(description="One group: the values of the drilldown dimensions (null for those not asked "
                 "for) and what its facts add up to. A fact counts once in a cell. A sum, average, minimum or "
                 "maximum is over the facts that state the amount (budgetCount, executedCount) and null when none "
                 "does: never 0 for unknown.")
class AggregateCell:
    fiscal_year: int | None
    issuer: str | None = strawberry.field(description="Issuer of the policy (ISSUER drilldown)")
    function_code: str | None = strawberry.field(description="功能分类 code cut to the level asked for")
    count: int = strawberry.field(description="Number of facts (projects or expenditure lines) in the group")
    budget_wan: float | None = strawberry.field(description="Sum of budget amounts (万元)")
    budget_count: int = strawberry.field(description="How many facts state a budget amount")
    budget_avg_wan: float | None = strawberry.field(description="Average budget amount (万元) of those facts")
    budget_min_wan: float | None = strawberry.field(description="Smallest budget amount (万元)")
    budget_max_wan: float | None = strawberry.field(description="Largest budget amount (万元)")
    executed_wan: float | None = strawberry.field(description="Sum of executed amounts (万元)")
    executed_count: int = strawberry.field(description="How many facts state an executed amount")
    executed_avg_wan: float | None = strawberry.field(description="Average executed amount (万元) of those facts")
    executed_min_wan: float | None = strawberry.field(description="Smallest executed amount (万元)")
    executed_max_wan: float | None = strawberry.field(description="Largest executed amount (万元)")
    region_name: strawberry.Private[str | None]
    unit_id: strawberry.Private[str | None]
    policy_key: strawberry.Private[str | None]

    region: Region | None = strawberry.field(
        description="The region of the REGION, PREFECTURE or PROVINCE drilldown.",
        resolver=Related("regions_by_name", lambda cell: cell.region_name, Region.of).resolve)
    unit: Unit | None = strawberry.field(resolver=Related("units_by_id", lambda cell: cell.unit_id or None,
                                                          Unit.of).resolve)
    policy: Policy | None = strawberry.field(resolver=Related("policies_by_key", lambda cell: cell.policy_key or None,
                                                              Policy.of).resolve)
    function_class: FunctionClass | None = strawberry.field(
        description="The function class node of functionCode, when the graph holds it.",
        resolver=Related("function_classes_by_code", lambda cell: cell.function_code, FunctionClass.of).resolve)

    @classmethod
    def of(cls, row: Row) -> AggregateCell:
        def total(key: str) -> float | None:
            return round(row[key], 6) if row.get(key) is not None else None

        return cls(fiscal_year=row.get("fiscalYear"), issuer=row.get("issuer"), function_code=row.get("functionCode"),
                   count=int(row["count"]), budget_wan=total("budgetWan"), budget_count=int(row["budgetCount"]),
                   budget_avg_wan=total("budgetAvgWan"), budget_min_wan=total("budgetMinWan"),
                   budget_max_wan=total("budgetMaxWan"),
                   executed_wan=total("executedWan"), executed_count=int(row["executedCount"]),
                   executed_avg_wan=total("executedAvgWan"), executed_min_wan=total("executedMinWan"),
                   executed_max_wan=total("executedMaxWan"),
                   region_name=row.get("region"), unit_id=row.get("unit"), policy_key=row.get("policy"))


@strawberry.type(description="The result of aggregate(): cells of the drilldown and their summary.")
class Aggregation:
    facts: AggregateFacts
    drilldown: list[Dimension]
    cells: list[AggregateCell] = strawberry.field(description="One per group, ordered by the dimension values")
    truncated: bool = strawberry.field(description=f"True when there were more than `first` groups (max {MAX_CELLS})")
    cells_overlap: bool = strawberry.field(description=(
        "True when a fact can count in several cells (drilldown by POLICY or ISSUER: a project with two policies "
        "is in both cells), so the cells' sums may add up to more than the summary, which counts it once"))
    params: strawberry.Private[dict[str, Any]]
    rows: strawberry.Private[list[Row]]

    @strawberry.field(description="All filtered facts as one cell (no grouping): the distinct total, every fact "
                      "counted once whatever the drilldown.")
    async def summary(self, info: Info) -> AggregateCell:
        if not self.cells_overlap and not self.truncated:  # the cells partition the facts: add them up
            return AggregateCell.of(_combined(self.rows))
        rows = await _cells(info, self.facts, [], self.params, 1)
        return AggregateCell.of(rows[0] if rows else _combined([]))


def _combined(rows: list[Row]) -> Row:
    """One cell of cells that share no fact: counts and sums add up, minima and maxima combine."""
    out: Row = {"count": sum(int(r["count"]) for r in rows)}
    for name in ("budget", "executed"):
        stated = [r for r in rows if r[f"{name}Count"]]
        count = sum(int(r[f"{name}Count"]) for r in stated)
        total = sum(float(r[f"{name}Wan"]) for r in stated)
        out |= {f"{name}Count": count, f"{name}Wan": total if stated else None,
                f"{name}AvgWan": total / count if stated else None,
                f"{name}MinWan": min(_known(stated, f"{name}MinWan"), default=None),
                f"{name}MaxWan": max(_known(stated, f"{name}MaxWan"), default=None)}
    return out


def _known(rows: list[Row], column: str) -> list[float]:
    """The column's values in ``rows`` (none when minima and maxima were not read)."""
    return [value for r in rows if (value := r[column]) is not None]


def _direct(facts: AggregateFacts, drilldown: list[Dimension]) -> str:
    """The query adding up the facts themselves."""
    if facts is AggregateFacts.SPENDING:
        return "aggregate_spending"
    by_policy = Dimension.POLICY in drilldown or Dimension.ISSUER in drilldown
    return "aggregate_projects_by_policy" if by_policy else "aggregate_projects"


def _rollup(facts: AggregateFacts, drilldown: list[Dimension], params: dict[str, Any]) -> dict[str, Any] | None:
    """The roll-up family (and how to read its keys) answering this request; None when only the facts
    can: a substring of a name or an issuer, or a policy filter beside a policy or issuer drilldown."""
    if params["text"] is not None or params["issuer"] is not None:
        return None
    plan: dict[str, Any] = {"key": None, "keyColumn": None, "cut": None, "issuerOfPolicy": False}
    if facts is AggregateFacts.SPENDING:
        levels = [_FUNCTION_DIGITS[d] for d in drilldown if d in _FUNCTION_DIGITS]
        digits, prefix = (levels[0] if levels else None), params["codePrefix"]
        if digits in _LEVEL_FAMILY and (prefix is None or len(prefix) <= digits):
            family = _LEVEL_FAMILY[digits]
        elif digits or prefix:  # whole codes: cut to the level asked, or filtered by a longer prefix
            family, plan["cut"] = Family.SPENDING_BY_CODE, digits
        else:
            family = Family.SPENDING
        return {**plan, "family": family.value, "keyColumn": "functionCode" if digits else None}
    by_policy, by_issuer = Dimension.POLICY in drilldown, Dimension.ISSUER in drilldown
    if params["policy"] is not None and (by_policy or by_issuer):
        return None
    base = "SUBSIDIES" if params["subsidiesOnly"] else "PROJECTS"
    if by_policy or params["policy"] is not None:
        grouped, plan["key"], plan["issuerOfPolicy"] = f"{base}_BY_POLICY", params["policy"], by_issuer
        plan["keyColumn"] = "policy" if by_policy else None
    elif by_issuer:
        grouped, plan["keyColumn"] = f"{base}_BY_ISSUER", "issuer"
    else:
        grouped = base
    return {**plan, "family": Family(grouped).value}


def _rollup_reads(drilldown: list[Dimension], params: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The reads of roll-ups that answer a request ``_rollup`` plans, the fewest rows first: a unit's
    own roll-ups (sought by its key), every document's (by unit), the roll-up cells of each region
    (by or within a region), the cells of all regions (graph/rollups.py). Each gives the same cells."""
    if params["unit"] is not None:
        return [("aggregate_unit_rollups", {}), ("aggregate_rollups", {})]
    reads: list[tuple[str, dict[str, Any]]] = [("aggregate_rollups", {})]
    if Dimension.UNIT not in drilldown:
        reads.insert(0, ("aggregate_cells", {"level": "REGION"}))
        if params["region"] is None and not any(d in _REGION_DEPTH for d in drilldown):
            reads.insert(0, ("aggregate_cells", {"level": "ALL"}))
    return reads


async def _cells(info: Info, facts: AggregateFacts, drilldown: list[Dimension], params: dict[str, Any],
                 limit: int) -> list[Row]:
    """Up to ``limit`` cells, from the roll-ups where they answer, else from the facts; with minima and
    maxima when ``params["extremes"]``."""
    group = {**params, **_group_params(drilldown, limit, extremes=params["extremes"])}
    plan = _rollup(facts, drilldown, params)
    if plan is None:
        return await info.context.store.read(_direct(facts, drilldown), group)
    name, read = _rollup_reads(drilldown, params)[0]
    return await info.context.store.read(name, {**group, **plan, **read})


def _group_params(drilldown: list[Dimension], limit: int, *, extremes: bool = True) -> dict[str, Any]:
    """The grouping parameters; ``extremes``: whether roll-up reads add up minima and maxima (null
    when not, as no field asks for them)."""
    levels = [_FUNCTION_DIGITS[d] for d in drilldown if d in _FUNCTION_DIGITS]
    regions = [d for d in drilldown if d in _REGION_DEPTH]
    flags: dict[str, Any] = {flag: d in drilldown for d, flag in _FLAG.items()}
    return {**flags, "functionDigits": levels[0] if levels else None, "byRegion": bool(regions),
            "regionDepth": _REGION_DEPTH[regions[0]] if regions else None, "limit": limit, "extremes": extremes}


_EXTREMES = {"budgetMinWan", "budgetMaxWan", "executedMinWan", "executedMaxWan"}


def _asks_extremes(info: Info) -> bool:
    """Whether the request selects a minimum or maximum of its cells or summary (or may: a fragment),
    the four roll-up lists a read otherwise skips (graph/queries/aggregate.cypher, add_up_rollups). Told
    from the query's own nodes: strawberry's ``selected_fields`` converts the whole selection every request."""
    for part in field_children(info._raw_info.field_nodes[0]):
        if not isinstance(part, FieldNode):
            return True
        if part.name.value in ("cells", "summary") and any(
                not isinstance(leaf, FieldNode) or leaf.name.value in _EXTREMES for leaf in field_children(part)):
            return True
    return False


def _check(facts: AggregateFacts, drilldown: list[Dimension], given: AggregateFilter | None) -> None:
    """Refuse what the facts cannot answer, naming it, rather than return misleading sums."""
    if unsupported := [d.name for d in drilldown if d not in _DIMENSIONS[facts]]:
        raise ClientError(f"{facts.name} cannot be grouped by {', '.join(unsupported)}; "
                          f"it supports {', '.join(sorted(d.name for d in _DIMENSIONS[facts]))} "
                          "(功能分类 levels group SPENDING, the 支出表 lines; policies and issuers group PROJECTS)")
    if sum(d in _FUNCTION_DIGITS for d in drilldown) > 1:
        raise ClientError("choose one function classification level (FUNCTION_CLASS, _SECTION or _ITEM)")
    if sum(d in _REGION_DEPTH for d in drilldown) > 1:
        raise ClientError("choose one region level (REGION, PREFECTURE or PROVINCE)")
    if given is not None:
        defaults = AggregateFilter()
        set_fields = [f.name for f in dataclasses.fields(given) if getattr(given, f.name) != getattr(defaults, f.name)]
        if unsupported := [name for name in set_fields if name not in _FILTERS[facts]]:
            raise ClientError(f"{facts.name} cannot be filtered by {', '.join(unsupported)}")


async def aggregate(info: Info, facts: AggregateFacts, drilldown: list[Dimension],
                    filter: AggregateFilter | None, first: int) -> Aggregation:
    """Run one aggregation; see ``Query.aggregate``."""
    _check(facts, drilldown, filter)
    if not 1 <= first <= MAX_CELLS:
        raise ClientError(f"first must be between 1 and {MAX_CELLS}, got {first}")
    params = {**filter_params(filter or AggregateFilter()), "extremes": _asks_extremes(info)}
    rows = await _cells(info, facts, drilldown, params, first + 1)
    return Aggregation(facts=facts, drilldown=list(dict.fromkeys(drilldown)), params=params, rows=rows,
                       cells=[AggregateCell.of(r) for r in rows[:first]], truncated=len(rows) > first,
                       cells_overlap=any(d in _OVERLAPPING for d in drilldown))
