"""Identity from any cover: unit, fiscal year, kind and scope (部门/单位), and the refusals.

Three sources of covers: the five seeds, the real disclosures of ../shared/corpus/real (read by
hand: unit, year, kind and scope of each), and covers generated here in the national template's
forms for other regions, levels and years, put in front of a seed's body.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from graph.payload import document_id
from loaders import read_document
from loaders.errors import DocumentError
from loaders.extract import extract
from loaders.extract.header import read_header
from loaders.facts import DocumentFacts, DocumentKind, DocumentScope
from loaders.layout import Layout, Line
from loaders.text_reader import read_text
from tests.corpus import REAL, seed

BUDGET, FINAL = DocumentKind.BUDGET, DocumentKind.FINAL_ACCOUNTS
DEPT, UNIT = DocumentScope.DEPARTMENT, DocumentScope.UNIT

# seed -> scope: 000/001 say 部门 in their titles, 002 in "第二部分 2020年部门预算公开表",
# 003/004 say 单位 (title; "第二部分 2025 年单位预算公开表").
SEED_SCOPES = {0: DEPT, 1: DEPT, 2: DEPT, 3: UNIT, 4: UNIT}

# real file -> (unit, fiscal year, kind, scope), read from each cover (page 1).
REAL_IDENTITIES = {
    "shpt-caizhengju-2024-final-dept.pdf": ("上海市普陀区财政局", 2024, FINAL, DEPT),
    "shpt-shangwuwei-2025-budget-unit.pdf": ("上海市普陀区商务委员会", 2025, BUDGET, UNIT),
    "shpt-shehuigongzuobu-2024-final-dept.pdf": ("中共上海市普陀区委社会工作部", 2024, FINAL, DEPT),
    "shpt-sifaju-2026-budget-unit.pdf": ("上海市普陀区司法局", 2026, BUDGET, UNIT),
    "shpt-wanlijiedao-2024-budget-dept.pdf": ("上海市普陀区人民政府万里街道办事处", 2024, BUDGET, DEPT),
    "shpt-zhengfuban-2025-budget-dept.pdf": ("上海市普陀区人民政府办公室", 2025, BUDGET, DEPT),
}
REAL_REFUSALS = {
    "not-a-disclosure-checklist.xlsx": "not a budget disclosure: .*titles something else: .*检查表",
    "template-final-accounts-national.pdf": "a blank template, not a disclosure: no unit",
}

needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real is not present")


def layout_of(text: str, path: str = "cover.txt") -> Layout:
    lines = tuple(Line(number=i, text=t) for i, t in enumerate(text.split("\n"), start=1))
    return Layout(path=path, sha256="0" * 64, fmt="text", lines=lines)


def identity(layout: Layout) -> tuple[str, int, DocumentKind, DocumentScope]:
    header = read_header(layout)
    return header.unit_name, header.fiscal_year, header.kind, header.scope


def identity_of(facts: DocumentFacts) -> tuple[str, int, DocumentKind, DocumentScope]:
    header = facts.header
    return header.unit_name, header.fiscal_year, header.kind, header.scope


@pytest.mark.parametrize("number", sorted(SEED_SCOPES))
def test_seed_scope(number: int) -> None:
    assert read_header(read_text(seed(number))).scope is SEED_SCOPES[number]


@needs_real
@pytest.mark.parametrize("name", sorted(REAL_IDENTITIES))
def test_real_disclosure_identity(name: str) -> None:
    facts = read_document(REAL / name)
    assert identity_of(facts) == REAL_IDENTITIES[name]
    header = facts.header
    assert header.source is not None and header.source.page == 1


@needs_real
@pytest.mark.parametrize("name", sorted(REAL_REFUSALS))
def test_real_files_that_are_not_disclosures_are_refused_with_their_reason(name: str) -> None:
    with pytest.raises(DocumentError, match=REAL_REFUSALS[name]) as caught:
        read_document(REAL / name)
    assert caught.value.path.endswith(name)


# Covers in the template's forms, for units, regions, levels and years no file here has.
COVERS = {
    "budget book, 市级 部门": (
        "浙江省杭州市2025年市级部门预算\n预算主管部门：杭州市教育局",
        ("杭州市教育局", 2025, BUDGET, DEPT),
    ),
    "budget book, 县级 单位, spaced": (
        "四川省 成都市 双流区 2023 年 区级单位预算\n预算单位： 成都市双流区卫生健康局",
        ("成都市双流区卫生健康局", 2023, BUDGET, UNIT),
    ),
    "budget book, 决算, no level word": (
        "广东省2024年部门决算\n\n决算主管部门：广东省生态环境厅",
        ("广东省生态环境厅", 2024, FINAL, DEPT),
    ),
    "budget book, unit label without scope": (
        "湖南省长沙县2022年县级单位决算\n单位名称：长沙县农业农村局",
        ("长沙县农业农村局", 2022, FINAL, UNIT),
    ),
    "unit then year split over lines": (
        "甘肃省天水市\n麦积区水务局\n2021 年度\n部门决算",
        ("甘肃省天水市麦积区水务局", 2021, FINAL, DEPT),
    ),
    "year first": (
        "2024年度吉林省延边朝鲜族自治州林业局部门决算公开",
        ("吉林省延边朝鲜族自治州林业局", 2024, FINAL, DEPT),
    ),
    "year first, 单位": ("2026年 黑龙江省鹤岗市第一中学 单位预算", ("黑龙江省鹤岗市第一中学", 2026, BUDGET, UNIT)),
    "neither 部门 nor 单位": ("河北省沧州市统计局\n2025年预算公开", ("河北省沧州市统计局", 2025, BUDGET, DEPT)),
    "spaced 年度": ("云南省大理白族自治州审计局 2024 年度部门决算", ("云南省大理白族自治州审计局", 2024, FINAL, DEPT)),
    "no cover, part headings": (
        "第一部分 广西壮族自治区桂林市档案馆单位概况\n一、主要职能\n第二部分 2023年单位决算报表",
        ("广西壮族自治区桂林市档案馆", 2023, FINAL, UNIT),
    ),
}


@pytest.mark.parametrize("name", sorted(COVERS))
def test_generated_covers(name: str) -> None:
    text, expected = COVERS[name]
    assert identity(layout_of(text + "\n目录\n一、主要职能")) == expected


@pytest.mark.parametrize("name", ["budget book, 市级 部门", "budget book, 县级 单位, spaced", "year first"])
def test_generated_covers_on_a_seed_body(name: str) -> None:
    """A seed's body behind another cover: the cover decides, whatever the body's own headings say."""
    text, expected = COVERS[name]
    body = read_text(seed(3))
    cover = layout_of(text).lines
    lines = cover + tuple(replace(line, number=line.number + len(cover)) for line in body.lines[5:])
    facts = extract(replace(body, lines=lines))
    assert identity_of(facts) == expected
    assert facts.function_lines  # the body is read as before


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("北京市XX局\n2025年部门预算", "a blank template, not a disclosure: no unit"),
        ("××县财政局\n2024 年度部门决算\n公开说明", "a blank template, not a disclosure: no unit"),
        ("2025年××区××局单位预算", "a blank template, not a disclosure: no unit"),
        ("2025年度部门预算公开工作检查表\n部门名称：某局", "titles something else: 2025年度部门预算公开工作检查表"),
        ("关于做好2025年部门预算公开工作的通知\n各部门：", "titles something else: 关于做好2025年部门预算公开"),
        ("上海市普陀区2025年区级部门预算", "no title naming its unit"),
    ],
)
def test_refusals_name_their_reason(text: str, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        read_header(layout_of(text))


def test_a_department_and_a_unit_document_of_one_unit_and_year_are_two_documents() -> None:
    cover = "{}\n2024年{}预算公开\n目录"
    department = extract(layout_of(cover.format("新疆维吾尔自治区财政厅", "部门")))
    unit = extract(layout_of(cover.format("新疆维吾尔自治区财政厅", "单位")))
    assert (department.header.scope, unit.header.scope) == (DEPT, UNIT)
    assert document_id(department) != document_id(unit)
    assert document_id(department) == document_id(extract(layout_of(cover.format("新疆维吾尔自治区财政厅", ""))))

