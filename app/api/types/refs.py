"""Every reference from one type module to another's type, declared once.

The graph's relations run in cycles (a unit's projects, a project's unit), so the type modules
refer to each other lazily: ``strawberry.lazy`` names the module and the type is resolved when the
schema is built, never at import. The modules import these names; only a type checker follows them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

if TYPE_CHECKING:
    from app.api.types.documents import BudgetDocument, FunctionClass
    from app.api.types.places import Department, Unit
    from app.api.types.policies import Policy
    from app.api.types.projects import Project, ProjectExpenditureLine
    from app.api.types.quality import DataQualityFinding

DocumentRef = Annotated["BudgetDocument", strawberry.lazy("app.api.types.documents")]
FunctionClassRef = Annotated["FunctionClass", strawberry.lazy("app.api.types.documents")]
UnitRef = Annotated["Unit", strawberry.lazy("app.api.types.places")]
DepartmentRef = Annotated["Department", strawberry.lazy("app.api.types.places")]
PolicyRef = Annotated["Policy", strawberry.lazy("app.api.types.policies")]
ProjectRef = Annotated["Project", strawberry.lazy("app.api.types.projects")]
ProjectLineRef = Annotated["ProjectExpenditureLine", strawberry.lazy("app.api.types.projects")]
FindingRef = Annotated["DataQualityFinding", strawberry.lazy("app.api.types.quality")]
