"""Load that keeps pace as the graph grows: writing one document reads and merges every node by
its key, on each engine, and never scans a whole label; the only policies it may leave
unsupported (those its former versions cited) are removed by the same write; a load reads the
records of its own files, not of every loaded document."""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from app.loading import LoadOptions, Status, run_load
from app.loading.files import stamp
from app.loading.runner import _parse, _Run, _write
from app.loading.version import extractor_version
from app.store import GraphStore
from app.store.falkordb_driver import FalkorDBDriver
from app.store.port import Row
from graph.browse import count_query
from graph.catalogue import query
from graph.payload import upsert_params, with_project_links
from loaders import read_document
from loaders.facts import PolicyRef
from loaders.pipeline import prepare
from samples.generate import generate_corpus
from tests.builders import ALLOCATION, BASIS, CHANGJI, HEJING, SRC, document, load, project
from tests.profiles import produced
from tests.test_aggregate_rollups import assert_rollups_match_facts
from tests.test_region_counts import WALKED

_SCAN = re.compile(r"label ?scan|all ?nodes? ?scan", re.IGNORECASE)


@pytest.mark.parametrize("seed", [3, 11])
async def test_writing_a_document_scans_no_label(store: GraphStore, tmp_path: Path, seed: int) -> None:
    """Two generated documents of other units and layouts, with a link to a project elsewhere;
    and the read of the unit's projects elsewhere that comes before."""
    doc = generate_corpus(1, seed, scale=True)[0]
    (tmp_path / doc.filename).write_text(doc.text, encoding="utf-8")
    params = upsert_params(read_document(tmp_path / doc.filename))
    elsewhere = [{"id": "p-elsewhere", "name": params["projects"][0]["props"]["name"], "fiscalYear": 2000,
                  "codes": []}]
    plan = "\n".join(line for line in await store.plan(query("upsert_document", store.name),
                                                        with_project_links(params, elsewhere))
                     if ":StaleCell" not in line)  # a marker on the cells this write touched, removed by it
    assert not _SCAN.search(plan), plan
    links = {"unit": params["unit"]["id"], "document": params["doc"]["id"]}
    plan = "\n".join(await store.plan(query("projects_of_unit_elsewhere", store.name), links))
    assert not _SCAN.search(plan), plan


async def _policies(store: GraphStore) -> list[str]:
    rows = await store.driver.run("MATCH (p:Policy) RETURN p.key AS key", {}, write=False)
    return sorted(r["key"] for r in rows.rows)


async def test_a_rewrite_removes_the_policies_only_its_former_version_cited(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING)
    assert await _policies(store) == sorted([BASIS.key, ALLOCATION.key])
    await store.driver.run("CREATE (:Policy {key: '他文〔2020〕1号'})", {}, write=True)  # not this document's
    other = PolicyRef("新财预〔2025〕7号", None, BASIS.role, SRC)
    await load(store, dataclasses.replace(HEJING, sha256="c" * 64, projects=(project("改革成本", 40.0, other),)))
    assert await _policies(store) == sorted(["他文〔2020〕1号", BASIS.key, other.key])


async def test_a_file_now_describing_another_unit_takes_its_former_policies_along(store: GraphStore) -> None:
    """The stale document (same file, another identity) is removed with the policies only it cited."""
    await load(store, HEJING)
    moved = dataclasses.replace(CHANGJI, path=HEJING.path, projects=(project("社会保险宣传费", 25.0),))
    await store.write("upsert_document", upsert_params(prepare(moved)))
    assert await _policies(store) == []


class _Recording(GraphStore):
    """The store, noting which named reads a load runs."""

    def __init__(self, store: GraphStore) -> None:
        super().__init__(store.driver)
        self.reads: list[str] = []
        self.writes: list[str] = []

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.reads.append(name)
        return await super().read(name, params)

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        self.writes.append(name)
        return await super().write(name, params)


async def test_a_load_reads_what_is_loaded_of_its_own_files_only(store: GraphStore, tmp_path: Path) -> None:
    for doc in generate_corpus(3, 5):
        (tmp_path / doc.filename).write_text(doc.text, encoding="utf-8")
    recording = _Recording(store)
    first = await run_load(recording, [tmp_path], LoadOptions(workers=1))
    again = await run_load(recording, [tmp_path], LoadOptions(workers=1))
    assert [o.status for o in first.outcomes] == [Status.LOADED] * 3
    assert [o.status for o in again.outcomes] == [Status.SKIPPED] * 3
    assert "document_sources" not in recording.reads  # every document's record: only --prune needs it
    await run_load(recording, [tmp_path], LoadOptions(workers=1, prune=True))
    assert "document_sources" in recording.reads


async def test_a_load_takes_its_lock_once_not_at_every_document(store: GraphStore, tmp_path: Path) -> None:
    """The lease is renewed only when a quarter of it has passed (tests/test_loader_jobs.py)."""
    for doc in generate_corpus(3, 7, scale=True):
        (tmp_path / doc.filename).write_text(doc.text, encoding="utf-8")
    recording = _Recording(store)
    report = await run_load(recording, [tmp_path], LoadOptions(workers=1))
    assert [o.status for o in report.outcomes] == [Status.LOADED] * 3
    assert recording.reads.count("read_lock") == 1


async def test_the_writer_reads_the_records_of_the_documents_parsed_ahead_in_one_read(
    store: GraphStore, tmp_path: Path
) -> None:
    for doc in generate_corpus(3, 9, scale=True):
        (tmp_path / doc.filename).write_text(doc.text, encoding="utf-8")
    files = [stamp(path) for path in sorted(tmp_path.iterdir())]
    parsed: list[asyncio.Future[Any]] = []
    for file in files:  # all parsed before the first write
        parsed.append(asyncio.get_running_loop().create_future())
        parsed[-1].set_result(_parse(file.path, file.mtime, extractor_version()))
    recording = _Recording(store)
    run = _Run(recording, LoadOptions(workers=1), None)
    await _write(run, files, parsed, None)
    assert [o.status for o in run.report.outcomes] == [Status.LOADED] * 3
    assert recording.reads.count("document_sources_of") == 1


async def test_the_graph_size_a_load_reports_is_counted_without_reading_every_node(store: GraphStore) -> None:
    await load(store, CHANGJI)
    await store.driver.run("CREATE (:LoadRun {id: 'r'}), (:LoadLock {id: 'load'})", {}, write=True)
    every = (await store.driver.run("MATCH (n) RETURN count(n) AS n", {}, write=False)).rows[0]["n"]
    assert (await store.counts())[0] == every - 2
    plan = "\n".join(await store.plan(query("count_nodes", store.name), {})).lower()
    assert "all node scan" not in plan and "allnodesscan" not in plan, plan


async def test_a_load_adds_up_the_cells_of_all_regions_once_not_at_every_document(
    store: GraphStore, tmp_path: Path
) -> None:
    """A cell of all regions holds every region's cell of its year and kind (hundreds at 10,000
    documents): a document's write adds up its region cells and only marks the cell above them
    (its plan reads no member of a cell of all regions); the load adds the marked ones up once, at its end."""
    docs = generate_corpus(3, 13, scale=True)
    for doc in docs:
        (tmp_path / doc.filename).write_text(doc.text, encoding="utf-8")
    params = upsert_params(read_document(tmp_path / docs[0].filename))
    plan = "\n".join(await store.plan(query("upsert_document", store.name), with_project_links(params, [])))
    assert "member:Rollup" in plan and "member:RollupCell" not in plan, plan
    recording = _Recording(store)
    report = await run_load(recording, [tmp_path], LoadOptions(workers=1))
    assert [o.status for o in report.outcomes] == [Status.LOADED] * 3
    assert recording.writes.count("add_up_all_cells") == 1
    assert await store.read_built("MATCH (c:StaleCell) RETURN c.key AS key") == []
    assert (await store.read_built("MATCH (c:RollupCell {level: 'ALL'}) RETURN count(c) AS n"))[0]["n"] > 0


def _rollups_traversed(plan: list[str]) -> int:
    """Rows FalkorDB's profile of upsert_document says reached the unit's roll-ups to place them."""
    return produced(plan, "placedRollup:Rollup")


async def test_a_write_places_the_rollups_of_its_own_year_and_kind_not_every_one_of_its_unit(
    store: GraphStore
) -> None:
    """A unit with six years of documents: its seventh year's document places its own roll-ups (and
    the unit's others of that year and kind, whose counted flag it can change), not the unit's
    every roll-up; FalkorDB's profile counts the rows the placing reads."""
    driver = store.driver
    if not isinstance(driver, FalkorDBDriver) or driver._db is None:
        pytest.skip("a FalkorDB profile")
    years = [document(HEJING.header.unit_name, year, project(f"项目{year}", 10.0 + year % 7, BASIS), sha=f"{year:064d}")
             for year in range(2018, 2025)]
    await load(store, *years[:-1])
    params = upsert_params(prepare(years[-1]))
    plan = await driver._db.select_graph(driver._graph_name).profile(  # the profile runs the write itself
        query("upsert_document", store.name), with_project_links(params, []))
    own = len(params["rollups"])
    every = (await store.read_built("MATCH (r:Rollup) RETURN count(r) AS n"))[0]["n"]
    assert every >= 6 * own
    assert 0 < _rollups_traversed(plan.plan) <= own, "\n".join(plan.plan)


async def test_a_unit_renamed_by_a_later_document_is_found_by_its_new_name_in_every_year(store: GraphStore) -> None:
    """A write places only the roll-ups of its year and kind, unless the unit's names changed since
    its roll-ups were placed: then every year's roll-ups carry the new name, which aggregate's unit
    filter reads (graph/queries/aggregate.cypher)."""
    first = upsert_params(prepare(document(HEJING.header.unit_name, 2023, project("旧项目", 10.0, BASIS))))
    later = upsert_params(prepare(document(HEJING.header.unit_name, 2025, project("新项目", 5.0, BASIS),
                                           sha="b" * 64)))
    await store.write("upsert_document", first)
    await store.write("upsert_document", first)  # its region chain written before: only the name changes next
    await store.write("upsert_document", {**later, "unit": {**later["unit"], "name": "和静县社会保障中心"}})
    rows = await store.read_built("MATCH (r:Rollup) RETURN DISTINCT r.fiscalYear AS year, "
                                  "'和静县社会保障中心' IN r.unitNames AS renamed ORDER BY year")
    assert rows == [{"year": 2023, "renamed": True}, {"year": 2025, "renamed": True}]


async def _stale_cells_of_all_regions(store: GraphStore) -> int:
    return int((await store.read_built("MATCH (c:StaleCell {level: 'ALL'}) RETURN count(c) AS n"))[0]["n"])


async def test_a_document_written_again_with_the_same_figures_leaves_no_cell_of_all_regions_to_add_up(
    store: GraphStore
) -> None:
    """A cell of all regions holds hundreds of region cells at 10,000 documents (0.4 s a load to add
    them up): a region cell added up again to the same groups (its document replaced by the same
    facts) does not mark it; one whose groups changed does, and aggregate answers from the facts."""
    await load(store, CHANGJI, HEJING)
    await store.write("add_up_all_cells")
    assert await _stale_cells_of_all_regions(store) == 0
    await load(store, HEJING)
    assert await _stale_cells_of_all_regions(store) == 0
    await load(store, dataclasses.replace(HEJING, sha256="d" * 64, projects=(project("改革成本", 40.0, BASIS),)))
    assert await _stale_cells_of_all_regions(store) > 0
    await store.write("add_up_all_cells")
    await assert_rollups_match_facts(store)


def _area_members_read(plan: list[str]) -> int:
    """Rows FalkorDB's profile of upsert_document says it read of region cells to add up area cells."""
    return produced(plan, "areaMember:RollupCell")


async def test_a_document_written_again_with_the_same_figures_adds_up_no_area_cell(store: GraphStore) -> None:
    """A region's area cell holds its region cells of every year, kind, scope and flag (20-100 at
    10,000 documents): only a write that changes a region cell's groups adds it up again; one that
    leaves them as they were (the same document replaced) reads none of them. FalkorDB's profile
    counts the rows; the counts stay exact on both stores."""
    driver = store.driver
    if not isinstance(driver, FalkorDBDriver) or driver._db is None:
        pytest.skip("a FalkorDB profile")
    years = [document(HEJING.header.unit_name, year, project(f"项目{year}", 10.0 + year, BASIS), sha=f"{year:064d}")
             for year in range(2018, 2023)]
    await load(store, *years)
    text, graph = query("upsert_document", store.name), driver._db.select_graph(driver._graph_name)
    same = with_project_links(upsert_params(prepare(years[0])), [])
    assert _area_members_read((await graph.profile(text, same)).plan) == 0
    changed = with_project_links(upsert_params(prepare(dataclasses.replace(
        years[0], sha256="e" * 64, projects=(project("新项目", 1.0, BASIS), project("另一个", 2.0))))), [])
    assert _area_members_read((await graph.profile(text, changed)).plan) >= len(years)
    assert await store.read_built(WALKED["projects"], {"region": "巴音郭楞蒙古自治州"}) == [{"n": 6}]
    assert (await store.read_built(count_query("projects", {"region"}), {"region": "巴音郭楞蒙古自治州"})
            ) == [{"total": 6}]
