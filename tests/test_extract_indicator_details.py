"""Specification of what the performance tables state beside each indicator's 指标值: the 上年完成值
(last year's result, 目标表), the 偏差原因 (why a result missed its target, 自评表), the project's
执行率 (自评表) and 项目负责人 (目标表); and of what the values read as (:mod:`vocab.measures`).

Expectations were read off the seeds by hand and say what the document means, so seed 000's
garbled converter is scored against the real values (its names lose or gain a character; such
a row is a miss). Values compare without spacing and with one middle dot, as
:func:`~vocab.measures.normalise` does. Re-renderings of a table (tabs, pipes, a row a line, a
cell a line) must read the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import pytest

from loaders.extract import extract
from loaders.extract.indicators import EvaluatedProject, extract_indicators
from loaders.facts import DocumentFacts
from loaders.layout import Layout, Line
from tests.fact_scores import Score, score
from tests.indicator_tables import SELF_EVALUATIONS_001, by_project, printed_row, seed
from vocab.measures import Comparator, normalise

Expected = Mapping[str, Mapping[str, str]]  # project -> indicator (三级指标) -> value

# 上年完成值 as the 目标表 state them; a cell left empty (-, /) states nothing and is not listed.
PRIOR: dict[int, Expected] = {
    0: {
        "95年以前退休人员生活费": {
            "核定1995年以前企业退休人数": "776 人",
            "补助发放次数": "12 次",
            "资金发放准确率": "100%",
            "发放完成时间": "2024 年 12 月 10 日",
            "生活补贴标准": "120 元/人·月",
            "落实1995年以前退休人员生活费补贴政策,提高退休人员生活质量": "显著",
            "退休人员满意度": "90%",
        },
        "州直破产企业退休职工采暖费": {
            "核定享受破产企业退休职工人数": "1225 人",
            "采暖费发放次数": "1 次",
            "补助发放准确率": "100%",
            "补助发放完成时间": "2024 年 8 月 31 日",
            "采暖费补助标准": "560 元/人·年",
            "落实州直破产企业退休人员采暖补贴政策": "100%",
        },
        "社会保险基金风险防控工作经费": {"社会保险基金风险防控能力提升": "提高"},
        "“金保工程”系统维护费": {
            "年巡检维护数": "4 次",
            "故障排除率": "100%",
            "服务验收合格率": "100%",
            "社会保险信息系统网络运行维护": "13 万元",
            "社会保险信息系统数据中心机房托管": "16.95 万元",
            "办公计算机、打印机等电子设备维护保养": "3 万元",
            "数据中心二级等级保护测评": "5.68 万元",
            "保障社保业务系统长期稳定运行,提升社保经办服务的效率和质量": "长期",
            "系统经办人员满意率": "100%",
        },
        "社会保障卡发放工作经费": {
            "第三代社会保障卡换发数": "13.97 万张",
            "宣传次数": "5 次",
            "社会保障卡发放覆盖率": "99.2%",
            "社会保障卡正常使用率": "99.62%",
            "电子社保卡签发率": "83.21%",
            "项目完成时间": "2024 年 12 月 25 日",
            "宣传品印刷费": "<=5.5 万元",
            "宣传手册印刷费": "<=4 万元",
            "提升社会保障卡的普及程度和应用水平": "长期",
            "换发群众满意度": "95%",
        },
    },
    3: {
        "2024年社会保险经办服务和中心运行项目": {
            "购买社保软硬件和设施运维服务": "1 项",
            "信息中心租赁社保网络专线条数": "2 条",
            "办公经费保障人数": "29 人",
            "缴纳辞去现职保留公职人员社保费人数": "37 人",
            "缴纳辞去现职保留公职人员社保费次数": "12 次",
            "信息中心网络系统故障率": "5%",
            "辞去现职保留公职人员社保费覆盖率": "100%",
            "办公经费保障率": "100%",
            "缴纳辞去现职保留公职人员社保费及时率": "100%",
            "信息中心社保网络专线故障修复处理时间": "24小时",
            "信息中心社保专线系统运行维护响应时间": "2小时",
            "信息中心租赁社保专线成本": "18.24万元",
            "运行所需办公经费": "14.04万元",
            "信息中心网络运行维护费": "24万元",
            "保障巴州社保信息系统维护和网络专线运行": "有效保障",
            "为巴州群众提供社会保险服务": "有效保障",
            "使用人员满意度": "95%",
        },
        "2024年失业保险宣传项目(自有资金)": {},  # every 上年完成值 is -
    },
    4: {  # every 上年完成值 is -
        "1995年前退休人员2024年4月—2025年3月生活补贴巴财企〔2023〕61号": {},
        "2024年州直关闭破产企业1995年底前退休人员生活补贴资金巴财社〔2023〕110号": {},
        "自治区国有企业改革成本巴财企〔2024〕58号": {},
    },
}

# 偏差原因分析及改进措施 of seed 001's 自评表, where a row states one (24 of 141 rows).
DEVIATION_001: Expected = {
    "2023年4月—2024年3月1995年前退休(退职)人员生活补贴财政补助资金的通知": {
        "保障企业1995年以前退休(退职)补助人数": "存在死亡人数,最终按实际人数发放。",
    },
    "2023年为民办实事工作经费": {
        "慰问四老人员、特殊家庭等": "有一户人家外出。",
        "发放菜苗": "加强慰问四老人员、特殊家庭力度,保障他们的生活。",
    },
    "“金保工程”系统维护费": {
        "设备采购数量": "按照实际人员情况购买设备,制定预算计划时考虑到冗余,所以设备采购数量未达到预期。",
        "社会保险信息系统数据中心机房托管": "按照合同协议,托管费为16.95万元。",
        "设备采购金额": "实际设备采购数量未达预期,所以采购金额减少。",
    },
    "“金保工程”系统运行电力保障、网络线路租用等费用": {
        "系统运行电力保障": "为响应节约号召,用电量减少。",
        "州社保局到各县市社保局社保专网费用": "专网线路减少,项目资金支付减少。",
    },
    "州直破产企业退休职工采暖费": {"采暖费补助金额(万元)": "退休人员死亡,人员减少,采暖费补助减少。"},
    "工本费、个人权益告知、经办业务通知通信等费用": {
        "全年发送短信条数": "由于政策变化,需要及时告知群众,所以短信条数增加。",
    },
    "机构运行经费": {"预算成本控制率": "本年拨入福建援疆“社会保险政策培训经费”1306530元;公益岗补贴90817.64元。"},
    "社会保险全民参保计划工作经费": {"社会保险参保人次": "社保政策宣传到位,参保群众增加。"},
    "社会保险公共经办服务保障经费": {"维修维护次数": "基础设施使用时间较长,小毛病较多,维护次数增加。"},
    "社会保险基层服务平台领取待遇资格确认工作经费": {
        "宣传单印刷份数": "该项目资金使用不变,变更海报尺寸(由小变大),所以份数减少。",
    },
    "社会保险基金风险防控工作经费": {
        "培训人次": "各县市积极参与培训,实际培训人数增多。",
        "风险防控培训费": "压缩培训成本,预算资金结余。",
        "法律顾问服务费": "2023年未发生法院诉讼案件,10万元法律顾问服务费未支付。",
        "社保经办审计费": "招标以最低价中标,预算资金结余。",
    },
    "社会保险宣传费": {"抖音平台、微信公众号用户": "推出内容深受群众喜欢,关注量增加"},  # no full stop: 总分 ends it
    "社会保险标准化工作经费": {"社会保险标准修订": "自治区人社厅进行了社会标准修订,我中心响应人社厅重新进行了修订。"},
    "社会保险档案管理工作经费": {"社会保险档案查询人次": "退休人数增加,档案查询人数增加。"},
    "社会保险经办服务人员工作经费": {"预算成本控制率": "2023年上半年工作经费已在2022年支付,项目资金未支付完毕。"},
    "社会保障卡发放工作经费": {
        "社会保障卡软件开发": "按照合同约定,社保卡软件开发金额减少。",
        "社会保障卡宣传": "响应中央八项规定,节约成本,所以社保卡宣传费指标未完成。",
    },
}
# 001's 执行率 per 自评表, in SELF_EVALUATIONS_001 order.
EXECUTION_RATES_001 = [96.50, 100.00, 98.89, 91.30, 98.62, 77.68, 100.00, 92.32, 95.92, 100.00, 98.85, 98.42,
                       100.00, 74.89, 100.00, 100.00, 99.90, 37.70, 91.56]
# 项目负责人 of each 目标表 (000 names one per table; 001's 自评表 and 002's older template have none).
# 000's 社会保险宣传费 table garbles its name (社会保险), so only the merged project is checked for it.
MANAGERS: dict[int, dict[str, str]] = {
    0: {"2025年4月-2026年3月1995年前退休(退职)人员生活补贴资金": "李树峰", "95年以前退休人员生活费": "李树峰",
        "州直破产企业退休职工采暖费": "李树峰", "“金保工程”系统维护费": "郭钧", "社会保障卡发放工作经费": "郭钧",
        "机构运行补助经费": "陈小平", "社会保险标准化工作经费": "贾樱丽", "社会保险基金风险防控工作经费": "刘斌"},
    3: {"2024年社会保险经办服务和中心运行项目": "艾尼瓦尔·塔依尔",
        "2024年失业保险宣传项目(自有资金)": "艾尼瓦尔·塔依尔"},
    4: {"自治区国有企业改革成本巴财企〔2024〕58号": "权云峰",
        "1995年前退休人员2024年4月—2025年3月生活补贴巴财企〔2023〕61号": "权云峰"},
}
# Least precision and recall: the garbled seed 000 may miss rows whose names it garbles.
FLOOR = {0: 0.85, 1: 1.0, 3: 1.0, 4: 1.0}


def keyed(expected: Expected) -> dict[str, str | None]:
    return {f"{project}|{name}": normalise(value) for project, rows in expected.items() for name, value in rows.items()}


def read_back(projects: tuple[EvaluatedProject, ...], expected: Expected, field: str) -> dict[str, str | None]:
    """``field`` of every indicator of the expected projects' tables, keyed like :func:`keyed`."""
    found = by_project(projects, list(expected))
    assert set(found) == set(expected), "a table was not found"
    return {
        f"{project}|{indicator.name}": None if (value := getattr(indicator, field)) is None else normalise(value)
        for project, table in found.items()
        for indicator in table.indicators
    }


def prior_score(number: int) -> Score:
    return score(keyed(PRIOR[number]), read_back(extract_indicators(seed(number)), PRIOR[number], "prior"))


@pytest.mark.parametrize("number", sorted(PRIOR))
def test_prior_year_values_of_each_seed(number: int) -> None:
    s = prior_score(number)
    assert s.precision >= FLOOR[number] and s.recall >= FLOOR[number], s


def test_prior_year_values_of_the_garbled_seed_000() -> None:
    """30 of 33 read right; 3 rows garble their names (``保护》评``, ``防控力提升``) or lose their
    target to the neighbouring cell, so their values count as misses."""
    assert prior_score(0) == Score(expected=33, found=33, correct=30)


def test_a_table_without_prior_values_states_none() -> None:
    assert all(i.prior is None for number in (1, 2, 4) for p in extract_indicators(seed(number)) for i in p.indicators)


def test_deviation_reasons_of_seed_001() -> None:
    projects = extract_indicators(seed(1))
    s = score(keyed(DEVIATION_001), read_back(projects, DEVIATION_001, "deviation_reason"))
    assert s == Score(expected=24, found=24, correct=24)
    assert all(i.deviation_reason is None for number in (0, 2, 3, 4) for p in extract_indicators(seed(number))
               for i in p.indicators)


def test_deviation_reasons_leave_the_rows_as_they_were() -> None:
    """A reason printed between two rows belongs to the row above; the row below keeps its name."""
    table = by_project(extract_indicators(seed(1)), ["2023年为民办实事工作经费"])["2023年为民办实事工作经费"]
    assert [i.name for i in table.indicators[:3]] == ["慰问四老人员、特殊家庭等", "发放菜苗", "组织村民开展活动"]
    assert table.indicators[2].deviation_reason is None


@cache
def facts(number: int) -> DocumentFacts:
    return extract(seed(number))


def test_execution_rates_of_seed_001() -> None:
    found = by_project(extract_indicators(seed(1)), [name for name, *_ in SELF_EVALUATIONS_001])
    rates = [found[name].execution_rate for name, *_ in SELF_EVALUATIONS_001]
    assert rates == EXECUTION_RATES_001
    for (name, budget, executed, _), rate in zip(SELF_EVALUATIONS_001, EXECUTION_RATES_001, strict=True):
        assert abs(100 * executed / budget - rate) < 0.05, name  # the stated rate is the division


def test_projects_carry_their_execution_rate_and_budgets_state_none() -> None:
    assert sorted(p.execution_rate or 0 for p in facts(1).projects) == sorted(EXECUTION_RATES_001)
    assert all(p.execution_rate is None for number in (0, 2, 3, 4) for p in facts(number).projects)


@pytest.mark.parametrize("number", [0, 1, 2, 3, 4])
def test_project_managers(number: int) -> None:
    """项目负责人 as the 目标表 name them (000: after the name's cells; 004: on a line of its own);
    a project without such a table (001, 002; 003's 情况说明-only project) has none."""
    expected = MANAGERS.get(number, {})
    found = by_project(extract_indicators(seed(number)), list(expected))
    assert {name: found[name].manager for name in expected} == expected
    managed = {p.manager for p in facts(number).projects} - {None}
    assert managed == set(expected.values()) | ({"邹路"} if number == 0 else set())
    if number == 3:
        assert [p.manager for p in facts(3).projects if p.name.startswith("2024年自治区社保经办")] == [None]


# How each seed's 指标值 read: (with a comparator and a number, dates, words); 000's words include
# cells its converter garbled (``E 长期``), 002's older template writes bare numbers (no comparator).
TARGETS = {0: (82, 6, 16), 1: (119, 0, 22), 2: (0, 0, 6), 3: (47, 1, 3), 4: (29, 0, 4)}


@pytest.mark.parametrize("number", sorted(TARGETS))
def test_what_the_targets_of_each_seed_read_as(number: int) -> None:
    measures = [i.target_measure for p in facts(number).projects for i in p.indicators if i.target_measure]
    counted = (
        sum(1 for m in measures if m.comparator and m.value is not None),
        sum(1 for m in measures if m.date),
        sum(1 for m in measures if m.is_qualitative),
    )
    assert counted == TARGETS[number]


def test_every_signed_value_reads_a_comparator() -> None:
    """A 指标值 or 实际完成值 that starts with a sign always reads as one, with a number or a date."""
    for number in range(5):
        for p in facts(number).projects:
            for i in p.indicators:
                for m in (i.target_measure, i.actual_measure, i.prior_measure):
                    if m and normalise(m.text)[:1] in "<>=≤≥":
                        assert m.comparator is not None and (m.value is not None or m.date), m


def test_deadlines_and_rates_of_seed_000() -> None:
    table = by_project(extract_indicators(seed(0)), ["95年以前退休人员生活费"])["95年以前退休人员生活费"]
    measures = {i.name: i.target_measure for i in table.indicators}
    deadline, rate = measures["发放完成时间"], measures["生活补贴标准"]
    assert deadline is not None and (deadline.comparator, deadline.date) == (Comparator.LE, "2025-12-10")
    assert rate is not None and (rate.comparator, rate.value, rate.unit) == (Comparator.EQ, 120.0, "元/人·月")
    prior = {i.name: i.prior_measure for i in table.indicators}["发放完成时间"]
    assert prior is not None and (prior.comparator, prior.date) == (None, "2024-12-10")


def test_results_of_seed_001_read_as_measures() -> None:
    name = "95年以前退休人员生活补贴资金"
    table = by_project(extract_indicators(seed(1)), [name])[name]
    first = table.indicators[0]
    assert first.target_measure is not None and first.actual_measure is not None
    assert (first.target_measure.comparator, first.target_measure.value) == (Comparator.LE, 982.0)
    assert (first.actual_measure.comparator, first.actual_measure.value, first.actual_measure.unit) == (
        Comparator.EQ, 885.0, "人")


# One table of each kind with every column, as other converters print it.
TARGET_TABLE = [
    ("项目名称", "宣传经费", "项目负责人", "张三"),
    ("年度资金总额", "1.00", "1.00", "1.00"),
    ("一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "佐证资料"),
    ("产出指标", "数量指标", "印刷份数", ">=2 万份", "计划标准", "1.8 万份", "30", "原始凭证"),
    ("", "", "宣传次数", ">=5 次", "计划标准", "-", "30", "原始凭证"),
    ("效益指标", "社会效益指标", "政策知晓率", ">=90%", "计划标准", "85%", "30", "工作资料"),
]
SELF_TABLE = [
    ("项目名称", "宣传经费"),
    ("项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    ("年度资金总额", "20.00", "20.00", "19.00", "10", "95.00%", "9.50"),
    ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
    ("产出指标", "数量指标", "印刷份数", ">=2 万份", "=1.25 万份", "45", "28.13", "海报尺寸变大,份数减少。"),
    ("", "", "宣传次数", ">=5 次", "=5 次", "45", "45.00", ""),
    ("总分", "", "", "", "", "100", "82.63"),
]


def printed(table: list[tuple[str, ...]], layout: str) -> Layout:
    texts = [text for cells in table for text in printed_row(cells, layout)] + ["（五）其他需说明的事项"]
    lines = tuple(Line(i, t, cells=tuple(t.split("\t")) if "\t" in t else ()) for i, t in enumerate(texts, 1))
    return Layout("printed", "", "text", lines)


@pytest.mark.parametrize("layout", ["tabs", "pipes", "words", "cell-a-line"])
def test_prior_values_whatever_the_converter(layout: str) -> None:
    [project] = extract_indicators(printed(TARGET_TABLE, layout))
    assert [(i.name, i.prior, i.weight) for i in project.indicators] == [
        ("印刷份数", "1.8万份", 30), ("宣传次数", None, 30), ("政策知晓率", "85%", 30)]
    assert project.manager == "张三"


@pytest.mark.parametrize("layout", ["tabs", "pipes", "words", "cell-a-line"])
def test_deviation_reasons_and_execution_rate_whatever_the_converter(layout: str) -> None:
    [project] = extract_indicators(printed(SELF_TABLE, layout))
    assert [(i.name, i.actual, i.score, i.deviation_reason) for i in project.indicators] == [
        ("印刷份数", "=1.25万份", 28.13, "海报尺寸变大,份数减少。"), ("宣传次数", "=5次", 45.0, None)]
    assert (project.budget_wan, project.executed_wan, project.execution_rate) == (20.0, 19.0, 95.0)


def test_prior_values_of_a_table_printed_on_fixed_columns() -> None:
    """A word processor prints a table on fixed column widths, so a cell merged across two columns
    (here the 设置依据) leaves a blank cell after it in every row, the header's too: the 上年完成值
    is under its header cell, not the next cell after the 设置依据."""
    spaced = [(*row[:5], "", *row[5:]) if len(row) == 8 else row for row in TARGET_TABLE]
    [project] = extract_indicators(printed(spaced, "tabs"))
    assert [(i.name, i.prior, i.weight) for i in project.indicators] == [
        ("印刷份数", "1.8万份", 30), ("宣传次数", None, 30), ("政策知晓率", "85%", 30)]
