"""A disclosure file to the facts the graph keeps, one pure step at a time:
read → extract → resolve → reconcile (→ ``graph.payload.upsert_params`` encodes → the loader writes).

Each step is a function of its input alone, so each is tested without a database; what needs the
store (linking a project to the same project in the unit's other documents) is the loader's.

Usage example::

    from loaders.pipeline import read_document
    facts = read_document("../shared/corpus/seeds/004_7d041b95b870d977.txt")
    facts.region, facts.findings  # ('和静县', ())
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from loaders.docx_reader import read_docx
from loaders.errors import DocumentError
from loaders.extract import extract
from loaders.facts import DocumentFacts, ResolvedUnit
from loaders.layout import Layout
from loaders.pdf_reader import read_pdf
from loaders.reconcile import reconcile
from loaders.sniff import UNSUPPORTED, sniff
from loaders.text_reader import read_text
from loaders.xlsx_reader import read_xls, read_xlsx
from vocab.resolve import normalise_name, region_chain, unit_key

# Readers by the format the content shows (loaders.sniff); the text reader also refuses, with a
# reason, the binaries sniff does not know (images, archives).
_READERS: dict[str, Callable[[str | Path], Layout]] = {
    "text": read_text, "pdf": read_pdf, "docx": read_docx, "xlsx": read_xlsx, "xls": read_xls,
}


def read(path: str | Path) -> Layout:
    """Choose the reader by the file's content (not its suffix); a :class:`DocumentError` says why not."""
    fmt = sniff(path)
    reader = _READERS.get(fmt)
    if reader is None:
        raise DocumentError(str(path), UNSUPPORTED[fmt])
    return reader(path)


def resolve(facts: DocumentFacts) -> DocumentFacts:
    """The unit's identity across renames (its key), its normalised name and its region chain."""
    name = facts.header.unit_name
    unit = ResolvedUnit(key=unit_key(name), name=normalise_name(name), regions=region_chain(name))
    return dataclasses.replace(facts, unit=unit)


def reconciled(facts: DocumentFacts) -> DocumentFacts:
    """The facts with what does not add up (``findings``; see ``loaders.reconcile``)."""
    return dataclasses.replace(facts, findings=reconcile(facts))


def prepare(facts: DocumentFacts) -> DocumentFacts:
    """Extracted (or hand-built) facts made ready to encode: resolved, then reconciled."""
    return reconciled(resolve(facts))


def read_document(path: str | Path) -> DocumentFacts:
    """Read, extract, resolve and reconcile one file."""
    return prepare(extract(read(path)))
