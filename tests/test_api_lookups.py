"""Lookups the way people write (issue 11): short forms of units and regions, 发文字号 without 号
or with any bracket, one policy per law however its title is quoted, issuers from titles, and
NOT_FOUND for what is not there."""

from __future__ import annotations

import pytest

from app.api import schema
from app.api.context import Context
from app.store import GraphStore
from graph.catalogue import query as catalogue_query
from graph.payload import upsert_params
from loaders import read_document
from tests.corpus import seed
from tests.graphql import execute
from vocab.policies import lookup_doc_number, policy_issuer, title_key

UNIT = "query ($n: String!) { unit(name: $n) { name } }"


@pytest.mark.parametrize(("typed", "title"), [
    ("《社会保险法》", "中华人民共和国社会保险法"), ("社会保险法", "《中华人民共和国社会保险法》"),
    ("关于做好社会保障卡发行工作的通知", "《关于做好社会保障卡发行工作》"),
])
def test_one_key_however_a_title_is_written(typed: str, title: str) -> None:
    assert title_key(typed) == title_key(title)


def test_different_titles_stay_different() -> None:
    assert title_key("社会保险法") != title_key("社会保险经办条例")
    assert title_key("关于印发实施方案的通知") != title_key("实施方案")


@pytest.mark.parametrize("typed", ["新政办发[2010]168", "新政办发 【2010】 168", "新政办发〔2010〕第168号",
                                   "新政办发{2010}168号", "新政办发（2010）168号"])
def test_doc_numbers_as_people_type_them(typed: str) -> None:
    assert lookup_doc_number(typed) == "新政办发〔2010〕168号"


def test_issuer_from_the_number_the_title_or_a_reason() -> None:
    assert policy_issuer("新政办发〔2010〕168号", None) == (
        "新疆维吾尔自治区人民政府办公厅", "from the 发文字号 prefix")
    assert policy_issuer(None, "国家信息化领导小组关于加强信息安全保障工作的意见") == (
        "国家信息化领导小组", "named by the title")
    assert policy_issuer(None, "社会保险法") == (None, "no 发文字号, and the title names no issuer")


async def test_seeds_lookups_by_short_forms_and_one_law(store: GraphStore) -> None:
    for n in range(5):
        await store.write("upsert_document", upsert_params(read_document(seed(n))))
    for typed, name in [("昌吉州社会保险中心", "昌吉回族自治州社会保险中心"),
                        ("昌吉州社保中心", "昌吉回族自治州社会保险中心"),
                        ("昌吉回族自治州社会保险管理局", "昌吉回族自治州社会保险中心"),
                        ("巴州社保中心", "巴音郭楞蒙古自治州社会保险中心"),
                        ("和静县社保中心", "和静县社会保险中心")]:
        assert (await execute(store, UNIT, n=typed))["unit"] == {"name": name}, typed
    assert (await execute(store, '{ region(name: "巴州") { name } }'))["region"] == {"name": "巴音郭楞蒙古自治州"}
    law = """query ($n: String!) { policy(docNumber: $n) { title issuer issuerReason fundedProjects { name } } }"""
    short = (await execute(store, law, n="《社会保险法》"))["policy"]
    full = (await execute(store, law, n="中华人民共和国社会保险法"))["policy"]
    assert short == full and len(short["fundedProjects"]) == 5  # 4 + 1 before issue 11
    found = await execute(store, law, n="新政办发[2010]168")
    assert found["policy"]["issuer"] == "新疆维吾尔自治区人民政府办公厅"
    titled = await execute(store, "{ policies(first: 500) { edges { node { docNumber title issuer issuerReason } } } }")
    by_title = [e["node"] for e in titled["policies"]["edges"] if e["node"]["title"] and "关于" in e["node"]["title"]
                and not e["node"]["title"].startswith("关于") and e["node"]["docNumber"] is None]
    assert by_title and all(p["issuer"] and p["issuerReason"] == "named by the title" for p in by_title)
    for query in ('{ unit(name: "乌鲁木齐市社会保险中心") { name } }',
                  '{ policy(docNumber: "新政办发[1999]1") { title } }', '{ region(name: "火星") { name } }',
                  '{ functionClass(code: "999") { name } }'):
        result = await schema.execute(query, context_value=Context(store=store))
        assert result.data is not None and list(result.data.values()) == [None], query
        assert [e.extensions for e in result.errors or []] == [{"code": "NOT_FOUND"}], query


async def test_a_unit_asked_by_its_current_name_is_found_by_the_name_index(store: GraphStore) -> None:
    """Only forms and former names need the look-up that reads every unit."""
    text = catalogue_query("unit_named", store.name)
    plan = "\n".join(await store.plan(text, {"name": "和静县社会保险中心"})).lower()
    assert "label scan" not in plan and "labelscan" not in plan, plan
