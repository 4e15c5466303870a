"""Named Cypher, parsed once from graph/queries.cypher.

A query is referred to by name everywhere else, so its text lives in exactly one place and
both stores run the same string with values passed as parameters.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_HEADER = re.compile(r"^// name: (\w+)\s*$", re.MULTILINE)


@cache
def queries() -> dict[str, str]:
    """All queries by name; comments inside a query are kept out of the text sent."""
    text = resources.files("graph").joinpath("queries.cypher").read_text(encoding="utf-8")
    parts = _HEADER.split(text)
    named: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        lines = [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("//")]
        named[name] = "\n".join(lines)
    return named


def query(name: str) -> str:
    """The text of one named query; a KeyError names the unknown query."""
    try:
        return queries()[name]
    except KeyError:
        raise KeyError(f"no query named {name!r} in graph/queries.cypher") from None
