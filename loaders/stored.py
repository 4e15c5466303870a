"""How a fact field is stored, declared once on the field (``dataclasses.field(metadata=...)``).

The graph codec (``graph.codec``) writes and reads every fact dataclass by rule: a field
``amount_wan`` is the property ``amountWan``, a nested family ``procurement`` prefixes its fields
(``procurementTotalWan``), a :class:`~loaders.facts.SourceRef` becomes ``…LineStart``/``LineEnd``
(and ``Text``/``Page``), an enum its value. These helpers declare the exceptions history fixed,
next to the field they concern, so no property name is spelled anywhere else.

Usage example::

    @dataclass(frozen=True)
    class AssetsFact:
        house_area_m2: float | None = None          # houseAreaM2, by rule

    @dataclass(frozen=True)
    class DocumentFacts:
        path: str = field(metadata=prop("sourcePath"))
        assets: AssetsFact | None = field(default=None, metadata=flat(""))  # houseAreaM2, assetsLineStart
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Metadata = Mapping[str, Any]

PROP = "kg.prop"
PREFIX = "kg.prefix"
READS = "kg.reads"
ELSEWHERE = "kg.elsewhere"
COLUMNS = "kg.columns"
KEYED = "kg.keyed"
DOC = "kg.doc"


def prop(name: str, doc: str | None = None) -> Metadata:
    """The property is ``name`` (camelCase), not the field's own name in camelCase."""
    return {PROP: name, DOC: doc}


def flat(prefix: str) -> Metadata:
    """A nested family whose fields are prefixed with ``prefix`` (``""``: not prefixed) instead of the
    field's name; its source keeps the field's name (``assetsLineStart``)."""
    return {PREFIX: prefix}


def reading(of: str, prefix: str | None = None) -> Metadata:
    """A value read from the text field ``of`` (a Measure, a SubsidyStandard): stored as
    ``{prefix}Comparator``/``Value``/… beside that text, its own ``text`` not again."""
    return {READS: of, PREFIX: prefix}


def elsewhere() -> Metadata:
    """Not a property of the fact's node or relationship: the graph holds it as an endpoint (a code,
    a name) or a relationship, or not at all. Reading it back takes the row's key of the same name."""
    return {ELSEWHERE: True}


def columns(**props: str) -> Metadata:
    """A tuple of small facts stored as parallel lists, one property per field (``label='allocationLabels'``)."""
    return {COLUMNS: props}


def keyed(by: str, prefix: str) -> Metadata:
    """A tuple of facts, at most one per member of the enum field ``by``, each stored as a family
    prefixed with ``prefix`` and the member's name (``threePublic`` + ABROAD → ``threePublicAbroad…``)."""
    return {KEYED: by, PREFIX: prefix}


def doc(text: str) -> Metadata:
    """What the figure is, for the API (a field the GraphQL types derive from the fact)."""
    return {DOC: text}
