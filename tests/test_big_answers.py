"""A big answer (a policy's projects with their units, its funding lineage) is read with the same few store
round trips whatever the number of its items, and built from those rows to the same answer on both stores:
what loading says it holds, in the query's order (app/api/types/common.py of_row, app/api/execution.py)."""

from __future__ import annotations

import pytest

from app.api.relay import global_id
from app.store import GraphStore
from loaders.facts import CitationRole, PolicyRef
from tests.builders import SRC, document, load, project
from tests.graphql import execute

POLICY = PolicyRef("测财发〔2025〕9号", "测试用的政策", CitationRole.BASIS, SRC)
PROJECTS = ('{ policy(docNumber: "测财发〔2025〕9号") { fundedProjects { id name budgetWan isSubsidy '
            "unit { name } } } }")
LINEAGE = ('{ fundingLineage(docNumber: "测财发〔2025〕9号") { nodes { id type label } '
           "edges { source target type amountWan } } }")


async def _load_units(store: GraphStore, first: int, count: int) -> None:
    await load(store, *(document(f"单位{u:03d}", 2025, *(project(f"项目{u:03d}-{p:02d}", 0.5 + p, POLICY,
                                                                 people=p if p % 3 else None) for p in range(20)),
                                 sha=f"{u:064d}") for u in range(first, first + count)))


async def _trips(store: GraphStore, query: str) -> tuple[int, dict[str, object]]:
    before = store.round_trips
    data = await execute(store, query)
    return store.round_trips - before, data


@pytest.mark.parametrize("query", [PROJECTS, LINEAGE])
async def test_a_big_answer_takes_the_same_reads_whatever_its_size_and_holds_what_was_loaded(
        store: GraphStore, query: str) -> None:
    await _load_units(store, 0, 3)
    few, _ = await _trips(store, query)
    await _load_units(store, 3, 9)
    many, data = await _trips(store, query)
    assert few == many <= 3
    expected = sorted((f"单位{u:03d}", f"项目{u:03d}-{p:02d}", 0.5 + p, p % 3 != 0)
                      for u in range(12) for p in range(20))
    if query == PROJECTS:
        got = data["policy"]["fundedProjects"]  # type: ignore[index]
        assert sorted((p["unit"]["name"], p["name"], p["budgetWan"], p["isSubsidy"]) for p in got) == expected
        assert all(type(p["budgetWan"]) is float for p in got)
        return
    lineage = data["fundingLineage"]  # type: ignore[index]
    nodes = {n["id"]: (n["type"], n["label"]) for n in lineage["nodes"]}
    assert len(nodes) == len(lineage["nodes"]) == 1 + 240 + 12
    assert nodes[str(global_id("Policy", POLICY.key))] == ("Policy", "测财发〔2025〕9号")
    funded = sorted((e["amountWan"], nodes[e["target"]][1]) for e in lineage["edges"] if e["type"] == "BASIS_OF")
    assert funded == sorted((0.5 + p, f"项目{u:03d}-{p:02d} (2025)") for u in range(12) for p in range(20))
    assert sum(e["type"] == "UNDERTAKEN_BY" for e in lineage["edges"]) == 240
