"""Graphs written by an earlier version, brought to the current shape without re-extracting a file.

The graph carries its format, a number stamped on a ``GraphFormat`` node (graph/queries/upgrade.cypher).
Each time the shape of what the loader writes changes (a property a query now relies on), a step
is added here that brings an existing graph to it, and the format is that step's number. A graph
with documents and no stamp was written before the stamp existed: format 0, every step runs.

Steps run in order, each under the loader lock (a load or another upgrader waits), and the stamp
is written after each one: a step that fails leaves the graph at the format before it, and the
next run starts there. Every step is idempotent, so running one again is harmless. Opening a
store runs the upgrade (``open_store``; ``kg upgrade`` does only that, with its progress), so a
user who installs a new version and starts it gets the answers of the current one.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

from app.loading.lock import LoadLock
from app.store import GraphStore
from graph.rollups import document_rollup
from graph.search import naming_query

Say = Callable[[str], None]
_UNITS = 200  # units whose roll-ups are placed per write
_LINKS = 20_000  # roll-ups linked to their cells per write
_DOCUMENTS = 1000  # documents rolled up per write
_NAMED = 20_000  # indicators or projects linked to their names' nodes per write


class UpgradeError(RuntimeError):
    """A step failed; the message names it and the format the graph stays at."""


class NewerFormat(UpgradeError):
    """The graph was written by a newer version of kg, whose shape this one does not know."""


async def _place_rollups(store: GraphStore, lock: LoadLock, say: Say) -> None:
    """Roll-ups carry their unit, its names, its region chain, the EACH_UNIT_ONCE flag and their
    cell (graph/rollups.py), which aggregate reads instead of walking documents: the units whose
    roll-ups lack a cell are placed again and the cells added up (from the roll-ups linked to them:
    those an earlier version placed are linked first)."""
    await _link_rollups(store, lock, say)
    ids = [row["id"] for row in await store.read("units_with_unplaced_rollups")]
    for start in range(0, len(ids), _UNITS):
        await store.write("place_unit_rollups", {"ids": ids[start:start + _UNITS]})
        say(f"  roll-ups of {min(start + _UNITS, len(ids))}/{len(ids)} units placed")
        await lock.refresh()
    if missing := await store.scalar("documents_without_rollups"):
        say(f"  warning: {missing} documents were written before roll-ups existed: aggregate leaves them "
            "out until `kg load` re-extracts their files")


async def _mark_units(store: GraphStore, lock: LoadLock, say: Say) -> None:
    """A unit notes the names and region chain its roll-ups were placed with (place_rollups), so a
    write of one of its documents places only the roll-ups of that year and kind: each unit's are
    placed once, whole, which notes them (the roll-ups an earlier version placed linked first)."""
    await _link_rollups(store, lock, say)
    ids = [row["id"] for row in await store.read("units_without_rollup_marks")]
    for start in range(0, len(ids), _UNITS):
        await store.write("place_unit_rollups", {"ids": ids[start:start + _UNITS]})
        say(f"  roll-ups of {min(start + _UNITS, len(ids))}/{len(ids)} units noted")
        await lock.refresh()


async def _anchor_and_mark(store: GraphStore, lock: LoadLock, say: Say) -> None:
    await _place_pages(store, lock, say)
    await _mark_units(store, lock, say)


async def _place_pages(store: GraphStore, lock: LoadLock, say: Say) -> None:
    """FalkorDB's page histograms and the places of ordered texts (graph/browse.py, graph/order.py),
    which earlier versions did not keep (or kept for fewer texts, for descending pages that read
    ties by key ascending, or with no anchors for the next placing): the texts with no place are
    placed, and every histogram that needs it written again."""
    await store.after_writes()


async def _add_up_areas(store: GraphStore, lock: LoadLock, say: Say) -> None:
    """Each region's projects (and from format 11 its documents) are counted from its area cells
    (graph/browse.py), added up from the region's cells of projects and documents, which earlier
    versions did not keep (added up again from the roll-ups linked to them: those an earlier
    version placed are linked first; cells that had an area cell are added up to the same)."""
    await _link_rollups(store, lock, say)
    await store.write("add_up_area_cells", {})


async def _count_documents_by_year(store: GraphStore, lock: LoadLock, say: Say) -> None:
    """Documents are counted by year, kind and scope from the cells of their own roll-ups
    (graph/rollups.py DOCUMENTS), which earlier versions did not write, and placed by year
    (graph/order.py ORDERED_TIES), with histograms that keep their boundaries' values."""
    done = 0
    while rows := await store.read("documents_not_rolled_up", {"limit": _DOCUMENTS}):
        await store.write("roll_up_documents", {"rows": [{"id": r["id"], "rollup": document_rollup(r)} for r in rows]})
        done += len(rows)
        say(f"  {done} documents rolled up")
        await lock.refresh()
    await _place_rollups(store, lock, say)
    await _place_pages(store, lock, say)


async def _link_rollups(store: GraphStore, lock: LoadLock, say: Say) -> None:
    """Each roll-up is linked to the cell it is in (IN_CELL), which adds the cell up and answers a
    drilldown by unit: roll-ups keep no index on FalkorDB, rebuilt at every start of the store. Run
    before any step places roll-ups too: placing adds their cells up from the links."""
    linked = 0
    while created := (await store.write_counted("link_rollups_to_cells", {"batch": _LINKS})).relationships_created:
        linked += created
        say(f"  {linked} roll-ups linked to their cells")
        await lock.refresh()


async def _name(store: GraphStore, lock: LoadLock, say: Say, kind: str) -> None:
    """Search finds the hits of ``kind`` through one node per distinct name (graph/search.py), not a
    full-text entry per hit, which FalkorDB rebuilt at every start and a search read one by one:
    each is linked to its name's node (NAMED) and loses its own search pairs; the store's opening
    dropped their index."""
    linked = 0
    while batch := (await store.write_built(naming_query(store.name, kind), {"batch": _NAMED}))[0]["linked"]:
        linked += batch
        say(f"  {linked} {kind.lower()}s linked to their names")
        await lock.refresh()


@dataclass(frozen=True)
class Step:
    format: int
    """The format a graph has once this step ran."""
    name: str
    run: Callable[[GraphStore, LoadLock, Say], Awaitable[None]]


STEPS = (
    Step(1, "place roll-ups in their cells", _place_rollups),
    Step(2, "place ordered texts and refresh page bounds", _place_pages),
    Step(3, "place the names of units, titles of documents and issuers of policies", _place_pages),
    Step(4, "keep anchors in the histograms of ordered texts and note the placing of each unit's roll-ups",
         _anchor_and_mark),
    Step(5, "count each region's projects in an area cell", _add_up_areas),
    Step(6, "count documents by year in roll-up cells, place them by year, keep the values of page boundaries",
         _count_documents_by_year),
    Step(7, "link each roll-up to its cell", _link_rollups),
    Step(8, "place projects by year", _place_pages),
    Step(9, "search indicators by their distinct names", partial(_name, kind="INDICATOR")),
    Step(10, "place indicators by score", _place_pages),
    Step(11, "count each region's documents in an area cell", _add_up_areas),
    Step(12, "search projects by their distinct names", partial(_name, kind="PROJECT")),
)
FORMAT = STEPS[-1].format
"""The format this version writes."""


async def graph_format(store: GraphStore) -> int | None:
    """The graph's format: its stamp, 0 for a graph written before stamps, None for an empty graph."""
    row = (await store.read("graph_format"))[0]
    return int(row["version"]) if row["version"] is not None else 0 if row["written"] else None


async def stamp_format(store: GraphStore) -> None:
    """An empty graph this version is about to write into will have its shape (stamped before the
    first write, so a load killed halfway leaves a graph of this format)."""
    await store.write("stamp_graph_format", {"version": FORMAT})


async def upgrade_graph(store: GraphStore, say: Say = lambda line: None, lock_timeout: float = 600.0) -> int:
    """Run the steps the graph has not had, in order; return the number run. An empty graph is
    left unstamped (an import goes into an empty store); its first load stamps it.

    Usage example::

        async with open_store(get_settings(), upgrade=False) as store:
            await upgrade_graph(store, say=print)
    """
    found = await graph_format(store)
    if found is None or found == FORMAT:
        return 0
    if found > FORMAT:
        raise NewerFormat(f"the graph has format {found}, written by a newer kg; this one knows formats up to "
                          f"{FORMAT}: use the newer version")
    lock = LoadLock(store)
    await lock.acquire(lock_timeout)
    try:
        found = await graph_format(store)  # another process may have upgraded it meanwhile
        pending = [step for step in STEPS if found is not None and step.format > found]
        if pending:
            say(f"upgrading the {store.name} graph from format {found} to {FORMAT} ({len(pending)} steps)")
        for step in pending:
            started = time.perf_counter()
            say(f"step {step.format}/{FORMAT}: {step.name}")
            try:
                await step.run(store, lock, say)
                await store.write("stamp_graph_format", {"version": step.format})
            except Exception as exc:
                raise UpgradeError(f"upgrade step {step.format} ({step.name}) failed: {exc}; the graph stays at "
                                   f"format {step.format - 1}, and the next start (or `kg upgrade`) resumes "
                                   "there") from exc
            say(f"step {step.format}/{FORMAT} done in {time.perf_counter() - started:.1f} s")
        return len(pending)
    finally:
        await lock.release()
