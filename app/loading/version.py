"""The extractor's version: a digest of the code and reference data that turn a file into graph
facts (``loaders/`` and ``graph/``).

Each document records the version that wrote it, so a loader job skips a file only when both
its content and the extractor are unchanged: after an upgrade (a new fact family, a fixed
parser, a corrected reference table) the next run re-extracts every file, with no flag to
remember.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import graph
import loaders

_SUFFIXES = frozenset({".py", ".json", ".cypher"})


@cache
def extractor_version() -> str:
    """First 16 hex digits of the SHA-256 over every source file, by relative path and content."""
    digest = hashlib.sha256()
    for package in (loaders, graph):
        root = Path(next(iter(package.__path__)))
        for path in sorted(p for p in root.rglob("*") if p.suffix in _SUFFIXES and "__pycache__" not in p.parts):
            digest.update(f"{package.__name__}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
