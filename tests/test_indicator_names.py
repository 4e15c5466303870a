"""Search finds indicators through one node per distinct name (graph/search.py), not one full-text
entry per indicator: FalkorDB rebuilds its full-text indexes at every start of the embedded store,
and thousands of indicators share a name. Answers are those of reading every indicator's name:
the same hits, counts and scores. Indexes no query reads any more (graph/dialect.py ``RETIRED``)
are dropped by each engine when a store is opened."""

from __future__ import annotations

import dataclasses
from collections import Counter

from app.api.search import INDICATOR_WEIGHT, score
from app.loading.upgrade import graph_format, upgrade_graph
from app.store import GraphStore
from graph.dialect import NGRAMS, RETIRED, neo4j_retired, schema_statement_name
from graph.payload import upsert_params
from loaders.facts import DocumentFacts, IndicatorFact
from loaders.pipeline import prepare
from tests.builders import SRC, WORLD, document, load, project
from tests.graphql import execute

NAMES = ("服务对象满意度", "补贴对象满意度", "补贴发放准确率", "业务办理时限")
SEARCH = """query ($t: String!, $f: Int!) { searchResults(text: $t, first: $f, kinds: [INDICATOR]) {
    totalCount edges { node { kind score label node { ... on Indicator { id name } } } } } }"""


def _rated(unit: str, year: int, names: tuple[str, ...]) -> DocumentFacts:
    """A document of ``unit`` whose two projects have an indicator of each name."""
    indicators = tuple(IndicatorFact(n, "满意度指标", "服务对象满意度指标", ">=95%", None, 10.0, None, SRC)
                       for n in names)
    return document(unit, year, *(dataclasses.replace(project(f"就业补贴{i}", 10.0 + i), indicators=indicators)
                                  for i in range(2)), sha=f"{year % 10}" * 64)


UNITS = ("昌吉回族自治州就业服务中心", "和静县社会保险中心")
DOCS = [_rated(unit, year, NAMES) for unit in UNITS for year in (2023, 2024)]


async def _names(store: GraphStore) -> dict[str, int]:
    rows = await store.read_built("MATCH (n:IndicatorName) OPTIONAL MATCH (n)<-[:NAMED]-(i:Indicator) "
                                  "RETURN n.name AS name, count(i) AS indicators")
    return {r["name"]: int(r["indicators"]) for r in rows}


async def _indicator_names(store: GraphStore) -> Counter[str]:
    return Counter(r["name"] for r in await store.read_built("MATCH (i:Indicator) RETURN i.name AS name"))


async def test_each_distinct_indicator_name_is_one_node_linked_to_its_indicators(store: GraphStore) -> None:
    await load(store, *WORLD, *DOCS)
    named = await store.read_built("MATCH (i:Indicator) OPTIONAL MATCH (i)-[:NAMED]->(n:IndicatorName) "
                                   "RETURN i.id AS id, i.name AS name, collect(n.name) AS names, i.ngrams AS pairs")
    assert all(r["names"] == [r["name"]] and r["pairs"] is None for r in named)  # one link, to its own name
    assert await _names(store) == dict(await _indicator_names(store))
    assert (await _names(store))["服务对象满意度"] == 2 * len(DOCS)


async def test_indicator_hits_are_every_indicator_of_a_matching_name_scored_by_its_name(store: GraphStore) -> None:
    await load(store, *WORLD, *DOCS)
    counts = await _indicator_names(store)
    for text in ("满意度", "补贴", "业务办理时限", "对象 满意"):
        found = (await execute(store, SEARCH, t=text, f=100))["searchResults"]
        terms = text.split()
        held = {n: c for n, c in counts.items() if all(t in n for t in terms)}
        assert found["totalCount"] == sum(held.values()), text
        hits = [(e["node"]["score"], e["node"]["label"]) for e in found["edges"]]
        scored = [(round(score(terms, n) * INDICATOR_WEIGHT, 6), n) for n, c in held.items() for _ in range(c)]
        expected = sorted(scored, key=lambda hit: (-hit[0], hit[1]))
        assert hits == expected, text
        assert all(e["node"]["node"]["name"] == e["node"]["label"] for e in found["edges"])
        assert len({e["node"]["node"]["id"] for e in found["edges"]}) == len(hits)


async def test_a_name_no_indicator_has_any_more_is_deleted_with_the_orphans(store: GraphStore) -> None:
    await load(store, *DOCS)
    renamed = _rated("昌吉回族自治州就业服务中心", 2023, ("政策知晓率",))
    await load(store, renamed)  # replaces the first document
    for doc in DOCS[1:]:
        await store.write("delete_documents", {"ids": [upsert_params(prepare(doc))["doc"]["id"]]})
    await store.write("delete_orphans")
    assert await _names(store) == {"政策知晓率": 2}
    hits = (await execute(store, SEARCH, t="满意度", f=10))["searchResults"]
    assert hits["totalCount"] == 0


async def test_a_graph_of_format_7_gets_its_indicators_linked_to_their_names(store: GraphStore) -> None:
    await load(store, *WORLD, *DOCS)
    await store.write_built("MATCH (n:IndicatorName) DETACH DELETE n")
    if store.name == "falkordb":  # format 7 kept each indicator's search pairs
        await store.write_built(f"MATCH (i:Indicator) SET i.{NGRAMS} = i.name")
    await store.write("stamp_graph_format", {"version": 7})
    assert (await execute(store, SEARCH, t="满意度", f=10))["searchResults"]["totalCount"] == 0
    assert await upgrade_graph(store) >= 1
    assert await graph_format(store) >= 8
    assert await _names(store) == dict(await _indicator_names(store))
    assert not await store.read_built(f"MATCH (i:Indicator) WHERE i.{NGRAMS} IS NOT NULL RETURN i.id AS id")
    found = (await execute(store, SEARCH, t="满意度", f=10))["searchResults"]
    assert found["totalCount"] == sum(c for n, c in (await _indicator_names(store)).items() if "满意度" in n)


async def _index_names(store: GraphStore) -> set[str]:
    if store.name == "neo4j":
        return {r["name"] for r in await store.read_built("SHOW INDEXES YIELD name RETURN name")}
    rows = await store.read_built("CALL db.indexes() YIELD label, types RETURN label, types")
    return {f"{r['label']}.{prop}.{kind}" for r in rows for prop, kinds in r["types"].items() for kind in kinds}


async def test_indexes_no_query_reads_any_more_are_dropped_when_the_store_opens(store: GraphStore) -> None:
    """Each retired declaration is made again as an earlier version made it; opening drops it."""
    await load(store, *DOCS)
    before = await _index_names(store)
    for statement in RETIRED:
        if store.name == "neo4j":
            await store.write_built(statement)
        elif "FULLTEXT" in statement:
            label = statement.split("(n:")[1].split(")")[0]
            await store.write_built(f"CALL db.idx.fulltext.createNodeIndex({{label: '{label}', stopwords: []}}, "
                                    f"'{NGRAMS}')")
        else:
            label, prop = statement.split("(n:")[1].split(")")[0], statement.split("ON (n.")[1].rstrip(")")
            await store.write_built(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
    while await store.building():
        pass
    assert await _index_names(store) > before  # they were made
    await store.driver.apply_schema()
    assert await _index_names(store) == before
    if store.name == "neo4j":
        assert not set(neo4j_retired()) & before
        assert {schema_statement_name(s) for s in RETIRED} == set(neo4j_retired())
    else:
        assert not {n for n in before if n.startswith("Indicator.") and n.endswith("FULLTEXT")}
