"""Errors a client can act on carry a stable ``extensions.code``; everything else is masked.

Resolvers raise ``ClientError`` (or a subclass) for bad input; the ``MaskInternalErrors``
extension keeps those messages and codes, and replaces any other exception's message with a
generic one plus an ``errorId`` that is logged with the traceback, so a stack trace or a
Cypher fragment never reaches a client.
"""

from __future__ import annotations

import logging
import uuid

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from app.store.port import StoreUnavailable

log = logging.getLogger("app.api")


STORE_UNAVAILABLE = "STORE_UNAVAILABLE"


class ClientError(Exception):
    """A request the client can fix; the message is shown as is."""

    code = "BAD_USER_INPUT"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class ForbiddenError(ClientError):
    code = "FORBIDDEN"


def error_code(error: GraphQLError) -> str:
    """The code a client sees: the ClientError's own, or the GraphQL stage that refused it."""
    original = error.original_error
    if isinstance(original, ClientError):
        return original.code
    if isinstance(original, StoreUnavailable):
        return STORE_UNAVAILABLE
    if original is None:
        return "GRAPHQL_VALIDATION_FAILED"
    return "INTERNAL_SERVER_ERROR"


class MaskInternalErrors(MaskErrors):
    """MaskErrors that also labels every error with a code, and counts it in the request
    context's metrics when there are any."""

    def __init__(self) -> None:
        super().__init__(error_message="Internal server error")

    def _process_result(self, result: object) -> None:
        """Only a result with errors: strawberry's test of any result (``isinstance`` of a runtime protocol)
        costs a request without errors more than the rest of this extension."""
        if getattr(result, "errors", None):
            super()._process_result(result)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        metrics = getattr(self.execution_context.context, "metrics", None)
        processed = []
        for error in errors:
            code = error_code(error)
            if metrics is not None:
                metrics.graphql_error(code)
            if code == "INTERNAL_SERVER_ERROR":
                processed.append(self._masked(error))
            elif code == STORE_UNAVAILABLE:  # said plainly, without the engine's details
                processed.append(GraphQLError("the graph store is unavailable; retry shortly", nodes=error.nodes,
                                              source=error.source, positions=error.positions, path=error.path,
                                              extensions={"code": code}))
            else:
                extensions = {"code": code, **(error.extensions or {})}
                processed.append(GraphQLError(error.message, nodes=error.nodes, source=error.source,
                                              positions=error.positions, path=error.path,
                                              original_error=error.original_error, extensions=extensions))
        return processed

    def _masked(self, error: GraphQLError) -> GraphQLError:
        error_id = uuid.uuid4().hex[:12]
        log.error("internal error %s at %s", error_id, error.path, exc_info=error.original_error)
        return GraphQLError(self.error_message, nodes=error.nodes, source=error.source,
                            positions=error.positions, path=error.path,
                            extensions={"code": "INTERNAL_SERVER_ERROR", "errorId": error_id})
