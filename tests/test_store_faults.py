"""The store going away in the middle of traffic: requests fail at once with STORE_UNAVAILABLE,
/readyz says 503, and service resumes by itself when the store is back (the embedded server
is restarted by the app; Neo4j's connection pool reconnects), with every completed load kept."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.api import schema
from app.api.context import Context
from app.service import create_app
from app.settings import Settings
from app.store import GraphStore, open_store
from app.store.neo4j_driver import Neo4jDriver
from tests.builders import HEJING, load
from tests.conftest import neo4j_uri
from tests.cypher import delete_all

QUERY = "{ documents(first: 5) { totalCount edges { node { title } } } }"


async def _answer(store: GraphStore) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    result = await schema.execute(QUERY, context_value=Context(store=store))
    errors = [{"message": e.message, **(e.extensions or {})} for e in result.errors or []]
    return result.data, errors


async def _fails_fast(store: GraphStore, client: httpx.AsyncClient) -> None:
    started = time.monotonic()
    data, errors = await _answer(store)
    assert time.monotonic() - started < 2.0
    assert data is None or data.get("documents") is None
    assert [e["code"] for e in errors] == ["STORE_UNAVAILABLE"], errors
    assert "unavailable" in errors[0]["message"] and "Redis" not in errors[0]["message"]
    ready = await client.get("/readyz")
    assert ready.status_code == 503 and ready.json()["status"] == "unavailable"


async def _comes_back(store: GraphStore, client: httpx.AsyncClient, within: float) -> dict[str, Any]:
    deadline = time.monotonic() + within
    while True:
        data, errors = await _answer(store)
        if not errors and data is not None:
            assert (await client.get("/readyz")).status_code == 200
            return data
        assert time.monotonic() < deadline, errors
        await asyncio.sleep(0.2)


def _client(store: GraphStore) -> httpx.AsyncClient:
    app = create_app(Settings(), store=store)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_embedded_store_killed_is_restarted_and_keeps_every_completed_load(tmp_path: Path) -> None:
    async with open_store(Settings(store="embedded", data_dir=tmp_path / "data")) as store:
        await load(store, HEJING)
        before, _ = await _answer(store)
        pid = int((tmp_path / "data" / "server.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        async with _client(store) as client:
            await _fails_fast(store, client)
            after = await _comes_back(store, client, within=30)
        assert after == before and after["documents"]["totalCount"] == 1
        assert int((tmp_path / "data" / "server.pid").read_text()) != pid


class _Proxy:
    """A TCP relay to Neo4j that can be cut and restored: the server as the client sees it
    stopping and starting, without disturbing the Neo4j other tests use."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.server: asyncio.Server | None = None
        self.port = 0
        self.links: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.links):
            writer.close()
        await self.server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.links |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


@pytest.fixture
async def proxied_neo4j() -> AsyncIterator[tuple[GraphStore, _Proxy]]:
    host, port = (neo4j_uri() or "").removeprefix("bolt://").split(":")
    proxy = _Proxy((host, int(port)))
    await proxy.start()
    store = GraphStore(Neo4jDriver(f"bolt://127.0.0.1:{proxy.port}", None, None, None))
    await store.connect()
    await delete_all(store)
    try:
        yield store, proxy
    finally:
        await delete_all(store)
        await store.close()
        await proxy.stop()


async def test_neo4j_going_away_fails_fast_and_is_served_again_when_back(
    proxied_neo4j: tuple[GraphStore, _Proxy],
) -> None:
    store, proxy = proxied_neo4j
    await load(store, HEJING)
    before, _ = await _answer(store)
    await proxy.stop()
    async with _client(store) as client:
        await _fails_fast(store, client)
        await proxy.start()  # same port: the driver's pool finds the server again
        assert await _comes_back(store, client, within=10) == before


async def test_the_service_answers_at_once_and_says_loading_until_the_store_is_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big embedded graph takes a while to read: /healthz answers meanwhile, /readyz and
    GraphQL say 503 "loading", and both serve as soon as the store is open."""
    from app.store.embedded_server import EmbeddedFalkorDB

    opened = threading.Event()
    original = EmbeddedFalkorDB.start

    def slow_start(self: EmbeddedFalkorDB) -> Path:
        opened.wait(10)  # held until the test has seen the service loading
        return original(self)

    monkeypatch.setattr(EmbeddedFalkorDB, "start", slow_start)
    app = create_app(Settings(store="embedded", data_dir=tmp_path / "data"))
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        assert (await client.get("/healthz")).status_code == 200
        ready = await client.get("/readyz")
        assert (ready.status_code, ready.json()) == (503, {"status": "loading"})
        graphql = await client.post("/graphql", json={"query": QUERY})
        assert graphql.status_code == 503 and graphql.json()["detail"] == "loading"
        opened.set()
        deadline = time.monotonic() + 20
        while (await client.get("/readyz")).status_code != 200:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.1)
        answer = await client.post("/graphql", json={"query": QUERY})
        assert answer.json()["data"]["documents"]["totalCount"] == 0


async def test_readyz_says_loading_while_the_store_still_builds_indexes(store: GraphStore,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """FalkorDB fills an index created on a graph with data in the background, and a full-text search
    finds nothing there until it is filled: the store is not ready until then."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(store=store)),
                                 base_url="http://test") as client:
        assert (await client.get("/readyz")).json() == {"status": "ready"}

        async def building() -> bool:
            return True

        monkeypatch.setattr(store.driver, "building", building)
        ready = await client.get("/readyz")
        assert (ready.status_code, ready.json()) == (503, {"status": "loading", "indexes": "building"})
