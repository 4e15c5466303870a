"""Turn one document's typed facts into the parameters of ``upsert_document``.

Graph properties must be scalars or lists of scalars on both engines, so nested facts
(provenance, indicators) are flattened here, once, with stable ids that make reloading a
document replace exactly what it wrote before.
"""

from __future__ import annotations

from typing import Any

from graph.classes import economic_class_params, economic_printed_name, function_class_params, function_printed_name
from graph.narratives import narrative_nodes, narrative_props, whole_document_props
from loaders.docnumbers import year_of
from loaders.facts import DocumentFacts, PolicyRef, ProjectFact, ProjectLineFact, SourceRef, ThreePublicItem
from loaders.measures import Measure
from loaders.policies import policy_issuer
from loaders.reconcile import Finding, reconcile
from loaders.resolve import link_projects, normalise_name, region_chain, unit_key
from loaders.subsidies import SubsidyStandard

Params = dict[str, Any]


def document_id(facts: DocumentFacts) -> str:
    """One document per unit, fiscal year and kind: a corrected re-publication replaces the
    earlier file's facts (the documented rule for duplicates)."""
    return f"{unit_key(facts.unit_name)}|{facts.fiscal_year}|{facts.kind.value}"


def _source(ref: SourceRef | None) -> Params:
    if ref is None:
        return {}
    return {
        "sourceLineStart": ref.line_start,
        "sourceLineEnd": ref.line_end,
        "sourceText": ref.text,
        "sourcePage": ref.page,
    }


def _policy(ref: PolicyRef, fiscal_year: int) -> Params:
    return {
        "key": ref.key,
        "docNumber": ref.doc_number,
        "title": ref.title,
        "issuer": policy_issuer(ref.doc_number, ref.title)[0],
        "year": year_of(ref.doc_number) if ref.doc_number else None,
        "role": ref.role.value,
        "props": {"role": ref.role.value, "fiscalYear": fiscal_year, **_source(ref.source)},
    }


def _project_line(line: ProjectLineFact, position: int, fiscal_year: int) -> Params:
    """A cell of the 项目支出表, written as a SPENDS relationship to its function class."""
    return {
        "code": line.function_code,
        "name": line.function_name,
        "props": {
            "project": line.project,
            "functionCode": line.function_code,
            "economicCode": line.economic_code,
            "economicClass": line.economic_class,
            "amountWan": line.amount_wan,
            "rowTotalWan": line.row_total_wan,
            "printedName": function_printed_name(line.function_code, line.function_name),
            "position": position,
            "fiscalYear": fiscal_year,
            **_source(line.source),
        },
    }


def _measure(prefix: str, measure: Measure | None) -> Params:
    """A value's reading as ``{prefix}Comparator``/``Value``/``Unit``/``Date`` beside its text."""
    return {
        f"{prefix}Comparator": measure.comparator.value if measure and measure.comparator else None,
        f"{prefix}Value": measure.value if measure else None,
        f"{prefix}Unit": measure.unit if measure else None,
        f"{prefix}Date": measure.date if measure else None,
    }


def _subsidy(standard: SubsidyStandard | None) -> Params:
    """补贴标准 read as ``subsidyAmount``/``Currency``/``Period``/``PerPerson``/``Comparator``."""
    return {
        "subsidyAmount": standard.amount if standard else None,
        "subsidyCurrency": standard.currency if standard else None,
        "subsidyPeriod": standard.period.value if standard and standard.period else None,
        "subsidyPerPerson": standard.per_person if standard else None,
        "subsidyComparator": standard.comparator.value if standard and standard.comparator else None,
    }


def _project(doc_id: str, project: ProjectFact, ordinal: int, fiscal_year: int, lines: list[Params]) -> Params:
    pid = f"{doc_id}|{normalise_name(project.name)}" + (f"#{ordinal}" if ordinal else "")
    return {
        "id": pid,
        "subsidy": project.is_subsidy,
        "lines": lines,
        "props": {
            "name": project.name,
            "fiscalYear": fiscal_year,
            "budgetWan": project.budget_wan,
            "executedWan": project.executed_wan,
            "selfEvaluationScore": project.self_evaluation_score,
            "undertakingUnit": project.undertaking_unit,
            "executionPeriod": project.execution_period,
            "fundingSource": project.funding_source,
            "beneficiaryCount": project.beneficiary_count,
            "subsidyStandard": project.subsidy_standard,
            **_subsidy(project.subsidy),
            "executionRate": project.execution_rate,
            "manager": project.manager,
            "subsidyScope": project.subsidy_scope,
            "subsidyMethod": project.subsidy_method,
            "allocationLabels": [item.label for item in project.allocation_items],
            "allocationAmountsWan": [item.amount_wan for item in project.allocation_items],
            **_source(project.source),
        },
        "policies": [_policy(ref, fiscal_year) for ref in project.policies],
        "indicators": [
            {
                "id": f"{pid}|{i}",
                "props": {
                    "name": ind.name,
                    "level1": ind.level1,
                    "level2": ind.level2,
                    "target": ind.target,
                    "actual": ind.actual,
                    "weight": ind.weight,
                    "score": ind.score,
                    "prior": ind.prior,
                    "deviationReason": ind.deviation_reason,
                    **_measure("target", ind.target_measure),
                    **_measure("actual", ind.actual_measure),
                    **_measure("prior", ind.prior_measure),
                    **_source(ind.source),
                },
            }
            for i, ind in enumerate(project.indicators)
        ],
    }


THREE_PUBLIC_PROPS = {
    ThreePublicItem.ABROAD: "threePublicAbroad",
    ThreePublicItem.VEHICLES: "threePublicVehicles",
    ThreePublicItem.VEHICLE_PURCHASE: "threePublicVehiclePurchase",
    ThreePublicItem.VEHICLE_OPERATION: "threePublicVehicleOperation",
    ThreePublicItem.RECEPTION: "threePublicReception",
}
"""Property prefix of each "三公" item on the document: ``{prefix}Wan``, ``{prefix}BudgetWan`` and its lines
(the API reads them back through this same table)."""


def _lines_of(prefix: str, ref: SourceRef | None) -> Params:
    """Where a document-level fact was read, as ``{prefix}LineStart``/``{prefix}LineEnd``."""
    return {f"{prefix}LineStart": ref.line_start if ref else None, f"{prefix}LineEnd": ref.line_end if ref else None}


def _document_facts(facts: DocumentFacts) -> Params:
    """The document-level facts of 概况, 基本支出, "三公", 结转结余 and 其他重要事项 as flat properties
    (``None`` removes a property a previous load set)."""
    props: Params = {
        "functions": list(facts.functions),
        "subordinateUnits": None if facts.subordinate_units is None else list(facts.subordinate_units),
        **_lines_of("functions", facts.functions_source),
        "generalBasicWan": facts.general_basic_wan,
        "personnelWan": facts.personnel_wan,
        "publicFundsWan": facts.public_funds_wan,
        **_lines_of("generalBasic", facts.general_basic_source),
        "threePublicBudgetWan": facts.three_public_budget_wan,
        "carryoverWan": facts.carryover_wan,
        "yearEndCarryoverWan": facts.year_end_carryover_wan,
        **_lines_of("carryover", facts.carryover_source),
        "operatingWan": facts.operating_wan,
        **_lines_of("operating", facts.operating_source),
    }
    items = {item.item: item for item in facts.three_public_items}
    for item, prefix in THREE_PUBLIC_PROPS.items():
        fact = items.get(item)
        props[f"{prefix}Wan"] = fact.amount_wan if fact else None
        props[f"{prefix}BudgetWan"] = fact.budget_wan if fact else None
        props |= _lines_of(prefix, fact.source if fact else None)
    procurement, assets, performance = facts.procurement, facts.assets, facts.performance
    props |= {
        "procurementTotalWan": procurement.total_wan if procurement else None,
        "procurementGoodsWan": procurement.goods_wan if procurement else None,
        "procurementWorksWan": procurement.works_wan if procurement else None,
        "procurementServicesWan": procurement.services_wan if procurement else None,
        "procurementSmeWan": procurement.sme_wan if procurement else None,
        "procurementSmallMicroWan": procurement.small_micro_wan if procurement else None,
        **_lines_of("procurement", procurement.source if procurement else None),
        "houseAreaM2": assets.house_area_m2 if assets else None,
        "houseValueWan": assets.house_value_wan if assets else None,
        "vehicleCount": assets.vehicle_count if assets else None,
        "vehicleValueWan": assets.vehicle_value_wan if assets else None,
        "equipmentOver500kCount": assets.equipment_over_500k_count if assets else None,
        "equipmentOver1mCount": assets.equipment_over_1m_count if assets else None,
        **_lines_of("assets", assets.source if assets else None),
        "performanceOverallCount": performance.overall_count if performance else None,
        "performanceOverallWan": performance.overall_wan if performance else None,
        "performanceProjectCount": performance.project_count if performance else None,
        "performanceProjectWan": performance.project_wan if performance else None,
        "performanceNonfiscalProjectCount": performance.nonfiscal_project_count if performance else None,
        "performanceNonfiscalProjectWan": performance.nonfiscal_project_wan if performance else None,
        "performanceProjectExecutedWan": performance.project_executed_wan if performance else None,
        **_lines_of("performance", performance.source if performance else None),
    }
    return props


def _income(facts: DocumentFacts) -> list[Params]:
    return [
        {
            "name": line.funding_source,
            "props": {
                "source": line.funding_source,
                "amountWan": line.amount_wan,
                "position": i,
                "fiscalYear": facts.fiscal_year,
                **_source(line.source),
            },
        }
        for i, line in enumerate(facts.income_lines)
    ]


def _economic(facts: DocumentFacts) -> list[Params]:
    return [
        {
            **economic_class_params(line.code, line.name),
            "props": {
                "code": line.code,
                "printedName": economic_printed_name(line.code, line.name),
                "amountWan": line.amount_wan,
                "category": line.category.value if line.category else None,
                "fiscalYear": facts.fiscal_year,
                **_source(line.source),
            },
        }
        for line in facts.economic_lines
    ]


def _finding(doc_id: str, finding: Finding, ordinal: int) -> Params:
    return {
        "id": f"{doc_id}|finding|{ordinal}",
        "props": {
            "check": finding.check,
            "message": finding.message,
            "expectedWan": finding.expected_wan,
            "actualWan": finding.actual_wan,
            "differenceWan": finding.difference_wan,
            "sourceLineStarts": [s.line_start for s in finding.sources],
            "sourceLineEnds": [s.line_end for s in finding.sources],
            "sourceTexts": [s.text for s in finding.sources],
        },
    }


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
    same unit, year and kind; ``extractor_version`` tells a loader job whether an unchanged file
    needs extracting again: see ``app.loading``."""
    doc_id = document_id(facts)
    ukey = unit_key(facts.unit_name)
    chain = region_chain(facts.unit_name)
    # 项目支出表 lines go to the (first) project of their name; the others stay with the document.
    unclaimed: dict[str, list[Params]] = {}
    for i, line in enumerate(facts.project_lines):
        unclaimed.setdefault(normalise_name(line.project), []).append(_project_line(line, i, facts.fiscal_year))
    seen: dict[str, int] = {}
    projects = []
    for project in facts.projects:
        name = normalise_name(project.name)
        lines = unclaimed.pop(name, [])
        projects.append(_project(doc_id, project, seen.get(name, 0), facts.fiscal_year, lines))
        seen[name] = seen.get(name, 0) + 1
    return {
        "doc": {
            "id": doc_id,
            "props": {
                "title": facts.title,
                "kind": facts.kind.value,
                "fiscalYear": facts.fiscal_year,
                "sourcePath": facts.path,
                "sha256": facts.sha256,
                "sourceMtime": source_mtime,
                "extractorVersion": extractor_version,
                "unitName": facts.unit_name,
                "totalWan": facts.total_wan,
                "basicExpenditureWan": facts.basic_expenditure_wan,
                "projectExpenditureWan": facts.project_expenditure_wan,
                "threePublicWan": facts.three_public_wan,
                "staffAuthorized": facts.staff_authorized,
                "staffActual": facts.staff_actual,
                "staffInService": facts.staff_in_service,
                "staffRetired": facts.staff_retired,
                "staffLixiu": facts.staff_lixiu,
                **_lines_of("overview", facts.overview_source),
                **_document_facts(facts),
                **whole_document_props(facts),
            },
        },
        "unit": {"id": ukey, "name": normalise_name(facts.unit_name), "fiscalYear": facts.fiscal_year},
        "region": chain[0].name if chain else None,
        "regions": [{"name": link.name, "parent": link.parent} for link in chain],
        "departments": [
            {"id": f"{ukey}|{normalise_name(name)}", "name": name, "position": i}
            for i, name in enumerate(dict.fromkeys(facts.departments))
        ],
        "lines": [
            {
                "code": line.code,
                "name": line.name,
                "props": {
                    "totalWan": line.total_wan,
                    "basicWan": line.basic_wan,
                    "projectWan": line.project_wan,
                    "fiscalYear": facts.fiscal_year,
                    "printedName": function_printed_name(line.code, line.name),
                    **_source(line.source),
                    "generalPublicWan": line.general_public_wan,
                    **narrative_props(line.narrative),
                },
            }
            for line in facts.function_lines
        ],
        "functionClasses": function_class_params(
            [(line.code, line.name) for line in facts.function_lines]
            + [(line.function_code, line.function_name) for line in facts.project_lines]
            + [(told.code, told.item_name) for told in facts.function_narratives if told.code]
        ),
        "functionNarratives": narrative_nodes(doc_id, facts),
        "citations": [_policy(ref, facts.fiscal_year) for ref in _every_citation(facts)],
        "income": _income(facts),
        "economic": _economic(facts),
        "projects": projects,
        "projectLines": [line for lines in unclaimed.values() for line in lines],
        "findings": [_finding(doc_id, f, i) for i, f in enumerate(reconcile(facts))],
        "links": [],
    }


def with_project_links(params: Params, elsewhere: list[dict[str, Any]]) -> Params:
    """Add SAME_PROJECT_AS links from this document's projects to the same projects of the unit
    in its other documents (rows of ``projects_of_unit_elsewhere``), similarity kept."""
    new = [(p["id"], p["props"]["name"]) for p in params["projects"]]
    existing = [(row["id"], row["name"], row["fiscalYear"]) for row in elsewhere]
    links = [
        {"project": link.project, "other": link.other, "similarity": link.similarity}
        for link in link_projects(new, existing)
    ]
    return {**params, "links": links}
