"""Safety: limits with clear errors, masked internal errors, parameters only, read-only unless
the API key is given, timeouts, CORS, health and metrics."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from app.api import schema
from app.api.context import Context
from app.service import create_app
from app.settings import Settings
from app.store import GraphStore
from tests.builders import HEJING, load
from tests.doubles import BrokenDriver
from tests.graphql import execute


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def errors_of(store: GraphStore, query: str) -> list[dict[str, Any]]:
    result = await schema.execute(query, context_value=Context(store=store))
    assert result.errors
    return [{"message": e.message, **(e.extensions or {})} for e in result.errors]


@pytest.mark.parametrize(("query", "code", "message"), [
    ("{ projects(first: 501) { totalCount } }", "BAD_USER_INPUT", "projects: first must be at most 500, got 501"),
    ('{ projects(after: "bm90LWEtY3Vyc29y") { totalCount } }', "BAD_USER_INPUT", "invalid cursor"),
    ('{ documents(filter: {functionCodePrefix: "20x"}) { totalCount } }', "BAD_USER_INPUT", "digits only"),
    ('{ search(text: "  ") { label } }', "BAD_USER_INPUT", "search text is empty"),
    ("{ units(first: 500) { edges { node { projects { policies { fundedProjects { policies { docNumber } } } } } } } }",
     "QUERY_TOO_COSTLY", "exceeds the limit"),
    ('{ project(id: "x") { unit { region { ' + "parent { " * 10 + "name" + " }" * 10 + " } } } }",
     "GRAPHQL_VALIDATION_FAILED", "exceeds maximum operation depth"),
    ("{ nosuchfield }", "GRAPHQL_VALIDATION_FAILED", "Cannot query field"),
])
async def test_limits_answer_with_a_code_and_a_clear_message(query: str, code: str, message: str) -> None:
    [error] = await errors_of(GraphStore(BrokenDriver()), query)
    assert error["code"] == code and message in error["message"]


async def test_internal_errors_are_masked_with_an_id() -> None:
    [error] = await errors_of(GraphStore(BrokenDriver()), "{ projects { totalCount } }")
    assert error["message"] == "Internal server error" and error["code"] == "INTERNAL_SERVER_ERROR"
    assert len(error["errorId"]) == 12 and "connection refused" not in str(error)


async def test_inputs_reach_cypher_only_as_parameters(store: GraphStore) -> None:
    await load(store, HEJING)
    hostile = "') MATCH (n) DETACH DELETE n //"
    data = await execute(store, "query ($t: String!) { units(filter: {nameContains: $t}) { totalCount } "
                                "search(text: $t) { label } }", t=hostile)
    assert data == {"units": {"totalCount": 0}, "search": []}
    assert (await store.counts())[0] > 0


async def test_mutations_need_the_configured_api_key(store: GraphStore) -> None:
    await load(store, HEJING)
    mutation = {"query": 'mutation { reportFinding(documentId: "和静县社会保险中心|2025|BUDGET|DEPARTMENT", '
                         'message: "项目支出 differs from the PDF") { check message document { fiscalYear } } }'}
    async with client(create_app(Settings(), store=store)) as read_only:
        body = (await read_only.post("/graphql", json=mutation, headers={"x-api-key": "anything"})).json()
        assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    async with client(create_app(Settings(api_key="s3cret"), store=store)) as http:
        wrong = (await http.post("/graphql", json=mutation, headers={"x-api-key": "guess"})).json()
        assert wrong["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        right = (await http.post("/graphql", json=mutation, headers={"x-api-key": "s3cret"})).json()
        assert right["data"] == {"reportFinding": {
            "check": "reviewer_report", "message": "项目支出 differs from the PDF", "document": {"fiscalYear": 2025}}}
        assert right["extensions"]["cost"]["requested"] == 2  # over HTTP too
        findings = (await http.post("/graphql", json={"query": "{ dataQualityFindings { totalCount } }"})).json()
        assert findings["data"]["dataQualityFindings"]["totalCount"] >= 1


async def test_a_slow_request_times_out_with_504() -> None:
    app = create_app(Settings(request_timeout_seconds=0.2), store=GraphStore(BrokenDriver(delay=5)))
    async with client(app) as http:
        response = await http.post("/graphql", json={"query": "{ projects { totalCount } }"})
    assert response.status_code == 504
    assert response.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"


async def test_cors_origins_are_configurable() -> None:
    app = create_app(Settings(cors_origins=("http://localhost:5173",)), store=GraphStore(BrokenDriver()))
    preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    async with client(app) as http:
        allowed = await http.options("/graphql", headers={"origin": "http://localhost:5173", **preflight})
        denied = await http.options("/graphql", headers={"origin": "http://evil.example", **preflight})
    assert allowed.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert "access-control-allow-origin" not in denied.headers


async def test_readyz_fails_when_the_store_is_unreachable_and_metrics_count() -> None:
    async with client(create_app(Settings(), store=GraphStore(BrokenDriver()))) as http:
        assert (await http.get("/healthz")).status_code == 200
        assert (await http.get("/readyz")).status_code == 503
        await http.post("/graphql", json={"query": "{ projects { totalCount } }"})
        metrics = (await http.get("/metrics")).text
    assert 'kg_http_requests_total{method="GET",route="/readyz",status="503"} 1' in metrics
    assert 'kg_graphql_errors_total{code="INTERNAL_SERVER_ERROR"} 1' in metrics
    assert 'kg_http_request_duration_seconds_count{route="/graphql"} 1' in metrics
    assert "kg_store_round_trips_total 2" in metrics
