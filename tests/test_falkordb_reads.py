"""The embedded store's reads are parsed by the adapter (app/store/falkordb_driver.py) into the same
rows the FalkorDB client library gives: any plain value, nested lists and maps included; nodes and
errors are still the library's."""

from __future__ import annotations

import math
from typing import Any

import pytest
from falkordb.asyncio import FalkorDB
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis.exceptions import ResponseError

from app.store.falkordb_driver import FalkorDBDriver, _NotPlain, _plain, _rows, _texts_quoted

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2**63, 2**63 - 1),
                    st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: math.isfinite(f)),
                    # UTF-8 without NUL: what a client can send as a parameter
                    st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=6))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.from_regex(r"[a-z][a-zA-Z0-9]{0,5}", fullmatch=True), inner,
                                                  max_size=4)), max_leaves=12)


async def _by_library(socket_path: str, graph: str, cypher: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    result = await FalkorDB(unix_socket_path=socket_path).select_graph(graph).ro_query(cypher, params)
    names = [column[1] for column in result.header]
    return [dict(zip(names, map(_plain, row), strict=True)) for row in result.result_set]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES, other=VALUES)
async def test_plain_values_read_as_the_client_library_reads_them(falkordb_socket: str, value: Any,
                                                                   other: Any) -> None:
    driver = FalkorDBDriver("reads", unix_socket_path=falkordb_socket)
    await driver.connect()
    await driver.run("MERGE (:Seed)", {}, write=True)  # a read needs the graph to exist
    try:
        cypher = "UNWIND [1, 2] AS n RETURN $v AS v, n, {first: $v, second: [$o, n]} AS m"
        params = {"v": value, "o": other}
        rows = (await driver.run(cypher, params, write=False)).rows
        assert rows == await _by_library(falkordb_socket, "reads", cypher, params)
        assert [type(r["v"]) for r in rows] == [type(value)] * 2  # 1.0 stays a float, True a bool
    finally:
        await driver.close()


# UTF-8 only: a lone surrogate cannot be sent at all (the client library fails to encode it too)
TEXTS = st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8), min_size=1, max_size=6)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=TEXTS, mixed=st.lists(SCALARS, max_size=3))
async def test_lists_of_texts_are_sent_as_the_client_library_sends_them(falkordb_socket: str, texts: list[str],
                                                                        mixed: list[Any]) -> None:
    params = {"ids": texts, "mixed": mixed, "n": 1}
    graph = FalkorDB(unix_socket_path=falkordb_socket).select_graph("texts")
    assert graph._build_params_header(_texts_quoted(params)) == graph._build_params_header(params)
    driver = FalkorDBDriver("texts", unix_socket_path=falkordb_socket)
    await driver.connect()
    try:
        await driver.run("MERGE (:Seed)", {}, write=True)
        assert (await driver.run("RETURN $ids AS ids", params, write=False)).rows == [{"ids": texts}]
    finally:
        await driver.close()


async def test_nodes_and_errors_are_left_to_the_client_library(falkordb_socket: str) -> None:
    driver = FalkorDBDriver("reads-nodes", unix_socket_path=falkordb_socket)
    await driver.connect()
    try:
        await driver.run("CREATE (:Thing {name: 'a'})", {}, write=True)
        rows = (await driver.run("MATCH (t:Thing) RETURN t, t.name AS name", {}, write=False)).rows
        assert rows[0]["name"] == "a" and rows[0]["t"].properties == {"name": "a"}
        with pytest.raises(ResponseError, match=r"(?i)unknown function|not defined"):
            await driver.run("RETURN nosuchfunction(1)", {}, write=False)
    finally:
        await driver.close()


def test_a_reply_of_unexpected_shape_is_left_to_the_client_library() -> None:
    """A map with a key but no value, or a row with more or fewer cells than columns, is not read here
    (the client library then reads it, or raises), rather than read cut short."""
    header = [[1, "key"], [1, "item"]]
    key = [2, "k"]
    assert _rows([header, [[key, [10, ["a", [3, 1], "b", [2, "x"]]]]], []]) == [{"key": "k",
                                                                                "item": {"a": 1, "b": "x"}}]
    with pytest.raises(_NotPlain):
        _rows([header, [[key, [10, ["a", [3, 1], "b"]]]], []])
    with pytest.raises(_NotPlain):
        _rows([header, [[key, [10, []], [3, 1]]], []])
    with pytest.raises(_NotPlain):
        _rows([header, [[key]], []])
