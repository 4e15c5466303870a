"""Questions across the graph: drilldown aggregation, lineage, money flows, history, search."""

from __future__ import annotations

from app.api import schema
from app.api.context import Context
from app.api.relay import decode
from app.store import GraphStore
from tests.builders import CHANGJI, HEJING, WORLD, load
from tests.graphql import execute


def readable(node_id: str) -> str:
    """``Type:key`` of a global id (a Source's id is not one, and stays as it is)."""
    decoded = decode(node_id)
    return ":".join(decoded) if decoded else node_id


async def test_aggregate_projects_by_year_and_region(store: GraphStore) -> None:
    await load(store, *WORLD)
    data = await execute(store, """{ aggregate(drilldown: [FISCAL_YEAR, REGION], filter: {subsidiesOnly: true}) {
        cells { fiscalYear region { name } count budgetWan budgetCount executedWan executedCount }
        summary { count budgetWan executedWan } truncated } }""")
    cells = {(c["fiscalYear"], c["region"]["name"]): c for c in data["aggregate"]["cells"]}
    assert set(cells) == {(2023, "昌吉回族自治州"), (2024, "和静县"), (2025, "和静县"), (2025, "昌吉回族自治州")}
    assert cells[(2023, "昌吉回族自治州")] | {"region": None} == {
        "fiscalYear": 2023, "region": None, "count": 1, "budgetWan": 110.0, "budgetCount": 1,
        "executedWan": 108.5, "executedCount": 1}
    assert cells[(2025, "和静县")]["executedWan"] is None  # not stated, so not 0
    assert data["aggregate"]["summary"] == {"count": 4, "budgetWan": 302.34, "executedWan": 108.5}
    assert not data["aggregate"]["truncated"]


async def test_aggregate_projects_by_issuer_and_policy(store: GraphStore) -> None:
    await load(store, *WORLD)
    data = await execute(store, """{ aggregate(drilldown: [ISSUER], filter: {fiscalYear: {min: 2024}}) {
        cells { issuer count budgetWan } } }""")
    got = {c["issuer"]: (c["count"], c["budgetWan"]) for c in data["aggregate"]["cells"]}
    assert got == {None: (1, 25.0), "巴音郭楞蒙古自治州财政局": (2, 78.0),
                   "新疆维吾尔自治区人民政府办公厅": (3, 192.34)}
    by_policy = await execute(store, """{ aggregate(drilldown: [POLICY]) { cells { policy { docNumber } count } } }""")
    counts = {(c["policy"] or {}).get("docNumber"): c["count"] for c in by_policy["aggregate"]["cells"]}
    assert counts == {None: 1, "巴财企〔2024〕58号": 2, "新政办发〔2010〕168号": 4}


async def test_aggregate_spending_by_function_class_level_and_unit(store: GraphStore) -> None:
    await load(store, *WORLD)
    data = await execute(store, """{ aggregate(facts: SPENDING, drilldown: [FUNCTION_SECTION, UNIT]) {
        cells { functionCode unit { name } count budgetWan executedWan } } }""")
    got = {(c["functionCode"], c["unit"]["name"]): (c["budgetWan"], c["executedWan"], c["count"])
           for c in data["aggregate"]["cells"]}
    assert got == {("20801", "昌吉回族自治州社会保险中心"): (300.0, 280.0, 2),
                   ("20805", "昌吉回族自治州社会保险中心"): (114.34, None, 1)}


async def test_aggregate_refuses_what_the_facts_cannot_answer(store: GraphStore) -> None:
    for query, message in [
        ("{ aggregate(drilldown: [FUNCTION_CLASS]) { cells { count } } }",
         "PROJECTS cannot be grouped by FUNCTION_CLASS"),
        ("{ aggregate(facts: SPENDING, drilldown: [POLICY]) { cells { count } } }", "cannot be grouped by POLICY"),
        ("{ aggregate(facts: SPENDING, drilldown: [], filter: {issuer: \"x\"}) { cells { count } } }",
         "cannot be filtered by issuer"),
        ("{ aggregate(facts: SPENDING, drilldown: [FUNCTION_CLASS, FUNCTION_ITEM]) { cells { count } } }",
         "one function classification level"),
    ]:
        result = await schema.execute(query, context_value=Context(store=store))
        assert result.errors and message in result.errors[0].message
        assert result.errors[0].extensions == {"code": "BAD_USER_INPUT"}


async def test_funding_lineage_links_policy_allocation_project_unit_region(store: GraphStore) -> None:
    await load(store, CHANGJI, HEJING)
    data = await execute(store, """query { fundingLineage(docNumber: "新政办发（2010）168号") {
        nodes { id type label } edges { source target type amountWan } } }""")
    edges = {(readable(e["source"]).split(":")[0], readable(e["target"]).split(":")[0], e["type"], e["amountWan"])
             for e in data["fundingLineage"]["edges"]}
    assert ("Policy", "Project", "BASIS_OF", 40.0) in edges
    assert ("Policy", "Project", "ALLOCATES", 40.0) in edges  # 巴财企〔2024〕58号 sends the money
    assert ("Project", "Unit", "UNDERTAKEN_BY", 114.34) in edges
    assert ("Unit", "Region", "IN_REGION", None) in edges
    assert ("Region", "Region", "PART_OF", None) in edges
    assert {n["type"] for n in data["fundingLineage"]["nodes"]} == {"Policy", "Project", "Unit", "Region"}
    steps = {(readable(e["source"]), readable(e["target"])) for e in data["fundingLineage"]["edges"]
             if e["type"] == "PART_OF"}  # every step up from the unit's region to the top
    prefecture = "Region:巴音郭楞蒙古自治州"
    assert steps >= {("Region:和静县", prefecture), (prefecture, "Region:新疆维吾尔自治区")}, steps


async def test_money_flows_are_sankey_ready(store: GraphStore) -> None:
    """Documents that state no income and no 基本/项目 split: the flows still balance, through Gaps that
    say what is missing (the full picture on real documents: tests/test_api_flows.py)."""
    await load(store, *WORLD)
    query = """query ($u: String!, $y: Int!) { moneyFlows(unit: $u, fiscalYear: $y) {
        nodes { id type label stage } links { source target valueWan } findings { label inflowWan outflowWan } } }"""
    changji = (await execute(store, query, u="昌吉回族自治州社会保险中心", y=2025))["moneyFlows"]
    links = {(readable(link["source"]), readable(link["target"])): link["valueWan"] for link in changji["links"]}
    unit = "Unit:昌吉回族自治州社会保险中心"
    assert links[(unit, "FunctionClass:208")] == 414.34
    assert links[("FunctionClass:20801", "FunctionClass:2080109")] == 300.0
    project = "Project:昌吉回族自治州社会保险中心|2025|BUDGET|DEPARTMENT|95年以前退休人员生活费"
    assert links[("Spending:PROJECT", project)] == 114.34
    assert {n["stage"] for n in changji["nodes"] if n["type"] != "Gap"} == {1, 2, 3, 4, 5, 6}
    unstated = {f["label"]: (f["inflowWan"], f["outflowWan"]) for f in changji["findings"]}
    assert unstated["昌吉回族自治州社会保险中心"] == (0.0, 414.34)  # no income stated
    assert (await execute(store, query, u="和静县社会保险中心", y=1999))["moneyFlows"] is None


async def test_project_history_across_years_and_renames(store: GraphStore) -> None:
    await load(store, *WORLD)
    data = await execute(store, """{
      projectHistory(unit: "昌吉回族自治州社会保险中心", name: "95年以前退休人员生活费") {
        fiscalYear budgetWan executedWan document { kind } history { fiscalYear } } }""")
    rows = data["projectHistory"]
    assert [(r["fiscalYear"], r["budgetWan"], r["executedWan"], r["document"]["kind"]) for r in rows] == [
        (2023, 110.0, 108.5, "FINAL_ACCOUNTS"), (2025, 114.34, None, "BUDGET")]
    assert [h["fiscalYear"] for h in rows[0]["history"]] == [2023, 2025]


async def test_search_ranks_across_kinds(store: GraphStore) -> None:
    await load(store, *WORLD)
    query = "query ($t: String!) { search(text: $t) { kind score label node { __typename ... on Unit { name } } } }"
    hits = (await execute(store, query, t="和静县社会保险中心"))["search"]
    assert hits[0] == {"kind": "UNIT", "score": 1.0, "label": "和静县社会保险中心",
                       "node": {"__typename": "Unit", "name": "和静县社会保险中心"}}
    policy = (await execute(store, query, t="新政办发[2010]168号"))["search"]
    assert policy[0]["kind"] == "POLICY" and policy[0]["score"] == 1.0
    several = (await execute(store, query, t="退休"))["search"]
    kinds = [h["kind"] for h in several]
    assert "PROJECT" in kinds and "POLICY" not in kinds
    assert [h["score"] for h in several] == sorted((h["score"] for h in several), reverse=True)
