# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolver itself is typed)
"""One search box across units, regions, policies, documents, projects and indicators, ranked.

Each kind's full-text index (graph/search.py) gives the candidates holding every term, in any of
its spellings: a 发文字号 with any brackets and with or without 号, a region's everyday short form
(巴州 for 巴音郭楞蒙古自治州), a common abbreviation (社保 for 社会保险). They are scored here by how
much of their best-matching text the query covers, so an exact name beats a prefix, which beats
a substring, and a short name beats a long one; names rank above indicator texts.
"""

from __future__ import annotations

import base64
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property, lru_cache
from typing import Annotated, Any

import strawberry

from app.api.errors import ClientError
from app.api.pagination import PageInfo
from app.api.types import BudgetDocument, Indicator, Info, Policy, Project, Region, Row, Unit
from app.api.types.common import selects
from graph.dialect import Groups, fulltext_query
from graph.search import SOURCES, candidates_query, count_query, items_query, keys_param, named_query
from vocab.docnumbers import canonical_doc_number
from vocab.resolve import normalise_name, region_short_names

MAX_HITS = 100
MAX_WINDOW = 500  # hits read per kind: a page of search reaches at most this deep
INDICATOR_WEIGHT = 0.8  # an indicator's text is no name: it ranks below names matched as well
# Abbreviations people type for words of unit and project names.
ABBREVIATIONS = {
    "社保": ("社会保险", "社会保障"),
    "医保": ("医疗保障", "医疗保险"),
    "人社": ("人力资源和社会保障", "人力资源社会保障"),
}

SearchResult = Annotated[Unit | Region | Policy | BudgetDocument | Project | Indicator, strawberry.union(
    "SearchResult", description="A unit, region, policy, document, project or indicator.")]


@strawberry.enum(description="What a search hit is (in the order equal scores are listed).")
class SearchKind(Enum):
    UNIT = "UNIT"
    REGION = "REGION"
    POLICY = "POLICY"
    DOCUMENT = "DOCUMENT"
    PROJECT = "PROJECT"
    INDICATOR = "INDICATOR"


_BUILD: dict[SearchKind, Callable[[Row], Unit | Region | Policy | BudgetDocument | Project | Indicator]] = {
    SearchKind.UNIT: Unit.of, SearchKind.REGION: Region.of, SearchKind.POLICY: Policy.of,
    SearchKind.DOCUMENT: BudgetDocument.of, SearchKind.PROJECT: Project.of, SearchKind.INDICATOR: Indicator.of}
_ORDER = list(SearchKind)


@strawberry.type(description="A ranked search result.")
class SearchHit:
    kind: SearchKind
    score: float = strawberry.field(description="1.0 for an exact match, lower as the text covers less of the name "
                                                "(indicators ×0.8)")
    label: str = strawberry.field(description="The text that matched best")
    ranked: strawberry.Private[Ranked]

    @strawberry.field
    def node(self) -> SearchResult:
        """Built only when asked: a page of hits that lists kinds, scores and labels builds no node (a document's
        decodes dozens of facts)."""
        return self.ranked.node()


@strawberry.type(description="A search hit and the cursor to continue after it.")
class SearchEdge:
    cursor: str
    node: SearchHit


@strawberry.type(description="How many hits one kind has.")
class SearchKindCount:
    kind: SearchKind
    count: int


@strawberry.type(description="A page of search hits, best first, with totals (counted only when asked).")
class SearchConnection:
    page_info: PageInfo
    edges: list[SearchEdge]
    query: strawberry.Private[Search]

    @strawberry.field(description="Hits of every kind asked for, across all pages")
    async def total_count(self) -> int:
        return sum(c.count for c in await self.query.counts())

    @strawberry.field(description="Hits by kind, across all pages")
    async def counts_by_kind(self) -> list[SearchKindCount]:
        return await self.query.counts()


def score(terms: list[str], text: str) -> float:
    """1.0 exact; 0.6-1.0 when the text starts with the query; 0.2-0.6 when it contains it."""
    query = "".join(terms)
    if text == query:
        return 1.0
    coverage = min(1.0, sum(len(t) for t in terms) / max(len(text), 1))
    return round((0.6 if text.startswith(terms[0]) else 0.2) + 0.4 * coverage, 6)


def _runs(text: str) -> list[str]:
    """Letters and digits in runs (brackets, 号 aside, spaces and punctuation separate them)."""
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text))


MAX_TEXTS_KEPT = 4096
"""Terms spelled (:func:`spellings`) and candidates' texts joined (:func:`_joined`) that are remembered
(bounded: both come from requests and the graph); search asks for the same few again and again."""


def spellings(term: str) -> list[str]:
    """A term and what else it may be written as: a 发文字号 canonical (with 号 added when
    missing), region short forms and abbreviations replaced by what they stand for."""
    return list(_spellings(term))


@lru_cache(maxsize=MAX_TEXTS_KEPT)
def _spellings(term: str) -> tuple[str, ...]:
    term = normalise_name(term)
    found = [term]
    number = canonical_doc_number(term) or canonical_doc_number(term + "号")
    if number:
        found.append(number)
    for short, full in [*region_short_names().items(), *((a, f) for a, fs in ABBREVIATIONS.items() for f in fs)]:
        if short in term and short != full:
            found += [s.replace(short, full) for s in list(found)]
    return tuple(dict.fromkeys(s for s in found if _runs(s)))


@lru_cache(maxsize=MAX_TEXTS_KEPT)
def _joined(text: str) -> str:
    """The text's letters and digits (:func:`_runs`), as one run: what a candidate's text is scored by."""
    return "".join(_runs(text))


@dataclass(frozen=True)
class Ranked:
    """A candidate scored, its node not yet built: a page builds only the hits it serves (a
    document's node decodes dozens of facts). ``key`` is the node's key (of an indicator name's
    candidate, the name's: its item is read later, :meth:`Search.hits`)."""

    kind: SearchKind
    score: float
    label: str
    key: str
    item: Row | None = None
    """The node's properties; None until read, or when the request asks for no node (:attr:`Search.items`)."""

    def order(self) -> tuple[float, int, str, str]:
        """Best first: by score, then kind (:data:`_ORDER`), text matched and key, so that equal
        scores are listed the same way whichever engine found them."""
        return -self.score, _ORDER.index(self.kind), self.label, self.key

    def hit(self) -> SearchHit:
        return SearchHit(kind=self.kind, score=self.score, label=self.label, ranked=self)

    def node(self) -> Unit | Region | Policy | BudgetDocument | Project | Indicator:
        assert self.item is not None, f"{self.key}: a hit's node served though the request asked for none"
        return _BUILD[self.kind]({k: v for k, v in self.item.items() if k != "ngrams"})


@dataclass
class Search:
    """One search: its groups of spellings, the kinds asked, and the store to ask."""

    info: Info
    terms: list[list[str]]  # per term, its spellings
    kinds: list[SearchKind]
    items: bool
    """Whether the request asks for a hit's ``node``: else the candidates are read without their nodes."""
    _counts: list[SearchKindCount] | None = None

    @property
    def groups(self) -> Groups:
        return [[_runs(s) for s in spelled] for spelled in self.terms]

    def params(self, window: int) -> dict[str, Any]:
        text = fulltext_query(self.info.context.store.name, self.groups)
        if text is None:
            raise ClientError("search needs a word of at least two characters")
        return {"fulltext": text, "groups": self.groups, "window": window}

    async def hits(self, window: int) -> list[Ranked]:
        """The best ``window`` hits by the app's score, best first (:meth:`Ranked.order`). Every
        candidate's texts are read and scored (the engine's own scores rank otherwise), once for
        those of equal texts, with their first ``window`` keys; then the items of each kind's best
        ``window``, an indicator name's indicators by their key (:func:`graph.search.named_query`)
        until ``window`` are read."""
        store = self.info.context.store
        params = self.params(window)
        rows = await store.read_built(candidates_query(store.name, [k.value for k in self.kinds]), params)
        best: dict[SearchKind, list[Ranked]] = {}
        ranked = [replace(scored, key=str(key)) for row in rows for scored in [self._rank(row)] for key in row["keys"]]
        for candidate in sorted(ranked, key=Ranked.order):
            chosen = best.setdefault(candidate.kind, [])
            if len(chosen) < window:
                chosen.append(candidate)
        ranked = []
        for kind in [k for k in best if SOURCES[k.value].named]:
            ranked += await self._named(best.pop(kind), window)
        if best and not self.items:  # kinds, scores and labels come from the texts: no node is read
            ranked += [c for cs in best.values() for c in cs]
        elif best:
            rows = await store.read_built(items_query([k.value for k in best]),
                                          {keys_param(k.value): [c.key for c in cs] for k, cs in best.items()})
            items = {(r["kind"], r["key"]): r["item"] for r in rows}
            ranked += [replace(c, item=items[c.kind.value, c.key]) for cs in best.values() for c in cs
                       if (c.kind.value, c.key) in items]  # gone since it was found: not served
        ranked.sort(key=Ranked.order)
        return ranked[:window]

    async def _named(self, names: list[Ranked], window: int) -> list[Ranked]:
        """The first ``window`` hits of names taken best first, each name's by their key: one name
        read first (a name often holds the page), then twice as many names a statement."""
        store, found, start, batch = self.info.context.store, list[Ranked](), 0, 1
        while start < len(names) and len(found) < window:
            taken = names[start:start + batch]
            rows = await store.read_built(named_query(store.name, taken[0].kind.value, self.items),
                                          {"keys": [n.key for n in taken], "window": window - len(found)})
            hits: dict[str, list[Row]] = {}
            for row in rows:
                hits.setdefault(row["name"], []).append(row)
            found += [replace(name, key=r["key"], item=r["item"]) for name in taken for r in hits.get(name.key, [])]
            start, batch = start + batch, 2 * batch
        return found[:window]

    async def counts(self) -> list[SearchKindCount]:
        if self._counts is None:
            store = self.info.context.store
            rows = await store.read_built(count_query(store.name, [k.value for k in self.kinds]), self.params(0))
            self._counts = [SearchKindCount(kind=SearchKind(r["kind"]), count=int(r["total"])) for r in rows]
        return self._counts

    def _rank(self, row: Row) -> Ranked:
        kind = SearchKind(row["kind"])
        best = max((self._score(text), text) for text in row["texts"])
        weight = INDICATOR_WEIGHT if kind is SearchKind.INDICATOR else 1.0
        return Ranked(kind, round(best[0] * weight, 6), best[1], "")

    @cached_property
    def _spelled(self) -> dict[str, list[str]]:
        """Each spelling's runs, worked out once a search (not once per candidate and choice)."""
        return {s: _runs(s) for spelled in self.terms for s in spelled}

    def _score(self, text: str) -> float:
        """The best score of any choice of spellings that the text holds."""
        best, runs, joined = 0.0, self._spelled, None
        for choice in itertools.islice(itertools.product(*self.terms), 64):
            if all(r in text for s in choice for r in runs[s]):
                joined = _joined(text) if joined is None else joined
                best = max(best, score(["".join(runs[s]) for s in choice], joined))
        return best


def _search(info: Info, text: str, kinds: list[SearchKind] | None, items: bool) -> Search:
    """The search of ``text``; ``items``: whether the request asks for a hit's node (:attr:`Search.items`)."""
    terms = [spellings(t) for t in text.split()]
    terms = [t for t in terms if t]
    if not terms:
        raise ClientError("search text is empty")
    return Search(info, terms, [k for k in _ORDER if not kinds or k in kinds], items)


def _offset(after: str | None) -> int:
    if after is None:
        return 0
    try:
        kind, _, value = base64.b64decode(after.encode(), validate=True).decode().partition(":")
        if kind != "hit" or int(value) < 0:
            raise ValueError(kind)
        return int(value) + 1
    except ValueError as exc:
        raise ClientError(f"invalid cursor {after!r}") from exc


async def search(info: Info, text: str, first: int, kinds: list[SearchKind] | None = None) -> list[SearchHit]:
    """Top ``first`` hits across kinds; see ``Query.search``."""
    if not 1 <= first <= MAX_HITS:
        raise ClientError(f"first must be between 1 and {MAX_HITS}, got {first}")
    return [r.hit() for r in (await _search(info, text, kinds, selects(info, ("node",))).hits(first))[:first]]


async def search_connection(info: Info, text: str, first: int, after: str | None,
                            kinds: list[SearchKind] | None) -> SearchConnection:
    """A page of hits after ``after``; see ``Query.searchResults``."""
    if not 0 <= first <= MAX_HITS:
        raise ClientError(f"first must be between 0 and {MAX_HITS}, got {first}")
    skip = _offset(after)
    if skip + first > MAX_WINDOW:
        raise ClientError(f"search pages reach {MAX_WINDOW} hits deep; refine the text instead")
    query = _search(info, text, kinds, selects(info, ("edges", "node", "node")))
    hits = await query.hits(skip + first + 1)
    page = hits[skip:skip + first]
    edges = [SearchEdge(cursor=base64.b64encode(f"hit:{skip + i}".encode()).decode(), node=ranked.hit())
             for i, ranked in enumerate(page)]
    return SearchConnection(edges=edges, query=query, page_info=PageInfo(
        has_next_page=len(hits) > skip + first, end_cursor=edges[-1].cursor if edges else None))
