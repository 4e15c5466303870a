"""What a document states about itself in its 情况说明 and 其他重要事项: "三公" items, 政府采购,
国有资产 and 预算绩效. The graph keeps them as flat properties of the document (graph/codec.py);
each group reads back as one object, null when the document states none of its figures (a 0 counts)."""

from __future__ import annotations

from enum import Enum
from typing import ClassVar

import strawberry

from app.api.types.common import SourceRef


@strawberry.enum(description='An item of the "三公"经费 (the "three public" expenses governments are asked '
                 "to keep down: travel abroad, official vehicles, official hospitality).")
class ThreePublicKind(Enum):
    ABROAD = strawberry.enum_value("ABROAD", description="因公出国（境）费: official travel abroad (and to Hong "
                                   "Kong, Macao, Taiwan)")
    VEHICLES = strawberry.enum_value("VEHICLES", description="公务用车购置及运行费: official vehicles, purchase "
                                     "and operation together (VEHICLE_PURCHASE + VEHICLE_OPERATION)")
    VEHICLE_PURCHASE = strawberry.enum_value("VEHICLE_PURCHASE", description="公务用车购置费: buying official "
                                             "vehicles")
    VEHICLE_OPERATION = strawberry.enum_value("VEHICLE_OPERATION", description="公务用车运行(维护)费: running "
                                              "and maintaining official vehicles (fuel, repairs, insurance)")
    RECEPTION = strawberry.enum_value("RECEPTION", description="公务接待费: official hospitality (receiving "
                                      "visiting delegations)")


@strawberry.type(description='One "三公" item as the 三公经费 情况说明 states it.')
class ThreePublicItem:
    item: ThreePublicKind
    name: str = strawberry.field(description="The item's Chinese name, e.g. 公务接待费")
    FACT_NAMES: ClassVar[dict[str, str]] = {"name": "item.value"}
    amount_wan: float | None = strawberry.field(description="Budget (预算) or, in final accounts, spending "
                                                "(支出决算) in 万元")
    budget_wan: float | None = strawberry.field(description="Final accounts: the item's 全年预算数 (the "
                                                "year's budget) beside what was spent; null in budgets")
    source: SourceRef | None


@strawberry.enum(description="A standard table a unit may have nothing to put in, by the money it would show.")
class EmptyTableKind(Enum):
    GOVERNMENT_FUND = strawberry.enum_value("GOVERNMENT_FUND", description="政府性基金预算(财政拨款)支出表 / "
                                            "收入支出决算表: government-fund budget money")
    STATE_CAPITAL = strawberry.enum_value("STATE_CAPITAL", description="国有资本经营预算(财政拨款)支出表 / "
                                          "收入支出决算表: state capital operations budget money")
    THREE_PUBLIC = strawberry.enum_value("THREE_PUBLIC", description='财政拨款"三公"经费支出表 (budgets: with '
                                         "机关运行经费)")
    CARRYOVER = strawberry.enum_value("CARRYOVER", description="上年结转结余情况明细表: money carried over from "
                                      "earlier years")
    PROJECT = strawberry.enum_value("PROJECT", description="项目支出表: project spending")


@strawberry.type(description="A standard table the document states empty (本表为空表, 本表无数据, 本部门无此项, or "
                 "a 情况说明 sentence \"…支出情况表为空表\"): every figure it would hold is a stated 0, not unread.")
class StatedEmptyTable:
    table: EmptyTableKind
    title: str = strawberry.field(description="The table as the document names it, e.g. "
                                  "2025年部门政府性基金预算支出功能分类预算表")
    total_wan: float | None = strawberry.field(description="Its 合计 as stated: 0 (万元)")
    source: SourceRef | None = strawberry.field(description="Where the document says the table is empty (the "
                                                "note under it, or the sentence), with its page in a PDF")


@strawberry.type(description="政府采购 (government procurement) as 其他重要事项 states it: the total, its goods, "
                 "works and services parts, and the part reserved for (or, in final accounts, awarded to) small "
                 "and medium enterprises.")
class Procurement:
    total_wan: float | None = strawberry.field(description="政府采购预算 / 支出总额 (万元)")
    goods_wan: float | None = strawberry.field(description="货物 (goods, 万元)")
    works_wan: float | None = strawberry.field(description="工程 (construction works, 万元)")
    services_wan: float | None = strawberry.field(description="服务 (services, 万元)")
    sme_wan: float | None = strawberry.field(description="面向中小企业预留 / 授予中小企业合同金额: reserved for or "
                                             "awarded to small and medium enterprises (万元)")
    small_micro_wan: float | None = strawberry.field(description="小微企业预留 / 授予小微企业合同金额: the part of "
                                                     "that for small and micro enterprises (万元)")
    source: SourceRef | None



@strawberry.type(description="国有资产占用 (state-owned assets the unit holds) as 其他重要事项 states them: "
                 "buildings, vehicles and large equipment.")
class Assets:
    house_area_m2: float | None = strawberry.field(description="房屋 floor area (平方米, m²)")
    house_value_wan: float | None = strawberry.field(description="房屋 value (万元)")
    vehicle_count: int | None = strawberry.field(description="车辆 (vehicles), count")
    vehicle_value_wan: float | None = strawberry.field(description="车辆 value (万元)")
    equipment_over_500k_count: int | None = strawberry.field(
        description="单位价值50万元以上大型设备: large equipment worth over "
        "500,000 元 a piece, count")
    equipment_over_1m_count: int | None = strawberry.field(
        description="单位价值100万元以上大型设备: large equipment worth over "
        "1,000,000 元 a piece, count")
    source: SourceRef | None



@strawberry.type(description="预算绩效 (performance management of the budget) as 其他重要事项 states it: the "
                 "unit's overall (整体) performance targets and the projects under 绩效目标管理 (budgets) or "
                 "self-evaluated (final accounts). Figures are taken as printed, even where plainly in 元.")
class Performance:
    overall_count: int | None = strawberry.field(description="整体预算绩效目标 / 整体支出绩效自评: how many")
    overall_wan: float | None = strawberry.field(description="The money they cover (万元)")
    project_count: int | None = strawberry.field(description="Projects with performance targets (or evaluated)")
    project_wan: float | None = strawberry.field(description="财政拨款 money of those projects (万元)")
    nonfiscal_project_count: int | None = strawberry.field(description="非财政拨款项目: projects not funded "
                                                           "by appropriations, how many")
    nonfiscal_project_wan: float | None = strawberry.field(description="Their money (万元)")
    project_executed_wan: float | None = strawberry.field(description="Final accounts: the projects' 全年执行数 "
                                                          "(spent in the year, 万元)")
    source: SourceRef | None

