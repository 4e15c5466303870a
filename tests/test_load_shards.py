"""`kg load --shard I/N`: N loaders split a corpus by path, without overlap, and together write
the graph one loader writes (two shards into one store = one run)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any

import pytest

from app.cli import build_parser
from app.loading import LoadLock, LoadOptions, Status, run_load
from app.loading.files import Shard
from app.loading.version import extractor_version
from app.store import GraphStore
from graph.payload import upsert_params
from loaders import read_document
from samples.generate import generate_corpus
from tests.cypher import count_by_label, delete_all


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shards") / "corpus"
    for i, doc in enumerate(generate_corpus(12, 5)):
        folder = root / f"batch{i % 3}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / doc.filename).write_text(doc.text, encoding="utf-8")
    return root


async def _graph(store: GraphStore) -> dict[str, Any]:
    labels = {r["label"]: r["count"] for r in await count_by_label(store) if r["label"] != "LoadRun"}
    documents = sorted(r["id"] for r in await store.read("document_sources"))
    return {"labels": labels, "documents": documents, "counts": await store.counts()}


async def test_two_shards_into_one_store_make_the_graph_of_one_run(store: GraphStore, corpus: Path) -> None:
    reports = [await run_load(store, [corpus], LoadOptions(workers=1, shard=Shard(i, 2))) for i in (1, 2)]
    loaded = [{o.path for o in r.loaded} for r in reports]
    assert loaded[0] and loaded[1] and not loaded[0] & loaded[1]
    assert loaded[0] | loaded[1] == {str(p) for p in corpus.rglob("*.txt")}
    assert not any(r.failed for r in reports)
    sharded = await _graph(store)
    await delete_all(store)
    await run_load(store, [corpus], LoadOptions(workers=1))
    assert await _graph(store) == sharded


async def test_two_shards_started_at_once_make_the_graph_of_one_run(store: GraphStore, corpus: Path) -> None:
    """Both parse at once; their writes take turns."""
    reports = await asyncio.gather(*(run_load(store, [corpus], LoadOptions(workers=1, shard=Shard(i, 2)))
                                     for i in (1, 2)))
    assert not any(r.failed for r in reports)
    assert sum(len(r.loaded) for r in reports) == len(list(corpus.rglob("*.txt")))
    sharded = await _graph(store)
    await delete_all(store)
    await run_load(store, [corpus], LoadOptions(workers=1))
    assert await _graph(store) == sharded


async def test_a_loader_that_waited_for_the_lock_sees_what_was_written_meanwhile(store: GraphStore,
                                                                                tmp_path: Path) -> None:
    """It chose and parsed its files before the lock was free; a newer file of the same document
    written meanwhile (by another shard's loader) still wins."""
    doc = generate_corpus(1, 7)[0]
    older, newer = tmp_path / "a" / doc.filename, tmp_path / "b" / doc.filename
    for path, mtime in ((older, 1_700_000_000), (newer, 1_700_000_100)):
        path.parent.mkdir()
        path.write_text(doc.text, encoding="utf-8")
        os.utime(path, (mtime, mtime))
    holder = LoadLock(store)
    await holder.acquire(timeout=5)
    waiting = asyncio.create_task(run_load(store, [older.parent], LoadOptions(workers=1)))
    await asyncio.sleep(1.0)  # it has read what is loaded (nothing yet) and waits for the lock
    params = upsert_params(read_document(newer), source_mtime=newer.stat().st_mtime,
                           extractor_version=extractor_version())
    await store.write("upsert_document", params)
    await holder.release()
    report = await waiting
    assert [o.status for o in report.outcomes] == [Status.SUPERSEDED]
    assert [r["path"] for r in await store.read("document_sources")] == [str(newer)]


def test_a_shard_is_the_same_wherever_the_folder_is_mounted(tmp_path: Path) -> None:
    here, there = tmp_path / "a" / "corpus", tmp_path / "b" / "mnt"
    for root in (here, there):
        (root / "2024").mkdir(parents=True)
    names = [f"2024/unit{i}_2024_budget.txt" for i in range(40)]
    for shard in (Shard(1, 3), Shard(2, 3), Shard(3, 3)):
        assert [shard.holds(here / n, [here]) for n in names] == [shard.holds(there / n, [there]) for n in names]
    owners = [[s.holds(here / n, [here]) for s in (Shard(1, 3), Shard(2, 3), Shard(3, 3))] for n in names]
    assert all(sum(o) == 1 for o in owners) and all(any(o[i] for o in owners) for i in range(3))


@pytest.mark.parametrize("text", ["0/2", "3/2", "1/0", "a/b", "2"])
def test_a_bad_shard_is_refused_with_its_reason(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["load", "x", "--shard", text])
    assert "shard" in capsys.readouterr().err
