"""Serving keeps nothing per request: after a warm-up, hundreds more requests (many at once, some
waiting for their turn) leave the number of live objects and the traced memory where they were.
A soak's RSS that keeps rising is either this failing or memory the allocator keeps (the soak in
docs/deploy.md tells which)."""

from __future__ import annotations

import asyncio
import gc
import tracemalloc
import weakref
from collections import Counter

import httpx
import pytest

from app import service
from app.service import create_app
from app.settings import Settings
from app.store import GraphStore
from tests.builders import CHANGJI, HEJING, load
from tests.doubles import BrokenDriver

QUERIES = [
    "{ documents(first: 5) { totalCount edges { node { title fiscalYear unit { name } } } } }",
    "{ projects(first: 20) { edges { node { name unit { name region { name } } policies { docNumber } } } } }",
    '{ policy(docNumber: "新政办发〔2010〕168号") { title fundedProjects { name unit { name } } } }',
    '{ search(text: "补贴") { label } }',
]
ROUNDS = 15  # each round: every query from each of CLIENTS clients
CLIENTS = 8


async def _rounds(http: httpx.AsyncClient, rounds: int) -> None:
    async def client(start: int) -> None:
        for turn in range(rounds * len(QUERIES)):
            response = await http.post("/graphql", json={"query": QUERIES[(start + turn) % len(QUERIES)]})
            assert response.status_code == 200 and "errors" not in response.json(), response.text

    await asyncio.gather(*[client(i) for i in range(CLIENTS)])


def _live() -> Counter[str]:
    gc.collect()
    return Counter(type(o).__name__ for o in gc.get_objects())


async def test_many_requests_leave_no_objects_behind(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING)
    app = create_app(Settings(requests_at_once=2), store=store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
        await _rounds(http, ROUNDS)  # caches of parsed queries, plans and columns fill here
        before = _live()
        await _rounds(http, ROUNDS)
        after = _live()
        tracemalloc.start()  # after the count: starting it makes objects of its own
        try:
            await _rounds(http, 1)
            gc.collect()
            start = tracemalloc.get_traced_memory()[0]
            await _rounds(http, ROUNDS)
            gc.collect()
            grown = tracemalloc.get_traced_memory()[0] - start
        finally:
            tracemalloc.stop()
    requests = ROUNDS * len(QUERIES) * CLIENTS  # 480 in each window
    # a leak of one object in one query of four would show a type grown by 120; a few dozen weak references
    # come and go with the collector's passes
    growth = {name: n for name, n in (after - before).items() if n >= requests // 4}
    assert not growth, f"{growth} more live objects after {requests} requests"
    assert grown < requests * 256, f"{grown} bytes kept over {requests} requests"


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def _old_garbage() -> weakref.ref[_Cycle]:
    """A reference to a cycle no one holds, promoted to the oldest generation, as what a request holds
    during collections: only a full collection frees it."""
    garbage = _Cycle()
    gc.collect(0)
    gc.collect(1)
    return weakref.ref(garbage)


async def test_the_service_frees_garbage_in_reference_cycles_by_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """At the service's collector thresholds a young collection comes only after 200,000 allocations, and
    an object promoted past it waited for a full one that hardly ever came."""
    monkeypatch.setattr(service, "SWEEP_SECONDS", 0.05)
    app = create_app(Settings(), store=GraphStore(BrokenDriver()))
    async with app.router.lifespan_context(app):
        gone = _old_garbage()
        for _ in range(40):
            await asyncio.sleep(0.05)
            if gone() is None:
                break
        assert gone() is None


async def test_garbage_in_reference_cycles_waits_for_a_bounded_number_of_requests(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """However fast requests come, the sweep comes after :data:`service.SWEEP_REQUESTS` of them: a sweep by
    the clock alone held more garbage the higher the throughput, and RSS kept the highest."""
    monkeypatch.setattr(service, "SWEEP_SECONDS", 3600.0)
    monkeypatch.setattr(service, "SWEEP_REQUESTS", 5)
    app = create_app(Settings(), store=GraphStore(BrokenDriver()))
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        gone = _old_garbage()
        for _ in range(4):
            assert (await http.post("/graphql", json={"query": "{ __typename }"})).status_code == 200
        await asyncio.sleep(0.05)
        assert gone() is not None, "swept before its requests: the test would prove nothing"
        await http.post("/graphql", json={"query": "{ __typename }"})
        for _ in range(40):
            await asyncio.sleep(0.01)
            if gone() is None:
                break
        assert gone() is None
