"""The ground truth of one generated document: what a correct extractor must read from its text.

Field names follow :class:`loaders.facts.DocumentFacts` (amounts in 万元, ``*_wan``); 发文字号 are
canonical (〔〕, no spaces), also where one is part of a project name. A figure the text does not
state is ``None``; a family the text states is recorded whole (every row, item and statement).
"""

from __future__ import annotations

from typing import Any

from samples.book import cover_title, empty_tables
from samples.explanation import income_sources
from samples.indicators import Indicator
from samples.ledger import Procurement
from samples.plan import FINAL, DocPlan, Project
from samples.project_blocks import execution_period, funding_source
from samples.render import Style
from samples.statements import (
    change_reason,
    compared_with,
    item_statements,
    variance_rate,
    variance_reason,
    whole_change,
)
from samples.tables import economic_rows, is_personnel
from samples.templates import title
from samples.world import ECONOMIC_NAMES, ITEM_NAMES, KUAN_NAMES

# How the income extractor names a source the text words differently.
_INCOME_NAMES = {"上级一般公共预算安排的转移支付资金": "上级一般公共预算转移支付"}
_PERIODS = {"月": "MONTH", "年": "YEAR"}


def wan(c: int) -> float:
    return round(c / 100, 2)


def truth(plan: DocPlan, style: Style, filename: str) -> dict[str, Any]:
    unit = plan.unit
    citations = {pol.doc_number: pol.title for p in plan.projects if p.described for pol in _policies(p)}
    final = plan.kind == FINAL
    authorized, in_service, retired, lixiu = plan.staff
    return {
        "filename": filename,
        "title": cover_title(plan, style.book_scope) if style.book_scope else title(plan),
        "scope": "UNIT" if style.book_scope == "单位" else "DEPARTMENT",
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
            "national_titles": style.national_titles,
            "book_scope": style.book_scope,
        },
        "total_wan": wan(plan.total),
        "basic_expenditure_wan": wan(plan.basic),
        "project_expenditure_wan": wan(plan.project_total),
        "three_public_wan": wan(plan.three_public),
        "staff_authorized": authorized,
        "staff_actual": in_service + retired + lixiu,
        "staff_in_service": in_service,
        "staff_retired": retired,
        "staff_lixiu": lixiu,
        "departments": list(plan.departments),
        "functions": list(plan.duties),
        "subordinate_units": list(plan.subordinates),
        "function_lines": [
            {
                "code": ln.code,
                "name": ITEM_NAMES[ln.code],
                "total_wan": wan(ln.total),
                "basic_wan": wan(ln.basic),
                "project_wan": wan(ln.project),
                "general_public_wan": wan(ln.total),
            }
            for ln in plan.lines
        ],
        "function_narratives": _narratives(plan),
        **_whole(plan),
        "income_lines": [
            {"funding_source": _INCOME_NAMES.get(name, name), "amount_wan": wan(amount or 0)}
            for name, amount in income_sources(plan)
        ],
        "economic_lines": [
            {
                "code": code,
                "name": ECONOMIC_NAMES[code],
                "amount_wan": wan(amount),
                "category": "人员经费" if is_personnel(code) else "公用经费",
            }
            for code, amount in economic_rows(plan)
        ],
        "general_basic_wan": wan(plan.basic),
        "personnel_wan": wan(plan.personnel),
        "public_funds_wan": wan(plan.public_fee),
        "project_lines": [
            {
                "project": p.name,
                "function_code": p.kind.code,
                "economic_code": code,
                "economic_class": ECONOMIC_NAMES[code],
                "amount_wan": wan(amount),
                "row_total_wan": wan(p.spent),
            }
            for p in sorted(plan.projects, key=lambda p: p.kind.code)
            for code, amount in p.columns
        ],
        "three_public_items": _three_public(plan),
        "three_public_budget_wan": wan(plan.initial.car + plan.initial.reception) if plan.initial else None,
        "carryover_wan": wan(plan.carryover),
        "year_end_carryover_wan": 0.0 if final else None,
        "operating_wan": wan(plan.public_fee),
        "procurement": _procurement(plan.procurement),
        "assets": {
            "house_area_m2": wan(plan.assets.house_m2),
            "house_value_wan": wan(plan.assets.house_value),
            "vehicle_count": plan.assets.vehicles,
            "vehicle_value_wan": wan(plan.assets.vehicle_value),
            "equipment_over_500k_count": None if final else plan.assets.equipment_500k,
            "equipment_over_1m_count": plan.assets.equipment_1m,
        },
        "performance": _performance(plan),
        "projects": [_project(plan, p) if p.described else _listed(p) for p in plan.projects],
        "stated_empty_tables": empty_tables(plan, style.book_scope),
        "citations": [{"doc_number": k, "title": v} for k, v in sorted(citations.items())],
    }


def _policies(p: Project) -> list[Any]:
    return [*p.bases, *([p.allocation] if p.allocation else [])]


def _narratives(plan: DocPlan) -> list[dict[str, Any]]:
    """Each 项 statement of the 一般公共预算 情况说明, in the text's order."""
    out = []
    for s in item_statements(plan):
        national = s.initial is not None
        reason = change_reason(plan, s)
        out.append(
            {
                "code": s.code,
                "item_name": ITEM_NAMES[s.code],
                "section_name": KUAN_NAMES[s.code[:5]],
                "class_name": None,  # the statements name the 款 and 项 only
                "amount_wan": wan(s.amount),
                "initial_budget_wan": None if s.initial is None else wan(s.initial),
                "completion_rate": s.completion_rate if national else None,
                "prior_year_change_wan": None if national else wan(s.change),
                "prior_year_change_rate": None if national else s.change_rate,
                "compared_with": None if national else compared_with(plan),
                "change_reason": None if national else reason,
                "variance_reason": reason if national else None,
            }
        )
    return out


def _whole(plan: DocPlan) -> dict[str, Any]:
    change = whole_change(plan)
    said = {
        "change_wan": wan(change.change),
        "change_rate": change.rate,
        "compared_with": change.compared_with,
        "reason": change.reason,
    }
    comparison = None
    if plan.initial is not None:
        comparison = {
            "initial_budget_wan": wan(plan.initial.total),
            "actual_wan": wan(plan.total),
            "variance_rate": variance_rate(plan),
            "completion_rate": None,
            "reason": variance_reason(plan),
        }
    return {"prior_year_change": said, "appropriation_change": said, "budget_comparison": comparison}


def _three_public(plan: DocPlan) -> list[dict[str, Any]]:
    """The items the "三公" 情况说明 states; final accounts give each but the combined vehicle item
    its 全年预算数."""
    initial = plan.initial
    items: list[tuple[str, int, int | None]] = [("因公出国（境）费", 0, 0)]
    if plan.wording.vehicles_combined:
        items.append(("公务用车购置及运行费", plan.car, None))
    items += [
        ("公务用车购置费", 0, 0),
        ("公务用车运行费", plan.car, initial.car if initial else None),
        ("公务接待费", plan.reception, initial.reception if initial else None),
    ]
    return [
        {"item": item, "amount_wan": wan(amount), "budget_wan": wan(budget) if initial and budget is not None else None}
        for item, amount, budget in items
    ]


def _procurement(pr: Procurement) -> dict[str, float]:
    return {
        "total_wan": wan(pr.total),
        "goods_wan": wan(pr.goods),
        "works_wan": wan(pr.works),
        "services_wan": wan(pr.services),
        "sme_wan": wan(pr.sme),
        "small_micro_wan": wan(pr.small_micro),
    }


def _performance(plan: DocPlan) -> dict[str, Any]:
    final = plan.kind == FINAL
    return {
        "overall_count": 1,
        "overall_wan": wan(plan.total),
        "project_count": len(plan.projects),
        "project_wan": wan(sum(p.budget for p in plan.projects)),
        "nonfiscal_project_count": None,
        "nonfiscal_project_wan": None,
        "project_executed_wan": wan(plan.project_total) if final else None,
    }


def _indicator(i: Indicator, final: bool) -> dict[str, Any]:
    t = i.target
    return {
        "level1": i.level1,
        "level2": i.level2,
        "name": i.name,
        "target": t.text,
        "target_measure": {"comparator": t.comparator, "value": t.value, "unit": t.unit, "date": t.date},
        "prior": None if final else i.prior,
        "weight": float(i.weight),
        "actual": i.actual if final else None,
        "score": round((i.score or 0) / 100, 2) if final else None,
    }


def _listed(p: Project) -> dict[str, Any]:
    """A project only the 项目支出表 lists (a budget book's): its name, function class and budget."""
    return {
        "key": p.kind.key, "name": p.name, "function_code": p.kind.code, "budget_wan": wan(p.budget),
        "executed_wan": None, "self_evaluation_score": None, "undertaking_unit": None, "execution_period": None,
        "allocation_items": [], "policies": [], "funding_source": None, "beneficiary_count": None,
        "subsidy_standard": None, "subsidy": None, "subsidy_scope": None, "subsidy_method": None,
        "indicators": [], "carryover_wan": None, "described": False,
    }


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
        "subsidy_standard": p.standard,
        "subsidy": {"amount": float(s.yuan), "currency": "元", "period": _PERIODS[s.per], "per_person": True}
        if s
        else None,
        "subsidy_scope": s.scope if s else None,
        "subsidy_method": s.method if s else None,
        "indicators": [_indicator(i, final) for i in p.indicators],
        "carryover_wan": wan(p.carried) if p.carried else None,
        "described": True,
    }
