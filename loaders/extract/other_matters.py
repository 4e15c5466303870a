"""其他重要事项 (机关运行经费, 政府采购, 国有资产, 预算绩效) and the 结转结余 amounts.

All are sentences of the template, read from the compacted text from the 其他重要事项 heading on,
so the 名词解释 and the 三公 section (which also count vehicles) are not mistaken for them:
"机关运行经费财政拨款预算 142.69 万元" (final accounts: "机关运行经费支出 90.01 万元"),
"政府采购预算 99.79 万元，其中：政府采购货物预算 2.00 万元…", "房屋 14,129.78 平方米，价值 280.58
万元", "车辆 2 辆，价值 59.11 万元", "价值 50 万元以上大型设备 0 台", "整体预算绩效目标 1 个，
涉及预算金额 411.00 万元；当年预算安排项目共 12 个，其中：财政拨款项目涉及预算金额 411.01 万元".
Each value is taken as stated, even where it is plainly in 元 under a 万元 label: that is for the
reader of the findings to judge, not for the extractor to fix.
"""

from __future__ import annotations

import re

from loaders.extract.joined import Joined
from loaders.extract.narrative import NUM, WAN, count, span_source, wan
from loaders.facts import AssetsFact, OtherMattersFacts, PerformanceFact, ProcurementFact
from loaders.layout import Layout
from vocab.numbers import parse_amount

_START = re.compile(r"其他(?:重要事项|相关情况说明)")  # 决算 and most budgets; Shanghai budgets
_OPERATING = re.compile(rf"(?:机关|单位)运行经费(?:财政拨款)?(?:预算|支出)?[为:]?{WAN}")
_PROCUREMENT = {
    "total_wan": re.compile(rf"政府采购(?:预算|支出总额|支出)(?:总额)?[为:]?{WAN}"),
    "goods_wan": re.compile(rf"政府采购货物(?:预算|支出)?[为:]?{WAN}"),
    "works_wan": re.compile(rf"政府采购工程(?:预算|支出)?[为:]?{WAN}"),
    "services_wan": re.compile(rf"政府采购服务(?:预算|支出)?[为:]?{WAN}"),
    "sme_wan": re.compile(rf"(?:面向中小企业预留政府采购项目预算金额|授予中小企业合同金额)[为:]?{WAN}"),
    "small_micro_wan": re.compile(rf"(?:小微企业预留政府采购项目预算金额|授予小微企业合同金额)[为:]?{WAN}"),
}
_HOUSE = re.compile(rf"房屋(?P<area>{NUM.replace('?P<n>', '')})平方米,?价值{WAN}")
_VEHICLES = re.compile(rf"车辆(?P<c>\d+)辆,?价值{WAN}")
_EQUIPMENT = r"(?:价值|单价){}万元(?:\(含\))?以上(?:大型)?设备(?:\(不含车辆\))?(?P<c>\d+)台"
_EQUIPMENT_500K = re.compile(_EQUIPMENT.format(50))
_EQUIPMENT_1M = re.compile(_EQUIPMENT.format(100))
_OVERALL = re.compile(rf"整体(?:预算绩效目标|支出绩效自评表)(?P<c>\d+)个,?(?:涉及(?:预算)?金额|全年预算总额){WAN}")
_PROJECTS = re.compile(
    r"(?:当年预算安排项目共|实行绩效管理的项目|预算绩效评价项目|当年财政拨款项目)(?P<c>\d+)个[,;]?"
    rf"(?:其中:)?(?:财政拨款项目)?(?:涉及(?:预算)?金额|全年预算数){WAN}"
    r"(?:,全年执行数(?P<x>\d[\d,]*(?:\.\d+)?)万元)?"
)
_NONFISCAL = re.compile(rf"非财政拨款项目(?:(?P<c>\d+)个,?)?涉及(?:预算)?金额{WAN}")
_CARRYOVER = re.compile(rf"(?:上年结转结余|年初结转和结余)(?:合计)?[为:]?{WAN}")
_NO_CARRYOVER = re.compile(r"没有上年结转结余")
_YEAR_END = re.compile(rf"年末结转和结余[为:]?{WAN}")


def _procurement(layout: Layout, part: Joined) -> ProcurementFact | None:
    values: dict[str, float | None] = {}
    spans: list[tuple[int, int]] = []
    for key, pattern in _PROCUREMENT.items():
        m = pattern.search(part.text)
        values[key] = wan(m) if m else None
        if m:
            spans.append(m.span())
    if not spans:
        return None
    return ProcurementFact(**values, source=span_source(layout, part, spans))


def _assets(layout: Layout, part: Joined) -> AssetsFact | None:
    house, vehicles = _HOUSE.search(part.text), _VEHICLES.search(part.text)
    big, huge = _EQUIPMENT_500K.search(part.text), _EQUIPMENT_1M.search(part.text)
    spans = [m.span() for m in (house, vehicles, big, huge) if m]
    if not spans:
        return None
    return AssetsFact(
        house_area_m2=parse_amount(house["area"]) if house else None,
        house_value_wan=wan(house) if house else None,
        vehicle_count=count(vehicles, "c") if vehicles else None,
        vehicle_value_wan=wan(vehicles) if vehicles else None,
        equipment_over_500k_count=count(big, "c") if big else None,
        equipment_over_1m_count=count(huge, "c") if huge else None,
        source=span_source(layout, part, spans),
    )


def _performance(layout: Layout, part: Joined) -> PerformanceFact | None:
    overall, projects, other = (p.search(part.text) for p in (_OVERALL, _PROJECTS, _NONFISCAL))
    spans = [m.span() for m in (overall, projects, other) if m]
    if not spans:
        return None
    return PerformanceFact(
        overall_count=count(overall, "c") if overall else None,
        overall_wan=wan(overall) if overall else None,
        project_count=count(projects, "c") if projects else None,
        project_wan=wan(projects) if projects else None,
        nonfiscal_project_count=count(other, "c") if other else None,
        nonfiscal_project_wan=wan(other) if other else None,
        project_executed_wan=parse_amount(projects["x"]) if projects and projects["x"] else None,
        source=span_source(layout, part, spans),
    )


def read_other_matters(layout: Layout, narrative: Joined | None = None) -> OtherMattersFacts:
    """Everything 其他重要事项 states, and the 结转结余 amounts stated anywhere in the 情况说明."""
    joined = narrative or Joined.of(layout.lines)
    starts = [m.start() for m in _START.finditer(joined.text)]
    # The last heading: the table of contents names the part too.
    part = joined.slice(starts[-1], len(joined.text)) if starts else joined.slice(0, 0)
    operating = _OPERATING.search(part.text)
    carry, year_end = _CARRYOVER.search(joined.text), _YEAR_END.search(joined.text)
    none = _NO_CARRYOVER.search(joined.text) if carry is None else None
    carry_spans = [m.span() for m in (carry, year_end, none) if m]
    return OtherMattersFacts(
        operating_wan=wan(operating) if operating else None,
        operating_source=part.source(layout, *operating.span()) if operating else None,
        procurement=_procurement(layout, part),
        assets=_assets(layout, part),
        performance=_performance(layout, part),
        carryover_wan=wan(carry) if carry else (0.0 if none else None),
        year_end_carryover_wan=wan(year_end) if year_end else None,
        carryover_source=span_source(layout, joined, carry_spans),
    )
