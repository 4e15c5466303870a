"""Every fact family of the real Shanghai disclosures against the facts read from them by hand.

The PDFs stay in ../shared/corpus/real/ (skipped where absent); the hand-read facts, with the
page each was read on, are tests/real_expected/*.json (see tests/real_documents.py). Every family
of every file is read exactly.
"""

from __future__ import annotations

import pytest

from loaders.errors import DocumentError
from tests.real_documents import FAMILIES, REAL, expectation, expected_files, facts, score

CASES = [(path, family) for path in expected_files() for family in FAMILIES]


@pytest.mark.parametrize(("stem", "family"), [pytest.param(p.stem, f, id=f"{p.stem}-{f}") for p, f in CASES])
def test_family_read_exactly(stem: str, family: str) -> None:
    expected = expectation(next(p for p in expected_files() if p.stem == stem))
    if not (REAL / expected["file"]).exists():
        pytest.skip(f"{expected['file']} is not in {REAL}")
    doc = facts(expected["file"])
    assert not isinstance(doc, DocumentError), doc.reason
    result = score(expected, family)
    assert (result.read, result.wrong) == (result.expected, 0), result


def test_every_real_disclosure_has_its_expected_facts() -> None:
    pdfs = {p.name for p in REAL.glob("shpt-*.pdf")}
    if not pdfs:
        pytest.skip(f"no real disclosures in {REAL}")
    assert {expectation(p)["file"] for p in expected_files()} == pdfs
