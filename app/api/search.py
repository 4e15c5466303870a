"""One search box across units, projects, policies and indicators, ranked.

The store returns, per kind, the candidates whose text contains every term (shortest first);
they are scored here by how much of their best-matching text the query covers, so an exact
name beats a prefix, which beats a substring, and a short name beats a long one.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Annotated

import strawberry

from app.api.errors import ClientError
from app.api.types import Indicator, Info, Policy, Project, Row, Unit
from loaders.docnumbers import canonical_doc_number
from loaders.resolve import normalise_name

MAX_HITS = 100

SearchResult = Annotated[Unit | Project | Policy | Indicator, strawberry.union(
    "SearchResult", description="A unit, project, policy or indicator.")]


@strawberry.enum(description="What a search hit is.")
class SearchKind(Enum):
    UNIT = "UNIT"
    PROJECT = "PROJECT"
    POLICY = "POLICY"
    INDICATOR = "INDICATOR"


_BUILD: dict[SearchKind, Callable[[Row], Unit | Project | Policy | Indicator]] = {
    SearchKind.UNIT: Unit.of, SearchKind.PROJECT: Project.of, SearchKind.POLICY: Policy.of,
    SearchKind.INDICATOR: Indicator.of}


@strawberry.type(description="A ranked search result.")
class SearchHit:
    kind: SearchKind
    score: float = strawberry.field(description="1.0 for an exact match, lower as the text covers less of the name")
    label: str = strawberry.field(description="The text that matched best")
    node: SearchResult


def score(terms: list[str], text: str) -> float:
    """1.0 exact; 0.6-1.0 when the text starts with the query; 0.2-0.6 when it contains it."""
    query = "".join(terms)
    if text == query:
        return 1.0
    coverage = min(1.0, sum(len(t) for t in terms) / max(len(text), 1))
    return round((0.6 if text.startswith(terms[0]) else 0.2) + 0.4 * coverage, 6)


def query_terms(text: str) -> list[str]:
    """Whitespace-separated terms, each normalised; a 发文字号 in any spelling becomes canonical."""
    terms = [canonical_doc_number(t) or normalise_name(t) for t in text.split()]
    return [t for t in terms if t]


async def search(info: Info, text: str, first: int) -> list[SearchHit]:
    """Top ``first`` hits across kinds; see ``Query.search``."""
    terms = query_terms(text)
    if not terms:
        raise ClientError("search text is empty")
    if not 1 <= first <= MAX_HITS:
        raise ClientError(f"first must be between 1 and {MAX_HITS}, got {first}")
    hits = []
    for row in await info.context.store.read("search", {"terms": terms, "limit": first}):
        kind = SearchKind(row["kind"])
        label = max(row["texts"], key=lambda t: score(terms, t))
        hits.append(SearchHit(kind=kind, score=score(terms, label), label=label, node=_BUILD[kind](row["item"])))
    hits.sort(key=lambda h: (-h.score, list(SearchKind).index(h.kind), h.label))
    return hits[:first]
