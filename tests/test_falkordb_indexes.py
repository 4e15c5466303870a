"""FalkorDB rebuilds every index at each start of the embedded store (most of a big graph's start),
so it is given only the indexes some query's plan reads (graph/dialect.py ``schema_items``): each
range index it has is read by some plan (without it, a plan changes), and the properties
graph/schema.cypher indexes for Neo4j alone would change no plan there (with them all, every plan
is the same). The plans are those of every statement the service, the loader and the placing
send: the catalogue's queries and every page, count, bound and search text the builders compose.
A plan names no property, so a property counts as read when its index, the only one of its label
but the keys', changes a plan."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from importlib import resources

from app.api import sorting
from app.store import GraphStore
from graph import browse, search
from graph.catalogue import queries
from graph.dialect import FALKORDB_PLACE_ONLY, falkordb_drop_statement, falkordb_retired, schema_items
from graph.order import ORDERED_TEXT, ORDERED_TIES, UNORDERED_TEXT

SORTS = {"units": sorting.UnitSort, "documents": sorting.DocumentSort, "projects": sorting.ProjectSort,
         "policies": sorting.PolicySort, "indicators": sorting.IndicatorSort, "regions": sorting.RegionSort,
         "function_classes": sorting.FunctionClassSort, "load_runs": sorting.LoadRunSort,
         "findings": sorting.FindingSort}
NESTED = {"unit", "unitKey", "policy", "region"}  # a parent's key: nested pages are read batched by it


def _fragments() -> set[str]:
    """Queries only ever run INCLUDEd in others (graph/catalogue.py), or prefixed (``set_ngrams``)."""
    folder = resources.files("graph").joinpath("queries")
    text = "".join(entry.read_text(encoding="utf-8") for entry in folder.iterdir() if entry.name.endswith(".cypher"))
    return set(re.findall(r"INCLUDE (\w+)", text))


def _givens(name: str) -> list[set[str]]:
    """The filter sets a list's pages are enumerated with: none, each one, all at once."""
    params = list(dict.fromkeys(p for f in browse.LISTINGS[name].filters for p in f.params))
    return [set(), *({p} for p in params), set(params)]


def _pages(name: str) -> Iterator[str]:
    """Every count and page of a root list: no filter, each filter, all at once; every sort, either
    way, from the start or a cursor, the rows with a value (bounded where they may be) or the rest."""
    listing = browse.LISTINGS[name]
    for given in _givens(name):
        yield browse.count_query(name, given)
        texts = (*ORDERED_TEXT.get(listing.label, ()), *UNORDERED_TEXT.get(listing.label, ()), listing.key)
        for sort in (s.value for s in SORTS[name]):
            boundable = (name, sort) in browse.bounded_sorts() and browse.boundable(name, given)
            for desc, after, nulls in itertools.product((False, True), repeat=3):
                for bounded in (False, True) if boundable else (False,):
                    yield browse.page_query(name, given, sort, desc=desc, after=after, nulls=nulls, dialect="falkordb",
                                            text_sort=sort in texts, bounded=bounded)
            yield browse.offset_page_query(name, given, sort, desc=False)
        if name in ("projects", "documents"):
            for key in given & NESTED:
                yield browse.batched(browse.page_query(name, given, "fiscalYear", desc=False, after=False, nulls=False,
                                                       dialect="falkordb"), [key])
                yield browse.batched(browse.count_query(name, given), [key])


def _placing() -> Iterator[str]:
    for name, sort in browse.bounded_sorts():
        yield browse.bounds_probe(name, sort)
        yield from browse.bounds_counts(name, sort)
        yield browse.bounds_refresh(name, sort)
        if browse.placed(name, sort):
            placing = browse.placing(name, sort)
            yield from (placing.due, placing.anchored, placing.neighbours, placing.sorted, placing.within,
                        placing.read, placing.write)


def statements() -> list[str]:
    """Every statement FalkorDB is sent, once each."""
    fragments = _fragments()
    named = [text for name, text in queries("falkordb").items() if name not in fragments]
    found = [*named, *(t for name in browse.LISTINGS for t in _pages(name)), *_placing(),
             *(f("falkordb", [kind]) for kind in search.SOURCES for f in (search.candidates_query, search.count_query)),
             *(search.named_query("falkordb", kind) if source.named else search.items_query([kind])
               for kind, source in search.SOURCES.items())]
    return list(dict.fromkeys(found))


def _cursor_fallbacks() -> set[str]:
    """The unbounded pages from a cursor by a tie that is only placed (graph/dialect.py
    ``FALKORDB_PLACE_ONLY``): with every filter set, either way, the rows with a value or the rest."""
    return {browse.page_query(name, given, prop, desc=desc, after=True, nulls=nulls, dialect="falkordb")
            for name, listing in browse.LISTINGS.items() for label, prop in FALKORDB_PLACE_ONLY
            if label == listing.label for given in _givens(name)
            for desc, nulls in itertools.product((False, True), repeat=2)}


async def _plan(store: GraphStore, text: str) -> str:
    """The plan, with every parameter given a number, or a map where the query needs one, or (an
    indicator is found from the text of its key: graph/payload.py ``indicator_by_key``) its keys texts."""
    names = dict.fromkeys(re.findall(r"\$(\w+)", text))
    keyed = {n: ["a|0"] if n in ("ids", "keys") else "a|0" if n.endswith("Key") else 1 for n in names}
    for given in (dict.fromkeys(names, 1), {n: {} for n in names}, keyed):
        try:
            return "\n".join(await store.plan(text, given))
        except Exception:
            if given is keyed:
                raise
    raise AssertionError("unreachable")


async def _plans(store: GraphStore, texts: list[str]) -> dict[str, str]:
    return {text: await _plan(store, text) for text in texts}


async def _settled(store: GraphStore) -> None:
    while await store.building():
        pass


async def test_every_falkordb_index_is_read_by_a_plan_and_no_other_would_be(falkordb_store: GraphStore) -> None:
    texts = statements()
    assert len(texts) > 1000  # the builders' texts are there (a broken enumeration yields few)
    given = await _plans(falkordb_store, texts)
    retired = falkordb_retired()
    for label, prop in retired:
        await falkordb_store.write_built(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
    await _settled(falkordb_store)
    changed = [text for text, plan in (await _plans(falkordb_store, texts)).items() if plan != given[text]]
    fallbacks = _cursor_fallbacks()
    assert fallbacks & set(changed), "a placed-only tie's index changes its unbounded cursor pages"
    changed = [text for text in changed if text not in fallbacks]
    assert changed == [], f"an index FalkorDB is not given would change these plans: {changed[:3]}"
    for label, prop in retired:
        await falkordb_store.write_built(falkordb_drop_statement(label, prop))
    unread = []
    ranges = [item for item in schema_items() if not item.unique and not item.fulltext]  # a key's index holds
    for label in dict.fromkeys(item.label for item in ranges):  # its constraint; search calls its index
        props = [item.prop for item in ranges if item.label == label]
        for prop in props:
            await falkordb_store.write_built(falkordb_drop_statement(label, prop))
        await _settled(falkordb_store)
        for prop in props:  # alone on its label: an index read beside another one changes no plan without it
            mention = [t for t in texts if re.search(rf"\b{prop}\b", t)]
            without = await _plans(falkordb_store, mention)
            await falkordb_store.write_built(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
            await _settled(falkordb_store)
            if await _plans(falkordb_store, mention) == without:
                unread.append((label, prop))
            await falkordb_store.write_built(falkordb_drop_statement(label, prop))
            await _settled(falkordb_store)
        for prop in props:
            await falkordb_store.write_built(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
    assert unread == [], "no plan reads these FalkorDB indexes: add them to graph/dialect.py FALKORDB_UNREAD"


def test_falkordb_gives_no_index_to_a_tie_only_its_place_ranges_over() -> None:
    """An indicator's score sorts pages but no filter ranges over it: a bounded page by it ranges
    over its place, so FalkorDB (which rebuilds each index at every start) is given no index on the
    score itself; Neo4j keeps its (score, id) index, which orders its pages."""
    assert ("Indicator", "score") in FALKORDB_PLACE_ONLY
    given = {(item.label, item.prop) for item in schema_items()}
    for label, prop in FALKORDB_PLACE_ONLY:
        assert prop in ORDERED_TIES[label]
        assert (label, prop) not in given and (label, f"{prop}Order") in given
        assert (label, prop) in falkordb_retired()  # a store an earlier version indexed drops it on opening
        for listing in browse.LISTINGS.values():
            if listing.label == label:
                clauses = [c for f in listing.filters for c in (*f.match, f.where or "")]
                assert not [c for c in clauses if re.search(rf"\b{listing.x}\.{prop}\b", c)]
