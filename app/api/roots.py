# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Root lookups and lists: every node family reachable, filterable, sortable and paged.

Every root field is nullable except those the client contract fixes (``documents``): a field that
fails (a bad cursor, a page over the cap) answers null with its error, and the other fields of the
same request keep their data."""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.api.filters import (
    DocumentFilter,
    FindingFilter,
    FunctionClassFilter,
    IndicatorFilter,
    PolicyFilter,
    ProjectFilter,
    RegionFilter,
    UnitFilter,
    filter_params,
)
from app.api.pagination import MAX_PAGE_SIZE, Connection, SortDirection, paginate
from app.api.sorting import (
    DocumentSort,
    FindingSort,
    FunctionClassSort,
    IndicatorSort,
    LoadRunSort,
    PolicySort,
    ProjectSort,
    RegionSort,
    UnitSort,
)
from app.api.types import (
    BudgetDocument,
    DataQualityFinding,
    FunctionClass,
    Indicator,
    Info,
    LoadRun,
    Policy,
    Project,
    Region,
    Unit,
)
from app.api.types.documents import function_class
from app.api.types.places import region_named
from vocab.docnumbers import canonical_doc_number
from vocab.resolve import normalise_name

ASC = SortDirection.ASC
First = Annotated[int | None, strawberry.argument(description=(
    f"Page size: at most {MAX_PAGE_SIZE} (a larger value is refused with its own error); each node on the page "
    "costs 1 in the query cost"))]


@strawberry.type
class RootQuery:
    @strawberry.field(description="A policy or allocation document by 发文字号. Any bracket style "
                      "(〔〕 [] 【】 （） ()) and stray spaces are accepted.")
    async def policy(self, info: Info, doc_number: str) -> Policy | None:
        key = canonical_doc_number(doc_number)
        if key is None:
            return None
        row = await info.context.loaders["policies_by_key"].one(key)
        return Policy.of(row) if row else None

    @strawberry.field(description="A budget unit by its name or any known former name/alias.")
    async def unit(self, info: Info, name: str) -> Unit | None:
        rows = await info.context.store.read("unit_by_name", {"name": normalise_name(name)})
        return Unit.of(rows[0]["item"]) if rows else None

    @strawberry.field(description="A document by id.")
    async def document(self, info: Info, id: strawberry.ID) -> BudgetDocument | None:
        row = await info.context.loaders["documents_by_id"].one(str(id))
        return BudgetDocument.of(row) if row else None

    @strawberry.field(description="A project by id.")
    async def project(self, info: Info, id: strawberry.ID) -> Project | None:
        row = await info.context.loaders["projects_by_id"].one(str(id))
        return Project.of(row) if row else None

    @strawberry.field(description="A region by name, e.g. 巴音郭楞蒙古自治州.")
    async def region(self, info: Info, name: str) -> Region | None:
        return await region_named(info, normalise_name(name))

    @strawberry.field(description="A 功能分类 code, e.g. 2080109 (or its 款 20801, 类 208).")
    async def function_class(self, info: Info, code: str) -> FunctionClass | None:
        return await function_class(info, code.strip())

    @strawberry.field(description="Disclosure documents, oldest fiscal year first.")
    async def documents(self, info: Info, first: First = 50, after: str | None = None,
                        filter: DocumentFilter | None = None, sort: DocumentSort = DocumentSort.FISCAL_YEAR,
                        direction: SortDirection = ASC) -> Connection[BudgetDocument]:
        return await paginate(info.context.store, "documents", BudgetDocument.of, filter_params(filter),
                              sort, direction, first, after)

    @strawberry.field(description="Budget units (预算单位).")
    async def units(self, info: Info, first: First = 50, after: str | None = None,
                    filter: UnitFilter | None = None, sort: UnitSort = UnitSort.NAME,
                    direction: SortDirection = ASC) -> Connection[Unit] | None:
        return await paginate(info.context.store, "units", Unit.of, filter_params(filter),
                              sort, direction, first, after)

    @strawberry.field(description="Projects (项目), subsidies (补贴) among them.")
    async def projects(self, info: Info, first: First = 50, after: str | None = None,
                       filter: ProjectFilter | None = None, sort: ProjectSort = ProjectSort.FISCAL_YEAR,
                       direction: SortDirection = ASC) -> Connection[Project] | None:
        return await paginate(info.context.store, "projects", Project.of, filter_params(filter),
                              sort, direction, first, after)

    @strawberry.field(description="Policy and allocation documents cited by disclosures.")
    async def policies(self, info: Info, first: First = 50, after: str | None = None,
                       filter: PolicyFilter | None = None, sort: PolicySort = PolicySort.DOC_NUMBER,
                       direction: SortDirection = ASC) -> Connection[Policy] | None:
        return await paginate(info.context.store, "policies", Policy.of, filter_params(filter),
                              sort, direction, first, after)

    @strawberry.field(description="Performance indicators (绩效指标) of projects.")
    async def indicators(self, info: Info, first: First = 50, after: str | None = None,
                         filter: IndicatorFilter | None = None, sort: IndicatorSort = IndicatorSort.SOURCE,
                         direction: SortDirection = ASC) -> Connection[Indicator] | None:
        return await paginate(info.context.store, "indicators", Indicator.of, filter_params(filter),
                              sort, direction, first, after)

    @strawberry.field(description="Regions (行政区划).")
    async def regions(self, info: Info, first: First = 50, after: str | None = None,
                      filter: RegionFilter | None = None, sort: RegionSort = RegionSort.NAME,
                      direction: SortDirection = ASC) -> Connection[Region] | None:
        return await paginate(info.context.store, "regions", Region.of, filter_params(filter),
                              sort, direction, first, after)

    @strawberry.field(description="功能分类 codes the graph holds.")
    async def function_classes(self, info: Info, first: First = 50, after: str | None = None,
                               filter: FunctionClassFilter | None = None,
                               sort: FunctionClassSort = FunctionClassSort.CODE,
                               direction: SortDirection = ASC) -> Connection[FunctionClass] | None:
        return await paginate(info.context.store, "function_classes", FunctionClass.of,
                              filter_params(filter), sort, direction, first, after)

    @strawberry.field(description="Loader runs, newest first by default.")
    async def load_runs(self, info: Info, first: First = 50, after: str | None = None,
                        sort: LoadRunSort = LoadRunSort.STARTED_AT,
                        direction: SortDirection = SortDirection.DESC) -> Connection[LoadRun] | None:
        return await paginate(info.context.store, "load_runs", LoadRun.of, filter_params(None),
                              sort, direction, first, after)

    @strawberry.field(description="Data-quality findings across documents.")
    async def data_quality_findings(self, info: Info, first: First = 50, after: str | None = None,
                                    filter: FindingFilter | None = None, sort: FindingSort = FindingSort.CHECK,
                                    direction: SortDirection = ASC) -> Connection[DataQualityFinding] | None:
        return await paginate(info.context.store, "findings", DataQualityFinding.of, filter_params(filter),
                              sort, direction, first, after)
