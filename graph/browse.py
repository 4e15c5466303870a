"""The root lists' Cypher, composed per request from the filters actually set.

A list is counted and paged by two queries, never by collecting every match to slice one page:
``count`` returns ``total``; ``page`` returns up to ``$limit`` rows in (sort key, id) order after
a keyset cursor (``$afterSort``, ``$afterKey``), so a page deep into a list reads from its
cursor on, in the order of the sort key's index (graph/schema.cypher). Only the clauses of the
filters that are set appear in the text: a ``$x IS NULL OR ...`` guard would keep the planner
from seeking an index. Values are always parameters; the text depends only on which filters are
set, the sort key (an enum of app/api/sorting.py) and the direction.

Rows whose sort key is null come after all others, ordered by id (``nulls=True`` reads them).

    >>> print(page_query("function_classes", {"codePrefix"}, "code", desc=False, after=False, nulls=False))
    MATCH (fc:FunctionClass)
    WHERE fc.code STARTS WITH $codePrefix AND fc.code IS NOT NULL
    WITH fc ORDER BY fc.code, fc.code LIMIT $limit
    RETURN fc {.*} AS item, fc.code AS sortValue, fc.code AS keyValue
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from graph.dialect import text_range
from graph.payload import NODE_FACTS
from graph.projection import expand

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


@dataclass(frozen=True)
class Listing:
    """One root list: its pattern, the node it lists (``x``), that node's key, its filters."""

    pattern: str
    x: str
    key: str
    filters: tuple[Filter, ...]
    fanout: bool = False  # the pattern itself can reach one node twice
    always: frozenset[str] = frozenset()  # sort properties every such node has (no null tail to read)
    tail: str = ""  # clauses between the page and its RETURN (e.g. the region's parent)
    item: str = field(default="")

    @property
    def projection(self) -> str:
        """The row's item: the listed node's stored properties (graph/projection.py) where the loader
        writes a fact on it, else all of them."""
        label = self.pattern.split(":")[1].rstrip(")")
        return self.item or expand(f"{self.x} {{.@{label}}}" if label in NODE_FACTS else f"{self.x} {{.*}}")


def _years(prop: str) -> tuple[Filter, Filter]:
    return Filter(("yearMin",), where=f"{prop} >= $yearMin"), Filter(("yearMax",), where=f"{prop} <= $yearMax")


def _amounts(prop: str) -> tuple[Filter, Filter]:
    return Filter(("amountMin",), where=f"{prop} >= $amountMin"), Filter(("amountMax",), where=f"{prop} <= $amountMax")


LISTINGS: dict[str, Listing] = {
    "units": Listing("(u:Unit)", "u", "id", always=frozenset({"id", "name"}), filters=(
        Filter(("text",), where="(u.name CONTAINS $text OR any(n IN u.names WHERE n CONTAINS $text))"),
        Filter(("region",), match=(f"{REGION_UNITS}(u)",)),
        Filter(("policy",), match=("(:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(:Project)-[:UNDERTAKEN_BY]->(u)",),
               fanout=True),
        Filter(("yearMin", "yearMax"), match=("(u)<-[:OF_UNIT]-(yd:BudgetDocument)",), fanout=True),
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
               fanout=True),
    )),
    "projects": Listing("(p:Project)", "p", "id", always=frozenset({"fiscalYear", "name"}), filters=(
        *_years("p.fiscalYear"),
        Filter(UNIT, match=(PROJECT_UNIT,), where=UNIT_NAMED.format(u="u")),
        *_amounts("p.budgetWan"),
        Filter(("subsidiesOnly",), where="p:Subsidy"),
        Filter(("text",), where="p.name CONTAINS $text"),
        Filter(("region",), match=(PROJECT_UNIT, f"{REGION_UNITS}(u)")),
        Filter(("policy",), match=("(:Policy {key: $policy})-[:BASIS_OF|ALLOCATES]->(p)",), fanout=True),
        Filter(("issuer",), match=("(ip:Policy)-[:BASIS_OF|ALLOCATES]->(p)",), where="ip.issuer CONTAINS $issuer",
               fanout=True),
    )),
    "policies": Listing("(pol:Policy)", "pol", "key", always=frozenset({"key"}), filters=(
        Filter(("issuer",), where="pol.issuer CONTAINS $issuer"),
        *_years("pol.year"),
        Filter(("text",), where="(pol.docNumber CONTAINS $text OR pol.title CONTAINS $text)"),
        Filter(UNIT, match=("(pol)-[:BASIS_OF|ALLOCATES]->(:Project)-[:UNDERTAKEN_BY]->(fu:Unit)",),
               where=UNIT_NAMED.format(u="fu"), fanout=True),
        Filter(("region",), match=(f"{REGION_UNITS}(:Unit)<-[:UNDERTAKEN_BY]-(:Project)<-[:BASIS_OF|ALLOCATES]-(pol)",),
               fanout=True),
    )),
    "indicators": Listing("(i:Indicator)", "i", "id", always=frozenset({"name"}), filters=(
        Filter(("yearMin", "yearMax", "subsidiesOnly", "policy"), match=(INDICATOR_PROJECT,)),
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


def _body(listing: Listing, given: Collection[str], extra: list[str], dialect: str = "neo4j") -> list[str]:
    """MATCH ... WHERE ... up to the listed node, DISTINCT where a pattern can repeat it.

    FalkorDB plans a pattern from the node a predicate names: with the page's conditions on the
    listed node beside a filter's pattern, it would scan every listed node and walk each to the
    filter (every project to its region), so there they come after the pattern, from the
    filter's own key (the region) on. Neo4j needs them beside it to read the sort index in order."""
    active = _active(listing, given)
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
    return "\n".join([*_body(listing, given, []), f"RETURN count({listing.x}) AS total"])


def page_query(name: str, given: Collection[str], sort: str, *, desc: bool, after: bool, nulls: bool,
               dialect: str = "neo4j", text_sort: bool = False) -> str:
    """Up to ``$limit`` rows (item, sortValue, keyValue) after the cursor, in sort-key order.

    ``nulls`` reads the rows whose sort key is null (after ``$afterKey`` when ``after``); else
    the others, after (``$afterSort``, ``$afterKey``) when ``after``. ``sort`` is a property
    name from a sort enum, never client text; ``text_sort`` when its values are strings (keys
    always are), whose ranges ``dialect`` may not answer from an index (graph/dialect.py)."""
    listing = LISTINGS[name]
    value, ident = f"{listing.x}.{sort}", f"{listing.x}.{listing.key}"
    ranged, ranged_ident = (text_range(dialect, value) if text_sort else value), text_range(dialect, ident)
    if nulls:
        extra = [f"{value} IS NULL"] + ([f"{ranged_ident} > $afterKey"] if after else [])
        order = [("keyValue", ident, "")]
    else:
        # one range on the sort key (so the index yields rows in order from the cursor), then
        # past the cursor's row among those sharing its value
        beyond = "<" if desc else ">"
        extra = [f"{ranged} {beyond}= $afterSort", f"({ranged} {beyond} $afterSort OR {ranged_ident} > $afterKey)"]
        extra = [*(extra if after else []), f"{value} IS NOT NULL"]
        order = [("sortValue", value, " DESC" if desc else ""), ("keyValue", ident, "")]
    return _finish(listing, _body(listing, given, extra, dialect), sort, order, "LIMIT $limit")


def offset_page_query(name: str, given: Collection[str], sort: str, *, desc: bool) -> str:
    """The same order read from ``$skip`` (cursors of earlier versions carried an offset)."""
    listing = LISTINGS[name]
    value, ident = f"{listing.x}.{sort}", f"{listing.x}.{listing.key}"
    order = [
        ("CASE WHEN sortValue IS NULL THEN 1 ELSE 0 END", f"CASE WHEN {value} IS NULL THEN 1 ELSE 0 END", ""),
        ("sortValue", value, " DESC" if desc else ""),
        ("keyValue", ident, ""),
    ]
    return _finish(listing, _body(listing, given, []), sort, order, "SKIP $skip LIMIT $limit")


def _finish(listing: Listing, lines: list[str], sort: str, order: list[tuple[str, str, str]], window: str) -> str:
    """Order and cut, then project. ``order`` holds (returned alias form, expression, direction);
    clauses after the cut (``tail``) are ordered again by the returned values, the same order."""
    x = listing.x
    by = ", ".join(expr + direction for _, expr, direction in order)
    lines = [*lines, f"WITH {x} ORDER BY {by} {window}"]
    if listing.tail:
        lines.append(listing.tail)
    lines.append(f"RETURN {listing.projection} AS item, {x}.{sort} AS sortValue, {x}.{listing.key} AS keyValue")
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
