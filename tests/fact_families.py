"""A document's facts as families of keyed fields, to compare two readings of one document.

Every field of :class:`~loaders.facts.DocumentFacts` but provenance (path, hash, source lines) lands
in exactly one family, as ``{key: value}`` with one scalar (or tuple of scalars) per key, so that
precision and recall count facts one field at a time. Rows are keyed by what names them (a 功能分类
code, a project name; a repeat by its occurrence from 2 on) and indicators by project and position,
so that an indicator whose name reads differently is one changed field, not one lost and one new.
(:mod:`tests.sample_families` compares facts with a generated document's truth instead.)
"""

from __future__ import annotations

import dataclasses
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from loaders.facts import DocumentFacts
from tests.fact_scores import Score, Value, score

Key = tuple[object, ...]
Family = dict[Key, Value]
Differences = dict[str, dict[Key, tuple[Value, Value]]]

HEADER = ("title", "unit_name", "kind", "scope", "fiscal_year", "region", "staff_authorized", "staff_actual",
          "staff_in_service", "staff_retired", "staff_lixiu", "departments", "functions", "subordinate_units")
TOTALS = ("total_wan", "year_income_wan", "basic_expenditure_wan", "project_expenditure_wan", "three_public_wan",
          "three_public_budget_wan", "general_basic_wan", "personnel_wan", "public_funds_wan",
          "unread_tables",  # a rendering must not leave a table unread that the text's reading read
          "stated_empty_tables")
OTHER_MATTERS = ("carryover_wan", "year_end_carryover_wan", "operating_wan", "procurement", "assets", "performance")
WHOLE = ("prior_year_change", "appropriation_change", "budget_comparison")
LISTS = ("function_lines", "function_narratives", "economic_lines", "income_lines", "projects", "citations",
         "project_lines", "three_public_items")
_PROJECT = ("budget_wan", "executed_wan", "self_evaluation_score", "undertaking_unit", "execution_period",
            "execution_rate", "manager")
_SUBSIDY = ("funding_source", "beneficiary_count", "subsidy_standard", "subsidy_scope", "subsidy_method", "subsidy")


FLAT_FAMILIES = ("header", "overview", "duties", "totals", "other", "whole")
"""Families of DocumentFacts whose fields read here under their own names."""
RENAMED = {"economic_lines": ("basic", "lines"), "general_basic_wan": ("basic", "total_wan"),
           "personnel_wan": ("basic", "personnel_wan"), "public_funds_wan": ("basic", "public_wan"),
           "three_public_items": ("three_public", "items"), "three_public_budget_wan": ("three_public", "budget_wan")}
"""Fields read here (and recorded by the sample truth) under another name than in their family."""


def flat_document(facts: DocumentFacts) -> dict[str, Any]:
    """A document's facts as one mapping by field name (the sample truth's shape): the fields of its
    families beside its own lists and its resolved region, sources left out."""
    d = facts.to_dict()
    flat = {k: v for k, v in d.items() if not isinstance(v, dict)}
    for family in FLAT_FAMILIES:
        flat |= {k: v for k, v in d[family].items() if k != "source" and not k.endswith("_source")}
    return flat | {name: d[family][field] for name, (family, field) in RENAMED.items()} | {"region": facts.region}


def families(facts: DocumentFacts) -> dict[str, Family]:
    """The facts by family: header, totals, function lines, …, whole-document comparisons."""
    d = flat_document(facts)
    projects = d["projects"]
    narratives = [*(line["narrative"] for line in d["function_lines"] if line["narrative"]), *d["function_narratives"]]
    return {
        "header": _fields(d, HEADER),
        "totals": _fields(d, TOTALS),
        "function lines": _rows(d["function_lines"], lambda r: (r["code"],), skip=("code", "narrative")),
        "function narratives": _rows(narratives, lambda r: (r["code"] or r["item_name"],)),
        "economic lines": _rows(d["economic_lines"], lambda r: (r["code"],), skip=("code",)),
        "income": _rows(d["income_lines"], lambda r: (r["funding_source"],), skip=("funding_source",)),
        "projects": _rows(projects, lambda p: (p["name"],), fields=_PROJECT),
        "subsidies": _rows(projects, lambda p: (p["name"],), fields=_SUBSIDY),
        "allocations": _rows([{"project": p["name"], **a} for p in projects for a in p["allocation_items"]],
                             lambda a: (a["project"], a["label"]), skip=("project", "label")),
        "project policies": _rows([{"project": p["name"], **c} for p in projects for c in p["policies"]],
                                  lambda c: (c["project"], c["doc_number"] or c["title"], str(c["role"])),
                                  skip=("project", "doc_number", "role")),
        "indicators": _rows([{"project": p["name"], "position": i, **ind} for p in projects
                             for i, ind in enumerate(p["indicators"])],
                            lambda i: (i["project"], i["position"]), skip=("project", "position")),
        "citations": _rows(d["citations"], lambda c: (c["doc_number"] or c["title"], str(c["role"])),
                           skip=("doc_number", "role")),
        "project lines": _rows(d["project_lines"], lambda r: (r["project"], r["function_code"], r["economic_code"]),
                               skip=("project", "function_code", "economic_code")),
        "three public": _rows(d["three_public_items"], lambda r: (str(r["item"]),), skip=("item",)),
        "other matters": _fields(d, OTHER_MATTERS),
        "whole-document comparisons": _fields(d, WHOLE),
    }


def unread_fields() -> set[str]:
    """The fields of DocumentFacts (and of its families) that no family here reads and that are not
    provenance, nor what the pipeline adds (none)."""
    read = {*HEADER, *TOTALS, *OTHER_MATTERS, *WHOLE, *LISTS}
    nested = {*FLAT_FAMILIES, "basic", "three_public"}
    fields = {f.name for f in dataclasses.fields(DocumentFacts) if f.name not in nested}
    for family in FLAT_FAMILIES:
        fields |= {f.name for f in dataclasses.fields(_family_type(family))}
    fields |= set(RENAMED)
    provenance = {name for name in fields if name == "source" or name.endswith("_source")}
    return fields - read - provenance - {"path", "sha256", "unit", "findings"}


def _family_type(name: str) -> Any:
    return typing.get_type_hints(DocumentFacts)[name]


def differences(want: dict[str, Family], got: dict[str, Family]) -> Differences:
    """Per family, the keys whose values differ: ``(wanted, got)``, ``None`` where one side lacks it."""
    out: Differences = {}
    for name, a in want.items():
        b = got[name]
        diff = {k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)}
        if diff:
            out[name] = diff
    return out


def scores(want: dict[str, Family], got: dict[str, Family]) -> dict[str, Score]:
    """Precision and recall per family, one fact a field (``None`` states nothing)."""
    return {name: score(want[name], got[name]) for name in want}


def _flat(value: Any, prefix: str = "") -> Iterable[tuple[str, Value]]:
    """Scalars of a (nested) fact dict by dotted path; sources left out, lists whole as tuples."""
    if isinstance(value, Mapping):
        for name, inner in value.items():
            if name != "source" and not name.endswith("_source"):
                yield from _flat(inner, f"{prefix}.{name}" if prefix else name)
    elif isinstance(value, list | tuple):
        yield prefix, tuple(_plain(v) for v in value)
    else:
        yield prefix, str(value) if isinstance(value, str) else value


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple((k, _plain(v)) for k, v in value.items() if k != "source")
    if isinstance(value, list | tuple):
        return tuple(_plain(v) for v in value)
    return value


def _rows(items: Iterable[Mapping[str, Any]], key: Callable[[Mapping[str, Any]], Key],
          fields: Iterable[str] | None = None, skip: Iterable[str] = ()) -> Family:
    """List items keyed by ``key`` (and their occurrence from 2 on, for repeats), one entry per
    field (of ``fields`` only, when given; never of ``skip``)."""
    seen: Counter[Key] = Counter()
    family: Family = {}
    keep = None if fields is None else set(fields)
    for item in items:
        k = key(item)
        seen[k] += 1
        repeat = (seen[k],) if seen[k] > 1 else ()
        rest = {n: v for n, v in item.items() if (keep is None or n in keep) and n not in skip}
        for path, value in _flat(rest):
            family[(*k, *repeat, path)] = value
    return family


def _fields(facts: Mapping[str, Any], names: Iterable[str]) -> Family:
    return {(path,): value for name in names for path, value in _flat({name: facts[name]})}
