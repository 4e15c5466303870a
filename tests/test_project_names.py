"""Search finds projects through one node per distinct name (graph/search.py), as it finds
indicators: tens of projects share a name (733 names of 31,146 projects at 10,000 documents), and a
search read each matching project's name from the index, so what it read grew with the projects,
not with the names. Answers are those of reading every project: the same hits, counts and scores."""

from __future__ import annotations

from collections import Counter
from typing import Any

from app.api.search import score
from app.loading.upgrade import graph_format, upgrade_graph
from app.store import GraphStore
from app.store.port import Row
from graph.dialect import NGRAMS, fulltext_call, fulltext_query
from graph.payload import upsert_params
from graph.search import SOURCES
from loaders.facts import DocumentFacts
from loaders.pipeline import prepare
from tests.builders import WORLD, document, load, project
from tests.graphql import execute

NAMES = ("就业补贴", "生活补贴", "补贴发放专项资金", "业务经费")
SEARCH = """query ($t: String!, $f: Int!) { searchResults(text: $t, first: $f, kinds: [PROJECT]) {
    totalCount edges { node { kind score label node { ... on Project { id name } } } } } }"""


def _disclosing(unit: str, year: int, names: tuple[str, ...]) -> DocumentFacts:
    projects = (project(n, 10.0 + i) for i, n in enumerate(names))
    return document(unit, year, *projects, sha=f"{year % 10}{len(unit)}" * 32)


UNITS = ("昌吉回族自治州就业服务中心", "和静县社会保险中心")
DOCS = [_disclosing(unit, year, NAMES) for unit in UNITS for year in (2023, 2024)]


async def _names(store: GraphStore) -> dict[str, int]:
    rows = await store.read_built("MATCH (n:ProjectName) OPTIONAL MATCH (n)<-[:NAMED]-(p:Project) "
                                  "RETURN n.name AS name, count(p) AS projects")
    return {r["name"]: int(r["projects"]) for r in rows}


async def _project_names(store: GraphStore) -> Counter[str]:
    return Counter(r["name"] for r in await store.read_built("MATCH (p:Project) RETURN p.name AS name"))


async def _indexed(store: GraphStore, text: str) -> int:
    """How many entries the project kind's full-text index yields for ``text``: what a search reads."""
    cypher = f"{fulltext_call(store.name, SOURCES['PROJECT'].label)} RETURN count(node) AS found"
    return int((await store.read_built(cypher, {"fulltext": fulltext_query(store.name, [[[text]]])}))[0]["found"])


async def test_each_distinct_project_name_is_one_node_linked_to_its_projects(store: GraphStore) -> None:
    await load(store, *WORLD, *DOCS)
    named = await store.read_built("MATCH (p:Project) OPTIONAL MATCH (p)-[:NAMED]->(n:ProjectName) "
                                   "RETURN p.id AS id, p.name AS name, collect(n.name) AS names, p.ngrams AS pairs")
    assert named and all(r["names"] == [r["name"]] and r["pairs"] is None for r in named)
    assert await _names(store) == dict(await _project_names(store))
    assert (await _names(store))["就业补贴"] == len(DOCS)


async def test_a_search_reads_one_entry_per_distinct_name_however_many_projects_share_it(store: GraphStore) -> None:
    await load(store, *WORLD, *DOCS[:1])
    assert await _indexed(store, "补贴") == 3
    await load(store, *DOCS[1:])
    assert await _indexed(store, "补贴") == 3  # 3 names, 12 projects
    counts = await _project_names(store)
    for text in ("补贴", "就业补贴", "经费"):
        found = (await execute(store, SEARCH, t=text, f=100))["searchResults"]
        held = {n: c for n, c in counts.items() if text in n}
        assert found["totalCount"] == sum(held.values()) > len(held), text
        hits = [(e["node"]["score"], e["node"]["label"]) for e in found["edges"]]
        assert hits == sorted(((score([text], n), n) for n, c in held.items() for _ in range(c)),
                              key=lambda hit: (-hit[0], hit[1])), text
        assert all(e["node"]["node"]["name"] == e["node"]["label"] for e in found["edges"])
        assert len({e["node"]["node"]["id"] for e in found["edges"]}) == len(hits)


async def test_a_name_no_project_has_any_more_is_deleted_with_the_orphans(store: GraphStore) -> None:
    await load(store, *DOCS)
    await load(store, _disclosing(UNITS[0], 2023, ("政策宣传经费",)))  # replaces the first document
    for doc in DOCS[1:]:
        await store.write("delete_documents", {"ids": [upsert_params(prepare(doc))["doc"]["id"]]})
    await store.write("delete_orphans")
    assert await _names(store) == {"政策宣传经费": 1}
    assert (await execute(store, SEARCH, t="补贴", f=10))["searchResults"]["totalCount"] == 0


async def test_a_graph_of_format_10_gets_its_projects_linked_to_their_names(store: GraphStore) -> None:
    await load(store, *WORLD, *DOCS)
    await store.write_built("MATCH (n:ProjectName) DETACH DELETE n")
    if store.name == "falkordb":  # format 10 kept each project's search pairs
        await store.write_built(f"MATCH (p:Project) SET p.{NGRAMS} = p.name")
    await store.write("stamp_graph_format", {"version": 10})
    assert (await execute(store, SEARCH, t="补贴", f=10))["searchResults"]["totalCount"] == 0
    assert await upgrade_graph(store) >= 1
    assert await graph_format(store) >= 12
    assert await _names(store) == dict(await _project_names(store))
    assert not await store.read_built(f"MATCH (p:Project) WHERE p.{NGRAMS} IS NOT NULL RETURN p.id AS id")
    found = (await execute(store, SEARCH, t="补贴", f=10))["searchResults"]
    assert found["totalCount"] == sum(c for n, c in (await _project_names(store)).items() if "补贴" in n)


async def test_a_deep_page_reads_the_projects_of_many_names_in_few_statements(store: GraphStore) -> None:
    """Names are read one, then twice as many a statement, not one statement per name: a page of
    100 projects of distinct names took 101 round trips."""
    names = tuple(f"补贴项目{i:02d}" for i in range(24))
    await load(store, *WORLD, _disclosing(UNITS[0], 2023, names))
    statements: list[str] = []
    read = store.read_built

    async def counted(cypher: str, params: Any = None) -> list[Row]:
        statements.append(cypher)
        return await read(cypher, params)

    store.read_built = counted  # type: ignore[method-assign]
    found = (await execute(store, SEARCH, t="补贴项目", f=20))["searchResults"]
    store.read_built = read  # type: ignore[method-assign]
    assert [e["node"]["label"] for e in found["edges"]] == list(names[:20])
    assert len(statements) <= 1 + 5 + 1  # candidates, names 1 + 2 + 4 + 8 + 16 (the count apart)
