"""The ground truth of one generated document: what a correct extractor must read from its text.

Field names follow :class:`loaders.facts.DocumentFacts` (amounts in 万元, ``*_wan``); 发文字号 are
canonical (〔〕, no spaces), also where one is part of a project name.
"""

from __future__ import annotations

from typing import Any

from samples.plan import FINAL, DocPlan, Project
from samples.render import Style
from samples.templates import execution_period, funding_source, title
from samples.world import ITEM_NAMES


def wan(c: int) -> float:
    return round(c / 100, 2)


def truth(plan: DocPlan, style: Style, filename: str) -> dict[str, Any]:
    unit = plan.unit
    citations = {pol.doc_number: pol.title for p in plan.projects for pol in _policies(p)}
    return {
        "filename": filename,
        "title": title(plan),
        "unit": plan.unit_name,
        "unit_canonical": unit.name,
        "unit_aliases": [unit.former_name] if unit.former_name else [],
        "region": unit.county or unit.prefecture,
        "region_path": list(unit.region_path),
        "kind": plan.kind,
        "fiscal_year": plan.year,
        "rendering": {
            "layout": style.layout,
            "bracket": style.bracket,
            "split_codes": style.split_codes,
            "tables_in_yuan": sorted(style.yuan_tables),
        },
        "total_wan": wan(plan.total),
        "basic_expenditure_wan": wan(plan.basic),
        "project_expenditure_wan": wan(plan.project_total),
        "three_public_wan": wan(plan.three_public),
        "staff_authorized": plan.staff[0],
        "staff_actual": plan.staff[1] + plan.staff[2],
        "departments": list(plan.departments),
        "function_lines": [
            {
                "code": ln.code,
                "name": ITEM_NAMES[ln.code],
                "total_wan": wan(ln.total),
                "basic_wan": wan(ln.basic),
                "project_wan": wan(ln.project),
            }
            for ln in plan.lines
        ],
        "projects": [_project(plan, p) for p in plan.projects],
        "citations": [{"doc_number": k, "title": v} for k, v in sorted(citations.items())],
    }


def _policies(p: Project) -> list[Any]:
    return [*p.bases, *([p.allocation] if p.allocation else [])]


def _project(plan: DocPlan, p: Project) -> dict[str, Any]:
    final = plan.kind == FINAL
    s = p.kind.subsidy
    policies = [{"doc_number": b.doc_number, "title": b.title, "role": "BASIS"} for b in p.bases]
    if p.allocation:
        policies.append(
            {"doc_number": p.allocation.doc_number, "title": p.allocation.title, "role": "ALLOCATION"}
        )
    return {
        "key": p.kind.key,
        "name": p.name,
        "function_code": p.kind.code,
        "budget_wan": wan(p.budget),
        "executed_wan": wan(p.spent) if final else None,
        "self_evaluation_score": round((p.score or 0) / 100, 2) if final else None,
        "undertaking_unit": plan.unit_name,
        "execution_period": execution_period(plan, p),
        "allocation_items": [{"label": label, "amount_wan": wan(c)} for label, c in p.uses],
        "policies": policies,
        "funding_source": funding_source(p) if s else None,
        "beneficiary_count": p.people,
        "subsidy_standard": s.standard if s else None,
        "subsidy_scope": s.scope if s else None,
        "subsidy_method": s.method if s else None,
        "indicators": [
            {
                "level1": i.level1,
                "level2": i.level2,
                "name": i.name,
                "target": i.target,
                "weight": float(i.weight),
                "actual": i.actual if final else None,
                "score": round((i.score or 0) / 100, 2) if final else None,
            }
            for i in p.indicators
        ],
    }
