"""项目支出表 rows (project × 功能分类 code × 经济分类 column) on each seed, scored against the seeds, and
the same tables re-rendered: other converters, 元, columns reordered or left out, mangled digits."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import read_document
from loaders.extract.project_lines import read_project_lines
from loaders.extract.tables import extract_tables
from loaders.facts import ProjectLineFact, SourceRef
from loaders.layout import Layout, Line
from loaders.reconcile import reconcile
from samples.generate import generate_corpus
from tests.builders import CHANGJI
from tests.corpus import seed
from tests.fact_scores import cell_a_line, layout, mangled_number, relaid, score, spaced_cells

Key = tuple[str, str, str | None]  # project, 功能分类 code, 经济分类 class code (None: column not known)
Rows = dict[Key, float]
JINBAO = "“金保工程”系统"


def _rows(code: str, economic: str | None, text: str) -> Rows:
    """``"机构运行补助经费 55.00 社会保险宣传费 25.00"`` under one code and column → {key: amount}."""
    pairs = text.split()
    return {(pairs[i], code, economic): float(pairs[i + 1]) for i in range(0, len(pairs), 2)}


EXPECTED: dict[int, Rows] = {
    # 000: the eight running-cost projects are 商品和服务支出; the two payments to retirees sit in the
    # 对企业补助 column (the 13th cell, as the 总计 row's 182.77 = 114.34 + 68.43 confirms); the
    # converter printed two projects only by their 特定目标 codes.
    0: {
        **_rows("2080108", "302", f"{JINBAO}运行电力保障、网络线路租用等费用 20.00 {JINBAO}维护费 61.50"),
        **_rows("2080109", "302", "机构运行补助经费 55.00 个人权益告知、经办业务通知通信等费用 20.00"),
        **_rows("2080109", "302", "社会保障卡发放工作经费 9.50 社会保险宣传费 25.00 社会保险标准化工作经费 8.00"),
        **_rows("2080109", "302", "社会保险基金风险防控工作经费 12.00"),
        **_rows("2080109", "312", "95年以前退休人员生活费 114.34 州直破产企业退休职工采暖费 68.43"),
        **_rows("2080699", "303", "特定目标64100014 7.14 特定目标6510001R 10.09"),
    },
    1: {},  # final accounts: no 项目支出表 in the document
    # 002: one cell a line, rows apart; every project is 商品和服务支出, in whole 万元.
    2: {
        **_rows("2080108", "302", f"{JINBAO}维护费 62 {JINBAO}运行网络线路租用等工作经费 15"),
        **_rows("2080109", "302", "12333社会保障电话咨询服务中心工作经费 30 个人权益单发放工作经费 25"),
        **_rows("2080109", "302", "离退休人员生存状况验证工作经费 3 社会保险标准化工作经费 15"),
        **_rows("2080109", "302", "社会保险档案管理工作经费 10"),
        **_rows("2080109", "302", "社会保险经办机构公共耗材等办公经费 62 社会保险全民参保计划工作经费 20"),
        **_rows("2080109", "302", "社会保险宣传费 15 社会保障卡发放工作经费 35 银行手续费、工本费、邮寄费经费 40"),
    },
    # 003: one project under two codes, and two projects split over two columns each.
    3: {
        **_rows("2080102", "303", "2024年社会保险经办服务和中心运行项目 34.20"),
        **_rows("2080109", "302", "2024年社会保险经办服务和中心运行项目 58.50"),
        **_rows("2080109", "302", "2024年自治区社保经办机构业务补助经费项目 8.50"),
        **_rows("2080109", "310", "2024年社会保险经办服务和中心运行项目 6.30"),
        **_rows("2080109", "303", "2024年自治区社保经办机构业务补助经费项目 5.33"),
    },
    # 004: cells run together by spaces, blanks dropped: "29.88 29.88" does not say which column
    # holds the money, so each row gives its 合计 alone; the names wrap over three lines.
    4: {
        **_rows("2080601", None, "2025年州直关闭破产企业1995年前退休人员生活补贴巴财社〔2024〕51号 29.88"),
        **_rows("2080699", None, "自治区国有企业改革成本巴财企〔2024〕58号 40.00"),
    },
}
CLASS_NAMES = {"302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出", "312": "对企业补助"}


def read(source: Layout) -> tuple[ProjectLineFact, ...]:
    """The lines as :func:`loaders.extract.extract` reads them (function names from the tables)."""
    names = {line.code: line.name for line in extract_tables(source).function_lines}
    return read_project_lines(source, names)


def keyed(lines: tuple[ProjectLineFact, ...]) -> Rows:
    got: Rows = {}
    for line in lines:
        key = (line.project, line.function_code, line.economic_code)
        assert key not in got, key
        got[key] = line.amount_wan or 0.0
    return got


def row_totals(rows: Rows) -> Rows:
    """What a rendering without blank cells gives: each row's 合计, its columns unknown."""
    totals: Rows = {}
    for (project, code, _), value in rows.items():
        totals[(project, code, None)] = round(totals.get((project, code, None), 0.0) + value, 2)
    return totals


def scores(expected: Rows, lines: tuple[ProjectLineFact, ...]) -> tuple[float, float]:
    result = score(dict(expected), dict(keyed(lines)))
    return result.precision, result.recall


def without_sources(lines: tuple[ProjectLineFact, ...]) -> list[tuple[object, ...]]:
    return [(x.project, x.function_code, x.economic_code, x.economic_class, x.amount_wan, x.row_total_wan,
             x.function_name) for x in lines]


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_project_lines_of_each_seed(number: int) -> None:
    lines = read_document(seed(number)).project_lines
    # Measured: 12, 0, 12, 5 and 2 lines; precision and recall 1.0 on every seed.
    assert len(lines) == len(EXPECTED[number])
    assert scores(EXPECTED[number], lines) == (1.0, 1.0)
    for line in lines:
        assert line.economic_class == CLASS_NAMES.get(line.economic_code or "")
        assert line.source is not None and line.function_code in re.sub(r"\D", "", line.source.text)


def test_names_totals_and_sources() -> None:
    lines = read_document(seed(3)).project_lines
    goods, capital = (x for x in lines if x.function_code == "2080109" and x.project.endswith("中心运行项目"))
    assert (goods.economic_class, goods.amount_wan, goods.row_total_wan) == ("商品和服务支出", 58.5, 64.8)
    assert (capital.economic_class, capital.amount_wan, capital.row_total_wan) == ("资本性支出", 6.3, 64.8)
    assert goods.function_name == "社会保险经办机构"
    assert goods.source is not None and goods.source.line_start == goods.source.line_end == 342
    assert goods.source.text.startswith("208\t01\t09\t社会保险经办机构")
    # 004: the row is read from the code line to the amounts, four lines below.
    first = read_document(seed(4)).project_lines[0]
    assert first.source is not None and first.source.text.splitlines()[0] == "208 06 01 企业关闭破产补助"
    assert first.source.text.splitlines()[-1] == "29.88 29.88"
    assert (first.economic_class, first.function_name) == (None, "企业关闭破产补助")


def test_lines_name_the_projects_the_document_describes() -> None:
    """The table's names are the 情况说明's (compacted, 发文字号 canonical), except 000's 特定目标 codes."""
    for number in (0, 2, 3, 4):
        doc = read_document(seed(number))
        unknown = {x.project for x in doc.project_lines} - {p.name for p in doc.projects}
        assert unknown == ({"特定目标64100014", "特定目标6510001R"} if number == 0 else set()), number


def _one_code(line: Line) -> list[str]:
    """The code in one cell (``2080109``, ``20801``, ``208``) instead of three 类/款/项 cells."""
    c = line.cells
    if len(c) > 3 and re.fullmatch(r"2\d\d", c[0]):
        return ["\t".join([c[0] + c[1] + c[2], *c[3:]])]
    return [line.text]


def _in_project_table(row: Callable[[Line], list[str]]) -> Callable[[Line], list[str]]:
    """Apply ``row`` to the lines of the 项目支出表 only (title to the next table's title)."""
    inside = False

    def apply(line: Line) -> list[str]:
        nonlocal inside
        if "情况表" in line.text and "、" not in line.text:
            inside = "项目支出" in line.text
        return row(line) if inside else [line.text]

    return apply


@pytest.mark.parametrize("number", [0, 3])
def test_one_cell_a_line_and_one_code_cell_read_alike(number: int) -> None:
    base = without_sources(read(layout(number)))
    for render in (cell_a_line, _one_code):
        assert without_sources(read(relaid(layout(number), render))) == base, render.__name__


@pytest.mark.parametrize("number", [0, 3])
def test_cells_run_together_keep_each_row_and_its_total(number: int) -> None:
    lines = read(relaid(layout(number), spaced_cells))
    assert scores(row_totals(EXPECTED[number]), lines) == (1.0, 1.0)
    assert all(x.economic_class is None and x.amount_wan == x.row_total_wan for x in lines)


def _yuan(line: Line) -> list[str]:
    text = re.sub(r"单位[:：]\s*万元", "单位：元", line.text)
    return [re.sub(r"\b\d+\.\d\d\b", lambda m: f"{round(float(m[0]) * 10000):,}.00", text.replace(". ", "."))]


@pytest.mark.parametrize("number", [0, 3])
def test_tables_in_yuan_are_converted(number: int) -> None:
    lines = read(relaid(layout(number), _in_project_table(_yuan)))
    assert scores(EXPECTED[number], lines) == (1.0, 1.0)
    assert without_sources(lines) == without_sources(read(layout(number)))


def _columns(order: Callable[[list[str]], list[str]]) -> Callable[[Line], list[str]]:
    """The ten 经济分类 columns (after 项目支出合计) of every cell row rearranged by ``order``."""

    def row(line: Line) -> list[str]:
        c = list(line.cells)
        return ["\t".join([*c[:6], *order(c[6:16])])] if len(c) == 16 else [line.text]

    return row


@pytest.mark.parametrize("number", [0, 3])
def test_columns_are_known_by_name_not_position(number: int) -> None:
    base = sorted(without_sources(read(layout(number))))
    reordered = relaid(layout(number), _in_project_table(_columns(lambda cols: cols[::-1])))
    assert sorted(without_sources(read(reordered))) == base
    # A unit that leaves out the columns it never uses (工资福利, 债务利息, the two 基本建设 ones).
    fewer = relaid(layout(number), _in_project_table(_columns(lambda cols: [cols[i] for i in (1, 2, 5, 7, 8, 9)])))
    assert sorted(without_sources(read(fewer))) == base


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_mangled_digits_and_rewrapped_header_cells_give_the_same_rows(data: st.DataObject) -> None:
    """Stray spaces and full-width digits in every amount, header words cut anywhere in their cells."""

    def row(line: Line) -> list[str]:
        if not line.cells:
            return [line.text]
        cells = [re.sub(r"\d+\.\s?\d+", lambda m: data.draw(mangled_number(m[0].replace(" ", ""))), c)
                 for c in line.cells]
        if any("工资福利" in c for c in cells):  # the header row
            cells = [_cut(c, data.draw(st.integers(0, len(c)))) for c in cells]
        return ["\t".join(cells)]

    number = data.draw(st.sampled_from([0, 3]))
    lines = read(relaid(layout(number), _in_project_table(row)))
    assert scores(EXPECTED[number], lines) == (1.0, 1.0)


def _cut(text: str, at: int) -> str:
    return f"{text[:at]} {text[at:]}" if 0 < at < len(text) else text


def test_the_seeds_rows_add_up_and_a_row_that_does_not_is_reported() -> None:
    for number in (0, 2, 3, 4):
        assert [f for f in reconcile(read_document(seed(number))) if f.check == "project_line_columns"] == []
    src = SourceRef(342, 342, "208\t01\t09\t社会保险经办机构\t…")
    row = (
        ProjectLineFact("项目甲", "2080109", "商品和服务支出", 58.5, src, "302", row_total_wan=64.8),
        ProjectLineFact("项目甲", "2080109", "资本性支出", 6.0, src, "310", row_total_wan=64.8),
        # A row read without its columns is its own 合计: nothing to add up.
        ProjectLineFact("项目乙", "2080109", None, 13.83, SourceRef(343, 343, "…"), row_total_wan=13.83),
    )
    [finding] = reconcile(dataclasses.replace(CHANGJI, project_lines=row))
    assert (finding.check, finding.expected_wan, finding.actual_wan) == ("project_line_columns", 64.8, 64.5)
    assert finding.sources == (src,)


def test_the_sample_corpus_tables_by_economic_column(tmp_path: Path) -> None:
    """The generator prints 项目支出表 with the 经济分类 columns a unit uses (every layout, 元 or 万元,
    subtotal rows or none, 合计 first or last): each project under its code and column, with what it
    spends there (final accounts: executed)."""
    for doc in generate_corpus(24, 7):
        path = tmp_path / doc.filename
        path.write_text(doc.text, encoding="utf-8")
        expected = {(x["project"], x["function_code"], x["economic_code"]): x["amount_wan"]
                    for x in doc.truth["project_lines"]}
        lines = read_document(path).project_lines
        assert scores(expected, lines) == (1.0, 1.0), doc.filename


def test_an_amount_of_five_characters_before_the_total_row_is_no_code() -> None:
    """Words of a row ending ``… 24.48 0.00 24.48`` before ``合计``: ``24.48`` starts with 2 and is five
    characters, like a 款 code, but it is the row's last amount."""
    texts = [
        "表6 一般公共预算项目支出情况表",
        "类 款 项 科目名称 项目名称 合计 商品和服务支出 对个人和家庭的补助",
        "208 06 99 其他企业改革发展补助 生活补贴 24.48 0.00 24.48",
        "合计 24.48 0.00 24.48",
    ]
    lines = tuple(Line(i, t) for i, t in enumerate(texts, 1))
    [line] = read_project_lines(Layout("x.txt", "0", "text", lines))
    got = (line.project, line.function_code, line.economic_code, line.amount_wan)
    assert got == ("生活补贴", "2080699", "303", 24.48)
