"""The GraphQL API: strawberry types over the graph store."""

from __future__ import annotations

from app.api.schema import schema

__all__ = ["schema"]
