"""Named Cypher, parsed once from the files of graph/queries/.

A query is referred to by name everywhere else, so its text lives in exactly one place and
both stores run the same string with values passed as parameters. Files group queries by
concern (ingest, api, ...); a name may appear only once across them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_HEADER = re.compile(r"^// name: (\w+)\s*$", re.MULTILINE)


@cache
def queries() -> dict[str, str]:
    """All queries by name; comment lines are kept out of the text sent to the database."""
    named: dict[str, str] = {}
    folder = resources.files("graph").joinpath("queries")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".cypher"):
            continue
        parts = _HEADER.split(entry.read_text(encoding="utf-8"))
        for name, body in zip(parts[1::2], parts[2::2], strict=True):
            if name in named:
                raise ValueError(f"query {name!r} is defined twice (again in graph/queries/{entry.name})")
            lines = [line for line in body.splitlines() if line.strip() and not line.lstrip().startswith("//")]
            named[name] = "\n".join(lines)
    return named


def query(name: str) -> str:
    """The text of one named query; a KeyError names the unknown query."""
    try:
        return queries()[name]
    except KeyError:
        raise KeyError(f"no query named {name!r} in graph/queries/") from None
