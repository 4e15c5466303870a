"""Turn one document's typed facts into the parameters of ``upsert_document``.

Each fact's properties come from the codec (``graph.codec``: by rule from its dataclass); this
module only adds what belongs to the graph, not to the fact: stable ids that make reloading a
document replace exactly what it wrote before, positions, the fiscal year on every relationship,
and the ``printedName`` of classification rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from graph.classes import economic_class_params, economic_printed_name, function_class_params, function_printed_name
from graph.codec import encode
from graph.order import with_order_keys
from graph.rollups import area_key, rollups
from loaders.facts import DocumentFacts, FunctionLineFact, IndicatorFact, PolicyRef, ProjectFact, ProjectLineFact
from vocab.docnumbers import year_of
from vocab.policies import policy_issuer
from vocab.resolve import ProjectCandidate, link_projects, normalise_name, unit_key

Params = dict[str, Any]


class NodeFact(NamedTuple):
    """How a node holding one fact is stored: the fact's dataclass, the properties the graph adds to the
    codec's, and whether its provenance keeps lines only (a document's: its text is the file's)."""

    fact: type
    added: tuple[str, ...]
    lines_only: bool = False

    def encode(self, value: Any, skip: tuple[str, ...] = ()) -> Params:
        """The codec's properties of ``value`` (None: every property, as None) as this node stores them."""
        return encode(value, self.fact, lines_only=self.lines_only, skip=skip)


NODE_FACTS: dict[str, NodeFact] = {
    "BudgetDocument": NodeFact(DocumentFacts, ("id", "sourceMtime", "extractorVersion"), lines_only=True),
    "Project": NodeFact(ProjectFact, ("id", "fiscalYear")),
    "Indicator": NodeFact(IndicatorFact, ("id",)),
}
"""Nodes holding one fact each, as they are stored (``upsert_params`` writes them so; graph/projection.py
reads exactly these properties back, and the API narrows a read to those a request selects)."""


def document_id(facts: DocumentFacts) -> str:
    """One document per unit, fiscal year, kind and scope: a corrected re-publication replaces the
    earlier file's facts (the documented rule for duplicates), while a unit's 部门 and 单位
    documents of one year are two documents."""
    header = facts.header
    return f"{unit_key(header.unit_name)}|{header.fiscal_year}|{header.kind.value}|{header.scope.value}"


def _policy(ref: PolicyRef, fiscal_year: int) -> Params:
    return with_order_keys("Policy", {
        "key": ref.key,
        "docNumber": ref.doc_number,
        "title": ref.title,
        "issuer": policy_issuer(ref.doc_number, ref.title)[0],
        "year": year_of(ref.doc_number) if ref.doc_number else None,
        "role": ref.role.value,
        "props": {"fiscalYear": fiscal_year, **encode(ref, skip=("doc_number", "title"))},
    })


def _project_line(line: ProjectLineFact, position: int, fiscal_year: int) -> Params:
    """A cell of the 项目支出表, written as a SPENDS relationship to its function class."""
    return {
        "code": line.function_code,
        "name": line.function_name,
        "props": {
            **encode(line),
            "printedName": function_printed_name(line.function_code, line.function_name),
            "position": position,
            "fiscalYear": fiscal_year,
        },
    }


def _project(doc_id: str, project: ProjectFact, ordinal: int, fiscal_year: int, lines: list[Params]) -> Params:
    pid = f"{doc_id}|{normalise_name(project.name)}" + (f"#{ordinal}" if ordinal else "")
    indicator = NODE_FACTS["Indicator"]
    return {
        "id": pid,
        "subsidy": project.is_subsidy,
        "lines": lines,
        "props": with_order_keys("Project", {**NODE_FACTS["Project"].encode(project), "fiscalYear": fiscal_year}),
        "policies": [_policy(ref, fiscal_year) for ref in project.policies],
        "indicators": [{"id": f"{pid}|{i}", "props": with_order_keys("Indicator", indicator.encode(ind))}
                       for i, ind in enumerate(project.indicators)],
    }


def indicator_project_key(key: str) -> str:
    """Cypher: the id of the project an indicator of id ``key`` (an expression) belongs to, by the rule
    ``_project`` writes it (``<project id>|<n>``): FalkorDB rebuilds every index at each start, and one
    on 180,000 indicators' ids cost a quarter of their indexes' build, so an indicator is found from
    its project (graph/dialect.py ``FALKORDB_UNREAD``). A key that is none of ours finds no indicator
    (``abs``: no negative length for a key without a bar; Cypher evaluates every branch of a CASE)."""
    return f"left({key}, abs(size({key}) - size(last(split({key}, '|'))) - 1))"


def indicator_by_key(var: str, key: str, project: str = "") -> str:
    """A pattern binding ``var`` to the indicator of id ``key`` (an expression), through its project's
    key (bound to ``project`` when named)."""
    return f"({project}:Project {{id: {indicator_project_key(key)}}})-[:HAS_INDICATOR]->({var}:Indicator {{id: {key}}})"


PATTERNS: dict[str, Callable[..., str]] = {"indicator_by_key": indicator_by_key, "area_key": area_key}
"""Patterns a named query writes as ``@name(arg, ...)`` (graph/catalogue.py): a rule the list
builders state in Python is stated once for the files of graph/queries/ too."""


def _income(facts: DocumentFacts) -> list[Params]:
    return [
        {"name": line.funding_source, "props": {**encode(line), "position": i, "fiscalYear": facts.header.fiscal_year}}
        for i, line in enumerate(facts.income_lines)
    ]


def _economic(facts: DocumentFacts) -> list[Params]:
    return [
        {
            **economic_class_params(line.code, line.name),
            "props": {
                **encode(line),
                "printedName": economic_printed_name(line.code, line.name),
                "fiscalYear": facts.header.fiscal_year,
            },
        }
        for line in facts.basic.lines
    ]


def _function_line(line: FunctionLineFact, fiscal_year: int) -> Params:
    return {
        "code": line.code,
        "name": line.name,
        "props": {
            **encode(line), "fiscalYear": fiscal_year, "printedName": function_printed_name(line.code, line.name)
        },
    }


def _narratives(doc_id: str, facts: DocumentFacts) -> list[Params]:
    """The 情况说明's statements no function line holds, as ``FunctionNarrative`` nodes."""
    return [
        {"id": f"{doc_id}|narrative|{i}", "props": {**encode(fact), "fiscalYear": facts.header.fiscal_year}}
        for i, fact in enumerate(facts.function_narratives)
    ]


def _every_citation(facts: DocumentFacts) -> list[PolicyRef]:
    """The document's citations plus any project policy they miss, one per policy key, so
    every policy node the projects link to is created with its number, title and issuer."""
    by_key: dict[str, PolicyRef] = {}
    for ref in (*facts.citations, *(p for project in facts.projects for p in project.policies)):
        by_key.setdefault(ref.key, ref)
    return list(by_key.values())


def upsert_params(
    facts: DocumentFacts, *, source_mtime: float | None = None, extractor_version: str | None = None
) -> Params:
    """Parameters for ``upsert_document``; pure, so it is tested without a database.

    ``source_mtime`` (the file's modification time) decides between two files describing the
    same unit, year, kind and scope; ``extractor_version`` tells a loader job whether an unchanged file
    needs extracting again: see ``app.loading``. The facts must be resolved and reconciled
    (``loaders.pipeline.prepare``): encoding decides nothing about them."""
    unit, findings = facts.unit, facts.findings
    if unit is None or findings is None:
        raise ValueError(f"{facts.path}: facts not resolved and reconciled (loaders.pipeline.prepare)")
    doc_id, year = document_id(facts), facts.header.fiscal_year
    # 项目支出表 lines go to the (first) project of their name; the others stay with the document.
    unclaimed: dict[str, list[Params]] = {}
    for i, line in enumerate(facts.project_lines):
        unclaimed.setdefault(normalise_name(line.project), []).append(_project_line(line, i, year))
    seen: dict[str, int] = {}
    projects = []
    for project in facts.projects:
        name = normalise_name(project.name)
        listed = normalise_name(project.listed_as) if project.listed_as else name
        lines = [*unclaimed.pop(name, []), *unclaimed.pop(listed, [])]
        projects.append(_project(doc_id, project, seen.get(name, 0), year, lines))
        seen[name] = seen.get(name, 0) + 1
    params: Params = {
        "doc": {
            "id": doc_id,
            "props": with_order_keys("BudgetDocument", {
                **NODE_FACTS["BudgetDocument"].encode(facts),
                "sourceMtime": source_mtime,
                "extractorVersion": extractor_version,
            }),
        },
        "unit": with_order_keys("Unit", {"id": unit.key, "name": unit.name, "fiscalYear": year}),
        "region": facts.region,
        "regions": [{"name": link.name, "parent": link.parent} for link in unit.regions],
        "departments": [
            {"id": f"{unit.key}|{normalise_name(name)}", "name": name, "position": i}
            for i, name in enumerate(dict.fromkeys(facts.overview.departments))
        ],
        "lines": [_function_line(line, year) for line in facts.function_lines],
        "functionClasses": function_class_params(
            [(line.code, line.name) for line in facts.function_lines]
            + [(line.function_code, line.function_name) for line in facts.project_lines]
            + [(told.code, told.item_name) for told in facts.function_narratives if told.code]
        ),
        "functionNarratives": _narratives(doc_id, facts),
        "citations": [_policy(ref, year) for ref in _every_citation(facts)],
        "income": _income(facts),
        "economic": _economic(facts),
        "projects": projects,
        "projectLines": [line for lines in unclaimed.values() for line in lines],
        "findings": [{"id": f"{doc_id}|finding|{i}", "props": encode(f)} for i, f in enumerate(findings)],
        "links": [],
    }
    return {**params, "rollups": rollups(params)}


def with_project_links(params: Params, elsewhere: list[dict[str, Any]]) -> Params:
    """Add SAME_PROJECT_AS links from this document's projects to the same projects of the unit
    in its other documents (rows of ``projects_of_unit_elsewhere``), confidence and reason kept."""
    new = [ProjectCandidate(p["id"], p["props"]["name"], frozenset(line["code"] for line in p.get("lines") or []))
           for p in params["projects"]]
    existing = [(ProjectCandidate(row["id"], row["name"], frozenset(row.get("codes") or [])), row["fiscalYear"])
                for row in elsewhere]
    links = [
        {"project": link.project, "other": link.other, "similarity": link.similarity, "reason": link.reason}
        for link in link_projects(new, existing)
    ]
    return {**params, "links": links}
