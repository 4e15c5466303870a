"""Latency as the graph grows: the generator's scale corpus loaded in steps (e.g. 100, then to
1,000, then to 10,000 documents), and after each step the same queries timed, on each store.

    .venv/bin/python -m benchmarks.bench_scale --sizes 100,1000,10000 [--repeat 15] [--workers 2]
        [--probe 100] [--neo4j bolt://127.0.0.1:7688 --wipe] [--keep /tmp/kg-scale-data] [--reuse]

For every step it prints the load rate of that step's new documents (docs/s into a graph of the
previous size) and, per query, the p50 and p95 of ``--repeat`` runs through the GraphQL schema in
process (the store's own latency plus the resolvers'; benchmarks/bench_api.py measures HTTP).
Every query asks for an answer of the same size at every step. After the last step, ``--probe``
more documents are loaded into the biggest graph, to compare with the first step's rate into an
empty store (same batch size) and, on the embedded store, with the same documents loaded into a
new empty store right after (the same machine load), and the embedded store is restarted on its folder to time
start-up (until it answers a query). ``--keep`` leaves the embedded store's folder there;
``--reuse`` times the queries on the graph a kept folder (or the Neo4j) already holds (the size
is the last of ``--sizes``; e.g. a graph moved there by ``kg import``), then loads the probe;
``--against`` times them on a small graph of the same corpus too, in turn with the big one, and
prints the ratio (growth measured under one machine load). ``--empty`` loads the probe into an
empty store (a Neo4j's URI, or a folder for an embedded one) right after the big graph, ``--rounds``
times in turn, the probe taken out of both after each round (the graph given must not hold the
probe: its documents are new to it). On the embedded store each load also prints CPU seconds per
document, this process's and its server's, and the rounds their ratio: a figure a busy machine
moves less than docs/s::

    python -m benchmarks.bench_scale --sizes 100 --probe 0 --keep /tmp/kg-100
    python -m benchmarks.bench_scale --sizes 10000 --reuse --keep /tmp/kg-10k --against /tmp/kg-100 --probe 0
    python -m benchmarks.bench_scale --sizes 10000 --reuse --neo4j bolt://127.0.0.1:7688 --repeat 0 \\
        --empty bolt://127.0.0.1:7698 --rounds 3
    python -m benchmarks.bench_scale --sizes 10000 --reuse --keep /tmp/kg-10k --repeat 0 --probe 50 \\
        --empty /tmp/kg-empty --rounds 3
Figures, not assertions: this is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import json
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.api import schema
from app.api.context import Context
from app.loading import LoadOptions, run_load
from app.loading.upgrade import upgrade_graph
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.neo4j_driver import Neo4jDriver
from app.store.port import GraphDriver, Result
from benchmarks.served import clear, load_average, quantile, server_cpu
from graph.payload import document_id
from loaders import read_document
from samples.generate import generate_corpus
from tests.cypher import delete_all

SEED = 3


def _cursor(value: object) -> str:
    """A keyset cursor just before ``value`` of the sort key (app/api/paging.py's form)."""
    return base64.b64encode(("key:" + json.dumps([value, ""])).encode()).decode()


def queries(document: str, policy: str) -> dict[str, str]:
    """The timed queries; ``document`` (an id) and ``policy`` (a 发文字号) are of the corpus's first
    document, so the look-ups answer the same at every size."""
    return {
        "document(id:) + projects": f'{{ document(id: "{document}") {{ title projects {{ name budgetWan }} }} }}',
        "unit(name:) + region": '{ unit(name: "库尔勒市社会保险中心") { name aliases region { name } } }',
        "policy(docNumber:)": f'{{ policy(docNumber: "{policy}") {{ title issuer year }} }}',
        "documents first 20 +total": "{ documents(first: 20) { totalCount edges { node { title fiscalYear } } } }",
        "documents year≥2020 by total +total":
            "{ documents(first: 20, filter: {fiscalYear: {min: 2020}}, sort: TOTAL, direction: DESC) "
            "{ totalCount edges { node { title } } } }",
        "documents deep cursor":
            f'{{ documents(first: 20, after: "{_cursor(2024)}") {{ edges {{ node {{ title }} }} }} }}',
        "projects by budget": "{ projects(first: 50, sort: BUDGET, direction: DESC) { edges { node { name } } } }",
        # past 19k projects at 10,000 documents, before 116 at 100 (after 100.0 only 20 were left: a shorter answer)
        "projects budget deep cursor": f'{{ projects(first: 50, sort: BUDGET, after: "{_cursor(50.0)}") '
                                       "{ edges { node { name } } } }",
        "projects region +total": '{ projects(first: 50, filter: {region: "巴音郭楞蒙古自治州"}) { totalCount '
                                  "edges { node { name } } } }",
        "units name +total": "{ units(first: 20) { totalCount edges { node { name } } } }",
        "policies by issuer +total":
            "{ policies(first: 20, sort: ISSUER) { totalCount edges { node { docNumber } } } }",
        "indicators by name": "{ indicators(first: 50, sort: NAME) { edges { node { name } } } }",
        # the unit and three of its documents: the 100-document graph holds no more hits (bigger ones hold
        # a document a year), so a longer answer would grow with the graph
        "search unit name": '{ search(text: "库尔勒市社会保险中心", first: 4) { kind label } }',
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
    return statistics.median(latencies), quantile(latencies, 95)


async def _compare(small: GraphStore, big: GraphStore, texts: dict[str, str], repeat: int) -> None:
    """Each query timed on the small and the big graph in turn, run after run, so both see the
    same machine load: the ratio of their p50s is the growth, even on a busy machine."""
    await small.connect()
    try:
        print(f"   p50 ms on the small graph / on the big graph / ratio; load average {load_average()}")
        for label, text in texts.items():
            runs: dict[str, list[float]] = {"small": [], "big": []}
            for i in range(repeat + 1):
                for name, store in (("small", small), ("big", big)):
                    start = time.perf_counter()
                    result = await schema.execute(text, context_value=Context(store=store))
                    assert result.errors is None, result.errors
                    if i:  # the first run warms caches
                        runs[name].append((time.perf_counter() - start) * 1000)
            p50s = [statistics.median(runs[name]) for name in ("small", "big")]
            print(f"   {label:36} {p50s[0]:8.1f} {p50s[1]:8.1f}  ×{p50s[1] / p50s[0]:.2f}")
    finally:
        await small.close()


async def _timings(store: GraphStore, texts: dict[str, str], repeat: int) -> None:
    if not repeat:  # --repeat 0: load only (e.g. to keep a graph for other benchmarks)
        return
    print(f"   load average {load_average()}")
    for label, text in texts.items():
        p50, p95 = await _time(store, text, repeat)
        print(f"   {label:36} {p50:8.1f} {p95:8.1f}")


class _Timed(GraphStore):
    """The store, timing each catalogue statement by name and its end-of-run housekeeping
    (``after_writes``: places and histograms), to say which write grows with the graph."""

    def __init__(self, driver: GraphDriver) -> None:
        super().__init__(driver)
        self.housekeeping = 0.0
        self.statements: dict[str, list[float]] = {}

    async def _run(self, name: str, params: Mapping[str, Any] | None, *, write: bool) -> Result:
        start = time.perf_counter()
        try:
            return await super()._run(name, params, write=write)
        finally:
            self.statements.setdefault(name, []).append(time.perf_counter() - start)

    async def after_writes(self) -> None:
        start = time.perf_counter()
        await super().after_writes()
        self.housekeeping += time.perf_counter() - start


@dataclass(frozen=True)
class Pace:
    """A batch's load: documents per second, and CPU seconds per document (this process's and, on
    the embedded store, its server's: what a busy machine moves least), None when not known."""

    rate: float
    cpu: float | None
    server: float | None  # of ``cpu``


async def _load(store: GraphStore, batch: Path, workers: int, into: int, server: Path | None = None) -> Pace:
    """Load one batch; print and return its pace, and the statements that took most of it (total
    seconds, and ms per run). ``server``: the embedded store's folder, to count its server's CPU."""
    timed = _Timed(store.driver)
    start, here, there = time.perf_counter(), time.process_time(), server_cpu(server)
    report = await run_load(timed, [batch], LoadOptions(workers=workers))
    took, count = time.perf_counter() - start, len(report.outcomes)
    served = None if there is None or (now := server_cpu(server)) is None else (now - there) / count
    cpu = None if served is None else (time.process_time() - here) / count + served
    pace = Pace(count / took, cpu, served)
    per_doc = "" if cpu is None or served is None else \
        f", {cpu * 1000:.0f} ms CPU per document ({served * 1000:.0f} of them its server's)"
    print(f"-- {into + count} documents ({report.nodes} nodes, {report.relationships} relationships): loaded "
          f"{count} into {into} in {took:.1f}s = {pace.rate:.1f} docs/s{per_doc} (after_writes "
          f"{timed.housekeeping:.2f}s), {len(report.failed)} failed")
    slowest = sorted(timed.statements.items(), key=lambda item: -sum(item[1]))[:5]
    print("   " + ", ".join(f"{name} {sum(runs):.2f}s ({len(runs)} × {statistics.median(runs) * 1000:.1f} ms)"
                            for name, runs in slowest))
    return pace


async def _unload(store: GraphStore, batch: Path) -> None:
    """Take the documents of ``batch`` out of the (connected) store again, as a load would prune them."""
    ids = [document_id(read_document(path)) for path in sorted(batch.iterdir())]
    await store.write("delete_documents", {"ids": ids})
    await store.write("add_up_all_cells")
    await store.write("delete_orphans")
    await store.after_writes()


async def _rounds(big: GraphStore, empty: GraphStore, probe: Path, args: argparse.Namespace, size: int) -> None:
    """The probe into the big graph, then into the empty store, ``--rounds`` times in turn (taken out of
    both after each round, so each round inserts new documents): the ratio of the rates under one
    machine load and, on the embedded store, of the CPU per document."""
    folders = (None, None) if args.neo4j else (args.keep, Path(args.empty))
    await empty.connect()
    try:
        await clear(empty, allowed=False)
        ratios: dict[str, list[float]] = {"rate": [], "CPU": []}
        for turn in range(args.rounds):
            print(f"   round {turn + 1}; load average {load_average()}")
            into_big = await _load(big, probe, args.workers, size, folders[0])
            into_empty = await _load(empty, probe, args.workers, 0, folders[1])
            ratios["rate"].append(into_empty.rate / into_big.rate)
            if into_big.cpu is not None and into_empty.cpu is not None:
                ratios["CPU"].append(into_big.cpu / into_empty.cpu)
            print(f"   into {size} documents {into_big.rate:.1f} docs/s, into an empty store {into_empty.rate:.1f} "
                  f"docs/s: ratio {ratios['rate'][-1]:.2f}")
            await _unload(big, probe)
            await delete_all(empty)
        for name, found in ratios.items():
            if found:
                print(f"   ratio of {name}, median of {len(found)} rounds: {statistics.median(found):.2f} "
                      f"({', '.join(f'{r:.2f}' for r in found)})")
    finally:
        await empty.close()


async def bench(store: GraphStore, corpus: Corpus, args: argparse.Namespace, small: GraphStore | None = None,
                empty: GraphStore | None = None, server: Path | None = None) -> None:
    """``server``: the embedded store's folder (its server's CPU is counted), None on Neo4j."""
    await store.connect()
    texts = queries(corpus.document, corpus.policy)
    try:
        print(f"\n{store.name}: p50 / p95 ms of {args.repeat} runs per query")
        if args.reuse:
            print(f"-- the {corpus.sizes[-1]} documents already loaded")
            # brought to this version's shape first, as opening a store does: a step (such as the anchors of
            # format 4) runs once per graph, not in the probe's load
            await upgrade_graph(store, lambda line: print(f"   {line}"))
            if args.repeat and small is None:
                await _timings(store, texts, args.repeat)
            elif args.repeat and small is not None:
                await _compare(small, store, texts, args.repeat)
            if corpus.probe is not None and empty is not None:
                await _rounds(store, empty, corpus.probe, args, corpus.sizes[-1])
            elif corpus.probe is not None:
                await _load(store, corpus.probe, args.workers, corpus.sizes[-1], server)
            return
        await clear(store, args.wipe)
        previous, first_rate = 0, 0.0
        for batch, size in zip(corpus.batches, corpus.sizes, strict=True):
            rate = (await _load(store, batch, args.workers, previous, server)).rate
            first_rate = first_rate or rate
            await _timings(store, texts, args.repeat)
            previous = size
        if corpus.probe is not None:
            rate = (await _load(store, corpus.probe, args.workers, previous, server)).rate
            print(f"   into {previous} documents: {rate:.1f} docs/s; into an empty store ({corpus.sizes[0]} "
                  f"documents, at the start): {first_rate:.1f} docs/s; ratio {first_rate / rate:.2f}")
    finally:
        await store.close()


@dataclass(frozen=True)
class Corpus:
    """The step folders (documents up to each size), the probe batch, and the first document's
    id and first cited 发文字号 (for the look-ups)."""

    sizes: list[int]
    batches: list[Path]
    probe: Path | None
    document: str
    policy: str


def _write_corpus(root: Path, sizes: list[int], probe: int, *, steps: bool) -> Corpus:
    """The corpus's files in one folder per step (``steps``: else only the first document, for
    its ids) and one for the probe."""
    count = sizes[-1] + probe
    first = generate_corpus(count, SEED, scale=True, step=count)[0]
    docs = generate_corpus(count, SEED, scale=True, start=0 if steps else sizes[-1])
    offset = count - len(docs)
    bounds = [0, *sizes, count] if probe else [0, *sizes]
    folders = []
    for start, end in itertools.pairwise(bounds):
        folder = root / f"docs-{start}-{end}"
        folder.mkdir()
        for doc in docs[max(start - offset, 0):max(end - offset, 0)] or [first]:
            (folder / doc.filename).write_text(doc.text, encoding="utf-8")
        folders.append(folder)
    facts = read_document(folders[0] / first.filename)
    policy = next(c.doc_number for c in facts.citations if c.doc_number)
    return Corpus(sizes, folders[: len(sizes)], folders[-1] if probe else None, document_id(facts), policy)


def _on_store(folder: Path, work: Callable[[GraphStore], Awaitable[None]]) -> None:
    """Run ``work`` on an embedded store started on ``folder``, connected, then stopped."""
    server = EmbeddedFalkorDB(folder)
    try:
        store = GraphStore(FalkorDBDriver("kg", unix_socket_path=str(server.start())))

        async def connected() -> None:
            await store.connect()
            try:
                await work(store)
            finally:
                await store.close()

        asyncio.run(connected())
    finally:
        server.stop()


def _startup(folder: Path, corpus: Corpus) -> None:
    """Restart the embedded store on its folder: seconds until it answers a look-up."""
    start = time.perf_counter()

    async def first_answer(store: GraphStore) -> None:
        result = await schema.execute(queries(corpus.document, corpus.policy)["document(id:) + projects"],
                                      context_value=Context(store=store))
        assert result.errors is None, result.errors

    _on_store(folder, first_answer)
    print(f"\nfalkordb: restarted on the {folder} folder ({_size(folder) / 2**20:.0f} MiB), answering "
          f"in {time.perf_counter() - start:.2f}s")


def _probe_empty(folder: Path, probe: Path, workers: int) -> None:
    """The probe's documents loaded into a new, empty embedded store just after they were loaded
    into the big graph: the rate to compare with, taken under the same machine load (the first
    step's rate was taken minutes or hours earlier, when the load may have differed)."""
    print("   the same documents into an empty store, now:")

    async def load(store: GraphStore) -> None:
        await _load(store, probe, workers, 0, folder)

    _on_store(folder, load)


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000", help="graph sizes in documents, ascending")
    parser.add_argument("--repeat", type=int, default=15, help="runs of each timed query (0: none)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--probe", type=int, default=100, help="documents loaded into the biggest graph (0: none)")
    parser.add_argument("--neo4j", help="Bolt URI of a Neo4j to measure instead of the embedded store")
    parser.add_argument("--wipe", action="store_true", help="allow clearing a non-empty store")
    parser.add_argument("--keep", type=Path, help="embedded store folder to keep (default: a temporary one)")
    parser.add_argument("--reuse", action="store_true", help="time the queries on the graph already loaded")
    parser.add_argument("--against", help="with --reuse: a small graph of the same corpus (an embedded store's "
                        "folder kept by --keep, or with --neo4j another Neo4j's URI), timed in turn with the big one")
    parser.add_argument("--empty", help="with --reuse: an empty store the probe is loaded into after the big graph, "
                        "in turn, --rounds times (the probe taken out of both after each round): with --neo4j an "
                        "empty Neo4j's URI, else a folder for an empty embedded store")
    parser.add_argument("--rounds", type=int, default=1, help="with --empty: probe loads into each store")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.reuse and not (args.neo4j or args.keep):
        parser.error("--reuse needs the store: --keep FOLDER or --neo4j URI")
    if args.against and not args.reuse:
        parser.error("--against compares graphs already loaded: it needs --reuse")
    if args.empty and not (args.reuse and args.probe):
        parser.error("--empty compares probe loads into a graph already loaded: it needs --reuse --probe")
    with tempfile.TemporaryDirectory(prefix="kg-bench-scale-") as tmp:
        corpus = _write_corpus(Path(tmp), sizes, args.probe, steps=not args.reuse)
        if args.neo4j:
            small, empty = (GraphStore(Neo4jDriver(uri, None, None, None)) if uri else None
                            for uri in (args.against, args.empty))
            asyncio.run(bench(GraphStore(Neo4jDriver(args.neo4j, None, None, None)), corpus, args, small, empty))
            return
        folder = args.keep or Path(tmp) / "falkordb"
        others = {name: Path(value) for name in ("against", "empty") if (value := getattr(args, name))}
        servers = {name: EmbeddedFalkorDB(f) for name, f in {"big": folder, **others}.items()}
        try:
            stores = {name: GraphStore(FalkorDBDriver("kg", unix_socket_path=str(server.start())))
                      for name, server in servers.items()}
            asyncio.run(bench(stores["big"], corpus, args, stores.get("against"), stores.get("empty"), folder))
        finally:
            for server in servers.values():
                server.stop()
        if corpus.probe is not None and not args.empty:
            _probe_empty(Path(tmp) / "empty", corpus.probe, args.workers)
        _startup(folder, corpus)


if __name__ == "__main__":
    main()
