"""Sort keys of the root lists. Each value is the node property the page query orders by
(``$sort`` in graph/queries/browse.cypher); ties are broken by the node's id, in the page's direction."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="Order of units.")
class UnitSort(Enum):
    NAME = "name"
    ID = "id"


@strawberry.enum(description="Order of documents.")
class DocumentSort(Enum):
    FISCAL_YEAR = "fiscalYear"
    TOTAL = strawberry.enum_value("totalWan", description="收支总计")
    TITLE = "title"


@strawberry.enum(description="Order of projects.")
class ProjectSort(Enum):
    FISCAL_YEAR = "fiscalYear"
    BUDGET = strawberry.enum_value("budgetWan", description="预算 amount")
    EXECUTED = strawberry.enum_value("executedWan", description="执行数")
    BENEFICIARIES = strawberry.enum_value("beneficiaryCount", description="补贴人数")
    NAME = "name"


@strawberry.enum(description="Order of policies.")
class PolicySort(Enum):
    DOC_NUMBER = "key"
    YEAR = "year"
    ISSUER = "issuer"


@strawberry.enum(description="Order of indicators.")
class IndicatorSort(Enum):
    NAME = "name"
    SCORE = "score"
    SOURCE = strawberry.enum_value("sourceLineStart", description="Order in the source document")


@strawberry.enum(description="Order of regions.")
class RegionSort(Enum):
    NAME = "name"


@strawberry.enum(description="Order of function classes.")
class FunctionClassSort(Enum):
    CODE = "code"
    NAME = "name"


@strawberry.enum(description="Order of load runs.")
class LoadRunSort(Enum):
    STARTED_AT = "startedAt"


@strawberry.enum(description="Order of data-quality findings.")
class FindingSort(Enum):
    CHECK = "check"
    DIFFERENCE = strawberry.enum_value("differenceWan", description="actual - expected")
