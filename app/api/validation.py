"""Parse and validate each distinct query text once: clients send the same few queries over and
over, and graphql-core's validation (every rule walking the whole document) costs more than
executing a small query. What depends on the request (the cost, from its variables) is still
checked every time, by ``cost_limits.CostLimiter`` after this extension."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable, Iterator, Sequence
from functools import lru_cache
from typing import Any, Generic, TypeVar

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, parse, specified_rules
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

MAX_CACHED = 256
"""Distinct query texts kept; more are parsed and validated again (bounded: texts come from clients)."""
V = TypeVar("V")


class PerNode(Generic[V]):
    """Values worked out once per node of a parsed query (a selection's properties, a document's cost):
    a remembered query text is parsed once (:func:`_checked`), so its nodes come back request after
    request. Keyed by the nodes' ids and kept with them, so an id is never another node's; bounded (the
    nodes come from clients' texts), the oldest dropped first."""

    def __init__(self, bound: int) -> None:
        self.bound = bound
        self._kept: dict[Hashable, tuple[tuple[object, ...], V]] = {}

    def get(self, nodes: tuple[object, ...], extra: Hashable, make: Callable[[], V]) -> V:
        """The value for ``nodes`` (and ``extra``, what else it depends on), made once by ``make``."""
        key = (tuple(map(id, nodes)), extra)
        kept = self._kept.get(key)
        if kept is not None and all(a is b for a, b in zip(kept[0], nodes, strict=True)):
            return kept[1]
        value = make()
        if len(self._kept) >= self.bound:
            del self._kept[next(iter(self._kept))]
        self._kept[key] = (nodes, value)
        return value

    def __len__(self) -> int:
        return len(self._kept)

    def clear(self) -> None:
        self._kept.clear()


@lru_cache(maxsize=MAX_CACHED)
def _checked(schema: GraphQLSchema, rules: tuple[type[ASTValidationRule], ...], query: str,
             options: tuple[tuple[str, Any], ...]) -> tuple[DocumentNode, tuple[GraphQLError, ...]]:
    """The parsed document and its validation errors; a syntax error raises (and is not kept)."""
    document = parse(query, **dict(options))
    return document, tuple(validate_document(schema, document, rules))


class ValidateOnce(SchemaExtension):
    """Strawberry's parse and validation (graphql-core's rules plus ``rules``, e.g. a depth limit's),
    remembered by query text and parse options; a text of more than ``max_tokens`` tokens does not
    parse (strawberry's MaxTokensLimiter, here: an extension of its own costs every request ~60
    Python calls of strawberry's hook machinery). A text that does not parse is left to strawberry,
    which answers the syntax error, or the token limit, as usual."""

    def __init__(self, rules: Sequence[type[ASTValidationRule]] = (), max_tokens: int | None = None) -> None:
        self.rules = (*specified_rules, *rules)
        self.max_tokens = max_tokens
        self.errors: tuple[GraphQLError, ...] | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if self.max_tokens is not None:
            context.parse_options["max_tokens"] = self.max_tokens
        if context.query and context.graphql_document is None:
            with contextlib.suppress(GraphQLError):
                context.graphql_document, self.errors = _checked(
                    context.schema._schema, self.rules, context.query, tuple(sorted(context.parse_options.items())))
        yield

    def on_validate(self) -> Iterator[None]:
        if self.errors is not None:
            self.execution_context.pre_execution_errors = list(self.errors)
        yield
