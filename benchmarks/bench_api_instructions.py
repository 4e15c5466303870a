"""Instructions per GraphQL request of `kg serve`, counted by callgrind: a figure the load of a shared
machine does not move, beside bench_api's timings.

    .venv/bin/python -m benchmarks.bench_api_instructions DATA_DIR [--units 150] [--requests 20]

DATA_DIR is an embedded data folder: bench_api's corpus (``--units``) is loaded into its graph
``bench-api`` when that graph is empty, and kept for the next run (an A/B of two checkouts).
The server (one worker) runs under ``valgrind --tool=callgrind`` with instrumentation on only while
requests are measured; the FalkorDB server it starts runs natively, so what is counted is the
service's own Python: HTTP, GraphQL, the store adapter. For each of bench_api's queries (and
``{ __typename }``, what every request costs): three requests, then a window zeroed, ``--requests``
requests sent one at a time, and dumped. callgrind reads its commands only while the server runs
code, so each command is followed by /healthz requests until it is read; what an empty window
counts (those pokes) is taken off. Figures, not assertions: this is not a test. The same requests with
the store taken out (answered in process from recorded rows): ``benchmarks/bench_api_layer.py --count``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from benchmarks.bench_api import QUERIES, corpus
from benchmarks.served import free_port
from graph.payload import upsert_params
from loaders.pipeline import prepare

GRAPH = "bench-api"
TYPENAME = "{ __typename }"


def _control(pid: int, command: list[str], url: str) -> None:
    """``callgrind_control`` with ``command``, the server woken by /healthz until it has read it."""
    done = threading.Event()

    def run() -> None:
        subprocess.run(["callgrind_control", *command, str(pid)], capture_output=True, check=True)
        done.set()

    thread = threading.Thread(target=run)
    thread.start()
    with httpx.Client(base_url=url) as poke:
        while not done.wait(0.3):
            poke.get("/healthz")
    thread.join()


def _window(pid: int, url: str, folder: Path, send: Callable[[], None]) -> int:
    """Instructions the server ran while ``send`` ran (zeroed before, dumped after)."""
    _control(pid, ["-z"], url)
    send()
    before = set(folder.glob("cg.*"))
    _control(pid, ["-d"], url)
    dump = max(set(folder.glob("cg.*")) - before, key=os.path.getmtime)
    found = re.search(r"^(?:summary|totals): (\d+)", dump.read_text(), re.MULTILINE)
    assert found is not None, dump
    return int(found[1])


def _ready(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 900  # starting under valgrind takes minutes on a loaded machine
    while time.monotonic() < deadline and server.poll() is None:
        try:
            if httpx.get(f"{url}/readyz", timeout=60).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(1)
    raise SystemExit(f"kg serve did not become ready under valgrind; see {log}")


async def _prepare(data: Path, units: int) -> None:
    """bench_api's corpus in the ``bench-api`` graph of ``data``, unless it holds documents already."""
    data.mkdir(parents=True, exist_ok=True)
    embedded = EmbeddedFalkorDB(data)
    store = GraphStore(FalkorDBDriver(GRAPH, unix_socket_path=str(embedded.start())))
    try:
        await store.connect()
        if not await store.scalar("documents_count"):
            for doc in corpus(units):
                await store.write("upsert_document", upsert_params(prepare(doc)))
            await store.write("add_up_all_cells")
        await store.close()
    finally:
        embedded.stop()


def main(args: argparse.Namespace) -> None:
    asyncio.run(_prepare(Path(args.data), args.units))
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-instructions-"))
    port, log = free_port(), folder / "serve.log"
    env = {**os.environ, "KG_STORE": "embedded", "KG_DATA_DIR": args.data, "KG_GRAPH": GRAPH,
           "KG_REQUEST_TIMEOUT": "900"}  # a request runs some 50 times slower instrumented
    with log.open("wb") as sink:
        server = subprocess.Popen(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={folder}/cg.%p",
             sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", "1"],
            env=env, stdout=subprocess.DEVNULL, stderr=sink, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _ready(url, server, log)
        _control(server.pid, ["-i", "on"], url)
        with httpx.Client(base_url=url, timeout=900) as client:
            def post(text: str) -> None:
                response = client.post("/graphql", json={"query": text})
                assert response.status_code == 200 and "errors" not in response.json(), response.text[:500]

            empty = _window(server.pid, url, folder, lambda: None)
            print(f"{args.requests} requests a query; an empty window {empty / 1e6:.2f} M instructions (taken off)")
            for label, text in {**QUERIES, "typename": TYPENAME}.items():
                for _ in range(3):  # caches, plans, connections
                    post(text)
                def requests(text: str = text) -> None:
                    for _ in range(args.requests):
                        post(text)
                counted = _window(server.pid, url, folder, requests)
                per_request = (counted - empty) / args.requests / 1e6
                print(f"{label:18} {per_request:8.2f} M instructions per request", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(120)
    print(f"callgrind dumps and the server's log in {folder}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", help="embedded data folder (KG_DATA_DIR), made and loaded when empty")
    parser.add_argument("--units", type=int, default=150, help="bench_api's units (three documents each)")
    parser.add_argument("--requests", type=int, default=20, help="requests counted per query")
    main(parser.parse_args())
