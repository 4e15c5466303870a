"""What a read returns of a node whose facts the codec stores: the properties the loader writes on
it (graph/payload.py: the codec's, by rule from the fact's dataclass, and those the graph adds),
never ``{.*}``. So FalkorDB's search n-grams (a long string on every named node) and whatever else
a store keeps on the node for itself stay in the store: a 10,000-project answer carries what the
API types read (they decode the same codec properties) and nothing more.

A query names the projection ``p {.@Project}``; the catalogue (graph/catalogue.py) and the list
builders (graph/browse.py) expand it to ``p {.id, .fiscalYear, .name, ...}``. Where the API knows
which fields a request selects, it narrows that to their properties (:func:`narrowed`): the
client libraries parse every value of a row, null or not, so thirty properties a row cost more than
the whole node's few stated ones.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from graph.codec import Kind, slots
from graph.payload import NODE_FACTS
from loaders import stored

_MACRO = re.compile(r"\{\.@(\w+)\}")


@cache
def properties(label: str) -> tuple[str, ...]:
    """The properties the loader writes on a ``label`` node, the graph's own first."""
    node = NODE_FACTS[label]
    return tuple(dict.fromkeys((*node.added, *node.encode(None))))


@cache
def field_properties(label: str) -> dict[str, tuple[str, ...]]:
    """Per field of ``label``'s fact, the properties it is read from: those the codec stores it in (a family: all
    of its; a reading: with those of the text it reads)."""
    node = NODE_FACTS[label]
    every = node.encode(None)
    own = {slot.field: tuple(k for k in every if k not in node.encode(None, skip=(slot.field,)))
           for slot in slots(node.fact)}
    # a reading (a Measure of a text field) is decoded with the text it reads, which it does not store itself
    return {slot.field: own[slot.field] + (own[slot.meta[stored.READS]] if slot.kind is Kind.READING else ())
            for slot in slots(node.fact)}


@lru_cache(maxsize=1024)  # bounded: the choices come from requests' selections
def projection(label: str, chosen: tuple[str, ...] | None = None) -> str:
    """The map projection of ``chosen`` properties of a ``label`` node (default: all it is written)."""
    return "{" + ", ".join(f".{p}" for p in (chosen or properties(label))) + "}"


def expand(text: str) -> str:
    """``{.@Label}`` replaced by the map projection of ``label``'s properties."""
    return _MACRO.sub(lambda m: projection(m[1]), text)


def narrowed(text: str, label: str, chosen: tuple[str, ...]) -> str:
    """``text`` (a query expanded from ``{.@Label}``) returning only the ``chosen`` properties: a big
    answer asked for four fields of 10,000 projects carries four values a project, not thirty."""
    return text.replace(projection(label), projection(label, chosen))
