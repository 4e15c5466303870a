"""The national template's 概况 and project sections, as other regions word them.

Made-up documents in the shapes the Shanghai PDFs print (tests/test_real_documents.py reads
those): 内设机构 listed after 包括, the units a 部门 consolidates as a 序号 | 单位名称 | 备注 table
or as numbered lines, and 项目经费情况说明 in numbered sections.
"""

from __future__ import annotations

from loaders.extract.joined import Joined
from loaders.extract.other_matters import read_other_matters
from loaders.extract.overview import read_overview
from loaders.extract.overview_lists import read_overview_lists
from loaders.extract.project_sections import read_project_sections
from tests.layouts import layout_of


def test_internal_offices_after_bao_kuo() -> None:
    layout = layout_of(
        "某区司法局机构设置", "某区司法局设3个内设机构，包括：办公室、政治处、",
        "公共法律服务管理科（律师公证工作科）。",
    )
    assert read_overview(layout).departments == ("办公室", "政治处", "公共法律服务管理科(律师公证工作科)")


def test_units_listed_in_a_table_with_the_department_itself_left_out() -> None:
    layout = layout_of(
        "二、部门决算单位构成", "纳入某区财政局2024年度部门决算编制范", "围的单位包括：",
        "序号\t单位名称\t备注", "1\t某区财政局（本级）\t", "2\t某区财政局财政所\t预算不单列，并入本级",
        "3\t某区国库收付中心\t", "第二部分 某区财政局2024年度部门决算表",
    )
    lists = read_overview_lists(layout)
    assert lists.subordinate_units == ("某区财政局财政所", "某区国库收付中心")


def test_units_listed_as_numbered_lines() -> None:
    layout = layout_of(
        "某区人民政府办公室机构设置", "本部门中，行政单位1家，事业单位2家，具体包括（列示至基层预算单位）：",
        "1.某区人民政府办公室本部。", "2.下属事业单位某区交流服务中心不单列预算，并入本部。",
        "3. 某区机关事务服务中心。", "名词解释",
    )
    assert read_overview_lists(layout).subordinate_units == ("某区交流服务中心", "某区机关事务服务中心")


def test_operating_costs_in_the_budget_wording() -> None:
    layout = layout_of(
        "其他相关情况说明", "二、机关运行经费预算", "2025年某区某局财政拨款的机关运行经费预算为1,234.56万元。"
    )
    assert read_other_matters(layout, Joined.of(layout.lines)).operating_wan == 1234.56


def test_project_sections_named_in_the_heading_or_in_the_overview() -> None:
    layout = layout_of(
        "七、项目经费情况说明 ……………………",
        "社区养老服务补贴项目经费情况说明",
        "一、项目概述", "为辖区老人提供养老服务补贴。",
        "二、立项依据", "根据普民发（2023）5号和《某区养老服务条例》。",
        "六、年度预算安排", "2025年预算安排120.50万元。",
        "项目经费情况说明",
        "一、项目概况", "由某街道办事处建设的某社区文化中心改建工程，位于某路。",
        "二、立项依据",
        "依据沪府规【2016】168号文关于同意《某单元控制性详细规划局部调整》的批复和普发改投【2017】89号文",
        "《关于某社区文化中心改建工程可行性研究报告的批复》进行建设。",
        "六、年度预算安排", "第一季度用款计划10.00万元，第二季度用款计划10.00万元。",
    )
    got = [(p.name, p.budget_wan, [(r.key, r.title) for r in p.policies]) for p in read_project_sections(layout)]
    assert got == [
        ("社区养老服务补贴", 120.5, [("普民发〔2023〕5号", None), ("title:某区养老服务条例", "某区养老服务条例")]),
        ("某社区文化中心改建工程", None, [
            ("沪府规〔2016〕168号", "关于同意《某单元控制性详细规划局部调整》的批复"),
            ("普发改投〔2017〕89号", "关于某社区文化中心改建工程可行性研究报告的批复"),
        ]),
    ]
