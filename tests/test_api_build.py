"""``build`` (app/api/types/common.py) fills a strawberry type the same way whatever shape of values it
is given, one shape after another: a given value first, then the decoded value of the field's fact
field (converted to the field's type), then the row's property of its camelCase name, else the field's
default."""

from __future__ import annotations

from enum import Enum
from typing import Any, ClassVar

import strawberry

from app.api.types.common import build


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
