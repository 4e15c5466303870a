"""Every fact family of the real Shanghai disclosures against the facts read from them by hand.

The PDFs stay in ../shared/corpus/real/ (skipped where absent); the hand-read facts, with the
page each was read on, are tests/real_expected/*.json (see tests/real_documents.py). A family
known not to be read yet is an expected failure that names why, and fails the suite the day it
is read (strict), so that the gap list below only shrinks.
"""

from __future__ import annotations

import pytest

from loaders.errors import DocumentError
from tests.real_documents import FAMILIES, REAL, expectation, expected_files, facts, score

# (file stem, family) -> why it is not read yet
KNOWN_GAPS = {
    ("shpt-caizhengju-2024-final-dept", "机关运行经费"):
        "the producer (ONLYOFFICE) prints the figures of its prose a line below the words",
    ("shpt-caizhengju-2024-final-dept", "下属单位"):
        "the year printed a line below splits 编制范/围的单位包括 (same producer)",
}
SCOPE_PENDING = "document scope (部门/单位) comes with identity from covers"

CASES = [(path, family) for path in expected_files() for family in FAMILIES]


def _marks(stem: str, family: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN_GAPS.get((stem, family))
    if reason is None and family == "identity":
        reason = SCOPE_PENDING
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@pytest.mark.parametrize(
    ("stem", "family"),
    [pytest.param(p.stem, f, marks=_marks(p.stem, f), id=f"{p.stem}-{f}") for p, f in CASES],
)
def test_family_read_exactly(stem: str, family: str) -> None:
    expected = expectation(next(p for p in expected_files() if p.stem == stem))
    if not (REAL / expected["file"]).exists():
        pytest.skip(f"{expected['file']} is not in {REAL}")
    doc = facts(expected["file"])
    if isinstance(doc, DocumentError):
        pytest.xfail(f"refused: {doc.reason}")
    result = score(expected, family)
    assert (result.read, result.wrong) == (result.expected, 0), result


def test_every_real_disclosure_has_its_expected_facts() -> None:
    pdfs = {p.name for p in REAL.glob("shpt-*.pdf")}
    if not pdfs:
        pytest.skip(f"no real disclosures in {REAL}")
    assert {expectation(p)["file"] for p in expected_files()} == pdfs
