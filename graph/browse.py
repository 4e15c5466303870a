"""The root lists' Cypher, composed per request from the filters actually set.

A list is counted and paged by two queries, never by collecting every match to slice one page:
``count`` returns ``total``; ``page`` returns up to ``$limit`` rows in (sort key, id) order (both
reversed for a descending page) after a keyset cursor (``$afterSort``, ``$afterKey``), so a page
deep into a list reads from its cursor on, in the order of the sort key's index
(graph/schema.cypher). Only the clauses of the filters that are set appear in the text: a ``$x IS
NULL OR ...`` guard would keep the planner from seeking an index. Values are always parameters;
the text depends only on which filters are set, the sort key (an enum of app/api/sorting.py) and
the direction.

Rows whose sort key is null come after all others, ordered by id (``nulls=True`` reads them).

FalkorDB reads no index in order: an unfiltered page sorts every node of its label, so it grows
with the graph. There a page can be *bounded*: each list's numeric sort keys (and names and
years, by their rows' places in (value, key) order: graph/order.py) keep a histogram in the
graph (a ``PageBounds`` node: every ``step``-th value, up and down; written at the end of each
load run, :func:`bounds_refresh`), and the page adds a range on the sort key up to the boundary
at least one page past its cursor, so the index yields about a bucket of rows to sort. Every row
the bound leaves out sorts after every row it keeps, so when the bounded page is full it is the
page; when it is not (no histogram yet, a stale one, the list's end) the caller reads it again
without the bound (app/api/pagination.py): the answer is always the unbounded one. A filter that
keeps a share of the rows is read from bounds further on first (:data:`REACHES`), and a filter
whose patterns reach a few nodes from each row (``Filter.rowwise``: an indicator's project, a
project's policies) is tested row by row within the bound, not walked from its own side. A page
sorted by the key a filter ranges over (projects by year from 2020 on) starts its bound at the
filter's start, not at the list's, and reads no bound past the filter's other end (``_ranged``).

    >>> print(page_query("function_classes", {"codePrefix"}, "code", desc=False, after=False, nulls=False))
    MATCH (fc:FunctionClass)
    WHERE fc.code STARTS WITH $codePrefix AND fc.code IS NOT NULL
    WITH fc ORDER BY fc.code LIMIT $limit
    RETURN fc {.*} AS item, fc.code AS sortValue, fc.code AS keyValue
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import cache

from graph.dialect import composite_indexes, indexed_properties, text_range
from graph.order import ORDERED_TEXT, UNORDERED_TEXT, UNPLACED, order_property, placed_sorts
from graph.payload import NODE_FACTS, indicator_by_key
from graph.projection import expand
from graph.rollups import Family, area_key

REGION_UNITS = "(:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-"
# A unit by id, name or former name, sought by id: its name's unit key ($unitKey, app/api/filters.py)
# is the id of the unit every name it has had belongs to.
UNIT = ("unit", "unitKey")
UNIT_NAMED = "({u}.id IN [$unit, $unitKey] AND ({u}.id = $unit OR {u}.name = $unit OR $unit IN {u}.names))"
# Joins a list matches only when a filter needs them (a bare label is counted from its store).
DOC_UNIT = "(d)-[:OF_UNIT]->(u:Unit)"
PROJECT_UNIT = "(p)-[:UNDERTAKEN_BY]->(u:Unit)"
INDICATOR_PROJECT = "(p:Project)-[:HAS_INDICATOR]->(i)"
INDICATOR_UNIT = "(p)-[:UNDERTAKEN_BY]->(u:Unit)"
FINDING_DOCUMENT = "(d:BudgetDocument)-[:HAS_FINDING|ABOUT]-(f)"


@dataclass(frozen=True)
class Filter:
    """The clauses one filter adds when any of its ``params`` is set: patterns from the listed
    node (``fanout`` when they can reach it more than once; one pattern two filters need is
    matched once) and/or a WHERE condition."""

    params: tuple[str, ...]
    match: tuple[str, ...] = ()
    where: str | None = None
    fanout: bool = False
    rowwise: bool = False  # its patterns reach a few nodes from each listed node: a bounded page tests them per row
    least: str | None = None  # the property whose least value its one parameter is (``p.fiscalYear``)
    most: str | None = None  # the property whose greatest value its one parameter is


@dataclass(frozen=True)
class Kept:
    """A count the graph keeps (roll-up cells, graph/rollups.py), read in place of counting the
    matches when every filter set is one of ``params`` (at least one: a bare label's count is the
    engine's own); ``text`` builds it from the filters set."""

    params: frozenset[str]
    text: Callable[[Collection[str]], str]
    needs: frozenset[str] = frozenset()  # filters that must be among those set (the family's own: subsidies)

    def answers(self, given: Collection[str]) -> bool:
        return bool(given) and set(given) <= self.params and self.needs <= set(given)


def _in_cells(family: str, conditions: dict[str, str], needs: frozenset[str] = frozenset()) -> Kept:
    """The listed nodes counted by the cells of all regions of a roll-up ``family`` that hold one
    group per node, each filter a ``condition`` on the cell (its year, kind, scope): a few dozen
    cells, never the nodes. The filters in ``needs`` are what the family holds (only subsidies):
    set, they add no condition, and the count needs them set. A cell a load left stale until its
    end (ingest.cypher add_up_all_cells) is read as the region cells it holds, added up at each write."""

    def text(given: Collection[str]) -> str:
        where = " AND ".join(f"cell.{conditions[p]}" for p in conditions if p in given)
        return (f"MATCH (cell:RollupCell {{family: '{family}', level: 'ALL'}}){f' WHERE {where}' if where else ''}\n"
                "OPTIONAL MATCH (member:RollupCell {cell: cell.key}) WHERE cell:StaleCell\n"
                "WITH CASE WHEN cell:StaleCell THEN member ELSE cell END AS counted\n"
                "RETURN coalesce(sum(counted.count[0]), 0) AS total")

    return Kept(frozenset(conditions) | needs, text, needs)


@dataclass(frozen=True)
class Listing:
    """One root list: its pattern, the node it lists (``x``), that node's key, its filters, and
    the counts the graph keeps of it (``kept``)."""

    pattern: str
    x: str
    key: str
    filters: tuple[Filter, ...]
    fanout: bool = False  # the pattern itself can reach one node twice
    always: frozenset[str] = frozenset()  # sort properties every such node has (no null tail to read)
    tail: str = ""  # clauses between the page and its RETURN (e.g. the region's parent)
    item: str = field(default="")
    by_key: Callable[[str, str], str] | None = None  # a pattern finding one by key where its key has no index
    kept: tuple[Kept, ...] = ()

    def keyed(self, var: str, key: str) -> str:
        """A pattern binding ``var`` to the listed node whose key is ``key`` (an expression)."""
        return self.by_key(var, key) if self.by_key else f"({var}:{self.label} {{{self.key}: {key}}})"

    @property
    def label(self) -> str:
        return self.pattern.split(":")[1].rstrip(")")

    @property
    def projection(self) -> str:
        """The row's item: the listed node's stored properties (graph/projection.py) where the loader
        writes a fact on it, else all of them."""
        return self.item or expand(f"{self.x} {{.@{self.label}}}" if self.label in NODE_FACTS else f"{self.x} {{.*}}")


def _range(prop: str, low: str, high: str) -> tuple[Filter, Filter]:
    """Filters keeping ``prop`` from ``$low`` and up to ``$high``: a page sorted by ``prop`` starts
    at one and ends at the other (:func:`_ranged`)."""
    return (Filter((low,), where=f"{prop} >= ${low}", least=prop),
            Filter((high,), where=f"{prop} <= ${high}", most=prop))


def _years(prop: str) -> tuple[Filter, Filter]:
    return _range(prop, "yearMin", "yearMax")


def _amounts(prop: str) -> tuple[Filter, Filter]:
    return _range(prop, "amountMin", "amountMax")


def _in_areas(family: Family) -> Kept:
    """A region's projects or documents, counted from the area cells of ``family`` (graph/rollups.py)
    of the regions within it, one per region, added up again whenever a document of a unit there is
    written or deleted: the count reads the region's tree, never its projects (2,499 of them in a
    region of 10,000 documents) or documents (813 rows read for one region's at 10,000)."""
    text = ("MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(areaRegion:Region)\n"
            f"WITH DISTINCT {area_key(family, 'areaRegion.name')} AS areaKey\n"
            "OPTIONAL MATCH (area:RollupCell {key: areaKey})\n"
            "RETURN coalesce(sum(area.count[0]), 0) AS total")
    return Kept(frozenset({"region"}), lambda given: text)


CELL_YEARS = {"yearMin": "fiscalYear >= $yearMin", "yearMax": "fiscalYear <= $yearMax"}
DOCUMENT_CELLS = _in_cells("DOCUMENTS", {**CELL_YEARS, "kind": "kind = $kind", "scope": "scope = $scope"})
# a project is in the PROJECTS roll-up of its document (one group: the document's projects), a
# subsidy in its SUBSIDIES one too, of the document's year: counted by year from their cells
PROJECT_CELLS = (_in_cells("PROJECTS", CELL_YEARS),
                 _in_cells("SUBSIDIES", CELL_YEARS, needs=frozenset({"subsidiesOnly"})))

LISTINGS: dict[str, Listing] = {
    "units": Listing("(u:Unit)", "u", "id", always=frozenset({"id", "name"}), filters=(
        Filter(("text",), where="(u.name CONTAINS $text OR any(n IN u.names WHERE n CONTAINS $text))"),
        Filter(("region",), match=(f"{REGION_UNITS}(u)",)),
        Filter(("policy",), match=("(:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(:Project)-[:UNDERTAKEN_BY]->(u)",),
               fanout=True),
        Filter(("yearMin", "yearMax"), match=("(u)<-[:OF_UNIT]-(yd:BudgetDocument)",), fanout=True, rowwise=True),
        *_years("yd.fiscalYear"),
    )),
    "documents": Listing("(d:BudgetDocument)", "d", "id", always=frozenset({"fiscalYear", "title"}), filters=(
        *_years("d.fiscalYear"),
        Filter(("kind",), where="d.kind = $kind"),
        Filter(("scope",), where="d.scope = $scope"),
        Filter(UNIT, match=(DOC_UNIT,), where=UNIT_NAMED.format(u="u")),
        *_amounts("d.totalWan"),
        Filter(("text",), where="d.title CONTAINS $text"),
        Filter(("region",), match=(DOC_UNIT, f"{REGION_UNITS}(u)")),
        Filter(("policy",), match=("(d)-[:CITES]->(:Policy {key: $policy})",), fanout=True),
        Filter(("codePrefix",), match=("(d)-[:SPENDS]->(sfc:FunctionClass)",), where="sfc.code STARTS WITH $codePrefix",
               fanout=True, rowwise=True),
    ), kept=(_in_areas(Family.DOCUMENTS), DOCUMENT_CELLS)),
    "projects": Listing("(p:Project)", "p", "id", always=frozenset({"fiscalYear", "name"}), filters=(
        *_years("p.fiscalYear"),
        Filter(UNIT, match=(PROJECT_UNIT,), where=UNIT_NAMED.format(u="u")),
        *_amounts("p.budgetWan"),
        Filter(("subsidiesOnly",), where="p:Subsidy"),
        Filter(("text",), where="p.name CONTAINS $text"),
        Filter(("region",), match=(PROJECT_UNIT, f"{REGION_UNITS}(u)")),
        Filter(("policy",), match=("(:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(p)",), fanout=True),
        Filter(("issuer",), match=("(ip:Policy)-[:BASIS_OF|ALLOCATES]->(p)",), where="ip.issuer CONTAINS $issuer",
               fanout=True, rowwise=True),
    ), kept=(_in_areas(Family.PROJECTS), *PROJECT_CELLS)),
    "policies": Listing("(pol:Policy)", "pol", "key", always=frozenset({"key"}), filters=(
        Filter(("issuer",), where="pol.issuer CONTAINS $issuer"),
        *_years("pol.year"),
        Filter(("text",), where="(pol.docNumber CONTAINS $text OR pol.title CONTAINS $text)"),
        Filter(UNIT, match=("(pol)-[:BASIS_OF|ALLOCATES]->(:Project)-[:UNDERTAKEN_BY]->(fu:Unit)",),
               where=UNIT_NAMED.format(u="fu"), fanout=True),
        Filter(("region",), match=(f"{REGION_UNITS}(:Unit)<-[:UNDERTAKEN_BY]-(:Project)<-[:BASIS_OF|ALLOCATES]-(pol)",),
               fanout=True),
    )),
    "indicators": Listing("(i:Indicator)", "i", "id", always=frozenset({"name"}), by_key=indicator_by_key, filters=(
        Filter(("yearMin", "yearMax", "subsidiesOnly", "policy"), match=(INDICATOR_PROJECT,), rowwise=True),
        *_years("p.fiscalYear"),
        Filter(UNIT, match=(INDICATOR_PROJECT, INDICATOR_UNIT), where=UNIT_NAMED.format(u="u")),
        Filter(("subsidiesOnly",), where="p:Subsidy"),
        Filter(("text",), where="i.name CONTAINS $text"),
        Filter(("region",), match=(INDICATOR_PROJECT, INDICATOR_UNIT, f"{REGION_UNITS}(u)")),
        Filter(("policy",), match=("(:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(p)",), fanout=True),
    )),
    "regions": Listing("(r:Region)", "r", "name", always=frozenset({"name"}), filters=(
        Filter(("text",), where="r.name CONTAINS $text"),
        Filter(("region",), match=("(r)-[:PART_OF*0..8]->(:Region {name: $region})",)),
    ), tail="OPTIONAL MATCH (r)-[:PART_OF]->(parent:Region)", item="r {.name, parent: parent.name}"),
    "function_classes": Listing("(fc:FunctionClass)", "fc", "code", always=frozenset({"code"}), filters=(
        Filter(("codePrefix",), where="fc.code STARTS WITH $codePrefix"),
        Filter(("level",), where="size(fc.code) = $level"),
        Filter(("text",), where="fc.name CONTAINS $text"),
    )),
    "load_runs": Listing("(r:LoadRun)", "r", "id", (), always=frozenset({"startedAt"})),
    "findings": Listing("(f:DataQualityFinding)", "f", "id", always=frozenset({"check"}), filters=(
        Filter(("yearMin", "yearMax", "unit"), match=(FINDING_DOCUMENT,), fanout=True),
        *_years("d.fiscalYear"),
        Filter(UNIT, match=("(d)-[:OF_UNIT]->(fu:Unit)",), where=UNIT_NAMED.format(u="fu")),
        Filter(("text",), where="(f.check CONTAINS $text OR f.message CONTAINS $text)"),
    )),
}


def may_lack(name: str, sort: str) -> bool:
    """Whether some listed nodes may have no ``sort`` property (their page reads a null tail)."""
    return sort not in LISTINGS[name].always


def _active(listing: Listing, given: Collection[str]) -> list[Filter]:
    return [f for f in listing.filters if any(p in given for p in f.params)]


def _body(listing: Listing, given: Collection[str], extra: list[str], dialect: str = "neo4j",
          carry: str | None = None) -> list[str]:
    """MATCH ... WHERE ... up to the listed node, DISTINCT where a pattern can repeat it.

    FalkorDB plans a pattern from the node a predicate names: with the page's conditions on the
    listed node beside a filter's pattern, it would scan every listed node and walk each to the
    filter (every project to its region), so there they come after the pattern, from the
    filter's own key (the region) on. Neo4j needs them beside it to read the sort index in order.
    A page bounded on FalkorDB (``carry``: its bound, :func:`page_query`) reads the listed nodes
    within the bound first and then each one's :attr:`Filter.rowwise` patterns, which reach a few
    nodes from each row (an indicator's project, a project's policies): a bucket of rows, never
    every match of the filter."""
    active = _active(listing, given)
    if carry is not None and any(f.match for f in active):
        where = [f.where for f in active if f.where]
        repeated = listing.fanout or any(f.fanout for f in active)
        return [f"MATCH {listing.pattern}", *(["WHERE " + " AND ".join(extra)] if extra else []),
                f"WITH {listing.x}, {carry}",
                *[f"MATCH {m}" for m in dict.fromkeys(m for f in active for m in f.match)],
                *(["WHERE " + " AND ".join(where)] if where else []),
                *([f"WITH DISTINCT {listing.x}, {carry}"] if repeated else [])]
    matches = [listing.pattern, *dict.fromkeys(m for f in active for m in f.match)]
    lines = [f"MATCH {m}" for m in matches]
    conditions = [f.where for f in active if f.where]
    repeated = listing.fanout or any(f.fanout for f in active)
    x = listing.x
    if repeated or (dialect == "falkordb" and extra and len(matches) > 1):
        if conditions:
            lines.append("WHERE " + " AND ".join(conditions))
        lines.append(f"WITH {'DISTINCT ' if repeated else ''}{x}")
        conditions = []
    conditions += extra
    if conditions:
        lines.append("WHERE " + " AND ".join(conditions))
    return lines


def count_query(name: str, given: Collection[str]) -> str:
    """``total``: how many distinct nodes the filters (the parameters in ``given``) match."""
    listing = LISTINGS[name]
    for kept in listing.kept:
        if kept.answers(given):
            return kept.text(given)
    return "\n".join([*_body(listing, given, []), f"RETURN count({listing.x}) AS total"])


UNBOUNDED = 1.0e308  # a bound beyond every value: the page is read to the list's end (``bound`` says so)
BOUNDS_STEP = 100  # rows between two boundaries of a histogram, at least
BOUNDS_MAX = 1000  # boundaries a histogram holds, at most (past that its step grows)
ANCHOR_STEP = 16  # rows between two places a histogram of places keeps for the next placing
BOUNDS_DRIFT = 8  # a histogram is written again once its list's count moved by 1/8 of the count it was written at
REACHES = (1, 8, 64)
"""How many pages' worth of rows a bounded page reads in turn (:func:`page_query` ``reach``) before
it reads without a bound: a filter on the listed node's own properties that keeps one row in 20
(subsidies among projects) fills no page from a bound one page away, and without a bound the
page sorts every match, a share of the graph (6,791 rows read for 20 subsidies by budget at
1,000 documents, 275 at 100); from 8 or 64 pages away it reads about a page over the filter's
share, whatever the size of the graph."""
FURTHER = tuple(4 ** k for k in range(4, 18))
"""The reaches after :data:`REACHES` of a page whose filters FalkorDB reads from the index with the
bound (:func:`indexed_filters`): each read costs the matches within its bound, not the bound's
rows, so a filter that keeps fewer (projects of 100 万元 or more, one in 40) is read further on
until a page is full or a bound passes the list's end (a read says how far its bound reached
even when it found no row: :func:`_finish`), never every match at once without a bound (1,952
projects at 10,000 documents); the reads grow four times each, so they add up to about 4/3 of the
last, and the read that fills a page reads at most about four times the matches it needed (eight
times each, the last read overshot up to eight times: projects of 100 万元 or more by year read
809 rows at 10,000 documents, 413 now). The list's end ends them; the last reach is a safety net,
not a size. Other filters (tested per row, a label) cost the bound's
rows: read further than :data:`REACHES`, they would cost more than every match read at once."""


def indexed_filters(name: str, given: Collection[str]) -> bool:
    """Whether every filter set keeps a range of an indexed property of the listed node (years,
    amounts: :func:`_range`), which FalkorDB reads from the same index as a page's bound."""
    listing = LISTINGS[name]
    indexed = _indexed(name)
    return all(not f.match and (f.least or f.most) in indexed for f in _active(listing, given))


@cache
def _indexed(name: str) -> frozenset[str]:
    """The listed node's indexed properties as its filters name them (``p.budgetWan``): asked per page."""
    listing = LISTINGS[name]
    return frozenset(f"{listing.x}.{prop}" for label, prop in indexed_properties() if label == listing.label)


def tied_index(name: str, sort: str) -> bool:
    """Whether graph/schema.cypher indexes ``sort`` together with the list's key (ties in key order)."""
    listing = LISTINGS[name]
    return (listing.label, (sort, listing.key)) in composite_indexes()


@cache
def bounded_sorts() -> tuple[tuple[str, str], ...]:
    """(list, sort key) of each page a histogram may bound: the sort keys graph/schema.cypher
    indexes with the list's key."""
    return tuple((name, props[0]) for name, listing in LISTINGS.items() for label, props in composite_indexes()
                 if label == listing.label and tied_index(name, props[0])
                 and props[0] not in UNORDERED_TEXT.get(label, ()))


def boundable(name: str, given: Collection[str], rowwise: bool = False) -> bool:
    """Whether a page of ``name`` with the filters in ``given`` may be bounded: filters on the listed
    node's own properties only (one that starts from another node, a region, reads few rows already),
    or with ``rowwise`` (FalkorDB's bounded pages) also those whose patterns reach one node per
    listed node (an indicator's project: its year, a share of every indicator; walked from the
    projects it reads every indicator of those years)."""
    return all(not f.match or (rowwise and f.rowwise) for f in _active(LISTINGS[name], given))


def bound_property(name: str, sort: str) -> str:
    """The property a page's bound ranges over: a text sort key's place (graph/order.py), else the
    sort key itself (a histogram of it is kept only when it holds numbers)."""
    return order_property(sort) if placed(name, sort) else sort


def placed(name: str, sort: str) -> bool:
    """Whether ``sort`` is a sort key given a place (graph/order.py): an ordered text or ties."""
    return sort in placed_sorts(LISTINGS[name].label)


def bounds_probe(name: str, sort: str) -> str:
    """One value of the sort key (a histogram is kept for numbers and ordered text: FalkorDB's
    range index orders strings otherwise than its comparisons, graph/dialect.py)."""
    listing = LISTINGS[name]
    x = listing.x
    return f"MATCH ({x}:{listing.label}) WHERE {x}.{sort} IS NOT NULL RETURN {x}.{sort} AS value LIMIT 1"


@dataclass(frozen=True)
class Placing:
    """The Cypher that gives a list's ordered text sort key its places (graph/order.py).

    ``due``: whether rows wait for a place (an unplaced row, or a histogram not yet built from
    places, as an earlier version's: :func:`bounds_refresh` marks it ``placed``), how many are
    ``unplaced``, whether the histogram keeps anchors (``anchored``) and how many (``anchors``),
    and whether it keeps its boundaries' values and keys (``current``: else written again).
    ``anchored``: the unplaced rows (key, text), sorted as a page sorts rows (text, key), each
    with the places of the anchors (:func:`bounds_refresh`) just before and after it (``low``:
    :data:`UNPLACED` before the first; ``high``: null after the last), found by a binary search of
    ``$steps`` halvings in the anchors, which are in that order: a load's placing reads a few
    anchors per new row, not every anchor of the list (11,000 of the indicators at 10,000
    documents). An anchor's row may be gone or renamed since, but every place given since lies
    between two anchors, so they still split the list where they did (graph/order.py).
    ``neighbours``: for each bucket of ``$buckets`` (places between ``lo`` and ``hi``, new rows
    ``news``: key, text), each new row's nearest placed rows in it (``after``, ``until``: their
    places; null when none) through the place index. ``sorted``: the rows of ``$keys`` in page
    order. ``within``: the keys of the rows placed between ``$lo`` and ``$hi``. ``read``: the
    whole list in page order with its places, up to ``$span`` rows after (``$afterText``,
    ``$afterKey``) when these are set. ``write``: new places (``$rows``: key, place). ``forget``:
    the histogram's boundary values, no longer kept once the whole list is placed again (its
    boundaries split the list no more) until the histogram is written again."""

    due: str
    anchored: str
    neighbours: str
    sorted: str
    within: str
    read: str
    write: str
    forget: str


def placing(name: str, sort: str) -> Placing:
    """The :class:`Placing` of ``name``'s ``sort``. Texts are compared as a page compares them
    (never through an index: graph/dialect.py ``text_range``), in the engine."""
    listing = LISTINGS[name]
    x, label, prop, k = listing.x, listing.label, order_property(sort), listing.key
    text, key, place = f"{x}.{sort}", f"{x}.{k}", f"{x}.{prop}"
    compared = text_range("falkordb", text) if sort in ORDERED_TEXT.get(label, ()) else text
    after = (f"{compared} > $afterText OR ({text} = $afterText AND toString({key}) > $afterKey)")
    columns = f"{key} AS key, {text} AS text, {place} AS place"
    before = "(t < n.text OR (t = n.text AND k < n.key))"
    return Placing(
        due=f"OPTIONAL MATCH (b:PageBounds {{list: '{name}', sort: '{sort}'}}) "
            f"OPTIONAL MATCH ({x}:{label}) WHERE {place} = {UNPLACED} "
            f"WITH b, count({x}) AS unplaced "
            "RETURN unplaced > 0 OR b.placed IS NULL AS due, unplaced, "
            "b.placed IS NOT NULL AND size(b.anchorKeys) > 0 AS anchored, coalesce(size(b.anchorKeys), 0) AS anchors, "
            "b.ascendingKeys IS NOT NULL AS current",
        # the anchor lists taken once (read through the node at each step, they cost 5 times as much)
        anchored=f"MATCH (b:PageBounds {{list: '{name}', sort: '{sort}'}}) "
                 "WITH b.anchorTexts AS ts, b.anchorKeys AS ks, b.anchors AS ps "
                 f"MATCH ({x}:{label}) WHERE {place} = {UNPLACED} AND {text} IS NOT NULL "
                 f"WITH ts, ks, ps, {text} AS t, {key} AS k "
                 # the first anchor not before the row: [from, to) halved $steps times
                 "WITH t, k, ps, reduce(r = [0, size(ks)], step IN range(1, $steps) | CASE WHEN r[0] >= r[1] THEN r "
                 "WHEN ts[(r[0] + r[1]) / 2] < t OR (ts[(r[0] + r[1]) / 2] = t AND ks[(r[0] + r[1]) / 2] < k) "
                 "THEN [(r[0] + r[1]) / 2 + 1, r[1]] ELSE [r[0], (r[0] + r[1]) / 2] END)[0] AS at "
                 f"RETURN k AS key, t AS text, CASE WHEN at > 0 THEN ps[at - 1] ELSE {UNPLACED} END AS low, "
                 "ps[at] AS high ORDER BY t, k",
        neighbours=f"UNWIND $buckets AS bucket MATCH ({x}:{label}) WHERE {place} > bucket.lo AND {place} < bucket.hi "
                   f"WITH bucket, {compared} AS t, toString({key}) AS k, {place} AS o "
                   f"UNWIND bucket.news AS n WITH n, o, {before} AS before "
                   "RETURN n.key AS key, max(CASE WHEN before THEN o END) AS after, "
                   "min(CASE WHEN NOT before THEN o END) AS until",
        sorted=f"UNWIND $keys AS rowKey MATCH {listing.keyed(x, 'rowKey')} "
               f"RETURN {key} AS key, {place} AS place ORDER BY {text}, {key}",
        within=f"MATCH ({x}:{label}) WHERE {place} > $lo AND {place} < $hi RETURN {key} AS key",
        read=f"MATCH ({x}:{label}) WHERE {text} IS NOT NULL AND ($afterKey IS NULL OR {after}) "
             f"RETURN {columns} ORDER BY {text}, {key} LIMIT $span",
        write=f"UNWIND $rows AS row MATCH {listing.keyed(x, 'row.key')} SET {place} = row.place",
        forget=f"MATCH (b:PageBounds {{list: '{name}', sort: '{sort}'}}) REMOVE "
               + ", ".join(f"b.{edges}{of}" for edges in ("ascending", "descending") for of in ("Values", "Keys")))


def bounds_counts(name: str, sort: str) -> tuple[str, str]:
    """How many nodes ``name`` lists now (the engine keeps the count of a label: no scan), and how
    many it listed when its histogram of ``sort`` was written (``count``; null with no histogram):
    written again only once the list grew or shrank by :data:`BOUNDS_DRIFT` (:func:`stale`)."""
    listing = LISTINGS[name]
    return (f"MATCH ({listing.x}:{listing.label}) RETURN count({listing.x}) AS count",
            f"OPTIONAL MATCH (b:PageBounds {{list: '{name}', sort: '{sort}'}}) RETURN b.count AS count")


def stale(count: int, counted: int | None) -> bool:
    """Whether a histogram written when its list held ``counted`` nodes is written again with
    ``count``: a histogram of a list that changed since bounds pages as well (each boundary is a
    value; module doc) with buckets up to that much larger or smaller, and sorting every value
    at every load would grow with the list, not with the load."""
    return counted is None or abs(count - counted) * BOUNDS_DRIFT > counted


def bounds_refresh(name: str, sort: str) -> str:
    """Writes the histogram of ``name``'s ``sort`` values (:func:`bound_property`): every
    ``step``-th value from the least up (``ascending``) and from the greatest down
    (``descending``), each ending with the last, with the count of listed nodes (``$count``:
    :func:`bounds_counts`); a histogram of places is marked ``placed`` and keeps every
    :data:`ANCHOR_STEP`-th row's and each boundary's place, text and key (``anchors``, ``anchorTexts``,
    ``anchorKeys``), between which the next placings put new rows (:class:`Placing`), and each
    boundary's sort value and key (``ascendingValues``, ``ascendingKeys``, ``descendingValues``,
    ``descendingKeys``), which find a cursor among the boundaries by its value (:func:`_bound`)."""
    listing = LISTINGS[name]
    x, prop = listing.x, bound_property(name, sort)
    texts = placed(name, sort)
    # every boundary is an anchor too: rows placed since lie on the side of it their values do
    # (graph/order.py), so a page may start at the last one before its cursor (:func:`_bound`)
    anchored = (f"[i IN range(0, size(vs) - 1) WHERE i % {ANCHOR_STEP} = 0 OR i % step = 0 "
                "OR (size(vs) - 1 - i) % step = 0 | ")
    return "\n".join([
        f"MATCH ({x}:{listing.label}) WHERE {x}.{prop} IS NOT NULL",
        *([f"WITH {x}.{prop} AS v, {x}.{sort} AS t, {x}.{listing.key} AS k ORDER BY v",
           "WITH collect(v) AS vs, collect(t) AS ts, collect(k) AS ks"] if texts else
          [f"WITH {x}.{prop} AS v ORDER BY v", "WITH collect(v) AS vs"]),
        "WHERE size(vs) > 0",
        f"WITH vs, {'ts, ks, ' if texts else ''}CASE WHEN size(vs) / {BOUNDS_MAX} > {BOUNDS_STEP} "
        f"THEN size(vs) / {BOUNDS_MAX} ELSE {BOUNDS_STEP} END AS step",
        f"MERGE (b:PageBounds {{list: '{name}', sort: '{sort}'}})",
        "SET b.step = step, b.count = $count,",
        "    b.ascending = [i IN range(0, size(vs) - 1, step) | vs[i]] + [vs[size(vs) - 1]],",
        "    b.descending = [i IN range(size(vs) - 1, 0, -step) | vs[i]] + [vs[0]]"
        + (f", b.placed = true, b.anchors = {anchored}vs[i]], b.anchorTexts = {anchored}ts[i]], "
           f"b.anchorKeys = {anchored}ks[i]]," if texts else ""),
        *([f"    b.{edges}{of} = [i IN range({first}, {last}, {by}) | {xs}[i]] + [{xs}[{end}]]{comma}"
           for edges, first, last, by, end in (("ascending", "0", "size(vs) - 1", "step", "size(vs) - 1"),
                                                ("descending", "size(vs) - 1", "0", "-step", "0"))
           for of, xs in (("Values", "ts"), ("Keys", "ks"))
           for comma in ["" if (edges, of) == ("descending", "Keys") else ","]] if texts else []),
    ])


def _ranged(name: str, given: Collection[str], sort: str, *, desc: bool) -> tuple[str | None, str | None]:
    """The parameters of the filters set that range over ``sort`` (:func:`_range`) where a page in
    that direction starts (ascending: the least value) and where it ends (the greatest); None for
    each not set."""
    prop = f"{LISTINGS[name].x}.{sort}"
    least = next((f.params[0] for f in _active(LISTINGS[name], given) if f.least == prop), None)
    most = next((f.params[0] for f in _active(LISTINGS[name], given) if f.most == prop), None)
    return (most, least) if desc else (least, most)


def _bound(name: str, sort: str, *, desc: bool, after: bool, reach: int = 1,
           start: str | None = None, stop: str | None = None) -> list[str]:
    """Clauses binding ``pageBound``: the boundary enough steps past where the page starts that at
    least ``$limit`` rows (``reach`` times as many: :func:`page_query`) lie between them; past the
    histogram's last boundary, or with no histogram, no bound (:data:`UNBOUNDED`: the rest of the
    list). The page starts past the cursor (its sort value ``$afterSort``; a placed key's: the
    boundaries' values and keys up to (``$afterSort``, ``$afterKey``), so a cursor whose row is
    gone is found too) and at ``$start`` (a filter's least value of the sort key, its greatest for a
    descending page: :func:`_ranged`), whichever is further: the boundaries behind either are
    passed. A bound past ``$stop`` (the filter's other end) holds every row left: no bound.

    A placed key's page that starts past a cursor or at ``$start`` also binds ``pageFrom``, a place
    no row it reads is placed at or before (after, descending): the place of the cursor's row while
    that row still has the cursor's value (placed rows sort as their places do), or the last
    boundary passed if further (an anchor: every row placed since lies on its side, graph/order.py),
    else none."""
    listing = LISTINGS[name]
    edges, behind, end = ("descending", ">=", -UNBOUNDED) if desc else ("ascending", "<=", UNBOUNDED)
    beyond = ">" if desc else "<"
    lines = [f"OPTIONAL MATCH (pageBounds:PageBounds {{list: '{name}', sort: '{sort}'}})"]
    if placed(name, sort):
        # placed boundaries are compared by their sort values (the places are not the values)
        behind_cursor = (f"pageValues[i] {beyond} $afterSort "
                         f"OR (pageValues[i] = $afterSort AND pageKeys[i] {behind} $afterKey)")
        behind_start = f"pageValues[i] {beyond} ${start}"
        after_stop = f"pageValues[pageAt] {'<' if desc else '>'} ${stop}"
    else:
        behind_cursor, behind_start = f"pageValues[i] {behind} $afterSort", f"pageValues[i] {beyond} ${start}"
        after_stop = f"pageEdges[pageAt] {'<' if desc else '>'} ${stop}"
    passed = [*([behind_cursor] if after else []), *([behind_start] if start else [])]
    values = f"pageBounds.{edges}Values" if placed(name, sort) else f"pageBounds.{edges}"
    keys = f", coalesce(pageBounds.{edges}Keys, []) AS pageKeys" if placed(name, sort) and after else ""
    row = placed(name, sort) and after
    if row:
        lines.append(f"OPTIONAL MATCH {listing.keyed('pageAfter', '$afterKey')}")
    if passed or stop:
        lines.append(f"WITH pageBounds, {'pageAfter, ' if row else ''}coalesce({values}, []) AS pageValues{keys}")
    if passed:  # a boundary behind the cursor or the start is passed: each holds a prefix of the boundaries
        lines.append(f"WITH pageBounds, pageValues, {'pageAfter, ' if row else ''}"
                     "size([i IN range(0, size(pageValues) - 1) WHERE "
                     + " OR ".join(f"({c})" for c in passed) + "]) AS pagePassed")
    start_from = ""
    if placed(name, sort) and passed:
        last = f"pageBounds.{edges}[pagePassed - 1]"
        place = f"pageAfter.{order_property(sort)}"
        further = f"{place} {'<' if desc else '>'} {last}"
        cursor_row = (f"WHEN pageAfter.{sort} = $afterSort AND {place} <> {UNPLACED} AND (pagePassed = 0 OR {further}) "
                      f"THEN {place} " if after else "")
        start_from = (f", CASE {cursor_row}WHEN pagePassed > 0 THEN {last} "
                      f"ELSE {UNBOUNDED if desc else UNPLACED} END AS pageFrom")
    lines.append(f"WITH pageBounds.{edges} AS pageEdges{', pageValues' if stop else ''}, "
                 f"{'pagePassed' if passed else '0'} + "
                 f"($limit{f' * {reach}' if reach != 1 else ''} + pageBounds.step - 2) / pageBounds.step "
                 f"AS pageAt{start_from}")
    ends = f"pageAt < size(pageEdges) - 1{f' AND NOT coalesce({after_stop}, false)' if stop else ''}"
    return [*lines, f"WITH CASE WHEN {ends} THEN pageEdges[pageAt] ELSE {end} END AS pageBound"
            + (", pageFrom" if start_from else "")]


def _within(name: str, sort: str, *, desc: bool, starts: bool) -> str:
    """A row within the page's bound (and past ``pageFrom`` when the page ``starts`` past a cursor
    or a filter's start: :func:`_bound`). An unplaced row may sort anywhere, so it is always within
    (an ascending bound holds it: places are >= 0). Places grow with (value, key), and a descending
    page reads both reversed, so its bound is a place too (not the ties)."""
    value = f"{LISTINGS[name].x}.{bound_property(name, sort)}"
    if starts and placed(name, sort):
        ahead = (f"{value} < pageFrom AND {value} >= pageBound" if desc
                 else f"{value} > pageFrom AND {value} <= pageBound")
        return f"({ahead} OR {value} = {UNPLACED})"
    if desc and placed(name, sort):
        return f"({value} >= pageBound OR {value} = {UNPLACED})"
    return f"{value} {'>=' if desc else '<='} pageBound"


def page_query(name: str, given: Collection[str], sort: str, *, desc: bool, after: bool, nulls: bool,
               dialect: str = "neo4j", text_sort: bool = False, bounded: bool = False, reach: int = 1) -> str:
    """Up to ``$limit`` rows (item, sortValue, keyValue) after the cursor, in sort-key order.

    ``nulls`` reads the rows whose sort key is null (after ``$afterKey`` when ``after``); else
    the others, after (``$afterSort``, ``$afterKey``) when ``after``. ``sort`` is a property
    name from a sort enum, never client text; ``text_sort`` when its values are strings (keys
    always are), whose ranges ``dialect`` may not answer from an index (graph/dialect.py).
    ``bounded`` (rows with a value, filters :func:`boundable`): within the histogram's bound (module doc),
    set ``reach`` pages past the cursor: a filter that leaves a share of the rows leaves about that
    share of a bound's rows (:data:`REACHES`)."""
    listing = LISTINGS[name]
    value, ident = f"{listing.x}.{sort}", f"{listing.x}.{listing.key}"
    ranged, ranged_ident = (text_range(dialect, value) if text_sort else value), text_range(dialect, ident)
    bounded = bounded and not nulls
    if nulls:
        extra = [f"{value} IS NULL"] + ([f"{ranged_ident} > $afterKey"] if after else [])
        order = [("keyValue", ident, "")]
    else:
        # one range on the sort key (so the index yields rows in order from the cursor), then
        # past the cursor's row among those sharing its value (not said as "beyond it OR a later
        # key": Neo4j would read each side of the OR from an index and sort their union); a
        # descending page reads ties by key descending (the index read backwards, places reversed)
        beyond, behind = ("<", ">") if desc else (">", "<")
        extra = [f"{ranged} {beyond}= $afterSort",
                 f"NOT ({ranged} = $afterSort AND {ranged_ident} {behind}= $afterKey)"]
        # the key's existence (always true) lets Neo4j read the (sort key, key) index in page order;
        # after a cursor the range says the value exists (said twice, Neo4j may scan the index whole).
        # FalkorDB reads no index in order: there a condition every row meets is only a test per row
        # (a region's projects: a third of the page's time), so it is said only where a row may fail it
        tied = sort != listing.key
        if dialect == "neo4j":
            extra = [*(extra if after else [f"{value} IS NOT NULL"]), *([f"{ident} IS NOT NULL"] if tied else [])]
        elif not after:
            extra = [] if sort in listing.always else [f"{value} IS NOT NULL"]
        direction = " DESC" if desc else ""
        order = [("sortValue", value, direction), *([("keyValue", ident, direction)] if tied else [])]
        if bounded:
            start, stop = _ranged(name, given, sort, desc=desc)
            extra.append(_within(name, sort, desc=desc, starts=after or start is not None))
    body = _body(listing, given, extra, dialect, carry="pageBound" if bounded else None)
    if dialect == "neo4j" and not nulls and tied_index(name, sort) and boundable(name, given):
        # the planner's choice between the sort key's own index and the (sort key, key) one follows
        # its statistics: with the former it sorts every tie (thousands of indicators share a name).
        # With filters on the listed node's own properties it would seek the filter's index and sort
        # every match (5,686 documents of 10,000 from 2020 on, for 20 by total): read in page order
        # and filtered, a page reads about limit / (the share that matches) rows, whatever the size
        # of the graph, and never more than the index holds
        body[0] += f" USING INDEX {listing.x}:{listing.label}({sort}, {listing.key})"
    if not bounded:
        return _finish(listing, body, sort, order, "LIMIT $limit")
    imported = "pageBound" + (", pageFrom" if placed(name, sort) and (after or start is not None) else "")
    lines = [*_bound(name, sort, desc=desc, after=after, reach=reach, start=start, stop=stop),
             f"CALL {{\nWITH {imported}", *body]
    trim = order_property(sort) if placed(name, sort) else None
    return _finish(listing, lines, sort, order, "LIMIT $limit", carry="pageBound", trim=trim)


def offset_page_query(name: str, given: Collection[str], sort: str, *, desc: bool) -> str:
    """The same order read from ``$skip`` (cursors of earlier versions carried an offset)."""
    listing = LISTINGS[name]
    value, ident = f"{listing.x}.{sort}", f"{listing.x}.{listing.key}"
    order = [
        ("CASE WHEN sortValue IS NULL THEN 1 ELSE 0 END", f"CASE WHEN {value} IS NULL THEN 1 ELSE 0 END", ""),
        ("sortValue", value, " DESC" if desc else ""),
        ("keyValue", ident, " DESC" if desc else ""),
    ]
    return _finish(listing, _body(listing, given, []), sort, order, "SKIP $skip LIMIT $limit")


def _finish(listing: Listing, lines: list[str], sort: str, order: list[tuple[str, str, str]], window: str,
            carry: str | None = None, trim: str | None = None) -> str:
    """Order and cut, then project. ``order`` holds (returned alias form, expression, direction);
    clauses after the cut (``tail``) are ordered again by the returned values, the same order.

    ``carry`` (a bounded page's bound, bound before a subquery ``lines`` opened) is returned as
    ``bound``, and is returned when no row is within it too, in a row with no item (null
    ``keyValue``): a page that finds no row in its bound learns how far the bound reached, so it
    may be read further (:data:`FURTHER`), not at once without a bound. ``trim`` (the place
    property of a page bounded by places): the rows after its last placed row are left out, unless
    no bound was set: an unplaced row within the bound may sort after a row beyond it, a placed one
    may not (graph/order.py), so the page is the unbounded page or falls short of it."""
    x = listing.x
    by = ", ".join(expr + direction for _, expr, direction in order)
    lines = [*lines, f"WITH {x} ORDER BY {by} {window}"]
    if carry:
        lines += [f"RETURN collect({x}) AS pageRows\n}}"]
        kept = "pageRows"
        if trim:
            lines += [f"WITH {carry}, pageRows, [j IN range(0, size(pageRows) - 1) "
                      f"WHERE pageRows[j].{trim} <> {UNPLACED}] AS pagePlaced"]
            kept = (f"CASE WHEN abs({carry}) = {UNBOUNDED} THEN pageRows "
                    "ELSE pageRows[0..coalesce(last(pagePlaced) + 1, 0)] END")
        lines += [f"WITH {carry}, {kept} AS pageRows",
                  f"UNWIND CASE WHEN size(pageRows) = 0 THEN [null] ELSE pageRows END AS {x}"]
    if listing.tail:
        lines.append(listing.tail)
    lines.append(f"RETURN {listing.projection} AS item, {x}.{sort} AS sortValue, {x}.{listing.key} AS keyValue"
                 + (f", {carry} AS bound" if carry else ""))
    if listing.tail:
        lines.append("ORDER BY " + ", ".join(alias + direction for alias, _, direction in order))
    return "\n".join(lines)


def batched(text: str, varying: Collection[str]) -> str:
    """``text`` (a read this module built) run once per row of ``$batch``, in a subquery, so many
    parents' pages or counts are read in one round-trip: each row of ``$batch`` holds the parameters
    in ``varying`` (the parent's key), the others are shared; rows come back with ``batchIndex``."""
    body = re.sub(r"\$(" + "|".join(map(re.escape, varying)) + r")\b", r"batchRow.\1", text)
    return (f"UNWIND range(0, size($batch) - 1) AS batchIndex\nWITH batchIndex, $batch[batchIndex] AS batchRow\n"
            f"CALL {{\nWITH batchRow\n{body}\n}}\nRETURN *")
