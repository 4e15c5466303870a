"""Lookups the way people write (issue 11): short forms of units and regions, 发文字号 without 号
or with any bracket, one policy per law however its title is quoted, issuers from titles, and
NOT_FOUND for what is not there."""

from __future__ import annotations

import pytest

from app.api import schema
from app.api.context import Context
from app.api.filters import unit_params
from app.store import GraphStore
from graph import browse
from graph.browse import LISTINGS, count_query, page_query
from graph.catalogue import query as catalogue_query
from graph.payload import upsert_params
from loaders import read_document
from tests.builders import CHANGJI, document, load
from tests.corpus import seed
from tests.graphql import execute
from vocab import docnumbers
from vocab.policies import lookup_doc_number, policy_issuer, title_key
from vocab.resolve import unit_key, unit_name_variants

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


def _seeks(plan: list[str]) -> bool:
    """The plan finds its unit by an index (Neo4j: NodeUniqueIndexSeek; FalkorDB: Node By Index
    Scan), never by reading every node of a label."""
    text = "\n".join(plan).lower().replace("labelscan", "label scan")
    return ("indexseek" in text or "node by index scan" in text) and "label scan" not in text


@pytest.mark.parametrize("typed", ["和静县社会保险中心", "昌吉州社保中心", "昌吉回族自治州社会保险管理局"])
async def test_a_unit_asked_by_any_form_or_former_name_is_an_index_seek(store: GraphStore, typed: str) -> None:
    names = unit_name_variants(typed)
    params = {"names": names, "keys": list(dict.fromkeys(map(unit_key, names)))}
    plan = await store.plan(catalogue_query("unit_by_name", store.name), params)
    assert _seeks(plan), plan


@pytest.mark.parametrize("name", [n for n, listing in sorted(LISTINGS.items())
                                  if any(f.params == browse.UNIT for f in listing.filters)])
async def test_a_list_filtered_by_unit_seeks_the_unit(store: GraphStore, name: str) -> None:
    """Its count starts from the unit, found by its id's index; its page too, or on Neo4j from the sort
    index in order where its statistics favour that: never from every listed node or unit."""
    given = set(browse.UNIT)
    params = {**unit_params("昌吉回族自治州社会保险管理局"), "limit": 5}
    assert _seeks(await store.plan(count_query(name, given), params)), name
    page = page_query(name, given, LISTINGS[name].key, desc=False, after=False, nulls=False, dialect=store.name)
    plan = "\n".join(await store.plan(page, params)).lower()
    assert "label scan" not in plan.replace("labelscan", "label scan"), plan
    assert store.name == "neo4j" or _seeks(plan.splitlines()), plan


async def test_a_unit_filter_by_id_name_or_former_name(store: GraphStore) -> None:
    """Each finds the unit's documents (a unit renamed in 2025 keeps its 2020 name as a former one);
    a name the unit never had, though it keys to the unit, finds nothing, as before the seek."""
    await load(store, document("昌吉回族自治州社会保险管理局", 2020), CHANGJI)
    query = """query ($u: String) { documents(filter: {unit: $u}) { totalCount edges { node { fiscalYear } } }
                                    unit(name: "昌吉回族自治州社会保险中心") { documentsPage { totalCount } } }"""
    for typed in ("昌吉回族自治州社会保险中心", "昌吉回族自治州社会保险管理局"):
        data = await execute(store, query, u=typed)
        assert [e["node"]["fiscalYear"] for e in data["documents"]["edges"]] == [2020, 2025], typed
        assert data["unit"]["documentsPage"]["totalCount"] == 2
    assert (await execute(store, query, u="昌吉回族自治州社会保险事业局"))["documents"]["totalCount"] == 0
    assert (await execute(store, query, u="和静县社会保险中心"))["documents"]["totalCount"] == 0


async def test_every_name_of_a_loaded_unit_keys_to_its_id(store: GraphStore) -> None:
    """What the look-ups' seek relies on: the loader files each name a unit has had under its id."""
    await load(store, document("昌吉回族自治州社会保险管理局", 2020), document("巴州社保中心", 2024), CHANGJI)
    rows = await store.driver.run("MATCH (u:Unit) RETURN u.id AS id, u.names AS names", {}, write=False)
    assert len(rows.rows) == 2 and all(unit_key(n) == r["id"] for r in rows.rows for n in r["names"]), rows.rows


async def test_a_policys_number_is_parsed_once_however_many_times_it_is_answered(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """How its issuer was told (issuerReason) is worked out from the number once, not for every project that
    lists the policy, nor for every request."""
    await load(store, CHANGJI)
    parsed: list[str] = []
    find = docnumbers.find_doc_numbers

    def counted(text: str) -> list[tuple[str, int, int]]:
        parsed.append(text)
        return find(text)

    monkeypatch.setattr(docnumbers, "find_doc_numbers", counted)
    query = "{ projects(first: 50) { edges { node { policies { docNumber issuer issuerReason } } } } }"
    answers = [await execute(store, query) for _ in range(3)]
    policies = [p for edge in answers[0]["projects"]["edges"] for p in edge["node"]["policies"]]
    numbers = {p["docNumber"] for p in policies if p["docNumber"]}
    assert numbers and answers[0] == answers[1] == answers[2]
    assert all(p["issuerReason"] for p in policies) and len(parsed) <= len(numbers)
