"""Places for ordered texts given after each load (graph/order.py): FalkorDB reads around the new
rows, not the whole list, and after many loads of random texts (Chinese, shared names, rows
between neighbours, gaps used up) the places still follow (text, key), the order a page reads."""

from __future__ import annotations

import asyncio
import random
import re
import uuid
from collections.abc import Mapping
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.store import GraphStore
from app.store.falkordb_driver import FalkorDBDriver
from app.store.port import Result
from graph import browse, order
from graph.browse import placing
from graph.order import UNPLACED, Crowded, fill, places
from graph.payload import indicator_project_key

NAMES = ["社会保险宣传费", "社会保障", "就业补贴", "Zeta", "alpha", "资金", "资金a", "", "𠀀字", "é"]
TEXTS = st.one_of(st.sampled_from(NAMES), st.text(alphabet=st.sampled_from("社会保险就业补贴aZ é𠀀0"), max_size=4))


async def _indicators(store: GraphStore, rows: list[tuple[str, str]]) -> None:
    """Indicator nodes (key, name), unplaced, as the loader writes them (graph/payload.py), with
    the numbers other pages sort by, each under the project its key names (an indicator is found
    from its project: ``indicator_by_key``)."""
    await store.write_built(f"UNWIND $rows AS row MERGE (p:Project {{id: {indicator_project_key('row[0]')}}}) "
                            "CREATE (p)-[:HAS_INDICATOR]->(:Indicator {id: row[0], name: row[1], nameOrder: $unplaced, "
                            "score: 1.0, sourceLineStart: 1})", {"rows": [list(r) for r in rows], "unplaced": UNPLACED})


async def _in_page_order(store: GraphStore) -> list[tuple[str, str, int]]:
    rows = await store.read_built("MATCH (i:Indicator) RETURN i.id AS key, i.name AS name, i.nameOrder AS place "
                                  "ORDER BY i.name, i.id")
    return [(r["name"], r["key"], r["place"]) for r in rows]


def _check(rows: list[tuple[str, str, int]]) -> None:
    """Every row placed, places growing along (text, key): the engine's order and Python's agree."""
    assert rows == sorted(rows, key=lambda r: (r[0], r[1]))
    assert all(place >= 0 for _, _, place in rows)
    assert [place for _, _, place in rows] == sorted({place for _, _, place in rows})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(loads=st.lists(st.lists(st.tuples(TEXTS, st.integers(0, 150)), max_size=25), min_size=2, max_size=8),
       gap=st.sampled_from([2, 5, order.GAP]), anchor_step=st.sampled_from([1, 3, 16]))
def test_places_follow_the_text_after_many_loads(falkordb_socket: str, loads: list[list[tuple[str, int]]],
                                                 gap: int, anchor_step: int) -> None:
    """Loads of random texts, each followed by the placing: ties, rows between neighbours, gaps
    that a small :data:`GAP` uses up (a bucket placed again, or the whole list), texts changed,
    rows removed (anchors gone) and written again with the same keys; a histogram kept until the
    list doubled or halved, around which loads of up to half the list are placed."""

    async def body() -> None:
        store = GraphStore(FalkorDBDriver(f"test-{uuid.uuid4().hex[:8]}", unix_socket_path=falkordb_socket))
        await store.connect()
        try:
            live: set[str] = set()
            for n, load in enumerate(loads):
                rows = list(dict((f"k{key:03d}", text) for text, key in load if f"k{key:03d}" not in live).items())
                live |= {key for key, _ in rows}
                await _indicators(store, rows)
                if n % 3 == 1:  # a unit renamed: its place given up (graph/queries/ingest.cypher)
                    await store.write_built("MATCH (i:Indicator) WHERE i.id IN $keys "
                                            "SET i.name = i.name + '改', i.nameOrder = $unplaced",
                                            {"keys": sorted(live)[1::5], "unplaced": UNPLACED})
                if n % 3 == 2:  # a document replaced: rows gone, loaded again later with the same keys
                    gone = sorted(live)[::4]
                    await store.write_built("MATCH (i:Indicator) WHERE i.id IN $keys DETACH DELETE i", {"keys": gone})
                    live -= set(gone)
                await store.after_writes()
                _check(await _in_page_order(store))
        finally:
            await store.driver.run("MATCH (n) DETACH DELETE n", {}, write=True)
            await store.close()

    with mock.patch.object(order, "GAP", gap), mock.patch.object(browse, "ANCHOR_STEP", anchor_step), \
            mock.patch.object(browse, "BOUNDS_STEP", 2), mock.patch.object(browse, "BOUNDS_DRIFT", 1):
        asyncio.run(body())


@settings(max_examples=200, deadline=None)
@given(sizes=st.lists(st.integers(1, 6), min_size=1, max_size=8), room=st.integers(0, 12), data=st.data())
def test_new_rows_fill_their_gaps_in_order(sizes: list[int], room: int, data: st.DataObject) -> None:
    """Runs of new rows, each run between two placed rows ``room`` places apart (the last run after
    the list's end): each run's places lie strictly between its neighbours' and grow; a run with
    no room gets none; gaps out of the list's order are refused."""
    gaps: list[order.Gap] = []
    low = UNPLACED
    for i, size in enumerate(sizes):
        high = None if i == len(sizes) - 1 and data.draw(st.booleans()) else low + room + 1
        gaps += [(low, high)] * size
        low = (high or 0) + data.draw(st.integers(0, 3))
    given_places = fill(gaps)
    for (lo, hi), place in zip(gaps, given_places, strict=True):
        assert place is None or lo < place < (order.END if hi is None else hi)
    runs: dict[order.Gap, list[int | None]] = {}
    for gap, place in zip(gaps, given_places, strict=True):
        runs.setdefault(gap, []).append(place)
    for (lo, hi), run in runs.items():
        assert (None in run) == (hi is not None and hi - lo - 1 < len(run))
        assert None in run or run == sorted(set(run), key=int)
    if len(gaps) > 1 and gaps[0] != gaps[-1]:
        with pytest.raises(Crowded):
            fill([gaps[-1], gaps[0]])


def test_a_stretch_is_placed_within_its_neighbours_or_not_at_all() -> None:
    assert places([None, 5, None], 0, 8) == {0: 2, 2: 6}
    assert places([None, 1, None], 0, 8) == {0: 2, 1: 4, 2: 6}  # 1 left no room before it
    with pytest.raises(Crowded):
        places([None, 3, None], 0, 3)


_RECORDS = re.compile(r"(Scan|Seek)[^\n]*Records produced: (\d+)")


class _Profiled(FalkorDBDriver):
    """The driver, noting each query's text and the rows a read's scans and seeks produced
    (FalkorDB's own profile of the same read)."""

    def __init__(self, graph: str, socket: str) -> None:
        super().__init__(graph, unix_socket_path=socket)
        self.reads: list[tuple[str, int]] = []

    async def run(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> Result:
        if write or self._db is None:
            self.reads.append((cypher, 0))  # a write is noted, not profiled (that would run it)
        else:
            plan = await self._db.select_graph(self._graph_name).profile(cypher, dict(params))
            self.reads.append((cypher, sum(int(m[2]) for m in _RECORDS.finditer("\n".join(plan.plan)))))
        return await super().run(cypher, params, write=write)


async def test_placing_a_few_new_rows_reads_about_them_not_the_list(falkordb_socket: str) -> None:
    """3,000 indicators sharing 40 names, placed; then 6 more (ties, a new first and last name): the
    placing's reads produce about the anchors and a bucket per new row, not 3,000 rows, and the
    histograms are not sorted again (the list grew by far less than an eighth)."""
    rng = random.Random(7)
    names = [f"指标{n:02d}" for n in range(40)]
    driver = _Profiled(f"test-{uuid.uuid4().hex[:8]}", falkordb_socket)
    store = GraphStore(driver)
    await store.connect()
    try:
        await _indicators(store, [(f"k{n:05d}", rng.choice(names)) for n in range(3000)])
        await store.after_writes()
        new = [("k00000a", names[0]), ("k99999", names[0]), ("k01000a", names[7]), ("a", "一"), ("z", "龟"),
               ("m", "指标07a")]
        await _indicators(store, new)
        driver.reads.clear()
        await store.after_writes()
        reads = [(text, rows) for text, rows in driver.reads if ":Indicator" in text]
        _check(await _in_page_order(store))
        whole = placing("indicators", "name").read
        assert reads and all(text != whole and "ORDER BY v" not in text for text, _ in reads)  # none read whole
        produced = sum(rows for _, rows in reads)
        assert produced < 3000 // browse.ANCHOR_STEP + 400, sorted(driver.reads, key=lambda r: -r[1])[:3]
    finally:
        await driver.run("MATCH (n) DETACH DELETE n", {}, write=True)
        await store.close()


_PRODUCED = re.compile(r"Records produced: (\d+)")


async def test_finding_the_buckets_of_new_rows_reads_a_few_anchors_each_not_every_anchor(falkordb_socket: str) -> None:
    """The histogram keeps every 16th row of a list as an anchor (11,000 of the indicators at 10,000
    documents): a load's 6 new rows are put between their anchors by a binary search, so no step of
    that read produces more rows than there are new rows, with 300 rows in the list or 3,000."""
    rng = random.Random(11)
    names = [f"指标{n:02d}" for n in range(40)]
    for size in (300, 3000):
        driver = FalkorDBDriver(f"test-{uuid.uuid4().hex[:8]}", unix_socket_path=falkordb_socket)
        store = GraphStore(driver)
        await store.connect()
        try:
            await _indicators(store, [(f"k{n:05d}", rng.choice(names)) for n in range(size)])
            await store.after_writes()
            new = [("k00000a", names[0]), ("k99999", names[0]), ("k01000a", names[7]), ("a", "一"), ("z", "龟"),
                   ("m", "指标07a")]
            await _indicators(store, new)
            q = placing("indicators", "name")
            anchors = (await driver.run(q.due, {}, write=False)).rows[0]["anchors"]
            assert anchors >= size // browse.ANCHOR_STEP
            assert driver._db is not None
            graph = driver._db.select_graph(driver._graph_name)
            plan = await graph.profile(q.anchored, {"steps": anchors.bit_length()})
            assert max(int(n) for n in _PRODUCED.findall("\n".join(plan.plan))) == len(new), "\n".join(plan.plan)
            await store.after_writes()
            _check(await _in_page_order(store))
        finally:
            await driver.run("MATCH (n) DETACH DELETE n", {}, write=True)
            await store.close()


async def test_lists_whose_histograms_stay_are_not_read_for_a_value(falkordb_socket: str) -> None:
    """Whether a list's values are numbers (a histogram is kept only for those) is asked only when its
    histogram would be written: asked at every load, it read far into a list most of whose rows lack
    the value (182,000 indicators at 10,000 documents)."""
    driver = _Profiled(f"test-{uuid.uuid4().hex[:8]}", falkordb_socket)
    store = GraphStore(driver)
    await store.connect()
    try:
        await _indicators(store, [(f"k{n:05d}", f"指标{n % 40:02d}") for n in range(400)])
        await store.after_writes()
        probes = {browse.bounds_probe(name, sort) for name, sort in browse.bounded_sorts() if name == "indicators"}
        assert probes & {text for text, _ in driver.reads}  # the first histograms: each list asked
        await _indicators(store, [("k99999", "指标00")])  # far less than an eighth more
        driver.reads.clear()
        await store.after_writes()
        assert not probes & {text for text, _ in driver.reads}
        _check(await _in_page_order(store))
    finally:
        await driver.run("MATCH (n) DETACH DELETE n", {}, write=True)
        await store.close()
