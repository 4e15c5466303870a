"""Search's Cypher: candidates from each kind's full-text index, filtered to those whose texts
hold every group of the query, and their count.

The engine's index finds the candidates (Neo4j: BM25 over the cjk analyzer's character pairs;
FalkorDB: its scoring over the pairs the loader writes, graph/dialect.py); its scores are not the
app's (app/api/search.py scores a text by how much of it the query covers), so the engine's best
are not the app's best. A search therefore reads every candidate's key and texts alone, grouped by texts
(:func:`candidates_query`), ranks them itself, and then reads the items of those it serves
(:func:`items_query`, :func:`named_query`). ``$groups`` is what must match (graph/dialect.py
``Groups``); the filter also checks runs of one character, which no index holds.

    >>> lines = candidates_query("falkordb", ["REGION"]).splitlines()
    >>> lines[0]
    "CALL db.idx.fulltext.queryNodes('Region', $fulltext) YIELD node, score"
    >>> lines[-1]
    "WITH texts, collect(key) AS keys RETURN 'REGION' AS kind, texts, keys[..$window] AS keys"
    >>> items_query(["REGION"]).splitlines()[-1]
    "RETURN 'REGION' AS kind, node.name AS key, node {.name, parent: parent.name} AS item"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.catalogue import query
from graph.dialect import NGRAMS, fulltext_call


@dataclass(frozen=True)
class Source:
    """One kind of hit: the label whose full-text index is queried, the texts a hit is matched and
    labelled by, its ``key`` (unique: hits of one score and label are listed by it), what it
    returns; ``named`` is the label of the hits reached from a matched text's node when the index
    holds one node per distinct text (an indicator's or a project's name: thousands of indicators
    and projects share one, so the index holds the name once, linked to them by NAMED), each hit
    scored by its text: a search reads as many candidates as there are distinct names matching,
    however many nodes share them."""

    label: str
    texts: str
    key: str
    item: str = "node {.*}"
    tail: str = ""
    named: str = ""


SOURCES: dict[str, Source] = {
    "UNIT": Source("Unit", "[node.name] + coalesce(node.names, [])", "id"),
    "REGION": Source("Region", "[node.name]", "name", "node {.name, parent: parent.name}",
                     "OPTIONAL MATCH (node)-[:PART_OF]->(parent:Region)"),
    "POLICY": Source("Policy", "[t IN [node.docNumber, node.title] WHERE t IS NOT NULL]", "key"),
    "DOCUMENT": Source("BudgetDocument", "[node.title]", "id"),
    "PROJECT": Source("ProjectName", "[node.name]", "name", named="Project"),
    "INDICATOR": Source("IndicatorName", "[node.name]", "name", named="Indicator"),
}
NAMED_KEY = "id"  # the key of a named hit (a project, an indicator): a name's hits are listed by it
_HOLDS_EVERY_GROUP = "all(g IN $groups WHERE any(s IN g WHERE all(w IN s WHERE any(t IN texts WHERE t CONTAINS w))))"


def _matching(dialect: str, kind: str) -> list[str]:
    # The test is projected, then filtered on: FalkorDB drops every row when nested quantifiers
    # that reach an outer variable stand in a WHERE clause (it evaluates them right in a WITH).
    source = SOURCES[kind]
    return [fulltext_call(dialect, source.label), f"WITH node, {source.texts} AS texts",
            f"WITH node, texts, {_HOLDS_EVERY_GROUP} AS held", "WHERE held"]


def candidates_query(dialect: str, kinds: Sequence[str]) -> str:
    """Every candidate of each kind, as its texts and key only, those of equal texts together (they
    score alike): kind, texts, keys (the first ``$window`` in key order; an indicator name's: the
    name). All are read because the app's score, not the engine's, picks the best; the item a hit
    serves is read only for those served (:func:`items_query`)."""
    return "\nUNION ALL\n".join(
        "\n".join([*_matching(dialect, kind), f"WITH texts, node.{SOURCES[kind].key} AS key ORDER BY key",
                   f"WITH texts, collect(key) AS keys RETURN '{kind}' AS kind, texts, keys[..$window] AS keys"])
        for kind in kinds)


def keys_param(kind: str) -> str:
    """The parameter of :func:`items_query` holding the keys of ``kind``'s items to read."""
    return f"{kind.lower()}Keys"


def items_query(kinds: Sequence[str]) -> str:
    """The items of each kind (none of named hits) whose keys are in its :func:`keys_param`: kind, key, item."""
    parts = []
    for kind in kinds:
        source = SOURCES[kind]
        assert not source.named, kind
        lines = [f"UNWIND ${keys_param(kind)} AS key", f"MATCH (node:{source.label} {{{source.key}: key}})"]
        if source.tail:
            lines.append(source.tail)
        parts.append("\n".join([*lines, f"RETURN '{kind}' AS kind, node.{source.key} AS key, {source.item} AS item"]))
    return "\nUNION ALL\n".join(parts)


def named_query(dialect: str, kind: str, items: bool = True) -> str:
    """The first ``$window`` hits of each text in ``$keys`` (names) of ``kind`` by their key: name,
    key, item (null without ``items``: a search that serves no node). One statement for several
    names: a deep page of projects reaches dozens of names, each of a few projects.
    Neo4j reads them in that order from the (name, id) index of the pages by name; FalkorDB's
    index gives no order, so it sorts each name's hits."""
    source = SOURCES[kind]
    if dialect == "neo4j":
        match = (f"MATCH (node:{source.named}) WHERE node.name = name AND node.{NAMED_KEY} IS NOT NULL "
                 f"WITH node ORDER BY node.name, node.{NAMED_KEY} LIMIT $window")
    else:
        match = (f"MATCH (:{source.label} {{{source.key}: name}})<-[:NAMED]-(node:{source.named}) "
                 f"WITH node ORDER BY node.{NAMED_KEY} LIMIT $window")
    return "\n".join(["UNWIND $keys AS name", "CALL {", "WITH name", match, "RETURN node", "}",
                      f"RETURN name, node.{NAMED_KEY} AS key, {source.item if items else 'null'} AS item"])


def count_query(dialect: str, kinds: Sequence[str]) -> str:
    """How many nodes of each kind match (an indicator name's: its indicators): kind, total."""
    def total(kind: str) -> str:
        named = SOURCES[kind].named
        return f"MATCH (node)<-[:NAMED]-(hit:{named})\nRETURN '{kind}' AS kind, count(hit) AS total" if named \
            else f"RETURN '{kind}' AS kind, count(node) AS total"
    return "\nUNION ALL\n".join("\n".join([*_matching(dialect, kind), total(kind)]) for kind in kinds)


def naming_query(dialect: str, kind: str) -> str:
    """Up to ``$batch`` hits of ``kind`` (a named one) not yet linked to their name's node, linked
    (the name's node made when missing, with its search pairs): how many (``linked``). They lose
    their own pairs, which no index reads: for a graph written before ``kind`` was searched by its
    names (app/loading/upgrade.py)."""
    source = SOURCES[kind]
    assert source.named, kind
    lines = [f"MATCH (hit:{source.named}) WHERE NOT (hit)-[:NAMED]->(:{source.label})", "WITH hit LIMIT $batch",
             f"MERGE (n:{source.label} {{{source.key}: hit.name}})", "CREATE (hit)-[:NAMED]->(n)",
             f"SET hit.{NGRAMS} = null", "WITH n, count(hit) AS linked", query("set_ngrams", dialect),
             "RETURN sum(linked) AS linked"]
    return "\n".join(line for line in lines if line)
