"""The graph codec: property names by rule, and every fact read back as it was written."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from graph import codec
from graph.codec import camel, decode, encode, join
from loaders import read_document
from loaders.facts import (
    AssetsFact,
    DocumentFacts,
    DocumentKind,
    Finding,
    FunctionLineFact,
    FunctionNarrativeFact,
    HeaderFacts,
    IndicatorFact,
    OtherMattersFacts,
    ProcurementFact,
    ProjectFact,
    SourceRef,
    ThreePublicFacts,
    ThreePublicItem,
    ThreePublicItemFact,
)
from tests.corpus import SAMPLES, seed

REF = SourceRef(3, 4, "机关运行经费 12.50 万元", page=2)


def _doc(**changes: Any) -> DocumentFacts:
    base = DocumentFacts("a.txt", "0" * 64, HeaderFacts("某单位", DocumentKind.BUDGET, 2025, "某单位2025年部门预算"))
    return dataclasses.replace(base, **changes)


def test_names_follow_the_rule() -> None:
    assert camel("equipment_over_1m_count") == "equipmentOver1mCount" and camel("name") == "name"
    assert join("procurement", "totalWan") == "procurementTotalWan" and join("", "totalWan") == "totalWan"


def test_a_document_keeps_lines_of_its_sources_and_prefixes_its_families() -> None:
    procurement = ProcurementFact(total_wan=3.0, source=REF)
    other = OtherMattersFacts(operating_wan=12.5, operating_source=REF, procurement=procurement,
                              assets=AssetsFact(vehicle_count=2, source=REF))
    props = encode(_doc(other=other), lines_only=True)
    assert props["operatingWan"] == 12.5 and props["sourcePath"] == "a.txt" and props["kind"] == "BUDGET"
    assert (props["operatingLineStart"], props["operatingLineEnd"]) == (3, 4) and "operatingText" not in props
    assert props["operatingPage"] == REF.page  # a PDF's page, to check the figure against the file
    assert props["procurementTotalWan"] == 3.0 and props["procurementLineStart"] == 3
    assert props["vehicleCount"] == 2 and props["assetsLineEnd"] == 4
    # an unstated family still writes its properties, as None, so a reload removes what it set before
    assert props["performanceProjectWan"] is None and props["performanceLineStart"] is None
    assert "region" not in props and "departments" not in props and "titleSourceLineStart" not in props


def test_keyed_items_and_readings() -> None:
    items = (ThreePublicItemFact(ThreePublicItem.VEHICLE_PURCHASE, 1.5, 2.0, REF),)
    props = encode(_doc(three_public=ThreePublicFacts(items)), lines_only=True)
    assert props["threePublicVehiclePurchaseWan"] == 1.5 and props["threePublicVehiclePurchaseBudgetWan"] == 2.0
    assert props["threePublicVehiclePurchaseLineStart"] == 3 and props["threePublicAbroadWan"] is None
    indicator = encode(IndicatorFact("覆盖率", target=">=95%", source=REF))
    assert (indicator["targetComparator"], indicator["targetValue"], indicator["targetUnit"]) == ("GE", 95.0, "%")
    assert indicator["sourceText"] == REF.text and indicator["sourcePage"] == 2 and "targetText" not in indicator
    project = encode(ProjectFact("补贴", REF, subsidy_standard="120 元/月/人"))
    assert (project["subsidyAmount"], project["subsidyPeriod"], project["subsidyPerPerson"]) == (120.0, "MONTH", True)


def test_a_narrative_on_its_line_and_a_finding() -> None:
    told = FunctionNarrativeFact("社会保险经办机构", amount_wan=222.47, completion_rate=101.2, source=REF)
    line = encode(FunctionLineFact("2080109", "社会保险经办机构", total_wan=1.0, narrative=told))
    assert line["narrativeWan"] == 222.47 and line["budgetCompletionRate"] == 101.2
    assert line["narrativeText"] == REF.text
    assert "code" not in line and "name" not in line
    finding = encode(Finding("total", "stated 1, parts 2", 1.0, 2.0, (REF, REF)))
    assert finding["differenceWan"] == 1.0 and finding["sourceLineStarts"] == [3, 3] and finding["sourceTexts"][0]


@pytest.mark.parametrize("path", [seed(n) for n in range(5)] + sorted(SAMPLES.glob("*.txt"))[:3],
                         ids=lambda p: p.name[:24])
def test_every_fact_reads_back_as_written(path: Any) -> None:
    """encode then decode gives each fact's stored fields back (what the API serves)."""
    facts = read_document(path)
    cases: list[tuple[Any, bool]] = [(facts, True)]
    cases += [(p, False) for p in facts.projects] + [(i, False) for p in facts.projects for i in p.indicators]
    cases += [(x, False) for x in (*facts.function_lines, *facts.income_lines, *facts.basic.lines,
                                   *facts.project_lines, *facts.function_narratives)]
    for fact, lines_only in cases:
        assert decode(encode(fact, lines_only=lines_only), type(fact)) == _stored(fact, lines_only)


def _stored(fact: Any, lines_only: bool) -> dict[str, Any]:
    """What the graph keeps of a fact, as :func:`decode` gives it back (written independently of the
    codec: dataclasses as dicts, tuples as lists, unstated families and unstored fields None)."""
    out: dict[str, Any] = {}
    kinds = {slot.field: slot.kind for slot in codec.slots(type(fact))}
    for f in dataclasses.fields(fact):
        value, kind = getattr(fact, f.name), kinds[f.name]
        if kind is codec.Kind.SKIP:
            continue
        if f.metadata.get("kg.elsewhere"):
            out[f.name] = None
        elif isinstance(value, SourceRef):
            out[f.name] = {"line_start": value.line_start, "line_end": value.line_end,
                           "text": None if lines_only else value.text, "page": value.page}
        elif kind is codec.Kind.KEYED:
            by = f.metadata["kg.keyed"]
            order = list(type(getattr(value[0], by))) if value else []
            items = sorted(value, key=lambda item: order.index(getattr(item, by)))
            out[f.name] = [{**_stored(item, lines_only), by: getattr(item, by)} for item in items]
        elif kind is codec.Kind.SOURCES:
            out[f.name] = [{"line_start": r.line_start, "line_end": r.line_end, "text": r.text, "page": None}
                           for r in value]
        elif kind is codec.Kind.COLUMNS:
            out[f.name] = [dataclasses.asdict(item) for item in value]
        elif dataclasses.is_dataclass(value):
            inner = _stored(value, lines_only)
            family = kind is codec.Kind.FAMILY
            out[f.name] = inner if not family or codec.stated(inner, type(value)) else None
        elif isinstance(value, tuple):
            out[f.name] = list(value)
        else:
            out[f.name] = value
    return out
