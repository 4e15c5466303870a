"""One codec between fact dataclasses and graph properties, by rule, both ways.

Graph properties must be scalars or lists of scalars on both engines, so a fact is flattened:

- a field ``amount_wan`` is the property ``amountWan`` (:func:`camel`);
- a nested family (``procurement: ProcurementFact``) prefixes its fields with the field's name
  (``procurementTotalWan``), or with the prefix its field declares (``loaders.stored.flat``);
- provenance, a :class:`~loaders.facts.SourceRef`, is ``{base}LineStart``/``LineEnd``/``Text``/``Page``
  where ``base`` is ``source`` for a fact's own ``source``, ``x`` for a field ``x_source``, the
  family's prefix inside a family; on a document node (``lines_only``) the lines and page, not the text;
  a tuple of them (``sources``) is three parallel lists ``sourceLineStarts``/``Ends``/``Texts``;
- an enum is its value; a tuple of strings a list;
- a reading of a text field (a Measure, a SubsidyStandard: ``loaders.stored.reading``) is a family
  beside that text, without the text again;
- tuples of facts are not properties (the payload writes them as nodes and relationships), except
  those declared ``columns`` (parallel lists) or ``keyed`` (one family per enum member).

:func:`encode` writes a fact (or ``None``: every property ``None``, which removes what an earlier
load set) and :func:`decode` reads a row back into the fact's field values (nested families as
dicts, ``None`` when they state no figure), so the API never spells a property name either.

Usage example::

    encode(ProcurementFact(total_wan=12.0), prefix="procurement", lines_only=True)
    # {'procurementTotalWan': 12.0, ..., 'procurementLineStart': None, 'procurementLineEnd': None, ...}
    decode({"procurementTotalWan": 12.0}, ProcurementFact, prefix="procurement")["total_wan"]  # 12.0
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping
from enum import Enum, StrEnum
from functools import cache
from operator import methodcaller
from typing import Any

from loaders import stored
from loaders.facts import SourceRef

Params = dict[str, Any]
Values = dict[str, Any]


@cache
def camel(name: str) -> str:
    """``amount_wan`` → ``amountWan``; ``equipment_over_1m_count`` → ``equipmentOver1mCount``."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def join(prefix: str, name: str) -> str:
    """``join("procurement", "totalWan")`` → ``procurementTotalWan``; no prefix leaves the name."""
    return prefix + name[:1].upper() + name[1:] if prefix else name


class Kind(StrEnum):
    VALUE = "value"
    ENUM = "enum"
    LIST = "list"
    SOURCE = "source"
    SOURCES = "sources"
    FAMILY = "family"
    READING = "reading"
    KEYED = "keyed"
    COLUMNS = "columns"
    SKIP = "skip"


@dataclasses.dataclass(frozen=True)
class Slot:
    """How one field is stored: its ``key`` is the property, or the prefix of a group's properties."""

    field: str
    kind: Kind
    key: str
    type: Any = None
    own: str = ""
    """A family's base for its own ``source``."""
    elsewhere: bool = False
    meta: Mapping[str, Any] = dataclasses.field(default_factory=dict)


def _optional(hint: Any) -> Any:
    """``X | None`` → ``X``."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _kind(hint: Any, meta: Mapping[str, Any]) -> tuple[Kind, Any]:
    hint = _optional(hint)
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        if item is SourceRef:
            return Kind.SOURCES, item
        if stored.COLUMNS in meta:
            return Kind.COLUMNS, item
        if stored.KEYED in meta:
            return Kind.KEYED, item
        return (Kind.SKIP, item) if dataclasses.is_dataclass(item) else (Kind.LIST, item)
    if hint is SourceRef:
        return Kind.SOURCE, hint
    if isinstance(hint, type) and issubclass(hint, Enum):
        return Kind.ENUM, hint
    if dataclasses.is_dataclass(hint):
        return (Kind.READING if stored.READS in meta else Kind.FAMILY), hint
    return Kind.VALUE, hint


@cache
def hints(cls: type) -> dict[str, Any]:
    """The resolved field types of a dataclass (fact modules use postponed annotations)."""
    return typing.get_type_hints(cls)


@cache
def slots(cls: type, prefix: str = "", own: str = "source") -> tuple[Slot, ...]:
    """Every field of ``cls`` with how it is stored under ``prefix``; ``own`` is the base of its ``source``."""
    found = []
    for f in dataclasses.fields(cls):
        meta = f.metadata
        kind, typ = _kind(hints(cls)[f.name], meta)
        name = meta.get(stored.PROP) or camel(f.name)
        key, family_own = join(prefix, name), ""
        if kind is Kind.SOURCE:
            if stored.PROP in meta:
                key = join(prefix, meta[stored.PROP])
            elif f.name == "source":
                key = own
            else:
                key = join(prefix, camel(f.name.removesuffix("_source")))
        elif kind is Kind.SOURCES:
            key = join(prefix, camel(f.name.removesuffix("s")))
        elif kind is Kind.FAMILY:
            declared = meta.get(stored.PREFIX)
            key = join(prefix, camel(f.name)) if declared is None else join(prefix, declared)
            family_own = key or join(prefix, camel(f.name))
        elif kind is Kind.READING:
            key = join(prefix, meta.get(stored.PREFIX) or camel(meta[stored.READS]))
        elif kind is Kind.KEYED:
            key = join(prefix, meta[stored.PREFIX])
        found.append(Slot(f.name, kind, key, typ, family_own, bool(meta.get(stored.ELSEWHERE)), meta))
    return tuple(found)


def _source(base: str, ref: SourceRef | None, lines_only: bool) -> Params:
    props: Params = {f"{base}LineStart": ref.line_start if ref else None}
    props[f"{base}LineEnd"] = ref.line_end if ref else None
    props[f"{base}Page"] = ref.page if ref else None
    if not lines_only:
        props[f"{base}Text"] = ref.text if ref else None
    return props


def _member_prefix(key: str, member: Enum) -> str:
    return join(key, camel(member.name.lower()))


def encode(fact: Any, cls: type | None = None, *, prefix: str = "", own: str = "source",
           lines_only: bool = False, skip: tuple[str, ...] = ()) -> Params:
    """The properties of ``fact`` (an instance of ``cls``; ``None`` writes every property as ``None``)."""
    cls = cls or type(fact)
    props: Params = {}
    for slot in slots(cls, prefix, own):
        if slot.elsewhere or slot.kind is Kind.SKIP or slot.field in skip:
            continue
        value = getattr(fact, slot.field) if fact is not None else None
        if slot.kind is Kind.VALUE:
            props[slot.key] = value
        elif slot.kind is Kind.ENUM:
            props[slot.key] = value.value if value is not None else None
        elif slot.kind is Kind.LIST:
            props[slot.key] = None if value is None else list(value)
        elif slot.kind is Kind.SOURCE:
            props |= _source(slot.key, value, lines_only)
        elif slot.kind is Kind.SOURCES:
            refs = value or ()
            props |= {f"{slot.key}LineStarts": [r.line_start for r in refs],
                      f"{slot.key}LineEnds": [r.line_end for r in refs], f"{slot.key}Texts": [r.text for r in refs]}
        elif slot.kind is Kind.FAMILY:
            props |= encode(value, slot.type, prefix=slot.key, own=slot.own, lines_only=lines_only)
        elif slot.kind is Kind.READING:
            props |= encode(value, slot.type, prefix=slot.key, skip=("text",))
        elif slot.kind is Kind.COLUMNS:
            props |= {name: [getattr(item, column) for item in value or ()]
                      for column, name in slot.meta[stored.COLUMNS].items()}
        elif slot.kind is Kind.KEYED:
            by = slot.meta[stored.KEYED]
            items = {getattr(item, by): item for item in value or ()}
            for member in hints(slot.type)[by]:
                sub = _member_prefix(slot.key, member)
                props |= encode(items.get(member), slot.type, prefix=sub, own=sub, lines_only=lines_only, skip=(by,))
    return props


_CONTENT = (Kind.FAMILY, Kind.READING, Kind.KEYED, Kind.LIST, Kind.COLUMNS)


@cache
def _stating(cls: type) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The numeric, content and other value fields of family ``cls`` (see :func:`stated`)."""
    numeric = tuple(s.field for s in slots(cls)
                    if s.kind is Kind.VALUE and _optional(hints(cls)[s.field]) in (int, float))
    content = tuple(s.field for s in slots(cls) if s.kind in _CONTENT)
    return numeric, content, tuple(s.field for s in slots(cls) if s.kind is Kind.VALUE)


def stated(values: Values, cls: type) -> bool:
    """Whether decoded ``values`` of family ``cls`` state anything: a figure (a stated 0 counts), a
    family that does, or a non-empty list; a family without figures, any of its values. Words beside
    no figure (a reason alone) do not make a family stated."""
    numeric, content, plain = _stating(cls)
    if not numeric and not content:
        return list(map(values.get, plain)).count(None) < len(plain)  # C's loops: a big answer asks 10⁵ times
    return list(map(values.get, numeric)).count(None) < len(numeric) or any(map(values.get, content))


Reader = Callable[[Mapping[str, Any]], Any]
Decoder = Callable[[Mapping[str, Any]], Values]


class Read(typing.NamedTuple):
    """How :func:`decode` reads one field: ``reader`` of a row, or the property ``key`` taken as it is
    (plain values), and every property the reader can read (``keys``): a row holding none of them reads
    the field as an empty row does (``app.api.types.common.of_row`` builds 10,000 rows of a few
    properties each, their other fields worked out once)."""

    field: str
    reader: Reader
    keys: frozenset[str]
    key: str | None = None


def decode(row: Mapping[str, Any], cls: type, *, prefix: str = "", own: str = "source",
           skip: tuple[str, ...] = ()) -> Values:
    """The field values of a ``cls`` fact read from a row written by :func:`encode`: enums as the fact's
    enum, sources and families as dicts of their field values (``None`` when the row holds none of
    their figures), tuples of facts as lists of dicts. A row of an older load that lacks a property
    reads ``None``, never an error."""
    return decoder(cls, prefix, own, tuple(skip))(row)


@cache
def reads(cls: type, prefix: str = "", own: str = "source", skip: tuple[str, ...] = ()) -> tuple[Read, ...]:
    """How :func:`decode` reads each field of ``cls`` (skipped ones and facts stored as nodes left out)."""
    found: list[Read] = []
    for slot in slots(cls, prefix, own):
        if slot.kind is Kind.SKIP or slot.field in skip:
            continue
        if slot.kind in (Kind.VALUE, Kind.LIST):
            found.append(Read(slot.field, methodcaller("get", slot.key), frozenset((slot.key,)), slot.key))
        elif slot.elsewhere and slot.kind is not Kind.ENUM:
            found.append(Read(slot.field, _absent, frozenset()))  # a relationship or a node: not a property
        else:
            found.append(Read(slot.field, *_reader(slot, prefix)))
    return tuple(found)


@cache
def decoder(cls: type, prefix: str = "", own: str = "source", skip: tuple[str, ...] = ()) -> Decoder:
    """:func:`decode` of ``cls`` as one function, its slots worked out once: a big answer decodes 10,000
    rows, and choosing each slot's kind again for every row took most of the time."""
    every = reads(cls, prefix, own, skip)
    plain = tuple(r.field for r in every if r.key is not None)  # read as their properties, in one C loop
    properties = tuple(r.key for r in every if r.key is not None)
    others = tuple((r.field, r.reader) for r in every if r.key is None)

    def read(row: Mapping[str, Any]) -> Values:
        values = dict(zip(plain, map(row.get, properties)))  # noqa: B905  (C's loop: most of a fact's fields)
        for field, reader in others:
            values[field] = reader(row)
        return values
    return read


def _absent(row: Mapping[str, Any]) -> None:
    return None


def _keys(cls: type, prefix: str, own: str, skip: tuple[str, ...] = ()) -> frozenset[str]:
    """The properties a family's decoder can read."""
    return frozenset().union(*(r.keys for r in reads(cls, prefix, own, skip)))


def _reader(slot: Slot, prefix: str) -> tuple[Reader, frozenset[str]]:
    """How one slot other than a plain value is read from a row (see :func:`decode`), and the properties
    it can read."""
    key, typ = slot.key, slot.type
    if slot.kind is Kind.ENUM:
        return (lambda row: None if (raw := row.get(key)) is None else typ(raw)), frozenset((key,))
    if slot.kind is Kind.SOURCE:
        start, end, text, page = (f"{key}LineStart", f"{key}LineEnd", f"{key}Text", f"{key}Page")
        return (lambda row: None if row.get(start) is None else {
            "line_start": row.get(start), "line_end": row.get(end), "text": row.get(text), "page": row.get(page)}
        ), frozenset((start, end, text, page))
    if slot.kind is Kind.SOURCES:
        starts, ends, texts = f"{key}LineStarts", f"{key}LineEnds", f"{key}Texts"
        return (lambda row: [{"line_start": a, "line_end": b, "text": t, "page": None} for a, b, t in zip(
            row.get(starts) or [], row.get(ends) or [], row.get(texts) or [], strict=False)]
        ), frozenset((starts, ends, texts))
    if slot.kind is Kind.FAMILY:
        family = decoder(typ, key, slot.own)
        return (lambda row: values if stated(values := family(row), typ) else None
                ), _keys(typ, key, slot.own)
    if slot.kind is Kind.READING:
        text_key, reading = join(prefix, camel(slot.meta[stored.READS])), decoder(typ, key, "source", ("text",))
        return (lambda row: None if (text := row.get(text_key)) is None else {**reading(row), "text": text}
                ), _keys(typ, key, "source", ("text",)) | {text_key}
    if slot.kind is Kind.COLUMNS:
        names, properties = tuple(slot.meta[stored.COLUMNS]), tuple(slot.meta[stored.COLUMNS].values())

        def columns_of(row: Mapping[str, Any]) -> list[Values]:
            lists = [row.get(name) or [] for name in properties]
            return [dict(zip(names, cells, strict=True)) for cells in zip(*lists, strict=False)]
        return columns_of, frozenset(properties)
    if slot.kind is Kind.KEYED:
        by = slot.meta[stored.KEYED]
        subs = tuple((member, _member_prefix(key, member)) for member in hints(typ)[by])
        members = tuple((member, decoder(typ, sub, sub, (by,))) for member, sub in subs)

        def keyed(row: Mapping[str, Any]) -> list[Values]:
            return [{**item, by: member} for member, read in members if stated(item := read(row), typ)]
        return keyed, frozenset().union(*(_keys(typ, sub, sub, (by,)) for _, sub in subs))
    raise ValueError(f"{slot.field}: no reader for {slot.kind}")
