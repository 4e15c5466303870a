"""One load run: find files, skip what is already loaded, parse the rest in worker processes,
write each document in its own transaction, prune, and record the run.

The rule for two files describing the same unit, fiscal year, kind and scope (a corrected
re-publication): the file modified last wins; the other is reported as superseded. Ties go to
the path that sorts last, so the outcome never depends on load order.

A file is skipped when its content and the extractor that loaded it are both unchanged; a new
extractor (see ``app.loading.version``) re-extracts it.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.loading.files import FileStamp, Shard, discover, stamp, under
from app.loading.lock import LoadLock
from app.loading.report import FileOutcome, LoadReport, Status
from app.loading.upgrade import graph_format, stamp_format
from app.loading.version import extractor_version
from app.store import GraphStore
from app.store.port import Row
from graph.payload import Params, document_id, upsert_params, with_project_links
from loaders import read_document
from loaders.errors import DocumentError

Progress = Callable[[int, int, FileOutcome], None]


@dataclass(frozen=True)
class LoadOptions:
    workers: int | None = None
    """Parsing processes; default: one per core."""
    prune: bool = False
    """Remove the facts of files under the given folders that no longer exist."""
    dry_run: bool = False
    """Parse and compare, write nothing."""
    lock_timeout: float = 600.0
    shard: Shard | None = None
    """Load only this shard of the files (the others are another loader's)."""

    def __post_init__(self) -> None:
        if self.workers is not None and self.workers < 1:
            raise ValueError("workers must be at least 1")
        if self.lock_timeout < 0:
            raise ValueError("lock_timeout must not be negative")


@dataclass(frozen=True)
class _Known:
    path: str
    sha256: str | None
    mtime: float | None
    version: str | None = None

    def current(self, file: FileStamp) -> bool:
        """Loaded from this very content by this very extractor: nothing to do."""
        return self.sha256 == file.sha256 and self.version == extractor_version()


_UNLINKING = (Status.REPLACED, Status.PRUNED)
_LOOKUP = 1000  # files or documents looked up per query


@dataclass(frozen=True)
class _Parsed:
    """A file's document as a worker prepared it: the one writer only adds the project links."""

    doc_id: str
    projects: int
    params: Params


def _parse(path: str, mtime: float, version: str) -> _Parsed | DocumentError:
    """Worker-side: read the file and encode its write (pure CPU, spread over the cores); return
    the error instead of raising so one file never breaks the pool."""
    try:
        facts = read_document(path)
        params = upsert_params(facts, source_mtime=mtime, extractor_version=version)
        return _Parsed(document_id(facts), len(facts.projects), params)
    except DocumentError as exc:
        return exc
    except Exception as exc:  # an extractor bug must still name the file and let the batch go on
        return DocumentError(path, f"internal error while reading: {type(exc).__name__}: {exc}")


def _newer(a: FileStamp, b: _Known) -> bool:
    return (a.mtime, a.path) >= (b.mtime or 0.0, b.path)


class _Run:
    def __init__(self, store: GraphStore, options: LoadOptions, progress: Progress | None) -> None:
        self.store, self.options, self.progress = store, options, progress
        self.report = LoadReport(dry_run=options.dry_run)
        self.by_id: dict[str, _Known] = {}
        self.by_path: dict[str, _Known] = {}
        self.looked_up: set[str] = set()
        self.total = 0

    def emit(self, outcome: FileOutcome) -> None:
        self.report.outcomes.append(outcome)
        if self.progress:
            self.progress(len(self.report.outcomes), self.total, outcome)

    async def know(self, paths: Sequence[str] | None) -> None:
        """What is loaded: the documents of ``paths`` (a load looks up only its own files), or
        every document (None: --prune looks for files that are gone)."""
        self.by_id.clear()
        self.by_path.clear()
        self.looked_up.clear()
        if paths is None:
            rows = await self.store.read("document_sources")
        else:
            rows = []
            for start in range(0, len(paths), _LOOKUP):
                rows += await self.store.read("document_sources_at", {"paths": list(paths[start:start + _LOOKUP])})
        for row in rows:
            self._remember(row)

    def _remember(self, row: Row) -> None:
        known = _Known(row["path"], row["sha256"], row["mtime"], row.get("version"))
        self.by_id[row["id"]] = known
        self.by_path[row["path"]] = known

    async def look_up(self, doc_ids: Sequence[str]) -> None:
        """Which of these documents are loaded (perhaps from other files), in one read; each id
        once per run (the run's own writes keep ``by_id`` current)."""
        wanted = [i for i in dict.fromkeys(doc_ids) if i not in self.by_id and i not in self.looked_up]
        if wanted:
            for row in await self.store.read("document_sources_of", {"ids": wanted}):
                self._remember(row)
            self.looked_up.update(wanted)

    async def write(self, file: FileStamp, parsed: _Parsed) -> FileOutcome:
        doc_id = parsed.doc_id
        await self.look_up([doc_id])
        holder = self.by_id.get(doc_id)
        if holder and holder.path != file.path and Path(holder.path).exists() and not _newer(file, holder):
            return FileOutcome(
                file.path,
                Status.SUPERSEDED,
                f"{holder.path} is a newer publication of the same unit, year, kind and scope",
                doc_id,
            )
        status = Status.REPLACED if file.path in self.by_path or holder else Status.LOADED
        before = self.by_path.get(file.path)
        reason = "the extractor changed since it was loaded" if before and before.sha256 == file.sha256 else None
        if not self.options.dry_run:
            params = parsed.params
            elsewhere = await self.store.read(
                "projects_of_unit_elsewhere", {"unit": params["unit"]["id"], "document": doc_id}
            )
            self.report.written += await self.store.write_counted(
                "upsert_document", with_project_links(params, elsewhere)
            )
        self.by_id[doc_id] = self.by_path[file.path] = _Known(file.path, file.sha256, file.mtime, extractor_version())
        return FileOutcome(file.path, status, reason, doc_id, parsed.projects)

    def mine(self, path: Path, roots: Sequence[Path]) -> bool:
        """Whether ``path`` is this loader's to load (or prune) under ``--shard``."""
        return self.options.shard is None or self.options.shard.holds(path, roots)

    async def prune(self, roots: Sequence[Path]) -> None:
        gone = [
            (doc_id, k.path) for doc_id, k in self.by_id.items()
            if under(k.path, roots) and self.mine(Path(k.path), roots) and not Path(k.path).exists()
        ]
        if gone and not self.options.dry_run:
            self.report.written += await self.store.write_counted("delete_documents", {"ids": [i for i, _ in gone]})
        for doc_id, path in gone:
            self.emit(FileOutcome(path, Status.PRUNED, "file no longer exists", doc_id))


async def run_load(
    store: GraphStore, roots: Sequence[Path], options: LoadOptions | None = None, progress: Progress | None = None
) -> LoadReport:
    """Load files and folders incrementally; returns what happened to each file.

    When another loader holds the loader lock (shards, ``--shard``), files are chosen and parsed
    while it writes; the writes take turns, and what was loaded is read again once the lock is
    ours, so a file another loader wrote meanwhile is skipped and the newest-file rule sees
    every loader's documents. (Why writes take turns: docs/deploy.md, "Loading on many machines".)

    Usage example::

        async with open_store(get_settings()) as store:
            report = await run_load(store, [Path("samples/corpus")])
            print(report.summary())
    """
    options = options or LoadOptions()
    started = time.perf_counter()
    run = _Run(store, options, progress)
    lock = None if options.dry_run else LoadLock(store)
    waiting = lock is not None and not await lock.try_acquire()
    try:
        files = _stamps(run, roots)
        await run.know(None if options.prune else [f.path for f in files])
        pending = _pending(run, files)
        workers = options.workers or os.cpu_count() or 1
        executor: Executor | None = ProcessPoolExecutor(workers) if workers > 1 and len(pending) > 1 else None
        try:
            loop = asyncio.get_running_loop()
            version = extractor_version()
            parsed = [loop.run_in_executor(executor, _parse, f.path, f.mtime, version) for f in pending]
            if lock and waiting:
                await lock.acquire(options.lock_timeout)
                # the other loader may have written what this one is about to
                await run.know(None if options.prune else [f.path for f in pending])
            if lock and await graph_format(store) is None:
                # an empty graph this version writes has its shape: stamped before the first write (a
                # load killed halfway leaves it current), by the lock's holder (two would stamp twice)
                await stamp_format(store)
            await _write(run, pending, parsed, lock)
        finally:
            if executor is not None:
                executor.shutdown(cancel_futures=True)
        if options.prune:
            await run.prune(roots)
        if not options.dry_run:  # each document's write left the cells of all regions it touched stale
            await store.write("add_up_all_cells")
        if not options.dry_run and any(o.status in _UNLINKING for o in run.report.outcomes):
            # only replacing or removing a document leaves nodes unsupported (a label scan each)
            run.report.written += await store.write_counted("delete_orphans")
        run.report.nodes, run.report.relationships = await store.counts()
        run.report.finish(time.perf_counter() - started)
        if not options.dry_run:
            await store.write("create_load_run", {"run": run.report.record()})
            await store.after_writes()
    finally:
        if lock:
            await lock.release()  # only the owner's: harmless when it never got the lock
    return run.report


def _stamps(run: _Run, roots: Sequence[Path]) -> list[FileStamp]:
    """This loader's files, hashed; those that cannot be read are reported."""
    stamps: list[FileStamp] = []
    files = [f for f in discover(roots) if run.mine(f, roots)]
    run.total = len(files)
    for path in files:
        try:
            stamps.append(stamp(path))
        except OSError as exc:
            run.emit(FileOutcome(str(path), Status.FAILED, f"cannot read file: {exc.strerror or exc}"))
    return stamps


def _pending(run: _Run, files: list[FileStamp]) -> list[FileStamp]:
    """The files not loaded as they are now; the others are reported."""
    pending: list[FileStamp] = []
    for file in files:
        known = run.by_path.get(file.path)
        if known and known.current(file):
            run.emit(FileOutcome(file.path, Status.SKIPPED, "unchanged since it was loaded"))
        else:
            pending.append(file)
    return pending


def _ahead(parsed: Sequence[asyncio.Future[_Parsed | DocumentError]]) -> list[str]:
    """The ids of the documents already parsed among ``parsed`` (the writer's next ones)."""
    done = [f.result() for f in parsed if f.done() and not f.cancelled() and f.exception() is None]
    return [p.doc_id for p in done if isinstance(p, _Parsed)]


async def _write(run: _Run, files: list[FileStamp], parsed: list[asyncio.Future[_Parsed | DocumentError]],
                 lock: LoadLock | None) -> None:
    """Write the files in order, each as soon as it is parsed. When a document's record must be
    read, those of the documents parsed ahead of the writer come in the same read: a writer that
    parsing outpaces reads once per batch, not once per document."""
    for index, (file, future) in enumerate(zip(files, parsed, strict=True)):
        outcome = await future
        if isinstance(outcome, _Parsed) and outcome.doc_id not in run.by_id and outcome.doc_id not in run.looked_up:
            await run.look_up([outcome.doc_id, *_ahead(parsed[index + 1:index + _LOOKUP])])
        known = run.by_path.get(file.path)
        if known and known.current(file):
            run.emit(FileOutcome(file.path, Status.SKIPPED, "loaded by another loader meanwhile"))
        elif isinstance(outcome, DocumentError):
            run.emit(FileOutcome(file.path, Status.FAILED, outcome.reason))
        else:
            try:
                run.emit(await run.write(file, outcome))
            except Exception as exc:
                run.emit(FileOutcome(file.path, Status.FAILED, f"store rejected the document: {exc}"))
        if lock:
            await lock.refresh()
