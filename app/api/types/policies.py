# mypy: disable-error-code="untyped-decorator"
# (strawberry types @strawberry.field(description=...) as returning Any; the resolvers themselves are typed)
"""Policy and allocation documents (政策依据 / 资金下达文件), identified by 发文字号."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from app.api.relay import Node, global_id
from app.api.types import documents, projects
from app.api.types.common import Info, Row, of_row
from app.api.types.refs import DocumentRef, ProjectRef
from app.api.types.related import Pick, Related
from vocab.policies import policy_issuer

if TYPE_CHECKING:
    from app.api.filters import DocumentFilter, ProjectFilter
    from app.api.nested import DocumentConnectionPage, ProjectConnectionPage

ProjectConnectionRef = Annotated["ProjectConnectionPage", strawberry.lazy("app.api.nested")]
DocumentConnectionRef = Annotated["DocumentConnectionPage", strawberry.lazy("app.api.nested")]
ProjectFilterRef = Annotated["ProjectFilter", strawberry.lazy("app.api.filters")]
DocumentFilterRef = Annotated["DocumentFilter", strawberry.lazy("app.api.filters")]


@strawberry.type(description="A policy or allocation document (政策依据 / 资金下达文件), by 发文字号 (document "
                 "number: issuer prefix, 〔year〕, serial) or, when it has none, by title.")
class Policy(Node):
    key: strawberry.Private[str]
    doc_number: str | None = strawberry.field(
        description="Canonical 发文字号 with 〔〕, e.g. 新政办发〔2010〕168号; null for a policy known only by title")
    title: str | None
    issuer: str | None = strawberry.field(description="Issuing agency where it can be told from the number's prefix")
    issuer_reason: str = strawberry.field(description=(
        "How issuer was told (from the 发文字号 prefix, named by the title before 关于) or why it is null"))
    year: int | None = strawberry.field(description="Year in the 发文字号")

    funded_projects: list[ProjectRef] = strawberry.field(
        description="Projects this document is the basis of or allocates money to.",
        resolver=Related("projects_of_policies", lambda policy: policy.key, lambda row: projects.Project.of(row),
                         Pick.ALL, narrowed="Project").resolve)

    @strawberry.field(description="fundedProjects as a connection: paged (first at most 500), counted and filtered "
                      "like the root `projects` list.")
    async def funded_projects_page(self, info: Info, first: int | None = 50, after: str | None = None,
                                   filter: ProjectFilterRef | None = None) -> ProjectConnectionRef:
        from app.api import nested
        return await nested.projects_page(info, {"policy": self.key}, first, after, filter)

    @strawberry.field(description="citedBy as a connection: paged, counted and filtered like the root `documents`.")
    async def cited_by_page(self, info: Info, first: int | None = 50, after: str | None = None,
                            filter: DocumentFilterRef | None = None) -> DocumentConnectionRef:
        from app.api import nested
        return await nested.documents_page(info, {"policy": self.key}, first, after, filter)

    cited_by: list[DocumentRef] = strawberry.field(description="Disclosure documents that cite it.", resolver=Related(
        "documents_citing_policies", lambda policy: policy.key, lambda row: documents.BudgetDocument.of(row),
        Pick.ALL, narrowed="BudgetDocument").resolve)

    @classmethod
    def of(cls, row: Row) -> Policy:
        return of_row(cls, row, id=global_id("Policy", row["key"]),
                      issuer_reason=policy_issuer(row.get("docNumber"), row.get("title"))[1])
