"""Every 发文字号 in a project's own text links that policy to that project.

The seeds test it on real renderings (tests/test_extract_seeds.py); this is a second, different
document: a district budget whose 情况说明 block states 立项依据 and whose 绩效目标表 cites the
same number in another bracket style, broken by a page break, in its 项目总体目标 and in an
indicator's 指标值设置依据.
"""

from __future__ import annotations

from pathlib import Path

from loaders.extract import extract
from loaders.facts import CitationRole, DocumentFacts
from loaders.text_reader import read_text

NUMBER = "普投资规范〔2023〕1号"

DOCUMENT = "\n".join([
    "某某区建设管理委员会",
    "2025 年部门预算公开",
    "三、项目情况说明",
    "项目名称：社区公共服务中心新建工程",
    "立项依据：根据普投资规范（2023）1号文建设。",
    "预算安排规模：632.20万元",
    "项目名称：老旧小区综合改造",
    "实施内容：按照《普陀区政府投资项目管理规范》",
    "（普投资规范 [2023]",
    "1 号）实施改造。",
    "预算安排规模：120.00万元",
    "四、项目支出绩效目标表",
    "项目名称\t道路养护工程\t\t项目负责人\t张三",
    "项目资金(万元)\t年度预算总额\t80.00\t其中：财政拨款\t80.00",
    "项目总体目标\t依据《关于政府投资项目管理的规定》（普投资",
    "\f规范【2023】1号），完成道路养护。",
    "一级指标\t二级指标\t三级指标\t指标值\t指标值设置依据\t分值",
    "产出指标\t数量指标\t养护道路长度\t≥10公里\t普投资规范（2023）1号\t20",
    "产出指标\t质量指标\t验收合格率\t=100%\t沪建管〔2021〕5号\t20",
])


def facts(tmp_path: Path) -> DocumentFacts:
    path = tmp_path / "budget.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    return extract(read_text(path))


def test_every_project_text_links_its_policy_whatever_the_brackets(tmp_path: Path) -> None:
    doc = facts(tmp_path)
    bases = {p.name: sorted(r.doc_number or "" for r in p.policies if r.role is CitationRole.BASIS)
             for p in doc.projects}
    assert bases == {
        "社区公共服务中心新建工程": [NUMBER],  # 立项依据
        "老旧小区综合改造": [NUMBER],  # 实施内容, broken over a line with spaces
        "道路养护工程": [NUMBER, "沪建管〔2021〕5号"],  # 项目总体目标 over a page break, 指标值设置依据
    }
    assert [c.doc_number for c in doc.citations].count(NUMBER) == 1


def test_the_link_keeps_where_it_was_read(tmp_path: Path) -> None:
    road = next(p for p in facts(tmp_path).projects if p.name == "道路养护工程")
    ref = road.policies[0]
    assert ref.doc_number == NUMBER and ref.title == "关于政府投资项目管理的规定"
    assert ref.source.page == 1 and "普投资" in ref.source.text and ref.source.line_end > ref.source.line_start
