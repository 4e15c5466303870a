"""Which files a load covers, and what identifies their content."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DISCLOSURE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".pdf", ".docx", ".xlsx", ".xls"})


@dataclass(frozen=True)
class FileStamp:
    """A file's absolute path, content hash and modification time."""

    path: str
    sha256: str
    mtime: float


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named explicitly are always tried (the reader decides by content); folders
    contribute the files with a disclosure suffix, recursively, hidden ones excepted, in a
    stable order. Paths come back absolute so a file has one identity across runs."""
    found: list[Path] = []
    for path in paths:
        path = path.resolve()
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in DISCLOSURE_SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Shard:
    """Shard ``index`` of ``count`` (1-based): the files whose path below the folder given
    hashes to it. N loaders (machines, a Kubernetes Indexed Job) each take one and together
    load every file once, wherever each mounts the folder."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if not 1 <= self.index <= self.count:
            raise ValueError(f"shard {self.index}/{self.count}: the index must be between 1 and the count")

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``I/N``, e.g. ``2/4``."""
        index, _, count = text.partition("/")
        try:
            return cls(int(index), int(count))
        except ValueError as exc:
            raise ValueError(f"not a shard: {text!r} (use I/N, e.g. 2/4)") from exc

    def holds(self, path: Path, roots: Iterable[Path]) -> bool:
        key = _relative(path, roots)
        return int(hashlib.sha256(key.encode()).hexdigest(), 16) % self.count == self.index - 1


def _relative(path: Path, roots: Iterable[Path]) -> str:
    for root in (r.resolve() for r in roots):
        if root.is_dir() and root in path.parents:
            return path.relative_to(root).as_posix()
    return path.name


def stamp(path: Path) -> FileStamp:
    """Hash the content; raises OSError for a file that cannot be read."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return FileStamp(str(path), digest.hexdigest(), path.stat().st_mtime)


def under(path: str, roots: Iterable[Path]) -> bool:
    """Whether ``path`` is one of ``roots`` or inside one of them (what --prune may remove)."""
    p = Path(path)
    return any(p == root or root in p.parents for root in (r.resolve() for r in roots))
