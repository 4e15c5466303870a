"""Scheduled loader jobs: incremental, safe to repeat, observable — on both stores.

Documents come from the project's generator (samples/), written into temporary folders."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.loading import LoadLock, LoadOptions, LockBusy, Status, run_load
from app.store import GraphStore
from samples.generate import generate_corpus
from tests.corpus import seed as seed_text
from tests.cypher import count_by_label, delete_all, load_runs

pytestmark = pytest.mark.store  # each test loads into a store, some through kg processes with their own

ONE = LoadOptions(workers=1)


def write_corpus(folder: Path, count: int, seed: int = 11) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in generate_corpus(count, seed):
        path = folder / doc.filename
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    return paths


def statuses(report: object) -> dict[str, str]:
    return {Path(o.path).name: o.status.value for o in report.outcomes}  # type: ignore[attr-defined]


async def test_unchanged_files_are_skipped_and_changed_ones_replace_their_facts(
    store: GraphStore, tmp_path: Path
) -> None:
    paths = write_corpus(tmp_path, 3)
    first = await run_load(store, [tmp_path], ONE)
    assert set(statuses(first).values()) == {"loaded"}
    again = await run_load(store, [tmp_path], ONE)
    assert set(statuses(again).values()) == {"skipped"}
    assert (again.nodes, again.relationships) == (first.nodes, first.relationships)
    assert again.written.nodes_created == 0

    text = paths[0].read_text(encoding="utf-8")
    paths[0].write_text(text + "\n名词解释：本段为更正后追加。\n", encoding="utf-8")
    changed = await run_load(store, [tmp_path], ONE)
    assert statuses(changed)[paths[0].name] == "replaced"
    assert sorted(statuses(changed).values()) == ["replaced", "skipped", "skipped"]
    assert (changed.nodes, changed.relationships) == (first.nodes, first.relationships)


async def test_a_new_extractor_re_extracts_unchanged_files_once(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path, 2)
    first = await run_load(store, [tmp_path], ONE)
    monkeypatch.setattr("app.loading.runner.extractor_version", lambda: "upgraded")
    upgraded = await run_load(store, [tmp_path], ONE)
    assert {(o.status, o.reason) for o in upgraded.outcomes} == {
        (Status.REPLACED, "the extractor changed since it was loaded")
    }
    assert (upgraded.nodes, upgraded.relationships) == (first.nodes, first.relationships)
    assert set(statuses(await run_load(store, [tmp_path], ONE)).values()) == {"skipped"}


async def test_prune_removes_the_facts_of_vanished_files_only_when_asked(store: GraphStore, tmp_path: Path) -> None:
    paths = write_corpus(tmp_path, 3)
    await run_load(store, [tmp_path], ONE)
    paths[1].unlink()
    kept = await run_load(store, [tmp_path], ONE)
    assert int(await store.scalar("documents_count")) == 3 and not kept.of(Status.PRUNED)
    pruned = await run_load(store, [tmp_path], LoadOptions(workers=1, prune=True))
    assert statuses(pruned)[paths[1].name] == "pruned"
    assert int(await store.scalar("documents_count")) == 2
    left = await facts_by_label(store)
    await delete_all(store)
    await run_load(store, [tmp_path], ONE)
    assert left == await facts_by_label(store)


# Reference data (regions, classifications, funding sources) stays when the documents naming it go,
# and every run records itself.
_KEPT = frozenset({"Region", "FunctionClass", "EconomicClass", "FundingSource", "LoadRun"})


async def facts_by_label(store: GraphStore) -> dict[str, int]:
    """Nodes by label, reference data and load runs left out."""
    return {r["label"]: int(r["count"]) for r in await count_by_label(store) if r["label"] not in _KEPT}


async def test_the_newer_of_two_files_for_one_unit_year_kind_wins_whatever_the_order(
    store: GraphStore, tmp_path: Path
) -> None:
    (original,) = write_corpus(tmp_path / "a", 1)
    corrected = tmp_path / "b" / "corrected.txt"
    corrected.parent.mkdir()
    corrected.write_text(original.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(original, (time.time() - 3600, time.time() - 3600))
    for order in ([corrected, original], [original, corrected]):
        await delete_all(store)
        report = await run_load(store, order, ONE)
        assert statuses(report) == {"corrected.txt": "loaded", original.name: "superseded"} or statuses(report) == {
            original.name: "loaded",
            "corrected.txt": "replaced",
        }
        rows = await store.read("document_sources")
        assert [r["path"] for r in rows] == [str(corrected)]
        assert statuses(await run_load(store, order, ONE)) == {"corrected.txt": "skipped", original.name: "superseded"}


async def test_a_department_and_a_unit_document_of_one_unit_and_year_both_load(
    store: GraphStore, tmp_path: Path
) -> None:
    """Not a re-publication of each other: the 单位 document (seed 003) and the same text titled 部门."""
    text = seed_text(3).read_text(encoding="utf-8")
    (tmp_path / "unit.txt").write_text(text, encoding="utf-8")
    (tmp_path / "department.txt").write_text(text.replace("年单位预算公开", "年部门预算公开", 1), encoding="utf-8")
    report = await run_load(store, [tmp_path], ONE)
    assert statuses(report) == {"unit.txt": "loaded", "department.txt": "loaded"}
    assert sorted(o.document_id or "" for o in report.loaded) == [
        "巴音郭楞蒙古自治州社会保险中心|2024|BUDGET|DEPARTMENT", "巴音郭楞蒙古自治州社会保险中心|2024|BUDGET|UNIT"]


async def test_dry_run_reports_and_writes_nothing(store: GraphStore, tmp_path: Path) -> None:
    write_corpus(tmp_path, 2)
    report = await run_load(store, [tmp_path], LoadOptions(workers=1, dry_run=True))
    assert set(statuses(report).values()) == {"loaded"} and report.dry_run
    assert "2 would be loaded" in report.summary()
    assert await store.counts() == (0, 0)
    assert await store.read("read_lock") == []


async def test_every_run_leaves_a_load_run_record(store: GraphStore, tmp_path: Path) -> None:
    write_corpus(tmp_path, 2)
    (tmp_path / "broken.txt").write_bytes(b"")
    report = await run_load(store, [tmp_path], ONE)
    rows = await load_runs(store)
    assert len(rows) == 1
    run = rows[0]["run"]
    assert (run["filesSeen"], run["filesLoaded"], run["filesFailed"]) == (3, 2, 1)
    assert run["failures"] == [f"{tmp_path / 'broken.txt'}: {report.failed[0].reason}"]
    assert run["nodesWritten"] == report.written.nodes_created > 0
    assert all(type(n) is int for n in report.written.as_tuple())  # counts, printed as such in JSON logs
    assert run["startedAt"] <= run["endedAt"]


async def test_a_second_loader_waits_for_the_lock(store: GraphStore, tmp_path: Path) -> None:
    holder = LoadLock(store)
    await holder.acquire(timeout=1)
    write_corpus(tmp_path, 1)
    with pytest.raises(LockBusy):
        await run_load(store, [tmp_path], LoadOptions(workers=1, lock_timeout=0.5))
    waiting = asyncio.create_task(run_load(store, [tmp_path], LoadOptions(workers=1, lock_timeout=30)))
    await asyncio.sleep(0.3)
    assert not waiting.done()
    await holder.release()
    assert len((await waiting).loaded) == 1


async def test_the_lock_is_renewed_once_a_quarter_of_its_lease_has_passed(store: GraphStore) -> None:
    """Not at every document: a renewal is a write transaction, as dear as a small document."""
    lock = LoadLock(store, ttl=8.0)
    await lock.acquire(timeout=1)
    taken = (await store.read("read_lock"))[0]["expiresAt"]
    await lock.refresh()
    assert (await store.read("read_lock"))[0]["expiresAt"] == taken
    await asyncio.sleep(2.1)
    await lock.refresh()
    assert (await store.read("read_lock"))[0]["expiresAt"] > taken
    await lock.release()


def kg(*args: str, data_dir: Path, **popen: object) -> subprocess.Popen[str]:
    env = {**os.environ, "KG_STORE": "embedded", "KG_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", *args],
        text=True,
        env=env,  # type: ignore[call-overload]
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )


CONSISTENCY = """{ documents(first: 500) { totalCount edges { node {
    id unit { name } projects { id document { id } unit { name } } } } } }"""


def test_two_loaders_at_once_load_each_file_once(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 6)
    first, second = (kg("load", str(tmp_path / "in"), "--workers", "1", data_dir=tmp_path / "data") for _ in range(2))
    outs = [p.communicate(timeout=300) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outs
    loaded = [
        json.loads(line)["status"]
        for _, err in outs
        for line in err.splitlines()
        if json.loads(line)["event"] == "file"
    ]
    assert sorted(loaded) == ["loaded"] * 6 + ["skipped"] * 6


def test_a_loader_killed_halfway_leaves_a_consistent_graph_and_the_next_run_completes(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 24)
    data = tmp_path / "data"
    victim = kg("load", str(tmp_path / "in"), "--workers", "1", data_dir=data)
    assert victim.stderr is not None
    for _ in range(3):  # let three documents land, then kill -9 mid-run
        victim.stderr.readline()
    victim.send_signal(signal.SIGKILL)
    victim.wait()

    survivor = kg("load", str(tmp_path / "in"), "--workers", "1", "--lock-timeout", "5", data_dir=data)
    _, err = survivor.communicate(timeout=300)
    assert survivor.returncode == 0, err
    done = [json.loads(line)["status"] for line in err.splitlines() if json.loads(line)["event"] == "file"]
    assert done.count("skipped") >= 3 and done.count("loaded") + done.count("skipped") == 24

    reference = kg("load", str(tmp_path / "in"), "--workers", "1", data_dir=tmp_path / "fresh")
    reference.communicate(timeout=300)
    graphs = []
    for folder in (data, tmp_path / "fresh"):
        query = kg("query", CONSISTENCY, data_dir=folder)
        out, _ = query.communicate(timeout=120)
        graphs.append(json.loads(out)["data"]["documents"])
    assert graphs[0]["totalCount"] == 24
    for graph in graphs:
        for edge in graph["edges"]:
            assert all(p["document"]["id"] == edge["node"]["id"] for p in edge["node"]["projects"])
    assert graphs[0] == graphs[1]
