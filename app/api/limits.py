"""Limits that keep one request from monopolising the service: a cost estimate checked before
execution, and a wall-clock timeout around each GraphQL HTTP request.

Depth and token limits are strawberry's own (QueryDepthLimiter, MaxTokensLimiter) in
``schema.py``; page sizes are checked by ``pagination.page_size``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
    get_named_type,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from app.api.pagination import DEFAULT_PAGE_SIZE

MAX_COST = 100_000
LIST_FANOUT = 10
"""Assumed size of a list field without ``first`` (a document's projects, a project's policies)."""


def _first(node: FieldNode, default: Any, variables: Mapping[str, Any]) -> int:
    for arg in node.arguments or ():
        if arg.name.value == "first":
            if isinstance(arg.value, IntValueNode):
                return int(arg.value.value)
            if isinstance(arg.value, VariableNode):
                return int(variables.get(arg.value.name.value) or DEFAULT_PAGE_SIZE)
    return int(default) if isinstance(default, int) else DEFAULT_PAGE_SIZE


class _Estimator:
    """Fields cost 1 each, multiplied by the page size or list fan-out of every list above them."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: Mapping[str, Any]) -> None:
        self.schema, self.fragments, self.variables = schema, fragments, variables

    def cost(self, selections: SelectionSetNode | None, type_name: str, seen: frozenset[str] = frozenset()) -> int:
        parent = self.schema.get_type(type_name)
        fields = getattr(parent, "fields", {})
        total = 0
        for node in selections.selections if selections else ():
            if isinstance(node, FieldNode):
                definition = fields.get(node.name.value)
                if definition is None:  # __typename and introspection
                    total += 1
                    continue
                total += 1 + self._multiplier(node, definition) * self.cost(
                    node.selection_set, get_named_type(definition.type).name, seen)
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else type_name
                total += self.cost(node.selection_set, condition, seen)
            elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
                fragment = self.fragments.get(node.name.value)
                if fragment is not None:
                    total += self.cost(fragment.selection_set, fragment.type_condition.name.value,
                                       seen | {node.name.value})
        return total

    def _multiplier(self, node: FieldNode, definition: Any) -> int:
        if "first" in definition.args:
            return max(1, _first(node, definition.args["first"].default_value, self.variables))
        field_type = definition.type.of_type if isinstance(definition.type, GraphQLNonNull) else definition.type
        is_list = isinstance(field_type, GraphQLList)
        return LIST_FANOUT if is_list and node.name.value != "edges" else 1


def query_cost(context: ValidationContext, operation: OperationDefinitionNode, variables: Mapping[str, Any]) -> int:
    root = context.schema.get_root_type(operation.operation)
    fragments = {d.name.value: d for d in context.document.definitions if isinstance(d, FragmentDefinitionNode)}
    return _Estimator(context.schema, fragments, variables).cost(operation.selection_set, root.name if root else "")


class CostLimiter(SchemaExtension):
    """Refuses, before any store access, an operation whose estimated cost exceeds ``max_cost``."""

    def __init__(self, max_cost: int = MAX_COST) -> None:
        self.max_cost = max_cost

    def on_operation(self) -> Iterator[None]:
        variables, max_cost = self.execution_context.variables or {}, self.max_cost

        class Rule(ValidationRule):
            def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
                cost = query_cost(self.context, node, variables)
                if cost > max_cost:
                    self.report_error(GraphQLError(
                        f"query cost {cost} exceeds the limit of {max_cost}: ask for smaller pages "
                        "(first) or fewer nested lists", node, extensions={"code": "QUERY_TOO_COSTLY"}))

        self.execution_context.validation_rules = (*self.execution_context.validation_rules, Rule)
        yield


class RequestTimeout:
    """ASGI middleware: a request under ``path`` that runs longer than ``seconds`` is cancelled
    and answered 504 with a GraphQL error (code TIMEOUT), unless its response had started."""

    def __init__(self, app: ASGIApp, *, seconds: float, path: str) -> None:
        self.app, self.seconds, self.path = app, seconds, path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.path):
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        try:
            async with asyncio.timeout(self.seconds):
                await self.app(scope, receive, tracking_send)
        except TimeoutError:
            if started:
                raise
            body = json.dumps({"data": None, "errors": [{
                "message": f"request timed out after {self.seconds:g}s", "extensions": {"code": "TIMEOUT"}}]})
            await send({"type": "http.response.start", "status": 504,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body.encode()})
