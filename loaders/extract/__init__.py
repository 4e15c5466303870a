"""``extract(layout) -> DocumentFacts``: every fact one disclosure states, without a database.

Pure and deterministic, so it runs in worker processes and is tested on the seed texts alone.
Each part of the template has its module: the title (:mod:`.header`), 机构设置 (:mod:`.overview`),
the standard tables (:mod:`.tables`; the 项目支出表 in :mod:`.project_lines`), the 情况说明 project
blocks (:mod:`.projects`) and 项目经费情况说明 sections (:mod:`.project_sections`) completed by their
performance tables (:mod:`.indicators`, :mod:`.merge`) and by the tables that list projects
(项目支出表 and 上年结转 rows: :mod:`.listed_projects`),
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
from loaders.extract.listed_projects import carried_over, table_rows, with_carryovers, with_table_rows
from loaders.extract.merge import merge_projects
from loaders.extract.other_matters import read_other_matters
from loaders.extract.overview import read_overview
from loaders.extract.overview_lists import read_overview_lists
from loaders.extract.project_lines import read_project_lines
from loaders.extract.project_sections import read_project_sections
from loaders.extract.projects import read_projects
from loaders.extract.table_regions import find_regions
from loaders.extract.tables import extract_tables
from loaders.extract.three_public import read_three_public
from loaders.extract.whole_comparisons import read_whole_document
from loaders.facts import DocumentFacts
from loaders.layout import Layout

__all__ = ["extract"]


def extract(layout: Layout) -> DocumentFacts:
    """Read one document; raises :class:`~loaders.errors.DocumentError` when it is not a disclosure."""
    header = read_header(layout)
    tables = extract_tables(layout)
    regions = find_regions(layout)
    project_lines = read_project_lines(layout, {line.code: line.name for line in tables.function_lines}, regions)
    described = merge_projects((*read_projects(layout), *read_project_sections(layout)), extract_indicators(layout))
    rows = table_rows(project_lines, tables.totals.project_expenditure_wan)
    listed = with_table_rows(described, rows, header.kind)
    projects = with_carryovers(listed, carried_over(layout, regions))
    citations = document_citations(layout, projects)
    narrative = Joined.of(layout.lines)
    function_lines, unattached = attach_narratives(tables.function_lines, read_function_narratives(layout, narrative))
    return DocumentFacts(
        path=layout.path,
        sha256=layout.sha256,
        header=header,
        overview=read_overview(layout),
        duties=read_overview_lists(layout, narrative),
        totals=tables.totals,
        function_lines=function_lines,
        function_narratives=unattached,
        income_lines=read_income(layout, narrative),
        basic=read_basic_expenditure(layout, narrative=narrative),
        project_lines=project_lines,
        projects=with_titles(projects, citations),
        citations=citations,
        three_public=read_three_public(layout, narrative),
        other=read_other_matters(layout, narrative),
        whole=read_whole_document(layout, narrative),
    )
