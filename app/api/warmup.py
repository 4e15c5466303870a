"""Warm-up: the GraphiQL examples run before the service says it is ready.

A Neo4j that has just started (or a service that has just connected to it) answers its first
requests slowly: each statement is planned on a cold JVM, the driver reads a text's first answer
row by row and only then its collected form (app/store/neo4j_driver.py: a second text, planned
again), and the graph's pages are not in the page cache yet. On the 10,000-document graph one client
took 33 s for the nine examples on a restarted Neo4j, 13.5 s for the second pass and 6 s from the
third (load 7-10); fifty clients arriving then shared those costs sixteen requests at a time (two
workers), and the slowest requests ran past the 30 s limit (504) in a soak's first minute. Run
twice here, each example's statements are planned in both forms and its pages read before /readyz
says ready, so the first clients find them warm. The examples are what the service documents as
its common queries; on a graph without their data they answer NOT_FOUND quickly, which plans only
the look-ups: a warm-up, not a test, so errors are ignored. It stops after ``seconds`` whatever is
left: readiness is delayed by a bounded time.
"""

from __future__ import annotations

import asyncio

from app.api import schema
from app.api.context import Context
from app.playground import example_tabs
from app.store import GraphStore

PASSES = 2
"""The first pass plans each statement and lets the Neo4j driver learn its columns; the second plans
the collected form it reads from then on."""


async def warm_up(store: GraphStore, seconds: float) -> int:
    """Run the example queries :data:`PASSES` times, for at most ``seconds``; the number run."""
    queries = [tab["query"] for tab in example_tabs() if not tab["query"].lstrip().startswith("mutation")]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    ran = 0
    try:
        async with asyncio.timeout_at(deadline):
            for _ in range(PASSES):
                for query in queries:
                    await schema.execute(query, context_value=Context(store=store))
                    ran += 1
    except TimeoutError:
        pass
    return ran
