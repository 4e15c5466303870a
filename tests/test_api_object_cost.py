"""What a request does per object and per query text, once instead of again (issue 13, the API's own cost):
types built from rows without their ``__init__`` when it only sets their fields, the properties a selection
reads worked out once per parsed query (bounded), a policy number typed parsed once per text. Each answers
as before: the objects equal, the reads and answers the same with and without what is remembered."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
import strawberry

from app.api.types import Project, common
from app.api.types.common import MAX_CHOSEN, _chosen, _sets_only, of_row
from app.store import GraphStore
from loaders.facts import ProjectFact
from tests.builders import BASIS, WORLD, load
from tests.graphql import execute
from vocab.policies import lookup_doc_number

ROW = {"id": "unit|2024|BUDGET|p1", "name": "退休人员生活补贴", "fiscalYear": 2024, "budgetWan": 11.5,
       "beneficiaryCount": 120}


def test_a_type_whose_init_only_sets_its_fields_is_built_without_calling_it(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = Project(**{f.name: getattr(Project.of(ROW), f.name) for f in dataclasses.fields(Project) if f.init})
    calls = []
    init = Project.__init__

    def counted(self: Any, **kwargs: Any) -> None:
        calls.append(kwargs)
        init(self, **kwargs)
    monkeypatch.setattr(Project, "__init__", counted)
    common._shape.cache_clear()  # shapes planned with the counting __init__
    _sets_only.cache_clear()
    try:
        built = [Project.of(dict(ROW)) for _ in range(3)]
    finally:
        common._shape.cache_clear()
        _sets_only.cache_clear()
    assert len(calls) == 1  # the one try of what ``__init__`` sets, then none per row
    assert all(b == expected and vars(b) == vars(expected) for b in built)
    assert built[0].__dict__ is not built[1].__dict__ and built[0].allocation_items is not built[1].allocation_items


@strawberry.type
class _Checked:
    """A type whose ``__init__`` does more than set its fields."""

    name: str
    budget_wan: float | None = None
    label: strawberry.Private[str] = ""

    def __post_init__(self) -> None:
        self.label = f"{self.name}: {self.budget_wan}"


def test_a_type_whose_init_does_more_is_built_by_it() -> None:
    built = of_row(_Checked, {"name": "a", "budgetWan": 2.0}, ProjectFact)
    assert built.label == "a: 2.0" and built == _Checked(name="a", budget_wan=2.0)


NARROW = f'{{ policy(docNumber: "{BASIS.doc_number}") {{ fundedProjects {{ name budgetWan }} }} }}'


async def test_a_selections_properties_are_worked_out_once_per_parsed_query(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    await load(store, *WORLD)
    first = await execute(store, NARROW)
    worked: list[str] = []
    selected = common._selected

    def counted(label: str, selections: Any) -> Any:
        worked.append(label)
        return selected(label, selections)
    monkeypatch.setattr(common, "_selected", counted)
    texts: list[str] = []
    read_built = store.read_built

    async def recorded(text: str, params: Any = None) -> Any:
        texts.append(text)
        return await read_built(text, params)
    monkeypatch.setattr(store, "read_built", recorded)
    again = [await execute(store, NARROW) for _ in range(3)]
    assert worked == [] and again == [first] * 3 and first["policy"]["fundedProjects"]
    narrowed = [t for t in texts if "budgetWan" in t]
    assert len(narrowed) == 3 and len(set(narrowed)) == 1 and ".subsidyStandard" not in narrowed[0]
    common._CHOSEN.clear()  # forgotten: worked out again, the same read and answer
    texts.clear()
    assert await execute(store, NARROW) == first and worked == ["Project"] and [t for t in texts if t in narrowed]


def test_the_selections_remembered_are_bounded() -> None:
    from graphql import parse
    common._CHOSEN.clear()
    documents = [parse(f"{{ policy(docNumber: \"x\") {{ fundedProjects {{ name a{i}: budgetWan }} }} }}")
                 for i in range(MAX_CHOSEN + 10)]
    for document in documents:
        field = document.definitions[0].selection_set.selections[0].selection_set.selections[0]  # type: ignore[attr-defined]
        assert _chosen("Project", field, False) == _chosen("Project", field, False)
    assert len(common._CHOSEN) == MAX_CHOSEN
    common._CHOSEN.clear()


def test_a_policy_number_as_typed_is_parsed_once_per_text() -> None:
    lookup_doc_number.cache_clear()
    answers = [lookup_doc_number("新政办发[2010]168") for _ in range(5)]
    assert answers == ["新政办发〔2010〕168号"] * 5
    assert lookup_doc_number.cache_info().misses == 1 and lookup_doc_number.cache_info().hits == 4
