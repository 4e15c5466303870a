"""Nested lists as connections (Policy.fundedProjectsPage, Policy.citedByPage, Unit.documentsPage,
Unit.projectsPage): the root lists' pages, counts and filter inputs, scoped to the parent. The same
page (or count) under many parents is read in one round-trip (app/api/batching.py, BuiltReads)."""

from __future__ import annotations

from typing import Any

import strawberry

from app.api.filters import DocumentFilter, ProjectFilter, filter_params
from app.api.pagination import Connection, SortDirection, paginate
from app.api.sorting import DocumentSort, ProjectSort
from app.api.types import BudgetDocument, Info, Project
from app.api.types.common import listed_properties


@strawberry.type(description="A page of a parent's projects (Relay cursor connection) and their total.")
class ProjectConnectionPage(Connection[Project]):
    pass


@strawberry.type(description="A page of a parent's documents (Relay cursor connection) and their total.")
class DocumentConnectionPage(Connection[BudgetDocument]):
    pass


async def projects_page(info: Info, scope: dict[str, Any], first: int | None, after: str | None,
                        filter: ProjectFilter | None) -> ProjectConnectionPage:
    page = await paginate(info.context.store, "projects", Project.of, {**filter_params(filter), **scope},
                          ProjectSort.FISCAL_YEAR, SortDirection.ASC, first, after, info.context.loaders.read_built,
                          listed_properties(info, "Project"))
    return ProjectConnectionPage(page_info=page.page_info, edges=page.edges, count=page.count)


async def documents_page(info: Info, scope: dict[str, Any], first: int | None, after: str | None,
                         filter: DocumentFilter | None) -> DocumentConnectionPage:
    page = await paginate(info.context.store, "documents", BudgetDocument.of, {**filter_params(filter), **scope},
                          DocumentSort.FISCAL_YEAR, SortDirection.ASC, first, after, info.context.loaders.read_built,
                          listed_properties(info, "BudgetDocument"))
    return DocumentConnectionPage(page_info=page.page_info, edges=page.edges, count=page.count)
