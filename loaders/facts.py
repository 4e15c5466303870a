"""Typed facts extracted from one disclosure: plain frozen dataclasses, JSON-serialisable.

Extraction is a pure function ``Layout -> DocumentFacts``; the graph layer only consumes these.
A field the extractor could not read is ``None`` (or empty), never a guess.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class DocumentKind(StrEnum):
    BUDGET = "BUDGET"  # 预算公开
    FINAL_ACCOUNTS = "FINAL_ACCOUNTS"  # 决算公开


class CitationRole(StrEnum):
    BASIS = "BASIS"  # 设立的政策依据
    ALLOCATION = "ALLOCATION"  # the document that sent the money (拨付/下达 notices)
    MENTION = "MENTION"  # cited elsewhere in the document


@dataclass(frozen=True)
class SourceRef:
    """Where a fact was read: 1-based inclusive line range (and page when known) and the text."""

    line_start: int
    line_end: int
    text: str
    page: int | None = None


@dataclass(frozen=True)
class PolicyRef:
    """A cited policy or allocation document.

    ``doc_number`` is canonical (〔〕, no spaces), ``None`` for a document known only by title.
    """

    doc_number: str | None
    title: str | None
    role: CitationRole
    source: SourceRef

    @property
    def key(self) -> str:
        """Identity of the policy node: the number when there is one, else the title."""
        return self.doc_number or f"title:{self.title}"


@dataclass(frozen=True)
class AllocationItem:
    """One line of 资金分配情况."""

    label: str
    amount_wan: float | None


@dataclass(frozen=True)
class IndicatorFact:
    """A performance indicator row of 绩效目标表 / 绩效自评表."""

    name: str
    level1: str | None = None
    level2: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: float | None = None
    score: float | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class ProjectFact:
    name: str
    source: SourceRef
    budget_wan: float | None = None
    executed_wan: float | None = None
    self_evaluation_score: float | None = None
    undertaking_unit: str | None = None
    execution_period: str | None = None
    allocation_items: tuple[AllocationItem, ...] = ()
    policies: tuple[PolicyRef, ...] = ()
    funding_source: str | None = None
    beneficiary_count: int | None = None
    subsidy_standard: str | None = None
    subsidy_scope: str | None = None
    subsidy_method: str | None = None
    indicators: tuple[IndicatorFact, ...] = ()

    @property
    def is_subsidy(self) -> bool:
        """A project that pays people: the template then states 补贴人数/补贴标准."""
        return self.beneficiary_count is not None or self.subsidy_standard is not None


@dataclass(frozen=True)
class FunctionLineFact:
    """A row of the expenditure table at 项 level by 7-digit 功能分类 code."""

    code: str
    name: str
    total_wan: float | None = None
    basic_wan: float | None = None
    project_wan: float | None = None
    source: SourceRef | None = None


@dataclass(frozen=True)
class DocumentFacts:
    """Everything extracted from one disclosure."""

    path: str
    sha256: str
    title: str
    unit_name: str
    kind: DocumentKind
    fiscal_year: int
    region: str | None = None
    total_wan: float | None = None
    basic_expenditure_wan: float | None = None
    project_expenditure_wan: float | None = None
    three_public_wan: float | None = None
    staff_authorized: int | None = None
    staff_actual: int | None = None
    departments: tuple[str, ...] = ()
    function_lines: tuple[FunctionLineFact, ...] = ()
    projects: tuple[ProjectFact, ...] = ()
    citations: tuple[PolicyRef, ...] = field(default_factory=tuple)
    """Every policy cited anywhere in the document (project bases included)."""
    staff_in_service: int | None = None  # 在职
    staff_retired: int | None = None  # 退休
    staff_lixiu: int | None = None  # 离休 (cadres retired under the pre-1949 veterans' scheme)
    title_source: SourceRef | None = None
    """Where the title, unit, year and kind were read."""
    overview_source: SourceRef | None = None
    """Where the 科室 list and staff numbers were read (机构设置及人员情况)."""
    total_source: SourceRef | None = None
    split_source: SourceRef | None = None
    """Where the 基本支出/项目支出 split was read."""
    three_public_source: SourceRef | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
