"""Search serves the app's own best hits even where a kind has more candidates than a page reads:
the same as scoring every node of every kind by the app's score and ranking them (ties by kind,
text matched and key). The engine's full-text scores rank otherwise (BM25 and FalkorDB's scoring
favour a short text; the app favours one the query starts), so the engine's best few are not the
app's: these graphs have more candidates than the pages asked for."""

from __future__ import annotations

import dataclasses
from typing import Any, cast

from app.api.relay import raw_key
from app.api.search import SearchKind, _search
from app.api.types import Info
from app.store import GraphStore
from loaders.facts import IndicatorFact
from tests.builders import SRC, WORLD, document, load, project
from tests.graphql import execute
from tests.search_ranks import KEYS, Hit, brute_force, every_node

SHOWN = {"Unit": "id", "Region": "name", "Policy": "docNumber", "BudgetDocument": "id", "Project": "id",
         "Indicator": "id"}
SEARCH = ("query ($t: String!, $f: Int!, $k: [SearchKind!]) { searchResults(text: $t, first: $f, kinds: $k) { "
          "edges { node { kind score label node { __typename "
          + " ".join(f"... on {t} {{ {f} }}" for t, f in SHOWN.items() if t != "BudgetDocument")
          + " ... on BudgetDocument { id } } } } } }")
# short names the query is inside of (the engine's favourites) and longer ones it starts (the app's)
PROJECTS = ("就业补贴", "生活补贴", "见习补贴", "补贴发放专项资金", "补贴资金", "补贴", "业务补贴经费")
INDICATORS = ("业务办理时限", "办理业务差错率", "业务量", "服务对象满意度", "补贴对象满意度", "补贴发放准确率")


def _rated(unit: str, year: int, sha: str) -> Any:
    indicators = tuple(IndicatorFact(n, "满意度指标", "服务对象满意度指标", ">=95%", None, 10.0, None, SRC)
                       for n in INDICATORS)
    projects = [dataclasses.replace(project(f"{name}{year}" if i % 2 else name, 10.0 + i), indicators=indicators)
                for i, name in enumerate(PROJECTS)]
    return document(unit, year, *projects, sha=sha)


UNITS = ("昌吉回族自治州就业服务中心", "和静县社会保险中心", "和静县就业补贴服务中心")
DOCS = [_rated(unit, year, f"{i}" * 64) for i, (unit, year) in enumerate((u, y) for u in UNITS for y in (2023, 2024))]


async def _brute_force(store: GraphStore, text: str, kinds: list[SearchKind] | None) -> list[Hit]:
    """Every node of each kind asked for, held and scored by the app's own rule, best first; a
    policy by the number the API shows."""
    every = await every_node(store, {**KEYS, SearchKind.POLICY: "docNumber"})
    return brute_force(_search(cast(Info, None), text, kinds, items=True), every)


async def _served(store: GraphStore, text: str, first: int, kinds: list[SearchKind] | None) -> list[tuple[Any, ...]]:
    found = await execute(store, SEARCH, t=text, f=first, k=[k.value for k in kinds] if kinds else None)
    hits = [e["node"] for e in found["searchResults"]["edges"]]
    return [(h["kind"], h["score"], h["label"], raw_key(str(h["node"][SHOWN[h["node"]["__typename"]]]))) for h in hits]


async def test_a_page_serves_the_apps_best_hits_when_the_index_matches_more(store: GraphStore) -> None:
    await load(store, *WORLD, *DOCS)
    compared = 0
    for text in ("补贴", "业务", "满意度", "对象 满意", "和静县", "社会保险", "就业 补贴", "服务中心"):
        for kinds in (None, [SearchKind.PROJECT], [SearchKind.INDICATOR], [SearchKind.UNIT, SearchKind.DOCUMENT]):
            every = await _brute_force(store, text, kinds)
            for first in (1, 3, 10):
                assert await _served(store, text, first, kinds) == every[:first], (text, kinds, first)
                compared += len(every) > first  # the page reads fewer than the candidates
    assert compared >= 40
