"""The template's parts in order, worded for this project: 概况, tables, 情况说明, 绩效, 名词解释.

Every sentence is the project's own; only the template's order and field labels follow the national
format (项目名称, 设立的政策依据, 预算安排规模, ...), since extractors key on those labels.
"""

from __future__ import annotations

from samples.plan import BUDGET, DocPlan, Indicator, Project
from samples.render import Block, Heading, Para, Style, Table
from samples.world import CLASS_NAMES, ITEM_NAMES, KUAN_NAMES, Policy

_NUMERALS = "一二三四五六七八九十"


def numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二 (enough for section and project numbering)."""
    if n <= 10:
        return _NUMERALS[n - 1]
    return ("" if n < 20 else _NUMERALS[n // 10 - 1]) + "十" + (_NUMERALS[n % 10 - 1] if n % 10 else "")


def title(plan: DocPlan) -> str:
    if plan.kind == BUDGET:
        return f"{plan.unit_name} {plan.year} 年部门预算公开"
    return f"{plan.unit_name} {plan.year} 年度部门决算公开说明"


def document_blocks(plan: DocPlan, style: Style) -> list[Block]:
    return [
        Heading(0, title(plan)),
        *_overview(plan),
        *_tables(plan, style),
        *_explanation(plan, style),
        *_performance(plan, style),
        *_glossary(plan),
        Para(plan.unit_name),
    ]


def _w(plan: DocPlan) -> str:
    """The word for the year's figures: 预算 or 决算."""
    return "预算" if plan.kind == BUDGET else "决算"


def _spaced_year(plan: DocPlan) -> str:
    return f"{plan.year} 年" if plan.kind == BUDGET else f"{plan.year} 年度"


def _overview(plan: DocPlan) -> list[Block]:
    name, (authorized, in_service, retired) = plan.unit_name, plan.staff
    d_in, d_ret = plan.staff_change
    return [
        Heading(1, f"第一部分 {_spaced_year(plan)}部门概况"),
        Heading(2, "一、主要职能"),
        Para(f"{name}承担以下职责："),
        *(Para(f"（{numeral(i)}）{duty}。", item=True) for i, duty in enumerate(plan.duties, 1)),
        Heading(2, "二、机构设置及人员情况"),
        Para(
            f"{name}无下属预算单位，下设{len(plan.departments)}个科室，分别是："
            f"{'、'.join(plan.departments)}。"
        ),
        Para(
            f"{name}编制数{authorized}，实有人数{in_service + retired}人，其中：在职{in_service}人，"
            f"{_change(d_in)}；退休{retired}人，{_change(d_ret)}；离休0人，增加0人。"
        ),
    ]


def _change(n: int) -> str:
    return f"增加{n}人" if n >= 0 else f"减少{-n}人"


def _tables(plan: DocPlan, style: Style) -> list[Block]:
    suffix = "预算公开表" if plan.kind == BUDGET else "决算表"
    return [
        Heading(1, f"第二部分 {_spaced_year(plan)}部门{suffix}"),
        *_summary_table(plan, style),
        *_expenditure_table(plan, style),
        *_project_table(plan, style),
        *_three_public_table(plan, style),
    ]


def _caption(n: int, text: str, plan: DocPlan, yuan: bool = False) -> list[Block]:
    return [
        Heading(3, f"表{n} {text}"),
        Para(f"编制部门：{plan.unit_name}　金额单位：{'元' if yuan else '万元'}"),
    ]


def _classes(plan: DocPlan) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in plan.lines:
        out[line.code[:3]] = out.get(line.code[:3], 0) + line.total
    return out


def _summary_table(plan: DocPlan, style: Style) -> list[Block]:
    w, total, a = _w(plan), plan.total, style.amount
    spend = [f"{code} {CLASS_NAMES[code]}" for code in _classes(plan)]
    amounts = [a(v) for v in _classes(plan).values()]
    spend, amounts = [*spend, "", ""][:3], [*amounts, "", ""][:3]
    income = (
        ("一、本年收入", a(total)),
        ("1.一般公共预算拨款", a(total)),
        ("其中：本级财力", a(total - plan.transfer)),
        ("上级转移支付", style.cell(plan.transfer)),
    )
    rows = [("收入", "", "支出", ""), ("项目", f"{w}数", "支出功能分类", f"{w}数")]
    rows += [
        (inc, amt, spend[i] if i < 3 else "", amounts[i] if i < 3 else "")
        for i, (inc, amt) in enumerate(income)
    ]
    rows += [
        ("二、上年结转结余", "", "", ""),
        (style.label("收入总计"), a(total), style.label("支出总计"), a(total)),
    ]
    name = "部门收支总体情况表" if plan.kind == BUDGET else "收入支出决算总表"
    return [*_caption(1, name, plan), Table(tuple(rows))]


def _expenditure_table(plan: DocPlan, style: Style) -> list[Block]:
    yuan = "expenditure" in style.yuan_tables
    cols = style.code_columns()
    rows: list[tuple[str, ...]] = [(*cols, "科目名称", "合计", "基本支出", "项目支出")]

    def row(code: str, name: str, lines: list[tuple[int, int]]) -> tuple[str, ...]:
        basic, project = sum(b for b, _ in lines), sum(p for _, p in lines)
        return (
            *style.code_cells(code),
            name,
            style.amount(basic + project, yuan),
            style.cell(basic, yuan),
            style.cell(project, yuan),
        )

    for cls in _classes(plan):
        members = [ln for ln in plan.lines if ln.code.startswith(cls)]
        rows.append(row(cls, CLASS_NAMES[cls], [(ln.basic, ln.project) for ln in members]))
        for kuan in sorted({ln.code[:5] for ln in members}):
            sub = [ln for ln in members if ln.code.startswith(kuan)]
            rows.append(row(kuan, KUAN_NAMES[kuan], [(ln.basic, ln.project) for ln in sub]))
            rows += [row(ln.code, ITEM_NAMES[ln.code], [(ln.basic, ln.project)]) for ln in sub]
    blanks = ("",) * (len(cols) - 1)
    rows.append(
        (
            style.label("合计"),
            *blanks,
            "",
            style.amount(plan.total, yuan),
            style.cell(plan.basic, yuan),
            style.cell(plan.project_total, yuan),
        )
    )
    name = "部门支出总体情况表" if plan.kind == BUDGET else "支出决算表"
    return [*_caption(2, name, plan, yuan), Table(tuple(rows))]


def _project_table(plan: DocPlan, style: Style) -> list[Block]:
    cols = style.code_columns()
    rows: list[tuple[str, ...]] = [(*cols, "科目名称", "项目名称", "金额")]
    for p in sorted(plan.projects, key=lambda p: p.kind.code):
        rows.append(
            (*style.code_cells(p.kind.code), ITEM_NAMES[p.kind.code], _name(p, style), style.amount(p.spent))
        )
    rows.append((style.label("合计"), *("",) * len(cols), "", style.amount(plan.project_total)))
    name = "一般公共预算项目支出情况表" if plan.kind == BUDGET else "项目支出决算表"
    return [*_caption(3, name, plan), Table(tuple(rows))]


def _three_public_table(plan: DocPlan, style: Style) -> list[Block]:
    yuan = "three_public" in style.yuan_tables
    a = style.amount
    rows = (
        ("项目", "合计"),
        (style.label("合计"), a(plan.three_public, yuan)),
        ("因公出国（境）费", a(0, yuan)),
        ("公务接待费", a(plan.reception, yuan)),
        ("公务用车购置及运行费", a(plan.car, yuan)),
        ("其中：公务用车购置费", a(0, yuan)),
        ("公务用车运行费", a(plan.car, yuan)),
    )
    name = "财政拨款“三公”经费支出情况表" if plan.kind == BUDGET else "财政拨款“三公”经费支出决算表"
    return [*_caption(4, name, plan, yuan), Table(rows)]


def _name(p: Project, style: Style) -> str:
    if p.alloc_in_name and p.allocation:
        return p.base_name + style.doc_number(p.allocation.doc_number)
    return p.base_name


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}" if whole else "0.00"


def _explanation(plan: DocPlan, style: Style) -> list[Block]:
    name, y, w, a = plan.unit_name, plan.year, _w(plan), style.amount
    yl = f"{y}年" if plan.kind == BUDGET else f"{y}年度"
    personnel = plan.basic - plan.public_fee
    blocks: list[Block] = [
        Heading(1, f"第三部分 {_spaced_year(plan)}部门{w}情况说明"),
        Heading(2, f"一、{name}{yl}收支{w}总体情况"),
        Para(
            f"{yl}{name}的全部收入和支出都已编入部门{w}，收入总计{a(plan.total)}万元，"
            f"支出总计{a(plan.total)}万元，收支平衡。"
        ),
        Heading(2, f"二、{name}{yl}支出{w}情况"),
        Para(
            f"{yl}支出{w}{a(plan.total)}万元，其中："
            f"基本支出{a(plan.basic)}万元，占{_pct(plan.basic, plan.total)}%；"
            f"项目支出{a(plan.project_total)}万元，占{_pct(plan.project_total, plan.total)}%。"
        ),
        *(
            Para(f"{i}.{CLASS_NAMES[c]}（类）{a(v)}万元，占{_pct(v, plan.total)}%。")
            for i, (c, v) in enumerate(_classes(plan).items(), 1)
        ),
        Heading(2, f"三、{name}{yl}一般公共预算基本支出情况"),
        Para(
            f"{name}{yl}一般公共预算基本支出{a(plan.basic)}万元，其中：人员经费{a(personnel)}万元，"
            "用于在职和退休人员的工资津补贴、社会保障缴费和住房公积金；"
            f"公用经费{a(plan.public_fee)}万元，用于办公、邮电、差旅、维修和公务用车运行等日常开支。"
        ),
        Heading(2, f"四、{name}{yl}项目支出情况"),
        Para(
            f"本年度共安排项目{len(plan.projects)}个，项目支出合计{a(plan.project_total)}万元，逐项说明如下。"
        ),
    ]
    for i, p in enumerate(plan.projects, 1):
        blocks += project_fields(plan, p, i, style)
    blocks += [
        Heading(2, f"五、{name}{yl}财政拨款“三公”经费{w}情况"),
        Para(
            f"{name}{yl}财政拨款“三公”经费数为{a(plan.three_public)}万元，其中：因公出国（境）费0.00万元，"
            f"公务接待费{a(plan.reception)}万元，公务用车购置费0.00万元，公务用车运行费{a(plan.car)}万元。"
        ),
    ]
    return blocks


def cite(policy: Policy, style: Style) -> str:
    """《title》（number）, the parentheses matching the document's bracket habit."""
    left, right = ("(", ")") if style.bracket == "()" else ("（", "）")
    return f"《{policy.title}》{left}{style.doc_number(policy.doc_number)}{right}"


def project_fields(plan: DocPlan, p: Project, i: int, style: Style) -> list[Block]:
    """One project of 情况说明, field by field in the template's order."""
    lead = style.rng.choice(("依据", "根据", "按照"))
    tail = style.rng.choice(("", "的有关规定", "的要求"))
    fields = [
        f"（{numeral(i)}）项目名称：{_name(p, style)}",
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
            f"补贴标准：{s.standard}",
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


def _performance(plan: DocPlan, style: Style) -> list[Block]:
    if plan.kind == BUDGET:
        blocks: list[Block] = [Heading(1, "第四部分 绩效目标表")]
        for p in plan.projects:
            blocks += _target_table(plan, p, style)
        return blocks
    blocks = [Heading(1, "第四部分 项目支出绩效自评表")]
    for p in plan.projects:
        blocks += _self_evaluation(plan, p, style)
    return blocks


def _target_table(plan: DocPlan, p: Project, style: Style) -> list[Block]:
    rows: list[tuple[str, ...]] = [
        ("预算单位", plan.unit_name),
        ("项目名称", _name(p, style)),
        ("年度预算总额（万元）", style.amount(p.budget)),
        ("一级指标", "二级指标", "三级指标", "指标值", "分值权重"),
    ]
    rows += [(i.level1, i.level2, i.name, i.target, str(i.weight)) for i in p.indicators]
    return [Heading(3, "项目支出绩效目标表"), Para(f"（{plan.year}年）"), Table(tuple(rows))]


def _points(n: int) -> str:
    return f"{n / 100:.2f}"


def _self_evaluation(plan: DocPlan, p: Project, style: Style) -> list[Block]:
    a, executed = style.amount, p.spent
    rows: list[tuple[str, ...]] = [
        ("项目名称", _name(p, style)),
        ("实施单位", plan.unit_name),
        ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"),
        (
            "年度资金总额",
            a(p.budget),
            a(p.budget),
            a(executed),
            f"{_pct(executed, p.budget)}%",
            "10",
            _points(p.exec_score or 0),
        ),
        ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"),
    ]
    rows += [_evaluated(i) for i in p.indicators]
    rows.append(("总分", "", "", "", "", "100", _points(p.score or 0)))
    return [Heading(3, "项目支出绩效自评表"), Para(f"（{plan.year}年度）"), Table(tuple(rows))]


def _evaluated(i: Indicator) -> tuple[str, ...]:
    return (i.level1, i.level2, i.name, i.target, i.actual or "", str(i.weight), _points(i.score or 0))


_GLOSSARY = (
    ("财政拨款收入", "本级财政当年通过一般公共预算、政府性基金预算和国有资本经营预算拨给本单位的资金"),
    ("一般公共预算", "以税收为主体的财政收入安排的收支预算，主要用于保障和改善民生、维持机构运转"),
    ("基本支出", "保证机构正常运转和完成日常工作所需的开支，由人员经费和公用经费两部分组成"),
    ("项目支出", "基本支出以外，为完成特定工作任务或事业发展目标另行安排的支出"),
    ("“三公”经费", "用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费"),
)


def _glossary(plan: DocPlan) -> list[Block]:
    items = [
        Para(f"{numeral(i)}、{term}：{text}。", item=True) for i, (term, text) in enumerate(_GLOSSARY, 1)
    ]
    return [Heading(1, "第五部分 名词解释"), *items]
