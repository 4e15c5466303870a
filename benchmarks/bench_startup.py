"""Start-up: seconds from ``kg serve`` to /healthz and to /readyz answering 200, on a graph a
store already holds (an embedded store's folder, or a Neo4j), restarted ``--repeat`` times.

    .venv/bin/python -m benchmarks.bench_startup --data /work/bench/x-10k [--graph kg] [--repeat 3]
    .venv/bin/python -m benchmarks.bench_startup --neo4j bolt://127.0.0.1:7693 [--repeat 3]

Run ``kg upgrade`` on the graph first: an upgrade the first start runs is not start-up. For the
embedded store it also prints the phases of FalkorDB's own load from the lines each start adds to
``falkordb.log`` (nodes, relationships, matrices, indexes; then the service: from the server
answering to /readyz 200) and the server's CPU seconds; for either store the service's CPU seconds
(``kg serve`` and its workers, not the embedded server), which share the machine's cores with it.
Figures, not assertions: this is not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import re
import statistics
import subprocess
import time
from datetime import datetime
from pathlib import Path

import httpx

from benchmarks.served import KG, cpu_seconds, free_port, load_average, server_cpu, server_pid, stop

_STAMP = re.compile(r"^(\d+):M (\d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3}) \* (.*)$")
_PHASES = (  # (name, the log line that starts it)
    ("nodes", "processing virtual key: 1/"),
    ("relationships", "deleted nodes"),
    ("matrices", "loading label matrices"),
    ("indexes", "Constructing indexes"),
    ("ready", "Ready to accept connections"),
)


def _phases(lines: list[str]) -> dict[str, float]:
    """Seconds of each phase of one server start, from its log lines (a phase ends where the next begins)."""
    seen: dict[str, datetime] = {}
    for line in lines:
        if (m := _STAMP.match(line)) is None:
            continue
        for name, marker in _PHASES:
            if marker in m[3] and name not in seen:
                seen[name] = datetime.strptime(m[2], "%d %b %Y %H:%M:%S.%f")
    names = [name for name, _ in _PHASES if name in seen]
    phases = {a: (seen[b] - seen[a]).total_seconds() for a, b in itertools.pairwise(names)}
    if "ready" in seen:  # when the server answered (seconds since the epoch: the log's local time)
        phases["answering at"] = seen["ready"].timestamp()
    return phases


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    found, i = [pid], 0
    while i < len(found):
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{found[i]}/task").iterdir():
                found += [int(c) for c in (task / "children").read_text().split()]
        i += 1
    return found


def _service_cpu(pid: int, folder: Path | None) -> float:
    """CPU seconds ``kg serve`` (``pid``) and its workers have used, its embedded server's not: on a
    machine of few cores the workers' start (importing the app) shares them with the server's load."""
    server = server_pid(folder)
    return sum(cpu_seconds(p) or 0.0 for p in _tree(pid) if p != server)


def _once(env: dict[str, str], folder: Path | None) -> tuple[float, float, dict[str, float], float | None, float]:
    """One start: (s to /healthz 200, s to /readyz 200, FalkorDB's phases, server CPU s, service CPU s)."""
    log = folder / "falkordb.log" if folder else None
    offset = log.stat().st_size if log and log.exists() else 0
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started_at, start = time.time(), time.perf_counter()
    server = subprocess.Popen([KG, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    healthy = ready = 0.0
    try:
        with httpx.Client(timeout=5) as http:
            while time.perf_counter() - start < 300:
                try:
                    if not healthy and http.get(f"{url}/healthz").status_code == 200:
                        healthy = time.perf_counter() - start
                    if healthy and http.get(f"{url}/readyz").status_code == 200:
                        ready = time.perf_counter() - start
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.02)
        cpu = server_cpu(folder)
        service_cpu = _service_cpu(server.pid, folder)
        if not ready:
            raise SystemExit("kg serve was not ready within 300 s")
    finally:
        stop(server)
    phases = {}
    if log:
        with log.open("rb") as handle:
            handle.seek(offset)
            phases = _phases(handle.read().decode(errors="replace").splitlines())
    if (answering := phases.pop("answering at", None)) is not None:
        phases["then the service"] = started_at + ready - answering
    return healthy, ready, phases, cpu, service_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data", type=Path, help="an embedded store's folder")
    where.add_argument("--neo4j", help="Bolt URI of a Neo4j holding the graph")
    parser.add_argument("--graph", default="kg", help="the embedded store's graph name (KG_GRAPH)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = dict(os.environ, KG_GRAPH=args.graph)
    if args.neo4j:
        env.update(KG_STORE="neo4j", NEO4J_URI=args.neo4j)
    else:
        env.update(KG_STORE="embedded", KG_DATA_DIR=str(args.data))
    ready_times = []
    for run in range(args.repeat):
        before = load_average()
        healthy, ready, phases, cpu, service_cpu = _once(env, args.data)
        ready_times.append(ready)
        split = ", ".join(f"{name} {s:.2f}" for name, s in phases.items())
        server = (f"; server CPU {cpu:.2f} s" if cpu is not None else "") + f"; service CPU {service_cpu:.2f} s"
        print(f"run {run + 1}: /healthz {healthy:.2f} s, /readyz {ready:.2f} s (load {before}){server}"
              + (f"; FalkorDB: {split}" if split else ""), flush=True)
    print(f"/readyz 200 after {statistics.median(ready_times):.2f} s (median of {args.repeat}; "
          f"load {load_average()})")


if __name__ == "__main__":
    main()
