"""Specification of the table extractor, from the five seed renderings of the national template.

The expected facts were read off the seeds by hand. Because acceptance runs on other renderings
of the same documents, the seeds are also re-rendered here the way other converters print them
(cells run together by spaces, codes in one cell, merged 类/款 cells, amounts in 元, stray
spaces and full-width digits) and must give the same facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.tables import TableFacts, extract_tables
from loaders.layout import Layout, Line
from loaders.text_reader import read_text
from tests.corpus import SAMPLES, SEEDS
from tests.fact_scores import spaced_cells

Lines = dict[str, tuple[float, float, float]]

# code: (合计, 基本支出, 项目支出) of the 支出总表 at 项 level.
SEED_000: Lines = {
    "2080101": (816.43, 816.43, 0.0),
    "2080108": (81.50, 0.0, 81.50),
    "2080109": (312.27, 0.0, 312.27),
    "2080501": (4.00, 4.00, 0.0),
    "2080505": (105.21, 105.21, 0.0),
    "2080506": (52.60, 52.60, 0.0),
    "2080699": (17.24, 0.0, 17.24),
    "2101101": (52.60, 52.60, 0.0),
    "2101103": (3.29, 3.29, 0.0),
    "2101199": (0.57, 0.57, 0.0),
    "2210201": (85.51, 85.51, 0.0),
}
SEED_002: Lines = {
    "2080101": (905.62, 905.62, 0.0),
    "2080108": (77.0, 0.0, 77.0),
    "2080109": (255.0, 0.0, 255.0),
}
SEED_003: Lines = {
    "2050803": (1.95, 1.95, 0.0),
    "2080101": (395.51, 395.51, 0.0),
    "2080102": (34.20, 0.0, 34.20),
    "2080109": (83.78, 0.0, 83.78),
    "2080501": (86.40, 86.40, 0.0),
    "2080505": (51.09, 51.09, 0.0),
    "2080506": (25.55, 25.55, 0.0),
    "2101101": (22.35, 22.35, 0.0),
    "2101103": (16.98, 16.98, 0.0),
    "2101199": (0.73, 0.73, 0.0),
    "2210201": (41.04, 41.04, 0.0),
}
SEED_004: Lines = {
    "2080109": (198.17, 198.17, 0.0),
    "2080501": (11.95, 11.95, 0.0),
    "2080505": (27.09, 27.09, 0.0),
    "2080601": (45.25, 15.26, 29.99),
    "2080699": (45.62, 0.0, 45.62),
    "2101101": (12.33, 12.33, 0.0),
    "2101103": (4.89, 4.89, 0.0),
    "2210201": (22.04, 22.04, 0.0),
}
# total, 基本支出, 项目支出, "三公", function lines
EXPECTED: dict[int, tuple[float, float, float, float, Lines]] = {
    0: (1531.22, 1120.21, 411.01, 7.59, SEED_000),
    1: (1867.08, 1312.67, 554.41, 7.52, {}),  # final accounts: tables published separately
    2: (1237.62, 905.62, 332.0, 10.02, SEED_002),
    3: (759.57, 641.60, 117.98, 6.40, SEED_003),
    4: (367.34, 291.73, 75.61, 2.14, SEED_004),
}
NAMES = {
    "2080109": "社会保险经办机构",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2210201": "住房公积金",
}


@cache
def seed(number: int) -> Layout:
    return read_text(next(SEEDS.glob(f"{number:03d}_*.txt")))


def relaid(layout: Layout, row: Callable[[Line], list[str]]) -> Layout:
    """The same document with every line replaced by the lines ``row`` prints for it."""
    texts = [text for line in layout.lines for text in row(line)]
    lines = tuple(
        Line(number=i, text=t, cells=tuple(t.split("\t")) if "\t" in t else ()) for i, t in enumerate(texts, 1)
    )
    return Layout(layout.path, layout.sha256, layout.fmt, lines)


def lines_of(facts: TableFacts) -> Lines:
    return {f.code: (f.total_wan or 0.0, f.basic_wan or 0.0, f.project_wan or 0.0) for f in facts.function_lines}


def assert_lines(got: Lines, expected: Lines) -> None:
    assert set(got) == set(expected)
    for code, values in expected.items():
        assert got[code] == pytest.approx(values, abs=0.005), code


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_totals_of_each_seed(number: int) -> None:
    facts = extract_tables(seed(number))
    total, basic, project, three, _ = EXPECTED[number]
    assert facts.totals.total_wan == pytest.approx(total)
    assert facts.totals.basic_expenditure_wan == pytest.approx(basic)
    assert facts.totals.project_expenditure_wan == pytest.approx(project)
    assert facts.totals.three_public_wan == pytest.approx(three)


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_function_lines_of_each_seed(number: int) -> None:
    assert_lines(lines_of(extract_tables(seed(number))), EXPECTED[number][4])


def test_names_and_sources_of_function_lines() -> None:
    facts = extract_tables(seed(0))
    by_code = {f.code: f for f in facts.function_lines}
    for code, name in NAMES.items():
        assert by_code[code].name == name
    line = by_code["2080109"]
    assert line.source is not None and "社会保险经办机构" in line.source.text and "312" in line.source.text
    assert facts.totals.three_public_source is not None and "7. 59" in facts.totals.three_public_source.text


# 本年收入合计 of the 收支总表 (一、本年收入 in budgets; 001 states it only in a sentence wrapped over two
# lines; 002 states none): 收入总计 less 结转结余, 004's 367.34 − 5.73.
YEAR_INCOME = {0: 1531.22, 1: 1867.08, 2: None, 3: 759.57, 4: 361.61}


@pytest.mark.parametrize("number", sorted(YEAR_INCOME))
def test_the_years_income_of_each_seed(number: int) -> None:
    got, want = extract_tables(seed(number)).totals.year_income_wan, YEAR_INCOME[number]
    assert got == (None if want is None else pytest.approx(want))


def test_the_years_income_of_a_final_accounts_table_and_of_a_table_in_yuan() -> None:
    final = extract_tables(read_text(SAMPLES / "korla-shebao_2023_final.txt")).totals
    assert (final.year_income_wan, final.total_wan) == pytest.approx((361.75, 365.69))  # 年初结转和结余 3.94
    assert extract_tables(_in_yuan(seed(4), ("单位收支总体情况表",))).totals.year_income_wan == pytest.approx(361.61)


def test_a_code_misprinted_twice_is_repaired_from_the_general_public_table() -> None:
    """002 prints 208 01 09 for 信息化建设 in its 支出总表; the 一般公共预算支出表 has 08."""
    by_code = {f.code: f.name for f in extract_tables(seed(2)).function_lines}
    assert by_code == {"2080101": "行政运行", "2080108": "信息化建设", "2080109": "社会保险经办机构"}


def test_totals_from_the_narrative_when_there_are_no_tables() -> None:
    facts = extract_tables(seed(1))
    assert facts.totals.split_source is not None and "1,312.67" in facts.totals.split_source.text
    assert facts.totals.three_public_source is not None and "7.52" in facts.totals.three_public_source.text


def _one_code_cell(line: Line) -> list[str]:
    """类/款/项 printed as one 7-digit cell (``2080109``), the 类 and 款 rows as 3 and 5 digits."""
    c = line.cells
    if len(c) > 4 and re.fullmatch(r"2\d\d", c[0]) and all(re.fullmatch(r"\d\d|", x) for x in c[1:3]):
        return ["\t".join(["".join(c[:3]), *c[3:]])]
    return [line.text]


def _merged_codes(line: Line) -> list[str]:
    """Merged 类/款 cells: a 款 row shows only 款, a 项 row only 项."""
    c = list(line.cells)
    if len(c) > 4 and re.fullmatch(r"2\d\d", c[0]) and c[1]:
        c[0] = ""
        if c[2]:
            c[1] = ""
        return ["\t".join(c)]
    return [line.text]


def _lone_codes(line: Line) -> list[str]:
    """Merged cells without columns: ``09 社会保险经办机构 312.27 312.27``."""
    merged = _merged_codes(line)[0]
    return spaced_cells(Line(line.number, merged, cells=tuple(merged.split("\t")))) if "\t" in merged else [merged]


@pytest.mark.parametrize("number", [0, 3])
@pytest.mark.parametrize("row", [spaced_cells, _one_code_cell, _merged_codes, _lone_codes])
def test_other_renderings_of_the_tab_tables(number: int, row: Callable[[Line], list[str]]) -> None:
    facts = extract_tables(relaid(seed(number), row))
    total, basic, _, three, lines = EXPECTED[number]
    assert_lines(lines_of(facts), lines)
    assert (facts.totals.total_wan, facts.totals.basic_expenditure_wan, facts.totals.three_public_wan) == pytest.approx(
        (total, basic, three)
    )


def _in_yuan(layout: Layout, titles: tuple[str, ...]) -> Layout:
    """The tables titled ``titles`` printed in 元 (``1,981,700.00``) under a "单位：元" line."""
    inside = False

    def row(line: Line) -> list[str]:
        nonlocal inside
        if any(t in line.text for t in ("情况表", "决算表")):
            inside = any(t in line.text for t in titles)
        if not inside:
            return [line.text]
        text = line.text.replace("单位：万元", "单位：元")
        return [re.sub(r"\b\d+\.\d\d\b", lambda m: f"{round(float(m[0]) * 10000):,}.00", text)]

    return relaid(layout, row)


def test_tables_in_yuan_are_converted() -> None:
    facts = extract_tables(_in_yuan(seed(4), ("单位支出总体情况表", "三公", "单位收支总体情况表")))
    total, basic, project, three, lines = EXPECTED[4]
    assert_lines(lines_of(facts), lines)
    totals = facts.totals
    assert (totals.total_wan, totals.basic_expenditure_wan, totals.project_expenditure_wan) == pytest.approx(
        (total, basic, project)
    )
    assert facts.totals.three_public_wan == pytest.approx(three)


_FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


@st.composite
def mangled_number(draw: st.DrawFn, text: str) -> str:
    """``text`` with stray spaces inside and, perhaps, full-width digits."""
    chars = list(text.translate(_FULL_WIDTH) if draw(st.booleans()) else text)
    for _ in range(draw(st.integers(0, 3))):
        chars.insert(draw(st.integers(1, max(1, len(chars) - 1))), " ")
    return "".join(chars)


_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_stray_spaces_and_full_width_digits_inside_cells(data: st.DataObject) -> None:
    def row(line: Line) -> list[str]:
        if not line.cells or not re.match(r"2\d\d$", line.cells[0]):
            return [line.text]
        cells = [_NUMBER.sub(lambda m: data.draw(mangled_number(m[0])), c) if "." in c else c for c in line.cells]
        return ["\t".join(cells)]

    assert_lines(lines_of(extract_tables(relaid(seed(3), row))), SEED_003)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_rewrapped_names_in_space_separated_rows(data: st.DataObject) -> None:
    """004 wraps long names over two lines; wherever the cut falls the line is the same."""

    def row(line: Line) -> list[str]:
        m = re.match(r"^(2\d\d(?: \d\d){2}) (\S{4,}) ([\d. ]+)$", line.text)
        if m is None:
            return [line.text]
        cut = data.draw(st.integers(1, len(m[2]) - 1))
        return [f"{m[1]} {m[2][:cut]}", "", f"{m[2][cut:]}", f"{m[3]}"]

    assert_lines(lines_of(extract_tables(relaid(seed(4), row))), SEED_004)


def test_a_caption_number_run_into_a_title_that_starts_with_a_numeral() -> None:
    """"表4一般公共预算支出情况表": table 4, titled 一般公共预算支出情况表 (not 表"4一" and 般公共…), so its
    amounts fill the function lines' 一般公共预算 figure."""
    rows = ["类\t款\t项\t科目名称\t合计\t基本支出\t项目支出", "208\t01\t09\t社会保险经办机构\t12.50\t12.50\t"]
    texts = ["表3 部门支出总体情况表", *rows, "", "表4 一般公共预算支出情况表", *rows]
    lines = tuple(Line(i, t, tuple(t.split("\t")) if "\t" in t else ()) for i, t in enumerate(texts, 1))
    [line] = extract_tables(Layout("x.txt", "0", "text", lines)).function_lines
    assert (line.code, line.total_wan, line.general_public_wan) == ("2080109", 12.5, 12.5)
