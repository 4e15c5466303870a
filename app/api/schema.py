# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""The GraphQL schema: root queries over the budget knowledge graph, one mutation behind the
API key, and the limits every operation passes (depth, tokens, cost; errors masked)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.extensions import QueryDepthLimiter
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.types.base import get_object_definition

from app.api import lookups
from app.api.aggregate import MAX_CELLS, AggregateFacts, Aggregation, Dimension, aggregate
from app.api.cost_limits import COST_FORMULA, CostLimiter
from app.api.errors import ClientError, MaskInternalErrors
from app.api.execution import PlainFieldsExecutor
from app.api.extensions import Together
from app.api.filters import AggregateFilter
from app.api.flows import MoneyFlows, PolicyFlows, build_flows, build_policy_flows
from app.api.lineage import LineageGraph, build_lineage
from app.api.mutations import Mutation
from app.api.nodes import NodeQuery
from app.api.pagination import MAX_PAGE_SIZE
from app.api.relay import raw_key
from app.api.roots import RootQuery
from app.api.search import SearchConnection, SearchHit, SearchKind, search, search_connection
from app.api.types import DocumentKind, Info, Project
from app.api.validation import ValidateOnce
from vocab.docnumbers import canonical_doc_number
from vocab.resolve import normalise_name

MAX_DEPTH = 12
MAX_TOKENS = 5000


@strawberry.type
class AnalysisQuery:
    @strawberry.field(
        description="Nodes and edges for drawing how a policy's money reaches projects, units and regions.")
    async def funding_lineage(self, info: Info, doc_number: str) -> LineageGraph:
        key = canonical_doc_number(doc_number)
        if key is None:
            return LineageGraph(nodes=[], edges=[])
        rows = await info.context.store.read("funding_lineage", {"key": key})
        return build_lineage(rows, key)

    @strawberry.field(description="A Sankey of a unit's document of one fiscal year and kind, balanced at every "
                      "inner node: income by source → the unit → 功能分类 类 → 款 → 项 → 基本支出/项目支出 → projects "
                      "(万元); what does not add up is drawn as a Gap and listed in findings. Null when the unit has "
                      "no document of that year and kind.")
    async def money_flows(self, info: Info, unit: str, fiscal_year: int,
                          kind: DocumentKind = DocumentKind.BUDGET) -> MoneyFlows | None:
        found = await lookups.unit(info, unit)
        if found is None:
            raise ClientError(f"no unit named {unit!r}", code="NOT_FOUND")
        rows = await info.context.store.read("money_flows", {"unit": raw_key(str(found.id)), "year": fiscal_year,
                                                             "kind": kind.value})
        return build_flows(rows[0], fiscal_year, kind) if rows else None

    @strawberry.field(description="A policy's money across all units and years as a balanced Sankey: the policy → "
                      "allocation documents → units → projects (预算, 万元). Null with NOT_FOUND for an unknown "
                      "policy.")
    async def policy_flows(self, info: Info, doc_number: str) -> PolicyFlows | None:
        policy = await lookups.policy(info, doc_number)
        if policy is None:
            raise ClientError(f"no policy {doc_number!r}", code="NOT_FOUND")
        rows = await info.context.store.read("funding_lineage", {"key": policy.key})
        return build_policy_flows(rows, policy.key, policy.doc_number or policy.title or policy.key)

    @strawberry.field(description="The same project of a unit across years and documents, oldest first: budget "
                      "and final accounts side by side, renamed or re-worded projects included (Project.linkedProjects "
                      "says how sure and why). By the project's id, or by unit and name. Null with NOT_FOUND when "
                      "there is no such project.")
    async def project_history(self, info: Info, unit: str | None = None, name: str | None = None,
                              id: strawberry.ID | None = None) -> list[Project] | None:
        if id is None:
            if unit is None or name is None:
                raise ClientError("projectHistory needs id, or unit and name")
            found = await lookups.unit(info, unit)
            rows = await info.context.store.read("project_history", {
                "unit": raw_key(str(found.id)) if found else "", "name": normalise_name(name)})
            if not rows:
                raise ClientError(f"no project {name!r} of unit {unit!r}", code="NOT_FOUND")
            id = strawberry.ID(rows[0]["item"]["id"])
        history = await info.context.loaders["history_of_projects"].load(str(id))
        if not history:
            raise ClientError(f"no project with id {str(id)!r}", code="NOT_FOUND")
        return [Project.of(r) for r in history]

    @strawberry.field(description="Sums, counts, averages, minima and maxima of budget and executed amounts "
                      "grouped by any of fiscal year, region (own, prefecture or province: rolled up), unit, function "
                      "class (类/款/项), policy or issuer, in one request. Null (with an error) when the request "
                      "cannot be answered, so other root fields of the same request keep their data.")
    async def aggregate(self, info: Info, drilldown: list[Dimension],
                        facts: AggregateFacts = AggregateFacts.PROJECTS, filter: AggregateFilter | None = None,
                        first: Annotated[int, strawberry.argument(description=(
                            "How many cells at most (1 to 5000); more groups set truncated"))] = 1000,
                        ) -> Aggregation | None:
        return await aggregate(info, facts, drilldown, filter, first)

    @strawberry.field(description="One search box across units, regions, policies (发文字号 in any spelling, 号 "
                      "optional), documents, projects and indicators, best matches first. Terms separated by spaces "
                      "must all match; short forms count (巴州, 社保). `searchResults` pages the same hits.")
    async def search(self, info: Info, text: str, first: int = 20,
                     kinds: list[SearchKind] | None = None) -> list[SearchHit]:
        return await search(info, text, first, kinds)

    @strawberry.field(description="The hits of `search` as a connection: pages (at most 100 a page, 500 deep), "
                      "totals by kind, and a kind filter.")
    async def search_results(self, info: Info, text: str, first: int = 20, after: str | None = None,
                             kinds: list[SearchKind] | None = None) -> SearchConnection:
        return await search_connection(info, text, first, after, kinds)


Query = merge_types("Query", (RootQuery, AnalysisQuery, NodeQuery))
get_object_definition(Query, strict=True).description = (
    f"The budget knowledge graph. Limits: depth {MAX_DEPTH}, {MAX_TOKENS} tokens, pages of at most {MAX_PAGE_SIZE} "
    f"(aggregate: {MAX_CELLS} cells). {COST_FORMULA}")

class Schema(strawberry.Schema):
    """Strawberry's schema without its own error log: a client's error is answered, not logged, and a
    server-side failure is logged once, with its errorId, by MaskInternalErrors."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        return None


DEPTH_RULES = tuple(QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules)
"""The depth limit as validation rules made once, so a query text's validation can be remembered."""

schema = Schema(
    query=Query,
    mutation=Mutation,
    extensions=[lambda: Together(
        ValidateOnce(DEPTH_RULES, max_tokens=MAX_TOKENS),
        CostLimiter(caps={"aggregate": MAX_CELLS}),  # after ValidateOnce: adds to its errors
        MaskInternalErrors(),
    )],
    execution_context_class=PlainFieldsExecutor,
)
