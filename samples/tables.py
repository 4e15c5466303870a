"""第二部分: the standard tables, in the template's order, each from the plan's numbers.

收支总表, 收入总表 (sources by 功能分类 类), 支出总表 and 一般公共预算支出表 (类/款/项 rows), 基本支出表 (经济分类
classes and items, 人员经费/公用经费 columns), 项目支出表 (each project by 经济分类 column) and "三公" 表.
Amounts are hundredths of 万元; a table the style prints in 元 says so in its caption.
"""

from __future__ import annotations

from samples.ledger import PERSONNEL_CLASSES
from samples.plan import BUDGET, OPS_CODE, DocPlan, Project
from samples.render import Block, Heading, Para, Style, Table
from samples.world import CLASS_NAMES, ECONOMIC_NAMES, ITEM_NAMES, KUAN_NAMES, PROJECT_COLUMNS

Row = tuple[str, ...]


# The fund tables no unit of the sample has money for, as the 情况说明 names them when it says they
# are empty: (the truth's key, budget name, final accounts' name, the fund).
EMPTY_FUND_TABLES = (
    ("GOVERNMENT_FUND", "政府性基金预算支出情况表", "政府性基金预算财政拨款收入支出决算表", "政府性基金预算"),
    ("STATE_CAPITAL", "国有资本经营预算支出情况表", "国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算"),
)


def standard_tables(plan: DocPlan, style: Style) -> list[Block]:
    tables = (_summary, _income, _expenditure, _general_public, _basic, _projects, _three_public)
    return [block for n, table in enumerate(tables, 1) for block in table(plan, style, n)]


# The national budget template's titles, as districts print them ("2025年部门支出预算总表").
_NATIONAL_BUDGET_TITLES = {
    "部门收支总体情况表": "财务收支预算总表",
    "部门收入总体情况表": "收入预算总表",
    "部门支出总体情况表": "支出预算总表",
    "一般公共预算支出情况表": "一般公共预算支出功能分类预算表",
    "一般公共预算基本支出情况表": "一般公共预算基本支出部门预算经济分类预算表",
    "一般公共预算项目支出情况表": "一般公共预算项目支出预算表",
    "财政拨款“三公”经费支出情况表": "“三公”经费和机关运行经费预算表",
}


def _caption(n: int, text: str, plan: DocPlan, style: Style, yuan: bool = False) -> list[Block]:
    unit = "元" if yuan else "万元"
    if style.national_titles:  # no "表N", the year before a budget's title, 单位 beside 编制部门
        title = f"{plan.year}年部门{_NATIONAL_BUDGET_TITLES[text]}" if plan.kind == BUDGET else text
        return [Heading(3, title), Para(f"编制部门：{plan.unit_name} 单位：{unit}")]
    return [Heading(3, f"表{n} {text}"), Para(f"编制部门：{plan.unit_name}　金额单位：{unit}")]


def _w(plan: DocPlan) -> str:
    return "预算" if plan.kind == BUDGET else "决算"


def carryover_label(plan: DocPlan) -> str:
    return "上年结转结余" if plan.kind == BUDGET else "年初结转和结余"


def classes(plan: DocPlan) -> dict[str, int]:
    """The 类 of the document's lines with their totals, in code order."""
    out: dict[str, int] = {}
    for line in plan.lines:
        out[line.code[:3]] = out.get(line.code[:3], 0) + line.total
    return out


def _summary(plan: DocPlan, style: Style, n: int) -> list[Block]:
    w, total, a, cell = _w(plan), plan.total, style.amount, style.cell
    spend = [(f"{code} {CLASS_NAMES[code]}", a(v)) for code, v in classes(plan).items()]
    income = (
        ("一、本年收入", a(total - plan.carryover)),
        ("1.一般公共预算拨款", a(total - plan.carryover)),
        ("其中：本级财力", a(total - plan.carryover - plan.transfer)),
        ("上级转移支付", cell(plan.transfer)),
        (f"二、{carryover_label(plan)}", cell(plan.carryover)),
    )
    rows: list[Row] = [("收入", "", "支出", ""), ("项目", f"{w}数", "支出功能分类", f"{w}数")]
    rows += [(label, amount, *(spend[i] if i < len(spend) else ("", ""))) for i, (label, amount) in enumerate(income)]
    rows.append((style.label("收入总计"), a(total), style.label("支出总计"), a(total)))
    name = "部门收支总体情况表" if plan.kind == BUDGET else "收入支出决算总表"
    return [*_caption(n, name, plan, style), Table(tuple(rows))]


def income_parts(plan: DocPlan) -> dict[str, tuple[int, int, int]]:
    """Each 类's money by source: (本级一般公共预算, 上级转移支付, 结转结余); the carryover funds operations."""
    out = {}
    for code, total in classes(plan).items():
        transfer = sum(p.spent for p in plan.projects if p.allocation and p.kind.code.startswith(code))
        carry = plan.carryover if OPS_CODE[plan.unit.category].startswith(code) else 0
        out[code] = (total - transfer - carry, transfer, carry)
    return out


def _income(plan: DocPlan, style: Style, n: int) -> list[Block]:
    cols = ("科目编码",) if not style.split_codes else ("类",)
    rows: list[Row] = [(*cols, "科目名称", "合计", "一般公共预算", "上级转移支付", carryover_label(plan))]
    for code, parts in income_parts(plan).items():
        rows.append((code, CLASS_NAMES[code], style.amount(sum(parts)), *(style.cell(v) for v in parts)))
    whole = (plan.total - plan.carryover - plan.transfer, plan.transfer, plan.carryover)
    rows.append((style.label("合计"), "", style.amount(plan.total), *(style.cell(v) for v in whole)))
    name = "部门收入总体情况表" if plan.kind == BUDGET else "收入决算表"
    return [*_caption(n, name, plan, style), Table(tuple(rows))]


def _function_rows(plan: DocPlan, style: Style, yuan: bool) -> list[Row]:
    """合计/基本支出/项目支出 by 类, 款 and 项, then the 合计 row."""
    cols = style.code_columns()
    rows: list[Row] = [(*cols, "科目名称", "合计", "基本支出", "项目支出")]

    def row(code: str, name: str, basic: int, project: int) -> Row:
        cells = (style.amount(basic + project, yuan), style.cell(basic, yuan), style.cell(project, yuan))
        return (*style.code_cells(code), name, *cells)

    names = {**CLASS_NAMES, **KUAN_NAMES, **ITEM_NAMES}
    codes = sorted({ln.code[:k] for ln in plan.lines for k in (3, 5, 7)})
    for code in codes:
        members = [ln for ln in plan.lines if ln.code.startswith(code)]
        rows.append(row(code, names[code], sum(ln.basic for ln in members), sum(ln.project for ln in members)))
    blanks = ("",) * len(cols)
    total = (style.amount(plan.total, yuan), style.cell(plan.basic, yuan), style.cell(plan.project_total, yuan))
    rows.append((style.label("合计"), *blanks, *total))
    return rows


def _expenditure(plan: DocPlan, style: Style, n: int) -> list[Block]:
    yuan = "expenditure" in style.yuan_tables
    name = "部门支出总体情况表" if plan.kind == BUDGET else "支出决算表"
    return [*_caption(n, name, plan, style, yuan), Table(tuple(_function_rows(plan, style, yuan)))]


def _general_public(plan: DocPlan, style: Style, n: int) -> list[Block]:
    """All of a unit's money is 一般公共预算 here, so this table repeats the 支出总表's rows."""
    name = "一般公共预算支出情况表" if plan.kind == BUDGET else "一般公共预算财政拨款支出决算表"
    return [*_caption(n, name, plan, style), Table(tuple(_function_rows(plan, style, False)))]


def economic_rows(plan: DocPlan) -> list[tuple[str, int]]:
    """The 基本支出表's rows in order: each 类 (when the wording prints them) before its 款."""
    items = dict(plan.economic)
    totals: dict[str, int] = {}
    for code, amount in plan.economic:
        totals[code[:3]] = totals.get(code[:3], 0) + amount
    rows = []
    for klass, amount in sorted(totals.items()):
        if plan.wording.economic_classes:
            rows.append((klass, amount))
        rows += [(code, items[code]) for code in sorted(items) if code.startswith(klass)]
    return rows


def is_personnel(code: str) -> bool:
    return code[:3] in PERSONNEL_CLASSES


def _basic(plan: DocPlan, style: Style, n: int) -> list[Block]:
    yuan = "economic" in style.yuan_tables
    split, lone = style.split_codes, plan.wording.economic_classes and style.rng.random() < 0.5
    cols = ("类", "款") if split else ("科目编码",)

    def code_cells(code: str) -> Row:
        if not split:
            return (code,)
        return (code, "") if len(code) == 3 else ("" if lone else code[:3], code[3:])

    rows: list[Row] = [(*cols, "科目名称", "合计", "人员经费", "公用经费")]
    total = (plan.basic, plan.personnel, plan.public_fee)
    rows.append((style.label("合计"), *("",) * len(cols), *(style.amount(v, yuan) for v in total)))
    for code, amount in economic_rows(plan):
        personnel, public = (amount, 0) if is_personnel(code) else (0, amount)
        cells = (style.amount(amount, yuan), style.cell(personnel, yuan), style.cell(public, yuan))
        rows.append((*code_cells(code), ECONOMIC_NAMES[code], *cells))
    name = "一般公共预算基本支出情况表" if plan.kind == BUDGET else "一般公共预算财政拨款基本支出决算表"
    return [*_caption(n, name, plan, style, yuan), Table(tuple(rows))]


def project_name(p: Project, style: Style) -> str:
    if p.alloc_in_name and p.allocation:
        return p.base_name + style.doc_number(p.allocation.doc_number)
    return p.base_name


def _projects(plan: DocPlan, style: Style, n: int) -> list[Block]:
    """One row a project under its 项, its money by 经济分类 column (those the unit uses, in the
    template's order, and perhaps 其他支出); 类/款 subtotals above the rows or not; the 合计 row first
    or last."""
    yuan = "project" in style.yuan_tables
    used = {code for p in plan.projects for code, _ in p.columns} | ({"399"} if style.rng.random() < 0.5 else set())
    columns = [c for c in PROJECT_COLUMNS if c in used]
    cols = style.code_columns()
    header: Row = (*cols, "科目名称", "项目名称", "合计", *(ECONOMIC_NAMES[c] for c in columns))

    def amounts(spent: dict[str, int]) -> Row:
        return (style.amount(sum(spent.values()), yuan), *(style.cell(spent.get(c, 0), yuan) for c in columns))

    def spending(projects: list[Project]) -> dict[str, int]:
        out: dict[str, int] = {}
        for p in projects:
            for code, amount in p.columns:
                out[code] = out.get(code, 0) + amount
        return out

    projects = sorted(plan.projects, key=lambda p: p.kind.code)
    subtotals = style.rng.random() < 0.5
    body: list[Row] = []
    for code in sorted({p.kind.code[:k] for p in projects for k in ((3, 5, 7) if subtotals else (7,))}):
        under = [p for p in projects if p.kind.code.startswith(code)]
        if len(code) < 7:
            name = CLASS_NAMES[code] if len(code) == 3 else KUAN_NAMES[code]
            body.append((*style.code_cells(code), name, "", *amounts(spending(under))))
            continue
        for p in under:
            body.append((*style.code_cells(code), ITEM_NAMES[code], project_name(p, style), *amounts(dict(p.columns))))
    total = (style.label("合计"), *("",) * (len(cols) + 1), *amounts(spending(projects)))
    rows = [header, total, *body] if style.rng.random() < 0.5 else [header, *body, total]
    name = "一般公共预算项目支出情况表" if plan.kind == BUDGET else "项目支出决算表"
    return [*_caption(n, name, plan, style, yuan), Table(tuple(rows))]


def _three_public(plan: DocPlan, style: Style, n: int) -> list[Block]:
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
    return [*_caption(n, name, plan, style, yuan), Table(rows)]
