# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Where a document's money comes from (收入, by funding source) and what its basic expenditure buys
(基本支出 by 经济分类): rows read from relationships, batched per request by the document loaders."""

from __future__ import annotations

from enum import Enum

import strawberry

from app.api.types.common import Row, SourceRef, build, of_row
from graph.codec import decode
from loaders import facts
from vocab.classification import economic_classes


@strawberry.enum(description="Which half of 基本支出 (basic expenditure) a 经济分类 row belongs to.")
class EconomicCategory(Enum):
    PERSONNEL = strawberry.enum_value(
        "PERSONNEL", description="人员经费: staff costs (salaries, allowances, social insurance, pensions)")
    PUBLIC = strawberry.enum_value(
        "PUBLIC", description="公用经费: running costs of the office (supplies, utilities, travel, vehicles)")


@strawberry.type(description="A code of the 政府支出经济分类 (economic classification: what the money buys), "
                 "e.g. 301 工资福利支出 (wages and benefits) or 30101 基本工资 (basic salaries).")
class EconomicClass:
    code: str = strawberry.field(description="3-digit 类 (class) or 5-digit 款 (item) code")
    name: str | None = strawberry.field(
        description="The published name (部门预算支出经济分类科目), e.g. 工资福利支出; for a code the reference table "
        "lacks, the name documents print (null when none prints it)")


@strawberry.type(description="A row of the basic expenditure table (基本支出表) by 经济分类 (economic "
                 "classification: what the money buys), e.g. 30101 基本工资 (basic salaries).")
class EconomicLine:
    code: str = strawberry.field(description="3- or 5-digit 经济分类 code, e.g. 30101")
    name: str = strawberry.field(description="The name as this document prints it (an older table's 公务招待费 for "
                                 "30217), or the published one when the row prints none")
    standard_name: str | None = strawberry.field(
        description="The published name of the code (部门预算支出经济分类科目), e.g. 公务接待费; null when the "
        "reference table lacks the code (a local 款)")
    amount_wan: float | None = strawberry.field(description="Amount (万元) in the 一般公共预算 basic expenditure")
    category: EconomicCategory | None = strawberry.field(
        description="人员经费 or 公用经费 when the table's columns (or its own totals) say which; null otherwise")
    fiscal_year: int | None
    parent: EconomicClass | None = strawberry.field(
        description="The 类 (3-digit class) a 款 row is part of, e.g. 301 for 30101; null for a 类 row")
    source: SourceRef | None

    @classmethod
    def of(cls, row: Row) -> EconomicLine:
        table, klass = economic_classes(), row.get("classCode")
        parent = EconomicClass(code=klass, name=table.name(klass) or row.get("className")) if klass else None
        line = decode(row, facts.EconomicLineFact)
        return build(cls, line, row, name=line["name"] or table.name(line["code"]) or "",
                     standard_name=table.name(line["code"]), parent=parent)


@strawberry.type(description="One source of the year's income (收入), as 收入预算/决算情况说明 states it.")
class IncomeLine:
    funding_source: str = strawberry.field(
        description="The canonical Chinese name of the source: in budgets e.g. 一般公共预算 (general public "
        "budget), 上级一般公共预算转移支付 (transfers from the level above), 政府性基金预算 (government funds), "
        "单位资金 (the unit's own funds), 财政拨款结转 (carried-over appropriations); in final accounts "
        "财政拨款收入 (appropriations), 上级补助收入, 事业收入 (service income), 其他收入 (other income). "
        "A string, not an enum: templates differ by year and the set is open")
    amount_wan: float | None = strawberry.field(description="万元; 0 when the document says 未安排 (none)")
    fiscal_year: int | None
    source: SourceRef | None

    @classmethod
    def of(cls, row: Row) -> IncomeLine:
        return of_row(cls, row, facts.IncomeLineFact)
