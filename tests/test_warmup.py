"""The warm-up before the service is ready (app/api/warmup.py): the examples run twice, within a time
limit, and /readyz says "loading" until it is done."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from app.api import schema
from app.api.context import Context
from app.api.warmup import PASSES, warm_up
from app.playground import example_tabs
from app.service import create_app
from app.settings import Settings
from app.store import GraphStore
from app.store.neo4j_driver import Neo4jDriver
from tests.builders import CHANGJI, HEJING, load
from tests.doubles import BrokenDriver

EXAMPLES = [tab["query"] for tab in example_tabs() if not tab["query"].lstrip().startswith("mutation")]


async def test_the_warm_up_runs_each_example_twice_and_leaves_the_driver_nothing_to_learn(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING)
    assert await warm_up(store, 120) == PASSES * len(EXAMPLES)
    assert store.round_trips > 0
    if isinstance(store.driver, Neo4jDriver):  # every text read from now on in the form it was planned in
        learnt = dict(store.driver._columns)
        assert any(columns for columns in learnt.values())
        for query in EXAMPLES:
            await schema.execute(query, context_value=Context(store=store))
        assert store.driver._columns == learnt


@pytest.mark.parametrize("seconds", [0.0, 0.3])
async def test_the_warm_up_stops_at_its_time_limit(seconds: float) -> None:
    began = time.monotonic()
    assert await warm_up(GraphStore(BrokenDriver(delay=5)), seconds) == 0
    assert time.monotonic() - began < 2


async def test_the_service_says_loading_until_the_warm_up_is_done(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    done = asyncio.Event()
    warmed: list[float] = []

    async def held_warm_up(store: GraphStore, seconds: float) -> int:
        warmed.append(seconds)
        await done.wait()
        return 0

    monkeypatch.setattr("app.service.warm_up", held_warm_up)
    app = create_app(Settings(store="embedded", data_dir=tmp_path / "data", warmup_seconds=7))
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        deadline = time.monotonic() + 20
        while not warmed:  # the embedded store is open, the warm-up runs
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        ready = await client.get("/readyz")
        assert (ready.status_code, ready.json()) == (503, {"status": "loading"})
        done.set()
        while (await client.get("/readyz")).status_code != 200:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
    assert warmed == [7]


def test_neo4j_warms_up_by_default_and_the_embedded_store_does_not() -> None:
    from app.settings import settings_from_env

    assert settings_from_env({"KG_STORE": "neo4j"}).warmup_seconds == 60
    assert settings_from_env({}).warmup_seconds == 0
    assert settings_from_env({"KG_STORE": "neo4j", "KG_WARMUP_SECONDS": "5"}).warmup_seconds == 5
