"""Relay: every entity has an opaque global id that node(id:)/nodes(ids:) fetch again, the ids of
lineage and flows resolve, old ids keep working, and a rename changes no id."""

from __future__ import annotations

import base64
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.api import schema
from app.api.context import Context
from app.api.relay import NODE_TYPES, decode, global_id
from app.store import GraphStore
from loaders import read_document
from tests.builders import CHANGJI, HEJING, WORLD, load
from tests.corpus import seed
from tests.graphql import execute

NODE = "query ($id: ID!) { node(id: $id) { __typename id } }"
EVERYTHING = """{ units(first: 10) { edges { node { __typename id region { __typename id parent { __typename id } }
    documents { __typename id functionLines { functionClass { __typename id } } dataQualityFindings { __typename id }
      projects { __typename id indicators { __typename id } policies { __typename id } } } } } } }"""


def typed_ids(value: Any) -> set[tuple[str, str]]:
    """Every (__typename, id) pair anywhere in a response."""
    if isinstance(value, dict):
        own = {(value["__typename"], value["id"])} if "id" in value and "__typename" in value else set()
        return own.union(*(typed_ids(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(typed_ids(v) for v in value))
    return set()


async def test_every_entity_comes_back_from_its_global_id(store: GraphStore) -> None:
    await load(store, *WORLD)
    pairs = typed_ids(await execute(store, EVERYTHING))
    assert {t for t, _ in pairs} >= {"Unit", "Region", "BudgetDocument", "FunctionClass", "Project", "Indicator",
                                     "Policy"}
    for type_name, node_id in pairs:
        assert decode(node_id) is not None and decode(node_id)[0] == type_name  # type: ignore[index]
        assert (await execute(store, NODE, id=node_id))["node"] == {"__typename": type_name, "id": node_id}
    ids = [node_id for _, node_id in sorted(pairs)][:5]
    got = await execute(store, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=[*ids, "bm8"])
    assert got["nodes"] == [*({"id": i} for i in ids), None]


async def test_unknown_ids_are_null_with_not_found(store: GraphStore) -> None:
    await load(store, HEJING)
    for unknown in ("nonsense", str(global_id("Project", "no|such|project"))):
        result = await schema.execute(NODE, variable_values={"id": unknown}, context_value=Context(store=store))
        assert result.data == {"node": None}
        assert [e.extensions for e in result.errors or []] == [{"code": "NOT_FOUND"}]


async def test_an_indicator_is_found_from_its_project_and_by_no_other_key(store: GraphStore) -> None:
    """An indicator is sought from its project's key, which its own begins with (graph/payload.py
    ``indicator_by_key``): each comes back with its project; a key without a bar, another project's
    key or an index past the project's indicators finds none, without an error."""
    await load(store, read_document(seed(0)))
    found = await execute(store, "{ indicators(first: 30) { edges { node { id project { id } } } } }")
    indicators = [(e["node"]["id"], e["node"]["project"]["id"]) for e in found["indicators"]["edges"]]
    assert len(indicators) == 30
    back = "query ($id: ID!) { node(id: $id) { id ... on Indicator { project { id } } } }"
    for indicator, project in indicators:
        assert (await execute(store, back, id=indicator))["node"] == {"id": indicator, "project": {"id": project}}
    key = decode(indicators[0][0])[1]  # type: ignore[index]
    project_key, _ = key.rsplit("|", 1)
    for unknown in ("nobar", "|", f"{project_key}|999", f"{project_key}x|0", project_key):
        result = await schema.execute(NODE, variable_values={"id": str(global_id("Indicator", unknown))},
                                      context_value=Context(store=store))
        assert (result.data, [e.extensions for e in result.errors or []]) == ({"node": None}, [{"code": "NOT_FOUND"}])


async def test_lineage_and_flow_ids_resolve_through_node(store: GraphStore) -> None:
    await load(store, *WORLD)
    lineage = await execute(store, '{ fundingLineage(docNumber: "新政办发〔2010〕168号") { nodes { id type } } }')
    flows = await execute(store, """{ moneyFlows(unit: "和静县社会保险中心", fiscalYear: 2025) {
        nodes { id type } } }""")
    drawn = lineage["fundingLineage"]["nodes"] + flows["moneyFlows"]["nodes"]
    assert {n["type"] for n in drawn} >= {"Policy", "Project", "Unit", "Region"}
    for node in drawn:
        if node["type"] not in {"Source", "Spending", "Gap"}:  # income, 基本/项目, differences: not entities
            assert (await execute(store, NODE, id=node["id"]))["node"]["__typename"] == node["type"]


async def test_project_and_document_accept_old_ids_and_global_ids(store: GraphStore) -> None:
    await load(store, CHANGJI)
    old = "昌吉回族自治州社会保险中心|2025|BUDGET|DEPARTMENT|社会保险宣传费"
    query = "query ($id: ID!, $d: ID!) { project(id: $id) { id name } document(id: $d) { id fiscalYear } }"
    by_old = await execute(store, query, id=old, d="昌吉回族自治州社会保险中心|2025|BUDGET|DEPARTMENT")
    by_global = await execute(store, query, id=by_old["project"]["id"], d=by_old["document"]["id"])
    assert by_old == by_global
    assert by_old["project"] == {"id": global_id("Project", old), "name": "社会保险宣传费"}


async def test_ids_stay_the_same_when_the_unit_is_renamed(store: GraphStore) -> None:
    """Seed 002 is the unit as …社会保险管理局 (2020); seed 000 names it …社会保险中心 (2025)."""
    query = """query ($n: String!) { unit(name: $n) { id name documents { id projects { id } } } }"""
    await load(store, read_document(seed(2)))
    before = (await execute(store, query, n="昌吉回族自治州社会保险管理局"))["unit"]
    await load(store, read_document(seed(0)))
    after = (await execute(store, query, n="昌吉回族自治州社会保险管理局"))["unit"]
    assert after["name"] == "昌吉回族自治州社会保险中心"  # the newest document's name
    assert (await execute(store, query, n="昌吉回族自治州社会保险中心"))["unit"]["id"] == after["id"] == before["id"]
    assert after["documents"][0] == before["documents"][0]  # the 2020 document and its projects keep their ids


@settings(max_examples=300)
@given(st.sampled_from(NODE_TYPES), st.text(min_size=1, max_size=12))
def test_a_global_id_reads_back_as_its_type_and_key(type_name: str, key: str) -> None:
    """Any key, colons and non-ASCII text included."""
    assert decode(global_id(type_name, key)) == (type_name, key)


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=12), st.text("ABCDEFGHabcdefgh0123456789-_=+/", max_size=40)))
def test_any_other_text_reads_as_nothing_or_as_an_entity_of_ours(node_id: str) -> None:
    """An old key, a typo, non-ASCII text, a stray padding or '+/': never an error, never an unknown type
    or an empty key."""
    found = decode(node_id)
    assert found is None or (found[0] in NODE_TYPES and found[1])


def test_what_is_not_a_global_id_of_ours_reads_as_nothing() -> None:
    unknown = global_id("Nothing", "1")
    undecodable = base64.urlsafe_b64encode(b"Unit:\xff\xfe").decode()
    for text in ("昌吉回族自治州社会保险中心", "abc", "", unknown, global_id("Unit", ""), undecodable,
                 global_id("Unit", "1")[:-1] + "!"):
        assert decode(text) is None, text
