"""A request's objects are freed when its answer is, without the cyclic garbage collector: a big
answer's items left in reference cycles made the collector walk them again on later requests."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from strawberry.dataloader import DataLoader

from app.api import schema
from app.api.context import Context
from app.api.execution import PlainFieldsExecutor
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


@pytest.mark.parametrize("query", [
    '{ policy(docNumber: "新政办发〔2010〕168号") { title fundedProjects { name unit { name } } } }',
    "{ documents(first: 5) { edges { node { title unit { name } projects { name } } } } }",
])
async def test_a_request_leaves_its_executor_and_loaders_out_of_cycles(store: GraphStore, query: str,
                                                                      collector_saving_garbage: None) -> None:
    """The executor holds the request's context, its loaders hold every row they read: in a cycle, a
    big answer's rows waited for the collector (at 10,000 documents, 0.5-0.75 MiB a request)."""
    await load(store, CHANGJI, HEJING)
    result = await schema.execute(query, context_value=Context(store=store))
    assert result.errors is None and result.data
    del result
    gc.set_debug(gc.DEBUG_SAVEALL)
    gc.collect()
    assert not [o for o in gc.garbage if isinstance(o, PlainFieldsExecutor | Context)]
    assert not [o for o in gc.garbage if isinstance(o, DataLoader)]
