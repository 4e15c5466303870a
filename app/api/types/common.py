"""What every node type shares: the row type, the resolver ``Info``, provenance, closed enums."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum
from functools import cache, lru_cache
from operator import itemgetter, methodcaller
from typing import Any, NamedTuple, TypeVar

import strawberry
from graphql import FieldNode, SelectionNode
from strawberry.types.base import get_object_definition

from app.api.context import Context
from app.api.validation import PerNode
from graph.codec import Kind, Read, Reader, camel, hints, reads, slots
from graph.payload import NODE_FACTS
from graph.projection import field_properties
from loaders import stored
from vocab import classification

Row = dict[str, Any]
Info = strawberry.Info[Context, None]
T = TypeVar("T")
C = TypeVar("C", bound=type)


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _same(value: Any) -> Any:
    """The converter of a value taken as it is (``build`` skips calling it: a big answer has 10⁵ of them)."""
    return value


def _converter(hint: Any) -> Callable[[Any], Any]:
    """How a decoded value becomes the strawberry field's type, decided once per field: dicts built
    into its object type, a fact enum as the API enum of the same member name, a flag the graph does
    not hold as false (a list or flag the field requires reads empty, anything optional null)."""
    empty: Callable[[], Any] = (
        (lambda: False) if hint is bool else list if typing.get_origin(hint) is list else (lambda: None))
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 1:
        hint = args[0]
    target = hint

    if typing.get_origin(target) is list:
        item = _converter(typing.get_args(target)[0])

        def convert(value: Any) -> Any:
            return empty() if value is None else [item(v) for v in value]
    elif isinstance(target, type) and issubclass(target, Enum):
        def convert(value: Any) -> Any:
            return empty() if value is None else target[value.name if isinstance(value, Enum) else value]
    elif isinstance(target, type) and dataclasses.is_dataclass(target):
        def convert(value: Any) -> Any:
            return empty() if value is None else build(target, value) if isinstance(value, Mapping) else value
    elif hint is not bool:
        return _same
    else:
        def convert(value: Any) -> Any:
            return empty() if value is None else value
    return convert


def _lookup(values: Any, parts: tuple[str, ...]) -> Any:
    for part in parts:
        if values is None:
            return None
        values = values.get(part) if type(values) is dict or isinstance(values, Mapping) else getattr(values, part)
    return values


@cache
def _paths(fact: type) -> dict[str, list[str]]:
    """Where each field of a fact lives: its own fields, and those of its families one level down
    (a document's ``header.title``), by name."""
    found: dict[str, list[str]] = {}
    for slot in slots(fact):
        found.setdefault(slot.field, []).append(slot.field)
        if slot.kind is Kind.FAMILY:
            for inner in slots(slot.type):
                found.setdefault(inner.field, []).append(f"{slot.field}.{inner.field}")
    return found


def _path(cls: type, fact: type | None, name: str) -> str:
    renames: Mapping[str, str] = getattr(cls, "FACT_NAMES", {})
    if name in renames or fact is None:
        return renames.get(name, name)
    paths = _paths(fact).get(name, [name])
    if name not in paths and len(paths) > 1:
        raise KeyError(f"{cls.__name__}.{name}: {fact.__name__} holds {paths}; name one in FACT_NAMES")
    return name if name in paths else paths[0]


class _Field(NamedTuple):
    """Where one field of a strawberry type takes its value from, worked out once per type and fact."""

    name: str
    head: str  # the decoded fact's field holding it
    tail: tuple[str, ...]  # the path on from there (into a family), mostly empty
    prop: str  # the row's property when no fact holds it
    convert: Callable[[Any], Any]


@cache
def _plan(cls: type, fact: type | None) -> tuple[_Field, ...]:
    hints = _hints(cls)
    paths = {f.name: _path(cls, fact, f.name).split(".") for f in dataclasses.fields(cls) if f.name in hints and f.init}
    return tuple(_Field(name, path[0], tuple(path[1:]), camel(name), _converter(hints[name]))
                 for name, path in paths.items())  # init fields only: not the resolvers


class _Route(NamedTuple):
    """How ``build`` fills a type's fields from one shape of values (their keys) and given names: the
    fields taken as they are from ``values`` at once (``take``: C's ``itemgetter``), the rest one by one."""

    names: tuple[str, ...]
    take: Callable[[Mapping[str, Any]], Any] | None
    rest: tuple[_Field, ...]


@lru_cache(maxsize=1024)  # bounded: the shapes are the facts' and families' own, but values come from rows
def _route(cls: type, fact: type | None, keys: tuple[str, ...], given: tuple[str, ...]) -> _Route:
    present = set(keys)
    direct = [f for f in _plan(cls, fact)
              if f.name not in given and f.head in present and not f.tail and f.convert is _same]
    rest = tuple(f for f in _plan(cls, fact) if f not in direct)
    heads = [f.head for f in direct]
    take = None if not heads else (lambda v, h=heads[0]: (v[h],)) if len(heads) == 1 else itemgetter(*heads)
    return _Route(tuple(f.name for f in direct), take, rest)


def build(cls: type[T], values: Mapping[str, Any], row: Row | None = None, fact: type | None = None,
          **given: Any) -> T:
    """A strawberry type from a fact's decoded values (``graph.codec.decode``): each field takes the fact
    field of its name (the fact's own, or one of its families'), or the one the class's ``FACT_NAMES``
    names (a dotted path into a family); a field no fact holds (ids, the fiscal year the graph adds) is
    the row's property of its camelCase name; ``given`` values win. So no property name is spelled here.
    What each field takes is planned once per type (``_plan``) and shape of values (``_route``): a big
    answer builds 10,000 of them, most fields taken as decoded."""
    names, take, rest = _route(typing.cast(Any, cls), fact, tuple(values), tuple(given))
    kwargs: dict[str, Any] = dict(zip(names, take(values))) if take is not None else {}  # noqa: B905  (one length)
    for field in rest:
        if field.name in given:
            value = given[field.name]
        elif field.head in values:
            value = values[field.head]
            if field.tail:
                value = _lookup(value, field.tail)
        elif row is not None:
            value = row.get(field.prop)
        else:
            continue
        kwargs[field.name] = value if field.convert is _same else field.convert(value)
    return cls(**kwargs)


NARROWABLE: dict[str, type] = {}
"""The type built from each label's nodes (:func:`narrowable`), whose selections narrow a read of them."""


def narrowable(label: str) -> Callable[[C], C]:
    """Declares the type built from ``label`` nodes: reads of them (root lists, pages, relations) are
    narrowed to the properties its selected fields read (the type is declared after the fields of other
    types that relate to it, so it is looked up by label when a request comes)."""
    def declare(cls: C) -> C:
        NARROWABLE[label] = cls
        return cls
    return declare


@cache
def _fields(cls: type) -> dict[str, Any]:
    """A strawberry type's fields by their GraphQL names."""
    return {camel(f.python_name): f for f in get_object_definition(cls, strict=True).fields}


def selected_properties(info: Info, label: str) -> tuple[str, ...] | None:
    """The properties of ``label`` nodes that the fields selected on the current field's items (of the
    type declared :func:`narrowable` to ``label``) read, by rule: a value field, its fact field's
    properties (graph/projection.py), or the row's property of its camelCase name; a resolver field, the
    node's own keys (it loads the rest); a field the type's ``NEEDS`` names (computed, by a resolver or
    not), the fact fields it is computed from. None (every property) when the selection holds fragments,
    whose fields are not told here."""
    return _chosen(label, _field_node(info), False)


def listed_properties(info: Info, label: str) -> tuple[str, ...] | None:
    """:func:`selected_properties` of the nodes of the current field's connection (``edges { node { … } }``,
    under any aliases): the node's own keys when no node is selected (a count, the page's cursors)."""
    return _chosen(label, _field_node(info), True)


def selects(info: Info, path: tuple[str, ...]) -> bool:
    """Whether the current field's selection reaches the field ``path`` names (``("edges", "node")``), under
    any aliases; a fragment on the way counts as reaching it (its fields are not told here), so a read
    skipped when this is false is never one the answer needs."""
    return _reaches(field_children(_field_node(info)), path)


def _reaches(selections: tuple[SelectionNode, ...], path: tuple[str, ...]) -> bool:
    if not path:
        return True
    return any(not isinstance(selected, FieldNode) or (
        selected.name.value == path[0] and _reaches(field_children(selected), path[1:])) for selected in selections)


def _field_node(info: Info) -> FieldNode:
    """The current field as the query's text selects it (its first node, as ``info.selected_fields[0]``)."""
    return info._raw_info.field_nodes[0]


MAX_CHOSEN = 1024
"""Selections whose properties :func:`_chosen` keeps (bounded: the selections are those of the query texts
the service is sent)."""
_CHOSEN: PerNode[tuple[str, ...] | None] = PerNode(MAX_CHOSEN)


def _chosen(label: str, field: FieldNode, listed: bool) -> tuple[str, ...] | None:
    """The properties a selection reads (:func:`_selected`, or :func:`_listed` for a connection), worked out
    once per field node of a parsed query: they follow from the names selected, which no variable changes.
    Reading them again from strawberry's ``selected_fields`` cost every request the conversion of the whole
    selection, arguments and directives included."""
    return _CHOSEN.get((field,), (label, listed),
                       lambda: (_listed if listed else _selected)(label, field_children(field)))


def field_children(node: FieldNode) -> tuple[SelectionNode, ...]:
    """What a field of a query selects on its value (its selection's nodes; none for a leaf)."""
    return tuple(node.selection_set.selections) if node.selection_set else ()


def _selected(label: str, selections: tuple[SelectionNode, ...]) -> tuple[str, ...] | None:
    node, cls = NODE_FACTS[label], NARROWABLE[label]
    per_field = field_properties(label)
    fields = _fields(cls)
    needs: Mapping[str, tuple[str, ...]] = getattr(cls, "NEEDS", {})
    chosen = dict.fromkeys(node.added)
    for selected in selections:
        if not isinstance(selected, FieldNode):
            return None
        field = fields.get(selected.name.value)
        if field is None or (field.base_resolver is not None and field.python_name not in needs):
            continue  # __typename, or a resolver reading related nodes of its own
        for name in needs.get(field.python_name, (field.python_name,)):
            path = _path(cls, node.fact, name).split(".")[0]
            chosen.update(dict.fromkeys(per_field.get(path, (camel(name),))))
    return tuple(chosen)


def _listed(label: str, selections: tuple[SelectionNode, ...]) -> tuple[str, ...] | None:
    chosen: dict[str, None] = dict.fromkeys(NODE_FACTS[label].added)
    for selected in selections:
        if not isinstance(selected, FieldNode):
            return None
        for edge in field_children(selected) if selected.name.value == "edges" else ():
            if not isinstance(edge, FieldNode):
                return None
            if edge.name.value == "node":
                some = _selected(label, field_children(edge))
                if some is None:
                    return None
                chosen.update(dict.fromkeys(some))
    return tuple(chosen)


def figures(fact: type, name: str) -> type:
    """A strawberry base type with one field per figure of ``fact`` (its own, or its families') that
    says what it is for the API (``loaders.stored.doc``), by the fact field's name: a new stated figure
    is one fact field, and its type inherits it. The base never appears in the schema by itself."""
    annotations: dict[str, Any] = {}
    attrs: dict[str, Any] = {}
    for slot in slots(fact):
        owner, inner = (slot.type, slots(slot.type)) if slot.kind is Kind.FAMILY else (fact, (slot,))
        for figure in inner:
            text = figure.meta.get(stored.DOC)
            if text and figure.kind is Kind.VALUE:
                annotations[figure.field] = hints(owner)[figure.field]
                attrs[figure.field] = strawberry.field(default=None, description=text)
    base = type(name, (), {"__annotations__": annotations, **attrs, "__module__": __name__})
    return strawberry.type(base)


class _Shape(NamedTuple):
    """How :func:`of_row` fills a type from the rows holding one set of properties (a read narrowed to
    what a request selects holds a few of a node's thirty): the fields none of whose properties the
    rows hold take the value :func:`build` gives them from an empty row, worked out once (``same``;
    ``fresh``: a new empty list each); the fields taken as a property unchanged at once (``take``,
    C's ``itemgetter``); the rest read (``graph.codec.reads``) and converted one by one."""

    same: dict[str, Any]
    fresh: tuple[str, ...]
    names: tuple[str, ...]
    take: Callable[[Mapping[str, Any]], Any] | None
    rest: tuple[tuple[str, Reader, tuple[str, ...], Callable[[Any], Any]], ...]
    given: tuple[str, ...]
    plain: bool
    """Whether the type's ``__init__`` only sets the fields it is given (:func:`_sets_only`)."""


_KEPT = (type(None), bool, int, float, str)
"""The values a field can share between the objects built (immutable)."""


@lru_cache(maxsize=1024)  # bounded: one shape per type and selection a request can narrow a read to
def _shape(cls: type, fact: type | None, keys: tuple[str, ...], given: tuple[str, ...]) -> _Shape:
    present = set(keys)
    decoded = {r.field: r for r in reads(fact)} if fact else {}
    same: dict[str, Any] = {}
    fresh, names, heads, rest = [], [], [], []
    for f in _plan(cls, fact):
        if f.name in given:
            continue
        read = decoded.get(f.head)
        if read is None:  # no fact field: the row's property, as ``build`` reads it
            read = Read(f.name, methodcaller("get", f.prop), frozenset((f.prop,)), f.prop)
        if not read.keys & present:
            value = f.convert(_lookup(read.reader({}), f.tail))
            if type(value) in _KEPT or isinstance(value, Enum):
                same[f.name] = value
                continue
            if type(value) is list and not value:
                fresh.append(f.name)
                continue
        if read.key is not None and not f.tail and f.convert is _same:
            names.append(f.name)
            heads.append(read.key)
        else:
            rest.append((f.name, read.reader, f.tail, f.convert))
    take = None if not heads else (lambda v, h=heads[0]: (v[h],)) if len(heads) == 1 else itemgetter(*heads)
    fields = {f.name for f in _plan(cls, fact)}
    return _Shape(same, tuple(fresh), tuple(names), take, tuple(rest), tuple(n for n in given if n in fields),
                  _sets_only(cls, tuple(fields)))


_shape_of: Callable[[type, type | None, tuple[str, ...], tuple[str, ...]], _Shape] = _shape
"""``_shape`` as :func:`of_row` calls it (a type is hashable; ``typing.cast`` would be a call per row)."""


@cache
def _sets_only(cls: type, fields: tuple[str, ...]) -> bool:
    """Whether ``cls(**values)`` of ``fields`` only sets those attributes to those values (a dataclass's own
    ``__init__``: no ``__post_init__``, no other field it sets itself), so :func:`of_row` may set them without
    calling it: building a type of twenty fields is half its ``__init__``, and a big answer builds 10,000.
    Tried once per type and set of fields, with a value of its own for each."""
    probe = {name: object() for name in fields}
    try:
        made = cls(**probe)
    except Exception:
        return False
    kept, setter = getattr(made, "__dict__", None), getattr(type(made), "__setattr__", None)
    return (type(kept) is dict and kept.keys() == probe.keys() and all(kept[k] is v for k, v in probe.items())
            and setter is object.__setattr__)


def of_row(cls: type[T], row: Row, fact: type | None = None, **given: Any) -> T:
    """:func:`build` from a store row holding a ``fact`` written by the codec (the same object), planned
    once per set of properties the rows hold (``_Shape``): a big answer builds 10,000 of them."""
    shape = _shape_of(cls, fact, tuple(row), tuple(given))
    kwargs = shape.same.copy()
    for name in shape.fresh:
        kwargs[name] = []
    if shape.take is not None:
        kwargs.update(zip(shape.names, shape.take(row)))  # noqa: B905  (one length)
    for name, reader, tail, convert in shape.rest:
        value = reader(row)
        if tail:
            value = _lookup(value, tail)
        kwargs[name] = value if convert is _same else convert(value)
    for name in shape.given:
        kwargs[name] = given[name]
    if not shape.plain:
        return cls(**kwargs)
    made = object.__new__(cls)
    made.__dict__ = kwargs  # what ``cls(**kwargs)`` sets (``_sets_only``)
    return made


@strawberry.enum(description="Kind of disclosure.")
class DocumentKind(Enum):
    BUDGET = strawberry.enum_value("BUDGET", description="部门/单位预算公开")
    FINAL_ACCOUNTS = strawberry.enum_value("FINAL_ACCOUNTS", description="部门/单位决算公开")


@strawberry.enum(description="What a disclosure covers.")
class DocumentScope(Enum):
    DEPARTMENT = strawberry.enum_value("DEPARTMENT", description="部门预算/决算: the unit with its subordinate "
                                       "units, consolidated (also a document that names neither)")
    UNIT = strawberry.enum_value("UNIT", description="单位预算/决算: the unit alone")


@strawberry.enum(description="Level of the 功能分类 (functional classification) code: 类 (3 digits), "
                 "款 (5 digits) or 项 (7 digits), e.g. 208 社会保障和就业 > 20801 人力资源和社会保障管理事务 "
                 "> 2080109 社会保险经办机构.")
class FunctionLevel(Enum):
    CLASS = strawberry.enum_value("CLASS", description="类 (class, 3-digit code)")
    SECTION = strawberry.enum_value("SECTION", description="款 (section, 5-digit code)")
    ITEM = strawberry.enum_value("ITEM", description="项 (item, 7-digit code)")

    @property
    def digits(self) -> int:
        return classification.FunctionLevel[self.name].digits

    @classmethod
    def of_code(cls, code: str) -> FunctionLevel | None:
        level = classification.function_level(code)
        return None if level is None else cls[level.name]


@strawberry.type(description="Provenance of a fact: where it was read in its source document, so a "
                 "researcher can check it against the original.")
class SourceRef:
    line_start: int | None = strawberry.field(description="First line (1-based) of the text the fact was read from")
    line_end: int | None = strawberry.field(description="Last line (inclusive)")
    page: int | None = strawberry.field(description="Page, when the source was paginated (PDF)")
    text: str | None = strawberry.field(description="The source text span as written")

    @classmethod
    def of(cls, row: Row, prefix: str = "source") -> SourceRef | None:
        """The provenance kept as ``{prefix}LineStart``/``LineEnd``/``Page``/``Text``: ``source…`` on a fact's
        own node or relationship; a document-level fact's prefix on the document (``procurementLineStart``,
        lines only); None when the graph keeps no line for it."""
        if row.get(f"{prefix}LineStart") is None:
            return None
        return cls(line_start=row.get(f"{prefix}LineStart"), line_end=row.get(f"{prefix}LineEnd"),
                   page=row.get(f"{prefix}Page"), text=row.get(f"{prefix}Text"))

    @classmethod
    def of_values(cls, values: Row | None) -> SourceRef | None:
        """A source the codec decoded (``graph.codec.decode``)."""
        return None if values is None else cls(**values)
