# mypy: disable-error-code="untyped-decorator"
"""The executor that reads plain fields directly (app/api/execution.py) answers exactly what
graphql-core's own execution answers: the same data (nulls, enums, custom scalars, aliases,
fragments, __typename, @include, keys in order) and the same errors (messages, paths,
locations), for values graphql-core accepts and for those it refuses, and for related objects
read for a whole list at once (app/api/types/related.py) as for those resolved one by one, nested
too, with reads that fail; on a schema made for it and on the API's own schema over a loaded store."""

from __future__ import annotations

import asyncio
import gc
import json
import math
import warnings
from collections.abc import Iterator
from enum import Enum
from typing import Any, NewType

import pytest
import strawberry
from graphql import GraphQLBoolean, GraphQLError, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLString
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strawberry.schema.config import StrawberryConfig

from app.api import schema as api_schema
from app.api.batching import GroupLoader
from app.api.context import Context
from app.api.execution import PlainFieldsExecutor, Refused, _leaf_value
from app.api.types.related import Pick, Related
from app.playground import example_tabs
from app.store import GraphStore
from benchmarks.bench_api import QUERIES
from graph.payload import upsert_params
from loaders import read_document
from samples.generate import generate_corpus
from tests.builders import CHANGJI, HEJING, WORLD, load


@strawberry.enum
class Colour(Enum):
    RED = "red"
    GREEN = "green"


def _shout(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"not a word: {value!r}")
    return value.upper()


Shout = NewType("Shout", str)
Loose = NewType("Loose", object)
SCALARS = StrawberryConfig(scalar_map={
    Shout: strawberry.scalar(name="Shout", serialize=_shout, parse_value=str),
    Loose: strawberry.scalar(name="Loose", serialize=str, parse_value=str),  # takes anything, an exception too
})


@strawberry.interface
class Named:
    name: str | None


class Shelf:
    """The test's store of related spots, a loader for every relation: a key's spots are one of the
    lists drawn (by the key's length), and a key that is not text fails the read, as a store can."""

    def __init__(self, spot_lists: list[list[Any]]) -> None:
        self.spot_lists, self.reads, self.loads = spot_lists, 0, 0
        self.asked: list[list[Any]] = []  # the keys of each read

    def rows(self, key: Any) -> list[Any]:
        if not isinstance(key, str):
            raise TypeError(f"no such key: {key!r}")
        return self.spot_lists[len(key) % len(self.spot_lists)] if self.spot_lists else []

    async def load(self, key: Any) -> list[Any]:
        self.loads += 1
        await asyncio.sleep(0)
        return self.rows(key)

    async def many(self, keys: list[Any]) -> list[list[Any]]:
        self.reads += 1
        self.asked.append(list(keys))
        await asyncio.sleep(0)
        return [self.rows(key) for key in keys]


class Shelved(dict[str, Any]):
    """The test schema's context: the items, and the shelf as every relation's loader."""

    def __init__(self, items: list[Any], shelf: Shelf) -> None:
        super().__init__(items=items)
        self.loaders = {"near": shelf, "echo": shelf}


def _same(row: Any) -> Any:
    return row


def _up_to(spot: Spot, line: int | None = None, lines: list[int] | None = None) -> bool:
    """A relation's test taking arguments (``nearBy``): fails on a spot whose line is not a number."""
    return (line is None or spot.line <= line) and (lines is None or spot.line in lines)


@strawberry.type
class Spot:
    line: int
    text: str | None
    echo: Spot | None = strawberry.field(resolver=Related("echo", lambda spot: spot.text, _same).resolve)


@strawberry.type
class Item(Named):
    id: strawberry.ID
    count: int
    weight: float | None
    flag: bool | None
    colour: Colour | None
    shout: Shout | None
    note: Loose | None
    tags: list[str]
    spots: list[Spot]
    spot: Spot | None
    near: Spot | None = strawberry.field(resolver=Related("near", lambda item: item.id, _same).resolve)
    nearest: Spot = strawberry.field(resolver=Related("near", lambda item: item.name, _same, Pick.ONLY).resolve)
    all_near: list[Spot] = strawberry.field(resolver=Related("near", lambda item: item.id, _same, Pick.ALL).resolve)
    near_by: list[Spot] = strawberry.field(resolver=Related("near", lambda item: item.id, _same, Pick.ALL,
                                                            keep=_up_to, order=lambda spot: str(spot.text)).resolve)

    @strawberry.field
    def doubled(self) -> int:
        return self.count * 2

    @strawberry.field
    async def later(self) -> str | None:
        await asyncio.sleep(0)
        return self.name

    @strawberry.field
    def scaled(self, by: int = 3) -> float | None:
        return None if self.weight is None else self.weight * by


@strawberry.type
class Query:
    @strawberry.field
    def items(self, info: strawberry.Info) -> list[Item]:
        return list(info.context["items"])

    @strawberry.field
    def maybe_items(self, info: strawberry.Info) -> list[Item | None] | None:
        return [*info.context["items"], None]

    @strawberry.field
    def named(self, info: strawberry.Info) -> list[Named]:
        return list(info.context["items"])

    @strawberry.field
    def first(self, info: strawberry.Info) -> Item | None:
        return info.context["items"][0] if info.context["items"] else None


FAST = strawberry.Schema(query=Query, config=SCALARS, execution_context_class=PlainFieldsExecutor)
PLAIN = strawberry.Schema(query=Query, config=SCALARS)

WRONG = st.sampled_from(["x", 1.5, math.nan, 2**40, True, object(), ValueError("broken"), [1], Colour.RED])
"""Values graphql-core refuses for some field (or all): it reports them, so must the executor."""


def _value(valid: st.SearchStrategy[Any], nullable: bool = True) -> st.SearchStrategy[Any]:
    return st.one_of(valid, st.none(), WRONG) if nullable else st.one_of(valid, valid, valid, st.none(), WRONG)


SPOTS = st.builds(Spot, line=_value(st.integers(-5, 5)), text=_value(st.text(max_size=3)))
ITEMS = st.lists(st.builds(
    Item, id=_value(st.text(max_size=3), False), name=_value(st.text(max_size=4)),
    count=_value(st.integers(-2**31, 2**31 - 1), False),
    weight=_value(st.floats(allow_nan=False, allow_infinity=False)), flag=_value(st.booleans()),
    colour=_value(st.sampled_from(Colour)), shout=_value(st.text(max_size=3)), note=_value(st.integers()),
    tags=_value(st.lists(st.text(max_size=2), max_size=3), False), spots=_value(st.lists(SPOTS, max_size=3), False),
    spot=st.one_of(st.none(), SPOTS)), max_size=6)

LEAVES = ("id", "name", "count", "weight", "flag", "colour", "shout", "note", "tags", "__typename")
RELATED = ("near", "nearest", "allNear", "echo", "nearBy")
OTHERS = ("spots { line text }", "spot { __typename line }", "doubled", "later", "scaled(by: 2)",
          "near { line echo { text } }", "nearest { text }", "allNear { __typename line }", "spots { echo { line } }",
          "a: near { text } b: near { line }", "nearBy { line }", "nearBy(line: 1) { text echo { line } }",
          "u: nearBy(line: $line) { line } v: nearBy(lines: [0, 2]) { line }", "nearBy(lines: $lines) { text }")


@st.composite
def selections(draw: st.DrawFn) -> str:
    """A selection of Item: some leaves and nested fields, some aliased, some behind fragments or @include."""
    fields = draw(st.lists(st.sampled_from(LEAVES + OTHERS), min_size=1, max_size=8, unique=True))
    parts = []
    for i, field in enumerate(fields):
        how = draw(st.sampled_from(("plain", "alias", "inline", "spread", "include")))
        if how == "alias" and ":" not in field:  # an entry of two aliased fields stays as it is
            field = f"a{i}: {field}"
        elif how == "inline":
            field = f"... on Item {{ {field} }}"
        elif how == "include":
            field = f"... @include(if: $on) {{ {field} }}"
        elif how == "spread":
            field = "...Bits"
        parts.append(field)
    return " ".join(parts)


def _run(schema: strawberry.Schema, query: str, items: list[Item], on: bool, spot_lists: list[list[Any]],
         line: int | None = None) -> str:
    context = Shelved(items, Shelf(spot_lists))
    variables = {"on": on, "line": line, "lines": None if line is None else [line, line + 1]}
    result = asyncio.run(schema.execute(query, variable_values=variables, context_value=context))
    if result.data is None and any(f"{name} {{" in query for name in RELATED):
        # An error that nulls the whole answer ends the request: which of the errors pending then are
        # reported is the scheduler's choice (graphql-core's own too), and a list handed back to
        # graphql-core after its related objects were read reports its errors a step later.
        return json.dumps({"data": None, "errors": bool(result.errors)})
    errors = sorted(json.dumps([e.message, e.path, [(loc.line, loc.column) for loc in e.locations or ()]],
                               ensure_ascii=False) for e in result.errors or ())
    # Errors in any order: graphql-core's own follows when each resolver's await ends.
    return json.dumps({"data": result.data, "errors": errors}, ensure_ascii=False)  # keys in order


NEVER_AWAITED = "coroutine .* was never awaited"


@pytest.fixture(autouse=True)
def _dropped_coroutines_collected() -> Iterator[None]:
    """An error that nulls an object drops its siblings' coroutines unstarted: graphql-core's own
    behaviour (graphql-python/graphql-core#236), which these tests meet on purpose. They are
    collected as each test ends, not reported by whichever later test happens to collect them."""
    yield
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", NEVER_AWAITED, RuntimeWarning)
        gc.collect()


@pytest.mark.filterwarnings(f"ignore:{NEVER_AWAITED}:RuntimeWarning")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=ITEMS, selection=selections(), on=st.booleans(),
       spot_lists=st.lists(st.lists(SPOTS, max_size=2), max_size=3), line=st.none() | st.integers(-3, 3))
def test_answers_and_errors_are_graphql_cores(items: list[Item], selection: str, on: bool,
                                              spot_lists: list[list[Any]], line: int | None) -> None:
    # ``also`` uses the fragment and the variables whatever the selection, so that the query is valid
    query = (f"query ($on: Boolean!, $line: Int, $lines: [Int!]) {{ items {{ {selection} }} "
             f"maybeItems {{ {selection} }} named {{ name ... on Item {{ {selection} }} }} first {{ {selection} }} "
             "also: items { ...Bits @include(if: $on) x: nearBy(lines: $lines) { line } } } "
             "fragment Bits on Item { count shout spots { text } near { line } nearBy(line: $line) { line } }")
    assert (_run(FAST, query, items, on, spot_lists, line)
            == _run(PLAIN, query, items, on, spot_lists, line))


def _executed_fields(monkeypatch: Any) -> list[str]:
    """The names of the fields the executor executes one by one, noted as it runs."""
    executed: list[str] = []
    original = PlainFieldsExecutor.execute_field

    def counting(self: PlainFieldsExecutor, *args: Any) -> Any:
        executed.append(args[2][0].node.name.value)
        return original(self, *args)

    monkeypatch.setattr(PlainFieldsExecutor, "execute_field", counting)
    return executed


def test_a_list_of_plain_objects_calls_no_resolver_per_item(monkeypatch: Any) -> None:
    """The point of it: 1,000 items of plain fields are completed without a field executed per item."""
    executed = _executed_fields(monkeypatch)
    items = [Item(id=strawberry.ID(str(n)), name=f"n{n}", count=n, weight=n / 2, flag=True, colour=Colour.GREEN,
                  shout=Shout("hi"), note=None, tags=["a"], spots=[Spot(line=n, text=None)], spot=None)
             for n in range(1000)]
    query = "{ items { id name count weight colour shout tags spots { line } __typename } }"
    fast = asyncio.run(FAST.execute(query, context_value=Shelved(items, Shelf([]))))
    assert executed == ["items"]
    assert fast.data == asyncio.run(PLAIN.execute(query, context_value=Shelved(items, Shelf([])))).data
    assert fast.data is not None and fast.data["items"][7] == {
        "id": "7", "name": "n7", "count": 7, "weight": 3.5, "colour": "GREEN", "shout": "HI", "tags": ["a"],
        "spots": [{"line": 7}], "__typename": "Item"}


def test_a_list_of_plain_objects_is_completed_at_once_and_one_by_one_where_graphql_core_would_refuse(
        monkeypatch: Any) -> None:
    """The leaves of a list's objects are taken at once when each leaf's values are all of the type its scalar
    gives unchanged; one value that is not (an int for a float, an int past 32 bits, a null for a non-null
    field) has the list completed one leaf at a time, with graphql-core's answer and errors."""
    from app.api import execution
    leaves: list[Any] = []
    one = execution._slot_value
    monkeypatch.setattr(execution, "_slot_value", lambda *args: leaves.append(args[1]) or one(*args))
    items = [Item(id=strawberry.ID(str(n)), name=None if n % 2 else f"n{n}", count=n, weight=n / 2, flag=None,
                  colour=None, shout=None, note=None, tags=[], spots=[], spot=None) for n in range(1000)]
    query = "{ items { id name count weight flag __typename } }"
    fast = asyncio.run(FAST.execute(query, context_value=Shelved(items, Shelf([]))))
    assert fast.data == asyncio.run(PLAIN.execute(query, context_value=Shelved(items, Shelf([])))).data
    assert len(leaves) == 1000  # __typename alone, one by one
    for wrong in ({"weight": 3}, {"count": 2**40}, {"count": True}, {"id": None}, {"weight": math.inf}):
        leaves.clear()
        odd = [*items[:10], Item(**{**vars(items[10]), **wrong}), *items[11:]]
        fast, plain = (asyncio.run(s.execute(query, context_value=Shelved(odd, Shelf([])))) for s in (FAST, PLAIN))
        assert (fast.data, [e.message for e in fast.errors or ()]) == (
            plain.data, [e.message for e in plain.errors or ()]), wrong
        assert len(leaves) >= 5 * 11, wrong



def test_an_object_cast_to_another_type_in_a_list_is_refused_as_graphql_core_refuses_it() -> None:
    """``strawberry.cast`` marks an object as another type, which ``is_type_of`` reads: a list holding one
    is not completed at once but one by one, with graphql-core's error for that item."""
    items = [Item(id=strawberry.ID(str(n)), name=f"n{n}", count=n, weight=None, flag=None, colour=None,
                  shout=None, note=None, tags=[], spots=[], spot=None) for n in range(20)]
    items[7] = strawberry.cast(Spot, items[7])
    query = "{ items { id name count } }"
    fast, plain = (asyncio.run(s.execute(query, context_value=Shelved(items, Shelf([])))) for s in (FAST, PLAIN))
    assert plain.errors
    assert (fast.data, [(e.message, e.path) for e in fast.errors or ()]) == (
        plain.data, [(e.message, e.path) for e in plain.errors or ()])

def test_the_api_schema_runs_on_the_plain_fields_executor() -> None:
    assert api_schema.execution_context_class is PlainFieldsExecutor


async def test_the_api_answers_as_graphql_core_does(store: GraphStore) -> None:
    """The GraphiQL examples and the benchmarks' queries over two documents: the same answers with and
    without the executor (the API's schema built again without it)."""
    await load(store, CHANGJI, HEJING)
    plain = strawberry.Schema(query=api_schema.query, mutation=api_schema.mutation,
                              extensions=api_schema.extensions)
    queries = [tab["query"] for tab in example_tabs()] + list(QUERIES.values())
    for query in queries:
        fast = await api_schema.execute(query, context_value=Context(store=store))
        slow = await plain.execute(query, context_value=Context(store=store))
        assert fast.errors is None, (query, fast.errors)
        assert json.dumps(fast.data, ensure_ascii=False) == json.dumps(slow.data, ensure_ascii=False), query


SHARED = ("query Shared($on: Boolean!) { units(first: 50) { edges { node { name region { name parent { name } } "
          "projects @include(if: $on) { name fiscalYear unit { name } policies { docNumber } } } } } }")
"""Lists of plain objects with related fields, under an ``@include`` the request's variable decides."""


async def test_a_list_s_plan_is_made_once_for_every_request_of_the_same_query_and_variables(
        store: GraphStore, monkeypatch: Any) -> None:
    """The API's schema (a query text parsed once) plans the lists of a query at its first request, not again at
    the next ones with the same variables; other variables (another ``@include``) have their own plans; each
    request reads its own related nodes, and every answer is graphql-core's."""
    await load(store, *WORLD)
    query = f"{SHARED} # {store.name}"  # a text of its own: not planned over the other store
    made: list[Any] = []
    completion = PlainFieldsExecutor._completion
    monkeypatch.setattr(PlainFieldsExecutor, "_completion", lambda self, *args: made.append(args) or completion(
        self, *args))
    plain = strawberry.Schema(query=api_schema.query, mutation=api_schema.mutation, extensions=api_schema.extensions)
    planned = []
    for on in (True, True, False, True, False):
        made.clear()
        fast = await api_schema.execute(query, variable_values={"on": on}, context_value=Context(store=store))
        planned.append(len(made))
        slow = await plain.execute(query, variable_values={"on": on}, context_value=Context(store=store))
        assert fast.errors is None and slow.errors is None, fast.errors or slow.errors
        assert json.dumps(fast.data, ensure_ascii=False) == json.dumps(slow.data, ensure_ascii=False)
        units: Any = fast.data and fast.data["units"]["edges"]
        assert len(units) > 1 and all(unit["node"]["region"] for unit in units)
        assert on == any(unit["node"].get("projects") for unit in units)
    assert planned[0] > 0 and planned[2] > 0 and planned[1] == planned[3] == planned[4] == 0, planned


def test_related_objects_of_a_list_are_read_once_for_it(monkeypatch: Any) -> None:
    """1,000 items' related spots, and theirs: one read a level, no resolver or loader call per item."""
    executed = _executed_fields(monkeypatch)
    items = [Item(id=strawberry.ID("k" * (n % 3)), name=str(n), count=n, weight=None, flag=None, colour=None,
                  shout=None, note=None, tags=[], spots=[], spot=None) for n in range(1000)]
    spot_lists = [[], [Spot(line=1, text="t")], [Spot(line=2, text=None), Spot(line=3, text="uu")]]
    query = "{ items { name near { line echo { line text } } allNear { line } nearBy(line: 2) { line } } }"
    fast_shelf, plain_shelf = Shelf(spot_lists), Shelf(spot_lists)
    fast = asyncio.run(FAST.execute(query, context_value=Shelved(items, fast_shelf)))
    assert executed == ["items"]
    assert (fast_shelf.reads, fast_shelf.loads) == (4, 0)  # near, allNear, nearBy, then near's echo
    assert fast.errors is None and fast.data is not None
    assert fast.data == asyncio.run(PLAIN.execute(query, context_value=Shelved(items, plain_shelf))).data
    assert plain_shelf.loads == 3 * 1000 + 333  # graphql-core: one per item and field (echo: where text is)
    assert fast.data["items"][2] == {"name": "2", "near": {"line": 2, "echo": None},
                                     "allNear": [{"line": 2}, {"line": 3}], "nearBy": [{"line": 2}]}


def test_an_object_many_parents_share_has_its_relations_read_for_it_once() -> None:
    """1,000 items whose near spot is one of two objects (a shared row is built once): the spots' echo is
    read for each of the two, not for each item, and the answer is graphql-core's."""
    items = [Item(id=strawberry.ID("k" * (n % 3)), name=str(n), count=n, weight=None, flag=None, colour=None,
                  shout=None, note=None, tags=[], spots=[], spot=None) for n in range(1000)]
    spot_lists = [[], [Spot(line=1, text="t")], [Spot(line=2, text=None), Spot(line=3, text="uu")]]
    query = "{ items { near { line echo { line text } } } }"
    shelf = Shelf(spot_lists)
    fast = asyncio.run(FAST.execute(query, context_value=Shelved(items, shelf)))
    assert [len(keys) for keys in shelf.asked] == [1000, 1]  # near of every item; echo of spot 1 (spot 2 has no text)
    assert fast.errors is None
    assert fast.data == asyncio.run(PLAIN.execute(query, context_value=Shelved(items, Shelf(spot_lists)))).data


def test_an_object_many_parents_share_is_completed_once_a_list(monkeypatch: Any) -> None:
    """1,000 items whose near spot is one of two objects: each spot (and its echo) is completed once for the
    list, its answer given to every item that has it, and the answer is graphql-core's (checked to fail when
    every item completes its spot again: ~5,000 fields)."""
    from app.api import execution
    completed: list[Any] = []
    one = execution._slot_value
    monkeypatch.setattr(execution, "_slot_value", lambda *args: completed.append(args[1]) or one(*args))
    items = [Item(id=strawberry.ID("k" * (n % 3)), name=str(n), count=n, weight=None, flag=None, colour=None,
                  shout=None, note=None, tags=[], spots=[], spot=None) for n in range(1000)]
    spot_lists = [[], [Spot(line=1, text="t")], [Spot(line=2, text=None), Spot(line=3, text="uu")]]
    query = "{ items { near { line echo { line text } } } }"
    fast = asyncio.run(FAST.execute(query, context_value=Shelved(items, Shelf(spot_lists))))
    assert fast.errors is None
    assert fast.data == asyncio.run(PLAIN.execute(query, context_value=Shelved(items, Shelf(spot_lists)))).data
    assert len(completed) < 1000 + 20  # each item's near, then each spot's fields once


def test_the_api_enums_are_completed_as_strawberry_serializes_them(monkeypatch: Any) -> None:
    """Every member of every enum of the API (and of the test schema) completes to the name strawberry's
    serializer gives it, without calling the serializer; a value that is not a member is still the
    serializer's (refused)."""
    from strawberry.schema.schema_converter import CustomGraphQLEnumType
    enums = [t for schema in (api_schema, FAST) for t in schema._schema.type_map.values()
             if type(t) is CustomGraphQLEnumType]
    assert len(enums) > 10
    expected = {(id(t), m): t.serialize(m) for t in enums for m in t.wrapped_cls}
    asked: list[Any] = []
    serialize = CustomGraphQLEnumType.coerce_output_value
    monkeypatch.setattr(CustomGraphQLEnumType, "coerce_output_value",
                        lambda self, value: asked.append(value) or serialize(self, value))
    assert {(id(t), m): _leaf_value(t, m) for t in enums for m in t.wrapped_cls} == expected
    assert asked == []
    for wrong in ("RED", Colour.RED if enums[0].wrapped_cls is not Colour else None, 1):
        if wrong is not None:
            with pytest.raises((Refused, GraphQLError)):
                _leaf_value(enums[0], wrong)


RELATIONS = (
    "{ units(first: 50) { edges { node { name departments { name } region { name children { name units { name } } "
    "units { name } } projects(fiscalYears: {min: 2024}) { name indicators { name project { name } } "
    "expenditureLines { functionCode amountWan } history { fiscalYear } "
    "linkedProjects { confidence project { name } } } "
    "y2023: projects(fiscalYear: 2023) { name indicators { name } } } } } "
    "policies(first: 50) { edges { node { docNumber citedBy { fiscalYear } fundedProjects { name unit { name } } } } } "
    "documents(first: 50) { edges { node { fiscalYear functionNarratives { itemName functionClass { code "
    "parent { code children { code } } } } projectExpenditureLines { functionCode amountWan } "
    "dataQualityFindings { check document { fiscalYear } } } } } }")
"""Every relation of the API under a list of parents, some with arguments, some twice (aliased)."""


async def test_relations_under_a_list_are_read_once_a_field_without_a_load_per_parent(
        store: GraphStore, monkeypatch: Any, tmp_path: Any) -> None:
    """The answer graphql-core gives, with no loader call per parent: each relation under a list is one
    read for the whole list (one store round-trip a field and level), as many as graphql-core's
    batched loads at most."""
    await load(store, *WORLD)
    for doc in generate_corpus(3, 2, scale=True):  # a second, different family of documents
        (tmp_path / doc.filename).write_text(doc.text, encoding="utf-8")
        await store.write("upsert_document", upsert_params(read_document(tmp_path / doc.filename)))
    loads: list[str] = []
    original = GroupLoader.load

    def counted(self: GroupLoader, key: str) -> Any:
        loads.append(key)
        return original(self, key)

    monkeypatch.setattr(GroupLoader, "load", counted)
    before = store.round_trips
    fast = await api_schema.execute(RELATIONS, context_value=Context(store=store))
    fast_trips, fast_loads = store.round_trips - before, len(loads)
    plain = strawberry.Schema(query=api_schema.query, mutation=api_schema.mutation, extensions=api_schema.extensions)
    before = store.round_trips
    slow = await plain.execute(RELATIONS, context_value=Context(store=store))
    slow_trips, slow_loads = store.round_trips - before, len(loads) - fast_loads
    assert fast.errors is None and slow.errors is None, fast.errors or slow.errors
    assert json.dumps(fast.data, ensure_ascii=False) == json.dumps(slow.data, ensure_ascii=False)
    assert fast_loads == 0 and slow_loads > 50, (fast_loads, slow_loads)
    assert fast_trips <= slow_trips, (fast_trips, slow_trips)
    data: Any = fast.data
    units = [edge["node"] for edge in data["units"]["edges"]]
    assert any(unit["y2023"] and unit["y2023"][0]["indicators"] for unit in units)  # the fields hold something
    assert all(p["fiscalYear"] >= 2024 for unit in units for p in unit["projects"] for p in p["history"][-1:])
    assert any(edge["node"]["citedBy"] for edge in data["policies"]["edges"])
    assert any(d["node"]["functionNarratives"] and d["node"]["projectExpenditureLines"]
               for d in data["documents"]["edges"])


class _Keys:
    """A store whose batch query answers each key with its upper case, noting the ids of every read."""

    def __init__(self) -> None:
        self.reads: list[list[str]] = []

    async def read(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.reads.append(list(params["ids"]))
        await asyncio.sleep(0)
        return [{"key": key, "item": key.upper()} for key in params["ids"]]


def test_lists_asked_for_in_one_turn_are_read_together_and_a_cancelled_one_leaves_the_read() -> None:
    """``GroupLoader.many``: the lists of one turn of the event loop (each document's projects, completed
    on its own) share one read; one whose task is cancelled does not take the others' read with it."""
    async def run() -> None:
        store = _Keys()
        loader = GroupLoader(store, "any")  # type: ignore[arg-type]
        first = asyncio.ensure_future(loader.many(["ka", "kb"]))
        second = asyncio.ensure_future(loader.many(["kb", "kc"]))
        await asyncio.sleep(0)  # both have asked
        first.cancel()
        assert await second == [["KB"], ["KC"]]
        assert first.cancelled()
        assert await loader.many(["kd"]) == [["KD"]]  # a later turn: a read of its own
        assert store.reads == [["ka", "kb", "kc"], ["kd"]]
    asyncio.run(run())


class _Text(str):
    """A str subclass: not a built-in str, so its serializer decides."""


LEAF_VALUES = st.one_of(  # non-null: a null is the executor's to answer before its leaf
    st.booleans(), st.integers(-2**40, 2**40), st.sampled_from([2**31 - 1, 2**31, -2**31, -2**31 - 1]),
    st.floats(), st.text(max_size=3), st.builds(_Text, st.text(max_size=3)), st.sampled_from([[1], {"a": 1}]))


@settings(max_examples=300)
@given(leaf=st.sampled_from([GraphQLString, GraphQLID, GraphQLInt, GraphQLFloat, GraphQLBoolean]), value=LEAF_VALUES)
def test_a_leaf_value_is_completed_as_its_scalar_serializes_it(leaf: Any, value: Any) -> None:
    """The built-in scalars' values the executor passes through unchanged (a str, a bool, a finite float, a 32-bit
    int) are those graphql-core's serializers give back as they are; anything else is still theirs: coerced
    (an int as a Float, a bool as an Int) or refused (NaN, a 33-bit int, a list: raised, for graphql-core to report)."""
    try:
        expected = leaf.serialize(value)
    except GraphQLError:
        expected = None
    if expected is None:
        with pytest.raises((Refused, GraphQLError)):
            _leaf_value(leaf, value)
    else:
        got = _leaf_value(leaf, value)
        assert (got, type(got)) == (expected, type(expected)) or (math.isnan(got) and math.isnan(expected))
