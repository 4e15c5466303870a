"""Facts users asked for (issue 11): a project's 年初预算 beside 全年预算 and 执行数, whether an indicator
met its target, a statement contradicting itself as a finding, documents identified without a
server path."""

from __future__ import annotations

import dataclasses

from app.api import schema
from app.api.context import Context
from app.store import GraphStore
from graph.payload import upsert_params
from loaders import read_document
from loaders.reconcile import reconcile
from tests.corpus import seed
from tests.graphql import execute

PROJECTS = """query ($u: String!, $y: Int!) { unit(name: $u) { projects(fiscalYear: $y) {
    name initialBudgetWan budgetWan executedWan indicators { target actual met } } } }"""


async def test_initial_budget_beside_the_year_budget_and_what_was_spent(store: GraphStore) -> None:
    for n in (0, 1):
        await store.write("upsert_document", upsert_params(read_document(seed(n))))
    final = (await execute(store, PROJECTS, u="昌吉州社保中心", y=2023))["unit"]["projects"]
    running = next(p for p in final if p["name"] == "机构运行经费")
    assert (running["initialBudgetWan"], running["budgetWan"], running["executedWan"]) == (22.0, 139.74, 139.74)
    assert all(p["initialBudgetWan"] is not None for p in final)  # every 自评表 states it
    budget = (await execute(store, PROJECTS, u="昌吉州社保中心", y=2025))["unit"]["projects"]
    assert budget and all(p["initialBudgetWan"] is None for p in budget)  # a budget has no 年初预算 column


async def test_an_indicator_met_its_target_or_cannot_be_told(store: GraphStore) -> None:
    await store.write("upsert_document", upsert_params(read_document(seed(1))))
    projects = (await execute(store, PROJECTS, u="昌吉回族自治州社会保险中心", y=2023))["unit"]["projects"]
    met = {(i["target"], i["actual"]): i["met"] for p in projects for i in p["indicators"]}
    assert met[(">=264人", "=115人")] is False
    assert met[(">=95%", "=100%")] is True and met[("<=65人", "=61人")] is True
    assert met[("及时足额发放", "及时足额发放")] is None
    assert {True, False, None} == set(met.values())


async def test_a_statement_contradicting_itself_is_a_finding(store: GraphStore) -> None:
    """Seed 002: 信息化建设 2020年预算数为77万元，比上年执行数减少47万元，增长156%."""
    await store.write("upsert_document", upsert_params(read_document(seed(2))))
    data = await execute(store, """{ dataQualityFindings(filter: {nameContains: "prior_year_change"}) {
        edges { node { check message expectedWan actualWan sources { text } } } } }""")
    [finding] = [e["node"] for e in data["dataQualityFindings"]["edges"]]
    assert finding["actualWan"] == -47.0 and finding["expectedWan"] == 193.44
    assert "增长156%" in finding["sources"][0]["text"]
    # Another document (seed 003): its statements agree; the same contradiction written into one is found.
    other = read_document(seed(3))
    assert not [f for f in reconcile(other) if f.check == "prior_year_change"]
    line = next(x for x in other.function_lines if x.narrative and x.narrative.prior_year_change_rate
                and x.narrative.prior_year_change_wan and x.narrative.amount_wan != x.narrative.prior_year_change_wan)
    assert line.narrative is not None and line.narrative.prior_year_change_wan is not None
    flipped = dataclasses.replace(line.narrative, prior_year_change_wan=-line.narrative.prior_year_change_wan)
    broken = dataclasses.replace(other, function_lines=tuple(
        dataclasses.replace(x, narrative=flipped) if x is line else x for x in other.function_lines))
    assert [f.check for f in reconcile(broken) if f.check == "prior_year_change"] == ["prior_year_change"]


async def test_documents_are_identified_by_file_name_hash_and_public_url(store: GraphStore) -> None:
    facts = read_document(seed(4))
    await store.write("upsert_document", upsert_params(facts))
    query = "{ documents { edges { node { fileName sha256 sourceUrl sourcePath } } } }"
    plain = await schema.execute(query, context_value=Context(store=store))
    public = await schema.execute(query, context_value=Context(store=store, source_url_base="https://example.org/kg/"))
    assert plain.data is not None and public.data is not None
    [doc] = [e["node"] for e in plain.data["documents"]["edges"]]
    assert doc["fileName"] == doc["sourcePath"] == seed(4).name and "/" not in doc["fileName"]
    assert doc["sha256"] == facts.sha256 and doc["sourceUrl"] is None
    [shared] = [e["node"] for e in public.data["documents"]["edges"]]
    assert shared["sourceUrl"].startswith("https://example.org/kg/") and shared["sourceUrl"].endswith(".txt")
