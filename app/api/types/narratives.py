# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""What the 情况说明 states per 功能分类 项 and of the whole document: the amount, the comparison with
the previous year (比上年) and, in final accounts, with the year's initial budget (年初预算), each with
the reason it gives (主要原因). The graph keeps them as properties (graph/narratives.py); a figure the
document does not state is null, never 0."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from app.api.types import documents
from app.api.types.common import Info, Row, SourceRef

if TYPE_CHECKING:
    from app.api.types.documents import FunctionClass

FunctionClassRef = Annotated["FunctionClass", strawberry.lazy("app.api.types.documents")]


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


def stated_figures(row: Row) -> dict[str, Any]:
    """The :class:`StatedFigures` fields of a row written by graph/narratives.py."""
    return {
        "initial_budget_wan": row.get("initialBudgetWan"),
        "budget_completion_rate": row.get("budgetCompletionRate"),
        "prior_year_wan": row.get("priorYearWan"),
        "change_from_prior_year_wan": row.get("changeFromPriorYearWan"),
        "change_from_prior_year_rate": row.get("changeFromPriorYearRate"),
        "change_compared_with": row.get("changeComparedWith"),
        "change_reason": row.get("changeReason"),
        "budget_variance_reason": row.get("budgetVarianceReason"),
    }


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

    @strawberry.field(description="The classification node of the code, with its 款 and 类 (null without a code).")
    async def function_class(self, info: Info) -> FunctionClassRef | None:
        return await documents.function_class(info, self.code)

    @classmethod
    def of(cls, row: Row) -> FunctionNarrative:
        return cls(code=row.get("narrativeCode"), class_name=row.get("narrativeClass"),
                   section_name=row.get("narrativeSection"), item_name=row.get("narrativeItem") or "",
                   amount_wan=row.get("narrativeWan"), in_table=bool(row.get("inTable")),
                   source=SourceRef.of(row, "narrative"), **stated_figures(row))


def function_narratives(rows: list[Row]) -> list[FunctionNarrative]:
    """Rows of ``function_narratives_of_documents`` in the document's order."""
    ordered = sorted(rows, key=lambda r: (r.get("narrativeLineStart") or 0, r.get("narrativeCode") or ""))
    return [FunctionNarrative.of(r) for r in ordered]


@strawberry.type(description="比上年 / 与上年相比: how a figure changed from the previous year, as the document "
                 "states it.")
class PriorYearChange:
    change_wan: float | None = strawberry.field(description="增加 (positive) / 减少 (negative) X 万元")
    change_rate: float | None = strawberry.field(description="增长 (positive) / 下降 (negative) Y%, in percent")
    compared_with: str | None = strawberry.field(description="上年决算, 上年预算, 上年执行数 or 上年 (not said)")
    reason: str | None = strawberry.field(description="主要原因: the reason given, as written")
    source: SourceRef | None

    @classmethod
    def of(cls, row: Row, prefix: str) -> PriorYearChange | None:
        """The change kept as ``{prefix}Wan``/``Rate``/``ComparedWith``/``Reason`` on a document; None when
        the document states none."""
        if row.get(f"{prefix}Wan") is None and row.get(f"{prefix}Rate") is None:
            return None
        return cls(change_wan=row.get(f"{prefix}Wan"), change_rate=row.get(f"{prefix}Rate"),
                   compared_with=row.get(f"{prefix}ComparedWith"), reason=row.get(f"{prefix}Reason"),
                   source=SourceRef.of(row, prefix))
