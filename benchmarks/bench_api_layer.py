"""The service's own cost per request with the store taken out: each of bench_api's queries answered
in process, through the ASGI app, from rows recorded once from the store (a driver that replays them),
so what is measured is HTTP handling, GraphQL, the store adapter and JSON: the layer that ``HTTP <= 1.3x
the driver`` (issue 13) is about.

    .venv/bin/python -m benchmarks.bench_api_layer DATA_DIR [--requests 20] [--count | --profile DIR]
                                                   [--save ANSWERS.json] [--only LABEL,...]

DATA_DIR is bench_api_instructions' embedded data folder (bench_api's corpus in graph ``bench-api``,
loaded when empty). Every query is first answered by the store and its rows recorded (by statement and
parameters); the answers from recorded rows must be the same bytes, or the run stops. Then, per query:

* by default, CPU time per request (``time.process_time``, the best of five runs of ``--requests``);
* ``--count``: instructions per request, the run re-executed under ``valgrind --tool=callgrind`` with
  instrumentation on only while requests are counted (load-independent, like bench_api_instructions);
* ``--profile DIR``: a pyinstrument profile of ``--requests`` requests per query, as text in DIR
  (pyinstrument is not a dependency: ``.venv/bin/pip install pyinstrument``).

``--save`` writes the answers (of the store and so of the recorded rows) as JSON: two builds'
answers compared tell whether a change of the layer changed any. Figures, not assertions: this is
not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

import orjson

from app.service import create_app
from app.settings import get_settings
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.port import Result
from benchmarks.bench_api import QUERIES
from benchmarks.bench_api_instructions import GRAPH, TYPENAME, _prepare

TEXTS = {**QUERIES, "typename": TYPENAME}


class Replay:
    """A driver that runs statements on ``real`` and keeps their rows (``recording``), or answers them
    from what it kept, decoded afresh each time (the service may change the rows it is given)."""

    def __init__(self, real: FalkorDBDriver) -> None:
        self.real, self.name, self.recording = real, real.name, True
        self.kept: dict[tuple[str, bytes], bytes] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    async def run(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> Result:
        key = (cypher, orjson.dumps(dict(params), option=orjson.OPT_SORT_KEYS, default=str))
        if self.recording:
            result = await self.real.run(cypher, params, write=write)
            self.kept[key] = orjson.dumps(result.rows)
            return result
        return Result(orjson.loads(self.kept[key]))


async def call(app: Any, body: bytes) -> bytes:
    """One POST /graphql through the ASGI app, no socket; the answer's body."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/graphql", "raw_path": b"/graphql", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"bench"), (b"content-type", b"application/json"),
                         (b"content-length", str(len(body)).encode())],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    sent, out = False, []

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            out.append(message.get("body", b""))
    await app(scope, receive, send)
    return b"".join(out)


async def _control(*command: str) -> None:
    """``callgrind_control`` on this process, which keeps running Python meanwhile (callgrind reads its
    commands only while the program runs)."""
    thread = threading.Thread(target=subprocess.run, args=(["callgrind_control", *command, str(os.getpid())],),
                              kwargs={"capture_output": True, "check": True})
    thread.start()
    while thread.is_alive():
        await asyncio.sleep(0.005)


async def _counted(folder: Path, run: Callable[[], Awaitable[None]]) -> int:
    """Instructions this process ran in ``run()`` (instrumentation on, zeroed before, dumped after)."""
    before = set(folder.glob("cg.*"))
    await _control("-i", "on")
    await _control("-z")
    await run()
    await _control("-d")
    await _control("-i", "off")
    dump = max(set(folder.glob("cg.*")) - before, key=os.path.getmtime)
    found = re.search(r"^(?:summary|totals): (\d+)", dump.read_text(), re.MULTILINE)
    assert found is not None, dump
    return int(found[1])


async def measure(args: argparse.Namespace) -> None:
    data = Path(args.data)
    await _prepare(data, args.units)
    embedded = EmbeddedFalkorDB(data)
    driver = Replay(FalkorDBDriver(GRAPH, unix_socket_path=str(embedded.start())))
    store = GraphStore(driver)
    await store.connect()
    app = create_app(get_settings(), store)
    labels = args.only.split(",") if args.only else list(TEXTS)
    try:
        bodies = {label: orjson.dumps({"query": TEXTS[label]}) for label in labels}
        answers = {label: await call(app, body) for label, body in bodies.items()}
        driver.recording = False
        for label, body in bodies.items():
            assert b'"errors"' not in answers[label], answers[label][:500]
            for _ in range(3):  # caches, plans; and the answer from recorded rows is the store's
                assert await call(app, body) == answers[label], label

            async def requests(body: bytes = body) -> None:
                for _ in range(args.requests):
                    await call(app, body)
            if args.count:
                counted = await _counted(Path(args.cg), requests)
                print(f"{label:18} {counted / args.requests / 1e6:8.2f} M instructions per request", flush=True)
            elif args.profile:
                from pyinstrument import Profiler
                profiler = Profiler(interval=0.0002, async_mode="disabled")
                profiler.start()
                await requests()
                profiler.stop()
                out = Path(args.profile) / f"{label.replace(' ', '_')}.txt"
                out.write_text(profiler.output_text(show_all=True))
                print(f"{label:18} profile in {out}", flush=True)
            else:
                best = []
                for _ in range(5):
                    began = time.process_time()
                    await requests()
                    best.append((time.process_time() - began) / args.requests * 1000)
                print(f"{label:18} {min(best):8.3f} ms CPU per request (best of 5)", flush=True)
        if args.save:
            Path(args.save).write_bytes(orjson.dumps({label: orjson.loads(a) for label, a in answers.items()},
                                                     option=orjson.OPT_INDENT_2))
    finally:
        await store.close()
        embedded.stop()


def main(args: argparse.Namespace) -> None:
    if args.count and not args.cg:  # again under callgrind, instrumented only while counting
        folder = tempfile.mkdtemp(prefix="kg-bench-layer-")
        print(f"{args.requests} requests a query, in process, recorded rows; callgrind dumps in {folder}", flush=True)
        command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={folder}/cg.%p",
                   f"--log-file={folder}/valgrind.log",
                   sys.executable, "-m", "benchmarks.bench_api_layer", *sys.argv[1:], "--cg", folder]
        env = {**os.environ, "KG_REQUEST_TIMEOUT": "900"}  # a request runs some 50 times slower instrumented
        raise SystemExit(subprocess.run(command, env=env, check=False).returncode)
    asyncio.run(measure(args))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", help="embedded data folder (KG_DATA_DIR), made and loaded when empty")
    parser.add_argument("--units", type=int, default=150, help="bench_api's units (three documents each)")
    parser.add_argument("--requests", type=int, default=20, help="requests measured per query")
    parser.add_argument("--count", action="store_true", help="instructions per request, under callgrind")
    parser.add_argument("--profile", help="folder for a pyinstrument profile per query")
    parser.add_argument("--save", help="write the answers here as JSON")
    parser.add_argument("--only", help="comma-separated query labels (default: all)")
    parser.add_argument("--cg", help=argparse.SUPPRESS)  # set when re-executed under callgrind
    main(parser.parse_args())
