# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Writes through the API. The service is read-only unless an API key is configured
(``KG_API_KEY``), and then every mutation requires it in the ``X-API-Key`` header."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import strawberry
from strawberry.permission import BasePermission

from app.api.errors import ClientError, ForbiddenError
from app.api.relay import raw_key
from app.api.types import DataQualityFinding, Info


class RequiresApiKey(BasePermission):
    message = "this mutation requires the API key (X-API-Key header); without a configured key the API is read-only"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.api_key_ok

    def on_unauthorized(self) -> None:
        raise ForbiddenError(self.message)


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[RequiresApiKey], description=(
        "Report a problem a reviewer found in a document (e.g. a number that differs from the PDF). "
        "It is kept as a DataQualityFinding with check 'reviewer_report' and survives reloads."))
    async def report_finding(self, info: Info, document_id: strawberry.ID, message: str) -> DataQualityFinding:
        if not message.strip():
            raise ClientError("message is empty")
        rows = await info.context.store.write("report_finding", {
            "document": raw_key(str(document_id)), "id": f"reviewer|{uuid.uuid4().hex}", "message": message.strip(),
            "reportedAt": datetime.now(UTC).isoformat(timespec="seconds")})
        if not rows:
            raise ClientError(f"no document with id {str(document_id)!r}", code="NOT_FOUND")
        return DataQualityFinding.of(rows[0]["item"])
