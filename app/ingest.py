"""Loading files into the graph: parse in worker processes (pure), write one document per
transaction, and report every file's outcome so a bad file never stops the batch."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from app.store import GraphStore
from graph.payload import document_id, upsert_params
from loaders import read_document
from loaders.errors import DocumentError
from loaders.facts import DocumentFacts

DISCLOSURE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".pdf", ".docx", ".xlsx", ".xls"})

Status = Literal["loaded", "failed"]


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: Status
    reason: str | None = None
    document_id: str | None = None
    projects: int = 0


@dataclass
class LoadReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def loaded(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == "loaded"]


Progress = Callable[[int, int, FileOutcome], None]


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named explicitly are always tried (the reader decides by content); folders
    contribute the files with a disclosure suffix, recursively, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DISCLOSURE_SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _parse(path: str) -> DocumentFacts | DocumentError:
    """Worker-side: return the error instead of raising so one file never breaks the pool."""
    try:
        return read_document(path)
    except DocumentError as exc:
        return exc
    except Exception as exc:  # an extractor bug must still name the file and let the batch go on
        return DocumentError(path, f"internal error while reading: {type(exc).__name__}: {exc}")


async def _write(store: GraphStore, path: str, parsed: DocumentFacts | DocumentError) -> FileOutcome:
    if isinstance(parsed, DocumentError):
        return FileOutcome(path, "failed", parsed.reason)
    try:
        await store.write("upsert_document", upsert_params(parsed))
    except Exception as exc:
        return FileOutcome(path, "failed", f"store rejected the document: {exc}")
    return FileOutcome(path, "loaded", document_id=document_id(parsed), projects=len(parsed.projects))


async def load_paths(store: GraphStore, paths: Sequence[Path], *, workers: int | None = None,
                     progress: Progress | None = None) -> LoadReport:
    """Load files and folders; returns what happened to each file.

    Usage example::

        async with open_store(get_settings()) as store:
            report = await load_paths(store, [Path("samples/corpus")])
            print(len(report.loaded), "loaded,", len(report.failed), "failed")
    """
    started = time.perf_counter()
    files = [str(p) for p in discover(paths)]
    workers = workers or os.cpu_count() or 1
    report = LoadReport()
    loop = asyncio.get_running_loop()
    executor: Executor | None = ProcessPoolExecutor(workers) if workers > 1 and len(files) > 1 else None
    try:
        pending = [loop.run_in_executor(executor, _parse, f) for f in files]
        for done, (path, future) in enumerate(zip(files, pending, strict=True), start=1):
            outcome = await _write(store, path, await future)
            report.outcomes.append(outcome)
            if progress:
                progress(done, len(files), outcome)
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
    report.nodes, report.relationships = await store.counts()
    report.seconds = time.perf_counter() - started
    return report
