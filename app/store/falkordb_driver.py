"""FalkorDB adapter: the same catalogue queries, FalkorDB's schema DDL and value shapes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

from falkordb.asyncio import FalkorDB
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from app.store.port import Result, StoreUnavailable, WriteCounts
from graph.browse import (
    Placing,
    bounded_sorts,
    bounds_counts,
    bounds_probe,
    bounds_refresh,
    placed,
    placing,
    stale,
)
from graph.catalogue import relationship_types
from graph.dialect import (
    NGRAMS,
    falkordb_drop_fulltext_statement,
    falkordb_drop_statement,
    falkordb_index_statement,
    falkordb_retired,
    falkordb_retired_fulltext,
    schema_items,
)
from graph.order import END, UNPLACED, Crowded, Gap, fill, places

_ALREADY = ("already indexed", "already exists", "no such index")  # done before (by another process)
_GONE = (RedisConnectionError, RedisTimeoutError, OSError)
PLACE_SPAN = 50_000  # rows of a list read at a time to place them (after_writes)
PLACE_BATCH = 5_000  # new places written per query
log = logging.getLogger("app.store")


_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """FalkorDB returns OrderedDicts; the port promises plain dicts and lists (scalars pass as they are:
    a big answer holds hundreds of thousands)."""
    if isinstance(value, OrderedDict | dict):
        return {k: v if type(v) in _SCALARS else _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    return value


_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10
"""FalkorDB's compact value types that hold plain values (``falkordb.asyncio.query_result``)."""


class _NotPlain(Exception):
    """A reply the client library must parse: an error, a node, relationship, path, point or time."""


def _text(raw: Any) -> str:
    return raw.decode() if isinstance(raw, bytes) else raw if isinstance(raw, str) else str(raw)


def _value(cell: list[Any]) -> Any:
    """A compact cell as the client library parses it, maps as plain dicts; in one synchronous call:
    the library awaits a coroutine per value, most of the time of reading a big answer."""
    kind, raw = cell
    if kind == _STRING:
        return raw if type(raw) is str else _text(raw)
    if kind == _INTEGER:
        return raw if type(raw) is int else int(raw)
    if kind == _NULL:
        return None
    if kind == _DOUBLE:
        return float(raw)
    if kind == _BOOLEAN:
        return _text(raw) == "true"
    if kind == _ARRAY:
        return [_value(item) for item in raw]
    if kind == _MAP:
        return _map(raw)
    raise _NotPlain


def _map(raw: list[Any]) -> dict[str, Any]:
    """A map's entries, its strings, integers, doubles and nulls read in place (``_value`` for the rest): the
    rows of a big answer are maps, 10,000 of them."""
    if len(raw) % 2:
        raise _NotPlain
    pairs = iter(raw)
    entries: dict[str, Any] = {}
    for key, cell in zip(pairs, pairs):  # noqa: B905  (a keyword argument to zip costs ~40% of this loop)
        kind, value = cell
        entries[key if type(key) is str else _text(key)] = (
            value if (kind == _STRING and type(value) is str) or (kind == _INTEGER and type(value) is int)
            else None if kind == _NULL else float(value) if kind == _DOUBLE else _value(cell))
    return entries


def _rows(response: list[Any]) -> list[dict[str, Any]]:
    """The rows of a compact read reply holding plain values only; _NotPlain otherwise."""
    if any(isinstance(part, Exception) for part in response):
        raise _NotPlain
    if len(response) < 3:
        return []
    names = [column[1] for column in response[0]]
    width, rows = len(names), []
    for row in response[1]:
        if len(row) != width:
            raise _NotPlain
        entries = {}
        for name, cell in zip(names, row):  # noqa: B905  (lengths checked)
            kind, raw = cell  # the kinds of most cells read in place, as in ``_map``
            entries[name] = (raw if kind == _STRING and type(raw) is str else None if kind == _NULL
                             else _map(raw) if kind == _MAP else _value(cell))
        rows.append(entries)
    return rows


class _Texts:
    """A list of texts as the client writes it into a query's parameter header (``stringify_param_value``:
    each quoted, backslashes and quotes escaped), in one pass: a batch read sends 10,000 ids. The client
    writes any other object as its ``str``."""

    def __init__(self, texts: list[str]) -> None:
        self.text = "[" + ",".join(['"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"' for t in texts]) + "]"

    def __str__(self) -> str:
        return self.text


def _texts_quoted(params: Mapping[str, Any]) -> dict[str, Any]:
    """``params`` with its lists of texts as ``_Texts``."""
    return {name: _Texts(value) if type(value) is list and value and all(type(v) is str for v in value) else value
            for name, value in params.items()}


class FalkorDBDriver:
    name = "falkordb"

    def __init__(
        self,
        graph: str,
        *,
        unix_socket_path: str | None = None,
        host: str = "127.0.0.1",
        port: int = 6379,
        revive: Callable[[], object] | None = None,
    ) -> None:
        """``revive`` (the embedded server's ``start``) is called, off the event loop, when the
        server stops answering: the request fails with StoreUnavailable at once, and the ones
        after the restart are served again."""
        self._graph_name = graph
        self._conn: dict[str, Any] = (
            {"unix_socket_path": unix_socket_path} if unix_socket_path else {"host": host, "port": port}
        )
        self._db: FalkorDB | None = None
        self._revive = revive
        self._reviving: asyncio.Task[object] | None = None

    async def connect(self) -> None:
        self._db = FalkorDB(**self._conn)
        await self._db.connection.ping()

    async def close(self) -> None:
        if self._db is not None:
            await self._db.connection.aclose()
            self._db = None

    async def run(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> Result:
        if self._db is None:
            raise RuntimeError("FalkorDBDriver.run before connect()")
        graph = self._db.select_graph(self._graph_name)
        try:
            if not write:
                with contextlib.suppress(_NotPlain):
                    return Result(await self._read(graph, cypher, params))
            result = await (graph.query(cypher, dict(params)) if write else graph.ro_query(cypher, dict(params)))
        except _GONE as exc:
            self._start_reviving()
            raise StoreUnavailable(f"the embedded FalkorDB is unavailable: {exc}") from exc
        names = [column[1] for column in result.header]
        rows = [dict(zip(names, map(_plain, row), strict=True)) for row in result.result_set]
        stats = (result.nodes_created, result.nodes_deleted, result.relationships_created, result.relationships_deleted)
        counts = WriteCounts(*(int(n) for n in stats))  # the client parses its statistics as floats
        return Result(rows, counts)

    @staticmethod
    async def _read(graph: Any, cypher: str, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """A read parsed here (``_rows``); anything else (_NotPlain) is read again by the client library,
        which parses or raises it as it always has."""
        header = graph._build_params_header(_texts_quoted(params))  # the client's own parameter encoding
        return _rows(await graph.execute_command("GRAPH.RO_QUERY", graph.name, header + cypher, "--compact"))

    def _start_reviving(self) -> None:
        if self._revive is None or (self._reviving is not None and not self._reviving.done()):
            return
        log.warning("the embedded FalkorDB stopped answering; restarting it")
        self._reviving = asyncio.get_running_loop().create_task(asyncio.to_thread(self._revive))
        self._reviving.add_done_callback(_report_revival)

    async def plan(self, cypher: str, params: Mapping[str, Any]) -> list[str]:
        if self._db is None:
            raise RuntimeError("FalkorDBDriver.plan before connect()")
        plan = await self._db.select_graph(self._graph_name).explain(cypher, dict(params))
        return [line for line in str(plan).splitlines() if line.strip()]

    async def after_writes(self) -> None:
        """The histograms that bound FalkorDB's pages (graph/browse.py), of the graph as the writes
        left it: the rows of an ordered text written since are placed around their neighbours
        (graph/order.py), and a histogram is written again (one sort of its values, like the one
        every such page did before) once its list grew or shrank by a share of its rows, or its
        list was placed whole."""
        for name, sort in bounded_sorts():
            now, then = bounds_counts(name, sort)
            count, whole = (await self.run(now, {}, write=False)).rows[0]["count"], False
            if placed(name, sort):
                q = placing(name, sort)
                state = (await self.run(q.due, {}, write=False)).rows[0]
                # a histogram an earlier version wrote keeps no anchors (the next load would read its
                # whole list to place a few rows) or no values of its boundaries: written again now
                whole = not state["anchored"] or not state["current"]
                if state["due"]:  # else nothing written since
                    # rows enough to move the histogram (a load of a share of the list): read whole at once
                    few = state["anchored"] and not stale(count, count - state["unplaced"])
                    moved = await self._place_new(q, state["anchors"]) if few else None
                    if moved is None:
                        moved, whole = await self._place_all(q), True
                        await self.run(q.forget, {}, write=True)
                    rows = [{"key": key, "place": p} for key, p in moved.items()]
                    for start in range(0, len(rows), PLACE_BATCH):
                        await self.run(q.write, {"rows": rows[start:start + PLACE_BATCH]}, write=True)
            if not whole and not stale(count, (await self.run(then, {}, write=False)).rows[0]["count"]):
                continue
            # a list of other values than numbers keeps no histogram; asked only when one would be written (a
            # list most of whose rows lack the value is read far to find one: 182,000 indicators at 10,000 documents)
            if placed(name, sort) or await self._numbers(name, sort):
                await self.run(bounds_refresh(name, sort), {"count": count}, write=True)

    async def _numbers(self, name: str, sort: str) -> bool:
        """Whether the values of ``name``'s ``sort`` are numbers (its first value found is one)."""
        found = (await self.run(bounds_probe(name, sort), {}, write=False)).rows
        return bool(found) and isinstance(found[0]["value"], int | float) and not isinstance(found[0]["value"], bool)

    async def _place_new(self, q: Placing, anchors: int) -> dict[str, int] | None:
        """Places for the unplaced rows of a list, by key, read around them (graph/order.py): each
        new row's bucket between the histogram's ``anchors`` anchors, its neighbours in the bucket,
        and only a bucket whose gap is used up read whole. None when the anchors around a new row
        are out of order: the list must be placed whole."""
        rows = (await self.run(q.anchored, {"steps": anchors.bit_length()}, write=False)).rows
        buckets: dict[tuple[int, int | None], list[dict[str, Any]]] = {}
        bucket_of: dict[str, tuple[int, int | None]] = {}
        for row in rows:
            low, high = row["low"], row["high"]
            if low is None or (high is not None and high <= low):
                return None
            buckets.setdefault((low, high), []).append({"key": row["key"], "text": row["text"]})
            bucket_of[row["key"]] = (low, high)
        news = [row["key"] for row in rows]
        found = {r["key"]: r for r in (await self.run(q.neighbours, {"buckets": [
            {"lo": lo, "hi": END if hi is None else hi, "news": members} for (lo, hi), members in buckets.items()
        ]}, write=False)).rows}
        gaps: list[Gap] = []
        for key in news:
            lo, hi = bucket_of[key]
            near = found.get(key, {})
            gaps.append((lo if near.get("after") is None else near["after"],
                         hi if near.get("until") is None else near["until"]))
        try:
            given = fill(gaps)
        except Crowded:
            return None
        moved = {key: p for key, p in zip(news, given, strict=True) if p is not None}
        for lo, hi in {bucket_of[key] for key, p in zip(news, given, strict=True) if p is None}:
            stretch = await self._place_stretch(q, lo, hi, [m["key"] for m in buckets[(lo, hi)]])
            if stretch is None:
                return None
            moved |= stretch
        return moved

    async def _place_stretch(self, q: Placing, lo: int, hi: int | None, news: list[str]) -> dict[str, int] | None:
        """A bucket (the rows placed between ``lo`` and ``hi``) and its ``news`` placed again, between
        its boundaries; None when they leave no room."""
        placed_keys = [r["key"] for r in (await self.run(q.within, {"lo": lo, "hi": END if hi is None else hi},
                                                         write=False)).rows]
        rows = (await self.run(q.sorted, {"keys": [*placed_keys, *news]}, write=False)).rows
        try:
            found = places([row["place"] if row["place"] != UNPLACED else None for row in rows], lo, hi)
        except Crowded:
            return None
        return {rows[i]["key"]: p for i, p in found.items()}

    async def _place_all(self, q: Placing) -> dict[str, int]:
        """Places for a whole list (graph/order.py ``places``), read :data:`PLACE_SPAN` rows at a
        time in (text, key) order: one answer holding every indicator would hold them all in the
        server's memory at once (182,000 at 10,000 documents)."""
        keys: list[str] = []
        current: list[int | None] = []
        after: dict[str, Any] = {"afterText": None, "afterKey": None}
        while True:
            rows = (await self.run(q.read, {**after, "span": PLACE_SPAN}, write=False)).rows
            keys += [row["key"] for row in rows]
            current += [row["place"] for row in rows]
            if len(rows) < PLACE_SPAN:
                return {keys[i]: p for i, p in places(current).items()}
            after = {"afterText": rows[-1]["text"], "afterKey": rows[-1]["key"]}

    async def apply_schema(self) -> None:
        """The indexes of :func:`graph.dialect.schema_items` that the graph lacks are created, and
        those an earlier version created that no FalkorDB plan reads any more are dropped
        (:func:`graph.dialect.falkordb_retired`, :func:`graph.dialect.falkordb_retired_fulltext`):
        the server rebuilds every index at each start.
        Indexes created on a graph that holds data are built in the background, and dropping one
        property rebuilds its label's index the same way; the upgrade a store's opening runs next
        (app/loading/upgrade.py) would scan every node without them, and writes while a label's
        index was rebuilt after a drop preceded FalkorDB 4.16 crashes (SIGSEGV in
        ``IndexSpec_GetField``, 3 of about 8 openings of a 10,000-document folder), so this waits
        until they are built."""
        if self._db is None:
            raise RuntimeError("FalkorDBDriver.apply_schema before connect()")
        graph = self._db.select_graph(self._graph_name)
        present, unique = await self._indexed(graph), await self._unique(graph)
        changed = False
        for item in schema_items():
            if (item.label, item.prop, "FULLTEXT" if item.fulltext else "RANGE") not in present:
                changed |= await self._ignore_existing(graph.query(falkordb_index_statement(item)))
            if item.unique and (item.label, item.prop) not in unique:
                changed |= await self._ignore_existing(graph.create_node_unique_constraint(item.label, item.prop))
        for label, prop in falkordb_retired():
            if (label, prop, "RANGE") in present:
                changed |= await self._ignore_existing(graph.query(falkordb_drop_statement(label, prop)))
        for label in falkordb_retired_fulltext():
            if (label, NGRAMS, "FULLTEXT") in present:
                changed |= await self._ignore_existing(graph.query(falkordb_drop_fulltext_statement(label)))
        await self._known_relationships(graph)
        while changed and await self.building():
            await asyncio.sleep(0.1)

    @staticmethod
    async def _known_relationships(graph: Any) -> None:
        """Every relationship type the queries name exists in the graph's schema: FalkorDB plans a
        pattern of a type it does not know yet as matching nothing, even when the same query creates
        it first (the first document written into an empty graph got roll-ups with no region chain:
        its unit's IN_REGION, created by that write, was not walked)."""
        known = {row[0] for row in (await graph.ro_query("CALL db.relationshipTypes()")).result_set}
        if missing := [t for t in relationship_types() if t not in known]:
            await graph.query("CREATE (n) " + " ".join(f"CREATE (n)-[:{t}]->(n)" for t in missing)
                              + " WITH n DETACH DELETE n")

    async def building(self) -> bool:
        """Whether the server is still filling an index: FalkorDB fills one created on a graph that
        has data in the background, and a full-text search finds nothing there until it is done."""
        if self._db is None:
            raise RuntimeError("FalkorDBDriver.building before connect()")
        rows = (await self._db.select_graph(self._graph_name).ro_query("CALL db.indexes() YIELD status")).result_set
        return any(row[0] != "OPERATIONAL" for row in rows)

    @staticmethod
    async def _indexed(graph: Any) -> set[tuple[str, str, str]]:
        """(label, property, RANGE or FULLTEXT) of each index the graph has."""
        rows = (await graph.query("CALL db.indexes() YIELD label, types")).result_set  # a new graph: none
        return {(label, prop, kind) for label, types in rows for prop, kinds in types.items() for kind in kinds}

    @staticmethod
    async def _unique(graph: Any) -> set[tuple[str, str]]:
        """(label, property) of each unique constraint the graph has: asked once, not each by its own
        statement at every opening (a round trip and a refusal each)."""
        rows = (await graph.query("CALL db.constraints() YIELD type, label, properties")).result_set
        return {(label, prop) for kind, label, props in rows if kind == "UNIQUE" for prop in props}

    @staticmethod
    async def _ignore_existing(pending: Any) -> bool:
        """Whether the statement did its work (False: it was done before: the index existed, or was gone)."""
        try:
            await pending
        except Exception as exc:
            if not any(marker in str(exc).lower() for marker in _ALREADY):
                raise
            return False
        return True


def _report_revival(task: asyncio.Task[object]) -> None:
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.error("restarting the embedded FalkorDB failed: %s", exc)
    else:
        log.warning("the embedded FalkorDB is back")
