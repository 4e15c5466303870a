"""Graph properties of what the 情况说明 states per 项 and of the whole document (比上年, 年初预算).

A 项 statement a function line holds is kept on that line's ``SPENDS`` relationship; one no line
holds becomes a ``FunctionNarrative`` node of the document. Both carry the same property names,
so the API reads them alike: the statement's own amount is ``narrativeWan`` (beside the table's
``totalWan`` on a line) and its lines are ``narrativeLineStart``/``LineEnd``/``Text``/``Page``.
``None`` values leave a property unset, which is how a figure the document does not state reads
back: null.
"""

from __future__ import annotations

from typing import Any

from loaders.facts import DocumentFacts, FunctionNarrativeFact, PriorYearChangeFact, SourceRef

Params = dict[str, Any]

NARRATIVE_PROPS = (
    "narrativeCode", "narrativeClass", "narrativeSection", "narrativeItem", "narrativeWan", "initialBudgetWan",
    "budgetCompletionRate", "priorYearWan", "changeFromPriorYearWan", "changeFromPriorYearRate",
    "changeComparedWith", "changeReason", "budgetVarianceReason",
)
"""The properties a 项 statement writes (besides its lines)."""


def _lines(prefix: str, ref: SourceRef | None) -> Params:
    return {f"{prefix}LineStart": ref.line_start if ref else None, f"{prefix}LineEnd": ref.line_end if ref else None}


def narrative_props(fact: FunctionNarrativeFact | None) -> Params:
    """A 项 statement as flat properties (all ``None`` without one)."""
    values = (
        (fact.code, fact.class_name, fact.section_name, fact.item_name, fact.amount_wan, fact.initial_budget_wan,
         fact.completion_rate, fact.prior_year_wan, fact.prior_year_change_wan, fact.prior_year_change_rate,
         fact.compared_with, fact.change_reason, fact.variance_reason)
        if fact else (None,) * len(NARRATIVE_PROPS)
    )
    source = fact.source if fact else None
    return {
        **dict(zip(NARRATIVE_PROPS, values, strict=True)),
        **_lines("narrative", source),
        "narrativeText": source.text if source else None,
        "narrativePage": source.page if source else None,
    }


def narrative_nodes(doc_id: str, facts: DocumentFacts) -> list[Params]:
    """The document's statements no function line holds, as ``FunctionNarrative`` nodes."""
    return [
        {"id": f"{doc_id}|narrative|{i}", "props": {**narrative_props(fact), "fiscalYear": facts.fiscal_year}}
        for i, fact in enumerate(facts.function_narratives)
    ]


def _change(prefix: str, change: PriorYearChangeFact | None) -> Params:
    return {
        f"{prefix}Wan": change.change_wan if change else None,
        f"{prefix}Rate": change.change_rate if change else None,
        f"{prefix}ComparedWith": change.compared_with if change else None,
        f"{prefix}Reason": change.reason if change else None,
        **_lines(prefix, change.source if change else None),
    }


def whole_document_props(facts: DocumentFacts) -> Params:
    """比上年 of the whole and of the 财政拨款, and the 年初预算 comparison, as document properties."""
    budget = facts.budget_comparison
    return {
        **_change("priorYearChange", facts.prior_year_change),
        **_change("appropriationChange", facts.appropriation_change),
        "initialBudgetWan": budget.initial_budget_wan if budget else None,
        "budgetActualWan": budget.actual_wan if budget else None,
        "budgetVarianceRate": budget.variance_rate if budget else None,
        "budgetCompletionRate": budget.completion_rate if budget else None,
        "budgetVarianceReason": budget.reason if budget else None,
        **_lines("budgetComparison", budget.source if budget else None),
    }
