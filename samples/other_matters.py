"""其他重要事项 (机关运行经费, 政府采购, 国有资产) and 预算绩效, as budgets and final accounts word them."""

from __future__ import annotations

from samples.plan import BUDGET, DocPlan
from samples.render import Block, Heading, Para, Style
from samples.wording import pct, year_words


def other_matters(plan: DocPlan, style: Style, n: str) -> list[Block]:
    a, name, y, budget = style.amount, plan.unit_name, year_words(plan), plan.kind == BUDGET
    pr, at = plan.procurement, plan.assets
    running = style.rng.choice(("机关运行经费", "单位运行经费"))
    if budget:
        operating = f"{name}{y}{running}财政拨款预算{a(plan.public_fee)}万元。"
        bought = (
            f"{y}，{name}政府采购预算{a(pr.total)}万元，其中：政府采购货物预算{a(pr.goods)}万元，"
            f"政府采购工程预算{a(pr.works)}万元，政府采购服务预算{a(pr.services)}万元。{name}面向中小企业预留"
            f"政府采购项目预算金额{a(pr.sme)}万元，其中：小微企业预留政府采购项目预算金额{a(pr.small_micro)}万元。"
        )
        owned = (
            f"截至{plan.year - 1}年底，{name}占用使用国有资产总体情况为：房屋{a(at.house_m2)}平方米，"
            f"价值{a(at.house_value)}万元；车辆{at.vehicles}辆，价值{a(at.vehicle_value)}万元；单位价值50万元以上"
            f"大型设备{at.equipment_500k}台，单位价值100万元以上大型设备{at.equipment_1m}台。"
        )
    else:
        operating = f"{y}{name}{running}支出{a(plan.public_fee)}万元。"
        bought = (
            f"{y}政府采购支出总额{a(pr.total)}万元，其中：政府采购货物支出{a(pr.goods)}万元、政府采购工程支出"
            f"{a(pr.works)}万元、政府采购服务支出{a(pr.services)}万元。授予中小企业合同金额{a(pr.sme)}万元，"
            f"占政府采购支出总额的{pct(pr.sme, pr.total)}%，其中：授予小微企业合同金额{a(pr.small_micro)}万元，"
            f"占政府采购支出总额的{pct(pr.small_micro, pr.total)}%。"
        )
        owned = (
            f"截至{plan.year}年12月31日，房屋{a(at.house_m2)}平方米，价值{a(at.house_value)}万元。"
            f"车辆{at.vehicles}辆，价值{a(at.vehicle_value)}万元；单价100万元（含）以上设备（不含车辆）"
            f"{at.equipment_1m}台（套）。"
        )
    blocks: list[Block] = [
        Heading(2, f"{n}其他重要事项的情况说明"),
        Heading(3, f"（一）{running}{'' if budget else '支出'}情况"),
        Para(operating),
        Heading(3, "（二）政府采购情况"),
        Para(bought),
        Heading(3, "（三）国有资产占用情况"),
        Para(owned),
    ]
    if budget:
        blocks += [Heading(3, "（四）预算绩效情况"), Para(performance(plan, style))]
    return blocks


def performance(plan: DocPlan, style: Style) -> str:
    a, count = style.amount, len(plan.projects)
    if plan.kind == BUDGET:
        projects = style.rng.choice(("当年财政拨款项目{}个，", "当年预算安排项目共{}个，其中：财政拨款项目"))
        projects = projects.format(count)
        return (
            f"{year_words(plan)}，本单位预算绩效管理整体预算绩效目标1个，涉及金额{a(plan.total)}万元；"
            f"{projects}涉及预算金额{a(plan.project_total)}万元。"
        )
    planned = sum(p.budget for p in plan.projects)
    return (
        f"{plan.unit_name}{year_words(plan)}预算绩效管理整体支出绩效自评表1个，全年预算总额{a(plan.total)}万元，"
        f"实际执行总额{a(plan.total)}万元；预算绩效评价项目{count}个，全年预算数{a(planned)}万元，"
        f"全年执行数{a(plan.project_total)}万元。"
    )


def performance_section(plan: DocPlan, style: Style, n: str) -> list[Block]:
    return [Heading(2, f"{n}预算绩效情况说明"), Para(performance(plan, style))]
