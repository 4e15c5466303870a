"""What every node type shares: the row type, the resolver ``Info``, provenance, closed enums."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from app.api.context import Context
from loaders import classification

Row = dict[str, Any]
Info = strawberry.Info[Context, None]


@strawberry.enum(description="Kind of disclosure.")
class DocumentKind(Enum):
    BUDGET = strawberry.enum_value("BUDGET", description="部门/单位预算公开")
    FINAL_ACCOUNTS = strawberry.enum_value("FINAL_ACCOUNTS", description="部门/单位决算公开")


@strawberry.enum(description="What a disclosure covers.")
class DocumentScope(Enum):
    DEPARTMENT = strawberry.enum_value("DEPARTMENT", description="部门预算/决算: the unit with its subordinate "
                                       "units, consolidated (also a document that names neither)")
    UNIT = strawberry.enum_value("UNIT", description="单位预算/决算: the unit alone")


@strawberry.enum(description="Level of the 功能分类 (functional classification) code: 类 (3 digits), "
                 "款 (5 digits) or 项 (7 digits), e.g. 208 社会保障和就业 > 20801 人力资源和社会保障管理事务 "
                 "> 2080109 社会保险经办机构.")
class FunctionLevel(Enum):
    CLASS = strawberry.enum_value("CLASS", description="类 (class, 3-digit code)")
    SECTION = strawberry.enum_value("SECTION", description="款 (section, 5-digit code)")
    ITEM = strawberry.enum_value("ITEM", description="项 (item, 7-digit code)")

    @property
    def digits(self) -> int:
        return classification.FunctionLevel[self.name].digits

    @classmethod
    def of_code(cls, code: str) -> FunctionLevel | None:
        level = classification.function_level(code)
        return None if level is None else cls[level.name]


@strawberry.type(description="Provenance of a fact: where it was read in its source document, so a "
                 "researcher can check it against the original.")
class SourceRef:
    line_start: int | None = strawberry.field(description="First line (1-based) of the text the fact was read from")
    line_end: int | None = strawberry.field(description="Last line (inclusive)")
    page: int | None = strawberry.field(description="Page, when the source was paginated (PDF)")
    text: str | None = strawberry.field(description="The source text span as written")

    @classmethod
    def of(cls, row: Row, prefix: str = "source") -> SourceRef | None:
        """The provenance kept as ``{prefix}LineStart``/``LineEnd``/``Page``/``Text``: ``source…`` on a fact's
        own node or relationship; a document-level fact's prefix on the document (``procurementLineStart``,
        lines only); None when the graph keeps no line for it."""
        if row.get(f"{prefix}LineStart") is None:
            return None
        return cls(line_start=row.get(f"{prefix}LineStart"), line_end=row.get(f"{prefix}LineEnd"),
                   page=row.get(f"{prefix}Page"), text=row.get(f"{prefix}Text"))
