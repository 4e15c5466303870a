"""The template's parts in order, worded for this project: 概况, tables, 情况说明, 绩效, 名词解释.

Every sentence is the project's own; only the template's order and field labels follow the national
format (项目名称, 设立的政策依据, 预算安排规模, ...), since extractors key on those labels. The tables
are in :mod:`samples.tables`, the 情况说明 in :mod:`samples.explanation`.
"""

from __future__ import annotations

from samples.book import book_tables, cover, project_sections
from samples.explanation import explanation
from samples.indicators import Indicator
from samples.plan import BUDGET, DocPlan, Project
from samples.render import Block, Heading, Para, Style, Table
from samples.tables import project_name, standard_tables
from samples.wording import numeral, pct


def title(plan: DocPlan) -> str:
    if plan.kind == BUDGET:
        return f"{plan.unit_name} {plan.year} 年部门预算公开"
    return f"{plan.unit_name} {plan.year} 年度部门决算公开说明"


def document_blocks(plan: DocPlan, style: Style) -> list[Block]:
    book = style.book_scope
    return [
        *(cover(plan, book) if book else [Heading(0, title(plan))]),
        *_overview(plan, style),
        Heading(1, f"第二部分 {_spaced_year(plan)}部门{'预算公开表' if plan.kind == BUDGET else '决算表'}"),
        *standard_tables(plan, style),
        *(book_tables(plan, style) if book else []),
        *explanation(plan, style),
        *(project_sections(plan, style) if book else []),
        *_performance(plan, style),
        *_glossary(),
        Para(plan.unit_name),
    ]


def _spaced_year(plan: DocPlan) -> str:
    return f"{plan.year} 年" if plan.kind == BUDGET else f"{plan.year} 年度"


def _duties(plan: DocPlan, style: Style) -> list[Block]:
    """主要职能 as numbered items (（一） or （1）) after a lead sentence, or one paragraph."""
    form = style.rng.choice(("（{}）", "（{}）", "（{}）", ""))
    if not form:
        return [Para("；".join(plan.duties) + "。")]
    lead = style.rng.choice(("承担以下职责：", "的主要职能是："))
    number = numeral if form == "（{}）" and style.rng.random() < 0.6 else str
    return [
        Para(f"{plan.unit_name}{lead}"),
        *(Para(f"{form.format(number(i))}{duty}。", item=True) for i, duty in enumerate(plan.duties, 1)),
    ]


def _overview(plan: DocPlan, style: Style) -> list[Block]:
    name, (authorized, in_service, retired, lixiu) = plan.unit_name, plan.staff
    d_in, d_ret = plan.staff_change
    if plan.subordinates:
        units = f"{name}下属单位{len(plan.subordinates)}个，分别是：{'、'.join(plan.subordinates)}；内设"
    else:
        units = f"{name}无下属预算单位，下设"
    worker = style.rng.choice(("在职", "在职人员"))
    return [
        Heading(1, f"第一部分 {_spaced_year(plan)}部门概况"),
        Heading(2, "一、主要职能"),
        *_duties(plan, style),
        Heading(2, "二、机构设置及人员情况"),
        Para(f"{units}{len(plan.departments)}个科室，分别是：{'、'.join(plan.departments)}。"),
        Para(
            f"{name}编制数{authorized}，实有人数{in_service + retired + lixiu}人，其中：{worker}{in_service}人，"
            f"{_change(d_in)}；退休{retired}人，{_change(d_ret)}；离休{lixiu}人，增加0人。"
        ),
    ]


def _change(n: int) -> str:
    return f"增加{n}人" if n >= 0 else f"减少{-n}人"


def _performance(plan: DocPlan, style: Style) -> list[Block]:
    if plan.kind == BUDGET:
        blocks: list[Block] = [Heading(1, "第四部分 绩效目标表")]
        for p in (p for p in plan.projects if p.described):
            blocks += _target_table(plan, p, style)
        return blocks
    blocks = [Heading(1, "第四部分 项目支出绩效自评表")]
    for p in plan.projects:
        blocks += _self_evaluation(plan, p, style)
    return blocks


def _target_table(plan: DocPlan, p: Project, style: Style) -> list[Block]:
    rows: list[tuple[str, ...]] = [
        ("预算单位", plan.unit_name),
        ("项目名称", project_name(p, style)),
        ("年度预算总额（万元）", style.amount(p.budget)),
        ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "分值权重"),
    ]
    rows += [
        (i.level1, i.level2, i.name, i.target.text, _basis(i), i.prior or "-", str(i.weight)) for i in p.indicators
    ]
    return [Heading(3, "项目支出绩效目标表"), Para(f"（{plan.year}年）"), Table(tuple(rows))]


def _basis(i: Indicator) -> str:
    """指标值设置依据: budget standards for costs, the sector's for satisfaction, else the plan."""
    return {"成本指标": "预算支出标准", "满意度指标": "行业标准"}.get(i.level1, "计划标准")


def _points(n: int) -> str:
    return f"{n / 100:.2f}"


def _self_evaluation(plan: DocPlan, p: Project, style: Style) -> list[Block]:
    a, executed = style.amount, p.spent
    rows: list[tuple[str, ...]] = [
        ("项目名称", project_name(p, style)),
        ("实施单位", plan.unit_name),
        ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"),
        (
            "年度资金总额",
            a(p.budget),
            a(p.budget),
            a(executed),
            f"{pct(executed, p.budget)}%",
            "10",
            _points(p.exec_score or 0),
        ),
        ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
    ]
    rows += [_evaluated(i) for i in p.indicators]
    rows.append(("总分", "", "", "", "", "100", _points(p.score or 0)))
    return [Heading(3, "项目支出绩效自评表"), Para(f"（{plan.year}年度）"), Table(tuple(rows))]


def _evaluated(i: Indicator) -> tuple[str, ...]:
    return (i.level1, i.level2, i.name, i.target.text, i.actual or "", str(i.weight), _points(i.score or 0))


_GLOSSARY = (
    ("财政拨款收入", "本级财政当年通过一般公共预算、政府性基金预算和国有资本经营预算拨给本单位的资金"),
    ("一般公共预算", "以税收为主体的财政收入安排的收支预算，主要用于保障和改善民生、维持机构运转"),
    ("基本支出", "保证机构正常运转和完成日常工作所需的开支，由人员经费和公用经费两部分组成"),
    ("项目支出", "基本支出以外，为完成特定工作任务或事业发展目标另行安排的支出"),
    ("“三公”经费", "用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费"),
)


def _glossary() -> list[Block]:
    items = [
        Para(f"{numeral(i)}、{term}：{text}。", item=True) for i, (term, text) in enumerate(_GLOSSARY, 1)
    ]
    return [Heading(1, "第五部分 名词解释"), *items]
