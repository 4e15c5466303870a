"""A request's objects are freed when its answer is, without the cyclic garbage collector: a big
answer's items left in reference cycles made the collector walk them again on later requests."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from app.api import schema
from app.api.context import Context
from app.api.types.projects import Project
from app.store import GraphStore
from tests.builders import CHANGJI, HEJING, load


@pytest.fixture
def collector_saving_garbage() -> Iterator[None]:
    """The collector off, and what it finds kept in ``gc.garbage`` instead of freed."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


async def test_projects_with_their_units_are_not_left_in_cycles(store: GraphStore,
                                                                 collector_saving_garbage: None) -> None:
    await load(store, CHANGJI, HEJING)
    query = "{ projects(first: 10) { edges { node { name unit { name region { name } } } } } }"
    result = await schema.execute(query, context_value=Context(store=store))
    assert result.errors is None and len(result.data["projects"]["edges"]) >= 2  # type: ignore[index]
    del result
    gc.set_debug(gc.DEBUG_SAVEALL)
    gc.collect()
    assert not [o for o in gc.garbage if isinstance(o, Project)]
