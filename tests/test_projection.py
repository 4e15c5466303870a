"""Reads return the properties the loader writes on a fact's node (graph/projection.py), not
``{.*}``: every property the seeds' and a generated document's nodes hold is among them but the
search n-grams, and the API builds the same objects from the projection as from the whole node."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import get_named_type, is_leaf_type, is_required_argument

from app.api.schema import schema
from app.api.types import BudgetDocument, Indicator, Project
from app.api.types.common import NARROWABLE
from app.store import GraphStore
from graph.order import order_property, placed_sorts
from graph.payload import NODE_FACTS, upsert_params
from graph.projection import expand, properties
from loaders import read_document
from samples.generate import generate_corpus
from tests.builders import BASIS, WORLD, load
from tests.corpus import seed
from tests.graphql import execute

BUILT = {"BudgetDocument": BudgetDocument.of, "Project": Project.of, "Indicator": Indicator.of}


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
        assert len(rows) >= 3, label  # one a document at least
        for row in rows:
            kept = {"ngrams", *map(order_property, placed_sorts(label))}  # kept for search, pages
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


def _recorded_reads(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The Cypher of each read the store is sent from now on."""
    texts: list[str] = []
    read_built = store.read_built

    async def recorded(text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        texts.append(text)
        return await read_built(text, params)

    monkeypatch.setattr(store, "read_built", recorded)
    return texts


@pytest.mark.parametrize(("query", "marker"), RELATED_PROJECTS)
async def test_a_narrow_selection_reads_only_its_properties_and_answers_as_a_full_one(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch, query: str, marker: str) -> None:
    await load(store, *WORLD)
    texts = _recorded_reads(store, monkeypatch)
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



NARROWED_READS = (
    ("BudgetDocument", "{{ documents(first: 50) {{ edges {{ node {{ {} }} }} }} }}", ("documents", "edges", "node"),
     "MATCH (d:BudgetDocument)"),
    ("BudgetDocument",
     "{{ units(first: 5) {{ edges {{ node {{ documentsPage(first: 5) {{ edges {{ node {{ {} }} }} }} }} }} }} }}",
     ("units", "edges", "node", "documentsPage", "edges", "node"), "MATCH (d:BudgetDocument)"),
    ("BudgetDocument", "{{ units(first: 5) {{ edges {{ node {{ documents {{ {} }} }} }} }} }}",
     ("units", "edges", "node", "documents"), "<-[:OF_UNIT]-(d:BudgetDocument)"),
    ("BudgetDocument", "{{ projects(first: 20) {{ edges {{ node {{ document {{ {} }} }} }} }} }}",
     ("projects", "edges", "node", "document"), "<-[:DISCLOSES]-(d:BudgetDocument)"),
    ("Project", "{{ projects(first: 50) {{ edges {{ node {{ {} }} }} }} }}", ("projects", "edges", "node"),
     "MATCH (p:Project)"),
    ("Indicator", "{{ indicators(first: 100) {{ edges {{ node {{ {} }} }} }} }}", ("indicators", "edges", "node"),
     "MATCH (i:Indicator)"),
)
"""Lists read narrowed to the fields a request selects: documents (the root list, a unit's page of them, and
relations to documents: the executor's one read per list), and the root lists of projects and indicators; each
with the type listed, where its items are in the answer and a piece of the query that reads them."""


def _selections(type_: Any, depth: int = 2) -> list[str]:
    """A selection of each field of a GraphQL object type without required arguments, with every field of an
    object under it ``depth`` levels down."""
    selections = []
    for name, field in type_.fields.items():
        inner = get_named_type(field.type)
        if any(is_required_argument(arg) for arg in field.args.values()):
            continue
        if is_leaf_type(inner):
            selections.append(name)
        elif depth > 0:
            selections.append(f"{name} {{ {' '.join(_selections(inner, depth - 1)) or '__typename'} }}")
    return selections


def _at(data: Any, path: tuple[str, ...]) -> list[Any]:
    """The values at ``path`` in an answer, lists along it flattened."""
    if isinstance(data, list):
        return [v for item in data for v in _at(item, path)]
    return [data] if not path else _at(data[path[0]], path[1:])


@pytest.mark.parametrize(("label", "query", "path", "marker"), NARROWED_READS)
async def test_each_field_of_a_listed_node_read_alone_answers_as_read_with_every_other(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory,
        label: str, query: str, path: tuple[str, ...], marker: str) -> None:
    folder = tmp_path_factory.mktemp("narrow-documents")
    generated = generate_corpus(1, 4, scale=True)[0]
    (folder / generated.filename).write_text(generated.text, encoding="utf-8")
    for file in (seed(1), seed(4), folder / generated.filename):
        await store.write("upsert_document", upsert_params(read_document(file)))
    texts = _recorded_reads(store, monkeypatch)
    fields = _selections(schema._schema.get_type(label))
    documents = _at(await execute(store, query.format(" ".join(fields))), path)
    assert len(documents) >= 3
    if label == "BudgetDocument":
        assert {"title", "fileName", "totalWan"} <= set(fields) and len(fields) > 40
        assert any(d["totalWan"] for d in documents) and all(d["fileName"] for d in documents)
    if label == "Indicator":
        assert {d["met"] for d in documents} == {True, False, None}
    for field in fields:
        texts.clear()
        name = field.split(" ")[0]
        alone = _at(await execute(store, query.format(field)), path)
        assert alone == [{name: document[name]} for document in documents], field
        read = next(t for t in texts if marker in t)
        if name == "title":  # the documents' own keys and the title, none of their other properties
            assert ".title" in read and ".totalWan" not in read and ".sourcePath" not in read, read


def test_every_node_holding_a_fact_is_served_by_one_type_declared_narrowable() -> None:
    """A read of a label's nodes is narrowed by the selection on the type built from them: each label
    the codec stores names its type once (app/api/types/common.py ``narrowable``)."""
    assert sorted(NARROWABLE) == sorted(NODE_FACTS)
    assert [label for label, cls in NARROWABLE.items() if cls.__name__ != label] == []
