"""The GraphQL schema: root queries over the budget knowledge graph."""

from __future__ import annotations

import strawberry
from strawberry.extensions import MaxTokensLimiter, QueryDepthLimiter

from app.api.lineage import LineageEdge, LineageGraph, LineageNode, build_lineage
from app.api.pagination import PageInfo, decode_cursor, encode_cursor, page_size
from app.api.types import BudgetDocument, Info, Policy, Unit
from loaders.docnumbers import canonical_doc_number
from loaders.resolve import normalise_name

@strawberry.type
class BudgetDocumentEdge:
    cursor: str
    node: BudgetDocument

@strawberry.type
class BudgetDocumentConnection:
    total_count: int
    page_info: PageInfo
    edges: list[BudgetDocumentEdge]

@strawberry.type
class Query:
    @strawberry.field(description="A policy or allocation document by 发文字号. Any bracket style "
                      "(〔〕 [] 【】 （） ()) and stray spaces are accepted.")
    async def policy(self, info: Info, doc_number: str) -> Policy | None:
        key = canonical_doc_number(doc_number)
        if key is None:
            return None
        rows = await info.context.store.read("policy_by_key", {"key": key})
        return Policy.of(rows[0]["item"]) if rows else None

    @strawberry.field(description="A budget unit by its name or any known former name/alias.")
    async def unit(self, info: Info, name: str) -> Unit | None:
        rows = await info.context.store.read("unit_by_name", {"name": normalise_name(name)})
        return Unit.of(rows[0]["item"]) if rows else None

    @strawberry.field(description="Disclosure documents, oldest fiscal year first.")
    async def documents(self, info: Info, first: int | None = 50, after: str | None = None) -> BudgetDocumentConnection:
        limit, skip = page_size(first), decode_cursor(after)
        total = int(await info.context.store.scalar("documents_count"))
        rows = await info.context.store.read("documents_page", {"skip": skip, "limit": limit})
        edges = [BudgetDocumentEdge(cursor=encode_cursor(skip + i), node=BudgetDocument.of(r["item"]))
                 for i, r in enumerate(rows)]
        return BudgetDocumentConnection(
            total_count=total,
            page_info=PageInfo(has_next_page=skip + len(rows) < total,
                               end_cursor=edges[-1].cursor if edges else None),
            edges=edges,
        )

    @strawberry.field(description="Nodes and edges for drawing how a policy's money reaches projects, units and regions.")
    async def funding_lineage(self, info: Info, doc_number: str) -> LineageGraph:
        key = canonical_doc_number(doc_number)
        if key is None:
            return LineageGraph(nodes=[], edges=[])
        rows = await info.context.store.read("funding_lineage", {"key": key})
        return build_lineage(rows, key)

schema = strawberry.Schema(
    query=Query,
    types=[LineageNode, LineageEdge],
    extensions=[lambda: QueryDepthLimiter(max_depth=12), lambda: MaxTokensLimiter(max_token_count=5000)],
)
