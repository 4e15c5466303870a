"""The fact families of a generated document, from its extracted facts and from its truth,
in one comparable shape: family → key → value (amounts rounded to the cent, text canonical).

A family is what one extractor reads: 概况 lists and staff, income by source, 基本支出 by 经济分类,
the 项目支出表's cells, the "三公" items, 结转结余, the tables stated empty, 其他重要事项, each 项's 情况说明, the
whole document's comparisons, the 一般公共预算支出表's amounts, indicators with their parsed values, 补贴标准.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from loaders.facts import DocumentFacts
from tests.fact_families import flat_document
from tests.fact_scores import Score, Value, score

FAMILIES = (
    "overview",
    "income",
    "economic",
    "project_lines",
    "three_public",
    "carryover",
    "stated_empty",
    "other_matters",
    "narratives",
    "whole",
    "general_public",
    "indicators",
    "subsidies",
)
Families = dict[str, dict[str, Value]]


def canonical(text: str | None) -> str | None:
    """NFKC, no whitespace or thousands commas, every bracket pair as 〔〕: how the truth writes numbers."""
    if text is None:
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace(",", "")
    return text.translate(str.maketrans("[【(", "〔〔〔")).translate(str.maketrans("]】)", "〕〕〕"))


def _cent(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _value(x: Any) -> Any:
    return getattr(x, "value", x)


def _fields(prefix: str, obj: Mapping[str, Any] | None, text: Iterable[str] = ()) -> dict[str, Value]:
    """An object's fields under ``prefix.``, amounts to the cent, ``text`` fields canonical."""
    if obj is None:
        return {}
    return {
        f"{prefix}.{k}": canonical(v) if k in text else _cent(v) if isinstance(v, float) else v
        for k, v in obj.items()
        if k != "source"
    }


def _obj(x: Any) -> dict[str, Any] | None:
    return None if x is None else dict(vars(x))


def _narrative(n: Mapping[str, Any]) -> tuple[object, ...]:
    keys = ("amount_wan", "prior_year_change_wan", "prior_year_change_rate", "initial_budget_wan", "completion_rate")
    return (
        *(_cent(n[k]) for k in keys),
        n["compared_with"],
        canonical(n["change_reason"]),
        canonical(n["variance_reason"]),
    )


def _indicator(i: Mapping[str, Any]) -> tuple[object, ...]:
    m = i["target_measure"]
    measure = m and (_value(m["comparator"]), m["value"], m["unit"], m["date"])
    texts = (canonical(i[k]) for k in ("target", "prior", "actual"))
    return (*texts, measure, i["weight"], i["score"], i["level1"], i["level2"])


def _families(d: Mapping[str, Any], narratives: list[Mapping[str, Any]], projects: list[Mapping[str, Any]]) -> Families:
    """The families of a document given as plain mappings (the truth's shape)."""
    subsidies = {
        canonical(p["name"]) or "": (canonical(p["subsidy_standard"]), *(_value(v) for v in p["subsidy"].values()))
        for p in projects
        if p["subsidy_standard"]
    }
    indicators = {repr((canonical(p["name"]), i["name"])): _indicator(i) for p in projects for i in p["indicators"]}
    return {
        "overview": {
            "functions": tuple(canonical(f) for f in d["functions"]),
            "subordinate_units": None if d["subordinate_units"] is None else tuple(d["subordinate_units"]),
            **{k: d[k] for k in ("staff_in_service", "staff_retired", "staff_lixiu")},
        },
        "income": {line["funding_source"]: _cent(line["amount_wan"]) for line in d["income_lines"]},
        "economic": {
            **{
                e["code"]: (canonical(e["name"]), _cent(e["amount_wan"]), _value(e["category"]))
                for e in d["economic_lines"]
            },
            **{k: _cent(d[k]) for k in ("general_basic_wan", "personnel_wan", "public_funds_wan")},
        },
        "project_lines": {
            repr((canonical(p["project"]), p["function_code"], p["economic_code"])): (
                _cent(p["amount_wan"]),
                _cent(p["row_total_wan"]),
            )
            for p in d["project_lines"]
        },
        "three_public": {
            **{_value(i["item"]): (_cent(i["amount_wan"]), _cent(i["budget_wan"])) for i in d["three_public_items"]},
            "budget": _cent(d["three_public_budget_wan"]),
        },
        "carryover": {k: _cent(d[k]) for k in ("carryover_wan", "year_end_carryover_wan")},
        "stated_empty": {
            getattr(t["table"], "name", t["table"]): canonical(t["title"]) for t in d["stated_empty_tables"]
        },
        "other_matters": {
            "operating_wan": _cent(d["operating_wan"]),
            **_fields("procurement", d["procurement"]),
            **_fields("assets", d["assets"]),
            **_fields("performance", d["performance"]),
        },
        "narratives": {n["code"]: _narrative(n) for n in narratives},
        "whole": {
            **_fields("prior", d["prior_year_change"], ("reason",)),
            **_fields("appropriation", d["appropriation_change"], ("reason",)),
            **_fields("budget", d["budget_comparison"], ("reason",)),
        },
        "general_public": {line["code"]: _cent(line["general_public_wan"]) for line in d["function_lines"]},
        "indicators": indicators,
        "subsidies": subsidies,
    }


def expected_families(truth: Mapping[str, Any]) -> Families:
    return _families(truth, truth["function_narratives"], truth["projects"])


def extracted_families(facts: DocumentFacts) -> Families:
    d = flat_document(facts)
    told = [line["narrative"] for line in d["function_lines"] if line["narrative"]] + list(d["function_narratives"])
    subsidy = ("amount", "currency", "period", "per_person")  # as the truth records a 补贴标准
    projects = [{**p, "subsidy": p["subsidy"] and {k: p["subsidy"][k] for k in subsidy}} for p in d["projects"]]
    return _families(d, told, projects)


def family_score(expected: Families, got: Families, family: str) -> Score:
    return score(expected[family], got[family])


def added(a: Score, b: Score) -> Score:
    return Score(a.expected + b.expected, a.found + b.found, a.correct + b.correct)
