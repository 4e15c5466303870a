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


async def test_a_documents_cost_is_worked_out_once_and_again_for_each_requests_variables(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.api import cost_limits
    from tests.test_api_cost import cost_of
    walked: list[str] = []
    query_cost = cost_limits.query_cost

    def counted(*args: Any) -> int:
        walked.append("walked")
        return query_cost(*args)
    monkeypatch.setattr(cost_limits, "query_cost", counted)
    cost_limits._ESTIMATES.clear()
    plain, over = "{ units(first: 7) { edges { node { name } } } }", "{ units(first: 501) { totalCount } }"
    paged = "query ($n: Int) { units(first: $n) { edges { node { name } } } }"
    costs = [(await cost_of(plain))[0] for _ in range(3)]  # the store is broken: the costs are told all the same
    assert costs == [{"requested": 15, "limit": cost_limits.MAX_COST}] * 3 and len(walked) == 1
    refused = [await cost_of(over) for _ in range(2)]  # a page over its cap: refused each time, walked once
    assert refused[0] == refused[1] and [e["code"] for e in refused[0][1]] == ["BAD_USER_INPUT"] and len(walked) == 2
    assert [(await cost_of(paged, n=n))[0]["requested"] for n in (1, 10, 1)] == [3, 21, 3] and len(walked) == 5


def test_the_costs_remembered_are_bounded() -> None:
    from graphql import parse

    from app.api import cost_limits
    from app.api.schema import schema
    cost_limits._ESTIMATES.clear()
    documents = [parse(f"{{ units(first: {i % 50 + 1}) {{ totalCount }} }}")
                 for i in range(cost_limits.MAX_ESTIMATES_KEPT + 5)]
    for document in documents:
        assert cost_limits._estimates(schema._schema, document, {}, {})[0][1] == 1
    assert len(cost_limits._ESTIMATES) == cost_limits.MAX_ESTIMATES_KEPT
    cost_limits._ESTIMATES.clear()


async def test_an_answer_without_errors_is_not_searched_for_errors_and_one_with_errors_is_coded(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from strawberry.extensions import MaskErrors

    from tests.test_api_cost import cost_of
    processed: list[object] = []
    process = MaskErrors._process_result

    def counted(self: Any, result: object) -> None:
        processed.append(result)
        process(self, result)
    monkeypatch.setattr(MaskErrors, "_process_result", counted)
    assert (await cost_of("{ __typename }"))[1] == [] and processed == []
    _, errors = await cost_of("{ nosuchfield }")
    assert [e["code"] for e in errors] == ["GRAPHQL_VALIDATION_FAILED"] and len(processed) == 1


def test_a_search_terms_spellings_and_a_candidates_text_are_worked_out_once() -> None:
    from app.api import search
    search._spellings.cache_clear()
    search._joined.cache_clear()
    first = search.spellings("巴州社保")
    first.append("changed by a caller")  # each caller has its own list
    assert search.spellings("巴州社保") == first[:-1] and "巴音郭楞蒙古自治州社会保险" in first
    assert search._spellings.cache_info().misses == 1 and search._spellings.cache_info().hits == 1
    for _ in range(3):
        assert search._joined("和静县 社会保险（中心）") == "和静县社会保险中心"
    assert search._joined.cache_info().misses == 1


AGGREGATES = ("{ aggregate(drilldown: [FISCAL_YEAR]) { cells { fiscalYear count budgetWan } } }",
              "{ aggregate(drilldown: [FISCAL_YEAR]) { cells { fiscalYear budgetMaxWan } summary { budgetMinWan } } }",
              "{ aggregate(drilldown: [FISCAL_YEAR]) { cells { ... on AggregateCell { budgetMaxWan } } } }")


async def test_an_aggregate_tells_the_extremes_asked_from_the_query_not_strawberrys_selection(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    from strawberry.types.info import Info
    await load(store, *WORLD)
    answers = [await execute(store, query) for query in AGGREGATES]
    assert answers[1]["aggregate"]["cells"][0]["budgetMaxWan"] is not None

    def refused(self: Any) -> Any:
        raise AssertionError("selected_fields read")
    monkeypatch.setattr(Info, "selected_fields", property(refused))
    assert [await execute(store, query) for query in AGGREGATES] == answers


async def test_a_function_line_is_filled_as_planned_and_decodes_only_what_the_narrative_states(
        store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """``FunctionLine.of`` equals the line built from both of its facts decoded whole (the plain way), rows with
    and without a 情况说明 alike, each object with its own values; of each row it decodes the narrative only
    (checked to fail when the line's fact is decoded too: twice a row)."""
    from app.api.types import documents
    from app.api.types.common import build
    from app.api.types.narratives import stated_figures
    from loaders.facts import FunctionLineFact, FunctionNarrativeFact
    from tests.corpus import seed_facts

    await load(store, seed_facts(3), *WORLD)
    ids = [row["id"] for row in await store.read_built("MATCH (d:BudgetDocument) RETURN d.id AS id", {})]
    rows = [row["item"] for row in await store.read("function_lines_of_documents", {"ids": ids})]

    def plainly(row: dict[str, Any]) -> documents.FunctionLine:
        line, told = documents.decode(row, FunctionLineFact), documents.decode(row, FunctionNarrativeFact)
        return build(documents.FunctionLine, line, row, name=line["name"] or "", narrative_wan=told["amount_wan"],
                     narrative_source=told["source"], **stated_figures(told))
    expected = [plainly(row) for row in rows]
    decoded: list[type] = []
    decode = documents.decode
    monkeypatch.setattr(documents, "decode", lambda row, fact: decoded.append(fact) or decode(row, fact))
    built = [documents.FunctionLine.of(row) for row in rows]
    assert [vars(line) for line in built] == [vars(line) for line in expected]
    assert any(line.narrative_wan is not None for line in built) and any(line.narrative_wan is None for line in built)
    assert len({id(vars(line)) for line in built}) == len(built)
    assert decoded == [FunctionNarrativeFact] * len(rows)
