"""Named Cypher, parsed once from the files of graph/queries/.

A query is referred to by name everywhere else, so its text lives in exactly one place and
both stores run the same string with values passed as parameters. Files group queries by
concern (ingest, api, ...); a name may appear only once across them.

A line starting ``//@neo4j `` or ``//@falkordb `` is a clause only that engine runs (its full-text
procedures, FalkorDB's own search n-grams): the rest of the line is kept for that dialect and
dropped for the other, so a query stays one text with its engine-specific lines beside it.
``x {.@Label}`` is the projection of the properties the loader writes on a ``Label`` node
(graph/projection.py).

``@name(arg, ...)`` is a pattern graph/payload.py ``PATTERNS`` states in Python for the list builders
too (e.g. an indicator found through its project's key), so its rule is written once.

A line ``INCLUDE <name>`` stands for the text of the named query (a fragment written once and
used by several queries, e.g. FalkorDB's search pairs, written by the loader and by an import).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from graph.payload import PATTERNS
from graph.projection import expand

_HEADER = re.compile(r"^// name: (\w+)\s*$", re.MULTILINE)
_DIALECT_LINE = re.compile(r"^\s*//@(?P<dialect>\w+) (?P<clause>.*)$")
_INCLUDE = re.compile(r"^\s*INCLUDE (\w+)\s*$")
_PATTERN = re.compile(r"@(\w+)\(([^()]*)\)")
DIALECTS = ("neo4j", "falkordb")


def _line_for(line: str, dialect: str) -> str | None:
    """The line as ``dialect`` runs it: comments dropped, the other engine's lines dropped."""
    if m := _DIALECT_LINE.match(line):
        if m["dialect"] not in DIALECTS:
            raise ValueError(f"unknown dialect in query line: {line!r}")
        return m["clause"] if m["dialect"] == dialect else None
    return line if line.strip() and not line.lstrip().startswith("//") else None


@cache
def queries(dialect: str = "neo4j") -> dict[str, str]:
    """All queries by name, as ``dialect`` runs them; comment lines are kept out of the text."""
    named: dict[str, str] = {}
    folder = resources.files("graph").joinpath("queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".cypher"):
            continue
        parts = _HEADER.split(entry.read_text(encoding="utf-8"))
        for name, body in zip(parts[1::2], parts[2::2], strict=True):
            if name in named:
                raise ValueError(f"query {name!r} is defined twice (again in graph/queries/{entry.name})")
            lines = (_line_for(line, dialect) for line in body.splitlines())
            named[name] = _patterned(expand("\n".join(line for line in lines if line is not None)))
    return {name: _included(text, named) for name, text in named.items()}


def _patterned(text: str) -> str:
    """``text`` with each ``@name(arg, ...)`` replaced by its pattern (graph/payload.py ``PATTERNS``)."""
    def pattern(m: re.Match[str]) -> str:
        if m[1] not in PATTERNS:
            raise ValueError(f"unknown pattern in a query: @{m[1]}")
        return PATTERNS[m[1]](*(arg.strip() for arg in m[2].split(",")))
    return _PATTERN.sub(pattern, text)


def _included(text: str, named: dict[str, str]) -> str:
    """``text`` with each ``INCLUDE <name>`` line replaced by that query's text (its own included)."""
    def line(text_line: str) -> str:
        if m := _INCLUDE.match(text_line):
            if m[1] not in named:
                raise ValueError(f"INCLUDE of an unknown query: {m[1]!r}")
            return _included(named[m[1]], named)
        return text_line
    return "\n".join(map(line, text.splitlines()))


_RELATIONSHIP = re.compile(r"\[\w*:([A-Z][A-Z_|]*)")


@cache
def relationship_types() -> tuple[str, ...]:
    """Every relationship type a query names (``[r:A|B]``), sorted."""
    return tuple(sorted({t for text in queries().values() for m in _RELATIONSHIP.findall(text) for t in m.split("|")}))


def query(name: str, dialect: str = "neo4j") -> str:
    """The text of one named query as ``dialect`` runs it; a KeyError names the unknown query."""
    try:
        return queries(dialect)[name]
    except KeyError:
        raise KeyError(f"no query named {name!r} in graph/queries/") from None
