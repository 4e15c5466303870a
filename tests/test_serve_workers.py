"""``kg serve --workers 2`` for real: its workers share one port, so a probe reaches whichever accepts
it, and /readyz must speak for the whole service. One worker is held before it says ready (its
warm-up waits for a file, through a ``sitecustomize`` the test puts on the path); meanwhile every
/readyz is 503, the ready worker's included, and once it is let go every /readyz is 200."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from benchmarks.served import free_port, stop

HOLD = """
import asyncio, os
from pathlib import Path

import app.api.warmup as warmup

_hold, _warm_up = Path(os.environ["KG_TEST_HOLD"]), warmup.warm_up


async def _held(store, seconds):
    try:  # the first worker here waits for the test's word; the other goes on
        os.close(os.open(_hold / "held", os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return await _warm_up(store, seconds)
    while not (_hold / "release").exists():
        await asyncio.sleep(0.05)
    return await _warm_up(store, seconds)


warmup.warm_up = _held
"""


def _probe(url: str) -> tuple[int, dict[str, str]] | None:
    """One /readyz on a new connection (a worker is chosen per connection); None before the port answers."""
    try:
        answer = httpx.get(f"{url}/readyz", headers={"connection": "close"}, timeout=10)
    except httpx.TransportError:
        return None
    return answer.status_code, answer.json()


def test_readyz_says_ready_only_when_every_worker_is(tmp_path: Path) -> None:
    hold = tmp_path / "hold"
    hold.mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "sitecustomize.py").write_text(HOLD)
    root = Path(__file__).resolve().parents[1]
    (tmp_path / "tmp").mkdir()  # where the service keeps its workers' readiness
    env = {**os.environ, "KG_STORE": "embedded", "KG_DATA_DIR": str(tmp_path / "data"), "KG_TEST_HOLD": str(hold),
           "TMPDIR": str(tmp_path / "tmp"),
           "PYTHONPATH": os.pathsep.join([str(tmp_path / "site"), str(root)])}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", "2"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        answer = None
        # until the ready worker has answered for itself (it knows the other is not ready)
        while answer is None or answer[1] != {"status": "loading", "workers": "1/2 ready"}:
            assert time.monotonic() < deadline, f"no worker became ready: {answer}"
            if (answer := _probe(url)) is not None:
                assert answer[0] == 503, answer  # never ready while a worker is held
            time.sleep(0.05)
        assert (hold / "held").exists()
        assert [p.name for p in (tmp_path / "tmp").glob("kg-serve-ready-*/*")] != []
        (hold / "release").touch()
        while (answer := _probe(url)) is None or answer[0] != 200:
            assert time.monotonic() < deadline, f"the held worker did not become ready: {answer}"
            time.sleep(0.05)
        assert [_probe(url) for _ in range(20)] == [(200, {"status": "ready"})] * 20
    finally:
        stop(server)
    assert list((tmp_path / "tmp").glob("kg-serve-ready-*")) == []  # the service cleared it away
