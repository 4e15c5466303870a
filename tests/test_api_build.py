"""``build`` (app/api/types/common.py) fills a strawberry type the same way whatever shape of values it
is given, one shape after another: a given value first, then the decoded value of the field's fact
field (converted to the field's type), then the row's property of its camelCase name, else the field's
default."""

from __future__ import annotations

import random
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar

import pytest
import strawberry

from app.api.types import BudgetDocument, Indicator, Project
from app.api.types.common import build, of_row
from app.api.types.projects import ProjectExpenditureLine
from graph.codec import decode, encode
from loaders import read_document
from loaders.facts import DocumentFacts, IndicatorFact, ProjectFact, ProjectLineFact
from tests.corpus import SAMPLES, seed


@strawberry.enum
class Shade(Enum):
    LIGHT = "LIGHT"
    DARK = "DARK"


@strawberry.type
class Part:
    label: str
    amount_wan: float | None


@strawberry.type
class Thing:
    name: str
    budget_wan: float | None
    flagged: bool
    shade: Shade | None
    parts: list[Part]
    title: str | None = None
    fiscal_year: int | None = None

    FACT_NAMES: ClassVar[dict[str, str]] = {"title": "header.title"}


class Fact(Enum):  # a fact's own enum: built into the API enum of the same member name
    LIGHT = "light"
    DARK = "dark"


FULL: dict[str, Any] = {"name": "甲", "budget_wan": 1.5, "flagged": None, "shade": Fact.DARK,
                        "parts": [{"label": "州本级", "amount_wan": 40.0}], "header": {"title": "通知"}}


def _fields(thing: Thing) -> tuple[Any, ...]:
    return (thing.name, thing.budget_wan, thing.flagged, thing.shade, thing.parts, thing.title, thing.fiscal_year)


def test_each_shape_of_values_is_built_by_the_same_rule_one_after_another() -> None:
    row = {"name": "乙", "budgetWan": 9.0, "flagged": True, "fiscalYear": 2025, "parts": None}
    full = (build(Thing, FULL, row))
    partial = build(Thing, {"name": "丙", "parts": None}, row)
    given = build(Thing, FULL, row, name="丁", fiscal_year=2024)
    assert _fields(full) == ("甲", 1.5, False, Shade.DARK, [Part(label="州本级", amount_wan=40.0)], "通知", 2025)
    assert _fields(partial) == ("丙", 9.0, True, None, [], None, 2025)  # the rest from the row; a null list empty
    assert _fields(given) == ("丁", 1.5, False, Shade.DARK, [Part(label="州本级", amount_wan=40.0)], "通知", 2024)
    assert _fields(build(Thing, FULL, row)) == _fields(full)  # the first shape again, after the others


def test_without_a_row_a_field_no_value_holds_keeps_its_default() -> None:
    thing = build(Thing, {**FULL, "header": None}, None, fiscal_year=None)
    assert (thing.title, thing.fiscal_year) == (None, None)
    assert build(Thing, {"name": "甲", "budget_wan": None, "flagged": True, "shade": None, "parts": []}).title is None


def _rows(path: Path) -> list[tuple[type, type, dict[str, Any], dict[str, Any]]]:
    """(type, fact, the properties the codec writes, the values ``of`` gives) of a document's facts."""
    facts = read_document(path)
    rows = [(BudgetDocument, DocumentFacts, encode(facts), {"id": "d"})]
    for project in facts.projects:
        rows.append((Project, ProjectFact, {"id": "p", "fiscalYear": 2025, **encode(project)},
                     {"is_subsidy": False, "id": "p"}))
        rows += [(Indicator, IndicatorFact, {"id": "i", **encode(i)}, {"id": "i"}) for i in project.indicators]
    rows += [(ProjectExpenditureLine, ProjectLineFact, encode(line), {}) for line in facts.project_lines]
    return rows


@pytest.mark.parametrize("path", [seed(n) for n in range(5)] + sorted(SAMPLES.glob("*.txt"))[:2],
                         ids=lambda p: p.name)
def test_a_row_of_any_properties_builds_what_its_decoded_values_build(path: Path) -> None:
    """``of_row`` works out once per set of properties which fields a row holds none of: rows of the same
    properties but other values, of some properties (a read narrowed to a selection), and of properties
    present but null, each build what ``build`` gives from their decoded values."""
    rng = random.Random(path.name)
    cases = _rows(path)
    assert {BudgetDocument, Project} <= {cls for cls, *_ in cases}
    for cls, fact, whole, given in cases:
        some = rng.sample(sorted(whole), rng.randint(0, len(whole)))
        for row in (whole, {k: whole[k] for k in some}, {k: None if rng.random() < 0.3 else whole[k] for k in some},
                    {k: whole[k] for k in sorted(whole)[:4]}, {}):
            assert of_row(cls, row, fact, **given) == build(cls, decode(row, fact), row, fact, **given), (cls, row)
