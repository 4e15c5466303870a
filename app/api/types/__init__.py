"""GraphQL object types, one module per family of nodes. Each type is built from a store row
(a plain dict) by ``of`` and resolves its relations through the request's batch loaders;
modules refer to each other's types lazily (``strawberry.lazy``, each reference declared once in
:mod:`.refs`), so the cycles of the graph (unit → project → unit) need no import cycles at load time."""

from __future__ import annotations

from app.api.types.common import DocumentKind, DocumentScope, FunctionLevel, Info, Row, SourceRef
from app.api.types.documents import BudgetDocument, FunctionClass, FunctionLine
from app.api.types.economic import EconomicCategory, EconomicClass, EconomicLine, IncomeLine
from app.api.types.measures import Comparator, Measure, SubsidyPeriod, SubsidyStandard
from app.api.types.places import Department, Region, Unit
from app.api.types.policies import Policy
from app.api.types.projects import AllocationItem, Indicator, Project
from app.api.types.quality import DataQualityFinding, LoadRun
from app.api.types.statements import (
    Assets,
    EmptyTableKind,
    Performance,
    Procurement,
    StatedEmptyTable,
    ThreePublicItem,
    ThreePublicKind,
)

__all__ = [
    "AllocationItem",
    "Assets",
    "BudgetDocument",
    "Comparator",
    "DataQualityFinding",
    "Department",
    "DocumentKind",
    "DocumentScope",
    "EconomicCategory",
    "EconomicClass",
    "EconomicLine",
    "EmptyTableKind",
    "FunctionClass",
    "FunctionLevel",
    "FunctionLine",
    "IncomeLine",
    "Indicator",
    "Info",
    "LoadRun",
    "Measure",
    "Performance",
    "Policy",
    "Procurement",
    "Project",
    "Region",
    "Row",
    "SourceRef",
    "StatedEmptyTable",
    "SubsidyPeriod",
    "SubsidyStandard",
    "ThreePublicItem",
    "ThreePublicKind",
    "Unit",
]
