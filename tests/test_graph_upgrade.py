"""A graph an earlier version wrote (no format stamp, roll-ups not placed, no order keys, no page
histograms) is brought to the current shape without re-extracting a file: aggregate then answers
as the facts do, and pages have their order keys and histograms. Steps are ordered, resumable
after a failure, and a graph of a newer format is refused."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from app.loading import run_load
from app.loading import upgrade as upgrade_module
from app.loading.upgrade import FORMAT, NewerFormat, UpgradeError, graph_format, upgrade_graph
from app.settings import Settings
from app.store import GraphStore, falkordb_driver, open_store
from graph.browse import LISTINGS, bounded_sorts, placed
from graph.order import ORDERED_TEXT, order_property
from graph.payload import upsert_params
from loaders import read_document
from samples.generate import generate_corpus
from tests.corpus import seed
from tests.test_aggregate_rollups import assert_rollups_match_facts
from tests.test_loader_jobs import kg, write_corpus

OLD_SHAPE = [  # what the versions before each step did not write
    "MATCH (r:Rollup) SET r.unit = null, r.unitNames = null, r.regions = null, r.counted = null, r.cell = null",
    "MATCH (c:RollupCell) DETACH DELETE c",
    *(f"MATCH (n:{label}) SET n.{order_property(sort)} = null"
      for label, sorts in ORDERED_TEXT.items() for sort in sorts),
    "MATCH (b:PageBounds) DELETE b",
    "MATCH (f:GraphFormat) DELETE f",
]


async def _write_old_graph(store: GraphStore, folder: Path) -> None:
    """The seeds and a generated corpus (other units, regions and years), as an earlier version left them."""
    for n in range(5):
        await store.write("upsert_document", upsert_params(read_document(seed(n))))
    for doc in generate_corpus(12, 5, scale=True):
        (folder / doc.filename).write_text(doc.text, encoding="utf-8")
        await store.write("upsert_document", upsert_params(read_document(folder / doc.filename)))
    for statement in OLD_SHAPE:
        await store.write_built(statement)


async def test_an_old_graph_answers_aggregate_as_the_facts_once_upgraded(store: GraphStore, tmp_path: Path) -> None:
    await _write_old_graph(store, tmp_path)
    assert await graph_format(store) == 0
    with pytest.raises(AssertionError):  # roll-ups without their unit, regions and flag answer wrongly
        await assert_rollups_match_facts(store)
    said: list[str] = []
    assert await upgrade_graph(store, said.append) == FORMAT
    assert said[0] == f"upgrading the {store.name} graph from format 0 to {FORMAT} ({FORMAT} steps)"
    assert any("units placed" in line for line in said)
    assert f"step 2/{FORMAT}: place ordered texts and refresh page bounds" in said
    assert await assert_rollups_match_facts(store) > 150
    await _assert_placed(store)
    bounds = await store.read_built("MATCH (b:PageBounds) RETURN count(b) AS n")
    assert (bounds[0]["n"] > 0) == (store.name == "falkordb")  # Neo4j reads its pages in index order
    assert await graph_format(store) == FORMAT
    assert await upgrade_graph(store, said.append) == 0  # stamped: nothing more to run


async def _assert_placed(store: GraphStore) -> None:
    """FalkorDB's pages range over places growing with (text, key), every ordered text's."""
    for name, sort in bounded_sorts():
        if placed(name, sort):
            listing = LISTINGS[name]
            rows = await store.read_built(f"MATCH (n:{listing.label}) WHERE n.{sort} IS NOT NULL RETURN "
                                          f"n.{order_property(sort)} AS place ORDER BY n.{sort}, n.{listing.key}")
            assert rows and (store.name == "neo4j" or all(a["place"] < b["place"] for a, b in pairwise(rows))), name


async def test_a_graph_of_format_2_gets_places_for_units_documents_and_policies(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Format 2 placed the names of projects and indicators only, and its descending histograms
    bounded pages that read ties by key ascending: step 3 places the rest and writes them again
    (FalkorDB reads a list's rows a span at a time and writes their places in batches: small here)."""
    monkeypatch.setattr(falkordb_driver, "PLACE_SPAN", 7)
    monkeypatch.setattr(falkordb_driver, "PLACE_BATCH", 3)
    await _write_old_graph(store, tmp_path)
    await upgrade_graph(store)
    for label in ("Unit", "BudgetDocument", "Policy"):
        for sort in ORDERED_TEXT[label]:
            await store.write_built(f"MATCH (n:{label}) SET n.{order_property(sort)} = null")
    await store.write_built("MATCH (b:PageBounds) REMOVE b.placed")
    await store.write("stamp_graph_format", {"version": 2})
    said: list[str] = []
    assert await upgrade_graph(store, said.append) == FORMAT - 2
    assert f"step 3/{FORMAT}: place the names of units, titles of documents and issuers of policies" in said
    await _assert_placed(store)
    unplaced = await store.read_built("MATCH (b:PageBounds) WHERE b.placed IS NULL "
                                      "RETURN b.list AS list, b.sort AS sort")
    assert all(not placed(row["list"], row["sort"]) for row in unplaced)


async def test_a_graph_of_format_3_gets_anchors_and_its_next_load_reads_no_whole_list(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Format 3 histograms kept no anchors, so the first load after it read each ordered list whole
    to place a few rows (seconds at 10,000 documents): step 4 writes them, and the next load
    places its new rows around them."""
    if store.name != "falkordb":
        pytest.skip("Neo4j keeps no histogram")
    await _write_old_graph(store, tmp_path)
    await upgrade_graph(store)
    await store.write_built("MATCH (b:PageBounds) SET b.anchors = null, b.anchorTexts = null, b.anchorKeys = null")
    await store.write("stamp_graph_format", {"version": 3})
    assert await upgrade_graph(store) == FORMAT - 3
    anchored = await store.read_built("MATCH (b:PageBounds) WHERE b.placed RETURN b.list AS list, "
                                      "size(b.anchorKeys) > 0 AS anchored")
    assert len(anchored) == sum(placed(n, s) for n, s in bounded_sorts()) and all(r["anchored"] for r in anchored)
    whole: list[str] = []

    async def place_all(self: falkordb_driver.FalkorDBDriver, q: object) -> dict[str, int]:
        whole.append(str(q))
        return {}

    monkeypatch.setattr(falkordb_driver.FalkorDBDriver, "_place_all", place_all)
    doc = generate_corpus(13, 5, scale=True)[-1]
    (tmp_path / doc.filename).write_text(doc.text, encoding="utf-8")
    await store.write("upsert_document", upsert_params(read_document(tmp_path / doc.filename)))
    await store.after_writes()
    assert whole == []
    await _assert_placed(store)


async def test_a_failed_step_is_named_and_the_next_run_resumes_at_it(
        store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    await _write_old_graph(store, tmp_path)
    steps = upgrade_module.STEPS

    async def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    failing = upgrade_module.Step(2, "place ordered texts", broken)
    monkeypatch.setattr(upgrade_module, "STEPS", (steps[0], failing, *steps[2:]))
    stays = r"step 2 \(place ordered texts\) failed: disk full; the graph stays at format 1"
    with pytest.raises(UpgradeError, match=stays):
        await upgrade_graph(store)
    assert await graph_format(store) == 1
    assert not await store.read_built("MATCH (l:LoadLock) RETURN l")  # the lock is released
    monkeypatch.setattr(upgrade_module, "STEPS", steps)
    assert await upgrade_graph(store) == FORMAT - 1
    assert await assert_rollups_match_facts(store) > 150


async def test_a_graph_of_a_newer_format_is_refused(store: GraphStore) -> None:
    await store.write("upsert_document", upsert_params(read_document(seed(0))))
    await store.write("stamp_graph_format", {"version": FORMAT + 1})
    with pytest.raises(NewerFormat, match=f"format {FORMAT + 1}, written by a newer kg"):
        await upgrade_graph(store)


async def test_the_graph_holds_one_format_stamp(store: GraphStore) -> None:
    """Stamping writes the one stamp again; a second stamp node is refused by the store."""
    await store.write("stamp_graph_format", {"version": 1})
    await store.write("stamp_graph_format", {"version": FORMAT})
    assert await store.read_built("MATCH (f:GraphFormat) RETURN f.version AS version") == [{"version": FORMAT}]
    with pytest.raises(Exception, match=r"(?i)constraint|unique|already exists"):
        await store.write_built("CREATE (:GraphFormat {id: 'graph', version: 0})")
    assert await store.read_built("MATCH (f:GraphFormat) RETURN f.version AS version") == [{"version": FORMAT}]


async def test_an_empty_graph_stays_empty_and_its_first_load_stamps_it(store: GraphStore, tmp_path: Path) -> None:
    assert await upgrade_graph(store) == 0
    assert await graph_format(store) is None
    assert not await store.read_built("MATCH (n) RETURN n LIMIT 1")  # an import may still go into it
    report = await run_load(store, [seed(0)])
    assert len(report.loaded) == 1 and await graph_format(store) == FORMAT
    assert (report.nodes, report.relationships) == await store.counts()  # the stamp is a record, not a fact
    report = await run_load(store, [seed(1)])
    assert len(report.loaded) == 1 and await graph_format(store) == FORMAT


async def test_kg_load_upgrades_an_old_folder_first_in_its_json_log_and_kg_upgrade_says_the_format(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_corpus(tmp_path / "in", 3)
    assert kg("load", str(tmp_path / "in"), "--workers", "1", data_dir=data).wait(timeout=300) == 0
    async with open_store(Settings(store="embedded", data_dir=data), upgrade=False) as store:
        for statement in OLD_SHAPE:
            await store.write_built(statement)
    loader = kg("load", str(tmp_path / "in"), "--workers", "1", "--log-format", "json", data_dir=data)
    _, err = loader.communicate(timeout=300)
    assert loader.returncode == 0, err
    events = [json.loads(line) for line in err.splitlines()]  # every line JSON, the upgrade's too
    told = [e["message"] for e in events if e["event"] == "upgrade"]
    assert told[0] == f"upgrading the falkordb graph from format 0 to {FORMAT} ({FORMAT} steps)"
    assert [e["status"] for e in events if e["event"] == "file"] == ["skipped"] * 3
    upgrade = kg("upgrade", data_dir=data)
    _, err = upgrade.communicate(timeout=300)
    assert upgrade.returncode == 0 and err.strip() == f"the falkordb graph has format {FORMAT} (current: {FORMAT})"
