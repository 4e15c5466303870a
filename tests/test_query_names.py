"""Every query the code names exists, checked without a database: a name passed to the store
(``read``, ``write``, ``write_counted``, ``scalar``), to the request's batch loaders
(``info.context.loaders["…"]``) or to a relation field (``Related("…", …)``) is in the Cypher
catalogue (graph/queries/), a root list passed to ``paginate`` is one of graph/browse.py's listings."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.browse import LISTINGS
from graph.catalogue import _patterned, queries
from graph.payload import indicator_by_key, indicator_project_key

ROOT = Path(__file__).resolve().parents[1]
_STORE_CALLS = {"read", "write", "write_counted", "scalar", "Related"}


def _names(tree: ast.AST) -> Iterator[tuple[int, str, str]]:
    """(line, "query" or "listing", name) of each name in the tree."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func, first = node.func, node.args[0]
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called in _STORE_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, "query", first.value
            if called == "paginate" and len(node.args) > 1:
                second = node.args[1]
                if isinstance(second, ast.Constant) and isinstance(second.value, str):
                    yield node.lineno, "listing", second.value
        if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
                and node.value.attr == "loaders" and isinstance(node.slice, ast.Constant)
                and isinstance(node.slice.value, str)):
            yield node.lineno, "query", node.slice.value


def named() -> list[tuple[str, str, str]]:
    """(file:line, kind, name) of every query and listing named in app/ and graph/."""
    found = []
    for folder in ("app", "graph"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for line, kind, name in _names(ast.parse(path.read_text(encoding="utf-8"))):
                found.append((f"{path.relative_to(ROOT)}:{line}", kind, name))
    return found


def test_every_named_query_and_listing_exists() -> None:
    found = named()
    assert sum(kind == "query" for _, kind, _ in found) > 40  # the scan sees the names (a broken one sees none)
    assert sum(kind == "listing" for _, kind, _ in found) >= len(LISTINGS)
    known = {"query": queries().keys(), "listing": LISTINGS.keys()}
    assert [(where, name) for where, kind, name in found if name not in known[kind]] == []


def test_the_scan_finds_each_way_of_naming_a_query() -> None:
    code = ('store.read("a")\nawait s.write_counted("b", {})\ninfo.context.loaders["c"].load(1)\npaginate(s, "d", f)\n'
            'Related("e", key, build)')
    assert sorted((kind, name) for _, kind, name in _names(ast.parse(code))) == [
        ("listing", "d"), ("query", "a"), ("query", "b"), ("query", "c"), ("query", "e")]


def test_a_rule_stated_in_python_is_written_in_no_query_file() -> None:
    """The indicator → project key rule (graph/payload.py) reaches the named queries as a pattern,
    ``@indicator_by_key(...)``, never as a copy of its Cypher."""
    rule = indicator_project_key("id")
    files = sorted((ROOT / "graph" / "queries").glob("*.cypher"))
    assert [f.name for f in files if "last(split(" in f.read_text(encoding="utf-8")] == []
    assert [name for name in ("project_of_indicators", "indicators_by_id") if rule not in queries()[name]] == []
    assert indicator_by_key("i", "id", "p") in queries("falkordb")["project_of_indicators"]


def test_an_unknown_pattern_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="@no_such_rule"):
        _patterned("MATCH @no_such_rule(a, b) RETURN a")
