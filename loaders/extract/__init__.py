"""``extract(layout) -> DocumentFacts``: every fact one disclosure states, without a database.

Pure and deterministic, so it runs in worker processes and is tested on the seed texts alone.
Each part of the template has its module: the title (:mod:`.header`), 机构设置 (:mod:`.overview`),
the standard tables (:mod:`.tables`; the 项目支出表 in :mod:`.project_lines`), the 情况说明 project
blocks (:mod:`.projects`) and 项目经费情况说明 sections (:mod:`.project_sections`) completed by their
performance tables (:mod:`.indicators`, :mod:`.merge`),
the cited policies (:mod:`.citations`), what the 情况说明 states per 功能分类 项 and of the whole
(amounts, 比上年, 年初预算: :mod:`.function_narrative`, :mod:`.whole_comparisons`).

Usage example::

    from loaders.text_reader import read_text
    facts = extract(read_text("corpus/seeds/004_7d041b95b870d977.txt"))
    facts.unit_name  # '和静县社会保险中心'
"""

from __future__ import annotations

from loaders.extract.citations import document_citations, with_titles
from loaders.extract.economic import read_basic_expenditure
from loaders.extract.function_narrative import attach_narratives, read_function_narratives
from loaders.extract.header import read_header
from loaders.extract.income import read_income
from loaders.extract.indicators import extract_indicators
from loaders.extract.joined import Joined
from loaders.extract.merge import merge_projects
from loaders.extract.other_matters import read_other_matters
from loaders.extract.overview import read_overview
from loaders.extract.overview_lists import read_overview_lists
from loaders.extract.project_lines import read_project_lines
from loaders.extract.project_sections import read_project_sections
from loaders.extract.projects import read_projects
from loaders.extract.tables import extract_tables
from loaders.extract.three_public import read_three_public
from loaders.extract.whole_comparisons import read_whole_document
from loaders.facts import DocumentFacts
from loaders.layout import Layout

__all__ = ["extract"]


def extract(layout: Layout) -> DocumentFacts:
    """Read one document; raises :class:`~loaders.errors.DocumentError` when it is not a disclosure."""
    header = read_header(layout)
    overview = read_overview(layout)
    tables = extract_tables(layout)
    described = (*read_projects(layout), *read_project_sections(layout))
    projects = merge_projects(described, extract_indicators(layout))
    citations = document_citations(layout, projects)
    narrative = Joined.of(layout.lines)
    lists, basic = read_overview_lists(layout, narrative), read_basic_expenditure(layout, narrative=narrative)
    three, other = read_three_public(layout, narrative), read_other_matters(layout, narrative)
    function_lines, unattached = attach_narratives(tables.function_lines, read_function_narratives(layout, narrative))
    whole = read_whole_document(layout, narrative)
    return DocumentFacts(
        path=layout.path,
        sha256=layout.sha256,
        title=header.title,
        unit_name=header.unit_name,
        kind=header.kind,
        fiscal_year=header.fiscal_year,
        total_wan=tables.total_wan,
        basic_expenditure_wan=tables.basic_expenditure_wan,
        project_expenditure_wan=tables.project_expenditure_wan,
        three_public_wan=tables.three_public_wan,
        function_lines=function_lines,
        staff_authorized=overview.staff_authorized,
        staff_actual=overview.staff_actual,
        staff_in_service=overview.staff_in_service,
        staff_retired=overview.staff_retired,
        staff_lixiu=overview.staff_lixiu,
        departments=overview.departments,
        projects=with_titles(projects, citations),
        citations=citations,
        title_source=header.source,
        overview_source=overview.source,
        total_source=tables.total_source,
        split_source=tables.split_source,
        three_public_source=tables.three_public_source,
        functions=lists.functions,
        subordinate_units=lists.subordinate_units,
        functions_source=lists.source,
        income_lines=read_income(layout, narrative),
        economic_lines=basic.lines,
        general_basic_wan=basic.total_wan,
        personnel_wan=basic.personnel_wan,
        public_funds_wan=basic.public_wan,
        general_basic_source=basic.source,
        project_lines=read_project_lines(layout, {line.code: line.name for line in tables.function_lines}),
        three_public_items=three.items,
        three_public_budget_wan=three.budget_wan,
        carryover_wan=other.carryover_wan,
        year_end_carryover_wan=other.year_end_carryover_wan,
        carryover_source=other.carryover_source,
        operating_wan=other.operating_wan,
        operating_source=other.operating_source,
        procurement=other.procurement,
        assets=other.assets,
        performance=other.performance,
        function_narratives=unattached,
        prior_year_change=whole.prior_year_change,
        appropriation_change=whole.appropriation_change,
        budget_comparison=whole.budget_comparison,
    )
