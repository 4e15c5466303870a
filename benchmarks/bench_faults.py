"""Faults in the middle of traffic, on a `kg serve` process over HTTP: the store goes away, requests
fail fast with STORE_UNAVAILABLE, /readyz says 503, and the service resumes by itself when the
store is back, with every completed load kept.

    .venv/bin/python -m benchmarks.bench_faults [--clients 5] [--outage 10] [--neo4j-port 7693]

Embedded: the seeds are loaded (`kg load`), the service serves them, and the embedded FalkorDB
server is killed (SIGKILL) under traffic; the app restarts it from its files. Neo4j (with
``--neo4j-port``): a Neo4j of the test launcher (tools/neo4j-launcher, built by
tools/neo4j-test.sh) on that free port and a data folder of its own is loaded, stopped (SIGTERM)
under traffic for ``--outage`` seconds and started again on the same folder. Printed for each:
the slowest failed request, the codes seen, /readyz during the outage, how long after the store
was back (or killed, for the embedded one) the first request succeeded, and whether the answer
afterwards equals the one before. Figures, not assertions: this is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from benchmarks.served import KG, serve, stop
from tests.corpus import SEEDS

QUERY = "{ documents(first: 20) { totalCount edges { node { title unit { name } projects { name budgetWan } } } } }"
LAUNCHER = Path(__file__).resolve().parents[1] / "tools" / "neo4j-launcher" / "target"


@dataclass
class Traffic:
    """Every request's end time (monotonic), latency and outcome ("ok" or its error codes)."""

    seen: list[tuple[float, float, str]] = field(default_factory=list)
    readyz: Counter[int] = field(default_factory=Counter)


async def answer(http: httpx.AsyncClient) -> tuple[str, dict[str, Any] | None]:
    try:
        response = await http.post("/graphql", json={"query": QUERY})
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        return type(exc).__name__, None
    if response.status_code != 200:
        return f"HTTP {response.status_code}", None
    codes = [str(e.get("extensions", {}).get("code")) for e in body.get("errors") or []]
    return ",".join(codes) or "ok", body.get("data")


async def drive(http: httpx.AsyncClient, traffic: Traffic, until: Callable[[], bool]) -> None:
    while not until():
        began = time.perf_counter()
        outcome, _ = await answer(http)
        traffic.seen.append((time.monotonic(), time.perf_counter() - began, outcome))
        await asyncio.sleep(0.05)


async def watch_ready(http: httpx.AsyncClient, traffic: Traffic, until: Callable[[], bool]) -> None:
    while not until():
        try:
            traffic.readyz[(await http.get("/readyz")).status_code] += 1
        except httpx.HTTPError:
            traffic.readyz[0] += 1
        await asyncio.sleep(0.2)


async def fault(label: str, url: str, clients: int, break_store: Callable[[], Awaitable[float]]) -> None:
    """Traffic before, during and after ``break_store``, which returns the moment (monotonic) from
    which the service should recover (the kill for the embedded store, the restart for Neo4j)."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:
        _, before = await answer(http)
        traffic, stopping = Traffic(), asyncio.Event()
        broken_at = time.monotonic() + 3.0
        tasks = [asyncio.create_task(drive(http, traffic, stopping.is_set)) for _ in range(clients)]
        ready = asyncio.create_task(watch_ready(http, traffic, stopping.is_set))
        await asyncio.sleep(3.0)
        back_at = await break_store()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any(t > back_at and o == "ok" for t, _, o in traffic.seen):
            await asyncio.sleep(0.1)
        await asyncio.sleep(2.0)
        stopping.set()
        await asyncio.gather(*tasks, ready)
        _, after = await answer(http)
    failed = [(t, seconds, o) for t, seconds, o in traffic.seen if o != "ok"]
    first_ok = min((t for t, _, o in traffic.seen if t > max(back_at, max((t for t, _, _ in failed), default=0))
                    and o == "ok"), default=None)
    print(f"\n{label}: {len(traffic.seen)} requests, {clients} clients; outcomes "
          f"{dict(Counter(o for _, _, o in traffic.seen))}")
    if failed:
        print(f"  failures from {failed[0][0] - broken_at:+.1f} s to {failed[-1][0] - broken_at:+.1f} s after the "
              f"fault; slowest failed request {max(s for _, s, _ in failed):.2f} s, median "
              f"{sorted(s for _, s, _ in failed)[len(failed) // 2]:.2f} s")
    slow = [(t - seconds - broken_at, seconds) for t, seconds, _ in failed if seconds > 2.0]
    print(f"  failed requests over 2 s: {len(slow)}"
          + "".join(f"; {took:.2f} s sent at {sent:+.1f} s" for sent, took in slow[:10]))
    print(f"  /readyz answers: {dict(traffic.readyz)}")
    print(f"  first success {first_ok - back_at:.1f} s after the store was back" if first_ok
          else "  NO success after the store was back")
    total = (after or {}).get("documents", {}).get("totalCount")
    print(f"  answer after == before: {after == before} (totalCount {total})")


def embedded(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-faults-") as tmp:
        data = Path(tmp) / "data"
        env = {**os.environ, "KG_STORE": "embedded", "KG_DATA_DIR": str(data)}
        subprocess.run([KG, "load", str(SEEDS), "--log-format", "text"], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server, url = serve(env, 1, Path(tmp) / "serve.log")

        async def kill() -> float:
            pid = int((data / "server.pid").read_text())
            os.kill(pid, signal.SIGKILL)
            return time.monotonic()

        try:
            asyncio.run(fault("embedded FalkorDB killed (SIGKILL)", url, args.clients, kill))
        finally:
            stop(server)


def launch_neo4j(port: int, home: Path) -> subprocess.Popen[bytes]:
    log = (home / "launcher.log").open("ab")
    process = subprocess.Popen(["java", "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                "-cp", f"{LAUNCHER / 'classes'}:{LAUNCHER / 'lib'}/*", "kg.tools.Neo4jLauncher",
                                str(port), str(home / "db")], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 240
    while b"READY" not in (home / "launcher.log").read_bytes().split(b"STOPPED")[-1]:
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"Neo4j did not start on port {port}: see {home / 'launcher.log'}")
        time.sleep(0.5)
    return process


def neo4j(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="kg-faults-neo4j-") as tmp:
        home = Path(tmp)
        uri = f"bolt://127.0.0.1:{args.neo4j_port}"
        database = launch_neo4j(args.neo4j_port, home)
        env = {**os.environ, "KG_STORE": "neo4j", "NEO4J_URI": uri, "NEO4J_USER": ""}
        try:
            subprocess.run([KG, "load", str(SEEDS), "--log-format", "text"], env=env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            server, url = serve(env, 1, home / "serve.log")

            async def restart() -> float:
                nonlocal database
                stopping = time.monotonic()
                database.terminate()
                await asyncio.to_thread(database.wait)
                print(f"Neo4j stopped {time.monotonic() - stopping:.1f} s after SIGTERM; starting it again in "
                      f"{args.outage:g} s")
                await asyncio.sleep(args.outage)
                starting = time.monotonic()
                database = await asyncio.to_thread(launch_neo4j, args.neo4j_port, home)
                print(f"Neo4j ready {time.monotonic() - starting:.1f} s after starting "
                      f"({time.monotonic() - stopping:.1f} s after SIGTERM)")
                return time.monotonic()

            try:
                asyncio.run(fault(f"Neo4j stopped (SIGTERM) for {args.outage:g} s, then started", url,
                                  args.clients, restart))
            finally:
                stop(server)
        finally:
            database.terminate()
            database.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=5)
    parser.add_argument("--outage", type=float, default=10.0, help="seconds Neo4j stays stopped")
    parser.add_argument("--neo4j-port", type=int, help="a free port for a Neo4j of the test launcher")
    parser.add_argument("--no-embedded", action="store_true", help="only the Neo4j run")
    arguments = parser.parse_args()
    if not arguments.no_embedded:
        embedded(arguments)
    if arguments.neo4j_port:
        neo4j(arguments)
