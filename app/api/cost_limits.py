"""Limits that keep one request from monopolising the service: a cost estimate checked before
execution, and a wall-clock timeout around each GraphQL HTTP request.

Depth and token limits are strawberry's own (QueryDepthLimiter's rules, MaxTokensLimiter's parse option),
applied by ``validation.ValidateOnce`` in ``schema.py``; page sizes are checked by ``pagination.page_size``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
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
    VariableNode,
    get_named_type,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from app.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from app.api.validation import PerNode

MAX_COST = 100_000
LIST_FANOUT = 10
"""Assumed size of a list field without ``first`` (a document's projects, a project's policies)."""
COST_FORMULA = (
    "cost = the number of objects a query can return: every field whose type is an object costs 1 per object "
    "it may yield, times the size of every list above it; scalar fields cost nothing (they come with their "
    "object). A list's size is the `first` asked for (or its default) on the field that takes it, and "
    f"{LIST_FANOUT} for a list without `first`. A query may cost at most {MAX_COST}; every response states "
    "its cost in extensions.cost (requested, limit)."
)


def _first(node: FieldNode, default: Any, variables: Mapping[str, Any]) -> int:
    """The `first` a field asks for: its literal, its variable's value, or the argument's default."""
    for arg in node.arguments or ():
        if arg.name.value == "first":
            if isinstance(arg.value, IntValueNode):
                return int(arg.value.value)
            if isinstance(arg.value, VariableNode) and variables.get(arg.value.name.value) is not None:
                return int(variables[arg.value.name.value])
    return int(default) if isinstance(default, int) else DEFAULT_PAGE_SIZE


class PageTooLarge(Exception):
    """A `first` above its field's cap: reported as such, not as a cost."""

    def __init__(self, node: FieldNode, first: int, cap: int) -> None:
        super().__init__(f"{node.name.value}: first must be at most {cap}, got {first}")
        self.node = node


class _Estimator:
    """See COST_FORMULA. A field that takes `first` costs its own object once and passes `first` on as the
    size of the list directly below it (a connection's edges, an aggregation's cells)."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode],
                 variables: Mapping[str, Any], caps: Mapping[str, int]) -> None:
        self.schema, self.fragments, self.variables, self.caps = schema, fragments, variables, caps

    def cost(self, selections: SelectionSetNode | None, type_name: str, page: int | None = None,
             seen: frozenset[str] = frozenset()) -> int:
        parent = self.schema.get_type(type_name)
        fields = getattr(parent, "fields", {})
        total = 0
        for node in selections.selections if selections else ():
            if isinstance(node, FieldNode):
                definition = fields.get(node.name.value)
                if definition is None or node.selection_set is None:  # scalars, __typename
                    continue
                child_page, size = None, 1
                if "first" in definition.args:
                    child_page = self._page(node, definition)
                elif _is_list(definition.type):
                    size = page if page is not None else LIST_FANOUT
                total += size * (1 + self.cost(node.selection_set, get_named_type(definition.type).name,
                                               child_page, seen))
            elif isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else type_name
                total += self.cost(node.selection_set, condition, page, seen)
            elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
                fragment = self.fragments.get(node.name.value)
                if fragment is not None:
                    total += self.cost(fragment.selection_set, fragment.type_condition.name.value, page,
                                       seen | {node.name.value})
        return total

    def _page(self, node: FieldNode, definition: Any) -> int:
        first = _first(node, definition.args["first"].default_value, self.variables)
        cap = self.caps.get(node.name.value, MAX_PAGE_SIZE)
        if first > cap:
            raise PageTooLarge(node, first, cap)
        return max(1, first)


def _is_list(field_type: Any) -> bool:
    return isinstance(field_type.of_type if isinstance(field_type, GraphQLNonNull) else field_type, GraphQLList)


def query_cost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode,
               variables: Mapping[str, Any], caps: Mapping[str, int] | None = None) -> int:
    """The operation's cost (COST_FORMULA); raises PageTooLarge for a `first` over its field's cap."""
    root = schema.get_root_type(operation.operation)
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    return _Estimator(schema, fragments, variables, caps or {}).cost(operation.selection_set, root.name if root else "")


Estimates = tuple[tuple[OperationDefinitionNode, "int | PageTooLarge"], ...]
MAX_ESTIMATES_KEPT = 256
"""Documents whose operations' costs are remembered (bounded: documents come from clients' query texts)."""
_ESTIMATES: PerNode[Estimates] = PerNode(MAX_ESTIMATES_KEPT)


def _estimates(schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any],
               caps: Mapping[str, int]) -> Estimates:
    """Each operation's cost, or the page over its cap it asks for. Without variables the cost follows from the
    document alone: worked out once per document, not walked again every request."""
    def estimated() -> Estimates:
        found: list[tuple[OperationDefinitionNode, int | PageTooLarge]] = []
        for node in document.definitions:
            if isinstance(node, OperationDefinitionNode):
                try:
                    found.append((node, query_cost(schema, document, node, variables, caps)))
                except PageTooLarge as exc:
                    found.append((node, exc.with_traceback(None)))  # kept: not its frames
        return tuple(found)
    if variables:
        return estimated()
    return _ESTIMATES.get((schema, document), tuple(sorted(caps.items())), estimated)


class CostLimiter(SchemaExtension):
    """Refuses, before any store access, an operation whose estimated cost exceeds ``max_cost`` or that asks
    for a page over its field's cap (``caps`` by field name, MAX_PAGE_SIZE otherwise); states the cost of
    every response in ``extensions.cost``. Checked on every request (the cost depends on its variables), after
    the validation of its text, which may be remembered (``validation.ValidateOnce``): listed after it."""

    def __init__(self, max_cost: int = MAX_COST, caps: Mapping[str, int] | None = None) -> None:
        self.max_cost, self.caps, self.requested = max_cost, dict(caps or {}), 0

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None:
            errors = list(self._errors(context.schema._schema, context.graphql_document, context.variables or {}))
            if errors:
                context.pre_execution_errors = [*errors, *(context.pre_execution_errors or [])]
        yield

    def _errors(self, schema: GraphQLSchema, document: DocumentNode,
                variables: Mapping[str, Any]) -> Iterator[GraphQLError]:
        for node, cost in _estimates(schema, document, variables, self.caps):
            if isinstance(cost, PageTooLarge):
                yield GraphQLError(str(cost), cost.node, extensions={"code": "BAD_USER_INPUT"})
                continue
            self.requested += cost
            if cost > self.max_cost:
                yield GraphQLError(f"query cost {cost} exceeds the limit of {self.max_cost}: ask for smaller pages "
                                   "(first) or fewer nested lists", node, extensions={"code": "QUERY_TOO_COSTLY"})

    def get_results(self) -> dict[str, Any]:
        return {"cost": {"requested": self.requested, "limit": self.max_cost}}


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
