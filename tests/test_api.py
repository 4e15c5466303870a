"""The GraphQL API over both stores: the headline question, the contract's shapes, batching."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from app.api import schema
from app.api.context import Context
from app.service import create_app
from app.store import GraphStore
from tests.builders import BASIS, CHANGJI, HEJING, document, load, project

CONTRACT_CHECK = Path(__file__).resolve().parents[2] / "shared" / "tools" / "check_contract.py"

HEADLINE = """
query ($n: String!) {
  policy(docNumber: $n) {
    docNumber issuer
    fundedProjects { name fiscalYear budgetWan beneficiaryCount unit { name region { name parent { name } } } }
  }
}"""


async def execute(store: GraphStore, query: str, **variables: Any) -> dict[str, Any]:
    result = await schema.execute(query, variable_values=variables, context_value=Context(store=store))
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data


async def test_headline_policy_funds_projects_in_two_units(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING)
    data = await execute(store, HEADLINE, n="新政办发[2010] 168号")
    policy = data["policy"]
    assert policy["docNumber"] == "新政办发〔2010〕168号"
    assert policy["issuer"] == "新疆维吾尔自治区人民政府办公厅"
    got = {(p["unit"]["name"], p["fiscalYear"], p["budgetWan"], p["beneficiaryCount"])
           for p in policy["fundedProjects"]}
    assert got == {("昌吉回族自治州社会保险中心", 2025, 114.34, 877), ("和静县社会保险中心", 2025, 40.0, 277)}
    hejing = next(p for p in policy["fundedProjects"] if p["unit"]["name"] == "和静县社会保险中心")
    assert hejing["unit"]["region"] == {"name": "和静县", "parent": {"name": "巴音郭楞蒙古自治州"}}


async def test_unknown_policy_is_null_not_an_error(store: GraphStore) -> None:
    await load(store, CHANGJI)
    assert (await execute(store, HEADLINE, n="新政办发〔1999〕1号"))["policy"] is None


async def test_funding_lineage_links_policy_allocation_project_unit_region(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING)
    data = await execute(store, """query { fundingLineage(docNumber: "新政办发（2010）168号") {
        nodes { id type label } edges { source target type amountWan } } }""")
    edges = {(e["source"].split(":")[0], e["target"].split(":")[0], e["type"], e["amountWan"])
             for e in data["fundingLineage"]["edges"]}
    assert ("Policy", "Project", "BASIS_OF", 40.0) in edges
    assert ("Policy", "Project", "ALLOCATES", 40.0) in edges  # 巴财企〔2024〕58号 sends the money
    assert ("Project", "Unit", "UNDERTAKEN_BY", 114.34) in edges
    assert ("Unit", "Region", "IN_REGION", None) in edges
    assert ("Region", "Region", "PART_OF", None) in edges
    types = {n["type"] for n in data["fundingLineage"]["nodes"]}
    assert types == {"Policy", "Project", "Unit", "Region"}


async def test_documents_are_paged_with_cursors(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING, document("昌吉回族自治州社会保险管理局", 2020))
    query = "query ($a: String) { documents(first: 2, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { fiscalYear unit { name aliases } } } } }"
    first = (await execute(store, query, a=None))["documents"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"]
    second = (await execute(store, query, a=first["pageInfo"]["endCursor"]))["documents"]
    assert not second["pageInfo"]["hasNextPage"]
    years = [e["node"]["fiscalYear"] for e in first["edges"] + second["edges"]]
    assert years == [2020, 2025, 2025]
    assert first["edges"][0]["node"]["unit"] == {"name": "昌吉回族自治州社会保险中心",
                                                  "aliases": ["昌吉回族自治州社会保险管理局"]}


async def test_nested_fields_cost_the_same_round_trips_for_1_or_20_documents(store: GraphStore) -> None:
    query = "{ documents(first: 100) { edges { node { unit { name region { name } } projects { name policies { docNumber } unit { name } } departments { name } citedPolicies { docNumber } } } } }"

    async def trips(count: int) -> int:
        await store.write("delete_all")
        docs = [document(f"和静县测试单位{i}中心", 2025, project("项目甲", 1.0, BASIS), project("项目乙", 2.0))
                for i in range(count)]
        await load(store, *docs)
        store.round_trips = 0
        data = await execute(store, query)
        assert len(data["documents"]["edges"]) == count
        return store.round_trips

    assert await trips(1) == await trips(20)


async def test_graphql_over_http_and_health(store: GraphStore) -> None:
    await load(store, HEJING)
    transport = httpx.ASGITransport(app=create_app(store=store))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        assert (await client.get("/readyz")).status_code == 200
        response = await client.post("/graphql", json={"query": '{ unit(name: "和静县社会保险中心") { name projects(fiscalYear: 2025) { name budgetWan } } }'})
        assert response.json() == {"data": {"unit": {"name": "和静县社会保险中心",
                                                     "projects": [{"name": "自治区国有企业改革成本", "budgetWan": 40.0}]}}}
        page = await client.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 200 and "PolicyFunds" in page.text  # the example tabs
        assert "https://" not in page.text  # nothing from a CDN: the playground works offline
        for script in ("react.production.min.js", "graphiql.min.js", "graphiql.min.css"):
            assert script in page.text
            assert (await client.get(f"/graphiql-assets/{script}")).status_code == 200


def test_served_schema_contains_the_acceptance_contract(tmp_path: Path) -> None:
    sdl = subprocess.run([sys.executable, "-m", "app.cli", "schema"], capture_output=True, text=True, check=True).stdout
    (tmp_path / "schema.graphql").write_text(sdl, encoding="utf-8")
    check = subprocess.run([sys.executable, str(CONTRACT_CHECK), str(tmp_path / "schema.graphql")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
