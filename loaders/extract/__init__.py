"""``extract(layout) -> DocumentFacts``: every fact one disclosure states, without a database.

Pure and deterministic, so it runs in worker processes and is tested on the seed texts alone.
Each part of the template has its module: the title (:mod:`.header`), 机构设置 (:mod:`.overview`),
the standard tables (:mod:`.tables`), the 情况说明 project blocks (:mod:`.projects`) completed by
their performance tables (:mod:`.indicators`, :mod:`.merge`), the cited policies (:mod:`.citations`).

Usage example::

    from loaders.text_reader import read_text
    facts = extract(read_text("corpus/seeds/004_7d041b95b870d977.txt"))
    facts.unit_name  # '和静县社会保险中心'
"""

from __future__ import annotations

from loaders.extract.citations import document_citations, with_titles
from loaders.extract.header import read_header
from loaders.extract.indicators import extract_indicators
from loaders.extract.merge import merge_projects
from loaders.extract.overview import read_overview
from loaders.extract.projects import read_projects
from loaders.extract.tables import extract_tables
from loaders.facts import DocumentFacts
from loaders.layout import Layout

__all__ = ["extract"]


def extract(layout: Layout) -> DocumentFacts:
    """Read one document; raises :class:`~loaders.errors.DocumentError` when it is not a disclosure."""
    header = read_header(layout)
    overview = read_overview(layout)
    tables = extract_tables(layout)
    projects = merge_projects(read_projects(layout), extract_indicators(layout))
    citations = document_citations(layout, projects)
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
        function_lines=tables.function_lines,
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
    )
