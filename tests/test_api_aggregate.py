"""aggregate() answers every drilldown × facts combination on both stores, with cells that add up to
the summary (or say they overlap), regions rolled up, and one alias's error kept to that alias."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from app.api import schema
from app.api.aggregate import _DIMENSIONS, _FUNCTION_DIGITS, _REGION_DEPTH, AggregateFacts, Dimension
from app.api.context import Context
from app.store import GraphStore
from graph.payload import upsert_params
from loaders import read_document
from loaders.facts import DocumentFacts
from tests.corpus import seed
from tests.graphql import execute

CELL = ("fiscalYear region { name } unit { name } policy { key: docNumber title } issuer functionCode count "
        "budgetWan budgetCount budgetAvgWan budgetMinWan budgetMaxWan executedWan executedCount executedAvgWan "
        "executedMinWan executedMaxWan")


@pytest.fixture(scope="module")
def seeds() -> list[DocumentFacts]:
    return [read_document(seed(n)) for n in range(5)]


async def load_seeds(store: GraphStore, seeds: list[DocumentFacts]) -> None:
    for facts in seeds:
        await store.write("upsert_document", upsert_params(facts))


def answerable(facts: AggregateFacts, drilldown: tuple[Dimension, ...]) -> bool:
    return (all(d in _DIMENSIONS[facts] for d in drilldown) and sum(d in _FUNCTION_DIGITS for d in drilldown) <= 1
            and sum(d in _REGION_DEPTH for d in drilldown) <= 1)


def combinations() -> list[tuple[AggregateFacts, tuple[Dimension, ...]]]:
    """Every facts × drilldown of up to three levels, and every largest answerable drilldown."""
    small = [(f, c) for f in AggregateFacts for n in range(4) for c in itertools.combinations(Dimension, n)]
    largest = [(f, c) for f in AggregateFacts for n in range(4, len(Dimension) + 1)
               for c in itertools.combinations(_DIMENSIONS[f], n) if answerable(f, c)]
    return small + [(f, tuple(sorted(c, key=list(Dimension).index))) for f, c in largest]


async def test_every_drilldown_of_every_facts_answers_or_says_why(store: GraphStore,
                                                                  seeds: list[DocumentFacts]) -> None:
    await load_seeds(store, seeds)
    checked = 0
    for facts, drilldown in combinations():
        levels = ", ".join(d.name for d in drilldown)
        query = (f"{{ aggregate(facts: {facts.name}, drilldown: [{levels}], first: 5000) {{ cellsOverlap truncated "
                 f"cells {{ {CELL} }} summary {{ count budgetWan executedWan }} }} }}")
        result = await schema.execute(query, context_value=Context(store=store))
        if not answerable(facts, drilldown):
            assert result.errors and result.errors[0].extensions == {"code": "BAD_USER_INPUT"}, (facts, drilldown)
            assert result.data == {"aggregate": None}
            continue
        assert result.errors is None, (facts, drilldown, result.errors)
        assert result.data is not None
        agg: dict[str, Any] = result.data["aggregate"]
        cells, summary = agg["cells"], agg["summary"]
        assert not agg["truncated"] and cells, (facts, drilldown)
        counted = sum(c["count"] for c in cells)
        budget = round(sum(c["budgetWan"] or 0 for c in cells), 2)
        if agg["cellsOverlap"]:
            assert counted >= summary["count"] and budget >= round(summary["budgetWan"], 2)
        else:  # the cells partition the facts
            assert counted == summary["count"] and budget == round(summary["budgetWan"] or 0, 2), (facts, drilldown)
        for c in cells:
            if c["budgetCount"]:
                assert c["budgetMinWan"] <= c["budgetAvgWan"] + 1e-6 <= c["budgetMaxWan"] + 2e-6
            else:
                assert c["budgetWan"] is c["budgetAvgWan"] is c["budgetMinWan"] is None
        checked += 1
    assert checked == sum(answerable(f, c) for f, c in combinations()) > 100


async def test_cells_by_policy_overlap_but_the_summary_counts_a_project_once(store: GraphStore,
                                                                               seeds: list[DocumentFacts]) -> None:
    await load_seeds(store, seeds)
    data = await execute(store, """{ aggregate(drilldown: [POLICY]) { cellsOverlap
        cells { count budgetWan } summary { count budgetWan } } }""")
    agg = data["aggregate"]
    assert agg["cellsOverlap"] is True
    # A project citing two policies sits in both cells: the cells add up to more than the projects.
    assert round(sum(c["budgetWan"] or 0 for c in agg["cells"]), 2) > 1679.75
    assert agg["summary"] == {"count": 50, "budgetWan": 1679.75}


async def test_regions_roll_up_a_prefecture_includes_its_counties(store: GraphStore,
                                                                   seeds: list[DocumentFacts]) -> None:
    await load_seeds(store, seeds)
    data = await execute(store, """{
      own: aggregate(drilldown: [REGION]) { cells { region { name } count budgetWan } }
      prefecture: aggregate(drilldown: [PREFECTURE]) { cells { region { name } count budgetWan } }
      province: aggregate(drilldown: [PROVINCE]) { cells { region { name } count budgetWan } } }""")

    def cells(alias: str) -> dict[str, tuple[int, float]]:
        return {c["region"]["name"]: (c["count"], round(c["budgetWan"], 2)) for c in data[alias]["cells"]}

    own, prefecture = cells("own"), cells("prefecture")
    assert own["和静县"] == (4, 75.61) and own["巴音郭楞蒙古自治州"] == (3, 117.98)
    assert prefecture == {"巴音郭楞蒙古自治州": (7, 193.59), "昌吉回族自治州": own["昌吉回族自治州"]}
    assert cells("province") == {"新疆维吾尔自治区": (50, 1679.75)}


async def test_spending_without_a_function_level_and_its_summary(store: GraphStore,
                                                                 seeds: list[DocumentFacts]) -> None:
    """Failed with `Type mismatch: expected Integer but was Null` on FalkorDB (issue 11)."""
    await load_seeds(store, seeds)
    data = await execute(store, """{ aggregate(facts: SPENDING, drilldown: [FISCAL_YEAR]) {
        cells { fiscalYear count budgetWan } summary { count budgetWan } } }""")
    years = {c["fiscalYear"]: (c["count"], round(c["budgetWan"], 2)) for c in data["aggregate"]["cells"]}
    assert years[2024] == (11, 759.58)
    assert data["aggregate"]["summary"]["count"] == sum(c for c, _ in years.values())


async def test_one_failing_alias_keeps_the_others_data(store: GraphStore, seeds: list[DocumentFacts]) -> None:
    await load_seeds(store, seeds[3:4])
    result = await schema.execute("""{ good: aggregate(drilldown: [UNIT]) { cells { count } }
        bad: aggregate(facts: SPENDING, drilldown: [POLICY]) { cells { count } } }""",
                                  context_value=Context(store=store))
    assert result.data is not None and result.data["bad"] is None
    assert result.data["good"]["cells"][0]["count"] > 0
    assert [e.path for e in result.errors or []] == [["bad"]]


async def test_a_failing_list_root_keeps_the_others_data(store: GraphStore, seeds: list[DocumentFacts]) -> None:
    await load_seeds(store, seeds[3:4])
    result = await schema.execute('{ units { totalCount } projects(after: "bm90LWEtY3Vyc29y") { totalCount } }',
                                  context_value=Context(store=store))
    assert result.data == {"units": {"totalCount": 1}, "projects": None}
    assert [e.path for e in result.errors or []] == [["projects"]]


@pytest.mark.parametrize("drilldown", ["UNIT", "PREFECTURE, FISCAL_YEAR", "POLICY"])
async def test_minima_and_maxima_come_whenever_a_field_or_fragment_asks_and_nothing_else_changes(
        store: GraphStore, seeds: list[DocumentFacts], drilldown: str) -> None:
    """Roll-up reads skip the minima and maxima lists unless the request selects one (in the cells or
    the summary, by name or inside a fragment); every other figure stays the same either way."""
    await load_seeds(store, seeds)
    plain = "fiscalYear region { name } unit { name } policy { docNumber } count budgetWan budgetCount executedWan"
    extremes = "budgetMinWan budgetMaxWan executedMinWan executedMaxWan"

    async def ask(cells: str, summary: str, fragment: str = "") -> dict[str, Any]:
        data = await execute(store, f"{{ aggregate(facts: PROJECTS, drilldown: [{drilldown}]) {{ cells {{ {cells} }} "
                                    f"summary {{ {summary} }} }} }} {fragment}")
        return dict(data["aggregate"])

    full = await ask(f"{plain} {extremes}", f"count {extremes}")
    assert any(c["budgetMaxWan"] is not None for c in full["cells"]) and full["summary"]["budgetMaxWan"] is not None
    lean = await ask(plain, "count")
    assert lean["cells"] == [{k: c[k] for k in c if k not in extremes.split()} for c in full["cells"]]
    assert lean["summary"] == {"count": full["summary"]["count"]}
    assert (await ask(plain, "count budgetMaxWan"))["summary"]["budgetMaxWan"] == full["summary"]["budgetMaxWan"]
    spread = await ask(f"{plain} ...Extremes", "count", f"fragment Extremes on AggregateCell {{ {extremes} }}")
    assert spread["cells"] == full["cells"]
