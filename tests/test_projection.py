"""Reads return the properties the loader writes on a fact's node (graph/projection.py), not
``{.*}``: every property the seeds' and a generated document's nodes hold is among them but the
search n-grams, and the API builds the same objects from the projection as from the whole node."""

from __future__ import annotations

import pytest

from app.api.types import Indicator, Project
from app.store import GraphStore
from graph.payload import NODE_FACTS, upsert_params
from graph.projection import expand, properties
from loaders import read_document
from samples.generate import generate_corpus
from tests.corpus import seed

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
            assert set(row["whole"]) - {"ngrams"} <= set(properties(label)), label
            assert BUILT[label](row["projected"]) == BUILT[label](row["whole"])


def test_the_projection_names_the_graphs_own_properties_and_the_codecs() -> None:
    assert properties("Project")[:2] == ("id", "fiscalYear") and "budgetWan" in properties("Project")
    assert "ngrams" not in properties("Project") and expand("p {.@Indicator}").startswith("p {.id, .name")
