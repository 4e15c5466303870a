# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""What the 情况说明 states per 功能分类 项 and of the whole document: the amount, the comparison with
the previous year (比上年) and, in final accounts, with the year's initial budget (年初预算), each with
the reason it gives (主要原因). The graph keeps them as properties (graph/narratives.py); a figure the
document does not state is null, never 0."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import strawberry

from app.api.types import documents
from app.api.types.common import Row, SourceRef, build
from app.api.types.refs import FunctionClassRef
from app.api.types.related import Related
from graph.codec import decode
from loaders import facts


@strawberry.type(description="Figures the 情况说明 states of one 功能分类 项 beside its amount.")
class StatedFigures:
    initial_budget_wan: float | None = strawberry.field(
        default=None, description="年初预算: the 项's initial budget for the year (final accounts, national template; "
        "万元)")
    budget_completion_rate: float | None = strawberry.field(
        default=None, description="完成年初预算的 Z%: spending as a percentage of the initial budget (final accounts)")
    prior_year_wan: float | None = strawberry.field(
        default=None, description="上年决算数/预算数: the previous year's amount, when the sentence states it (万元)")
    change_from_prior_year_wan: float | None = strawberry.field(
        default=None, description="比上年增加/减少 X 万元: the change from the previous year, positive for 增加 "
        "(increase), negative for 减少 (decrease), 0 for 持平 (unchanged)")
    change_from_prior_year_rate: float | None = strawberry.field(
        default=None, description="增长/下降 Y%: the change from the previous year in percent, signed as stated "
        "(增长 positive, 下降 negative)")
    change_compared_with: str | None = strawberry.field(
        default=None, description="What the previous year's figure is: 上年决算 (its final accounts), 上年预算 (its "
        "budget), 上年执行数 (its execution) or 上年 (not said)")
    change_reason: str | None = strawberry.field(
        default=None, description="主要原因: the reason the document gives for the change from the previous year, as "
        "written")
    budget_variance_reason: str | None = strawberry.field(
        default=None, description="主要原因 of 决算 differing from 年初预算 (final accounts), as written")


STATED_FIGURES: dict[str, str] = {
    "initial_budget_wan": "initial_budget_wan", "budget_completion_rate": "completion_rate",
    "prior_year_wan": "prior_year_wan", "change_from_prior_year_wan": "prior_year_change_wan",
    "change_from_prior_year_rate": "prior_year_change_rate", "change_compared_with": "compared_with",
    "change_reason": "change_reason", "budget_variance_reason": "variance_reason",
}
"""The :class:`StatedFigures` fields by the :class:`~loaders.facts.FunctionNarrativeFact` field each shows."""


def stated_figures(told: Mapping[str, Any]) -> dict[str, Any]:
    """The :class:`StatedFigures` of a 项 statement's decoded values."""
    return {name: told[fact] for name, fact in STATED_FIGURES.items()}


@strawberry.type(description="A 功能分类 项 as the 一般公共预算(财政拨款)支出 情况说明 describes it: "
                 "'社会保障和就业支出(类)人力资源和社会保障管理事务(款)社会保险经办机构(项): 支出决算数为 222.47 万元, "
                 "比上年决算增加 1.28 万元, 增长 0.58%, 主要原因是 …'.")
class FunctionNarrative(StatedFigures):
    code: str | None = strawberry.field(
        default=None, description="7-digit 功能分类 code the names resolve to (the document's own function line of "
        "that name, else the national classification's 项 under the 款 named); null when ambiguous, never guessed")
    class_name: str | None = strawberry.field(default=None, description="类 as the sentence names it")
    section_name: str | None = strawberry.field(default=None, description="款 as the sentence names it")
    item_name: str = strawberry.field(default="", description="项 as the sentence names it")
    amount_wan: float | None = strawberry.field(
        default=None, description="支出决算数 (final accounts: spent) or 预算数 (budget), 万元")
    in_table: bool = strawberry.field(
        default=False, description="Whether a row of the document's expenditure tables holds this 项 (its "
        "FunctionLine carries the same figures)")
    source: SourceRef | None = None

    function_class: FunctionClassRef | None = strawberry.field(
        description="The classification node of the code, with its 款 and 类 (null without a code).",
        resolver=Related("function_classes_by_code", lambda told: told.code,
                         lambda row: documents.FunctionClass.of(row)).resolve)

    FACT_NAMES: ClassVar[dict[str, str]] = STATED_FIGURES

    @classmethod
    def of(cls, row: Row) -> FunctionNarrative:
        told = decode(row, facts.FunctionNarrativeFact)
        return build(cls, told, row, item_name=told["item_name"] or "")


def in_document_order(told: FunctionNarrative) -> tuple[int, str]:
    """The sort key of a document's narratives (``function_narratives_of_documents``): its order."""
    return (told.source.line_start or 0) if told.source else 0, told.code or ""


@strawberry.type(description="比上年 / 与上年相比: how a figure changed from the previous year, as the document "
                 "states it.")
class PriorYearChange:
    change_wan: float | None = strawberry.field(description="增加 (positive) / 减少 (negative) X 万元")
    change_rate: float | None = strawberry.field(description="增长 (positive) / 下降 (negative) Y%, in percent")
    compared_with: str | None = strawberry.field(description="上年决算, 上年预算, 上年执行数 or 上年 (not said)")
    reason: str | None = strawberry.field(description="主要原因: the reason given, as written")
    source: SourceRef | None
