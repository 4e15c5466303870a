"""Under load: requests past the service's capacity wait their turn and, past the queue's bounds,
are refused with the code OVERLOADED (not STORE_UNAVAILABLE); many statements at once never run
a store's connection pool dry."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import httpx

from app.service import create_app
from app.settings import Settings
from app.store import GraphStore
from app.store.graph_store import STATEMENTS_AT_ONCE
from app.store.port import Result, StoreUnavailable
from tests.builders import HEJING, load
from tests.doubles import BrokenDriver

QUERY = {"query": "{ projects { totalCount } }"}


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def codes(response: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in response.json().get("errors") or []]


async def test_a_request_that_waits_past_the_queue_timeout_is_refused_as_overloaded() -> None:
    settings = Settings(requests_at_once=1, queue_timeout_seconds=0.1)
    async with client(create_app(settings, store=GraphStore(BrokenDriver(delay=1.0)))) as http:
        running = asyncio.create_task(http.post("/graphql", json=QUERY))
        await asyncio.sleep(0.05)  # the first has its turn
        refused = await http.post("/graphql", json=QUERY)
        served = await running
    assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
    assert codes(refused) == ["OVERLOADED"] and "no turn within 0.1s" in refused.json()["errors"][0]["message"]
    assert served.status_code == 200 and codes(served) == ["INTERNAL_SERVER_ERROR"]  # the store's failure, run


async def test_a_request_past_the_queue_length_is_refused_at_once() -> None:
    settings = Settings(requests_at_once=1, requests_waiting=1, queue_timeout_seconds=30)
    async with client(create_app(settings, store=GraphStore(BrokenDriver(delay=0.5)))) as http:
        first = asyncio.create_task(http.post("/graphql", json=QUERY))
        await asyncio.sleep(0.05)
        second = asyncio.create_task(http.post("/graphql", json=QUERY))
        await asyncio.sleep(0.05)
        third = await http.post("/graphql", json=QUERY)
        assert not first.done() and not second.done()  # refused before either ended: no waiting for a turn
        answered = await asyncio.gather(first, second)
    assert third.status_code == 503 and codes(third) == ["OVERLOADED"]
    assert "1 requests are already waiting" in third.json()["errors"][0]["message"]
    assert [codes(r) for r in answered] == [["INTERNAL_SERVER_ERROR"]] * 2


async def test_requests_beyond_the_ones_at_once_wait_and_are_all_answered(store: GraphStore) -> None:
    await load(store, HEJING)
    settings = Settings(requests_at_once=2, queue_timeout_seconds=30)
    async with client(create_app(settings, store=store)) as http:
        answers = await asyncio.gather(*[http.post("/graphql", json=QUERY) for _ in range(12)])
    assert {r.status_code for r in answers} == {200}
    assert all(r.json()["data"]["projects"]["totalCount"] > 0 for r in answers)


class CountingDriver(BrokenDriver):
    """Answers every statement after a moment, counting how many run at once."""

    def __init__(self) -> None:
        super().__init__()
        self.running = self.most = 0

    async def run(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> Any:
        self.running += 1
        self.most = max(self.most, self.running)
        await asyncio.sleep(0.01)
        self.running -= 1
        return Result([{"n": 1}])


async def test_statements_past_the_ones_at_once_wait_for_a_turn() -> None:
    driver = CountingDriver()
    store = GraphStore(driver)
    rows = await asyncio.gather(*[store.read("documents_count") for _ in range(3 * STATEMENTS_AT_ONCE)])
    assert rows == [[{"n": 1}]] * (3 * STATEMENTS_AT_ONCE)
    assert driver.most == STATEMENTS_AT_ONCE and store.round_trips == 3 * STATEMENTS_AT_ONCE


async def test_more_reads_at_once_than_a_pool_holds_are_all_answered(store: GraphStore) -> None:
    """Both drivers' pools hold 100 connections: FalkorDB's refused the 101st read at once ("Too many
    connections", seen as STORE_UNAVAILABLE in a 50-client soak)."""
    await load(store, HEJING)
    answers = await asyncio.gather(*[store.read("documents_count") for _ in range(250)], return_exceptions=True)
    assert not [a for a in answers if isinstance(a, StoreUnavailable | BaseException)]
    assert {a[0]["count"] if isinstance(a, list) else None for a in answers} == {1}
