"""What a load did: one outcome per file and the run's totals (the LoadRun record)."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from app.store.port import WriteCounts


class Status(StrEnum):
    LOADED = "loaded"  # new document
    REPLACED = "replaced"  # the file changed; its earlier facts were replaced
    SKIPPED = "skipped"  # content already loaded
    SUPERSEDED = "superseded"  # a newer file describes the same unit, year, kind and scope
    PRUNED = "pruned"  # the file disappeared; its facts were removed (--prune)
    FAILED = "failed"


WRITTEN = (Status.LOADED, Status.REPLACED)


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: Status
    reason: str | None = None
    document_id: str | None = None
    projects: int = 0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class LoadReport:
    dry_run: bool = False
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: str = field(default_factory=_now)
    ended_at: str | None = None
    outcomes: list[FileOutcome] = field(default_factory=list)
    written: WriteCounts = field(default_factory=WriteCounts)
    nodes: int = 0
    relationships: int = 0
    seconds: float = 0.0

    def of(self, *statuses: Status) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status in statuses]

    @property
    def failed(self) -> list[FileOutcome]:
        return self.of(Status.FAILED)

    @property
    def loaded(self) -> list[FileOutcome]:
        return self.of(*WRITTEN)

    def finish(self, seconds: float) -> None:
        self.ended_at = _now()
        self.seconds = seconds

    def summary(self) -> str:
        counts = Counter(o.status for o in self.outcomes)
        would = "would be " if self.dry_run else ""
        parts = ", ".join(f"{counts[s]} {would}{s.value}" for s in Status if counts[s])
        return (
            f"{len(self.outcomes)} files: {parts or 'nothing to do'} in {self.seconds:.2f}s; "
            f"graph: {self.nodes} nodes, {self.relationships} relationships"
        )

    def record(self) -> dict[str, Any]:
        """The LoadRun node's properties (scalars and lists only, as both stores require)."""
        return {
            "id": self.id,
            "startedAt": self.started_at,
            "endedAt": self.ended_at,
            "filesSeen": len(self.outcomes) - len(self.of(Status.PRUNED)),
            "filesLoaded": len(self.loaded),
            "filesSkipped": len(self.of(Status.SKIPPED, Status.SUPERSEDED)),
            "filesFailed": len(self.failed),
            "filesPruned": len(self.of(Status.PRUNED)),
            "failures": [f"{o.path}: {o.reason}" for o in self.failed],
            "nodesWritten": self.written.nodes_created,
            "nodesDeleted": self.written.nodes_deleted,
            "relationshipsWritten": self.written.relationships_created,
            "relationshipsDeleted": self.written.relationships_deleted,
            "nodes": self.nodes,
            "relationships": self.relationships,
            "seconds": round(self.seconds, 3),
        }
