"""Search's Cypher: candidates from each kind's full-text index, filtered to those whose texts
hold every group of the query, and their count.

The engine's index ranks (Neo4j: BM25 over the cjk analyzer's character pairs; FalkorDB: its
scoring over the pairs the loader writes, graph/dialect.py); app/api/search.py scores the
candidates on top. ``$groups`` is what must match (graph/dialect.py ``Groups``); the filter
also checks runs of one character, which no index holds.

    >>> lines = hits_query("falkordb", ["REGION"]).splitlines()
    >>> lines[0]
    "CALL db.idx.fulltext.queryNodes('Region', $fulltext) YIELD node, score"
    >>> lines[-1]
    "RETURN 'REGION' AS kind, node {.name, parent: parent.name} AS item, texts, score"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.dialect import fulltext_call


@dataclass(frozen=True)
class Source:
    """One kind of hit: the label whose full-text index is queried, the texts a hit is matched and
    labelled by, what it returns; ``named`` reaches the hits from a matched text's node when the
    index holds one node per distinct text (an indicator's name: thousands of indicators share one,
    so the index holds the name once, linked to them), each hit carrying its text's score."""

    label: str
    texts: str
    item: str = "node {.*}"
    tail: str = ""
    named: str = ""


SOURCES: dict[str, Source] = {
    "UNIT": Source("Unit", "[node.name] + coalesce(node.names, [])"),
    "REGION": Source("Region", "[node.name]", "node {.name, parent: parent.name}",
                     "OPTIONAL MATCH (node)-[:PART_OF]->(parent:Region)"),
    "POLICY": Source("Policy", "[t IN [node.docNumber, node.title] WHERE t IS NOT NULL]"),
    "DOCUMENT": Source("BudgetDocument", "[node.title]"),
    "PROJECT": Source("Project", "[node.name]"),
    "INDICATOR": Source("IndicatorName", "[node.name]", named="(node)<-[:NAMED]-(named:Indicator)"),
}
_HOLDS_EVERY_GROUP = "all(g IN $groups WHERE any(s IN g WHERE all(w IN s WHERE any(t IN texts WHERE t CONTAINS w))))"


def _matching(dialect: str, kind: str, *, limit: bool) -> list[str]:
    # The test is projected, then filtered on: FalkorDB drops every row when nested quantifiers
    # that reach an outer variable stand in a WHERE clause (it evaluates them right in a WITH).
    source = SOURCES[kind]
    return [fulltext_call(dialect, source.label, limit=limit), f"WITH node, score, {source.texts} AS texts",
            f"WITH node, score, texts, {_HOLDS_EVERY_GROUP} AS held", "WHERE held"]


def _named(source: Source, tail: str = "") -> list[str]:
    """From a matched text's node to its hits, each with the text's score and texts."""
    return [f"MATCH {source.named}", f"WITH named AS node, score, texts{tail}"] if source.named else []


def hits_query(dialect: str, kinds: Sequence[str], items: bool = True) -> str:
    """Up to ``$window`` best candidates of each kind: kind, item, texts, score; without ``items`` each
    item is null (nor is what only it needs read): a search answered by kinds, scores and labels, scored
    from the texts, carries no node's properties (up to a window of every kind's)."""
    parts = []
    for kind in kinds:
        source = SOURCES[kind]
        # a text's hits follow its node in score order: the window is its best texts' first hits,
        # not every hit of every text matched sorted (thousands of indicators share a name)
        window = ["WITH node, score, texts ORDER BY score DESC", *_named(source, " LIMIT $window")] if source.named \
            else ["WITH node, score, texts ORDER BY score DESC LIMIT $window"]
        lines = [*_matching(dialect, kind, limit=True), *window]
        if source.tail and items:
            lines.append(source.tail)
        lines.append(f"RETURN '{kind}' AS kind, {source.item if items else 'null'} AS item, texts, score")
        parts.append("\n".join(lines))
    return "\nUNION ALL\n".join(parts)


def count_query(dialect: str, kinds: Sequence[str]) -> str:
    """How many nodes of each kind match: kind, total."""
    return "\nUNION ALL\n".join(
        "\n".join([*_matching(dialect, kind, limit=False), *_named(SOURCES[kind]),
                   f"RETURN '{kind}' AS kind, count(node) AS total"])
        for kind in kinds)
