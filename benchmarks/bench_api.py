"""API latency end to end over HTTP, next to the same Cypher through the bare driver, on both
stores.

    .venv/bin/python -m benchmarks.bench_api [--units 150] [--rounds 40] [--concurrency 1,8] [--httpx]
                                             [--neo4j bolt://127.0.0.1:7688 --wipe]

For each representative query the service runs in its own process (`kg serve`, its log in a temporary folder).
The baseline replays the exact named Cypher statements that request made (recorded once), in
the same order, with the database's own client (neo4j driver / falkordb client). Samples are
interleaved: each round sends, for every query, ``concurrency`` HTTP requests at once and
``concurrency`` driver replays at once, alternating which goes first, so the load of a shared
machine falls on both sides alike. The ratio is HTTP p50 over driver p50: what GraphQL,
batching, HTTP and JSON cost on top of the database. Requests go over keep-alive connections of a
lean client that parses each answer (``served.LeanClient``); ``--httpx`` sends them with httpx,
whose own Python adds ~2 ms a request on a loaded 2-core machine. Figures, not assertions: this is not a
test. ``--wipe`` is required to clear a Neo4j database.
"""


from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
from falkordb.asyncio import FalkorDB
from neo4j import AsyncGraphDatabase

from app.api import schema
from app.api.context import Context
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.neo4j_driver import Neo4jDriver
from benchmarks.served import LeanClient, clear, load_average, percentile, serve, stop
from graph.catalogue import query as cypher
from graph.payload import upsert_params
from loaders.facts import (
    CitationRole,
    DocumentFacts,
    DocumentKind,
    FunctionLineFact,
    HeaderFacts,
    PolicyRef,
    ProjectFact,
    SourceRef,
    TotalsFacts,
)
from loaders.pipeline import prepare
from tests.cypher import delete_all

COUNTIES = ("库尔勒市", "和静县", "和硕县", "博湖县", "尉犁县", "轮台县", "昌吉市", "阜康市", "呼图壁县", "玛纳斯县")
QUERIES = {
    "headline policy": """{ policy(docNumber: "新政办发[2010]168号") { docNumber issuer fundedProjects {
        name fiscalYear budgetWan beneficiaryCount unit { name region { name parent { name } } } } } }""",
    "projects filtered": """{ projects(first: 50, filter: {region: "巴音郭楞蒙古自治州", subsidiesOnly: true},
        sort: BUDGET, direction: DESC) { totalCount edges { node { name budgetWan unit { name }
        policies { docNumber } } } } }""",
    "documents nested": """{ documents(first: 20, filter: {fiscalYear: {min: 2025}}) { edges { node { title
        unit { name region { name } } functionLines { code totalWan } projects { name budgetWan } } } } }""",
    "aggregate": """{ aggregate(drilldown: [FISCAL_YEAR, REGION]) { cells { fiscalYear region { name }
        count budgetWan executedWan } } }""",
    "search": """{ search(text: "退休") { kind score label } }""",
}
Call = tuple[str, dict[str, Any]]  # Cypher text as the store ran it, parameters
Once = Callable[[], Awaitable[None]]
Pair = tuple[Once, Once, int]  # over HTTP, over the bare driver, round-trips of the request
YEARS = ((2023, DocumentKind.FINAL_ACCOUNTS), (2024, DocumentKind.BUDGET), (2025, DocumentKind.BUDGET))


def corpus(units: int) -> list[DocumentFacts]:
    """Units across counties, three years each (two budgets, one final account), six projects;
    every tenth unit's subsidies rest on the headline policy."""
    src = SourceRef(1, 1, "generated")
    docs = []
    for u in range(units):
        basis = PolicyRef(f"新政办发〔2010〕{168 + u % 10}号", "关于实施生活补贴的通知", CitationRole.BASIS, src)
        name = f"{COUNTIES[u % len(COUNTIES)]}第{u}社会保险中心"
        for year, kind in YEARS:
            allocation = PolicyRef(f"巴财社〔{year - 1}〕{u % 40 + 1}号", None, CitationRole.ALLOCATION, src)
            projects = tuple(ProjectFact(
                name=f"{'退休人员生活补贴' if p % 2 else '社会保险经办'}项目{p}", source=src,
                budget_wan=10.0 + p + u % 7,
                executed_wan=9.5 + p if kind is DocumentKind.FINAL_ACCOUNTS else None,
                beneficiary_count=100 + p if p % 2 else None, policies=(basis, allocation) if p % 2 else ())
                for p in range(6))
            lines = (FunctionLineFact("2080109", "社会保险经办机构", 200.0 + u, 150.0, 50.0 + u, src),
                     FunctionLineFact("2080501", "行政单位离退休", 80.0, 80.0, 0.0, src))
            docs.append(DocumentFacts(path=f"/bench/{u}-{year}.txt", sha256=f"{u:032d}{year:032d}",
                                      header=HeaderFacts(name, kind, year, f"{name}{year}年部门预算公开"),
                                      totals=TotalsFacts(total_wan=280.0 + u), function_lines=lines, projects=projects))
    return docs


class Recorder(GraphStore):
    """A store that also remembers the statements it ran (one GraphQL request's worth)."""

    calls: list[Call] = []  # noqa: RUF012  # replaced by a fresh list before each recording

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        self.calls.append((cypher(name, self.name), dict(params or {})))
        return await super().read(name, params)

    async def read_built(self, text: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        self.calls.append((text, dict(params or {})))
        return await super().read_built(text, params)


async def sample(concurrency: int, once: Once, into: list[float]) -> None:
    """``concurrency`` calls of ``once`` at the same time, each one's latency appended to ``into``."""

    async def one() -> None:
        start = time.perf_counter()
        await once()
        into.append(time.perf_counter() - start)

    await asyncio.gather(*(one() for _ in range(concurrency)))


async def compare(pairs: Mapping[str, Pair], concurrency: int, rounds: int) -> None:
    """Interleaved rounds over every query; prints p50/p95 per side and the ratio of p50s."""
    samples: dict[str, tuple[list[float], list[float]]] = {label: ([], []) for label in pairs}
    before = load_average()
    for r in range(rounds):
        for label, (http, driver, _) in pairs.items():
            first, second = ((http, 0), (driver, 1)) if r % 2 == 0 else ((driver, 1), (http, 0))
            await sample(concurrency, first[0], samples[label][first[1]])
            await sample(concurrency, second[0], samples[label][second[1]])
    print(f"concurrency {concurrency}, {rounds * concurrency} requests per side per query; "
          f"load average {before} -> {load_average()}")
    print(f"{'query':18} {'trips':>5} | {'HTTP p50':>9} {'p95':>8} | {'driver p50':>10} {'p95':>8} | {'ratio p50':>9}")
    for label, (http_ms, driver_ms) in samples.items():
        h50, d50 = percentile(http_ms, 50), percentile(driver_ms, 50)
        print(f"{label:18} {pairs[label][2]:5} | {h50:7.1f}ms {percentile(http_ms, 95):6.1f}ms | "
              f"{d50:8.1f}ms {percentile(driver_ms, 95):6.1f}ms | {h50 / d50:8.2f}x")


async def bench(store: GraphStore, env: dict[str, str], bare: Callable[[str, dict[str, Any]], Awaitable[Any]],
                args: argparse.Namespace) -> None:
    await store.connect()
    await delete_all(store)
    docs = corpus(args.units)
    for doc in docs:
        await store.write("upsert_document", upsert_params(prepare(doc)))
    await store.write("add_up_all_cells")  # as a load does once it has written its documents
    nodes, rels = await store.counts()
    print(f"\n{store.name}: {len(docs)} documents, {nodes} nodes, {rels} relationships; "
          f"{args.rounds} interleaved rounds per concurrency")
    server, url = serve({**os.environ, **env}, 1, Path(tempfile.mkdtemp(prefix="kg-bench-api-")) / "serve.log")
    try:
        async with httpx.AsyncClient(base_url=url, timeout=60) as client:
            lean = LeanClient(url)

            async def post(text: str) -> tuple[int, Any]:
                if args.httpx:
                    response = await client.post("/graphql", json={"query": text})
                    return response.status_code, response.json()
                return await lean.post("/graphql", {"query": text})

            pairs: dict[str, Pair] = {}
            for label, text in QUERIES.items():
                assert isinstance(store, Recorder)
                store.calls = []
                result = await schema.execute(text, context_value=Context(store=store))
                assert result.errors is None, result.errors
                calls = list(store.calls)

                async def over_http(text: str = text) -> None:
                    status, answer = await post(text)
                    assert status == 200 and "errors" not in answer, answer

                async def over_driver(calls: list[Call] = calls) -> None:
                    for statement, params in calls:
                        await bare(statement, params)

                await over_http()  # warm-up: caches, plans, connections
                await over_driver()
                pairs[label] = (over_http, over_driver, len(calls))
            for concurrency in args.concurrency:
                await compare(pairs, concurrency, args.rounds)
            await lean.close()
    finally:
        stop(server)
        await delete_all(store)
        await store.close()


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-bench-api-") as tmp:
        embedded = EmbeddedFalkorDB(Path(tmp))
        socket_path = str(embedded.start())
        try:
            graph = "bench-api"
            falkor = FalkorDB(unix_socket_path=socket_path).select_graph(graph)
            await bench(Recorder(FalkorDBDriver(graph, unix_socket_path=socket_path)),
                        {"KG_STORE": "embedded", "KG_DATA_DIR": tmp, "KG_GRAPH": graph},
                        lambda text, params: falkor.ro_query(text, params), args)
        finally:
            embedded.stop()
    if args.neo4j:
        driver = AsyncGraphDatabase.driver(args.neo4j, notifications_min_severity="OFF")
        store = Recorder(Neo4jDriver(args.neo4j, None, None, None))
        await store.connect()
        await clear(store, args.wipe)
        try:
            await bench(store, {"KG_STORE": "neo4j", "NEO4J_URI": args.neo4j, "NEO4J_USER": ""},
                        lambda text, params: driver.execute_query(text, params, routing_="r"), args)
        finally:
            await driver.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=40, help="interleaved rounds per concurrency")
    parser.add_argument("--concurrency", type=lambda text: [int(n) for n in text.split(",")], default=[1, 8],
                        help="requests at once per side, comma-separated for several runs (default 1,8)")
    parser.add_argument("--neo4j", help="Bolt URI of a Neo4j to benchmark as well (its data is replaced)")
    parser.add_argument("--httpx", action="store_true",
                        help="send the requests with httpx instead of the lean keep-alive client (served.LeanClient)")
    parser.add_argument("--wipe", action="store_true", help="allow clearing a non-empty Neo4j database")
    asyncio.run(main(parser.parse_args()))
