"""Search's answers ranked by brute force: every node of each kind read whole and scored by the
app's own rule (ties by kind, text matched and key), for tests and ``bench_search_rank`` to
compare with what :meth:`app.api.search.Search.hits` serves. Written out here, not derived from
graph/search.py, so that it stays a second opinion."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from app.api.search import INDICATOR_WEIGHT, Search, SearchKind
from app.store import GraphStore

TEXTS: dict[SearchKind, tuple[str, str]] = {
    SearchKind.UNIT: ("Unit", "[node.name] + coalesce(node.names, [])"),
    SearchKind.REGION: ("Region", "[node.name]"),
    SearchKind.POLICY: ("Policy", "[t IN [node.docNumber, node.title] WHERE t IS NOT NULL]"),
    SearchKind.DOCUMENT: ("BudgetDocument", "[node.title]"),
    SearchKind.PROJECT: ("Project", "[node.name]"),
    SearchKind.INDICATOR: ("Indicator", "[node.name]"),
}
"""Each kind's label and the texts a node of it is matched by."""
KEYS: dict[SearchKind, str] = {SearchKind.UNIT: "id", SearchKind.REGION: "name", SearchKind.POLICY: "key",
                               SearchKind.DOCUMENT: "id", SearchKind.PROJECT: "id", SearchKind.INDICATOR: "id"}
"""Each kind's key property in the graph."""
Every = dict[SearchKind, dict[tuple[str, ...], list[str]]]
Hit = tuple[str, float, str, str]  # kind, score, text matched, key


async def every_node(store: GraphStore, keys: Mapping[SearchKind, str] = KEYS) -> Every:
    """Each kind's nodes grouped by their texts: the ``keys`` of the nodes of each tuple of texts, sorted."""
    found: Every = {}
    for kind, (label, texts) in TEXTS.items():
        grouped: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for row in await store.read_built(f"MATCH (node:{label}) RETURN node.{keys[kind]} AS key, {texts} AS texts"):
            grouped[tuple(row["texts"])].append(str(row["key"]))
        found[kind] = {t: sorted(k) for t, k in grouped.items()}
    return found


def brute_force(query: Search, every: Every) -> list[Hit]:
    """Every node of the kinds ``query`` asks for that holds its every group, best first."""
    order = list(SearchKind)
    ranked = []
    for kind in query.kinds:
        weight = INDICATOR_WEIGHT if kind is SearchKind.INDICATOR else 1.0
        for texts, keys in every[kind].items():
            if all(any(all(any(w in t for t in texts) for w in s) for s in g) for g in query.groups):
                best = max((query._score(t), t) for t in texts)
                ranked += [(round(best[0] * weight, 6), kind, best[1], key) for key in keys]
    ranked.sort(key=lambda r: (-r[0], order.index(r[1]), r[2], r[3]))
    return [(kind.value, score, label, key) for score, kind, label, key in ranked]
