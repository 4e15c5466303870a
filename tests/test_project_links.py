"""Projects across years (issue 11): renamed and re-worded projects are linked with a confidence and
a reason, unrelated ones are not; checked against the seeds and against the sample world's truth
(samples/world.py: each kind of project has its name in 2023, 2024 and 2025)."""

from __future__ import annotations

import itertools

from app.store import GraphStore
from graph.payload import upsert_params, with_project_links
from loaders import read_document
from loaders.facts import DocumentFacts
from samples.world import PROJECT_KINDS
from tests.corpus import SAMPLES, seed
from tests.graphql import execute
from vocab.resolve import ProjectCandidate, project_core, project_match


async def load_linked(store: GraphStore, docs: list[DocumentFacts]) -> None:
    """As ``kg load`` does: each document linked to the unit's documents already loaded."""
    for facts in docs:
        params = upsert_params(facts)
        elsewhere = await store.read("projects_of_unit_elsewhere", {"unit": params["unit"]["id"],
                                                                    "document": params["doc"]["id"]})
        await store.write("upsert_document", with_project_links(params, elsewhere))


def test_renames_match_with_a_reason_and_unrelated_names_do_not() -> None:
    def match(a: str, b: str, codes: tuple[str, str] = ("", "")) -> tuple[float, str]:
        first, second = (frozenset({c} - {""}) for c in codes)
        return project_match(ProjectCandidate("a", a, first), ProjectCandidate("b", b, second))
    assert match("95年以前退休人员生活补贴资金", "95年以前退休人员生活费")[0] >= 0.75
    assert match("机构运行经费", "机构运行补助经费") == (0.857, "names 86% alike")
    assert match("就业见习补贴", "高校毕业生就业见习补贴") == (0.85, "one name contains the other (就业见习补贴)")
    assert match("2025年社会保险宣传费", "社会保险宣传费")[0] == 1.0
    assert match("社会保险宣传费", "社会保险标准化工作经费", ("2080109", "2080109"))[0] < 0.75
    assert match("社会保险宣传费", "州直破产企业退休职工采暖费")[0] < 0.5


async def test_seed_projects_are_linked_through_renames(store: GraphStore) -> None:
    await load_linked(store, [read_document(seed(n)) for n in (2, 1, 0)])
    query = """query ($u: String!, $n: String!) { projectHistory(unit: $u, name: $n) { fiscalYear name
        linkedProjects { project { fiscalYear name } confidence reason } } }"""
    history = (await execute(store, query, u="昌吉州社保中心", n="95年以前退休人员生活费"))["projectHistory"]
    assert [(h["fiscalYear"], h["name"]) for h in history] == [(2023, "95年以前退休人员生活补贴资金"),
                                                                (2025, "95年以前退休人员生活费")]
    link = history[1]["linkedProjects"][0]
    assert link["project"]["name"] == "95年以前退休人员生活补贴资金" and 0.75 <= link["confidence"] < 1
    assert link["reason"] == "names 82% alike"
    running = (await execute(store, query, u="昌吉州社保中心", n="机构运行补助经费"))["projectHistory"]
    assert [h["name"] for h in running] == ["机构运行经费", "机构运行补助经费"]
    by_id = await execute(store, """query ($u: String!) { unit(name: $u) {
        projects(fiscalYear: 2025) { id name } } }""", u="昌吉回族自治州社会保险中心")
    some = next(p for p in by_id["unit"]["projects"] if p["name"] == "社会保险宣传费")
    years = await execute(store, "query ($id: ID!) { projectHistory(id: $id) { fiscalYear } }", id=some["id"])
    assert [h["fiscalYear"] for h in years["projectHistory"]] == [2020, 2023, 2025]


def _kind(name: str, year: int) -> str | None:
    """The sample world's kind of a project (None: not one of the world's kinds)."""
    for kind in itertools.chain.from_iterable(PROJECT_KINDS.values()):
        if project_core(name) == project_core(kind.names[year - 2023].format(y=year)):
            return kind.key
    return None


async def test_sample_projects_link_exactly_the_same_kind(store: GraphStore) -> None:
    """Both ways: every pair of the same kind in two years is in one history; no other pair is."""
    docs = [read_document(path) for path in sorted(SAMPLES.glob("*.txt"))]
    await load_linked(store, docs)
    data = await execute(store, """{ projects(first: 500) { edges { node { id name fiscalYear unit { name }
        history { id } } } } }""")
    projects = [e["node"] for e in data["projects"]["edges"]]
    units = {p["id"]: p["unit"]["name"] for p in projects}
    kinds = {p["id"]: _kind(p["name"], p["fiscalYear"]) for p in projects}
    assert all(kinds.values()), [p["name"] for p in projects if kinds[p["id"]] is None]
    together = {(p["id"], h["id"]) for p in projects for h in p["history"]}
    pairs = [(a, b) for a, b in itertools.permutations(kinds, 2) if units[a] == units[b]]
    same = [(a, b) for a, b in pairs if kinds[a] == kinds[b]]
    missed = [(a, b) for a, b in same if (a, b) not in together]
    wrong = [(a, b) for a, b in pairs if kinds[a] != kinds[b] and (a, b) in together]
    assert same and missed == [] and wrong == []
