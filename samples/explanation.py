"""第三部分: the 情况说明, section by section in the template's order, in the project's own words.

Budget: 收支总体, 收入, 支出, 财政拨款收支总体, 一般公共预算当年拨款 (each 功能分类 项 against last year),
基本支出 (人员经费/公用经费), 项目支出 (each project's fields), "三公", 上年结转结余, 其他重要事项. Final
accounts follow the same order with 决算 wording, state 年初/年末结转和结余 in the first section, compare
each 项 with last year or (national wording) with its 年初预算, and close with 预算绩效.
"""

from __future__ import annotations

from samples.other_matters import other_matters, performance_section
from samples.plan import BUDGET, DocPlan
from samples.project_blocks import project_fields
from samples.render import Block, Heading, Para, Style
from samples.statements import (
    ItemStatement,
    change_reason,
    item_statements,
    variance_rate,
    variance_reason,
    whole_change,
)
from samples.tables import EMPTY_FUND_TABLES, classes, project_name
from samples.wording import compare, numeral, pct, year_words
from samples.world import CLASS_NAMES, ITEM_NAMES, KUAN_NAMES


def explanation(plan: DocPlan, style: Style) -> list[Block]:
    budget = plan.kind == BUDGET
    parts = (
        _overall,
        _income,
        _spending,
        _appropriation,
        _items,
        _basic,
        _projects,
        _three_public,
        *((_carryover,) if budget else ()),
        other_matters,
        *(() if budget else (performance_section,)),
    )
    w, spaced = ("预算", f"{plan.year} 年") if budget else ("决算", f"{plan.year} 年度")
    blocks: list[Block] = [Heading(1, f"第三部分 {spaced}部门{w}情况说明")]
    for i, part in enumerate(parts, 1):
        blocks += part(plan, style, numeral(i) + "、")
    return blocks


def _heading(plan: DocPlan, n: str, budget: str, final: str) -> Heading:
    """A section heading: the budget's "关于{unit}{year}年…" or the final accounts' shorter one."""
    if plan.kind == BUDGET:
        return Heading(2, f"{n}关于{plan.unit_name}{year_words(plan)}{budget}")
    return Heading(2, f"{n}{final}")


def _overall(plan: DocPlan, style: Style, n: str) -> list[Block]:
    a, total, y, change = style.amount, plan.total, year_words(plan), whole_change(plan)
    head = _heading(plan, n, "收支预算情况的总体说明", "收入支出决算总体情况说明")
    if plan.kind == BUDGET:
        return [
            head,
            Para(
                f"按照全口径预算的原则，{plan.unit_name}{y}所有收入和支出均纳入部门预算管理，"
                f"收入总计{a(total)}万元，支出总计{a(total)}万元，收支平衡。"
            ),
            Para(
                f"收支总预算{a(total)}万元，{compare('预算', change.change, change.rate, style)}，"
                f"主要原因是：{change.reason}。"
            ),
        ]
    return [
        head,
        Para(
            f"{y}收入总计{a(total)}万元，其中：本年收入合计{a(total - plan.carryover)}万元，"
            f"年初结转和结余{a(plan.carryover)}万元。"
        ),
        Para(f"{y}支出总计{a(total)}万元，其中：本年支出合计{a(total)}万元，年末结转和结余{a(0)}万元。"),
        Para(f"收入支出总体{compare('', change.change, change.rate, style)}，主要原因是：{change.reason}。"),
    ]


def income_sources(plan: DocPlan) -> list[tuple[str, int | None]]:
    """The sources the 收入情况说明 lists, as it names them (``None``: 未安排)."""
    this_year = plan.total - plan.carryover
    if plan.kind != BUDGET:
        others = ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
        return [("财政拨款收入", this_year), *((name, 0) for name in others)]
    carry = [("财政拨款结转", plan.carryover)] if plan.carryover else []
    return [
        ("一般公共预算", this_year - plan.transfer),
        ("上级一般公共预算安排的转移支付资金", plan.transfer),
        *carry,
        ("政府性基金预算", None),
        ("国有资本经营预算", None),
        ("单位资金", 0),
    ]


def _income(plan: DocPlan, style: Style, n: str) -> list[Block]:
    total = plan.total if plan.kind == BUDGET else plan.total - plan.carryover

    def source(name: str, amount: int | None) -> str:
        if not amount:
            return f"{name}未安排" if amount is None and style.rng.random() < 0.5 else f"{name}{style.amount(0)}万元"
        return f"{name}{style.amount(amount)}万元，占{pct(amount, total)}%"

    listed = "；".join(source(name, amount) for name, amount in income_sources(plan))
    lead = f"{plan.unit_name}收入预算" if plan.kind == BUDGET else "本年收入"
    return [
        _heading(plan, n, "收入预算情况说明", "收入决算情况说明"),
        Para(f"{lead}{style.amount(total)}万元，其中：{listed}。"),
    ]


def _spending(plan: DocPlan, style: Style, n: str) -> list[Block]:
    a, total = style.amount, plan.total
    lead = f"{year_words(plan)}支出预算" if plan.kind == BUDGET else "本年支出"
    return [
        _heading(plan, n, "支出预算情况说明", "支出决算情况说明"),
        Para(
            f"{lead}{a(total)}万元，其中：基本支出{a(plan.basic)}万元，占{pct(plan.basic, total)}%；"
            f"项目支出{a(plan.project_total)}万元，占{pct(plan.project_total, total)}%。"
        ),
    ]


def _empty_funds(plan: DocPlan) -> Para:
    """The fund tables the unit has nothing for, each said empty by name (as the seeds say it)."""
    budget = plan.kind == BUDGET
    said = "；".join(f"{name if budget else final}为空表（本年度未安排{fund}拨款）"
                    for _, name, final, fund in EMPTY_FUND_TABLES)
    return Para(f"{plan.unit_name}{year_words(plan)}：{said}。")


def _appropriation(plan: DocPlan, style: Style, n: str) -> list[Block]:
    a, total, change = style.amount, plan.total, whole_change(plan)
    head = _heading(plan, n, "财政拨款收支预算情况的总体说明", "财政拨款收入支出决算总体情况说明")
    if plan.kind == BUDGET:
        return [
            head,
            Para(
                f"{plan.unit_name}{year_words(plan)}财政拨款收支总预算{a(total)}万元，"
                f"{compare('预算', change.change, change.rate, style)}，主要原因是：{change.reason}。"
                "收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算拨款。"
            ),
            _empty_funds(plan),
        ]
    assert plan.initial is not None
    return [
        head,
        Para(
            f"{year_words(plan)}财政拨款收入总计{a(total)}万元，财政拨款支出总计{a(total)}万元。"
            f"财政拨款收入支出总体{compare('', change.change, change.rate, style)}，主要原因是：{change.reason}。"
        ),
        Para(
            f"与年初预算相比，年初预算数{a(plan.initial.total)}万元，决算数{a(total)}万元，"
            f"预决算差异率{variance_rate(plan):.2f}%，主要原因是：{variance_reason(plan)}。"
        ),
        _empty_funds(plan),
    ]


def item_names(code: str) -> str:
    """The 款 and 项 a statement is about (the 类 is the heading's; naming it too would repeat the
    classification's names word for word as the published documents do)."""
    return f"{KUAN_NAMES[code[:5]]}（款）{ITEM_NAMES[code]}（项）"


def _item(plan: DocPlan, s: ItemStatement, number: str, style: Style) -> str:
    a, reason = style.amount, change_reason(plan, s)
    if s.initial is not None:
        than = "大于" if s.amount > s.initial else "小于" if s.amount < s.initial else "等于"
        return (
            f"{number}{item_names(s.code)}。本项年初预算为{a(s.initial)}万元，支出决算为{a(s.amount)}万元，"
            f"完成年初预算的{s.completion_rate:.2f}%。决算数{than}年初预算数的主要原因是：{reason}。"
        )
    if plan.kind == BUDGET:
        said = f"本年预算{a(s.amount)}万元，{compare('预算', s.change, s.change_rate, style)}。"
    else:
        said = f"本年支出决算{a(s.amount)}万元，{compare('决算', s.change, s.change_rate, style)}，"
    return f"{number}{item_names(s.code)}：{said}主要原因是：{reason}。"


def _items(plan: DocPlan, style: Style, n: str) -> list[Block]:
    a, total, y = style.amount, plan.total, year_words(plan)
    budget = plan.kind == BUDGET
    numbering = style.rng.choice(("{}.", "{}、", "（{}）"))
    return [
        _heading(plan, n, "一般公共预算当年拨款情况说明", "一般公共预算财政拨款支出决算情况说明"),
        Heading(3, f"（一）{'拨款规模' if budget else '决算总体情况'}"),
        Para(
            f"{plan.unit_name}{y}一般公共预算{'拨款合计' if budget else '财政拨款支出'}{a(total)}万元，"
            f"其中：基本支出{a(plan.basic)}万元，项目支出{a(plan.project_total)}万元。"
        ),
        Heading(3, f"（二）{'拨款' if budget else '决算'}结构"),
        *(
            Para(f"{i}.{CLASS_NAMES[c]}（类）{a(v)}万元，占{pct(v, total)}%。", item=True)
            for i, (c, v) in enumerate(classes(plan).items(), 1)
        ),
        Heading(3, "（三）按项级科目说明"),
        *(
            Para(_item(plan, s, numbering.format(i), style))
            for i, s in enumerate(item_statements(plan), 1)
        ),
    ]


def _basic(plan: DocPlan, style: Style, n: str) -> list[Block]:
    a = style.amount
    what = "一般公共预算基本支出" if plan.kind == BUDGET else "一般公共预算财政拨款基本支出"
    return [
        _heading(plan, n, "一般公共预算基本支出情况说明", "一般公共预算财政拨款基本支出决算情况说明"),
        Para(
            f"{plan.unit_name}{year_words(plan)}{what}{a(plan.basic)}万元，其中：人员经费{a(plan.personnel)}万元，"
            "用于在职和退休人员的工资津补贴、社会保障缴费和住房公积金；"
            f"公用经费{a(plan.public_fee)}万元，用于办公、邮电、差旅、维修和公务用车运行等日常开支。"
        ),
    ]


def _projects(plan: DocPlan, style: Style, n: str) -> list[Block]:
    blocks: list[Block] = [
        _heading(plan, n, "一般公共预算项目支出情况说明", "项目支出决算情况说明"),
        Para(f"本年度共安排项目{len(plan.projects)}个，项目支出合计{style.amount(plan.project_total)}万元，逐项说明如下。"),
    ]
    for i, p in enumerate((p for p in plan.projects if p.described), 1):
        blocks += project_fields(plan, p, i, style)
    return blocks


def _three_public(plan: DocPlan, style: Style, n: str) -> list[Block]:
    a, budget = style.amount, plan.kind == BUDGET
    spent = "" if budget else "支出"
    if plan.wording.vehicles_combined:
        car = (
            f"公务用车购置及运行费{spent}{a(plan.car)}万元（含公务用车运行费{a(plan.car)}万元、"
            f"公务用车购置费{a(0)}万元）"
        )
    else:
        car = f"公务用车运行费{spent}{a(plan.car)}万元；公务用车购置费{spent}{a(0)}万元"
    stated = "预算数为" if budget else "支出"
    blocks: list[Block] = [
        _heading(plan, n, "财政拨款“三公”经费预算情况说明", "财政拨款“三公”经费支出决算情况说明"),
        Para(
            f"{plan.unit_name}{year_words(plan)}财政拨款“三公”经费{stated}{a(plan.three_public)}万元。分项看，"
            f"公务接待费{spent}{a(plan.reception)}万元；{car}；因公出国（境）费{spent}{a(0)}万元。"
        ),
    ]
    if plan.initial is not None:
        i = plan.initial
        items = (("因公出国（境）费", 0, 0), ("公务用车购置费", 0, 0), ("公务用车运行费", i.car, plan.car),
                 ("公务接待费", i.reception, plan.reception))
        each = "；".join(f"{name}全年预算数{a(b)}万元，决算数{a(s)}万元" for name, b, s in items)
        blocks.append(
            Para(
                f"与全年预算相比，财政拨款“三公”经费支出全年预算数{a(i.car + i.reception)}万元，"
                f"决算数{a(plan.three_public)}万元。其中：{each}。"
            )
        )
    return blocks


def _carryover(plan: DocPlan, style: Style, n: str) -> list[Block]:
    name, y = plan.unit_name, year_words(plan)
    carried = [p for p in plan.projects if p.carried]
    if carried:
        listed = "、".join(f"{project_name(p, style)}{style.amount(p.carried)}万元" for p in carried)
        said = f"{name}{y}上年结转结余{style.amount(plan.carryover)}万元，全部为财政拨款结转，用于项目：{listed}。"
    elif plan.carryover:
        said = f"{name}{y}上年结转结余{style.amount(plan.carryover)}万元，全部为财政拨款结转，用于保障基本支出。"
    else:
        said = f"{name}{y}没有上年结转结余，上年结转结余情况明细表为空表。"
    return [_heading(plan, n, "上年结转结余预算情况说明", ""), Para(said)]
