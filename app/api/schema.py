"""The GraphQL schema: root queries over the budget knowledge graph, with its limits."""

from __future__ import annotations

import strawberry
from strawberry.tools import merge_types

from app.api.lineage import LineageGraph, build_lineage
from app.api.roots import RootQuery
from app.api.types import Info
from loaders.docnumbers import canonical_doc_number


@strawberry.type
class AnalysisQuery:
    @strawberry.field(description="Nodes and edges for drawing how a policy's money reaches projects, units and regions.")
    async def funding_lineage(self, info: Info, doc_number: str) -> LineageGraph:
        key = canonical_doc_number(doc_number)
        if key is None:
            return LineageGraph(nodes=[], edges=[])
        rows = await info.context.store.read("funding_lineage", {"key": key})
        return build_lineage(rows, key)


Query = merge_types("Query", (RootQuery, AnalysisQuery))

schema = strawberry.Schema(query=Query)
