"""Root lists at scale: pages read from a keyset cursor in the sort key's index order, counted
apart, never by collecting every match; deep cursor paging gives exactly the one-page order."""

from __future__ import annotations

import base64
import itertools
import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from app.api.sorting import (
    DocumentSort,
    FindingSort,
    FunctionClassSort,
    IndicatorSort,
    LoadRunSort,
    PolicySort,
    ProjectSort,
    RegionSort,
    UnitSort,
)
from app.loading.upgrade import upgrade_graph
from app.store import GraphStore
from graph import browse
from graph.browse import LISTINGS, count_query, page_query, placed, tied_index
from graph.dialect import schema_items
from graph.order import END, GAP, ORDERED_TEXT, UNORDERED_TEXT, UNPLACED, order_property, places
from graph.payload import document_id, upsert_params
from loaders import read_document
from loaders.facts import DocumentFacts
from samples.generate import generate_corpus
from tests.graphql import execute


@cache
def _corpus_facts(folder: Path) -> tuple[DocumentFacts, ...]:
    facts = []
    for doc in generate_corpus(14, 11, scale=True):
        path = folder / doc.filename
        path.write_text(doc.text, encoding="utf-8")
        facts.append(read_document(path))
    return tuple(facts)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[DocumentFacts, ...]:
    return _corpus_facts(tmp_path_factory.mktemp("paging-corpus"))


async def _load(store: GraphStore, corpus: tuple[DocumentFacts, ...]) -> None:
    for facts in corpus:
        await store.write("upsert_document", upsert_params(facts))


LISTS = [
    ("projects", "BUDGET", "DESC", "id budgetWan", None),
    ("projects", "EXECUTED", "ASC", "id executedWan", None),  # null for budgets: a null tail
    ("projects", "FISCAL_YEAR", "ASC", "id fiscalYear", {"subsidiesOnly": True}),
    ("documents", "TOTAL", "DESC", "id totalWan", {"fiscalYear": {"min": 2016}}),
    ("indicators", "NAME", "ASC", "id name", None),
    ("policies", "ISSUER", "DESC", "docNumber issuer", None),
    ("units", "NAME", "ASC", "id name", {"region": "新疆维吾尔自治区"}),
    ("regions", "NAME", "DESC", "name", None),
]
TYPES = {"projects": "Project", "documents": "Document", "indicators": "Indicator", "policies": "Policy",
         "units": "Unit", "regions": "Region"}


def _query(root: str, fields: str) -> str:
    kind = TYPES[root]
    return (f"query ($n: Int, $a: String, $s: {kind}Sort, $d: SortDirection, $f: {kind}Filter) "
            f"{{ {root}(first: $n, after: $a, sort: $s, direction: $d, filter: $f) "
            f"{{ totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ {fields} }} }} }} }}")


@pytest.mark.parametrize(("root", "sort", "direction", "fields", "filter_"), LISTS)
async def test_deep_cursor_paging_reads_the_one_page_order(
    store: GraphStore, corpus: tuple[DocumentFacts, ...], root: str, sort: str, direction: str, fields: str,
    filter_: dict[str, Any] | None,
) -> None:
    await _load(store, corpus)
    query = _query(root, fields)
    whole = (await execute(store, query, n=500, a=None, s=sort, d=direction, f=filter_))[root]
    everything = [e["node"] for e in whole["edges"]]
    assert whole["totalCount"] == len(everything) > 4 and not whole["pageInfo"]["hasNextPage"]
    paged: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await execute(store, query, n=2, a=after, s=sort, d=direction, f=filter_))[root]
        assert page["totalCount"] == len(everything)
        paged += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert paged == everything
    # the order is the sort key's (nulls last), ties by key
    key_field, *value_field = fields.split()
    values = [n[value_field[0]] if value_field else n[key_field] for n in everything]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=direction == "DESC")
    assert values == present + [None] * (len(values) - len(present))


async def test_cursors_of_earlier_versions_still_read_from_their_offset(
    store: GraphStore, corpus: tuple[DocumentFacts, ...]
) -> None:
    await _load(store, corpus)
    query = "query ($a: String) { projects(first: 4, after: $a, sort: NAME) { edges { node { id } } } }"
    whole = [e["node"]["id"] for e in (await execute(store, query.replace("first: 4", "first: 500"), a=None))
             ["projects"]["edges"]]
    old = base64.b64encode(b"offset:5").decode()
    assert [e["node"]["id"] for e in (await execute(store, query, a=old))["projects"]["edges"]] == whole[6:10]


def _operators(plan: list[str]) -> str:
    return "\n".join(plan).lower()


@pytest.mark.parametrize("name", sorted(LISTINGS))
async def test_pages_and_counts_never_collect_every_match(store: GraphStore, name: str) -> None:
    """Every list, with every filter it has set at once: the page is ordered and cut without an
    aggregation (no collect) and the count aggregates nothing but the count."""
    listing = LISTINGS[name]
    given = {p for f in listing.filters for p in f.params}
    params = {p: 1 for p in given} | {"afterSort": 1, "afterKey": "x", "limit": 5}
    for after in (False, True):
        plan = _operators(await store.plan(page_query(name, given, listing.key, desc=False, after=after,
                                                      nulls=False), params))
        assert "collect" not in plan and "aggregat" not in plan, plan
    count_plan = _operators(await store.plan(count_query(name, given), params))
    assert "collect" not in count_plan, count_plan


async def test_a_page_after_a_cursor_seeks_the_sort_index(store: GraphStore) -> None:
    """Deep in the list, the page starts at the cursor by an index range, not a label scan (on
    FalkorDB, a name's page by a range over its place: graph/order.py)."""
    for name, sort in (("documents", "fiscalYear"), ("projects", "budgetWan"), ("units", "name")):
        text = page_query(name, set(), sort, desc=False, after=True, nulls=False, dialect=store.name,
                          text_sort=sort == "name", bounded=store.name == "falkordb" and sort == "name")
        plan = _operators(await store.plan(text, {"afterSort": 1, "afterKey": "x", "limit": 5}))
        listed = plan.replace("node by label scan | (pagebounds:pagebounds)", "")  # the histogram: a few nodes
        assert ("nodeindexseek" in plan or "node by index scan" in plan) and "label scan" not in listed, plan
        if store.name == "neo4j":
            # The page is read in order from the seek and cut (Limit), or a bounded top-k after it
            # (PartialTop; Top when its statistics say few rows follow); never a full Sort.
            assert "limit@neo4j" in plan or "top@neo4j" in plan or "partialtop" in plan, plan
            assert "sort@neo4j" not in plan.replace("partialsort", ""), plan


@pytest.mark.parametrize(("name", "filters"), [("projects", {"region"}), ("indicators", {"region"}),
                                              ("documents", {"region", "yearMin"}), ("units", {"region"})])
async def test_a_filtered_page_is_not_read_by_scanning_every_listed_node(store: GraphStore, name: str,
                                                                        filters: set[str]) -> None:
    """A region's projects are reached from the region (or, on Neo4j, from the sort index in
    order), never by walking every project of the graph to its region."""
    params = {p: 1 for p in filters} | {"afterSort": 1, "afterKey": "x", "limit": 5}
    for after in (False, True):
        text = page_query(name, filters, LISTINGS[name].key, desc=False, after=after, nulls=False, dialect=store.name)
        plan = _operators(await store.plan(text, params))
        assert "label scan" not in plan and "labelscan" not in plan, plan


async def test_an_unfiltered_total_is_read_from_the_count_store(store: GraphStore) -> None:
    plan = _operators(await store.plan(count_query("documents", set()), {}))
    if store.name == "neo4j":
        assert "nodecountfromcountstore" in plan, plan
    else:
        assert "expand" not in plan and "traverse" not in plan, plan


SORTS = {"units": UnitSort, "documents": DocumentSort, "projects": ProjectSort, "policies": PolicySort,
         "indicators": IndicatorSort, "regions": RegionSort, "function_classes": FunctionClassSort,
         "load_runs": LoadRunSort, "findings": FindingSort}


@pytest.mark.parametrize("name", sorted(SORTS))
async def test_neo4j_reads_every_unfiltered_page_in_sort_then_key_order(store: GraphStore, name: str) -> None:
    """Every sort of every list reads its page in (sort key, key) order from an index, so rows that
    share a sort value (thousands of indicators share a name) are not all read to order them by
    key, no sort at all, either way (a descending page reads ties by key descending: the index
    read backwards)."""
    if store.name != "neo4j":
        pytest.skip("FalkorDB reads no index in order (graph/browse.py bounds its pages instead)")
    assert {s.value for s in SORTS[name]} | {LISTINGS[name].key} >= set(LISTINGS[name].always)
    for sort in SORTS[name]:
        for desc, after in itertools.product((False, True), (False, True)):
            text = page_query(name, set(), sort.value, desc=desc, after=after, nulls=False)
            plan = _operators(await store.plan(text, {"afterSort": 1, "afterKey": "x", "limit": 5}))
            assert "index" in plan and "label scan" not in plan and "labelscan" not in plan, (sort, plan)
            left = plan.replace("partialtop", "").replace("partialsort", "")
            assert "sort@neo4j" not in left and "top@neo4j" not in left, (sort, desc, plan)
            assert "partial" not in plan, (sort, desc, plan)


def _own_filters(name: str) -> set[str]:
    """The filters of ``name`` on the listed node's own properties (none brings a pattern in) but
    ``text``: beside a cursor, the planner may read a text's page from two seeks and sort them."""
    filters = LISTINGS[name].filters
    return {p for f in filters if not f.match for p in f.params} - {p for f in filters if f.match for p in f.params} - {
        "text"}


@pytest.mark.parametrize("name", sorted(n for n in SORTS if _own_filters(n)))
async def test_neo4j_reads_a_page_filtered_on_the_node_in_sort_then_key_order(store: GraphStore, name: str) -> None:
    """Filters on the listed node's own properties (a year range, a kind, an amount) do not make Neo4j
    seek the filter's index and sort every match (thousands at 10,000 documents): the page is
    read in (sort key, key) order and filtered, as far as one page of matches."""
    if store.name != "neo4j":
        pytest.skip("FalkorDB reads no index in order (graph/browse.py bounds its pages instead)")
    given = _own_filters(name)
    params = {p: 1 for p in given} | {"afterSort": 1, "afterKey": "x", "limit": 5}
    for sort in (s.value for s in SORTS[name] if tied_index(name, s.value)):
        for desc, after in itertools.product((False, True), (False, True)):
            text = page_query(name, given, sort, desc=desc, after=after, nulls=False)
            plan = _operators(await store.plan(text, params))
            assert f"index {LISTINGS[name].x}:{LISTINGS[name].label.lower()}({sort.lower()}, " in plan, (sort, plan)
            left = plan.replace("partialtop", "").replace("partialsort", "")
            assert "sort@neo4j" not in left and "top@neo4j" not in left, (sort, desc, plan)


BOUNDED = [("projects", "budgetWan", True, {}), ("projects", "executedWan", False, {}),
           ("documents", "fiscalYear", False, {}), ("documents", "fiscalYear", True, {}),
           ("documents", "totalWan", True, {"yearMin": 2022}), ("indicators", "score", True, {}),
           ("indicators", "sourceLineStart", False, {}), ("indicators", "name", False, {}),
           ("indicators", "name", True, {}), ("projects", "name", True, {}), ("units", "name", True, {}),
           ("units", "name", False, {}), ("documents", "title", True, {}), ("policies", "issuer", False, {}),
           ("policies", "issuer", True, {})]


def _after(value: Any, key: Any) -> dict[str, Any]:
    return {"afterSort": value, "afterKey": key}


async def _pages(store: GraphStore, name: str, sort: str, desc: bool, given: dict[str, Any], *,
                 bounded: bool) -> list[list[Any]]:
    """The list's rows with a sort value, read 4 at a time from each cursor on (each page asked
    for 5, as paginate does), by the bounded or the unbounded query."""
    pages: list[list[Any]] = []
    cursor: dict[str, Any] = {}
    while len(pages) < 100:
        text = page_query(name, set(given), sort, desc=desc, after=bool(cursor), nulls=False, dialect=store.name,
                          text_sort=isinstance(cursor.get("afterSort"), str), bounded=bounded)
        # a bounded page with no row within its bound returns the bound in a row with no key (graph/browse.py)
        rows = [r for r in await store.read_built(text, {**given, **cursor, "limit": 5}) if r["keyValue"] is not None]
        pages.append([(r["sortValue"], r["keyValue"]) for r in rows])
        if len(rows) < 5:
            break
        cursor = _after(rows[3]["sortValue"], rows[3]["keyValue"])
    return pages


@pytest.mark.parametrize(("name", "sort", "desc", "given"), BOUNDED)
async def test_a_page_bounded_by_the_histogram_is_the_unbounded_page(
    store: GraphStore, corpus: tuple[DocumentFacts, ...], monkeypatch: pytest.MonkeyPatch, name: str, sort: str,
    desc: bool, given: dict[str, Any],
) -> None:
    """FalkorDB's unfiltered pages are read within a histogram's bound (steps of 3 rows here): with
    the histogram of the graph as it is, every page (ties, DESC, deep cursors, text by its order
    key, filled in for nodes written without one) is the unbounded
    page (a filter on the node's own properties may make it fall short); with a stale one (documents
    loaded and removed since), a bounded page is the unbounded page or falls short (then paginate
    reads it unbounded), and the API's pages are the same."""
    if store.name != "falkordb":
        pytest.skip("only FalkorDB's pages are bounded")
    monkeypatch.setattr(browse, "BOUNDS_STEP", 3)
    await _load(store, corpus[:10])
    if (ordered := browse.bound_property(name, sort)) != sort:  # as an earlier version wrote them: no order keys
        await store.write_built(f"MATCH (n:{LISTINGS[name].label}) SET n.{ordered} = null")
    await upgrade_graph(store)  # written with no format stamp: every step, order keys and histograms too
    unbounded = await _pages(store, name, sort, desc, given, bounded=False)
    assert len(unbounded) >= 3
    if not given:
        assert await _pages(store, name, sort, desc, given, bounded=True) == unbounded
    await _load(store, corpus[10:])
    await store.write("delete_documents", {"ids": [document_id(corpus[0]), document_id(corpus[5])]})
    unbounded = await _pages(store, name, sort, desc, given, bounded=False)
    cursor: dict[str, Any] = {}
    for page in unbounded:
        text = page_query(name, set(given), sort, desc=desc, after=bool(cursor), nulls=False, dialect=store.name,
                          text_sort=isinstance(cursor.get("afterSort"), str), bounded=True)
        rows = [(r["sortValue"], r["keyValue"])
                for r in await store.read_built(text, {**given, **cursor, "limit": 5}) if r["keyValue"] is not None]
        assert rows == page if len(rows) == 5 else rows == page[:len(rows)]
        cursor = _after(*page[3]) if len(page) == 5 else cursor
    root = {"projects": "projects", "documents": "documents", "indicators": "indicators", "units": "units",
            "policies": "policies"}[name]
    enum = {s.value: s.name for s in SORTS[name]}[sort]
    query = _query(root, "id")
    api_filter = {"fiscalYear": {"min": given["yearMin"]}} if given else None
    whole = (await execute(store, query, n=500, a=None, s=enum, d="DESC" if desc else "ASC", f=api_filter))[root]
    paged: list[Any] = []
    after = None
    while True:
        page = (await execute(store, query, n=3, a=after, s=enum, d="DESC" if desc else "ASC", f=api_filter))[root]
        paged += page["edges"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert [e["node"] for e in paged] == [e["node"] for e in whole["edges"]]


@pytest.mark.parametrize("seed", range(20))
def test_places_grow_along_the_list_and_placed_rows_keep_theirs(seed: int) -> None:
    """Rows placed once, then some removed and some written (unplaced) between them: the new rows
    get places in the gaps and the others keep theirs. Rows placed out of order (any value) are
    placed again: every place grows along the list."""
    rng = random.Random(seed)
    placed = [p for p in sorted(places([None] * rng.randint(0, 40)).values()) if rng.random() < 0.8]
    current: list[int | None] = list(placed)
    for _ in range(rng.randint(0, 30)):
        current.insert(rng.randint(0, len(current)), rng.choice([None, UNPLACED]))
    found = places(current)
    assert [p for i, p in enumerate(current) if i not in found] == placed
    for _ in range(rng.randint(0, 10)):
        current.insert(rng.randint(0, len(current)), rng.randint(-1, 50 * GAP))
    found = places(current)
    final = [found.get(i, p) for i, p in enumerate(current)]
    assert all(isinstance(p, int) and p >= 0 for p in final) and final == sorted(set(final), key=int)
    assert places(final) == {}


def test_places_stay_below_the_end() -> None:
    """An earlier version's codes of a name's first letters lay above END (Chinese text) or not:
    those above are placed again; rows that would be placed past END place every row again."""
    assert places([END + 5, END + 5, 7]) == {0: 1, 1: 4}
    assert places([3, END - GAP, None]) == {0: GAP - 1, 1: 2 * GAP - 1, 2: 3 * GAP - 1}


async def test_a_page_of_ties_reads_about_a_bucket_of_them(store: GraphStore, corpus: tuple[DocumentFacts, ...],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Indicators share names by the dozen here (by the thousand at 10,000 documents): the first page
    by name is bounded within its name's ties, so FalkorDB's index yields about a bucket of rows."""
    if store.name != "falkordb":
        pytest.skip("only FalkorDB's pages are bounded")
    monkeypatch.setattr(browse, "BOUNDS_STEP", 3)
    await _load(store, corpus)
    await store.after_writes()
    text = page_query("indicators", set(), "name", desc=False, after=False, nulls=False, dialect=store.name,
                      bounded=True)
    rows = await store.read_built(text, {"limit": 5})
    within = await store.read_built("MATCH (i:Indicator) WHERE i.nameOrder <= $bound RETURN count(i) AS n",
                                    {"bound": rows[0]["bound"]})
    ties = await store.read_built("MATCH (i:Indicator {name: $name}) RETURN count(i) AS n",
                                  {"name": rows[0]["sortValue"]})
    assert len(rows) == 5 and within[0]["n"] <= 5 + 2 * 3 < ties[0]["n"]


def test_falkordb_indexes_no_text_sort_key_it_never_ranges() -> None:
    """Every index is rebuilt at each start of the embedded store. A text sort key is ranged
    through ``toString`` on FalkorDB (never from an index; a placed one's bounded page ranges over
    its place), so the composite index that serves Neo4j's pages by it gives it none there; places
    have theirs (tests/test_falkordb_indexes.py checks every index against the plans)."""
    indexed = {(i.label, i.prop) for i in schema_items() if not i.unique and not i.fulltext}
    for name, listing in LISTINGS.items():
        for sort in (*ORDERED_TEXT.get(listing.label, ()), *UNORDERED_TEXT.get(listing.label, ())):
            text = page_query(name, set(), sort, desc=False, after=True, nulls=False, dialect="falkordb",
                              text_sort=True)
            assert f"toString({listing.x}.{sort}) >= $afterSort" in text
            assert ((listing.label, order_property(sort)) in indexed) == placed(name, sort)
    assert not {("BudgetDocument", "title"), ("Policy", "issuer"), ("DataQualityFinding", "check"),
                ("Indicator", "name"), ("Project", "name")} & indexed


async def test_a_unit_or_policy_keeps_its_place_while_its_text_stays(store: GraphStore,
                                                                    corpus: tuple[DocumentFacts, ...]) -> None:
    """A unit's name and a policy's issuer are chosen in Cypher (the latest year's name; the issuer
    of its last citation): written again unchanged, the node keeps its place; with a new text (a
    later year's name, another issuer), it is unplaced until the next placing, which gives it one."""
    params = upsert_params(corpus[0])
    unit, cited = params["unit"], params["citations"][0]

    async def unit_and_policy_places() -> tuple[Any, Any]:
        rows = await store.read_built("MATCH (u:Unit {id: $unit}) MATCH (p:Policy {key: $policy}) "
                                      "RETURN u.nameOrder AS unit, p.issuerOrder AS policy",
                                      {"unit": unit["id"], "policy": cited["key"]})
        return rows[0]["unit"], rows[0]["policy"]

    await store.write("upsert_document", params)
    await store.after_writes()
    first = await unit_and_policy_places()
    assert store.name == "neo4j" or UNPLACED not in first
    await store.write("upsert_document", params)
    assert await unit_and_policy_places() == first
    earlier = {**params, "unit": {**unit, "name": unit["name"] + "（旧）", "fiscalYear": unit["fiscalYear"] - 1}}
    await store.write("upsert_document", earlier)  # an earlier year's name: the unit keeps its name and place
    assert await unit_and_policy_places() == first
    renamed = {**params, "unit": {**unit, "name": unit["name"] + "（新）", "fiscalYear": unit["fiscalYear"] + 1},
               "citations": [{**cited, "issuer": "另一机关"}, *params["citations"][1:]]}
    await store.write("upsert_document", renamed)
    assert await unit_and_policy_places() == (UNPLACED, UNPLACED)
    await store.after_writes()
    assert store.name == "neo4j" or UNPLACED not in await unit_and_policy_places()
