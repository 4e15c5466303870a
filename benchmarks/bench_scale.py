"""Latency as the graph grows: the generator's scale corpus loaded in steps (e.g. 100, then to
1,000, then to 10,000 documents), and after each step the same queries timed, on each store.

    .venv/bin/python -m benchmarks.bench_scale --sizes 100,1000,10000 [--repeat 15] [--workers 2]
        [--neo4j bolt://127.0.0.1:7688 --wipe] [--keep /tmp/kg-scale-data]

For every step it prints the load rate of that step's new documents (docs/s into a graph of the
previous size) and, per query, the p50 and p95 of ``--repeat`` runs through the GraphQL schema in
process (the store's own latency plus the resolvers'; benchmarks/bench_api.py measures HTTP).
Every query asks for an answer of the same size at every step. Figures, not assertions: this is
not a test. ``--keep`` leaves the embedded store's folder there (to time start-up on it).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import statistics
import tempfile
import time
from pathlib import Path

from app.api import schema
from app.api.context import Context
from app.loading import LoadOptions, run_load
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.neo4j_driver import Neo4jDriver
from samples.generate import generate_corpus

DEEP = base64.b64encode(("key:" + json.dumps([2024, ""])).encode()).decode()  # documents of 2024 on: ~3/4 deep
QUERIES = {
    "unit(name:) + documents": '{ unit(name: "库尔勒市社会保险中心") { name documents { title fiscalYear } } }',
    "documents first 20 +total": "{ documents(first: 20) { totalCount edges { node { title fiscalYear } } } }",
    "documents deep cursor": f'{{ documents(first: 20, after: "{DEEP}") {{ edges {{ node {{ title }} }} }} }}',
    "projects by budget": "{ projects(first: 50, sort: BUDGET, direction: DESC) { edges { node { name } } } }",
    "projects region +total": '{ projects(first: 50, filter: {region: "巴音郭楞蒙古自治州"}) { totalCount '
                              "edges { node { name } } } }",
    "units name +total": "{ units(first: 20) { totalCount edges { node { name } } } }",
    "search unit name": '{ search(text: "库尔勒市社会保险中心", first: 10) { kind label } }',
    "search 巴州 社保": '{ search(text: "巴州 社保", first: 10) { kind label } }',
}


async def _time(store: GraphStore, text: str, repeat: int) -> tuple[float, float]:
    latencies = []
    for i in range(repeat + 1):
        start = time.perf_counter()
        result = await schema.execute(text, context_value=Context(store=store))
        if i:  # the first run warms caches
            latencies.append((time.perf_counter() - start) * 1000)
        assert result.errors is None, result.errors
    cuts = statistics.quantiles(latencies, n=20)
    return statistics.median(latencies), cuts[18]


async def bench(store: GraphStore, batches: list[Path], sizes: list[int], args: argparse.Namespace) -> None:
    await store.connect()
    try:
        if (await store.counts())[0] and not args.wipe:
            raise SystemExit(f"{store.name} is not empty: pass --wipe to let the benchmark clear it")
        while (await store.write_built("MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(n) AS n"))[0]["n"]:
            pass  # in pieces: one transaction for a big graph outgrows Neo4j's transaction memory
        print(f"\n{store.name}: p50 / p95 ms of {args.repeat} runs per query")
        previous = 0
        for batch, size in zip(batches, sizes, strict=True):
            start = time.perf_counter()
            report = await run_load(store, [batch], LoadOptions(workers=args.workers))
            took = time.perf_counter() - start
            nodes, rels = report.nodes, report.relationships
            print(f"-- {size} documents ({nodes} nodes, {rels} relationships): loaded {size - previous} into "
                  f"{previous} in {took:.1f}s = {(size - previous) / took:.1f} docs/s, {len(report.failed)} failed")
            for label, text in QUERIES.items():
                p50, p95 = await _time(store, text, args.repeat)
                print(f"   {label:28} {p50:8.1f} {p95:8.1f}")
            previous = size
    finally:
        await store.close()


def _write_batches(root: Path, sizes: list[int]) -> list[Path]:
    docs = generate_corpus(sizes[-1], seed=3, scale=True)
    batches, start = [], 0
    for size in sizes:
        folder = root / f"upto-{size}"
        folder.mkdir()
        for doc in docs[start:size]:
            (folder / doc.filename).write_text(doc.text, encoding="utf-8")
        batches.append(folder)
        start = size
    return batches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000", help="graph sizes in documents, ascending")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--neo4j", help="Bolt URI of a Neo4j to measure instead of the embedded store")
    parser.add_argument("--wipe", action="store_true", help="allow clearing a non-empty store")
    parser.add_argument("--keep", type=Path, help="embedded store folder to keep (default: a temporary one)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="kg-bench-scale-") as tmp:
        batches = _write_batches(Path(tmp), sizes)
        if args.neo4j:
            asyncio.run(bench(GraphStore(Neo4jDriver(args.neo4j, None, None, None)), batches, sizes, args))
            return
        server = EmbeddedFalkorDB(args.keep or Path(tmp) / "falkordb")
        socket_path = server.start()
        try:
            store = GraphStore(FalkorDBDriver("kg", unix_socket_path=str(socket_path)))
            asyncio.run(bench(store, batches, sizes, args))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
