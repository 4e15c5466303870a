"""What a read returns of a node whose facts the codec stores: the properties the loader writes on
it (graph/payload.py: the codec's, by rule from the fact's dataclass, and those the graph adds),
never ``{.*}``. So FalkorDB's search n-grams (a long string on every named node) and whatever else
a store keeps on the node for itself stay in the store: a 10,000-project answer carries what the
API types read (they decode the same codec properties) and nothing more.

A query names the projection ``p {.@Project}``; the catalogue (graph/catalogue.py) and the list
builders (graph/browse.py) expand it to ``p {.id, .fiscalYear, .name, ...}``.
"""

from __future__ import annotations

import re
from functools import cache

from graph.codec import encode
from graph.payload import NODE_FACTS

_MACRO = re.compile(r"\{\.@(\w+)\}")


@cache
def properties(label: str) -> tuple[str, ...]:
    """The properties the loader writes on a ``label`` node, the graph's own first."""
    fact, added = NODE_FACTS[label]
    return tuple(dict.fromkeys((*added, *encode(None, fact))))


def expand(text: str) -> str:
    """``{.@Label}`` replaced by the map projection of ``label``'s properties."""
    return _MACRO.sub(lambda m: "{" + ", ".join(f".{p}" for p in properties(m[1])) + "}", text)
