"""Load throughput: generated documents into each store, end to end (parse + write).

    .venv/bin/python -m benchmarks.bench_load --count 200 [--neo4j bolt://127.0.0.1:7688]

Prints documents per second, the time of a second (all-skipped) run and of a forced rewrite,
and the size of the resulting graph. Figures, not assertions: this is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from app.loading import LoadOptions, run_load
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.neo4j_driver import Neo4jDriver
from samples.generate import generate_corpus
from tests.cypher import delete_all


async def bench(store: GraphStore, corpus: Path, count: int, workers: int) -> None:
    await store.connect()
    await delete_all(store)
    options = LoadOptions(workers=workers)
    t0 = time.perf_counter()
    first = await run_load(store, [corpus], options)
    t1 = time.perf_counter()
    await run_load(store, [corpus], options)
    t2 = time.perf_counter()
    await store.write("delete_documents", {"ids": [o.document_id for o in first.loaded]})
    t3 = time.perf_counter()
    await run_load(store, [corpus], options)
    t4 = time.perf_counter()
    print(
        f"{store.name:9} {count} docs, {workers} workers: "
        f"first load {t1 - t0:6.2f}s ({count / (t1 - t0):6.1f} docs/s), "
        f"unchanged re-run {t2 - t1:5.2f}s, rewrite {t4 - t3:6.2f}s; "
        f"graph {first.nodes} nodes, {first.relationships} relationships; {len(first.failed)} failed"
    )
    await delete_all(store)
    await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--neo4j", default=None, help="bolt URI of a Neo4j to measure too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for doc in generate_corpus(args.count, seed=3):
            (corpus / doc.filename).write_text(doc.text, encoding="utf-8")
        server = EmbeddedFalkorDB(Path(tmp) / "falkordb")
        socket_path = server.start()
        try:
            asyncio.run(
                bench(
                    GraphStore(FalkorDBDriver("bench", unix_socket_path=str(socket_path))),
                    corpus,
                    args.count,
                    args.workers,
                )
            )
        finally:
            server.stop()
        if args.neo4j:
            asyncio.run(bench(GraphStore(Neo4jDriver(args.neo4j, None, None, None)), corpus, args.count, args.workers))


if __name__ == "__main__":
    main()
