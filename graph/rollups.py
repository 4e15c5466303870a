"""Aggregation roll-ups written with each document, so ``aggregate`` adds up a few rows per
document instead of every project and expenditure line of the graph.

A roll-up is one ``Rollup`` node per document and *family* (what is added up, grouped by what
within the document), written by ``upsert_document`` in the document's own transaction and
deleted with it. Its groups are parallel lists (``keys`` and one list per statistic), because
graph properties cannot hold maps. Every statistic combines across documents exactly: counts and
sums add up, minima and maxima take the least and greatest, averages are sum / count. A group's
key is ``""`` where the fact has none (a project without a policy, a policy without an issuer),
and a minimum or maximum over no amount is 0 with its count 0, since a list holds no null.

Beside these, the store writes on each roll-up what ``aggregate`` filters and groups by, so that
a drilldown reads roll-up nodes alone, from the cells they are in (below), and walks no region
(graph/queries/ingest.cypher, place_rollups): the unit's id and names, its region chain, and
whether the document counts when each unit counts once. Those depend on the unit's other
documents, so they are placed again for the whole unit whenever one of its documents is written,
replaced or deleted.

Roll-ups are added up again across documents into *cells* (``RollupCell``, ingest.cypher
add_up_stale_cells): one per family, year, kind, scope and counted flag in each region, and one
of all regions, with the same parallel lists. A drilldown with no unit in it reads a family's
cells (about 60 of all regions, or a few thousand by region, where it would read 10,000 roll-ups at
10,000 documents); by unit, or within one unit, it reads the roll-ups. A document's write marks
the cells its roll-ups leave and enter (placed anew, replaced, deleted, or counted no longer),
and the same query adds a region's cell up again from its roll-ups; the cell of all regions above
it, which holds hundreds of region cells at 10,000 documents, stays marked stale until the load
adds it up once from its region cells (``add_up_all_cells``), and a read takes a stale one's
region cells meanwhile (``aggregate_cells``). Adding up again rather than adding a difference
keeps minima and maxima exact when a document leaves. The region cells of projects also add up
into one *area* cell per region (level ``AREA``, key ``AREA|PROJECTS|<region>``), all years,
kinds, scopes and flags: a region's projects count adds up the area cells of the regions within
it (graph/browse.py) instead of walking every project there; the region cells of documents do
the same (``AREA|DOCUMENTS|<region>``: a region's documents count, :data:`AREA_FAMILIES`). The
DOCUMENTS family holds each document once, so its cells of all regions count the documents of a
year, kind and scope: a documents count filtered by those adds up a few dozen cells
(graph/browse.py ``Listing.kept``).

Each roll-up is linked to its region cell (``IN_CELL``): adding a cell up and a drilldown by unit
read a cell's roll-ups through that link, and a unit's roll-ups come through its documents. Roll-ups
have no index on FalkorDB: it would be rebuilt at every start of the embedded store (about a fifth
of the indexes' build at 10,000 documents, most of it one entry per roll-up).

Projects count once per group (a project citing one policy as basis and as allocation is one
project of that policy); an expenditure line counts under the code it is filed under. What a
roll-up cannot answer (a substring of a project's name or issuer, a policy filter under a policy
drilldown) is computed from the facts directly (app/api/aggregate.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

Params = dict[str, Any]


class Family(StrEnum):
    """What a roll-up adds up and by which key; SUBSIDIES_* hold only projects that pay people."""

    PROJECTS = "PROJECTS"
    PROJECTS_BY_POLICY = "PROJECTS_BY_POLICY"
    PROJECTS_BY_ISSUER = "PROJECTS_BY_ISSUER"
    SUBSIDIES = "SUBSIDIES"
    SUBSIDIES_BY_POLICY = "SUBSIDIES_BY_POLICY"
    SUBSIDIES_BY_ISSUER = "SUBSIDIES_BY_ISSUER"
    SPENDING = "SPENDING"
    SPENDING_BY_CLASS = "SPENDING_BY_CLASS"
    SPENDING_BY_SECTION = "SPENDING_BY_SECTION"
    SPENDING_BY_CODE = "SPENDING_BY_CODE"
    DOCUMENTS = "DOCUMENTS"  # the document itself, one group of count 1: documents counted by year, kind, scope


AREA_FAMILIES = (Family.PROJECTS, Family.DOCUMENTS)
"""The families whose region cells add up into one area cell per region (a region's count reads them)."""


def area_key(family: str, region: str) -> str:
    """Cypher: the key of the area cell of ``family`` in the region named ``region`` (an expression):
    written by the cells' adding up (graph/queries/ingest.cypher ``@area_key``, ``family`` an
    expression: null for a family with none) and read by a region's count (graph/browse.py,
    ``family`` one of :data:`AREA_FAMILIES`)."""
    if isinstance(family, Family):
        if family not in AREA_FAMILIES:
            raise ValueError(f"{family} keeps no area cells")
        return f"'AREA|{family.value}|' + {region}"
    families = ", ".join(f"'{f.value}'" for f in AREA_FAMILIES)
    return f"CASE WHEN {family} IN [{families}] THEN 'AREA|' + {family} + '|' + {region} END"


SPENDING_DIGITS = {Family.SPENDING_BY_CLASS: 3, Family.SPENDING_BY_SECTION: 5}
"""The 功能分类 level a spending family's key is cut to; SPENDING_BY_CODE keeps the whole code."""
STATISTICS = ("count", "budgetSum", "budgetCount", "budgetMin", "budgetMax",
              "executedSum", "executedCount", "executedMin", "executedMax")


def _stats(facts: list[tuple[float | None, float | None]]) -> Params:
    """Count, sums, counts, minima and maxima of (budget, executed) amounts; null amounts are skipped."""
    out: Params = {"count": len(facts)}
    for i, name in enumerate(("budget", "executed")):
        values = [float(v) for f in facts if (v := f[i]) is not None]
        out |= {f"{name}Sum": sum(values, 0.0), f"{name}Count": len(values),
                f"{name}Min": min(values, default=0.0), f"{name}Max": max(values, default=0.0)}
    return out


def _groups(items: Iterable[tuple[Any, tuple[float | None, float | None]]],
            keys: Callable[[Any], Iterable[str]]) -> Params:
    """The parallel lists of one family: each item counted once in each of its keys' groups."""
    grouped: dict[str, dict[Any, tuple[float | None, float | None]]] = {}
    for ident, (item, amounts) in enumerate(items):
        for key in dict.fromkeys(keys(item)):
            grouped.setdefault(key, {})[ident] = amounts
    rows = [(key, _stats(list(facts.values()))) for key, facts in sorted(grouped.items())]
    return {"keys": [key for key, _ in rows], **{name: [stats[name] for _, stats in rows] for name in STATISTICS}}


def _cut(digits: int) -> Callable[[str], list[str]]:
    return lambda code: [code[:digits]]


def _policy_keys(project: Params) -> list[str]:
    return [c["key"] for c in project["policies"]] or [""]


def _issuers(project: Params) -> list[str]:
    return [c["issuer"] or "" for c in project["policies"]] or [""]


def rollups(params: Params) -> list[Params]:
    """The roll-up nodes of one document from its ``upsert_document`` parameters (graph/payload.py)."""
    doc = params["doc"]
    props, budget = doc["props"], doc["props"].get("kind") == "BUDGET"
    projects = [(p, (p["props"].get("budgetWan"), p["props"].get("executedWan"))) for p in params["projects"]]
    subsidies = [(p, amounts) for p, amounts in projects if p["subsidy"]]
    lines = [(line["code"], (total, None) if budget else (None, total))
             for line in params["lines"] for total in [line["props"].get("totalWan")]]
    families: dict[Family, Params] = {
        Family.PROJECTS: _groups(projects, lambda p: [""]),
        Family.PROJECTS_BY_POLICY: _groups(projects, _policy_keys),
        Family.PROJECTS_BY_ISSUER: _groups(projects, _issuers),
        Family.SUBSIDIES: _groups(subsidies, lambda p: [""]),
        Family.SUBSIDIES_BY_POLICY: _groups(subsidies, _policy_keys),
        Family.SUBSIDIES_BY_ISSUER: _groups(subsidies, _issuers),
        Family.SPENDING: _groups(lines, lambda code: [""]),
        **{family: _groups(lines, _cut(digits)) for family, digits in SPENDING_DIGITS.items()},
        Family.SPENDING_BY_CODE: _groups(lines, lambda code: [code]),
    }
    rolled = [{**_common(props), "family": family.value, **groups} for family, groups in families.items()
              if groups["keys"]]
    return [*rolled, document_rollup(props)]


def _common(props: Params) -> Params:
    return {"fiscalYear": props.get("fiscalYear"), "kind": props.get("kind"), "scope": props.get("scope")}


def document_rollup(props: Params) -> Params:
    """The DOCUMENTS roll-up of a document with properties ``props``: the document itself, once."""
    return {**_common(props), "family": Family.DOCUMENTS.value, **_groups([(None, (None, None))], lambda _: [""])}
