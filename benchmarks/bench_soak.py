"""Soak: N concurrent clients send a mix of queries to a `kg serve` process over HTTP for a while;
throughput, latency, errors by code and the server's memory over time.

    .venv/bin/python -m benchmarks.bench_soak [--clients 50] [--duration 600] [--interval 30] [--workers 1]
                                              [--neo4j bolt://127.0.0.1:7693 --wipe] [PATH ...]
    .venv/bin/python -m benchmarks.bench_soak --reuse [--neo4j URI | --data FOLDER [--graph kg]] [PATH ...]

The store (the embedded default in a fresh data folder, or the Neo4j given, cleared) is loaded with
`kg load` from PATHs (default: the seeds and the sample corpus), then `kg serve` runs in its own
process. ``--reuse`` serves the graph a Neo4j or an embedded folder (``--data``, e.g. a copy of a
10,000-document graph) already holds, not cleared, with the PATHs given loaded into it (the examples
ask for the sample corpus's units). The queries are the GraphiQL examples
(app/playground/examples.graphql) with their default variables, each client taking them in turn from
its own starting point. Every ``--interval`` seconds a line: requests/s, p50/p99 of that interval,
errors so far, and the resident memory (RSS) of the service's processes (their sum, and each: the
`kg serve` supervisor and its ``--workers``) and of the embedded store's. At the end: totals; errors
by code (extensions.code, after the HTTP status unless 200: "HTTP 504 TIMEOUT", "HTTP 503 OVERLOADED")
with when each was first and last seen, and by query; whether the RSS of every service process stayed
flat (within ±10 % of its mean after the first interval); and every line of the server's log that is not
a routine one. Figures, not assertions: this is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import orjson

from app.playground import example_tabs
from app.store import GraphStore
from app.store.neo4j_driver import Neo4jDriver
from benchmarks.served import KG, clear, load_average, percentile, serve, stop
from tests.corpus import SAMPLES, SEEDS


@dataclass
class Tally:
    """What the clients saw: latencies (s) of the requests in the current interval and in all; errors by
    code, by query and code, and when (s after ``began``) each code was first and last seen."""

    began: float = 0.0
    interval: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    by_query: dict[int, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    query_errors: dict[int, Counter[str]] = field(default_factory=dict)
    seen: dict[str, tuple[float, float]] = field(default_factory=dict)

    def record(self, query: int, seconds: float, codes: list[str], at: float) -> None:
        """One answer to ``query`` after ``seconds``, its error ``codes``, arrived at ``at`` (monotonic)."""
        self.interval.append(seconds)
        self.latencies.append(seconds)
        self.by_query.setdefault(query, []).append(seconds)
        if codes:
            self.errors.update(codes)
            self.query_errors.setdefault(query, Counter()).update(codes)
            for code in codes:
                first, _ = self.seen.get(code, (at - self.began, 0.0))
                self.seen[code] = (first, at - self.began)


def error_codes(status: int, body: bytes) -> list[str]:
    """The errors one answer counts as: each GraphQL error's ``extensions.code`` ("?" when it has none),
    after the HTTP status when that is not 200 ("HTTP 503 OVERLOADED", "HTTP 504 TIMEOUT"); a failed
    status without GraphQL errors (a proxy's page, an empty body) is its status alone."""
    try:
        answer = orjson.loads(body)
    except orjson.JSONDecodeError:
        answer = None
    errors = answer.get("errors") if isinstance(answer, dict) else None
    errors = errors if isinstance(errors, list) else []
    codes = [str((e.get("extensions") or {}).get("code") or "?") if isinstance(e, dict) else "?" for e in errors]
    if status == 200:
        return codes
    return [f"HTTP {status} {code}" for code in codes] or [f"HTTP {status}"]


ROUTINE = ("INFO:", "GraphQL (GraphiQL in a browser):", "Explorer (funding, units, projects):")


def log_problems(lines: Iterable[str]) -> list[str]:
    """The lines of `kg serve`'s log that are not its routine start and stop lines (uvicorn's INFO lines and
    the two addresses it prints): errors and warnings in uvicorn's format, tracebacks, and what the app's
    and the Neo4j driver's loggers print through Python's last-resort handler, the bare message without
    its level (e.g. "the embedded FalkorDB stopped answering; restarting it")."""
    return [line for line in lines if line.strip() and not line.startswith(ROUTINE)]


def descendants(pid: int) -> Iterator[int]:
    yield pid
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        for child in children:
            yield from descendants(int(child))


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def role(pid: int, server: int) -> str:
    """What a service process is: the `kg serve` supervisor, a worker (uvicorn spawns them), or another
    helper (multiprocessing's resource tracker)."""
    if pid == server:
        return "serve"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "gone"
    return "worker" if b"spawn_main" in command else "tracker" if b"resource_tracker" in command else "other"


def store_pid(data_dir: Path | None) -> int | None:
    try:
        return int((data_dir / "server.pid").read_text()) if data_dir else None
    except (OSError, ValueError):
        return None


def memory(server: subprocess.Popen[bytes], data_dir: Path | None) -> tuple[dict[int, float], float]:
    """(MiB of each service process by pid: the serve process and its workers; the embedded store's
    MiB). The store and its children (a snapshot's fork, as big as the store for a moment) are not
    the service's, wherever they hang in the process tree."""
    store = store_pid(data_dir)
    theirs = set(descendants(store)) if store else set()
    service = {pid: rss_mib(pid) for pid in dict.fromkeys(descendants(server.pid)) if pid not in theirs}
    return {pid: mib for pid, mib in service.items() if mib}, rss_mib(store) if store else 0.0


async def client(http: httpx.AsyncClient, queries: list[str], start: int, until: float, tally: Tally) -> None:
    turn = start
    while time.monotonic() < until:
        index = turn % len(queries)
        query = queries[index]
        turn += 1
        began = time.perf_counter()
        try:
            response = await http.post("/graphql", json={"query": query})
            codes = error_codes(response.status_code, response.content)
        except httpx.HTTPError as exc:
            codes = [type(exc).__name__]
        tally.record(index, time.perf_counter() - began, codes, time.monotonic())


async def soak(url: str, server: subprocess.Popen[bytes], data_dir: Path | None, args: argparse.Namespace) -> None:
    queries = [tab["query"] for tab in example_tabs() if not tab["query"].lstrip().startswith("mutation")]
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        for query in queries:  # warm-up, and a query the data cannot answer fails here, not in the figures
            answer = (await http.post("/graphql", json={"query": query})).json()
            assert "errors" not in answer, (query, answer)
        began = time.monotonic()
        tally = Tally(began)
        until = began + args.duration
        print(f"{args.clients} clients, {len(queries)} queries, {args.duration:g} s; load average "
              f"{load_average()}")
        print(f"{'t (s)':>6} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'service MiB':>11} "
              f"{'store MiB':>9} {'load 1m':>7}  per service process MiB")
        clients = [asyncio.create_task(client(http, queries, i, until, tally)) for i in range(args.clients)]
        series: list[dict[int, float]] = []
        roles: dict[int, str] = {}
        last = began
        while time.monotonic() < until:
            await asyncio.sleep(min(args.interval, max(0.0, until - time.monotonic())))
            now = time.monotonic()
            done, tally.interval = tally.interval, []
            service, store = memory(server, data_dir)
            series.append(service)
            for pid in service:
                roles.setdefault(pid, role(pid, server.pid))
            print(f"{now - began:6.0f} {len(done) / (now - last):7.1f} {percentile(done, 50):8.0f} "
                  f"{percentile(done, 99):8.0f} {sum(tally.errors.values()):6} {sum(service.values()):11.1f} "
                  f"{store:9.1f} {os.getloadavg()[0]:7.2f}  "
                  + " ".join(f"{roles[pid]} {pid}:{mib:.0f}" for pid, mib in service.items()), flush=True)
            last = now
        await asyncio.gather(*clients)
        wall = time.monotonic() - began
    report(tally, series, roles, wall, queries)


def report(tally: Tally, series: list[dict[int, float]], roles: dict[int, str], wall: float,
           queries: list[str]) -> None:
    answered = len(tally.latencies)
    cuts = {p: percentile(tally.latencies, p) for p in (50, 95, 99)}
    print(f"\n{answered} requests in {wall:.0f} s: {answered / wall:.1f} req/s; "
          f"p50 {cuts[50]:.0f} ms, p95 {cuts[95]:.0f} ms, p99 {cuts[99]:.0f} ms")
    print(f"errors: {sum(tally.errors.values()) or 'none'}")
    for code, count in tally.errors.most_common():
        first, last = tally.seen[code]
        print(f"  {code:32} {count:6}  first at {first:.0f} s, last at {last:.0f} s")
    for index, query in enumerate(queries):
        seen = tally.by_query.get(index, [])
        failed = tally.query_errors.get(index, Counter())
        errors = ", ".join(f"{code} x{count}" for code, count in failed.most_common()) or "no errors"
        print(f"  {query_name(query):40} {len(seen):6} requests  p50 {percentile(seen, 50):6.0f} ms  "
              f"p99 {percentile(seen, 99):6.0f} ms  {errors}")
    warm = series[1:] or series
    flat("service RSS (all processes)", [sum(sample.values()) for sample in warm])
    for pid in dict.fromkeys(pid for sample in warm for pid in sample):
        seen = [sample[pid] for sample in warm if pid in sample]
        gone = "" if len(seen) == len(warm) else f" (in {len(seen)} of {len(warm)} samples: started or ended)"
        flat(f"  {roles[pid]} {pid}{gone}", seen)
    print(f"load average at the end {load_average()}")


def query_name(query: str) -> str:
    """A query's name as written ("query PolicyFunds"), or its first characters."""
    return query.split("(")[0].split("{")[0].strip() or query[:30]


def flat(label: str, mib: list[float]) -> None:
    """Print whether ``mib`` (samples after the first interval) stayed within ±10 % of its mean."""
    if mib:
        mean = statistics.fmean(mib)
        spread = max(abs(v - mean) for v in mib) / mean * 100
        print(f"{label} after the first interval: {min(mib):.1f}-{max(mib):.1f} MiB, mean {mean:.1f}, "
              f"max deviation {spread:.1f} % ({'flat' if spread <= 10 else 'NOT flat'} at ±10 %)")


async def wipe(uri: str, allowed: bool) -> None:
    store = GraphStore(Neo4jDriver(uri, None, None, None))
    await store.connect()
    try:
        await clear(store, allowed)
    finally:
        await store.close()


def main(args: argparse.Namespace) -> None:
    if args.reuse and not (args.neo4j or args.data):
        raise SystemExit("--reuse serves a graph already loaded: give --neo4j or --data")
    with tempfile.TemporaryDirectory(prefix="kg-soak-") as tmp:
        data_dir = None if args.neo4j else args.data or Path(tmp) / "data"
        env = {**os.environ, **({"KG_STORE": "neo4j", "NEO4J_URI": args.neo4j, "NEO4J_USER": ""} if args.neo4j
                                else {"KG_STORE": "embedded", "KG_DATA_DIR": str(data_dir), "KG_GRAPH": args.graph})}
        name = f"neo4j {args.neo4j}" if args.neo4j else f"embedded FalkorDB {data_dir}"
        if args.neo4j and not args.reuse:
            asyncio.run(wipe(args.neo4j, args.wipe))
        paths = args.paths or ([] if args.reuse else [SEEDS, SAMPLES])
        started = time.monotonic()
        if paths:
            subprocess.run([KG, "load", *map(str, paths), "--log-format", "text"], env=env, check=True,
                           stdout=subprocess.DEVNULL)
        print(f"{name}: {'the graph there' if args.reuse else 'cleared'}, {len(paths)} paths loaded in "
              f"{time.monotonic() - started:.0f} s; kg serve --workers {args.workers}")
        log = Path(tmp) / "serve.log"
        server, url = serve(env, args.workers, log)
        try:
            asyncio.run(soak(url, server, data_dir, args))
        finally:
            stop(server)
            problems = log_problems(log.read_text(errors="replace").splitlines())
            # the first lines too: errors of one kind (timeouts at the end) may hide another kind
            shown = problems if len(problems) <= 30 else [*problems[:10], f"... {len(problems) - 30} more ...",
                                                           *problems[-20:]]
            print(f"server log ({len(problems)} errors or warnings):", *shown or ["none"], sep="\n  ")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="what to load (default: the seeds and sample corpus)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=600.0, help="seconds of traffic")
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between report lines")
    parser.add_argument("--workers", type=int, default=1, help="kg serve --workers")
    parser.add_argument("--neo4j", help="Bolt URI of a Neo4j to use instead of the embedded store (cleared)")
    parser.add_argument("--wipe", action="store_true", help="allow clearing a non-empty Neo4j database")
    parser.add_argument("--data", type=Path, help="the embedded store's folder (default: a temporary one)")
    parser.add_argument("--graph", default="kg",
                        help="the embedded store's graph name (KG_GRAPH; the benchmarks' folders hold 'kg': served "
                             "under another name, --data would serve an empty graph plus the PATHs)")
    parser.add_argument("--reuse", action="store_true",
                        help="serve the graph already loaded, not cleared (PATHs, if given, loaded into it)")
    main(parser.parse_args())
