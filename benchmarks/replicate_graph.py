"""A bigger graph from a ``kg export`` of a loaded one: its documents replicated for other units.

    .venv/bin/python -m benchmarks.replicate_graph graph.jsonl bigger.jsonl --copies 10

On this 2-core machine a load runs at 1-4 documents/s while other work shares it, so a graph of
10,000 documents takes hours to load; latency at that size (benchmarks/bench_scale.py
``--reuse``) is measured on a replicated one instead. Copy 0 is the export itself; copy k gives
every unit a branch ``<unit>第k分部`` in the same region, with its own documents, projects,
indicators, departments, findings and narratives (ids and titles renamed, the rest of their
properties kept), citing the same policies and classes: the shared nodes (regions, policies,
function and economic classes, funding sources) are written once, as a region's many units
share them. Load records (LoadRun, LoadLock) are left out. ``kg import`` reads the result.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SHARED = frozenset({"Region", "Policy", "FunctionClass", "EconomicClass", "FundingSource"})
SKIPPED = frozenset({"LoadRun", "LoadLock"})


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def _renamed(props: dict[str, Any], units: list[str], k: int) -> dict[str, Any]:
    """``props`` of copy ``k``: unit names (in ids, titles, names) become the branch's."""
    def branch(text: str) -> str:
        for unit in units:
            if unit in text:
                return text.replace(unit, f"{unit}第{k}分部")
        return text

    out = dict(props)
    for key in ("id", "name", "unitName", "title"):
        if isinstance(out.get(key), str):
            out[key] = branch(out[key])
    if isinstance(out.get("names"), list):
        out["names"] = [branch(n) for n in out["names"]]
    if isinstance(out.get("sourcePath"), str):
        stem, dot, suffix = out["sourcePath"].rpartition(".")
        out["sourcePath"] = f"{stem}~{k}{dot}{suffix}"
    return out


def replicate(source: Path, target: Path, copies: int) -> tuple[int, int]:
    """Write ``copies`` copies of ``source``'s documents to ``target``; (nodes, relationships)."""
    labels: dict[int, list[str]] = {}
    units: list[str] = []
    top = 0
    for line in _lines(source):
        if node := line.get("node"):
            labels[node["xid"]] = node["labels"]
            top = max(top, node["xid"])
            if "Unit" in node["labels"]:
                units.append(node["props"]["name"])
    units.sort(key=len, reverse=True)  # a longer name that holds a shorter one is renamed whole
    step = top + 1
    nodes = relationships = 0
    with target.open("w", encoding="utf-8") as out:
        for line in _lines(source):
            node = line.get("node")
            if node is None or SKIPPED & set(node["labels"]):
                continue
            shared = bool(SHARED & set(node["labels"]))
            for k in range(1 if shared else copies):
                props = _renamed(node["props"], units, k) if k else node["props"]
                out.write(json.dumps({"node": {**node, "xid": node["xid"] + k * step, "props": props}},
                                     ensure_ascii=False) + "\n")
                nodes += 1
        for line in _lines(source):
            rel = line.get("rel")
            if rel is None:
                continue
            ends = [bool(SHARED & set(labels[rel[end]])) for end in ("start", "end")]
            for k in range(1 if all(ends) else copies):
                moved = {end: rel[end] if is_shared else rel[end] + k * step
                         for end, is_shared in zip(("start", "end"), ends, strict=True)}
                out.write(json.dumps({"rel": {**rel, **moved}}, ensure_ascii=False) + "\n")
                relationships += 1
    return nodes, relationships


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="a `kg export` file")
    parser.add_argument("target", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    args = parser.parse_args()
    nodes, relationships = replicate(args.source, args.target, args.copies)
    print(f"{nodes} nodes, {relationships} relationships written to {args.target}")


if __name__ == "__main__":
    main()
