"""One project of the 情况说明, field by field in the template's order (项目名称, 设立的政策依据,
预算安排规模, 项目承担单位, 资金分配情况, 资金执行时间, and for a subsidy 资金来源 … 补贴方式)."""

from __future__ import annotations

from samples.plan import DocPlan, Project
from samples.render import Block, Para, Style
from samples.tables import project_name
from samples.wording import numeral
from samples.world import Policy


def cite(policy: Policy, style: Style) -> str:
    """《title》（number）, the parentheses matching the document's bracket habit."""
    left, right = ("(", ")") if style.bracket == "()" else ("（", "）")
    return f"《{policy.title}》{left}{style.doc_number(policy.doc_number)}{right}"


def project_fields(plan: DocPlan, p: Project, i: int, style: Style) -> list[Block]:
    lead = style.rng.choice(("依据", "根据", "按照"))
    tail = style.rng.choice(("", "的有关规定", "的要求"))
    fields = [
        f"（{numeral(i)}）项目名称：{project_name(p, style)}",
        f"设立的政策依据：{lead}{'和'.join(cite(b, style) for b in p.bases)}{tail}。",
        f"预算安排规模：{style.amount(p.budget)}万元",
        f"项目承担单位：{plan.unit_name}",
        f"资金分配情况：{_distribution(p, style)}",
        f"资金执行时间：{execution_period(plan, p)}",
    ]
    if p.kind.subsidy:
        s = p.kind.subsidy
        fields += [
            f"资金来源：{funding_source(p)}",
            f"补贴人数：经审核符合条件的共{p.people}人",
            f"补贴标准：{p.standard}",
            f"补贴范围：{s.scope}",
            f"补贴方式：{s.method}",
        ]
    return [Para(f) for f in fields]


def execution_period(plan: DocPlan, p: Project) -> str:
    end = "12月31日" if p.kind.subsidy else "12月20日"
    return f"{plan.year}年1月1日-{plan.year}年{end}"


def funding_source(p: Project) -> str:
    return "上级转移支付资金" if p.allocation else "本级一般公共预算资金"


def _distribution(p: Project, style: Style) -> str:
    if p.kind.subsidy:
        via = f"按照{cite(p.allocation, style)}下达的资金，" if p.allocation else ""
        return f"{via}为{p.people}名符合条件的人员发放补贴，全年合计{style.amount(p.budget)}万元。"
    return "；".join(f"{label}{style.amount(c)}万元" for label, c in p.uses) + "。"
