"""The pipeline's steps, each alone and without a database: read → extract → resolve → reconcile → encode."""

from __future__ import annotations

import dataclasses

import pytest

from graph.payload import upsert_params
from loaders import read_document
from loaders.extract import extract
from loaders.facts import TotalsFacts
from loaders.pipeline import prepare, read, reconciled, resolve
from loaders.reconcile import reconcile
from tests.builders import CHANGJI
from tests.corpus import seed


def test_read_document_returns_resolved_and_reconciled_facts() -> None:
    facts = read_document(seed(4))
    assert facts.unit is not None and facts.unit.key == "和静县社会保险中心"
    assert facts.region == "和静县" and [r.name for r in facts.unit.regions][-1] == "新疆维吾尔自治区"
    assert facts.findings == reconcile(facts) == ()
    [garbled] = read_document(seed(0)).findings or ()  # seed 0's table does not add up
    assert garbled.check


def test_each_step_is_a_function_of_its_input() -> None:
    extracted = extract(read(seed(2)))
    assert extracted.unit is None and extracted.findings is None and extracted.region is None
    resolved = resolve(extracted)
    assert resolved.unit is not None and resolved.findings is None
    assert dataclasses.replace(resolved, unit=None) == extracted
    assert reconciled(resolved) == prepare(extracted) == read_document(seed(2))


def test_a_renamed_unit_resolves_to_its_current_identity() -> None:
    renamed = dataclasses.replace(CHANGJI, header=dataclasses.replace(CHANGJI.header,
                                                                      unit_name="昌吉回族自治州社会保险管理局"))
    assert resolve(renamed).unit == dataclasses.replace(resolve(CHANGJI).unit or pytest.fail("unresolved"),
                                                        name="昌吉回族自治州社会保险管理局")


def test_encoding_refuses_facts_the_pipeline_did_not_prepare_and_decides_nothing() -> None:
    with pytest.raises(ValueError, match="not resolved and reconciled"):
        upsert_params(CHANGJI)
    off = dataclasses.replace(CHANGJI, totals=TotalsFacts(project_expenditure_wan=150.0))
    assert [f["props"]["check"] for f in upsert_params(prepare(off))["findings"]] == ["project_vs_projects"]
    # the findings written are the pipeline's, not recomputed while encoding
    assert upsert_params(dataclasses.replace(prepare(off), findings=()))["findings"] == []
