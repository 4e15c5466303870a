# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Root lookups and lists: every node family reachable, filterable, sortable and paged.

Every root field is nullable except those the client contract fixes (``documents``): a field that
fails (a bad cursor, a page over the cap) answers null with its error, and the other fields of the
same request keep their data."""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.api import lookups
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
from app.api.lookups import found
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
from app.api.types.common import listed_properties
from app.api.types.documents import function_class

ASC = SortDirection.ASC
First = Annotated[int | None, strawberry.argument(description=(
    f"Page size: at most {MAX_PAGE_SIZE} (a larger value is refused with its own error); each node on the page "
    "costs 1 in the query cost"))]


@strawberry.type
class RootQuery:
    @strawberry.field(description=(
        "A policy or allocation document by 发文字号. Any bracket style (〔〕 [] 【】 （） ()) and stray spaces are "
        "accepted. Also without 号 or with 第 (新政办发[2010]168), or by title however it is quoted (《社会保险法》 "
        "= 中华人民共和国社会保险法). Null with an error coded NOT_FOUND when there is none."))
    async def policy(self, info: Info, doc_number: str) -> Policy | None:
        return found(await lookups.policy(info, doc_number), f"no policy {doc_number!r}")

    @strawberry.field(description=(
        "A budget unit by its name or any known former name/alias. Everyday short forms work (昌吉州社会保险中心, "
        "巴州社保中心: regions' short names, 社保 for 社会保险). Null with an error coded NOT_FOUND when none is."))
    async def unit(self, info: Info, name: str) -> Unit | None:
        return found(await lookups.unit(info, name), f"no unit named {name!r}")

    @strawberry.field(description="A document by id (its global id, or the id the API gave before global ids). "
                      "Null with an error coded NOT_FOUND when there is none.")
    async def document(self, info: Info, id: strawberry.ID) -> BudgetDocument | None:
        row = await info.context.loaders["documents_by_id"].one(str(id))
        return found(BudgetDocument.of(row) if row else None, f"no document with id {str(id)!r}")

    @strawberry.field(description="A project by id (its global id, or the id the API gave before global ids). "
                      "Null with an error coded NOT_FOUND when there is none.")
    async def project(self, info: Info, id: strawberry.ID) -> Project | None:
        row = await info.context.loaders["projects_by_id"].one(str(id))
        return found(Project.of(row) if row else None, f"no project with id {str(id)!r}")

    @strawberry.field(description="A region by name or its everyday short form (巴州, 昌吉州), e.g. "
                      "巴音郭楞蒙古自治州. Null with an error coded NOT_FOUND when there is none.")
    async def region(self, info: Info, name: str) -> Region | None:
        return found(await lookups.region(info, name), f"no region named {name!r}")

    @strawberry.field(description="A 功能分类 code, e.g. 2080109 (or its 款 20801, 类 208). Null with an error "
                      "coded NOT_FOUND when the graph does not hold it.")
    async def function_class(self, info: Info, code: str) -> FunctionClass | None:
        return found(await function_class(info, code.strip()), f"no function class {code.strip()!r}")

    @strawberry.field(description="Disclosure documents, oldest fiscal year first.")
    async def documents(self, info: Info, first: First = 50, after: str | None = None,
                        filter: DocumentFilter | None = None, sort: DocumentSort = DocumentSort.FISCAL_YEAR,
                        direction: SortDirection = ASC) -> Connection[BudgetDocument]:
        return await paginate(info.context.store, "documents", BudgetDocument.of, filter_params(filter), sort,
                              direction, first, after, chosen=listed_properties(info, "BudgetDocument"))

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
                              sort, direction, first, after, chosen=listed_properties(info, "Project"))

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
                              sort, direction, first, after, chosen=listed_properties(info, "Indicator"))

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
