"""Regions beyond Xinjiang: a unit is placed by the place names in its name, through the region
table (vocab/reference/regions.json); one whose name names no region of it is loaded without a
region and with a finding, never placed by a guess."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from app.store import GraphStore
from loaders import read_document
from loaders.facts import DocumentFacts, DocumentKind, HeaderFacts
from loaders.pipeline import prepare
from tests.builders import load
from tests.corpus import SEEDS, seed
from tests.graphql import execute
from tests.test_extract_header import REAL, REAL_IDENTITIES, needs_real
from vocab.resolve import region_chain

REGIONS = json.loads(resources.files("vocab").joinpath("reference", "regions.json").read_text(encoding="utf-8"))


def chain(name: str) -> list[str]:
    return [link.name for link in region_chain(name)]


def test_the_table_holds_every_province_and_prefecture() -> None:
    parents: dict[str, str | None] = REGIONS["parents"]
    top = {name for name, parent in parents.items() if parent is None}
    assert len(top) == 34  # 23 provinces (台湾省 too), 5 autonomous regions, 4 municipalities, 2 SARs
    provinces = top - {"北京市", "天津市", "上海市", "重庆市", "台湾省", "香港特别行政区", "澳门特别行政区"}
    # 塔城地区 and 阿勒泰地区 are kept under 伊犁哈萨克自治州, which administers them
    prefectures = {name for name, parent in parents.items()
                   if (parent in provinces or name in ("塔城地区", "阿勒泰地区"))
                   and name.endswith(("市", "自治州", "地区", "盟")) and name not in REGIONS["directly_administered"]}
    assert len(prefectures) == 333  # GB/T 2260: 293 cities, 30 autonomous prefectures, 7 地区, 3 盟
    assert {parents[name] for name in ("普陀区", "浦东新区", "崇明区")} == {"上海市"}
    assert all(parent is None or parent in parents for parent in parents.values())
    assert all(full in parents for full in REGIONS["short_names"].values())


@pytest.mark.parametrize(("unit", "expected"), [
    # the seeds' units
    ("和静县社会保险中心", ["和静县", "巴音郭楞蒙古自治州", "新疆维吾尔自治区"]),
    ("昌吉回族自治州社会保险管理局", ["昌吉回族自治州", "新疆维吾尔自治区"]),
    # the real disclosures' units: a party organ names its region after 中共
    ("上海市普陀区人民政府万里街道办事处", ["普陀区", "上海市"]),
    ("中共上海市普陀区委社会工作部", ["普陀区", "上海市"]),
    # other provinces, as units name themselves
    ("浙江省杭州市教育局", ["杭州市", "浙江省"]),
    ("杭州市教育局", ["杭州市", "浙江省"]),
    ("广西壮族自治区桂林市档案馆", ["桂林市", "广西壮族自治区"]),
    ("吉林省吉林市财政局", ["吉林市", "吉林省"]),
    ("延边州林业局", ["延边朝鲜族自治州", "吉林省"]),
    ("内蒙古锡林郭勒盟统计局", ["锡林郭勒盟", "内蒙古自治区"]),
    ("重庆市石柱土家族自治县教育委员会", ["石柱土家族自治县", "重庆市"]),
    ("湖北省仙桃市人民医院", ["仙桃市", "湖北省"]),
    ("新疆巴州和静县社会保险中心", ["和静县", "巴音郭楞蒙古自治州", "新疆维吾尔自治区"]),
    # a district the table holds under a prefecture whose 普陀区 it does not: the prefecture
    ("浙江省舟山市普陀区财政局", ["舟山市", "浙江省"]),
    ("成都市双流区卫生健康局", ["成都市", "四川省"]),
])
def test_units_are_placed_by_the_places_they_name(unit: str, expected: list[str]) -> None:
    assert chain(unit) == expected


@pytest.mark.parametrize("unit", [
    "普陀区财政局",  # 上海市 and 舟山市 each have one: which is not written
    "长沙县农业农村局",  # a county the table does not hold
    "国家统计局",  # a central unit
    "某某区建设管理委员会",
    "中国人民银行上海分行",  # 上海, not 上海市: a branch named after a city is not placed by a guess
])
def test_a_unit_that_names_no_region_of_the_table_is_not_placed(unit: str) -> None:
    assert chain(unit) == []


def bare(unit: str) -> DocumentFacts:
    header = HeaderFacts(unit_name=unit, kind=DocumentKind.BUDGET, fiscal_year=2025, title=f"{unit}2025年部门预算公开")
    return prepare(DocumentFacts(path=f"/{unit}.txt", sha256="0" * 64, header=header))


def test_an_unplaced_unit_is_a_finding_and_a_placed_one_is_not() -> None:
    (finding,) = bare("国家统计局").findings or ()
    assert finding.check == "unit_region" and "国家统计局" in finding.message
    assert (finding.expected_wan, finding.actual_wan, finding.difference_wan) == (None, None, None)
    assert bare("浙江省杭州市教育局").findings == ()


@pytest.mark.parametrize("number", range(5))
def test_every_seed_is_placed(number: int) -> None:
    assert SEEDS.is_dir()
    assert not [f for f in read_document(seed(number)).findings or () if f.check == "unit_region"]


@needs_real
@pytest.mark.parametrize("name", sorted(REAL_IDENTITIES))
def test_every_real_disclosure_is_placed_in_putuo(name: str) -> None:
    assert chain(REAL_IDENTITIES[name][0]) == ["普陀区", "上海市"]
    assert (REAL / name).is_file()


async def test_an_unplaced_unit_loads_without_a_region_and_with_its_finding(store: GraphStore) -> None:
    await load(store, bare("国家统计局"), bare("浙江省杭州市教育局"))
    data = await execute(store, """{ documents(first: 5) { edges { node {
        unit { name region { name parent { name } } }
        dataQualityFindings { check message expectedWan actualWan differenceWan } } } } }""")
    got = {e["node"]["unit"]["name"]: e["node"] for e in data["documents"]["edges"]}
    assert got["国家统计局"]["unit"]["region"] is None
    assert [(f["check"], f["expectedWan"], f["differenceWan"]) for f in got["国家统计局"]["dataQualityFindings"]] == [
        ("unit_region", None, None)]
    assert got["浙江省杭州市教育局"]["unit"]["region"] == {"name": "杭州市", "parent": {"name": "浙江省"}}
    assert got["浙江省杭州市教育局"]["dataQualityFindings"] == []
