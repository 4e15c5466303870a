"""Moving a whole graph between stores (``kg export`` / ``kg import``): the Cypher of each step.

An export is every node (its store id, labels and properties) and every relationship (type,
end nodes' ids and first labels, properties), read in pages of a span of node ids: a page of
relationships is the outgoing ones of that span's nodes. A bounded id range is a seek, so each
page costs its own size (a page ordered by relationship id, or the next N ids, re-matched and
sorted everything after it: quadratic in the graph).
An import creates the nodes label set by label set with their exporting id kept as ``_xid``
(indexed for the while), links the relationships by it, then drops it. Labels and types come
from a graph, never from a client, and are checked to be plain names before they are written
into query text. FalkorDB's search pairs (``ngrams``) and page histograms (``PageBounds``) are not
exported: they are the store's own index data, rewritten on import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graph.catalogue import query
from graph.dialect import schema_items

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

LAST_ID = "MATCH (n) RETURN max(id(n)) AS last"

NODES_PAGE = """MATCH (n) WHERE id(n) > $after AND id(n) <= $upto AND NOT n:PageBounds
RETURN id(n) AS xid, labels(n) AS labels, properties(n) AS props"""

RELATIONSHIPS_PAGE = """MATCH (a)-[r]->(b) WHERE id(a) > $after AND id(a) <= $upto
RETURN type(r) AS type, id(a) AS start, labels(a)[0] AS startLabel, id(b) AS end, labels(b)[0] AS endLabel,
       properties(r) AS props"""


def _checked(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a plain label or relationship type: {name!r}")
    return name


def create_nodes(labels: Sequence[str]) -> str:
    """Nodes of one label set from ``$rows`` (xid, props)."""
    return (f"UNWIND $rows AS row CREATE (n:{':'.join(_checked(label) for label in labels)}) "
            "SET n += row.props, n._xid = row.xid")


def create_relationships(kind: str, start: str, end: str) -> str:
    """Relationships of one type between nodes of two labels from ``$rows`` (start, end, props)."""
    return (f"UNWIND $rows AS row MATCH (a:{_checked(start)} {{_xid: row.start}}) "
            f"MATCH (b:{_checked(end)} {{_xid: row.end}}) CREATE (a)-[r:{_checked(kind)}]->(b) SET r += row.props")


def drop_import_keys(label: str) -> str:
    """Neo4j: a page of ``label``'s nodes loses its import key (found through the key's index)."""
    return (f"MATCH (n:{_checked(label)}) WHERE n._xid IS NOT NULL WITH n LIMIT $limit "
            "REMOVE n._xid RETURN count(n) AS done")


def fulltext_labels() -> list[str]:
    """Labels whose nodes carry search pairs (FalkorDB rewrites them after an import)."""
    return [item.label for item in schema_items() if item.fulltext]


def span_import_keys() -> str:
    """FalkorDB: the nodes of a span of ids (``$after``, ``$upto``] lose their import key. A span of
    ids is a seek; pages of nodes still holding a key read every node of the label again each time
    (no FalkorDB index answers ``IS NOT NULL``), quadratic in the graph."""
    return "MATCH (n) WHERE id(n) > $after AND id(n) <= $upto REMOVE n._xid"


def span_ngrams() -> str:
    """FalkorDB: the nodes of a span of ids with one of the ``$searched`` labels get their search
    pairs (the loader's fragment), by the same seek."""
    return ("MATCH (n) WHERE id(n) > $after AND id(n) <= $upto AND any(label IN labels(n) WHERE label IN $searched)\n"
            + query("set_ngrams", "falkordb"))
