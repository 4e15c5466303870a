"""aggregate() as the graph grows: the generator's scale corpus loaded in steps (e.g. 100, then
to 1,000, then to 10,000 documents), and after each step the common drilldowns timed, answered
from the documents' roll-ups (what the API does) and by adding up the facts themselves.

    .venv/bin/python -m benchmarks.bench_aggregate --sizes 100,1000,10000 [--repeat 10] [--workers 2]
        [--corpus /tmp/corpus-10k] [--neo4j bolt://127.0.0.1:7688 --wipe]
        [--keep /tmp/kg-agg-data [--resume]] [--reuse]

``--corpus`` takes a folder ``samples.generate --scale`` wrote (in an order mixing units and
years, its first N files make each step); without it the corpus is generated. Per drilldown it
prints the p50 and p95 (ms) of ``--repeat`` runs of the GraphQL query in process (cells with
their units, regions and policies, and the summary), then the p50 of the store's read of the
cells the API reads (roll-up cells, or a unit's roll-ups: app/api/aggregate.py), from every
document's roll-ups and from the facts, whether the API's read and the facts gave the same cells,
and which read that was. Figures, not
assertions: this is not a test. ``--reuse`` times the graph a kept folder (or the Neo4j) already
holds, loading nothing (e.g. bench_scale's 10,000 documents, or a graph moved there by
``kg import``).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import math
import os
import statistics
import tempfile
import time
from enum import Enum
from pathlib import Path
from typing import Any

from strawberry.utils.str_converters import to_camel_case

from app.api import schema
from app.api.aggregate import AggregateFacts, Dimension, _direct, _group_params, _rollup, _rollup_reads
from app.api.context import Context
from app.api.filters import AggregateFilter, AggregateScope, IntRange, filter_params
from app.loading import LoadOptions, run_load
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.neo4j_driver import Neo4jDriver
from benchmarks.served import clear, quantile
from samples.generate import generate_corpus

CELL = "fiscalYear region { name } unit { name } policy { docNumber } functionCode count budgetWan executedWan"
PREFECTURE = "巴音郭楞蒙古自治州"
DRILLDOWNS: dict[str, tuple[AggregateFacts, list[Dimension], AggregateFilter]] = {
    "REGION x YEAR (projects)": (AggregateFacts.PROJECTS, [Dimension.REGION, Dimension.FISCAL_YEAR], AggregateFilter()),
    "PREFECTURE x YEAR (spending)": (AggregateFacts.SPENDING, [Dimension.PREFECTURE, Dimension.FISCAL_YEAR],
                                     AggregateFilter()),
    "POLICY (projects)": (AggregateFacts.PROJECTS, [Dimension.POLICY], AggregateFilter()),
    "FUNCTION_CLASS (spending)": (AggregateFacts.SPENDING, [Dimension.FUNCTION_CLASS], AggregateFilter()),
    "UNIT (projects)": (AggregateFacts.PROJECTS, [Dimension.UNIT], AggregateFilter()),
    "summary only (projects)": (AggregateFacts.PROJECTS, [], AggregateFilter()),
    "PROVINCE x YEAR, scope ALL": (AggregateFacts.PROJECTS, [Dimension.PROVINCE, Dimension.FISCAL_YEAR],
                                   AggregateFilter(scope=AggregateScope.ALL)),
    "ISSUER, subsidies, year>=2020": (AggregateFacts.PROJECTS, [Dimension.ISSUER],
                                      AggregateFilter(subsidies_only=True, fiscal_year=IntRange(min=2020))),
    "SECTION, one prefecture, 208": (AggregateFacts.SPENDING, [Dimension.FUNCTION_SECTION],
                                     AggregateFilter(region=PREFECTURE, function_code_prefix="208")),
    "YEAR, one unit (projects)": (AggregateFacts.PROJECTS, [Dimension.FISCAL_YEAR],
                                  AggregateFilter(unit="库尔勒市社会保险中心")),
}


def _text(facts: AggregateFacts, drilldown: list[Dimension]) -> str:
    levels = ", ".join(d.name for d in drilldown)
    return (f"query($filter: AggregateFilter) {{ aggregate(facts: {facts.name}, drilldown: [{levels}], "
            f"filter: $filter, first: 5000) {{ truncated cells {{ {CELL} }} "
            "summary { count budgetWan executedWan } } }")


def _variables(given: AggregateFilter) -> dict[str, Any]:
    """The filter as GraphQL variables (the fields set, by their GraphQL names)."""
    def value(v: Any) -> Any:
        if isinstance(v, Enum):
            return v.name
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return {k: x for k, x in dataclasses.asdict(v).items() if x is not None}
        return v

    defaults = AggregateFilter()
    return {to_camel_case(f.name): value(getattr(given, f.name)) for f in dataclasses.fields(given)
            if getattr(given, f.name) != getattr(defaults, f.name)}


async def _p50_p95(run: Any, repeat: int) -> tuple[float, float]:
    latencies = []
    for i in range(repeat + 1):
        start = time.perf_counter()
        await run()
        if i:  # the first run warms caches
            latencies.append((time.perf_counter() - start) * 1000)
    return statistics.median(latencies), quantile(latencies, 95)


def _same(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    def close(u: Any, v: Any) -> bool:
        if isinstance(u, float) or isinstance(v, float):
            return u is not None and v is not None and math.isclose(u, v, rel_tol=1e-9, abs_tol=1e-9)
        return bool(u == v)

    return len(a) == len(b) and all(close(x.get(k), y.get(k)) for x, y in zip(a, b, strict=True) for k in x | y)


async def _measure(store: GraphStore, repeat: int) -> None:
    for label, (facts, drilldown, given) in DRILLDOWNS.items():
        text, variables = _text(facts, drilldown), {"filter": _variables(given)}

        async def api(text: str = text, variables: dict[str, Any] = variables) -> None:
            result = await schema.execute(text, variable_values=variables, context_value=Context(store=store))
            assert result.errors is None, result.errors

        params = {**filter_params(given), **_group_params(drilldown, 5001)}
        plan = _rollup(facts, drilldown, params)
        assert plan is not None
        direct_query = _direct(facts, drilldown)

        async def direct(q: str = direct_query, p: dict[str, Any] = params) -> None:
            await store.read(q, p)

        (read_name, read), rollup_params = _rollup_reads(drilldown, params)[0], {**params, **plan}
        read_params = {**rollup_params, **read}

        async def answered(q: str = read_name, p: dict[str, Any] = read_params) -> None:
            await store.read(q, p)

        async def rollup(p: dict[str, Any] = rollup_params) -> None:
            await store.read("aggregate_rollups", p)

        p50, p95 = await _p50_p95(api, repeat)
        read_p50, _ = await _p50_p95(answered, repeat)
        rollup_p50, _ = await _p50_p95(rollup, repeat)
        direct_p50, _ = await _p50_p95(direct, max(3, repeat // 3))
        rolled = await store.read(read_name, read_params)
        same = _same(rolled, await store.read(direct_query, params))
        print(f"   {label:30} {p50:8.1f} {p95:8.1f} {read_p50:10.1f} {rollup_p50:10.1f} {direct_p50:10.1f}  "
              f"{len(rolled):6} {'yes' if same else 'NO'}  {read_name} {read.get('level', '')}")


async def bench(store: GraphStore, batches: list[Path], sizes: list[int], args: argparse.Namespace) -> None:
    await store.connect()
    try:
        print(f"\n{store.name}: aggregate p50 / p95 ms of {args.repeat} runs (GraphQL), p50 of the cells' read")
        if args.reuse:
            print(f"-- {await store.scalar('documents_count')} documents as kept, load average {_load_average()}")
            print(_HEADER)
            await _measure(store, args.repeat)
            print(f"   load average {_load_average()}")
            return
        if not args.resume:
            await clear(store, args.wipe)
        previous = 0
        for batch, size in zip(batches, sizes, strict=True):
            start = time.perf_counter()
            report = await run_load(store, [batch], LoadOptions(workers=args.workers))
            took = time.perf_counter() - start
            documents = await store.scalar("documents_count")  # more than size when --resume kept more
            print(f"-- {documents} documents ({report.nodes} nodes): loaded {size - previous} in {took:.0f}s, "
                  f"{len(report.failed)} failed, load average {_load_average()}")
            print(_HEADER)
            await _measure(store, args.repeat)
            previous = size
    finally:
        await store.close()


_HEADER = (f"   {'drilldown':30} {'p50':>8} {'p95':>8} {'read':>10} {'roll-ups':>10} {'facts':>10}  {'cells':>6} "
           "same  read")


def _load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _batches(root: Path, sizes: list[int], corpus: Path | None) -> list[Path]:
    """One folder per step holding that step's new files (links to ``corpus``'s, or generated)."""
    put: list[tuple[str, Path | str]]  # a file's name, and the file to link to or the text to write
    if corpus is not None:
        # shuffled by a hash of the name, so that each step spans units, regions and years
        files = sorted(corpus.glob("*.txt"), key=lambda f: hashlib.sha256(f.name.encode()).digest())[: sizes[-1]]
        put = [(f.name, f.resolve()) for f in files]
    else:
        put = [(d.filename, d.text) for d in generate_corpus(sizes[-1], seed=3, scale=True)]
    batches, start = [], 0
    for size in sizes:
        folder = root / f"upto-{size}"
        folder.mkdir()
        for name, source in put[start:size]:
            if isinstance(source, Path):
                (folder / name).symlink_to(source)
            else:
                (folder / name).write_text(source, encoding="utf-8")
        batches.append(folder)
        start = size
    return batches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000", help="graph sizes in documents, ascending")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, help="a generated scale corpus to load from (default: generate)")
    parser.add_argument("--neo4j", help="Bolt URI of a Neo4j to measure instead of the embedded store")
    parser.add_argument("--wipe", action="store_true", help="allow clearing a non-empty store")
    parser.add_argument("--keep", type=Path, help="embedded store folder to keep (default: a temporary one)")
    parser.add_argument("--resume", action="store_true",
                        help="keep what the store holds (a --keep folder of an earlier run): files loaded are skipped")
    parser.add_argument("--reuse", action="store_true", help="time the graph the store holds, loading nothing")
    args = parser.parse_args()
    if args.reuse and not (args.neo4j or args.keep):
        parser.error("--reuse needs the store: --keep FOLDER or --neo4j URI")
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="kg-bench-aggregate-") as tmp:
        batches = [] if args.reuse else _batches(Path(tmp), sizes, args.corpus)
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
