"""概况 lists: 主要职能 items and 下属单位 on each seed, and a unit that does list its subordinates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.overview_lists import read_overview_lists
from loaders.layout import Layout, Line
from tests.fact_scores import layout, relaid, score

# (number of items, first item's opening, last item's opening)
FUNCTIONS = {
    0: (8, "贯彻执行党和国家", "完成自治州人力资源和社会保障局交办"),
    1: (5, "贯彻执行国家及区州社会保险法律法规", "提供社会保险咨询"),  # one paragraph, items by ";"
    2: (5, "贯彻执行国家及区州社会保险法律、法规", "提供社会保险咨询"),
    3: (12, "贯彻落实国家、新疆维吾尔自治区", "完成巴音郭楞蒙古自治州人力资源"),
    4: (5, "贯彻执行国家,区社保保险的方针", "负责全县退休工作人员工资的计算"),  # the opening sentence is no item
}


@pytest.mark.parametrize("number", sorted(FUNCTIONS))
def test_functions_and_subordinate_units_of_each_seed(number: int) -> None:
    lists = read_overview_lists(layout(number))
    n, first, last = FUNCTIONS[number]
    assert len(lists.functions) == n
    assert lists.functions[0].startswith(first) and lists.functions[-1].startswith(last)
    assert all(not f.endswith(("。", ";")) for f in lists.functions)
    assert lists.subordinate_units == ()  # every seed says 无下属预算单位
    assert lists.source is not None and first[:4] in lists.source.text.replace(" ", "")


def test_items_are_whole_across_wrapped_lines() -> None:
    items = read_overview_lists(layout(4)).functions
    assert items[1] == (
        "负责社会保险费征缴工作;负责办理单位和人员社会保险登记,增减变动和转移关系;负责社会保障卡管理工作;"
        "负责参保人各项社会保险待遇的审核支付"
    )


def _doc(*texts: str) -> Layout:
    return Layout("x.txt", "0" * 64, "text", tuple(Line(i, t) for i, t in enumerate(texts, 1)))


def test_listed_subordinate_units_and_a_silent_document() -> None:
    listed = _doc(
        "一、主要职能",
        "负责社会保险经办。",
        "二、机构设置及人员情况",
        "本单位下属单位2个，分别是：甲县社保所、乙县社保所。",
    )
    assert read_overview_lists(listed).subordinate_units == ("甲县社保所", "乙县社保所")
    silent = _doc("一、主要职能", "负责社会保险经办。", "二、机构设置及人员情况")
    lists = read_overview_lists(silent)
    assert lists.subordinate_units is None and lists.functions == ("负责社会保险经办",)


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_rewrapped_items_read_the_same(data: st.DataObject) -> None:
    number = data.draw(st.sampled_from([0, 3, 4]))
    expected = read_overview_lists(layout(number)).functions

    def row(line: Line) -> list[str]:
        cut = data.draw(st.integers(0, len(line.text)))
        return [line.text[:cut], line.text[cut:]] if 0 < cut < len(line.text) and not line.cells else [line.text]

    got = read_overview_lists(relaid(layout(number), row)).functions
    assert score({str(i): f for i, f in enumerate(expected)}, {str(i): f for i, f in enumerate(got)}).recall == 1.0
