"""What differs between Neo4j and FalkorDB, decided in one place.

Queries are written once in the subset both engines run (graph/queries/); only the
schema DDL differs, so the Neo4j form in graph/schema.cypher is the source and FalkorDB's
statements are derived from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_CONSTRAINT = re.compile(
    r"CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:(?P<label>\w+)\) REQUIRE n\.(?P<prop>\w+) IS UNIQUE"
)
_INDEX = re.compile(r"CREATE INDEX \w+ IF NOT EXISTS FOR \(n:(?P<label>\w+)\) ON \(n\.(?P<prop>\w+)\)")


@dataclass(frozen=True)
class SchemaItem:
    """One declared key or index: ``unique`` for a constraint."""

    label: str
    prop: str
    unique: bool


@cache
def neo4j_schema_statements() -> tuple[str, ...]:
    """The statements of graph/schema.cypher, comments dropped."""
    text = resources.files("graph").joinpath("schema.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return tuple(s.strip() for s in body.split(";") if s.strip())


@cache
def schema_items() -> tuple[SchemaItem, ...]:
    """The schema as data, parsed from the Neo4j DDL."""
    items: list[SchemaItem] = []
    for statement in neo4j_schema_statements():
        if m := _CONSTRAINT.fullmatch(statement):
            items.append(SchemaItem(m["label"], m["prop"], unique=True))
        elif m := _INDEX.fullmatch(statement):
            items.append(SchemaItem(m["label"], m["prop"], unique=False))
        else:
            raise ValueError(f"graph/schema.cypher: no FalkorDB equivalent known for: {statement}")
    return tuple(items)


def falkordb_index_statement(item: SchemaItem) -> str:
    """FalkorDB builds a unique constraint on top of an exact-match index, so both need one."""
    return f"CREATE INDEX FOR (n:{item.label}) ON (n.{item.prop})"
