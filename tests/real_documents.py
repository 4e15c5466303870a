"""Real disclosures against the facts read from them by hand (tests/real_expected/*.json).

Each data file names its PDF in ../shared/corpus/real/ (never copied here) and, per family,
the value read by hand and the page it was read on. :func:`score` compares what the loaders
read with it, family by family, as (expected, read, wrong) counts; run this module to print
the table for every file::

    .venv/bin/python -m tests.real_documents
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loaders import read_document
from loaders.errors import DocumentError
from loaders.facts import DocumentFacts, HeaderFacts
from loaders.reconcile import reconcile
from tests.corpus import REAL

EXPECTED = Path(__file__).resolve().parent / "real_expected"
_CENT = 1e-6  # amounts are compared in 万元 at full precision (one 元 is 0.0001)


@dataclass(frozen=True)
class Score:
    expected: int
    read: int
    wrong: int

    @property
    def exact(self) -> bool:
        return self.read == self.expected and self.wrong == 0


def expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def expectation(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def facts(pdf: str) -> DocumentFacts | DocumentError:
    """The loaders' reading of one real PDF, or the error that refused it."""
    try:
        return read_document(REAL / pdf)
    except DocumentError as error:
        return error


def _name(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _same(a: object, b: object) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return abs(a - b) < _CENT
    return a == b


def _pairs(expected: Iterable[tuple[str, object]], read: Iterable[tuple[str, object]]) -> Score:
    """Keyed values: read = keys found, wrong = found with another value or not expected."""
    want, got = dict(expected), dict(read)
    wrong = sum(1 for k, v in got.items() if k not in want or not _same(v, want[k]))
    return Score(len(want), sum(1 for k in got if k in want), wrong)


def _scalar(expected: object, read: object) -> Score:
    if expected is None:
        return Score(0, 0, int(read is not None and read != ()))
    return Score(1, int(read is not None), int(read is not None and not _same(read, expected)))


def _identity(doc: DocumentFacts) -> dict[str, object]:
    return {"unit_name": doc.header.unit_name, "fiscal_year": doc.header.fiscal_year, "kind": str(doc.header.kind),
            "scope": str(getattr(doc.header, "scope", None))}


def _function_lines(expected: list[dict[str, Any]], doc: DocumentFacts) -> Score:
    def key(code: str, name: str) -> str:
        return f"{code} {_name(name)}"
    columns = ("total_wan", "basic_wan", "project_wan")
    want = [(key(e["code"], e["name"]), tuple(e[c] for c in columns)) for e in expected]
    got = [(key(f.code, f.name), tuple(getattr(f, c) for c in columns)) for f in doc.function_lines]
    score = _pairs(want, got)
    wrong = sum(1 for k, v in got if k in dict(want) and not all(map(_same, v, dict(want)[k])))
    return Score(score.expected, score.read, wrong + sum(1 for k, _ in got if k not in dict(want)))


def _projects(expected: list[dict[str, Any]], doc: DocumentFacts) -> Score:
    want = [(_name(p["name"]), (p["budget_wan"], tuple(sorted(p["policies"])))) for p in expected]
    got = [(_name(p.name), (p.budget_wan, tuple(sorted(r.key for r in p.policies)))) for p in doc.projects]
    return _pairs(want, got)


def _list(expected: list[str] | None, read: Iterable[str] | None) -> Score:
    if expected is None:
        return Score(0, 0, len(tuple(read or ())))
    return _pairs(((_name(x), True) for x in expected), ((_name(x), True) for x in read or ()))


def _findings(expected: list[dict[str, Any]], doc: DocumentFacts) -> Score:
    def key(check: str, stated: float | None, parts: float | None) -> str:
        return f"{check} {stated or 0.0:.6f} {parts or 0.0:.6f}"
    want = [(key(f["check"], f["stated_wan"], f["parts_wan"]), True) for f in expected]
    return _pairs(want, [(key(f.check, f.expected_wan, f.actual_wan), True) for f in reconcile(doc)])


def _empty_tables(expected: list[dict[str, Any]], doc: DocumentFacts) -> Score:
    """Which tables the document states empty, each on the page it says so (a stated 0 read wrong counts)."""
    want = [(t["table"], t["page"]) for t in expected]
    got = [(t.table.name, t.source.page if t.source and t.total_wan == 0 else None)
           for t in doc.totals.stated_empty_tables]
    return _pairs(want, got)


FAMILIES: dict[str, Callable[[dict[str, Any], DocumentFacts], Score]] = {
    "identity": lambda e, d: _pairs(e["identity"]["value"].items(), _identity(d).items()),
    "total": lambda e, d: _scalar(e["total_wan"]["value"], d.totals.total_wan),
    "basic/project": lambda e, d: _pairs(
        [("basic", e["basic_expenditure_wan"]["value"]), ("project", e["project_expenditure_wan"]["value"])],
        [(k, v) for k, v in (("basic", d.totals.basic_expenditure_wan), ("project", d.totals.project_expenditure_wan))
         if v is not None],
    ),
    "三公": lambda e, d: _scalar(e["three_public_wan"]["value"], d.totals.three_public_wan),
    "机关运行经费": lambda e, d: _scalar(e["operating_wan"]["value"], d.other.operating_wan),
    "内设机构": lambda e, d: _list(e["departments"]["value"], d.overview.departments),
    "下属单位": lambda e, d: _list(e["subordinate_units"]["value"], d.duties.subordinate_units),
    "function lines": lambda e, d: _function_lines(e["function_lines"], d),
    "projects": lambda e, d: _projects(e["projects"]["value"], d),
    "findings": lambda e, d: _findings(e["findings"]["value"], d),
    "empty tables": lambda e, d: _empty_tables(e["stated_empty_tables"]["value"], d),
}


def score(expected: dict[str, Any], family: str) -> Score:
    """How the loaders read one family of one file (a refused file reads nothing)."""
    doc = facts(expected["file"])
    if isinstance(doc, DocumentError):
        full = FAMILIES[family](expected, _EMPTY)
        return Score(full.expected, 0, 0)
    return FAMILIES[family](expected, doc)


_EMPTY = DocumentFacts(path="", sha256="", header=HeaderFacts("", None, 0, ""))  # type: ignore[arg-type]


def main() -> None:
    print(f"{'file':42} {'family':16} expected  read  wrong")
    for path in expected_files():
        expected = expectation(path)
        doc = facts(expected["file"])
        if isinstance(doc, DocumentError):
            print(f"{expected['file']:42} refused: {doc.reason}")
        for family in FAMILIES:
            s = score(expected, family)
            print(f"{expected['file']:42} {family:16} {s.expected:8} {s.read:5} {s.wrong:6}")


if __name__ == "__main__":
    main()
