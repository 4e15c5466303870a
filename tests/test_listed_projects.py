"""Projects the tables list (loaders/extract/listed_projects.py): every 项目支出表 row and every
上年结转 row is a project, one with the described project of its name, never two.

The seeds list their projects in the 项目支出表 and describe them again (seed 000 prints two of them
by code, 特定目标 64100014); seed 004 lists two carried-over projects in its 上年结转结余情况明细表.
The generated budget books (tests/test_budget_book_variant.py) are the second documents: rows of
projects no section describes, and 上年结转 rows, with their truth.
"""

from __future__ import annotations

from graph.payload import upsert_params
from loaders.extract import extract
from loaders.facts import DocumentKind
from loaders.pipeline import prepare
from tests.corpus import seed_facts
from tests.layouts import layout_of


def test_a_row_printed_by_code_is_the_one_described_project_of_its_amount() -> None:
    doc = seed_facts(0)
    assert len(doc.projects) == 12 and len({p.name for p in doc.projects}) == 12
    listed = {p.name: (p.budget_wan, p.listed_as) for p in doc.projects if p.listed_as}
    assert listed == {
        "2025年国有企业办职教幼教退休教师生活待遇中央财政补助资金": (7.14, "特定目标64100014"),
        "2025年4月-2026年3月1995年前退休(退职)人员生活补贴资金": (10.09, "特定目标6510001R"),
    }
    projects = upsert_params(doc)["projects"]
    lines = {p["props"]["name"]: [line["code"] for line in p["lines"]] for p in projects}
    assert lines["2025年国有企业办职教幼教退休教师生活待遇中央财政补助资金"] == ["2080699"]
    assert all(lines.values())  # every project has its table row, none is left to the document


def test_a_project_over_several_rows_is_their_sum_once() -> None:
    doc = seed_facts(3)
    p = next(p for p in doc.projects if p.name == "2024年社会保险经办服务和中心运行项目")
    assert p.budget_wan == 99.0 and p.listed_as is None  # 34.20 (2080102) + 64.80 (2080109, two columns)
    assert len(doc.projects) == 3


def test_carried_over_rows_give_their_projects_the_amount_carried() -> None:
    doc = seed_facts(4)
    carried = {p.name: (p.budget_wan, p.carryover_wan) for p in doc.projects if p.carryover_wan is not None}
    assert carried == {  # the table prints 巴财企[2023]61 号 and 1995 年前退休[退职]人员…-2025 年 3 月 over two lines
        "1995年前退休人员2024年4月—2025年3月生活补贴巴财企〔2023〕61号": (5.62, 5.62),
        "2024年州直关闭破产企业1995年底前退休人员生活补贴资金巴财社〔2023〕110号": (0.11, 0.11),
    }
    assert len(doc.projects) == 4
    assert not any(p.carryover_wan for p in seed_facts(0).projects)  # its table is stated empty


PROJECT_TABLE = (
    "2025年部门一般公共预算项目支出预算表", "编制部门：某区某局 单位：元",
    "科目编码\t科目名称\t项目名称\t合计\t商品和服务支出\t对个人和家庭的补助",
    "合计\t\t\t1,500,000.00\t1,200,000.00\t300,000.00",
    "2080109\t社会保险经办机构\t经办大厅运行经费\t1,200,000.00\t1,200,000.00\t",
    "2080699\t其他企业改革发展补助\t困难职工帮扶资金巴财企〔2024〕7号\t300,000.00\t\t300,000.00",
)
CARRYOVER_TABLE = (
    "上年结转结余情况明细表", "编制单位：某区某局 单位：万元",
    "项目\t合计\t财政拨款\t非财政拨款", "※\t1\t2\t3",
    "合计\t12.50\t12.50\t", "档案数字化\t", "项目\t12.50\t12.50\t",
)


def test_rows_no_section_describes_are_projects_with_amount_function_and_policy() -> None:
    doc = prepare(extract(layout_of("某区某局2025年部门预算", *PROJECT_TABLE, *CARRYOVER_TABLE)))
    assert doc.header.kind is DocumentKind.BUDGET
    got = [(p.name, p.budget_wan, p.carryover_wan, [r.doc_number for r in p.policies]) for p in doc.projects]
    assert got == [
        ("经办大厅运行经费", 120.0, None, []),
        ("困难职工帮扶资金巴财企〔2024〕7号", 30.0, None, ["巴财企〔2024〕7号"]),
        ("档案数字化项目", None, 12.5, []),
    ]
    lines = {p["props"]["name"]: [line["code"] for line in p["lines"]] for p in upsert_params(doc)["projects"]}
    assert lines == {
        "经办大厅运行经费": ["2080109"], "困难职工帮扶资金巴财企〔2024〕7号": ["2080699"], "档案数字化项目": [],
    }
