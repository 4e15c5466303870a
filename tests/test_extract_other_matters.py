"""其他重要事项, "三公" items and 结转结余 on each seed, scored against what the seeds state."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.other_matters import read_other_matters
from loaders.extract.three_public import read_three_public
from loaders.facts import OtherMattersFacts, ThreePublicItem
from loaders.layout import Layout
from tests.fact_scores import Value, layout, prose_mangler, relaid, score

A, V, VP, VO, R = (
    ThreePublicItem.ABROAD,
    ThreePublicItem.VEHICLES,
    ThreePublicItem.VEHICLE_PURCHASE,
    ThreePublicItem.VEHICLE_OPERATION,
    ThreePublicItem.RECEPTION,
)
# item → (amount, 全年预算数)
THREE_PUBLIC: dict[int, dict[ThreePublicItem, tuple[float | None, float | None]]] = {
    0: {A: (0.0, None), VP: (0.0, None), VO: (6.99, None), R: (0.60, None)},
    1: {A: (0.0, 0.0), V: (6.99, None), VP: (0.0, 0.0), VO: (6.99, 6.99), R: (0.53, 0.60)},
    2: {A: (0.0, None), VP: (0.0, None), VO: (8.61, None), R: (1.41, None)},
    3: {A: (0.0, None), VP: (0.0, None), VO: (6.00, None), R: (0.40, None)},
    4: {A: (0.0, None), VP: (0.0, None), VO: (2.14, None), R: (0.0, None)},
}

_NONE: dict[str, Value] = {}
OTHER: dict[int, dict[str, Value]] = {
    0: {
        "operating": 142.69,
        "carryover": 0.0,  # "没有上年结转结余预算安排的支出"
        "procurement": (99.79, 2.0, 9.43, 88.36, 99.79, 99.79),
        "assets": (14129.78, 280.58, 2, 59.11, 0, 0),
        "performance": (1, 411.0, 12, 411.01, None, 0.0, None),
    },
    1: {
        "operating": 90.01,
        "carryover": 0.0,
        "year_end_carryover": 0.0,
        "procurement": (223.68, 42.25, 9.22, 172.21, 178.86, 135.94),
        "assets": (14129.78, 280.58, 2, 59.12, None, 0),  # only the 100万元 count is stated
        "performance": (1, 1867.08, 19, 743.16, None, None, 682.72),
    },
    2: {
        "operating": 94.69,
        "procurement": (306.78, 194.88, 0.0, 111.90, 0.0, 0.0),
        "assets": (14129.78, 280.58, 4, 128.68, 0, 0),
        "performance": (None, None, 12, 332.0, None, None, None),
    },
    3: {
        "operating": 26.87,
        "carryover": 0.0,
        "procurement": (81.81, 23.87, 0.0, 57.94, 81.81, 63.57),
        "assets": (3118.0, 173.25, 2, 51.95, 0, 0),
        "performance": (0, 0.0, 2, 112.83, 1, 5.15, None),
    },
    4: {
        "operating": 11.33,  # 事业单位运行经费
        "carryover": 5.73,
        "procurement": (6.62, 4.0, 0.0, 2.62, 6.62, 6.62),
        "assets": (1837.0, 39.82, 1, 17.45, 0, 0),
        # 3673292.35 万元 as printed (plainly 元): taken as stated, never "fixed"
        "performance": (1, 3673292.35, 4, 75.61, None, 0.0, None),
    },
}


def _flat(expected: dict[str, Value]) -> dict[str, Value]:
    """Each value of a family (procurement, assets, performance) is one fact."""
    flat: dict[str, Value] = {}
    for key, value in expected.items():
        if isinstance(value, tuple):
            flat |= {f"{key}.{i}": v if isinstance(v, float | int) else None for i, v in enumerate(value)}
        else:
            flat[key] = value
    return flat


def other_of(o: OtherMattersFacts) -> dict[str, Value]:
    p, a, f = o.procurement, o.assets, o.performance
    got: dict[str, Any] = {
        "operating": o.operating_wan,
        "carryover": o.carryover_wan,
        "year_end_carryover": o.year_end_carryover_wan,
    }
    if p:
        got["procurement"] = (p.total_wan, p.goods_wan, p.works_wan, p.services_wan, p.sme_wan, p.small_micro_wan)
    if a:
        got["assets"] = (
            a.house_area_m2,
            a.house_value_wan,
            a.vehicle_count,
            a.vehicle_value_wan,
            a.equipment_over_500k_count,
            a.equipment_over_1m_count,
        )
    if f:
        got["performance"] = (
            f.overall_count,
            f.overall_wan,
            f.project_count,
            f.project_wan,
            f.nonfiscal_project_count,
            f.nonfiscal_project_wan,
            f.project_executed_wan,
        )
    return _flat(got)


def three_of(source: Layout) -> dict[str, Value]:
    facts = read_three_public(source).items
    return {f"{i.item.value}.{k}": v for i in facts for k, v in (("amount", i.amount_wan), ("budget", i.budget_wan))}


def _expected_three(number: int) -> dict[str, Value]:
    return {
        f"{item.value}.{k}": v
        for item, pair in THREE_PUBLIC[number].items()
        for k, v in zip(("amount", "budget"), pair, strict=True)
    }


@pytest.mark.parametrize("number", sorted(OTHER))
def test_other_matters_of_each_seed(number: int) -> None:
    result = score(_flat(OTHER[number]), other_of(read_other_matters(layout(number))))
    assert (result.precision, result.recall) == (1.0, 1.0)  # measured on every seed


@pytest.mark.parametrize("number", sorted(THREE_PUBLIC))
def test_three_public_items_of_each_seed(number: int) -> None:
    result = score(_expected_three(number), three_of(layout(number)))
    assert (result.precision, result.recall) == (1.0, 1.0)


def test_final_accounts_state_the_three_public_budget() -> None:
    assert read_three_public(layout(1)).budget_wan == 7.59
    assert read_three_public(layout(0)).budget_wan is None


def test_sources_point_at_the_sentences() -> None:
    other = read_other_matters(layout(0))
    assert other.procurement is not None and other.procurement.source is not None
    assert "政府采购预算99.79万元" in other.procurement.source.text
    assert other.assets is not None and other.assets.source is not None
    assert "14,129.78" in other.assets.source.text and "大型设备" in other.assets.source.text
    assert other.operating_source is not None and "142.69" in other.operating_source.text


def test_a_document_without_the_part_states_nothing() -> None:
    cut = relaid(layout(3), lambda line: [line.text] if "其他重要事项" not in line.text else [])
    other = read_other_matters(cut)
    assert (other.operating_wan, other.procurement, other.assets, other.performance) == (None, None, None, None)


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_rewrapped_spaced_and_full_width_prose_reads_the_same(data: st.DataObject) -> None:
    number = data.draw(st.sampled_from([0, 1, 4]))
    mangled = relaid(layout(number), prose_mangler(data))
    assert score(_flat(OTHER[number]), other_of(read_other_matters(mangled))).recall == 1.0
    assert score(_expected_three(number), three_of(mangled)).recall == 1.0
