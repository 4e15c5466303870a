"""GraphQL execution that reads plain fields directly instead of calling a resolver per leaf.

graphql-core completes every field of every object through a chain of Python calls (a resolve
info built, strawberry's resolver calling ``getattr``, ``complete_value`` unwrapping the type and
coercing the value): about twenty calls per leaf, so a list of 10,000 projects with four fields
took a second of CPU. Most fields of this API are *plain*: an attribute of a strawberry object
read by the default resolver, without arguments. ``PlainFieldsExecutor`` reads those directly:

* a list of objects whose selection holds plain fields only (leaves, and objects or lists of
  them that are plain in turn, ``__typename`` too) is completed in one loop that builds the
  answer's dicts (``complete_list_value``);
* a field whose resolver reads related nodes (app/api/types/related.py: a project's ``unit``)
  counts as plain there too: the loop leaves it a hole, then its ``many`` is called once for the
  whole list's parents (one read, one level of the answer at a time) and the holes are filled,
  instead of a resolver, a future and a task per parent; with the field's arguments, which are
  the same for every parent (one field of one selection, the request's variables);
* any other object's plain leaves are read in place, the rest of its fields executed as
  graphql-core does (``execute_fields``).

Both give what graphql-core gives: values coerced by the same leaf types, objects checked by the
same ``is_type_of``, keys in the selection's order. Whatever leaves that path (a null for a
non-null field, a value its scalar refuses, an exception as a value, an iterable that is not a
list, a read that fails) is handed back to graphql-core, which answers it with its own errors and
paths; reading a plain field or related nodes again has no effect, so only a read is repeated.
What is plain is planned once per selection of a parsed query (its nodes: a query text is parsed once,
app/api/validation.py) and values of the request's variables (the selection's fields depend on them
through ``@include``/``@skip``), and the plan serves every request that comes with them: what a request
reads for it (a related field's values by parent, the info and arguments its ``many`` is given) is that
request's (``_Run``), handed to the plan, not kept in it. Planning every request again was ~5 % of the CPU
of a request listing 135 projects with their units (benchmarks/bench_api_layer.py: 14.84 → 14.39 M
instructions).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Mapping
from functools import cache, partial
from itertools import repeat
from math import isfinite
from operator import attrgetter, is_not
from typing import Any, NamedTuple, cast
from weakref import WeakMethod, proxy

from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    GraphQLBoolean,
    GraphQLField,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLResolveInfoHelpers,
    GraphQLString,
    Undefined,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.execution.executor import to_nodes
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path
from graphql.type.introspection import TypeNameMetaFieldDef
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import CustomGraphQLEnumType, GraphQLCoreConverter
from strawberry.types.arguments import convert_arguments
from strawberry.types.base import StrawberryObjectDefinition

from app.api.validation import PerNode

ResolveInfo = GraphQLResolveInfo[Any]
Complete = Callable[[Any, ResolveInfo], Any]
"""Completes one value of a plain selection; raises (anything) when graphql-core must do it."""
Prefetch = Callable[[list[Any], "_Run"], Awaitable[None]]
"""Reads the related nodes a selection needs under some values, all at once, for ``Complete``: the request's
(its ``_Run``)."""
Each = Callable[[list[Any], ResolveInfo], list[Any] | None]
"""Completes the items of a list at once; None when it cannot (graphql-core's order of checks needs them one
by one: a null, an object of another class)."""
Many = Callable[..., Awaitable[list[Any]]]
"""A related field's values for a list of parents (``Related.many``), given strawberry's info and the
field's arguments."""


class Refused(Exception):
    """A value the direct path does not complete: graphql-core completes it (and reports it)."""


class _Leaf(NamedTuple):
    """A plain leaf field of an object: read as ``attr`` (``None``: the object type's name)."""

    name: str
    attr: str | None
    leaf: GraphQLLeafType
    non_null: bool


class _Fields(NamedTuple):
    """An object's selection split: its plain leaves, read in place, and the rest (graphql-core's)."""

    names: tuple[str, ...]
    leaves: tuple[_Leaf, ...]
    rest: GroupedFieldSet


class _Plan(NamedTuple):
    """How values of a selection are completed directly, and what is read for them first (None: nothing);
    ``each`` completes a list's items at once (None: one by one)."""

    complete: Complete
    prefetch: Prefetch | None
    each: Each | None = None


class _Related:
    """A related field of a plain selection (``many`` reads it for a list of parents), and what the info and
    arguments ``many`` is given are made from, for each request. Hashed by identity: a request keeps what it
    read for the field under it (``_Run``)."""

    __slots__ = ("details", "field", "many", "name", "type")

    def __init__(self, type_: GraphQLObjectType, name: str, field: GraphQLField, details: FieldDetailsList,
                 many: Many) -> None:
        self.type, self.name, self.field, self.details, self.many = type_, name, field, details, many


Fetched = dict[int, tuple[Any, Any]]
"""What ``many`` read for a related field, by parent id, with the parent kept (an id is not another's)."""


class _Slot(NamedTuple):
    """A field of an object's plain selection: read as ``attr`` (None: the type's name) or, when ``fetched``,
    taken from what the request's ``many`` read for its parent (``_Run.fetched``); completed as ``leaf`` or by
    ``nested``."""

    name: str
    attr: str | None
    leaf: Any
    non_null: bool
    nested: Complete | None
    fetched: _Related | None


class _Hole(NamedTuple):
    """A related field of an object answer, to fill once read for its parent ``source``."""

    answer: dict[str, Any]
    slot: _Slot
    source: Any


_Seen = dict[tuple[int, int], tuple[Any, dict[str, Any]]]
"""The objects of one list's answer by (their selection's plan, the object's id), each with its answer: many
parents often share one object (``Related.many`` builds a row they share once: 135 projects' units are 15
units), which is completed once and its answer shared (the JSON is the same)."""


class _Run:
    """One request's part in the plans it runs: what each related field read (``fetched``), and the info and
    arguments its ``many`` is given, made once a request and field (``read``)."""

    def __init__(self, executor: PlainFieldsExecutor) -> None:
        self.executor = proxy(executor)  # the executor keeps its run: not a cycle (see ``_weakly``)
        self.fetched: dict[_Related, Fetched] = {}
        self._asked: dict[_Related, tuple[Any, dict[str, Any]]] = {}

    def read(self, related: _Related, sources: list[Any]) -> Awaitable[list[Any]]:
        """``many`` of the related field for ``sources``, with this request's info and arguments."""
        asked = self._asked.get(related)
        if asked is None:
            info = self.executor._strawberry_info(related.type, related.name, related.field, related.details)
            asked = self._asked[related] = (info, self.executor._arguments(related.field, related.details, info))
        return related.many(sources, asked[0], **asked[1])


class _Completing:
    """What the plans read while a list is completed or its related fields filled, synchronously (no other
    request runs meanwhile): the request's ``run``; while the list is first completed, its related fields not
    read yet (``holes``); the objects answered (``seen``)."""

    run: _Run | None = None
    holes: list[_Hole] | None = None
    seen: _Seen | None = None


_NOW = _Completing()

MAX_PLANS = 1024
"""Plans kept (by the nodes of a selection and the request's variables; bounded: both come from clients)."""
_PLANS: PerNode[_Plan | None] = PerNode(MAX_PLANS)


def _frozen(value: Any) -> Hashable:
    """A variable's value as a key: equal for equal values of one type (lists and input objects too); raises
    TypeError when it holds what cannot be a key."""
    if isinstance(value, Mapping):
        return dict, tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return list, tuple(map(_frozen, value))
    hash(value)
    return type(value), value


class _Plain(NamedTuple):
    """A plain field: the attribute it reads (None: ``__typename``, the object type's name) and its
    type without the non-null wrapper."""

    attr: str | None
    type: GraphQLOutputType
    non_null: bool


def _plain(field: GraphQLField) -> _Plain | None:
    """The field as plain when it is: ``__typename``, or strawberry's default resolver (``getattr`` of
    the Python name) without arguments; None otherwise."""
    inner: Any = field.type
    non_null = is_non_null_type(inner)
    if non_null:
        inner = inner.of_type
    if field is TypeNameMetaFieldDef:
        return _Plain(None, inner, non_null)
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if (field.args or definition is None or not getattr(field.resolve, "_is_default", False)
            or definition.default_resolver is not getattr):
        return None
    return _Plain(str(definition.python_name), inner, non_null)


def _many(field: GraphQLField) -> Many | None:
    """The ``many`` of a field resolved by a relation (app/api/types/related.py) without permissions or
    extensions; None otherwise."""
    definition: Any = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    resolver = getattr(definition, "base_resolver", None)
    if resolver is None or definition.extensions or definition.permission_classes:
        return None
    many: Many | None = getattr(getattr(resolver.wrapped_func, "__self__", None), "many", None)
    return many


_EXACT: dict[GraphQLLeafType, type] = {GraphQLString: str, GraphQLID: str, GraphQLBoolean: bool, GraphQLFloat: float,
                                       GraphQLInt: int}
"""The built-in scalars and the Python type whose values they serialize unchanged (floats when finite, ints
when 32-bit), so most leaves of a big answer skip their serializer's checks."""


@cache
def _enum_names(leaf: CustomGraphQLEnumType) -> tuple[type, dict[Any, str]] | None:
    """The enum class of a strawberry enum type and, by its members' values, the name its serializer gives
    them (``CustomGraphQLEnumType.coerce_output_value``: the first of its values equal to the member's);
    None when the values cannot be looked up so (unhashable)."""
    names: dict[Any, str] = {}
    try:
        for name, value in leaf.values.items():
            names.setdefault(value.value, name)
    except TypeError:
        return None
    return leaf.wrapped_cls, names


def _leaf_value(leaf: GraphQLLeafType, value: Any) -> Any:
    """graphql-core's completion of a non-null leaf value; Refused where it would report an error."""
    kind = type(value)
    if kind is _EXACT.get(leaf) and (kind is str or kind is bool or (
            isfinite(value) if kind is float else GRAPHQL_MIN_INT <= value <= GRAPHQL_MAX_INT)):
        return value
    if type(leaf) is CustomGraphQLEnumType:  # a member of its own enum: its name, without asking each value
        enum = _enum_names(leaf)
        if enum is not None and kind is enum[0]:
            name = enum[1].get(value.value)
            if name is not None:
                return name
    if isinstance(value, Exception):
        raise Refused
    coerced = leaf.coerce_output_value(value)
    if coerced is None or coerced is Undefined:
        raise Refused
    return coerced


def _weakly(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method``, not keeping its object alive."""
    ref = WeakMethod(method)

    def call(*args: Any, **kwargs: Any) -> Any:
        bound = ref()
        assert bound is not None, "a resolver's helper called after its execution ended"
        return bound(*args, **kwargs)
    return call


class PlainFieldsExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor with plain fields read directly (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # graphql-core keeps two of its own bound methods for the resolvers: a reference cycle that held
        # the executor, the request's context and every row its loaders cached until the cyclic collector
        # came (0.5-0.75 MiB a request at 10,000 documents, more the faster requests came). Taken weakly,
        # they go with the request; the executor outlives every resolver call, which runs inside it.
        self.async_helpers = GraphQLResolveInfoHelpers(gather=_weakly(self.gather_async_work),
                                                       track=_weakly(self.track_async_work))
        manager = self.middleware_manager
        # A resolver middleware must see every field; @defer/@stream need graphql-core's bookkeeping.
        self._direct = (not (manager and manager.middlewares) and self.schema.get_directive("defer") is None
                        and self.schema.get_directive("stream") is None)
        self._objects: dict[tuple[GraphQLObjectType, int], tuple[GroupedFieldSet, _Fields | None]] = {}
        self._run = _Run(self)
        try:  # the plans' key beside the selection's nodes; None: this request's plans are its own
            self._variables: Hashable | None = _frozen(self.variable_values.coerced)
        except TypeError:
            self._variables = None

    # Lists of plain objects: one loop.

    def complete_list_value(self, return_type: GraphQLList[GraphQLOutputType],
                            field_details_list: FieldDetailsList, info: ResolveInfo, path: Path,
                            result: Any, position_context: Any) -> AwaitableOrValue[list[Any]]:
        if self._direct and position_context is None and type(result) in (list, tuple):
            try:
                plan = self._list_plan(return_type, field_details_list)
                if plan is not None:
                    return self._complete_list(plan, return_type, field_details_list, info, path, result)
            except Exception:  # graphql-core completes it again and reports what it finds
                pass
        return super().complete_list_value(return_type, field_details_list, info, path, result, position_context)

    def _complete_list(self, plan: _Plan, return_type: GraphQLList[GraphQLOutputType],
                       field_details_list: FieldDetailsList, info: ResolveInfo, path: Path,
                       result: Any) -> AwaitableOrValue[list[Any]]:
        """The list completed at once, its related fields left as holes; those filled once read.

        So whatever graphql-core reports without awaiting anything (a null for a non-null field) is
        found, and handed back to it, before the await, as graphql-core would find it."""
        holes: list[_Hole] = []
        seen: _Seen = {}
        _NOW.run, _NOW.holes, _NOW.seen = self._run, holes, seen
        try:
            completed: list[Any] = plan.complete(result, info)
        finally:
            _NOW.run = _NOW.holes = _NOW.seen = None
        if not holes or plan.prefetch is None:
            return completed
        return self._fill_later(plan.prefetch, holes, seen, completed, return_type, field_details_list, info, path,
                                result)

    async def _fill_later(self, prefetch: Prefetch, holes: list[_Hole], seen: _Seen, completed: list[Any],
                          return_type: GraphQLList[GraphQLOutputType], field_details_list: FieldDetailsList,
                          info: ResolveInfo, path: Path, result: Any) -> list[Any]:
        try:
            await prefetch([result], self._run)
            _NOW.run, _NOW.seen = self._run, seen
            try:
                for answer, slot, source in holes:
                    answer[slot.name] = _slot_value(slot, _fetched(slot, source), info)
            finally:
                _NOW.run = _NOW.seen = None
            return completed
        except Exception:  # graphql-core completes it again and reports what it finds
            pass
        again: Any = super().complete_list_value(return_type, field_details_list, info, path, result, None)
        return await again if self.is_awaitable(again) else again  # type: ignore[no-any-return]

    def _list_plan(self, return_type: GraphQLOutputType, field_details_list: FieldDetailsList) -> _Plan | None:
        """The list's plan: made once for its selection's nodes and the request's variables (``_PLANS``)."""
        if self._variables is None:
            return self._completion(return_type, field_details_list)
        return _PLANS.get(tuple(details.node for details in field_details_list), (return_type, self._variables),
                          lambda: self._completion(return_type, field_details_list))

    def _completion(self, type_: GraphQLOutputType, field_details_list: FieldDetailsList) -> _Plan | None:
        """How a value of ``type_`` selected by ``field_details_list`` is completed directly; None when
        some field of it needs a resolver (or a type resolver: interfaces and unions)."""
        non_null = is_non_null_type(type_)
        inner: Any = cast(Any, type_).of_type if non_null else type_
        plan: _Plan | None
        if is_leaf_type(inner):
            leaf: Any = inner

            def complete_leaf(value: Any, info: ResolveInfo) -> Any:
                return _leaf_value(leaf, value)
            plan = _Plan(complete_leaf, None)
        elif is_list_type(inner):
            item = self._completion(inner.of_type, field_details_list)
            plan = None if item is None else _list_of(item)
        elif is_object_type(inner):
            plan = self._object_completion(inner, field_details_list)
        else:
            return None
        if plan is None:
            return None
        complete_inner = plan.complete
        if non_null:
            def complete(value: Any, info: ResolveInfo) -> Any:
                if value is None or value is Undefined:
                    raise Refused
                return complete_inner(value, info)
        else:
            def complete(value: Any, info: ResolveInfo) -> Any:
                return None if value is None or value is Undefined else complete_inner(value, info)
        return _Plan(complete, plan.prefetch, plan.each and _each_or_one_by_one(plan.each, complete))

    def _object_completion(self, type_: GraphQLObjectType, field_details_list: FieldDetailsList) -> _Plan | None:
        definition = (type_.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        if type_.is_type_of is not None and (not isinstance(definition, StrawberryObjectDefinition)
                                             or definition.is_type_of is not None):
            return None  # only strawberry's own is_type_of is known to ignore which field asks
        grouped, defer_usages, _ = self.collect_subfields(type_, field_details_list)
        if defer_usages:
            return None
        slots: list[_Slot] = []
        reads: list[Prefetch] = []
        for name, details in grouped.items():
            field = self.schema.get_field(type_, details[0].node.name.value)
            plain = field and _plain(field)
            many = field and not plain and _many(field)
            if not field or not (plain or many):
                return None
            inner: Any = field.type
            non_null = is_non_null_type(inner)
            if non_null:
                inner = inner.of_type
            nested = None if is_leaf_type(inner) else self._completion(inner, details)
            if nested is None and not is_leaf_type(inner):
                return None
            leaf, complete = (inner, None) if nested is None else (None, nested.complete)
            if plain:
                slots.append(_Slot(name, plain.attr, leaf, non_null, complete, None))
                if nested is not None and nested.prefetch is not None:
                    reads.append(_read_under(plain.attr, nested.prefetch))
            elif many:
                related = _Related(type_, name, field, details, many)
                slots.append(_Slot(name, None, leaf, non_null, complete, related))
                reads.append(_fetch(related, nested and nested.prefetch))
        complete, each = _object_of(type_, tuple(slots))
        return _Plan(complete, _prefetch_all(reads) if reads else None, each)

    def _strawberry_info(self, type_: GraphQLObjectType, name: str, field: GraphQLField,
                         details: FieldDetailsList) -> Any:
        """The info a relation's ``many`` is given: the field's, as its resolver would get it (the path
        names the field, not one parent: ``many`` serves them all)."""
        raw = self.build_resolve_info(field, to_nodes(details), type_, Path(None, name, type_.name))
        strawberry_schema: Any = getattr(self.schema, "_strawberry_schema")  # noqa: B009  (strawberry sets it)
        definition = (field.extensions or {})[GraphQLCoreConverter.DEFINITION_BACKREF]
        return strawberry_schema.config.info_class(_raw_info=raw, _field=definition)

    def _arguments(self, field: GraphQLField, details: FieldDetailsList, info: Any) -> dict[str, Any]:
        """The field's arguments as its resolver gets them (Python names, strawberry's input types): the
        same for every parent, the selection's one field and the request's variables deciding them."""
        if not field.args:
            return {}
        raw = get_argument_values(field, details[0].node, self.variable_values)
        strawberry_schema: Any = getattr(self.schema, "_strawberry_schema")  # noqa: B009  (strawberry sets it)
        definition = (field.extensions or {})[GraphQLCoreConverter.DEFINITION_BACKREF]
        return convert_arguments(raw, definition.arguments, strawberry_schema.schema_converter.scalar_registry,
                                 strawberry_schema.config, info)

    # Other objects: plain leaves in place, the rest as graphql-core executes them.

    def execute_fields(self, parent_type: GraphQLObjectType, source_value: Any, path: Path | None,
                       grouped_field_set: GroupedFieldSet, position_context: Any) -> AwaitableOrValue[dict[str, Any]]:
        plan = self._fields_plan(parent_type, grouped_field_set) if self._direct and position_context is None else None
        if plan is None:
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        try:
            read = _read_leaves(plan.leaves, parent_type.name, source_value)
        except Exception:  # graphql-core executes the whole object and reports what it finds
            return super().execute_fields(parent_type, source_value, path, grouped_field_set, position_context)
        if not plan.rest:
            return read
        rest = super().execute_fields(parent_type, source_value, path, plan.rest, position_context)
        if isinstance(rest, dict):
            return _merged(plan.names, read, rest)
        return _merged_later(plan.names, read, rest)

    def build_response(self, data: dict[str, Any] | None) -> Any:
        """The answer, what the request read let go first (``_Run``: what a list's related fields read, the info
        their ``many`` was given)."""
        self._objects.clear()
        self._run = _Run(self)
        return super().build_response(data)

    def _fields_plan(self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet) -> _Fields | None:
        key = (parent_type, id(grouped_field_set))
        cached = self._objects.get(key)
        if cached is None:
            cached = self._objects[key] = (grouped_field_set, _split(self, parent_type, grouped_field_set))
        return cached[1]


def _split(executor: PlainFieldsExecutor, parent_type: GraphQLObjectType, grouped: GroupedFieldSet) -> _Fields | None:
    """The plain leaves of a selection and the rest; None when it has no plain leaf (nothing to gain)."""
    leaves, rest = [], {}
    for name, details in grouped.items():
        field = executor.schema.get_field(parent_type, details[0].node.name.value)
        plain = field and _plain(field)
        if plain and is_leaf_type(plain.type):
            leaves.append(_Leaf(name, plain.attr, plain.type, plain.non_null))
        else:
            rest[name] = details
    return _Fields(tuple(grouped), tuple(leaves), rest) if leaves else None


def _read_leaves(leaves: tuple[_Leaf, ...], type_name: str, source: Any) -> dict[str, Any]:
    read: dict[str, Any] = {}
    for name, attr, leaf, non_null in leaves:
        value = type_name if attr is None else getattr(source, attr)
        if value is None or value is Undefined:
            if non_null:
                raise Refused
            read[name] = None
        else:
            read[name] = _leaf_value(leaf, value)
    return read


def _merged(names: tuple[str, ...], read: dict[str, Any], rest: dict[str, Any]) -> dict[str, Any]:
    """The object's answer in the selection's order (a field graphql-core left out stays out)."""
    return {name: read[name] if name in read else rest[name] for name in names if name in read or name in rest}


async def _merged_later(names: tuple[str, ...], read: dict[str, Any], rest: Awaitable[dict[str, Any]]
                        ) -> dict[str, Any]:
    return _merged(names, read, await rest)


def _list_of(item: _Plan) -> _Plan:
    complete_item, each = item.complete, item.each

    def complete(value: Any, info: ResolveInfo) -> Any:
        if type(value) not in (list, tuple):
            raise Refused
        if each is None:
            return [complete_item(v, info) for v in value]
        return each(value if type(value) is list else list(value), info)
    prefetch_items = item.prefetch
    if prefetch_items is None:
        return _Plan(complete, None)

    async def prefetch(values: list[Any], run: _Run) -> None:
        await prefetch_items([v for value in values if type(value) in (list, tuple) for v in value], run)
    return _Plan(complete, prefetch)


def _read_under(attr: str | None, prefetch: Prefetch) -> Prefetch:
    """What a plain field's values need read, for their parents."""
    async def read(sources: list[Any], run: _Run) -> None:
        await prefetch([getattr(source, attr or "") for source in sources], run)
    return read


def _fetch(related: _Related, prefetch: Prefetch | None) -> Prefetch:
    """A related field read for all its parents at once, kept by parent in the request's run for
    ``_object_of``; then what its values need read in turn."""
    async def read(sources: list[Any], run: _Run) -> None:
        values = await run.read(related, sources)
        if len(values) != len(sources):
            raise Refused
        fetched = run.fetched.get(related)
        if fetched is None:
            fetched = run.fetched[related] = {}
        fetched.update((id(source), (source, value)) for source, value in zip(sources, values, strict=True))
        if prefetch is not None:
            await prefetch(values, run)
    return read


def _prefetch_all(reads: list[Prefetch]) -> Prefetch:
    """An object selection's reads for a list of its values (nulls left out, each object once), side by
    side. Many values are often one object (``Related.many`` builds a row its parents share once: 135
    projects' units are 15 units), whose related nodes are read, built and kept once, not per parent."""
    async def prefetch(values: list[Any], run: _Run) -> None:
        sources = list({id(value): value for value in values if value is not None and value is not Undefined}.values())
        if sources:
            await asyncio.gather(*(read(sources, run) for read in reads))
    return prefetch


def _kept(slot: _Slot, source: Any) -> tuple[Any, Any] | None:
    """What the request's ``many`` read for ``source`` (with it), if it has."""
    fetched = None if _NOW.run is None or slot.fetched is None else _NOW.run.fetched.get(slot.fetched)
    kept = None if fetched is None else fetched.get(id(source))
    return kept if kept is not None and kept[0] is source else None


def _fetched(slot: _Slot, source: Any) -> Any:
    """What the request's ``many`` read for ``source``; Refused when it has not read it."""
    kept = _kept(slot, source)
    if kept is None:
        raise Refused
    return kept[1]


def _slot_value(slot: _Slot, value: Any, info: ResolveInfo) -> Any:
    if value is None or value is Undefined:
        if slot.non_null:
            raise Refused
        return None
    return _leaf_value(slot.leaf, value) if slot.nested is None else slot.nested(value, info)


def _each_or_one_by_one(each: Each, complete: Complete) -> Each:
    """The items at once, or else one by one."""
    def items(values: list[Any], info: ResolveInfo) -> list[Any]:
        done = each(values, info)
        return [complete(value, info) for value in values] if done is None else done
    return items


def _object_of(type_: GraphQLObjectType, slots: tuple[_Slot, ...]) -> tuple[Complete, Each]:
    """One object of a plain selection, as its dict, and a list of them at once: the loop a list of 10,000
    runs. A related field not read yet is a hole while the list is first completed (``_NOW.holes``), and
    refused otherwise. An object the list's answer already holds under this selection (``_NOW.seen``) has
    the same answer: that one (its holes are filled with it).

    At once, the objects' leaves of built-in scalars are read by C's ``attrgetter`` and taken as they are
    when each leaf's values are all of the type its scalar serializes unchanged (or null where it may
    be; floats finite, ints 32-bit: ``_taken``), the objects all of the class strawberry's ``is_type_of``
    accepts without asking (``_own_class``); else one by one (None), which finds and refuses what
    graphql-core must report."""
    is_type_of, type_name = type_.is_type_of, type_.name
    own = _own_class(type_)
    quick = tuple(slot for slot in slots if slot.fetched is None and slot.nested is None and slot.attr is not None
                  and slot.leaf in _EXACT)
    others = tuple(slot for slot in slots if slot not in quick)
    names = tuple(slot.name for slot in quick)
    attrs = [str(slot.attr) for slot in quick]
    read = None if not attrs else attrgetter(*attrs) if len(attrs) > 1 else (
        lambda source, attr=attrs[0]: (getattr(source, attr),))
    blank = dict.fromkeys(slot.name for slot in slots)  # the selection's order
    plan = id(blank)  # this selection's, among the answers ``seen``: ``blank`` lives as long as the plan

    def fill(answer: dict[str, Any], source: Any, info: ResolveInfo, which: tuple[_Slot, ...]) -> dict[str, Any]:
        for slot in which:
            if slot.fetched is None:
                value = type_name if slot.attr is None else getattr(source, slot.attr)
            else:
                kept = _kept(slot, source)
                if kept is None:
                    if _NOW.holes is None:
                        raise Refused
                    _NOW.holes.append(_Hole(answer, slot, source))
                    answer[slot.name] = None
                    continue
                value = kept[1]
            answer[slot.name] = _slot_value(slot, value, info)
        return answer

    def complete(source: Any, info: ResolveInfo) -> Any:
        answers = _NOW.seen
        if answers is not None:
            kept = answers.get((plan, id(source)))
            if kept is not None and kept[0] is source:
                return kept[1]
        if is_type_of is not None and is_type_of(source, info) is not True:
            raise Refused
        answer: dict[str, Any] = {}
        if answers is not None:
            answers[plan, id(source)] = (source, answer)
        return fill(answer, source, info, slots)

    def each(sources: list[Any], info: ResolveInfo) -> list[Any] | None:
        if not sources or (is_type_of is not None and not _all_own(own, sources)):
            return None
        rows = [()] * len(sources) if read is None else list(map(read, sources))  # an answer per object
        if read is not None and not _taken(quick, rows):
            return None
        if not others:
            return list(map(dict, map(zip, repeat(names), rows)))
        answers = []
        for source, row in zip(sources, rows, strict=True):
            answer = blank.copy()
            answer.update(zip(names, row))  # noqa: B905  (one length)
            answers.append(fill(answer, source, info, others))
        return answers
    return complete, each


_CAST = "__as_strawberry_type__"
"""The attribute ``strawberry.cast`` sets on an object (strawberry/types/cast.py), which its ``is_type_of``
reads first."""


def _own_class(type_: GraphQLObjectType) -> type | None:
    """The class strawberry's ``is_type_of`` of ``type_`` accepts without asking (an instance of exactly that
    class, not cast to another type); None when it may judge any object otherwise."""
    definition = (type_.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    origin = getattr(definition, "origin", None)
    return origin if isinstance(origin, type) and not hasattr(origin, _CAST) else None


def _all_own(own: type | None, sources: list[Any]) -> bool:
    """Whether every object is of exactly the class ``own`` and none is cast (``_own_class``)."""
    return own is not None and set(map(type, sources)) == {own} and not any(
        map(hasattr, sources, repeat(_CAST)))  # the class has none (``_own_class``): an object's own, slots too


def _taken(leaves: tuple[_Slot, ...], rows: list[tuple[Any, ...]]) -> bool:
    """Whether each leaf's values (a column of ``rows``) serialize unchanged: all of the scalar's own Python
    type (``_EXACT``), or null where the field is nullable; floats finite, ints 32-bit."""
    for slot, column in zip(leaves, zip(*rows, strict=True), strict=True):
        exact = _EXACT[slot.leaf]
        kinds = set(map(type, column))
        if kinds - {exact, type(None)} or (slot.non_null and type(None) in kinds):
            return False
        values = list(filter(partial(is_not, None), column)) if type(None) in kinds else column
        if exact is float and not all(map(isfinite, values)):
            return False
        if exact is int and values and not GRAPHQL_MIN_INT <= min(values) <= max(values) <= GRAPHQL_MAX_INT:
            return False
    return True
