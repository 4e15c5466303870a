"""Nested pages under many parents (units' projectsPage and documentsPage, policies'
fundedProjectsPage) are read in one round-trip per field whatever the number of parents, and give
each parent the page, total and cursors it gets alone."""

from __future__ import annotations

import pytest

from app.store import GraphStore
from graph.payload import upsert_params
from loaders import read_document
from samples.generate import generate_corpus
from tests.corpus import seed
from tests.graphql import execute

PAGES = ("projectsPage(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } "
         "documentsPage(first: 1, filter: {kind: BUDGET}) { totalCount edges { node { id } } }")


async def test_pages_under_every_unit_cost_one_round_trip_a_field_and_match_each_alone(
        store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("nested")
    for doc in generate_corpus(12, 6, scale=True):
        (folder / doc.filename).write_text(doc.text, encoding="utf-8")
        await store.write("upsert_document", upsert_params(read_document(folder / doc.filename)))
    for n in range(5):
        await store.write("upsert_document", upsert_params(read_document(seed(n))))
    before = store.round_trips
    data = await execute(store, f"{{ units(first: 50) {{ edges {{ node {{ name {PAGES} }} }} }} }}")
    trips = store.round_trips - before
    units = [e["node"] for e in data["units"]["edges"]]
    assert len(units) > 5 and trips <= 5, trips  # the units, then a page and a count per field
    for unit in units:
        alone = await execute(store, f'{{ unit(name: "{unit["name"]}") {{ name {PAGES} }} }}')
        assert alone["unit"] == unit
        cursor = unit["projectsPage"]["pageInfo"]["endCursor"]
        if unit["projectsPage"]["pageInfo"]["hasNextPage"]:  # a batched page's cursor continues it alone
            rest = await execute(store, f'{{ unit(name: "{unit["name"]}") {{ projectsPage(first: 500, '
                                        f'after: "{cursor}") {{ edges {{ node {{ id }} }} }} }} }}')
            ids = [e["node"]["id"] for e in unit["projectsPage"]["edges"] + rest["unit"]["projectsPage"]["edges"]]
            assert len(ids) == len(set(ids)) == unit["projectsPage"]["totalCount"]
