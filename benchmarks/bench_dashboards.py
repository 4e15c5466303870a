"""The two dashboards of issue 11 on the five seeds: store round-trips, estimated cost and time per
request, in process (schema.execute) on the embedded FalkorDB or a Neo4j.

    .venv/bin/python -m benchmarks.bench_dashboards [--repeat 20] [--neo4j bolt://127.0.0.1:7688 --wipe]

Figures, not assertions: this is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from app.api import schema
from app.api.context import Context
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.neo4j_driver import Neo4jDriver
from graph.payload import upsert_params
from loaders import read_document
from tests.cypher import delete_all

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"
DASHBOARDS = {
    "region × year aggregate (7 cell fields + summary)": """{ aggregate(drilldown: [REGION, FISCAL_YEAR]) {
        cells { fiscalYear region { name } count budgetWan budgetCount executedWan executedCount }
        summary { count budgetWan executedWan } } }""",
    "3 units → documents → projects → indicators": """{ units(first: 3) { edges { node { name
        documents { title kind fiscalYear totalWan projects { name budgetWan executedWan beneficiaryCount
          indicators { level1 level2 name target actual weight score met } } } } } } }""",
}


async def run(store: GraphStore, repeat: int) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        await store.write("upsert_document", upsert_params(read_document(path)))
    await store.write("add_up_all_cells")  # as a load does once it has written its documents
    for name, query in DASHBOARDS.items():
        times, trips, cost = [], 0, 0
        for _ in range(repeat):
            before = store.round_trips
            started = time.perf_counter()
            result = await schema.execute(query, context_value=Context(store=store))
            times.append((time.perf_counter() - started) * 1000)
            assert result.errors is None, result.errors
            trips, cost = store.round_trips - before, (result.extensions or {})["cost"]["requested"]
        print(f"{store.name:8} {name}: {trips} store round-trips, cost {cost}, "
              f"p50 {statistics.median(times):.1f} ms, max {max(times):.1f} ms over {repeat}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--neo4j", help="bolt URI of a Neo4j to use instead (cleared: needs --wipe)")
    parser.add_argument("--wipe", action="store_true")
    args = parser.parse_args()
    if args.neo4j:
        if not args.wipe:
            parser.error("--neo4j clears the database: pass --wipe")
        store = GraphStore(Neo4jDriver(args.neo4j, None, None, None))
        await store.connect()
        await delete_all(store)
        try:
            await run(store, args.repeat)
        finally:
            await delete_all(store)
            await store.close()
        return
    with tempfile.TemporaryDirectory() as folder:
        server = EmbeddedFalkorDB(Path(folder))
        socket_path = server.start()
        store = GraphStore(FalkorDBDriver(f"bench-{uuid.uuid4().hex[:8]}", unix_socket_path=str(socket_path)))
        await store.connect()
        try:
            await run(store, args.repeat)
        finally:
            await delete_all(store)
            await store.close()
            server.stop()


if __name__ == "__main__":
    asyncio.run(main())
