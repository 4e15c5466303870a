"""A district's budget book, as Shanghai districts publish it, of a unit anywhere in China: the
government's cover (``<place>2025年区级部门预算``) with the unit on a label line below, each project
described in a 项目经费情况说明 (概述, 立项依据 citing its 发文字号, 实施主体, 年度预算安排), the fund
tables it has nothing for printed with the note that they are empty, and in budgets a project the
项目支出表 alone lists and the 上年结转 row of a project that carries money over."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from functools import cache
from pathlib import Path

from samples.plan import BUDGET, DocPlan, Project
from samples.project_blocks import cite
from samples.render import Block, Heading, Para, Style, Table
from samples.tables import EMPTY_FUND_TABLES, project_name
from samples.wording import numeral
from samples.world import LONGEST_NAME, SUBORDINATES, Unit

_LEVELS = (("地区", "地区级"), ("州", "州级"), ("盟", "盟级"), ("市", "市级"), ("县", "县级"), ("区", "区级"))
_REGIONS = Path(__file__).resolve().parents[1] / "vocab" / "reference" / "regions.json"
_NOT_PLACED = ("新疆维吾尔自治区", "台湾省", "香港特别行政区", "澳门特别行政区")
# The standard tables a book prints though the unit has nothing for them: (key, budget title, final title).
_EMPTY_FUNDS = (
    ("GOVERNMENT_FUND", "政府性基金预算支出功能分类预算表", "政府性基金预算财政拨款收入支出决算表",
     "政府性基金预算"),
    ("STATE_CAPITAL", "国有资本经营预算支出功能分类预算表", "国有资本经营预算财政拨款收入支出决算表",
     "国有资本经营预算"),
)


@cache
def _places() -> dict[str, tuple[str, ...]]:
    """Each province-level division outside Xinjiang with the divisions directly under it."""
    parents: dict[str, str | None] = json.loads(_REGIONS.read_text(encoding="utf-8"))["parents"]
    provinces = [name for name, parent in parents.items() if parent is None and name not in _NOT_PLACED]
    return {p: tuple(name for name, parent in parents.items() if parent == p) for p in provinces}


def _municipality(province: str) -> bool:
    return province.endswith("市")


def _elsewhere(unit: Unit, seed: int) -> tuple[Unit, str]:
    """The unit as if it were in a prefecture (or a municipality's district) of another province,
    named after that place as units are (``苏州市社会保险中心``, ``上海市普陀区…``); and the place's
    name as its units' names begin. A renamed unit stays where it is, so that its history (one unit,
    two names) stays one in the sample."""
    here = unit.county or unit.prefecture
    if unit.former_name:
        return unit, here
    rng = random.Random(f"{seed}/elsewhere/{unit.key}")

    def prefix(province: str, place: str) -> str:
        return province + place if _municipality(province) else place

    fits = [(p, place) for p, places in sorted(_places().items()) for place in places
            if len(prefix(p, place) + unit.name[len(here):]) <= LONGEST_NAME]
    province, place = rng.choice(fits)
    there = prefix(province, place)
    return replace(unit, name=there + unit.name[len(here):], prefecture=place, county=None, province=province), there


def as_book(plan: DocPlan, seed: int) -> DocPlan:
    """The plan printed as a budget book: its unit elsewhere in China (its subordinate units named
    after the new place); in a budget, its last service project listed only in the 项目支出表 and
    the 上年结转结余 carried over by the largest other project (when that can hold it)."""
    unit, there = _elsewhere(plan.unit, seed)
    moved = unit != plan.unit and bool(plan.subordinates)
    subordinates = tuple(there + name for name in SUBORDINATES[unit.category]) if moved else plan.subordinates
    projects = list(plan.projects)
    if plan.kind == BUDGET:
        alone = max(i for i, p in enumerate(projects) if not p.kind.subsidy)
        projects[alone] = replace(projects[alone], described=False)
        others = [i for i in range(len(projects)) if i != alone]
        carrier = max(others, key=lambda i: projects[i].budget, default=None)
        if carrier is not None and 0 < plan.carryover <= projects[carrier].budget:
            projects[carrier] = replace(projects[carrier], carried=plan.carryover)
    return replace(plan, unit=unit, subordinates=subordinates, projects=tuple(projects))


def cover_title(plan: DocPlan, scope: str) -> str:
    """``<prefecture><county>2025年县级部门预算``: the government whose book this is, its level (a
    municipality's district names the municipality too: ``上海市普陀区2025年区级部门预算``)."""
    place = plan.unit.county or plan.unit.prefecture
    level = next((lv for end, lv in _LEVELS if place.endswith(end)), "本级")
    kind = "预算" if plan.kind == BUDGET else "决算"
    year = f"{plan.year}年" if plan.kind == BUDGET else f"{plan.year}年度"
    path = plan.unit.region_path
    government = "".join(path if _municipality(path[0]) else path[1:])
    return f"{government}{year}{level}{scope}{kind}"


def cover(plan: DocPlan, scope: str) -> list[Block]:
    label = {"部门": "主管部门", "单位": "单位"}[scope]
    prefix = "预算" if plan.kind == BUDGET else "决算"
    return [Heading(0, cover_title(plan, scope)), Para(f"{prefix}{label}：{plan.unit_name}")]


def project_sections(plan: DocPlan, style: Style) -> list[Block]:
    """One section a described project, at the end of the 情况说明 part."""
    described = (p for p in plan.projects if p.described)
    return [block for i, p in enumerate(described, 1) for block in _section(plan, p, i, style)]


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


def _fund_table(plan: DocPlan, scope: str, budget_title: str, final_title: str, fund: str) -> tuple[str, str]:
    """A fund table's title and the note under it that says it is empty."""
    if plan.kind == BUDGET:
        note = f"注：本{scope}{plan.year}年无{fund}财政拨款安排的预算，故本表为空表。"
        return f"{plan.year}年{scope}{budget_title}", note
    return final_title, f"注：本{scope}无{fund}财政拨款支出，故本表无数据。"


def book_tables(plan: DocPlan, style: Style) -> list[Block]:
    """After the standard tables: the fund tables, stated empty by a note, and in a budget the
    上年结转结余情况明细表 of the projects that carry money over."""
    scope = style.book_scope or "部门"
    header = ("功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出")
    blocks: list[Block] = []
    for _, *names in _EMPTY_FUNDS:
        title, note = _fund_table(plan, scope, *names)
        blocks += [Heading(3, title), Para(f"编制部门：{plan.unit_name} 单位：元"), Table((header,)), Para(note)]
    carried = [p for p in plan.projects if p.carried]
    if carried:
        a = style.amount
        total = (style.label("合计"), a(plan.carryover), a(plan.carryover), a(plan.carryover))
        rows = [("项目", "合计", "财政拨款", "项目支出"), total,
                *((project_name(p, style), a(p.carried), a(p.carried), a(p.carried)) for p in carried)]
        blocks += [Heading(3, "上年结转结余情况明细表"), Para(f"编制部门：{plan.unit_name} 单位：万元"),
                   Table(tuple(rows))]
    return blocks


def empty_tables(plan: DocPlan, scope: str | None) -> list[dict[str, str]]:
    """The truth's tables stated empty, in document order: the fund tables (a book's notes under
    them, of the book's ``scope``, come before the 情况说明 says so), then the 上年结转结余情况明细表
    a budget says is empty (it has no carry-over)."""
    if scope:
        tables = [{"table": key, "title": _fund_table(plan, scope, *names)[0]} for key, *names in _EMPTY_FUNDS]
    else:
        budget = plan.kind == BUDGET
        tables = [{"table": key, "title": name if budget else final} for key, name, final, _ in EMPTY_FUND_TABLES]
    if plan.kind == BUDGET and not plan.carryover:
        tables.append({"table": "CARRYOVER", "title": "上年结转结余情况明细表"})
    return tables
