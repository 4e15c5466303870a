"""Running a GraphQL operation against a store in-process, as the API tests do."""

from __future__ import annotations

from typing import Any

from app.api import schema
from app.api.context import Context
from app.store import GraphStore


async def execute(store: GraphStore, query: str, **variables: Any) -> dict[str, Any]:
    result = await schema.execute(query, variable_values=variables, context_value=Context(store=store))
    assert result.errors is None, result.errors
    assert result.data is not None
    return result.data
