"""What the benchmarks share: a `kg serve` process to send HTTP to, a cleared store to load into,
and the figures they print (percentiles in ms, the machine's load average beside them)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import orjson

from app.store import GraphStore
from tests.cypher import delete_all

KG = str(Path(sys.executable).with_name("kg"))


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def cpu_seconds(pid: int) -> float | None:
    """CPU seconds process ``pid`` has used (utime + stime), None when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_pid(folder: Path | None) -> int | None:
    """The pid the embedded server on ``folder`` wrote, None without a folder or a pid."""
    try:
        return None if folder is None else int((folder / "server.pid").read_text())
    except (OSError, ValueError):
        return None


def server_cpu(folder: Path | None) -> float | None:
    """CPU seconds the embedded server running on ``folder`` has used, None without one."""
    pid = server_pid(folder)
    return None if pid is None else cpu_seconds(pid)


def quantile(samples: list[float], p: int) -> float:
    """The p-th percentile of ``samples``, in their unit (a single sample is its own; 0 without samples:
    ``statistics.quantiles`` needs two, and a benchmark run with ``--repeat 1`` has one)."""
    if len(samples) < 2:
        return samples[0] if samples else 0.0
    return statistics.quantiles(samples, n=100)[p - 1]


def percentile(samples: list[float], p: int) -> float:
    """The p-th percentile of ``samples`` (seconds) in ms (0 without samples)."""
    return quantile(samples, p) * 1000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(env: dict[str, str], workers: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`kg serve` in its own session, its log (errors with their errorId) to ``log``, access lines dropped."""
    port = free_port()
    with log.open("ab") as sink:
        server = subprocess.Popen([KG, "serve", "--port", str(port), "--workers", str(workers)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=sink, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz").status_code == 200:
                return server, url
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    stop(server)
    raise RuntimeError("kg serve did not become ready")


def stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


async def clear(store: GraphStore, allowed: bool) -> None:
    """Empty the (connected) store for a benchmark; one holding data only when ``allowed`` (--wipe)."""
    if (await store.counts())[0]:
        if not allowed:
            raise SystemExit(f"{store.name} is not empty: pass --wipe to let the benchmark clear it")
        await delete_all(store)


class LeanClient:
    """POSTs JSON over HTTP/1.1 keep-alive connections (one per request in flight), the answer parsed
    with orjson: what a request costs the service and a client that parses its answer, without
    httpx's own Python per request (~2 ms on a loaded 2-core machine, as much as a small query)."""

    def __init__(self, url: str) -> None:
        host, port = url.removeprefix("http://").rsplit(":", 1)
        self.host, self.port = host, int(port)
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []

    async def post(self, path: str, payload: object) -> tuple[int, Any]:
        """(status, the parsed JSON answer) of one POST."""
        reader, writer = self.idle.pop() if self.idle else await asyncio.open_connection(self.host, self.port)
        body = orjson.dumps(payload)
        writer.write(b"POST %s HTTP/1.1\r\nhost: %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n"
                     % (path.encode(), self.host.encode(), len(body)) + body)
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        fields = dict(line.lower().split(": ", 1) for line in head[1:] if line)
        answer = orjson.loads(await reader.readexactly(int(fields["content-length"])))
        self.idle.append((reader, writer))
        return int(head[0].split(" ", 2)[1]), answer

    async def close(self) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()
