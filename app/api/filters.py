"""Filter inputs for the root connections and aggregation, and their translation to Cypher
parameters.

Every list query in graph/queries/ receives the same parameter set, each
``null`` unless the client set it, and applies it with ``$x IS NULL OR ...``; so one function
(``filter_params``) serves every input type, and values reach Cypher only as parameters.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from app.api.errors import ClientError
from app.api.types import DocumentKind, DocumentScope, FunctionLevel
from vocab.policies import lookup_doc_number, title_key
from vocab.resolve import normalise_name, unit_key


@strawberry.input(description="An inclusive range of integers; either end may be left open.")
class IntRange:
    min: int | None = None
    max: int | None = None


@strawberry.input(description="An inclusive range of amounts in 万元; either end may be left open.")
class FloatRange:
    min: float | None = None
    max: float | None = None


@strawberry.input(description="Which budget units.")
class UnitFilter:
    name_contains: str | None = strawberry.field(default=None,
        description="Substring of the name or a former name, e.g. 社会保险")
    region: str | None = strawberry.field(default=None,
        description="Region name; sub-regions included (巴音郭楞蒙古自治州 includes 和静县)")
    fiscal_year: IntRange | None = strawberry.field(default=None,
        description="Has a disclosure for a year in this range")
    policy: str | None = strawberry.field(default=None,
        description="Undertakes a project this 发文字号 is the basis of or funds")


@strawberry.input(description="Which disclosure documents.")
class DocumentFilter:
    fiscal_year: IntRange | None = None
    kind: DocumentKind | None = None
    scope: DocumentScope | None = strawberry.field(default=None, description="部门 or 单位 documents only")
    unit: str | None = strawberry.field(default=None, description="Unit id, name or former name")
    region: str | None = strawberry.field(default=None, description="Region name; sub-regions included")
    policy: str | None = strawberry.field(default=None, description="Cites this 发文字号 (any bracket style)")
    function_code_prefix: str | None = strawberry.field(default=None,
        description="Has a 功能分类 line whose code starts so, e.g. 208")
    total_wan: FloatRange | None = strawberry.field(default=None, description="收支总计 in this range")
    name_contains: str | None = strawberry.field(default=None, description="Substring of the title")


@strawberry.input(description="Which projects.")
class ProjectFilter:
    fiscal_year: IntRange | None = None
    unit: str | None = strawberry.field(default=None, description="Unit id, name or former name")
    region: str | None = strawberry.field(default=None, description="Region name; sub-regions included")
    policy: str | None = strawberry.field(default=None, description="Funded by or based on this 发文字号")
    issuer: str | None = strawberry.field(default=None,
        description="Substring of the issuer of one of its policies, e.g. 财政厅")
    budget_wan: FloatRange | None = strawberry.field(default=None, description="预算 amount in this range")
    subsidies_only: bool = strawberry.field(default=False, description="Only projects that pay people (补贴)")
    name_contains: str | None = strawberry.field(default=None, description="Substring of the project name, e.g. 退休")


@strawberry.input(description="Which policy documents.")
class PolicyFilter:
    issuer: str | None = strawberry.field(default=None, description="Substring of the issuer")
    year: IntRange | None = strawberry.field(default=None, description="Year of the 发文字号")
    unit: str | None = strawberry.field(default=None, description="Funds a project of this unit")
    region: str | None = strawberry.field(default=None, description="Funds a project in this region or its sub-regions")
    name_contains: str | None = strawberry.field(default=None, description="Substring of the 发文字号 or title")


@strawberry.input(description="Which performance indicators.")
class IndicatorFilter:
    fiscal_year: IntRange | None = None
    unit: str | None = None
    region: str | None = None
    policy: str | None = strawberry.field(default=None, description="Of projects funded by this 发文字号")
    subsidies_only: bool = False
    name_contains: str | None = strawberry.field(default=None, description="Substring of the indicator (三级指标)")


@strawberry.input(description="Which regions.")
class RegionFilter:
    within: str | None = strawberry.field(default=None, description="This region and all regions under it")
    name_contains: str | None = None


@strawberry.input(description="Which 功能分类 codes.")
class FunctionClassFilter:
    code_prefix: str | None = None
    level: FunctionLevel | None = None
    name_contains: str | None = None


@strawberry.input(description="Which data-quality findings.")
class FindingFilter:
    fiscal_year: IntRange | None = None
    unit: str | None = strawberry.field(default=None, description="Unit id, name or former name")
    name_contains: str | None = strawberry.field(default=None, description="Substring of the check or the message")


@strawberry.enum(description="Which documents' facts an aggregate adds up. A 部门 (department) document consolidates "
                 "the unit with its subordinate units, so adding a unit's 部门 and 单位 documents of one year counts "
                 "the same money twice.")
class AggregateScope(Enum):
    EACH_UNIT_ONCE = strawberry.enum_value("EACH_UNIT_ONCE", description=(
        "The default: per unit, fiscal year and kind, its 单位 document where it has one, else its 部门 document, "
        "so a unit's money counts once. Summing the 单位 documents of a department's units gives the department's "
        "total without counting any twice; a 部门 document stands in for the units that published none. The graph "
        "does not know which units a department consolidates, so a 部门 document of one unit and a 单位 document "
        "of another unit under it still both count"))
    DEPARTMENT = strawberry.enum_value("DEPARTMENT", description="部门 documents only (consolidated)")
    UNIT = strawberry.enum_value("UNIT", description="单位 documents only (each unit alone)")
    ALL = strawberry.enum_value("ALL", description="Every document: a unit's 部门 and 单位 documents both count")


@strawberry.input(description="Which facts to aggregate; each fact set accepts the filters that apply to it.")
class AggregateFilter:
    fiscal_year: IntRange | None = None
    unit: str | None = None
    region: str | None = strawberry.field(default=None, description="Sub-regions included")
    kind: DocumentKind | None = strawberry.field(default=None, description="SPENDING only: budget or final accounts")
    function_code_prefix: str | None = strawberry.field(default=None, description="SPENDING only")
    policy: str | None = strawberry.field(default=None, description="PROJECTS only")
    issuer: str | None = strawberry.field(default=None, description="PROJECTS only")
    subsidies_only: bool = strawberry.field(default=False, description="PROJECTS only")
    name_contains: str | None = strawberry.field(default=None, description="PROJECTS only")
    scope: AggregateScope = strawberry.field(default=AggregateScope.EACH_UNIT_ONCE, description=(
        "Which documents count; by default each unit once (EACH_UNIT_ONCE: its 单位 document before its 部门 one)"))


AnyFilter = (UnitFilter | DocumentFilter | ProjectFilter | PolicyFilter | IndicatorFilter | RegionFilter
             | FunctionClassFilter | FindingFilter | AggregateFilter)

def unit_params(unit: str | None) -> dict[str, str | None]:
    """A unit filter (an id, name or former name) with its unit key: the id of the unit each name it
    has had belongs to (the loader files a unit under its name's key), so the filter seeks it by id."""
    return {"unit": unit, "unitKey": None if unit is None else unit_key(unit)}


def _text(value: str | None) -> str | None:
    text = normalise_name(value) if value is not None else None
    return text or None


def _policy_key(value: str | None) -> str | None:
    """A 发文字号 in any spelling (号 optional), or a title however it is quoted (policies without a number
    are keyed by title: vocab/policies.py)."""
    if value is None or not value.strip():
        return None
    return lookup_doc_number(value) or f"title:{title_key(value)}"


def _code_prefix(value: str | None) -> str | None:
    if value is None:
        return None
    if not value.isdigit():
        raise ClientError(f"a 功能分类 code prefix is digits only, got {value!r}")
    return value


def filter_params(given: AnyFilter | None) -> dict[str, Any]:
    """The parameter set for any filter input (or none): unset fields are null."""
    def get(name: str) -> Any:
        return getattr(given, name, None)

    years: IntRange | None = get("fiscal_year") or get("year")
    amounts: FloatRange | None = get("budget_wan") or get("total_wan")
    kind, scope, level = get("kind"), get("scope"), get("level")
    return {
        "yearMin": years.min if years else None,
        "yearMax": years.max if years else None,
        "kind": kind.value if kind else None,
        "scope": scope.value if scope else None,
        **unit_params(_text(get("unit"))),
        "region": _text(get("region") or get("within")),
        "policy": _policy_key(get("policy")),
        "issuer": _text(get("issuer")),
        "codePrefix": _code_prefix(get("function_code_prefix") or get("code_prefix")),
        "amountMin": amounts.min if amounts else None,
        "amountMax": amounts.max if amounts else None,
        "subsidiesOnly": bool(get("subsidies_only")),
        "text": _text(get("name_contains")),
        "level": level.digits if level else None,
    }
