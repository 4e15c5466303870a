"""Reads return the properties the loader writes on a fact's node (graph/projection.py), not
``{.*}``: every property the seeds' and a generated document's nodes hold is among them but the
search n-grams, and the API builds the same objects from the projection as from the whole node."""

from __future__ import annotations

from typing import Any

import pytest

from app.api.types import Indicator, Project
from app.store import GraphStore
from graph.order import ORDERED_TEXT, order_property
from graph.payload import NODE_FACTS, upsert_params
from graph.projection import expand, properties
from loaders import read_document
from samples.generate import generate_corpus
from tests.builders import BASIS, WORLD, load
from tests.corpus import seed
from tests.graphql import execute

BUILT = {"Project": Project.of, "Indicator": Indicator.of}


async def test_the_projection_holds_every_property_the_loader_writes(store: GraphStore,
                                                                     tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("projection")
    generated = generate_corpus(1, 4, scale=True)[0]
    (folder / generated.filename).write_text(generated.text, encoding="utf-8")
    for path in (seed(1), seed(4), folder / generated.filename):
        await store.write("upsert_document", upsert_params(read_document(path)))
    for label in NODE_FACTS:
        rows = await store.read_built(f"MATCH (n:{label}) RETURN n {{.*}} AS whole, {expand(f'n {{.@{label}}}')} "
                                      "AS projected")
        assert len(rows) > 3, label
        for row in rows:
            kept = {"ngrams", *map(order_property, ORDERED_TEXT.get(label, ()))}  # kept for search, pages
            assert set(row["whole"]) - kept <= set(properties(label)), label
            assert BUILT[label](row["projected"]) == BUILT[label](row["whole"])


def test_the_projection_names_the_graphs_own_properties_and_the_codecs() -> None:
    assert properties("Project")[:2] == ("id", "fiscalYear") and "budgetWan" in properties("Project")
    assert "ngrams" not in properties("Project") and expand("p {.@Indicator}").startswith("p {.id, .name")


RELATED_PROJECTS = (
    (f'{{{{ policy(docNumber: "{BASIS.doc_number}") {{{{ fundedProjects {{{{ {{}} }}}} }}}} }}}}', "BASIS_OF"),
    ("{{ units(first: 50) {{ edges {{ node {{ projects(fiscalYears: {{min: 2023}}) {{ {} }} }} }} }} }}",
     "<-[:UNDERTAKEN_BY]-(p:Project)"),
    ("{{ documents(first: 50) {{ edges {{ node {{ projects {{ {} }} }} }} }} }}", "-[:DISCLOSES]->(p:Project)"),
    ("{{ projects(first: 50) {{ edges {{ node {{ history {{ {} }} }} }} }} }}", "SAME_PROJECT_AS*1..10"),
)
"""Relations to projects, read narrowed: under one policy, and under lists of units, documents and projects
(the executor's one read per list); each with a piece of the query that reads the projects."""


def _projects(data: Any) -> list[dict[str, Any]]:
    """Every project of an answer, in order: the objects under a ``projects``, ``fundedProjects`` or
    ``history`` key, wherever they are."""
    if isinstance(data, list):
        return [p for value in data for p in _projects(value)]
    if not isinstance(data, dict):
        return []
    return [p for key, value in data.items() for p in (
        value if key in ("projects", "fundedProjects", "history") and isinstance(value, list) else _projects(value))]


@pytest.mark.parametrize(("query", "marker"), RELATED_PROJECTS)
async def test_a_narrow_selection_reads_only_its_properties_and_answers_as_a_full_one(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch, query: str, marker: str) -> None:
    await load(store, *WORLD)
    texts: list[str] = []
    read_built = store.read_built

    async def recorded(text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        texts.append(text)
        return await read_built(text, params)

    monkeypatch.setattr(store, "read_built", recorded)
    every = ("id name fiscalYear budgetWan executedWan beneficiaryCount subsidyStandard isSubsidy "
             "subsidy { amount period perPerson } source { lineStart text } allocationItems { label amountWan } "
             "unit { name }")
    narrow = ("name isSubsidy budgetWan", "subsidy { amount }", "source { lineStart } unit { name }",
              "... on Project { executedWan }")
    projects = _projects(await execute(store, query.format(every)))
    assert len(projects) > 2 and any(p["isSubsidy"] for p in projects)
    for fields in narrow:
        texts.clear()
        data = await execute(store, query.format(fields))
        for got, want in zip(_projects(data), projects, strict=True):
            assert got == {k: (want[k] if not isinstance(want[k], dict) or k == "unit" else
                               {f: want[k][f] for f in got[k]} if want[k] else None) for k in got}, fields
        read = next((t for t in texts if marker in t), "")
        if fields == narrow[0]:  # what isSubsidy is computed from, nothing else
            assert ".beneficiaryCount" in read and ".executedWan" not in read and ".sourceText" not in read
        if fields == narrow[-1]:  # a fragment's fields are not told: the catalogue's query, every property
            assert read == ""
