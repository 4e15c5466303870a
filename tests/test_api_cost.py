"""Cost a client can see: the page cap has its own error, the estimate uses the `first` asked, every
response states its cost, and the dashboards of issue 11 pass."""

from __future__ import annotations

import pytest

from app.api import schema
from app.api.context import Context
from app.api.cost_limits import MAX_COST
from app.api.schema import MAX_TOKENS
from app.store import GraphStore
from tests.builders import HEJING, load
from tests.doubles import BrokenDriver

REGION_YEAR_DASHBOARD = """{ aggregate(drilldown: [REGION, FISCAL_YEAR]) {
    cells { fiscalYear region { name } count budgetWan budgetCount executedWan executedCount }
    summary { count budgetWan executedWan } } }"""
UNITS_TO_INDICATORS = """{ units(first: 3) { edges { node { name
    documents { title kind fiscalYear totalWan
      projects { name budgetWan executedWan beneficiaryCount
        indicators { level1 level2 name target actual weight score } } } } } } }"""


async def cost_of(query: str, **variables: object) -> tuple[dict[str, object], list[dict[str, object]]]:
    result = await schema.execute(query, variable_values=variables, context_value=Context(store=GraphStore(
        BrokenDriver())))
    errors = [{"message": e.message, **(e.extensions or {})} for e in result.errors or []]
    return (result.extensions or {}).get("cost", {}), errors


async def test_a_page_over_the_cap_gets_its_own_error_not_the_cost_error() -> None:
    _, errors = await cost_of("{ documents(first: 100000) { totalCount } }")
    assert errors == [{"message": "documents: first must be at most 500, got 100000", "code": "BAD_USER_INPUT"}]
    _, errors = await cost_of("query ($n: Int) { aggregate(drilldown: [UNIT], first: $n) { truncated } }", n=5001)
    assert errors[0]["message"] == "aggregate: first must be at most 5000, got 5001"


async def test_the_estimate_uses_the_first_asked_and_counts_objects_not_scalars() -> None:
    one, _ = await cost_of("{ units(first: 1) { edges { node { name id aliases } } } }")
    ten, _ = await cost_of("{ units(first: 10) { edges { node { name id aliases } } } }")
    assert one == {"requested": 1 + 1 * 2, "limit": MAX_COST}  # units, then each edge and its node
    assert ten["requested"] == 1 + 10 * 2
    variable, _ = await cost_of("query ($n: Int) { units(first: $n) { edges { node { name } } } }", n=10)
    assert variable == ten


async def test_every_response_states_its_cost(store: GraphStore) -> None:
    await load(store, HEJING)
    result = await schema.execute("{ unit(name: \"和静县社会保险中心\") { name region { name } } }",
                                  context_value=Context(store=store))
    assert result.errors is None and result.extensions == {"cost": {"requested": 2, "limit": MAX_COST}}


async def test_the_dashboards_of_issue_11_pass_the_cost_limit() -> None:
    for query in (REGION_YEAR_DASHBOARD, UNITS_TO_INDICATORS):
        cost, errors = await cost_of(query)
        assert not [e for e in errors if e["code"] == "QUERY_TOO_COSTLY"]
        assert 0 < int(cost["requested"]) <= MAX_COST  # type: ignore[call-overload]


async def test_a_remembered_query_text_is_checked_again_on_every_request() -> None:
    """Parse and validation are remembered by query text (app/api/validation.py): the same text still
    gets its validation errors and depth limit every time, and its cost from each request's variables."""
    deep = '{ project(id: "x") { unit { region { ' + "parent { " * 10 + "name" + " }" * 10 + " } } } }"
    paged = "query ($n: Int) { units(first: $n) { edges { node { name } } } }"
    for _ in range(2):
        _, errors = await cost_of(deep)
        assert [e["code"] for e in errors] == ["GRAPHQL_VALIDATION_FAILED"]
        assert "exceeds maximum operation depth" in str(errors[0]["message"])
        _, errors = await cost_of("{ nosuchfield }")
        assert [e["code"] for e in errors] == ["GRAPHQL_VALIDATION_FAILED"]
        _, errors = await cost_of("{ units(first: ")
        assert [e["code"] for e in errors] == ["GRAPHQL_VALIDATION_FAILED"] and "Syntax Error" in str(errors[0])
    assert [(await cost_of(paged, n=n))[0]["requested"] for n in (1, 10, 1)] == [3, 21, 3]
    _, errors = await cost_of(paged, n=501)
    assert [e["code"] for e in errors] == ["BAD_USER_INPUT"]


async def test_a_text_of_more_tokens_than_the_limit_is_refused_every_time() -> None:
    """The token limit (schema.MAX_TOKENS) holds for a text remembered or not: one over it is refused as a
    syntax error each time, one at it runs (aliases make a long text of a cheap query)."""
    def fields(n: int) -> str:  # "{", then "aN: __typename" (3 tokens) n times, "}"
        return "{ " + " ".join(f"a{i}: __typename" for i in range(n)) + " }"
    fits, over = fields((MAX_TOKENS - 2) // 3), fields((MAX_TOKENS - 2) // 3 + 1)
    for _ in range(2):
        cost, errors = await cost_of(over)
        assert [e["code"] for e in errors] == ["GRAPHQL_VALIDATION_FAILED"]
        assert f"more than {MAX_TOKENS} tokens" in str(errors[0]["message"])
        cost, errors = await cost_of(fits)
        assert errors == [] and cost["requested"] == 0


async def test_the_checks_of_a_request_are_set_up_as_one_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse and validation remembered, the cost and the masking of errors (app/api/extensions.py
    ``Together``): strawberry looks up one extension's hook per stage of a request (operation, parsing,
    validation, execution), not each extension's (three: twelve), and every check still holds: a
    validation error, a cost over the limit, a page over its cap, a syntax error, a masked failure."""
    from strawberry.extensions.context import ExtensionContextManagerBase
    looked_up: list[object] = []
    get_hook = ExtensionContextManagerBase.get_hook
    monkeypatch.setattr(ExtensionContextManagerBase, "get_hook",
                        lambda self, extension: looked_up.append(extension) or get_hook(self, extension))
    cost, errors = await cost_of("{ __typename }")
    assert (cost, errors) == ({"requested": 0, "limit": MAX_COST}, [])
    assert len(looked_up) == 4 and len(set(map(id, looked_up))) == 1, looked_up
    _, errors = await cost_of("{ nosuchfield }")
    assert [e["code"] for e in errors] == ["GRAPHQL_VALIDATION_FAILED"]
    _, errors = await cost_of("{ units(first: ")
    assert [e["code"] for e in errors] == ["GRAPHQL_VALIDATION_FAILED"] and "Syntax Error" in str(errors[0])
    _, errors = await cost_of("{ documents(first: 100000) { totalCount } }")
    assert [e["code"] for e in errors] == ["BAD_USER_INPUT"]
    costly = "{ units(first: 500) { edges { node { documents { projects { indicators { name } } } } } } }"
    cost, errors = await cost_of(costly)
    assert [e["code"] for e in errors] == ["QUERY_TOO_COSTLY"] and cost["requested"] > MAX_COST
    _, errors = await cost_of('{ unit(name: "x") { name } }')  # the store fails: masked, with an id
    assert [e["code"] for e in errors] in (["INTERNAL_SERVER_ERROR"], ["STORE_UNAVAILABLE"]), errors
