# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Where money is spent: regions (行政区划), budget units (预算单位) and their 科室."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from app.api.relay import Node, global_id, raw_key
from app.api.types import documents, projects
from app.api.types.common import Info, Row, of_row
from app.api.types.refs import DocumentRef, ProjectRef
from app.api.types.related import Pick, Related, own_id

if TYPE_CHECKING:
    from app.api.filters import DocumentFilter, IntRange, ProjectFilter
    from app.api.nested import DocumentConnectionPage, ProjectConnectionPage

ProjectConnectionRef = Annotated["ProjectConnectionPage", strawberry.lazy("app.api.nested")]
DocumentConnectionRef = Annotated["DocumentConnectionPage", strawberry.lazy("app.api.nested")]
ProjectFilterRef = Annotated["ProjectFilter", strawberry.lazy("app.api.filters")]
DocumentFilterRef = Annotated["DocumentFilter", strawberry.lazy("app.api.filters")]
IntRangeRef = Annotated["IntRange", strawberry.lazy("app.api.filters")]


@strawberry.type(description="Administrative region (行政区划): 自治区 (autonomous region), 州 (prefecture), "
                 "县/市 (county/city). PART_OF its parent.")
class Region(Node):
    name: str
    parent_name: strawberry.Private[str | None]

    parent: Region | None = strawberry.field(
        description="The region this one is part of (e.g. 和静县 → 巴音郭楞蒙古自治州).",
        resolver=Related("regions_by_name", lambda region: region.parent_name, lambda row: Region.of(row)).resolve)

    children: list[Region] = strawberry.field(description="Regions directly part of this one.", resolver=Related(
        "children_of_regions", lambda region: region.name, lambda row: Region.of(row), Pick.ALL).resolve)
    units: list[Unit] = strawberry.field(description="Budget units located directly in this region.", resolver=Related(
        "units_of_regions", lambda region: region.name, lambda row: Unit.of(row), Pick.ALL).resolve)

    @classmethod
    def of(cls, row: Row) -> Region:
        return cls(id=global_id("Region", row["name"]), name=row["name"], parent_name=row.get("parent"))


async def region_named(info: Info, name: str | None) -> Region | None:
    """The region node of that name (batched), or None when the name is None or unknown."""
    if name is None:
        return None
    row = await info.context.loaders["regions_by_name"].one(name)
    return Region.of(row) if row else None


def _of_years(project: projects.Project, fiscal_year: int | None = None,
              fiscal_years: IntRangeRef | None = None) -> bool:
    """Whether a unit's project is of the years its ``projects`` field is asked for (the field's arguments)."""
    low, high = (fiscal_years.min, fiscal_years.max) if fiscal_years else (None, None)
    year = project.fiscal_year
    return ((fiscal_year is None or year == fiscal_year) and (low is None or year >= low)
            and (high is None or year <= high))


@strawberry.type(description="A 科室 (internal department) of a unit, as listed in 机构设置 (organisation).")
class Department:
    name: str


@strawberry.type(description="A budget unit (预算单位): a bureau, a 社会保险中心, a school. One node across "
                 "renames (e.g. 管理局 → 中心); former names are kept as aliases.")
class Unit(Node):
    id: strawberry.ID
    name: str = strawberry.field(description="Current name: the one of its newest document")
    names: strawberry.Private[list[str]]

    @strawberry.field(description="Former names and other spellings seen in documents.")
    def aliases(self) -> list[str]:
        return [n for n in self.names if n != self.name]

    region: Region | None = strawberry.field(description="The region the unit belongs to.", resolver=Related(
        "region_of_units", own_id, Region.of).resolve)

    documents: list[DocumentRef] = strawberry.field(
        description="Its disclosures, oldest fiscal year first.",
        resolver=Related("documents_of_units", own_id, lambda row: documents.BudgetDocument.of(row), Pick.ALL,
                         narrowed="BudgetDocument").resolve)

    projects: list[ProjectRef] = strawberry.field(
        description="Projects it undertakes (项目承担单位), optionally of one fiscal year or of a range of years "
        "(fiscalYears, as the root lists take it).",
        resolver=Related("projects_of_units", own_id, lambda row: projects.Project.of(row), Pick.ALL,
                         narrowed="Project", keep=_of_years).resolve)

    @strawberry.field(description="projects as a connection: paged (first at most 500), counted and filtered like "
                      "the root `projects` list.")
    async def projects_page(self, info: Info, first: int | None = 50, after: str | None = None,
                            filter: ProjectFilterRef | None = None) -> ProjectConnectionRef:
        from app.api import nested
        from app.api.filters import unit_params
        return await nested.projects_page(info, unit_params(raw_key(str(self.id))), first, after, filter)

    @strawberry.field(description="documents as a connection: paged, counted and filtered like the root `documents`.")
    async def documents_page(self, info: Info, first: int | None = 50, after: str | None = None,
                             filter: DocumentFilterRef | None = None) -> DocumentConnectionRef:
        from app.api import nested
        from app.api.filters import unit_params
        return await nested.documents_page(info, unit_params(raw_key(str(self.id))), first, after, filter)

    departments: list[Department] = strawberry.field(
        description="科室 listed in any of its documents.",
        resolver=Related("departments_of_units", own_id, lambda row: Department(name=row["name"]), Pick.ALL).resolve)

    @classmethod
    def of(cls, row: Row) -> Unit:
        return of_row(cls, row, id=global_id("Unit", row["id"]))
