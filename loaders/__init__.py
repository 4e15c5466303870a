"""Loaders: a disclosure file in, typed facts out (``read_document``: see ``loaders.pipeline``).

Usage example::

    from loaders import read_document
    facts = read_document("../shared/corpus/seeds/000_169539529834f7d7.txt")
    [p.name for p in facts.projects if p.beneficiary_count]  # the subsidy projects
"""

from __future__ import annotations

from loaders.errors import DocumentError
from loaders.extract import extract
from loaders.facts import DocumentFacts
from loaders.pipeline import read_document

__all__ = ["DocumentError", "DocumentFacts", "extract", "read_document"]
