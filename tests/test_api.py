"""The GraphQL API over both stores: the headline question, the contract's shapes, batching
(on ``tests.builders.WORLD``)."""

from __future__ import annotations

import dataclasses
from typing import Any

import httpx
import pytest

from app.api import schema
from app.api.context import Context
from app.service import create_app
from app.settings import Settings
from app.store import GraphStore
from loaders.facts import UnreadTableFact
from tests.builders import BASIS, CHANGJI, CHANGJI_2025, HEJING, SRC, document, load, project
from tests.cypher import delete_all
from tests.graphql import execute

HEADLINE = """
query ($n: String!) {
  policy(docNumber: $n) {
    docNumber issuer
    fundedProjects { name fiscalYear budgetWan beneficiaryCount unit { name region { name parent { name } } } }
  }
}"""


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


async def test_unknown_policy_is_null_with_not_found(store: GraphStore) -> None:
    """Issue 11: null with an error coded NOT_FOUND, never an empty look-alike result."""
    await load(store, CHANGJI)
    result = await schema.execute(HEADLINE, variable_values={"n": "新政办发〔1999〕1号"},
                                  context_value=Context(store=store))
    assert result.data == {"policy": None}
    assert [e.extensions for e in result.errors or []] == [{"code": "NOT_FOUND"}]


async def test_documents_are_paged_with_cursors(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING, document("昌吉回族自治州社会保险管理局", 2020))
    query = ("query ($a: String) { documents(first: 2, after: $a) { totalCount pageInfo { hasNextPage endCursor }"
             " edges { node { fiscalYear unit { name aliases } } } } }")
    first = (await execute(store, query, a=None))["documents"]
    assert first["totalCount"] == 3 and first["pageInfo"]["hasNextPage"]
    second = (await execute(store, query, a=first["pageInfo"]["endCursor"]))["documents"]
    assert not second["pageInfo"]["hasNextPage"]
    years = [e["node"]["fiscalYear"] for e in first["edges"] + second["edges"]]
    assert years == [2020, 2025, 2025]
    assert first["edges"][0]["node"]["unit"] == {"name": "昌吉回族自治州社会保险中心",
                                                  "aliases": ["昌吉回族自治州社会保险管理局"]}


NESTED = (
    """{ documents(first: 20) { totalCount edges { node {
      unit { name aliases region { name parent { name children { name } } } departments { name } }
      departments { name } citedPolicies { docNumber citedBy { title } }
      functionLines { code functionClass { code level parent { code } } }
      economicLines { code } dataQualityFindings { check }
      projects { name isSubsidy allocationItems { label } unit { name } document { fiscalYear }
                 policies { docNumber fundedProjects { name } } indicators { name project { name } }
                 history { fiscalYear } } } } } }""",
    "{ projects(first: 20) { edges { node { unit { name region { name } } policies { issuer } "
    "document { kind } } } } }",
    "{ units(first: 20) { edges { node { documents { kind } projects { name } departments { name } } } } }",
)
"""Root lists with every nested field; each is measured on its own, since a later root list may
find rows an earlier one already loaded (loaders cache per request) and so need fewer trips."""


async def test_round_trips_do_not_grow_with_the_number_of_results(store: GraphStore) -> None:
    async def trips(count: int) -> list[int]:
        await delete_all(store)
        docs = [dataclasses.replace(document(f"和静县测试单位{i}中心", 2025, project("项目甲", 1.0, BASIS),
                                             project("项目乙", 2.0)), function_lines=CHANGJI_2025.function_lines)
                for i in range(count)]
        await load(store, *docs)
        counted = []
        for query in NESTED:
            store.round_trips = 0
            data = await execute(store, query)
            assert all(page["edges"] for page in data.values())
            counted.append(store.round_trips)
        return counted

    one, twenty = await trips(1), await trips(20)
    assert one == twenty
    assert twenty[0] <= 26  # the page, then one per nested field (two for FunctionClass.parent, Region.parent)


async def test_graphql_over_http_and_health(store: GraphStore) -> None:
    await load(store, HEJING)
    transport = httpx.ASGITransport(app=create_app(store=store))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        assert (await client.get("/readyz")).status_code == 200
        response = await client.post("/graphql", json={
            "query": '{ unit(name: "和静县社会保险中心") { name projects(fiscalYear: 2025) { name budgetWan } } }'})
        projects = [{"name": "自治区国有企业改革成本", "budgetWan": 40.0}]
        assert response.json()["data"] == {"unit": {"name": "和静县社会保险中心", "projects": projects}}
        page = await client.get("/graphql", headers={"accept": "text/html"})
        assert page.status_code == 200 and "PolicyFunds" in page.text  # the example tabs
        assert "https://" not in page.text  # nothing from a CDN: the playground works offline
        for script in ("react.production.min.js", "graphiql.min.js", "graphiql.min.css"):
            assert script in page.text
            assert (await client.get(f"/graphiql-assets/{script}")).status_code == 200


async def test_a_graphql_request_passes_the_apps_middleware_but_not_the_router(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """POST and GET /graphql go to the view through the app's own middleware (metrics, CORS, admission, the
    time limit), not FastAPI's route layers; every other path through them as before."""
    await load(store, HEJING)
    app = create_app(Settings(cors_origins=("http://localhost:5173",)), store=store)
    routed: list[str] = []
    route = type(app.router).__call__

    async def recording(router: Any, scope: Any, receive: Any, send: Any) -> None:
        routed.append(scope["path"])
        await route(router, scope, receive, send)

    monkeypatch.setattr(type(app.router), "__call__", recording)
    origin = {"origin": "http://localhost:5173"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        answer = await client.post("/graphql", json={"query": "{ documents(first: 1) { totalCount } }"}, headers=origin)
        page = await client.get("/graphql", headers={"accept": "text/html"})
        bad = await client.post("/graphql", content=b"{not json", headers={"content-type": "application/json"})
        assert routed == []
        assert (await client.get("/healthz")).status_code == 200 and routed == ["/healthz"]
        metrics = (await client.get("/metrics")).text
    assert answer.json()["data"] == {"documents": {"totalCount": 1}} and answer.json()["extensions"]["cost"]
    assert answer.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert page.status_code == 200 and "graphiql.min.js" in page.text and bad.status_code == 400
    assert 'kg_http_requests_total{method="POST",route="/graphql",status="200"} 1' in metrics


async def test_a_table_that_could_not_be_read_is_a_finding_without_figures(store: GraphStore) -> None:
    unread = UnreadTableFact("2025年部门支出预算总表", "no 功能分类 row with a code and an amount", SRC)
    await load(store, dataclasses.replace(CHANGJI, totals=dataclasses.replace(CHANGJI.totals, unread_tables=(unread,))))
    data = await execute(store, """{ documents(first: 1) { edges { node {
        dataQualityFindings { check message expectedWan actualWan differenceWan sources { lineStart } } } } } }""")
    [finding] = data["documents"]["edges"][0]["node"]["dataQualityFindings"]
    assert finding == {
        "check": "table_unread", "message": "2025年部门支出预算总表: no 功能分类 row with a code and an amount",
        "expectedWan": None, "actualWan": None, "differenceWan": None, "sources": [{"lineStart": SRC.line_start}],
    }
