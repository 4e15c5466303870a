"""Loading real documents: the seeds answer the headline question on both stores, loading is
idempotent, and bad files are reported one line each while the rest of the batch loads."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from app.loading import LoadOptions, run_load
from app.store import GraphStore
from tests.corpus import SEEDS, seed
from tests.cypher import delete_all


def bad_files(folder: Path) -> dict[str, bytes]:
    files = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "undecodable.txt": b"\xff\xfe\xfa" * 200 + b"\x81",
        "not-a-disclosure.md": "# 会议纪要\n\n今天讨论了食堂菜单。\n".encode(),
        "scan.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return files


async def test_the_seeds_answer_the_headline_question(store: GraphStore) -> None:
    report = await run_load(store, [SEEDS], LoadOptions(workers=2))
    assert [o.reason for o in report.failed] == []
    assert len(report.loaded) == 5
    rows = await store.read("projects_of_policies", {"ids": ["新政办发〔2010〕168号"]})
    funded = {(r["item"]["budgetWan"], r["item"]["fiscalYear"]) for r in rows}
    assert funded == {(114.34, 2025), (40.0, 2025), (141.5, 2023)}  # 2023: cited in a 自评表's 年度总体目标
    units = await store.read("unit_of_projects", {"ids": [r["item"]["id"] for r in rows]})
    assert {"昌吉回族自治州社会保险中心", "和静县社会保险中心"} <= {u["item"]["name"] for u in units}


async def test_loading_the_seeds_twice_changes_no_count(store: GraphStore) -> None:
    first = await run_load(store, [SEEDS], LoadOptions(workers=1))
    await store.write("delete_documents", {"ids": [o.document_id for o in first.loaded]})  # force a real rewrite
    second = await run_load(store, [SEEDS], LoadOptions(workers=1))
    assert len(second.loaded) == 5
    assert (second.nodes, second.relationships) == (first.nodes, first.relationships)
    assert first.nodes > 0


async def test_bad_files_are_reported_and_the_rest_loads(store: GraphStore, tmp_path: Path) -> None:
    bad = bad_files(tmp_path)
    shutil.copy(seed(4), tmp_path / "good.txt")
    report = await run_load(store, [tmp_path, tmp_path / "scan.pdf"], LoadOptions(workers=1))
    assert [Path(o.path).name for o in report.loaded] == ["good.txt"]
    failed = {Path(o.path).name: o.reason for o in report.failed}
    assert set(failed) == set(bad)
    assert all(reason and "\n" not in reason for reason in failed.values())
    await delete_all(store)
    only_good = await run_load(store, [tmp_path / "good.txt"], LoadOptions(workers=1))
    assert (only_good.nodes, only_good.relationships) == (report.nodes, report.relationships)


def kg(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_STORE": "embedded", "KG_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_kg_load_reports_each_bad_file_in_one_line_and_exits_non_zero(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    bad = bad_files(corpus)
    shutil.copy(seed(0), corpus / "good.txt")
    text = kg("load", str(corpus), "--workers", "2", "--log-format", "text", data_dir=tmp_path / "data")
    assert text.returncode == 1
    errors = [line for line in text.stderr.splitlines() if line.startswith("error: ")]
    assert sorted(Path(line.split(": ")[1]).name for line in errors) == sorted(bad)
    assert "6 files: 1 loaded, 5 failed" in text.stdout
    # not on a terminal: one JSON object per line, failures with path and reason
    logs = kg("load", str(corpus), data_dir=tmp_path / "data")
    assert logs.returncode == 1
    events = [json.loads(line) for line in logs.stderr.splitlines()]
    failed = {Path(e["path"]).name: e["reason"] for e in events if e["event"] == "file" and e["status"] == "failed"}
    assert sorted(failed) == sorted(bad) and all(failed.values())
    assert [e["status"] for e in events if e["event"] == "file" and e["status"] != "failed"] == ["skipped"]
    # the embedded store kept the good document across processes
    query = kg(
        "query",
        '{ unit(name: "昌吉回族自治州社会保险中心") { name documents { fiscalYear kind } } }',
        data_dir=tmp_path / "data",
    )
    assert json.loads(query.stdout)["data"] == {
        "unit": {"name": "昌吉回族自治州社会保险中心", "documents": [{"fiscalYear": 2025, "kind": "BUDGET"}]}
    }
