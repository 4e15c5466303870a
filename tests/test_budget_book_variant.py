"""The sample generator's budget-book variant (a district's cover, ``预算主管部门：``/``预算单位：``
label, tables in 元, 项目经费情况说明 sections, fund tables stated empty by a note; in budgets a
project only the 项目支出表 lists and a 上年结转 row), of units placed anywhere in China: the second,
generated document for the rules that read Shanghai's district disclosures (header.py's cover
label, project_sections.py, 元 tables, empty_tables.py, listed_projects.py) and place units."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from loaders.extract.project_sections import read_project_sections
from loaders.pipeline import read_document
from loaders.text_reader import read_text
from samples.generate import GeneratedDocument, corpus_plan, generate_document
from samples.render import BRACKETS, LAYOUTS, Style
from tests.sample_families import expected_families, extracted_families, family_score


def _book(seed: int, count: int) -> list[GeneratedDocument]:
    """Every document of a corpus, printed as budget books: layouts, brackets and scopes in turn."""
    docs = []
    for i, (unit, year, kind) in enumerate(corpus_plan(count, seed)):
        style = Style.draw(random.Random(f"{seed}/book/{i}"), LAYOUTS[i % 4], BRACKETS[(i + seed) % 5])
        docs.append(generate_document(unit, year, kind, seed, style.as_book(("部门", "单位")[i % 2])))
    return docs


BOOKS = [*_book(3, 16), *_book(11, 12)]


def _written(doc: GeneratedDocument, tmp_path: Path) -> Path:
    path = tmp_path / doc.filename
    path.write_text(doc.text, encoding="utf-8")
    return path


def test_the_variant_spans_kinds_scopes_years_regions_and_layouts() -> None:
    truths = [d.truth for d in BOOKS]
    assert {t["kind"] for t in truths} == {"BUDGET", "FINAL_ACCOUNTS"}
    provinces = {t["region_path"][0] for t in truths if not t["unit_aliases"]}  # a renamed unit stays home
    assert len(provinces) >= 3 and "新疆维吾尔自治区" not in provinces
    projects = [p for t in truths for p in t["projects"]]
    assert any(not p["described"] for p in projects) and any(p["carryover_wan"] for p in projects)
    assert {t["scope"] for t in truths} == {"DEPARTMENT", "UNIT"}
    assert len({t["fiscal_year"] for t in truths}) >= 3 and len({t["region"] for t in truths}) >= 3
    assert {t["rendering"]["layout"] for t in truths} == set(LAYOUTS)
    assert {t["rendering"]["bracket"] for t in truths} == set(BRACKETS)
    assert all(t["rendering"]["national_titles"] for t in truths)
    # a 发文字号 of 立项依据 broken over a line, somewhere
    assert any(line.endswith(d.truth["rendering"]["bracket"][1]) and "依据《" in line
               for d in BOOKS for line in d.text.splitlines())


@pytest.mark.parametrize("doc", BOOKS, ids=lambda d: f"{d.truth['rendering']['layout']}-{d.filename}")
def test_identity_and_scope_come_from_the_cover(doc: GeneratedDocument, tmp_path: Path) -> None:
    header, t = read_document(_written(doc, tmp_path)).header, doc.truth
    assert (header.unit_name, header.kind.value, header.fiscal_year, header.scope.value) == (
        t["unit"], t["kind"], t["fiscal_year"], t["scope"])


@pytest.mark.parametrize("doc", BOOKS, ids=lambda d: f"{d.truth['rendering']['layout']}-{d.filename}")
def test_each_project_section_gives_name_amount_and_cited_numbers(doc: GeneratedDocument, tmp_path: Path) -> None:
    sections = read_project_sections(read_text(_written(doc, tmp_path)))
    got = [(s.name, s.budget_wan, sorted(p.doc_number for p in s.policies)) for s in sections]
    want = [
        (p["name"], p["budget_wan"], sorted(x["doc_number"] for x in p["policies"] if x["role"] == "BASIS"))
        for p in doc.truth["projects"] if p["described"]
    ]
    assert got == want


def test_every_family_is_read_exactly_from_the_variant(tmp_path: Path) -> None:
    """Precision and recall 1.0 for every family and for the projects (amounts, every policy)."""
    wrong = {}
    for doc in BOOKS:
        facts, t = read_document(_written(doc, tmp_path)), doc.truth
        want, got = expected_families(t), extracted_families(facts)
        for family in want:
            score = family_score(want, got, family)
            if not score.expected == score.found == score.correct:
                wrong[(doc.filename, family)] = score
        projects = {p.name: (p.budget_wan, p.executed_wan, p.carryover_wan, {x.doc_number for x in p.policies})
                    for p in facts.projects}
        assert len(projects) == len(facts.projects) == len(t["projects"]), doc.filename
        assert projects == {
            p["name"]: (p["budget_wan"], p["executed_wan"], p["carryover_wan"],
                        {x["doc_number"] for x in p["policies"]})
            for p in t["projects"]
        }, doc.filename
        assert (facts.region, [r.name for r in reversed(facts.unit.regions if facts.unit else ())]) == (
            t["region"], t["region_path"]), doc.filename
    assert wrong == {}
