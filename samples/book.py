"""A district's budget book, as Shanghai districts publish it: the government's cover
(``<place>2025年区级部门预算``) with the unit on a label line below, and each project described in
a 项目经费情况说明 (概述, 立项依据 citing its 发文字号, 实施主体, 年度预算安排)."""

from __future__ import annotations

from samples.plan import BUDGET, DocPlan, Project
from samples.project_blocks import cite
from samples.render import Block, Heading, Para, Style
from samples.tables import project_name
from samples.wording import numeral

_LEVELS = (("地区", "地区级"), ("州", "州级"), ("市", "市级"), ("县", "县级"), ("区", "区级"))


def cover_title(plan: DocPlan, scope: str) -> str:
    """``<prefecture><county>2025年县级部门预算``: the government whose book this is, its level."""
    place = plan.unit.county or plan.unit.prefecture
    level = next((lv for end, lv in _LEVELS if place.endswith(end)), "本级")
    kind = "预算" if plan.kind == BUDGET else "决算"
    year = f"{plan.year}年" if plan.kind == BUDGET else f"{plan.year}年度"
    return f"{''.join(plan.unit.region_path[1:])}{year}{level}{scope}{kind}"


def cover(plan: DocPlan, scope: str) -> list[Block]:
    label = {"部门": "主管部门", "单位": "单位"}[scope]
    prefix = "预算" if plan.kind == BUDGET else "决算"
    return [Heading(0, cover_title(plan, scope)), Para(f"{prefix}{label}：{plan.unit_name}")]


def project_sections(plan: DocPlan, style: Style) -> list[Block]:
    """One section a project, at the end of the 情况说明 part."""
    return [block for i, p in enumerate(plan.projects, 1) for block in _section(plan, p, i, style)]


def _section(plan: DocPlan, p: Project, i: int, style: Style) -> list[Block]:
    name = project_name(p, style)
    purpose = p.kind.subsidy.scope if p.kind.subsidy else "、".join(label for label, _ in p.uses)
    return [
        Heading(2, f"{numeral(i)}、{name}项目经费情况说明"),
        Para("一、项目概述"),
        Para(f"本项目由{plan.unit_name}实施，资金用于{purpose}。"),
        Para("二、立项依据"),
        *_basis(p, style),
        Para("三、实施主体"),
        Para(plan.unit_name),
        Para("四、年度预算安排"),
        Para(f"{plan.year}年预算安排资金{style.amount(p.budget)}万元。"),
    ]


def _basis(p: Project, style: Style) -> list[Block]:
    """The policies the project rests on; a converter sometimes breaks a 发文字号 over two lines."""
    text = "依据" + "、".join(cite(b, style) for b in p.bases) + "。"
    cut = text.find(style.bracket[1])  # after a number's year: "新政办发〔2010〕" / "168号）"
    if cut > 0 and style.layout != "wrapped" and style.rng.random() < 0.5:
        return [Para(text[: cut + 1]), Para(text[cut + 1 :])]
    return [Para(text)]
