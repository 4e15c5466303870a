"""Search's answers against a brute-force ranking, and what each search reads, on graphs of two sizes.

    .venv/bin/python -m benchmarks.bench_search_rank --data /tmp/kg-100 --data /tmp/kg-10k [--graph kg]
        [--neo4j bolt://127.0.0.1:7691] [--texts 200] [--first 10]

The texts searched are pieces of the first graph's names, titles and numbers (their first two and
four characters, the two after, the last four), every kind's, plus a few typed ones, the same on
every graph. For each, the top ``--first`` hits of :meth:`app.api.search.Search.hits` are compared
with a ranking of every node of every kind by the app's own score (ties by kind, text matched
and the node's key): how many searches differ in what they show (kind, score, text) and in which
nodes they serve. Then each search's statements are profiled (FalkorDB: records produced;
Neo4j: database hits) and timed (median of the set, with the load average: timings move with it).
Copies only: opening a folder upgrades it to this version's format. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from types import SimpleNamespace
from typing import cast

from app.api.errors import ClientError
from app.api.search import Search, _runs, _search
from app.api.types import Info
from benchmarks.bench_profile import _open
from benchmarks.served import load_average
from tests.search_ranks import KEYS, Every, brute_force, every_node

TYPED = ("业务", "补贴", "满意度", "和静县社会保险中心", "巴州 社保", "社会保险", "就业 补贴", "服务中心")


def _texts(every: Every, count: int) -> list[str]:
    pieces: dict[str, None] = dict.fromkeys(TYPED)
    for text in sorted({t for kind in every.values() for texts in kind for t in texts}):
        joined = "".join(_runs(text))
        for piece in (joined[:2], joined[:4], joined[2:4], joined[-4:]):
            if len(piece) >= 2:
                pieces.setdefault(piece)
    found = list(pieces)
    step = max(1, (len(found) - len(TYPED)) // max(count - len(TYPED), 1))
    return found[:len(TYPED)] + found[len(TYPED)::step][:max(count - len(TYPED), 0)]


async def _served(query: Search, first: int) -> list[tuple[str, float, str, str]]:
    hits = (await query.hits(first))[:first]
    return [(r.kind.value, r.score, r.label, str(r.item[KEYS[r.kind]]))  # type: ignore[index]
            for r in hits]


async def _measure(target: str, graph: str, texts: list[str] | None, count: int, first: int) -> list[str]:
    store, server = await _open(target, graph)
    try:
        every = await every_node(store)
        texts = texts or _texts(every, count)
        info = cast(Info, SimpleNamespace(context=SimpleNamespace(store=store)))
        shown = served = searched = 0
        rows: list[int] = []
        times: list[float] = []
        worst: list[tuple[int, str]] = []
        differ: list[str] = []
        for text in texts:
            try:
                query = _search(info, text, None, True)
                got = await _served(query, first)
            except ClientError:
                continue
            searched += 1
            expected = brute_force(query, every)[:first]
            shown += [g[:3] for g in got] != [e[:3] for e in expected]
            served += got != expected
            if got != expected:
                differ.append(text)
            started = time.perf_counter()
            await _search(info, text, None, True).hits(first)
            times.append(time.perf_counter() - started)
            store.profiling, store.rows_read = True, [0, 0]
            await _search(info, text, None, True).hits(first)
            store.profiling = False
            rows.append(store.rows_read[0])
            worst.append((rows[-1], text))
        nodes = {k.value: sum(len(v) for v in kind.values()) for k, kind in every.items()}
        print(f"{target}: nodes {nodes}; load average {load_average()}")
        print(f"  {searched} searches (first {first}): {shown} differ from the brute force in kind/score/text, "
              f"{served} in the nodes served" + (f" ({', '.join(differ[:10])})" if differ else ""))
        print(f"  rows read per search: median {statistics.median(rows):.0f}, mean {statistics.mean(rows):.0f}, "
              f"max {max(rows)}; time per search: median {1000 * statistics.median(times):.1f} ms, "
              f"p90 {1000 * sorted(times)[int(0.9 * len(times))]:.1f} ms")
        print("  most rows read: " + ", ".join(f"{t} {n}" for n, t in sorted(worst, reverse=True)[:8]))
        return texts
    finally:
        await store.close()
        if server is not None:
            server.stop()


async def main(targets: list[str], graph: str, count: int, first: int) -> None:
    texts: list[str] | None = None
    for target in targets:
        texts = await _measure(target, graph, texts, count, first)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", action="append", default=[], help="an embedded FalkorDB folder (a copy)")
    parser.add_argument("--neo4j", action="append", default=[], help="a Neo4j bolt URI")
    parser.add_argument("--graph", default="kg", help="the FalkorDB graph name")
    parser.add_argument("--texts", type=int, default=200, help="how many texts to search")
    parser.add_argument("--first", type=int, default=10, help="hits per search")
    args = parser.parse_args()
    asyncio.run(main([*args.data, *args.neo4j], args.graph, args.texts, args.first))
