# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Operational facts: what did not add up in a document, and what each load run did."""

from __future__ import annotations

import strawberry

from app.api.relay import Node, global_id
from app.api.types import documents
from app.api.types.common import Row, SourceRef, of_row
from app.api.types.refs import DocumentRef
from app.api.types.related import Related, own_id
from loaders.facts import Finding


@strawberry.type(description="Two numbers the template says must agree and do not, e.g. 支出总计 (total) "
                 "differs from the sum of its 功能分类 rows by more than rounding explains. Reported as found, "
                 "never corrected. Also a fact the loader could not establish (check unit_region: the unit's name "
                 "names no known region), without numbers.")
class DataQualityFinding(Node):
    id: strawberry.ID
    check: str = strawberry.field(description="Which check, e.g. total_vs_function_lines")
    message: str
    expected_wan: float | None = strawberry.field(description="The stated total (万元)")
    actual_wan: float | None = strawberry.field(description="What its parts add up to (万元)")
    difference_wan: float | None = strawberry.field(description="actual - expected")
    sources: list[SourceRef] = strawberry.field(description="Where each of the numbers was read")

    document: DocumentRef | None = strawberry.field(description="The document the finding is about.", resolver=Related(
        "document_of_findings", own_id, lambda row: documents.BudgetDocument.of(row),
        narrowed="BudgetDocument").resolve)

    @classmethod
    def of(cls, row: Row) -> DataQualityFinding:
        return of_row(cls, row, Finding, id=global_id("DataQualityFinding", row["id"]))


@strawberry.type(description="One run of the loader (kg load): when, how many files, what failed and why.")
class LoadRun(Node):
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
        return of_row(cls, row, id=global_id("LoadRun", row["id"]))
