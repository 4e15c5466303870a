"""Big answers end to end over HTTP: one policy funding ``--projects`` projects (20 a document, one
unit a document), its projects, lineage and a page of them, and nested pages under many parents.

    .venv/bin/python -m benchmarks.bench_big_answers [--projects 10000] [--repeat 10]
        [--keep /tmp/kg-big-data [--resume]] [--only fundedProjects]

The app is served in process (uvicorn on a loopback port) over the embedded store; each query is
sent ``--repeat`` times after one warm-up and the p50 / p95 (ms) printed with the answer's size in
bytes, the items in its biggest list, the store round-trips it took and the loads of its relations'
loaders (one per parent where a relation is resolved parent by parent, app/api/batching.py). ``--keep`` leaves the
store's folder (``--resume`` reuses one holding the same graph, skipping the load); ``--only`` measures
the queries whose label holds one of the given texts. Figures, not assertions: this is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from app.api.batching import GroupLoader
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from benchmarks.served import quantile
from loaders.facts import CitationRole, PolicyRef
from tests.browser import serving
from tests.builders import SRC, document, load, project

WIDE = "测财发〔2025〕1号"
QUERIES = {
    "fundedProjects (4 fields)": f'{{ policy(docNumber: "{WIDE}") {{ fundedProjects {{ id name fiscalYear '
                                 "budgetWan } } }",
    "fundedProjects + unit name": f'{{ policy(docNumber: "{WIDE}") {{ fundedProjects {{ name budgetWan '
                                  "unit { name } } } }",
    "fundingLineage": f'{{ fundingLineage(docNumber: "{WIDE}") {{ nodes {{ id type label }} '
                      "edges { source target type amountWan } } }",
    "fundedProjectsPage first 500": f'{{ policy(docNumber: "{WIDE}") {{ fundedProjectsPage(first: 500) '
                                    "{ totalCount edges { node { name budgetWan } } } } }",
    "50 units × projectsPage 5": "{ units(first: 50) { edges { node { name projectsPage(first: 5) "
                                "{ totalCount edges { node { name } } } } } } }",
    "50 units × documentsPage 5": "{ units(first: 50) { edges { node { name documentsPage(first: 5) "
                                 "{ totalCount edges { node { title } } } } } } }",
    "fundedProjects + history": f'{{ policy(docNumber: "{WIDE}") {{ fundedProjects {{ name '
                                "history { fiscalYear } } } }",
    "500 units × projects(fiscalYear)": "{ units(first: 500) { edges { node { name projects(fiscalYear: 2025) "
                                        "{ name budgetWan } } } } }",
    "500 units × departments, projects": "{ units(first: 500) { edges { node { name departments { name } "
                                         "projects { name linkedProjects { confidence } } } } } }",
}


_LOADS: list[str] = []
"""The keys loaded one by one by the relations' loaders (``GroupLoader.load``), noted as the app runs."""


def _noting_loads() -> None:
    load = GroupLoader.load

    def noted(self: GroupLoader, key: str) -> Any:
        _LOADS.append(key)
        return load(self, key)
    GroupLoader.load = noted  # type: ignore[method-assign,assignment]


def _biggest(value: Any) -> int:
    if isinstance(value, list):
        return max(len(value), *(_biggest(v) for v in value)) if value else 0
    if isinstance(value, dict):
        return max((_biggest(v) for v in value.values()), default=0)
    return 0


async def _measure(store: GraphStore, repeat: int, only: list[str] | None) -> None:
    async with serving(store) as base, httpx.AsyncClient(base_url=base, timeout=120) as client:
        print(f"{'query':34} {'p50':>8} {'p95':>8} {'bytes':>10} {'items':>7} {'trips':>6} {'loads':>6}"
              "   (ms over HTTP)")
        for label, text in QUERIES.items():
            if only and not any(part in label for part in only):
                continue
            latencies, size, items, trips, loads = [], 0, 0, 0, 0
            for i in range(repeat + 1):
                before, loaded = store.round_trips, len(_LOADS)
                start = time.perf_counter()
                response = await client.post("/graphql", json={"query": text})
                took = (time.perf_counter() - start) * 1000
                body = response.json()
                if response.status_code != 200 or body.get("errors"):
                    print(f"{label:34} failed: {(body.get('errors') or [{}])[0].get('message')} after {took:.0f} ms")
                    break
                if i:  # the first run warms caches
                    latencies.append(took)
                size, items, trips = len(response.content), _biggest(body["data"]), store.round_trips - before
                loads = len(_LOADS) - loaded
            if len(latencies) < repeat:
                continue
            p50, p95 = statistics.median(latencies), quantile(latencies, 95)
            print(f"{label:34} {p50:8.1f} {p95:8.1f} {size:10} {items:7} {trips:6} {loads:6}")


async def bench(store: GraphStore, args: argparse.Namespace) -> None:
    _noting_loads()
    await store.connect()
    try:
        if not args.resume:
            policy = PolicyRef(WIDE, "测试用的大政策", CitationRole.BASIS, SRC)
            start = time.perf_counter()
            for first in range(0, args.projects // 20, 50):
                await load(store, *(document(f"测试单位{u:05d}", 2025, *(
                    project(f"项目{u:05d}-{p:02d}", 1.0 + p, policy) for p in range(20)), sha=f"{u:064d}")
                    for u in range(first, min(first + 50, args.projects // 20))))
            print(f"loaded {args.projects} projects in {time.perf_counter() - start:.0f}s")
        await _measure(store, args.repeat, args.only)
    finally:
        await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="embedded store folder to keep (default: a temporary one)")
    parser.add_argument("--resume", action="store_true", help="measure the graph a --keep folder holds")
    parser.add_argument("--only", nargs="+", metavar="TEXT", help="only the queries whose label holds one of these")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-big-") as tmp:
        server = EmbeddedFalkorDB(args.keep or Path(tmp) / "falkordb")
        socket_path = server.start()
        try:
            asyncio.run(bench(GraphStore(FalkorDBDriver("kg", unix_socket_path=str(socket_path))), args))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
