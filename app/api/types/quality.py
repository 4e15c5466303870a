"""Operational facts: what did not add up in a document, and what each load run did."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.api.types import documents
from app.api.types.common import Info, Row, SourceRef

if TYPE_CHECKING:
    from app.api.types.documents import BudgetDocument

DocumentRef = Annotated["BudgetDocument", strawberry.lazy("app.api.types.documents")]


@strawberry.enum(description="How serious a data-quality finding is.")
class Severity(Enum):
    ERROR = "ERROR"
    WARNING = "WARNING"
    INFO = "INFO"


@strawberry.type(description="A check that failed on a document, e.g. 合计 (total) differs from the sum of "
                 "its rows. Numbers are reported as found, never corrected silently.")
class DataQualityFinding:
    id: strawberry.ID
    code: str = strawberry.field(description="Machine-readable check name, e.g. TOTAL_MISMATCH")
    severity: Severity | None
    message: str
    expected_wan: float | None = strawberry.field(description="The amount the template implies")
    actual_wan: float | None = strawberry.field(description="The amount the document prints")
    source: SourceRef | None

    @strawberry.field(description="The document the finding is about.")
    async def document(self, info: Info) -> DocumentRef | None:
        row = await info.context.loaders["document_of_findings"].one(str(self.id))
        return documents.BudgetDocument.of(row) if row else None

    @classmethod
    def of(cls, row: Row) -> DataQualityFinding:
        severity = row.get("severity")
        return cls(id=strawberry.ID(row["id"]), code=row.get("code") or "", message=row.get("message") or "",
                   severity=Severity(severity) if severity in Severity.__members__ else None,
                   expected_wan=row.get("expectedWan"), actual_wan=row.get("actualWan"), source=SourceRef.of(row))


@strawberry.type(description="One run of the loader (kg load): when, how many files, what failed and why.")
class LoadRun:
    id: strawberry.ID
    started_at: str | None = strawberry.field(description="ISO 8601 timestamp")
    ended_at: str | None
    files_seen: int | None
    files_loaded: int | None
    files_skipped: int | None = strawberry.field(description="Unchanged since loaded, or superseded")
    files_failed: int | None
    failures: list[str] = strawberry.field(description="One 'path: reason' per failed file")
    nodes_written: int | None
    relationships_written: int | None

    @classmethod
    def of(cls, row: Row) -> LoadRun:
        return cls(id=strawberry.ID(row["id"]), started_at=row.get("startedAt"), ended_at=row.get("endedAt"),
                   files_seen=row.get("filesSeen"), files_loaded=row.get("filesLoaded"),
                   files_skipped=row.get("filesSkipped"), files_failed=row.get("filesFailed"),
                   failures=list(row.get("failures") or []), nodes_written=row.get("nodesWritten"),
                   relationships_written=row.get("relationshipsWritten"))
