"""What differs between Neo4j and FalkorDB, decided in one place.

Queries are written once in the subset both engines run (graph/queries/); what differs is the
schema DDL (the Neo4j form in graph/schema.cypher is the source and FalkorDB's statements are
derived from it) and full-text search: Neo4j's indexes split Chinese into character pairs with
their cjk analyzer, FalkorDB's cannot, so the loader writes each node's pairs (``ngrams``,
graph/queries/ingest.cypher) and FalkorDB indexes those. The query string each engine takes and
the procedure that runs it are built here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from graph.order import ORDERED_TEXT, UNORDERED_TEXT

_CONSTRAINT = re.compile(
    r"CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:(?P<label>\w+)\) REQUIRE n\.(?P<prop>\w+) IS UNIQUE"
)
_INDEX = re.compile(r"CREATE INDEX \w+ IF NOT EXISTS FOR \(n:(?P<label>\w+)\) ON \((?P<props>n\.\w+(?:, n\.\w+)*)\)")
_FULLTEXT = re.compile(
    r"CREATE FULLTEXT INDEX (?P<name>\w+) IF NOT EXISTS FOR \(n:(?P<label>\w+)\) ON EACH \[[^\]]+\] OPTIONS .*"
)
NGRAMS = "ngrams"  # FalkorDB: the property holding a node's character pairs


@dataclass(frozen=True)
class SchemaItem:
    """One declared key or index: ``unique`` for a constraint, ``fulltext`` (the Neo4j index's
    name) for a full-text index."""

    label: str
    prop: str
    unique: bool
    fulltext: str | None = None


@cache
def neo4j_schema_statements() -> tuple[str, ...]:
    """The statements of graph/schema.cypher, comments dropped."""
    text = resources.files("graph").joinpath("schema.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return tuple(s.strip() for s in body.split(";") if s.strip())


_STATEMENT_NAME = re.compile(r"CREATE (?:CONSTRAINT|INDEX|FULLTEXT INDEX) (\w+) IF NOT EXISTS ")


def schema_statement_name(statement: str) -> str:
    """The name a statement of graph/schema.cypher gives its index or constraint (Neo4j names a
    constraint's index after it)."""
    if m := _STATEMENT_NAME.match(statement):
        return m[1]
    raise ValueError(f"graph/schema.cypher: a statement without a name: {statement}")


FALKORDB_UNREAD = frozenset({("Unit", "name"), ("BudgetDocument", "sha256"), ("Policy", "docNumber"),
                             ("Indicator", "id")})
"""Properties graph/schema.cypher indexes for Neo4j that no FalkorDB plan reads: a unit is sought
by the id its names key to (graph/queries/api.cypher ``unit_by_name``), a document's hash and a
policy's number are only returned, and an indicator is found from its project's key
(graph/payload.py ``indicator_by_key``: the id index of 180,000 indicators was a quarter of their
indexes' build). FalkorDB rebuilds every index at each start of the embedded store, so it gets
only those some plan reads (tests/test_falkordb_indexes.py proves both ways)."""

FALKORDB_PLACE_ONLY = frozenset({("Indicator", "score")})
"""Tie sort keys (graph/order.py ``ORDERED_TIES``) that no filter ranges over: a bounded page by
one ranges over its place (``scoreOrder``), so its own index is read only by the unbounded page
from a cursor (a fallback, graph/browse.py), which reads the label whole without it. FalkorDB
rebuilds each index at every start: an indicator's score was one of four indexes of 180,000
indicators (tests/test_falkordb_indexes.py checks that these pages are the only plans it changes)."""

RETIRED = (
    # format 7: a roll-up is reached from its cell (IN_CELL) or its document (graph/queries/aggregate.cypher);
    # the roll-ups' index was about a fifth of FalkorDB's indexes' build at 10,000 documents
    "CREATE INDEX rollup_family IF NOT EXISTS FOR (n:Rollup) ON (n.family)",
    "CREATE INDEX rollup_cell IF NOT EXISTS FOR (n:Rollup) ON (n.cell)",
    "CREATE INDEX rollup_unit IF NOT EXISTS FOR (n:Rollup) ON (n.unit)",
    # format 9: indicators are searched through their names' nodes (IndicatorName), one entry per
    # distinct name instead of one per indicator (graph/search.py)
    "CREATE FULLTEXT INDEX indicator_text IF NOT EXISTS FOR (n:Indicator) ON EACH [n.name] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
    # format 12: projects too, by their names' nodes (ProjectName): a search read every project whose
    # name matched, ~40 sharing each name at 10,000 documents
    "CREATE FULLTEXT INDEX project_text IF NOT EXISTS FOR (n:Project) ON EACH [n.name] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
)
"""Declarations graph/schema.cypher once made that no query reads any more: one rule for both
engines, opening a store drops what the graph still has of them (Neo4j by name,
:func:`neo4j_retired`; FalkorDB by label and property, :func:`falkordb_retired` and
:func:`falkordb_retired_fulltext`), so an index nothing reads is not kept up at every write, nor
rebuilt at every start of the embedded store."""


@cache
def schema_items() -> tuple[SchemaItem, ...]:
    """The schema as data, parsed from the Neo4j DDL: what FalkorDB is given. A composite index (a
    sort key and the node's key, so Neo4j reads ties in key order) is one index per property here:
    FalkorDB's range index gives no order to read, and each property's index serves its own
    filters; but a text sort key is never ranged from an index there (:func:`text_range`; a placed
    one's page ranges over its place, graph/order.py), so a composite gives it none, and nor do
    the properties of :data:`FALKORDB_UNREAD` and :data:`FALKORDB_PLACE_ONLY` get one (each index
    is rebuilt at every start of the store)."""
    items: list[SchemaItem] = []
    for statement in neo4j_schema_statements():
        if m := _CONSTRAINT.fullmatch(statement):
            items.append(SchemaItem(m["label"], m["prop"], unique=True))
        elif m := _INDEX.fullmatch(statement):
            props = [p.removeprefix("n.") for p in m["props"].split(", ")]
            texts = (*ORDERED_TEXT.get(m["label"], ()), *UNORDERED_TEXT.get(m["label"], ()))
            unread = texts if len(props) > 1 else ()
            items += [SchemaItem(m["label"], p, unique=False) for p in props
                      if p not in unread and (m["label"], p) not in FALKORDB_UNREAD | FALKORDB_PLACE_ONLY]
        elif m := _FULLTEXT.fullmatch(statement):
            items.append(SchemaItem(m["label"], NGRAMS, unique=False, fulltext=m["name"]))
        else:
            raise ValueError(f"graph/schema.cypher: no FalkorDB equivalent known for: {statement}")
    # a property indexed twice (by a key, alone, in a composite) is one index: the first declared
    first: dict[tuple[str, str, str | None], SchemaItem] = {}
    for item in items:
        first.setdefault((item.label, item.prop, item.fulltext), item)
    return tuple(first.values())


def _range_properties(statements: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    found = [(m["label"], p.removeprefix("n.")) for s in statements if (m := _INDEX.fullmatch(s))
             for p in m["props"].split(", ")]
    return tuple(dict.fromkeys(found))


@cache
def indexed_properties() -> tuple[tuple[str, str], ...]:
    """(label, property) of every property graph/schema.cypher gives a range index, for either engine."""
    return _range_properties(neo4j_schema_statements())


@cache
def neo4j_retired() -> tuple[str, ...]:
    """The names of the :data:`RETIRED` indexes: Neo4j drops those the database has."""
    declared = {schema_statement_name(s) for s in neo4j_schema_statements()}
    names = tuple(schema_statement_name(s) for s in RETIRED)
    if clash := declared.intersection(names):
        raise ValueError(f"graph/schema.cypher declares retired indexes: {sorted(clash)}")
    return names


@cache
def falkordb_retired() -> tuple[tuple[str, str], ...]:
    """(label, property) of each range index FalkorDB is not given (:func:`schema_items`) that
    graph/schema.cypher declares for Neo4j alone or once declared (:data:`RETIRED`): earlier
    versions gave it some, which opening the store drops."""
    given = {(item.label, item.prop) for item in schema_items() if not item.fulltext}
    return tuple(found for found in dict.fromkeys(indexed_properties() + _range_properties(RETIRED))
                 if found not in given)


@cache
def falkordb_retired_fulltext() -> tuple[str, ...]:
    """Labels whose full-text index is :data:`RETIRED` and not declared again: opening the store drops it."""
    given = {item.label for item in schema_items() if item.fulltext}
    retired = (m["label"] for s in RETIRED if (m := _FULLTEXT.fullmatch(s)))
    return tuple(dict.fromkeys(label for label in retired if label not in given))


@cache
def composite_indexes() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(label, properties) of each index on more than one property (the root lists' sort keys)."""
    found = [(m["label"], tuple(p.removeprefix("n.") for p in m["props"].split(", ")))
             for s in neo4j_schema_statements() if (m := _INDEX.fullmatch(s))]
    return tuple((label, props) for label, props in found if len(props) > 1)


def falkordb_index_statement(item: SchemaItem) -> str:
    """FalkorDB builds a unique constraint on top of an exact-match index, so both need one; a
    full-text index covers the node's character pairs, with no stop words (a pair is no word)."""
    if item.fulltext:
        return f"CALL db.idx.fulltext.createNodeIndex({{label: '{item.label}', stopwords: []}}, '{NGRAMS}')"
    return f"CREATE INDEX FOR (n:{item.label}) ON (n.{item.prop})"


def falkordb_drop_statement(label: str, prop: str) -> str:
    return f"DROP INDEX FOR (n:{label}) ON (n.{prop})"


def falkordb_drop_fulltext_statement(label: str) -> str:
    return f"CALL db.idx.fulltext.drop('{label}')"


def neo4j_drop_statement(name: str) -> str:
    """Drops a :data:`RETIRED` index (a constraint would be dropped with DROP CONSTRAINT: none is retired)."""
    return f"DROP INDEX {name} IF EXISTS"


def text_range(dialect: str, expr: str) -> str:
    """``expr`` as the left side of a range comparison with a string. FalkorDB's range index
    orders strings otherwise than its comparison operators do (Chinese text lands out of order),
    so there the comparison must not be answered from the index; Neo4j's index is exact."""
    return f"toString({expr})" if dialect == "falkordb" else expr


def fulltext_index(label: str) -> str:
    """The Neo4j name of ``label``'s full-text index (graph/schema.cypher)."""
    for item in schema_items():
        if item.fulltext and item.label == label:
            return item.fulltext
    raise KeyError(f"graph/schema.cypher declares no full-text index for {label}")


# What a search matches: groups that must all match, each a choice of spellings, each spelling
# the runs of letters and digits that must all appear (昌吉 社保 -> [[["昌吉"]], [["社保"], ["社会保险"]]]).
Spelling = list[str]
Groups = list[list[Spelling]]


def fulltext_call(dialect: str, label: str) -> str:
    """A clause yielding ``node, score`` for the engine query string ``$fulltext`` over
    ``label``'s full-text index: every node it matches (the app ranks them, graph/search.py)."""
    if dialect == "falkordb":
        return f"CALL db.idx.fulltext.queryNodes('{label}', $fulltext) YIELD node, score"
    return f"CALL db.index.fulltext.queryNodes('{fulltext_index(label)}', $fulltext) YIELD node, score"


def fulltext_query(dialect: str, groups: Groups) -> str | None:
    """The engine's query string requiring every group; None when no run is long enough for an
    index (runs of one character are only checked on the candidates, by the query's filter)."""
    parts = [p for p in (_group(dialect, g) for g in groups) if p]
    if not parts:
        return None
    return " ".join(f"+{p}" for p in parts) if dialect == "neo4j" else " ".join(parts)


def _group(dialect: str, spellings: list[Spelling]) -> str | None:
    alternatives = [_spelling(dialect, s) for s in spellings]
    if not all(alternatives):  # a spelling the index cannot see would be missed: leave it to the filter
        return None
    return "(" + (" OR " if dialect == "neo4j" else "|").join(f"({a})" for a in alternatives) + ")"


def _spelling(dialect: str, runs: Spelling) -> str | None:
    long_runs = [r for r in runs if len(r) >= 2]
    if not long_runs:
        return None
    if dialect == "neo4j":  # a quoted run is a phrase of the cjk analyzer's pairs
        return " AND ".join(f'"{r}"' for r in long_runs)
    return " ".join(r[i : i + 2] for r in long_runs for i in range(len(r) - 1))


def import_key_index(dialect: str, label: str, *, create: bool) -> str:
    """DDL of the temporary index on ``_xid`` (the exporting store's node id) that lets an
    import link relationships to the nodes it created (graph/transfer.py)."""
    if dialect == "falkordb":
        return f"{'CREATE' if create else 'DROP'} INDEX FOR (n:{label}) ON (n._xid)"
    if create:
        return f"CREATE INDEX import_xid_{label} IF NOT EXISTS FOR (n:{label}) ON (n._xid)"
    return f"DROP INDEX import_xid_{label} IF EXISTS"
