"""Rows read per root list page, by list, sort and filter, on graphs of two sizes: where a page
still grows with the graph (issue 13's flat latency), in figures no machine load moves.

    .venv/bin/python -m benchmarks.bench_profile --data /tmp/kg-100 --data /tmp/kg-10k [--graph kg]
    .venv/bin/python -m benchmarks.bench_profile --neo4j bolt://127.0.0.1:7691 --save /tmp/neo4j-100.json
    (load the bigger graph into that Neo4j, then)
    .venv/bin/python -m benchmarks.bench_profile --neo4j bolt://127.0.0.1:7691 --against /tmp/neo4j-100.json

Each root list (app/api/roots.py) is asked for its first page of 20 with ``totalCount``, by each
of its sorts with no filter and with each filter alone (values found in the first graph, so
every graph answers them), ascending, and the page after it (its end cursor); each sort also
descending with no filter. Every statement the request sends is profiled: FalkorDB's
GRAPH.PROFILE records produced by all operators, Neo4j's PROFILE database hits, summed per
request, the count's apart (page ``count``, once per filter). The table gives each figure per
graph and the ratio of the last to the first, worst first. Copies only: opening a folder
upgrades it to this version's format. Figures, not assertions: this is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from app.api import schema
from app.api.context import Context
from app.loading.upgrade import upgrade_graph
from app.store import GraphStore
from app.store.embedded_server import EmbeddedFalkorDB
from app.store.falkordb_driver import FalkorDBDriver
from app.store.neo4j_driver import Neo4jDriver
from app.store.port import Result
from benchmarks.served import load_average
from tests.profiles import profiled_rows

PAGE = 20
REGION = "巴音郭楞蒙古自治州"
LISTS: dict[str, tuple[str, tuple[str, ...], dict[str, str]]] = {
    # root field: (node fields, sorts, filters by label with {…} placeholders filled from the graph)
    "documents": ("title", ("FISCAL_YEAR", "TOTAL", "TITLE"), {
        "year≥2020": "{fiscalYear: {min: 2020}}", "kind": "{kind: BUDGET}", "scope": "{scope: UNIT}",
        "unit": '{unit: "$unit"}', "region": f'{{region: "{REGION}"}}', "policy": '{policy: "$policy"}',
        "code 208": '{functionCodePrefix: "208"}', "total≥100": "{totalWan: {min: 100}}",
        "name": '{nameContains: "社会"}'}),
    "projects": ("name", ("FISCAL_YEAR", "BUDGET", "EXECUTED", "BENEFICIARIES", "NAME"), {
        "year≥2020": "{fiscalYear: {min: 2020}}", "unit": '{unit: "$unit"}', "region": f'{{region: "{REGION}"}}',
        "policy": '{policy: "$policy"}', "issuer": '{issuer: "财政"}', "budget≥100": "{budgetWan: {min: 100}}",
        "subsidies": "{subsidiesOnly: true}", "name": '{nameContains: "补贴"}'}),
    "indicators": ("name", ("NAME", "SCORE", "SOURCE"), {
        "year≥2020": "{fiscalYear: {min: 2020}}", "unit": '{unit: "$unit"}', "region": f'{{region: "{REGION}"}}',
        "policy": '{policy: "$policy"}', "subsidies": "{subsidiesOnly: true}", "name": '{nameContains: "满意"}'}),
    "units": ("name", ("NAME", "ID"), {
        "name": '{nameContains: "社会保险"}', "region": f'{{region: "{REGION}"}}',
        "year≥2020": "{fiscalYear: {min: 2020}}", "policy": '{policy: "$policy"}'}),
    "policies": ("docNumber", ("DOC_NUMBER", "YEAR", "ISSUER"), {
        "issuer": '{issuer: "财政"}', "year≥2020": "{year: {min: 2020}}", "unit": '{unit: "$unit"}',
        "region": f'{{region: "{REGION}"}}', "name": '{nameContains: "补助"}'}),
    "regions": ("name", ("NAME",), {"within": f'{{within: "{REGION}"}}', "name": '{nameContains: "县"}'}),
    "functionClasses": ("code", ("CODE", "NAME"), {
        "code 208": '{codePrefix: "208"}', "level": "{level: CLASS}", "name": '{nameContains: "社会"}'}),
    "loadRuns": ("startedAt", ("STARTED_AT",), {}),
    "dataQualityFindings": ("check", ("CHECK", "DIFFERENCE"), {
        "year≥2020": "{fiscalYear: {min: 2020}}", "unit": '{unit: "$unit"}', "name": '{nameContains: "total"}'}),
}


class Profiled(GraphStore):
    """The store, profiling every read it sends (after running it as usual) and adding up what
    each one read into :attr:`rows_read`."""

    def __init__(self, driver: FalkorDBDriver | Neo4jDriver) -> None:
        super().__init__(driver)
        self.rows_read = [0, 0]  # the pages' statements, the counts' (those returning ``total``)
        self.statements: list[tuple[int, str]] = []
        self.profiling = False

    async def _statement(self, cypher: str, params: Mapping[str, Any] | None, *, write: bool) -> Result:
        result = await super()._statement(cypher, params, write=write)
        if self.profiling and not write:
            n = await self._profile(cypher, dict(params or {}))
            self.rows_read[" AS total" in cypher] += n
            self.statements.append((n, cypher))
        return result

    async def _profile(self, cypher: str, params: dict[str, Any]) -> int:
        if (rows := await profiled_rows(self, cypher, params)) is not None:
            return rows
        driver = self.driver
        if isinstance(driver, Neo4jDriver) and driver._driver is not None:
            summary = (await driver._driver.execute_query("PROFILE " + cypher, params,
                                                          database_=driver._database)).summary

            def hits(step: Mapping[str, Any]) -> int:
                return int(step.get("dbHits", 0)) + sum(hits(c) for c in step.get("children", []))
            return hits(summary.profile or {})
        return 0


def _query(field: str, node: str, sort: str, desc: bool, flt: str | None, after: str | None) -> str:
    """The page; a first page with its total (counted apart: app/api/pagination.py)."""
    args = [f"first: {PAGE}", f"sort: {sort}", f"direction: {'DESC' if desc else 'ASC'}"]
    args += [f"filter: {flt}"] if flt else []
    args += [f'after: "{after}"'] if after else []
    total = "" if after else "totalCount "
    return f"{{ {field}({', '.join(args)}) {{ {total}pageInfo {{ endCursor }} edges {{ node {{ {node} }} }} }} }}"


async def _values(store: GraphStore) -> dict[str, str]:
    """A unit (库尔勒市社会保险中心 when the graph has it) and a policy cited by its projects."""
    rows = await store.read_built(
        "MATCH (u:Unit)<-[:UNDERTAKEN_BY]-(:Project)<-[:BASIS_OF|ALLOCATES]-(pol:Policy) "
        "WHERE pol.docNumber IS NOT NULL RETURN u.name AS unit, pol.docNumber AS policy, "
        "u.name = '库尔勒市社会保险中心' AS chosen ORDER BY chosen DESC, unit, policy LIMIT 1")
    return {"unit": rows[0]["unit"], "policy": rows[0]["policy"]}


async def _requests(store: Profiled, values: dict[str, str]) -> dict[tuple[str, ...], int]:
    found: dict[tuple[str, ...], int] = {}
    store.profiling = True

    async def run(label: tuple[str, ...], text: str) -> dict[str, Any]:
        store.rows_read, store.statements = [0, 0], []
        result = await schema.execute(text, context_value=Context(store=store))
        assert result.errors is None, (text, result.errors)
        found[label] = store.rows_read[0]
        if label[-1] == "first":
            found[(*label[:-1], "count")] = store.rows_read[1]
        assert result.data is not None
        return next(iter(result.data.values()))

    for field, (node, sorts, filters) in LISTS.items():
        for sort in sorts:
            await run((field, sort, "DESC", "-", "first"), _query(field, node, sort, True, None, None))
            for name, flt in {"-": None, **filters}.items():
                if flt:
                    flt = flt.replace("$unit", values["unit"]).replace("$policy", values["policy"])
                page = await run((field, sort, "ASC", name, "first"), _query(field, node, sort, False, flt, None))
                cursor = page["pageInfo"]["endCursor"]
                if cursor:
                    await run((field, sort, "ASC", name, "next"), _query(field, node, sort, False, flt, cursor))
    return found


async def _open(target: str, graph: str) -> tuple[Profiled, EmbeddedFalkorDB | None]:
    server = None
    if target.startswith(("bolt://", "neo4j://")):
        driver: FalkorDBDriver | Neo4jDriver = Neo4jDriver(target, None, None, None)
    else:
        server = EmbeddedFalkorDB(Path(target))
        driver = FalkorDBDriver(graph, unix_socket_path=str(server.start()))
    store = Profiled(driver)
    await store.connect()
    await upgrade_graph(store)
    return store, server


async def main(targets: list[str], graph: str, only: str | None, save: str | None, against: str | None) -> None:
    figures: list[dict[tuple[str, ...], int]] = []
    values: dict[str, str] = {}
    if against:  # an earlier run's figures (e.g. of a smaller graph in the same Neo4j): the first column
        earlier = json.loads(Path(against).read_text(encoding="utf-8"))
        figures.append({tuple(k.split("\t")): n for k, n in earlier["figures"].items()})
        values = earlier["values"]
        targets = [against, *targets]
    for target in targets[1 if against else 0:]:
        store, server = await _open(target, graph)
        try:
            values = values or await _values(store)
            if only:
                global LISTS
                LISTS = {only: LISTS[only]}
            figures.append(await _requests(store, values))
        finally:
            await store.close()
            if server is not None:
                server.stop()
    if save:
        saved = {"values": values, "figures": {"\t".join(k): n for k, n in figures[-1].items()}}
        Path(save).write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    print(f"rows read per request (FalkorDB: records produced; Neo4j: db hits); load average {load_average()}; "
          f"unit {values['unit']}, policy {values['policy']}")
    print(f"{'list':20} {'sort':14} {'dir':4} {'filter':10} {'page':5} "
          + " ".join(f"{Path(t).name[-10:]:>10}" for t in targets) + "   ratio")
    labels = sorted(figures[0], key=lambda k: -(figures[-1].get(k, 0) / max(figures[0][k], 1)))
    # a count read from kept cells, or one a first page of each sort repeats: once per filter
    labels = [k for k in labels if k[-1] != "count" or (k[1] == LISTS[k[0]][1][0] and k[2] == "ASC")]
    for label in labels:
        counts = [f.get(label, 0) for f in figures]
        print(f"{label[0]:20} {label[1]:14} {label[2]:4} {label[3]:10} {label[4]:5} "
              + " ".join(f"{c:10d}" for c in counts) + f"  ×{counts[-1] / max(counts[0], 1):.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", action="append", default=[], help="an embedded FalkorDB folder (a copy)")
    parser.add_argument("--neo4j", action="append", default=[], help="a Neo4j bolt URI")
    parser.add_argument("--graph", default="kg", help="the FalkorDB graph name")
    parser.add_argument("--only", help="one root field")
    parser.add_argument("--save", help="write the last graph's figures to this JSON file")
    parser.add_argument("--against", help="a JSON file --save wrote: its figures come first")
    args = parser.parse_args()
    asyncio.run(main([*args.data, *args.neo4j], args.graph, args.only, args.save, args.against))
