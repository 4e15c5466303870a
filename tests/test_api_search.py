"""Search on each engine's full-text index: the way people write (short forms, 发文字号 without 号,
abbreviations), every kind of node, names above indicator texts, pages with totals by kind."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from app.api.search import SearchKind
from app.api.types import Row
from app.store import GraphStore
from graph.dialect import fulltext_query
from graph.search import SOURCES, candidates_query, count_query
from loaders.facts import IndicatorFact
from tests.builders import SRC, WORLD, document, load, project
from tests.graphql import execute

BAZHOU = document("巴音郭楞蒙古自治州社会保险中心", 2024, project("社会保险经办业务补助经费", 20.0), sha="d" * 64)
SATISFACTION = IndicatorFact("昌吉州社会保险中心服务满意度", "满意度指标", "服务对象满意度指标", ">=95%", None, 10.0,
                             None, SRC)
INTERNS = dataclasses.replace(project("就业见习补贴", 30.0, people=10), indicators=(SATISFACTION,))
RATED = document("昌吉回族自治州就业服务中心", 2025, INTERNS, sha="e" * 64)
HITS = "query ($t: String!, $k: [SearchKind!]) { search(text: $t, kinds: $k) { kind score label } }"


async def _hits(store: GraphStore, text: str, kinds: list[str] | None = None) -> list[dict[str, Any]]:
    hits: list[dict[str, Any]] = (await execute(store, HITS, t=text, k=kinds))["search"]
    return hits


async def test_a_region_by_its_short_form_and_what_is_named_after_it(store: GraphStore) -> None:
    await load(store, *WORLD, BAZHOU)
    hits = await _hits(store, "巴州")
    assert hits[0] == {"kind": "REGION", "score": 1.0, "label": "巴音郭楞蒙古自治州"}
    assert {"kind": "UNIT", "label": "巴音郭楞蒙古自治州社会保险中心"} in [
        {"kind": h["kind"], "label": h["label"]} for h in hits]


async def test_place_and_abbreviation_find_the_unit_before_any_indicator(store: GraphStore) -> None:
    await load(store, *WORLD, RATED)
    hits = await _hits(store, "昌吉 社保")
    assert (hits[0]["kind"], hits[0]["label"]) == ("UNIT", "昌吉回族自治州社会保险中心")
    kinds = [h["kind"] for h in hits]
    assert "INDICATOR" in kinds and kinds.index("INDICATOR") > kinds.index("UNIT")
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


async def test_a_doc_number_without_hao_or_with_any_brackets(store: GraphStore) -> None:
    await load(store, *WORLD)
    for text in ("新政办发[2010]168", "新政办发（2010）168号"):
        hits = await _hits(store, text)
        assert (hits[0]["kind"], hits[0]["label"], hits[0]["score"]) == ("POLICY", "新政办发〔2010〕168号", 1.0), text
    spaced = await _hits(store, "新政办发 2010 168")
    assert (spaced[0]["kind"], spaced[0]["label"]) == ("POLICY", "新政办发〔2010〕168号")


async def test_documents_and_regions_are_found_and_kinds_can_be_chosen(store: GraphStore) -> None:
    await load(store, *WORLD)
    hits = await _hits(store, "和静县")
    assert hits[0] == {"kind": "REGION", "score": 1.0, "label": "和静县"}
    assert {"UNIT", "DOCUMENT", "REGION"} <= {h["kind"] for h in hits}
    only = await _hits(store, "和静县", ["DOCUMENT"])
    assert only and {h["kind"] for h in only} == {"DOCUMENT"}
    assert all(h["label"].startswith("和静县社会保险中心") for h in only)


async def test_search_results_page_with_totals_by_kind(store: GraphStore) -> None:
    await load(store, *WORLD, BAZHOU, RATED)
    query = """query ($a: String) { searchResults(text: "社会保险", first: 2, after: $a) {
        totalCount countsByKind { kind count } pageInfo { hasNextPage endCursor } edges { node { kind label } } } }"""
    whole = (await execute(store, query.replace("first: 2", "first: 100"), a=None))["searchResults"]
    assert whole["totalCount"] == sum(c["count"] for c in whole["countsByKind"]) == len(whole["edges"]) > 4
    paged, after = [], None
    while True:
        page = (await execute(store, query, a=after))["searchResults"]
        paged += page["edges"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert paged == whole["edges"]


async def test_search_reads_each_kinds_full_text_index(store: GraphStore) -> None:
    """The candidates come from the engine's full-text procedure, never from a label scan."""
    await load(store, *WORLD)
    groups = [[["社会保险"]]]
    params = {"fulltext": fulltext_query(store.name, groups), "groups": groups, "window": 10}
    for text in (candidates_query(store.name, list(SOURCES)), count_query(store.name, list(SOURCES))):
        plan = "\n".join(await store.plan(text, params)).lower()
        assert plan.count("procedurecall") == len(SOURCES) and "label scan" not in plan, plan


async def test_one_character_alone_is_refused_plainly(store: GraphStore) -> None:
    from app.api import schema
    from app.api.context import Context

    result = await schema.execute('{ search(text: "县") { label } }', context_value=Context(store=store))
    assert result.errors and "at least two characters" in result.errors[0].message



async def test_only_the_hits_served_are_built(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind reads up to a window of candidates to rank them; only the page's become nodes (asked for)."""
    from app.api import search

    await load(store, *WORLD, BAZHOU, RATED)
    whole = await _hits(store, "社会保险")
    built: list[SearchKind] = []

    def counted(kind: SearchKind, build: Callable[[Row], object]) -> Callable[[Row], object]:
        return lambda row: built.append(kind) or build(row)

    monkeypatch.setattr(search, "_BUILD", {kind: counted(kind, build) for kind, build in search._BUILD.items()})
    asked = HITS.replace("kinds: $k", "kinds: $k, first: 2").replace("label }", "label node { __typename } }")
    two = (await execute(store, asked, t="社会保险", k=None))["search"]
    assert len(whole) > 2 and [{k: hit[k] for k in ("kind", "score", "label")} for hit in two] == whole[:2]
    assert len(built) == 2


async def test_a_hit_builds_its_node_only_when_the_node_is_asked_for(store: GraphStore, monkeypatch: Any) -> None:
    """Kinds, scores and labels build no node (checked to fail when every hit builds its node); asked for, each
    served hit builds its own, with the same kinds, scores and labels."""
    from app.api import search
    await load(store, *WORLD)
    built: list[SearchKind] = []
    for kind, build in list(search._BUILD.items()):
        monkeypatch.setitem(search._BUILD, kind, lambda row, k=kind, b=build: built.append(k) or b(row))
    listed = (await execute(store, '{ search(text: "社会保险") { kind score label } }'))["search"]
    assert len(listed) > 3 and built == []
    nodes = (await execute(store, '{ search(text: "社会保险") { kind score label node { __typename '
                                  "... on Unit { name } ... on Project { name } } } }"))["search"]
    assert [{k: hit[k] for k in ("kind", "score", "label")} for hit in nodes] == listed
    assert built == [SearchKind[hit["kind"]] for hit in nodes]
    assert all(hit["node"]["__typename"] for hit in nodes)


async def test_candidates_are_read_without_their_nodes_unless_a_node_is_asked_for(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Kinds, scores and labels come from the texts: read without any node's properties (up to a window of every
    kind's), the answer is the same as with them; a node asked for, directly, in a page or through a fragment,
    is read (checked to fail when every candidate carries its node)."""
    await load(store, *WORLD, BAZHOU, RATED)
    items: list[object] = []
    read_built = store.read_built

    async def recorded(text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        rows = await read_built(text, params)
        items.extend(row["item"] for row in rows if "item" in row)
        return rows

    monkeypatch.setattr(store, "read_built", recorded)
    fields = "kind score label node { __typename ... on Unit { name } ... on Region { name parent { name } } }"
    asked = (await execute(store, f'{{ search(text: "社会保险") {{ {fields} }} }}'))["search"]
    assert len(asked) > 4 and items and all(isinstance(item, dict) for item in items)
    items.clear()
    listed = (await execute(store, '{ search(text: "社会保险") { kind score label } }'))["search"]
    assert listed == [{k: hit[k] for k in ("kind", "score", "label")} for hit in asked]
    assert all(item is None for item in items)
    items.clear()
    paged = (await execute(store, '{ searchResults(text: "社会保险") { totalCount edges { node { kind label } } } }'))
    assert [edge["node"]["label"] for edge in paged["searchResults"]["edges"]] == [hit["label"] for hit in asked]
    assert all(item is None for item in items)
    for text in (f'{{ searchResults(text: "社会保险") {{ edges {{ node {{ {fields} }} }} }} }}',
                 f'{{ search(text: "社会保险") {{ ... on SearchHit {{ {fields} }} }} }}'):
        items.clear()
        data = await execute(store, text)
        hits = data["search"] if "search" in data else [e["node"] for e in data["searchResults"]["edges"]]
        assert hits == asked and items and all(isinstance(item, dict) for item in items)
    regions = (await execute(store, '{ search(text: "巴州", kinds: [REGION]) { label node { ... on Region { '
                                    'parent { name } } } } }'))["search"]
    assert regions[0]["node"]["parent"] == {"name": "新疆维吾尔自治区"}
