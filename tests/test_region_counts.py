"""A region's projects and documents are counted from its area cells (graph/rollups.py,
graph/browse.py ``Listing.kept``), not by walking them: the count is the number of projects (of
documents) of the units within the region after loads, replacements and deletes, in every region
of generated corpora, and its plan reads no project (no document). A graph of format 10 gets the
documents' area cells from the upgrade."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from app.loading.upgrade import FORMAT, upgrade_graph
from app.store import GraphStore
from graph.browse import count_query
from graph.payload import upsert_params
from loaders import read_document
from loaders.facts import DocumentFacts
from loaders.pipeline import prepare
from samples.generate import generate_corpus
from tests.builders import BASIS, document, load, project
from tests.graphql import execute
from tests.profiles import profiled_rows

LISTED = {"projects": ("Project", "UNDERTAKEN_BY"), "documents": ("BudgetDocument", "OF_UNIT")}
"""Each list counted by region: its node's label and its link to a unit."""
WALKED = {listed: ("MATCH (:Region {name: $region})<-[:PART_OF*0..8]-(:Region)<-[:IN_REGION]-(:Unit)"
                   f"<-[:{link}]-(x:{label}) RETURN count(DISTINCT x) AS n")
          for listed, (label, link) in LISTED.items()}
"""The counts the kept ones must equal: the region's projects and documents, walked."""


def corpus(folder: Path, n: int, seed: int) -> list[DocumentFacts]:
    """``n`` generated documents of distinct units across regions and years, read from their files."""
    facts = []
    for doc in generate_corpus(n, seed, scale=True):
        (folder / doc.filename).write_text(doc.text, encoding="utf-8")
        facts.append(read_document(folder / doc.filename))
    return facts


async def counted(store: GraphStore, region: str, listed: str = "projects") -> int:
    data = await execute(store, f'{{ {listed}(first: 1, filter: {{region: "{region}"}}) {{ totalCount }} }}')
    return int(data[listed]["totalCount"])


async def assert_counts_exact(store: GraphStore) -> int:
    """Every region's count of projects and of documents (and an unknown region's) is the one
    walked, read from no project or document; returns the most projects found."""
    regions = [r["name"] for r in await store.read_built("MATCH (r:Region) RETURN r.name AS name")]
    most = 0
    for listed, (label, _) in LISTED.items():
        assert f":{label}" not in count_query(listed, {"region"}), listed
        for region in [*regions, "没有这个地区"]:
            walked = (await store.read_built(WALKED[listed], {"region": region}))[0]["n"]
            assert await counted(store, region, listed) == walked, (listed, region)
            most = max(most, walked) if listed == "projects" else most
    return most


@pytest.mark.parametrize("seed", [5, 11])
async def test_a_regions_projects_count_stays_exact_through_loads_replacements_and_deletes(
        store: GraphStore, tmp_path: Path, seed: int) -> None:
    docs = corpus(tmp_path, 14, seed)
    await load(store, *docs[:10])
    assert await assert_counts_exact(store) > 10
    # re-loaded changed: one project fewer, one new; then others added, and two deleted
    first = docs[0]
    changed = dataclasses.replace(first, sha256="c" * 64, projects=(
        project("新的补贴项目", 77.5, BASIS), *first.projects[2:]))
    await load(store, changed, *docs[10:])
    await assert_counts_exact(store)
    gone = [upsert_params(d)["doc"]["id"] for d in (docs[1], docs[11])]
    await store.write("delete_documents", {"ids": gone})
    await assert_counts_exact(store)
    await store.write("delete_documents", {"ids": [upsert_params(d)["doc"]["id"] for d in docs]})
    assert await assert_counts_exact(store) == 0
    assert await store.read_built("MATCH (c:RollupCell {level: 'AREA'}) RETURN c.key AS key") == []


async def test_a_county_placed_in_its_prefecture_later_counts_there(store: GraphStore) -> None:
    """A document knew its unit's county only; another unit's document then placed the county in
    its prefecture: the prefecture's count holds both units' projects."""
    alone = upsert_params(prepare(document("和静县社会保险中心", 2025, project("县级项目", 40.0, BASIS))))
    await store.write("upsert_document", {**alone, "regions": [{"name": alone["region"], "parent": None}]})
    await load(store, document("和静县财政局", 2025, project("财政项目", 5.0, BASIS), project("其他", 1.0),
                               sha="f" * 64))
    assert await counted(store, "巴音郭楞蒙古自治州") == 3
    await assert_counts_exact(store)


@pytest.mark.parametrize("listed", LISTED)
async def test_a_regions_count_reads_none_of_what_it_counts(store: GraphStore, listed: str) -> None:
    """The count's plan names no project (no document) on either store; FalkorDB's profile of it
    produces as many rows with one year of a unit's projects as with ten (the walk: a row per
    project, per document)."""
    region, label = "巴音郭楞蒙古自治州", LISTED[listed][0]
    text, params = count_query(listed, {"region"}), {"region": region}
    ten = [project(f"项目{n}", 1.0 + n) for n in range(10)]
    years = [document("和静县社会保险中心", year, *ten, sha=f"{year:064d}") for year in range(2015, 2025)]
    rows: list[int] = []
    for written in (years[:1], years[1:]):
        await load(store, *written)
        assert f":{label}" not in "\n".join(await store.plan(text, params))
        if (produced := await profiled_rows(store, text, params)) is not None:
            rows.append(produced)
    assert await counted(store, region, listed) == (100 if listed == "projects" else 10)
    assert rows == [] or rows[0] == rows[1] < 20, rows


@pytest.mark.parametrize(("version", "family"), [(4, None), (10, "DOCUMENTS")])
async def test_a_graph_of_an_earlier_format_gets_its_area_cells_from_the_upgrade(
        store: GraphStore, tmp_path: Path, version: int, family: str | None) -> None:
    """Format 4 kept no area cells, format 10 none of documents: the upgrade adds them up."""
    await load(store, *corpus(tmp_path, 8, 11))
    left = {"family": family}
    await store.write_built("MATCH (c:RollupCell {level: 'AREA'}) WHERE $family IS NULL OR c.family = $family "
                            "DETACH DELETE c", left)
    await store.write_built("MATCH (c:RollupCell) WHERE $family IS NULL OR c.family = $family REMOVE c.area", left)
    await store.write("stamp_graph_format", {"version": version})
    assert await upgrade_graph(store) == FORMAT - version
    assert await assert_counts_exact(store) > 10
    areas = await store.read_built("MATCH (c:RollupCell {level: 'AREA'}) RETURN c.family AS family, count(c) AS n")
    assert {row["family"] for row in areas if row["n"] > 0} == {"PROJECTS", "DOCUMENTS"}
    assert await store.read_built("MATCH (c:StaleCell) RETURN c.key AS key") == []
